"""HTML reader: trafilatura's main-content extraction -> ``Document`` lines, plus metadata.

trafilatura (with ``favor_recall``: the cleaner filters boilerplate afterwards, so a reader that
drops article text is worse than one that keeps a menu) turns the page into its XML tree of the
main content; the structure it keeps becomes line tags:

- ``<head>`` -> "h1".."h6" (its ``rend``, "h2" when it has none); ``<p>`` -> a line, ``<lb/>``
  starting a new line with ``gap=False``; ``<list><item>`` -> "li"; ``<quote>`` -> "quote";
  a table row of plain cells -> one "table" line (cells joined by a space), while a row whose
  cells hold paragraphs (a layout table) is read cell by cell; ``<code>`` -> "pre" lines.
- text inside ``<ref>`` (a link) is counted in ``Line.links``; formatting (``<hi>``) is dropped.
- a line break inside a source paragraph between two Han characters is a wrap, not a space;
  ``<lb/><lb/>`` and a piece starting with an indent (``&nbsp;&nbsp;``, ``\u3000\u3000``) start a
  new paragraph (``gap``; ``indent`` is set too).

When trafilatura finds no main content (a very short page), its baseline extraction (every
paragraph-like element's text) is read instead, and when that finds nothing either, every text
node of the page outside scripts and styles, one line per source line; text that is not HTML at
all (lxml finds no element) is read as plain text. Title candidates, best first: the headline
``<meta>``s (``og:title``, ``ArticleTitle``, ``twitter:title``, ``title``: a page states them for
this article, while trafilatura's title falls back to ``<title>``), trafilatura's metadata title,
the ``<title>`` text, then every ``<h1>``, all raw (site suffixes are left for the cleaner's title
stage). The date (ISO) comes from trafilatura's metadata, else from the page's text near its
start (``bylines.find_date``); the authors are the writers of the first byline printed on the page
(``_printed_writers``): trafilatura's author finder added none on the development pages and took
a WeChat page's buttons ("喜欢作者", "阅读原文") for names.
The page's blocks that trafilatura left out (menus, share bars, footers) are kept as removed text
(``html_blocks.left_out``), so nothing of the page's text goes without a record.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from fjhealth.bylines import credits, find_date, is_name_line
from fjhealth.models import Document, Line
from fjhealth.read.captions import mark_captions, photo_captions

from .html_blocks import (
    INLINE_TAGS,
    clean_space,
    is_form,
    left_out,
    prose_cell,
    realign,
    source_blocks,
    text_runs,
)
from .plain import read_plain

# Elements of trafilatura's output tree that start a block of their own.
_BLOCKS = frozenset({"p", "head", "list", "item", "quote", "table", "row", "cell", "code", "div"})
_TABLE_CELL = frozenset({"cell"})
# A paragraph indent: two or more spaces (&nbsp; or ideographic) before any line break. Source
# code indentation comes after a line break and does not count.
_INDENT_RE = re.compile(r"[ \t\u00a0\u3000]{2,}")
# <meta> names that hold the page's headline, besides og:title.
_TITLE_METAS = ("articletitle", "twitter:title", "title")
# Text nodes of the page body outside scripts and styles, the first _BYLINE_NODES of them read
# for a byline no longer than _BYLINE_MAX characters.
_TEXT_NODES = "//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]"
_BYLINE_NODES = 3000
_BYLINE_MAX = 80
# Options of the extraction (see the module docstring for why recall is favoured).
_EXTRACT_OPTIONS: dict[str, Any] = {
    "favor_recall": True,
    "include_comments": False,
    "include_formatting": True,
    "include_links": True,
    "include_tables": True,
    "include_images": False,
    "with_metadata": True,
}


def read_html(text: str) -> Document:
    """Extract the main content of an HTML page into tagged lines, with title candidates, date
    and authors."""
    import trafilatura  # here: only an HTML page loads trafilatura and lxml
    from trafilatura.utils import load_html

    tree = load_html(text)
    if tree is None:  # not HTML at all (an .html file holding plain text)
        return read_plain(text)
    _leaf_blocks_as_paragraphs(tree)
    source = source_blocks(tree)  # before extraction, which prunes the tree
    captions = photo_captions(tree)
    texts = tree.xpath(_TEXT_NODES)
    runs = text_runs(texts)
    nodes = [t.strip() for t in texts[:_BYLINE_NODES] if t.strip()]
    printed = _printed_writers(nodes)
    result = trafilatura.bare_extraction(tree, date_extraction_params=_date_params(),
                                         **_EXTRACT_OPTIONS)
    body = result.body if result is not None else None
    if body is None or not "".join(body.itertext()).strip():
        body = trafilatura.baseline(tree)[0]
    walker = _Walker()
    walker.walk(body, "")
    titles = _titles(tree, result)
    if not walker.lines:  # neither extraction found text: every text node of the page, in order
        for el in tree.xpath("//script|//style|//noscript|//template|//head"):
            el.drop_tree()
        walker.pieces = [[t, 0] for t in "".join(tree.itertext()).split("\n")]
        walker.flush("")
    lines = mark_captions(realign(walker.lines, source), captions)
    return Document(
        lines,
        format="html",
        titles=titles,
        date=(result.date if result is not None else None)
        or find_date([n for n in nodes if len(n) <= _BYLINE_MAX], titles[0] if titles else ""),
        authors=printed,
        removed=left_out(lines, runs),
    )


def _printed_writers(nodes: list[str]) -> tuple[str, ...]:
    """The writers the page's first byline names (``fjhealth.bylines.credits``), read from its
    text ``nodes`` in order (a role ending a node takes the names the next holds: "作者：<a>X</a>"):
    trafilatura leaves the byline out of the main text with the date and click count beside it
    ("发布时间：… 作者：… 点击数：…"), and its own author finder misses most Chinese bylines.
    The date printed there is read the same way when the page's markup gives none."""
    for k, node in enumerate(nodes):
        if len(node) > _BYLINE_MAX:
            continue
        writers = credits(node)[0]
        if not writers and k + 1 < len(nodes) and is_name_line(nodes[k + 1]):
            writers = credits(f"{node} {nodes[k + 1]}")[0]
        if not writers and node.startswith("Posted"):  # a blog engine's "Posted on <time> by <a>"
            writers = credits(" ".join(nodes[k:k + 4]))[0]
        if writers:
            return tuple(dict.fromkeys(writers))
    return ()


