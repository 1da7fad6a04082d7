"""What happens to a submission: received (merged at once if it repeats one), accepted into an
activity, merged with another, declined; closed, and its contact details erased in time."""

import re
from dataclasses import dataclass

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
from .validators import new_receipt_code

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
    earlier = (
        TopicSubmission.objects.filter(
            site=site,
            mobile_digest=crypto.digest(data["mobile"]),
            submitted_at__gte=now - timezone.timedelta(hours=rules.duplicate_window_hours),
            anonymised_at__isnull=True,
        )
        .exclude(status=SubmissionStatus.MERGED)
        .order_by("submitted_at")
    )
    original = next((s for s in earlier if _same_title(s.title, submission.title)), None)
    if original is not None:
        submission.status = SubmissionStatus.MERGED
        submission.merged_into = original
        submission.auto_merged = True
        submission.decided_at = now
        submission.decision_reason = AUTO_MERGE_REASON
        submission.close(now)
    submission.save()
    return submission, code


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


def close_finished(now=None):
    """Accepted submissions close when their activity reports back (结果反馈), or when the
    activity is gone; start their retention period then."""
    now = now or timezone.now()
    closed = 0
    pending = TopicSubmission.objects.filter(
        status=SubmissionStatus.ACCEPTED, purge_after__isnull=True
    ).select_related("activity")
    for submission in pending:
        if submission.activity is None:
            at = submission.decided_at or now
        elif submission.activity.current_step == Spine.FEEDBACK:
            step = submission.activity.steps.filter(step=Spine.FEEDBACK).first()
            reported = timezone.make_aware(
                timezone.datetime.combine(step.date, timezone.datetime.min.time())
            )
            # Accepted into an activity that had already reported back: the period runs from
            # the acceptance, never from before the citizen heard anything.
            at = max(reported, submission.decided_at or reported)
        else:
            continue
        submission.close(at)
        submission.save(update_fields=["purge_after"])
        closed += 1
    return closed


def anonymise_due(now=None, dry_run=False):
    """Erase the contact details of submissions past their retention period; returns how many."""
    now = now or timezone.now()
    close_finished(now)
    due = list(TopicSubmission.objects.due_for_anonymisation(now))
    if dry_run or not due:
        return len(due)
    with transaction.atomic():
        for submission in due:
            submission.anonymise(now)
            submission.save(
                update_fields=[
                    "name_encrypted",
                    "mobile_encrypted",
                    "mobile_digest",
                    "anonymised_at",
                ]
            )
        by_site = {}
        for submission in due:
            by_site.setdefault(submission.site_id, []).append(submission.pk)
        for site_id, ids in by_site.items():
            TopicAccessLog.objects.create(
                user=None,
                username="系统",
                site_id=site_id,
                action=AccessAction.ANONYMISE,
                submission_ids=ids,
                detail=f"超过保存期限，删除 {len(ids)} 条议题的联系方式",
            )
    return len(due)


# The receipt page ------------------------------------------------------------------------


@dataclass
class Stage:
    label: str
    state: str  # "done", "declined" or "pending"
    date: object = None
    text: str = ""


def _step_date(steps, *wanted):
    dates = [steps[s].date for s in wanted if s in steps]
    return min(dates) if dates else None


def receipt_progress(submission):
    """The stages a citizen sees, from 已受理 to 已反馈结果. Steps of the activity before
    公开公示 show only that they happened and when; their records are internal."""
    primary = submission.primary()
    stages = [
        Stage("已受理", "done", timezone.localdate(submission.submitted_at), "您提交的议题已收到。")
    ]
    if submission.status == SubmissionStatus.MERGED:
        stages.append(
            Stage(
                "已合并办理",
                "done",
                timezone.localdate(submission.decided_at) if submission.decided_at else None,
                submission.decision_reason,
            )
        )
    if primary.status == SubmissionStatus.DECLINED:
        stages.append(
            Stage(
                "未采纳",
                "declined",
                timezone.localdate(primary.decided_at) if primary.decided_at else None,
                primary.decision_reason,
            )
        )
        return stages
    if primary.status != SubmissionStatus.ACCEPTED:
        stages.append(Stage("审核中", "pending", text="工作人员正在研究是否作为协商议题。"))
        stages += [
            Stage(label, "pending") for label in ("已安排协商", "已协商", "办理中", "已反馈结果")
        ]
        return stages
    stages.append(
        Stage(
            "已采纳为协商议题",
            "done",
            timezone.localdate(primary.decided_at) if primary.decided_at else None,
            primary.decision_reason,
        )
    )
    activity = primary.activity
    steps = {s.step: s for s in activity.steps.all()} if activity else {}
    # Step records are public only where the activity is (its platform is published).
    public = activity is not None and activity.platform.live

    def public_text(*wanted):
        if not public:
            return ""
        return "\n".join(
            steps[s].summary
            for s in wanted
            if s in steps and Spine.is_public(s) and steps[s].summary
        )

    for label, wanted, text_steps in (
        ("已安排协商", (Spine.SELECT, Spine.RESEARCH), ()),
        ("已协商", (Spine.DELIBERATE, Spine.PUBLISH), (Spine.PUBLISH,)),
        ("办理中", (Spine.IMPLEMENT,), (Spine.IMPLEMENT,)),
        ("已反馈结果", (Spine.FEEDBACK,), (Spine.FEEDBACK,)),
    ):
        # A stage counts as passed once the activity is at or beyond it (steps may be skipped).
        reached = any(step >= min(wanted) for step in steps)
        stages.append(
            Stage(
                label,
                "done" if reached else "pending",
                _step_date(steps, *wanted),
                public_text(*text_steps),
            )
        )
    return stages
