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
from .validators import format_receipt_code, new_receipt_code, normalize_receipt_code

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


def _limited(request, group, rate):
    """Count this request against the client's address (IPv6 by /64, settings.RATELIMIT_*);
    True once the address is over ``rate``."""
    usage = get_usage(request, group=group, key="ip", rate=rate, method=ALL, increment=True)
    if usage and usage["should_limit"]:
        request.retry_after = max(int(usage["time_left"]), 1)
        return True
    return False


def too_many_requests(request, page):
    response = page.render(
        request,
        template="topics/too_many_requests.html",
        context_overrides={"retry_minutes": max(1, (request.retry_after + 59) // 60)},
    )
    response.status_code = 429
    response["Retry-After"] = str(request.retry_after)
    return _private(response)


@sensitive_post_parameters("name", "mobile")
def submission_form(request, page):
    site = page.get_site()
    form = TopicSubmissionForm(site=site)
    if request.method == "POST":
        if _limited(request, "topics:submit", settings.TOPIC_SUBMIT_RATE):
            return too_many_requests(request, page)
        form = TopicSubmissionForm(request.POST, site=site)
        verdict = form.bot_verdict()
        if verdict == "bot":
            # Answer exactly as for a person, so the bot learns nothing; keep nothing.
            logger.info("Dropped a bot post to the topic form of site %s", site.pk)
            _hand_over(request, new_receipt_code())
            return redirect(page.url + "thanks/")
        if verdict == "expired":
            form.is_valid()
            form.add_error(None, "页面打开时间过长，请核对内容后再次提交。")
            form.refresh_stamp()
        elif form.is_valid():
            _, code = receive(site, form.cleaned_data)
            _hand_over(request, code)
            return redirect(page.url + "thanks/")
        # Otherwise the form keeps its stamp: a person correcting one field at once is not
        # mistaken for a bot.
    return _private(
        page.render(request, context_overrides={"form": form}), referrer_policy="same-origin"
    )


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
