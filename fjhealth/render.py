"""Output: rich on a terminal, plain text in a pipe, JSON on request. The output layer is
``render`` (the format, whole articles and summaries), ``render_lists`` (listings and tables),
``wrap`` (CJK line breaking), ``safe`` (untrusted text made safe, the stdout and stderr
writers) and ``console`` (rich consoles and labels): the only modules that import rich, and
only inside functions.

Article text is untrusted: it reaches rich only as ``Text`` objects (never parsed as markup) and
every control character is shown escaped, so a page cannot drive the terminal.

>>> choose_format("auto", is_tty=False)
'text'
>>> safe_text("a\\x1b[31mb")
'a\\\\x1b[31mb'
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING, Any

from . import progress
from .console import emit, label, make_console, rule
from .records import UNTITLED, article_record, summary_record
from .render_lists import (
    LIST_COLUMNS,
    print_cache_info,
    print_duplicate_groups,
    print_keywords,
    print_listing,
    print_related,
    print_search_hits,
)
from .safe import json_line, safe_line, safe_text, warn, write_lines
from .wrap import print_wrapped, wrap_cjk

if TYPE_CHECKING:
    from .models import Article
    from .values import Summary

__all__ = [
    "FORMATS",
    "LIST_COLUMNS",
    "choose_format",
    "print_articles",
    "print_cache_info",
    "print_duplicate_groups",
    "print_keywords",
    "print_listing",
    "print_related",
    "print_search_hits",
    "print_summaries",
    "safe_text",
    "warn",
    "wrap_cjk",
]

FORMATS = ("auto", "rich", "text", "json")


def choose_format(requested: str, is_tty: bool) -> str:
    """The output format: ``auto`` means rich on a terminal and text in a pipe."""
    if requested not in FORMATS:
        raise ValueError(f"unknown format {requested!r}")
    if requested == "auto":
        return "rich" if is_tty else "text"
    return requested


def _meta_parts(article: Article) -> list[str]:
    """The metadata line's parts: ID, source, date, authors."""
    parts = [article.id, article.source or "", article.date or "", " ".join(article.authors)]
    return [p for p in parts if p]


# ---- show -----------------------------------------------------------------------------------


def print_articles(
    articles: Iterable[Article],
    fmt: str,
    removed: bool = False,
    pager: bool = False,
    force_terminal: bool = False,
) -> None:
    """Print whole articles: rich, plain text (one paragraph a line) or JSON."""
    if fmt == "json":
        write_lines(json_line(article_record(a)) for a in articles)
    elif fmt == "text":
        write_lines(_article_text(list(articles), removed))
    else:
        _print_rich_articles(articles, removed, pager, force_terminal)


def _article_text(articles: list[Article], removed: bool) -> Iterator[str]:
    """Plain lines: title and subtitles, metadata, body, captions, removed; blank between."""
    first = True
    for a in articles:
        sections = [
            [a.title or UNTITLED, *a.subtitles],
            [" · ".join(_meta_parts(a))],
            [b.text for b in a.blocks],
            list(a.captions),
            _removed_lines(a) if removed else [],
        ]
        for section in sections:
            lines = [safe_line(s) for s in section if s]
            if not lines:
                continue
            if not first:
                yield ""
            first = False
            yield from lines


def _removed_lines(article: Article) -> list[str]:
    """``[reason] text`` for each removed piece, or a line saying nothing was removed."""
    return [f"[{r.reason}] {r.text}" for r in article.removed] or ["(nothing was removed)"]


def _print_rich_articles(
    articles: Iterable[Article], removed: bool, pager: bool, force_terminal: bool
) -> None:
    """Articles with a bold title, dim metadata, bold headings and a dimmed captions section."""
    from rich.text import Text

    console = make_console(force_terminal)
    paging: AbstractContextManager[Any] = nullcontext()
    if pager and console.is_terminal:
        progress.stop()  # the pager owns the screen
        os.environ.setdefault("LESS", "-R")  # let less show the colours rather than escapes
        paging = console.pager(styles=True)
    with paging:
        for n, a in enumerate(articles):
            if n:
                rule(console)
            print_wrapped(console, a.title or label(UNTITLED), "bold")
            for sub in a.subtitles:
                print_wrapped(console, sub, "italic")
            print_wrapped(console, " · ".join(_meta_parts(a)), "dim")
            for block in a.blocks:
                emit(console)
                style = "bold" if block.kind == "heading" else ""
                print_wrapped(console, block.text, style)
            if a.captions:
                emit(console)
                rule(console, "captions")
                for caption in a.captions:
                    print_wrapped(console, caption, "dim")
            if removed:
                emit(console)
                rule(console, "removed by the cleaner")
                if not a.removed:
                    emit(console, Text(label("nothing was removed"), style="dim italic"))
                for r in a.removed:
                    line = Text(f"[{safe_text(r.reason)}] ", style="yellow")
                    line.append(safe_text(r.text), style="dim")
                    emit(console, line)


# ---- summaries ------------------------------------------------------------------------------


def print_summaries(summaries: Iterable[Summary], fmt: str, force_terminal: bool = False) -> None:
    """Summaries: per article ``ID<TAB>title``, the summary on one line, a blank line; or JSON."""
    if fmt == "json":
        write_lines(json_line(summary_record(s)) for s in summaries)
    elif fmt == "text":
        write_lines(
            line
            for s in summaries
            for line in (
                f"{safe_line(s.article_id)}\t{safe_line(s.title or UNTITLED)}",
                safe_line(s.text),
                "",
            )
        )
    else:
        _print_rich_summaries(summaries, force_terminal)


def _print_rich_summaries(summaries: Iterable[Summary], force_terminal: bool) -> None:
    """Each summary under its bold title, one sentence a line, printed as summaries come."""
    from rich.text import Text

    console = make_console(force_terminal)
    for n, s in enumerate(summaries):
        if n:
            emit(console)
        title = Text(safe_text(s.title or label(UNTITLED)), style="bold")
        title.append(f"  {safe_text(s.article_id)} · {s.method}", style="dim")
        emit(console, title)
        if not s.sentences:
            emit(console, Text(label("(no sentences to summarize)"), style="dim italic"))
        for sentence in s.sentences:
            print_wrapped(console, sentence.text)
