"""What a line beside an article's text is: a dateline, a credit, a byline or source/date line
(metadata), a photo caption, an interview's speaker label. Shared by the flowing-text cleaner's
stages. Pure.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from . import patterns as P
from .bylines import credits, date_pieces, roc_date
from .lazyre import lazy_compile
from .linememo import remember
from .models import Line
from .text import is_complete

# Longest speaker label of an interview ("李金泽：", see speaker_labels), colon included.
SPEAKER_MAX = 8
# What may follow a dateline on its own line: the reporter in brackets ("（记者 陈晓）").
_BRACKETED_RE = lazy_compile(r"[（(][^（）()]{1,30}[）)]")
# A web address printed in a line ("http://www.sina.net", "www.chinaneast.gov.cn").
_URL_RE = lazy_compile(r"(?:https?://|www\.)[\w./:%?=&#-]+")
# Credits of web and WeChat articles: a role, a separator, names ("编辑｜徐菁菁", "文/林晓",
# "排版：王芳 审核：李明").
_CREDIT_RE = lazy_compile(
    r"^(编辑|责编|责任编辑|文|图|文图|文字|供稿|摄影|摄像|记者|通讯员|作者|撰文|审核|审校|校对|排版|美编|"
    r"监制|出品|统筹|策划|来源)\s*[:：|｜/／]"
)

# An "about the writer" line ("作者简介：王思远，…副主任医师，…。"): a credit written as a sentence.
_BIO_RE = lazy_compile(r"^(?:作者|专家|医生|记者|撰稿人)(?:简介|介绍)\s*[:：]")


@remember
def is_dateline(text: str) -> bool:
    """A dateline printed on a line of its own ("本报讯", "新华社福州5月6日电（记者 陈晓）"): it
    opens the first sentence of the body (``patterns.DATELINE_RE``)."""
    if "电" not in text and "讯" not in text:  # every dateline says one (asked first: faster)
        return False
    text = text.lstrip("□■ ")
    m = P.DATELINE_RE.match(text)
    rest = text[m.end():].strip() if m else "x"
    return not rest or bool(_BRACKETED_RE.fullmatch(rest))


def is_credit(text: str) -> bool:
    """A credit line anywhere around an article: a role and names, or a source ("排版：…")."""
    text = P.fold_traditional(text)
    return (len(text) <= 80 and not any(c in text for c in "。！？")
            and bool(_CREDIT_RE.match(text) or P.META_LINE_RE.search(text)))


def is_bio(text: str) -> bool:
    """A line about the article's writer, under a label ("作者简介：…"): metadata, though it
    reads as a sentence (the writer's name opens it)."""
    return bool(_BIO_RE.match(P.fold_traditional(text)))


def _url_len(text: str) -> int:
    """Characters of the web addresses in a line (a date line may start with the site's)."""
    return sum(len(m) for m in _URL_RE.findall(text))


@remember
def is_meta(text: str) -> bool:
    """A byline, credit or source/date line: short, no sentence, a role or date mark. A bare
    dateline ("本报讯") is not: it opens the first sentence."""
    text = P.fold_traditional(text)
    n = len(text) - text.count(" ")
    if n > 80 or any(c in text for c in "。！？") or is_dateline(text):
        return False
    return bool(P.META_LINE_RE.search(text) or P.BYLINE_RE.match(text) or _CREDIT_RE.match(text)
                or ((n <= 40 or P.DATE_RE.search(text)) and any(credits(text)))  # "由大卫于…发表"
                or (P.DATE_RE.search(text) and n - _url_len(text) <= 40) or P.SOURCE_RE.search(text)
                or P.ATTRIBUTION_RE.match(text) or P.DOC_NUMBER_RE.match(text)
                or date_pieces(text) is not None or (n <= 40 and roc_date(text) is not None))


@remember
def is_caption(text: str) -> bool:
    """A photo caption: a caption mark, a position mark or a photo credit, and no sentence."""
    text = P.fold_traditional(text)
    return len(text) <= 120 and not is_complete(text.rstrip("）)")) and bool(
        P.CAPTION_START_RE.match(text) or P.CAPTION_POSITION_RE.search(text)
        or P.CAPTION_CREDIT_RE.search(text))


def speaker_labels(body: Sequence[Line]) -> set[str]:
    """Labels of an interview's turns: a short line ending in a colon ("李金泽：", "记者：") that
    stands alone at least twice in the body. The words after it are the speaker's, one paragraph
    (a page saved one text node per line sets the bold label apart)."""
    labels = Counter(ln.text for ln in body if not ln.tag and ln.text[-1:] in "：:"
                     and len(ln.text) <= SPEAKER_MAX)
    return {t for t, n in labels.items() if n >= 2}
