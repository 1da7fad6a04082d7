"""import_archive: the seeds' passages and a file with broken lines come across as news pages of
the right committees, cleaned, searchable at once; bad lines are reported and skipped; running
it again updates instead of duplicating."""

import datetime
import io
import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase, TransactionTestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from builders import ensure_wagtail_root, make_committee
from demo.seed_text import SEEDS_DIR
from news.models import NewsKind, NewsPage
from news.taxonomy import ensure_meeting_types

SEEDS = SEEDS_DIR  # the seeds, copied into the repository for the demo


def seed_lines():
    lines = []
    for number, path in enumerate(sorted(SEEDS.glob("*.txt")), start=1):
        text = path.read_text(encoding="utf-8")
        title = next(
            line for line in text.splitlines() if len(line.strip()) > 8 and ":" not in line
        ).strip()
        county = "泸州市政协" if "瀘州" in text or "泸州" in text else ""
        lines.append(
            json.dumps(
                {
                    "id": f"seed-{number}",
                    "title": title,
                    "date": "2022-12-25",
                    "body": text,
                    "county": county,
                    "type": "work_news",
                },
                ensure_ascii=False,
            )
        )
    return lines


class ArchiveImport(TestCase):
    def setUp(self):
        ensure_meeting_types()
        self.default = make_committee("pingliang", "平凉市政协", level="prefecture", default=True)
        self.luzhou = make_committee("luzhou", "泸州市政协", level="prefecture")

    def run_import(self, lines, *args):
        path = Path(self.enterContext(_tmp())) / "archive.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()
        call_command("import_archive", str(path), "--no-progress", *args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    def search(self, site, q):
        return self.client.get(
            "/search/", {"q": q, "format": "json"}, HTTP_HOST=site.hostname
        ).json()

    def test_the_seeds_come_across_cleaned_and_searchable_in_both_scripts(self):
        self.assertGreaterEqual(len(seed_lines()), 5)
        out, err = self.run_import(seed_lines())
        self.assertIn(f"新建 {len(seed_lines())} 条", out)
        self.assertEqual(err, "")
        luzhou_pages = NewsPage.objects.descendant_of(self.luzhou.root_page)
        self.assertEqual(luzhou_pages.count(), 1)
        body = str(luzhou_pages.get().body)
        self.assertNotIn("(xié)", body)
        self.assertNotIn(",,", body)
        self.assertNotIn("瀏覽次數", body)
        for query in ("政協", "政协", "有事来协商"):
            self.assertEqual(self.search(self.luzhou, query)["total"], 1, query)
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))

    def test_bad_lines_are_reported_with_their_numbers_and_the_good_ones_kept(self):
        good = json.dumps(
            {
                "id": "1",
                "title": "政协召开主席会议",
                "date": "2023-01-05",
                "body": "<p>会议传达学习。</p>",
                "type": "meeting_report",
                "meeting_type": "chairpersons",
            },
            ensure_ascii=False,
        )
        lines = [
            good,
            "{not json",
            json.dumps({"id": "2", "title": "缺日期", "body": "x"}, ensure_ascii=False),
            json.dumps(
                {"id": "3", "title": "错类型", "date": "2023-01-01", "body": "x", "type": "gossip"},
                ensure_ascii=False,
            ),
            json.dumps(
                {
                    "id": "4",
                    "title": "错会议",
                    "date": "2023-01-01",
                    "body": "x",
                    "meeting_type": "party",
                },
                ensure_ascii=False,
            ),
            "[1, 2]",
            json.dumps(
                {"id": "5", "title": "第二条好数据", "date": "2023-02-01", "body": "委员视察"},
                ensure_ascii=False,
            ),
        ]
        out, err = self.run_import(lines)
        self.assertIn("新建 4 条", out, err)
        self.assertIn("跳过 3 行", out)
        for number, reason in (
            (2, "不是有效的 JSON"),
            (3, "缺少字段：date"),
            (6, "应为一个 JSON 对象"),
        ):
            self.assertIn(f"第{number}行：{reason}", err)
        self.assertEqual(
            set(NewsPage.objects.values_list("title", flat=True)),
            {"政协召开主席会议", "错类型", "错会议", "第二条好数据"},
        )

    def run_import_bytes(self, data, *args):
        path = Path(self.enterContext(_tmp())) / "archive.jsonl"
        path.write_bytes(data)
        out, err = io.StringIO(), io.StringIO()
        call_command("import_archive", str(path), "--no-progress", *args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    def test_an_invalid_utf8_line_is_refused_and_the_others_kept(self):
        def item(n, title):
            line = {"id": f"u-{n}", "title": title, "date": "2023-01-05", "body": "正文"}
            return json.dumps(line, ensure_ascii=False).encode("utf-8")

        broken = item(2, "政协委员").replace("政协".encode(), "政协".encode("gbk"))  # a GBK word
        data = b"\n".join([item(1, "第一条"), broken, item(3, "第三条")]) + b"\n"
        out, err = self.run_import_bytes(data)
        self.assertIn("新建 2 条", out)
        self.assertIn("第2行：不是有效的 UTF-8 编码", err)
        titles = set(NewsPage.objects.values_list("title", flat=True))
        self.assertEqual(titles, {"第一条", "第三条"})

    def test_a_byte_order_mark_opening_the_file_is_not_an_error(self):
        line = {"id": "bom", "title": "记事本保存的", "date": "2023-01-05", "body": "正文"}
        out, err = self.run_import_bytes(
            b"\xef\xbb\xbf" + json.dumps(line, ensure_ascii=False).encode("utf-8") + b"\n"
        )
        self.assertIn("新建 1 条", out, err)
        self.assertEqual(err, "")

    def test_a_repeated_id_keeps_the_first_line_and_names_it(self):
        def item(archive_id, title):
            line = {"id": archive_id, "title": title, "date": "2023-01-05", "body": "正文"}
            return json.dumps(line, ensure_ascii=False)

        lines = [
            item("a", "先出现的"),
            item("b", "另一条"),
            item("a", "后出现的"),
            item(" a ", "再一次"),
        ]
        for batch_size in ("1", "500"):  # the repeat in a later batch or in the same one
            NewsPage.objects.all().delete()
            out, err = self.run_import(lines, "--batch-size", batch_size)
            self.assertIn("新建 2 条，更新 0 条，跳过 2 行", out)
            self.assertIn("第3行：id“a”与第1行重复", err)
            self.assertIn("第4行：id“a”与第1行重复", err)
            self.assertEqual(NewsPage.objects.get(archive_id="a").title, "先出现的")

    def test_an_id_over_a_hundred_characters_is_refused_not_cut(self):
        prefix = "x" * 100
        lines = [
            json.dumps({"id": prefix + suffix, "title": t, "date": "2023-01-05", "body": "正文"})
            for suffix, t in (("1", "one"), ("2", "two"))
        ]
        lines.append(json.dumps({"id": prefix, "title": "ok", "date": "2023-01-05", "body": "x"}))
        out, err = self.run_import(lines)
        self.assertIn("新建 1 条", out)
        self.assertIn("第1行：id 超过 100 个字符", err)
        self.assertIn("第2行：id 超过 100 个字符", err)
        self.assertEqual(NewsPage.objects.get().archive_id, prefix)

    def test_implausible_or_malformed_dates_are_refused(self):
        refused = ["0001-01-01", 20230105, "20230105", "2023-W01-1", "1949-09-20", "2023-01-051"]
        far = (timezone.localdate() + datetime.timedelta(days=400)).isoformat()
        refused.append(far)
        accepted = ["1949-09-21", "2019-04-12 09:30", "2019-04-12T09:30:00+08:00"]
        lines = [
            json.dumps({"id": f"d-{n}", "title": f"t{n}", "date": date, "body": "x"})
            for n, date in enumerate(refused + accepted, start=1)
        ]
        out, err = self.run_import(lines)
        self.assertIn(f"新建 {len(accepted)} 条", out, err)
        for number, date in enumerate(refused, start=1):
            self.assertIn(f"第{number}行：日期“{date}”", err)
        self.assertIn("不在 1949-09-21 至", err)
        self.assertEqual(
            sorted(NewsPage.objects.values_list("date", flat=True)),
            [datetime.date(1949, 9, 21), datetime.date(2019, 4, 12), datetime.date(2019, 4, 12)],
        )

    def test_an_unknown_optional_value_imports_the_item_with_the_default_and_a_warning(self):
        # An archive from another system names its types its own way: every line must survive.
        lines = [
            json.dumps(
                {
                    "id": "o-1",
                    "title": "类型不认识",
                    "date": "2023-01-05",
                    "body": "x",
                    "type": "news",
                }
            ),
            json.dumps(
                {
                    "id": "o-2",
                    "title": "会议类型不认识",
                    "date": "2023-01-05",
                    "body": "x",
                    "type": "meeting_report",
                    "meeting_type": "party",
                }
            ),
            json.dumps(
                {
                    "id": "o-3",
                    "title": "县不认识",
                    "date": "2023-01-05",
                    "body": "x",
                    "county": "火星县",
                }
            ),
        ]
        out, err = self.run_import(lines)
        self.assertIn("新建 3 条，更新 0 条，跳过 0 行，按默认值导入 3 处", out)
        self.assertIn("第1行：未知的类型“news”，已按“工作动态”导入", err)
        self.assertIn("第2行：未知的会议类型“party”", err)
        self.assertIn("第3行：未找到政协“火星县”，已导入默认站点", err)
        first, second, third = (NewsPage.objects.get(archive_id=f"o-{n}") for n in (1, 2, 3))
        self.assertEqual(first.kind, NewsKind.WORK_NEWS)
        self.assertEqual((second.kind, second.meeting_type), (NewsKind.MEETING_REPORT, None))
        self.assertTrue(NewsPage.objects.descendant_of(self.default.root_page).filter(pk=third.pk))

    def test_importing_again_updates_and_never_duplicates(self):
        line = {"id": "x-1", "title": "旧标题", "date": "2023-01-05", "body": "旧内容"}
        self.run_import([json.dumps(line, ensure_ascii=False)])
        line.update(title="新标题", body="新内容：板凳协商会")
        out, _ = self.run_import([json.dumps(line, ensure_ascii=False)])
        self.assertIn("新建 0 条，更新 1 条", out)
        page = NewsPage.objects.get()
        self.assertEqual(page.title, "新标题")
        self.assertEqual(self.search(self.default, "板凳协商会")["total"], 1)
        self.assertEqual(self.search(self.default, "旧内容")["total"], 0)

    def test_site_option_and_county_names_choose_the_committee(self):
        line = {
            "id": "c-1",
            "title": "县里的新闻",
            "date": "2023-01-05",
            "body": "委员",
            "county": "泸州",
        }
        self.run_import([json.dumps(line, ensure_ascii=False)])
        self.assertTrue(NewsPage.objects.descendant_of(self.luzhou.root_page).exists())
        line["id"] = "c-2"
        self.run_import([json.dumps(line, ensure_ascii=False)], "--site", "pingliang.test")
        self.assertTrue(NewsPage.objects.descendant_of(self.default.root_page).exists())

    def test_imported_pages_open_in_the_admin_editor(self):
        self.run_import(
            [
                json.dumps(
                    {"id": "e", "title": "可编辑", "date": "2023-01-05", "body": "正文"},
                    ensure_ascii=False,
                )
            ]
        )
        page = NewsPage.objects.get()
        self.client.force_login(get_user_model().objects.create_superuser("root", password="x"))
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.client.get(page.url, HTTP_HOST="pingliang.test").status_code, 200)


