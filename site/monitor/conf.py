"""The monitor's settings, read when used, each with its default (docs/monitor.md).

``MONITOR_SITE_OVERRIDES`` changes any of them for one committee, by host name:
``{"jingning.example.cn": {"NEWS_STALE_DAYS": 7}}``."""

from django.conf import settings

DEFAULTS = {
    "NEWS_STALE_DAYS": 14,  # a news section whose latest item is older is flagged
    "SECTION_STALE_DAYS": 180,  # any other home-page section
    "MAX_PAGES": 300,  # pages of the committee's own site fetched per run
    "MAX_EXTERNAL": 50,  # external links checked per run
    "EXTERNAL_TIMEOUT": 5,  # seconds per request to an external link
    "EXTERNAL_PRIVATE": False,  # check links to loopback/private addresses (tests only)
    "EXTERNAL_IGNORED_HOSTS": (),  # further hosts whose links are never checked
    "KEEP_RUNS": 30,  # runs kept per committee
    "NOT_FOUND_ROWS": 500,  # distinct 404 paths kept per committee
    "NOT_FOUND_SHOWN": 10,  # 404 paths listed in a run's findings
}


def value(name, site=None):
    """``MONITOR_<name>``, overridden for ``site`` by MONITOR_SITE_OVERRIDES."""
    if site is not None:
        overrides = getattr(settings, "MONITOR_SITE_OVERRIDES", {}) or {}
        own = overrides.get(site.hostname, {})
        if name in own:
            return own[name]
    return getattr(settings, f"MONITOR_{name}", DEFAULTS[name])
