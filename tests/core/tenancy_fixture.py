"""Two committees for the tenancy matrices: 甲 (the caller's own) and 乙 (the other), with one
object of every committee-owned kind on each side, and enumeration of every admin URL pattern.

Everything of 乙's that must stay out of reach carries a marker string (``SECRET``), so a
response that shows it is caught wherever it appears: a page body, a modal's JSON, a filter's
choices."""

import datetime
import hashlib
import re
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.log_actions import log
from wagtail.models import Collection, Page, Revision, Task, Workflow

from builders import (
    committee_with_members,
    make_activity,
    make_document,
    make_editor,
    make_image,
)
from checks.models import OfficialName, SensitiveWord
from consultation.models import PlatformPage
from core.committees import committee_collection, editor_group_name
from core.tenancy import committee_owned_models
from members.models import DutyEntry, MemberPage, Membership, Term
from operations.models import ArchiveImport
from plugin_api.testing import enable
from topics.models import TopicAccessLog, TopicSubmission, code_digest

SECRET = "乙方机密"


def secret(text):
    return f"{SECRET}{text}"


@dataclass
class Committee:
    site: object
    editor: object
    member: object = None
    objects: dict = field(default_factory=dict)  # model → instance
    draft_page: object = None
    live_page: object = None
    image: object = None
    document: object = None
    workflow: object = None
    task: object = None
    group: object = None
    collection: object = None
    redirect: object = None


def build_committee(slug, label, prefix):
    """A committee with a member account, a workstation, and one object of each kind; every
    name starts with ``prefix`` (SECRET for 乙)."""
    from cppcc_youshi.models import CoverageUnit, UnitLevel

    rows = [{"编号": "1", "姓名": f"{label}委员", "担任站长": f"{label}委员工作站"}]
    site, index, stations, term, report = committee_with_members(slug, rows, workstations=(label,))
    assert report.errors == [], report.errors
    enable("youshi", site)
    member = MemberPage.objects.get(title=f"{label}委员")
    station = stations[label]
    editor = make_editor(site, f"{slug}-editor")
    editor.first_name = f"{prefix}编辑"
    editor.save()
    c = Committee(site=site, editor=editor, member=member)
    activity = make_activity(station, f"{prefix}协商活动")
    c.objects[activity.__class__] = activity
    c.objects[Term] = term
    c.objects[Membership] = Membership.objects.get(member=member)
    c.objects[DutyEntry] = DutyEntry.objects.create(
        member=member, kind="meeting", title=f"{prefix}履职事项", date=datetime.date(2024, 3, 1)
    )
    c.objects[CoverageUnit] = CoverageUnit.objects.create(
        site=site, name=f"{prefix}村", level=UnitLevel.TOWNSHIP
    )
    submission = TopicSubmission(
        site=site,
        code_digest=code_digest(f"{slug}-code"),
        title=f"{prefix}群众议题",
        description="情况说明",
        place="某村",
        consented_at=timezone.now(),
        retention_days=30,
    )
    submission.set_contact("张三", "13900000000")
    submission.save()
    c.objects[TopicSubmission] = submission
    c.objects[TopicAccessLog] = TopicAccessLog.record(
        user=editor, action="view", submissions=[submission], site=site
    )
    c.objects[SensitiveWord] = SensitiveWord.objects.create(site=site, word=f"{prefix}敏感词")
    c.objects[OfficialName] = OfficialName.objects.create(
        site=site, wrong=f"{prefix}错误表述", correct=f"{prefix}规范表述"
    )
    c.objects[ArchiveImport] = ArchiveImport.objects.create(
        site=site, file=f"imports/{slug}.jsonl", errors=[f"第2行：{prefix}坏行"]
    )
    # A page that was never published: its title is the committee's own business.
    c.draft_page = PlatformPage(
        title=f"{prefix}草稿页", slug=f"{slug}-draft", level="village", live=False
    )
    c.draft_page.kind = station.kind
    index.add_child(instance=c.draft_page)
    c.draft_page.save_revision(user=editor, log_action=True)
    c.live_page = index  # live, and the parent of the draft
    c.collection = committee_collection(site.site_name)
    c.image = make_image(f"{prefix}图片")
    c.image.collection = c.collection
    c.image.save()
    c.document = make_document(f"{prefix}文件")
    c.document.collection = c.collection
    c.document.save()
    c.group = Group.objects.get(name=editor_group_name(site.site_name))
    c.workflow = Workflow.objects.get(workflow_pages__page=site.root_page)
    c.workflow.name = f"{prefix}审核流程"
    c.workflow.save()
    c.task = c.workflow.tasks.filter(groupapprovaltask__isnull=False).get()
    c.task.name = f"{prefix}审核任务"
    c.task.save()
    c.redirect = Redirect.objects.create(
        site=site, old_path=f"/{slug}-old", redirect_link=f"https://example.com/{prefix}"
    )
    # What the admin would have written to the audit log for each record.
    for obj in c.objects.values():
        log(obj, "wagtail.create", user=editor)
    # A moderation request in flight on the member's page, by the member.
    revision = member.save_revision(user=member.user)
    c.workflow.start(member, member.user)
    assert revision is not None
    return c


