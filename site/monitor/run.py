"""One monitor run per committee: every check, its findings stored with the run, old runs
pruned. ``manage.py monitor_sites`` and the daily job (operations.tasks.monitor_sites) call
``run_all``."""

import logging
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from core.models import CORRECTION_URL, ICP_FILING_URL, POLICE_FILING_URL, CommitteeSettings

from . import conf, content, external
from .crawl import Crawl
from .models import Finding, FindingKind, MonitorRun, NotFoundHit

logger = logging.getLogger(__name__)


def committee_sites(hostname=None):
    """The sites with a committee (all sites when none has settings yet), or the one named."""
    sites = Site.objects.select_related("root_page").order_by("hostname", "port")
    if hostname:
        return list(sites.filter(hostname=hostname))
    with_settings = CommitteeSettings.objects.values("site_id")
    return list(sites.filter(pk__in=with_settings)) or list(sites)


def run_all(hostname=None):
    """Runs the monitor for every committee (or the one at ``hostname``); returns the runs."""
    runs = []
    for site in committee_sites(hostname):
        try:
            runs.append(monitor_site(site))
        except Exception as error:  # one committee's failure must not stop the others
            logger.exception("site monitor failed for %s", site.hostname)
            runs.append(
                MonitorRun.objects.create(
                    site=site, finished_at=timezone.now(), error=f"{type(error).__name__}: {error}"
                )
            )
    return runs


def monitor_site(site, now=None):
    """Checks ``site`` and stores what was found as its latest run."""
    now = now or timezone.now()
    items = content.stale_sections(site, now)
    crawl = Crawl(site, conf.value("MAX_PAGES", site)).run()
    items += dead_internal(crawl)
    external_urls = [url for url in crawl.external if not ignored(url, site)]
    limit = conf.value("MAX_EXTERNAL", site)
    items += dead_external(crawl, external_urls[:limit], site)
    items += content.missing_footer_items(site)
    items += content.images_without_alt(site)
    items += not_found(site)
    with transaction.atomic():
        run = MonitorRun.objects.create(
            site=site,
            finished_at=timezone.now(),
            pages_crawled=crawl.pages,
            links_checked=crawl.checked,
            external_checked=min(limit, len(external_urls)),
            external_skipped=max(0, len(external_urls) - limit),
            summary=summary(items),
        )
        Finding.objects.bulk_create(
            Finding(run=run, site=site, **clipped(item.__dict__)) for item in items
        )
        prune(site)
    return run


def ignored(url, site):
    """Links the footer builds to the national registries (ICP, police filing, 政府网站找错)
    are the same on every page of every site and are not the editors' to fix: not checked."""
    fixed = {urlsplit(u).hostname for u in (ICP_FILING_URL, POLICE_FILING_URL, CORRECTION_URL)}
    hosts = fixed | set(conf.value("EXTERNAL_IGNORED_HOSTS", site))
    return urlsplit(url).hostname in hosts


def dead_internal(crawl):
    return [
        content.Item(
            FindingKind.DEAD_INTERNAL,
            entry["url"],
            url=entry["url"],
            found_on=entry["found_on"],
            detail=f"HTTP {entry['status']}",
            count=entry["count"],
        )
        for entry in crawl.dead.values()
    ]


def dead_external(crawl, urls, site):
    problems = external.check(
        urls,
        timeout=conf.value("EXTERNAL_TIMEOUT", site),
        allow_private=conf.value("EXTERNAL_PRIVATE", site),
    )
    return [
        content.Item(
            FindingKind.DEAD_EXTERNAL, url, url=url, found_on=crawl.external[url], detail=text
        )
        for url, text in problems.items()
    ]


def not_found(site):
    shown = conf.value("NOT_FOUND_SHOWN", site)
    hits = NotFoundHit.objects.filter(site=site).order_by("-count", "-last_seen")[:shown]
    return [
        content.Item(
            FindingKind.NOT_FOUND,
            hit.path,
            url=hit.path,
            count=hit.count,
            detail=f"最近：{timezone.localtime(hit.last_seen):%Y-%m-%d %H:%M}",
        )
        for hit in hits
    ]


def summary(items):
    counts = {}
    for item in items:
        counts[str(item.kind)] = counts.get(str(item.kind), 0) + 1
    return counts


def clipped(fields):
    """Text fields cut to their columns' lengths (a URL can be longer than any column)."""
    out = dict(fields)
    for name in ("subject", "url", "found_on", "detail"):
        limit = Finding._meta.get_field(name).max_length
        out[name] = (out[name] or "")[:limit]
    out["kind"] = str(out["kind"])
    return out


def prune(site):
    keep = conf.value("KEEP_RUNS", site)
    old = MonitorRun.objects.filter(site=site).order_by("-started_at", "-pk")[keep:]
    MonitorRun.objects.filter(pk__in=list(old.values_list("pk", flat=True))).delete()


def latest_run(site_id):
    return MonitorRun.objects.filter(site_id=site_id).order_by("-started_at", "-pk").first()
