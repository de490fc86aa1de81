"""Run a per-page task over a whole corpus: cached, in parallel, results in corpus order.

A worker reads a file, looks its content up in the page cache, cleans it on a miss, and runs
the task on the page's articles while ``segment`` replays (or records) the page's tokens, so a
warm run neither re-cleans nor re-segments, and need not load jieba. Only the task's small
result travels back to the parent, which yields results in file order as they complete: memory
stays bounded whatever the corpus size.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from .cache import PageCache, content_key
from .corpus import decode_bytes, page_id
from .errors import CorpusError, FjhealthError
from .models import (
    Article,
    Keyword,
    Page,
    Summary,
    SummaryOptions,
    article_from_dict,
    article_to_dict,
)

if TYPE_CHECKING:
    from .keywords import IdfTable

T = TypeVar("T")
Task = Callable[[tuple[Article, ...]], T]

# Below this many files per worker, starting processes costs more than it saves.
MIN_FILES_PER_JOB = 8
# Files handed to a worker at a time: large enough to amortise messaging, small enough to keep
# every core busy to the end and results streaming.
CHUNK_SIZE = 16


@dataclass(frozen=True, slots=True)
class PageResult(Generic[T]):
    """The task's result for one file, or why the file was skipped."""

    path: Path
    result: T | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class _Settings:
    task: Callable[[tuple[Article, ...]], Any]
    cache_dir: Path | None  # None: no cache
    encoding: str | None


_settings: _Settings | None = None  # per worker process, set once by _init
_cache: PageCache | None = None


def _init(settings: _Settings) -> None:
    global _settings, _cache
    _settings = settings
    _cache = PageCache(settings.cache_dir) if settings.cache_dir is not None else None


def _page_key(path: Path, data: bytes, encoding: str | None) -> str:
    return content_key(data, encoding) + ":" + page_id(path)


def _load(
    path: Path, data: bytes, key: str, cache: PageCache | None, encoding: str | None
) -> tuple[tuple[Article, ...], dict[str, Any], bool]:
    """The page's articles and recorded tokens, from the cache or freshly cleaned."""
    entry = cache.get(key) if cache is not None else None
    if entry is not None:
        articles = tuple(replace(article_from_dict(a), path=path) for a in entry["articles"])
        return articles, entry["words"], False
    from .clean import split_articles  # here: a warm run never compiles the cleaner

    text, used = decode_bytes(data, path.name, encoding)
    articles = split_articles(Page(id=page_id(path), path=path, text=text, encoding=used))
    return articles, {}, True


def _store(cache: PageCache, key: str, articles: tuple[Article, ...], words: dict[str, Any]
           ) -> None:
    cache.put(key, {"articles": [article_to_dict(a) for a in articles], "words": words})


def cached_articles(
    path: Path, encoding: str | None = None, cache: PageCache | None = None
) -> tuple[Article, ...]:
    """One page's cleaned articles, through the page cache (for ``show``)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"cannot read {path.name}: {exc.strerror}") from exc
    key = _page_key(path, data, encoding)
    articles, words, fresh = _load(path, data, key, cache, encoding)
    if fresh and cache is not None:
        _store(cache, key, articles, words)
    return articles


def _run_one(path: Path) -> PageResult[Any]:
    """Process one file in a worker (or in-process when running serially)."""
    from . import segment

    assert _settings is not None
    try:
        data = path.read_bytes()
    except OSError as exc:
        return PageResult(path, error=f"cannot read {path.name}: {exc.strerror}")
    key = _page_key(path, data, _settings.encoding)
    try:
        articles, words, fresh = _load(path, data, key, _cache, _settings.encoding)
        known = len(words)
        with segment.recording(words):
            result = _settings.task(articles)
    except FjhealthError as exc:
        return PageResult(path, error=str(exc))
    if _cache is not None and (fresh or len(words) > known):
        _store(_cache, key, articles, words)
    return PageResult(path, result=result)


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
        task: a picklable function of a page's articles (module-level, or a partial of one).
        jobs: worker processes; None or 0 means one per core.
        cache: the page cache, or None to bypass it.
        encoding: overrides encoding detection.
    """
    settings = _Settings(task, cache.directory if cache is not None else None, encoding)
    n = effective_jobs(jobs, len(paths))
    if n == 1:
        _init(settings)
        for path in paths:
            yield _run_one(path)
        return
    from concurrent.futures import ProcessPoolExecutor  # ~45 ms of imports: only when needed

    with ProcessPoolExecutor(n, initializer=_init, initargs=(settings,)) as pool:
        yield from pool.map(_run_one, paths, chunksize=CHUNK_SIZE)



# ---------------------------------------------------------------- tasks (module-level: picklable)


def articles_task(articles: tuple[Article, ...]) -> tuple[Article, ...]:
    """The page's cleaned articles themselves (for ``list``)."""
    return articles


def summary_task(options: SummaryOptions, articles: tuple[Article, ...]) -> tuple[Summary, ...]:
    """Summaries of the page's articles."""
    from .summarize import summarize

    return tuple(summarize(a, options) for a in articles)


def idf_task(articles: tuple[Article, ...]) -> IdfTable:
    """The page's document frequencies, to be merged into the corpus's."""
    from .keywords import build_idf

    return build_idf(articles)


def keywords_task(
    top: int, method: str, idf: IdfTable | None, articles: tuple[Article, ...]
) -> tuple[tuple[Article, tuple[Keyword, ...]], ...]:
    """Each article of the page with its top keywords."""
    from .keywords import rank_keywords

    return tuple((a, rank_keywords(a, top=top, method=method, idf=idf)) for a in articles)


def corpus_state(paths: Sequence[Path], encoding: str | None) -> str:
    """A key that changes when any file of the corpus is added, removed or modified."""
    h = hashlib.sha256((encoding or "").encode())
    for p in paths:
        st = p.stat()
        h.update(f"{p.name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def corpus_idf(
    paths: Sequence[Path],
    *,
    jobs: int | None = None,
    cache: PageCache | None = None,
    encoding: str | None = None,
    on_error: Callable[[PageResult[Any]], None] | None = None,
) -> IdfTable:
    """The corpus's document frequencies, computed once per corpus state and cached."""
    from .keywords import IdfTable

    key = corpus_state(paths, encoding) if cache is not None else ""
    stored = cache.get(key, table="corpus") if cache is not None else None
    if stored is not None:
        return IdfTable(n_docs=stored["n_docs"], doc_freq=stored["doc_freq"])
    n, df = 0, Counter[str]()
    for res in run_corpus(paths, idf_task, jobs=jobs, cache=cache, encoding=encoding):
        if res.result is None:
            if on_error is not None:
                on_error(res)
            continue
        n += res.result.n_docs
        df.update(res.result.doc_freq)
    if cache is not None:
        cache.put(key, {"n_docs": n, "doc_freq": dict(df)}, table="corpus")
    return IdfTable(n_docs=n, doc_freq=dict(df))
