"""Markdown reader: markdown-it-py's token stream -> ``Document`` lines.

What each construct becomes:

- a heading -> one line tagged "h1".."h6" (not a paragraph of several source lines over a "---"
  or "===" line: html2text's table rules underline them); a paragraph -> one line per source
  line (a soft or hard line break starts a new line with ``gap=False``: WeChat and blog exports
  put one paragraph per line); a list item -> "li" (an ordered item keeps its number, "3. "); a
  block quote -> "quote"; a table row -> one "table" line, cells joined by a space (the
  ``|---`` rule is markup, not text); a row of a layout table that is not valid Markdown
  (html2text writes them: "a | b |") -> one "table" line per cell, its stray rules dropped; a
  row with more cells than its table's header keeps them all (markdown-it drops the excess: they
  are read from the source line); a fenced code block -> "pre" lines.
- a "table" line of prose (over ``PROSE_CELL`` characters, a sentence end) is a paragraph of a
  layout table and carries no tag.
- a line over ``FLATTENED_MIN`` characters is split where a sentence end is followed by a space
  (html2text writes a table cell's paragraphs on one line; Chinese prose has no such spaces).
- emphasis, strong and code markup are stripped; a link keeps its text and ``Line.links`` counts
  the link-text characters; an image is removed from the text: ``Removed("image", "alt address")``.
- the short paragraph right after a paragraph holding only an image is its caption ("caption",
  as the HTML reader tags one): ending no sentence, not bold, numbered nor mostly link text.
- an HTML block keeps its text only (tags, comments, scripts and styles dropped; ``<img>`` becomes
  an image record); front matter (``---`` ... ``---`` at the start) is metadata: its ``title:``,
  ``date:`` and ``author:`` fill ``Document.titles/date/authors`` and the block itself goes to the
  removed record (reason "front matter").
- indented code blocks are switched off: a four-space indent in a news export is a paragraph
  indent, not code.
- a page markdown-it cannot read whole (nesting deeper than it parses: its Han characters are not
  all in the lines, records and markup) is read as plain text instead (``Document.format``
  "text"), so that nothing is lost.

Lossless: every Han character and digit of the Markdown's text content (what it renders, plus the
image records) appears in a line or a removed record. Link and image addresses are markup, not text
(an image's address is kept in its record only so that nothing the page pointed at is lost).

>>> doc = read_markdown("# 标题\\n\\n第一段 **重点** [链接](http://a.cn)\\n第二段 ![图](x.png)")
>>> [(ln.text, ln.tag, ln.links, ln.gap) for ln in doc.lines]
[('标题', 'h1', 0, False), ('第一段 重点 链接', '', 2, True), ('第二段', '', 0, False)]
>>> doc.removed
(Removed(reason='image', text='图 x.png'),)
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from typing import Any
from urllib.parse import unquote

from fjhealth.models import Document, Line, Removed

from .captions import CAPTION_MAX
from .html_blocks import is_form
from .plain import read_plain

# Front matter: a "---" line at the very start, key: value lines, a closing "---" or "..." line.
_FRONT_MATTER_RE = re.compile(
    r"\A\ufeff?---[ \t]*\n(?P<body>.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S
)
# A line front matter is made of: "key: value", an indented continuation, a "- item".
_YAML_LINE_RE = re.compile(r"\s*[-\w]+\s*:|\s+\S|\s*-\s")
# One "key: value" line of front matter.
_META_LINE_RE = re.compile(r"^\s*(?P<key>[A-Za-z_]+)\s*:\s*(?P<value>.*?)\s*$", re.M)
# HTML inside Markdown: parts with no text content, tags, and the breaks between blocks.
_HTML_DROP_RE = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>", re.S | re.I)
_HTML_IMG_RE = re.compile(r"<img\b[^>]*>", re.I)
_HTML_ATTR_RE = re.compile(r"""\b(alt|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_HTML_BREAK_RE = re.compile(
    r"<(?:br|/?(?:p|div|li|tr|h[1-6]|section|table|ul|ol|blockquote))\b[^>]*>", re.I
)
_HTML_TAG_RE = re.compile(r"<[^>]*>")
# A table rule line ("---|---|---", "|:--|--:|") outside a table markdown-it recognised.
_RULE_RE = re.compile(r"[|:\-\s]*-{3,}[|:\-\s]*")

# A footnote's reference ("…开放。[^1]"; with the footnote defined, markdown-it reads it as a
# link whose text is the label, "^1"): markup, not text.
_FOOTNOTE_REF_RE = re.compile(r"\[\^[^\]\s]{1,16}\]")
_FOOTNOTE_LABEL_RE = re.compile(r"\^[^\]\s]{1,16}")

# Paragraphs an export flattened into one line (html2text writes a table cell's paragraphs on
# one line, joined by spaces): Chinese prose puts no space after a sentence end, so a sentence
# end, whitespace and the next sentence's first character is a paragraph break in a long line.
_FLATTENED_RE = re.compile(r"(?<=[。！？；”」])[ \t\u3000\u00a0]+(?=[\u3400-\u9fff“「（(])")
FLATTENED_MIN = 200
# A bold span of at most SUBHEAD_MAX characters between spaces, with no sentence in it, inside a
# long line: a subhead the export flattened into the line (see _Reader._mark_subhead). The mark is
# a control character normalize() leaves in no page text.
SUBHEAD_MAX = 20
SUBHEAD_MARK = "\x1f"
# A zero-padded section number right before such a span ("。 01 **注意保暖**", WeChat's numbered
# subheads): it is set apart with the subhead.
_SUBHEAD_NUMBER_RE = re.compile(r"(?:^|(?<=\s))0[0-9]\s+$")
# A table cell longer than this with a sentence end in it is a paragraph (see _is_prose).
PROSE_CELL = 40
# The cell boundaries of a table row: a "|" not escaped by a backslash.
_CELL_SPLIT_RE = re.compile(r"(?<!\\)\|")

# A photo's caption: the short paragraph right after a paragraph holding only an image (as a
# WeChat export writes "![](…)" then "_图为…_"), at most CAPTION_MAX characters, ending no
# sentence (a short sentence after a photo is the text going on), neither bold (a section head),
# numbered ("二、…"), mostly link text (an author's name under an avatar), a heading nor an item.
_NUMBERED_HEAD_RE = re.compile(
    r"[一二三四五六七八九十\d]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]")
# Han characters: a page whose Han characters are not all in the lines, the removed records or
# the markup (addresses, HTML) lost text in the parser and is read as plain text instead.
# (Found in runs and joined: 30% faster than taking everything else out.)
_HAN_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]+")

