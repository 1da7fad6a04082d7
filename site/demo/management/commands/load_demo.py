"""Build the demo: one site per committee, news from the real reports in the seeds, and
consultation platforms, activities and case studies (consultation.demo).

Idempotent: whatever already exists (matched by host name, slug or username) is left as it is.
"""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Site
from wagtail.rich_text import RichText

from consultation.demo import load_consultation_demo
from consultation.tasks import warm_figures
from core.committees import editor_group_name, provision_committee
from core.models import CommitteeSettings
from core.plugins import load_plugin_demos
from demo import content as demo
from demo import seed_text
from demo.scheduled import schedule_demo_report
from home.demo import load_home_demo
from home.models import HomePage
from members.demo import load_members_demo, load_organisation_demo
from news.models import MeetingType, NewsIndexPage, NewsPage, ReviewedReport
from news.taxonomy import ensure_meeting_types
from search.demo import load_search_demo
from topics.demo import load_topics_demo

DEFAULT_PASSWORD = "cppcc-demo-2026"

# The footer's mandatory items (CommitteeSettings.missing_footer_items) for each demo committee.
# The sponsor is the committee's name from the seeds; the rest is made up and marked 演示 (the
# phone field takes digits only: its number is all zeros after the real area code).
# slug: (ICP province, police province, area code, postcode, place)
DEMO_PLACES = {
    "pingliang": ("陇", "甘", "0933", "744000", "甘肃省平凉市崆峒区"),
    "zhuanglang": ("陇", "甘", "0933", "744600", "甘肃省平凉市庄浪县"),
    "gaotai": ("陇", "甘", "0936", "734300", "甘肃省张掖市高台县"),
    "honggu": ("陇", "甘", "0931", "730084", "甘肃省兰州市红古区"),
    "huixian": ("陇", "甘", "0939", "742300", "甘肃省陇南市徽县"),
    "jiayuguan": ("陇", "甘", "0937", "735100", "甘肃省嘉峪关市"),
    "luzhou": ("川", "川", "0830", "646000", "四川省泸州市"),
    "aba": ("川", "川", "0837", "624000", "四川省阿坝藏族羌族自治州马尔康市"),
}
UNKNOWN_PLACE = ("某", "某", "0000", "000000", "（原文隐去地名）")


def demo_footer(committee, number):
    """The footer fields of the ``number``th demo committee."""
    icp, police, area, postcode, place = DEMO_PLACES.get(committee.slug, UNKNOWN_PLACE)
    return {
        "sponsor": committee.name,
        "address": f"演示：{place}{committee.short_name}机关",
        "phone": f"{area}-0000000",
        "postcode": postcode,
        "contact": "（演示）以上地址、电话和备案号均为演示数据。",
        "icp_number": f"演示：{icp}ICP备{number:08d}号-1",
        "police_number": f"演示：{police}公网安备 {number:014d}号",
        "website_code": f"演示{number:010d}",
    }


