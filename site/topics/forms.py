"""The public 我有事要协商 form (with its bot traps) and the editors' handling forms."""

import re
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError

from consultation.models import Activity, PlatformPage, TopicCategory
from core.committees import editable_sites, pages_in_editable_sites

from .models import SubmissionStatus, TopicSubmission
from .validators import normalize_mobile

FORM_STAMP_SALT = "topics.submission-form"
# A person needs longer than this to fill the form in; a bot posting at once is dropped.
MIN_FILL_SECONDS = getattr(settings, "TOPIC_MIN_FILL_SECONDS", 3)
# A form left open longer than this is refused with a message.
MAX_FORM_AGE_SECONDS = 24 * 3600
# Control characters, zero-width characters and bidi overrides: invisible, or able to make a
# title read differently from what is stored.
CONTROL_CHARS = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"
)
MAX_ID = 2**63 - 1
PLATFORM_CHOICES_LIMIT = 300


def clean_text(value):
    """Drop control and bidi-override characters; keep line breaks. Markup stays as typed and is
    escaped wherever it is shown."""
    return CONTROL_CHARS.sub("", value or "").strip()


class CleanCharField(forms.CharField):
    """Text with invisible characters removed before the length limits are checked, so that
    a title of zero-width spaces is empty, not four characters long."""

    def to_python(self, value):
        return clean_text(super().to_python(value))


class SafeModelChoiceField(forms.ModelChoiceField):
    """An id that is not a number the database can hold is an invalid choice, not an error."""

    def to_python(self, value):
        text = str(value)
        digits = text.isascii() and text.isdigit()  # "²".isdigit() is true, int("²") raises
        if value not in self.empty_values and not (digits and int(text) <= MAX_ID):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


def form_stamp(seen=False):
    """When the form was handed out, signed. A form handed back to a person (too fast, expired,
    honeypot) is stamped ``seen``: dated MIN_FILL_SECONDS earlier, so that sending it again at
    once is accepted (the person has now looked at it) while it still expires after a day."""
    handed_out = time.time() - (MIN_FILL_SECONDS if seen else 0)
    return signing.dumps(handed_out, salt=FORM_STAMP_SALT)


