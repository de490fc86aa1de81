"""The fjhealth command line: parse options, call the library, render, map errors to exit codes."""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from enum import Enum, IntEnum
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from typer.core import TyperGroup

from . import __version__
from .corpus import corpus_dir, decode_bytes, find_files, id_clashes, resolve_arg
from .errors import ArticleNotFound, FjhealthError
from .models import Article, Keyword, SummaryOptions
from .render import (
    choose_format,
    print_articles,
    print_cache_info,
    print_keywords,
    print_listing,
    print_summaries,
    track,
    warn,
)

if TYPE_CHECKING:
    from .batch import PageResult, Task
    from .keywords import IdfTable

T = TypeVar("T")


class ExitCode(IntEnum):
    """Process exit statuses."""

    OK = 0
    ERROR = 1  # a FjhealthError, or some files of a batch failed
    USAGE = 2  # bad option or argument, unknown or ambiguous article ID
    INTERRUPTED = 130  # Ctrl-C


class Format(str, Enum):
    """Values of --format."""

    auto = "auto"
    rich = "rich"
    text = "text"
    json = "json"


class KeywordMethod(str, Enum):
    """Values of keywords --method."""

    tfidf = "tfidf"
    textrank = "textrank"


class SummaryMethod(str, Enum):
    """Values of summarize --method."""

    rank = "rank"
    snownlp = "snownlp"
    lead = "lead"


class _Group(TyperGroup):
    """The one place library errors, Ctrl-C and closed pipes become exit statuses."""

    def invoke(self, ctx: Any) -> Any:
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()
            return result
        except ArticleNotFound as exc:
            warn(f"Error: {exc}")
            raise typer.Exit(ExitCode.USAGE) from None
        except FjhealthError as exc:
            warn(f"Error: {exc}")
            raise typer.Exit(ExitCode.ERROR) from None
        except KeyboardInterrupt:
            sys.stderr.write("\n")
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(ExitCode.OK) from None


def _silence_stdout() -> None:
    """After the reader closed the pipe, point stdout at devnull so the exit flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (e.g. under a test runner)
        pass


app = typer.Typer(
    cls=_Group,
    name="fjhealth",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# What show, summarize and keywords take as their argument.
ARGUMENT_HELP = (
    "An article ID (3, 003, 002-2, a file stem or name in the corpus), a page file (.txt, .md "
    "or .html, any folder), or - for stdin (format sniffed). An argument naming an existing file "
    "is that file; anything else is an ID."
)
CorpusOpt = Annotated[
    Path | None,
    typer.Option(
        "--corpus",
        help="Folder of .txt, .md and .html pages, subfolders included. "
        "Default: $FJHEALTH_CORPUS, else the embedded seed corpus.",
        show_default=False,
        file_okay=False,
    ),
]


def _check_encoding(value: str | None) -> str | None:
    """Refuse an unknown --encoding once, as a usage error, rather than once per file."""
    if value is not None:
        try:
            codecs.lookup(value)
        except LookupError:
            raise typer.BadParameter(f"unknown encoding {value!r}") from None
    return value


EncodingOpt = Annotated[
    str | None,
    typer.Option(
        help="Decode every file with this codec (e.g. gb18030) instead of detecting.",
        callback=_check_encoding,
    ),
]
FormatOpt = Annotated[
    Format,
    typer.Option("--format", help="auto: rich on a terminal, plain text when piped."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="JSON output (same as --format json).")]
JobsOpt = Annotated[
    int,
    typer.Option("--jobs", "-j", min=0, help="Worker processes for --all; 0: one per core."),
]
NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Neither read nor write the cache of cleaned pages.")
]
PlainOpt = Annotated[
    bool, typer.Option("--plain", help="Plain text even on a terminal (same as --format text).")
]
ForceTerminalOpt = Annotated[
    bool, typer.Option("--force-terminal", help="Rich output with styles even when piped.")
]


def _output_format(fmt: Format, as_json: bool, plain: bool, force_terminal: bool) -> str:
    """Resolve --format/--json/--plain/--force-terminal and the TTY test into one format."""
    if as_json and plain:
        raise typer.BadParameter("--json and --plain exclude each other")
    requested = "json" if as_json else "text" if plain else fmt.value
    return choose_format(requested, force_terminal or sys.stdout.isatty())


class _Batch:
    """Runs a command's work over the corpus, warning about each file it has to skip."""

    def __init__(
        self, corpus: Path | None, encoding: str | None, jobs: int = 0, no_cache: bool = False
    ) -> None:
        self.root = corpus_dir(corpus)
        self.encoding = encoding
        self.jobs = jobs
        from .cache import PageCache  # the batch machinery loads only for batch commands

        self.cache = None if no_cache else PageCache()
        self.skipped = 0

    @cached_property
    def paths(self) -> tuple[Path, ...]:
        """The corpus's files, listed once and only for commands that need them all."""
        files = find_files(self.root)
        for group in id_clashes(files):
            names = ", ".join(p.name for p in group)
            warn(f"Warning: {names} share a page number; each is listed under its own ID.")
        return files

    def skip(self, result: PageResult[Any]) -> None:
        """Count and report a file that cannot be read."""
        self.skipped += 1
        warn(f"Warning: skipped {result.error}")

    def run(self, task: Task[T], label: str) -> Iterator[T]:
        """The task's result for every readable page, in corpus order, with a progress bar."""
        from .batch import run_corpus

        results = run_corpus(
            self.paths, task, jobs=self.jobs, cache=self.cache, encoding=self.encoding
        )
        for res in track(results, label, sys.stderr.isatty(), len(self.paths)):
            if res.result is None:
                self.skip(res)
            else:
                yield res.result

    def idf(self) -> IdfTable:
        """The corpus's document frequencies (cached per corpus state)."""
        from .batch import corpus_idf

        return corpus_idf(
            self.paths, jobs=self.jobs, cache=self.cache, encoding=self.encoding, on_error=self.skip
        )

    def select(self, article_id: str | None, every: bool) -> list[Article] | None:
        """The articles an ID names (stdin's for "-"), or None for --all.

        Raises:
            typer.BadParameter: both or neither of an ID and --all were given.
        """
        if every == (article_id is not None):
            raise typer.BadParameter("give an article ID or --all (one of them)")
        if every:
            return None
        return list(_articles(str(article_id), lambda: self.root, self.encoding))

    def finish(self) -> None:
        """Close the cache now (not whenever the garbage collector runs); exit 1 if files were
        skipped."""
        if self.cache is not None:
            self.cache.close()
        if self.skipped:
            raise typer.Exit(ExitCode.ERROR)


