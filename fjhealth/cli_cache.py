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
    from .disk import not_a_folder, page_cache_limit, stored_files, with_stale
    from .records import cache_record

    with closing(PageCache()) as cache:
        info = cache.info()
        reason = not_a_folder(cache.directory)
        if reason:  # (unusable() creates a missing folder: not here)
            from .cli_batch import cache_dir_origin

            warn(f"Warning: cannot use cache directory {cache.directory}: {reason}"
                 f"{cache_dir_origin()}")
    files = with_stale(stored_files(cache.directory))
    record = cache_record(info, files, page_cache_limit(os.environ))
    print_cache_info(record, output)


def _folder(verb: str) -> Path:
    """The cache directory, or an error when a file stands where it should be (there is
    nothing of fjhealth's to delete, but the setting is surely a mistake)."""
    from .cache import CacheError, default_cache_dir
    from .cli_batch import cache_dir_origin
    from .disk import not_a_folder

    directory = default_cache_dir()
    reason = not_a_folder(directory)
    if reason:
        raise CacheError(f"cannot {verb} cache directory {directory}: {reason}"
                         f"{cache_dir_origin()}")
    return directory


@cache_app.command("clear")
def cache_clear(
    stale: Annotated[bool, typer.Option(
        "--stale", help="Delete only the search indexes of corpus folders that no longer exist.")
    ] = False,
) -> None:
    """Delete what fjhealth keeps on disk; the next run cleans and segments every page again.

    Example: fjhealth cache clear --stale
    """
    from .disk import clear, format_size, remove_stale, stored_files

    directory = _folder("clear")
    chosen = None if "FJHEALTH_CACHE_DIR" not in os.environ else directory
    removed = remove_stale(chosen) if stale else clear(chosen)
    size = format_size(sum(f.size for f in removed))
    said = f"Cleared {_files(len(removed))} ({size}) from {directory}"
    others = 0 if stale else sum(f.kind == "other" for f in stored_files(directory))
    warn(f"{said}; left {_files(others)} that fjhealth did not write." if others else f"{said}.")


def _files(n: int) -> str:
    return "1 file" if n == 1 else f"{n} files"


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

    _folder("trim")
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
