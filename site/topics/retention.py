"""How long a submission's contact details are kept: its retention period starts when it is
closed, and when the period is over the details are erased (and the erasure logged)."""

from django.db import transaction
from django.utils import timezone

from consultation.models import Spine

from .models import AccessAction, SubmissionStatus, TopicAccessLog, TopicSubmission

ERASED_FIELDS = ["name_encrypted", "mobile_encrypted", "mobile_digest", "anonymised_at"]


def close_finished(now=None):
    """Accepted submissions close when their activity reports back (结果反馈), or when the
    activity is gone; start their retention period then."""
    now = now or timezone.now()
    closed = 0
    pending = TopicSubmission.objects.filter(
        status=SubmissionStatus.ACCEPTED, purge_after__isnull=True
    ).select_related("activity")
    for submission in pending:
        at = _closed_at(submission, now)
        if at is None:
            continue
        submission.close(at)
        submission.save(update_fields=["purge_after"])
        closed += 1
    return closed


def _closed_at(submission, now):
    """When an accepted submission was finished with, or None while its activity goes on."""
    if submission.activity is None:
        return submission.decided_at or now
    if submission.activity.current_step != Spine.FEEDBACK:
        return None
    step = submission.activity.steps.filter(step=Spine.FEEDBACK).first()
    reported = timezone.make_aware(
        timezone.datetime.combine(step.date, timezone.datetime.min.time())
    )
    # Accepted into an activity that had already reported back: the period runs from the
    # acceptance, never from before the citizen heard anything.
    return max(reported, submission.decided_at or reported)


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
            submission.save(update_fields=ERASED_FIELDS)
        _log_erasure(due)
    return len(due)


def _log_erasure(due):
    """One audit entry per committee, naming the submissions whose details went."""
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
