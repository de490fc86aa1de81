"""The commands that read the corpus's articles as they are: ``list`` and ``show``, their
options as Typer parameters; the work is ``run_read``'s."""

from __future__ import annotations

from typing import Annotated

import typer

from .cli_options import (
    ARGUMENT_HELP,
    Color,
    ColorOpt,
    CorpusOpt,
    EncodingOpt,
    ForceTerminalOpt,
    Format,
    FormatOpt,
    JobsOpt,
    JsonOpt,
    NoCacheOpt,
    PlainOpt,
    WidthOpt,
    complete_ids,
)
from .cli_options import output_format as _output_format
from .run_read import run_list, run_show


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
    if dedupe and keywords:
        raise typer.BadParameter("--dedupe and --keywords exclude each other")
    run_list(output, keywords=keywords, dedupe=dedupe, corpus=corpus, encoding=encoding,
             jobs=jobs, no_cache=no_cache, force_terminal=force_terminal)


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
    run_show(article_id, output, removed=removed, pager=pager, corpus=corpus, encoding=encoding,
             force_terminal=force_terminal)
