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
Text trafilatura left out is not recorded: for HTML, nothing-lost starts after extraction.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from fjhealth.bylines import credits, find_date, is_name_line
from fjhealth.models import Document, Line
from fjhealth.patterns import HEADING_MAX
from fjhealth.read.captions import mark_captions, photo_captions

from .plain import read_plain

# Elements of trafilatura's output tree that start a block of their own.
_BLOCKS = frozenset({"p", "head", "list", "item", "quote", "table", "row", "cell", "code", "div"})
_TABLE_CELL = frozenset({"cell"})
# A whitespace run holding a line break, between two Han characters: a source line wrap.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_WRAP_RE = re.compile(rf"(?<=[{_HAN}])[ \t\r\f\v]*\n\s*(?=[{_HAN}])")
_SPACE_RE = re.compile(r"\s+")
# A paragraph indent: two or more spaces (&nbsp; or ideographic) before any line break. Source
# code indentation comes after a line break and does not count.
_INDENT_RE = re.compile(r"[ \t\u00a0\u3000]{2,}")
# <meta> names that hold the page's headline, besides og:title.
_TITLE_METAS = ("articletitle", "twitter:title", "title")
# Elements of the page whose text, matched with the extracted lines, places a dropped heading.
_SOURCE_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td")
_LEAF_BOXES = ("div", "section")
# Blocks right above the extracted text put back ahead of it (``_lead_in``), each at most
# LEAD_IN_MAX characters long.
LEAD_IN = 4
LEAD_IN_MAX = 80
# Elements that sit inside a line of text (a block made only of these is a paragraph).
_INLINE_TAGS = frozenset(("span", "strong", "b", "em", "i", "u", "a", "font", "br", "sub", "sup",
                          "small", "big", "mark", "code", "img"))
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
    source = _source_blocks(tree)  # before extraction, which prunes the tree
    captions = photo_captions(tree)
    nodes = [t.strip() for t in tree.xpath(_TEXT_NODES)[:_BYLINE_NODES] if t.strip()]
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
    return Document(
        mark_captions(_lead_in(_restore_headings(_in_page_order(walker.lines, source), source),
                               source), captions),
        format="html",
        titles=titles,
        date=(result.date if result is not None else None)
        or find_date([n for n in nodes if len(n) <= _BYLINE_MAX], titles[0] if titles else ""),
        authors=printed,
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


def _source_blocks(tree: Any) -> list[tuple[str, str]]:
    """The page's paragraphs, headings, list items and cells, and the <div>s and <section>s
    that hold no other block, in document order: (tag, text)."""
    holders: set[Any] = set()  # elements with a block inside (each ancestor marked once)
    for el in tree.iter(*_SOURCE_BLOCKS, *_LEAF_BOXES):
        for up in el.iterancestors():
            if up in holders:
                break
            holders.add(up)
    blocks = [(el.tag, _clean_space(_box_text(el) if el.tag in _LEAF_BOXES else
                                    "".join(el.itertext())))
              for el in tree.iter(*_SOURCE_BLOCKS, *_LEAF_BOXES)
              if el.tag in _SOURCE_BLOCKS or el not in holders]
    return [(tag, text) for tag, text in blocks if text]


def _box_text(el: Any) -> str:
    """A box's text; a row of links (a menu: "<a>首页</a><a>医院概况</a>") with its items apart."""
    if sum(1 for _ in el.iter("a")) >= 2:
        return " ".join(t.strip() for t in el.itertext())
    return "".join(el.itertext())


def _in_page_order(lines: list[Line], source: list[tuple[str, str]]) -> list[Line]:
    """The extracted lines in the order the page prints them: trafilatura can put a block it
    recovered late (a headline and its byline) after the text. A line found as a block of the
    page takes that block's place; any other line stays behind the furthest place reached before
    it (a footer after the text stays there when a byline before it moves up).

    >>> source = [("div", "标题"), ("p", "第一段。"), ("p", "第二段。")]
    >>> lines = [Line("第一段。"), Line("第二段。"), Line("标题"), Line("版权所有")]
    >>> [ln.text for ln in _in_page_order(lines, source)]
    ['标题', '第一段。', '第二段。', '版权所有']
    """
    places: dict[str, list[int]] = {}
    for k, (_, text) in enumerate(source):
        places.setdefault(text, []).append(k)
    unused = {text: iter(ks) for text, ks in places.items()}  # each block placed once
    keys: list[tuple[int, int]] = []
    top = -1  # the furthest place reached so far: a line not found stays behind it
    for n, line in enumerate(lines):
        found = next(unused.get(line.text, iter(())), None)
        top = max(top, found if found is not None else -1)
        keys.append((found if found is not None else top, n))
    order = sorted(range(len(lines)), key=keys.__getitem__)
    return [lines[k] for k in order]


def _lead_in(lines: tuple[Line, ...], source: list[tuple[str, str]]) -> tuple[Line, ...]:
    """The extracted lines after the blocks the page prints right above the first of them that
    the extraction left out (at most ``LEAD_IN`` short ones: the headline, its byline, a menu), for
    the cleaner to read as it reads them in a page saved as text: trafilatura drops a headline
    set in a ``<div>``, and the page's ``<title>`` often names only the site.

    >>> source = [("div", "首页 > 新闻"), ("div", "我院成功救治一名患者"), ("p", "第一段。")]
    >>> [ln.text for ln in _lead_in((Line("第一段。"),), source)]
    ['首页 > 新闻', '我院成功救治一名患者', '第一段。']
    """
    texts = {ln.text for ln in lines}
    first = next((k for k, (_, text) in enumerate(source) if text in texts), None)
    if first is None:
        return lines
    above: list[Line] = []
    k = first
    for tag, text in reversed(source[max(0, first - LEAD_IN):first]):
        if text in texts or len(text) > LEAD_IN_MAX or "。" in text:
            break  # the extracted text, or text no headline, byline or menu is made of
        above.insert(0, Line(text, tag=tag if tag[0] == "h" else "", gap=True))
        k -= 1
    # the page's <h1> (or <h2>) a few blocks further up, past an editor's note, a video's
    # fallback text or a field table's cells
    tag, h1 = next(((tag, text) for tag, text in reversed(source[max(0, k - LEAD_IN):k])
                    if tag in ("h1", "h2")), ("", ""))
    if h1 and len(h1) <= LEAD_IN_MAX and "。" not in h1 and h1 not in texts:
        above.insert(0, Line(h1, tag=tag, gap=True))
    return (*above, *lines)


def _restore_headings(lines: list[Line], source: list[tuple[str, str]]) -> tuple[Line, ...]:
    """The extracted lines with the section headings the extraction dropped put back: a heading
    element of the page standing, with only other headings, between two blocks that came out as
    consecutive lines (trafilatura's fallback extractions keep paragraphs and drop <h3>).

    >>> lines = [Line("第一段。"), Line("第二段。")]
    >>> source = [("p", "第一段。"), ("h3", "小标题"), ("p", "第二段。"), ("h3", "别处")]
    >>> [(ln.text, ln.tag) for ln in _restore_headings(lines, source)]
    [('第一段。', ''), ('小标题', 'h3'), ('第二段。', '')]
    """
    at = {}
    for k, line in enumerate(lines):
        at.setdefault(line.text, k)
    dropped: dict[int, list[tuple[str, str]]] = {}
    last, pending = None, []
    for tag, text in source:
        k = at.get(text)
        if k is not None:
            if pending and last is not None and k == last + 1:
                dropped[last] = pending
            last, pending = k, []
        elif tag[0] == "h" and len(text) <= HEADING_MAX:
            pending.append((tag, text))
        else:
            last, pending = None, []
    out: list[Line] = []
    for k, line in enumerate(lines):
        out.append(line if k - 1 not in dropped else replace(line, gap=True))
        out.extend(Line(text, tag=tag, gap=True) for tag, text in dropped.get(k, ()))
    return tuple(out)


def _leaf_blocks_as_paragraphs(tree: Any) -> None:
    """Make a <section> that holds text and only inline elements a <p>.

    WeChat articles and the editors that copy them set subheads and whole paragraphs as
    ``<section><span>…</span></section>``; trafilatura keeps only paragraph-like elements and
    would drop that text whatever its length. (A <div> of inline elements is left alone: on
    older pages that is how menus and headline boxes are built.)"""
    for el in tree.iter("section"):
        if (all(child.tag in _INLINE_TAGS for child in el)
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
    return tuple(dict.fromkeys(t for t in map(_clean_space, titles) if t))


def _clean_space(text: str) -> str:
    """Wraps between Han characters removed, other whitespace runs made one space."""
    return _SPACE_RE.sub(" ", _WRAP_RE.sub("", text)).strip()


def _spacer_paragraphs(container: Any) -> bool:
    """True when empty ``<p/>`` stand between full paragraphs at least twice (a page that marks
    paragraph breaks with empty paragraphs; its other ``<p>`` are wrapped lines)."""
    kinds = "".join("F" if _has_text(c) else "E" for c in container if c.tag == "p")
    return len(re.findall(r"(?<=F)E+(?=F)", kinds)) >= 2


def _has_text(el: Any) -> bool:
    return any(t.strip() for t in el.itertext())


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
        text = _clean_space(raw)
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
