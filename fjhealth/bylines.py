"""Writers and the article's date, read from the metadata lines around an article.

Bylines are read by their layout, on any site: a role label, an optional separator, then names
("作者：陈晓", "记者 王建宏 张文攀", "光明日报记者 王建宏", "文/林晓"); several fields on one
line are each read on their own ("编辑： 金金 来源：… 作者：宋怡 杨志华"); a role glued to the
names is read only when a reporting mark closes them ("本报记者郑宁发自厦门"); a blog or
forum post names its writer before the posting mark ("ggjjzhzz 发表于 2005-9-15", "本贴由大卫
于2005年8月12日…发表"). A name is 2-4
Han characters (longer with a middle dot). Editors ("编辑", "责任编辑") are told apart from
writers: they are the article's authors only where the page names no writer and credits the
editor above the body (the WeChat header "编辑｜徐菁菁"); an editor at the foot of a news page
is not the author.

The article's date is the one its own date line gives: of the dates in the metadata lines, one
on a line of its own or with a publishing label ("发表于", "发布时间", "来源") beats one printed
after a headline of another article (a "related articles" list) or the date a blog was founded,
and one beside the article's own title beats both. A date written with slashes, year last
("7/5/2005 9:23:57 PM"), is read month-first, as the English-language CMSs that print it do.
Pure, no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import patterns as P
from .lazyre import lazy_compile

# A writer's or editor's role label, then an optional separator. "文"/"图" count only as a label
# of their own followed by a separator ("文/林晓", "文｜林晓"), never inside a word ("本文："); an
# editor only as a word of its own ("文章编辑" is a menu item).
_ROLE_RE = lazy_compile(
    r"(?P<role>(?:本报|本刊|本台|特约|见习|实习|首席)?(?:记者|通讯员)|实习生|作者(?:简介|介绍)?|撰文|撰稿|供稿|采写|执笔"
    r"|摄影|摄像|(?<![\u4e00-\u9fff])(?:文图|图文|文字|文|图)(?=\s*[/／|｜:：])"
    r"|(?P<editor>责任编辑|责编|(?<![\u4e00-\u9fff])编辑))\s*(?P<sep>[:：|｜/／]?)"
)
# What closes names glued to their role ("本报记者郑宁发自厦门", "记者张三报道", and as Taiwanese
# papers print it, "記者林雅婷／台北報導").
_GLUED_END_RE = lazy_compile(r"^([\u4e00-\u9fff]{2,8}?)(?:发自|报道|报导|采写|摄|电|讯|[/／])")
# Marks after a name that are not part of it ("张三摄", "李四报道").
# A writer's professional title after the name ("陈冠宇医师", "王思远副主任医师"): not the name.
_NAME_TAIL_RE = lazy_compile(
    r"(?:摄影|摄|报道|发自\S*|(?:副?主任|主治|住院)?(?:医师|医生|护士长|护士|护师|药师|技师)"
    r"|副?教授|博士)$")
# A closing bracket: the names a role inside brackets credits end there.
_BRACKET_END_RE = lazy_compile(r"[）)】\]]")
# A department or office as a credit names it before its writer ("中医科", "宣传部", "办公室").
_UNIT_RE = lazy_compile(r"[\u4e00-\u9fff]{1,5}(?:科|部|处|室|局|委|办|中心)")
# A writer's institution before the name ("福建省立医院", "厦门大学附属中山医院").
_INSTITUTION_RE = lazy_compile(r"[\u4e00-\u9fff]{2,12}(?:医院|大学|学院|卫生院|研究所|研究院)")
# A name run into the date or time after it ("方雨晴2025-11-22 10:05").
_NAME_DATE_RE = lazy_compile(r"([\u4e00-\u9fff]{2,4})\d")
# A day or a time of day as a token of its own ("2025-12-03", "2025年12月3日", "09:30").
_DAY_TIME_RE = lazy_compile(
    r"(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?|[0-2]?\d[:：][0-5]\d(?:[:：][0-5]\d)?")
# An ordinal ("第一章", "第三"): a chapter's or an article's number, not a name.
_ORDINAL_RE = lazy_compile(r"第[一二三四五六七八九十百千\d]")
# Separators between names.
_NAME_SEP_RE = lazy_compile(r"[\s、，,;；（）()【】\[\]]+")
# Two Han characters standing alone, spaced apart: a two-character name printed as wide as a
# three-character one ("罗  毅"); not one of a run of such characters ("王 强 李 明": two names
# spread, read no further).
_SPREAD_NAME_RE = lazy_compile(
    r"(?<![^\s])(?<![\u4e00-\u9fff]\s)([\u4e00-\u9fff])\s+([\u4e00-\u9fff])(?!\S)(?!\s+[\u4e00-\u9fff](?!\S))")
# Words shaped like a name that are roles or the labels of other fields on a byline line.
_NOT_NAMES = frozenset({"记者", "通讯员", "编辑", "作者", "摄影", "报道", "实习生", "本报", "来源",
                        "出自", "时间", "日期", "发布", "点击", "浏览", "阅读", "评论"})
# ... and words holding one of them are not names either ("特约记者", "参与评论").
_NOT_NAME_PART_RE = lazy_compile("|".join(sorted(_NOT_NAMES)))
# A blog or forum post's writer before the posting mark ("海姑娘写于2005年6月10日").
_POSTED_RE = lazy_compile(
    r"(?:^|[\s>—\-])(?P<name>[\u4e00-\u9fff·]{2,6}|[A-Za-z][\w.\-]{1,30})\s*"
    r"(?:写于|发表于|发布于|张贴于|发表在)"
    r"|由\s*(?P<by>[\u4e00-\u9fff·]{2,6}?|[A-Za-z][\w.\-]{1,30})\s*(?:于\s*\d|张贴|发表)"
    # a blog engine's English header ("Posted on 2025年7月12日 by 小林医生")
    r"|\bPosted\s+on\s+[^\n]{4,40}?\s+by\s+(?P<en>[\u4e00-\u9fff·]{2,10}|[A-Za-z][\w.\-]{1,30})"
)
# A WeChat article's header: "原创", the writer, the account, then the date ("原创 林小雨 泉州疾控
# 2025年10月20日"); where the writer is the account itself the name is printed twice.
_ORIGINAL_RE = lazy_compile(r"^原创\s+(\S{2,8})\s+([^\s\d]{2,20})\s+\d")
# A bracket closing an article's last paragraph that credits its writers ("…。（常书香 马丹阳）",
# "…”（姚峰 上海报道）", "…。（记者 张三 通讯员 李四）").
_CLOSING_CREDIT_RE = lazy_compile(r"[。！？!?”」』]\s*[（(]([^（）()。，,：:]{2,40})[）)]\s*$")
# A reporting mark after the names in such a bracket ("上海报道", "报道").
_REPORTED_RE = lazy_compile(r"\s+\S{0,4}报[道导]$|报[道导]$")
# Markdown emphasis and table bars left in a credit line.
_MARKUP_RE = lazy_compile(r"\*\*|__|(?<!\S)\|(?!\S)")

# A date: year-month-day (patterns.DATE_RE), or month/day/year as English-language CMSs print it.
_US_DATE_RE = lazy_compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")
# A date printed in pieces, as a calendar leaf beside a headline sets it: the day, then the year
# and month ("21" over "2025/11", read as "21 2025/11"), or the year and month, then the day.
_PIECES_RE = lazy_compile(
    r"(?P<d>\d{1,2})\s*(?P<y>(?:19|20)\d\d)\s*[-/.年]\s*(?P<m>\d{1,2})月?"
    r"|(?P<y2>(?:19|20)\d\d)\s*[-/.年]\s*(?P<m2>\d{1,2})月?\s+(?P<d2>\d{1,2})日?"
)
# A year and month alone on a line ("2025/11", "2025年11月"): a piece of a date.
_YEAR_MONTH_RE = lazy_compile(r"(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}月?")
# A label saying the date is the article's publication ("发布时间", "发表于", "来源").
_PUBLISHED_RE = lazy_compile(r"发布|发表|日期|时间|更新|来源|稿源|刊发|出版|报道|编辑|作者|记者")
# A date in the Republic of China's calendar (year 1 = 1912), as Taiwanese sites print it:
# "民國114年10月2日", or "114-10-02" after a date label ("發布日期：", "更新時間："), where no
# three-digit number with two others is anything but a date.
_ROC_DATE_RE = lazy_compile(
    r"民[國国]\s*(\d{2,3})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})"
    r"|(?:日期|[發发]布|更新|[時时][間间])[^\d]{0,3}(?<!\d)(1[0-4]\d)\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?!\d)")
# A label saying the date is something else: when a blog or account was founded or joined.
_OTHER_DATE_RE = lazy_compile(r"建立|成立|注册|加入|创建|生日|出生")
# Han characters beside a date that make its line another article's headline (a related link).
_HEADLINE_HAN = 5
# full-width digits and punctuation (U+FF01-FF5E) read as their ASCII forms when a date is
# sought: "２０２５－０９－２８" is 2025-09-28
_HALF_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}


def is_name(word: str) -> bool:
    """A personal name as bylines print them: 2-4 Han characters, up to 8 with a middle dot."""
    if _NOT_NAME_PART_RE.search(word) or _ORDINAL_RE.match(word):
        return False
    if "·" in word:
        return 3 <= len(word) <= 9 and all(P.is_han(c) or c == "·" for c in word)
    return 2 <= len(word) <= 4 and all(map(P.is_han, word))


def _names(text: str) -> list[str]:
    """The names a credit's text opens with, up to the first token that is not a name; a
    two-character name spread to a three-character one's width ("罗  毅") is one name.

    >>> _names("罗  毅  责任编辑：张婷"), _names("王 强 李 明")
    (['罗毅'], [])
    """
    out = []
    text = _SPREAD_NAME_RE.sub(r"\1\2", text.strip())
    for k, token in enumerate(_NAME_SEP_RE.split(text)):
        if len(token) > 2 and (tail := _NAME_TAIL_RE.search(P.fold_traditional(token))):
            unit = _UNIT_RE.match(token[:tail.start()])
            if unit and tail.start() - unit.end() == 1:  # a department, a surname, a title: the
                token = token[unit.end():]  # writer as printed ("急诊科陆医生" -> "陆医生")
            else:
                token = token[:tail.start()]  # (read in either script: "陳冠宇醫師")
        if k < 2 and not out and (_UNIT_RE.fullmatch(token) or _INSTITUTION_RE.fullmatch(token)):
            continue  # the writer's institution and department before the name ("供稿：中医科
            # 吴秀兰", "作者：福建省立医院 营养科 王丽娜")
        if not is_name(token):
            glued = _NAME_DATE_RE.match(token)  # "方雨晴2025-11-22": spans a page printed unspaced
            if glued and is_name(glued.group(1)):
                out.append(glued.group(1))
            break
        out.append(token)
    return out


def credits(line: str) -> tuple[list[str], list[str]]:
    """(writers, editors) a line credits by role label or posting mark."""
    text = _MARKUP_RE.sub(" ", line)
    writers: list[str] = []
    editors: list[str] = []
    folded = P.fold_traditional(text)  # roles read in either script, names as printed
    for m in _ROLE_RE.finditer(folded):
        rest = _BRACKET_END_RE.split(folded[m.end():], maxsplit=1)[0]  # "（记者 郑璜）日前，…"
        if not m["sep"] and m.end() == m.end("role"):  # glued to the role: needs a closing mark
            g = _GLUED_END_RE.match(rest)
            names = [text[m.end() + g.start(1):m.end() + g.end(1)]] if g and m["editor"] is None \
                else []
        else:
            names = _names(text[m.end():m.end() + len(rest)])
        (editors if m["editor"] else writers).extend(names)
    if m := _POSTED_RE.search(text):
        writers.append(m["name"] or m["by"] or m["en"])
    if (m := _ORIGINAL_RE.match(text)) and m[1] != m[2] and is_name(m[1]):
        writers.append(m[1])
    return writers, editors


def closing_writers(text: str) -> tuple[str, ...]:
    """The writers a bracket closing an article's last paragraph credits: after roles, or two
    names or more, or a name and a reporting mark (one bare name may be an organisation's).

    >>> closing_writers("…的决心。（常书香 马丹阳 ）")
    ('常书香', '马丹阳')
    >>> closing_writers("…过程吗？”（姚峰 上海报道）")
    ('姚峰',)
    >>> closing_writers("…会议在福州召开。（省卫健委）")
    ()
    """
    m = _CLOSING_CREDIT_RE.search(text)
    if m is None:
        return ()
    inner = m.group(1).strip()
    writers, _ = credits(inner)
    if writers:
        return tuple(writers)
    reported = bool(_REPORTED_RE.search(inner))
    tokens = _NAME_SEP_RE.split(_REPORTED_RE.sub("", inner).strip())
    if all(map(is_name, tokens)) and (len(tokens) >= 2 or reported):
        return tuple(tokens)
    return ()


def line_names(text: str) -> list[str]:
    """The names of a line holding only one to three names (a byline printed without a role),
    after at most two of the writer's institution and department ("福建省立医院 超声科 郑晓东"),
    and after the day and time when the line opens with them and names the department; else [].
    A name alone has at most three characters (four Han characters alone are more
    often a phrase: a column's name, a tag)."""
    tokens = _NAME_SEP_RE.split(_MARKUP_RE.sub(" ", text).strip())
    dated = False
    while len(tokens) > 1 and _DAY_TIME_RE.fullmatch(tokens[0]):
        tokens, dated = tokens[1:], True  # the day printed first ("2025-12-03 儿童呼吸科 陈婉婷")
    units = 0
    while units < min(2, len(tokens) - 1) and (_UNIT_RE.fullmatch(tokens[units])
                                               or _INSTITUTION_RE.fullmatch(tokens[units])):
        units += 1
    names = tokens[units:]
    ok = (units or not dated) and 1 <= len(names) <= 3 and all(map(is_name, names)) and not (
        units and any(_UNIT_RE.fullmatch(n) for n in names)) and (
        len(names) > 1 or len(names[0]) <= 3 or "·" in names[0])
    return names if ok else []


def is_name_line(text: str) -> bool:
    """A line holding only names, after the writer's institution at most (``line_names``)."""
    return bool(line_names(text))


def has_role(line: str) -> bool:
    """The line names a writer's or editor's role (see ``credits``)."""
    return bool(_ROLE_RE.search(P.fold_traditional(line)))


def is_role_line(text: str) -> bool:
    """A line holding only a writer's role ("本报记者", "作者："), its names on the next line."""
    m = _ROLE_RE.search(text)
    return (m is not None and m["editor"] is None and not text[m.end():].strip()
            and len(text[: m.start()].strip()) <= 8)


def find_authors(lines: Sequence[str], header: int | None = None) -> tuple[str, ...]:
    """The writers the metadata ``lines`` credit; the editors of the first ``header`` lines
    (those above the body; None: all) when no writer is named."""
    writers: list[str] = []
    editors: list[str] = []
    for k, line in enumerate(lines):
        if P.CAPTION_START_RE.match(line) or P.CAPTION_POSITION_RE.search(line):
            continue  # a photo's caption: its credit names the photographer ("▲ …（摄影：李明）")
        w, e = credits(line)
        if not w and not e:
            w = line_names(line)
        writers.extend(w)
        if header is None or k < header:
            editors.extend(e)
    return tuple(dict.fromkeys(writers or editors))


def date_pieces(text: str) -> str | None:
    """The ISO day a line printing a date in pieces names ("21 2025/11" -> "2025-11-21"), else
    None.

    >>> date_pieces("21 2025/11"), date_pieces("2025-11 21"), date_pieces("2025/11")
    ('2025-11-21', '2025-11-21', None)
    """
    m = _PIECES_RE.fullmatch(text.strip())
    if m is None:
        return None
    y, mo, d = (int(m[k] or m[k + "2"]) for k in ("y", "m", "d"))
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None


def roc_date(text: str) -> str | None:
    """The ISO day a date in the ROC calendar names (``_ROC_DATE_RE``), else None.

    >>> roc_date("發布日期：114-10-02"), roc_date("民國114年10月2日"), roc_date("電話：114-10-02")
    ('2025-10-02', '2025-10-02', None)
    """
    m = _ROC_DATE_RE.search(text)
    if m is None:
        return None
    y, mo, d = (int(g) for g in (m.groups()[:3] if m[1] else m.groups()[3:]))
    return f"{y + 1911:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None


def is_date_pair(a: str, b: str) -> bool:
    """Two consecutive lines that are the pieces of one date: a bare day and a bare year and
    month, in either order ("21" / "2025/11")."""
    def day(t: str) -> bool:
        return len(t) <= 2 and t.isascii() and t.isdigit() and 1 <= int(t) <= 31
    return ((day(a) and bool(_YEAR_MONTH_RE.fullmatch(b)))
            or (day(b) and bool(_YEAR_MONTH_RE.fullmatch(a))))


def _dates(line: str) -> list[str]:
    if pieces := date_pieces(line):
        return [pieces]
    out: list[tuple[int, int, int]] = []
    for m in P.DATE_RE.finditer(line):
        y, mo, d = (int(g) for g in m.groups())
        out.append((y, mo, d))
    for m in _US_DATE_RE.finditer(line):
        mo, d, y = (int(g) for g in m.groups())
        out.append((y, mo, d))
    if not out and (roc := roc_date(line)):
        return [roc]
    return [f"{y:04d}-{mo:02d}-{d:02d}" for y, mo, d in out
            if 1 <= mo <= 12 and 1 <= d <= 31 and 1900 <= y <= 2100]


def _strength(line: str, title: str) -> int:
    """How surely a date in ``line`` is the article's (see the module docstring)."""
    line = P.fold_traditional(line)
    if title and title in line:
        return 3
    if _OTHER_DATE_RE.search(line):
        return 0
    rest = P.DATE_RE.sub("", _US_DATE_RE.sub("", line))
    if _PUBLISHED_RE.search(rest):
        return 2
    return 1 if sum(map(P.is_han, rest)) < _HEADLINE_HAN else 0


def find_date(lines: Sequence[str], title: str = "") -> str | None:
    """The article's ISO date among the metadata ``lines``, or None."""
    best: tuple[int, int, str] | None = None
    title = title.translate(_HALF_WIDTH)
    for k, line in enumerate(lines):
        line = line.translate(_HALF_WIDTH)
        for d in _dates(line):
            key = (_strength(line, title), -k, d)
            if best is None or key[:2] > best[:2]:
                best = key
    return best[2] if best is not None else None


def is_byline_at(texts: Sequence[str], i: int, title: str) -> bool:
    """Line ``i`` is a byline printed without a role: it holds only names and follows the
    ``title`` (or a line the title holds) or a line holding only a role, and it does not open a
    run of menu items (a line of at most four characters without a colon after it)."""
    k = i - 1
    while k >= 0 and not any(c.isalnum() for c in texts[k]):  # past a rule ("* * *")
        k -= 1
    prev = texts[k].strip() if k >= 0 else ""
    if not is_name_line(texts[i]) or not prev or not (
            (prev in title and 2 * len(prev) >= len(title)) or is_role_line(prev)
            or prev == "原创"):  # a WeChat header saved one node per line: 原创 / writer / account
        return False
    nxt = texts[i + 1].strip() if i + 1 < len(texts) else ""
    # (after "原创" the account's name follows, however short: "原创" / writer / account / date)
    return prev == "原创" or not (0 < len(nxt) <= 4 and not nxt.endswith((":", "：")))
