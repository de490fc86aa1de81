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

from . import __version__, progress
from .corpus import CORPUS_ENV, corpus_dir, decode_bytes, find_files, id_clashes, resolve_arg
from .errors import ArticleNotFound, CorpusError, FjhealthError
from .models import Article, Keyword, Summary, SummaryOptions
from .output import MIN_WIDTH, OutputConflict, resolve_output
from .render import (
    configure,
    print_articles,
    print_cache_info,
    print_keywords,
    print_listing,
    print_summaries,
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


class Color(str, Enum):
    """Values of --color."""

    auto = "auto"
    always = "always"
    never = "never"


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
            progress.stop()
            sys.stdout.flush()
            return result
        except ArticleNotFound as exc:
            progress.stop()
            warn(f"Error: {_with_corpus(str(exc))}")
            raise typer.Exit(ExitCode.USAGE) from None
        except FjhealthError as exc:
            progress.stop()
            warn(f"Error: {exc}")
            raise typer.Exit(ExitCode.ERROR) from None
        except KeyboardInterrupt:
            progress.stop()
            _end_interrupted_line()
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except BrokenPipeError:
            progress.stop()
            _silence_stdout()
            raise typer.Exit(ExitCode.OK) from None
        finally:
            progress.stop()


def _end_interrupted_line() -> None:
    """After Ctrl-C, leave the cursor at the start of a clean line: erase the terminal's "^C"
    (and anything a progress bar left) where the cursor can move, else start a new line."""
    try:
        if not sys.stderr.isatty():
            return
        dumb = os.environ.get("TERM", "").lower() in ("dumb", "unknown")
        sys.stderr.write("\n" if dumb else progress.CLEAR)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


# How the corpus in use was named ("--corpus DIR"), for hints that suggest another command.
_corpus_flag = ""


def _with_corpus(message: str) -> str:
    """A message whose suggested ``fjhealth list`` keeps the --corpus in use."""
    if _corpus_flag:
        return message.replace("'fjhealth list'", f"'fjhealth list {_corpus_flag}'")
    return message


def _corpus_root(corpus: Path | None) -> Path:
    """The corpus folder, a wrong one named by where it came from (--corpus or the environment).

    Raises:
        typer.BadParameter: the folder is missing, a file or unreadable (exit 2 in each case).
    """
    global _corpus_flag
    import shlex

    env = os.environ.get(CORPUS_ENV)
    source = "--corpus" if corpus is not None else f"${CORPUS_ENV}" if env else ""
    if corpus is not None:
        _corpus_flag = f"--corpus {shlex.quote(str(corpus))}"
    try:
        return corpus_dir(corpus)
    except CorpusError as exc:
        if not source:
            raise
        raise typer.BadParameter(str(exc), param_hint=f"'{source}'") from None


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
    typer.Option(
        "--format",
        help="auto: rich on a terminal (or with --color always), plain text when piped.",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="JSON output (same as --format json).")]
ColorOpt = Annotated[
    Color,
    typer.Option(
        "--color",
        help="Colours in rich output. auto: on a terminal, off with $NO_COLOR, on with "
        "$FORCE_COLOR or $CLICOLOR_FORCE; always also makes auto output rich when piped.",
    ),
]
WidthOpt = Annotated[
    int | None,
    typer.Option(
        "--width",
        min=MIN_WIDTH,
        help="Rich output this many columns wide (default: the terminal's).",
        show_default=False,
    ),
]
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


def _output_format(
    fmt: Format,
    as_json: bool,
    plain: bool,
    force_terminal: bool,
    color: Color = Color.auto,
    width: int | None = None,
) -> str:
    """Resolve the output options, the environment and the TTY test (see fjhealth.output) into
    the format to print, and set up rich output to match.

    Raises:
        typer.BadParameter: options that contradict each other (exit 2).
    """
    try:
        output = resolve_output(
            fmt=fmt.value,
            as_json=as_json,
            plain=plain,
            force_terminal=force_terminal,
            color=color.value,
            width=width,
            stdout_tty=_isatty(sys.stdout),
            env=os.environ,
        )
    except OutputConflict as exc:
        raise typer.BadParameter(str(exc)) from None
    configure(output)
    return output.format


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (ValueError, AttributeError):
        return False


