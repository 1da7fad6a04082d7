"""The admin editors use every day reads entirely in Chinese (issue 21): the editor's main views
show no English words but a short list of proper names, the JavaScript catalogue translates what
Wagtail's scripts show, the installation's name replaces Wagtail's, and each committed .mo
matches its .po."""

import ast
import gettext
import json
import re
from pathlib import Path

import django_jsonform
import wagtail
import wagtail.admin
from django.apps import apps
from django.conf import settings
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site, Workflow

from builders import NewsIndexPageFactory, NewsPageFactory, make_committee, make_editor, make_image
from core.committees import committee_collection
from core.jsonform_zh import STRINGS

from .admin_text import english_words, visible_texts

# Words allowed in the admin's visible text, each a name editors meet as it is.
ALLOWED = {
    # Abbreviations used as such in Chinese government writing and in the settings' labels.
    "ICP",
    "URL",
    "RSS",
    "SEO",
    "PDF",
    "XLSX",
    "CSV",
    "HTML",
    "Excel",
    # Wagtail's notice when the browser runs no scripts names the language.
    "JavaScript",
    # Image formats in the upload hint ("支持的格式：AVIF, GIF, …").
    "AVIF",
    "GIF",
    "JPG",
    "JPEG",
    "PNG",
    "WEBP",
    # Keys as printed on the keyboard, in the keyboard shortcuts dialog.
    "Ctrl",
    "Shift",
    "Alt",
    "Esc",
    # The technical name of 网址名, given in parentheses for editors who know it.
    "slug",
}


class AdminInChineseTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = make_committee("gaotai", "高台县政协")
        cls.index = NewsIndexPageFactory(parent=cls.site.root_page, title="新闻动态")
        cls.report = NewsPageFactory(parent=cls.index, title="高台县政协召开常委会议")
        cls.image = make_image("会场")
        cls.image.description = "委员在会场发言"
        cls.image.collection = committee_collection("高台县政协")
        cls.image.save()
        cls.editor = make_editor(cls.site, username="高台编辑")
        cls.member = make_editor(cls.site, username="高台编辑乙")
        # Wagtail's welcome site, which an installation removes (as load_demo does).
        for welcome in Site.objects.filter(root_page__title__startswith="Welcome"):
            page = welcome.root_page
            welcome.delete()
            page.delete()
        workflow = Workflow.objects.get(name__startswith="高台县政协")
        cls.workflow_state = workflow.start(cls.report, cls.member)

    def setUp(self):
        self.client.force_login(self.editor)

    def editor_views(self):
        task_state = self.workflow_state.current_task_state
        return {
            "控制面板": reverse("wagtailadmin_home"),
            "页面浏览（首页）": reverse("wagtailadmin_explore", args=(self.site.root_page.pk,)),
            "页面浏览（栏目）": reverse("wagtailadmin_explore", args=(self.index.pk,)),
            "新建报道": reverse("wagtailadmin_pages:add", args=("news", "newspage", self.index.pk)),
            "编辑报道": reverse("wagtailadmin_pages:edit", args=(self.report.pk,)),
            "页面历史": reverse("wagtailadmin_pages:history", args=(self.report.pk,)),
            "移动页面": reverse("wagtailadmin_pages:move", args=(self.report.pk,)),
            "复制页面": reverse("wagtailadmin_pages:copy", args=(self.report.pk,)),
            "删除页面": reverse("wagtailadmin_pages:delete", args=(self.report.pk,)),
            "取消发布": reverse("wagtailadmin_pages:unpublish", args=(self.report.pk,)),
            "引用情况": reverse("wagtailadmin_pages:usage", args=(self.report.pk,)),
            "搜索页面": reverse("wagtailadmin_pages:search") + "?q=常委",
            "上传文档": reverse("wagtaildocs:add_multiple"),
            "审核流程历史": reverse("wagtailadmin_pages:workflow_history", args=(self.report.pk,)),
            "审核流程详情": reverse(
                "wagtailadmin_pages:workflow_history_detail",
                args=(self.report.pk, self.workflow_state.pk),
            ),
            "审核操作": reverse(
                "wagtailadmin_pages:workflow_action",
                args=(self.report.pk, "approve", task_state.pk),
            ),
            "图片": reverse("wagtailimages:index"),
            "上传图片": reverse("wagtailimages:add_multiple"),
            "编辑图片": reverse("wagtailimages:edit", args=(self.image.pk,)),
            "文档": reverse("wagtaildocs:index"),
            "片段": reverse("wagtailsnippets:index"),
            "政协站点设置": reverse(
                "wagtailsettings:edit", args=("core", "committeesettings", self.site.pk)
            ),
            "编辑指南": reverse("cppcc_editors_guide"),
            "选择图片": reverse("wagtailimages_chooser:choose"),
            "选择页面": reverse("wagtailadmin_choose_page"),
            "选择文档": reverse("wagtaildocs_chooser:choose"),
        }

    def english_on(self, url, follow=True):
        response = self.client.get(url, follow=follow)
        self.assertEqual(response.status_code, 200, url)
        content = response.content.decode()
        if response.get("Content-Type", "").startswith("application/json"):
            import json

            content = json.loads(content).get("html", "")
        return english_words(visible_texts(content), ALLOWED)

    def test_the_editors_main_views_show_no_english(self):
        found = {}
        for name, url in self.editor_views().items():
            words = self.english_on(url)
            if words:
                found[name] = sorted({f"{word}: {text[:80]}" for word, text in words})
        # The one who submitted the report: "your pages and snippets in a workflow".
        self.client.force_login(self.member)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, "我在审核流程中的页面和片段")
        words = english_words(visible_texts(response.content.decode()), ALLOWED)
        if words:
            found["控制面板（提交人）"] = sorted({f"{word}: {text[:80]}" for word, text in words})
        self.assertEqual(found, {})

    def test_every_view_in_the_editors_menu_shows_no_english(self):
        """Whatever the apps add to the editor's menu (snippets, reports, the monitor...)."""
        home = self.client.get(reverse("wagtailadmin_home")).content.decode()
        props = re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', home, re.S)
        urls = sorted(set(re.findall(r'"url": "(/admin/[^"#]+)"', props.group(1))))
        self.assertIn(reverse("wagtailimages:index"), urls)
        found = {}
        for url in urls:
            response = self.client.get(url, follow=True)
            if response.status_code == 403:
                continue  # in the menu of a reader the view refuses: not this test's matter
            self.assertEqual(response.status_code, 200, url)
            words = english_words(visible_texts(response.content.decode()), ALLOWED)
            if words:
                found[url] = sorted({f"{word}: {text[:80]}" for word, text in words})
        self.assertEqual(found, {})

    def test_the_login_page_shows_no_english_and_names_the_installation(self):
        self.client.logout()
        response = self.client.get(reverse("wagtailadmin_login"))
        self.assertEqual(english_words(visible_texts(response.content.decode()), ALLOWED), [])
        self.assertContains(response, "登录政协网站群")
        self.assertContains(response, "<title>登录 - 政协网站群</title>", html=True)

    def test_admin_pages_carry_the_installations_name_in_their_title(self):
        with self.settings(WAGTAIL_SITE_NAME="平凉政协网站群"):
            response = self.client.get(reverse("wagtailadmin_home"))
        title = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)
        self.assertTrue(title.strip().endswith("- 平凉政协网站群"), title)

    def test_the_help_menu_and_dashboard_open_the_chinese_guide(self):
        guide = reverse("cppcc_editors_guide")
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, f'href="{guide}"')
        self.assertNotContains(response, "guide.wagtail.org")
        page = self.client.get(guide)
        self.assertContains(page, "<h2>定时发布</h2>", html=True)
        self.assertContains(page, "图片说明（替代文字）")


WAGTAIL = Path(wagtail.__file__).parent
# Wagtail strings whose translation is the string itself.
SAME_IN_CHINESE = {"URL", "ID", "%(range_start)s - %(range_end)s"}


