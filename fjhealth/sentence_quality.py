"""How good a summary sentence a sentence is, alone: its quality (a credit, caption, fragment,
table row, field line, intro (an interview's too), contact line, notice formula, labelled
question or slogan is of low quality, a list item or a scene timed by an earlier date ("下午，…")
of less; a news dateline marks the lead) and its length prior (headline-length sentences
first). Used by the "rank" summary (``fjhealth.summarize``), which multiplies its graph rank by
both (``score``) and never picks a sentence below ``summarize.CANDIDATE_QUALITY`` while the
article has another.
"""

from __future__ import annotations

from . import patterns as P
from .lazyre import lazy_compile

# --- tuned on the dev sets with benchmarks/tune_summary.py ---------------------------------
# Length prior: 1 at IDEAL_CHARS, (len / IDEAL) ** -LONG_EXPONENT above, ** SHORT_EXPONENT below.
IDEAL_CHARS = 20
LONG_EXPONENT = 0.7
SHORT_EXPONENT = 0.4
MIN_CHARS = 6  # shorter sentences are fragments, not summary material
LEAD_BOOST = 1.5  # a sentence opening with a news dateline is the report's lead
LIST_ITEM_QUALITY = 0.5  # a paragraph ending in "；" is one item of a list
SCENE_QUALITY = 0.5  # a sentence timed only by a date given before it
SLOGAN_QUALITY = 0.2  # a slogan says nothing that happened: below summarize.CANDIDATE_QUALITY

# A bracketed credit or note standing alone: "（新华社记者兰红光摄）", "(附图片1张)".
_CREDIT_RE = lazy_compile(r"^[（(【\[][^（）()]*[）)】\]]$")
# Photo and wire credits anywhere in a sentence: "记者某某摄", "图片来源", "供图".
_PHOTO_RE = lazy_compile(r"摄影?[）)]?$|供图|图片来源|图为|责任编辑")
# A sentence that only introduces what follows ("同胞们、朋友们：", "…的一个缩影——"), or only
# attributes what came before ("院长陈铭表示。"): not a summary on its own.
_INTRO_RE = lazy_compile(r"(?:[：:]|——|(?:表示|说|指出|介绍|强调|认为|称)[。！]?)$")
_INTRO_MAX = 3  # characters of its longest match: searched for only there
# An interview's introduction ("记者专访了市卫健委主任某某。", "本报记者就此采访了…。"): it
# announces the interview that follows; the news is before it or in the answers.
_INTERVIEW_RE = lazy_compile(
    r"[^，。]{0,8}记者[^，。]{0,10}?(?:专访|采访|访问)了[^，。]{2,40}[。：:]$"
)
# What every match of a pattern above holds: a sentence without it is never tried (a search
# for one character is ~20x cheaper than a pattern's). A credit opens with a bracket; a photo
# credit holds "摄", "图" or "责任编辑".
_CREDIT_OPENERS = ("（", "(", "【", "[")
_PHOTO_MARKS = ("摄", "图", "责任编辑")
# An unfinished sentence (no sentence end) that is no statement: cells of a table row or a menu
# set apart by spaces between CJK characters ("儿科门诊 周一至周五 周一至周日"), or a field
# line, a short label, its colon and a value with no clause in it ("相关附件：方案.pdf",
# "资料来源：国家卫健委、市疾控中心"; "2）车蚂蚁：是…平台，解决…" is a list item's statement).
_ROW_RE = lazy_compile(r"[^\x00-\x7f]\s+[^\x00-\x7f]|^[^，。：:\s]{1,6}[：:][^，,]*$")
# A contact line, finished or not ("联系电话：0591-8786xxxx。", "咨询热线：12320"): the page's
# service details, never a summary.
_CONTACT_RE = lazy_compile(
    r"(?:联系|咨询|服务|举报|投诉|值班|办公|监督)?(?:电话|热线|手机|传真|邮箱|电子邮箱|联系人|"
    r"地址|邮编|网址|微信号?)\s*[：:]"
)
# A notice's formula, no news: a pointer to an attachment ("具体项目详见附件1。") or a
# closing courtesy ("给您带来的不便，敬请谅解。", "祝大家节日快乐！", "特此通知。").
_NOTICE_RE = lazy_compile(
    r"(?:详见|詳見|参见|參見|参阅|參閱|见|見)(?:下方|下列|文末)?附件|敬请谅解|敬請見諒|敬请关注|"
    r"节日快乐|新春快乐|特此(?:通知|公告|函告)|感谢(?:您的)?(?:理解|支持|配合|阅读|关注)|"
    r"谢谢(?:配合|支持|理解)"
)
# What every match of ``_NOTICE_RE`` holds: a sentence without one is never searched.
_NOTICE_MARKS = ("附件", "敬", "快乐", "特此", "谢")
# An interviewer's question, its speaker labelled ("问：…？", "Q2：…？", "电视台记者：…？"): the
# answer after it is the news. (A question without a label, which headlines often are, stays.)
_ASKED_RE = lazy_compile(r"[\W_]*[^，。：:？?\s]{0,8}?(?:问|提问|记者|主持人|网友|Q\d*)\s*[：:]")
# A speaker's label opening a turn of an interview or a Q&A ("A：", "答：", "潘晓燕："): a turn
# too short without it ("A：不需要。") is a fragment.
_TURN_RE = lazy_compile(r"[^，。：:？?\s]{1,4}[：:]")
_ASKED = ("？", "?")
# A scene of the story, timed by a time of day or a day relative to a date given before it
# ("下午，…分会工作会议召开。", "当天，"): the report's lead, which gives the date, says what
# happened; this says only when, within it, one part of it did.
_RELATIVE_TIME_RE = lazy_compile(
    r"(?:上午|下午|中午|晚上|傍晚|凌晨|早上|清晨|当天|当日|当晚|这天|那天|次日|翌日|同日|是日)[，,]"
)
_RELATIVE_TIME_HEADS = frozenset("上下中晚傍凌早清当这那次翌同是")  # what every match opens with
# A slogan: two or more clauses of one length, SLOGAN_CLAUSE characters each, and no figure
# ("健康同行，爱心相伴。", "守护生命线，应急我先行。"): an event's motto, not its news.
SLOGAN_CLAUSE = (4, 9)
_SLOGAN_MARKS_RE = lazy_compile(r"[，,、；;。！!]+")  # what a slogan's clauses are cut at
ENDED = tuple(P.TERMINAL)  # a sentence ends with one of these (closing marks stripped first)


