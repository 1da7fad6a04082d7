"""Importing a committee's roster: 200 members become pages, accounts and groups; re-running
updates instead of duplicating; bad rows are reported by line and skipped."""

import csv
import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import TestCase
from openpyxl import Workbook
from wagtail.models import GroupPagePermission

from builders import committee_with_members, committee_with_platforms, make_editor, roster_rows
from members.models import MemberPage, Membership, Role, Term
from members.roster import RosterError, read_rows

SECTORS = ["中共", "民盟", "经济界", "农业界", "教育界"]


def roster(count, start=1):
    return [
        {
            "编号": f"{n:03d}",
            "姓名": f"委员{n:03d}",
            "性别": "女" if n % 2 else "男",
            "界别": SECTORS[n % len(SECTORS)],
            "专委会": "提案委员会" if n % 3 == 0 else "",
            "职务": "常委" if n % 10 == 0 else "委员",
        }
        for n in range(start, start + count)
    ]


def write_xlsx(path, header, rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)


class RosterImportTest(TestCase):
    def test_importing_two_hundred_members_creates_pages_accounts_and_groups(self):
        site, _, _, term, report = committee_with_members("dunhuang", roster(200))
        self.assertEqual((report.created, report.errors), (200, []))
        members = MemberPage.objects.descendant_of(site.root_page)
        self.assertEqual(members.live().count(), 200)
        self.assertEqual(members.filter(user__isnull=False).count(), 200)
        self.assertEqual(Membership.objects.filter(term=term).count(), 200)
        self.assertEqual(Membership.objects.filter(term=term, role=Role.STANDING).count(), 20)
        member = members.get(roster_id="007")
        self.assertEqual(member.user.username, "dunhuang-007")
        self.assertFalse(member.user.has_usable_password())
        self.assertIn(member.access_group, member.user.groups.all())
        granted = GroupPagePermission.objects.filter(group=member.access_group)
        self.assertEqual(
            list(granted.values_list("page_id", "permission__codename")),
            [(member.pk, "change_page")],
        )

    def test_rerunning_the_import_updates_and_never_duplicates(self):
        site, _, _, term, _ = committee_with_members("guazhou", roster(5))
        from members.roster import import_roster

        changed = roster(5)
        changed[1]["姓名"] = "王新名"
        changed[2]["职务"] = "副主席"
        report = import_roster(
            roster_rows(changed), site=site, term=term, username_prefix="guazhou-"
        )
        self.assertEqual((report.created, report.updated, report.unchanged), (0, 2, 3))
        self.assertEqual(MemberPage.objects.descendant_of(site.root_page).count(), 5)
        self.assertEqual(
            get_user_model().objects.filter(username__startswith="guazhou-").count(), 5
        )
        renamed = MemberPage.objects.get(roster_id="002")
        self.assertEqual(renamed.title, "王新名")
        self.assertEqual(renamed.get_latest_revision().content["title"], "王新名")
        self.assertEqual(
            Membership.objects.get(member__roster_id="003", term=term).role, Role.VICE_CHAIR
        )
        self.assertEqual(Group.objects.filter(name__startswith="委员·").count(), 5)

    def test_an_account_replaced_in_the_roster_loses_the_members_pages(self):
        site, _, _, term, _ = committee_with_members("shandan", roster(1))
        from members.roster import import_roster

        old = MemberPage.objects.get(roster_id="001").user
        rows = roster(1)
        rows[0]["账号"] = "shandan-new"
        member = MemberPage.objects.get(roster_id="001")
        # The roster is the record of who signs in for whom: the named account takes over.
        report = import_roster(roster_rows(rows), site=site, term=term, username_prefix="shandan-")
        self.assertEqual(report.errors, [])
        member.refresh_from_db()
        self.assertEqual(member.user.username, "shandan-new")
        self.assertTrue(member.permissions_for_user(member.user).can_edit())
        self.assertFalse(member.permissions_for_user(old).can_edit())

    def test_a_bad_row_is_reported_with_its_line_and_the_good_rows_are_kept(self):
        rows = roster(4)
        rows[1]["性别"] = "未知"
        rows[2]["姓名"] = ""
        rows.append(dict(roster(1)[0], 姓名="重复编号"))
        site, _, _, _, report = committee_with_members("suzhou", rows)
        self.assertEqual(report.created, 2)
        lines = [line for line, _ in report.errors]
        self.assertEqual(lines, [3, 4, 6])
        self.assertIn("性别", report.errors[0][1])
        self.assertIn("姓名不能为空", report.errors[1][1])
        self.assertIn("与第2行重复", report.errors[2][1])
        self.assertEqual(
            sorted(
                MemberPage.objects.descendant_of(site.root_page).values_list("roster_id", flat=True)
            ),
            ["001", "004"],
        )

    def test_a_birth_year_of_non_ascii_digits_is_reported_not_an_error(self):
        rows = roster(2)
        rows[0]["出生年份"] = "¹⁹⁷⁰"
        site, _, _, _, report = committee_with_members("yumen", rows)
        self.assertEqual([line for line, _ in report.errors], [2])
        self.assertIn("出生年份", report.errors[0][1])
        self.assertEqual(report.created, 1)

    def test_a_row_naming_an_unknown_workstation_is_skipped_whole(self):
        rows = roster(2)
        rows[0]["担任站长"] = "不存在委员工作站"
        site, _, _, _, report = committee_with_members("jinta", rows)
        self.assertEqual([line for line, _ in report.errors], [2])
        self.assertFalse(MemberPage.objects.filter(roster_id="001").exists())
        self.assertFalse(get_user_model().objects.filter(username="jinta-001").exists())

    def test_the_head_named_in_the_roster_gets_the_workstation_in_a_published_revision(self):
        rows = roster(2)
        rows[0]["担任站长"] = "东湖委员工作站"
        rows[1]["担任站长"] = ""  # the column is there, empty for most members
        _, _, stations, _, report = committee_with_members("yumen", rows)
        self.assertEqual(report.errors, [])
        station = stations["东湖"]
        station.refresh_from_db()
        head = MemberPage.objects.get(roster_id="001")
        self.assertEqual(
            [(m.member_id, m.role) for m in station.get_latest_revision_as_object().members.all()],
            [(head.pk, "head")],
        )
        self.assertFalse(station.has_unpublished_changes)
        granted = set(
            GroupPagePermission.objects.filter(group=head.access_group).values_list(
                "page_id", flat=True
            )
        )
        self.assertEqual(granted, {head.pk, station.pk})


