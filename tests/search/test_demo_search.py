"""On the demo, the searches the issue names find the right reports near the top."""

import pytest
from django.core.management import call_command
from django.db import transaction

CASES = [
    # Titles come in the reader's script (Simplified here), whatever the query's script.
    ("luzhou", "政協", "聚焦泸州两会 | 五大关键词解读政协工作报告"),
    ("luzhou", "政协", "聚焦泸州两会 | 五大关键词解读政协工作报告"),
    ("xqu", "协商", "推进政协协商向基层延伸，提升基层社会治理水平"),
    ("xqu", "板凳协商会", "推进政协协商向基层延伸，提升基层社会治理水平"),
    ("jiayuguan", "嘉峪关", "搭建履职“新平台” 打造协商“新品牌”"),
    ("jiayuguan", "jiayuguan", "搭建履职“新平台” 打造协商“新品牌”"),
    ("huixian", "高桥镇", "徽县政协调研指导高桥镇协商议事活动"),
]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module inside a transaction that is rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=open("/dev/null", "w"))
        yield
        transaction.set_rollback(True)


@pytest.mark.parametrize("site, query, report", CASES)
@pytest.mark.django_db
def test_the_demo_finds_the_right_report_near_the_top(demo, client, site, query, report):
    data = client.get(
        "/search/", {"q": query, "format": "json"}, HTTP_HOST=f"{site}.localhost:8000"
    ).json()
    titles = [r["title"] for r in data["results"][:3]]
    assert report in titles, (query, titles)
