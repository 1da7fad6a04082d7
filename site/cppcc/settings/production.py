"""Production: PostgreSQL, Redis and Elasticsearch from the environment. Refuses to start
without its secrets rather than fall back to something unsafe."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    ALLOWED_HOSTS,
    DATABASES,
    MIDDLEWARE,
    PERSONAL_DATA_KEYS,
    REDIS_URL,
    SECRET_KEY,
    SILENCED_SYSTEM_CHECKS,
)

DEBUG = False

if not SECRET_KEY or len(SECRET_KEY) < 32:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random string of at least 32 characters."
    )
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must list the committee sites' host names (comma-separated)."
    )
if not PERSONAL_DATA_KEYS:
    raise ImproperlyConfigured(
        "PERSONAL_DATA_KEYS must hold at least one Fernet key (python -c "
        "'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')."
    )
if not REDIS_URL:
    raise ImproperlyConfigured(
        "REDIS_URL must be set: the rate limits of the public forms count in a cache that every "
        "worker shares."
    )

# Persistent database connections: opening one per request (PostgreSQL forks a backend for
# each) is per-request work that belongs at start-up. A connection found broken is replaced
# before it is used (health checks), so a database restart costs no failed request.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# Static files are served by the application itself (behind the front proxy/cache).
# WhiteNoise directly after SecurityMiddleware, as it asks (the health checks stay first).
_after_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
MIDDLEWARE = [
    *MIDDLEWARE[:_after_security],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[_after_security:],
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Wagtail's previews set SAMEORIGIN on their own responses; nothing else is ever framed.
X_FRAME_OPTIONS = "DENY"


def _env_flag(value):
    return value.strip().lower() not in ("0", "false", "no", "off", "")


# HTTPS only (等保 level 2): redirect plain HTTP and send HSTS. Behind a TLS-terminating proxy
# that already redirects, SECURE_SSL_REDIRECT=false leaves the redirect to it (the proxy must
# still send X-Forwarded-Proto). SECURE_HSTS_SECONDS=0 turns HSTS off, e.g. while trying HTTPS.
SECURE_SSL_REDIRECT = _env_flag(os.environ.get("SECURE_SSL_REDIRECT", "true"))
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_flag(os.environ.get("SECURE_HSTS_INCLUDE_SUBDOMAINS", "true"))
SECURE_HSTS_PRELOAD = _env_flag(os.environ.get("SECURE_HSTS_PRELOAD", "false"))
if not SECURE_HSTS_PRELOAD:
    # Preloading is a decision for the registrable domain (e.g. pingliang.gov.cn), whose
    # apex this application does not serve; the check asks for it regardless.
    SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W021"]
