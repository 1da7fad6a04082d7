"""What happens to a submission: received (merged at once if it repeats one), accepted into an
activity, merged with another, declined. Closing it and erasing its contact details in time is
topics.retention; what the citizen sees of it, topics.receipt (both importable from here)."""

import re

from django.db import transaction
from django.utils import timezone

from consultation.models import Activity, ActivityStep, Spine, TopicSource

from . import crypto
from .models import (
    AccessAction,
    SubmissionStatus,
    TopicAccessLog,
    TopicSettings,
    TopicSubmission,
    code_digest,
)
from .receipt import Stage, receipt_progress
from .retention import anonymise_due, close_finished
from .validators import new_receipt_code

__all__ = [
    "AUTO_MERGE_REASON",
    "AlreadyHandled",
    "Stage",
    "accept",
    "anonymise_due",
    "close_finished",
    "decline",
    "find_by_code",
    "merge",
    "receipt_progress",
    "receive",
]

AUTO_MERGE_REASON = "您在短时间内重复提交了相同的议题，已与先前的提交合并办理。"


class AlreadyHandled(Exception):
    """The submission was handled meanwhile (another editor, a second click, a stale tab)."""


def _decide(submission, user, status, reason, *, activity=None, merged_into=None, close=True):
    """Record a decision on ``submission`` (locked by _lock_open) and, unless it stays open
    (accepted), start its retention period."""
    now = timezone.now()
    submission.status = status
    submission.activity = activity
    submission.merged_into = merged_into
    submission.decision_reason = reason
    submission.decided_at = now
    submission.decided_by = user
    if close:
        submission.close(now)
    submission.save()


def _lock_open(submission):
    """Re-read the row under a lock and refuse unless it still waits for a decision."""
    fresh = TopicSubmission.objects.select_for_update().get(pk=submission.pk)
    if fresh.status != SubmissionStatus.RECEIVED:
        raise AlreadyHandled(fresh.get_status_display())
    return fresh


def _same_title(a, b):
    def canon(text):
        return re.sub(r"\s+", "", text).casefold()

    return canon(a) == canon(b)


@transaction.atomic
def receive(site, data, now=None):
    """Store a citizen's submission; returns (submission, receipt code). The code itself is
    never stored, only its digest."""
    now = now or timezone.now()
    # Locking the committee's settings row serialises its submissions, so that two identical
    # posts arriving together cannot both miss each other (PostgreSQL; SQLite writes are
    # serial anyway).
    rules = TopicSettings.objects.select_for_update().get(pk=TopicSettings.for_site(site).pk)
    code = new_receipt_code()
    submission = TopicSubmission(
        site=site,
        code_digest=code_digest(code),
        title=data["title"],
        description=data["description"],
        place=data["place"],
        platform=data.get("platform"),
        category=data.get("category"),
        consented_at=now,
        retention_days=rules.retention_days,
        submitted_at=now,
    )
    submission.set_contact(data["name"], data["mobile"])
    original = _repeated(submission, data["mobile"], rules, now)
    if original is not None:
        submission.status = SubmissionStatus.MERGED
        submission.merged_into = original
        submission.auto_merged = True
        submission.decided_at = now
        submission.decision_reason = AUTO_MERGE_REASON
        submission.close(now)
    submission.save()
    return submission, code


def _repeated(submission, mobile, rules, now):
    """The submission this one repeats: the same title from the same mobile number within the
    committee's window, or None."""
    earlier = (
        TopicSubmission.objects.filter(
            site=submission.site,
            mobile_digest=crypto.digest(mobile),
            submitted_at__gte=now - timezone.timedelta(hours=rules.duplicate_window_hours),
            anonymised_at__isnull=True,
        )
        .exclude(status=SubmissionStatus.MERGED)
        .order_by("submitted_at")
    )
    return next((s for s in earlier if _same_title(s.title, submission.title)), None)


def find_by_code(site, code):
    return (
        TopicSubmission.objects.filter(site=site, code_digest=code_digest(code))
        .select_related("merged_into", "activity", "category")
        .first()
    )


@transaction.atomic
def accept(
    submission, user, *, activity=None, platform=None, topic="", topic_description="", reason=""
):
    """Accept the submission as a topic: link it to ``activity`` or start a new activity at
    ``platform`` whose 收集议题 step is the submission."""
    submission = _lock_open(submission)
    if activity is None:
        activity = Activity(
            platform=platform,
            topic=topic,
            topic_description=topic_description,
            topic_source=TopicSource.PUBLIC,
            topic_category=submission.category,
        )
        activity.save()
    if not activity.steps.filter(step=Spine.COLLECT).exists():
        ActivityStep.objects.create(
            activity=activity,
            step=Spine.COLLECT,
            date=timezone.localdate(submission.submitted_at),
            summary="群众通过网站“我有事要协商”提交。",
        )
        activity.save()  # refreshes the cached progress columns and the figures
    _decide(submission, user, SubmissionStatus.ACCEPTED, reason, activity=activity, close=False)
    TopicAccessLog.record(
        user=user,
        action=AccessAction.ACCEPT,
        submissions=[submission],
        site=submission.site,
        detail=f"并入协商活动 #{activity.pk}",
    )
    return activity


@transaction.atomic
def decline(submission, user, reason):
    submission = _lock_open(submission)
    _decide(submission, user, SubmissionStatus.DECLINED, reason)
    TopicAccessLog.record(
        user=user, action=AccessAction.DECLINE, submissions=[submission], site=submission.site
    )


@transaction.atomic
def merge(submission, into, user):
    """Handle ``submission`` as ``into``; submissions already merged into it follow along."""
    submission = _lock_open(submission)
    target = TopicSubmission.objects.select_for_update().get(pk=into.pk).primary()
    if target.pk == submission.pk or target.status == SubmissionStatus.MERGED:
        raise AlreadyHandled("不能并入自身或已合并的议题")
    TopicSubmission.objects.filter(merged_into=submission).update(merged_into=target)
    _decide(
        submission, user, SubmissionStatus.MERGED, "与内容相同的议题合并办理。", merged_into=target
    )
    TopicAccessLog.record(
        user=user,
        action=AccessAction.MERGE,
        submissions=[submission, target],
        site=submission.site,
        detail=f"#{submission.pk} 并入 #{target.pk}",
    )
