"""Reading preferences a citizen sets without an account: 适老化 (large text, high contrast,
no motion) and 繁體. Each is a cookie, set by plain links (keyboard- and screen-reader-usable,
no script needed) that come back to the page the reader was on."""

from dataclasses import dataclass

from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core import params

ELDER_COOKIE = "cppcc_elder"
SCRIPT_COOKIE = "cppcc_script"
COOKIE_MAX_AGE = 365 * 24 * 3600


@dataclass(frozen=True)
class ReadingModes:
    elder: bool = False
    traditional: bool = False

    @property
    def key(self):
        """Part of the page cache key: one cached copy per combination."""
        return f"{int(self.elder)}{int(self.traditional)}"


def reading_modes(request):
    if not hasattr(request, "_reading_modes"):
        request._reading_modes = ReadingModes(
            elder=request.COOKIES.get(ELDER_COOKIE) == "1",
            traditional=request.COOKIES.get(SCRIPT_COOKIE) == "hant",
        )
    return request._reading_modes


def _set(response, name, value, request):
    if value is None:
        return
    if value:
        response.set_cookie(
            name,
            value,
            max_age=COOKIE_MAX_AGE,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )
    else:
        response.delete_cookie(name, samesite="Lax")


class PreferenceParams(params.QueryParams):
    next = params.TextField(max_length=2000)
    elder = params.ChoiceField([("1", "1"), ("0", "0")])
    script = params.ChoiceField([("hant", "hant"), ("hans", "hans")])


@never_cache
@require_GET
def preferences_view(request):
    """``?elder=1|0`` and/or ``?script=hant|hans``, then back to ``next`` (this site only)."""
    given = PreferenceParams(request.GET).values
    target = given["next"] or "/"
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    elder = {"1": "1", "0": ""}.get(given["elder"])
    script = {"hant": "hant", "hans": ""}.get(given["script"])
    _set(response, ELDER_COOKIE, elder, request)
    _set(response, SCRIPT_COOKIE, script, request)
    return response