# Bold marks CommonMark left as text: a "**" may close only after punctuation when white space
# or punctuation follows, so "**会议召开。**会议要求" (common in WeChat exports) keeps its marks.
# A "**" next to a CJK character or mark is such markup; elsewhere ("P<0.01**") it is kept.
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u2018\u2019\u201c\u201d"
_STRAY_STRONG_RE = re.compile(f"\\*{{2,3}}(?=[{_CJK}])|(?<=[{_CJK}])\\*{{2,3}}")
# An emptied bold span html2text writes ("称号 ****  **记者", "？** ** **"): runs of stars after
# white space, CJK or a line's start and before white space or a line's end hold nothing; they
# go with the spaces around them.
# (A match starts only where a run of spaces starts: linear on long runs of spaces or stars.)
_EMPTY_STRONG_RE = re.compile(
    f"(?<![ \\t])[ \\t]*(?<![^\\s{_CJK}])(?:\\*{{2,}}(?!\\S)[ \\t]*)+")

# Container tokens and the tag their lines carry (the innermost container wins).
_CONTAINER_TAGS = {"list_item_open": "li", "blockquote_open": "quote"}
_CONTAINER_CLOSE = {"list_item_close", "blockquote_close"}


def read_markdown(text: str) -> Document:
    """Parse Markdown into lines with tags, link counts, image records and front-matter metadata."""

    titles: list[str] = []
    date: str | None = None
    authors: list[str] = []
    removed: list[Removed] = []
    front = _FRONT_MATTER_RE.match(text)
    if front and all(_YAML_LINE_RE.match(ln) for ln in front["body"].splitlines() if ln.strip()):
        meta = {m["key"].lower(): m["value"].strip("'\" ") for m in
                _META_LINE_RE.finditer(front["body"])}
        titles += [meta["title"]] if meta.get("title") else []
        date = meta.get("date") or None
        authors += [meta["author"]] if meta.get("author") else []
        removed.append(Removed("front matter", front["body"].strip()))
        text = text[front.end():]

    md = _parser()
    reader = _Reader(removed, text.split("\n"), md)
    env: dict[str, Any] = {}
    reader.walk(md.parse(text, env))
    kept = [ln.text for ln in reader.lines] + [r.text for r in removed] + reader.markup
    kept += [unquote(str(ref)) for ref in env.get("references", {}).values()]
    if _loses_han(text, kept):
        # markdown-it gave up on part of the page (nesting deeper than it parses): plain text
        # loses nothing, so the page is read as plain text
        return read_plain(text)
    return Document(tuple(reader.lines), format="markdown", titles=tuple(titles), date=date,
                    authors=tuple(authors), removed=tuple(removed))


