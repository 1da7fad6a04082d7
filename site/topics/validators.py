"""Validation of what citizens type: mainland mobile numbers and receipt codes."""

import re
import secrets
import unicodedata

from django.core.exceptions import ValidationError

# Mainland China mobile numbers: 11 digits, 1 then 3–9 (13x … 19x).
MOBILE_RE = re.compile(r"1[3-9]\d{9}")
MOBILE_SEPARATORS = re.compile(r"[\s\-－—()（）.·]")
COUNTRY_PREFIX = re.compile(r"^(?:\+86|0086|86)(?=1\d{10}$)")

# Receipt codes: 16 symbols of Crockford's base32 (80 bits), shown as XXXX-XXXX-XXXX-XXXX.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 16
CODE_CONFUSABLES = str.maketrans({"I": "1", "L": "1", "O": "0"})


def normalize_mobile(value):
    """The 11-digit number, from what people type: full-width digits, spaces, dashes,
    brackets, a +86/0086/86 prefix. Raises ValidationError if it is not a mainland mobile."""
    text = unicodedata.normalize("NFKC", str(value or "")).strip()
    if len(text) > 30:
        raise ValidationError("手机号码格式不正确：请填写11位手机号码。", code="mobile")
    text = MOBILE_SEPARATORS.sub("", text)
    text = COUNTRY_PREFIX.sub("", text)
    if not MOBILE_RE.fullmatch(text):
        raise ValidationError("手机号码格式不正确：请填写11位手机号码。", code="mobile")
    return text


def mask_mobile(number):
    """138****1234: enough for an editor to recognise a caller, no more."""
    if len(number) != 11:
        return "***"
    return f"{number[:3]}****{number[-4:]}"


def mask_name(name):
    if not name:
        return ""
    return name[0] + "*" * min(len(name) - 1, 3) if len(name) > 1 else "*"


def new_receipt_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_receipt_code(value):
    """The canonical 16 symbols, or "" when the text cannot be a receipt code. Accepts lower
    case, spaces and dashes, and the letters people confuse with digits (I, L, O)."""
    text = unicodedata.normalize("NFKC", str(value or ""))[:64].upper()
    text = re.sub(r"[\s\-]", "", text).translate(CODE_CONFUSABLES)
    if len(text) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in text):
        return ""
    return text


def format_receipt_code(code):
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
