import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision, Site

from consultation.models import (
    Activity,
    ActivityStep,
    CaseStudyPage,
    PlatformEvidence,
    PlatformPage,
    Suggestion,
)
from core.models import CommitteeSettings
from demo import content as demo
from demo import seed_text
from demo.scheduled import SLUG as SCHEDULED_SLUG
from home.demo import NOTICES
from news.models import MeetingType, NewsPage, ReviewedReport


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Page,
            Revision,
            Site,
            Group,
            get_user_model(),
            ReviewedReport,
            CommitteeSettings,
            MeetingType,
            PlatformPage,
            PlatformEvidence,
            Activity,
            ActivityStep,
            Suggestion,
            CaseStudyPage,
        )
    }


@pytest.fixture
def demo_loaded(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))


def test_loading_the_demo_twice_changes_nothing(demo_loaded):
    before = counts()
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert counts() == before


def test_demo_builds_a_prefecture_and_at_least_three_counties(demo_loaded):
    pingliang = Site.objects.get(hostname="pingliang.localhost")
    counties = CommitteeSettings.objects.filter(parent_site=pingliang, level="county")
    assert counties.count() >= 3
    assert CommitteeSettings.for_site(pingliang).level == "prefecture"


def test_every_seed_report_becomes_a_live_page(demo_loaded):
    # Besides them, each committee's demo notices (home.demo).
    notices = NewsPage.objects.live().filter(kind="notice", summary__startswith="演示")
    assert notices.count() == len(demo.COMMITTEES) * len(NOTICES)
    assert NewsPage.objects.live().exclude(pk__in=notices).count() == len(demo.NEWS)
    # Besides them, one report waits to go live a minute later (demo.scheduled).
    slugs = set(NewsPage.objects.exclude(pk__in=notices).values_list("slug", flat=True))
    assert slugs == {n.slug for n in demo.NEWS} | {SCHEDULED_SLUG}
    assert not NewsPage.objects.get(slug=SCHEDULED_SLUG).live


def test_the_chairpersons_meeting_lists_the_reports_it_reviewed(demo_loaded):
    page = NewsPage.objects.get(slug="wujie-wuci-zhuxi-huiyi")
    assert page.full_meeting_label() == "平凉市政协五届五次主席会议"
    outcomes = list(page.reviewed_reports.values_list("outcome", flat=True))
    assert outcomes.count("reviewed") == 5
    assert outcomes.count("adopted") == 1
    assert page.reviewed_reports.filter(
        title="关于“中心城区环境卫生整治工作”视察情况的报告"
    ).exists()  # rejoined across the seed's column break


HOME_REPORTS = {
    "pingliang.localhost": "平凉市政协召开五届五次主席会议",
    "zhuanglang.localhost": "庄浪县政协召开十届七次常委会会议",
    "gaotai.localhost": "高台县政协召开专题议政性常委会会议",
    "honggu.localhost": "红古区政协召开十届三次常委会会议",
    "huixian.localhost": "徽县政协调研指导高桥镇协商议事活动",
}


def test_each_demo_home_shows_its_own_reports_and_not_others(demo_loaded, client):
    for host, title in HOME_REPORTS.items():
        html = client.get("/", HTTP_HOST=f"{host}:8000").content.decode()
        assert title in html, host
        if host != "pingliang.localhost":  # the prefecture also shows its counties' news
            others = [t for h, t in HOME_REPORTS.items() if h != host]
            assert not any(other in html for other in others), host


def test_demo_text_is_cleaned_of_legacy_noise(demo_loaded):
    body = str(NewsPage.objects.get(slug="wuda-guanjianci").body)
    assert "政協" in body
    assert "(xié)" not in body and "(xi" not in body
    assert "，，" not in body and "，。" not in body


def test_demo_refuses_to_load_where_not_allowed(db, settings):
    settings.CPPCC_DEMO_ALLOWED = False
    with pytest.raises(CommandError):
        call_command("load_demo")
    assert not Site.objects.filter(hostname="pingliang.localhost").exists()


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("政協(xié)工作報告", "政協工作報告"),
        ("發(fā)揮", "發揮"),
        ("一年來,,在中共瀘州市委", "一年來，在中共瀘州市委"),
        ("喜迎二十大,。", "喜迎二十大。"),
        ("提案(草案)", "提案（草案）"),
        ("Wagtail (CMS)", "Wagtail (CMS)"),
    ],
)
def test_seed_text_cleaning(raw, clean):
    assert seed_text.clean_seed_text(raw) == clean


def test_paragraphs_broken_mid_sentence_are_rejoined():
    text = "市政协结合全市街道、郊区建\n\n立了10个政协委员工作站。\n\n第二段。"
    assert seed_text.paragraphs(text) == [
        "市政协结合全市街道、郊区建立了10个政协委员工作站。",
        "第二段。",
    ]


def test_reviewed_and_adopted_reports_are_parsed():
    text = "会议审议了《甲报告》《乙报告》,审议通过了《丙报告(草案)》和有关人事事项。"
    assert seed_text.parse_reviewed_reports(text) == [
        ("甲报告", "reviewed"),
        ("乙报告", "reviewed"),
        ("丙报告(草案)", "adopted"),
    ]


def test_every_demo_image_has_its_alternative_text(demo_loaded):
    """The admin requires an image's description (its alternative text) and the site monitor
    flags an image without one: the demo's own pictures carry theirs."""
    from wagtail.images.models import Image

    assert Image.objects.exists()
    assert list(Image.objects.filter(description="").values_list("title", flat=True)) == []