def _caption(text: str) -> bool:
    """Shaped as a photo's caption (see ``_NUMBERED_HEAD_RE``): short, ending no sentence, not
    numbered."""
    t = "".join(text.split())
    return (0 < len(t) <= CAPTION_MAX and not any(c in t for c in "。！？!?；;")
            and not _NUMBERED_HEAD_RE.match(t) and bool(_HAN_RE.search(t)))


def _loses_han(text: str, kept: Sequence[str]) -> bool:
    """Whether some Han character of ``text`` is missing from ``kept`` (counted with repeats).
    Lines come first in ``kept``, in page order: when they give the page's Han characters in
    order, nothing is lost and no character needs counting."""
    want, have = "".join(_HAN_RE.findall(text)), "".join(_HAN_RE.findall("".join(kept)))
    return not have.startswith(want) and bool(Counter(want) - Counter(have))


def _is_prose(text: str) -> bool:
    """A table cell or row holding prose (longer than ``PROSE_CELL``, with a sentence end): a
    paragraph of a layout table, which html2text writes for every table, not a data table."""
    return len(text) > PROSE_CELL and any(c in text for c in "。！？")


@cache
def _parser() -> Any:
    """The Markdown parser, built once (rules compiled) on the first Markdown page."""
    from markdown_it import MarkdownIt  # here: only a Markdown page pays for the parser

    md = MarkdownIt("commonmark").enable("table").disable("code")
    # Nothing is rendered as a link, so no address is unsafe: a WeChat export's
    # "[公众号](javascript:void\(0\);)" is a link whose text is kept, not raw markup.
    md.validateLink = lambda url: True
    return md