class RosterAccountsTest(TestCase):
    """A roster names accounts: only new ones or this committee's own members' (issue 16)."""

    def setUp(self):
        self.site, _, _, self.term, _ = committee_with_members("liuyuan", roster(1))
        self.other, _, _, _, _ = committee_with_members("huating", roster(1))
        User = get_user_model()
        self.admin = User.objects.create_superuser("admin", password="x", first_name="管理员")
        self.other_editor = make_editor(self.other, "huating-editor")
        self.other_member = MemberPage.objects.descendant_of(self.other.root_page).get().user
        self.stranger = User.objects.create_user("someone", password="x")

    def import_rows(self, rows):
        from members.roster import import_roster

        return import_roster(
            roster_rows(rows), site=self.site, term=self.term, username_prefix="liuyuan-"
        )

    def test_rows_naming_an_admin_another_committees_account_or_a_stranger_are_refused(self):
        rows = roster(6)
        rows[0]["账号"] = "liuyuan-001"  # this committee's member, named again: fine
        rows[1]["账号"] = "admin"
        rows[2]["账号"] = "huating-editor"
        rows[3]["账号"] = "huating-001"
        rows[4]["账号"] = "someone"
        outsiders = (self.admin, self.other_editor, self.other_member, self.stranger)
        groups_before = {
            u.username: set(u.groups.values_list("name", flat=True)) for u in outsiders
        }
        report = self.import_rows(rows)
        self.assertEqual([line for line, _ in report.errors], [3, 4, 5, 6])
        self.assertIn("“admin”是系统管理员账号", report.errors[0][1])
        for (_, message), name in zip(
            report.errors[1:], ("huating-editor", "huating-001", "someone"), strict=True
        ):
            self.assertIn(f"账号“{name}”已存在，但不是本会委员的账号", message)
        self.assertEqual((report.created, report.unchanged), (1, 1))
        members = MemberPage.objects.descendant_of(self.site.root_page)
        self.assertEqual(sorted(members.values_list("roster_id", flat=True)), ["001", "006"])
        self.assertEqual(members.get(roster_id="006").user.username, "liuyuan-006")
        outsiders = (self.admin, self.other_editor, self.other_member, self.stranger)
        self.assertFalse(members.filter(user__in=outsiders).exists())
        for user in outsiders[1:]:
            self.assertFalse(any(m.permissions_for_user(user).can_edit() for m in members))
        self.assertEqual(
            {u.username: set(u.groups.values_list("name", flat=True)) for u in outsiders},
            groups_before,
        )
        self.admin.refresh_from_db()
        self.assertEqual(self.admin.first_name, "管理员")
        self.assertEqual(MemberPage.objects.filter(user=self.other_member).count(), 1)

    def test_a_staff_account_is_never_touched_even_when_linked_to_a_member(self):
        member = MemberPage.objects.descendant_of(self.site.root_page).get()
        get_user_model().objects.filter(pk=member.user_id).update(is_staff=True, email="")
        rows = roster(1)
        rows[0]["邮箱"] = "new@example.cn"
        report = self.import_rows(rows)
        self.assertEqual([line for line, _ in report.errors], [2])
        self.assertIn("系统管理员账号", report.errors[0][1])
        member.user.refresh_from_db()
        self.assertEqual(member.user.email, "")


FORMULA_NAME = "=cmd|' /C calc'!A0"


