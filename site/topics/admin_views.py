"""The editors' inbox of citizens' topics: list, open, accept into an activity, merge, decline,
export. Scoped to the editor's own committees; every look at the data is written to the audit
log. There is no add, edit or delete view: submissions come from citizens and leave only by
anonymisation."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from core.committees import editable_sites

from . import handling
from .forms import AcceptForm, DeclineForm, MergeForm
from .models import AccessAction, SubmissionStatus, TopicAccessLog, TopicSubmission


class ReadOnlyViewSetMixin:
    """Only the list and the detail view are routed; the rest of ModelViewSet is switched off."""

    copy_view_enabled = False

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in (
            "add_url_name",
            "edit_url_name",
            "delete_url_name",
            "copy_url_name",
            "history_url_name",
            "usage_url_name",
        ):
            view_kwargs[name] = None
        return view_kwargs

    @property
    def url_finder_class(self):
        """Audit-log entries of these records link to their detail view (there is no edit view:
        Wagtail's default finder would fail the whole site-history report)."""
        from wagtail.admin.admin_url_finder import ModelAdminURLFinder, NullAdminURLFinder

        if not self.inspect_view_enabled:
            return NullAdminURLFinder
        return type(
            "ReadOnlyAdminURLFinder",
            (ModelAdminURLFinder,),
            {"edit_url_name": self.get_url_name("inspect")},
        )

    def get_urlpatterns(self):
        routes = [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]
        if self.inspect_view_enabled:
            routes.append(path("inspect/<int:pk>/", self.inspect_view, name="inspect"))
        return routes


class SubmissionIndexView(generic.IndexView):
    def get_base_queryset(self):
        return TopicSubmission.objects.filter(
            site__in=editable_sites(self.request.user)
        ).select_related("site", "category", "activity")

    def render_to_response(self, context, **response_kwargs):
        by_site = {}
        for item in context["object_list"]:
            by_site.setdefault(item.site, []).append(item)
        for site, items in by_site.items():
            TopicAccessLog.record(
                user=self.request.user,
                action=AccessAction.EXPORT if self.is_export else AccessAction.LIST,
                submissions=items,
                site=site,
                detail=self.request.GET.urlencode()[:300],
            )
        return super().render_to_response(context, **response_kwargs)


class SubmissionDetailView(generic.InspectView):
    """One submission with the contact details (logged) and the three ways to handle it."""

    template_name = "topics/admin/submission_detail.html"
    page_title = "群众议题"

    def get_object(self, queryset=None):
        submission = (
            TopicSubmission.objects.filter(pk=self.pk)
            .select_related("site", "site__root_page", "category", "activity", "merged_into")
            .first()
        )
        if submission is None:
            raise Http404
        if not editable_sites(self.request.user).filter(pk=submission.site_id).exists():
            raise Http404
        return submission

    def get_page_subtitle(self):
        return self.object.title

    def forms(self, data=None, action=None):
        kwargs = {"submission": self.object, "user": self.request.user}
        return {
            "accept_form": AcceptForm(
                data if action == "accept" else None, prefix="accept", **kwargs
            ),
            "decline_form": DeclineForm(data if action == "decline" else None, prefix="decline"),
            "merge_form": MergeForm(data if action == "merge" else None, prefix="merge", **kwargs),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["submission"] = self.object
        context["primary"] = self.object.primary()
        context["can_handle"] = self.request.user.has_perm("topics.change_topicsubmission")
        context["activity_edit_url"] = (
            reverse("wagtailsnippets_consultation_activity:edit", args=[self.object.activity_id])
            if self.object.activity_id
            else None
        )
        context["stages"] = handling.receipt_progress(self.object)
        for name, form in (kwargs.get("forms") or self.forms()).items():
            context[name] = form
        return context

    def get(self, request, *args, **kwargs):
        TopicAccessLog.record(
            user=request.user,
            action=AccessAction.VIEW,
            submissions=[self.object],
            site=self.object.site,
        )
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("topics.change_topicsubmission"):
            raise PermissionDenied
        action = request.POST.get("action")
        forms = self.forms(request.POST, action)
        submission = self.object
        try:
            if action == "accept" and forms["accept_form"].is_valid():
                data = forms["accept_form"].cleaned_data
                activity = handling.accept(
                    submission,
                    request.user,
                    activity=data["activity"],
                    platform=data["platform"],
                    topic=data["topic"],
                    topic_description=data["topic_description"],
                    reason=data["reason"],
                )
                messages.success(
                    request, f"已采纳，并入协商活动“{activity.topic}”。请继续记录该活动的进展。"
                )
                return redirect("wagtailsnippets_consultation_activity:edit", activity.pk)
            if action == "decline" and forms["decline_form"].is_valid():
                handling.decline(
                    submission, request.user, forms["decline_form"].cleaned_data["reason"]
                )
                messages.success(request, "已标记为不予采纳，理由显示在提交人的回执页。")
                return redirect(self.index_url_name)
            if action == "merge" and forms["merge_form"].is_valid():
                handling.merge(submission, forms["merge_form"].cleaned_data["into"], request.user)
                messages.success(request, "已合并，提交人在回执页看到所并入议题的办理进展。")
                return redirect(self.index_url_name)
        except handling.AlreadyHandled:
            messages.warning(request, "该议题已被处理（可能是其他编辑刚刚处理），请查看当前状态。")
            return redirect(request.path)
        messages.error(request, "未能处理：请按提示修改。")
        # The page shown again holds the contact details: that is a view like any other.
        TopicAccessLog.record(
            user=request.user,
            action=AccessAction.VIEW,
            submissions=[submission],
            site=submission.site,
        )
        context = self.get_context_data(forms=forms)
        return self.render_to_response(context)


class TopicSubmissionViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    model = TopicSubmission
    scoped_to_committees = True  # SubmissionIndexView (core.checks)
    # Submissions are private: never listed on other objects' usage pages.
    add_to_reference_index = False
    name = "topic_submissions"
    url_prefix = "topics/submissions"
    icon = "mail"
    menu_label = "群众议题"
    inspect_view_enabled = True
    index_view_class = SubmissionIndexView
    inspect_view_class = SubmissionDetailView
    list_filter = ["status", "category"]
    search_fields = ["title", "place", "description"]
    ordering = ["-submitted_at", "-pk"]
    export_filename = "群众议题"
    list_export = [
        "pk",
        "title",
        "description",
        "place",
        "category",
        "get_status_display",
        "submitted_at",
        "name",
        "mobile",
        "decision_reason",
    ]
    export_headings = {
        "pk": "编号",
        "title": "议题",
        "description": "具体情况",
        "place": "所在村（社区）",
        "category": "议题类别",
        "get_status_display": "办理状态",
        "submitted_at": "提交时间",
        "name": "姓名",
        "mobile": "手机号码",
        "decision_reason": "说明",
    }

    @cached_property
    def list_display(self):
        return [
            "title",
            Column("site", label="政协", accessor="site.site_name"),
            "place",
            Column("status", label="办理状态", accessor="get_status_display"),
            DateColumn("submitted_at", label="提交时间"),
        ]


class AccessLogIndexView(generic.IndexView):
    def get_base_queryset(self):
        return TopicAccessLog.objects.filter(site__in=editable_sites(self.request.user))


class TopicAccessLogViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    """Read-only: editors see who looked at their committee's submissions."""

    model = TopicAccessLog
    scoped_to_committees = True  # its index view's base queryset (core.checks)
    add_to_reference_index = False
    name = "topic_access_log"
    url_prefix = "topics/access-log"
    icon = "history"
    menu_label = "议题访问日志"
    index_view_class = AccessLogIndexView
    list_filter = ["action"]
    ordering = ["-at", "-pk"]
    list_display = [
        DateColumn("at", label="时间"),
        "username",
        Column("action", label="操作", accessor="get_action_display"),
        Column("submission_ids", label="涉及的议题编号"),
        "detail",
    ]


__all__ = ["SubmissionStatus", "TopicAccessLogViewSet", "TopicSubmissionViewSet"]
