"""A rate setting django-ratelimit cannot read would answer every form post with 500: refuse to
start instead, naming the setting."""

from django.conf import settings
from django.core.checks import Error, register
from django_ratelimit.core import rate_re

RATE_SETTINGS = ("TOPIC_SUBMIT_RATE", "TOPIC_SUBMIT_RATE_OVERALL", "TOPIC_LOOKUP_RATE")


@register()
def check_topic_rates(app_configs, **kwargs):
    errors = []
    for name in RATE_SETTINGS:
        value = getattr(settings, name, None)
        match = rate_re.match(value) if isinstance(value, str) else None
        if match is None or match.group(2) == "0":
            errors.append(
                Error(
                    f"{name} = {value!r} is not a rate such as '5/h' or '30/10m'.",
                    hint="A count, a slash, then s, m, h or d, optionally preceded by a number.",
                    id="topics.E001",
                )
            )
    return errors
