"""Rows and what they belong to, for the page cache (public.cache_scope): which models change
nothing a reader sees, which foreign keys say where a row shows, and which rows elsewhere name
a page or record (and so show its title, name or address)."""

from functools import cache as memoise

from django.apps import apps
from django.db import connection
from modelcluster.fields import ParentalKey
from wagtail.models import Page

from core.tenancy import owner_field

# Records that change nothing a public page shows, or that are written while pages render:
# bumping on them would empty the cache for nothing.
IGNORED_MODELS = {
    "sessions.session",
    "auth.user",
    "admin.logentry",
    "contenttypes.contenttype",
    "auth.permission",
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.referenceindex",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.pagesubscription",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailadmin.editingsession",
    "wagtailusers.userprofile",
    "wagtailimages.rendition",
    "wagtailsearch.indexentry",
    "wagtailsearch.sqliteftsindexentry",
    "cppcc_search.searchdocument",  # follows the pages, which bump themselves
    "topics.topicsubmission",  # never shown on a cached page (receipts are not cached)
    "topics.topicaccesslog",
    "django_tasks_database.dbtaskresult",
    "wagtailadmin.formstate",  # the editor's form, saved as they type
    "wagtailcore.uploadedfile",  # an upload not yet made an image or document
    "wagtailembeds.embed",  # fetched while a page renders
    "operations.archiveimport",  # the upload and its report, read in the admin (the import
    # itself sends core.signals.content_changed)
    # Who may do what in the admin, and its workflows: nothing a reader sees. (A member's
    # personal groups are recomputed whenever their records change.)
    "auth.group",
    "auth.group_permissions",
    "auth.user_groups",
    "auth.user_user_permissions",
    "wagtailcore.collection",
    "wagtailcore.groupcollectionpermission",
    "wagtailcore.grouppagepermission",
    "wagtailcore.groupsitepermission",
    "wagtailcore.task",
    "wagtailcore.groupapprovaltask",
    "wagtailcore.groupapprovaltask_groups",
    "wagtailcore.workflow",
    "wagtailcore.workflowtask",
    "wagtailcore.workflowpage",
    "wagtailcore.workflowcontenttype",
    "axes.accessattempt",  # failed logins: an attacker must not empty the cache
    "axes.accessattemptexpiration",
    "axes.accessfailurelog",
    "axes.accesslog",
    # The site monitor's records: a 404 is counted while it is answered (an attacker asking for
    # random paths must not empty the cache), runs and findings are read in the admin only.
    "monitor.notfoundhit",
    "monitor.monitorrun",
    "monitor.finding",
    # What the checks before publication look for, and their workflow task: nothing a reader
    # sees (a page they let through bumps itself when it is published).
    "checks.sensitiveword",
    "checks.officialname",
    "checks.publicationchecktask",
}


def ignored(model):
    return model._meta.label_lower in IGNORED_MODELS


# A new image, document or tag is on no page until something that shows it is saved, which
# empties its own sites; the file fields are filled in lazily, while pages render.
REFERENCED_ONLY = {"wagtailimages.image", "wagtaildocs.document", "taggit.tag"}
LAZY_FIELDS = frozenset({"file_size", "file_hash"})


def run(query, params=()):
    """A query compiled once (the ORM builds it in a millisecond, the database answers in a
    tenth of that): its rows."""
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchall()


@memoise
def links(model):
    """The foreign keys that say where a row of ``model`` shows: [(field, lookup)], where the
    lookup reads the owner's site id or page path through the key."""
    if issubclass(model, Page):
        return []
    field_name = owner_field(model)
    if field_name:
        field = model._meta.get_field(field_name)
        return [(field, field.attname)]
    found = []
    for field in model._meta.concrete_fields:
        related = field.related_model if field.is_relation else None
        if related is None or not (field.many_to_one or field.one_to_one):
            continue
        if issubclass(related, Page):
            found.append((field, f"{field.name}__path"))
        elif owner_field(related):
            found.append((field, f"{field.name}__{owner_field(related)}"))
    return found


@memoise
def _owners_query(model):
    """The query ``read_owners`` runs for ``model``, with the names of its columns."""
    fields = links(model)
    keys = [field.attname for field, _ in fields]
    names = keys + [lookup for _, lookup in fields if lookup not in keys]
    try:
        query = model._base_manager.filter(pk=0).order_by().values_list(*names)[:1].query
        sql, params = query.sql_with_params()
    except Exception:  # noqa: BLE001 - a primary key that is not a number
        return None, names
    if list(params) != [0]:  # another parameter than the primary key: not compiled once
        return None, names
    return sql, names


def read_owners(model, pk):
    """(the row's keys, what they lead to), read from the database in one query; None when
    the row is not there."""
    sql, names = _owners_query(model)
    if sql is None:
        rows = list(model._base_manager.filter(pk=pk).values_list(*names)[:1])
    else:
        rows = run(sql, [pk])
    if not rows:
        return None
    values = dict(zip(names, rows[0], strict=True))
    fields = links(model)
    return (
        tuple(values[field.attname] for field, _ in fields),
        tuple(values[lookup] for _, lookup in fields),
    )


@memoise
def referrers(model):
    """The foreign keys of rows that name a ``model`` row without belonging to it (a member
    named in an attendance or as a proposer, an activity cited by a case study, a platform's
    parent platform): [(referring model, field)]. Keys to any page (permissions, redirects)
    are not among them."""
    targets = {m for m in model.__mro__ if m is not Page and hasattr(m, "_meta")}
    found = []
    for other in apps.get_models():
        if ignored(other):
            continue
        for field in other._meta.concrete_fields:
            if (
                field.is_relation
                and (field.many_to_one or field.one_to_one)
                and field.related_model in targets
                and not isinstance(field, ParentalKey)
                and not field.remote_field.parent_link
            ):
                found.append((other, field))
    return found


def _shown_at(other, field):
    """Lookups of the root or page paths where a row of ``other`` shows, other than through
    ``field``."""
    if issubclass(other, Page):
        return ["path"]
    if owner_field(other):
        return [f"{owner_field(other)}__root_page__path"]
    lookups = []
    for link, _ in links(other):
        if link.name == field.name:
            continue
        related = link.related_model
        if issubclass(related, Page):
            lookups.append(f"{link.name}__path")
        else:
            lookups.append(f"{link.name}__{owner_field(related)}__root_page__path")
    return lookups


def _referring(model, pk):
    branches = [
        other._base_manager.filter(**{field.name: pk}).order_by().values_list(lookup)
        for other, field in referrers(model)
        for lookup in _shown_at(other, field)
    ]
    if len(branches) > 1:
        return branches[0].union(*branches[1:], all=True)
    return branches[0] if branches else None


@memoise
def _referring_query(model):
    """(the SQL of ``_referring``, its number of parameters), compiled once; (None, 0) when
    nothing refers to ``model``; (None, -1) when it cannot be compiled once."""
    try:
        query = _referring(model, 0)
        if query is None:
            return None, 0
        sql, params = query.query.sql_with_params()
    except Exception:  # noqa: BLE001 - a primary key that is not a number
        return None, -1
    if any(param != 0 for param in params):
        return None, -1
    return sql, len(params)


def referring_paths(model, pk):
    """The page or site root paths of the rows that name the ``model`` row ``pk`` (one
    query; none when nothing can)."""
    sql, count = _referring_query(model)
    if sql is not None:
        return [path for (path,) in run(sql, [pk] * count)]
    if count == 0:
        return []
    return [path for (path,) in _referring(model, pk)]
