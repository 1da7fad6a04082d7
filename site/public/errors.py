"""The 500 page: in the committee's name and colours when they can still be read, and plain
otherwise (the error may be the database itself). Never raises."""

import logging

from django.http import HttpResponseServerError
from django.template import loader

logger = logging.getLogger(__name__)


def _branding(request):
    try:
        from wagtail.models import Site

        from core.models import CommitteeSettings

        site = Site.find_for_request(request)
        if site is None:
            return {}
        settings = CommitteeSettings.for_site(site)
        return {
            "name": settings.display_name,
            "primary_colour": settings.primary_colour,
            "home_url": site.root_url + "/",
        }
    except Exception:  # noqa: BLE001 - the page must render whatever broke
        logger.warning("500 page rendered without branding", exc_info=True)
        return {}


def server_error(request, template_name="500.html"):
    template = loader.get_template(template_name)
    return HttpResponseServerError(template.render({"branding": _branding(request)}))
