"""A demo report set to go live a minute after the demo is loaded, so that `make run` shows
scheduled publishing working on its own: the scheduler enqueues Wagtail's publish_scheduled
every minute and the worker runs it (operations.scheduler)."""

import datetime

from django.utils import timezone
from wagtail.rich_text import RichText

from news.models import NewsKind, NewsPage

SLUG = "scheduled-demo"
TITLE = "定时发布演示：本条报道在演示数据加载一分钟后自动上线"
BODY = (
    "编辑在“设置”选项卡填写“上线日期”并发布后，页面显示“已计划”；"
    "到点后由后台任务（定时调度与工作进程）自动发布，无需人工操作。"
)


def schedule_demo_report(index, minutes=1):
    """Adds the report under the news ``index``, scheduled ``minutes`` ahead. Returns its
    go-live time, or None when it is already there (live, or still waiting)."""
    if index.get_children().filter(slug=SLUG).exists():
        return None
    go_live_at = timezone.now() + datetime.timedelta(minutes=minutes)
    page = NewsPage(
        title=TITLE,
        slug=SLUG,
        kind=NewsKind.WORK_NEWS,
        date=timezone.localdate(),
        body=[("paragraph", RichText(f"<p>{BODY}</p>"))],
        go_live_at=go_live_at,
        live=False,
    )
    index.add_child(instance=page)
    page.save_revision().publish()  # a future go-live: approved and waiting (已计划)
    return go_live_at
