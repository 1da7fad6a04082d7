"""The page cache empties only what a change can show on: a county's edit empties that county's
site and its prefecture's (which lists and counts the county's records), never an unrelated
committee's; what cannot be attributed to committees still empties every site."""

import datetime

from django.db import connection, transaction
from django.test import TestCase, TransactionTestCase
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from builders import (
    NewsIndexPageFactory,
    NewsPageFactory,
    committee_with_platforms,
    ensure_wagtail_root,
    make_activity,
    make_committee,
    make_image,
    make_platform,
    meeting_type,
)
from checks.models import OfficialName, SensitiveWord
from consultation.models import ConsultationSettings, MemberAttendance, Suggestion
from core.models import CommitteeSettings
from core.signals import content_changed
from members.models import MemberIndexPage, MemberPage, Term
from monitor.models import NotFoundHit
from monitor.run import monitor_site
from news.models import NewsIndexPage
from plugin_api.testing import add_page
from public import cache as page_cache
from public import cache_scope

HIT, MISS = "hit", "miss"


class ScopedInvalidation(TestCase):
    """平凉 (a prefecture) with two counties, 泾川 and 灵台; 酒泉 (another prefecture) with
    肃州. Each test caches every home page, makes one change and asks which are still served
    from the cache."""

    @classmethod
    def setUpTestData(cls):
        cls.prefecture, _ = committee_with_platforms("pingliang", "平凉市政协", level="prefecture")
        cls.county, platforms = committee_with_platforms(
            "jingchuan", "泾川县政协", parent=cls.prefecture
        )
        cls.sibling = make_committee("lingtai", "灵台县政协", parent=cls.prefecture)
        cls.far_prefecture = make_committee("jiuquan", "酒泉市政协", level="prefecture")
        cls.far_county = make_committee("suzhou", "肃州区政协", parent=cls.far_prefecture)
        cls.news = NewsIndexPageFactory(parent=cls.county.root_page, slug="news")
        cls.sibling_news = NewsIndexPageFactory(parent=cls.sibling.root_page, slug="news")
        cls.report = NewsPageFactory(parent=cls.news, title="泾川县政协召开主席会议", slug="r1")
        cls.platform = make_platform(platforms, "dongjie")
        cls.activity = make_activity(cls.platform, "背街小巷改造", steps=[1])
        members = add_page(cls.far_county.root_page, MemberIndexPage(title="委员", slug="members"))
        cls.far_member = add_page(members, MemberPage(title="张委员", slug="zhang"))
        make_activity(
            cls.platform,
            "请肃州区委员参加",
            steps=[1],
            member_attendances=[MemberAttendance(member=cls.far_member)],
        )

    def setUp(self):
        self.sites = {
            "prefecture": self.prefecture,
            "county": self.county,
            "sibling": self.sibling,
            "far_prefecture": self.far_prefecture,
            "far_county": self.far_county,
        }
        for site in self.sites.values():
            self.get(site)
        self.assertEqual(self.served(), dict.fromkeys(self.sites, HIT))

    def get(self, site, path="/"):
        return self.client.get(path, HTTP_HOST=site.hostname)

    def served(self):
        """How each home page is answered now (then it is cached again)."""
        return {name: self.get(site)["X-Page-Cache"] for name, site in self.sites.items()}

    def assertEmptied(self, *names):
        expected = {name: MISS if name in names else HIT for name in self.sites}
        self.assertEqual(self.served(), expected)

    def test_a_page_published_on_a_county_empties_that_county_and_its_prefecture(self):
        NewsPageFactory(
            parent=self.news, title="泾川县政协开展调研", slug="r2", date=datetime.date.today()
        )
        self.assertEmptied("county", "prefecture")
        self.assertContains(self.get(self.prefecture), "泾川县政协开展调研")  # its counties' latest
        self.assertContains(self.get(self.county), "泾川县政协开展调研")

    def test_a_draft_and_its_publication(self):
        self.report.title = "泾川县政协召开第二次主席会议"
        self.report.save_revision()
        self.assertEmptied("county", "prefecture")
        self.report.get_latest_revision().publish()
        self.assertEmptied("county", "prefecture")
        self.assertContains(self.get(self.county), "泾川县政协召开第二次主席会议")

    def test_a_page_unpublished_or_deleted(self):
        self.report.unpublish()
        self.assertEmptied("county", "prefecture")
        self.report.delete()
        self.assertEmptied("county", "prefecture")

    def test_a_page_moved_to_another_county_empties_both(self):
        self.report.move(self.sibling_news, pos="last-child")
        self.assertEmptied("county", "sibling", "prefecture")

    def test_a_consultation_activity_of_a_county(self):
        path = "/consultations/"
        self.get(self.county, path)
        make_activity(self.platform, "农贸市场搬迁", steps=[1])
        self.assertEmptied("county", "prefecture")
        self.assertContains(self.get(self.county, path), "农贸市场搬迁")

    def test_a_row_of_a_county_record(self):
        Suggestion.objects.create(activity=self.activity, content="增设路灯")
        self.assertEmptied("county", "prefecture")
        Suggestion.objects.filter(activity=self.activity).first().delete()
        self.assertEmptied("county", "prefecture")

    def test_a_404_a_monitor_run_or_a_word_list_entry_empties_nothing(self):
        for path in ("/no-such-column/", "/no-such-column/", "/another-missing/"):
            self.assertEqual(self.get(self.county, path).status_code, 404)
        self.assertEqual(NotFoundHit.objects.filter(site=self.county).count(), 2)
        monitor_site(self.county)
        SensitiveWord.objects.create(site=self.county, word="测试敏感词")
        OfficialName.objects.create(site=self.county, wrong="政协委员会主席", correct="政协主席")
        self.assertEmptied()

    def test_a_site_setting_of_a_county(self):
        rules = ConsultationSettings.for_site(self.county)
        rules.feedback_due_days = 20
        rules.save()
        self.assertEmptied("county", "prefecture")
        committee = CommitteeSettings.for_site(self.county)
        committee.sponsor = "泾川县政协办公室"
        committee.save()
        self.assertEmptied("county", "prefecture")
        self.assertContains(self.get(self.county), "主办单位：泾川县政协办公室")

    def test_a_prefecture_setting_shows_on_its_counties_too(self):
        committee = CommitteeSettings.for_site(self.prefecture)
        committee.short_name = "平凉市政协（新）"
        committee.save()
        self.assertEmptied("prefecture", "county", "sibling")
        self.assertContains(self.get(self.county), "平凉市政协（新）")  # the parent link

    def test_a_record_moved_to_another_committee_empties_both(self):
        term = Term.objects.create(site=self.county, number=9, starts_on=datetime.date(2021, 1, 1))
        self.assertEmptied("county", "prefecture")
        term.site = self.far_county
        term.save()
        self.assertEmptied("county", "prefecture", "far_county", "far_prefecture")

    def test_a_member_named_on_another_committee_s_activity(self):
        self.far_member.title = "张委员（改）"
        self.far_member.save_revision().publish()
        self.assertEmptied("far_county", "far_prefecture", "county", "prefecture")

    def test_a_bulk_change_that_names_its_sites(self):
        content_changed.send(sender=__name__, sites=[self.county])
        self.assertEmptied("county", "prefecture")

    def test_what_cannot_be_attributed_empties_every_site(self):
        everything = list(self.sites)
        content_changed.send(sender=__name__)  # a bulk change without its sites
        self.assertEmptied(*everything)
        chairpersons = meeting_type("chairpersons")  # a taxonomy the installation shares
        chairpersons.name = "主席会议（改）"
        chairpersons.save()
        self.assertEmptied(*everything)
        committee = CommitteeSettings.for_site(self.sibling)  # the committee tree changed
        committee.parent_site = self.far_prefecture
        committee.save()
        self.assertEmptied(*everything)
        self.far_county.site_name = "肃州"
        self.far_county.save()
        self.assertEmptied(*everything)

    def test_a_new_image_or_tag_is_on_no_page_until_one_shows_it(self):
        image = make_image("新照片")
        Tag.objects.create(name="新标签", slug="xin")
        self.assertEmptied()
        image.title = "改过的照片"
        image.save()
        self.assertEmptied(*self.sites)

    def test_a_page_served_from_the_cache_costs_no_query(self):
        with self.assertNumQueries(0):
            self.assertEqual(self.get(self.county)["X-Page-Cache"], HIT)


