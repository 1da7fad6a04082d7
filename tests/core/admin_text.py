"""The text a person sees on an admin page: element text and the attributes read out or shown
(titles, placeholders, ARIA labels, alt text, button values, progress labels), and the labels
in the JSON props Wagtail's React parts (sidebar, editors) render. Scripts and styles are not
text, nor is <code> (commands and identifiers are no language); <template> and <noscript>
contents are, as they show once used."""

import json
import re
from html.parser import HTMLParser

VISIBLE_ATTRS = {
    "title",
    "placeholder",
    "aria-label",
    "aria-description",
    "alt",
    "data-w-progress-active-value",
    "data-w-tooltip-content-value",
}
BUTTON_INPUTS = {"submit", "button", "reset"}
JSON_LABEL_KEYS = {"label", "title", "text", "placeholder", "description", "help_text"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.json_script = None
        self.texts = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "code":
            self.skip += 1
        if tag in ("script", "style"):
            self.skip += 1
            if attributes.get("type") == "application/json":
                self.json_script = []
        for name, value in attrs:
            if value and name in VISIBLE_ATTRS:
                self.texts.append(value)
        if tag == "input" and attributes.get("type") in BUTTON_INPUTS and attributes.get("value"):
            self.texts.append(attributes["value"])

    def handle_endtag(self, tag):
        if tag == "code":
            self.skip = max(0, self.skip - 1)
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
            if self.json_script is not None:
                self.texts.extend(json_labels("".join(self.json_script)))
                self.json_script = None

    def handle_data(self, data):
        if self.json_script is not None:
            self.json_script.append(data)
        elif not self.skip and data.strip():
            self.texts.append(data.strip())


def json_labels(source):
    try:
        data = json.loads(source)
    except ValueError:
        return []
    found = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in JSON_LABEL_KEYS and isinstance(value, str):
                    found.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(data)
    return found


def visible_texts(html):
    parser = _Text()
    parser.feed(html)
    parser.close()
    return parser.texts


LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
# Records' data, not the admin's language: host names of sites (Wagtail's default site is
# "localhost") and the names of uploaded files, which editors choose.
DATA = re.compile(
    r"\blocalhost\b|\b[\w-]+(?:\.[\w-]+)*\.(?:test|cn|com|net|org)\b"
    r"|[^\s/]+\.(?:png|jpe?g|gif|webp|avif|pdf|docx?|xlsx?|pptx?|txt|zip)\b",
    re.IGNORECASE,
)


def english_words(texts, allowed):
    """(word, text) for every run of three or more Latin letters not in ``allowed``."""
    return [
        (word, text)
        for text in texts
        for word in LATIN_WORD.findall(DATA.sub(" ", text))
        if word not in allowed
    ]
