"""How commands run over a corpus: the batch (workers, cache, progress, skipped files), the
articles an argument names, stdin."""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Callable, Iterator
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from . import progress
from .cli_core import CommandExit, ExitCode, corpus_root, isatty
from .corpus import corpus_ids, find_files, id_clashes
from .decode import decode_page
from .errors import FjhealthError
from .lookup import resolve_arg
from .render import warn

if TYPE_CHECKING:
    from .batch import PageResult, Task
    from .cache import PageCache
    from .index_feed import IndexFeed
    from .keywords import IdfTable
    from .lookup import PageReader
    from .models import Article

T = TypeVar("T")

# Clashing page numbers warned about one by one; the rest get one line (a corpus of dated
# folders, each numbered from 001, has hundreds).
CLASH_LINES = 3


def usable_cores() -> int:
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class Batch:
    """Runs a command's work over the corpus, warning about each file it has to skip."""

    def __init__(
        self,
        corpus: Path | None,
        encoding: str | None,
        jobs: int = 0,
        no_cache: bool = False,
        label: str = "starting",
    ) -> None:
        self.root = corpus_root(corpus)
        self.encoding = encoding
        cores = usable_cores()
        if jobs > cores:
            warn(f"Note: --jobs {jobs} capped at {cores}, the number of cores.")
            jobs = cores
        self.jobs = jobs
        from .cache import PageCache  # the batch machinery loads only for batch commands

        self.cache = None if no_cache else usable_cache(PageCache())
        self.limit: int | None = None
        if self.cache is not None:
            from .disk import page_cache_limit

            self.limit = page_cache_limit(os.environ)
        self._scratch: Any = None  # a temporary folder standing in for an unusable cache
        self.skipped = 0
        self.read = 0  # readable pages seen by run()
        self.said_empty = False  # the corpus holds no page at all, and the user was told
        # The command's output is about one article: files skipped while reading the rest of
        # the corpus (word counts, the search index) are named but do not fail it.
        self.one_article = False
        progress.start(progress.mode_for(sys.stderr, os.environ), progress_lang())
        progress.phase(label)

    @cached_property
    def paths(self) -> tuple[Path, ...]:
        """The corpus's files, listed once and only for commands that need them all."""
        progress.phase("reading")
        skipped: list[tuple[Path, str]] = []
        files = find_files(self.root, skipped)
        for path, why in sorted(skipped):
            warn(f"Warning: skipped {self.shown(path)}: {why}")
        clashes = id_clashes(files)
        ids = corpus_ids(files) if clashes else {}
        for group in clashes[:CLASH_LINES]:
            names = ", ".join(self.shown(p) for p in group)
            warn(f"Warning: {names} share a page number; listed as "
                 f"{', '.join(ids[p] for p in group)}.")
        more = len(clashes) - CLASH_LINES
        if more > 0:
            numbers = "1 more page number is" if more == 1 else f"{more} more page numbers are"
            warn(f"Warning: {numbers} shared by several files; they are listed the same way.")
        if not files:
            self.said_empty = True
            others = _other_files(self.root)
            hint = "" if not others else (
                f" (it holds {others} file{'' if others == '1' else 's'} of other kinds; "
                "fjhealth reads .txt, .md and .html)")
            warn(f"Warning: no readable pages in {self.root}{hint}")
        return files

    def shown(self, path: Path) -> str:
        """A corpus file as a message names it: its path in the corpus (``2024/05/003.txt``;
        a name alone is ambiguous in a corpus of dated folders)."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.name

    def skip(self, result: PageResult[Any]) -> None:
        """Count and report a file that cannot be read."""
        self.skipped += 1
        error = str(result.error)
        name = result.path.name  # the page's worker names it by its file name alone
        if error.startswith(name + ":"):
            error = self.shown(result.path) + error[len(name):]
        warn(f"Warning: skipped {error}")

    def tell(self, result: PageResult[Any]) -> bool:
        """Warn about what a page's result calls for — a doubtful decoding, a skipped file, a
        page without article text (an empty result) — as every command over the corpus does
        (``run``, and the search index's ``on_page``); whether the page was read."""
        if result.doubt is not None:
            warn(f"Warning: {result.doubt}")
        if result.result is None:
            self.skip(result)
            return False
        if not result.result:
            warn(f"Warning: {self.shown(result.path)}: no article text (menus, footers "
                 "or page furniture only)")
        return True

    def run(self, task: Task[T], label: str, feed: IndexFeed | None = None) -> Iterator[T]:
        """The task's result for every readable page, in corpus order, with a progress bar;
        ``feed``: the corpus's search index, built along the way (see ``index_feed``)."""
        from .batch import run_corpus

        paths = self.paths
        progress.phase(label, len(paths))
        for res in run_corpus(
            paths, task if feed is None else feed.wrap(task), jobs=self.jobs, cache=self.cache,
            encoding=self.encoding
        ):
            progress.advance()
            if feed is not None:
                feed.take(res)
            if self.tell(res):
                self.read += 1
                yield res.result
        if feed is not None:
            progress.phase("indexing")
            feed.finish()
        progress.stop()
        if not self.read and not self.said_empty:
            warn(f"Warning: no readable pages in {self.root}")

    def index_feed(self) -> IndexFeed | None:
        """The corpus's search index, to be built by ``run`` (None without the page cache)."""
        if self.cache is None:
            return None
        from .index_feed import open_feed

        return open_feed(self.cache, self.root, self.paths, self.encoding, self.jobs)

    def idf(self) -> IdfTable:
        """The corpus's document frequencies (cached per corpus state)."""
        from .batch import corpus_idf

        paths = self.paths
        progress.phase("counting words", len(paths))

        return corpus_idf(
            paths,
            jobs=self.jobs,
            cache=self.cache,
            encoding=self.encoding,
            on_error=self.skip,
            on_page=progress.advance,
        )

    def select(self, article_id: str | None, every: bool) -> list[Article] | None:
        """The articles an ID names (stdin's for "-"), or None for --all.

        Raises:
            typer.BadParameter: both or neither of an ID and --all were given.
        """
        if every == (article_id is not None):
            import typer

            raise typer.BadParameter("give an article ID or --all (one of them)")
        if every:
            return None
        self.one_article = True
        self.pages = Pages(self.cache, self.encoding)
        return list(articles_for(str(article_id), lambda: self.root, self.encoding, self.pages))

    def index_cache(self) -> PageCache:
        """The page cache, beside which the corpus's search index lives; when its folder is
        unusable (as warned), a private temporary one for this run, removed by ``finish``."""
        if self.cache is None:
            import tempfile

            from .cache import PageCache

            self._scratch = tempfile.TemporaryDirectory(prefix="fjhealth-")
            self.cache = PageCache(Path(self._scratch.name))
        return self.cache

    def finish(self) -> None:
        """Close the cache now (not whenever the garbage collector runs); exit 1 if files were
        skipped (unless the command was about one article)."""
        progress.stop()
        if self.cache is not None:
            self.cache.close()
            if self._scratch is not None:
                self._scratch.cleanup()
            if self.limit and self.cache.written:  # only a run that stored rows grew it
                _keep_under(self.limit, self.cache.directory)
        if self.skipped and not self.one_article:
            if isatty(sys.stderr):  # the warnings may have scrolled away above the output
                files = "1 file" if self.skipped == 1 else f"{self.skipped} files"
                warn(f"Warning: {files} skipped (named above), so the exit status is 1")
            raise CommandExit(ExitCode.ERROR)


def _other_files(root: Path, cap: int = 1000) -> str:
    """How many files of other kinds (PDF, Word...) a corpus without pages holds ("" for none;
    counted up to ``cap``), hidden ones aside."""
    count = 0
    for _folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        count += sum(1 for n in names if not n.startswith("."))
        if count >= cap:
            return f"{cap} or more"
    return str(count) if count else ""


def _keep_under(limit: int, directory: Path) -> None:
    """Trim the page cache when this run took it past its limit, with the search indexes of
    corpus folders that no longer exist, and say so."""
    from .disk import LIMIT_ENV, format_size, page_cache_size, remove_stale, trim_page_cache

    if page_cache_size(directory) > limit:
        freed = trim_page_cache(limit, directory)
        warn(
            f"Note: the page cache passed its {format_size(limit)} limit; the oldest "
            f"{format_size(freed)} were removed (${LIMIT_ENV} sets the limit)."
        )
        stale = sum(f.size for f in remove_stale(directory))
        if stale:
            warn(f"Note: removed the search indexes of corpus folders that no longer exist "
                 f"({format_size(stale)}).")


def usable_cache(cache: PageCache) -> PageCache | None:
    """``cache``, or None with one warning when its folder cannot be used (read-only, not a
    folder, no permission): the run goes on uncached at full speed."""
    reason = cache.unusable()
    if reason is None:
        return cache
    warn(f"Warning: running without the page cache: {reason}{cache_dir_origin()}")
    return None


def cache_dir_origin() -> str:
    """Where the cache folder came from, when the user chose it (so a warning says what to
    change)."""
    return " (set by $FJHEALTH_CACHE_DIR)" if os.environ.get("FJHEALTH_CACHE_DIR") else ""


class Pages:
    """One page's articles and a task's results for them, through the page cache if any."""

    def __init__(self, cache: PageCache | None, encoding: str | None) -> None:
        self.cache = cache
        self.encoding = encoding
        self.pids: dict[Path, str | None] = {}  # the ID each page was read under
        self.read: dict[Path, tuple[Article, ...]] = {}  # every article of each page read
        self.doubted: set[Path] = set()  # pages whose decoding doubt was told

    def run(self, path: Path, task: Task[T]) -> T:
        """The task's result for a page read before.

        Raises:
            FjhealthError: the file cannot be read or decoded.
        """
        from .batch import run_page

        res = run_page(
            path, task, pid=self.pids.get(path), cache=self.cache, encoding=self.encoding
        )
        if res.doubt is not None and path not in self.doubted:
            self.doubted.add(path)
            warn(f"Warning: {res.doubt}")
        if res.result is None:
            raise FjhealthError(str(res.error))
        return res.result

    def __call__(self, path: Path, pid: str | None) -> tuple[Article, ...]:
        """A page's cleaned articles (a ``PageReader``)."""
        from .batch import ArticlesTask

        self.pids[path] = pid
        self.read[path] = self.run(path, ArticlesTask())
        return self.read[path]

    def each(self, articles: list[Article], task: Task[tuple[T, ...]]) -> tuple[T, ...]:
        """The task's result for each of the articles read, all from one page."""
        path = articles[0].path if articles else None
        if path is None or path not in self.pids or self.cache is None:  # stdin, --no-cache
            return task(tuple(articles))
        wanted = {a.id for a in articles}
        pairs = zip(self.read[path], self.run(path, task), strict=True)
        return tuple(result for article, result in pairs if article.id in wanted)


def articles_for(
    arg: str, root: Callable[[], Path], encoding: str | None, read: PageReader | None = None
) -> tuple[Article, ...]:
    """The articles an argument names: stdin's for "-", a pipe's (``<(command)``), an
    existing file's, else an ID's; ``read`` reads a page file (default: clean it)."""
    from .lookup import is_pipe

    if arg == "-" or is_pipe(arg):
        from .corpus import read_text_articles

        text = read_stdin(encoding) if arg == "-" else read_pipe(arg, encoding)
        if not text:
            return ()
        articles = read_text_articles(text)
        if not articles:
            warn(f"Warning: no article text on {'stdin' if arg == '-' else arg}.")
        return articles
    articles = resolve_arg(arg, root, encoding, read)
    if not articles:
        warn(f"Warning: {arg}: no article text (menus, footers or page furniture only)")
    return articles


def read_stdin(encoding: str | None) -> str:
    """All of stdin, decoded like a corpus file (BOM, UTF-8, GB18030, ...); "" when empty."""
    if sys.stdin is None:  # started with stdin closed ("<&-")
        from .errors import CorpusError

        raise CorpusError("standard input is closed: nothing to read")
    if sys.stdin.isatty():
        warn("Reading text from stdin; end it with Ctrl-D.")
        with progress.hold(stdout=False):  # no bar among what the user types
            data = sys.stdin.buffer.read()
    else:
        data = sys.stdin.buffer.read()
    return _stream_text(data, "stdin", "<stdin>", encoding)


def read_pipe(path: str, encoding: str | None) -> str:
    """All of a pipe named as a file (``<(command)``), decoded like stdin; "" when empty."""
    from .errors import CorpusError

    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read it: {exc.strerror}") from exc
    return _stream_text(data, path, path, encoding)


def _stream_text(data: bytes, said: str, name: str, encoding: str | None) -> str:
    """A stream's bytes decoded (``name`` in messages), with a warning when it is empty (as
    ``said``) or its reading is doubtful."""
    if not _without_bom(data).strip():
        warn(f"Warning: {said} is empty: nothing to read.")
        return ""
    text, _, doubt = decode_page(data, name, encoding)
    if doubt is not None:
        warn(f"Warning: {doubt}")
    return text


def _without_bom(data: bytes) -> bytes:
    """``data`` without a leading byte-order mark (and, after a UTF-16/32 one, its NULs), so a
    BOM alone (an empty file saved by Notepad) reads as empty."""
    for bom in (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF8, codecs.BOM_UTF16_LE,
                codecs.BOM_UTF16_BE):
        if data.startswith(bom):
            rest = data[len(bom):]
            return rest if bom == codecs.BOM_UTF8 else rest.replace(b"\x00", b"")
    return data


def progress_lang() -> str:
    """The language of progress labels (Chinese when the locale is)."""
    from .output import locale_lang

    return locale_lang(os.environ)
