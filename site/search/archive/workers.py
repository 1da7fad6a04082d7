"""The lines of a large file prepared (search.archive.prepare) in worker processes, in order,
while the importer's own process writes: segmenting and tokenising are pure Python and C
extension work under one GIL, so a second process is what puts the second CPU to use.

The importer's own process then writes each batch itself, with no thread of its own: the
workers prepare the next batch meanwhile (a writer thread would contend for the GIL, which
SQLite takes back after every row). The workers are forked before any other thread starts,
so that no thread holds a lock at the fork; they read nothing from the database (the
resolver and the vocabulary are handed over in memory) and leave with os._exit, so that the
database connection they inherit is never touched. A worker that dies (killed for memory)
stops the import with an error (BrokenProcessPool) rather than leaving it waiting. A small
file, or a process that cannot fork (another platform, a daemonic process), prepares its
lines itself."""

import multiprocessing
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from itertools import chain, islice

from .prepare import prepare_lines

CHUNK = 100  # lines per task handed to a worker
PARALLEL_AFTER = 2000  # lines: a file no longer than this is prepared in the importer's process

_state = None  # (resolver, vocabulary), in a worker


def worker_count():
    """A process per CPU but one: the importer's own process writes the batches (and on
    SQLite it is the database engine too)."""
    return max(0, (os.cpu_count() or 1) - 1)


class Preparation:
    """(line number, Prepared | None | a skipped line's reason) for every line, in order.

    Reading the first lines decides: with more than ``parallel_after`` of them, ``workers``
    processes prepare the file (``parallel``), keeping about ``ahead`` lines prepared beyond
    those handed out, so that a whole batch is ready when the previous one is written."""

    def __init__(
        self, lines, resolver, vocabulary, workers=0, parallel_after=PARALLEL_AFTER, ahead=1000
    ):
        self.resolver = resolver
        self.vocabulary = vocabulary
        numbered = enumerate(lines, start=1)
        head = list(islice(numbered, parallel_after + 1))
        self.chunks = _chunks(chain(head, numbered))
        self.pool = _pool(workers, resolver, vocabulary) if len(head) > parallel_after else None
        self.in_flight = max(2, -(-ahead // CHUNK)) + workers

    @property
    def parallel(self):
        return self.pool is not None

    def __iter__(self):
        if self.pool is None:
            for chunk in self.chunks:
                yield from prepare_lines(chunk, self.resolver, self.vocabulary)
            return
        with self.pool:
            pending = deque()
            try:
                for chunk in self.chunks:
                    pending.append(self.pool.submit(_prepare_chunk, chunk))
                    if len(pending) > self.in_flight:
                        yield from pending.popleft().result()  # a worker's error stops it all
                while pending:
                    yield from pending.popleft().result()
            finally:
                for future in pending:
                    future.cancel()


def _pool(workers, resolver, vocabulary):
    if (
        workers < 1
        or "fork" not in multiprocessing.get_all_start_methods()
        or multiprocessing.current_process().daemon  # which may not have children
    ):
        return None
    return ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start,
        initargs=(resolver, vocabulary),
    )


def _start(resolver, vocabulary):
    global _state
    _state = (resolver, vocabulary)


def _prepare_chunk(chunk):
    return prepare_lines(chunk, *_state)


def _chunks(numbered):
    while chunk := list(islice(numbered, CHUNK)):
        yield chunk
