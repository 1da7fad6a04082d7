"""Checking one roster row: every problem in it is reported together, and a row with any is
skipped; a good row's values come back cleaned (choices and years as stored)."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from core.spreadsheets import starts_like_formula

from ..models import Gender, Role

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


def validate(record, platforms):
    """The row's cleaned values, or raise ValidationError with every problem in the row."""
    problems = []
    cleaned = dict(record)
    _check_text(record, problems)
    cleaned["gender"] = _gender(record, problems)
    cleaned["birth_year"] = _birth_year(record, problems)
    cleaned["role"] = _role(record, problems)
    _check_contact(record, problems)
    cleaned["heads"] = _heads(record, platforms, problems)
    for key in ("sector", "special_committee"):
        if len(record.get(key, "")) > 40:
            problems.append("界别或专委会名称过长")
    if problems:
        raise ValidationError("；".join(problems))
    return cleaned


def _check_text(record, problems):
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


def _gender(record, problems):
    gender = record.get("gender", "")
    if gender and gender not in GENDERS:
        problems.append(f"性别“{gender}”应为“男”或“女”")
    return GENDERS.get(gender, "")


def _birth_year(record, problems):
    year = record.get("birth_year", "")
    if not year:
        return None
    if not (year.isascii() and year.isdigit()) or not (
        1900 <= int(year) <= datetime.date.today().year
    ):
        problems.append(f"出生年份“{year}”无效")
        return None
    return int(year)


def _role(record, problems):
    role = record.get("role", "") or "委员"
    if role not in ROLES:
        problems.append(f"职务“{role}”应为{'、'.join(ROLES)}之一")
    return ROLES.get(role, Role.MEMBER)


def _check_contact(record, problems):
    """Email, phone and account name."""
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


def _heads(record, platforms, problems):
    """The platform the member heads (担任站长), by its title."""
    heads = record.get("heads", "")
    if not heads:
        return None
    if heads not in platforms:
        problems.append(f"找不到名为“{heads}”的协商平台")
        return None
    return platforms[heads]
