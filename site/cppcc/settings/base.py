"""Settings shared by every environment. Everything that differs between machines comes from
the environment (see .env.example); nothing secret is written here."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

from core.plugins import discover_plugin_apps

SITE_DIR = Path(__file__).resolve().parent.parent.parent  # site/
BASE_DIR = SITE_DIR.parent  # the checkout
VAR_DIR = Path(os.environ.get("CPPCC_VAR_DIR", BASE_DIR / "var"))


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

CORE_APPS = [
    "core",
    "home",
    "news",
    "consultation",
    "members",
    "topics",
    "search",
    "public",
    "security",
    "checks",
    "monitor",
    "demo",
    "operations",
]

# County plugins: every module published under the `cppcc.plugins` entry-point group,
# minus those named in CPPCC_PLUGINS_EXCLUDE (as pretix does).
CPPCC_PLUGINS_EXCLUDE = env_list("CPPCC_PLUGINS_EXCLUDE")
PLUGIN_APPS = discover_plugin_apps(exclude=CPPCC_PLUGINS_EXCLUDE)

INSTALLED_APPS = [
    *CORE_APPS,
    *PLUGIN_APPS,
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_jsonform",
    "django_ratelimit",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # /healthz and /readyz, answered on any host before anything else runs (operations.health).
    "operations.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # 404s per site and path for the site monitor (monitor.middleware): outside the page cache
    # and Wagtail's redirects, so that it sees the 404 a reader finally gets.
    "monitor.middleware.NotFoundLog",
    # Before the page cache, so that a page served from the cache gets the policy too.
    "csp.middleware.CSPMiddleware",
    # Outermost of ours: a cached page is served before anything else runs, and is stored
    # after its 繁體 conversion.
    "public.middleware.PageCacheMiddleware",
    "public.middleware.TraditionalScriptMiddleware",
    # Wagtail's view restrictions read once per request, not per .public() (core.restrictions).
    "core.restrictions.RestrictionsPerRequest",
    # Generation counters read once per request, in one round trip (core.generations).
    "core.generations.GenerationsPerRequest",
    # Which site answers the host, kept per process until a Site changes (public.sites).
    "public.sites.KnownSites",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.AdminTenancyWall",
    "django.contrib.messages.middleware.MessageMiddleware",
    "security.middleware.IdleLogoutMiddleware",
    "security.middleware.AdminAuditMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cppcc.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "cppcc" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "core.context_processors.committee",
                "public.context_processors.reading_modes",
            ],
        },
    },
]

WSGI_APPLICATION = "cppcc.wsgi.application"

# Database: DATABASE_URL (postgres://… in production); unset → a SQLite file under var/.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def redis_cache_settings(url, key_prefix="cppcc", client_class="django_redis.client.DefaultClient"):
    """The Redis cache as every environment uses it (tests point it at a closed port, or give it
    a client that fails every call, to prove the site keeps answering): django-redis with
    IGNORE_EXCEPTIONS, so that an unreachable Redis reads as a miss and writes are dropped
    instead of raising into the request, through core.cache.RedisCache, which hands every other
    failure of a cache call to the same handling; short connect and socket timeouts, so that an
    outage costs milliseconds, not seconds. See docs/deployment.md, "Cache outage"."""
    return {
        "default": {
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": key_prefix,
            "OPTIONS": {
                "CLIENT_CLASS": client_class,
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }


# Cache: Redis when REDIS_URL is set, local memory otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = redis_cache_settings(REDIS_URL, os.environ.get("CACHE_KEY_PREFIX", "cppcc"))
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# After a cache call finds Redis unreachable, each process skips the cache (reads miss, writes
# are dropped) for this many seconds before trying again (core.cache.Circuit). A failing call is
# logged (logger "cppcc.cache") at most once per CACHE_OUTAGE_LOG_SECONDS in each process.
CACHE_OUTAGE_RETRY_SECONDS = float(os.environ.get("CACHE_OUTAGE_RETRY_SECONDS", "5"))
CACHE_OUTAGE_LOG_SECONDS = float(os.environ.get("CACHE_OUTAGE_LOG_SECONDS", "60"))

# Background jobs (django-tasks): queued in the database and run by `manage.py db_worker`;
# `manage.py run_scheduler` enqueues the periodic ones (operations.scheduler). See
# docs/deployment.md, "Background jobs". The test settings run tasks inline. Two queues, each
# worked by its own worker in production: "default" for the quick periodic jobs (publishing on
# time, heartbeats), "bulk" for long ones (archive imports, re-indexing, warming the figures),
# so that an hour's import never holds back a page due to go live.
TASK_QUEUES = ["default", "bulk"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": TASK_QUEUES}}
# The hour (local time, 0-23) at which the scheduler enqueues the daily jobs: erasing citizens'
# contact details past their retention period, pruning finished task results.
DAILY_JOBS_HOUR = int(os.environ.get("DAILY_JOBS_HOUR", "3"))
# Finished task results are kept this many days, then pruned by the daily job.
TASK_RESULTS_KEEP_DAYS = int(os.environ.get("TASK_RESULTS_KEEP_DAYS", "14"))
# The largest archive (JSON Lines) an editor may upload in the admin for import by the worker;
# the front server's upload bound (nginx client_max_body_size) must allow it.
ARCHIVE_IMPORT_MAX_BYTES = int(os.environ.get("ARCHIVE_IMPORT_MAX_MB", "100")) * 1024 * 1024
# Where uploaded archives are kept until imported: outside MEDIA_ROOT, never served.
ARCHIVE_IMPORT_ROOT = Path(os.environ.get("ARCHIVE_IMPORT_ROOT", VAR_DIR / "imports"))

# Public pages are cached for anonymous readers and dropped on any content change
# (public.cache); the lifetime bounds what only time changes (e.g. "today" on a page).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))

# Rate limits (django-ratelimit) count in the default cache, per client address; IPv6
# addresses are counted per /64, the block one subscriber gets. Behind a reverse proxy, name the
# request header that carries the client address (e.g. HTTP_X_REAL_IP) in CLIENT_IP_HEADER.
RATELIMIT_USE_CACHE = "default"
RATELIMIT_IPV4_MASK = 32
RATELIMIT_IPV6_MASK = 64
RATELIMIT_IP_META_KEY = "core.network.client_ip"
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")
SILENCED_SYSTEM_CHECKS = [
    # core.cache.RedisCache is django-redis's, which increments atomically; the check knows
    # backends only by their dotted name.
    "django_ratelimit.W001",
]
if not REDIS_URL:
    # One development process: the local-memory cache counts correctly. Production sets
    # REDIS_URL so that every worker shares the counts.
    SILENCED_SYSTEM_CHECKS.append("django_ratelimit.E003")

# Citizens' topics (topics app): how many accepted submissions one address may make on one
# committee site's form, and on all sites' forms together; how many receipt lookups.
TOPIC_SUBMIT_RATE = os.environ.get("TOPIC_SUBMIT_RATE", "5/h")
TOPIC_SUBMIT_RATE_OVERALL = os.environ.get("TOPIC_SUBMIT_RATE_OVERALL", "20/h")
TOPIC_LOOKUP_RATE = os.environ.get("TOPIC_LOOKUP_RATE", "30/10m")
# Personal data of submissions (name, mobile number) is encrypted at rest with Fernet keys,
# comma-separated, newest first (older keys still decrypt: rotate by prepending a new key).
# Unset outside production: a key derived from DJANGO_SECRET_KEY.
PERSONAL_DATA_KEYS = env_list("PERSONAL_DATA_KEYS")

# Search: an Elasticsearch 8 cluster when ELASTICSEARCH_URL is set, Wagtail's database
# backend (SQLite FTS5 / PostgreSQL full text) otherwise.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": env_list("ELASTICSEARCH_URL"),
            "INDEX_PREFIX": os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "cppcc_"),
            "TIMEOUT": 10,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# 等保 level 2 (security app; docs/deployment.md "Security"). Passwords: at least 10
# characters from three of upper case, lower case, digits and symbols.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "security.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "security.validators.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
]

# Login lockout (django-axes, counted in the database so that a cache outage cannot lift it):
# AXES_FAILURE_LIMIT failures of one account from one address lock that pair for
# AXES_COOLOFF_MINUTES. Per username+address: a village centre's shared address does not lock
# its other users, and an attacker cannot lock an account out from everywhere. A success
# clears the count. Addresses come from CLIENT_IP_HEADER, IPv6 per /64.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The lock lasts AXES_COOLOFF_MINUTES from the last counted failure, as the lockout page says;
# tries during the lock are refused without extending it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "security.network.lockout_address"
AXES_LOCKOUT_CALLABLE = "security.views.lockout_response"
# Logins, failures and lockouts go to Wagtail's audit log (security.audit); axes keeps only
# the counts it locks on, which it deletes once they expire.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_VERBOSE = False
WAGTAILADMIN_USER_LOGIN_FORM = "security.forms.LoginForm"

# Sessions end when the browser closes and after SESSION_IDLE_MINUTES without a request of the
# user's (security.middleware.IdleLogoutMiddleware; the store's expiry matches).
SESSION_IDLE_TIMEOUT = int(os.environ.get("SESSION_IDLE_MINUTES", "30")) * 60
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Content security policy of the public pages (django-csp). The admin is exempt: Wagtail's
# admin runs inline scripts. Styles may be inline: each committee's colours are a <style>
# block, and public pages are cached whole, so a per-response nonce cannot be used.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "frame-src": ["'self'", *env_list("CSP_FRAME_SRC")],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
X_FRAME_OPTIONS = "DENY"

# Chinese first.
LANGUAGE_CODE = "zh-hans"
# The project's own translations (site/cppcc/locale) complete and correct Wagtail's and the
# dependencies' zh-hans strings; they take precedence over the apps' catalogues.
LOCALE_PATHS = [SITE_DIR / "cppcc" / "locale"]
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads are bounded.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000

WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "政协网站群")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "txt", "zip"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Avatars are the default picture (or one the user uploads): gravatar.com is unreachable from
# many government networks, the CSP refuses it, and asking it sends a hash of each editor's
# e-mail address abroad.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
TAGGIT_CASE_INSENSITIVE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"cache_outage": {"()": "core.cache.CacheOutageLogFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        # One record per CACHE_OUTAGE_LOG_SECONDS while the cache is down, not one per call.
        "cppcc.cache": {"filters": ["cache_outage"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# The admin in Chinese (core.editors_guide, core.image_forms, site/cppcc/locale): no "what's new
# in Wagtail" banner linking to English release notes; images need a description (alt text).
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# Beijing time for everyone: no list of the world's time zones (in English) on the account page.
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.image_forms.ImageForm"
