"""One page's work, in a worker process or in this one: read the file, look its content up in
the page cache, clean it on a miss, run the task on its articles while ``segment`` replays (or
records) the page's tokens, and pack the rows the parent stores. ``batch`` runs it over a
corpus; this module holds what a worker needs and nothing of the orchestration.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, Generic, NamedTuple, Protocol, TypeVar

from .cache import PackedRow, PageCache, content_key
from .corpus import make_page, read_file
from .decode import decode_page
from .errors import FjhealthError
from .models import Article, article_from_dict, article_to_dict
from .workers import PageTimeout, time_budget

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class PageResult(Generic[T]):
    """The task's result for one file, or why the file was skipped. A plain class (the parent
    makes one per page; a frozen dataclass costs ~4 M instructions of start-up to build)."""

    __slots__ = ("path", "result", "error", "rows", "doubt", "key")

    def __init__(
        self,
        path: Path,
        result: T | None = None,
        error: str | None = None,
        rows: tuple[PackedRow, ...] = (),  # for the parent to store
        doubt: str | None = None,  # why the page's text may be garbled (decode.Decoded.doubt)
        key: str | None = None,  # the page's cache key (``page_key``), once its file was read
    ) -> None:
        self.path = path
        self.result = result
        self.error = error
        self.rows = rows
        self.doubt = doubt
        self.key = key

    def __repr__(self) -> str:
        return (f"PageResult(path={self.path!r}, result={self.result!r}, "
                f"error={self.error!r}, doubt={self.doubt!r})")


class Task(Protocol[T_co]):
    """What ``batch.run_corpus`` runs on each page (``batch.ArticlesTask``, ``fjhealth.tasks``)."""

    @property
    def key(self) -> str | None: ...

    @property
    def segments(self) -> bool: ...  # whether the task cuts words (replayed from the cache)

    def __call__(self, articles: tuple[Article, ...]) -> T_co: ...

    def dump(self, result: Any) -> Any: ...

    def load(self, data: Any, articles: tuple[Article, ...]) -> T_co: ...


class FieldlessTask:
    """A task without fields, as a plain class: building a frozen dataclass costs ~4 M
    instructions of a command's start-up. Every instance of a class is equal to the others."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class Settings(NamedTuple):  # a NamedTuple builds ~4x faster than a frozen dataclass
    task: Task[Any]
    cache_dir: Path | None  # None: no cache
    encoding: str | None
    budget: float | None = None  # seconds per page (workers.time_budget)


# What reading a cache entry of the wrong shape raises (it is then a miss).
_BAD_SHAPE = (KeyError, IndexError, TypeError, ValueError, AttributeError)


_settings: Settings | None = None  # per worker process, set once by _init
_cache: PageCache | None = None


def init(settings: Settings) -> None:
    global _settings, _cache
    _settings = settings
    _cache = PageCache(settings.cache_dir) if settings.cache_dir is not None else None


def page_key(pid: str, data: bytes, encoding: str | None) -> str:
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


def run_guarded(item: tuple[Path, str]) -> PageResult[Any]:
    """run_one within the page time budget; a page too slow or too big is skipped."""
    assert _settings is not None
    budget = _settings.budget
    try:
        with time_budget(budget):
            return run_one(item)
    except PageTimeout:
        return PageResult(item[0], error=f"{item[0].name}: took over {budget:g} s")
    except MemoryError:
        return PageResult(item[0], error=f"{item[0].name}: out of memory")


def lost(item: tuple[Path, str]) -> PageResult[Any]:
    return PageResult(item[0], error=f"{item[0].name}: its worker process died twice")


def run_one(item: tuple[Path, str]) -> PageResult[Any]:
    """Process one file (path and corpus ID) in a worker (or in-process when running serially)."""
    assert _settings is not None
    path, pid = item
    try:
        data = read_file(path)
    except OSError as exc:
        return PageResult(path, error=f"{path.name}: cannot read it: {exc.strerror}")
    task, cache = _settings.task, _cache
    key = page_key(pid, data, _settings.encoding)
    result_key = f"{key}|{task.key}" if task.key and cache is not None else None
    try:
        articles, fresh, doubt = _load(path, pid, data, key, cache, _settings.encoding)
        stored = None if fresh or result_key is None else cache.get(result_key, "results")
        if stored is not None:
            try:
                return PageResult(path, result=task.load(stored, articles), doubt=doubt, key=key)
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
        return PageResult(path, error=str(exc), key=key)
    if cache is None:
        return PageResult(path, result=result, doubt=doubt, key=key)
    rows = [_page_row(key, articles, doubt)] if fresh else []
    if len(words) > known:
        rows.append(("words", key, pack_words(words)))
    if result_key is not None:
        rows.append(("results", result_key, task.dump(result)))
    return PageResult(path, result=result, rows=tuple(cache.pack(rows)), doubt=doubt, key=key)


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




def use(settings: Settings, cache: PageCache | None) -> None:
    """Run pages in this process with ``settings`` and this open ``cache`` (``run_page``)."""
    global _settings, _cache
    _settings, _cache = settings, cache
