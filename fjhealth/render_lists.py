"""Rendering lists and tables: the corpus listing, keywords, the cache's files, search hits,
related articles and near-duplicate groups; each as a rich table or list on a terminal, TSV-like
text lines in a pipe, or JSON Lines. Part of the output layer with ``render``; rich is imported only
inside functions (and ``wrap`` with it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeAlias

from .console import emit, label, make_console, settings, shown_id, table_box
from .output import NARROW_WIDTH
from .records import (
    UNTITLED,
    duplicates_record,
    keywords_record,
    listing_record,
    related_record,
    search_record,
)
from .render import json_line, safe_line, safe_text, write_lines

if TYPE_CHECKING:
    from pathlib import Path

    from rich.text import Text

    from .dedupe import DuplicateGroup
    from .models import Article
    from .related import RelatedHit
    from .search import SearchHit
    from .values import Keyword

LIST_COLUMNS = ("id", "title", "source", "date", "chars", "paragraphs")


# ---- list -----------------------------------------------------------------------------------

KeywordFn: TypeAlias = "Callable[[Article], tuple[Keyword, ...]]"


def print_listing(
    articles: Iterable[Article],
    fmt: str,
    keywords: KeywordFn | None = None,
    force_terminal: bool = False,
    duplicates: Mapping[str, str] | None = None,
    root: Path | None = None,
) -> None:
    """Print the corpus listing: a table, TSV with a header line, or JSON Lines (``file``
    relative to the corpus folder ``root``).

    ``duplicates`` (article ID -> the first ID of its near-duplicate group) marks copies in the
    table."""
    if fmt == "json":
        write_lines(
            json_line(listing_record(a, keywords(a) if keywords else None, root))
            for a in articles
        )
    elif fmt == "text":
        write_lines(_listing_tsv(articles, keywords))
    else:
        _print_listing_table(articles, keywords, force_terminal, duplicates or {})


def _listing_tsv(articles: Iterable[Article], keywords: KeywordFn | None) -> Iterator[str]:
    """TSV lines: the header, then one line per article."""
    yield "\t".join(LIST_COLUMNS + (("keywords",) if keywords else ()))
    for a in articles:
        record = listing_record(a, keywords(a) if keywords else None)
        record["title"] = record["title"] or UNTITLED
        fields = ["" if v is None else str(v) for k, v in record.items() if k in LIST_COLUMNS]
        if keywords:
            fields.append(" ".join(record["keywords"]))
        yield "\t".join(safe_line(f) for f in fields)


def _print_listing_table(
    articles: Iterable[Article],
    keywords: KeywordFn | None,
    force_terminal: bool,
    duplicates: Mapping[str, str],
) -> None:
    """The listing as a rich table.

    Narrower than NARROW_WIDTH, source, date and keywords are stacked under the title and the
    numeric columns dropped, so the title keeps room for whole lines of text.
    """
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    from .wrap import ChineseWrapped

    console = make_console(force_terminal)
    narrow = console.width < NARROW_WIDTH
    table = Table(box=table_box(), header_style="bold", show_edge=not settings().dumb)
    # a stem ID (000_e3ed89fc59671f7f-1) wider than a third folds rather than squeeze the
    # title to a sliver; narrower, it stays whole (see the end)
    id_room = max(console.width // 3, 8)
    table.add_column(label("ID"), overflow="fold", max_width=id_room)
    table.add_column(label("Title"), ratio=3, overflow="fold")
    if not narrow:
        table.add_column(label("Source / date"), style="dim")
        table.add_column(label("Chars"), justify="right", no_wrap=True)
        table.add_column(label("Paras"), justify="right", no_wrap=True)
        if keywords:
            table.add_column(label("Keywords"), ratio=2, overflow="fold")
    for a in articles:
        title = Text(safe_text(a.title or label(UNTITLED)))
        kws = " ".join(k.word for k in keywords(a)) if keywords else ""
        ident = Text(safe_text(a.id))
        if a.id in duplicates:
            ident.append(f"\n≈{safe_text(duplicates[a.id])}", style="yellow")
        if narrow:
            for extra in (" · ".join(p for p in (a.source, a.date) if p), kws):
                if extra:
                    title.append("\n" + safe_text(extra), style="dim")
            table.add_row(ident, ChineseWrapped(title))
            continue
        row = [
            ident,
            ChineseWrapped(title),
            Text(safe_text("\n".join(p for p in (a.source, a.date) if p))),
            Text(str(a.char_count)),
            Text(str(len(a.paragraphs))),
        ]
        if keywords:
            row.append(Text(safe_text(kws)))
        table.add_row(*row)
    widest = max((cell_len(line) for c in table.columns[0].cells for line in str(c).split("\n")),
                 default=0)
    table.columns[0].no_wrap = widest <= id_room
    emit(console, table)


# ---- keywords -------------------------------------------------------------------------------


def print_keywords(
    results: Iterable[tuple[Article, tuple[Keyword, ...]]],
    fmt: str,
    method: str,
    several: bool,
    force_terminal: bool = False,
    root: Path | None = None,
) -> None:
    """Keywords per article: tables, ``word<TAB>score`` lines, or JSON Lines (files named
    relative to the corpus folder ``root``).

    With ``several`` articles, each text block starts with an ``ID<TAB>title`` line and ends
    with a blank line, as ``summarize`` prints.
    """
    if fmt == "json":
        write_lines(json_line(keywords_record(a, kws, method, root)) for a, kws in results)
    elif fmt == "text":
        write_lines(_keywords_text(results, several))
    else:
        _print_keyword_tables(results, method, force_terminal)


def _keywords_text(
    results: Iterable[tuple[Article, tuple[Keyword, ...]]], several: bool
) -> Iterator[str]:
    """``word<TAB>score`` lines, in blocks headed ``ID<TAB>title`` for several articles."""
    for article, keywords in results:
        if several:
            yield f"{safe_line(article.id)}\t{safe_line(article.title or UNTITLED)}"
        yield from (f"{safe_line(k.word)}\t{k.weight:.4f}" for k in keywords)
        if several:
            yield ""


def _print_keyword_tables(
    results: Iterable[tuple[Article, tuple[Keyword, ...]]], method: str, force_terminal: bool
) -> None:
    """One small table per article, titled with its ID and title, printed as results come.

    The keyword column is as wide as the longest keyword and never wraps; narrower than
    NARROW_WIDTH the rank column goes, and where even keyword and score do not fit side by side
    in a table, each keyword is a line of its own with its score (wrapped, never cut).
    """
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    from .wrap import print_wrapped

    console = make_console(force_terminal)
    narrow = console.width < NARROW_WIDTH
    for n, (article, keywords) in enumerate(results):
        if n:
            emit(console)
        print_wrapped(console, article.title or label(UNTITLED), "bold")
        print_wrapped(console, f"{shown_id(article.id)} · {method}", "dim")
        words = [safe_text(k.word) for k in keywords]
        longest = max(map(cell_len, words), default=1)
        if longest + _SCORE_WIDTH + _TWO_COLUMN_BORDERS > console.width:
            aligned = longest + 2 + _SCORE_WIDTH <= console.width  # scores in one column
            for word, k in zip(words, keywords, strict=True):
                pad = " " * (longest - cell_len(word)) if aligned else ""
                print_wrapped(console, f"{word}{pad}  {k.weight:.4f}")
            continue
        table = Table(box=table_box(), header_style="bold", show_edge=not settings().dumb)
        if not narrow:
            table.add_column("#", justify="right", style="dim")
        table.add_column(label("Keyword"), no_wrap=True, min_width=longest)
        table.add_column(label("Score"), justify="right", no_wrap=True, min_width=_SCORE_WIDTH)
        for rank, (word, k) in enumerate(zip(words, keywords, strict=True), 1):
            cells = [str(rank)] if not narrow else []
            table.add_row(*cells, Text(word), f"{k.weight:.4f}")
        emit(console, table)


_SCORE_WIDTH = 6  # "0.5396"
_TWO_COLUMN_BORDERS = 7  # "│ " + " │ " + " │"


# ---- cache -----------------------------------------------------------------------------------
def print_cache_info(record: dict[str, Any], fmt: str) -> None:
    """What fjhealth keeps on disk: JSON; ``key<TAB>value`` lines (bytes per kind of file); or,
    on a terminal, a table of the files with sizes for people."""
    if fmt == "json":
        write_lines([json_line(record)])
    elif fmt == "text":
        kinds: dict[str, int] = {}
        for f in record["files"]:
            kinds[f["kind"]] = kinds.get(f["kind"], 0) + f["bytes"]
        lines = {**{k: v for k, v in record.items() if k != "files"}, **kinds}
        write_lines(f"{k}\t{safe_line('' if v is None else str(v))}" for k, v in lines.items())
    else:
        _print_cache_table(record)


def _print_cache_table(record: dict[str, Any]) -> None:
    """The cache directory's files as a table, sizes in KB/MB/GB (narrower than NARROW_WIDTH,
    a file a block: its name, then its kind and size)."""
    from rich.table import Table
    from rich.text import Text

    from .disk import format_size
    from .wrap import wrap_items

    console = make_console()
    emit(console, Text(safe_text(record["directory"]), style="bold"))
    if console.width < NARROW_WIDTH:  # stacked: each name whole on its line, kind and size under
        for f in record["files"]:
            entry = Text(safe_text(f["path"].rsplit("/", 1)[-1]))
            entry.append(f"\n  {label(f['kind'])} · {format_size(f['bytes'])}", style="dim")
            if f["corpus"]:
                entry.append("\n  " + safe_text(f["corpus"]), style="dim")
            emit(console, entry)
    elif record["files"]:
        table = Table(box=table_box(), header_style="bold", show_edge=not settings().dumb)
        table.add_column(label("Kind"))
        table.add_column(label("File"), overflow="fold")
        table.add_column(label("Size"), justify="right", no_wrap=True)
        for f in record["files"]:
            name = Text(safe_text(f["path"].rsplit("/", 1)[-1]))
            if f["corpus"]:  # which corpus a search index is for
                name.append("\n" + safe_text(f["corpus"]), style="dim")
            table.add_row(label(f["kind"]), name, format_size(f["bytes"]))
        emit(console, table)
    limit = format_size(record["limit"]) if record["limit"] else label("none")
    summary = (
        f"{label('total')} {format_size(record['bytes'])} · {record['pages']} "
        f"{label('pages cached')} · {label('page cache limit')} {limit}"
    )
    lines = wrap_items(summary, " · ", console.width)
    emit(console, Text("\n".join(lines), style="dim"))


# ---- search ---------------------------------------------------------------------------------


def print_search_hits(hits: Iterable[SearchHit], fmt: str, force_terminal: bool = False) -> None:
    """Search results: a list with highlighted snippets, ``id<TAB>score<TAB>title<TAB>snippet``
    lines, or JSON Lines."""
    if fmt == "json":
        write_lines(json_line(search_record(h)) for h in hits)
        return
    if fmt == "text":
        write_lines(
            "\t".join(safe_line(f) for f in (h.id, f"{h.score:.4f}", h.title or UNTITLED,
                                              h.snippet))
            for h in hits
        )
        return
    from rich.text import Text

    from .wrap import wrap_styled

    console = make_console(force_terminal)
    for n, h in enumerate(hits):
        if n:
            emit(console)
        emit(console, wrap_styled(_hit_line(h), console.width, at_spaces=True))
        snippet, last = Text(), 0
        for start, end in h.highlights:  # escaped piece by piece: the marks keep their place
            snippet.append(safe_line(h.snippet[last:start]))
            snippet.append(safe_line(h.snippet[start:end]), style="bold yellow")
            last = end
        snippet.append(safe_line(h.snippet[last:]))
        emit(console, wrap_styled(snippet, console.width))


def print_related(hits: Iterable[RelatedHit], fmt: str, force_terminal: bool = False) -> None:
    """Related articles: ``id<TAB>score<TAB>title`` lines, JSON Lines, or a rich list."""
    if fmt == "json":
        write_lines(json_line(related_record(h)) for h in hits)
        return
    if fmt == "text":
        write_lines(
            "\t".join(safe_line(f) for f in (h.id, f"{h.score:.4f}", h.title or UNTITLED))
            for h in hits
        )
        return
    from rich.text import Text

    from .wrap import wrap_items, wrap_styled

    console = make_console(force_terminal)
    for h in hits:
        emit(console, wrap_styled(_hit_line(h), console.width, at_spaces=True))
        if h.terms:
            lines = wrap_items(safe_text(" ".join(h.terms)), " ", max(console.width - 2, 1))
            emit(console, Text("\n".join("  " + line for line in lines), style="dim"))


def _hit_line(hit: SearchHit | RelatedHit) -> Text:
    """A hit's first line: bold ID and title, then dim source, date and score."""
    from rich.text import Text

    line = Text()
    line.append(f"{safe_text(hit.id)}  ", style="bold cyan")
    line.append(safe_text(hit.title or label(UNTITLED)), style="bold")
    meta = " · ".join(p for p in (hit.source, hit.date, f"{hit.score:.4f}") if p)
    line.append(f"  {safe_text(meta)}", style="dim")
    return line


