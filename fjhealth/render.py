"""Output: rich on a terminal, plain text in a pipe, JSON on request. With ``console`` (rich
consoles and labels) the only modules that import rich.

Article text is untrusted: it reaches rich only as ``Text`` objects (never parsed as markup) and
every control character is shown escaped, so a page cannot drive the terminal.

>>> choose_format("auto", is_tty=False)
'text'
>>> safe_text("a\\x1b[31mb")
'a\\\\x1b[31mb'
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING, Any, TypeAlias

from . import progress
from .console import emit, label, make_console, rule, settings, table_box, utf8
from .output import NARROW_WIDTH
from .records import (
    UNTITLED,
    article_record,
    duplicates_record,
    keywords_record,
    listing_record,
    related_record,
    search_record,
    summary_record,
)

if TYPE_CHECKING:
    from rich.console import Console

    from .dedupe import DuplicateGroup
    from .models import Article
    from .related import RelatedHit
    from .search import SearchHit
    from .values import Keyword, Summary

FORMATS = ("auto", "rich", "text", "json")
# C0 controls (bar tab and newline), DEL, C1 controls, and the bidirectional overrides that can
# reorder what a terminal shows: printed as visible escapes, never sent raw. This pattern and
# _JSON_UNSAFE are compiled on first use (re's own cache): a class reaching past U+00FF costs
# ~4 M instructions to compile, and most output never needs it (see safe_text).
_CONTROL = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
# Inside one TSV field or one output line, tabs and newlines would break the record.
_FIELD_BREAK_RE = re.compile(r"[\t\n]+")
# Characters json.dumps(ensure_ascii=False) leaves raw although a terminal may act on them.
_JSON_UNSAFE = "[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
LIST_COLUMNS = ("id", "title", "source", "date", "chars", "paragraphs")
# Chinese line-breaking rules (避头尾) for rich output: closing marks never start a line, opening
# marks never end one.
_NO_LINE_START = frozenset("，。、；：？！）》」』】〉”’…—·%,.;:?!)]}")
_NO_LINE_END = frozenset("（《「『【〈“‘([{")
# Wrapping units: a Latin word or number stays whole, a whitespace run, any other character.
_WRAP_UNIT_RE = re.compile(r"[0-9A-Za-z][0-9A-Za-z.,%'_/:+\-]*|\s+|.", re.S)


# Labels of rich output, in Chinese when the locale is (see output.locale_lang).
def choose_format(requested: str, is_tty: bool) -> str:
    """The output format: ``auto`` means rich on a terminal and text in a pipe."""
    if requested not in FORMATS:
        raise ValueError(f"unknown format {requested!r}")
    if requested == "auto":
        return "rich" if is_tty else "text"
    return requested


def safe_text(text: str) -> str:
    """``text`` with control and bidi-override characters replaced by visible escapes."""
    if text.isprintable():  # no control, format (bidi) or surrogate character: nothing to do
        return text
    return re.sub(_CONTROL, _escape_char, text)


def _escape_char(match: re.Match[str]) -> str:
    """``\\x1b`` for a control character, ``\\u202e`` for a bidi override."""
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _line(text: str) -> str:
    """One safe output line: tabs and newlines inside the text become spaces."""
    return _FIELD_BREAK_RE.sub(" ", safe_text(text))


def _json_line(obj: dict[str, Any]) -> str:
    """Compact JSON, UTF-8 kept readable, with terminal-active characters \\u-escaped."""
    dumped = json.dumps(obj, ensure_ascii=False)
    return re.sub(_JSON_UNSAFE, lambda m: f"\\u{ord(m.group()):04x}", dumped)


def _write(lines: Iterable[str]) -> None:
    """Write lines to stdout as they come, with LF line ends, each clear of any progress bar."""
    out = utf8(sys.stdout)
    for line in lines:
        with progress.hold():
            out.write(line + "\n")
            if progress.active():
                out.flush()
    out.flush()


def warn(message: str) -> None:
    """A warning or error line on stderr, printed literally."""
    err = utf8(sys.stderr)
    with progress.hold(stdout=False):
        err.write(_line(message) + "\n")
        err.flush()


def wrap_cjk(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` terminal cells, broken between characters by Chinese rules.

    Linear in the text: line widths are kept as running sums and a Latin word or number longer
    than a line is cut in one pass, so rich never sees a run it would wrap in cubic time.

    >>> wrap_cjk("看病难。看病贵。", 6)
    ['看病', '难。看', '病贵。']
    >>> wrap_cjk("ab看", 1)  # narrower than a wide character: one character per line
    ['a', 'b', '看']
    """
    from rich.cells import cell_len

    lines: list[str] = []
    line: list[str] = []
    used = 0  # cells of line
    for unit in _WRAP_UNIT_RE.findall(text):
        size = cell_len(unit)
        if line and used + size > width:
            carry: list[str] = []  # units moved down so no line starts or ends on the wrong mark
            while len(line) > 1 and (
                (unit[0] in _NO_LINE_START and not carry)
                or (carry and carry[0][0] in _NO_LINE_START)
                or line[-1][-1] in _NO_LINE_END
            ):
                carry.insert(0, line.pop())
            if cell_len("".join(carry)) + size > width:  # a run of marks too long for the rule
                line, carry = line + carry, []
            lines.append("".join(line).rstrip())
            line = carry[1:] if carry and carry[0].isspace() else carry
            used = sum(map(cell_len, line))
            if unit.isspace():
                continue
        if size > width:  # a Latin word longer than a line is cut
            *full, unit = _cut(unit, width)
            lines.extend(full)
            size = cell_len(unit)
        line.append(unit)
        used += size
    if line:
        lines.append("".join(line).rstrip())
    return lines


