"""The demo's consultation records: from the seeds, marked as demo, every step reached
somewhere, and the demo sites' figures computed from them."""

from django.core.management import call_command
from django.test import TestCase
from wagtail.models import Site

from consultation import figures
from consultation.models import Activity, CaseStudyPage, PlatformPage, Spine
from consultation.models.platforms import six_haves_status, with_six_haves


class DemoRecordsTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", stdout=open("/dev/null", "w"))

    def test_every_demo_record_is_marked_as_demo(self):
        assert Activity.objects.exists() and PlatformPage.objects.exists()
        assert not Activity.objects.filter(is_demo=False).exists()
        assert not PlatformPage.objects.filter(is_demo=False).exists()

    def test_demo_activities_reach_every_step_of_the_spine(self):
        reached = set(Activity.objects.values_list("current_step", flat=True))
        assert reached >= {
            Spine.COLLECT,
            Spine.SELECT,
            Spine.DELIBERATE,
            Spine.PUBLISH,
            Spine.IMPLEMENT,
            Spine.FEEDBACK,
        }

    def test_the_bench_meeting_from_the_seed_is_recorded_and_solved(self):
        bench = Activity.objects.get(topic="皖西摩配大市场物业管理问题")
        assert bench.site.hostname == "xqu.localhost"
        assert bench.format.name == "板凳协商会"
        assert bench.current_step == Spine.FEEDBACK
        assert set(bench.suggestions.values_list("status", flat=True)) == {"solved"}
        assert CaseStudyPage.objects.live().filter(case_activities__activity=bench).exists()

    def test_demo_rooms_have_partial_six_haves_evidence(self):
        site = Site.objects.get(hostname="jiayuguan.localhost")
        rooms = with_six_haves(PlatformPage.objects.filter(kind__uses_six_haves=True), [site])
        missing = {
            room.title: len(six_haves_status(room)["missing"])
            for room in rooms
            if room.url_path.startswith("/jiayuguan/")
        }
        assert len(missing) == 4
        assert len(set(missing.values())) > 1  # rooms at different stages of the standard

    def test_demo_figures_roll_up_from_huixian_to_pingliang(self):
        huixian = Site.objects.get(hostname="huixian.localhost")
        pingliang = Site.objects.get(hostname="pingliang.localhost")
        county = dict((c.key, v) for c, v in figures.figures(figures.Scope.for_site(huixian)))
        prefecture = dict((c.key, v) for c, v in figures.figures(figures.Scope.for_site(pingliang)))
        assert county["activities"] == 1
        assert prefecture["activities"] >= county["activities"]
        assert prefecture["participants"] == county["participants"] == 11
