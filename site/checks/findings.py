"""The checks before publication: given a page (a revision of it), what blocks its approval,
each finding with the field it is in, a readable place and an excerpt around it."""

from dataclasses import asdict, dataclass

from django.conf import settings
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from .content import read_page

SENSITIVE = "敏感词"
OFFICIAL = "规范表述"
ALT_TEXT = "图片缺少替代文字"
BROKEN_LINK = "内部链接失效"
TITLE = "标题为空或过长"
KINDS = (SENSITIVE, OFFICIAL, ALT_TEXT, BROKEN_LINK, TITLE)

EXCERPT_CONTEXT = 15  # characters either side of a match
MAX_FINDINGS = 200  # a pasted document full of one word: the first ones say enough


def title_max_length():
    return getattr(settings, "CHECKS_TITLE_MAX_LENGTH", 60)


@dataclass(frozen=True)
class Finding:
    kind: str
    message: str
    field: str  # the page field (its panel is the editor's anchor)
    where: str  # "正文 › 第 3 块·段落 › 第 2 段"
    excerpt: str = ""
    match: str = ""  # the text found, as written (marked in the excerpt)

    def as_dict(self):
        return asdict(self)


def excerpt(text, start, end, context=EXCERPT_CONTEXT):
    """The match with a little text either side, on one line."""
    before = text[max(0, start - context) : start]
    after = text[end : end + context]
    head = "…" if start > context else ""
    tail = "…" if end + context < len(text) else ""
    return " ".join(f"{head}{before}{text[start:end]}{after}{tail}".split())


def occurrences(text, needle):
    """Start offsets of ``needle`` in ``text``, ignoring Latin letter case."""
    haystack, needle = text.lower(), needle.lower()
    found, start = [], haystack.find(needle)
    while needle and start != -1:
        found.append(start)
        start = haystack.find(needle, start + len(needle))
    return found


def check_page(page):
    """Every finding on ``page`` (as it is in memory: a revision's object, a draft), the title
    first, then in the order of the page."""
    from .models import OfficialName, SensitiveWord

    is_page = isinstance(page, Page)
    site = page.get_site() if is_page else getattr(page, "site", None)
    content = read_page(page)
    found = check_title(page) if is_page else []
    words = list(SensitiveWord.objects.for_site(site).order_by("word"))
    names = list(OfficialName.objects.for_site(site).order_by("wrong"))
    for piece in content.texts:
        found += check_words(piece, words)
        found += check_names(piece, names)
    found += check_images(content.images)
    found += check_links(content.links)
    return found[:MAX_FINDINGS]


def check_revision(revision):
    return check_page(revision.as_object())


def check_latest(page):
    """Findings on the page's latest draft (what a submission would send)."""
    revision = page.get_latest_revision()
    return check_revision(revision) if revision else check_page(page)


def check_title(page):
    title = (page.title or "").strip()
    limit = title_max_length()
    if not title:
        return [Finding(TITLE, "标题为空。", "title", "标题")]
    if len(title) > limit:
        message = f"标题有 {len(title)} 个字，超过 {limit} 个字的上限，请精简。"
        return [Finding(TITLE, message, "title", "标题", title[:limit] + "…")]
    return []


def first_of(kind, message, note, piece, starts, length):
    """One finding for every occurrence of a listed form in a piece: the first is shown, the
    message counts the rest and ends with the list entry's note."""
    if len(starts) > 1:
        message += f"，共 {len(starts)} 处"
    message += f"。{note}" if note else "。"
    start, end = starts[0], starts[0] + length
    return Finding(
        kind,
        message,
        piece.field,
        piece.where,
        excerpt(piece.text, start, end),
        piece.text[start:end],
    )


def check_words(piece, words):
    found = []
    for entry in words:
        starts = occurrences(piece.text, entry.word)
        if not starts:
            continue
        message = f"含敏感词“{entry.word}”"
        if entry.category:
            message += f"（{entry.category}）"
        found.append(first_of(SENSITIVE, message, entry.note, piece, starts, len(entry.word)))
    return found


def check_names(piece, names):
    """Wrong forms of official names, except where the wrong form is part of the correct one
    written out (a correct form that contains the wrong one)."""
    found = []
    for entry in names:
        covered = set()
        if entry.wrong.lower() in entry.correct.lower():
            for start in occurrences(piece.text, entry.correct):
                covered.update(range(start, start + len(entry.correct)))
        starts = [s for s in occurrences(piece.text, entry.wrong) if s not in covered]
        if not starts:
            continue
        message = f"“{entry.wrong}”应为“{entry.correct}”"
        found.append(first_of(OFFICIAL, message, entry.note, piece, starts, len(entry.wrong)))
    return found


def as_ids(values):
    return {int(value) for value in values if str(value).isdigit()}


def check_images(uses):
    """An image shown without alternative text: empty where it is used, or (where the use
    gives none of its own) no description on the image itself."""
    images = {
        image.pk: image
        for image in get_image_model().objects.filter(pk__in=as_ids(u.image_id for u in uses))
    }
    found = []
    for use in uses:
        image = images.get(int(use.image_id)) if str(use.image_id).isdigit() else None
        if image is None:
            continue  # deleted since: nothing is shown
        alt = use.alt if use.alt is not None else (image.description or "")
        if alt.strip():
            continue
        if use.alt is None:
            message = f"图片“{image.title}”没有替代文字：请在图片库中为它填写“描述”。"
        else:
            message = f"图片“{image.title}”没有替代文字：请在此处填写替代文字。"
        found.append(Finding(ALT_TEXT, message, use.field, use.where, image.title))
    return found


def check_links(links):
    """Rich-text links to a page that was deleted or is not published, or to a deleted
    document."""
    page_ids = as_ids(link.target_id for link in links if link.linktype == "page")
    document_ids = as_ids(link.target_id for link in links if link.linktype == "document")
    live = dict(Page.objects.filter(pk__in=page_ids).values_list("pk", "live"))
    documents = set(
        get_document_model().objects.filter(pk__in=document_ids).values_list("pk", flat=True)
    )
    found = []
    for link in links:
        target = int(link.target_id) if str(link.target_id).isdigit() else None
        text = link.text.strip() or "（无文字）"
        if link.linktype == "page":
            if target not in live:
                message = f"链接“{text}”指向的页面已删除。"
            elif not live[target]:
                message = f"链接“{text}”指向的页面尚未发布。"
            else:
                continue
        elif target not in documents:
            message = f"链接“{text}”指向的文件已删除。"
        else:
            continue
        found.append(Finding(BROKEN_LINK, message, link.field, link.where, text))
    return found


def summary(found):
    """The findings as plain text (the comment of a rejected check, shown in the page's
    history and the e-mail to the submitter)."""
    lines = [f"发布前检查发现 {len(found)} 处问题，请修改后重新提交："]
    for number, finding in enumerate(found, 1):
        line = f"{number}. 【{finding.kind}】{finding.where}：{finding.message}"
        if finding.excerpt:
            line += f"（“{finding.excerpt}”）"
        lines.append(line)
    return "\n".join(lines)
