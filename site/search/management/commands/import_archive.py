"""Import a committee's old news from JSON Lines (docs/import.md)."""

import os
import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search.archive import Importer


class Command(BaseCommand):
    help = "从 JSON Lines 文件导入历史新闻（按 id 更新，不重复；坏行报告行号和原因后跳过）。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON Lines 文件：每行一条新闻")
        parser.add_argument("--site", help="全部导入到此主机名的站点（否则按 county 匹配）")
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(self, *args, file, site=None, batch_size=500, no_progress=False, **options):
        if not os.path.isfile(file):
            raise CommandError(f"找不到文件 {file}")
        try:
            importer = Importer(site_hostname=site, batch_size=batch_size)
        except ValueError as error:
            raise CommandError(str(error)) from None
        # tqdm's monitor is a thread of its own; the importer forks its worker processes, and a
        # fork should find no other thread that might be holding a lock.
        tqdm.monitor_interval = 0
        started = time.monotonic()
        with (
            open(file, "rb") as lines,
            tqdm(
                total=os.path.getsize(file),
                unit="B",
                unit_scale=True,
                desc="导入",
                disable=no_progress,
                file=self.stderr._out,
            ) as bar,
        ):
            report = importer.run(lines, progress=bar.update)
        elapsed = time.monotonic() - started
        for error in report.errors:
            self.stderr.write(error)
        for warning in report.warnings:
            self.stderr.write(warning)
        rate = report.imported / elapsed if elapsed else 0
        self.stdout.write(
            self.style.SUCCESS(
                f"新建 {report.created} 条，更新 {report.updated} 条，"
                f"跳过 {len(report.errors)} 行，"
                f"按默认值导入 {len(report.warnings)} 处（{elapsed:.1f} 秒，每秒 {rate:.0f} 条）"
            )
        )