def _cut(unit: str, width: int) -> list[str]:
    """``unit`` in pieces of at most ``width`` cells (at least one character each)."""
    from rich.cells import get_character_cell_size

    pieces: list[str] = []
    start = used = 0
    for i, ch in enumerate(unit):
        size = get_character_cell_size(ch)
        if used + size > width and i > start:
            pieces.append(unit[start:i])
            start, used = i, 0
        used += size
    pieces.append(unit[start:])
    return pieces


def _print_wrapped(console: Console, text: str, style: str = "") -> None:
    """Untrusted text, wrapped at the console width by Chinese line-breaking rules."""
    from rich.text import Text

    emit(console, Text("\n".join(wrap_cjk(safe_text(text), console.width)), style=style))


def _meta_parts(article: Article) -> list[str]:
    """The metadata line's parts: ID, source, date, authors."""
    parts = [article.id, article.source or "", article.date or "", " ".join(article.authors)]
    return [p for p in parts if p]


# ---- list -----------------------------------------------------------------------------------

KeywordFn: TypeAlias = "Callable[[Article], tuple[Keyword, ...]]"


def print_listing(
    articles: Iterable[Article],
    fmt: str,
    keywords: KeywordFn | None = None,
    force_terminal: bool = False,
    duplicates: Mapping[str, str] | None = None,
) -> None:
    """Print the corpus listing: a table, TSV with a header line, or JSON Lines.

    ``duplicates`` (article ID -> the first ID of its near-duplicate group) marks copies in the
    table."""
    if fmt == "json":
        _write(_json_line(listing_record(a, keywords(a) if keywords else None)) for a in articles)
    elif fmt == "text":
        _write(_listing_tsv(articles, keywords))
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
        yield "\t".join(_line(f) for f in fields)


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
    from rich.table import Table
    from rich.text import Text

    console = make_console(force_terminal)
    narrow = console.width < NARROW_WIDTH
    table = Table(box=table_box(), header_style="bold", show_edge=not settings().dumb)
    table.add_column(label("ID"), no_wrap=True)
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
            table.add_row(ident, title)
            continue
        row = [
            ident,
            title,
            Text(safe_text("\n".join(p for p in (a.source, a.date) if p))),
            Text(str(a.char_count)),
            Text(str(len(a.paragraphs))),
        ]
        if keywords:
            row.append(Text(safe_text(kws)))
        table.add_row(*row)
    emit(console, table)


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
        _write(_json_line(article_record(a)) for a in articles)
    elif fmt == "text":
        _write(_article_text(list(articles), removed))
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
            lines = [_line(s) for s in section if s]
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
            _print_wrapped(console, a.title or label(UNTITLED), "bold")
            for sub in a.subtitles:
                _print_wrapped(console, sub, "italic")
            _print_wrapped(console, " · ".join(_meta_parts(a)), "dim")
            for block in a.blocks:
                emit(console)
                style = "bold" if block.kind == "heading" else ""
                _print_wrapped(console, block.text, style)
            if a.captions:
                emit(console)
                rule(console, "captions")
                for caption in a.captions:
                    _print_wrapped(console, caption, "dim")
            if removed:
                emit(console)
                rule(console, "removed by the cleaner")
                if not a.removed:
                    emit(console, Text(label("nothing was removed"), style="dim italic"))
                for r in a.removed:
                    line = Text(f"[{safe_text(r.reason)}] ", style="yellow")
                    line.append(safe_text(r.text), style="dim")
                    emit(console, line)


