"""Reading the seed reports: legacy web copies carry pinyin ruby, doubled and half-width
punctuation and paragraphs broken across page columns; the demo pages quote them cleaned."""

import re
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parent / "seeds"

PINYIN_ANNOTATION = re.compile(
    r"\((?=[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])"
    r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]+\)"
)
CJK = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’《》"
HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "?": "？", "!": "！"}
SENTENCE_END = tuple("。！？”」）》：…") + ("!", "?")


def clean_seed_text(text):
    """Undo the noise of legacy web copies: pinyin ruby (協(xié)), doubled punctuation,
    half-width punctuation inside Chinese text."""
    text = PINYIN_ANNOTATION.sub("", text)
    text = re.sub(
        rf"(?<=[{CJK}])\s*([,:;?!()])|([,:;?!()])\s*(?=[{CJK}])",
        lambda m: HALF_TO_FULL[m.group(1) or m.group(2)],
        text,
    )
    text = re.sub(r"[，、]+(?=[。，、；])", "", text)  # ",。" ",," ",、" → the last mark
    text = re.sub(r"，{2,}", "，", text)
    return text


def paragraphs(text):
    """Split extracted text into paragraphs. Seeds break paragraphs with blank lines or ●
    bullets, but also break mid-sentence across page columns: such fragments are rejoined."""
    chunks = [c.strip() for c in re.split(r"\n\s*\n|●", text) if c.strip()]
    joined = []
    for chunk in chunks:
        chunk = re.sub(r"\s*\n\s*", "", chunk)
        if joined and not joined[-1].endswith(SENTENCE_END):
            joined[-1] += chunk
        else:
            joined.append(chunk)
    # Hard-wrapped seeds (one long paragraph) are cut into readable paragraphs at sentences.
    result = []
    for para in joined:
        while len(para) > 400:
            cut = para.find("。", 250)
            if cut == -1 or cut >= len(para) - 1:
                break
            result.append(para[: cut + 1])
            para = para[cut + 1 :]
        result.append(para)
    return result


def extract(seed_text, start, end):
    """The seed's text from ``start`` up to and including ``end`` (both after cleaning)."""
    text = clean_seed_text(seed_text)
    start, end = clean_seed_text(start), clean_seed_text(end)
    i = text.index(start)
    j = text.index(end, i) + len(end)
    return text[i:j]


REVIEW_PHRASES = [
    ("审议通过了", "adopted"),
    ("審議通過了", "adopted"),
    ("审议了", "reviewed"),
    ("審議了", "reviewed"),
]


def parse_reviewed_reports(text):
    """Reports a meeting reviewed or adopted: 审议了《…》《…》 / 审议通过了《…》."""
    found = []
    pattern = "|".join(re.escape(p) for p, _ in REVIEW_PHRASES)
    outcomes = dict(REVIEW_PHRASES)
    for match in re.finditer(rf"({pattern})((?:《[^》]{{1,200}}》[、和及]?)+)", text):
        for title in re.findall(r"《([^》]+)》", match.group(2)):
            found.append((title, outcomes[match.group(1)]))
    return found


def load_seed(name, seeds_dir=SEEDS_DIR):
    return (Path(seeds_dir) / name).read_text(encoding="utf-8")