def _leaf_blocks_as_paragraphs(tree: Any) -> None:
    """Make a <section> that holds text and only inline elements a <p>.

    WeChat articles and the editors that copy them set subheads and whole paragraphs as
    ``<section><span>…</span></section>``; trafilatura keeps only paragraph-like elements and
    would drop that text whatever its length. (A <div> of inline elements is left alone: on
    older pages that is how menus and headline boxes are built.)"""
    for el in tree.iter("section"):
        if (all(child.tag in INLINE_TAGS for child in el)
                and "".join(el.itertext()).strip()):
            el.tag = "p"


def _titles(tree: Any, result: Any) -> tuple[str, ...]:
    """Title candidates, best first: og:title and the other headline <meta>s (the ArticleTitle
    of Chinese government-site CMSs, twitter:title, title), trafilatura's title, <title>, every
    <h1>; raw."""
    meta_title = result.title if result is not None else None
    metas = [(str(m.get("property") or m.get("name") or "").lower(), m.get("content") or "")
             for m in tree.iter("meta")]
    titles = [*(c for k, c in metas if k == "og:title"),
              *(c for k, c in metas if k in _TITLE_METAS), meta_title or "",
              *(t.text_content() for t in tree.xpath("//title")),
              *(h.text_content() for h in tree.xpath("//h1"))]
    return tuple(dict.fromkeys(t for t in map(clean_space, titles) if t))


def _spacer_paragraphs(container: Any) -> bool:
    """True when empty ``<p/>`` stand between full paragraphs at least twice (a page that marks
    paragraph breaks with empty paragraphs; its other ``<p>`` are wrapped lines)."""
    kinds = "".join("F" if _has_text(c) else "E" for c in container if c.tag == "p")
    return len(re.findall(r"(?<=F)E+(?=F)", kinds)) >= 2


def _has_text(el: Any) -> bool:
    return any(t.strip() for t in el.itertext())


