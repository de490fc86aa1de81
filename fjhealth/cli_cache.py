"""``fjhealth cache info|clear|trim``: what fjhealth keeps on disk."""

from __future__ import annotations

import os
from contextlib import closing
from pathlib import Path
from typing import Annotated

import typer

from .cli_options import (
    Color,
    ColorOpt,
    ForceTerminalOpt,
    Format,
    FormatOpt,
    HelpGroup,
    JsonOpt,
    PlainOpt,
    WidthOpt,
)
from .cli_options import output_format as _output_format
from .render import warn
from .render_lists import print_cache_info

cache_app = typer.Typer(
    cls=HelpGroup,
    help="What fjhealth keeps on disk: the cache of cleaned pages and their tokens, the search "
    "index of each corpus searched, and jieba's dictionary cache.\n\nExample: fjhealth cache info",
    no_args_is_help=True,
)


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
    ($FJHEALTH_CACHE_MAX, default 1GB). A search index whose corpus folder is gone is listed
    as a stale search index (clear --stale and trim delete those).

    Example: fjhealth cache info --json
    """
    output = _output_format(fmt, as_json, plain, force_terminal, color, width)
    from .cache import PageCache
    from .disk import page_cache_limit, stored_files, with_stale
    from .records import cache_record

    with closing(PageCache()) as cache:
        info = cache.info()
        if _under_a_file(cache.directory):  # (unusable() creates a missing folder: not here)
            from .cli_batch import cache_dir_origin

            warn(f"Warning: {cache.unusable()}{cache_dir_origin()}")
    files = with_stale(stored_files(cache.directory))
    record = cache_record(info, files, page_cache_limit(os.environ))
    print_cache_info(record, output)


def _under_a_file(directory: Path) -> bool:
    """Whether a file stands where the folder or one of its parents should be."""
    for path in (directory, *directory.parents):
        if path.exists():
            return not path.is_dir()
    return False


@cache_app.command("clear")
def cache_clear(
    stale: Annotated[bool, typer.Option(
        "--stale", help="Delete only the search indexes of corpus folders that no longer exist.")
    ] = False,
) -> None:
    """Delete what fjhealth keeps on disk; the next run cleans and segments every page again.

    Example: fjhealth cache clear --stale
    """
    from .cache import default_cache_dir
    from .disk import clear, format_size, remove_stale

    directory = default_cache_dir()
    chosen = None if "FJHEALTH_CACHE_DIR" not in os.environ else directory
    removed = remove_stale(chosen) if stale else clear(chosen)
    size = format_size(sum(f.size for f in removed))
    files = "1 file" if len(removed) == 1 else f"{len(removed)} files"
    warn(f"Cleared {files} ({size}) from {directory}.")


@cache_app.command("trim")
def cache_trim(
    limit: Annotated[
        str | None,
        typer.Option(
            "--to",
            help="Trim the page cache under this size (e.g. 200MB; 0 empties it). Default: "
            "its limit.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Drop the oldest pages of the page cache until it is under its limit, and the search
    indexes of corpus folders that no longer exist (runs that take the page cache past its
    limit do this by themselves).

    Example: fjhealth cache trim --to 200MB
    """
    from .disk import format_size, page_cache_limit, parse_size, remove_stale, trim_page_cache

    if limit is None:
        try:
            cap = page_cache_limit(os.environ)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="'--to'") from None
    else:  # --to 0 empties the page cache (a limit of 0, "none", would trim nothing)
        try:
            cap = parse_size(limit)
        except ValueError:
            raise typer.BadParameter(f"not a size: {limit!r} (e.g. 200MB, 1G; 0 empties the "
                                     "page cache)", param_hint="'--to'") from None
    freed = trim_page_cache(cap) if cap or limit is not None else 0
    freed += sum(f.size for f in remove_stale())
    warn(f"Freed {format_size(freed)}.")
