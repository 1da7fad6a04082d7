"""Phase "cases" (production settings, the built database): the URLs to measure, found in the
data rather than written down, and a signed-in superuser's session for the admin."""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
PREFECTURE = "pingliang.localhost"
COUNTY = "zhuanglang.localhost"
REPORT_SLUG = "wujie-wuci-zhuxi-huiyi"  # a demo meeting report of the prefecture
SEARCHES = [
    ("search 协商", "协商"),
    ("search 政协 常委会", "政协 常委会"),
    ("search rare 合小美工作室", "合小美工作室"),
    ("search Traditional 政協", "政協"),
    ("search pinyin jiayuguan", "jiayuguan"),
]


def _case(label, site, path, kind="public"):
    return {"label": label, "host": f"{site.hostname}:{site.port}", "path": path, "kind": kind}


def _site_path(site, page):
    return page.url_path[len(site.root_page.url_path) - 1 :]


def _first_child_path(site, model):
    page = model.objects.live().descendant_of(site.root_page).order_by("path").first()
    return _site_path(site, page) if page else None


def public_cases():
    from urllib.parse import quote

    from wagtail.models import Site

    from consultation.models import ActivityIndexPage, PlatformIndexPage
    from news.models import NewsIndexPage, NewsPage

    prefecture = Site.objects.get(hostname=PREFECTURE)
    county = Site.objects.get(hostname=COUNTY)
    bench_county = Site.objects.filter(hostname="bench1.localhost").first()
    news = _first_child_path(prefecture, NewsIndexPage)
    report = NewsPage.objects.descendant_of(prefecture.root_page).get(slug=REPORT_SLUG)
    meeting_type = report.meeting_type.slug
    cases = [
        _case("prefecture home /", prefecture, "/"),
        _case("county home", county, "/"),
        _case("news list", prefecture, news),
        _case("news ?year=2020", prefecture, f"{news}?year=2020"),
        _case(f"news ?type={meeting_type}", prefecture, f"{news}?type={meeting_type}"),
        _case("news ?page=200", prefecture, f"{news}?page=200"),
        _case("meeting report", prefecture, _site_path(prefecture, report)),
    ]
    lists = ((PlatformIndexPage, "platform list"), (ActivityIndexPage, "activity list"))
    for model, label in lists:
        path = _first_child_path(prefecture, model)
        if path:
            cases.append(_case(f"{label} (prefecture)", prefecture, path))
        if bench_county and (path := _first_child_path(bench_county, model)):
            cases.append(_case(f"{label} (county)", bench_county, path))
    cases.append(_case("figures (prefecture)", prefecture, "/figures/"))
    for label, query in SEARCHES:
        cases.append(_case(label, prefecture, f"/search/?q={quote(query)}"))
    cases.append(_case("search 协商 page 5", prefecture, f"/search/?q={quote('协商')}&page=5"))
    return cases


def admin_cases():
    from wagtail.models import Site

    from news.models import NewsIndexPage, NewsPage

    prefecture = Site.objects.get(hostname=PREFECTURE)
    index = NewsIndexPage.objects.descendant_of(prefecture.root_page).order_by("path").first()
    report = NewsPage.objects.descendant_of(prefecture.root_page).get(slug=REPORT_SLUG)
    return [
        _case("admin dashboard", prefecture, "/admin/", "admin"),
        _case("admin explorer: news", prefecture, f"/admin/pages/{index.pk}/", "admin"),
        _case("admin edit: report", prefecture, f"/admin/pages/{report.pk}/edit/", "admin"),
    ]


def static_case(cases):
    """The stylesheet the prefecture's home page links: the limit of this server."""
    from django.test import Client

    home = cases[0]
    html = Client().get(home["path"], HTTP_HOST=home["host"]).content.decode()
    match = re.search(r'href="(/static/[^"]+\.css)"', html)
    if not match:
        sys.exit("no stylesheet linked from the home page (collectstatic not run?)")
    return {**home, "label": "static CSS (the limit)", "path": match.group(1), "kind": "static"}


def admin_cookie():
    """A superuser's session in the database, as a browser holds it after signing in."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username="admin"))
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def main(options):
    sys.path.insert(0, str(ROOT / "site"))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)  # --reuse of data built before a new migration
    cases = public_cases()
    cases = [static_case(cases), *cases, *admin_cases()]
    if options.get("only"):
        cases = [c for c in cases if options["only"] in c["label"] or c["kind"] == "static"]
    from wagtail.models import Page

    from consultation.models import Activity

    return {
        "pages": Page.objects.count(),
        "activities": Activity.objects.count(),
        "cases": cases,
        "admin_cookie": admin_cookie(),
        "session_cookie_name": settings.SESSION_COOKIE_NAME,
    }
