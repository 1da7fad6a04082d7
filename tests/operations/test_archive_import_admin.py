"""Large imports started from the admin: an editor uploads a JSON Lines file for their own
committee's site; the worker imports it with the import_archive importer and the report (counts,
skipped lines 第N行) is shown afterwards. Another committee's site is refused."""

import json

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse

from builders import make_committee, make_editor
from news.models import NewsPage
from news.taxonomy import ensure_meeting_types
from operations.models import ArchiveImport, ImportStatus

ADD = "wagtailsnippets_operations_archiveimport:add"
LIST = "wagtailsnippets_operations_archiveimport:list"
INSPECT = "wagtailsnippets_operations_archiveimport:inspect"


def line(number, title):
    return json.dumps(
        {"id": f"old-{number}", "title": title, "date": "2019-04-12", "body": "<p>正文</p>"},
        ensure_ascii=False,
    )


def archive(*lines, name="archive.jsonl"):
    return SimpleUploadedFile(name, ("\n".join(lines) + "\n").encode(), "application/jsonl")


class AdminImport(TestCase):
    def setUp(self):
        ensure_meeting_types()
        self.a = make_committee("zhuanglang", "庄浪县政协", default=True)
        self.b = make_committee("jingning", "静宁县政协")
        self.editor = make_editor(self.a)
        self.client.force_login(self.editor)

    def upload(self, site, upload):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(reverse(ADD), {"site": site.pk, "file": upload})

    def test_good_lines_are_imported_and_bad_lines_reported(self):
        response = self.upload(
            self.a, archive(line(1, "政协常委会会议召开"), "{不是 JSON", line(3, "主席会议召开"))
        )
        self.assertEqual(response.status_code, 302)
        record = ArchiveImport.objects.get()
        self.assertEqual(record.status, ImportStatus.DONE)
        self.assertEqual(record.uploaded_by, self.editor)
        # Kept outside MEDIA_ROOT, which the front server serves to anyone.
        self.assertTrue(record.file.path.startswith(str(settings.ARCHIVE_IMPORT_ROOT)))
        self.assertFalse(record.file.path.startswith(str(settings.MEDIA_ROOT)))
        self.assertEqual((record.created, record.updated, record.skipped), (2, 0, 1))
        self.assertTrue(record.errors[0].startswith("第2行："), record.errors)
        titles = set(
            NewsPage.objects.descendant_of(self.a.root_page).values_list("title", flat=True)
        )
        self.assertEqual(titles, {"政协常委会会议召开", "主席会议召开"})
        self.assertFalse(NewsPage.objects.descendant_of(self.b.root_page).exists())

        listing = self.client.get(reverse(LIST))
        self.assertContains(listing, "已完成")
        report = self.client.get(reverse(INSPECT, args=[record.pk]))
        self.assertContains(report, "第2行：")

    def test_another_committees_site_is_refused(self):
        response = self.upload(self.b, archive(line(1, "不该导入")))
        self.assertEqual(response.status_code, 404)
        self.assertFalse(ArchiveImport.objects.exists())
        self.assertFalse(NewsPage.objects.exists())

    def test_another_committees_import_is_not_shown(self):
        other = ArchiveImport.objects.create(site=self.b, file="imports/b.jsonl")
        self.assertEqual(self.client.get(reverse(INSPECT, args=[other.pk])).status_code, 404)
        self.assertNotContains(self.client.get(reverse(LIST)), "b.jsonl")

    def test_the_form_offers_only_the_editors_sites(self):
        response = self.client.get(reverse(ADD))
        self.assertContains(response, "庄浪县政协")
        self.assertNotContains(response, "静宁县政协")

    @override_settings(ARCHIVE_IMPORT_MAX_BYTES=100)
    def test_a_file_over_the_bound_is_refused(self):
        response = self.upload(self.a, archive(*(line(n, "很长的标题" * 5) for n in range(5))))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "文件过大")
        self.assertFalse(ArchiveImport.objects.exists())

    def test_only_json_lines(self):
        response = self.upload(self.a, archive(line(1, "标题"), name="archive.exe"))
        self.assertContains(response, "JSON Lines")
        self.assertFalse(ArchiveImport.objects.exists())
