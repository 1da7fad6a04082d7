"""The cache backend every environment with Redis uses (settings.redis_cache_settings), and the
logging filter that reports a cache outage once per interval.

django-redis's IGNORE_EXCEPTIONS turns the connection errors it knows (refused, timed out, a
Redis error reply) into a miss or a dropped write. Three gaps remain, which this backend closes:

- Other failures of an operation (a value that no longer unpickles after an upgrade, an error
  django-redis does not expect) still raise, and Wagtail's site lookup, the search vocabulary
  and the rate limits call the cache unguarded. Every failure of the client is handed to the
  same IGNORE_EXCEPTIONS handling here.
- A Redis that accepts connections but does not answer (hung, overloaded, a firewall dropping
  packets) costs the socket timeout on every call, and a page makes dozens: the home page took
  26 s. After a failed call the cache is skipped, as a miss, for CACHE_OUTAGE_RETRY_SECONDS in
  the whole process (a circuit breaker); then one call tries again. pybreaker holds its lock
  for the duration of every call, which would serialise all cache calls of a threaded worker.
- Failures are logged (logger ``cppcc.cache``), once per interval (CacheOutageLogFilter)."""

import functools
import logging
import threading
import time

from django.conf import settings
from django_redis.cache import RedisCache as DjangoRedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

LOGGER_NAME = "cppcc.cache"
logger = logging.getLogger(LOGGER_NAME)

# Django's cache API raises ValueError from these for a key that does not exist; callers
# (django-ratelimit, core.generations) count on it, so it is an answer, not a failure.
KEY_LOOKUP_OPERATIONS = frozenset({"incr", "decr", "incr_version"})
# Failures that say the server cannot be reached in time (redis-py's arrive as
# ConnectionInterrupted): they open the circuit. Other errors came with an answer.
UNREACHABLE = (ConnectionInterrupted, RedisConnectionError, RedisTimeoutError, OSError)


class CacheSkipped(Exception):
    """The circuit is open: the call was not attempted."""


class Circuit:
    """Whether calls to one cache location are attempted, shared by the threads of a process."""

    def __init__(self):
        self._lock = threading.Lock()
        self._open_until = None  # None: closed, every call is attempted

    @staticmethod
    def _retry_seconds():
        return getattr(settings, "CACHE_OUTAGE_RETRY_SECONDS", 5)

    def attempt(self):
        """True if the call should be made: the circuit is closed, or this is the one trial call
        after the wait (the other threads keep skipping until it has succeeded)."""
        if self._open_until is None:
            return True
        now = time.monotonic()
        with self._lock:
            if self._open_until is None:
                return True
            if now < self._open_until:
                return False
            self._open_until = now + self._retry_seconds()
            return True

    def failed(self):
        with self._lock:
            self._open_until = time.monotonic() + self._retry_seconds()

    def answered(self):
        if self._open_until is not None:
            with self._lock:
                self._open_until = None


_circuits = {}
_circuits_lock = threading.Lock()


def circuit_for(location):
    with _circuits_lock:
        return _circuits.setdefault(location, Circuit())


class FailSafeClient:
    """Wraps django-redis's client: a call is skipped while the circuit is open, and any
    exception from an operation is reported and re-raised as ConnectionInterrupted, which
    RedisCache ignores (IGNORE_EXCEPTIONS)."""

    def __init__(self, client, circuit):
        self._client = client
        self._circuit = circuit

    def __getattr__(self, name):
        attribute = getattr(self._client, name)
        if not callable(attribute):
            return attribute
        answers = (ValueError,) if name in KEY_LOOKUP_OPERATIONS else ()

        @functools.wraps(attribute)
        def operation(*args, **kwargs):
            if not self._circuit.attempt():
                raise ConnectionInterrupted(connection=None) from CacheSkipped(name)
            try:
                result = attribute(*args, **kwargs)
            except answers:
                self._circuit.answered()
                raise
            except UNREACHABLE as error:
                self._circuit.failed()
                logger.warning("cache unreachable (%s): %s", name, error)
                if isinstance(error, ConnectionInterrupted):
                    raise
                raise ConnectionInterrupted(connection=None) from error
            except Exception as error:
                self._circuit.answered()
                logger.warning("cache failed (%s): %r", name, error, exc_info=True)
                raise ConnectionInterrupted(connection=None) from error
            self._circuit.answered()
            return result

        return operation


class RedisCache(DjangoRedisCache):
    """django-redis's RedisCache whose client never lets an exception past IGNORE_EXCEPTIONS,
    and stops calling an unreachable server for a few seconds at a time."""

    @property
    def client(self):
        if self._client is None:
            self._client = FailSafeClient(
                self._client_cls(self._server, self._params, self), circuit_for(self._server)
            )
        return self._client


class CacheOutageLogFilter(logging.Filter):
    """Lets one record through per settings.CACHE_OUTAGE_LOG_SECONDS in each process, so that an
    outage is logged once a minute, not once per cache call; the next record let through says
    how many were held back meanwhile."""

    def __init__(self, name=""):
        super().__init__(name)
        self._lock = threading.Lock()
        self._last_let_through = None
        self._held_back = 0

    def filter(self, record):
        interval = getattr(settings, "CACHE_OUTAGE_LOG_SECONDS", 60)
        now = time.monotonic()
        with self._lock:
            if self._last_let_through is not None and now - self._last_let_through < interval:
                self._held_back += 1
                return False
            held_back, self._held_back = self._held_back, 0
            self._last_let_through = now
        if held_back:
            record.msg = f"{record.msg} [{held_back} more cache failures not logged]"
        return True
