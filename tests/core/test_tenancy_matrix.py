"""The tenancy wall as a matrix driven by the URLconf: every admin URL pattern, filled with
another committee's objects of every kind it can take, called by GET and by POST, as a county
editor and as a member of the same county. A view added later is in the matrix without a line
of its own: its keyword arguments decide what it is filled with.

A cell fails when the answer is a 200 that shows any of the other committee's objects (they all
carry the marker ``SECRET``), when the other committee's data changed (a digest of its records,
pages, files, group, workflow and accounts), or when the view raised (a 500)."""

from collections import Counter
from urllib.parse import quote

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.test import TestCase
from django.urls import NoReverseMatch, reverse
from wagtail.admin.models import EditingSession
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import Page, Revision, TaskState, WorkflowState
from wagtail.snippets.models import get_snippet_models

from core.tenancy import is_committee_owned

from .tenancy_fixture import SECRET, admin_patterns, build_committee, snapshot

# Kwargs that name no committee data, and what to put in them.
FREE_KWARGS = {
    "action_name": "approve",
    "action": "delete",
    "export_format": "csv",
    "format": "json",
    "app_name": None,  # set with model_name
    "uidb64": "MQ",
    "token": "set-password",
    "filter_spec": "original",
    "revision_id_a": "earliest",
    "revision_id_b": "latest",
}
# Patterns left out of the matrix, each for a reason.
NOT_COMMITTEE_DATA = {
    "wagtailadmin_logout": "ends the caller's own session (would log the matrix out)",
    "wagtailadmin_password_reset_confirm": "anonymous password reset by e-mailed token",
}
METHODS = ("get", "post")


def workflow_model(name):
    from wagtail.models import Task, Workflow

    return Task if "task" in name else Workflow


def collection_model(name):
    from wagtail.models import Collection

    return Collection


NAMESPACE_MODELS = {
    "wagtailadmin_workflows": workflow_model,
    "wagtailadmin_collections": collection_model,
}


