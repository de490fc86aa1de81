"""Run a per-page task over a whole corpus: cached, in parallel, results in corpus order.

A worker reads a file, looks its content up in the page cache, cleans it on a miss, and runs
the task on the page's articles while ``segment`` replays (or records) the page's tokens, so a
warm run neither re-cleans nor re-segments, and need not load jieba. Only the task's small
result travels back to the parent, which yields results in file order as they complete: memory
stays bounded whatever the corpus size.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, Protocol, TypeVar

from .cache import PackedRow, PageCache, content_key, sha256
from .corpus import corpus_ids, make_page, page_id, read_file
from .decode import decode_page
from .errors import FjhealthError
from .models import (
    Article,
    article_from_dict,
    article_to_dict,
)
from .workers import PageTimeout, pooled_map, time_budget

if TYPE_CHECKING:
    from .keywords import IdfTable

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

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


class PageResult(Generic[T]):
    """The task's result for one file, or why the file was skipped. A plain class (the parent
    makes one per page; a frozen dataclass costs ~4 M instructions of start-up to build)."""

    __slots__ = ("path", "result", "error", "rows", "doubt")

    def __init__(
        self,
        path: Path,
        result: T | None = None,
        error: str | None = None,
        rows: tuple[PackedRow, ...] = (),  # for the parent to store
        doubt: str | None = None,  # why the page's text may be garbled (decode.Decoded.doubt)
    ) -> None:
        self.path = path
        self.result = result
        self.error = error
        self.rows = rows
        self.doubt = doubt

    def __repr__(self) -> str:
        return (f"PageResult(path={self.path!r}, result={self.result!r}, "
                f"error={self.error!r}, doubt={self.doubt!r})")


class Task(Protocol[T_co]):
    """What run_corpus runs on each page (see the task classes below)."""

    @property
    def key(self) -> str | None: ...

    @property
    def segments(self) -> bool: ...  # whether the task cuts words (replayed from the cache)

    def __call__(self, articles: tuple[Article, ...]) -> T_co: ...

    def dump(self, result: Any) -> Any: ...

    def load(self, data: Any, articles: tuple[Article, ...]) -> T_co: ...


class _Settings(NamedTuple):  # a NamedTuple builds ~4x faster than a frozen dataclass
    task: Task[Any]
    cache_dir: Path | None  # None: no cache
    encoding: str | None
    budget: float | None = None  # seconds per page (workers.time_budget)


# What reading a cache entry of the wrong shape raises (it is then a miss).
_BAD_SHAPE = (KeyError, IndexError, TypeError, ValueError, AttributeError)

_settings: _Settings | None = None  # per worker process, set once by _init
_cache: PageCache | None = None


# The analysis tasks live in fjhealth.tasks; imported from here on first use (PEP 562).
_TASKS = frozenset({"SummaryTask", "IdfTask", "KeywordsTask"})


def __getattr__(name: str) -> Any:
    if name not in _TASKS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from . import tasks

    return getattr(tasks, name)


def _init(settings: _Settings) -> None:
    global _settings, _cache
    _settings = settings
    _cache = PageCache(settings.cache_dir) if settings.cache_dir is not None else None


def _page_key(pid: str, data: bytes, encoding: str | None) -> str:
    return content_key(data, encoding) + ":" + pid


def _load(
    path: Path, pid: str, data: bytes, key: str, cache: PageCache | None, encoding: str | None
) -> tuple[tuple[Article, ...], bool, str | None]:
    """The page's articles, from the cache or freshly cleaned (then True), and any doubt about
    its decoding (kept with the cached entry, so a warm run warns as a cold one does)."""
    entry = cache.get(key) if cache is not None else None
    if entry is not None:
        try:
            doubt = None
            if isinstance(entry, dict):  # a page read with a doubt: {"articles", "doubt"}
                entry, doubt = entry["articles"], str(entry["doubt"])
            articles = tuple(replace(article_from_dict(a), path=path) for a in entry)
            return articles, False, doubt
        except _BAD_SHAPE:  # an entry of the wrong shape is a miss: clean afresh
            pass
    from .rxcache import preload

    preload()  # before the cleaner's modules compile their patterns
    from .clean import split_articles  # here: a warm run never compiles the cleaner

    text, used, doubt = decode_page(data, path.name, encoding)
    return split_articles(make_page(path, text, used, pid)), True, doubt


def _page_row(key: str, articles: tuple[Article, ...], doubt: str | None) -> tuple[str, str, Any]:
    dicts = [article_to_dict(a) for a in articles]
    return "entries", key, dicts if doubt is None else {"articles": dicts, "doubt": doubt}


def _run_guarded(item: tuple[Path, str]) -> PageResult[Any]:
    """_run_one within the page time budget; a page too slow or too big is skipped."""
    assert _settings is not None
    budget = _settings.budget
    try:
        with time_budget(budget):
            return _run_one(item)
    except PageTimeout:
        return PageResult(item[0], error=f"{item[0].name}: skipped, took over {budget:g} s")
    except MemoryError:
        return PageResult(item[0], error=f"{item[0].name}: skipped, out of memory")


def _lost(item: tuple[Path, str]) -> PageResult[Any]:
    return PageResult(item[0], error=f"{item[0].name}: skipped, its worker process died twice")


def _run_one(item: tuple[Path, str]) -> PageResult[Any]:
    """Process one file (path and corpus ID) in a worker (or in-process when running serially)."""
    assert _settings is not None
    path, pid = item
    try:
        data = read_file(path)
    except OSError as exc:
        return PageResult(path, error=f"cannot read {path.name}: {exc.strerror}")
    task, cache = _settings.task, _cache
    key = _page_key(pid, data, _settings.encoding)
    result_key = f"{key}|{task.key}" if task.key and cache is not None else None
    try:
        articles, fresh, doubt = _load(path, pid, data, key, cache, _settings.encoding)
        stored = None if fresh or result_key is None else cache.get(result_key, "results")
        if stored is not None:
            try:
                return PageResult(path, result=task.load(stored, articles), doubt=doubt)
            except _BAD_SHAPE:  # a stored result of the wrong shape is a miss: compute it
                pass
        words: dict[str, list[str]] = {}
        known = 0
        if not task.segments:
            result = task(articles)
        else:  # tokens are stored apart from the articles: read only when computing
            from . import segment

            stored_words = cache.get(key, "words") if cache is not None and not fresh else None
            words = unpack_words(stored_words)
            known = len(words)
            with segment.recording(words):
                result = task(articles)
    except FjhealthError as exc:
        return PageResult(path, error=str(exc))
    if cache is None:
        return PageResult(path, result=result, doubt=doubt)
    rows = [_page_row(key, articles, doubt)] if fresh else []
    if len(words) > known:
        rows.append(("words", key, pack_words(words)))
    if result_key is not None:
        rows.append(("results", result_key, task.dump(result)))
    return PageResult(path, result=result, rows=tuple(cache.pack(rows)), doubt=doubt)


# Separators of a packed token memo: between texts, between a text's tokens.
_TEXT_SEP, _TOKEN_SEP = "\x1e", "\x1f"


def pack_words(memo: dict[str, list[str]]) -> str | dict[str, list[str]]:
    r"""A page's token memo as one string: each text's tokens joined by a separator (the text
    is their concatenation), ~10x cheaper to store and read back than a JSON object of lists.
    A memo whose texts hold a separator stays as it is.

    >>> pack_words({"医联体建设": ["医联体", "建设"], "": []})
    '医联体\x1f建设\x1e'
    """
    if not memo or any(_TEXT_SEP in text or _TOKEN_SEP in text for text in memo):
        return memo
    return _TEXT_SEP.join(_TOKEN_SEP.join(tokens) for tokens in memo.values())


def unpack_words(packed: str | dict[str, list[str]] | None) -> dict[str, list[str]]:
    """The token memo ``pack_words`` packed (an empty one for None).

    >>> unpack_words(pack_words({"医联体建设": ["医联体", "建设"], "": []}))
    {'医联体建设': ['医联体', '建设'], '': []}
    """
    if not isinstance(packed, str):
        return dict(packed or {})
    memo = {}
    for joined in packed.split(_TEXT_SEP):
        tokens = joined.split(_TOKEN_SEP) if joined else []
        memo["".join(tokens)] = tokens
    return memo


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
) -> Iterator[PageResult[T]]:
    """Run ``task`` on every file's articles; results come in ``paths`` order.

    Args:
        paths: corpus files, in the order results are wanted.
        task: what to compute for each page (a task value, see below).
        jobs: worker processes; None or 0 means one per core.
        cache: the page cache, or None to bypass it.
        encoding: overrides encoding detection.
    """
    settings = _Settings(
        task, cache.directory if cache is not None else None, encoding, PAGE_TIME_BUDGET
    )
    results = _results(paths, settings, effective_jobs(jobs, len(paths)))
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
    global _settings, _cache
    _settings = _Settings(task, cache.directory if cache is not None else None, encoding)
    _cache = cache  # this process's open connection
    result = _run_one((path, pid or page_id(path)))
    if cache is not None:
        cache.write_packed(result.rows)
    return result


def _results(paths: Sequence[Path], settings: _Settings, n: int) -> Iterator[PageResult[Any]]:
    """Every page's result, in order: in this process, or from ``n`` worker processes."""
    ids = corpus_ids(paths)
    items = [(p, ids[p]) for p in paths]
    if n == 1:
        if settings.task.segments and len(items) >= PRELOAD_PAGES and _computes(items, settings):
            _preload()  # one parse of the IDF table beats bisecting it for every new word
        _init(settings)
        yield from map(_run_guarded, items)
        return
    context = None
    if sys.platform == "linux":  # forked workers share what the parent loaded (copy on write)
        import multiprocessing

        context = multiprocessing.get_context("fork")
        if settings.task.segments and _computes(items, settings):
            _preload()
    yield from pooled_map(_run_guarded, items, n, chunk_size=CHUNK_SIZE, on_lost=_lost,
                          initializer=_init, initargs=(settings,), context=context)


def _computes(items: Sequence[tuple[Path, str]], settings: _Settings, probe: int = 4) -> bool:
    """Whether the task must be computed (not read from the cache) for any of the first pages."""
    if settings.cache_dir is None or settings.task.key is None:
        return True
    cache = PageCache(settings.cache_dir)
    try:
        for path, pid in items[:probe]:
            key = f"{_page_key(pid, read_file(path), settings.encoding)}|{settings.task.key}"
            if cache.get(key, "results") is None:
                return True
    except OSError:
        return True
    finally:
        cache.close()
    return False


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


class ArticlesTask:
    """The page's cleaned articles themselves (for ``list``): already cached with the page.
    A plain class: it has no fields, and building a frozen dataclass costs ~4 M instructions
    of every command's start-up. The other tasks are in ``fjhealth.tasks``."""

    __slots__ = ()
    key = None
    segments = False

    def __eq__(self, other: object) -> bool:
        return type(other) is ArticlesTask

    def __hash__(self) -> int:
        return hash(ArticlesTask)

    def __repr__(self) -> str:
        return "ArticlesTask()"

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