class Command(BaseCommand):
    help = "Load the demo committees and their meeting reports (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument("--domain", default="localhost", help="sites answer on <slug>.DOMAIN")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--seeds", default=str(seed_text.SEEDS_DIR))

    def handle(self, *args, domain, port, seeds, **options):
        if not getattr(settings, "CPPCC_DEMO_ALLOWED", False):
            raise CommandError("演示数据含公开的测试口令，只能在开发或测试环境中加载。")
        password = os.environ.get("DEMO_PASSWORD", DEFAULT_PASSWORD)
        with transaction.atomic():
            ensure_meeting_types()
            self._remove_wagtail_welcome_site()
            removed = self._remove_duplicate_sites(
                [f"{committee.slug}.{domain}" for committee in demo.COMMITTEES]
            )
            sites = {}
            for number, committee in enumerate(demo.COMMITTEES, start=1):
                sites[committee.slug] = self._committee(committee, sites, domain, port, number)
            for item in demo.NEWS:
                self._news(item, sites[item.committee], seeds)
            load_consultation_demo(sites, {c.slug: c.short_name for c in demo.COMMITTEES})
            load_home_demo(sites)
            self._users(password)
            member_logins = load_members_demo(sites, password)
            load_organisation_demo(
                sites, {slug: CommitteeSettings.for_site(s).phone for slug, s in sites.items()}
            )
            load_plugin_demos(sites)
            topic_codes = load_topics_demo(sites)
            prefecture = sites[demo.COMMITTEES[0].slug]
            scheduled_at = schedule_demo_report(self._news_index(prefecture))
        # After the transaction: activities are indexed on commit.
        indexed = load_search_demo()
        warm_figures.enqueue()  # by the worker: the first reader of a figures page does not wait
        if removed:
            self.stdout.write(f"已移除早先以其他端口重复建立的站点 {removed} 个。")
        self.stdout.write(
            self.style.SUCCESS(f"演示数据已就绪：{len(sites)} 个政协站点，搜索索引 {indexed} 条。")
        )
        for committee in demo.COMMITTEES:
            self.stdout.write(f"  {committee.short_name}: {sites[committee.slug].root_url}/")
        self.stdout.write(
            f"管理后台：{sites['pingliang'].root_url}/admin/  用户名 admin  口令 {password}"
        )
        self.stdout.write("各站编辑账号：<站点标识>-editor（如 zhuanglang-editor），口令同上。")
        if scheduled_at:
            self.stdout.write(
                f"定时发布演示：{prefecture.root_url}/ 的新闻动态中有一条报道将于 "
                f"{timezone.localtime(scheduled_at):%H:%M} 由后台任务自动发布。"
            )
        if topic_codes:
            self.stdout.write("群众议题演示回执码（在各站“我有事要协商”页面凭码查询）：")
            for slug, codes in topic_codes.items():
                self.stdout.write(
                    f"  {sites[slug].root_url}/topics/receipt/：已采纳 {codes['accepted']}，"
                    f"审核中 {codes['received']}，未采纳 {codes['declined']}"
                )
        if member_logins:
            self.stdout.write(
                "委员账号（可编辑本人页面和所任站长的委员工作站，修改须经编辑审核）："
                + "、".join(sorted(member_logins.values()))
                + "，口令同上。"
            )

    def _remove_wagtail_welcome_site(self):
        """Wagtail's initial migration creates a welcome page and a localhost:80 site."""
        for site in Site.objects.filter(root_page__content_type__model="page", root_page__depth=2):
            welcome = site.root_page
            site.delete()
            if not welcome.get_children().exists():
                welcome.delete()

    def _remove_duplicate_sites(self, hostnames):
        """Earlier versions added a second set of sites (and demo records on them) when the demo
        was loaded again on another port, and a second default site. Keeps each host name's
        first site, whose port provision_committee then updates; the later rows go, with what
        was loaded onto them."""
        removed = 0
        for hostname in hostnames:
            rows = list(Site.objects.filter(hostname=hostname).order_by("pk"))
            for duplicate in rows[1:]:
                CommitteeSettings.objects.filter(parent_site=duplicate).update(parent_site=rows[0])
                duplicate.delete()
                removed += 1
        if removed:
            Site.clear_site_root_paths_cache()
        return removed

    def _committee(self, committee, sites, domain, port, number):
        parent = sites.get(committee.parent) if committee.parent else None
        return provision_committee(
            short_name=committee.short_name,
            name=committee.name,
            level=committee.level,
            parent_site=parent,
            hostname=f"{committee.slug}.{domain}",
            port=port,
            is_default_site=committee.slug == demo.COMMITTEES[0].slug,
            home_page=HomePage(title=committee.short_name, slug=committee.slug),
            primary_colour=committee.primary_colour,
            **demo_footer(committee, number),
        )

    def _news_index(self, site):
        home = site.root_page.specific
        index = home.get_children().type(NewsIndexPage).first()
        if index:
            return index.specific
        index = home.add_child(
            instance=NewsIndexPage(
                title="新闻动态",
                slug="news",
                show_in_menus=True,
                include_child_committees=site.child_committees.exists(),
            )
        )
        index.save_revision().publish()
        return index

    def _news(self, item, site, seeds_dir):
        index = self._news_index(site)
        if index.get_children().filter(slug=item.slug).exists():
            return
        text = seed_text.extract(seed_text.load_seed(item.seed, seeds_dir), item.start, item.end)
        paragraphs = seed_text.paragraphs(text)
        page = NewsPage(
            title=item.title,
            slug=item.slug,
            kind=item.kind,
            date=item.date,
            summary=item.summary,
            meeting_type=(
                MeetingType.objects.get(slug=item.meeting_type) if item.meeting_type else None
            ),
            term=item.term,
            sitting=item.sitting,
            place=item.place,
            presided_by=item.presided_by,
            correspondent=item.correspondent,
            photographer=item.photographer,
            source=item.source,
            body=[("paragraph", RichText(f"<p>{escape(p)}</p>")) for p in paragraphs],
        )
        page.reviewed_reports = [
            ReviewedReport(title=title, outcome=outcome, sort_order=i)
            for i, (title, outcome) in enumerate(
                seed_text.parse_reviewed_reports("".join(paragraphs))
            )
        ]
        page.tags.add(*item.tags)
        index.add_child(instance=page)
        page.save_revision().publish()

    def _users(self, password):
        User = get_user_model()
        if not User.objects.filter(username="admin").exists():
            User.objects.create_superuser("admin", "admin@example.com", password)
        for committee in demo.COMMITTEES:
            username = f"{committee.slug}-editor"
            if User.objects.filter(username=username).exists():
                continue
            user = User.objects.create_user(
                username,
                f"{username}@example.com",
                password,
                first_name=committee.short_name,
                last_name="编辑",
            )
            user.groups.add(Group.objects.get(name=editor_group_name(committee.short_name)))
