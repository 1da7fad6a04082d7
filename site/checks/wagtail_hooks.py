"""Admin of the checks: the committees' word lists (snippets scoped to the editor's
committees), the findings shown in the page editor at their panels, and the "发布前检查" view
editors run before submitting."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from core.admin_views import SiteScopedSnippetViewSet

from .admin_forms import ListEntryForm
from .findings import check_latest
from .models import OfficialName, PublicationCheckTask, SensitiveWord
from .views import located, page_findings


class SensitiveWordViewSet(SiteScopedSnippetViewSet):
    model = SensitiveWord
    icon = "warning"
    menu_label = "敏感词"
    list_display = ["word", "category", "note", "scope"]
    search_fields = ["word"]
    edit_handler = ObjectList(SensitiveWord.panels, base_form_class=ListEntryForm)


class OfficialNameViewSet(SiteScopedSnippetViewSet):
    model = OfficialName
    icon = "spell-check"
    menu_label = "规范表述"
    list_display = ["wrong", "correct", "note", "scope"]
    search_fields = ["wrong", "correct"]
    edit_handler = ObjectList(OfficialName.panels, base_form_class=ListEntryForm)


class ChecksViewSetGroup(SnippetViewSetGroup):
    menu_label = "发布前检查"
    menu_icon = "warning"
    menu_order = 270
    items = (SensitiveWordViewSet, OfficialNameViewSet)


register_snippet(ChecksViewSetGroup)


@hooks.register("register_admin_urls")
def register_check_urls():
    return [path("checks/pages/<int:page_id>/", page_findings, name="checks_page_findings")]


@hooks.register("register_page_header_buttons")
def check_button(page, user, view_name, next_url=None):
    if view_name == "edit" and page.pk:
        yield Button(
            "发布前检查",
            reverse("checks_page_findings", args=[page.pk]),
            icon_name="warning",
            priority=5,
        )


def rejected_by_checks(page):
    state = page.current_workflow_state
    task_state = state.current_task_state if state else None
    return (
        state is not None
        and state.status == state.STATUS_NEEDS_CHANGES
        and task_state is not None
        and isinstance(task_state.task.specific, PublicationCheckTask)
    )


@hooks.register("before_edit_page")
def show_findings(request, page):
    """The findings on the page's saved draft, at the top of the editor, each linking to its
    panel (and marked beside it by findings.js)."""
    if request.method != "GET" or not request.accepts("text/html"):
        return None  # a save or an autosave: the page is shown again after it
    page = page.specific
    found = located(page, check_latest(page))
    rejected = rejected_by_checks(page)
    if not found:
        if rejected:
            messages.info(request, "发布前检查发现的问题已修改，可以重新提交审核。")
        return None
    if rejected:
        heading = f"发布前检查未通过：请修改以下 {len(found)} 处问题后重新提交审核。"
    else:
        heading = f"发布前检查：当前草稿有 {len(found)} 处问题，提交审核前请修改。"
    html = render_to_string(
        "checks/includes/findings.html", {"heading": heading, "findings": found}
    )
    (messages.error if rejected else messages.warning)(request, html)
    return None


@hooks.register("after_edit_page")
@hooks.register("after_create_page")
def back_to_the_findings(request, page):
    """A submission the check sent back: the editor stays on the page, where the findings are
    listed (not on the explorer, told only that the page was submitted)."""
    if "action-submit" not in request.POST or not rejected_by_checks(page):
        return None
    messages.error(request, "提交的内容未通过发布前检查，已退回修改，没有进入审核。")
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("construct_page_action_menu")
def hide_refused_approval(menu_items, request, context):
    """No "approve" for a draft changed since its check when the change has findings (the
    approval would be refused: workflow.guard_approval)."""
    from .workflow import checked, has_publication_checks

    page = context.get("page")
    state = page.current_workflow_state if page is not None and page.pk else None
    if state is None or state.status != state.STATUS_IN_PROGRESS:
        return
    if not any(getattr(item, "name", "") == "approve" for item in menu_items):
        return
    latest = page.get_latest_revision()
    if latest is None or not has_publication_checks(state) or checked(state, latest):
        return
    if check_latest(page):
        menu_items[:] = [item for item in menu_items if getattr(item, "name", "") != "approve"]


@hooks.register("insert_editor_js")
def findings_js():
    return format_html(
        '<link rel="stylesheet" href="{}"><script src="{}" defer></script>',
        static("checks/findings.css"),
        static("checks/findings.js"),
    )
