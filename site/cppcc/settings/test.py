"""The test suite: SQLite unless DATABASE_URL says otherwise (CI runs both)."""

import os

from .base import *  # noqa: F403
from .base import DATABASES, TASK_QUEUES

SECRET_KEY = "test-only-key"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = os.environ.get("TEST_MEDIA_ROOT", "/tmp/cppcc-test-media")
ARCHIVE_IMPORT_ROOT = "/tmp/cppcc-test-imports"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
CPPCC_DEMO_ALLOWED = True
# Tasks run inline, at enqueue; a test that needs the queue and the worker overrides TASKS with
# the database backend (tests/operations).
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": TASK_QUEUES,
    }
}
