"""The checks in each committee's moderation workflow: a PublicationCheckTask placed before the
editors' approval, and a guard that refuses an approval of a draft changed since it was
checked when the change brought a finding."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F

CHECK_SUFFIX = "发布前检查"


def check_task_name(workflow):
    """ "甲政协发布前检查" beside "甲政协编辑审核" in the workflow "甲政协审核"."""
    if workflow.name.endswith("审核"):
        return f"{workflow.name.removesuffix('审核')}{CHECK_SUFFIX}"
    return CHECK_SUFFIX


@transaction.atomic
def add_publication_checks(workflow):
    """Put a publication check first in ``workflow``, before the editors' approval (once: a
    workflow that has one keeps it). Returns the new task, or None."""
    from wagtail.models import WorkflowTask

    from .models import PublicationCheckTask

    if PublicationCheckTask.objects.filter(workflow_tasks__workflow=workflow).exists():
        return None
    task = PublicationCheckTask.objects.create(name=check_task_name(workflow))
    WorkflowTask.objects.filter(workflow=workflow).update(sort_order=F("sort_order") + 1)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return task


def on_moderation_workflow_created(sender, workflow, **kwargs):
    """Receiver of ``core.signals.moderation_workflow_created``: a new committee's workflow
    gets its check."""
    add_publication_checks(workflow)


def has_publication_checks(workflow_state):
    from .models import PublicationCheckTask

    return PublicationCheckTask.objects.filter(
        workflow_tasks__workflow_id=workflow_state.workflow_id
    ).exists()


def guard_approval(sender, instance, **kwargs):
    """``pre_save`` of a TaskState: an approval by the editors when the page's latest draft
    (changed after the check, e.g. "approve with changes") has findings is refused; the page
    does not go live with what the check would have stopped."""
    from wagtail.models import TaskState

    from .findings import check_revision
    from .models import PublicationCheckTask

    if instance.pk is None or instance.status != TaskState.STATUS_APPROVED:
        return
    if isinstance(instance.task.specific, PublicationCheckTask):
        return
    previous = TaskState.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
    if previous != TaskState.STATUS_IN_PROGRESS:
        return
    state = instance.workflow_state
    if not has_publication_checks(state):
        return
    page = state.content_object
    latest = page.get_latest_revision() if page is not None else None
    if latest is None or checked(state, latest):
        return
    if check_revision(latest):
        raise PermissionDenied("当前草稿未通过发布前检查，不能通过审核：请退回修改。")


def checked(state, revision):
    """Whether the publication check approved ``revision`` in this workflow."""
    from wagtail.models import TaskState

    from .models import PublicationCheckTask

    return TaskState.objects.filter(
        workflow_state=state,
        revision=revision,
        status=TaskState.STATUS_APPROVED,
        task__in=PublicationCheckTask.objects.all(),
    ).exists()
