"""The page's own blocks, read before extraction, set against what trafilatura extracted.

trafilatura's tree is the main content, but its fallbacks lose some of the page's structure:
blocks come out of order, a headline in a ``<div>`` or a section heading is dropped, and on a
short page several paragraphs and the headline can come out as one paragraph. The page's
blocks (``source_blocks``: paragraphs, headings, list items, cells and leaf boxes, in document
order) put that back (``realign``). The page's text in runs (``text_runs``) set against the
extracted lines gives what the extraction left out (``left_out``), kept as removed text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Any

from fjhealth.models import Line, Removed
from fjhealth.patterns import HEADING_MAX

# A whitespace run holding a line break, between two Han characters: a source line wrap.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_WRAP_RE = re.compile(rf"(?<=[{_HAN}])[ \t\r\f\v]*\n\s*(?=[{_HAN}])")
_SPACE_RE = re.compile(r"\s+")
# Elements of the page whose text, matched with the extracted lines, places a dropped heading.
_SOURCE_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td")
_LEAF_BOXES = ("div", "section")
# Blocks right above the extracted text put back ahead of it (``lead_in``), each at most
# LEAD_IN_MAX characters long.
LEAD_IN = 4
LEAD_IN_MAX = 80
# Blocks are looked up by their first _PREFIX characters (whitespace removed).
_PREFIX = 8
# At most _TRIES blocks starting alike are tried, each run of at most _RUN_MAX blocks (a page of
# many identical blocks costs no more than a page of distinct ones).
_TRIES = 8
_RUN_MAX = 200


def source_blocks(tree: Any) -> list[tuple[str, str]]:
    """The page's paragraphs, headings, list items and cells, and the <div>s and <section>s
    that hold no other block, in document order: (tag, text). Code (``<script>``, ``<style>``)
    is no text of theirs; the tree is left as it was (its scripts hold the page's metadata)."""
    code = [(el, el.text) for el in tree.iter("script", "style") if el.text]
    for el, _ in code:
        el.text = None
    try:
        return _blocks(tree)
    finally:
        for el, text in code:
            el.text = text


def _blocks(tree: Any) -> list[tuple[str, str]]:
    holders: set[Any] = set()  # elements with a block inside (each ancestor marked once)
    for el in tree.iter(*_SOURCE_BLOCKS, *_LEAF_BOXES):
        for up in el.iterancestors():
            if up in holders:
                break
            holders.add(up)
    blocks = [(el.tag, clean_space(_box_text(el) if el.tag in _LEAF_BOXES else
                                    "".join(el.itertext())))
              for el in tree.iter(*_SOURCE_BLOCKS, *_LEAF_BOXES)
              if el.tag in _SOURCE_BLOCKS or el not in holders]
    return [(tag, text) for tag, text in blocks if text]


def _box_text(el: Any) -> str:
    """A box's text; a row of links (a menu: "<a>首页</a><a>医院概况</a>") with its items apart."""
    if sum(1 for _ in el.iter("a")) >= 2:
        return " ".join(t.strip() for t in el.itertext())
    return "".join(el.itertext())


def in_page_order(lines: list[Line], source: list[tuple[str, str]]) -> list[Line]:
    """The extracted lines in the order the page prints them: trafilatura can put a block it
    recovered late (a headline and its byline) after the text. A line found as a block of the
    page takes that block's place; any other line stays behind the furthest place reached before
    it (a footer after the text stays there when a byline before it moves up).

    >>> source = [("div", "标题"), ("p", "第一段。"), ("p", "第二段。")]
    >>> lines = [Line("第一段。"), Line("第二段。"), Line("标题"), Line("版权所有")]
    >>> [ln.text for ln in in_page_order(lines, source)]
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


def lead_in(lines: tuple[Line, ...], source: list[tuple[str, str]]) -> tuple[Line, ...]:
    """The extracted lines after the blocks the page prints right above the first of them that
    the extraction left out (at most ``LEAD_IN`` short ones: the headline, its byline, a menu), for
    the cleaner to read as it reads them in a page saved as text: trafilatura drops a headline
    set in a ``<div>``, and the page's ``<title>`` often names only the site.

    >>> source = [("div", "首页 > 新闻"), ("div", "我院成功救治一名患者"), ("p", "第一段。")]
    >>> [ln.text for ln in lead_in((Line("第一段。"),), source)]
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


def restore_headings(lines: list[Line], source: list[tuple[str, str]]) -> tuple[Line, ...]:
    """The extracted lines with the section headings the extraction dropped put back: a heading
    element of the page standing, with only other headings, between two blocks that came out as
    consecutive lines (trafilatura's fallback extractions keep paragraphs and drop <h3>).

    >>> lines = [Line("第一段。"), Line("第二段。")]
    >>> source = [("p", "第一段。"), ("h3", "小标题"), ("p", "第二段。"), ("h3", "别处")]
    >>> [(ln.text, ln.tag) for ln in restore_headings(lines, source)]
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


def clean_space(text: str) -> str:
    """Wraps between Han characters removed, other whitespace runs made one space."""
    return _SPACE_RE.sub(" ", _WRAP_RE.sub("", text)).strip()


def split_joined(lines: list[Line], source: list[tuple[str, str]]) -> list[Line]:
    """The extracted lines with a line that is two or more consecutive blocks of the page run
    together (a fallback extraction's one paragraph for a short page's headline and
    paragraphs) cut back into those blocks, each with its heading tag if it is a heading.
    Only untagged lines are cut, never into table cells (a row is its cells run together);
    whitespace is ignored in the comparison; any other line is kept as it is.

    >>> source = [("h1", "通知"), ("p", "第一段。"), ("p", "第二段。")]
    >>> [(ln.text, ln.tag) for ln in split_joined([Line("通知第一段。第二段。")], source)]
    [('通知', 'h1'), ('第一段。', ''), ('第二段。', '')]
    >>> [ln.text for ln in split_joined([Line("通知第一段。别的")], source)]
    ['通知第一段。别的']
    """
    bare = [_SPACE_RE.sub("", text) for _, text in source]
    known = set(bare)
    starts: dict[str, list[int]] = {}
    for k, text in enumerate(bare):
        starts.setdefault(text[:_PREFIX], []).append(k)
    out: list[Line] = []
    for line in lines:
        text = _SPACE_RE.sub("", line.text)
        run = None if line.tag or text in known else _blocks_run(text, bare, starts)
        if run is None or any(source[k][0] == "td" for k in run):  # a table row is its cells'
            out.append(line)
            continue
        for n, k in enumerate(run):
            tag = source[k][0]
            out.append(Line(source[k][1], tag=tag if tag[0] == "h" else "",
                            gap=line.gap if n == 0 else True))
    return out


def _blocks_run(text: str, bare: list[str], starts: dict[str, list[int]]) -> list[int] | None:
    """Indexes of two or more consecutive blocks whose texts make up ``text``, if any."""
    for size in range(1, min(len(text), _PREFIX) + 1):
        for k in starts.get(text[:size], ())[:_TRIES]:
            run, at = [], 0
            while (len(run) < _RUN_MAX and k < len(bare) and bare[k]
                   and text.startswith(bare[k], at)):
                run.append(k)
                at += len(bare[k])
                k += 1
                if at == len(text):
                    return run if len(run) >= 2 else None
    return None


def realign(lines: list[Line], source: list[tuple[str, str]]) -> tuple[Line, ...]:
    """The extracted lines set right by the page's blocks: run-together blocks cut apart, lines
    in the page's order, dropped section headings and the lead-in above the text put back."""
    lines = in_page_order(split_joined(lines, source), source)
    return lead_in(restore_headings(lines, source), source)


# Elements that sit inside a line of text (a block made only of these is a paragraph).
INLINE_TAGS = frozenset(("span", "strong", "b", "em", "i", "u", "a", "font", "br", "sub", "sup",
                         "small", "big", "mark", "code", "img"))
# Characters of the extracted text that substring look-ups may scan in all for one page (a page
# of tens of thousands of runs costs no more); runs past it are reported without the check.
_SCAN_BUDGET = 50_000_000
# Text that says nothing on its own: punctuation, symbols and spaces only.
_MARKS_ONLY_RE = re.compile(r"[\W_]*")
LEFT_OUT = "outside main content"  # the reason ``left_out`` gives
# Elements that are one item of several (a menu's links): left out one after another, one record.
_ITEMS = frozenset(("li", "td", "th", "dd", "dt"))
# A run this long that is part of an extracted line is that text (a paragraph whose inline
# element trafilatura kept in it); a shorter one must be a line of its own, once for each time.
_PART_MIN = 10


def text_runs(nodes: list[Any]) -> list[tuple[str, bool]]:
    """The page's text nodes (lxml's, in document order) in runs: consecutive nodes under the
    same nearest element that is not inline (a paragraph, a cell, the loose text of a box
    between its blocks), each run's whitespace cleaned (``clean_space``), and whether that
    element is an item of a list or table (``_ITEMS``: a menu's links)."""
    holder: dict[Any, Any] = {}  # element -> its nearest non-inline element (itself, or up)

    def block_of(el: Any) -> Any:
        path = []
        while el is not None and el not in holder and el.tag in INLINE_TAGS:
            path.append(el)
            el = el.getparent()
        top = holder.get(el, el)
        for up in path:
            holder[up] = top
        return top

    runs: list[tuple[str, bool]] = []
    parts: list[str] = []
    last = None
    for node in [*nodes, None]:
        block = None
        if node is not None:
            el = node.getparent()
            block = block_of(el.getparent() if node.is_tail and el is not None else el)
        if (block is not last or node is None) and parts:
            text = clean_space("".join(parts))
            if text:
                runs.append((text, last is not None and last.tag in _ITEMS))
            parts = []
        last = block
        if node is not None:
            parts.append(node)
    return runs


def left_out(lines: tuple[Line, ...], runs: list[tuple[str, bool]]) -> tuple[Removed, ...]:
    """The page's runs of text (``text_runs``) that no extracted line holds, whitespace ignored:
    the menus, share bars and footers trafilatura left out, kept as removed text so that nothing
    of an HTML page is lost without a record. Lines of the same text as a run hold one run each,
    and a table row's line one run for each of its cells; from ``_PART_MIN`` characters up, a
    run may also be a part of the other lines run together (a paragraph trafilatura split, or
    joined to another), each part holding one run. Items left out one after another (a menu's
    links) make one record.

    >>> lines = (Line("首页"), Line("第一段写了十个字。"), Line("第二段。"))
    >>> runs = [("首页", True), ("首页", True), ("新闻", True),
    ...         ("第一段写了十个字。第二段。", False),
    ...         ("首页", False), ("© 2026", False), ("|", False)]
    >>> [r.text for r in left_out(lines, runs)]
    ['首页 新闻', '首页', '© 2026']
    """
    # a table's row is one line, its cells joined by a space: each cell holds one run
    keys = [k for ln in lines
            for k in (ln.text.split() if ln.tag == "table" else (_SPACE_RE.sub("", ln.text),))]
    run_keys = [_SPACE_RE.sub("", text) for text, _ in runs]
    wanted = Counter(run_keys)  # runs not yet matched by a line of their own text
    free: list[str] = []  # the lines no run matched, "\0" where matched ones stood
    for key in keys:
        if wanted[key] > 0:
            wanted[key] -= 1
            free.append("\0")
        else:
            free.append(key)
    found = Counter(run_keys) - wanted  # the runs matched by a line, by text
    rest = "".join(free)
    out: list[list[str]] = []  # the runs left out, items next to each other together
    budget, last = _SCAN_BUDGET, -2
    for n, ((text, item), key) in enumerate(zip(runs, run_keys, strict=True)):
        if found[key] > 0:
            found[key] -= 1
            continue
        if _MARKS_ONLY_RE.fullmatch(key):
            continue
        if len(key) >= _PART_MIN:  # (a short one, a menu's "首页", would be found anywhere)
            budget -= len(rest)
            if budget >= 0 and key in rest:
                rest = rest.replace(key, "\0", 1)  # each piece of a line holds one run
                continue
        if item and last == n - 1:
            out[-1].append(text)
        else:
            out.append([text])
        last = n if item else -2
    return tuple(Removed(LEFT_OUT, " ".join(texts)) for texts in out)


# A form's field label in a table row's first cell: a few Han characters ("来信内容").
FIELD_LABEL_RE = re.compile("[\u4e00-\u9fff]{2,6}[:：]?")
# A cell holding prose: longer than this, with a sentence end in it.
PROSE_CELL = 40


def prose_cell(text: str) -> bool:
    """A table cell holding prose (longer than ``PROSE_CELL``, with a sentence end)."""
    return len(text) > PROSE_CELL and any(c in text for c in "。！？")


def is_form(rows: list[list[str]]) -> bool:
    """A table that is a form (a letter box's record): two cells a row, a field label first in
    each ("来信内容"), a value of prose in one. Its labels and values are read as a page printing
    it as text writes them, each on a line of its own."""
    return bool(rows) and all(len(r) == 2 and FIELD_LABEL_RE.fullmatch(r[0]) for r in rows) and any(
        prose_cell(r[1]) for r in rows)
