"""Erase the name and mobile number of submissions closed longer ago than the retention period
each citizen was told of. The scheduler runs it daily (docs/topics.md)."""

from django.core.management.base import BaseCommand

from topics.handling import anonymise_due


class Command(BaseCommand):
    help = "删除已过保存期限的群众议题提交人联系方式（每日定时运行）。"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只报告将处理的条数，不删除。")

    def handle(self, *args, dry_run=False, **options):
        count = anonymise_due(dry_run=dry_run)
        if dry_run:
            self.stdout.write(f"到期待删除联系方式的议题：{count} 条（未删除）")
        else:
            self.stdout.write(self.style.SUCCESS(f"已删除 {count} 条议题的提交人联系方式"))
