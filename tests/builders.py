"""Builders of test data, one set for the whole suite: committees (a prefecture and its
counties), pages under them, platforms, activities with their steps, participants and
suggestions, members imported through the roster, editors, images and documents, news pages.

Records are made through the code paths the site itself uses (``provision_committee``, page
publication, the roster import), so a test sees what an editor's work would leave. The
committee, page, platform, activity, editor and method builders are ``plugin_api.testing``'s,
the ones the plugins' tests use; this module adds the shorthands only the host's tests need.
Defaults make a plausible record: pass only what a test is about.

Committees answer at ``<slug>.test``; their editor group is ``<short name>编辑``."""

import datetime
import io
from collections.abc import Mapping

import factory
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from consultation.models import MemberAttendance, PlatformKind, PlatformMember, Spine
from consultation.taxonomy import ensure_consultation_taxonomies
from members.models import Term
from members.roster import COLUMNS, import_roster
from news.models import MeetingType, NewsIndexPage, NewsKind, NewsPage
from news.taxonomy import ensure_meeting_types
from plugin_api import testing
from plugin_api.testing import activity_index, add_page, platform_index

__all__ = [
    "TERM_START",
    "NewsIndexPageFactory",
    "NewsPageFactory",
    "PageFactory",
    "activity_form",
    "activity_index",
    "add_page",
    "committee_with_members",
    "committee_with_platforms",
    "deliberated_activity",
    "ensure_wagtail_root",
    "make_activity",
    "make_committee",
    "make_document",
    "make_editor",
    "make_image",
    "make_platform",
    "meeting_type",
    "platform_index",
    "platform_kind",
    "roster_rows",
]

D = datetime.date
TERM_START = D(2021, 12, 1)


# Committees --------------------------------------------------------------------------------


