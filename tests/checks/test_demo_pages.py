"""The checks read every page type of the installation (the demo has one of each the site
offers, plugins' included) without failing, and their editors open with the checks' hooks."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page

from checks.findings import KINDS, check_page


@pytest.fixture
def demo(db):
    with open("/dev/null", "w") as out:
        call_command("load_demo", stdout=out)


def test_every_demo_page_is_checked_and_edited(demo, client):
    pages = list(Page.objects.filter(depth__gt=1).specific())
    assert len({type(page) for page in pages}) >= 5
    for page in pages:
        for finding in check_page(page):
            assert finding.kind in KINDS
            assert finding.where and finding.message
    admin = get_user_model().objects.create_superuser("root", "root@example.com", "x")
    client.force_login(admin)
    for page_type in {type(page): page for page in pages}.values():
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page_type.pk]))
        assert response.status_code == 200, type(page_type)
        response = client.get(reverse("checks_page_findings", args=[page_type.pk]))
        assert response.status_code == 200, type(page_type)
