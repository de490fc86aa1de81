"""The command line's shared vocabulary: the options every command takes, as Typer parameters,
and shell completion of IDs. Exit statuses and the options' resolution (output settings, the
corpus folder named by where it came from) live in ``cli_core``, which needs no Typer, and are
re-exported here."""

from __future__ import annotations

import codecs
import inspect
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from .cli_core import (  # noqa: F401 - re-exported: the commands import them from here
    Color,
    ExitCode,
    Format,
    corpus_root,
    isatty,
    output_format,
    with_corpus,
)
from .corpus import corpus_dir
from .output import MIN_WIDTH


class HelpGroup(TyperGroup):
    """A group whose --help lists each command with the first paragraph of its help, whole and
    on one line: Click cut it at the width with "..." in a pipe, and Rich kept the docstring's
    line breaks."""

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None and not command.short_help and command.help:
            first = inspect.cleandoc(command.help).split("\n\n", 1)[0]
            command.short_help = " ".join(first.split())
        return command


def _corpus_path(value: str) -> Path:
    """--corpus as given; empty (``--corpus "$DIR"`` with DIR unset) is refused, not read as
    the current folder."""
    if not value.strip():
        raise typer.BadParameter("empty: give a corpus folder")
    return Path(value)


CorpusOpt = Annotated[
    Path | None,
    typer.Option(
        "--corpus",
        help="Folder of .txt, .md and .html pages, subfolders included. "
        "Default: $FJHEALTH_CORPUS, else the embedded seed corpus.",
        show_default=False,
        parser=_corpus_path,
        metavar="<path>",
    ),
]


def _check_encoding(value: str | None) -> str | None:
    """Refuse an unknown --encoding once, as a usage error, rather than once per file."""
    if value is not None:
        try:
            info = codecs.lookup(value)
        except (LookupError, UnicodeError, ValueError):  # a byte no UTF-8, a NUL: no codec
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
    typer.Option("--jobs", "-j", min=0,
                 help="Worker processes that clean pages not yet cached; 0: one per core."),
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
