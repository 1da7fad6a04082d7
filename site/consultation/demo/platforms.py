"""Demo platform pages, with stand-in photos and rule documents as their 六有 evidence."""

import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.documents.models import Document
from wagtail.images.models import Image

from ..models import PlatformEvidence, PlatformKind, PlatformMember, PlatformPage, SixHaves


def _demo_photo(title, collection, colour, description):
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (480, 320), colour).save(buffer, "PNG")
    image = Image(
        title=title,
        description=description,
        collection=collection,
        file=ImageFile(buffer, name="demo-evidence.png"),
    )
    image.save()
    return image


def _demo_document(title, collection):
    document = Document(title=title, collection=collection)
    text = f"{title}\n演示文件：真实的议事规则由议事室上传。\n".encode()
    document.file.save("demo-rules.txt", ContentFile(text), save=False)
    document.save()
    return document


def _evidence_rows(title, evidence, collection):
    """A stand-in rules document for 有制度, a stand-in photo for every other item."""
    rows = []
    for i, item in enumerate(evidence):
        if item == "rules":
            doc = _demo_document(f"{title}议事规则（演示）", collection)
            rows.append(PlatformEvidence(item=item, document=doc, sort_order=i))
        else:
            label = SixHaves(item).label
            image = _demo_photo(
                f"{title}·{label}（演示）",
                collection,
                "#b5651d",
                f"{title}“{label}”的演示照片（纯色占位图）",
            )
            rows.append(PlatformEvidence(item=item, image=image, sort_order=i, note="演示照片"))
    return rows


def _platform_page(record, platforms, collection):
    slug, title, level, kind, parent, established, evidence, members, description = record
    page = PlatformPage(
        title=title,
        slug=slug,
        level=level,
        kind=PlatformKind.objects.get(slug=kind),
        parent_platform=platforms.get(parent),
        established_on=established,
        description=description,
        is_demo=True,
    )
    page.members = [
        PlatformMember(name=name, role=role, is_committee_member=is_member, sort_order=i)
        for i, (name, role, is_member) in enumerate(members)
    ]
    page.evidence = _evidence_rows(title, evidence, collection)
    return page


def add_demo_platforms(platform_index, records, collection):
    """Publish the committee's demo platforms under its index; returns them by slug."""
    platforms = {}
    for record in records:
        page = _platform_page(record, platforms, collection)
        platform_index.add_child(instance=page)
        page.save_revision().publish()
        platforms[record[0]] = page
    return platforms
