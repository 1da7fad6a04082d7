"""manage.py add_committee provisions a committee as the demo and the admin do, says in Chinese
what is wrong, and changes nothing when run again."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from wagtail.models import Collection, GroupPagePermission, Page, Site, WorkflowPage

from builders import ensure_wagtail_root, make_committee
from core.models import CommitteeSettings
from home.models import HomePage

COUNTY = [
    "--hostname",
    "zhuanglang.pingliang.gov.cn",
    "--short-name",
    "庄浪县政协",
    "--name",
    "中国人民政治协商会议庄浪县委员会",
    "--parent",
    "pingliang.test",
]


def add(*args):
    out = StringIO()
    call_command("add_committee", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def prefecture(db):
    ensure_wagtail_root()
    return make_committee("pingliang", "平凉市政协", level="prefecture", default=True)


def counts():
    return (
        Site.objects.count(),
        Page.objects.count(),
        CommitteeSettings.objects.count(),
        Group.objects.count(),
        Collection.objects.count(),
        WorkflowPage.objects.count(),
    )


def test_provisions_a_county_under_its_prefecture(prefecture, settings):
    settings.ALLOWED_HOSTS = [".pingliang.test"]
    out = add(*COUNTY, "--port", "8000")
    site = Site.objects.get(hostname="zhuanglang.pingliang.gov.cn")
    assert "已创建庄浪县政协站点：http://zhuanglang.pingliang.gov.cn:8000/" in out
    assert "ALLOWED_HOSTS 尚未包含 zhuanglang.pingliang.gov.cn" in out
    assert site.port == 8000 and not site.is_default_site
    home = site.root_page.specific
    assert isinstance(home, HomePage) and home.live and home.slug == "zhuanglang"
    committee = CommitteeSettings.for_site(site)
    assert committee.short_name == "庄浪县政协"
    assert committee.name == "中国人民政治协商会议庄浪县委员会"
    assert committee.level == "county"
    assert committee.parent_site == prefecture
    editors = Group.objects.get(name="庄浪县政协编辑")
    assert GroupPagePermission.objects.filter(group=editors, page=home).exists()
    assert Collection.objects.filter(name="庄浪县政协").exists()
    assert WorkflowPage.objects.filter(page=home).exists()
    # Its host name is the county on any port; the prefecture stays the one default.
    request = RequestFactory().get("/", HTTP_HOST="zhuanglang.pingliang.gov.cn:443")
    assert Site.find_for_request(request) == site
    assert list(Site.objects.filter(is_default_site=True)) == [prefecture]


def test_running_it_again_changes_nothing_but_the_port(prefecture):
    add(*COUNTY)
    before = counts()
    out = add(*COUNTY, "--port", "8080")
    assert "已更新庄浪县政协站点" in out
    assert counts() == before
    assert Site.objects.get(hostname="zhuanglang.pingliang.gov.cn").port == 8080


def test_a_prefecture_without_parent_can_be_made_the_default(prefecture):
    add(
        "--hostname",
        "jiayuguan.gov.cn",
        "--short-name",
        "嘉峪关市政协",
        "--name",
        "中国人民政治协商会议嘉峪关市委员会",
        "--level",
        "prefecture",
        "--default",
    )
    site = Site.objects.get(is_default_site=True)
    assert site.hostname == "jiayuguan.gov.cn"
    assert CommitteeSettings.for_site(site).level == "prefecture"


@pytest.mark.parametrize(
    "change, message",
    [
        (["--parent", "nowhere.gov.cn"], "找不到上级政协站点“nowhere.gov.cn”"),
        (["--hostname", "pingliang.test"], "域名 pingliang.test 已由“平凉市政协”使用"),
        (["--short-name", "平凉市政协"], "简称“平凉市政协”已由站点 pingliang.test 使用"),
        (["--slug", "pingliang"], "首页标识“pingliang”已由站点 pingliang.test 使用"),
        (["--hostname", "http://x.cn"], "域名“http://x.cn”无效"),
        (["--primary-colour", "red"], "站点设置无效：请填写 #RRGGBB 格式的颜色"),
    ],
)
def test_clear_errors_leave_nothing_behind(prefecture, change, message):
    args = list(COUNTY)
    for i in range(0, len(change), 2):
        if change[i] in args:
            args[args.index(change[i]) + 1] = change[i + 1]
        else:
            args += change[i : i + 2]
    before = counts()
    with pytest.raises(CommandError, match=message):
        add(*args)
    assert counts() == before


def test_a_county_cannot_be_a_parent(prefecture):
    add(*COUNTY)
    with pytest.raises(CommandError, match="是县级政协，不能作为上级"):
        add(
            "--hostname",
            "village.gov.cn",
            "--short-name",
            "某村",
            "--name",
            "某村政协",
            "--parent",
            "zhuanglang.pingliang.gov.cn",
        )