def owned_kinds():
    """Every committee-owned model (found by the tenancy rule itself, so a new one is in)."""
    return committee_owned_models()


# --- The URLconf -------------------------------------------------------------------------


@dataclass
class Pattern:
    route: str
    name: str  # namespaced
    kwargs: tuple
    callback: object

    @property
    def model(self):
        return getattr(self.callback, "view_initkwargs", {}).get("model")


def route_kwargs(pattern):
    if isinstance(pattern, RoutePattern):
        return tuple(pattern.converters)
    if isinstance(pattern, RegexPattern):
        return tuple(re.compile(pattern._regex).groupindex)
    return ()


def admin_patterns():
    """Every URL pattern under /admin/, with its namespaced name and keyword arguments."""

    def walk(patterns, prefix, namespaces, kwargs):
        for p in patterns:
            here = route_kwargs(p.pattern)
            if isinstance(p, URLResolver):
                ns = namespaces + ((p.namespace,) if p.namespace else ())
                yield from walk(p.url_patterns, prefix + str(p.pattern), ns, kwargs + here)
            else:
                name = ":".join(namespaces + (p.name,)) if p.name else None
                yield Pattern(prefix + str(p.pattern), name, kwargs + here, p.callback)

    return [
        p for p in walk(get_resolver().url_patterns, "", (), ()) if p.route.startswith("admin/")
    ]


# --- Detecting a change ------------------------------------------------------------------


def snapshot(c):
    """A digest of everything of committee ``c``: its records, pages (tree, titles, live
    state, locks, revisions), files, group, workflow and editor account."""
    parts = []
    for model in sorted(c.objects, key=lambda m: m._meta.label):
        parts.append(list(model._default_manager.filter(site=c.site).order_by("pk").values()))
    pages = Page.objects.filter(path__startswith=c.site.root_page.path).order_by("path")
    parts.append(
        list(
            pages.values_list(
                "pk", "path", "title", "slug", "live", "locked", "latest_revision_id", "alias_of"
            )
        )
    )
    parts.append(Revision.page_revisions.filter(object_id__in=[str(p.pk) for p in pages]).count())
    parts.append(
        list(Image.objects.filter(collection=c.collection).values_list("pk", "title", "file"))
    )
    parts.append(
        list(Document.objects.filter(collection=c.collection).values_list("pk", "title", "file"))
    )
    parts.append(list(c.group.permissions.order_by("pk").values_list("pk", flat=True)))
    parts.append(sorted(c.group.user_set.values_list("pk", flat=True)))
    parts.append(list(Workflow.objects.filter(pk=c.workflow.pk).values()))
    parts.append(list(Task.objects.filter(pk=c.task.pk).values("name", "active")))
    parts.append(
        list(
            get_user_model()
            .objects.filter(pk=c.editor.pk)
            .values("username", "password", "is_active", "first_name", "is_superuser")
        )
    )
    parts.append(Collection.objects.filter(pk=c.collection.pk).values_list("name", "path").get())
    return hashlib.sha256(repr(parts).encode()).hexdigest()