# ---- keywords -------------------------------------------------------------------------------


def print_keywords(
    results: Iterable[tuple[Article, tuple[Keyword, ...]]],
    fmt: str,
    method: str,
    several: bool,
    force_terminal: bool = False,
) -> None:
    """Keywords per article: tables, ``word<TAB>score`` lines, or JSON Lines.

    With ``several`` articles, each text block starts with an ``ID<TAB>title`` line and ends
    with a blank line, as ``summarize`` prints.
    """
    if fmt == "json":
        _write(_json_line(keywords_record(a, kws, method)) for a, kws in results)
    elif fmt == "text":
        _write(_keywords_text(results, several))
    else:
        _print_keyword_tables(results, method, force_terminal)


def _keywords_text(
    results: Iterable[tuple[Article, tuple[Keyword, ...]]], several: bool
) -> Iterator[str]:
    """``word<TAB>score`` lines, in blocks headed ``ID<TAB>title`` for several articles."""
    for article, keywords in results:
        if several:
            yield f"{_line(article.id)}\t{_line(article.title or UNTITLED)}"
        yield from (f"{_line(k.word)}\t{k.weight:.4f}" for k in keywords)
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

    console = make_console(force_terminal)
    narrow = console.width < NARROW_WIDTH
    for n, (article, keywords) in enumerate(results):
        if n:
            emit(console)
        _print_wrapped(console, article.title or label(UNTITLED), "bold")
        _print_wrapped(console, f"{article.id} · {method}", "dim")
        words = [safe_text(k.word) for k in keywords]
        longest = max(map(cell_len, words), default=1)
        if longest + _SCORE_WIDTH + _TWO_COLUMN_BORDERS > console.width:
            for word, k in zip(words, keywords, strict=True):
                _print_wrapped(console, f"{word}  {k.weight:.4f}")
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
        _write([_json_line(record)])
    elif fmt == "text":
        kinds: dict[str, int] = {}
        for f in record["files"]:
            kinds[f["kind"]] = kinds.get(f["kind"], 0) + f["bytes"]
        lines = {**{k: v for k, v in record.items() if k != "files"}, **kinds}
        _write(f"{k}\t{_line('' if v is None else str(v))}" for k, v in lines.items())
    else:
        _print_cache_table(record)


def _print_cache_table(record: dict[str, Any]) -> None:
    """The cache directory's files as a table, sizes in KB/MB/GB."""
    from rich.table import Table
    from rich.text import Text

    from .disk import format_size

    console = make_console()
    emit(console, Text(safe_text(record["directory"]), style="bold"))
    table = Table(box=table_box(), header_style="bold", show_edge=not settings().dumb)
    table.add_column(label("Kind"))
    table.add_column(label("File"), overflow="fold")
    table.add_column(label("Size"), justify="right", no_wrap=True)
    for f in record["files"]:
        name = f["path"].rsplit("/", 1)[-1]
        table.add_row(label(f["kind"]), Text(safe_text(name)), format_size(f["bytes"]))
    if record["files"]:
        emit(console, table)
    limit = format_size(record["limit"]) if record["limit"] else label("none")
    summary = (
        f"{label('total')} {format_size(record['bytes'])} · {record['pages']} "
        f"{label('pages cached')} · {label('page cache limit')} {limit}"
    )
    emit(console, Text(summary, style="dim"))


