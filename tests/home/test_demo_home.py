"""Every demo committee's home page fills its standard areas: a 政协要闻 headline with a
picture and alt text, 通知公告, 工作动态 (not 暂无动态), a 专题 and the 规章制度 library."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Site

from demo import content as demo
from home.demo import load_home_demo


@pytest.fixture
def demo_sites(db):
    call_command("load_demo", stdout=io.StringIO())
    sites = {c.slug: Site.objects.get(hostname=f"{c.slug}.localhost") for c in demo.COMMITTEES}
    load_home_demo(sites)  # load_demo calls it once wired in; loading again changes nothing
    return sites


def area(html, heading_id):
    assert f'id="{heading_id}"' in html, heading_id
    return html.split(f'id="{heading_id}"')[1].split("</section>")[0]


@override_settings(PAGE_CACHE_ENABLED=False)
def test_every_demo_home_fills_its_areas(demo_sites, client):
    for slug, site in demo_sites.items():
        html = client.get("/", HTTP_HOST=f"{site.hostname}:{site.port}").content.decode()
        headline = area(html, "h-headlines")
        assert "<img" in headline and 'alt="演示图片' in headline, slug
        assert area(html, "h-notices").count("<li>") == 3, slug
        assert "暂无动态" not in area(html, "h-news"), slug
        assert "专题" in area(html, "h-topics"), slug
        assert area(html, "h-library").count("<li>") == 4, slug


@override_settings(PAGE_CACHE_ENABLED=False)
def test_the_demo_sections_answer(demo_sites, client):
    site = demo_sites["zhuanglang"]
    host = f"{site.hostname}:{site.port}"
    notices = client.get("/notices/", HTTP_HOST=host)
    assert [p.title for p in notices.context["items"]][
        0
    ] == "关于征集2023年度重点调研课题的公告（演示）"
    library = client.get("/rules/", HTTP_HOST=host)
    assert len(library.context["rows"]) == 4
    topic = client.get("/zhuanti/topic-1/", HTTP_HOST=host)
    assert topic.status_code == 200
    assert topic.context["chosen"]
