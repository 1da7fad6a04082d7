"""manage.py monitor_sites [--site HOST]: the site monitor's run for every committee (or one)."""

from django.core.management.base import BaseCommand, CommandError

from monitor.models import FindingKind
from monitor.run import committee_sites, run_all


class Command(BaseCommand):
    help = "检查每个政协网站：栏目更新、死链、页脚必备信息、图片替代文字、404 访问。"

    def add_arguments(self, parser):
        parser.add_argument("--site", help="只检查这个主机名的站点")

    def handle(self, *args, site=None, **options):
        if site and not committee_sites(site):
            raise CommandError(f"没有主机名为 {site} 的站点。")
        for run in run_all(site):
            if run.error:
                self.stderr.write(f"{run.site.hostname}：监测未完成：{run.error}")
                continue
            counts = "，".join(
                f"{label} {run.summary.get(kind, 0)}" for kind, label in FindingKind.choices
            )
            self.stdout.write(f"{run.site.hostname}：检查页面 {run.pages_crawled} 个；{counts}")