def ensure_wagtail_root():
    """What Wagtail's migrations create and a flush (after any transactional test that ran
    before) removes: the default locale, the root collection and the root page."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale, Page

    locale, _ = Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if not Collection.objects.filter(depth=1).exists():
        Collection.objects.create(name="Root", path="0001", depth=1, numchild=0)
    if not Page.objects.filter(depth=1).exists():
        Page.objects.create(
            title="Root",
            slug="root",
            content_type=ContentType.objects.get_for_model(Page),
            path="0001",
            depth=1,
            numchild=0,
            url_path="/",
            locale=locale,
        )


def make_committee(
    slug, short_name=None, level="county", parent=None, default=False, **settings_fields
):
    """A committee with only its home page (no platform or activity index); ``default`` makes
    it the site answering unknown host names (replacing Wagtail's welcome site)."""
    return testing.committee(
        slug,
        short_name=short_name,
        level=level,
        parent=parent,
        default=default,
        index_pages=False,
        **settings_fields,
    )


def committee_with_platforms(slug, short_name=None, level="county", parent=None, **settings):
    """A committee with its 协商平台 and 协商活动 index pages: (site, platform index). The
    activity index is ``activity_index(site)``."""
    site = testing.committee(slug, short_name=short_name, level=level, parent=parent, **settings)
    return site, platform_index(site)


def make_editor(site, username=None):
    """A user in the committee's editor group; ``username`` defaults to ``<slug>-editor``."""
    return testing.editor(site, username)


# Platforms and activities ------------------------------------------------------------------


def platform_kind(slug):
    ensure_consultation_taxonomies()
    return PlatformKind.objects.get(slug=slug)


def make_platform(
    index,
    slug,
    kind="room",
    level="village",
    established_on=None,
    members=(),
    publish=True,
    title=None,
    **fields,
):
    """A platform under ``index`` (titled ``<slug>议事室`` unless ``title``); ``members`` is
    its roster, [(name, is_committee_member), …], which goes into the published revision."""
    if established_on is not None:
        fields["established_on"] = established_on
    return testing.platform(
        index,
        slug,
        kind=kind,
        level=level,
        title=title,
        publish=publish,
        members=[
            PlatformMember(name=name, is_committee_member=is_member) for name, is_member in members
        ],
        **fields,
    )


def make_activity(platform, topic, steps=(), *, participants=(), suggestions=(), **fields):
    """An activity at ``platform``.

    ``steps``: {step: date}, or step numbers alone, each then dated 2023-01-<step>. Every step
    has a public summary (``<step label>情况说明``) and an internal note (``<step label>内部记录``)
    and the activity internal notes (``内部备注不公开``), so tests can look for what must stay
    private. ``participants``: [(role, count), …] or {role: count}. ``suggestions``: texts
    (made on 2023-01-04), (made_on, status, resolved_on) tuples or mappings of Suggestion
    fields. ``fields``: further Activity fields (``method``, ``raised_by``, child rows such as
    ``member_attendances``)."""
    if not isinstance(steps, Mapping):
        steps = {step: D(2023, 1, step) for step in steps}
    fields.setdefault("internal_notes", "内部备注不公开")
    return testing.activity(
        platform,
        topic,
        {
            step: {
                "date": date,
                "summary": f"{Spine(step).label}情况说明",
                "internal_note": f"{Spine(step).label}内部记录",
            }
            for step, date in steps.items()
        },
        participants=participants,
        suggestions=[_suggestion(item) for item in suggestions],
        **fields,
    )


def _suggestion(item):
    if isinstance(item, str):
        return {"content": item, "made_on": D(2023, 1, 4)}
    if isinstance(item, Mapping):
        return item
    made_on, status, resolved_on = item
    return {"made_on": made_on, "status": status, "resolved_on": resolved_on}


def activity_form(platform_page, steps, suggestions=(), topic="摩配大市场物业管理问题"):
    """The activity admin's POST data: ``steps`` [(step, date)], ``suggestions`` [(text,
    status)], made on 2023-01-04."""
    return nested_form_data(
        {
            "topic": topic,
            "topic_description": "",
            "topic_source": "public",
            "topic_category": "",
            "raised_by": "",
            "platform": platform_page.pk,
            "format": "",
            "method": "",
            "internal_notes": "",
            "steps": inline_formset(
                [
                    {
                        "step": step,
                        "date": date.isoformat(),
                        "summary": "",
                        "actor": "",
                        "attachment": "",
                        "internal_note": "",
                    }
                    for step, date in steps
                ]
            ),
            "participants": inline_formset([]),
            "member_attendances": inline_formset([]),
            "suggestions": inline_formset(
                [
                    {
                        "content": text,
                        "proposed_by": "",
                        "made_on": "2023-01-04",
                        "status": status,
                        "resolved_on": "",
                        "responsible_department": "",
                        "response": "",
                    }
                    for text, status in suggestions
                ]
            ),
        }
    )


# Members ------------------------------------------------------------------------------------


def committee_with_members(slug, rows, workstations=("东湖",), parent=None, term_number=10):
    """A committee whose roster ``rows`` ([{column: value}, …], the roster's Chinese headers)
    has been imported, with a township workstation per name in ``workstations``.
    Returns (site, platform index, {name: workstation}, term, import report)."""
    site, index = committee_with_platforms(slug, parent=parent)
    stations = {}
    for name in workstations:
        stations[name] = make_platform(
            index,
            f"{slug}-ws-{len(stations)}",
            kind="workstation",
            level="township",
            title=f"{name}委员工作站",
        )
    term = Term.objects.create(site=site, number=term_number, starts_on=TERM_START)
    report = import_roster(roster_rows(rows), site=site, term=term, username_prefix=f"{slug}-")
    return site, index, stations, term, report


def roster_rows(rows):
    """Rows as ``read_rows`` yields them, numbered as in a file with a header on line 1."""
    for line, row in enumerate(rows, start=2):
        yield line, {COLUMNS[key]: str(value) for key, value in row.items()}


def deliberated_activity(platform, topic, held_on, attendees=(), raised_by=None, suggestions=()):
    """An activity at ``platform`` deliberated on ``held_on`` and published the next day.

    ``attendees``: [(member page, role)]; ``suggestions``: [(member page, status)]."""
    return make_activity(
        platform,
        topic,
        {Spine.DELIBERATE: held_on, Spine.PUBLISH: held_on + datetime.timedelta(days=1)},
        raised_by=raised_by,
        member_attendances=[
            MemberAttendance(member=member, role=role) for member, role in attendees
        ],
        suggestions=[
            {"content": f"{topic}建议", "proposer": member, "made_on": held_on, "status": status}
            for member, status in suggestions
        ],
    )


# Files --------------------------------------------------------------------------------------


def make_image(title="照片"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 4), "#c00").save(buffer, "PNG")
    image = Image(title=title, file=ImageFile(io.BytesIO(buffer.getvalue()), name="x.png"))
    image.save()
    return image


def make_document(title="制度"):
    document = Document(title=title)
    document.file.save("rules.txt", ContentFile(b"rules of the room"), save=False)
    document.save()
    return document


# News ---------------------------------------------------------------------------------------


def meeting_type(slug):
    ensure_meeting_types()
    return MeetingType.objects.get(slug=slug)


class PageFactory(factory.django.DjangoModelFactory):
    """Pass ``parent=`` (a page); the page is added as its child and published."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, publish=True, **kwargs):
        return add_page(parent, model_class(*args, **kwargs), publish=publish)


class NewsIndexPageFactory(PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "新闻动态"
    slug = factory.Sequence(lambda n: f"news-{n}")


class NewsPageFactory(PageFactory):
    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"测试报道{n}")
    slug = factory.Sequence(lambda n: f"report-{n}")
    kind = NewsKind.MEETING_REPORT
    date = datetime.date(2022, 10, 8)
    meeting_type = factory.LazyFunction(lambda: meeting_type("chairpersons"))
    term = 5
    sitting = 5
    body = factory.LazyFunction(
        lambda: [("paragraph", RichText("<p>会议传达学习了有关精神。</p>"))]
    )
