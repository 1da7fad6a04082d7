"""The editor's guide in Chinese (docs/editors-guide.md), served inside the admin: the help menu
and the dashboard link here instead of Wagtail's English guide on the internet. The guide is
plain Markdown of the kinds below, rendered by a small reader (no Markdown dependency)."""

import re
from pathlib import Path

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

GUIDE_PATH = Path(settings.BASE_DIR) / "docs" / "editors-guide.md"
_INLINE = [
    (re.compile(r"\*\*(.+?)\*\*"), r"<strong>\1</strong>"),
    (re.compile(r"`(.+?)`"), r"<code>\1</code>"),
]
_ITEM = {"ul": re.compile(r"^[-*] (.*)"), "ol": re.compile(r"^\d+\. (.*)")}


def _inline(text):
    html = escape(text)
    for pattern, replacement in _INLINE:
        html = pattern.sub(replacement, html)
    return html


def render_markdown(source):
    """Headings (#, ##, ###), paragraphs, bulleted and numbered lists, bold and code."""
    out, lst, para = [], None, []

    def close():
        nonlocal lst
        if para:
            out.append(f"<p>{_inline(' '.join(para))}</p>")
            para.clear()
        if lst:
            out.append(f"</{lst}>")
            lst = None

    for line in source.splitlines():
        line = line.strip()
        heading = re.match(r"^(#{1,3}) (.*)", line)
        item = next(((k, m) for k, p in _ITEM.items() if (m := p.match(line))), None)
        if not line or heading:
            close()
            if heading:
                level = len(heading.group(1))
                out.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>")
        elif item:
            kind, match = item
            if para or lst != kind:
                close()
                out.append(f"<{kind}>")
                lst = kind
            out.append(f"<li>{_inline(match.group(1))}</li>")
        else:
            if lst:
                close()
            para.append(line)
    close()
    return mark_safe("\n".join(out))


class EditorsGuideView(WagtailAdminTemplateMixin, TemplateView):
    page_title = "编辑指南"
    header_icon = "help"
    template_name = "core/admin/editors_guide.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            source = GUIDE_PATH.read_text(encoding="utf-8")
        except OSError:
            source = "编辑指南文件缺失，请联系管理员。"
        # The guide's own first heading is the page title already.
        context["guide"] = render_markdown(re.sub(r"\A# .*\n", "", source))
        return context
