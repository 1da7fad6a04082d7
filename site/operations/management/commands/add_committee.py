"""Provision a committee's site from the command line: its home page, Site, settings, image
collection, editor group and moderation workflow (core.committees.provision_committee).

    manage.py add_committee --hostname zhuanglang.pingliang.gov.cn --short-name 庄浪县政协 \\
        --name 中国人民政治协商会议庄浪县委员会 --level county --parent pingliang.gov.cn

Safe to run again with the same host name and short name: the settings and the port are updated
and nothing is added."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_slug
from django.db import transaction
from django.http.request import validate_host
from wagtail.models import Page, Site

from core.committees import editor_group_name, provision_committee
from core.models import CommitteeLevel, CommitteeSettings
from home.models import HomePage

HOSTNAME = re.compile(
    r"^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$"
)


class Command(BaseCommand):
    help = "Provision a committee site (county, prefecture, province); safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--hostname", required=True, help="the site's host name")
        parser.add_argument("--short-name", required=True, help="e.g. 庄浪县政协")
        parser.add_argument("--name", required=True, help="e.g. 中国人民政治协商会议庄浪县委员会")
        parser.add_argument("--level", default=CommitteeLevel.COUNTY, choices=CommitteeLevel.values)
        parser.add_argument("--parent", default="", help="host name of the parent committee")
        parser.add_argument("--port", type=int, default=80)
        parser.add_argument(
            "--slug", default="", help="the home page's slug (default: the host name's first label)"
        )
        parser.add_argument("--primary-colour", default="", help="#RRGGBB")
        parser.add_argument(
            "--default", action="store_true", help="answer host names no site claims"
        )

    def handle(self, *args, **options):
        hostname = options["hostname"].strip().lower().rstrip(".")
        short_name = options["short_name"].strip()
        name = options["name"].strip()
        slug = options["slug"].strip() or hostname.split(".")[0]
        if not HOSTNAME.match(hostname):
            raise CommandError(f"域名“{hostname}”无效：只填写域名，不带 http:// 和端口。")
        if not 0 < options["port"] < 65536:
            raise CommandError(f"端口“{options['port']}”无效。")
        if not short_name or not name:
            raise CommandError("请填写政协简称（--short-name）和全称（--name）。")
        try:
            validate_slug(slug)
        except ValidationError as error:
            raise CommandError(
                f"首页标识“{slug}”无效，请用 --slug 指定（字母、数字、-、_）。"
            ) from error
        extra = {}
        if options["primary_colour"]:
            extra["primary_colour"] = options["primary_colour"]

        with transaction.atomic():
            existing = Site.objects.filter(hostname=hostname).order_by("pk").first()
            self._check_hostname(existing, hostname, short_name)
            self._check_short_name(hostname, short_name)
            self._check_slug(slug, hostname)
            parent = self._parent(options["parent"], hostname)
            try:
                site = provision_committee(
                    short_name=short_name,
                    name=name,
                    level=options["level"],
                    parent_site=parent,
                    hostname=hostname,
                    port=options["port"],
                    is_default_site=options["default"],
                    home_page=HomePage(title=short_name, slug=slug),
                    **extra,
                )
            except ValidationError as error:
                messages = "；".join(m for ms in error.message_dict.values() for m in ms)
                raise CommandError(f"站点设置无效：{messages}") from error

        verb = "已更新" if existing else "已创建"
        self.stdout.write(self.style.SUCCESS(f"{verb}{short_name}站点：{site.root_url}/"))
        self.stdout.write(f"  编辑组：{editor_group_name(short_name)}（在后台“用户”中为编辑分配）")
        if parent is not None:
            self.stdout.write(f"  上级：{CommitteeSettings.for_site(parent).display_name}")
        if not validate_host(hostname, settings.ALLOWED_HOSTS):
            self.stdout.write(
                self.style.WARNING(f"  注意：ALLOWED_HOSTS 尚未包含 {hostname}，请加入后重启应用。")
            )

    def _check_hostname(self, existing, hostname, short_name):
        if existing is None:
            return
        current = CommitteeSettings.for_site(existing).short_name
        if current and current != short_name:
            raise CommandError(
                f"域名 {hostname} 已由“{current}”使用。一个域名只能对应一个政协站点；"
                f"若要修改该站点的简称，请在后台“设置 → 政协站点设置”中修改。"
            )

    def _check_short_name(self, hostname, short_name):
        other = (
            CommitteeSettings.objects.filter(short_name=short_name)
            .exclude(site__hostname=hostname)
            .select_related("site")
            .first()
        )
        if other is not None:
            raise CommandError(
                f"简称“{short_name}”已由站点 {other.site.hostname} 使用（编辑组按简称区分），"
                "请换一个简称。"
            )

    def _check_slug(self, slug, hostname):
        page = Page.get_first_root_node().get_children().filter(slug=slug).first()
        if page is None:
            return
        owner = Site.objects.filter(root_page=page).exclude(hostname=hostname).first()
        if owner is not None:
            raise CommandError(
                f"首页标识“{slug}”已由站点 {owner.hostname} 使用，请用 --slug 另选一个。"
            )
        if not isinstance(page.specific, HomePage):
            raise CommandError(f"首页标识“{slug}”已被其他页面占用，请用 --slug 另选一个。")

    def _parent(self, parent_host, hostname):
        parent_host = parent_host.strip().lower().rstrip(".")
        if not parent_host:
            return None
        if parent_host == hostname:
            raise CommandError("上级政协站点不能是本站点。")
        parent = Site.objects.filter(hostname=parent_host).order_by("pk").first()
        if parent is None:
            known = "、".join(Site.objects.order_by("hostname").values_list("hostname", flat=True))
            raise CommandError(
                f"找不到上级政协站点“{parent_host}”（请填写其域名）。已有站点：{known or '无'}。"
            )
        if CommitteeSettings.for_site(parent).level == CommitteeLevel.COUNTY:
            raise CommandError(f"上级站点 {parent_host} 是县级政协，不能作为上级。")
        return parent
