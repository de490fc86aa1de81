"""The work of the ``search`` command once its options are parsed, without Typer: the Typer app
(``cli_find``) and the quick path (``quick``) both call it."""

from __future__ import annotations

import re
from pathlib import Path

from . import progress
from .cli_batch import Batch
from .render import warn
from .render_lists import print_search_hits

# What --since and --until accept.
DATE_RE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def is_date(value: str) -> bool:
    """Whether a --since/--until value is a real year, month or day (not 2024-13 or 2024-02-30).

    >>> is_date("2024"), is_date("2024-02-29"), is_date("2024-13"), is_date("2023-02-29")
    (True, True, False, False)
    """
    if not DATE_RE.fullmatch(value):
        return False
    from datetime import date

    try:
        date(*(int(part) for part in (value + "-01-01")[:10].split("-")))
    except ValueError:
        return False
    return True


def end_of(until: str | None) -> str | None:
    """The last day a --until of YYYY or YYYY-MM names (ISO dates compare as text).

    >>> end_of("2024"), end_of("2024-02"), end_of("2024-02-03")
    ('2024-12-31', '2024-02-31', '2024-02-03')
    """
    if until is None or len(until) == 10:
        return until
    return until + "-12-31"[len(until) - 4 :]


def run_search(
    output: str,
    query: str,
    *,
    limit: int = 10,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
    meaning: bool = False,
    corpus: Path | None = None,
    encoding: str | None = None,
    jobs: int = 0,
    force_terminal: bool = False,
) -> None:
    """Search the corpus and print the hits in the ``output`` format (see ``cli_find.search``).

    Raises:
        QueryError: the query holds no word to search for (before any indexing).
    """
    from .search import SearchOptions, search_corpus

    if meaning:
        from .meaning import check

        check()  # before the corpus is indexed
    batch = Batch(corpus, encoding, jobs)
    options = SearchOptions(limit=limit, source=source, since=since, until=end_of(until),
                            meaning=meaning)
    hits = search_corpus(batch.root, batch.paths, query, options, cache=batch.index_cache(),
                         encoding=encoding, jobs=jobs, on_page=batch.tell, meter=progress)
    print_search_hits(hits, output, force_terminal)
    if not hits:
        warn("No article matches.")
    batch.finish()
