"""Cleaning: page text -> articles. Pure, no I/O.

A page is first told apart by layout (``layout``): text set in narrow newspaper columns goes to
``columns`` (lines re-joined, headlines and captions put back, several articles split); flowing
text — web pages, Markdown exports, HTML read by ``fjhealth.read`` — goes to ``flow`` (lines
classified as article text or furniture, title by agreement with the body). Both give drafts;
metadata lines become source, date and authors here. Nothing is dropped: every Han character and
digit of the page ends up in a title, subtitle, metadata line, paragraph, caption or a
``Removed`` record — or, when a page holds no article text at all, the page yields no article.

>>> column = ["省 医 学 会 在福州召", "开会议 ，300 多人参", "加。会议由省卫健委", "主持。"]
>>> clean_text("\\n".join(column * 2))[0].paragraphs[0]
'省医学会在福州召开会议，300多人参加。会议由省卫健委主持。'
"""

from __future__ import annotations

import re
from dataclasses import replace

from . import patterns as P
from .bylines import closing_writers, credits, find_authors, find_date, has_role, is_name
from .column_unfold import unfold_columns
from .columns import column_drafts
from .flow import build as build_flow
from .layout import is_column_text
from .models import Article, Document, Page
from .read.plain import read_plain
from .text import normalize
from .units import Draft


def _parse_meta(lines: list[str], title: str = "",
                header: int | None = None) -> tuple[str | None, str | None, tuple[str, ...]]:
    """Source, ISO date and author names from metadata lines (``bylines``); ``header``: how
    many of them stand above the body (None: unknown)."""
    source = None
    authors = list(find_authors(lines, header))
    for line in lines:
        folded = P.fold_traditional(line)  # labels read in either script, names as printed
        if m := P.SOURCE_RE.search(folded):
            source = source or line[m.start(1):m.end(1)]
        if has_role(line):
            continue
        inner = P.ATTRIBUTION_RE.match(line)
        is_byline = bool(P.BYLINE_RE.match(folded) or P.TAIL_BYLINE_RE.search(folded))
        names = P.BYLINE_ROLE_RE.sub(" ", line.strip("（）() ")).replace("、", " ").split()
        if is_byline or (inner and len(names) > 1 and all(map(is_name, names))):
            authors.extend(n for n in names if is_name(n) and n not in authors)
        elif (inner and not P.DATE_RE.search(line) and not any(ch.isdigit() for ch in line)
              and not inner.group(1).startswith("此件")  # "（此件主动公开）": a document's note
              and any(map(P.is_han, inner.group(1))) and not is_name(inner.group(1))):
            source = source or inner.group(1)  # (a person named alone is no source)
    return source, find_date(lines, title), tuple(authors)


# Paragraphs looked at for a dateline crediting the writers (an editor's note may come first).
LEAD_BLOCKS = 3
# Shortest page line (characters, spaces aside) matched to a paragraph's start or end.
_LINE_KEY = 8
# The bracketed credit a lead ends with: "（记者郑璜）".
_CREDIT_END_RE = re.compile(r"[（(]([^（）()]+)[）)]$")
# A byline run into the first paragraph, with no dateline: "融媒体记者 叶晨 通讯员 谢婷 报道：…"
# (the writers are read from it by their roles, ``bylines.credits``).
_RUN_IN_RE = re.compile(r"^([^，。：:！？“”]{2,40}?)\s*报道\s*[：:]")


def _lead_writers(text: str) -> tuple[str, ...]:
    """The writers credited in brackets after an article's dateline, each after a role ("本报讯
    （记者郑璜 通讯员陈晓）"; read from the page's line, whose spaces keep two names under one
    role apart: "（记者 李恒 沐铁城）"), or in a byline run into the lead ("记者 … 报道：").

    >>> _lead_writers("本报讯（记者郑璜 通讯员陈晓）日前，省医保局印发通知。")
    ('郑璜', '陈晓')
    >>> _lead_writers("本报讯 日前，省医保局印发通知。")
    ()
    >>> _lead_writers("人民网福州12月10日电 （刘思远）在三明市将乐县，…")
    ('刘思远',)
    >>> _lead_writers("融媒体记者 叶晨 通讯员 谢婷 报道：11月5日上午，…")
    ('叶晨', '谢婷')
    """
    lead = P.LEAD_RE.match(text)
    credit = _CREDIT_END_RE.search(lead.group(0)) if lead else None
    if credit is None:
        run_in = _RUN_IN_RE.match(text)
        return tuple(credits(run_in.group(1))[0]) if run_in else ()
    if not P.BYLINE_ROLE_RE.search(credit.group(1)):
        # names alone in the bracket ("人民网福州12月10日电（刘思远）"): one to three of them
        names = credit.group(1).replace("、", " ").split()
        return tuple(names) if 1 <= len(names) <= 3 and all(map(is_name, names)) else ()
    return tuple(n for n in P.BYLINE_ROLE_RE.sub(" ", credit.group(1)).split() if is_name(n))


