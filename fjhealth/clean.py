"""OCR and web-page cleaning: raw page text -> cleaned articles. Pure, no I/O.

The page is cut into *units* (runs of non-blank lines, or one furniture line such as a byline
or a navigation bar). Units are classified, the body is re-joined into paragraphs, headlines and
captions printed out of reading order are given back to the article they belong to, and a page
carrying several articles is split. Nothing is dropped: every Han character and digit of the page
ends up in a title, subtitle, metadata line, paragraph, caption or a ``Removed`` record.

>>> column = ["省 医 学 会 在福州召", "开会议 ，300 多人参", "加。会议由省卫健委", "主持。"]
>>> clean_text("\\n".join(column * 2))[0].paragraphs[0]
'省医学会在福州召开会议，300多人参加。会议由省卫健委主持。'
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from . import patterns as P
from .models import Article, Block, Document, Page, Removed
from .text import TAIL_WINDOW, fix_spaces, is_complete, join_lines, nonspace_len, normalize
from .units import (
    Unit,
    caption_marked,
    heading_text,
    headline_shaped,
    is_column_layout,
    mark_boilerplate,
    page_units,
    split_flow_units,
    trailing_start,
)

# Longest single-line section heading in flowing (web/markdown) text.
FLOW_HEADING_MAX = 40
# A line following a headline line is a separate deck only when it is this long and much longer.
DECK_MIN_LINE = 20
# A page only splits into articles where each part has at least this much body text.
MIN_ARTICLE_CHARS = 150

@dataclass
class _Draft:
    title: str = ""
    subtitles: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    meta: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    _bigrams: set[str] | None = None

    def bigrams(self) -> set[str]:
        """Han character pairs of the title and body, computed once the body is complete."""
        if self._bigrams is None:
            self._bigrams = _bigrams(self.title + "".join(b.text for b in self.blocks))
        return self._bigrams


# ------------------------------------------------------------------ article segmentation


def _ends_article(u: Unit) -> bool:
    """An attribution line or a bracketed byline closes an article on a multi-article page."""
    if u.kind == "meta":
        return bool(P.ATTRIBUTION_RE.match(u.text))
    return u.kind == "text" and (bool(P.TAIL_BYLINE_RE.search(u.lines[-1]))
                                 or bool(P.ATTRIBUTION_RE.match(u.text)))


def _segments(units: list[Unit], column: bool) -> list[list[Unit]]:
    """Split the body units of a page into articles (newspaper column pages only)."""
    if not column:
        return [units]
    segs: list[list[Unit]] = [[]]
    ended = False
    size = 0  # body characters of segs[-1], kept as a running sum (a sum per unit was quadratic)
    for i, u in enumerate(units):
        nxt = units[i + 1] if i + 1 < len(units) else None
        starts_new = u.kind == "text" and size >= MIN_ARTICLE_CHARS and (
            ended
            or (headline_shaped(u) and nxt is not None and nxt.kind == "meta"
                and bool(P.BYLINE_RE.match(nxt.text)))
        )
        if starts_new:
            segs.append([])
            size = 0
        segs[-1].append(u)
        size += len(u.text) if u.kind == "text" else 0
        if u.kind in ("text", "meta"):
            ended = _ends_article(u) or (ended and u.kind == "meta")
    if len(segs) > 1 and sum(len(x.text) for x in segs[-1] if x.kind == "text") < MIN_ARTICLE_CHARS:
        segs[-2].extend(segs.pop())
    return segs


# ------------------------------------------------------------------------ article body


def _column_width(units: list[Unit], i: int) -> int:
    """Typical column width (characters) around unit i: the median of its neighbours' full lines."""
    near = [units[j] for j in (i - 2, i - 1, i + 1, i + 2) if 0 <= j < len(units)]
    lengths = [nonspace_len(ln) for u in near if u.kind == "text" for ln in u.lines[:-1]]
    if not lengths:
        lengths = [nonspace_len(ln) for ln in units[i].lines]
    return int(statistics.median(lengths))


def _breaks_column(line: str, width: int, first: bool) -> bool:
    """True when a line stopped short of the column edge or ran past it: not a wrapped line.

    The first line of a paragraph is indented by two characters in print.
    """
    n = nonspace_len(line)
    return n < width - (4 if first else 2) or n > width + 2


def _pieces(u: Unit, width: int, column: bool) -> list[str]:
    """Split a unit's lines into paragraphs at a short line that ends a sentence."""
    if not column:
        return [u.text]
    out, cur = [], []
    for j, line in enumerate(u.lines):
        cur.append(line)
        if j < len(u.lines) - 1 and is_complete(line) and nonspace_len(line) < width - 1:
            out.append(join_lines(cur))
            cur = []
    out.append(join_lines(cur))
    return out


