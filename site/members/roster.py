"""Import a committee's roster (XLSX or CSV) into member pages, accounts, groups and
memberships. Re-running updates, never duplicates (members are keyed by their 编号 within the
committee); a bad row is reported with its line number and skipped, the good rows are kept."""

import csv
import datetime
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.text import slugify

from core.spreadsheets import starts_like_formula

from .access import sync_member_access
from .models import (
    Gender,
    MemberIndexPage,
    MemberPage,
    Membership,
    Role,
    Sector,
    SpecialCommittee,
)

# Header → field. Several spellings are accepted for the columns rosters name differently.
COLUMNS = {
    "编号": "roster_id",
    "委员编号": "roster_id",
    "姓名": "name",
    "性别": "gender",
    "出生年份": "birth_year",
    "界别": "sector",
    "专委会": "special_committee",
    "专门委员会": "special_committee",
    "职务": "role",
    "手机": "phone",
    "联系电话": "phone",
    "邮箱": "email",
    "电子邮箱": "email",
    "账号": "username",
    "担任站长": "heads",
    "工作站": "heads",
}
REQUIRED = ["roster_id", "name"]
# Every text column but the phone, whose international form starts with "+" (and is checked
# to be digits and separators only).
FORMULA_CHECKED = {
    "roster_id": "编号",
    "name": "姓名",
    "sector": "界别",
    "special_committee": "专委会",
    "email": "邮箱",
    "username": "账号",
}
GENDERS = {label: value for value, label in Gender.choices}
ROLES = {label: value for value, label in Role.choices}
MAX_ROWS = 5000


class RosterError(Exception):
    """The file as a whole cannot be read (wrong format, no header, missing columns)."""


@dataclass
class RosterReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)  # (line number, message)
    warnings: list = field(default_factory=list)


def read_rows(path_or_file, name=None):
    """Yield (line number, {field: text}) from an .xlsx or .csv roster."""
    name = name or str(path_or_file)
    suffix = Path(name).suffix.lower()
    if suffix == ".xlsx":
        rows = _xlsx_rows(path_or_file)
    elif suffix == ".csv":
        rows = _csv_rows(path_or_file)
    else:
        raise RosterError("名册须为 .xlsx 或 .csv 文件。")
    try:
        header_line, header = next(rows)
    except StopIteration:
        raise RosterError("名册是空的。") from None
    fields = [COLUMNS.get(str(h or "").strip()) for h in header]
    missing = [label for label in ("编号", "姓名") if COLUMNS[label] not in fields]
    if missing:
        raise RosterError(f"第{header_line}行（表头）缺少列：{'、'.join(missing)}。")
    for line, values in rows:
        record = {}
        for key, value in zip(fields, values, strict=False):
            if key and key not in record:
                record[key] = _text(value)
        if any(record.values()):
            yield line, record


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return str(value.year)
    return str(value).strip()


def _xlsx_rows(path_or_file):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path_or_file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several types for a damaged file
        raise RosterError(f"无法读取 Excel 文件：{exc}") from exc
    try:
        for number, values in enumerate(workbook.active.iter_rows(values_only=True), start=1):
            yield number, list(values)
    finally:
        workbook.close()


def _csv_rows(path_or_file):
    if isinstance(path_or_file, (str, Path)):
        raw = Path(path_or_file).read_bytes()
    else:
        raw = path_or_file.read()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise RosterError("无法识别 CSV 文件的编码（请用 UTF-8 或 GBK）。")
    reader = csv.reader(io.StringIO(text))
    for values in reader:
        yield reader.line_num, values