def _page_line(doc: Document | None, block: str, first: bool) -> str:
    """The page's line (spaces kept: "记者 李恒 沐铁城") that a block's text begins with
    (``first``) or ends with; the block's text when none is found."""
    key = "".join(block.split())
    for ln in (doc.lines if first else reversed(doc.lines)) if doc is not None else ():
        k = "".join(ln.text.split())
        if len(k) >= _LINE_KEY and (key.startswith(k) if first else key.endswith(k)):
            return ln.text
    return block


def _article(draft: Draft, article_id: str, doc: Document | None = None) -> Article:
    """An article from a draft; the format's own date and authors fill what the text lacks.
    Where an HTML page's own date differs, a date printed with its weekday in a site's header
    bar ("2026年11月01日 星期日") is the day the page was seen, not the article's."""
    source, date, authors = _parse_meta(draft.meta, draft.title, draft.header)
    if doc is not None:
        if doc.format == "html" and doc.date and date not in (None, doc.date):
            date = find_date([m for m in draft.meta if not P.MASTHEAD_RE.search(m)], draft.title)
        date, authors = date or doc.date, authors or doc.authors
    editors = {name for line in draft.meta for name in credits(line)[1]}
    if draft.blocks and (not authors or set(authors) <= editors):
        # the writers a dateline credits: "本报讯（记者郑璜）", or a bracket closing the article
        # ("…。（常书香 马丹阳）"), read with the page's spaces; they come before an editor
        paragraphs = [b.text for b in draft.blocks if b.kind == "paragraph"] or [""]
        lead = next((w for b in paragraphs[:LEAD_BLOCKS]  # (an editor's note may come first)
                     if (w := _lead_writers(_page_line(doc, b, first=True)))), ())
        authors = lead or closing_writers(_page_line(doc, paragraphs[-1], first=False)) or authors
    return Article(
        id=article_id,
        title=draft.title,
        subtitles=tuple(draft.subtitles),
        blocks=tuple(draft.blocks),
        captions=tuple(draft.captions),
        meta=tuple(draft.meta),
        source=source,
        date=date,
        authors=authors,
        removed=tuple(draft.removed),
    )


def clean_text(text: str, page_id: str = "-") -> tuple[Article, ...]:
    """Clean plain page text into articles (IDs ``page_id``, or ``page_id-N`` on a page with
    several); a page with no article text yields none."""
    text = normalize(text)
    if "  " in text:  # columns printed side by side (pdftotext -layout), one after the other
        unfolded = unfold_columns(text)
        if unfolded != text and is_column_text(unfolded.split("\n")):
            text = unfolded
    if not is_column_text(text.split("\n")):
        return clean_document(read_plain(text), page_id)
    drafts = column_drafts(text)
    ids = [page_id] if len(drafts) == 1 else [f"{page_id}-{n}" for n in range(1, len(drafts) + 1)]
    paper, date = _folio(drafts)  # the paper printing the page is the source of its articles
    return tuple(replace(a, source=paper or a.source, date=a.date or date)
                 for a in (_article(d, i) for d, i in zip(drafts, ids, strict=True)))


# A newspaper's name in its page furniture: a word of Han characters ending in 报 ("海峡都市报",
# "福建卫生报") standing apart, not the paper speaking of itself ("本报").
_PAPER_RE = re.compile(r"(?<![\u4e00-\u9fff])(?!本报)[\u4e00-\u9fff]{1,9}报(?![\u4e00-\u9fff])")


def _folio(drafts: list[Draft]) -> tuple[str | None, str | None]:
    """The paper's name and the page's ISO date, as its furniture prints them (the masthead and
    the page line: "海峡都市报", "2024年8月6日 星期五 第4版"): the source and date of every article
    on the page (a date of its own aside: the paper printing an article is its source).

    >>> from fjhealth.models import Removed
    >>> d = Draft()
    >>> d.removed += [Removed("page furniture", "福建卫生报 2024年9月5日 星期四 第3版 卫生要闻")]
    >>> _folio([d])
    ('福建卫生报', '2024-09-05')
    """
    lines = [ln for d in drafts for r in d.removed if r.reason == "page furniture"
             for ln in r.text.split("\n")]
    folio = [ln for ln in lines if P.MASTHEAD_RE.search(ln)]
    papers = (m.group(0) for ln in lines if (m := _PAPER_RE.search(ln)))
    return next(papers, None), find_date(folio) if folio else None


def clean_document(doc: Document, page_id: str = "-") -> tuple[Article, ...]:
    """Clean a page of flowing text (a web page, Markdown, HTML) read by ``fjhealth.read``."""
    draft = build_flow(doc)
    return () if draft is None else (_article(draft, page_id, doc),)


def split_articles(page: Page) -> tuple[Article, ...]:
    """Clean one corpus page; a page carrying several articles yields several."""
    if page.format == "text":
        articles = clean_text(page.text, page.id)
    else:
        from .read import read_document  # here: plain-text pages never load a markup parser

        articles = clean_document(read_document(normalize(page.text), page.format), page.id)
    return tuple(replace(a, path=page.path) for a in articles)


def article_parts(article: Article) -> tuple[str, ...]:
    """Every piece of text an article holds, removed text included (for loss checks)."""
    return (article.title, *article.subtitles, *article.meta, *(b.text for b in article.blocks),
            *article.captions, *(r.text for r in article.removed))