def wagtail_catalogues(domain):
    """(app label, the app's English catalogue) for each installed Wagtail app."""
    installed = {config.name for config in apps.get_app_configs()}
    for path in sorted(WAGTAIL.glob(f"**/locale/en/LC_MESSAGES/{domain}.po")):
        parts = path.relative_to(WAGTAIL).parts[:-4]
        name = ".".join(("wagtail", *parts))
        if name in installed:
            yield name, read_po(path)


def _translate(context, msgid, plural):
    if plural:
        if context:
            return translation.npgettext(context, msgid, msgid, 2)
        return translation.ngettext(msgid, msgid, 2)
    return translation.pgettext(context, msgid) if context else translation.gettext(msgid)


class WagtailCataloguesCompleteTest(TestCase):
    """Every string of the installed Wagtail apps has a Chinese translation, Wagtail's own or
    the project's: an upgrade that brings new strings fails here until they are translated."""

    def test_every_python_and_template_string_is_translated(self):
        untranslated = []
        with translation.override("zh-hans"):
            for name, catalogue in wagtail_catalogues("django"):
                for key in catalogue:
                    plural = isinstance(key, tuple)
                    context, _, msgid = (key[0] if plural else key).rpartition("\x04")
                    if msgid not in SAME_IN_CHINESE and _translate(context, msgid, plural) == msgid:
                        untranslated.append(f"{name}: {msgid}")
        self.assertEqual(untranslated, [])

    def test_every_javascript_string_is_translated(self):
        site = make_committee("gaotai", "高台县政协")
        self.client.force_login(make_editor(site))
        response = self.client.get(reverse("wagtailadmin_javascript_catalog"))
        source = re.search(r"const newcatalog = (\{.*?\});", response.content.decode(), re.S)
        catalogue = json.loads(source.group(1))
        untranslated = [
            msgid
            for _, english in wagtail_catalogues("djangojs")
            for msgid in {key[0] if isinstance(key, tuple) else key for key in english}
            if catalogue.get(msgid, msgid) in (msgid, [msgid])
        ]
        self.assertEqual(untranslated, [])


class JsonFormEditorTest(TestCase):
    """django-jsonform's editor (plugins' settings) has no catalogue: core.jsonform_zh's
    script translates the strings of its bundle in the browser."""

    def test_the_strings_translated_are_the_bundles(self):
        bundle = Path(django_jsonform.__file__).parent / "static/django_jsonform/react-json-form.js"
        source = bundle.read_text(encoding="utf-8")
        for english in STRINGS:
            self.assertIn(f'"{english}"', source)

    def test_admin_pages_carry_the_script(self):
        site = make_committee("gaotai", "高台县政协")
        self.client.force_login(make_editor(site))
        response = self.client.get(
            reverse("wagtailsettings:edit", args=("core", "committeesettings", site.pk)),
            follow=True,
        )
        self.assertContains(response, '"Select...": "请选择…"')
        self.assertContains(response, '"Add item": "添加一项"')


class JavaScriptCatalogueTest(TestCase):
    """Wagtail's scripts translate through the admin's JavaScript catalogue (jsi18n), which
    merges the project locale's djangojs catalogue over Wagtail's."""

    KEY_STRINGS = {
        "Write something or type ‘/’ to insert a block": "输入内容，或输入“/”插入内容块",
        "Insert a block": "插入内容块",
        "Autosave in progress…": "正在自动保存…",
        "Changes have been autosaved.": "修改已自动保存。",
    }

    def test_key_strings_of_the_editor_are_translated(self):
        site = make_committee("gaotai", "高台县政协")
        self.client.force_login(make_editor(site))
        response = self.client.get(reverse("wagtailadmin_javascript_catalog"))
        self.assertEqual(response.status_code, 200)
        catalogue = response.content.decode()
        for english, chinese in self.KEY_STRINGS.items():
            self.assertIn(_js_literal(english), catalogue)
            self.assertIn(_js_literal(chinese), catalogue, english)


def _js_literal(text):
    import json

    return json.dumps(text)


LOCALE_DIR = Path(settings.SITE_DIR) / "cppcc" / "locale" / "zh_Hans" / "LC_MESSAGES"