def _validate(record, platforms):
    """The row's cleaned values, or raise ValidationError with every problem in the row."""
    problems = []
    cleaned = dict(record)
    for key, label in (("roster_id", "编号"), ("name", "姓名")):
        if not record.get(key):
            problems.append(f"{label}不能为空")
    # A cell a spreadsheet would run as a formula (=, +, -, @ first) is refused, not stored:
    # no name, number or account starts that way, and the text would reach later exports.
    for key, label in FORMULA_CHECKED.items():
        if starts_like_formula(record.get(key, "")):
            problems.append(
                f"{label}“{record[key]}”以“{record[key][0]}”开头，像电子表格公式，不予导入"
            )
    if len(record.get("name", "")) > 40:
        problems.append("姓名过长")
    if len(record.get("roster_id", "")) > 40:
        problems.append("编号过长")
    gender = record.get("gender", "")
    if gender and gender not in GENDERS:
        problems.append(f"性别“{gender}”应为“男”或“女”")
    cleaned["gender"] = GENDERS.get(gender, "")
    year = record.get("birth_year", "")
    cleaned["birth_year"] = None
    if year:
        if not (year.isascii() and year.isdigit()) or not (
            1900 <= int(year) <= datetime.date.today().year
        ):
            problems.append(f"出生年份“{year}”无效")
        else:
            cleaned["birth_year"] = int(year)
    role = record.get("role", "") or "委员"
    if role not in ROLES:
        problems.append(f"职务“{role}”应为{'、'.join(ROLES)}之一")
    cleaned["role"] = ROLES.get(role, Role.MEMBER)
    email = record.get("email", "")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            problems.append(f"邮箱“{email}”格式不正确")
    phone = record.get("phone", "")
    if phone and (
        not all(c.isdigit() or c in "+- " for c in phone)
        or phone.startswith("-")
        or "+" in phone[1:]
    ):
        problems.append(f"电话“{phone}”格式不正确")
    username = record.get("username", "")
    if username and not starts_like_formula(username):
        try:
            get_user_model()._meta.get_field("username").run_validators(username)
        except ValidationError:
            problems.append(
                f"账号“{username}”只能由字母、数字和 @ . + - _ 组成，且不超过 150 个字符"
            )
    heads = record.get("heads", "")
    cleaned["heads"] = None
    if heads:
        if heads not in platforms:
            problems.append(f"找不到名为“{heads}”的协商平台")
        else:
            cleaned["heads"] = platforms[heads]
    for key in ("sector", "special_committee"):
        if len(record.get(key, "")) > 40:
            problems.append("界别或专委会名称过长")
    if problems:
        raise ValidationError("；".join(problems))
    return cleaned


def ensure_committee_moderation(site):
    """Members' changes need somewhere to go: a committee provisioned before member accounts
    existed gets its moderation workflow now."""
    from django.contrib.auth.models import Group

    from core.committees import editor_group_name, ensure_moderation_workflow
    from core.models import CommitteeSettings

    short_name = CommitteeSettings.for_site(site).short_name or site.site_name
    group = Group.objects.filter(name=editor_group_name(short_name)).first()
    if group is not None:
        ensure_moderation_workflow(site, group, short_name)


def member_index_for(site):
    """The committee's member directory, created under its home page if missing."""
    index = MemberIndexPage.objects.child_of(site.root_page).first()
    if index is None:
        index = MemberIndexPage(title="委员风采", slug="members")
        site.root_page.add_child(instance=index)
        index.save_revision().publish()
    return index


def import_roster(rows, *, site, term, username_prefix, demo=False):
    """Import ``rows`` (from ``read_rows``) into ``site`` for ``term``; see the module doc."""
    from consultation.models import PlatformPage

    report = RosterReport()
    ensure_committee_moderation(site)
    index = member_index_for(site)
    platforms = {
        p.title: p
        for p in PlatformPage.objects.descendant_of(site.root_page).only("pk", "title", "path")
    }
    seen = {}
    for count, (line, record) in enumerate(rows, start=1):
        if count > MAX_ROWS:
            report.errors.append((line, f"名册超过 {MAX_ROWS} 行，其余未导入"))
            break
        try:
            cleaned = _validate(record, platforms)
            roster_id = cleaned["roster_id"]
            if roster_id in seen:
                raise ValidationError(f"编号“{roster_id}”与第{seen[roster_id]}行重复")
            with transaction.atomic():
                outcome = _import_member(
                    cleaned, site=site, index=index, term=term, prefix=username_prefix, demo=demo
                )
            seen[roster_id] = line
        except ValidationError as exc:
            report.errors.append((line, "；".join(exc.messages)))
            continue
        if outcome == "created":
            report.created += 1
        elif outcome == "updated":
            report.updated += 1
        elif outcome == "pending":
            report.unchanged += 1
            report.warnings.append((line, f"{cleaned['name']}有待审核的修改，个人信息未更新"))
        else:
            report.unchanged += 1
    return report


