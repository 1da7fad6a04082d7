from django.core.management.base import BaseCommand

from consultation.taxonomy import ensure_consultation_taxonomies


class Command(BaseCommand):
    help = "Add the default platform kinds, topic categories and consultation formats."

    def handle(self, *args, **options):
        created = ensure_consultation_taxonomies()
        self.stdout.write(f"新增 {created} 个平台类型、议题类别或协商形式。")
