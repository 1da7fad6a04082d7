"""Which committee sites a change can show on, so that the page cache empties theirs only.

- A page shows on the site whose root holds it.
- A record with a ``site`` (activities, terms, memberships, settings, a plugin's records, …)
  shows on that site.
- A row whose foreign keys lead to pages or to such records (an activity's steps and
  suggestions, a platform's members and photos, a method's settings) shows where they show.
- A page or record named by rows elsewhere (a member in an attendance, an activity in a case
  study) also shows where those rows show.
- Each of those sites is also listed, counted and searched by the committees above it (a
  prefecture's news and platform lists, its home page, its figures): their ancestors are
  included.
- A committee's own settings (its name, its links) show on the sites below it too, in the
  parent link of every page.

Anything else answers ``EVERY_SITE``: the Site rows themselves, a committee added to or moved
in the tree, shared taxonomies, a changed image or document, a record whose owner is gone, any
model this module cannot attribute. That stays correct whatever is added later. A new image,
document or tag answers no site: nothing shows it until a page or record that uses it is saved.

Cost: the tree of sites, one query per change; a row attributed through its foreign keys, one
more (read before an update or a delete, so that a record moved to another committee empties
both); a page or record that rows elsewhere can name, one more."""

from functools import cache as memoise

from django.db.models import OuterRef, Subquery
from wagtail.models import Page, Site

from core.models import CommitteeSettings
from core.tenancy import owner_field

from .cache_rows import (
    LAZY_FIELDS,
    REFERENCED_ONLY,
    links,
    read_owners,
    referrers,
    referring_paths,
    run,
)

EVERY_SITE = None


class Tree:
    """The sites' root paths and their parents in the committee tree, read in one query."""

    def __init__(self):
        rows = run(_tree_query())
        self.roots = [(path, pk) for pk, path, _ in rows]
        self.parents = {pk: parent for pk, _, parent in rows}

    def sites_of_paths(self, paths):
        """Every site whose root holds a page at one of ``paths``; EVERY_SITE if one is in
        no site (the tree root, a home page being set up)."""
        found = set()
        for path in paths:
            sites = {pk for root, pk in self.roots if path.startswith(root)}
            if not sites:
                return EVERY_SITE
            found |= sites
        return found

    def with_ancestors(self, site_ids):
        found = set(site_ids)
        frontier = list(found)
        while frontier:
            parent = self.parents.get(frontier.pop())
            if parent is not None and parent not in found:
                found.add(parent)
                frontier.append(parent)
        return found

    def with_descendants(self, site_ids):
        found = set(site_ids)
        grew = True
        while grew:
            below = {pk for pk, parent in self.parents.items() if parent in found}
            grew = not below <= found
            found |= below
        return found


@memoise
def _tree_query():
    parent = CommitteeSettings.objects.filter(site=OuterRef("pk")).values("parent_site")[:1]
    query = Site.objects.annotate(parent=Subquery(parent)).order_by()
    return query.values_list("pk", "root_page__path", "parent").query.sql_with_params()[0]


def _settled(tree, site_ids, paths=()):
    """``site_ids`` and the sites of ``paths``, with the committees above them."""
    if site_ids is EVERY_SITE:
        return EVERY_SITE
    at_paths = tree.sites_of_paths(paths)
    if at_paths is EVERY_SITE:
        return EVERY_SITE
    found = set(site_ids) | at_paths
    return frozenset(tree.with_ancestors(found)) if found else frozenset()


def of_sites(sites):
    """A bulk change to ``sites`` (Site objects or ids); None: to anything."""
    if sites is None:
        return EVERY_SITE
    return _settled(Tree(), {getattr(site, "pk", site) for site in sites})


def _model(instance):
    if isinstance(instance, Page):
        return instance.specific_class or type(instance)
    return type(instance)


def _referring(instance):
    """Where the rows that name ``instance`` show (paths)."""
    model = _model(instance)
    return referring_paths(model, instance.pk) if referrers(model) else []


def of_pages(page, *others):
    """``page`` saved, published, unpublished or moved; ``others``: pages whose children
    changed with it (a move's old and new parents)."""
    paths = [p.path for p in (page, *others)] + _referring(page)
    return _settled(Tree(), set(), paths)


