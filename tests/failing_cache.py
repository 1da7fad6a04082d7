"""Test doubles for the cache: django-redis clients (``CLIENT_CLASS``) under the production
backend, core.cache.RedisCache.

FailingClient fails every operation with an error django-redis does not know (the builtin
ConnectionError, not redis-py's), so django-redis's own IGNORE_EXCEPTIONS would let it through:
with it in place of the whole Redis client, every cache call anyone makes — Wagtail's site
lookup, django-ratelimit, the project's caches, and anything reaching for ``cache.client`` or
``get_redis_connection()`` — fails, and only core.cache stands between it and the request."""


class FailingClient:
    def __init__(self, server, params, backend):
        self.calls = []

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)

        def operation(*args, **kwargs):
            self.calls.append(name)
            raise ConnectionError(f"cache down ({name})")

        return operation


class MissingKeyClient:
    """A reachable cache holding nothing: ``incr`` answers a missing key with ValueError, as
    Django's cache API says, which callers rely on and core.cache must let through."""

    def __init__(self, server, params, backend):
        pass

    def get(self, key, default=None, **kwargs):
        return default

    def incr(self, key, delta=1, **kwargs):
        raise ValueError(f"Key {key!r} not found")

    def set(self, *args, **kwargs):
        return True

    def clear(self):
        pass

    def close(self, **kwargs):
        pass
