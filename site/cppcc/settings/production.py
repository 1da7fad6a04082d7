"""Production: PostgreSQL, Redis and Elasticsearch from the environment. Refuses to start
without its secrets rather than fall back to something unsafe."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, MIDDLEWARE, PERSONAL_DATA_KEYS, REDIS_URL, SECRET_KEY

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

# Static files are served by the application itself (behind the front proxy/cache).
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