def before_save(instance, update_fields=None):
    """Read, before an update, where the row shows now (stored on the instance for
    ``of_saved``): a record may be moving to another committee. Pages and unattributable
    models need nothing."""
    model = type(instance)
    if isinstance(instance, (Page, Site)) or instance._state.adding or instance.pk is None:
        return
    if model._meta.label_lower == "core.committeesettings":
        parents = model._base_manager.filter(pk=instance.pk).values_list("parent_site")
        instance._pagecache_parent = parents.first() or (None,)
        return
    fields = links(model)
    if not fields or (
        update_fields is not None and not {f.name for f, _ in fields} & set(update_fields)
    ):
        return
    instance._pagecache_before = read_owners(model, instance.pk)


def before_delete(instance):
    """Read, before a delete, where the row shows and who names it: the rows its keys lead
    to may be deleted with it, and the keys naming it set to null."""
    model = type(instance)
    if instance.pk is None:
        return
    if links(model) and not owner_field(model):
        instance._pagecache_before = read_owners(model, instance.pk)
    if referrers(_model(instance)):
        instance._pagecache_referring = _referring(instance)


def of_saved(instance, created, update_fields=None):
    """The sites whose pages a saved row can change (EVERY_SITE: all)."""
    model = type(instance)
    label = model._meta.label_lower
    if isinstance(instance, Page):
        return of_pages(instance)
    if label == "core.committeesettings":
        return _of_committee(instance, created)
    if label in REFERENCED_ONLY and (
        created or (update_fields is not None and set(update_fields) <= LAZY_FIELDS)
    ):
        return frozenset()
    if isinstance(instance, Site) or not links(model):
        return EVERY_SITE
    before = instance.__dict__.pop("_pagecache_before", None)
    keys = _keys(instance)
    if before is not None and before[0] == keys:
        now = before
    elif owner_field(model):
        now = keys, keys
    else:
        now = read_owners(model, instance.pk)
        if now is None:
            return EVERY_SITE
    referring = [] if created else _referring(instance)
    return _of_rows(model, [now, before], referring)


def of_deleted(instance):
    """The sites whose pages a deleted row can change (EVERY_SITE: all)."""
    model = type(instance)
    referring = instance.__dict__.pop("_pagecache_referring", [])
    if isinstance(instance, Page):
        return _settled(Tree(), set(), [instance.path, *referring])
    if model._meta.label_lower == "core.committeesettings" or isinstance(instance, Site):
        return EVERY_SITE
    if not links(model):
        return EVERY_SITE
    if owner_field(model):
        keys = _keys(instance)
        return _of_rows(model, [(keys, keys)], referring)
    before = instance.__dict__.pop("_pagecache_before", None)
    if before is None:
        return EVERY_SITE
    return _of_rows(model, [before], referring)


def _keys(instance):
    return tuple(getattr(instance, field.attname) for field, _ in links(type(instance)))


def _of_rows(model, readings, referring):
    """Where the readings of a row's keys (before and after) lead, and ``referring`` paths."""
    tree = Tree()
    site_ids, paths = set(), list(referring)
    for reading in readings:
        if reading is None:
            continue
        keys, owners = reading
        if all(key is None for key in keys):
            return EVERY_SITE
        for (field, _), key, owner in zip(links(model), keys, owners, strict=True):
            if key is None:
                continue
            if owner is None:
                return EVERY_SITE  # a row that is gone, or a record of no committee
            if issubclass(field.related_model, Page):
                paths.append(owner)
            else:
                site_ids.add(owner)
    return _settled(tree, site_ids, paths)


def _of_committee(settings, created):
    """A committee's settings show on its site, above it (lists, figures) and below it (the
    parent link); a committee added or moved in the tree changes the tree: every site."""
    parent_before = settings.__dict__.pop("_pagecache_parent", None)  # (id,) when read
    if created or parent_before != (settings.parent_site_id,):
        return EVERY_SITE
    tree = Tree()
    own = {settings.site_id}
    return frozenset(tree.with_ancestors(own) | tree.with_descendants(own))