def read_po(path):
    """{key: translation} as Python's gettext keys a compiled catalogue: msgid, or
    "context\\x04msgid", and (msgid, n) for plural forms. Entries are blocks separated by blank
    lines; fuzzy ones are left out, as msgfmt leaves them out."""
    entries = {}
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        fields, field, fuzzy = {}, None, False
        for line in block.splitlines():
            line = line.strip()
            if line.startswith("#"):
                fuzzy = fuzzy or (line.startswith("#,") and "fuzzy" in line)
                continue
            if not line.startswith('"'):
                field, _, line = line.partition(" ")
                fields[field] = ""
            fields[field] += ast.literal_eval(line)
        if not fields.get("msgid") or fuzzy:
            continue
        key = fields["msgid"]
        if "msgctxt" in fields:
            key = f"{fields['msgctxt']}\x04{key}"
        if "msgid_plural" in fields:
            for field, text in fields.items():
                if field.startswith("msgstr["):
                    entries[(key, int(field[7:-1]))] = text
        else:
            entries[key] = fields["msgstr"]
    return entries


class CompiledCataloguesTest(TestCase):
    """The .mo files are committed (a fresh machine has no gettext to compile them): each must
    say what its .po says. After editing a .po, run compilemessages in site/cppcc."""

    def test_each_mo_matches_its_po(self):
        for domain in ("django", "djangojs"):
            po = read_po(LOCALE_DIR / f"{domain}.po")
            with open(LOCALE_DIR / f"{domain}.mo", "rb") as mo_file:
                mo = dict(gettext.GNUTranslations(mo_file)._catalog)
            mo.pop("", None)
            self.assertTrue(po, domain)
            self.assertEqual(po, mo, f"{domain}.mo is stale: compile {domain}.po")

    def test_djangos_length_message_reads_naturally(self):
        from django import forms

        class Form(forms.Form):
            name = forms.CharField(max_length=60)

        form = Form({"name": "政" * 61})
        self.assertEqual(form.errors["name"], ["请确保输入不超过 60 个字符（目前为 61 个）。"])


# Wagtail templates copied into site/cppcc/templates to put one string into Chinese: each must
# stay Wagtail's template but for that change (and its first line, a comment).
TEMPLATE_COPIES = {
    "wagtailadmin/shared/header.html": [('value="Search"', 'value="搜索"')],
    "wagtailadmin/home.html": [('value="Search"', 'value="搜索"')],
    "wagtailadmin/shared/headers/_actions.html": [('aria-label="Actions"', 'aria-label="操作"')],
    "wagtailadmin/reports/aging_pages_results.html": [
        (
            "username=page.last_published_by_user %}",
            'username=page.last_published_by_user|default:"系统" %}',
        )
    ],
    "wagtailadmin/chooser/tables/page_title_cell.html": [
        ("{% load wagtailcore_tags %}\n", "{% load wagtailcore_tags %}{% load admin_chinese %}\n"),
        (
            "{% else %}\n            {{ value }}\n        {% endif %}",
            "{% else %}\n            {% if page.is_root %}{% admin_site_name %}"
            "{% else %}{{ value }}{% endif %}\n        {% endif %}",
        ),
    ],
    "wagtailadmin/shared/side_panel_toggle.html": [
        ("{{ count|intcomma }}", '{{ count|default_if_none:""|intcomma }}')
    ],
}


class TemplateCopiesTest(TestCase):
    def test_copies_differ_from_wagtails_only_in_their_translation(self):
        wagtail_templates = Path(wagtail.admin.__file__).parent / "templates"
        ours = Path(settings.SITE_DIR) / "cppcc" / "templates"
        for name, changes in TEMPLATE_COPIES.items():
            expected = (wagtail_templates / name).read_text(encoding="utf-8")
            for english, chinese in changes:
                self.assertEqual(expected.count(english), 1, name)
                expected = expected.replace(english, chinese)
            copy = (ours / name).read_text(encoding="utf-8")
            self.assertEqual(copy.split("\n", 1)[1], expected, name)
