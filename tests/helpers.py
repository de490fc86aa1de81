"""Small builders for tests: articles from text, corpus files in any encoding; and what
cleaning must keep of a page (``signature``, ``kept``)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from fjhealth.clean import article_parts
from fjhealth.models import Article, Block, Removed
from fjhealth.patterns import is_han

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

# A short web-style page the cleaner keeps as one article: a title and two paragraphs.
PAGE_TITLE = "福建推进紧密型县域医共体建设"
PAGE_PARAGRAPHS = (
    "福建省卫健委近日召开会议，部署推进紧密型县域医共体建设工作，要求各地加快建设步伐，"
    "提升基层医疗服务能力。",
    "会议要求，各地要加快分级诊疗制度建设，让群众在家门口就能看好病，减少跨区域就医的负担和成本。",
)
PAGE_TEXT = f"# {PAGE_TITLE}\n\n" + "\n\n".join(PAGE_PARAGRAPHS) + "\n"


def make_article(
    *paragraphs: str,
    id: str = "001",
    title: str = "标题",
    captions: tuple[str, ...] = (),
    removed: tuple[Removed, ...] = (),
) -> Article:
    """An Article with the given body paragraphs."""
    return Article(
        id=id,
        title=title,
        blocks=tuple(Block("paragraph", p) for p in paragraphs),
        captions=captions,
        removed=removed,
    )


def write_page(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``folder/name`` in ``encoding`` (BOM codecs add their BOM)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def write_pages(folder: Path, pages: dict[str, str]) -> Path:
    """A corpus folder of pages (file name -> text, UTF-8)."""
    for name, text in pages.items():
        write_page(folder, name, text)
    return folder


# ----------------------------------------------------------------- column pages typeset here

_CLOSING = "，。、；：！？”’）》」』…"


def _cells(ch: str, punct: float) -> float:
    if ch.isascii():
        return 0.5
    return punct if ch in _CLOSING + "“‘（《「『—·" else 1.0


def wrap_column(text: str, width: int, punct: float = 1.0, indent: int = 2) -> list[str]:
    """Set one paragraph in a column ``width`` cells wide, as a newspaper does: the first line
    indented, no line starting with a closing mark (it is pushed into the line above)."""
    lines: list[str] = []
    cur, used, limit = "", 0.0, width - indent
    for ch in text:
        size = _cells(ch, punct)
        if used + size > limit and cur and ch not in _CLOSING:
            lines.append(cur)
            cur, used, limit = "", 0.0, width
        cur += ch
        used += size
    return [*lines, cur] if cur else lines


def cut_after_marks(line: str) -> list[str]:
    """The pieces ``pdftotext -raw`` leaves of a printed line: a break after every clause or
    sentence mark in it."""
    pieces, cur = [], ""
    for ch in line:
        cur += ch
        if ch in "，。、：；！？":
            pieces.append(cur.strip())
            cur = ""
    return [*pieces, cur.strip()] if cur.strip() else pieces


def justify(line: str) -> str:
    """Spaces a justifying extractor leaves: between the characters of a spread-out line."""
    return " ".join(line)


def typeset_page(
    paragraphs: list[str],
    width: int,
    *,
    headline: str = "",
    byline: str = "",
    masthead: tuple[str, ...] = (),
    column_lines: int = 0,
    punct: float = 1.0,
    spread_every: int = 0,
    headline_last: bool = False,
    cut_marks: bool = False,
) -> str:
    """A column page as a PDF extractor gives it: masthead lines, a headline, a byline, the
    paragraphs wrapped at ``width`` with a blank line after every ``column_lines`` printed lines
    (a column break, even mid-paragraph) and every ``spread_every``-th line justified with
    spaces; the headline printed at the end when ``headline_last``; each printed line cut after
    its punctuation marks when ``cut_marks``."""
    body: list[str] = []
    for p in paragraphs:
        body.extend(wrap_column(p, width, punct))
    if spread_every:
        body = [justify(ln) if k % spread_every == spread_every - 1 else ln
                for k, ln in enumerate(body)]
    if column_lines:  # a column ends after a printed line, never inside one
        body = [ln + ("\n" if k % column_lines == column_lines - 1 else "")
                for k, ln in enumerate(body)]
    if cut_marks:  # the blank line of a column break stays after the printed line's last piece
        body = [piece + ("\n" if ln.endswith("\n") and k == len(pieces) - 1 else "")
                for ln in body for pieces in [cut_after_marks(ln)]
                for k, piece in enumerate(pieces)]
    head = [*masthead, *([] if headline_last else [headline]), *([byline] if byline else [])]
    tail = [headline] if headline_last else []
    return "\n".join([*(h for h in head if h), *body, *tail]) + "\n"


def signature(text: str) -> Counter[str]:
    """The multiset of Han characters and digits: what cleaning must never lose."""
    return Counter(c for c in text if is_han(c) or c.isdigit())


def kept(articles: tuple[Article, ...]) -> Counter[str]:
    """The ``signature`` of everything the articles hold, removed text included."""
    total: Counter[str] = Counter()
    for a in articles:
        for part in article_parts(a):
            total += signature(part)
    return total