class Cells:
    """Every (url, label) cell of the matrix for one pattern."""

    def __init__(self, fixture):
        self.fx = fixture
        self.shared = set()
        other = fixture.other
        self.pages = {"draft page": other.draft_page, "live page": other.live_page}
        self.by_model = {model: obj for model, obj in other.objects.items()}
        self.by_model[type(other.image)] = other.image
        self.by_model[type(other.document)] = other.document
        self.by_model[get_user_model()] = other.editor
        self.by_model[type(other.group)] = other.group
        self.by_model[type(other.workflow)] = other.workflow
        self.by_model[type(other.task).__mro__[0]] = other.task
        self.by_model[type(other.collection)] = other.collection
        self.by_model[type(other.site)] = other.site
        self.by_model[type(other.redirect)] = other.redirect
        for model in get_snippet_models():
            if is_committee_owned(model) and model not in self.by_model:
                raise AssertionError(f"no object of the committee-owned snippet {model}")

    def kinds(self):
        """Every model a generic pattern (app_label/model_name) is filled with."""
        kinds = [m for m in self.by_model if not issubclass(m, Page)]
        kinds += [Page, type(self.fx.other.member)]
        return kinds

    def object_for(self, model):
        if isinstance(model, str):
            model = apps.get_model(model)
        if model is None:
            return None
        if issubclass(model, Page):
            return self.fx.other.draft_page
        for candidate, obj in self.by_model.items():
            if issubclass(model, candidate) or issubclass(candidate, model):
                return obj
        return None

    def for_pattern(self, pattern):
        names = set(pattern.kwargs)
        if not names:
            url = self.url(pattern, {})
            yield url, ""
            # Searching a list is where another committee's records would surface. The query is
            # part of the marker, so that its echo in the search box is not taken for a leak.
            yield f"{url}?q={quote(SECRET[1:])}", " × search"
            return
        model_pairs = [
            pair
            for pair in (
                ("app_label", "model_name"),
                ("app_name", "model_name"),
                ("content_type_app_name", "content_type_model_name"),
            )
            if set(pair) <= names
        ]
        if model_pairs:
            app_key, model_key = model_pairs[0]
            kinds = self.kinds()
            if pattern.name and pattern.name.startswith("wagtailsettings"):
                kinds = [m for m in settings_registry]
            for model in kinds:
                values = {
                    app_key: model._meta.app_label,
                    model_key: model._meta.model_name,
                }
                obj = self.object_for(model)
                if pattern.name and pattern.name.startswith("wagtailsettings"):
                    obj = self.fx.other.site
                for filled, label in self.fill(pattern, names - {app_key, model_key}, obj, model):
                    url = self.url(pattern, {**values, **filled})
                    if url and pattern.name == "wagtail_bulk_action":
                        for target in self.bulk_targets(model):
                            yield f"{url}?id={target.pk}&next=/admin/", f"{model.__name__}{label}"
                    elif url:
                        yield url, f"{model.__name__}{label}"
            return
        model = pattern.model
        if isinstance(model, str):
            model = apps.get_model(model)
        namespace = (pattern.name or "").split(":")[0]
        if model is None and namespace in NAMESPACE_MODELS:
            model = NAMESPACE_MODELS[namespace](pattern.name)
        if model is not None and self.object_for(model) is None:
            self.shared.add(pattern.name)  # a taxonomy the whole installation shares
            return
        if pattern.name and pattern.name.startswith("wagtailadmin_api:"):
            model = {"pages": Page}.get(pattern.name.split(":")[1]) or self.api_model(pattern)
        for filled, label in self.fill(pattern, names, self.object_for(model), model):
            url = self.url(pattern, filled)
            if url:
                yield url, label

    def api_model(self, pattern):
        kind = pattern.name.split(":")[1]
        return {"images": type(self.fx.other.image), "documents": type(self.fx.other.document)}[
            kind
        ]

    def bulk_targets(self, model):
        if issubclass(model, Page):
            return [self.fx.other.draft_page, self.fx.other.live_page]
        obj = self.object_for(model)
        return [obj] if obj is not None else []

    def fill(self, pattern, names, obj, model):
        """[(kwargs, label)]: one cell per target page when the pattern takes a page."""
        other = self.fx.other
        page_keys = {"page_id", "parent_page_id", "page_to_move_id", "page_pk"}
        takes_page = bool(names & page_keys) or (
            "pk" in names
            and (model is Page or (pattern.name or "").startswith("wagtailadmin_pages"))
        )
        targets = self.pages.items() if takes_page else [("", None)]
        for label, page in targets:
            values = {}
            for name in names:
                if name in page_keys or (name == "pk" and takes_page):
                    values[name] = page.pk
                elif name == "destination_id":
                    values[name] = self.fx.own.site.root_page.pk
                elif name in ("image_id",):
                    values[name] = other.image.pk
                elif name in ("document_id", "doc_id"):
                    values[name] = other.document.pk
                elif name == "revision_id":
                    values[name] = (page or other.draft_page).latest_revision_id
                elif name == "workflow_state_id":
                    values[name] = self.fx.workflow_state.pk
                elif name == "task_state_id":
                    values[name] = self.fx.task_state.pk
                elif name == "task_id":
                    values[name] = other.task.pk
                elif name == "session_id":
                    values[name] = self.fx.editing_session.pk
                elif name in ("workflow_pk",):
                    values[name] = other.workflow.pk
                elif name == "redirect_id":
                    values[name] = other.redirect.pk
                elif name in ("pk", "object_id", "collection_id"):
                    target = obj if name != "collection_id" else other.collection
                    if target is None:
                        return
                    values[name] = target.pk
                elif name in ("uploaded_file_id",):
                    values[name] = 1
                elif name in FREE_KWARGS and FREE_KWARGS[name] is not None:
                    values[name] = FREE_KWARGS[name]
                else:
                    raise AssertionError(f"{pattern.route}: no value for <{name}>")
            yield values, f" × {label}" if label else ""

    def url(self, pattern, kwargs):
        if pattern.name is None:
            if kwargs or "(" in pattern.route or "<" in pattern.route:
                raise AssertionError(f"unnamed admin pattern with arguments: {pattern.route}")
            return "/" + pattern.route.lstrip("^").rstrip("$")
        try:
            return reverse(pattern.name, kwargs=kwargs)
        except NoReverseMatch:
            return None


