"""The admin wall of the tenancy rule (see ``core.tenancy``).

Wagtail checks each admin view separately, and its advisories since 2024 are mostly side views
that forgot to (bulk-action confirmations, choosers, the admin API, move confirmations). This
middleware checks every admin request the same way before its view runs: it reads the objects
the request names — from the URL's keyword arguments (``pk``, ``page_id``, ``image_id``,
``revision_id``, …, with the model taken from the viewset that built the URL) and from its
``?id=`` parameters — and answers 404 if any belongs to another committee (as if it did not
exist). Member accounts are
also kept out of whole areas that only concern staff (bulk actions, reports, copying pages)."""

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.functional import cached_property

from . import tenancy

PAGE_KWARGS = {"page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk"}
IMAGE_KWARGS = {"image_id"}
DOCUMENT_KWARGS = {"document_id", "doc_id"}
OBJECT_KWARGS = {"pk", "object_id"}
MODEL_KWARGS = (
    ("app_label", "model_name"),
    ("app_name", "model_name"),
    ("content_type_app_name", "content_type_model_name"),
)
# Views whose pages are browsed to link to them: an editor may see other committees' live
# pages there (never their drafts).
NAVIGATION = {
    "wagtailadmin_choose_page_child",
    "wagtailadmin_choose_page_search",
    "wagtailadmin_choose_page_chosen_multiple",
}
# Areas that concern a committee's staff only: a member account gets 403 for all of them.
MEMBER_FORBIDDEN_NAMESPACES = {
    "wagtailadmin_reports",
    "wagtailforms",
    "wagtailadmin_workflows",
    "wagtailredirects",
    "wagtailsettings",
}
# Views that span every committee and cannot be cut to one (installation-wide statistics and
# history, the workflow definitions, filters that list every committee's staff or workflows):
# for the installation's administrators (superusers) only. A committee's staff have each page's
# and each record's own history.
INSTALLATION_NAMESPACES = {"wagtailadmin_workflows", "wagtailforms"}
INSTALLATION_NAMES = {
    "wagtailadmin_reports:site_history",
    "wagtailadmin_reports:site_history_results",
    "wagtailadmin_pages:type_use",
    "wagtailadmin_pages:type_use_results",
    "wagtailadmin_reports:page_types_usage",
    "wagtailadmin_reports:page_types_usage_results",
    "wagtailadmin_reports:workflow",
    "wagtailadmin_reports:workflow_results",
    "wagtailadmin_reports:workflow_tasks",
    "wagtailadmin_reports:workflow_tasks_results",
}
# Wagtail's deliberate error page (it always raises): no request may answer 500.
DISABLED_NAMES = {"wagtailadmin_error_test"}
MEMBER_FORBIDDEN_NAMES = {
    "wagtail_bulk_action",
    "wagtailadmin_pages:copy",
    "wagtailadmin_pages:type_use",
    "wagtailadmin_pages:type_use_results",
    "wagtailadmin_pages:choose_parent",
}


class AdminTenancyWall:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        user = getattr(request, "user", None)
        if match is None or not match.route.startswith("admin/"):
            return None
        if match.view_name in DISABLED_NAMES:
            raise Http404
        if user is None or not user.is_authenticated or user.is_superuser:
            return None
        if (
            match.namespace.split(":")[0] in INSTALLATION_NAMESPACES
            or match.view_name in INSTALLATION_NAMES
        ):
            raise PermissionDenied
        if not tenancy.browses_whole_tree(user) and (
            match.namespace.split(":")[0] in MEMBER_FORBIDDEN_NAMESPACES
            or match.view_name in MEMBER_FORBIDDEN_NAMES
        ):
            raise PermissionDenied
        references = References(request, match)
        if is_chooser_create(match):
            if not has_creation_form(match):
                raise Http404  # Wagtail's chooser "create" answers 500 when it has no form
            if not may_add(user, references.view_model):
                raise PermissionDenied
        navigation = match.view_name in NAVIGATION
        for obj in references.objects():
            if not tenancy.may_reach(user, obj, navigation=navigation):
                # As if it did not exist: another committee's ids are not confirmed either.
                raise Http404
        return None


