"""Meeting reports and news: most of what a committee site publishes.

meeting_types: the taxonomy of meetings; pages: the news page; meeting_records: the reports
reviewed and the members attending; news_index: the news index that lists them."""

from .meeting_records import MeetingAttendance, ReportOutcome, ReviewedReport
from .meeting_types import MeetingType
from .news_index import NewsIndexPage, NewsIndexParams
from .pages import NewsKind, NewsPage, NewsPageTag

__all__ = [
    "MeetingAttendance",
    "MeetingType",
    "NewsIndexPage",
    "NewsIndexParams",
    "NewsKind",
    "NewsPage",
    "NewsPageTag",
    "ReportOutcome",
    "ReviewedReport",
]
