"""Builders for consultation records: a committee with a platform index, platforms published
(or left as drafts) under it, activities with their steps, participants and suggestions, and
small image and document files for 六有 evidence."""

import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

from consultation.models import (
    Activity,
    ActivityStep,
    Participation,
    PlatformIndexPage,
    PlatformKind,
    PlatformMember,
    PlatformPage,
    Suggestion,
)
from consultation.taxonomy import ensure_consultation_taxonomies
from factories import make_committee


def committee_with_platforms(slug, short_name=None, level="county", parent=None):
    """A committee site and the PlatformIndexPage under its home page: (site, index)."""
    ensure_consultation_taxonomies()
    site = make_committee(slug, short_name, level=level, parent=parent)
    index = PlatformIndexPage(title="协商平台", slug="platforms")
    site.root_page.add_child(instance=index)
    index.save_revision().publish()
    return site, index


def kind(slug):
    ensure_consultation_taxonomies()
    return PlatformKind.objects.get(slug=slug)


def make_platform(
    index,
    slug,
    kind_slug="room",
    level="village",
    established_on=None,
    members=(),
    publish=True,
    title=None,
):
    """A platform under ``index``; ``members`` is [(name, is_committee_member), …]. The roster
    is part of the page, so it goes into the published revision too."""
    page = PlatformPage(
        title=title or f"{slug}协商平台",
        slug=slug,
        level=level,
        kind=kind(kind_slug),
        live=publish,
    )
    if established_on is not None:
        page.established_on = established_on
    page.members = [
        PlatformMember(name=name, is_committee_member=is_member) for name, is_member in members
    ]
    index.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return page


def make_activity(platform, topic, steps=None, participants=(), suggestions=()):
    """An activity at ``platform``.

    ``steps``: {Spine step: date}; ``participants``: [(role, count), …];
    ``suggestions``: [(made_on, status, resolved_on or None), …].
    """
    activity = Activity(platform=platform, topic=topic)
    activity.steps = [ActivityStep(step=step, date=date) for step, date in (steps or {}).items()]
    activity.participants = [Participation(role=role, count=count) for role, count in participants]
    activity.suggestions = [
        Suggestion(
            content=f"{topic}的建议{number}",
            made_on=made_on,
            status=status,
            resolved_on=resolved_on,
        )
        for number, (made_on, status, resolved_on) in enumerate(suggestions, start=1)
    ]
    activity.save()
    return activity


def make_image(title="照片"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 4), "#c00").save(buffer, "PNG")
    image = Image(title=title, file=ImageFile(io.BytesIO(buffer.getvalue()), name="x.png"))
    image.save()
    return image


def make_document(title="制度"):
    document = Document(title=title)
    document.file.save("rules.txt", ContentFile(b"rules of the room"), save=False)
    document.save()
    return document
