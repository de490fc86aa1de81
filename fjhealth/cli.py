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
from .render import choose_format, print_articles, print_listing, warn


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
    skipped: list[Path] = []

    def skip(path: Path, exc: CorpusError) -> None:
        skipped.append(path)
        warn(f"Warning: skipped {exc}")

    articles = load_corpus(corpus_dir(corpus), encoding, on_error=skip)
    print_listing(articles, output, force_terminal=force_terminal)
    if skipped:
        raise typer.Exit(ExitCode.ERROR)


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