class Fixture:
    pass


class TenancyMatrix(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.fx = fx = Fixture()
        fx.own = build_committee("huixian", "甲", "甲方")
        fx.other = build_committee("jiayuguan", "乙", SECRET)
        other = fx.other
        fx.workflow_state = WorkflowState.objects.get(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id=str(other.member.pk),
        )
        fx.task_state = TaskState.objects.filter(workflow_state=fx.workflow_state).first()
        fx.editing_session = EditingSession.objects.create(
            user=other.editor,
            content_type=ContentType.objects.get_for_model(Page),
            object_id=str(other.draft_page.pk),
            last_seen_at="2026-01-01T00:00:00Z",
        )
        assert Revision.page_revisions.filter(object_id=str(other.draft_page.pk)).exists()

    def callers(self):
        return {"county editor": self.fx.own.editor, "member": self.fx.own.member.user}

    def cells(self):
        cells, skipped = [], []
        builder = Cells(self.fx)
        for pattern in admin_patterns():
            if pattern.name in NOT_COMMITTEE_DATA:
                skipped.append(pattern.name)
                continue
            for url, label in builder.for_pattern(pattern):
                cells.append((pattern, url, label))
        return cells, skipped + sorted(builder.shared)

    def run_matrix(self, user):
        cells, _ = self.cells()
        found = []
        before = snapshot(self.fx.other)
        for pattern, url, label in cells:
            for method in METHODS:
                self.client.force_login(user)
                try:
                    response = getattr(self.client, method)(url, {} if method == "post" else None)
                except Exception as error:  # a 500 in production
                    found.append(
                        f"{method.upper()} {url} ({pattern.name}{label}): raised {error!r}"
                    )
                    continue
                if response.status_code >= 500:
                    found.append(f"{method.upper()} {url}: {response.status_code}")
                if response.status_code == 200 and SECRET in body(response):
                    found.append(f"{method.upper()} {url} ({pattern.name}{label}): shows {SECRET}")
                after = snapshot(self.fx.other)
                if after != before:
                    found.append(f"{method.upper()} {url} ({pattern.name}{label}): changed data")
                    before = after
        return found, len(cells)

    def test_url_patterns_are_all_in_the_matrix(self):
        """Every admin pattern yields cells or is listed with its reason; every
        committee-owned snippet is among the kinds."""
        cells, skipped = self.cells()
        covered = {pattern.name or pattern.route for pattern, _, _ in cells} | set(skipped)
        patterns = {p.name or p.route for p in admin_patterns()}
        unfilled = sorted(patterns - covered)
        self.maxDiff = None
        self.assertEqual(unfilled, [])
        kinds = Counter(
            label.split(" ")[0] for p, _, label in cells if p.name == "wagtail_bulk_action"
        )
        owned = [m.__name__ for m in apps.get_models() if is_committee_owned(m)]
        for name in ("Activity", "Membership", "DutyEntry", "CoverageUnit", "TopicSubmission"):
            self.assertIn(name, owned)
            self.assertGreater(kinds[name], 0, name)

    def test_a_county_editor_reaches_nothing_of_another_committee(self):
        self.maxDiff = None
        found, size = self.run_matrix(self.fx.own.editor)
        self.assertEqual(found, [], f"{len(found)} of {size} cells × {len(METHODS)}")

    def test_a_member_reaches_nothing_of_another_committee(self):
        self.maxDiff = None
        found, size = self.run_matrix(self.fx.own.member.user)
        self.assertEqual(found, [], f"{len(found)} of {size} cells × {len(METHODS)}")


def body(response):
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")
