"""manage.py restore SRC: verifies a backup's checksums, replaces the database with it, copies
its media files back and checks the counts again (operations.backup). Stop the app servers and
the worker first: the restore replaces every table."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from core.signals import content_changed
from operations.backup import BackupError, read_manifest, restore


class Command(BaseCommand):
    help = "Restore the database and media files from a backup made by manage.py backup."

    def add_arguments(self, parser):
        parser.add_argument("source", help="the backup directory")
        parser.add_argument("--no-media", action="store_true", help="the database only")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="do not ask for confirmation",
        )

    def handle(self, *args, source, no_media, interactive, **options):
        try:
            manifest = read_manifest(source)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if interactive:
            answer = input(
                f"将用 {manifest['created']} 的备份覆盖当前数据库"
                f"{'' if no_media else '和媒体文件'}，请先停止应用服务和后台任务。输入 yes 继续："
            )
            if answer.strip() != "yes":
                raise CommandError("已取消。")
        try:
            result = restore(source, media=not no_media)
        except BackupError as error:
            raise CommandError(str(error)) from error
        # Pages cached before the restore are not what the database holds now.
        Site.clear_site_root_paths_cache()
        content_changed.send(sender=self.__class__)
        pages = manifest["counts"].get("wagtailcore_page", 0)
        self.stdout.write(
            self.style.SUCCESS(
                f"恢复完成并已核对：页面 {pages} 个，各表行数与内容校验和与备份一致；"
                f"媒体文件 {result['media_files']} 个。"
            )
        )
        if result["media_extra"]:
            self.stdout.write(
                f"媒体目录中另有 {result['media_extra']} 个备份中没有的文件，已保留未动。"
            )
        if "elasticsearch" in settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]:
            self.stdout.write("使用 Elasticsearch：请运行 manage.py update_index 重建搜索索引。")