def _is_heading(units: list[Unit], i: int, column: bool) -> bool:
    """A short block that does not read as part of a paragraph is a section heading or title."""
    u = units[i]
    if column:
        if not (headline_shaped(u) and len(u.lines) <= 3):
            return False
        nxt = units[i + 1] if i + 1 < len(units) else None
        kicker = P.KICKER_RE.match(u.text)
        if (nxt is not None and nxt.kind == "meta") or (kicker and all(map(P.is_han, kicker[1]))):
            return True
        return _breaks_column(u.lines[-1], _column_width(units, i), len(u.lines) == 1)
    t = u.text
    return nonspace_len(t) <= FLOW_HEADING_MAX and (
        heading_text(t) or (t[-1] in "：:" and heading_text(t[:-1])))


def _interrupts(units: list[Unit], i: int) -> bool:
    """A one-line, unpunctuated block inside an unfinished paragraph: a stray photo caption."""
    u = units[i]
    nxt = units[i + 1] if i + 1 < len(units) else None
    t = u.text
    return (len(u.lines) == 1 and nonspace_len(t) <= FLOW_HEADING_MAX and nxt is not None
            and nxt.kind == "text" and not any(c in t for c in "，。、；：！？,;:!?"))


def _headline_parts(u: Unit) -> list[str]:
    """Lines of a headline block: a broken headline re-joined, a longer deck kept apart."""
    parts: list[list[str]] = []
    for line in u.lines:
        n = nonspace_len(line)
        if parts and (n <= DECK_MIN_LINE or n <= 1.6 * nonspace_len(parts[-1][-1])):
            parts[-1].append(line)
        else:
            parts.append([line])
    return [fix_spaces(join_lines(p), headline=True) for p in parts]


def _add_meta(d: _Draft, text: str) -> None:
    d.meta.append(fix_spaces(text, headline=True))


def _build(units: list[Unit], column: bool) -> _Draft:
    """Assemble one article from its body units."""
    d = _Draft()
    # The open paragraph's pieces, joined once it closes, and its last TAIL_WINDOW characters:
    # joining, or asking is_complete of the whole text, on every piece was quadratic.
    para: list[str] = []
    end = ""
    seen_body = after_byline = False

    def close() -> None:
        nonlocal para
        if para:
            joined = join_lines(para)
            tail = P.TAIL_BYLINE_RE.search(joined)
            if tail:
                _add_meta(d, tail.group(0).strip())
                joined = joined[: tail.start()]
            text = fix_spaces(joined)
            if text:
                d.blocks.append(Block("paragraph", text))
        para = []

    for i, u in enumerate(units):
        if u.kind == "boiler":
            d.removed.append(Removed(u.reason, "\n".join(u.lines)))
        elif u.kind == "caption" or (u.kind == "text" and caption_marked(u)):
            d.captions.append(fix_spaces(u.text, headline=True))
        elif u.kind == "meta":
            close()
            _add_meta(d, u.text)
            after_byline = bool(P.BYLINE_RE.match(u.text))
        elif u.kind in ("heading", "headline"):
            close()
            text = fix_spaces(u.text, headline=True)
            if not seen_body and not d.title:
                d.title = text
            elif not seen_body:
                d.subtitles.append(text)
            else:
                d.blocks.append(Block("heading", text))
        elif para and not is_complete(end):
            if not column and _interrupts(units, i):
                d.captions.append(fix_spaces(u.text, headline=True))
                continue
            pieces = _pieces(u, _column_width(units, i), column)
            para.append(pieces[0])
            end = join_lines([end, pieces[0]])[-TAIL_WINDOW:]
            for piece in pieces[1:]:
                close()
                para, end = [piece], piece[-TAIL_WINDOW:]
        elif P.ATTRIBUTION_RE.match(u.text):
            close()
            _add_meta(d, u.text)
        elif not after_byline and _is_heading(units, i, column):
            close()
            parts = _headline_parts(u) if column else [fix_spaces(u.text, headline=True)]
            if not seen_body:
                if not d.title:
                    d.title, parts = parts[0], parts[1:]
                d.subtitles.extend(parts)
            elif d.blocks and d.blocks[-1].kind == "heading":
                d.blocks[-1] = Block("heading", " ".join([d.blocks[-1].text, *parts]))
            else:
                d.blocks.append(Block("heading", " ".join(parts)))
        else:
            close()
            pieces = _pieces(u, _column_width(units, i), column)
            for piece in pieces[:-1]:
                para = [piece]
                close()
            para, end = [pieces[-1]], pieces[-1][-TAIL_WINDOW:]
            seen_body, after_byline = True, False
    close()
    return d


# ---------------------------------------------------------------- trailing assignment


def _bigrams(text: str) -> set[str]:
    han = "".join(filter(P.is_han, text))
    return {han[i : i + 2] for i in range(len(han) - 1)}


def _best_draft(drafts: list[_Draft], text: str, prefer_untitled: bool) -> _Draft:
    """The article whose text shares most character pairs with a headline or caption."""
    if len(drafts) == 1:
        return drafts[0]
    grams = _bigrams(text)

    def score(k: int) -> tuple[float, bool, int]:
        d = drafts[k]
        overlap = len(grams & d.bigrams()) / max(len(grams), 1)
        return (overlap, prefer_untitled and not d.title, -k)

    return drafts[max(range(len(drafts)), key=score)]


