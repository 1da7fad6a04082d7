"""Generation counters in the shared cache: a number in the keys of cached results that moves
on when what they were computed from changes, so that stale entries are simply never read
again (no key listing, which Redis and local memory do differently)."""

import logging
import time

from django.core.cache import cache

logger = logging.getLogger(__name__)


class Generation:
    def __init__(self, key: str) -> None:
        self.key = key

    def current(self) -> int:
        """The counter; while the cache cannot be read, a number never used before, so that
        nothing stored meanwhile (an intermittent outage) is ever read back as current."""
        value = cache.get(self.key)
        if value is None:
            fresh = self._fresh()
            cache.add(self.key, fresh, None)
            value = cache.get(self.key, fresh)
        return value

    def bump(self) -> None:
        """Never raises: an unreachable cache must not stop the save that changed things."""
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
