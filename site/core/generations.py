"""Generation counters in the shared cache: a number in the keys of cached results that moves
on when what they were computed from changes, so that stale entries are simply never read
again (no key listing, which Redis and local memory do differently).

Within a request (``GenerationsPerRequest``) each counter is read once: the first read asks
the cache for every counter this process knows in one round trip, and the request keeps the
values (a home page read a dozen counters, each a round trip to Redis). A counter moved on
during the request (``bump``) is read again. Outside a request every read asks the cache."""

import logging
import time
from collections.abc import Callable
from contextvars import ContextVar

from django.core.cache import cache

logger = logging.getLogger(__name__)

# The counters' keys this process has met: the first read in a request fetches them together.
_known: set[str] = set()
_per_request: ContextVar[dict[str, int] | None] = ContextVar("cppcc_generations", default=None)
_LOADED = "\0loaded"  # marks a request's memo as filled from the cache (no counter has it)


class Generation:
    def __init__(self, key: str) -> None:
        self.key = key
        _known.add(key)

    def current(self) -> int:
        """The counter; while the cache cannot be read, a number never used before, so that
        nothing stored meanwhile (an intermittent outage) is ever read back as current."""
        memo = _per_request.get()
        if memo is not None:
            if _LOADED not in memo:
                memo[_LOADED] = 0
                try:
                    memo.update(cache.get_many(list(_known)) or {})
                except Exception:  # noqa: BLE001 - read one by one below, as without a memo
                    logger.warning("cache unreachable: generations not read", exc_info=True)
            if self.key in memo:
                return memo[self.key]
        value = self._read()
        if memo is not None:
            memo[self.key] = value
        return value

    def _read(self) -> int:
        fresh = self._fresh()
        try:
            value = cache.get(self.key)
            if value is None:
                cache.add(self.key, fresh, None)
                value = cache.get(self.key, fresh)
        except Exception:  # noqa: BLE001 - a backend that raises (ours reads failures as misses)
            logger.warning("cache unreachable: generation %s not read", self.key, exc_info=True)
            value = fresh
        return value

    def bump(self) -> None:
        """Never raises: an unreachable cache must not stop the save that changed things."""
        memo = _per_request.get()
        if memo is not None:
            memo.pop(self.key, None)
        try:
            try:
                cache.incr(self.key)
            except ValueError:  # evicted or never set
                cache.set(self.key, self._fresh(), None)
        except Exception:  # noqa: BLE001 - the cache backend's own connection errors
            logger.warning("cache unreachable: generation %s not moved on", self.key, exc_info=True)

    @staticmethod
    def _fresh() -> int:
        """A starting value no earlier generation can have had, so that entries stored before
        the counter was evicted are never read again."""
        return time.time_ns()


class GenerationsPerRequest:
    """Middleware: the generation counters are read once per request (see the module)."""

    def __init__(self, get_response: Callable[[object], object]) -> None:
        self.get_response = get_response

    def __call__(self, request: object) -> object:
        token = _per_request.set({})
        try:
            return self.get_response(request)
        finally:
            _per_request.reset(token)