class RosterFormulaTest(TestCase):
    """Cells a spreadsheet would run as formulas are refused, never stored (OWASP)."""

    def test_formula_cells_in_a_csv_roster_are_refused_by_line_and_the_good_rows_kept(self):
        site, _ = committee_with_platforms("jingning")
        path = RosterFileTest.tmp_path(self, "roster.csv")
        rows = [
            ["编号", "姓名", "界别", "邮箱", "手机", "账号"],
            ["1", FORMULA_NAME, "", "", "", ""],
            ["2", "李四", "@SUM(1+1)*cmd|' /C calc'!A0", "", "", ""],
            ["+3", "王五", "", "", "", ""],
            ["4", "赵六", "", "=1+1@example.cn", "", ""],
            ["5", "钱七", "", "", "-1+2", ""],
            ["6", "孙八", "", "", "", "-admin"],
            ["7", "周九", "", "", "+86 13900000000", ""],
        ]
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(rows)
        out, err = io.StringIO(), io.StringIO()
        call_command(
            "import_members",
            str(path),
            site=site.hostname,
            term=9,
            term_start="2022-01-01",
            stdout=out,
            stderr=err,
        )
        self.assertIn(f"第2行：姓名“{FORMULA_NAME}”以“=”开头，像电子表格公式", err.getvalue())
        for line, label in ((3, "界别"), (4, "编号"), (5, "邮箱"), (7, "账号")):
            self.assertIn(f"第{line}行：{label}“", err.getvalue())
        self.assertIn("第6行：电话“-1+2”格式不正确", err.getvalue())
        self.assertIn("新建 1 人", out.getvalue())
        member = MemberPage.objects.get()
        self.assertEqual((member.title, member.phone), ("周九", "+86 13900000000"))
        self.assertFalse(get_user_model().objects.filter(first_name=FORMULA_NAME).exists())
        from members.models import Sector

        self.assertFalse(Sector.objects.filter(name__startswith="@").exists())

    def test_a_formula_typed_as_text_in_an_xlsx_roster_is_refused(self):
        site, _ = committee_with_platforms("zhuanglang")
        path = RosterFileTest.tmp_path(self, "roster.xlsx")
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(["编号", "姓名"])
        sheet.append(["1", "张三"])
        sheet.append(["2", "placeholder"])
        sheet["B3"].value = FORMULA_NAME
        sheet["B3"].data_type = "s"  # a text cell, as a spreadsheet typed with a quote stores it
        workbook.save(path)
        rows = list(read_rows(path))
        self.assertEqual(rows[1][1]["name"], FORMULA_NAME)
        from members.roster import import_roster

        term = Term.objects.create(site=site, number=1, starts_on="2022-01-01")
        report = import_roster(rows, site=site, term=term, username_prefix="zl-")
        self.assertEqual([line for line, _ in report.errors], [3])
        self.assertEqual(list(MemberPage.objects.values_list("title", flat=True)), ["张三"])


class RosterFileTest(TestCase):
    def test_the_command_reads_an_xlsx_roster_and_reports_bad_lines(self):
        site, _ = committee_with_platforms("anxi")
        path = self.tmp_path("roster.xlsx")
        write_xlsx(
            path,
            ["编号", "姓名", "性别", "出生年份", "界别", "职务"],
            [["1", "张三", "男", 1970, "经济界", "委员"], ["2", "李四", "女", "七零", "", "委员"]],
        )
        out, err = io.StringIO(), io.StringIO()
        call_command(
            "import_members",
            str(path),
            site=site.hostname,
            term=9,
            term_start="2022-01-01",
            stdout=out,
            stderr=err,
        )
        self.assertIn("第3行", err.getvalue())
        self.assertIn("出生年份", err.getvalue())
        self.assertIn("新建 1 人", out.getvalue())
        member = MemberPage.objects.get(roster_id="1")
        self.assertEqual((member.title, member.birth_year), ("张三", 1970))
        self.assertEqual(Term.objects.get(site=site).number, 9)

    def test_a_csv_roster_in_gbk_is_read(self):
        path = self.tmp_path("roster.csv")
        path.write_bytes("编号,姓名,界别\n8,赵六,农业界\n".encode("gb18030"))
        rows = list(read_rows(path))
        self.assertEqual(rows, [(2, {"roster_id": "8", "name": "赵六", "sector": "农业界"})])

    def test_a_file_without_the_required_columns_is_refused(self):
        path = self.tmp_path("roster.csv")
        path.write_text("姓名,界别\n赵六,农业界\n", encoding="utf-8")
        with self.assertRaisesMessage(RosterError, "编号"):
            list(read_rows(path))

    def test_the_command_needs_a_start_date_for_a_new_term(self):
        site, _ = committee_with_platforms("akesai")
        path = self.tmp_path("roster.csv")
        path.write_text("编号,姓名\n1,张三\n", encoding="utf-8")
        with self.assertRaisesMessage(CommandError, "--term-start"):
            call_command("import_members", str(path), site=site.hostname, term=3)
        self.assertFalse(MemberPage.objects.exists())

    def tmp_path(self, name):
        import tempfile
        from pathlib import Path

        directory = Path(tempfile.mkdtemp())
        self.addCleanup(lambda: __import__("shutil").rmtree(directory, ignore_errors=True))
        return directory / name
