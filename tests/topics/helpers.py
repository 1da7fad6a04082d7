"""A committee with a platform and its 我有事要协商 page, and posting the form as a person does
(a stamp handed out long enough ago)."""

import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import signing

from core.committees import editor_group_name
from topics.forms import FORM_STAMP_SALT
from topics.models import TopicSubmissionPage

from ..consultation.test_public_activity import build_site
from ..consultation.test_public_activity import platform as make_platform


def topic_site(slug="xqu"):
    """(site, topic page, platform) for a county committee with platform and activity lists."""
    site, platforms, _ = build_site(slug)
    platform = make_platform(platforms, f"{slug}-room")
    page = TopicSubmissionPage(title="我有事要协商", slug="topics")
    site.root_page.add_child(instance=page)
    page.save_revision().publish()
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


def editor(site, username):
    user = get_user_model().objects.create_user(username, password="x")
    user.groups.add(Group.objects.get(name=editor_group_name(site.site_name)))
    return user
