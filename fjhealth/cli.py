"""The fjhealth command line: parse options, call the library, render, map errors to exit codes.

Options every command shares and their resolution live in ``cli_options``; running a command
over a corpus (workers, cache, progress) in ``cli_batch``.
"""

from __future__ import annotations

import copy
import errno
import os
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import closing
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from . import __version__, entry, progress
from .cli_batch import Batch as _Batch
from .cli_batch import articles_for as _articles
from .cli_options import (
    Color,
    ColorOpt,
    CorpusOpt,
    EncodingOpt,
    ExitCode,
    ForceTerminalOpt,
    Format,
    FormatOpt,
    JobsOpt,
    JsonOpt,
    NoCacheOpt,
    PlainOpt,
    WidthOpt,
    complete_ids,
    isatty,
)
from .cli_options import corpus_root as _corpus_root
from .cli_options import output_format as _output_format
from .cli_options import with_corpus as _with_corpus
from .errors import ArticleNotFound, FjhealthError
from .render import (
    print_articles,
    print_cache_info,
    print_duplicate_groups,
    print_keywords,
    print_listing,
    print_related,
    print_search_hits,
    print_summaries,
    warn,
)

if TYPE_CHECKING:
    from .models import Article
    from .values import Keyword, Summary

__all__ = ["ExitCode", "app"]


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
        sys.unraisablehook = _unraisable
        _interrupted.clear()
        quiet = False
        try:
            quiet = entry.raise_on_interrupt()  # Ctrl-C is ours to handle until the end
            if sys.stdout is None:  # started with stdout closed (">&-")
                sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - for the exit flush
                raise FjhealthError("standard output is closed: nowhere to write")
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
            _interrupted.append(True)
            progress.stop()
            _end_interrupted_line()
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except BrokenPipeError:
            progress.stop()
            _silence_stdout()
            raise typer.Exit(ExitCode.OK) from None
        except OSError as exc:
            if exc.errno not in _OUTPUT_ERRNOS:
                raise
            progress.stop()
            warn(f"Error: cannot write the output: {exc.strerror}")
            _silence_stdout()
            raise typer.Exit(ExitCode.ERROR) from None
        finally:
            progress.stop()
            if quiet:
                entry.exit_on_interrupt()


_interrupted: list[bool] = []  # non-empty once Ctrl-C was handled


def _unraisable(unraisable: Any) -> None:
    """Ctrl-C that landed where Python can only report and drop exceptions (a weakref callback
    during an import, a ``__del__``) is delivered again at once, so it is never lost."""
    if issubclass(unraisable.exc_type, KeyboardInterrupt):
        import signal
        import threading

        main = threading.main_thread().ident

        def again() -> None:  # unless the interrupt reached the handler after all
            if not _interrupted:
                signal.pthread_kill(main, signal.SIGINT)

        timer = threading.Timer(0.05, again)
        timer.daemon = True
        timer.start()
        return
    sys.__unraisablehook__(unraisable)


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


# Writing stdout failed for good: disk full (/dev/full), quota, I/O error, a bad descriptor.
_OUTPUT_ERRNOS = frozenset(
    getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EIO", "EBADF", "EFBIG")
    if hasattr(errno, name)
)


def _silence_stdout() -> None:
    """After the reader closed the pipe, point stdout at devnull so the exit flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (e.g. under a test runner)
        pass


class _Typer(typer.Typer):
    """Builds only the command being run, so commands added later are lazy too: Typer turns
    every command's signature into Click parameters before parsing (~40 M instructions for
    six). Help, completion, mistakes and anything else that names no command see them all.
    Help and usage errors use Rich on a terminal, Click's plain text in a pipe (importing and
    running Rich's help layout doubled the time of a piped ``--help``)."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.rich_markup_mode = "rich" if isatty(sys.stdout) else None
        argv = kwargs.get("args", args[0] if args else None)
        name = _command_word(sys.argv[1:] if argv is None else list(argv))
        commands = [c for c in self.registered_commands if _command_name(c) == name]
        groups = [g for g in self.registered_groups if g.name == name]
        if not (commands or groups) or _COMPLETE_ENV in os.environ:
            return super().__call__(*args, **kwargs)
        only = copy.copy(self)
        only.registered_commands, only.registered_groups = commands, groups
        return typer.Typer.__call__(only, *args, **kwargs)


# Set while a shell asks Click for completions (then every command must be there).
_COMPLETE_ENV = "_FJHEALTH_COMPLETE"


def _command_word(argv: list[str]) -> str | None:
    """The command an argument list names: its first word that is not an option (the main
    command's options are all flags)."""
    for arg in argv:
        if arg == "--":
            return None
        if not arg.startswith("-"):
            return arg
    return None


