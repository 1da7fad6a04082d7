"""One line of the archive file into an Item, or a LineError saying why the line is skipped.
Required fields refuse the line; an unknown optional value falls back to its default and is
reported, so that an archive from a system with other names keeps its items."""

import datetime
import json
import re
from dataclasses import dataclass, field

from django.utils import timezone
from wagtail.models import Site

from news.models import MeetingType, NewsKind

from ..text import clean

REQUIRED = ("id", "title", "date", "body")
MAX_LINE_CHARS = 2_000_000
MAX_ID_CHARS = 100  # NewsPage.archive_id
# The CPPCC's first plenary session opened on 1949-09-21: nothing a committee published is
# older. A date more than a year ahead is a typo (2052 for 2025), not a scheduled item.
EARLIEST_DATE = datetime.date(1949, 9, 21)
LATEST_AHEAD = datetime.timedelta(days=366)
DATE_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?![0-9]).*", re.DOTALL)


class LineError(ValueError):
    pass


@dataclass
class Item:
    line: int
    archive_id: str
    title: str
    date: datetime.date
    paragraphs: list
    site: Site
    kind: str
    meeting_type: MeetingType | None
    warnings: list = field(default_factory=list)


def parse_date(value):
    """An item's date: YYYY-MM-DD (anything after it ignored), within the plausible range."""
    if not isinstance(value, str) or not DATE_PATTERN.fullmatch(value.strip()):
        raise LineError(f"日期“{value}”应为 YYYY-MM-DD")
    try:
        date = datetime.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise LineError(f"日期“{value}”不存在") from None
    latest = timezone.localdate() + LATEST_AHEAD
    if not EARLIEST_DATE <= date <= latest:
        raise LineError(f"日期“{value}”不在 {EARLIEST_DATE} 至 {latest} 之间")
    return date


def decode_line(number, raw):
    """One line of the file as text. Invalid UTF-8 is refused, never replaced: an item whose
    title became "���" would be published as such. A byte-order mark opening the file is
    dropped (Windows editors write one)."""
    try:
        return raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as error:
        raise LineError(
            f"不是有效的 UTF-8 编码（第 {error.start + 1} 个字节），请以 UTF-8 保存文件"
        ) from None


def _load_object(raw):
    if len(raw) > MAX_LINE_CHARS:
        raise LineError("这一行过长")
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise LineError(f"不是有效的 JSON（{error.msg}，第 {error.colno} 列）") from None
    if not isinstance(data, dict):
        raise LineError("应为一个 JSON 对象")
    missing = [key for key in REQUIRED if not str(data.get(key) or "").strip()]
    if missing:
        raise LineError("缺少字段：" + "、".join(missing))
    return data


def _archive_id(value):
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise LineError("id 应为字符串或整数")
    archive_id = str(value).strip()
    if len(archive_id) > MAX_ID_CHARS:
        raise LineError(f"id 超过 {MAX_ID_CHARS} 个字符（{len(archive_id)} 个）")
    return archive_id


def _title(value):
    title = clean(str(value), furniture=False).replace("\n", " ")[:255]
    if not title:
        raise LineError("标题清理后为空")
    return title


def _kind(data, resolver, warnings):
    if not data.get("type"):
        return NewsKind.WORK_NEWS
    kind = resolver.kinds.get(str(data["type"]))
    if kind is None:
        kind = NewsKind.WORK_NEWS
        warnings.append(f"未知的类型“{data['type']}”，已按“{kind.label}”导入")
    return kind


def _meeting_type(data, resolver, warnings):
    if not data.get("meeting_type"):
        return None
    meeting_type = resolver.meeting_types.get(str(data["meeting_type"]))
    if meeting_type is None:
        warnings.append(f"未知的会议类型“{data['meeting_type']}”，已不设会议类型导入")
    return meeting_type


def parse_line(number, raw, resolver):
    data = _load_object(raw)
    archive_id = _archive_id(data["id"])
    title = _title(data["title"])
    date = parse_date(data["date"])
    warnings = []
    kind = _kind(data, resolver, warnings)
    meeting_type = _meeting_type(data, resolver, warnings)
    paragraphs = [p for p in clean(str(data["body"])).splitlines() if p.strip()]
    return Item(
        line=number,
        archive_id=archive_id,
        title=title,
        date=date,
        paragraphs=paragraphs,
        site=resolver.site(str(data.get("county") or ""), warnings),
        kind=kind,
        meeting_type=meeting_type,
        warnings=warnings,
    )
