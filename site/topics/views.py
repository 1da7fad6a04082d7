"""Public views of the 我有事要协商 page: the form, the receipt, the status page. None of them
is cached, and none ever shows a name or a mobile number."""

import logging

from django.conf import settings
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers
from django.views.decorators.debug import sensitive_post_parameters
from django_ratelimit import ALL
from django_ratelimit.core import get_usage

from . import crypto
from .forms import TopicSubmissionForm
from .handling import find_by_code, receipt_progress, receive
from .validators import format_receipt_code, normalize_receipt_code

logger = logging.getLogger(__name__)
SESSION_RECEIPT = "topics_receipt"
# The code waits in the session (encrypted) only until the thanks page shows it.
RECEIPT_HANDOVER_SECONDS = 15 * 60


def _hand_over(request, code):
    request.session[SESSION_RECEIPT] = crypto.encrypt(code)


def _take_over(request):
    token = request.session.pop(SESSION_RECEIPT, None)
    if not token:
        return None
    try:
        return crypto.decrypt(token, ttl=RECEIPT_HANDOVER_SECONDS)
    except crypto.InvalidToken:
        return None


def _unlogged(response):
    """Django logs 4xx answers with their path; a receipt path holds a code."""
    response._has_been_logged = True
    return response


def _private(response, referrer_policy="no-referrer"):
    """Personal or per-visitor pages: never stored by the site cache, a proxy or the browser,
    never indexed, and their address (which may hold a receipt code) never sent on. The form
    page keeps ``same-origin``: under ``no-referrer`` browsers post ``Origin: null``, which
    Django's CSRF check refuses."""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = referrer_policy
    return response


def _usage(request, group, rate, increment):
    """django-ratelimit's count of this client's address (IPv6 by /64, settings.RATELIMIT_*)
    in ``group``, or None when it cannot be had: limits switched off, or the cache unreachable
    (django-redis with IGNORE_EXCEPTIONS reads a miss, drops writes and answers ``incr`` with
    None, which the library reports as "limited" with a count of 0 over a limit of 0)."""
    usage = get_usage(request, group=group, key="ip", rate=rate, method=ALL, increment=increment)
    if usage is None or (usage["should_limit"] and usage["count"] <= usage["limit"]):
        return None
    return usage


def _limited(request, group, rate):
    """Count this request against the client's address; True once the address is over
    ``rate``. Never True while the count cannot be kept (cache outage): see docs/topics.md."""
    usage = _usage(request, group, rate, increment=True)
    if usage and usage["should_limit"]:
        request.retry_after = max(int(usage["time_left"]), 1)
        return True
    return False


def _submit_limits(site):
    """(group, rate) pairs an accepted submission counts towards: this committee site's form,
    and every site's together (a higher ceiling per address)."""
    return (
        (f"topics:submit:site-{site.pk}", settings.TOPIC_SUBMIT_RATE),
        ("topics:submit", settings.TOPIC_SUBMIT_RATE_OVERALL),
    )


def _submissions_exhausted(request, site):
    """Whether one more accepted submission would take this address over a limit. Only looks:
    posts that are refused, handed back or dropped are never counted."""
    seconds = [
        usage["time_left"]
        for group, rate in _submit_limits(site)
        if (usage := _usage(request, group, rate, increment=False))
        and usage["count"] >= usage["limit"]
    ]
    if seconds:
        request.retry_after = max(max(seconds), 1)
        return True
    return False


def _count_submission(request, site):
    for group, rate in _submit_limits(site):
        _usage(request, group, rate, increment=True)


def too_many_requests(request, page):
    response = page.render(
        request,
        template="topics/too_many_requests.html",
        context_overrides={"retry_minutes": _retry_minutes(request)},
    )
    return _over_limit(response, request)


