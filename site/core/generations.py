"""Generation counters in the shared cache: a number in the keys of cached results that moves
on when what they were computed from changes, so that stale entries are simply never read
again (no key listing, which Redis and local memory do differently)."""

from django.core.cache import cache


class Generation:
    def __init__(self, key):
        self.key = key

    def current(self):
        value = cache.get(self.key)
        if value is None:
            cache.add(self.key, 1, None)
            value = cache.get(self.key, 1)
        return value

    def bump(self):
        try:
            cache.incr(self.key)
        except ValueError:  # evicted or never set
            cache.set(self.key, 2, None)
