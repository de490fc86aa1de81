"""The search index built by a batch run over the whole corpus (``summarize --all``), from the
work its workers do anyway.

A worker that computes a page's summaries has the page's articles and tokens at hand: it cuts
the index entries then too (``IndexedTask``), so the parent only writes them, while the run
goes on; at the end ``update_index`` finds those pages indexed and records the corpus's files.
A first ``search`` after a cold run then finds its index up to date, instead of reading every
page back from the page cache to build it. Pages whose results the cache held (a warm run) come
with no entries: ``update_index`` indexes them from the page cache, as a first search would.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cache import PageCache
from .errors import FjhealthError
from .index_docs import IndexDoc, make_doc
from .models import Article
from .pagework import PageResult, Task
from .search_index import WRITE_BATCH, SearchIndex, update_index

# Pages handed to FTS5 at a time, inside a transaction committed every ``WRITE_BATCH`` pages:
# the parent's share of the work comes in small steps between the workers' results, instead
# of a pause long enough for the workers to run out of pages.
STEP = 64
# Longest the open transaction holds the index's write lock (seconds): on a loaded machine
# 1,024 pages may take long, and another process's search waits for the lock up to 30 s.
HOLD_SECONDS = 5.0

# What opening or writing the index may raise (``CacheError`` is a ``FjhealthError``).
INDEX_ERRORS = (sqlite3.Error, FjhealthError, OSError)


@dataclass(frozen=True, slots=True)
class IndexedTask:
    """A task whose computed results carry the page's index entries: (result, entries); a
    result read from the page cache carries None (its tokens are not read)."""

    task: Task[Any]
    segments = True  # the entries are cut from the page's tokens

    @property
    def key(self) -> str | None:
        return self.task.key  # the same cached results as the task alone

    def __call__(self, articles: tuple[Article, ...]) -> tuple[Any, tuple[IndexDoc, ...]]:
        result = self.task(articles)
        return result, tuple(make_doc(a) for a in articles)  # tokens replayed (``recording``)

    def dump(self, result: tuple[Any, Any]) -> Any:
        return self.task.dump(result[0])

    def load(self, data: Any, articles: tuple[Article, ...]) -> tuple[Any, None]:
        return self.task.load(data, articles), None


class IndexFeed:
    """Feeds a corpus's search index from a batch run (``Batch.run``): ``wrap`` the task,
    ``take`` every page's result in corpus order, ``finish`` after the last.

    The index is a by-product of the run: should it fail to open or to be written (locked for
    long by another process, a full disk), the run goes on without it, and the next ``search``
    builds it (and reports what stops it)."""

    def __init__(
        self,
        index: SearchIndex,
        scope: str,
        paths: Sequence[Path],
        *,
        root: Path | None = None,
        encoding: str | None = None,
        jobs: int | None = None,
    ) -> None:
        from .stamp import stat_stamp

        self.index, self.scope, self.paths = index, scope, paths
        self.root, self.encoding, self.jobs = root, encoding, jobs
        self.corpus = index.corpus(scope)
        # Taken before any file is read: a file edited during the run then changes it.
        self.stamp = stat_stamp(paths, encoding)
        self.current = self.stamp is not None and self.corpus.stamp() == self.stamp
        self.indexed = set() if self.current else self.corpus.pages()
        self.wrapped = False  # the run's results carry index entries
        self.broken = False  # writing failed: the rest is left to the next search
        self.keys: dict[Path, str] = {}
        self.uncommitted = 0  # pages written in the open transaction
        self.opened = 0.0  # when it was opened (``time.monotonic``)
        self.pending: list[tuple[str, Sequence[IndexDoc]]] = []
        self.notes: list[tuple[str, str | None, int]] = []

    def wrap(self, task: Task[Any]) -> Task[Any]:
        """The task to run: with index entries, unless the index is up to date."""
        if self.current:
            return task
        self.wrapped = True
        return IndexedTask(task)

    def take(self, res: PageResult[Any]) -> None:
        """Keep a page's key and write its entries (in batches); ``res.result`` is left as the
        wrapped task's."""
        if not self.wrapped:
            return
        if res.key is not None:
            self.keys[res.path] = res.key
        if res.result is None:
            return
        res.result, docs = res.result
        key = res.key
        if docs and key is not None and key not in self.indexed and not self.broken:
            self.indexed.add(key)
            self.pending.append((key, docs))
            if res.doubt is not None:
                self.notes.append((key, res.doubt, len(docs)))
            if len(self.pending) >= STEP:
                self._write()

    def _write(self) -> None:
        now = time.monotonic()
        if not self.uncommitted:
            self.opened = now
        self.uncommitted += len(self.pending)
        commit = self.uncommitted >= WRITE_BATCH or now - self.opened >= HOLD_SECONDS
        try:
            self.corpus.add(self.pending, self.notes, commit=commit)
            if commit:
                self.uncommitted = 0
        except INDEX_ERRORS:
            self.broken = True
        finally:
            self.pending.clear()
            self.notes.clear()

    def finish(self) -> None:
        """Write what is left and bring the index up to date (``update_index``: the pages no
        entries came for, files skipped, stale pages taken out)."""
        try:
            if self.wrapped and not self.broken:
                self.uncommitted = WRITE_BATCH  # commit what is left
                self._write()
                if not self.broken:
                    update_index(self.index, self.scope, self.paths, root=self.root,
                                 encoding=self.encoding, jobs=self.jobs,
                                 known=(self.stamp, self.keys))
        except INDEX_ERRORS:
            self.broken = True
        finally:
            self.index.close()


def open_feed(
    cache: PageCache, root: Path, paths: Sequence[Path], encoding: str | None, jobs: int | None
) -> IndexFeed | None:
    """The feed of a corpus folder's index (see ``IndexFeed``), or None when it cannot be
    opened."""
    from .search_index import corpus_scope

    index = SearchIndex(cache)
    try:
        return IndexFeed(index, corpus_scope(root, encoding), paths, root=root,
                         encoding=encoding, jobs=jobs)
    except INDEX_ERRORS:
        index.close()
        return None