def _retry_minutes(request):
    return max(1, (request.retry_after + 59) // 60)


def _over_limit(response, request, referrer_policy="no-referrer"):
    response.status_code = 429
    response["Retry-After"] = str(request.retry_after)
    return _private(response, referrer_policy)


# Shown with a form handed back unsent: too fast, no valid stamp, or the honeypot filled.
RESEND_MESSAGE = (
    "您的议题尚未提交：系统未能确认是本人填写（填写过快或页面已失效）。"
    "您填写的内容都保留着，请核对下方内容后再次点击“提交议题”。"
)


@sensitive_post_parameters("name", "mobile")
def submission_form(request, page):
    """The form. Only a valid post from a person is stored, counted and answered with a
    receipt code; every other post gets the form back with what was typed, and a message
    saying that nothing was submitted yet."""
    site = page.get_site()
    form = TopicSubmissionForm(site=site)
    status = 200
    if request.method == "POST":
        form = TopicSubmissionForm(request.POST, site=site)
        verdict = form.bot_verdict()
        if _submissions_exhausted(request, site):
            # The form comes back with the text kept, not a page that loses it.
            form.add_error(
                None,
                f"操作过于频繁：您所在的网络近期提交的议题较多，请约 {_retry_minutes(request)} "
                "分钟后再提交。您填写的内容都保留着；如有急事，可拨打本级政协的联系电话反映。",
            )
            status = 429
        elif verdict in ("honeypot", "unconfirmed"):
            # A bot is not a person: it gets the form back exactly like a person who was too
            # fast (so it cannot tell which trap it met), never a code; nothing is kept.
            if verdict == "honeypot":
                logger.info("Handed a honeypot post back on the topic form of site %s", site.pk)
            form.is_valid()
            form.add_error(None, RESEND_MESSAGE)
            form.hand_back()
        elif verdict == "expired":
            form.is_valid()
            form.add_error(None, "页面打开时间过长，请核对内容后再次提交。")
            form.hand_back()
        elif form.is_valid():
            _, code = receive(site, form.cleaned_data)
            _count_submission(request, site)
            _hand_over(request, code)
            return redirect(page.url + "thanks/")
        # Otherwise the form keeps its stamp: a person correcting one field at once is not
        # mistaken for a bot.
    response = page.render(request, context_overrides={"form": form})
    if status == 429:
        return _over_limit(response, request, referrer_policy="same-origin")
    return _private(response, referrer_policy="same-origin")


def thanks(request, page):
    code = _take_over(request)
    if not code:
        return redirect(page.url)
    return _private(
        page.render(
            request,
            template="topics/thanks.html",
            context_overrides={
                "code": format_receipt_code(code),
                "receipt_url": f"{page.url}receipt/{format_receipt_code(code)}/",
            },
        )
    )


def receipt_lookup(request, page):
    """The form asking for a receipt code; a code given here goes to its status page."""
    error = ""
    raw = request.GET.get("code", "")
    if raw:
        code = normalize_receipt_code(raw)
        if code:
            return redirect(f"{page.url}receipt/{format_receipt_code(code)}/")
        error = "回执码应为16位字母和数字（如 7K3M-2QXP-9D4A-HT6R），请核对后重新输入。"
    return _private(
        page.render(
            request, template="topics/receipt_lookup.html", context_overrides={"error": error}
        )
    )


def receipt(request, page, code):
    if _limited(request, "topics:lookup", settings.TOPIC_LOOKUP_RATE):
        return _unlogged(too_many_requests(request, page))
    normalized = normalize_receipt_code(code)
    submission = find_by_code(page.get_site(), normalized) if normalized else None
    if submission is None:
        response = page.render(request, template="topics/receipt_not_found.html")
        response.status_code = 404
        return _unlogged(_private(response))
    if code != format_receipt_code(normalized):
        return redirect(f"{page.url}receipt/{format_receipt_code(normalized)}/")
    primary = submission.primary()
    activity_url = None
    if primary.activity is not None:
        from consultation.views import activity_urls

        if primary.activity.platform.live:
            activity_url = activity_urls([primary.activity], request).get(primary.activity.pk)
    return _private(
        page.render(
            request,
            template="topics/receipt.html",
            context_overrides={
                "submission": submission,
                "code": format_receipt_code(normalized),
                "stages": receipt_progress(submission),
                "activity_url": activity_url,
            },
        )
    )
