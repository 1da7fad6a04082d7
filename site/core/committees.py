"""The committee tree: which sites sit under which, and setting up a new committee site."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, TypeVar

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .models import CommitteeSettings
from .signals import moderation_workflow_created

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from django.db.models import QuerySet

_PageModel = TypeVar("_PageModel", bound="Page")

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
# Model permissions are declared by the apps that own the models, on their AppConfig (core names
# no other app): ``editor_permissions`` for every committee's editors (records of their own
# committee, scoped by core.tenancy), ``shared_taxonomy_permissions`` for the editors of the
# top-level committees (prefecture, province), who keep the taxonomies the installation shares.
EDITOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def child_committees(site: Site) -> QuerySet[CommitteeSettings]:
    """Settings of the committees that name ``site`` as their parent, with their sites
    (one query), ordered by site name."""
    return (
        CommitteeSettings.objects.filter(parent_site=site)
        .select_related("site", "site__root_page")
        .order_by("site__site_name", "pk")
    )


def descendant_sites(site: Site) -> QuerySet[Site]:
    """Every site below ``site`` in the committee tree (counties of a prefecture, …)."""
    parents: dict[int, list[int]] = {}
    for site_id, parent_id in CommitteeSettings.objects.exclude(
        parent_site__isnull=True
    ).values_list("site_id", "parent_site_id"):
        parents.setdefault(parent_id, []).append(site_id)
    found: list[int] = []
    frontier: list[int] = [site.pk]
    while frontier:
        next_frontier: list[int] = []
        for parent_id in frontier:
            for child_id in parents.get(parent_id, []):
                if child_id not in found and child_id != site.pk:
                    found.append(child_id)
                    next_frontier.append(child_id)
        frontier = next_frontier
    return Site.objects.filter(pk__in=found).select_related("root_page")


def listed_sites(page: Page, include_children: bool) -> list[Site]:
    """The sites an index page lists: its own and, if ``include_children``, those below."""
    own = page.get_site()
    sites = [own] if own else []
    if own and include_children:
        sites += list(descendant_sites(own))
    return sites


def site_for_path(path: str, sites: Iterable[Site]) -> Site | None:
    """The site in ``sites`` whose root page is an ancestor of the page at tree ``path``."""
    best = None
    for site in sites:
        root_path = site.root_page.path
        if path.startswith(root_path) and (
            best is None or len(root_path) > len(best.root_page.path)
        ):
            best = site
    return best


def committee_collection(short_name: str) -> Collection | None:
    """The committee's image and document collection (created by provision_committee)."""
    return Collection.get_first_root_node().get_children().filter(name=short_name).first()


def editor_group_name(short_name: str) -> str:
    return f"{short_name}编辑"


@transaction.atomic
def provision_committee(
    *,
    short_name: str,
    hostname: str,
    port: int = 80,
    home_page: Page,
    name: str = "",
    level: str = "county",
    parent_site: Site | None = None,
    is_default_site: bool = False,
    **settings_fields: object,
) -> Site:
    """Create (or find) everything one committee needs: its root HomePage under the tree
    root, a Site, its CommitteeSettings, an image/document collection and an editor group
    allowed to edit that site's pages and that collection only. Safe to call again.

    A committee is its host name: an existing site with ``hostname`` is reused and moved to
    ``port`` rather than joined by a second row (with several rows for one host name, Wagtail
    stops matching it on other ports and serves the default site instead). Making a site the
    default takes that from any other."""
    sites = Site.objects.filter(hostname=hostname).order_by("pk")
    site = sites.filter(port=port).first() or sites.first()
    if site is None:
        site = _create_site(short_name, hostname, port, home_page)
    elif site.port != port:
        site.port = port
        site.save(update_fields=["port"])
    if is_default_site:
        make_default_site(site)
    _update_settings(
        site,
        {
            "name": name,
            "short_name": short_name,
            "level": level,
            "parent_site": parent_site,
            **settings_fields,
        },
    )
    collection = committee_collection(short_name)
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=short_name)
    group = _editor_group(site, short_name, level, collection)
    ensure_moderation_workflow(site, group, short_name)
    return site


def make_default_site(site: Site) -> None:
    """``site`` answers host names no site claims; no other site does."""
    others = Site.objects.filter(is_default_site=True).exclude(pk=site.pk)
    if others.exists() or not site.is_default_site:
        others.update(is_default_site=False)
        site.is_default_site = True
        site.save(update_fields=["is_default_site"])
        Site.clear_site_root_paths_cache()


def _create_site(short_name: str, hostname: str, port: int, home_page: Page) -> Site:
    root = Page.get_first_root_node()
    existing = root.get_children().filter(slug=home_page.slug).first()
    home = existing.specific if existing else root.add_child(instance=home_page)
    if not existing:
        home.save_revision().publish()
    return Site.objects.create(
        hostname=hostname, port=port, site_name=short_name, root_page=home, is_default_site=False
    )


