"""Test data: committees are provisioned through the real code path; pages through
factory_boy factories that add themselves under a parent page."""

import datetime

import factory
from wagtail.models import Site
from wagtail.rich_text import RichText

from core.committees import provision_committee
from home.models import HomePage
from news.models import MeetingType, NewsIndexPage, NewsKind, NewsPage
from news.taxonomy import ensure_meeting_types


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
    """A committee Site with its HomePage, settings, collection and editor group; ``default``
    makes it the site answering unknown host names (replacing Wagtail's welcome site)."""
    if default:
        Site.objects.filter(is_default_site=True).update(is_default_site=False)
    return provision_committee(
        is_default_site=default,
        short_name=short_name or f"{slug}政协",
        name=f"中国人民政治协商会议{slug}委员会",
        level=level,
        parent_site=parent,
        hostname=f"{slug}.test",
        port=80,
        home_page=HomePage(title=short_name or slug, slug=slug),
        **settings_fields,
    )


def meeting_type(slug):
    ensure_meeting_types()
    return MeetingType.objects.get(slug=slug)


class PageFactory(factory.django.DjangoModelFactory):
    """Pass ``parent=`` (a page); the page is added as its child and published."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, publish=True, **kwargs):
        page = model_class(*args, **kwargs)
        parent.add_child(instance=page)
        if publish:
            page.save_revision().publish()
        else:
            page.live = False
            page.save()
        return page


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