def _usable_cores() -> int:
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class _Batch:
    """Runs a command's work over the corpus, warning about each file it has to skip."""

    def __init__(
        self,
        corpus: Path | None,
        encoding: str | None,
        jobs: int = 0,
        no_cache: bool = False,
        label: str = "starting",
    ) -> None:
        self.root = _corpus_root(corpus)
        self.encoding = encoding
        cores = _usable_cores()
        if jobs > cores:
            warn(f"Note: --jobs {jobs} capped at {cores}, the number of cores.")
            jobs = cores
        self.jobs = jobs
        from .cache import PageCache  # the batch machinery loads only for batch commands

        self.cache = None if no_cache else PageCache()
        self.skipped = 0
        self.read = 0  # readable pages seen by run()
        progress.start(progress.mode_for(sys.stderr, os.environ), _lang())
        progress.phase(label)

    @cached_property
    def paths(self) -> tuple[Path, ...]:
        """The corpus's files, listed once and only for commands that need them all."""
        progress.phase("reading")
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

        paths = self.paths
        progress.phase(label, len(paths))
        for res in run_corpus(
            paths, task, jobs=self.jobs, cache=self.cache, encoding=self.encoding
        ):
            progress.advance()
            if res.result is None:
                self.skip(res)
            else:
                self.read += 1
                yield res.result
        progress.stop()
        if not self.read:
            warn(f"Warning: no readable pages in {self.root}")

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
            raise typer.BadParameter("give an article ID or --all (one of them)")
        if every:
            return None
        return list(_articles(str(article_id), lambda: self.root, self.encoding))

    def finish(self) -> None:
        """Close the cache now (not whenever the garbage collector runs); exit 1 if files were
        skipped."""
        progress.stop()
        if self.cache is not None:
            self.cache.close()
        if self.skipped:
            raise typer.Exit(ExitCode.ERROR)


def _articles(arg: str, root: Callable[[], Path], encoding: str | None) -> tuple[Article, ...]:
    """The articles an argument names: stdin's for "-", an existing file's, else an ID's."""
    if arg == "-":
        from .corpus import read_text_articles

        text = _read_stdin(encoding)
        if not text:
            return ()
        articles = read_text_articles(text)
        if not articles:
            warn("No article text on stdin.")
        return articles
    return resolve_arg(arg, root, encoding)


def _read_stdin(encoding: str | None) -> str:
    """All of stdin, decoded like a corpus file (BOM, UTF-8, GB18030, ...); "" when empty."""
    if sys.stdin.isatty():
        warn("Reading text from stdin; end it with Ctrl-D.")
    data = sys.stdin.buffer.read()
    if not data.strip():
        warn("Warning: stdin is empty: nothing to read.")
        return ""
    return decode_bytes(data, "<stdin>", encoding)[0]


def _lang() -> str:
    """The language of progress labels (Chinese when the locale is)."""
    from .output import locale_lang

    return locale_lang(os.environ)


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
    color: ColorOpt = Color.auto,
    width: WidthOpt = None,
) -> None:
    """List the corpus's articles: ID, title, source and date, characters, paragraphs.

    Example: fjhealth list --corpus ~/pages --json
    """
    output = _output_format(fmt, as_json, plain, force_terminal, color, width)
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
    color: ColorOpt = Color.auto,
    width: WidthOpt = None,
) -> None:
    """Show a cleaned article; a page ID shows all of its articles in order.

    Example: fjhealth show 002-2 --removed
    """
    output = _output_format(fmt, as_json, plain, force_terminal, color, width)
    articles = _articles(article_id, lambda: _corpus_root(corpus), encoding)
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
    color: ColorOpt = Color.auto,
    width: WidthOpt = None,
) -> None:
    """Rank an article's keywords; piped, one word<TAB>score line each.

    Example: fjhealth keywords 003 --top 5
    """
    output = _output_format(fmt, as_json, plain, force_terminal, color, width)
    from .batch import KeywordsTask

    batch = _Batch(corpus, encoding, jobs, no_cache, "keywords")
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
    color: ColorOpt = Color.auto,
    width: WidthOpt = None,
) -> None:
    """Summarize articles with whole sentences, in their original order.

    Example: fjhealth summarize --all --sentences 1
    """
    output = _output_format(fmt, as_json, plain, force_terminal, color, width)
    from .batch import SummaryTask

    options = SummaryOptions(sentences=sentences, chars=chars, method=method.value)
    task = SummaryTask(options)
    batch = _Batch(corpus, encoding, jobs, no_cache, "summarizing")
    articles = batch.select(article_id, every)
    if articles is None:
        summaries: Iterable[Summary] = (s for page in batch.run(task, "summarizing") for s in page)
    else:
        summaries = task(tuple(articles))
    unfit: list[str] = []
    print_summaries(_note_empty(summaries, unfit, chars), output, force_terminal)
    if unfit:
        more = f" and {len(unfit) - 5} more" if len(unfit) > 5 else ""
        warn(f"Warning: no sentence fits in --chars {chars}: {', '.join(unfit[:5])}{more}")
    batch.finish()


def _note_empty(
    summaries: Iterable[Summary], unfit: list[str], chars: int | None
) -> Iterator[Summary]:
    """Pass summaries on, noting the IDs of those a --chars budget left empty."""
    for s in summaries:
        if chars is not None and not s.sentences:
            unfit.append(s.article_id)
        yield s


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
