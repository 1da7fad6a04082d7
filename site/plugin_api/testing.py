"""Builders for a plugin's tests: committees as the host provisions them, their platforms and
activities, editors, and a method switched on for a site.

A plugin's tests run in the host project's checkout (its pytest settings and test database), so
they need the host's records: these helpers build them the way the host's own code paths do, so
a plugin neither copies the host's test code nor depends on how the host stores them. The host's
own tests use them too (``tests/builders.py``)::

    from plugin_api.testing import activity, committee, enable, platform

    class TeaTalkTest(TestCase):
        @classmethod
        def setUpTestData(cls):
            cls.site = committee("xian")
            cls.room = platform(cls.site, "chengnan")

        def test_it_counts_held_meetings(self):
            enable("tea_talk", self.site, {"contact": "0000-1234567"})
            activity(self.room, "议停车", {DELIBERATE: date(2024, 3, 1)}, method="tea_talk")

Every committee is served at ``<slug>.test``; pass ``HTTP_HOST=site.hostname`` to the client.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from core.committees import editor_group_name, provision_committee

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser
    from wagtail.models import Page, Site

__all__ = [
    "activity",
    "activity_index",
    "add_page",
    "committee",
    "editor",
    "enable",
    "platform",
    "platform_index",
]


def committee(
    slug: str,
    *,
    short_name: str | None = None,
    level: str = "county",
    parent: Site | None = None,
    default: bool = False,
    index_pages: bool = True,
    **settings: Any,
) -> Site:
    """A committee provisioned as the host provisions one (home page, settings, image
    collection, editor group), served at ``<slug>.test``.

    ``parent`` makes it one of that prefecture's counties (build the prefecture with
    ``level="prefecture"``); ``index_pages`` publishes its 协商平台 (``/platforms/``) and
    协商活动 (``/consultations/``) index pages, under which platforms and activities show;
    ``default`` makes it the site answering unknown host names; ``settings`` are further
    ``CommitteeSettings`` fields."""
    from wagtail.models import Site

    from consultation.models import ActivityIndexPage, PlatformIndexPage
    from consultation.taxonomy import ensure_consultation_taxonomies
    from home.models import HomePage

    if default:
        Site.objects.filter(is_default_site=True).update(is_default_site=False)
    site = provision_committee(
        is_default_site=default,
        short_name=short_name or f"{slug}政协",
        name=f"中国人民政治协商会议{slug}委员会",
        level=level,
        parent_site=parent,
        hostname=f"{slug}.test",
        port=80,
        home_page=HomePage(title=short_name or slug, slug=slug),
        **settings,
    )
    if index_pages:
        ensure_consultation_taxonomies()
        add_page(site.root_page, PlatformIndexPage(title="协商平台", slug="platforms"))
        add_page(site.root_page, ActivityIndexPage(title="协商活动", slug="consultations"))
    return site


def add_page(parent: Page, page: Page, publish: bool = True) -> Page:
    """``page`` added under ``parent`` and published (left a draft if not ``publish``), as an
    editor's 发布 leaves it."""
    page.live = publish
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return page


def platform_index(site: Site) -> Page:
    """The committee's 协商平台 index page (``committee(index_pages=True)`` made it)."""
    from consultation.models import PlatformIndexPage

    return PlatformIndexPage.objects.child_of(site.root_page).first()


def activity_index(site: Site) -> Page:
    """The committee's 协商活动 index page, where its activities are served."""
    from consultation.models import ActivityIndexPage

    return ActivityIndexPage.objects.child_of(site.root_page).first()


def platform(
    under: Site | Page,
    slug: str,
    *,
    kind: str = "room",
    level: str = "village",
    title: str | None = None,
    publish: bool = True,
    **fields: Any,
) -> Page:
    """A platform (阵地) of a committee: ``under`` is the committee's site (the platform goes
    under its 协商平台 index) or the parent page itself.

    ``kind`` is a platform kind's slug (``room`` 议事室, ``workstation``, ``council``,
    ``liaison-point``, ``liaison-committee``, …), ``level`` a ``PlatformLevel`` (``county``,
    ``township``, ``village``); ``fields`` are further ``PlatformPage`` fields
    (``parent_platform``, ``address``, ``established_on``, ``members``, …). Unpublished
    platforms, and their activities, are not public."""
    from wagtail.models import Site

    from consultation.models import PlatformKind, PlatformPage
    from consultation.taxonomy import ensure_consultation_taxonomies

    ensure_consultation_taxonomies()
    parent = platform_index(under) if isinstance(under, Site) else under
    page = PlatformPage(
        title=title or f"{slug}议事室",
        slug=slug,
        level=level,
        kind=PlatformKind.objects.get(slug=kind),
        **fields,
    )
    return add_page(parent, page, publish=publish)


def activity(
    platform: Page,
    topic: str,
    steps: Mapping | Iterable = (),
    *,
    participants: Mapping | Iterable = (),
    suggestions: Iterable[Mapping] = (),
    **fields: Any,
) -> Any:
    """An activity held at ``platform``, saved with its steps, participants and suggestions.

    ``steps``: {spine step: date} (``DELIBERATE`` … from ``plugin_api``), or {step: {field:
    value}} for more of the step's fields (``date``, ``summary``, ``internal_note``, …);
    ``participants``: {role: person-times}; ``suggestions``: one mapping of ``Suggestion``
    fields each (``content`` defaults to a numbered one, ``made_on`` to today);
    ``fields``: further ``Activity`` fields, ``method`` above all (the method key the activity
    followed)."""
    from consultation.models import Activity, ActivityStep, Participation, Suggestion

    steps = {
        step: value if isinstance(value, Mapping) else {"date": value}
        for step, value in dict(steps).items()
    }
    record = Activity(platform=platform, topic=topic, **fields)
    record.steps = [ActivityStep(step=step, **value) for step, value in steps.items()]
    record.participants = [
        Participation(role=role, count=count) for role, count in dict(participants).items()
    ]
    record.suggestions = [
        Suggestion(**{"content": f"{topic}的建议{number}", **suggestion})
        for number, suggestion in enumerate(suggestions, start=1)
    ]
    record.save()
    return record


def enable(method_key: str, site: Site, config: dict | None = None, *, enabled: bool = True) -> Any:
    """Switch the method ``method_key`` on for ``site`` (off with ``enabled=False``), with
    ``config`` (default ``{}``) checked against the method's schema as the admin checks it:
    a ``ValidationError`` if it does not fit. Returns the saved ``EnabledMethod`` row; set its
    ``enabled`` and save it to switch the method off later."""
    from core.models import EnabledMethod, MethodSettings

    setting = MethodSettings.for_site(site)
    if setting.pk is None:
        setting.save()
    row = EnabledMethod.objects.filter(setting=setting, key=method_key).first()
    if row is None:
        row = EnabledMethod(setting=setting, key=method_key)
    row.enabled = enabled
    row.config = {} if config is None else config
    row.full_clean()
    row.save()
    return row


def editor(site: Site, username: str | None = None, password: str = "x") -> AbstractBaseUser:
    """A user in the committee's editor group (what an editor may do on that committee's site
    and nothing else); ``username`` defaults to ``<slug>-editor``."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(
        username or f"{site.root_page.slug}-editor", password=password
    )
    user.groups.add(Group.objects.get(name=editor_group_name(site.site_name)))
    return user