def _assign_trailing(drafts: list[_Draft], trailing: list[Unit]) -> None:
    """Give end-of-page headlines and captions to the article they belong to."""
    for u in trailing:
        if u.kind == "headline":
            d = _best_draft(drafts, u.text, prefer_untitled=True)
            parts = _headline_parts(u)
            if not d.title:
                d.title, parts = parts[0], parts[1:]
            d.subtitles.extend(parts)
        elif u.kind == "caption" or (u.kind == "text" and caption_marked(u)):
            _best_draft(drafts, u.text, prefer_untitled=False).captions.append(
                fix_spaces(u.text, headline=True))
        elif u.kind == "boiler":
            drafts[-1].removed.append(Removed(u.reason, "\n".join(u.lines)))
        else:
            _add_meta(drafts[-1], u.text)


# ----------------------------------------------------------------------------- metadata


def _is_name(word: str) -> bool:
    """A Chinese personal name as bylines print them: 2-4 Han characters."""
    return 2 <= len(word) <= 4 and all(map(P.is_han, word))


def _parse_meta(lines: list[str]) -> tuple[str | None, str | None, tuple[str, ...]]:
    """Source, ISO date and author names from metadata lines."""
    source = date = None
    authors: list[str] = []
    for line in lines:
        if m := P.SOURCE_RE.search(line):
            source = source or m.group(1)
        if m := P.DATE_RE.search(line):
            y, mo, dd = (int(g) for g in m.groups())
            if 1 <= mo <= 12 and 1 <= dd <= 31:
                date = date or f"{y:04d}-{mo:02d}-{dd:02d}"
        inner = P.ATTRIBUTION_RE.match(line)
        is_byline = bool(P.BYLINE_RE.match(line) or P.TAIL_BYLINE_RE.search(line))
        names = P.BYLINE_ROLE_RE.sub(" ", line.strip("（）() ")).replace("、", " ").split()
        if is_byline or (inner and len(names) > 1 and all(map(_is_name, names))):
            authors.extend(n for n in names if _is_name(n) and n not in authors)
        elif inner and not P.DATE_RE.search(line) and not any(ch.isdigit() for ch in line):
            source = source or inner.group(1)
    return source, date, tuple(authors)


# ---------------------------------------------------------------------------- public API


def _iter_drafts(text: str) -> Iterator[_Draft]:
    units = page_units(normalize(text))
    column = is_column_layout(units)
    if not column:
        units = split_flow_units(units)
    mark_boilerplate(units)
    start = trailing_start(units, column)
    drafts = [_build(seg, column) for seg in _segments(units[:start], column) if seg] or [_Draft()]
    _assign_trailing(drafts, units[start:])
    yield from drafts


def clean_text(text: str, page_id: str = "-") -> tuple[Article, ...]:
    """Clean raw page text into one or more articles (IDs ``page_id`` or ``page_id-N``)."""
    drafts = list(_iter_drafts(text))
    out = []
    for n, d in enumerate(drafts, 1):
        source, date, authors = _parse_meta(d.meta)
        out.append(Article(
            id=page_id if len(drafts) == 1 else f"{page_id}-{n}",
            title=d.title,
            subtitles=tuple(d.subtitles),
            blocks=tuple(d.blocks),
            captions=tuple(d.captions),
            meta=tuple(d.meta),
            source=source,
            date=date,
            authors=authors,
            removed=tuple(d.removed),
        ))
    return tuple(out)


def clean_document(doc: Document, page_id: str = "-") -> tuple[Article, ...]:
    """Clean a page read by a format reader (Markdown, HTML) into articles.

    Interim: the lines are printed back as text (headings as Markdown) for ``clean_text``; the
    line classifier replaces this.
    """
    text = "\n".join(
        ("\n" if ln.gap else "") + ("#" * int(ln.tag[1]) + " " if ln.tag[:1] == "h" else "") + ln.text
        for ln in doc.lines
    )
    articles = clean_text(text, page_id)
    extra = doc.removed
    return tuple(replace(a, removed=a.removed + extra) if k == 0 else a
                 for k, a in enumerate(articles))


def split_articles(page: Page) -> tuple[Article, ...]:
    """Clean one corpus page; a page carrying several articles yields several."""
    if page.format == "text":
        articles = clean_text(page.text, page.id)
    else:
        from .read import read_document  # here: plain-text pages never load a markup parser

        articles = clean_document(read_document(page.text, page.format), page.id)
    return tuple(replace(a, path=page.path) for a in articles)


def article_parts(article: Article) -> tuple[str, ...]:
    """Every piece of text an article holds, removed text included (for loss checks)."""
    return (article.title, *article.subtitles, *article.meta, *(b.text for b in article.blocks),
            *article.captions, *(r.text for r in article.removed))
