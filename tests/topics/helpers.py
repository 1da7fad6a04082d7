"""A committee with a platform and its 我有事要协商 page, and posting the form as a person does
(a stamp handed out long enough ago)."""

import re
import time

from django.core import signing

from builders import add_page, committee_with_platforms, make_platform
from topics.forms import FORM_STAMP_SALT
from topics.models import TopicSubmissionPage

CODE_RE = re.compile(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")


def topic_site(slug="xqu"):
    """(site, topic page, platform) for a county committee with platform and activity lists."""
    site, platforms = committee_with_platforms(slug)
    platform = make_platform(platforms, f"{slug}-room")
    page = add_page(site.root_page, TopicSubmissionPage(title="我有事要协商", slug="topics"))
    return site, page, platform


def stamp(seconds_ago=60):
    return signing.dumps(time.time() - seconds_ago, salt=FORM_STAMP_SALT)


def form_data(**overrides):
    data = {
        "title": "小区停车难",
        "description": "小区车位少，晚上车辆占用消防通道，希望商量增设停车位。",
        "place": "城南镇高桥村",
        "platform": "",
        "category": "",
        "name": "王小明",
        "mobile": "13912345678",
        "consent": "on",
        "website": "",
        "stamp": stamp(),
    }
    data.update(overrides)
    return data


def post(client, site, data, **extra):
    return client.post("/topics/", data, HTTP_HOST=site.hostname, **extra)


def submit(client, site, **overrides):
    """Post the form as a person and return the receipt code shown on the thanks page."""
    response = post(client, site, form_data(**overrides), follow=True)
    assert response.status_code == 200, response.content.decode()[:500]
    match = CODE_RE.search(response.content.decode())
    assert match, response.content.decode()
    return match.group(0)