class _Reader:
    """Walks the block tokens, keeping the container stack and whether a block boundary passed."""

    def __init__(self, removed: list[Removed], source: Sequence[str], md: Any) -> None:
        self.source = source  # the page's source lines (a table row's cells are re-read there)
        self.md = md
        self.row: str = ""  # the current table row's source line
        self.lines: list[Line] = []
        self.removed = removed
        self.markup: list[str] = []  # link addresses and HTML: text that is markup, not content
        self.containers: list[str] = []
        self.gap = False  # a block boundary since the last line
        self.number = ""  # an ordered item's number, printed before its first line
        self.cells: list[str] | None = None  # the current table row's cells
        self.row_links = 0
        self.rows: list[tuple[list[str], int]] = []  # the current table's rows and their links
        self.heading = ""
        self.after_image = False  # the last block held only an image

    def walk(self, tokens: Sequence[Any]) -> None:
        """Turn the block token stream into lines."""
        for tok in tokens:
            kind = tok.type
            if kind in _CONTAINER_TAGS:
                self.containers.append(_CONTAINER_TAGS[kind])
                if kind == "list_item_open" and tok.markup in (".", ")"):
                    self.number = f"{tok.info}{tok.markup} "
                self.gap = True
            elif kind in _CONTAINER_CLOSE:
                self.containers.pop()
                self.gap = True
            elif kind == "heading_open":
                # a setext underline below several source lines is a rule under a paragraph
                # (html2text's table rules), not a heading
                setext = tok.markup in ("-", "=") and bool(tok.map) and tok.map[1] - tok.map[0] > 2
                self.heading = "" if setext else tok.tag
                self.gap = True
            elif kind == "heading_close":
                self.heading = ""
                self.gap = True
            elif kind in ("paragraph_open", "table_open", "hr"):
                self.gap = True
            elif kind == "tr_open":
                self.cells, self.row_links = [], 0
                self.row = self.source[tok.map[0]] if tok.map else ""
            elif kind == "tr_close" and self.cells is not None:
                self._excess_cells()
                self.rows.append(([c for c in self.cells if c], self.row_links))
                self.cells = None
            elif kind == "table_close":
                self._table()
            elif kind == "inline":
                self._inline(tok.children or [])
            elif kind == "fence":
                self.gap = True
                for raw in tok.content.split("\n"):
                    self._add(raw.strip(), "pre", 0)
            elif kind == "html_block":
                self.gap = True
                self.markup.append(tok.content)
                self._html(tok.content)

    def _table(self) -> None:
        """A table's rows, a line each; a form's (``is_form``) labels and values each on one."""
        rows, self.rows = self.rows, []
        form = is_form([c for c, _ in rows])
        for cells, links in rows:
            if form:
                self._add(cells[0], "table", 0)
                self._add(cells[1], "table", links)
            else:
                self._add(" ".join(cells), "table", links)

    def _excess_cells(self) -> None:
        """A row with more cells than the table's header: markdown-it drops the excess (as GFM
        says), html2text's layout tables have such rows; their text is read from the source."""
        cells = _CELL_SPLIT_RE.split(self.row.strip().strip("|"))
        if self.cells is None or len(cells) <= len(self.cells):
            return
        self.cells, self.row_links = [], 0
        for cell in cells:
            tokens = self.md.parseInline(cell.strip())
            self._inline(tokens[0].children or [] if tokens else [])

    def _tag(self) -> str:
        return self.heading or (self.containers[-1] if self.containers else "")

    def _add(self, text: str, tag: str, links: int) -> None:
        if "**" in text and tag != "pre":
            text = _EMPTY_STRONG_RE.sub(" ", text)
        text = text.strip()
        if not text:
            return
        if self.number:
            text, self.number = self.number + text, ""
        if len(text) > FLATTENED_MIN and tag != "pre":
            pieces = [x.strip() for chunk in text.split(SUBHEAD_MARK)
                      for x in _FLATTENED_RE.split(chunk) if x.strip()]
        else:
            pieces = [x for x in [text.replace(SUBHEAD_MARK, "").strip()] if x]
        text = "".join(pieces)
        for k, piece in enumerate(pieces):
            gap = (self.gap or k > 0) and bool(self.lines)
            share = links * len(piece) // len(text)
            kind = "" if tag == "table" and _is_prose(piece) else tag
            self.lines.append(Line(piece, tag=kind, links=min(share, len(piece)), gap=gap))
            self.gap = False

    def _inline(self, children: Sequence[Any]) -> None:
        """One inline run: text pieces joined, a line per soft/hard break, images set aside."""
        parts: list[str] = []
        links = 0
        in_link = 0
        pieces: list[tuple[str, int]] = []
        strong = -1  # where the open strong span's text starts in parts
        after_image, bold = self.after_image, False
        self.after_image = False
        for child in children:
            kind = child.type
            if kind == "strong_open":
                strong = len(parts)
            elif kind == "strong_close" and strong >= 0:
                bold = True
                self._mark_subhead(parts, strong)
                strong = -1
            elif kind in ("text", "code_inline"):
                content = child.content
                if kind == "text" and "**" in content:
                    content = _STRAY_STRONG_RE.sub("", content)
                if kind == "text" and "^" in content:  # footnote references are markup
                    self.markup += _FOOTNOTE_REF_RE.findall(content)
                    content = _FOOTNOTE_REF_RE.sub("", content)
                    if in_link and _FOOTNOTE_LABEL_RE.fullmatch(content):
                        self.markup.append(content)  # "[^1]" a definition made a link of
                        continue
                parts.append(content)
                links += len(content.strip()) if in_link else 0
            elif kind == "link_open":
                in_link += 1
                href, title = child.attrGet("href") or "", child.attrGet("title") or ""
                self.markup += [unquote(str(href)), str(title)]
            elif kind == "html_inline":
                self.markup.append(child.content)
            elif kind == "link_close":
                in_link = max(0, in_link - 1)
            elif kind == "image":
                record = f"{child.content} {unquote(str(child.attrGet('src') or ''))}".strip()
                self.removed += [Removed("image", record)] if record else []
                self.markup.append(str(child.attrGet("title") or ""))
            if kind in ("softbreak", "hardbreak") or (
                kind == "html_inline" and child.content.lower().startswith("<br")
            ):
                pieces.append(("".join(parts), links))
                parts, links = [], 0
        pieces.append(("".join(parts), links))
        text = "".join(p for p, _ in pieces).strip()
        if not text and any(c.type == "image" for c in children):
            self.after_image = self.cells is None  # (an image in a table cell is no photo)
            return
        links = sum(n for _, n in pieces)
        if (self.cells is None and after_image and not bold and not self._tag()
                and links * 2 < len(text) and _caption(text)):
            self._add(text, "caption", links)
            return
        if self.cells is not None:  # a table cell
            self.cells.append(" ".join(p.strip() for p, _ in pieces if p.strip()))
            self.row_links += sum(n for _, n in pieces)
            return
        for piece, n in pieces:
            row = piece.strip()
            if _RULE_RE.fullmatch(row):
                continue  # a table rule the parser did not take as one: markup, not text
            cells = [c.strip() for c in row.strip("|").split("|")]
            if row.count("|") >= 2 or (len(cells) > 1 and row[:1] + row[-1:] != ""
                                       and "|" in (row[0], row[-1])):
                for cell in cells:  # a row of a layout table html2text wrote out
                    self._add(cell, "table", n * len(cell) // max(len(row), 1))
            else:
                self._add(piece, self._tag(), n)

    @staticmethod
    def _mark_subhead(parts: list[str], start: int) -> None:
        """Set a bold span that stands between spaces and holds no sentence (a subhead html2text
        flattened into a paragraph's line) apart with ``SUBHEAD_MARK`` on both sides; ``_add``
        splits a long line there and drops the marks elsewhere."""
        head = "".join(parts[start:])
        before = "".join(parts[:start])
        if (0 < len(head.strip()) <= SUBHEAD_MAX and not any(c in head for c in "。！？；")
                and (not before or before[-1].isspace())):
            # "01 **head**": the number goes with it (looked for at the end of ``before`` only)
            number = _SUBHEAD_NUMBER_RE.search(before, max(0, len(before.rstrip()) - 2))
            cut = number.start() if number else len(before)
            parts[:start] = [before[:cut], SUBHEAD_MARK, before[cut:]]
            parts.append(SUBHEAD_MARK)

    def _html(self, source: str) -> None:
        """An HTML block: its text, one line per block-level break; images to the record."""
        source = _HTML_DROP_RE.sub(" ", source)
        for img in _HTML_IMG_RE.findall(source):
            attrs = {m[1].lower(): m[2] or m[3] or m[4] for m in _HTML_ATTR_RE.finditer(img)}
            record = f"{html.unescape(attrs.get('alt', ''))} {attrs.get('src', '')}".strip()
            self.removed += [Removed("image", record)] if record else []
        source = _HTML_BREAK_RE.sub("\n", _HTML_IMG_RE.sub(" ", source))
        for raw in html.unescape(_HTML_TAG_RE.sub("", source)).split("\n"):
            self._add(raw, self._tag(), 0)
