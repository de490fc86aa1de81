"""What a line's text is, read alone, where the body's edges are decided (``classify``): a notice
about the article, a page's field, a whole sentence, a heading's shape. Each is a property of how
such text is written on any site; the notice wordings are a documented supplement. Pure.

>>> notice("本文来自网友投稿，仅代表作者观点。"), whole_sentence("本通知自2026年1月1日起执行。")
(True, True)
"""

from __future__ import annotations

from collections.abc import Sequence

from .lazyre import lazy_compile
from .linememo import kind as line_kind
from .lines import DATE_RE, HAN_RE, LABEL_RE, SHORT_LINE
from .models import Line
from .patterns import HEADING_MAX, TERMINAL
from .text import is_complete

# An advertisement slot's label.
_AD_LABEL_RE = lazy_compile(r"广告|推广|AD|Advertisement|[（(\[【]广告[）)\]】]")
# A reference list's label, and an entry of the list ("[1] 中国营养学会.…", "2. …").
_REFERENCES_RE = lazy_compile(r"(?:参考资料|参考文献|参考来源|References)\s*[:：]?")
_REFERENCE_RE = lazy_compile(r"\s*(?:\[\d{1,3}\]|\d{1,3}[.、．])")
# A field is at most this long (characters): "标签：远程医疗 乡村医生".
SHORT_EDGE = 40
# A rights notice: a copyright or licence mark, which no article sentence carries ("本站所刊登的…
# 未经协议授权，禁止下载使用").
_RIGHTS_RE = lazy_compile(r"版权所有|Copyright|©|ICP|公网安备|未经[^，。]{0,6}授权")
# A notice about the article itself, which closes many reposts ("本文来自【…】，仅代表作者观点",
# "本文为作者原创，转载请注明出处", "文中观点仅代表原作者本人，与本站立场无关。如涉及版权问题…"),
# where it was excerpted from ("💡 摘录自…"), a disclaimer ("免责声明：本栏目回答仅供参考…"),
# a comment box's rules ("请遵守互联网相关规定，不发表违法言论", "文明上网，理性发言"), in
# simplified or traditional characters: a documented supplement to the edge rules.
NOTICE_RE = lazy_compile(
    r"本文(?:[来來]自|[来來]源于|[为為]|系|[转轉][载載]|[仅僅]代表)"
    r"|[仅僅]代表[^，。,]{0,4}(?:作者|个人|個人|本人)|[转轉][载載][请請][注註]明"
    r"|不代表本\S{0,3}(?:立场|立場|观点|觀點)|与本\S{0,3}立场无关|與本\S{0,3}立場無關"
    r"|如(?:涉及|有)[^，。,]{0,4}(?:版权|版權|侵权|侵權)"
    r"|^\W{0,3}(?:本文)?摘(?:录|錄)?自|免责声明|免責聲明"
    r"|文明上网|文明上網|理性发言|理性發言|(?:违法|違法|不良|有害)[^，。,]{0,6}(?:言论|言論)")


def notice(text: str) -> bool:
    """A rights notice or a notice about the article (``_RIGHTS_RE``, ``NOTICE_RE``), which
    reads as a sentence but is never the article's."""
    return bool(_RIGHTS_RE.search(text) or NOTICE_RE.search(text))


def field(text: str) -> bool:
    """A short "label：values" line with no sentence in it ("标签：远程医疗 乡村医生"): a page's
    field, never the first or last line of an article's text."""
    return (len(text) <= SHORT_EDGE and bool(LABEL_RE.match(text))
            and not any(c in text for c in "。！？!?；;，,"))


def whole_sentence(text: str) -> bool:
    """A short whole sentence that opens with no label ("本通知自2026年1月1日起执行。"): ends
    on a full stop with at least eight Han characters; no menu item, field or stamp is written
    so. Short, it scores low on its own, yet at the body's edge it is the article's."""
    return (text[-1:] in "。！？!?" and len(HAN_RE.findall(text)) >= 8
            and not LABEL_RE.match(text) and not notice(text))


