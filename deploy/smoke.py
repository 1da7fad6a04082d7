"""The Python half of deploy/smoke.sh: HTTP checks against nginx and the app servers, and the
few steps that need the application itself (test content, content checksums).

deploy/smoke.sh starts and stops the processes and calls this script for each step; run from
site/ with the smoke test's environment (cppcc.settings.production). Each command prints what it
saw and exits non-zero on failure. Only ever talks to 127.0.0.1.

    python ../deploy/smoke.py fixture STATE.json
    python ../deploy/smoke.py state
    python ../deploy/smoke.py pages|upload|publish|scheduled|readyz|rejoin STATE.json
    python ../deploy/smoke.py load SECONDS STATE.json
"""

from __future__ import annotations

import hashlib
import http.client
import io
import json
import os
import re
import socket
import ssl
import sys
import threading
import time
import uuid
from pathlib import Path

LOOPBACK = "127.0.0.1"


def env(name: str) -> str:
    return os.environ[name]


# HTTP ---------------------------------------------------------------------------------------


def _tls_context() -> ssl.SSLContext:
    """Trusts the smoke test's own self-signed certificate (named for both committees)."""
    return ssl.create_default_context(cafile=env("SMOKE_TLS_CERT"))


class _Connection(http.client.HTTPSConnection):
    """HTTPS to 127.0.0.1 with the committee's host name as SNI, so that nginx picks the
    committee's server block (its default server refuses the handshake)."""

    def __init__(self, port: int, sni: str, timeout: float) -> None:
        super().__init__(LOOPBACK, port, timeout=timeout, context=_tls_context())
        self.sni = sni

    def connect(self) -> None:
        sock = socket.create_connection((self.host, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.sni)


class Client:
    """One client of one committee host, either through nginx (HTTPS, SNI and Host with the
    port, as a browser sends them) or straight to an app server (plain HTTP, with the headers
    nginx adds). Keeps cookies whatever their Secure flag: the app servers are plain HTTP."""

    def __init__(self, host: str, *, app_port: int | None = None, timeout: float = 15) -> None:
        self.host = host
        self.app_port = app_port
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self.conn: http.client.HTTPConnection | None = None

    @property
    def origin(self) -> str:
        if self.app_port:
            return f"https://{self.host}"
        return f"https://{self.host}:{env('SMOKE_HTTPS_PORT')}"

    def _connect(self) -> http.client.HTTPConnection:
        if self.conn is None:
            if self.app_port:
                self.conn = http.client.HTTPConnection(
                    LOOPBACK, self.app_port, timeout=self.timeout
                )
            else:
                port = int(env("SMOKE_HTTPS_PORT"))
                self.conn = _Connection(port, self.host, self.timeout)
        return self.conn

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def request(self, method, path, body=None, headers=None):
        """(status, headers, body bytes); one retry on a connection the server had closed."""
        all_headers = {"User-Agent": "cppcc-smoke", "Accept-Language": "zh-hans"}
        if self.app_port:
            # What nginx would add (deploy/nginx/cppcc.conf).
            all_headers.update(
                {"Host": self.host, "X-Forwarded-Proto": "https", "X-Real-IP": LOOPBACK}
            )
        else:
            all_headers["Host"] = f"{self.host}:{env('SMOKE_HTTPS_PORT')}"
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        all_headers.update(headers or {})
        for attempt in (1, 2):
            conn = self._connect()
            try:
                conn.request(method, path, body=body, headers=all_headers)
                response = conn.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.close()
                if attempt == 2 or method != "GET":
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, fields, files=None, referer=None):
        boundary = uuid.uuid4().hex
        body = io.BytesIO()
        for name, value in fields.items():
            body.write(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        for name, (filename, content, content_type) in (files or {}).items():
            body.write(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
            )
            body.write(content + b"\r\n")
        body.write(f"--{boundary}--\r\n".encode())
        headers = {
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Origin": self.origin,
            "Referer": self.origin + (referer or path),
        }
        return self.request("POST", path, body=body.getvalue(), headers=headers)

    def login(self):
        status, _, body = self.get("/admin/login/")
        check(status == 200, f"admin login page {status}")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
        status, headers, _ = self.post(
            "/admin/login/",
            {
                "csrfmiddlewaretoken": token,
                "username": env("SMOKE_ADMIN_USER"),
                "password": env("SMOKE_ADMIN_PASSWORD"),
                "next": "/admin/",
            },
        )
        check(status == 302 and "sessionid" in self.cookies, f"admin login answered {status}")

    def csrf_token(self, path):
        status, _, body = self.get(path)
        check(status == 200, f"{path} answered {status}")
        found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        return found.group(1).decode() if found else self.cookies.get("csrftoken", "")


class Failed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failed(message)


def nginx(host_key="SMOKE_HOST1"):
    return Client(env(host_key))


def app(n, host_key="SMOKE_HOST1"):
    return Client(env(host_key), app_port=int(env(f"SMOKE_APP{n}_PORT")))


def load_state(path):
    return json.loads(Path(path).read_text())


def save_state(path, **values):
    state = load_state(path) if Path(path).exists() else {}
    state.update(values)
    Path(path).write_text(json.dumps(state, ensure_ascii=False, indent=1))


# Steps that need the application ----------------------------------------------------------


def _django():
    import django

    django.setup()


def cmd_fixture(state_path):
    """Content the checks use, on the first committee's site: a news index (if the committee
    has none), a draft report (published later through app server 1) and a report scheduled to
    go live 60 s from now (by the scheduler and worker alone)."""
    _django()
    from datetime import timedelta

    from django.utils import timezone
    from wagtail.models import Site

    from news.models import NewsIndexPage, NewsKind, NewsPage

    site = Site.objects.get(hostname=env("SMOKE_HOST1"))
    home = site.root_page.specific
    index = NewsIndexPage.objects.descendant_of(home).first()
    if index is None:
        index = home.add_child(instance=NewsIndexPage(title="新闻动态", slug="news"))
        index.save_revision().publish()
    tag = env("SMOKE_TAG")
    draft = index.add_child(
        instance=NewsPage(
            title=f"冒烟测试发布报道{tag}",
            slug=f"smoke-publish-{tag}",
            kind=NewsKind.WORK_NEWS,
            live=False,
        )
    )
    draft.save_revision()
    scheduled = index.add_child(
        instance=NewsPage(
            title=f"冒烟测试定时报道{tag}",
            slug=f"smoke-scheduled-{tag}",
            kind=NewsKind.WORK_NEWS,
            live=False,
        )
    )
    go_live_at = timezone.now() + timedelta(seconds=60)
    scheduled.go_live_at = go_live_at
    scheduled.save_revision().publish()
    scheduled.refresh_from_db()
    check(not scheduled.live, "the scheduled report went live at once")

    def path_of(page):
        return page.get_url_parts()[2]

    save_state(
        state_path,
        home_path=path_of(home),
        index_path=path_of(index),
        draft_id=draft.pk,
        draft_title=draft.title,
        draft_path=path_of(draft),
        scheduled_title=scheduled.title,
        scheduled_path=path_of(scheduled),
        scheduled_at=time.time(),
        go_live_at=go_live_at.timestamp(),
    )
    print(f"fixture: index {path_of(index)}, draft {draft.pk}, scheduled for {go_live_at:%H:%M:%S}")


def _digest(rows):
    digest = hashlib.sha256()
    for row in rows:
        digest.update(json.dumps(row, sort_keys=True, default=str, ensure_ascii=False).encode())
        digest.update(b"\n")
    return digest.hexdigest()[:16]


def cmd_state():
    """Counts and checksums of the content a backup must keep: pages (tree, titles, state),
    their revisions' content, sites, images and every file under MEDIA_ROOT. Printed as JSON."""
    _django()
    from django.conf import settings
    from wagtail.images import get_image_model
    from wagtail.models import Page, Revision, Site

    pages = Page.objects.order_by("pk").values_list(
        "pk", "path", "url_path", "title", "slug", "live", "content_type__model", "go_live_at"
    )
    revisions = Revision.objects.order_by("pk").values_list("pk", "object_id", "content")
    sites = Site.objects.order_by("pk").values_list(
        "hostname", "port", "root_page_id", "is_default_site"
    )
    images = get_image_model().objects.order_by("pk").values_list("pk", "title", "file")
    media = Path(settings.MEDIA_ROOT)
    files = sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []
    file_rows = [
        (str(p.relative_to(media)), hashlib.sha256(p.read_bytes()).hexdigest()) for p in files
    ]
    state = {
        "pages": len(pages),
        "pages_sha": _digest(list(pages)),
        "revisions": len(revisions),
        "revisions_sha": _digest(list(revisions)),
        "sites": len(sites),
        "sites_sha": _digest(list(sites)),
        "images": len(images),
        "images_sha": _digest(list(images)),
        "media_files": len(file_rows),
        "media_sha": _digest(file_rows),
    }
    print(json.dumps(state, sort_keys=True))


# HTTP checks --------------------------------------------------------------------------------


def cmd_pages(state_path):
    """Both committees' home pages through nginx, their own titles; a static file the page
    links; plain HTTP redirected; an unknown host refused."""
    state = load_state(state_path)
    titles = []
    for key in ("SMOKE_HOST1", "SMOKE_HOST2"):
        client = nginx(key)
        status, _, body = client.get("/")
        check(status == 200, f"home of {env(key)} through nginx: {status}")
        title = re.search(rb"<title>(.*?)</title>", body, re.S).group(1).decode().strip()
        titles.append(title)
        print(f"  {env(key)} / → 200 «{title}»")
    check(titles[0] != titles[1], f"both hosts served the same page: {titles}")
    client = nginx()
    for path in (state["index_path"],):
        status, _, _ = client.get(path)
        check(status == 200, f"{path} through nginx: {status}")
        print(f"  {path} → 200")
    status, _, body = client.get("/")
    static = re.findall(rb'(?:href|src)="(/static/[^"]+)"', body)
    check(static, "the home page links no static file")
    for path in sorted(set(static))[:3]:
        status, headers, data = client.get(path.decode())
        check(status == 200 and data, f"{path.decode()} through nginx: {status}")
        check("max-age" in headers.get("cache-control", ""), f"{path.decode()} has no max-age")
        print(f"  {path.decode()} → 200, {len(data)} bytes, {headers.get('cache-control')}")
    plain = http.client.HTTPConnection(LOOPBACK, int(env("SMOKE_HTTP_PORT")), timeout=10)
    plain.request("GET", "/", headers={"Host": env("SMOKE_HOST1")})
    response = plain.getresponse()
    location = response.getheader("Location", "")
    check(response.status == 301 and location.startswith("https://"), "plain HTTP not redirected")
    print(f"  http:// → {response.status} {location}")
    plain.close()
    unknown = http.client.HTTPConnection(LOOPBACK, int(env("SMOKE_HTTP_PORT")), timeout=10)
    try:
        unknown.request("GET", "/", headers={"Host": "unknown.example.com"})
        unknown.getresponse()
        refused = False
    except (http.client.RemoteDisconnected, ConnectionResetError):
        refused = True
    check(refused, "a request for an unknown host was answered")
    print("  unknown host → connection closed (444)")


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (180, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def cmd_upload(state_path):
    """An image uploaded in the admin through nginx is served from /media/ by nginx, inline,
    with nosniff; a non-image under /media/ is an attachment."""
    client = nginx()
    client.login()
    token = client.csrf_token("/admin/images/add/")
    name = f"smoke-{env('SMOKE_TAG')}.png"
    # The single-image form: an image needs its description (alternative text), which the
    # multiple upload asks for only after the file is in (core.image_forms).
    status, headers, body = client.post(
        "/admin/images/add/",
        {
            "csrfmiddlewaretoken": token,
            "collection": "1",
            "title": name,
            "description": "冒烟测试上传的图片",
        },
        files={"file": (name, _png(), "image/png")},
        referer="/admin/images/add/",
    )
    check(
        status == 302 and "/admin/images/" in headers.get("location", ""),
        f"image upload through nginx answered {status}: {body[:300]!r}",
    )
    print(f"  uploaded {name} through nginx (→ {headers.get('location')})")
    path = f"/media/original_images/{name}"
    status, headers, data = client.get(path)
    check(status == 200 and data == _png(), f"{path} through nginx: {status}")
    check(headers.get("x-content-type-options") == "nosniff", f"{path} without nosniff")
    check("content-disposition" not in headers, f"{path} is an attachment")
    check(headers.get("content-type") == "image/png", f"{path} as {headers.get('content-type')}")
    print(f"  {path} → 200 image/png, nosniff, inline")
    planted = Path(env("MEDIA_ROOT")) / "documents" / f"smoke-{env('SMOKE_TAG')}.html"
    planted.parent.mkdir(parents=True, exist_ok=True)
    planted.write_text("<script>alert(1)</script>")
    status, headers, _ = client.get(f"/media/documents/{planted.name}")
    check(status == 200, f"planted HTML under /media/: {status}")
    check(headers.get("content-disposition") == "attachment", "HTML under /media/ served inline")
    check("sandbox" in headers.get("content-security-policy", ""), "no sandbox on /media/")
    check(headers.get("x-content-type-options") == "nosniff", "no nosniff on /media/")
    print("  /media/…html → attachment, nosniff, CSP sandbox")
    planted.unlink()
    save_state(state_path, image_path=path)


def cmd_publish(state_path):
    """A draft published in the admin of app server 1 is seen at once through app server 2 and
    through nginx, though both had just cached the news index without it."""
    state = load_state(state_path)
    index, page, title = state["index_path"], state["draft_path"], state["draft_title"]
    readers = {"app server 2": app(2), "nginx": nginx()}
    for name, reader in readers.items():
        for _ in range(2):  # the second read is served from the shared page cache
            status, _, body = reader.get(index)
            check(status == 200, f"{index} through {name}: {status}")
        check(title.encode() not in body, f"the draft is listed through {name} before publishing")
        status, _, _ = reader.get(page)
        check(status == 404, f"the draft through {name} before publishing: {status}")
    editor = app(1)
    editor.login()
    action = f"/admin/bulk/wagtailcore/page/publish/?id={state['draft_id']}"
    token = editor.csrf_token(action)
    status, _, _ = editor.post(action, {"csrfmiddlewaretoken": token}, referer=action)
    check(status == 302, f"publishing through app server 1 answered {status}")
    print(f"  published «{title}» through app server 1 (admin bulk publish)")
    for name, reader in readers.items():
        status, _, body = reader.get(index)
        check(status == 200 and title.encode() in body, f"index through {name}: not listed")
        status, _, _ = reader.get(page)
        check(status == 200, f"the new report through {name}: {status}")
        print(f"  next request through {name}: listed on {index}, {page} → 200")


def cmd_scheduled(state_path, limit="150"):
    """Polls (through nginx) the report scheduled at fixture time until it is live, then reads
    when it was published and by whom: nobody (the scheduler and the worker)."""
    state = load_state(state_path)
    client = nginx()
    deadline = state["go_live_at"] + float(limit)
    while True:
        status, _, _ = client.get(state["scheduled_path"])
        if status == 200:
            break
        check(status == 404, f"scheduled report answered {status}")
        check(time.time() < deadline, f"scheduled report still not live {limit} s after its time")
        time.sleep(2)
    _django()
    from wagtail.models import PageLogEntry

    from news.models import NewsPage

    page = NewsPage.objects.get(slug=state["scheduled_path"].strip("/").split("/")[-1])
    entry = PageLogEntry.objects.filter(page=page, action__startswith="wagtail.publish").latest(
        "timestamp"
    )
    check(
        entry.action == "wagtail.publish.scheduled" and entry.user_id is None,
        f"the scheduled report was published by {entry.action}, user {entry.user_id}",
    )
    live_at = page.first_published_at.timestamp()
    print(
        f"  scheduled report went live {live_at - state['go_live_at']:.0f} s after its go-live "
        f"time ({live_at - state['scheduled_at']:.0f} s after it was scheduled), published by "
        "the worker (no user); seen through nginx"
    )


def cmd_load(seconds, state_path, threads="4"):
    """GETs through nginx from several threads for SECONDS; every answer must be 200."""
    state = load_state(state_path)
    paths = [state["home_path"], state["index_path"], state["draft_path"]]
    paths += [state["image_path"]] if "image_path" in state else []
    deadline = time.monotonic() + float(seconds)
    counts = {"requests": 0, "while_down": 0, "errors": 0}
    errors: list[str] = []
    lock = threading.Lock()

    down_marker = Path(env("SMOKE_APP1_DOWN"))

    def run(n):
        client = nginx()
        i = n
        while time.monotonic() < deadline:
            path = paths[i % len(paths)]
            i += 1
            down = down_marker.exists()
            try:
                status, _, _ = client.get(path)
                error = None if status == 200 else f"{status} {path}"
            except Exception as exc:  # noqa: BLE001 - counted, not raised
                client.close()
                error = f"{type(exc).__name__} {path}"
            with lock:
                counts["requests"] += 1
                counts["while_down"] += down
                if error:
                    counts["errors"] += 1
                    errors.append(error)

    workers = [threading.Thread(target=run, args=(n,)) for n in range(int(threads))]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    print(
        f"  load: {counts['requests']} requests ({counts['while_down']} while app server 1 was "
        f"stopped), {counts['errors']} errors"
    )
    for error in errors[:5]:
        print(f"    {error}")
    save_state(state_path, load=counts)
    check(counts["errors"] == 0 and counts["while_down"] > 0, "requests failed during the load")


def cmd_rejoin(state_path, log_path):
    """After its restart, app server 1 answers requests nginx passes again (its access log
    grows while requests go through nginx)."""
    state = load_state(state_path)
    log = Path(log_path)
    before = log.read_text().count("\n")
    client = nginx()
    deadline = time.monotonic() + 40
    sent = 0
    while time.monotonic() < deadline:
        status, _, _ = client.get(state["index_path"])
        check(status == 200, f"through nginx after the restart: {status}")
        sent += 1
        if log.read_text().count("\n") > before:
            print(f"  app server 1 back in the pool after {sent} requests through nginx")
            return
        time.sleep(0.2)
    raise Failed("app server 1 got no request from nginx within 40 s of its restart")


def cmd_readyz(port, expect):
    """GET /readyz of one app server: `ok` wants 200, a check name wants 503 naming it."""
    conn = http.client.HTTPConnection(LOOPBACK, int(port), timeout=15)
    conn.request("GET", "/readyz")
    response = conn.getresponse()
    body = response.read().decode()
    print(f"  :{port}/readyz → {response.status} {body}")
    answer = json.loads(body)
    if expect == "ok":
        check(response.status == 200 and answer.get("status") == "ok", "not ready")
    else:
        failing = answer.get("checks", {}).get(expect)
        check(response.status == 503, f"/readyz answered {response.status}, not 503")
        check(failing and failing != "ok", f"/readyz does not name {expect} as failing")


def cmd_healthz(port):
    conn = http.client.HTTPConnection(LOOPBACK, int(port), timeout=5)
    conn.request("GET", "/healthz")
    response = conn.getresponse()
    body = response.read()
    check(response.status == 200, f":{port}/healthz answered {response.status}")
    return body


COMMANDS = {
    "fixture": cmd_fixture,
    "state": cmd_state,
    "pages": cmd_pages,
    "upload": cmd_upload,
    "publish": cmd_publish,
    "scheduled": cmd_scheduled,
    "load": cmd_load,
    "rejoin": cmd_rejoin,
    "readyz": cmd_readyz,
    "healthz": cmd_healthz,
}


def main(argv):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "site"))
    try:
        COMMANDS[argv[1]](*argv[2:])
    except Failed as failure:
        print(f"  FAILED: {failure}")
        return 1
    except Exception as error:  # noqa: BLE001 - one line, not a traceback, in the summary
        print(f"  FAILED: {type(error).__name__}: {error}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
