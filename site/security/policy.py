"""The lockout rules as settings hold them, for the pages that state them."""

from axes.helpers import get_cool_off


def cool_off_minutes():
    cool_off = get_cool_off()
    return int(cool_off.total_seconds() // 60) if cool_off is not None else 0