def _articles(arg: str, root: Callable[[], Path], encoding: str | None) -> tuple[Article, ...]:
    """The articles an argument names: stdin's for "-", an existing file's, else an ID's."""
    if arg == "-":
        from .corpus import read_text_articles

        articles = read_text_articles(_read_stdin(encoding))
        if not articles:
            warn("No article text on stdin.")
        return articles
    return resolve_arg(arg, root, encoding)


def _read_stdin(encoding: str | None) -> str:
    """All of stdin, decoded like a corpus file (BOM, UTF-8, GB18030, ...); "" when empty."""
    if sys.stdin.isatty():
        warn("Reading text from stdin; end it with Ctrl-D.")
    data = sys.stdin.buffer.read()
    return decode_bytes(data, "<stdin>", encoding)[0] if data.strip() else ""


def _version(value: bool) -> None:
    """Print the version and stop (eager --version)."""
    if value:
        sys.stdout.write(f"fjhealth {__version__}\n")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Read, clean, rank keywords and summarize Chinese health-policy news pages.

    Example: fjhealth show 003
    """


@app.command("list")
def list_articles(
    keywords: Annotated[
        bool, typer.Option("--keywords", help="Add each article's top 5 keywords (loads jieba).")
    ] = False,
    corpus: CorpusOpt = None,
    encoding: EncodingOpt = None,
    jobs: JobsOpt = 0,
    no_cache: NoCacheOpt = False,
    fmt: FormatOpt = Format.auto,
    as_json: JsonOpt = False,
    plain: PlainOpt = False,
    force_terminal: ForceTerminalOpt = False,
) -> None:
    """List the corpus's articles: ID, title, source and date, characters, paragraphs.

    Example: fjhealth list --corpus ~/pages --json
    """
    output = _output_format(fmt, as_json, plain, force_terminal)
    from .batch import ArticlesTask, KeywordsTask

    batch = _Batch(corpus, encoding, jobs, no_cache)
    if keywords:
        top5: dict[str, tuple[Keyword, ...]] = {}

        def stream() -> Iterator[Article]:
            task = KeywordsTask(5, "tfidf", batch.idf())
            for page in batch.run(task, "keywords"):
                for article, kws in page:
                    top5[article.id] = kws
                    yield article

        print_listing(stream(), output, lambda a: top5.pop(a.id), force_terminal)
    else:
        pages = batch.run(ArticlesTask(), "reading")
        print_listing((a for page in pages for a in page), output, force_terminal=force_terminal)
    batch.finish()


@app.command()
def show(
    article_id: Annotated[
        str, typer.Argument(metavar="ID|FILE|-", help=ARGUMENT_HELP)
    ],
    removed: Annotated[
        bool, typer.Option("--removed", help="Also show what the cleaner removed, and why.")
    ] = False,
    pager: Annotated[bool, typer.Option("--pager", help="Page long output on a terminal.")] = False,
    corpus: CorpusOpt = None,
    encoding: EncodingOpt = None,
    fmt: FormatOpt = Format.auto,
    as_json: JsonOpt = False,
    plain: PlainOpt = False,
    force_terminal: ForceTerminalOpt = False,
) -> None:
    """Show a cleaned article; a page ID shows all of its articles in order.

    Example: fjhealth show 002-2 --removed
    """
    output = _output_format(fmt, as_json, plain, force_terminal)
    articles = _articles(article_id, lambda: corpus_dir(corpus), encoding)
    print_articles(articles, output, removed=removed, pager=pager, force_terminal=force_terminal)


ArticleArg = Annotated[
    str | None,
    typer.Argument(
        metavar="ID|FILE|-", help=ARGUMENT_HELP + " Or use --all.", show_default=False
    ),
]
AllOpt = Annotated[bool, typer.Option("--all", help="Every article of the corpus.")]


@app.command()
def keywords(
    article_id: ArticleArg = None,
    every: AllOpt = False,
    method: Annotated[
        KeywordMethod, typer.Option(help="tfidf: with the corpus's IDF; textrank: word graph.")
    ] = KeywordMethod.tfidf,
    top: Annotated[int, typer.Option(min=1, help="How many keywords per article.")] = 10,
    corpus: CorpusOpt = None,
    encoding: EncodingOpt = None,
    jobs: JobsOpt = 0,
    no_cache: NoCacheOpt = False,
    fmt: FormatOpt = Format.auto,
    as_json: JsonOpt = False,
    plain: PlainOpt = False,
    force_terminal: ForceTerminalOpt = False,
) -> None:
    """Rank an article's keywords; piped, one word<TAB>score line each.

    Example: fjhealth keywords 003 --top 5
    """
    output = _output_format(fmt, as_json, plain, force_terminal)
    from .batch import KeywordsTask

    batch = _Batch(corpus, encoding, jobs, no_cache)
    articles = batch.select(article_id, every)
    idf = batch.idf() if method is KeywordMethod.tfidf else None
    task = KeywordsTask(top, method.value, idf)
    if articles is None:
        results: Iterable[tuple[Article, tuple[Keyword, ...]]] = (
            pair for page in batch.run(task, "keywords") for pair in page
        )
    else:
        results = task(tuple(articles))
    print_keywords(results, output, method.value, every or len(articles or ()) > 1, force_terminal)
    batch.finish()


@app.command()
def summarize(
    article_id: Annotated[
        str | None,
        typer.Argument(
            metavar="ID|FILE|-",
            help=ARGUMENT_HELP + " Or use --all.",
            show_default=False,
        ),
    ] = None,
    every: AllOpt = False,
    sentences: Annotated[int, typer.Option(min=1, help="How many sentences.")] = 3,
    chars: Annotated[
        int | None,
        typer.Option(min=1, help="At most this many characters instead of a sentence count."),
    ] = None,
    method: Annotated[
        SummaryMethod, typer.Option(help="rank: fjhealth's own; snownlp; lead: first sentences.")
    ] = SummaryMethod.rank,
    corpus: CorpusOpt = None,
    encoding: EncodingOpt = None,
    jobs: JobsOpt = 0,
    no_cache: NoCacheOpt = False,
    fmt: FormatOpt = Format.auto,
    as_json: JsonOpt = False,
    plain: PlainOpt = False,
    force_terminal: ForceTerminalOpt = False,
) -> None:
    """Summarize articles with whole sentences, in their original order.

    Example: fjhealth summarize --all --sentences 1
    """
    output = _output_format(fmt, as_json, plain, force_terminal)
    from .batch import SummaryTask

    options = SummaryOptions(sentences=sentences, chars=chars, method=method.value)
    task = SummaryTask(options)
    batch = _Batch(corpus, encoding, jobs, no_cache)
    articles = batch.select(article_id, every)
    if articles is None:
        summaries = (s for page in batch.run(task, "summarizing") for s in page)
        print_summaries(summaries, output, force_terminal)
    else:
        print_summaries(task(tuple(articles)), output, force_terminal)
    batch.finish()


cache_app = typer.Typer(
    help="Manage the cache of cleaned pages and their tokens.\n\nExample: fjhealth cache info",
    no_args_is_help=True,
)
app.add_typer(cache_app, name="cache")


@cache_app.command("info")
def cache_info(as_json: JsonOpt = False) -> None:
    """Where the cache is, how many pages it holds and its size.

    Example: fjhealth cache info --json
    """
    from .cache import PageCache

    with closing(PageCache()) as cache:
        info = cache.info()
    print_cache_info(info, "json" if as_json else "text")


@cache_app.command("clear")
def cache_clear() -> None:
    """Delete the cache; the next run cleans and segments every page again.

    Example: fjhealth cache clear
    """
    from .cache import PageCache

    with closing(PageCache()) as cache:
        freed = cache.clear()
    warn(f"Cleared the cache ({freed / 1e6:.1f} MB).")
