"""manage.py import_members <roster.xlsx|csv> --site <hostname> --term 10 [--term-start …]"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from members.models import Term
from members.roster import RosterError, import_roster, read_rows


class Command(BaseCommand):
    help = "从名册（XLSX/CSV）导入委员：创建或更新委员页面、账号、权限组和本届任职。"

    def add_arguments(self, parser):
        parser.add_argument("roster", help="名册文件（.xlsx 或 .csv，第一行为表头）")
        parser.add_argument("--site", required=True, help="政协站点的主机名或站点名称")
        parser.add_argument("--term", type=int, required=True, help="届次，如 10")
        parser.add_argument(
            "--term-start", help="届次不存在时用此起始日期创建（YYYY-MM-DD）", default=None
        )
        parser.add_argument(
            "--username-prefix", default=None, help="账号前缀（默认取主机名第一段加“-”）"
        )

    def handle(self, *args, roster, site, term, term_start, username_prefix, **options):
        found = (
            Site.objects.filter(hostname=site).first()
            or Site.objects.filter(site_name=site).first()
        )
        if found is None:
            raise CommandError(f"找不到站点“{site}”。")
        term_obj = Term.objects.filter(site=found, number=term).first()
        if term_obj is None:
            if not term_start:
                raise CommandError(f"第{term}届尚未建立：请用 --term-start 给出起始日期。")
            try:
                starts_on = datetime.date.fromisoformat(term_start)
            except ValueError:
                raise CommandError(f"起始日期“{term_start}”无效（应为 YYYY-MM-DD）。") from None
            term_obj = Term.objects.create(site=found, number=term, starts_on=starts_on)
        prefix = (
            username_prefix if username_prefix is not None else found.hostname.split(".")[0] + "-"
        )
        try:
            report = import_roster(
                read_rows(roster), site=found, term=term_obj, username_prefix=prefix
            )
        except (RosterError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        for line, message in report.errors:
            self.stderr.write(f"第{line}行：{message}（已跳过）")
        for line, message in report.warnings:
            self.stdout.write(f"第{line}行：{message}")
        self.stdout.write(
            self.style.SUCCESS(
                f"新建 {report.created} 人，更新 {report.updated} 人，未变 {report.unchanged} 人，"
                f"跳过 {len(report.errors)} 行。"
            )
        )
