"""Index every live, public page and public activity again: after installing, after a change
of the text pipeline (OpenCC, rjieba, pypinyin versions) or when the index is suspect."""

import time

from django.core.management.base import BaseCommand

from search.indexing import rebuild


class Command(BaseCommand):
    help = "重建站内搜索索引（中文分词、繁简归一、拼音）。"

    def handle(self, *args, **options):
        started = time.monotonic()
        count = rebuild()
        self.stdout.write(
            self.style.SUCCESS(f"已索引 {count} 条内容，用时 {time.monotonic() - started:.1f} 秒")
        )
