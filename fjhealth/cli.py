"""The fjhealth command line: parse options, call the library, render, map errors to exit codes.

Options every command shares and their resolution live in ``cli_options``; running a command
over a corpus (workers, cache, progress) in ``cli_batch``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import closing
from enum import Enum
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from . import __version__, progress
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
)
from .cli_options import corpus_root as _corpus_root
from .cli_options import output_format as _output_format
from .cli_options import with_corpus as _with_corpus
from .errors import ArticleNotFound, FjhealthError
from .models import Article, Keyword, Summary, SummaryOptions
from .render import (
    print_articles,
    print_cache_info,
    print_keywords,
    print_listing,
    print_summaries,
    warn,
)

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
    article_id: Annotated[str, typer.Argument(metavar="ID|FILE|-", help=ARGUMENT_HELP)],
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
    typer.Argument(metavar="ID|FILE|-", help=ARGUMENT_HELP + " Or use --all.", show_default=False),
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