def length(text: str) -> int:
    """Characters of ``text``, whitespace excluded."""
    return len("".join(text.split()))


def _short_turn(text: str) -> bool:
    """True for a labelled turn ("A：不需要。") shorter than ``MIN_CHARS`` without its label."""
    turn = _TURN_RE.match(text)
    return turn is not None and length(text[turn.end() :]) < MIN_CHARS


def quality(text: str, size: int) -> float:
    """1 for a normal sentence (``size`` characters without spaces); less for credits,
    intros, fragments, table rows, field lines, contact lines, notice formulas, labelled
    questions, list items, scenes timed relative to an earlier date and slogans (a lead,
    opening with a dateline, is ``LEAD_BOOST``: see ``score``)."""
    if (text.startswith(_CREDIT_OPENERS) and _CREDIT_RE.match(text)) or (
        any(map(text.__contains__, _PHOTO_MARKS)) and _PHOTO_RE.search(text)
    ):
        return 0.05
    if (size < MIN_CHARS or (size < MIN_CHARS + 5 and _short_turn(text)) or _CONTACT_RE.match(text)
            or (any(map(text.__contains__, _NOTICE_MARKS)) and _NOTICE_RE.search(text))
            or (text.endswith(_ASKED) and _ASKED_RE.match(text))):
        return 0.1
    if not text.rstrip(P.CLOSERS).endswith(ENDED) and _ROW_RE.search(text):
        return 0.1
    if _INTRO_RE.search(text, len(text) - _INTRO_MAX - 1) or (  # (a match ends the text)
            "访" in text and _INTERVIEW_RE.match(text)):
        return 0.3
    if text.endswith(("；", ";")):  # one item of a list, not a statement
        return LIST_ITEM_QUALITY
    if text[:1] in _RELATIVE_TIME_HEADS and _RELATIVE_TIME_RE.match(text):
        return SCENE_QUALITY
    if size <= 4 * SLOGAN_CLAUSE[1] and slogan(text):
        return SLOGAN_QUALITY
    return 1.0


def slogan(text: str) -> bool:
    """True for a slogan's shape: two or more clauses of one length (``SLOGAN_CLAUSE``), no
    figure."""
    low, high = SLOGAN_CLAUSE
    # a mark closing the first clause (most sentences fail here, where it is cheap; the clauses'
    # lengths are all checked below)
    if len(text) > 4 * high or _SLOGAN_MARKS_RE.search(text, low, high + 1) is None:
        return False
    clauses = [c for c in _SLOGAN_MARKS_RE.split(text.strip(P.CLOSERS)) if c]
    return (len(clauses) >= 2 and all(len(c) == len(clauses[0]) for c in clauses)
            and not any(map(str.isdigit, text)))


def may_lead(text: str) -> bool:
    """False for a sentence ``P.LEAD_RE`` cannot match: every dateline ends "电" or "讯", a
    reported source ("据…报道") opens "据"."""
    return "电" in text or "讯" in text or text.startswith("据")


def dateline_end(text: str) -> int:
    """Characters of a news dateline with its credit opening ``text`` ("本报讯（记者某某）",
    "新华社北京1月9日电（记者某某）"), and the spaces after it: a summary quoted elsewhere
    drops it (it says who filed the report, not what happened). 0 when there is none, when it
    names a reported source ("据…报道": whose claim follows), or when less than ``MIN_CHARS``
    characters would be left."""
    dateline = may_lead(text) and not text.startswith("据") and P.LEAD_RE.match(text)
    if not dateline:
        return 0
    end = len(text) - len(text[dateline.end() :].lstrip())
    return end if length(text[end:]) >= MIN_CHARS else 0


def length_prior(size: int) -> float:
    """1 at ``IDEAL_CHARS`` characters, falling off as a power of the ratio on either side."""
    ratio = max(size, 1) / IDEAL_CHARS
    return ratio ** (-LONG_EXPONENT if ratio > 1 else SHORT_EXPONENT)


def score(rank: float, text: str) -> tuple[float, float]:
    """A sentence's rank times its quality and its length prior (the length after the
    dateline of a lead), and its quality."""
    dateline = may_lead(text) and P.LEAD_RE.match(text)
    if dateline:
        return rank * LEAD_BOOST * length_prior(length(text[dateline.end() :])), LEAD_BOOST
    size = length(text)
    grade = quality(text, size)
    return rank * grade * length_prior(size), grade
