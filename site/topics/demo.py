"""Demo: a 我有事要协商 page on every committee site and, where the demo has activities, three
submissions with fixed receipt codes (printed by load_demo) — one accepted into an activity
that reported back, one still under review, one declined. Names and numbers are stand-ins."""

from django.utils import timezone

from consultation.models import Activity, Spine

from .handling import accept, decline
from .models import TopicSubmission, TopicSubmissionPage, code_digest
from .validators import normalize_receipt_code

INTRO = (
    "<p>村（社区）里、身边有需要大家坐下来商量解决的事，可以在这里提出。"
    "政协机关工作人员研究后，符合条件的作为协商议题，组织委员、相关部门和群众代表协商，"
    "并在这里反馈结果。</p>"
)


def demo_codes(number):
    """Fixed receipt codes for the demo site numbered ``number`` (1, 2, …)."""
    stem = f"DEMA-{number:04d}-0000-000"
    return {"accepted": stem + "A", "received": stem + "R", "declined": stem + "D"}


def load_topics_demo(sites):
    """Returns {site slug: its demo receipt codes} for the sites given demo submissions."""
    codes = {}
    for number, (slug, site) in enumerate(sites.items(), start=1):
        _ensure_page(site.root_page.specific)
        activities = Activity.objects.filter(site=site, is_demo=True).order_by("pk")
        reported = activities.filter(current_step=Spine.FEEDBACK).first() or activities.first()
        if reported is None:
            continue
        site_codes = demo_codes(number)
        codes[slug] = site_codes
        if not TopicSubmission.objects.filter(
            code_digest=code_digest(normalize_receipt_code(site_codes["accepted"]))
        ).exists():
            _load_submissions(site, site_codes, reported)
    return codes


def _ensure_page(home):
    if TopicSubmissionPage.objects.child_of(home).exists():
        return
    page = home.add_child(
        instance=TopicSubmissionPage(
            title="我有事要协商", slug="topics", intro=INTRO, show_in_menus=True
        )
    )
    page.save_revision().publish()


def _load_submissions(site, codes, reported):
    """Accepted into ``reported`` (an activity that reported back), under review, declined."""
    now = timezone.now()
    _load_accepted(site, codes["accepted"], reported, now)
    _submit(
        site,
        codes["received"],
        reported,
        "（演示）小区停车难，希望协商规划停车位",
        "（演示提交）小区车辆多、车位少，晚上车辆占用消防通道，希望商量增设停车位。",
        now - timezone.timedelta(days=2),
    )
    declined = _submit(
        site,
        codes["declined"],
        reported,
        "（演示）邻居装修噪音扰民",
        "（演示提交）楼上邻居装修，周末早上七点就开始施工。",
        now - timezone.timedelta(days=10),
    )
    decline(
        declined,
        None,
        "属于邻里纠纷，已转交社区调解委员会处理，不作为协商议题。",
    )


def _load_accepted(site, code, reported, now):
    """The submission behind ``reported``'s topic, dated as the activity's own steps are."""
    first_step = reported.steps.order_by("step").first()
    accepted = _submit(
        site,
        code,
        reported,
        reported.topic[:60],
        f"（演示提交）{reported.topic_description or reported.topic}"[:2000],
        _midnight(first_step.date) if first_step else now,
    )
    accept(accepted, None, activity=reported, reason="已作为协商议题，在协商平台组织协商。")
    # The demo activity happened years ago: it was accepted when its topic was selected.
    selected = reported.steps.filter(step=Spine.SELECT).first()
    if selected is not None:
        TopicSubmission.objects.filter(pk=accepted.pk).update(decided_at=_midnight(selected.date))


def _midnight(date):
    return timezone.make_aware(timezone.datetime.combine(date, timezone.datetime.min.time()))


def _submit(site, code, reported, title, description, when):
    """A demo submission from a stand-in citizen at ``reported``'s platform."""
    submission = TopicSubmission(
        site=site,
        code_digest=code_digest(normalize_receipt_code(code)),
        title=title,
        description=description,
        place=reported.platform.title[:60],
        platform=reported.platform,
        category=reported.topic_category,
        consented_at=when,
        retention_days=180,
        submitted_at=when,
    )
    submission.set_contact("（演示）王先生", "13800000000")
    submission.save()
    return submission
