"""The real backing services, exercised when their URLs are set (CI sets REDIS_URL)."""

import os
import uuid

import pytest
from django.core.cache import cache

from builders import NewsIndexPageFactory, NewsPageFactory, make_committee


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set")
def test_the_cache_round_trips_through_redis():
    from django.conf import settings

    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    key = f"test-{uuid.uuid4()}"
    cache.set(key, {"委员": 175}, 30)
    assert cache.get(key) == {"委员": 175}
    cache.delete(key)
    assert cache.get(key) is None


@pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"),
    reason="ELASTICSEARCH_URL is not set (no Elasticsearch server can run on this machine)",
)
@pytest.mark.django_db
def test_news_is_indexed_and_found_in_elasticsearch():
    from django.core.management import call_command

    from news.models import NewsPage

    site = make_committee("es")
    index = NewsIndexPageFactory(parent=site.root_page)
    page = NewsPageFactory(parent=index, title="平凉市政协召开五届五次主席会议")
    call_command("update_index", verbosity=0)
    results = NewsPage.objects.live().search("主席会议")
    assert page.pk in [r.pk for r in results]
