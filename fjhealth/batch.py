"""Run a per-page task over a whole corpus: cached, in parallel, results in corpus order.

A worker reads a file, looks its content up in the page cache, cleans it on a miss, and runs
the task on the page's articles while ``segment`` replays (or records) the page's tokens, so a
warm run neither re-cleans nor re-segments, and need not load jieba (that one page's work is
``pagework``'s). Only the task's small result travels back to the parent, which yields results
in file order as they complete and stores the rows: memory stays bounded whatever the corpus
size.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .cache import PackedRow, PageCache, sha256
from .corpus import corpus_ids, page_id, read_file
from .pagework import (  # noqa: F401 - PageResult, Task and the memo packing are used from here
    FieldlessTask,
    PageResult,
    Settings,
    Task,
    init,
    lost,
    pack_words,
    page_key,
    run_guarded,
    run_one,
    unpack_words,
    use,
)
from .workers import pooled_map

if TYPE_CHECKING:
    from .keywords import IdfTable
    from .models import Article

T = TypeVar("T")

# Below this many files per worker, starting processes costs more than it saves.
MIN_FILES_PER_JOB = 8
# Files handed to a worker at a time: large enough to amortise messaging, small enough to keep
# every core busy to the end and results streaming.
CHUNK_SIZE = 16
# Wall time one page may take in a batch before it is skipped (a 50 MB page takes ~1 min).
PAGE_TIME_BUDGET = 300.0
# From this many pages on, a run in one process parses the whole IDF table up front.
PRELOAD_PAGES = 64
# Cache rows written per transaction by the parent process.
WRITE_BATCH = 256


# The analysis tasks live in fjhealth.tasks; imported from here on first use (PEP 562).
_TASKS = frozenset({"SummaryTask", "IdfTask", "KeywordsTask"})


def __getattr__(name: str) -> Any:
    if name not in _TASKS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from . import tasks

    return getattr(tasks, name)


def effective_jobs(jobs: int | None, files: int) -> int:
    """Worker processes worth starting for this many files (1 means: run in-process)."""
    wanted = jobs if jobs and jobs > 0 else (os.cpu_count() or 1)
    return max(1, min(wanted, files // MIN_FILES_PER_JOB))


def run_corpus(
    paths: Sequence[Path],
    task: Task[T],
    *,
    jobs: int | None = None,
    cache: PageCache | None = None,
    encoding: str | None = None,
    ids: Mapping[Path, str] | None = None,
) -> Iterator[PageResult[T]]:
    """Run ``task`` on every file's articles; results come in ``paths`` order.

    Args:
        paths: corpus files, in the order results are wanted.
        task: what to compute for each page (a task value, see below).
        jobs: worker processes; None or 0 means one per core.
        cache: the page cache, or None to bypass it.
        encoding: overrides encoding detection.
        ids: the files' corpus IDs, when ``paths`` are only some of the corpus's (alone, two
            folders' ``003.txt`` would not be told apart); default: from ``paths``.
    """
    settings = Settings(
        task, cache.directory if cache is not None else None, encoding, PAGE_TIME_BUDGET
    )
    results = _results(paths, settings, effective_jobs(jobs, len(paths)), ids)
    if cache is None:
        yield from results
        return
    # Workers only read the cache; this process writes what they made, many pages per
    # transaction, so writers never wait on each other's locks.
    pending: list[PackedRow] = []
    try:
        for res in results:
            pending.extend(res.rows)
            if len(pending) >= WRITE_BATCH:
                cache.write_packed(pending)
                pending.clear()
            yield res
    finally:
        cache.write_packed(pending)


def run_page(
    path: Path,
    task: Task[T],
    *,
    pid: str | None = None,
    cache: PageCache | None = None,
    encoding: str | None = None,
) -> PageResult[T]:
    """The task's result for one file (ID ``pid``, else its own), in this process, through
    ``cache``: a one-article command reads what an earlier run stored."""
    use(Settings(task, cache.directory if cache is not None else None, encoding), cache)
    result = run_one((path, pid or page_id(path)))
    if cache is not None:
        cache.write_packed(result.rows)
    return result


def _results(
    paths: Sequence[Path], settings: Settings, n: int, ids: Mapping[Path, str] | None = None
) -> Iterator[PageResult[Any]]:
    """Every page's result, in order: in this process, or from ``n`` worker processes."""
    ids = ids if ids is not None else corpus_ids(paths)
    items = [(p, ids[p]) for p in paths]
    if n == 1:
        if settings.task.segments and len(items) >= PRELOAD_PAGES and _probe(items, settings)[0]:
            _preload()  # one parse of the IDF table beats bisecting it for every new word
        init(settings)
        yield from map(run_guarded, items)
        return
    context = None
    if sys.platform == "linux":  # forked workers share what the parent loaded (copy on write)
        import multiprocessing

        context = multiprocessing.get_context("fork")
        _warm_up(items, settings)
    yield from pooled_map(run_guarded, items, n, chunk_size=CHUNK_SIZE, on_lost=lost,
                          initializer=init, initargs=(settings,), context=context)


def _probe(
    items: Sequence[tuple[Path, str]], settings: Settings, probe: int = 4
) -> tuple[bool, bool]:
    """Whether the task must be computed for any of the first pages, and whether any of them
    must be cleaned (its page not in the cache)."""
    if settings.cache_dir is None:
        return True, True
    cache = PageCache(settings.cache_dir)
    computes = cleans = False
    try:
        for path, pid in items[:probe]:
            key = page_key(pid, read_file(path), settings.encoding)
            cleans = cleans or cache.get(key) is None
            computes = computes or settings.task.key is None or cache.get(
                f"{key}|{settings.task.key}", "results") is None
    except OSError:
        return True, True
    finally:
        cache.close()
    return computes, cleans


def _warm_up(items: Sequence[tuple[Path, str]], settings: Settings) -> None:
    """Before workers fork, load here what every one of them would load for itself: the
    cleaner's modules and recorded patterns when pages are to be cleaned (~340 M instructions
    a process), the task's modules, and the dictionary and IDF table when it cuts words."""
    computes, cleans = _probe(items, settings)
    if cleans:
        from . import rxcache

        rxcache.preload()  # before the cleaner's modules compile their patterns
        from . import clean  # noqa: F401 - the cleaner's modules, imported once for all
    if computes:
        settings.task(())  # a task imports its modules when called, even on no articles
    if settings.task.segments and computes:
        _preload()
    elif cleans:
        import gc

        gc.freeze()


def _preload() -> None:
    """Load the dictionary and the IDF table once, before the workers fork, so they share
    them instead of each building its own; frozen, the garbage collector never writes to
    their pages (which would copy them into every worker)."""
    import gc

    from . import segment

    segment.preload()
    gc.freeze()



# ------------------------------------------------------------------------------------ tasks
# A task is a picklable value: called on a page's articles it returns the command's result for
# the page. A task with a ``key`` has its results cached beside the page (a warm run then
# neither re-ranks nor re-summarizes); ``dump``/``load`` turn a result into JSON and back.


class ArticlesTask(FieldlessTask):
    """The page's cleaned articles themselves (for ``list``): already cached with the page.
    The other tasks are in ``fjhealth.tasks``."""

    __slots__ = ()
    key = None
    segments = False

    def __call__(self, articles: tuple[Article, ...]) -> tuple[Article, ...]:
        return articles

    def dump(self, result: tuple[Article, ...]) -> Any:
        return None  # the page entry already holds the articles

    def load(self, data: Any, articles: tuple[Article, ...]) -> tuple[Article, ...]:
        return articles


def corpus_state(paths: Sequence[Path], encoding: str | None) -> str:
    """A key that changes when any file of the corpus is added, removed or modified: the
    files' contents are hashed (an edit that keeps size and mtime still changes it)."""
    h = sha256((encoding or "").encode())
    for p in paths:
        try:
            digest = sha256(read_file(p)).hexdigest()
        except OSError:
            digest = "unreadable"
        h.update(f"{p.name}\0{digest}\n".encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def corpus_idf(
    paths: Sequence[Path],
    *,
    jobs: int | None = None,
    cache: PageCache | None = None,
    encoding: str | None = None,
    on_error: Callable[[PageResult[Any]], None] | None = None,
    on_page: Callable[[], None] | None = None,
) -> IdfTable:
    """The corpus's document frequencies, computed once per corpus state and cached.

    ``on_error`` is called with each page that cannot be read, ``on_page`` after every page.
    """
    from .keywords import IdfTable
    from .tasks import IdfTask

    key = corpus_state(paths, encoding) if cache is not None else ""
    stored = cache.get(key, table="corpus") if cache is not None else None
    if stored is not None:
        return IdfTable(n_docs=stored["n_docs"], doc_freq=stored["doc_freq"], state=key)
    n, df = 0, Counter[str]()
    for res in run_corpus(paths, IdfTask(), jobs=jobs, cache=cache, encoding=encoding):
        if on_page is not None:
            on_page()
        if res.result is None:
            if on_error is not None:
                on_error(res)
            continue
        n += res.result.n_docs
        df.update(res.result.doc_freq)
    if cache is not None:
        cache.put(key, {"n_docs": n, "doc_freq": dict(df)}, table="corpus")
    return IdfTable(n_docs=n, doc_freq=dict(df), state=key)
