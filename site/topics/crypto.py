"""Personal data of submissions is encrypted at rest (Fernet, from `cryptography`).

Keys come from ``PERSONAL_DATA_KEYS`` (newest first; older ones still decrypt, so keys can be
rotated). Outside production a key is derived from ``SECRET_KEY`` so that `make run` needs no
setup. Duplicate detection needs equality on the mobile number without decrypting every row:
it uses a keyed digest (HMAC), which a database dump alone cannot reverse by trying all
1.3 billion mainland numbers."""

import base64
import functools
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings


def _derive(secret, info):
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(secret)


@functools.cache
def _keys():
    configured = list(getattr(settings, "PERSONAL_DATA_KEYS", []) or [])
    if configured:
        return [key.encode() for key in configured]
    derived = _derive(settings.SECRET_KEY.encode(), b"cppcc personal data")
    return [base64.urlsafe_b64encode(derived)]


@functools.cache
def _fernet():
    return MultiFernet([Fernet(key) for key in _keys()])


@functools.cache
def _digest_key():
    return _derive(base64.urlsafe_b64decode(_keys()[0]), b"cppcc personal data digest")


def reset_keys():
    """Forget the keys read from settings (tests that change them)."""
    for cached in (_keys, _fernet, _digest_key):
        cached.cache_clear()


def encrypt(text):
    if not text:
        return ""
    return _fernet().encrypt(text.encode()).decode()


def decrypt(token, ttl=None):
    """The plain text, or "" for an empty token; a token no configured key opens (or older
    than ``ttl`` seconds) raises ``InvalidToken`` (a lost key must be noticed, not shown as
    blank)."""
    if not token:
        return ""
    return _fernet().decrypt(token.encode(), ttl=ttl).decode()


def digest(text):
    if not text:
        return ""
    return hmac.new(_digest_key(), text.encode(), hashlib.sha256).hexdigest()


__all__ = ["InvalidToken", "decrypt", "digest", "encrypt", "reset_keys"]
