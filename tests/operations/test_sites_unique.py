"""Exactly one Site per committee host name and one default site, whatever port the demo runs
on: loading it again on another port moves the sites, and a county's host name on any port is
still that county (Wagtail matches a host name on any port only while it has a single row)."""

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.test import RequestFactory
from wagtail.models import Site

from core import committees
from core.models import CommitteeSettings
from demo import content as demo
from demo.management.commands import load_demo

HOSTS = {f"{committee.slug}.localhost" for committee in demo.COMMITTEES}


def load(port):
    call_command("load_demo", "--port", str(port), stdout=open("/dev/null", "w"))


def site_for(host):
    request = RequestFactory().get("/", HTTP_HOST=host)
    return Site.find_for_request(request)


def assert_one_site_per_host(port):
    assert set(Site.objects.values_list("hostname", flat=True)) == HOSTS
    duplicated = Site.objects.values("hostname").annotate(n=Count("pk")).filter(n__gt=1)
    assert list(duplicated) == []
    assert set(Site.objects.values_list("port", flat=True)) == {port}
    assert list(Site.objects.filter(is_default_site=True).values_list("hostname", flat=True)) == [
        "pingliang.localhost"
    ]


@pytest.mark.django_db
def test_loading_the_demo_on_another_port_moves_the_sites():
    load(8000)
    first = dict(Site.objects.values_list("hostname", "pk"))
    load(8080)
    assert_one_site_per_host(8080)
    assert dict(Site.objects.values_list("hostname", "pk")) == first
    # The committee tree is intact.
    pingliang = Site.objects.get(hostname="pingliang.localhost")
    zhuanglang = CommitteeSettings.objects.get(site__hostname="zhuanglang.localhost")
    assert zhuanglang.parent_site == pingliang

    # A county's host name on any port (a proxy, another PORT) is still the county.
    for host in ("zhuanglang.localhost:8080", "zhuanglang.localhost:9999", "zhuanglang.localhost"):
        assert site_for(host).hostname == "zhuanglang.localhost", host
    assert site_for("unknown.example.org").hostname == "pingliang.localhost"


@pytest.mark.django_db
def test_duplicates_left_by_earlier_versions_are_removed(monkeypatch):
    """The old provision_committee matched (host name, port) and added a new row otherwise,
    with its own default flag; a run on a third port repairs what two such runs left."""
    load(8000)
    real = committees.provision_committee

    def old_provision(*, hostname, port, home_page, is_default_site=False, **kwargs):
        if not Site.objects.filter(hostname=hostname, port=port).exists():
            Site.objects.create(
                hostname=hostname,
                port=port,
                root_page=Site.objects.filter(hostname=hostname).first().root_page,
                site_name=kwargs["short_name"],
                is_default_site=is_default_site,
            )
        return real(hostname=hostname, port=port, home_page=home_page, **kwargs)

    monkeypatch.setattr(load_demo, "provision_committee", old_provision)
    load(8080)
    assert Site.objects.filter(hostname="zhuanglang.localhost").count() == 2
    assert Site.objects.filter(is_default_site=True).count() == 2
    # What the issue saw: the county's host name on another port gets the prefecture.
    assert site_for("zhuanglang.localhost:9999").hostname == "pingliang.localhost"

    monkeypatch.setattr(load_demo, "provision_committee", real)
    load(9090)
    assert_one_site_per_host(9090)
    assert site_for("zhuanglang.localhost:9999").hostname == "zhuanglang.localhost"
    assert CommitteeSettings.objects.count() == len(HOSTS)
    zhuanglang = CommitteeSettings.objects.get(site__hostname="zhuanglang.localhost")
    assert zhuanglang.parent_site.hostname == "pingliang.localhost"


@pytest.mark.django_db
def test_making_a_site_the_default_takes_it_from_the_others():
    load(8000)
    county = Site.objects.get(hostname="zhuanglang.localhost")
    committees.make_default_site(county)
    assert list(Site.objects.filter(is_default_site=True)) == [county]