def _cell_texts(table: Any) -> list[list[str]]:
    """A table's rows as their cells' texts (empty cells left out)."""
    rows = [[clean_space("".join(c.itertext())) for c in row] for row in table if row.tag == "row"]
    return [[c for c in row if c] for row in rows]


def _has_blocks(el: Any, ignore: frozenset[str] = frozenset()) -> bool:
    return any(d.tag in _BLOCKS and d.tag not in ignore for d in el.iterdescendants())


class _Walker:
    """Turns trafilatura's XML tree into lines: blocks become lines, inline content is gathered."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.gap = False
        self.pieces: list[list[Any]] = [["", 0]]  # [text, link characters] split at <lb/>

    def walk(self, container: Any, tag: str) -> None:
        """A container's children: inline runs become lines, blocks are read by ``block``.

        Where a container separates its paragraphs with empty ``<p/>`` (``_spacer_paragraphs``),
        a ``<p>`` right after another is a wrapped line of the same paragraph: no gap before it.
        """
        self._text(container.text, 0)
        spacers = _spacer_paragraphs(container)
        after_p = False
        for child in container:
            if child.tag in _BLOCKS or _has_blocks(child):
                self.flush(tag)
                start = len(self.lines)
                self.block(child, tag)
                if (spacers and after_p and child.tag == "p" and len(self.lines) > start
                        and not self.lines[start].indent):
                    self.lines[start] = replace(self.lines[start], gap=False)
                after_p = child.tag == "p" and _has_text(child)
            else:
                self.inline(child, 0)
            self._text(child.tail, 0)
        self.flush(tag)

    def block(self, el: Any, tag: str) -> None:
        """One block element, in the tag its container gives it."""
        self.gap = True
        kind = el.tag
        if kind == "head":
            rend = el.get("rend") or ""
            tag = rend if re.fullmatch(r"h[1-6]", rend) else "h2"
        elif kind == "item":
            tag = "li"
        elif kind == "quote":
            tag = "quote"
        elif kind == "code":
            for raw in "".join(el.itertext()).split("\n"):
                self._line(raw, "pre", 0)
            return
        elif kind == "table" and is_form(rows := _cell_texts(el)):
            for label, value in rows:  # a form: each label and each value a line
                self._line(label, "table", 0)
                self._line(value, "" if prose_cell(value) else "table", 0)
            return
        elif kind == "row" and not _has_blocks(el, _TABLE_CELL):
            self.gap = not self.lines or self.lines[-1].tag != "table"  # a table is one block
            for cell in el:
                self.inline(cell, 0)
                self._text(" ", 0)
            self.flush("table")
            self.gap = True
            return
        self.walk(el, tag)
        self.gap = True

    def inline(self, el: Any, in_link: int) -> None:
        """An inline element's text and its children's (not its tail); <lb/> starts a new piece."""
        if el.tag == "lb":
            self.pieces.append(["", 0])
            return
        in_link += el.tag == "ref"
        self._text(el.text, in_link)
        for child in el:
            self.inline(child, in_link)
            self._text(child.tail, in_link)

    def _text(self, text: str | None, in_link: int) -> None:
        if text:
            piece = self.pieces[-1]
            piece[0] += text
            piece[1] += len("".join(text.split())) if in_link else 0

    def flush(self, tag: str) -> None:
        """The gathered inline text as lines (one per <lb/>-separated piece); an empty piece
        (``<lb/><lb/>``) is a blank line, a paragraph break."""
        pieces, self.pieces = self.pieces, [["", 0]]
        for k, (text, links) in enumerate(pieces):
            if k and not text.strip():
                self.gap = True
            self._line(text, tag, links, indent=bool(_INDENT_RE.match(text)))

    def _line(self, raw: str, tag: str, links: int, indent: bool = False) -> None:
        text = clean_space(raw)
        if not text:
            return
        gap = (self.gap or indent) and bool(self.lines)
        self.lines.append(Line(text, tag=tag, links=min(links, len(text)), gap=gap, indent=indent))
        self.gap = False


def _date_params() -> dict[str, Any]:
    """htmldate without its extensive search: that search runs dateparser over the page's text,
    which costs three quarters of the extraction time (compiling locale patterns) and found no
    date right on the development pages that the markup did not give."""
    from trafilatura.settings import set_date_params

    return set_date_params(extensive=False)