def sentence(text: str) -> bool:
    """A whole sentence with a clause in it: ends on a full stop and has a comma before it
    ("《细则》自2025年7月1日起施行，有效期5年。"), as no menu item or widget is written."""
    return (text[-1:] in "。！？!?" and ("，" in text or "," in text)
            and len(HAN_RE.findall(text)) >= 8)


def heading_shaped(line: Line) -> bool:
    """A line tagged as a heading, or a short one with Han characters that ends no sentence and is
    no byline or credit ("减少跨省就医")."""
    t = line.text
    if not any(c.isalnum() for c in t):
        return False  # markup alone ("|")
    return line.tag[:1] == "h" or (
        len(t) <= HEADING_MAX and bool(HAN_RE.search(t)) and t[-1] not in TERMINAL
        and line_kind(t)[0] == "text")


def _box_label(text: str) -> bool:
    """A sidebar box's label: a few Han characters, nothing else ("专题专栏", "最新动态")."""
    return 2 <= len(text) <= SHORT_LINE and all("\u4e00" <= c <= "\u9fff" for c in text)


def _headline(text: str) -> bool:
    """A headline in a list of them: longer than a label, Han, ending no sentence, with no field
    label, date or run of digits (a phone number, an address) in it."""
    t = text.strip()
    return (len(t) > SHORT_LINE and len(HAN_RE.findall(t)) * 2 > len(t) and not is_complete(t)
            and not LABEL_RE.match(t) and not DATE_RE.search(t)
            and sum(c.isdigit() for c in t) * 4 < len(t))


def box_tail(lines: Sequence[Line], body: Sequence[int]) -> list[int]:
    """The body's last lines when they are sidebar boxes the context took in: after the last line
    that ends a sentence, a box's label ("专题专栏") and then only labels and headlines, two
    headlines at least (a list of other articles, saved one node per line). An article's text
    ends a sentence; its signature and date are no headlines."""
    last = max((i for i in body if is_complete(lines[i].text)), default=None)
    if last is None:
        return []
    tail = [i for i in body if i > last]
    texts = [lines[i].text.strip() for i in tail]
    if not texts or not _box_label(texts[0]) or lines[tail[0]].tag:
        return []
    if all(_box_label(t) or _headline(t) for t in texts) and sum(map(_headline, texts)) >= 2:
        return tail
    return []


def dangling(text: str) -> bool:
    """A label announcing what follows ("相关政策文件：") or a line holding no letter or digit
    ("🔺"): no article's last line (a sentence announcing a list or table may be)."""
    return (text[-1:] in "：:" and len(text) <= SHORT_LINE) or not any(map(str.isalnum, text))


def ad_label(text: str) -> bool:
    """The label an advertisement slot prints ("广告", "推广", "AD"): no section head."""
    return bool(_AD_LABEL_RE.fullmatch(text.strip()))


def inline_link(line: Line) -> bool:
    """A line of link text between paragraphs that ends no sentence: a related article linked
    inside the body ("【延伸阅读】全省…缩短至12分钟"), not the article's text."""
    return line.links * 2 >= len(line.text) and not is_complete(line.text)


def end_at_notice(probs: list[float], lines: Sequence[Line], body: Sequence[int], after: int,
                  last: int) -> None:
    """A rights notice or a notice about the article ("©著作权归作者所有…") among the body's
    ``last`` lines, after ``after`` characters of it, ends the body: what follows (a plea to
    like and share) is the site's, though it reads as a sentence."""
    prose = 0
    for k, i in enumerate(body):
        if prose >= after and len(body) - k <= last and notice(lines[i].text):
            for j in body[k:]:
                probs[j] = min(probs[j], 0.49)
            return
        prose += len(lines[i].text)


def references_tail(lines: Sequence[Line], body: Sequence[int]) -> list[int]:
    """The body's last lines when they are a reference list: its label ("参考资料：") and only
    numbered entries after it ("[1] …"), the sources the article cites, not its text."""
    for k, i in enumerate(body):
        if k and _REFERENCES_RE.fullmatch(lines[i].text.strip()):
            rest = body[k + 1:]
            if rest and all(_REFERENCE_RE.match(lines[j].text) for j in rest):
                return list(body[k:])
    return []