PROFILE_FIELDS = ("title", "gender", "birth_year", "phone", "email")


def _import_member(cleaned, *, site, index, term, prefix, demo):
    User = get_user_model()
    roster_id = cleaned["roster_id"]
    username = cleaned.get("username") or f"{prefix}{roster_id}"
    user = User.objects.filter(username=username).first()
    member = MemberPage.objects.child_of(index).filter(roster_id=roster_id).first()
    if user is not None:
        _check_existing_account(user, site=site, member=member)
    profile = {
        "title": cleaned["name"],
        "gender": cleaned["gender"],
        "birth_year": cleaned["birth_year"],
        "phone": cleaned.get("phone", ""),
        "email": cleaned.get("email", ""),
    }
    outcome = "unchanged"
    if member is None:
        member = MemberPage(
            slug=slugify(f"m-{roster_id}", allow_unicode=True) or f"m-{index.numchild + 1}",
            roster_id=roster_id,
            is_demo=demo,
            **profile,
        )
        index.add_child(instance=member)
        member.save_revision().publish()
        outcome = "created"
    elif any(getattr(member, k) != v for k, v in profile.items()):
        if member.has_unpublished_changes:
            outcome = "pending"
        else:
            for key, value in profile.items():
                setattr(member, key, value)
            member.save_revision().publish()
            outcome = "updated"

    if user is None:
        user = User(username=username)
        user.set_unusable_password()
    user.first_name = cleaned["name"][:150]
    user.email = cleaned.get("email", "")
    user.is_active = True
    user.save()
    if member.user_id != user.pk:
        MemberPage.objects.filter(pk=member.pk).update(user=user)
        member.user = user

    membership_fields = {
        "role": cleaned["role"],
        "sector": _taxonomy(Sector, cleaned.get("sector")),
        "special_committee": _taxonomy(SpecialCommittee, cleaned.get("special_committee")),
    }
    membership = Membership.objects.filter(member=member, term=term).first()
    if membership is None:
        Membership(member=member, term=term, **membership_fields).save()
        outcome = "updated" if outcome == "unchanged" else outcome
    elif any(getattr(membership, k) != v for k, v in membership_fields.items()):
        for key, value in membership_fields.items():
            setattr(membership, key, value)
        membership.save()
        outcome = "updated" if outcome == "unchanged" else outcome

    platform = cleaned.get("heads")
    if platform is not None and _appoint_head(platform, member):
        outcome = "updated" if outcome == "unchanged" else outcome
    sync_member_access(member)
    return outcome


def _check_existing_account(user, *, site, member):
    """A roster may name a new account or one of this committee's members, nothing else: it
    would otherwise hand a member's page (and group) to an administrator, another committee's
    editor or anyone whose user name it knows. Staff and superuser accounts are never touched."""
    if user.is_superuser or user.is_staff:
        raise ValidationError(f"账号“{user.username}”是系统管理员账号，不能登记为委员")
    linked = MemberPage.objects.filter(user=user)
    if not linked.descendant_of(site.root_page).exists():
        raise ValidationError(
            f"账号“{user.username}”已存在，但不是本会委员的账号；请换用新账号，或留空以按编号生成"
        )
    if linked.exclude(pk=getattr(member, "pk", None)).exists():
        raise ValidationError(f"账号“{user.username}”已属于另一位委员")


def _taxonomy(model, name):
    if not name:
        return None
    return model.objects.filter(name=name).first() or model.objects.create(name=name)


def _appoint_head(platform, member):
    """Name ``member`` head (站长) of ``platform`` in a new published revision, so the next
    edit (which starts from the latest revision) keeps them. A platform with a draft waiting
    is not republished under its editor: that row is reported instead."""
    from consultation.models import PlatformMember

    platform = platform.specific
    if platform.members.filter(member=member, role=PlatformMember.Role.HEAD).exists():
        return False
    if platform.has_unpublished_changes:
        raise ValidationError(f"协商平台“{platform.title}”有未发布的修改，无法登记站长")
    latest = platform.get_latest_revision_as_object()
    latest.members.add(
        PlatformMember(page=latest, member=member, name=member.title, role=PlatformMember.Role.HEAD)
    )
    latest.save_revision().publish()
    return True