def is_chooser_create(match):
    return match.url_name == "create" and "chooser" in match.namespace


def has_creation_form(match):
    kwargs = getattr(match.func, "view_initkwargs", {})
    return bool(
        kwargs.get("creation_form_class")
        or kwargs.get("form_fields") is not None
        or kwargs.get("exclude_form_fields") is not None
    )


def may_add(user, model):
    from wagtail.permissions import policy_registry

    return model is not None and policy_registry.get_by_type(model).user_has_permission(user, "add")


class References:
    """The objects one admin request names."""

    def __init__(self, request, match):
        self.request = request
        self.match = match

    @cached_property
    def models(self):
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model
        from wagtail.models import Page

        return {"page": Page, "image": get_image_model(), "document": get_document_model()}

    @cached_property
    def view_model(self):
        """The model the view works on: from its viewset, its URL, or its namespace."""
        kwargs = self.match.kwargs
        for app_key, model_key in MODEL_KWARGS:
            if app_key in kwargs and model_key in kwargs:
                try:
                    return apps.get_model(kwargs[app_key], kwargs[model_key])
                except (LookupError, ValueError):
                    return None
        model = getattr(self.match.func, "view_initkwargs", {}).get("model")
        if isinstance(model, str):
            model = apps.get_model(model)
        if model is not None:
            return model
        namespaces = self.match.namespaces
        if "wagtailadmin_api" in namespaces:
            return self.models.get(namespaces[-1].rstrip("s"))
        if "wagtailadmin_pages" in namespaces or self.match.view_name in NAVIGATION:
            return self.models["page"]
        return None

    def named(self):
        """(model, primary key) pairs named by the request."""
        from wagtail.admin.models import EditingSession
        from wagtail.contrib.settings.models import BaseSiteSetting
        from wagtail.models import Revision, Site, TaskState, WorkflowState

        for key, value in self.match.kwargs.items():
            if key in PAGE_KWARGS:
                yield self.models["page"], value
            elif key in IMAGE_KWARGS:
                yield self.models["image"], value
            elif key in DOCUMENT_KWARGS:
                yield self.models["document"], value
            elif key == "revision_id" or key.startswith("revision_id_"):
                yield Revision, value
            elif key == "workflow_state_id":
                yield WorkflowState, value
            elif key == "task_state_id":
                yield TaskState, value
            elif key == "session_id":
                yield EditingSession, value
            elif key in OBJECT_KWARGS and self.view_model is not None:
                if issubclass(self.view_model, BaseSiteSetting):
                    yield Site, value  # settings are addressed by their site
                else:
                    yield self.view_model, value
        ids = self.request.GET.getlist("id")
        if ids and self.view_model is not None:
            if "all" in ids:
                child_of = self.request.GET.get("childOf")
                if child_of:
                    yield self.models["page"], child_of
                if self.view_model is not self.models["page"]:
                    # "Select all" acts on every row of the table, other committees' too.
                    raise PermissionDenied
            for value in ids:
                if value != "all":
                    yield self.view_model, value

    def objects(self):
        from django.contrib.contenttypes.models import ContentType
        from wagtail.admin.models import EditingSession
        from wagtail.models import TaskState, WorkflowState

        for model, value in self.named():
            obj = lookup(model, value)
            if obj is None:
                continue  # the view itself answers 404
            if isinstance(obj, TaskState):
                obj = obj.workflow_state
            if isinstance(obj, WorkflowState | EditingSession):
                type_id = getattr(obj, "base_content_type_id", None) or obj.content_type_id
                obj = lookup(ContentType.objects.get_for_id(type_id).model_class(), obj.object_id)
                if obj is None:
                    continue
            yield obj


def lookup(model, value):
    from django.contrib.admin.utils import unquote

    if model is None:
        return None
    if model._meta.pk.get_internal_type() in ("AutoField", "BigAutoField", "IntegerField"):
        text = str(value)
        if not (text.isascii() and text.isdigit()) or len(text) > 18:
            return None
    try:
        return model._default_manager.filter(pk=unquote(str(value))).first()
    except (ValueError, TypeError, ValidationError, OverflowError):
        return None
