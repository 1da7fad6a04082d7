"""manage.py backup DEST: the database and the media files into a new directory, with a
manifest of row counts and checksums (operations.backup). Safe while the site runs."""

from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and media files into DEST (a directory that must not exist)."

    def add_arguments(self, parser):
        parser.add_argument(
            "destination", help="a new directory, e.g. /var/backups/cppcc/2026-12-03"
        )
        parser.add_argument("--no-media", action="store_true", help="the database only")

    def handle(self, *args, destination, no_media, **options):
        try:
            manifest = backup(destination, media=not no_media)
        except BackupError as error:
            raise CommandError(str(error)) from error
        pages = manifest["counts"].get("wagtailcore_page", 0)
        media = manifest["media"]
        self.stdout.write(
            self.style.SUCCESS(
                f"备份完成：{destination}（{manifest['engine']}，数据库 "
                f"{manifest['database']['bytes']} 字节，页面 {pages} 个，"
                f"媒体文件 {'未备份' if media is None else f'{len(media)} 个'}）"
            )
        )
        self.stdout.write(f"内容校验和：{manifest['content']}")
