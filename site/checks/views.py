"""The editor's "发布前检查" view (the checks on the page's saved draft, before submitting) and
the findings placed at their panels in the page editor."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.models import Page

from .findings import check_latest
from .locate import anchor


def located(page, found):
    """The findings as the templates show them: each with its panel's anchor in the editor."""
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    rows = []
    for finding in found:
        section, tab = anchor(type(page), finding.field)
        rows.append(
            {
                **finding.as_dict(),
                "section": section,
                "tab": tab,
                "href": f"{edit_url}#{section}" if section else edit_url,
                "parts": marked(finding.excerpt, finding.match),
            }
        )
    return rows


def marked(text, match):
    """(before, match, after): the excerpt split around the text found, to mark it."""
    start = text.find(match) if match else -1
    if start == -1:
        return (text, "", "")
    return (text[:start], match, text[start + len(match) :])


def page_findings(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    found = located(page, check_latest(page))
    return TemplateResponse(
        request,
        "checks/page_findings.html",
        {
            "page": page,
            "findings": found,
            "page_title": f"发布前检查：{page.get_admin_display_title()}",
            "header_icon": "warning",
            "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        },
    )
