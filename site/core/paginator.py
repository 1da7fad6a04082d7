"""A paginator told its count: lists over a whole archive keep their counts (news.tally, the
figures cache) rather than counting every row on every render."""

from django.core.paginator import Paginator


class KnownCountPaginator(Paginator):
    """A paginator told its count instead of counting the rows again."""

    def __init__(self, object_list, per_page, *, count):
        super().__init__(object_list, per_page)
        self._known_count = count

    @property
    def count(self):
        return self._known_count