class ArchiveImportOutsideATransaction(TransactionTestCase):
    """Run as the command runs in production: batches are written by a thread of their own
    while the next is parsed (and, on PostgreSQL, with COPY)."""

    def setUp(self):
        ensure_wagtail_root()
        ensure_meeting_types()
        self.default = make_committee("pingliang", "平凉市政协", level="prefecture", default=True)

    def test_batches_written_alongside_parsing_keep_every_good_line_and_a_sound_tree(self):
        def line(number, title, body):
            return json.dumps(
                {
                    "id": f"t-{number}",
                    "title": title,
                    "date": f"2023-01-{number:02d}",
                    "body": body,
                },
                ensure_ascii=False,
            )

        lines = [line(n, f"第{n}条新闻", f"委员在高桥镇开展协商（第{n}次）") for n in range(1, 8)]
        lines.insert(3, "{broken")
        path = Path(self.enterContext(_tmp())) / "archive.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()
        args = (str(path), "--no-progress", "--batch-size", "2")
        call_command("import_archive", *args, stdout=out, stderr=err)
        self.assertIn("新建 7 条", out.getvalue())
        self.assertIn("第4行：不是有效的 JSON", err.getvalue())
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))
        self.assertEqual(NewsPage.objects.live().count(), 7)
        found = self.client.get(
            "/search/", {"q": "高桥镇", "format": "json"}, HTTP_HOST="pingliang.test"
        ).json()
        self.assertEqual(found["total"], 7)
        for result in found["results"]:
            self.assertEqual(self.client.get(result["url"]).status_code, 200, result["url"])

        out = io.StringIO()
        call_command("import_archive", *args, stdout=out, stderr=io.StringIO())
        self.assertIn("新建 0 条，更新 7 条", out.getvalue())
        self.assertEqual(NewsPage.objects.count(), 7)


def _tmp():
    import tempfile

    return tempfile.TemporaryDirectory()