def print_duplicate_groups(
    groups: Iterable[DuplicateGroup],
    articles: Mapping[str, Article],
    fmt: str,
    force_terminal: bool = False,
    root: Path | None = None,
) -> None:
    """Near-duplicate groups: ``group<TAB>id<TAB>similarity<TAB>title`` lines (the group named
    by its first ID; similarity to the first), JSON Lines (one object a group), or rich."""
    groups = list(groups)
    if fmt == "json":
        write_lines(json_line(duplicates_record(g, articles, root)) for g in groups)
        return
    rows = [
        (g.first, i, _similarity_to_first(g, i), articles[i].title or UNTITLED)
        for g in groups
        for i in g.ids
    ]
    if fmt == "text":
        write_lines("\t".join(safe_line(f) for f in (g, i, f"{s:.4f}", t)) for g, i, s, t in rows)
        return
    from rich.text import Text

    console = make_console(force_terminal)
    for n, g in enumerate(groups):
        if n:
            emit(console)
        for i in g.ids:
            line = Text()
            line.append(f"{'≈ ' if i != g.first else ''}{safe_text(i)}  ", style="bold cyan")
            line.append(safe_text(articles[i].title or label(UNTITLED)))
            if i != g.first:
                line.append(f"  {_similarity_to_first(g, i):.2f}", style="dim")
            emit(console, line)


def _similarity_to_first(group: DuplicateGroup, article_id: str) -> float:
    """The similarity found between an article and its group (1.0 for the first)."""
    if article_id == group.first:
        return 1.0
    scores = [s for a, b, s in group.pairs if article_id in (a, b)]
    return max(scores, default=0.0)
