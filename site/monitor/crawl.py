"""A bounded crawl of one committee's site, in this process: Django's test ``Client`` asks the
site's own host name for its home page and follows its links breadth first, so no request
leaves the machine. Links to the installation's other committees are checked once each the
same way; links elsewhere are collected for ``external.check``."""

from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.test import Client
from wagtail.models import Site

MARKER_HEADER = "HTTP_X_CPPCC_MONITOR"  # the 404 log leaves the monitor's own requests out
REDIRECTS = {301, 302, 303, 307, 308}


class Links(HTMLParser):
    """The targets of a page's links (``<a href>``, ``<area href>``)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag in ("a", "area"):
            href = dict(attrs).get("href")
            if href and href.strip():
                self.hrefs.append(href.strip())


def page_links(html):
    parser = Links()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # a broken page still yields the links read before the error
        pass
    return parser.hrefs


@dataclass
class Crawl:
    site: Site
    max_pages: int
    pages: int = 0  # pages of the site fetched
    checked: int = 0  # links to the installation's sites answered (fetched or not)
    dead: dict = field(default_factory=dict)  # (netloc, path) -> {url, status, found_on, count}
    external: dict = field(default_factory=dict)  # url -> the first page it was found on

    def __post_init__(self):
        self.hosts = {self._netloc(s): s for s in Site.objects.all()}
        self.own = self._netloc(self.site)
        self.skipped_prefixes = tuple(
            p
            for p in ("/admin/", "/django-admin/", settings.STATIC_URL, settings.MEDIA_URL)
            if p and p.startswith("/")
        )

    @staticmethod
    def _netloc(site):
        return site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"

    def base(self, netloc):
        return f"{'https' if self.site.port == 443 else 'http'}://{netloc}"

    def run(self):
        queue = deque([(self.own, "/", "")])
        seen = {(self.own, "/")}
        while queue and self.pages < self.max_pages:
            netloc, path, found_on = queue.popleft()
            response = self.fetch(netloc, path)
            self.checked += 1
            if netloc == self.own:
                self.pages += 1
            where = self.base(netloc) + path
            status = response.status_code
            if status == 404 or status >= 500:
                self.dead[(netloc, path)] = {
                    "url": where,
                    "status": status,
                    "found_on": found_on,
                    "count": 1,
                }
                continue
            for href, referrer in self.targets(response, netloc, found_on, where):
                target = self.classify(urljoin(where, href))
                if target is None:
                    continue
                if target[0] == "external":
                    self.external.setdefault(target[1], referrer)
                elif target[1:] in self.dead:
                    self.dead[target[1:]]["count"] += 1
                elif target[1:] not in seen:
                    seen.add(target[1:])
                    queue.append((*target[1:], referrer))
        return self

    def targets(self, response, netloc, found_on, where):
        """(link, the page it is on): a redirect's target, or the links of a page of the
        committee's own site."""
        if response.status_code in REDIRECTS and response.get("Location"):
            return [(response["Location"], found_on)]
        if netloc == self.own and response.status_code == 200 and self.is_html(response):
            return [
                (href, where)
                for href in page_links(
                    response.content.decode(response.charset or "utf-8", "replace")
                )
            ]
        return []

    def fetch(self, netloc, path):
        _host, _, port = netloc.partition(":")
        client = Client(raise_request_exception=False, **{MARKER_HEADER: "1"})
        secure = self.site.port == 443 or getattr(settings, "SECURE_SSL_REDIRECT", False)
        response = client.get(
            path, HTTP_HOST=netloc, SERVER_PORT=port or ("443" if secure else "80"), secure=secure
        )
        if response.streaming:
            response.close()
        return response

    @staticmethod
    def is_html(response):
        return not response.streaming and response.get("Content-Type", "").startswith("text/html")

    def classify(self, url):
        """("site", netloc, path) for a page of an installation's site (only the committee's
        own are crawled further), ("external", url) for http(s) elsewhere, None to leave."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return None
        netloc = parts.netloc.lower()
        if parts.scheme == "https" and netloc.endswith(":443"):
            netloc = netloc[: -len(":443")]
        if netloc.endswith(":80"):
            netloc = netloc[: -len(":80")]
        if netloc not in self.hosts:
            return ("external", url.split("#", 1)[0])
        path = parts.path or "/"
        if path.startswith(self.skipped_prefixes):
            return None
        return ("site", netloc, path + (f"?{parts.query}" if parts.query else ""))
