"""The fjhealth command line: parse options, call the library, render, map errors to exit codes."""

from __future__ import annotations

import os
import sys
from enum import Enum, IntEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from . import __version__
from .corpus import corpus_dir, load_corpus, resolve_id
from .errors import ArticleNotFound, CorpusError, FjhealthError
from .models import Article, Keyword, SummaryOptions
from .render import (
    choose_format,
    print_articles,
    print_keywords,
    print_listing,
    print_summaries,
    track,
    warn,
)


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

CorpusOpt = Annotated[
    Path | None,
    typer.Option(
        "--corpus",
        help="Folder of .txt pages. Default: $FJHEALTH_CORPUS, else the embedded seed corpus.",
        show_default=False,
        file_okay=False,
    ),
]
EncodingOpt = Annotated[
    str | None,
    typer.Option(help="Decode every file with this codec (e.g. gb18030) instead of detecting."),
]
FormatOpt = Annotated[
    Format,
    typer.Option("--format", help="auto: rich on a terminal, plain text when piped."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="JSON output (same as --format json).")]
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
    """Reads articles for a command, warning about each file it has to skip."""

    def __init__(self, corpus: Path | None, encoding: str | None) -> None:
        self.root = corpus_dir(corpus)
        self.encoding = encoding
        self.skipped = 0

    def skip(self, path: Path, exc: CorpusError) -> None:
        """Count and report a file that cannot be read."""
        self.skipped += 1
        warn(f"Warning: skipped {exc}")

    def all(self) -> list[Article]:
        """Every readable article of the corpus."""
        return list(load_corpus(self.root, self.encoding, on_error=self.skip))

    def select(self, article_id: str | None, every: bool) -> list[Article]:
        """The articles an ID names, or all of them with --all."""
        if every == (article_id is not None):
            raise typer.BadParameter("give an article ID or --all (one of them)")
        if every:
            return self.all()
        if article_id == "-":
            from .clean import clean_text

            return list(clean_text(sys.stdin.read(), "-"))
        return list(resolve_id(self.root, str(article_id), self.encoding))

    def finish(self) -> None:
        """Exit 1 when some files were skipped."""
        if self.skipped:
            raise typer.Exit(ExitCode.ERROR)


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
    fmt: FormatOpt = Format.auto,
    as_json: JsonOpt = False,
    plain: PlainOpt = False,
    force_terminal: ForceTerminalOpt = False,
) -> None:
    """List the corpus's articles: ID, title, source and date, characters, paragraphs.

    Example: fjhealth list --corpus ~/pages --json
    """
    output = _output_format(fmt, as_json, plain, force_terminal)
    batch = _Batch(corpus, encoding)
    if keywords:
        from .keywords import build_idf, rank_keywords

        articles = batch.all()
        idf = build_idf(articles)
        top5 = {a.id: rank_keywords(a, top=5, idf=idf) for a in articles}
        print_listing(
            articles, output, keywords=lambda a: top5[a.id], force_terminal=force_terminal
        )
    else:
        articles_stream = load_corpus(batch.root, encoding, on_error=batch.skip)
        print_listing(articles_stream, output, force_terminal=force_terminal)
    batch.finish()


@app.command()
def show(
    article_id: Annotated[
        str, typer.Argument(metavar="ID", help="3, 003, 002-2, a file stem or a file name.")
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
    articles = resolve_id(corpus_dir(corpus), article_id, encoding)
    print_articles(articles, output, removed=removed, pager=pager, force_terminal=force_terminal)


ArticleArg = Annotated[
    str | None,
    typer.Argument(
        metavar="ID", help="3, 003, 002-2, a file stem or name; or use --all.", show_default=False
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
    fmt: FormatOpt = Format.auto,
    as_json: JsonOpt = False,
    plain: PlainOpt = False,
    force_terminal: ForceTerminalOpt = False,
) -> None:
    """Rank an article's keywords; piped, one word<TAB>score line each.

    Example: fjhealth keywords 003 --top 5
    """
    output = _output_format(fmt, as_json, plain, force_terminal)
    from .keywords import build_idf, rank_keywords

    batch = _Batch(corpus, encoding)
    articles = batch.select(article_id, every)
    idf = None
    if method is KeywordMethod.tfidf:
        idf = build_idf(articles if every else batch.all())

    def ranked(a: Article) -> tuple[Article, tuple[Keyword, ...]]:
        return a, rank_keywords(a, top=top, method=method.value, idf=idf)

    results = map(ranked, track(articles, "keywords", every and sys.stderr.isatty()))
    print_keywords(results, output, method.value, every or len(articles) > 1, force_terminal)
    batch.finish()


@app.command()
def summarize(
    article_id: Annotated[
        str | None,
        typer.Argument(
            metavar="ID|-",
            help="An article ID, or - to read any text on stdin.",
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
    fmt: FormatOpt = Format.auto,
    as_json: JsonOpt = False,
    plain: PlainOpt = False,
    force_terminal: ForceTerminalOpt = False,
) -> None:
    """Summarize articles with whole sentences, in their original order.

    Example: fjhealth summarize --all --sentences 1
    """
    output = _output_format(fmt, as_json, plain, force_terminal)
    from .summarize import summarize as summarize_article

    options = SummaryOptions(sentences=sentences, chars=chars, method=method.value)
    batch = _Batch(corpus, encoding)
    articles = batch.select(article_id, every)
    progress = track(articles, "summarizing", every and sys.stderr.isatty())
    print_summaries((summarize_article(a, options) for a in progress), output, force_terminal)
    batch.finish()
