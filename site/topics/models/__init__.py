"""Topics citizens bring (我有事要协商): the submission, the page that collects them, each
committee's retention rules, and the audit log of who looked at whose data.

A submission carries personal data (name, mobile number) only for follow-up: encrypted at rest,
never shown publicly, and erased a stated number of days after the submission is closed. The
citizen follows it with a receipt code, of which only a digest is stored.

submissions: the submission and the committee's rules; audit: the access log; pages: the
page citizens submit on."""

from .audit import AccessAction, AppendOnlyQuerySet, TopicAccessLog
from .pages import TopicSubmissionPage
from .submissions import (
    SubmissionStatus,
    TopicSettings,
    TopicSubmission,
    TopicSubmissionQuerySet,
    code_digest,
)

__all__ = [
    "AccessAction",
    "AppendOnlyQuerySet",
    "SubmissionStatus",
    "TopicAccessLog",
    "TopicSettings",
    "TopicSubmission",
    "TopicSubmissionPage",
    "TopicSubmissionQuerySet",
    "code_digest",
]
