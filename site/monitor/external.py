"""Checking links to other websites: HEAD, then GET where HEAD is refused, with a short timeout,
a few at a time. Only http(s); addresses on this machine's own networks (loopback, private,
link-local) are left alone unless MONITOR_EXTERNAL_PRIVATE, so that a link an editor typed
cannot make the server probe its own network."""

import ipaddress
import socket
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

USER_AGENT = "Mozilla/5.0 (compatible; CPPCC-site-monitor/1.0)"
WORKERS = 8
NOT_CHECKED = "not-checked"


class PrivateAddress(Exception):
    pass


def is_private(host):
    """Whether ``host`` names (or resolves to) an address that is not on the public internet."""
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False  # the request will fail and say so
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if not address.is_global:
            return True
    return False


class GuardedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects only to http(s) on the public internet (unless allowed)."""

    def __init__(self, allow_private):
        self.allow_private = allow_private

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        parts = urlsplit(newurl)
        if parts.scheme not in ("http", "https"):
            raise urllib.error.URLError("跳转到非网页地址")
        if not self.allow_private and is_private(parts.hostname or ""):
            raise PrivateAddress(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def problem(url, timeout=5, allow_private=False):
    """None if ``url`` answers, else what went wrong (in Chinese), or NOT_CHECKED."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return NOT_CHECKED
    if not allow_private and is_private(parts.hostname):
        return NOT_CHECKED
    opener = urllib.request.build_opener(GuardedRedirects(allow_private))
    first = _ask(opener, url, "HEAD", timeout)
    if first is None:
        return None
    if first == NOT_CHECKED:
        return NOT_CHECKED
    # Many servers refuse or mishandle HEAD: GET decides.
    return _ask(opener, url, "GET", timeout)


def _ask(opener, url, method, timeout):
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    try:
        with opener.open(request, timeout=timeout) as response:
            if method == "GET":
                response.read(1)
            return None if response.status < 400 else f"HTTP {response.status}"
    except PrivateAddress:
        return NOT_CHECKED
    except urllib.error.HTTPError as error:
        return f"HTTP {error.code}"
    except TimeoutError:
        return "超时"
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            return "超时"
        return f"无法访问：{error.reason}"[:200]
    except (OSError, ValueError) as error:
        return f"无法访问：{error}"[:200]


def check(urls, timeout=5, allow_private=False):
    """{url: problem} for the ``urls`` that do not answer (NOT_CHECKED ones left out)."""
    urls = list(urls)
    with ThreadPoolExecutor(max_workers=min(WORKERS, len(urls) or 1)) as pool:
        answers = pool.map(lambda u: problem(u, timeout, allow_private), urls)
        found = dict(zip(urls, answers, strict=True))
    return {url: text for url, text in found.items() if text not in (None, NOT_CHECKED)}
