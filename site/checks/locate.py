"""Where a page field sits in the page editor: the id of the panel section that holds it and of
its tab, computed the way Wagtail's panels compute their ids (``panel-child-<tab>-<panel>-
section``, ``tab-<tab>``), so a finding links to the place the editor fixes it."""

from functools import cache

from django.utils.translation import get_language


def _fields_of(panel):
    names = []
    for attr in ("field_name", "relation_name"):
        if getattr(panel, attr, None):
            names.append(getattr(panel, attr))
    for child in getattr(panel, "children", ()):
        names += _fields_of(child)
    return names


def sections(page_class):
    """{field name: (section id, tab identifier)} for ``page_class``'s edit form (ids come from
    the translated headings: one map per language)."""
    return _sections(page_class, get_language())


@cache
def _sections(page_class, language):
    handler = page_class.get_edit_handler()
    found = {}
    tabs = getattr(handler, "children", ())
    for tab, tab_id in zip(tabs, getattr(handler, "child_identifiers", ()), strict=False):
        for child, child_id in zip(tab.children, tab.child_identifiers, strict=False):
            section = f"panel-child-{tab_id}-{child_id}-section"
            for name in _fields_of(child):
                found.setdefault(name, (section, tab_id))
    return found


def anchor(page_class, field):
    """(section id, tab identifier) of ``field`` on the edit form of ``page_class``, or
    ("", "") when no panel shows it."""
    return sections(page_class).get(field, ("", ""))
