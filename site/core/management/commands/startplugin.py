"""``manage.py startplugin <name>``: a new county method plugin, ready to pip-install."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.scaffold import ScaffoldError, plugin_context, render_plugin


class Command(BaseCommand):
    help = "生成一个区县协商工作法插件（可直接 pip 安装的独立发行包）。"

    def add_arguments(self, parser):
        parser.add_argument("name", help="插件标识：小写字母、数字、下划线，如 bench_talk")
        parser.add_argument("--title", default="", help="工作法名称，如 板凳协商会")
        parser.add_argument("--county", default="", help="所属政协，如 X区政协")
        parser.add_argument(
            "--directory",
            default=str(Path(settings.BASE_DIR) / "plugins"),
            help="生成到哪个目录（默认本仓库的 plugins/）",
        )

    def handle(self, name, title, county, directory, **options):
        try:
            context = plugin_context(name, title, county)
            target = render_plugin(context, directory)
        except ScaffoldError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"已生成插件 {context['dist']}：{target}"))
        self.stdout.write(
            "下一步：\n"
            f"  .venv/bin/pip install -e {target}\n"
            "  .venv/bin/python site/manage.py migrate\n"
            "  在管理后台 设置 → 协商工作法（插件） 中为某个站点启用“"
            f"{context['title']}”，然后在该站首页下添加“{context['title']}栏目”页面。\n"
            f"  测试：.venv/bin/python -m pytest {target}/tests"
        )
