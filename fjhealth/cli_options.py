"""The command line's shared vocabulary: exit statuses, the options every command takes, and
their resolution (the output settings, the corpus folder named by where it came from)."""

from __future__ import annotations

import codecs
import os
import sys
from enum import Enum, IntEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from .console import configure
from .corpus import CORPUS_ENV, corpus_dir
from .errors import CorpusError
from .output import MIN_WIDTH, OutputConflict, resolve_output


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
            info = codecs.lookup(value)
        except LookupError:
            raise typer.BadParameter(f"unknown encoding {value!r}") from None
        # "rot13", "base64": codecs of bytes or str, not text encodings; "undefined" always fails
        if not getattr(info, "_is_text_encoding", True) or info.name == "undefined":
            raise typer.BadParameter(f"{value!r} is not a text encoding")
    return value


EncodingOpt = Annotated[
    str | None,
    typer.Option(
        help="Decode every file with this codec (e.g. gb18030) instead of detecting "
        "(BOM, UTF-8, an HTML page's <meta> charset, GB18030, then a detector).",
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


def output_format(
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
            stdout_tty=isatty(sys.stdout),
            env=os.environ,
        )
    except OutputConflict as exc:
        raise typer.BadParameter(str(exc)) from None
    configure(output)
    return output.format


def isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (ValueError, AttributeError):
        return False


# How the corpus in use was named ("--corpus DIR"), for hints that suggest another command.
_corpus_flag = ""


def with_corpus(message: str) -> str:
    """A message whose suggested ``fjhealth list`` keeps the --corpus in use."""
    if _corpus_flag:
        return message.replace("'fjhealth list'", f"'fjhealth list {_corpus_flag}'")
    return message


def corpus_root(corpus: Path | None) -> Path:
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


def complete_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion of an ID argument: the page IDs of the corpus in use (``--corpus`` if
    already typed, else ``$FJHEALTH_CORPUS``, else the seeds), from file names only, so it is
    quick and never cleans a page. A path-like word gets none, and the shell completes files."""
    if incomplete.startswith((".", "/", "~")) or "/" in incomplete:
        return []
    from .corpus import corpus_ids, find_files

    try:
        typed = ctx.params.get("corpus")  # a str: completion parses without converting
        root = corpus_dir(Path(typed) if typed else None)
        ids = corpus_ids(find_files(root)).values()
    except Exception:  # noqa: BLE001 -- a completion never prints an error into the shell
        return []
    return sorted({i for i in ids if i.startswith(incomplete)})


# What show, summarize and keywords take as their argument.
ARGUMENT_HELP = (
    "An article ID (3, 003, 002-2, a file stem or name in the corpus), a page file (.txt, .md "
    "or .html, any folder), or - for stdin (format sniffed). An argument naming an existing file "
    "is that file; anything else is an ID."
)
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
