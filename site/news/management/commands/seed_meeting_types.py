from django.core.management.base import BaseCommand

from news.taxonomy import ensure_meeting_types


class Command(BaseCommand):
    help = "Create the default meeting types (主席会议, 常委会会议, …) that are missing."

    def handle(self, *args, **options):
        created = ensure_meeting_types()
        self.stdout.write(f"会议类型：新建 {created} 个。")