def _command_name(info: Any) -> str | None:
    """The name a registered command is invoked by."""
    if isinstance(info.name, str):
        return info.name
    return typer.main.get_command_name(info.callback.__name__) if info.callback else None


app = _Typer(
    cls=_Group,
    name="fjhealth",
    no_args_is_help=True,
    add_completion=True,  # --install-completion, --show-completion (see cli_options.complete_ids)
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# What show, summarize and keywords take as their argument.
ARGUMENT_HELP = (
    "An article ID (3, 003, 002-2, a file stem or name in the corpus), a page file (.txt, .md "
    "or .html, any folder), or - for stdin (format sniffed). An argument naming an existing file "
    "is that file; anything else is an ID."
)


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
    dedupe: Annotated[
        bool, typer.Option("--dedupe", help="Only near-duplicate articles, in groups.")
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
    elif dedupe or output == "rich":  # the table marks copies: ≈ and the group's first ID
        from .dedupe import duplicate_of, find_duplicates, fingerprint

        every = [a for page in batch.run(ArticlesTask(), "reading") for a in page]
        groups = find_duplicates((a.id, fingerprint(a)) for a in every)
        if dedupe:
            print_duplicate_groups(groups, {a.id: a for a in every}, output, force_terminal)
        else:
            print_listing(every, output, None, force_terminal, duplicate_of(groups))
    else:
        pages = batch.run(ArticlesTask(), "reading")
        print_listing((a for page in pages for a in page), output, force_terminal=force_terminal)
    batch.finish()


@app.command()
def show(
    article_id: Annotated[
        str,
        typer.Argument(metavar="ID|FILE|-", help=ARGUMENT_HELP, autocompletion=complete_ids),
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
    from .cache import PageCache
    from .cli_batch import Pages, usable_cache

    with closing(PageCache()) as cache:
        articles = _articles(article_id, lambda: _corpus_root(corpus), encoding,
                             Pages(usable_cache(cache), encoding))
    print_articles(articles, output, removed=removed, pager=pager, force_terminal=force_terminal)


ArticleArg = Annotated[
    str | None,
    typer.Argument(
        metavar="ID|FILE|-",
        help=ARGUMENT_HELP + " Or use --all.",
        show_default=False,
        autocompletion=complete_ids,
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
        results = batch.pages.each(articles, task)
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
            autocompletion=complete_ids,
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
    from .values import SummaryOptions

    options = SummaryOptions(sentences=sentences, chars=chars, method=method.value)
    task = SummaryTask(options)
    batch = _Batch(corpus, encoding, jobs, no_cache, "summarizing")
    articles = batch.select(article_id, every)
    if articles is None:
        summaries: Iterable[Summary] = (s for page in batch.run(task, "summarizing") for s in page)
    else:
        summaries = batch.pages.each(articles, task)
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


def _date_bound(value: str | None) -> str | None:
    """Check a --since/--until date: YYYY, YYYY-MM or YYYY-MM-DD."""
    if value is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise typer.BadParameter(f"not a date: {value!r} (use YYYY-MM-DD, YYYY-MM or YYYY)")
    return value


DateOpt = Annotated[str | None, typer.Option(callback=_date_bound, show_default=False)]


@app.command()
def search(
    query: Annotated[
        str, typer.Argument(help='Words, "a phrase", AND / OR / NOT (or -word), ( ).')
    ],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many hits.")] = 10,
    source: Annotated[
        str | None, typer.Option(help="Only articles whose source contains this.")
    ] = None,
    since: DateOpt = None,
    until: DateOpt = None,
    corpus: CorpusOpt = None,
    encoding: EncodingOpt = None,
    jobs: JobsOpt = 0,
    fmt: FormatOpt = Format.auto,
    as_json: JsonOpt = False,
    plain: PlainOpt = False,
    force_terminal: ForceTerminalOpt = False,
    color: ColorOpt = Color.auto,
    width: WidthOpt = None,
) -> None:
    """Search the corpus's articles, best match first; piped, id<TAB>score<TAB>title<TAB>snippet.

    Plain words rank articles by how well they match (not every word need appear); quotes,
    AND, OR and NOT make the query strict. The index lives in the page cache and follows the
    corpus. Example: fjhealth search '"分级诊疗" 医共体' --since 2024-01
    """
    output = _output_format(fmt, as_json, plain, force_terminal, color, width)
    from .query import QueryError
    from .search import SearchOptions, search_corpus

    batch = _Batch(corpus, encoding, jobs)
    assert batch.cache is not None
    options = SearchOptions(limit=limit, source=source, since=since, until=_end_of(until))
    try:
        hits = search_corpus(batch.root, batch.paths, query, options, cache=batch.cache,
                             encoding=encoding, jobs=jobs, on_error=batch.skip)
    except QueryError as exc:
        raise typer.BadParameter(str(exc), param_hint="QUERY") from None
    print_search_hits(hits, output, force_terminal)
    if not hits:
        warn("No article matches.")
    batch.finish()


@app.command()
def related(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="An article ID (003, 002-2).")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many articles.")] = 10,
    corpus: CorpusOpt = None,
    encoding: EncodingOpt = None,
    jobs: JobsOpt = 0,
    fmt: FormatOpt = Format.auto,
    as_json: JsonOpt = False,
    plain: PlainOpt = False,
    force_terminal: ForceTerminalOpt = False,
    color: ColorOpt = Color.auto,
    width: WidthOpt = None,
) -> None:
    """Articles most like one article (BM25 with its top terms), with scores relative to it.

    Example: fjhealth related 003 --limit 5
    """
    output = _output_format(fmt, as_json, plain, force_terminal, color, width)
    from .related import related_in_corpus

    batch = _Batch(corpus, encoding, jobs)
    assert batch.cache is not None
    articles = _articles(article_id, lambda: batch.root, encoding)
    if len(articles) > 1:
        ids = ", ".join(a.id for a in articles)
        raise typer.BadParameter(f"{article_id} holds several articles: give one of {ids}")
    hits = related_in_corpus(batch.root, batch.paths, articles[0].id, limit, cache=batch.cache,
                             encoding=encoding, jobs=jobs, on_error=batch.skip)
    print_related(hits, output, force_terminal)
    batch.finish()


@app.command()
def browse(
    corpus: CorpusOpt = None,
    encoding: EncodingOpt = None,
    jobs: JobsOpt = 0,
) -> None:
    """Read the corpus full-screen: type to filter, / search, Enter open, n/p next/previous,
    r related, c copy the summary, Escape back, q quit. It changes no file.

    Example: fjhealth browse --corpus ~/pages
    """
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise typer.BadParameter("browse needs a terminal (for piped output use list or search)")
    from .browse import CorpusSource, run_browser  # Textual loads for this command only

    batch = _Batch(corpus, encoding, jobs)
    run_browser(CorpusSource(batch.root, batch.paths, encoding, jobs or None, batch.skip))
    batch.finish()


def _end_of(until: str | None) -> str | None:
    """The last day a --until of YYYY or YYYY-MM names (ISO dates compare as text)."""
    if until is None or len(until) == 10:
        return until
    return until + "-12-31"[len(until) - 4 :]


cache_app = typer.Typer(
    help="What fjhealth keeps on disk: the cache of cleaned pages and their tokens, and jieba's "
    "dictionary cache.\n\nExample: fjhealth cache info",
    no_args_is_help=True,
)
app.add_typer(cache_app, name="cache")


@cache_app.command("info")
def cache_info(
    fmt: FormatOpt = Format.auto,
    as_json: JsonOpt = False,
    plain: PlainOpt = False,
    force_terminal: ForceTerminalOpt = False,
    color: ColorOpt = Color.auto,
    width: WidthOpt = None,
) -> None:
    """Where the cache is, every file in it with its size, how many pages it holds, its limit
    ($FJHEALTH_CACHE_MAX, default 1GB).

    Example: fjhealth cache info --json
    """
    output = _output_format(fmt, as_json, plain, force_terminal, color, width)
    from .cache import PageCache
    from .disk import page_cache_limit, stored_files
    from .records import cache_record

    with closing(PageCache()) as cache:
        info = cache.info()
    record = cache_record(info, stored_files(cache.directory), page_cache_limit(os.environ))
    print_cache_info(record, output)


@cache_app.command("clear")
def cache_clear() -> None:
    """Delete what fjhealth keeps on disk; the next run cleans and segments every page again.

    Example: fjhealth cache clear
    """
    from .cache import default_cache_dir
    from .disk import clear, format_size

    directory = default_cache_dir()
    removed = clear(None if "FJHEALTH_CACHE_DIR" not in os.environ else directory)
    size = format_size(sum(f.size for f in removed))
    warn(f"Cleared {len(removed)} files ({size}) from {directory}.")


@cache_app.command("trim")
def cache_trim(
    limit: Annotated[
        str | None,
        typer.Option(
            "--to",
            help="Trim the page cache under this size (e.g. 200MB). Default: its limit.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Drop the oldest pages of the page cache until it is under its limit (runs that write
    the cache do this by themselves).

    Example: fjhealth cache trim --to 200MB
    """
    from .disk import format_size, page_cache_limit, parse_size, trim_page_cache

    try:
        cap = parse_size(limit) if limit is not None else page_cache_limit(os.environ)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--to'") from None
    freed = trim_page_cache(cap) if cap else 0
    warn(f"Freed {format_size(freed)}.")
