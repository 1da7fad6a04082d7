"""The government-site footer: every mandatory item with its link, what is missing reported
by CommitteeSettings.missing_footer_items, Chinese validation messages, and an edit showing at
once on the (cached) pages."""

import importlib
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from builders import make_committee
from core.models import CommitteeSettings

FULL = {
    "sponsor": "政协徽县委员会办公室",
    "address": "甘肃省陇南市徽县城关镇某路1号",
    "phone": "(0939)7512345",
    "postcode": "742300",
    "contact": "电子邮箱：zx@example.cn",
    "icp_number": "陇ICP备12345678号-1",
    "police_number": "甘公网安备 62122702000001号",
    "website_code": "6212270001",
}


class Links(HTMLParser):
    """(href, text) of every link inside the footer."""

    def __init__(self):
        super().__init__()
        self.links, self._in_footer, self._href, self._text = [], False, None, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "footer":
            self._in_footer = True
        elif tag == "a" and self._in_footer:
            self._href, self._text = attrs.get("href"), []

    def handle_endtag(self, tag):
        if tag == "footer":
            self._in_footer = False
        elif tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._text).strip()))
            self._href = None

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)


def footer(client, host):
    html = client.get("/", HTTP_HOST=host).content.decode()
    parser = Links()
    parser.feed(html)
    return html.split('class="site-footer"')[1], dict((text, href) for href, text in parser.links)


@pytest.mark.django_db
class TestFooterItems:
    def test_every_item_is_shown_with_its_link(self, client):
        make_committee("huixian", "徽县政协", **FULL)
        html, links = footer(client, "huixian.test")
        assert "主办单位：政协徽县委员会办公室" in html
        assert '<address id="contact"' in html
        assert "地址：甘肃省陇南市徽县城关镇某路1号" in html
        assert "邮编：742300" in html
        assert "电话：" in html and links["(0939)7512345"] == "tel:09397512345"
        assert "电子邮箱：zx@example.cn" in html
        assert links["陇ICP备12345678号-1"] == "https://beian.miit.gov.cn/"
        assert links["甘公网安备 62122702000001号"].endswith("recordcode=62122702000001")
        assert "网站标识码：6212270001" in html
        assert links["网站纠错（在新窗口打开）"] == (
            "https://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteInfo.action?sitecode=6212270001"
        )
        assert links["联系我们"] == "#contact"
        assert links["适老化 · 无障碍"] == "/preferences/?elder=1&next=/"

    def test_without_a_site_code_there_is_no_correction_link(self, client):
        make_committee("huixian", "徽县政协", **{**FULL, "website_code": ""})
        html, links = footer(client, "huixian.test")
        assert "网站纠错" not in html and "zfwzzc" not in html
        assert CommitteeSettings.objects.get().correction_url == ""

    def test_elder_mode_offers_the_way_back_in_the_footer_too(self, client):
        make_committee("huixian", "徽县政协")
        client.cookies["cppcc_elder"] = "1"
        _, links = footer(client, "huixian.test")
        assert links["退出适老模式"] == "/preferences/?elder=0&next=/"

    def test_an_edit_shows_at_once(self, client):
        site = make_committee("huixian", "徽县政协", **FULL)
        footer(client, "huixian.test")  # built and kept
        settings = CommitteeSettings.for_site(site)
        settings.phone = "0939-7519999"
        settings.website_code = "6212270002"
        settings.save()
        html, links = footer(client, "huixian.test")
        assert "0939-7519999" in html and "(0939)7512345" not in html
        assert links["网站纠错（在新窗口打开）"].endswith("sitecode=6212270002")


@pytest.mark.django_db
class TestMissingItems:
    def test_a_complete_footer_misses_nothing(self):
        site = make_committee("huixian", "徽县政协", **FULL)
        assert CommitteeSettings.for_site(site).missing_footer_items() == []

    def test_missing_and_blank_items_are_named_in_chinese(self):
        site = make_committee(
            "huixian", "徽县政协", **{**FULL, "police_number": "", "address": "  ", "phone": ""}
        )
        settings = CommitteeSettings.for_site(site)
        assert settings.missing_footer_items() == ["联系地址", "联系电话", "公安备案号"]

    def test_an_empty_committee_misses_all_six(self):
        site = make_committee("honggu", "红古区政协")
        assert CommitteeSettings.for_site(site).missing_footer_items() == [
            "主办单位",
            "联系地址",
            "联系电话",
            "ICP备案号",
            "公安备案号",
            "网站标识码",
        ]


@pytest.mark.django_db
class TestValidation:
    @pytest.mark.parametrize(
        "field, value, message",
        [
            ("postcode", "74230", "邮政编码应为 6 位数字"),
            ("postcode", "74230a", "邮政编码应为 6 位数字"),
            ("phone", "0939-751234x", "联系电话只能由数字"),
            ("phone", "电话0939", "联系电话只能由数字"),
        ],
    )
    def test_bad_values_get_a_chinese_message(self, field, value, message):
        site = make_committee("huixian", "徽县政协")
        settings = CommitteeSettings.for_site(site)
        setattr(settings, field, value)
        with pytest.raises(ValidationError) as error:
            settings.full_clean()
        assert message in " ".join(error.value.message_dict[field])

    @pytest.mark.parametrize("phone", ["0939-7512345", "(0939)7512345", "（0939）7512345"])
    def test_usual_phone_forms_are_accepted(self, phone):
        site = make_committee("huixian", "徽县政协")
        settings = CommitteeSettings.for_site(site)
        settings.phone, settings.postcode = phone, "742300"
        settings.full_clean()


def test_the_migration_moves_recognised_contact_lines_into_the_fields():
    migration = importlib.import_module("core.migrations.0005_committee_contact_fields")
    found, rest = migration.split_contact(
        "地址：甘肃省徽县某路1号\n电话：0939-7512345\n邮编：742300\n邮箱：zx@example.cn"
    )
    assert found == {"address": "甘肃省徽县某路1号", "phone": "0939-7512345", "postcode": "742300"}
    assert rest == "邮箱：zx@example.cn"
    assert migration.split_contact("请拨打办公室电话") == ({}, "请拨打办公室电话")


@pytest.mark.django_db
def test_the_settings_form_shows_chinese_errors_not_a_server_error(client, django_user_model):
    site = make_committee("huixian", "徽县政协", **FULL)
    client.force_login(django_user_model.objects.create_superuser("root", "r@example.cn", "x"))
    url = reverse("wagtailsettings:edit", args=["core", "committeesettings", site.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "联系地址" in page.content.decode() and "邮政编码" in page.content.decode()
    settings = CommitteeSettings.for_site(site)
    data = {
        field: getattr(settings, field)
        for field in ("name", "short_name", "level", "primary_colour", "accent_colour", *FULL)
    }
    response = client.post(url, {**data, "postcode": "7423", "phone": "0939 转 8"})
    assert response.status_code == 200  # the form again, with its errors
    html = response.content.decode()
    assert "邮政编码应为 6 位数字" in html
    assert "联系电话只能由数字" in html
    settings.refresh_from_db()
    assert settings.postcode == "742300"