class ResolutionCost(TestCase):
    """Telling which sites a change affects costs at most two queries per row."""

    @classmethod
    def setUpTestData(cls):
        cls.prefecture, _ = committee_with_platforms("pingliang", "平凉市政协", level="prefecture")
        cls.county, platforms = committee_with_platforms(
            "jingchuan", "泾川县政协", parent=cls.prefecture
        )
        cls.platform = make_platform(platforms, "dongjie")
        cls.activity = make_activity(cls.platform, "背街小巷改造", suggestions=["增设路灯"])

    def affected(self, instance, created=False):
        with CaptureQueriesContext(connection) as queries:
            if not created:
                cache_scope.before_save(instance)
            sites = cache_scope.of_saved(instance, created)
        return sites, len(queries)

    def test_each_kind_of_row(self):
        both = frozenset({self.county.pk, self.prefecture.pk})
        suggestion = self.activity.suggestions.get()
        news = add_page(self.county.root_page, NewsIndexPage(title="新闻", slug="news"))
        self.assertEqual(self.affected(news), (both, 1))  # a page: the tree
        # A page others can name (an activity names its platform): also who names it.
        self.assertEqual(self.affected(self.platform), (both, 2))
        # A record: its site before the save, the tree, who names it (a case study).
        self.assertEqual(self.affected(self.activity), (both, 3))
        self.assertEqual(self.affected(suggestion), (both, 2))  # its owners before, the tree
        new = Suggestion(activity=self.activity, content="新建议")
        new.save()
        self.assertEqual(self.affected(new, created=True), (both, 2))


class GenerationAfterCommit(TransactionTestCase):
    def test_a_site_generation_moves_at_the_change_and_again_at_commit(self):
        ensure_wagtail_root()  # an earlier transactional test's flush removed it
        county = make_committee("jingchuan", "泾川县政协")
        before = page_cache.site_generation(county.pk)
        installation = page_cache.generation()
        with transaction.atomic():
            page_cache.content_changed({county.pk})
            during = page_cache.site_generation(county.pk)
        self.assertEqual(during, before + 1)
        self.assertEqual(page_cache.site_generation(county.pk), during + 1)
        self.assertEqual(page_cache.generation(), installation)
