"""Password complexity as 等保 level 2 expects it: characters from several classes."""

import string

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

CLASSES = (
    ("大写字母", lambda c: c.isascii() and c.isupper()),
    ("小写字母", lambda c: c.isascii() and c.islower()),
    ("数字", lambda c: c.isascii() and c.isdigit()),
    ("符号", lambda c: c in string.punctuation or c == " " or not c.isascii()),
)


class CharacterClassValidator:
    """At least ``min_classes`` of upper-case letters, lower-case letters, digits and symbols
    (any punctuation, a space or a non-ASCII character such as a Chinese one counts as a
    symbol). Django's own validators cover length, common and all-numeric passwords."""

    def __init__(self, min_classes=3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        present = [name for name, test in CLASSES if any(test(c) for c in password)]
        if len(present) < self.min_classes:
            raise ValidationError(
                self.get_help_text() + f"（当前只含{'、'.join(present) or '无'}）",
                code="password_too_simple",
            )

    def get_help_text(self):
        names = "、".join(name for name, _ in CLASSES)
        return f"密码须至少包含{names}中的 {self.min_classes} 类字符。"


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, with its refusal in Chinese: Django 5.2 reworded the message and its zh-hans
    catalogue still holds only the old wording, so the admin showed it in English."""

    def get_error_message(self):
        return f"密码长度太短。密码必须包含至少 {self.min_length} 个字符。"
