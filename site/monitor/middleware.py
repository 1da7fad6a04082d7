"""Counting the 404s the public sites answer, per site and path: what a reader (or a link on
another website) asked for and did not find. One upsert per 404; nothing on other answers."""

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Site

from . import conf
from .crawl import MARKER_HEADER
from .models import NotFoundHit

IGNORED_PREFIXES = ("/admin/", "/django-admin/", "/favicon.ico")
PATH_LENGTH = NotFoundHit._meta.get_field("path").max_length


class NotFoundLog:
    """Place it outside Wagtail's RedirectMiddleware (which turns some 404s into redirects)
    and outside the page cache, e.g. right after SecurityMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 404 and self.counted(request):
            try:
                record(request)
            except DatabaseError:  # a log must never turn a 404 into a 500
                pass
        return response

    @staticmethod
    def counted(request):
        if request.method != "GET" or request.META.get(MARKER_HEADER):
            return False
        prefixes = IGNORED_PREFIXES + tuple(
            p for p in (settings.STATIC_URL, settings.MEDIA_URL) if p and p.startswith("/")
        )
        return not request.path.startswith(prefixes)


def record(request):
    site = Site.find_for_request(request)
    if site is None:
        return
    path = request.path[:PATH_LENGTH]
    now = timezone.now()
    if NotFoundHit.objects.filter(site=site, path=path).update(count=F("count") + 1, last_seen=now):
        return
    if NotFoundHit.objects.filter(site=site).count() >= conf.value("NOT_FOUND_ROWS", site):
        return  # bounded: a scan of made-up paths cannot fill the table
    try:
        with transaction.atomic():
            NotFoundHit.objects.create(site=site, path=path, last_seen=now)
    except IntegrityError:  # another request created it meanwhile
        NotFoundHit.objects.filter(site=site, path=path).update(count=F("count") + 1)