def _update_settings(site: Site, values: Mapping[str, object]) -> None:
    settings = CommitteeSettings.for_site(site)
    changed = False
    for field, value in values.items():
        if getattr(settings, field) != value:
            setattr(settings, field, value)
            changed = True
    if changed:
        settings.full_clean()
        settings.save()


def _editor_group(site: Site, short_name: str, level: str, collection: Collection) -> Group:
    """The committee's editor group: the declared model permissions, and (when first made)
    its site's pages and its collection."""
    group, created = Group.objects.get_or_create(name=editor_group_name(short_name))
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *declared_editor_permissions(level),
    )
    if created:
        for codename in EDITOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.create(
                group=group,
                page=site.root_page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
        for app_label, codename in EDITOR_COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.create(
                group=group,
                collection=collection,
                permission=Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                ),
            )
    return group


def declared_permission_names(level: str) -> list[str]:
    """ "app_label.codename" of every model permission the installed apps (host apps and
    plugins alike) declare for a committee's editors at ``level``."""
    from django.apps import apps

    names: list[str] = []
    for config in apps.get_app_configs():
        names += getattr(config, "editor_permissions", ())
        if level != "county":
            names += getattr(config, "shared_taxonomy_permissions", ())
    return names


def declared_editor_permissions(level: str) -> list[Permission]:
    """The Permission rows of ``declared_permission_names(level)``. A declared permission that
    does not exist is a typo in an AppConfig: it raises instead of being skipped."""
    wanted = {tuple(name.split(".", 1)) for name in declared_permission_names(level)}
    found: dict[tuple[str, ...], Permission] = {
        (permission.content_type.app_label, permission.codename): permission
        for permission in Permission.objects.select_related("content_type").filter(
            codename__in={codename for _, codename in wanted}
        )
    }
    missing = sorted(".".join(key) for key in wanted - found.keys())
    if missing:
        raise LookupError(f"declared editor permissions that do not exist: {missing}")
    return [found[key] for key in sorted(wanted)]


def grant_declared_permissions(**kwargs: object) -> None:
    """After migrate: existing committees' editor groups get what the installed apps declare
    (an app or plugin installed after the committees were set up; new committees get it from
    provision_committee). Only adds: nothing declared is ever taken away here."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    for config in apps.get_app_configs():
        # Core's post_migrate may run before the declaring app's own: make its permissions.
        if getattr(config, "editor_permissions", ()) or getattr(
            config, "shared_taxonomy_permissions", ()
        ):
            create_permissions(config, verbosity=0, using=kwargs.get("using", "default"))
    for settings in CommitteeSettings.objects.select_related("site"):
        group = Group.objects.filter(name=editor_group_name(settings.display_name)).first()
        if group is not None:
            group.permissions.add(*declared_editor_permissions(settings.level))


def ensure_moderation_workflow(site: Site, editor_group: Group, short_name: str) -> None:
    """Changes submitted for moderation on this committee's pages (members editing their own
    pages) go to this committee's editors, not to a global moderators group."""
    if WorkflowPage.objects.filter(page=site.root_page).exists():
        return
    workflow = Workflow.objects.create(name=f"{short_name}审核")
    task = GroupApprovalTask.objects.create(name=f"{short_name}编辑审核")
    task.groups.set([editor_group])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=site.root_page)
    moderation_workflow_created.send(sender=Workflow, workflow=workflow, site=site)


def pages_in_editable_sites(
    model: type[_PageModel], user: User | AnonymousUser
) -> QuerySet[_PageModel]:
    """Pages of ``model`` under the committees ``user`` edits (choices in admin forms)."""
    roots = [s.root_page.path for s in editable_sites(user).select_related("root_page")]
    allowed = model.objects.none()
    for root in roots:
        allowed |= model.objects.filter(path__startswith=root)
    return allowed


def editable_sites(user: User | AnonymousUser) -> QuerySet[Site]:
    """The committee sites whose pages ``user`` may edit: all for superusers, else those whose
    root page lies under a page one of the user's groups holds ``change_page`` on. Records that
    belong to a site (activities, …) are editable by the same people."""
    if not user.is_active:
        return Site.objects.none()
    if user.is_superuser:
        return Site.objects.all()
    granted = GroupPagePermission.objects.filter(
        group__user=user, permission__codename="change_page"
    ).values_list("page__path", flat=True)
    paths = list(granted)
    if not paths:
        return Site.objects.none()
    sites = Site.objects.select_related("root_page")
    return sites.filter(
        pk__in=[s.pk for s in sites if any(s.root_page.path.startswith(p) for p in paths)]
    )
