"""What the citizen sees on the receipt page: the stages of their submission, from 已受理 to
已反馈结果. Steps of the activity before 公开公示 show only that they happened and when; their
records are internal."""

from dataclasses import dataclass

from django.utils import timezone

from consultation.models import Spine

from .models import SubmissionStatus

# (stage, the steps that reach it, the steps whose public summaries it shows)
ACTIVITY_STAGES = (
    ("已安排协商", (Spine.SELECT, Spine.RESEARCH), ()),
    ("已协商", (Spine.DELIBERATE, Spine.PUBLISH), (Spine.PUBLISH,)),
    ("办理中", (Spine.IMPLEMENT,), (Spine.IMPLEMENT,)),
    ("已反馈结果", (Spine.FEEDBACK,), (Spine.FEEDBACK,)),
)


@dataclass
class Stage:
    label: str
    state: str  # "done", "declined" or "pending"
    date: object = None
    text: str = ""


def receipt_progress(submission):
    """The stages a citizen sees for ``submission``, handled as its primary when merged."""
    primary = submission.primary()
    stages = [
        Stage("已受理", "done", timezone.localdate(submission.submitted_at), "您提交的议题已收到。")
    ]
    if submission.status == SubmissionStatus.MERGED:
        stages.append(_decision("已合并办理", "done", submission))
    if primary.status == SubmissionStatus.DECLINED:
        return [*stages, _decision("未采纳", "declined", primary)]
    if primary.status != SubmissionStatus.ACCEPTED:
        return [
            *stages,
            Stage("审核中", "pending", text="工作人员正在研究是否作为协商议题。"),
            *(Stage(label, "pending") for label, _, _ in ACTIVITY_STAGES),
        ]
    return [
        *stages,
        _decision("已采纳为协商议题", "done", primary),
        *_activity_stages(primary.activity),
    ]


def _decision(label, state, submission):
    decided = submission.decided_at
    return Stage(
        label, state, timezone.localdate(decided) if decided else None, submission.decision_reason
    )


def _activity_stages(activity):
    steps = {s.step: s for s in activity.steps.all()} if activity else {}
    # Step records are public only where the activity is (its platform is published).
    public = activity is not None and activity.platform.live
    stages = []
    for label, wanted, text_steps in ACTIVITY_STAGES:
        # A stage counts as passed once the activity is at or beyond it (steps may be skipped).
        reached = any(step >= min(wanted) for step in steps)
        stages.append(
            Stage(
                label,
                "done" if reached else "pending",
                _step_date(steps, *wanted),
                _public_text(steps, text_steps) if public else "",
            )
        )
    return stages


def _step_date(steps, *wanted):
    dates = [steps[s].date for s in wanted if s in steps]
    return min(dates) if dates else None


def _public_text(steps, wanted):
    return "\n".join(
        steps[s].summary for s in wanted if s in steps and Spine.is_public(s) and steps[s].summary
    )