class TopicSubmissionForm(forms.Form):
    title = CleanCharField(
        label="议题标题",
        min_length=4,
        max_length=60,
        help_text="一句话说明要协商的事，4–60字，如“小区停车难”。",
    )
    description = CleanCharField(
        label="具体情况",
        min_length=10,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="事情的经过、涉及哪些人和单位、希望怎样解决，10–2000字。",
    )
    place = CleanCharField(
        label="所在村（社区）",
        max_length=60,
        help_text="如：城南镇高桥村、胜利街道新华社区。",
    )
    platform = SafeModelChoiceField(
        label="希望在哪个协商平台协商（可不选）",
        queryset=PlatformPage.objects.none(),
        required=False,
        empty_label="不指定",
    )
    category = SafeModelChoiceField(
        label="议题类别（可不选）",
        queryset=TopicCategory.objects.all(),
        required=False,
        empty_label="不确定",
    )
    name = CleanCharField(label="您的姓名", max_length=20, help_text="仅用于联系您，不会公开。")
    mobile = forms.CharField(
        label="手机号码",
        max_length=30,
        help_text="11位手机号码，仅用于工作人员联系您，不会公开。",
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    consent = forms.BooleanField(
        label="我已阅读并同意上述个人信息处理说明",
        error_messages={"required": "请阅读个人信息处理说明并勾选同意，否则无法提交。"},
    )
    # Bot traps: a field people never see, and when the form was handed out.
    website = forms.CharField(required=False, label="网址（请勿填写）")
    stamp = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, site=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.site = site
        if site is not None:
            platforms = (
                PlatformPage.objects.live()
                .public()
                .descendant_of(site.root_page, inclusive=True)
                .order_by("level", "title")
            )
            self.fields["platform"].queryset = platforms
            self.fields["platform"].choices = [("", "不指定")] + [
                (p.pk, p.title) for p in platforms[:PLATFORM_CHOICES_LIMIT]
            ]
        if not self.is_bound:
            self.initial["stamp"] = form_stamp()
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def bot_verdict(self):
        """ "honeypot" for a post that filled the hidden field; "unconfirmed" for one sent
        sooner than a person fills the form in (autofill can) or without a valid stamp;
        "expired" for a form left open too long; "" for a post from a person. None of them
        is told it succeeded: all but "" get the form back (views.submission_form)."""
        if self.data.get("website"):
            return "honeypot"
        try:
            age = time.time() - float(
                signing.loads(self.data.get("stamp", ""), salt=FORM_STAMP_SALT)
            )
        except (signing.BadSignature, TypeError, ValueError):
            return "unconfirmed"
        if age < MIN_FILL_SECONDS:
            return "unconfirmed"
        if age > MAX_FORM_AGE_SECONDS:
            return "expired"
        return ""

    def hand_back(self):
        """Prepare the form to be shown again for sending once more: a ``seen`` stamp, and the
        honeypot emptied (a browser's autofill may have filled it)."""
        data = self.data.copy()
        data["stamp"] = form_stamp(seen=True)
        data["website"] = ""
        self.data = data

    def clean_mobile(self):
        return normalize_mobile(self.cleaned_data["mobile"])


# Editors ---------------------------------------------------------------------------------


class AcceptForm(forms.Form):
    """Accept a submission as a topic: into an existing activity, or a new one at a platform."""

    activity = SafeModelChoiceField(
        label="并入已有的协商活动",
        queryset=Activity.objects.none(),
        required=False,
        help_text="选择已有活动，或在下方填写以新建活动。",
    )
    platform = SafeModelChoiceField(
        label="新建活动的协商平台", queryset=PlatformPage.objects.none(), required=False
    )
    topic = CleanCharField(label="议题（对外公开）", max_length=200, required=False)
    topic_description = CleanCharField(
        label="议题说明（对外公开）",
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="对外公开：请概括群众反映的情况，不要写入提交人的姓名、电话等个人信息。",
    )
    reason = CleanCharField(
        label="给提交人的说明（显示在回执页）",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, submission, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.submission = submission
        self.fields["activity"].queryset = Activity.objects.filter(
            site=submission.site_id
        ).order_by("-created_at")
        self.fields["platform"].queryset = pages_in_editable_sites(PlatformPage, user).filter(
            path__startswith=submission.site.root_page.path
        )
        if not self.is_bound:
            # The citizen's own description may name people: the editor writes the public one.
            self.initial.update(platform=submission.platform_id, topic=submission.title)

    def clean(self):
        data = super().clean()
        if not data.get("activity") and not data.get("platform"):
            raise ValidationError("请选择已有的协商活动，或选择新建活动的协商平台。")
        if not data.get("activity") and not data.get("topic"):
            self.add_error("topic", "新建活动须填写议题。")
        return data


class DeclineForm(forms.Form):
    reason = CleanCharField(
        label="不予采纳的理由（显示在回执页，对提交人公开）",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MergeForm(forms.Form):
    into = SafeModelChoiceField(
        label="并入哪一条议题",
        queryset=TopicSubmission.objects.none(),
        help_text="重复的议题并入先提交的一条，提交人在回执页看到那一条的办理进展。",
    )

    def __init__(self, *args, submission, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = (
            TopicSubmission.objects.filter(site__in=editable_sites(user), site=submission.site_id)
            .exclude(pk=submission.pk)
            .exclude(status=SubmissionStatus.MERGED)
            .order_by("-submitted_at")
        )
        self.fields["into"].label_from_instance = lambda s: (
            f"{s.title}（{s.place}，{s.submitted_at:%Y-%m-%d}，{s.get_status_display()}）"
        )