# ---- summaries ------------------------------------------------------------------------------


def print_summaries(summaries: Iterable[Summary], fmt: str, force_terminal: bool = False) -> None:
    """Summaries: per article ``ID<TAB>title``, the summary on one line, a blank line; or JSON."""
    if fmt == "json":
        _write(_json_line(summary_record(s)) for s in summaries)
    elif fmt == "text":
        _write(
            line
            for s in summaries
            for line in (f"{_line(s.article_id)}\t{_line(s.title or UNTITLED)}", _line(s.text), "")
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
            _print_wrapped(console, sentence.text)


# ---- search ---------------------------------------------------------------------------------


def print_search_hits(hits: Iterable[SearchHit], fmt: str, force_terminal: bool = False) -> None:
    """Search results: a list with highlighted snippets, ``id<TAB>score<TAB>title<TAB>snippet``
    lines, or JSON Lines."""
    if fmt == "json":
        _write(_json_line(search_record(h)) for h in hits)
        return
    if fmt == "text":
        _write("\t".join(_line(f) for f in (h.id, f"{h.score:.4f}", h.title or UNTITLED, h.snippet))
               for h in hits)
        return
    from rich.text import Text

    console = make_console(force_terminal)
    for h in hits:
        line = Text()
        line.append(f"{safe_text(h.id)}  ", style="bold cyan")
        line.append(safe_text(h.title or label(UNTITLED)), style="bold")
        meta = " · ".join(p for p in (h.source, h.date, f"{h.score:.2f}") if p)
        line.append(f"  {safe_text(meta)}", style="dim")
        emit(console, line)
        snippet, last = Text(), 0
        for start, end in h.highlights:  # escaped piece by piece: the marks keep their place
            snippet.append(_line(h.snippet[last:start]))
            snippet.append(_line(h.snippet[start:end]), style="bold yellow")
            last = end
        snippet.append(_line(h.snippet[last:]))
        emit(console, snippet)
        emit(console)


def print_related(hits: Iterable[RelatedHit], fmt: str, force_terminal: bool = False) -> None:
    """Related articles: ``id<TAB>score<TAB>title`` lines, JSON Lines, or a rich list."""
    if fmt == "json":
        _write(_json_line(related_record(h)) for h in hits)
        return
    if fmt == "text":
        _write("\t".join(_line(f) for f in (h.id, f"{h.score:.4f}", h.title or UNTITLED))
               for h in hits)
        return
    from rich.text import Text

    console = make_console(force_terminal)
    for h in hits:
        line = Text()
        line.append(f"{safe_text(h.id)}  ", style="bold cyan")
        line.append(safe_text(h.title or label(UNTITLED)), style="bold")
        meta = " · ".join(p for p in (h.source, h.date, f"{h.score:.2f}") if p)
        line.append(f"  {safe_text(meta)}", style="dim")
        emit(console, line)
        if h.terms:
            emit(console, Text("  " + safe_text(" ".join(h.terms)), style="dim"))


def print_duplicate_groups(
    groups: Iterable[DuplicateGroup],
    articles: Mapping[str, Article],
    fmt: str,
    force_terminal: bool = False,
) -> None:
    """Near-duplicate groups: ``group<TAB>id<TAB>similarity<TAB>title`` lines (the group named
    by its first ID; similarity to the first), JSON Lines (one object a group), or rich."""
    groups = list(groups)
    if fmt == "json":
        _write(_json_line(duplicates_record(g, articles)) for g in groups)
        return
    rows = [
        (g.first, i, _similarity_to_first(g, i), articles[i].title or UNTITLED)
        for g in groups
        for i in g.ids
    ]
    if fmt == "text":
        _write("\t".join(_line(f) for f in (g, i, f"{s:.4f}", t)) for g, i, s, t in rows)
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
