"""Reading a roster file (.xlsx or .csv) into rows of {field: text}, by its header."""

import csv
import datetime
import io
from pathlib import Path

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


class RosterError(Exception):
    """The file as a whole cannot be read (wrong format, no header, missing columns)."""


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
