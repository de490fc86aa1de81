"""Plain-text reader: one ``Line`` per non-blank line, with blank-line gaps and indentation.

A line written as a Markdown heading ("# 标题") is a heading in plain text too. A page saved one
text node per line splits sentences wherever the HTML had an inline tag (a number in <font>, a
link inside a sentence): such fragments are put back together (``_continues``).

>>> [(ln.text, ln.gap, ln.indent) for ln in read_plain("标题\\n\\n  第一段。\\n第二段。").lines]
[('标题', False, False), ('第一段。', True, True), ('第二段。', False, False)]
>>> [ln.text for ln in read_plain("今年\\n5\\n月，共发生事故\\n59\\n起。\\n首页\\n新闻").lines]
['今年5月，共发生事故59起。', '首页', '新闻']
>>> [ln.text for ln in read_plain("发布时间：2025-10-22 浏览次数：\\n512\\n近日，记者获悉。").lines]
['发布时间：2025-10-22 浏览次数：512', '近日，记者获悉。']
>>> [ln.text for ln in read_plain("不用跑医院了。今后市民可以通过\\n“e福州”\\nApp预约。").lines]
['不用跑医院了。今后市民可以通过“e福州”App预约。']
>>> [ln.text for ln in read_plain("热文排行\\n1\\n甲地新闻\\n2\\n乙地新闻\\n3\\n丙地新闻").lines]
['热文排行', '1', '甲地新闻', '2', '乙地新闻', '3', '丙地新闻']
>>> cells = "病名\\n病例\\n流感\\n1,236\\n结核\\n41\\n梅毒\\n33"
>>> [(ln.text, ln.tag) for ln in read_plain(cells).lines]
[('病名 病例', 'table'), ('流感 1,236', 'table'), ('结核 41', 'table'), ('梅毒 33', 'table')]
>>> form = "来信时间\\n2025-12-01\\n答复单位\\n卫健局\\n答复内容\\n"
>>> form += "您好！社区卫生服务中心已开设夜间门诊，每周一至周五晚上开放，设有全科和儿科诊室。"
>>> form += "感谢来信！"
>>> [ln.tag for ln in read_plain(form).lines]
['table', 'table', 'table', 'table', 'table', '']
>>> read_plain("## 小标题").lines[0]
Line(text='小标题', tag='h2', links=0, gap=False, indent=False)
>>> [ln.text for ln in read_plain("**请市民注意防暑。**\\n乘法 2**3 不变").lines]
['请市民注意防暑。', '乘法 2**3 不变']
"""

from __future__ import annotations

from fjhealth.bylines import is_date_pair
from fjhealth.lazyre import lazy_compile
from fjhealth.lines import HAN_RE
from fjhealth.models import Document, Line
from fjhealth.patterns import (
    CLOSERS,
    CONTINUING,
    HEADING_MAX,
    MD_HEADING_RE,
    META_LINE_RE,
    NUMBERED_RE,
    TERMINAL,
)

# A number as inline markup sets it apart ("59", "12.5", "380%"): never a line of its own in prose.
_NUMBER_RE = lazy_compile(r"[0-9０-９][0-9０-９.,，%％]{0,7}")
# A page's view counter label, whose value a number node holds ("访问量：" / "317").
_COUNTER_RE = lazy_compile(r"(?:访问|浏览|阅读|点击|查看)(?:量|数|次数)?\s*[:：]$|人气\s*[:：]$")
# A metadata label line ("来源：", "作者：") at most this long is followed by its value.
_LABEL_MAX = 6
# Marks that can only continue a sentence, never start one.
_CONTINUES_AT = "，。、；：！？）)」』”’%％,.;:!?"
# A full stop inside a line, with more text after it: the line is prose. When such a line does not
# end a sentence itself and the next source line (or the one before) is a fragment no longer than
# this, inline markup cut the sentence ("市民可通过" / "“e福州”" / "App预约…").
_FRAGMENT = 12
# A ranked list ("24小时排行" / "1" / headline / "2" / headline …) numbers at least this many items
# in steps of one, each number on a line of its own before its item: no number there is inline.
_RANKED_MIN = 3
# A zero-padded section number alone on a line ("01", "02"), as WeChat pages print one over each
# section's head: a line of its own when a short head follows, never part of a sentence.
_SECTION_NUMBER_RE = lazy_compile(r"0[0-9]")
# A head's first character: Han, or an opening quote or bracket.
_HEAD_START_RE = lazy_compile("[\u3400-\u9fff“「《（]")
# Markdown bold marks left in a text page (one bold line is too little to read it as Markdown):
# a pair of "**" around text that starts and ends with no space is emphasis, whose marks are
# markup, not text ("__" is left alone: a form's blanks are written with it). No "*" inside:
# each scan stops at the next star, so a line of many marks is read in linear time.
_BOLD_RE = lazy_compile(r"\*\*(?=[^\s*])([^*]+?)(?<=\S)\*\*")
# A paragraph's lead-in set in bold, one short sentence ("注意保暖。"): a text node of its own.
_LEAD_IN_RE = lazy_compile("[\u4e00-\u9fff]{2,8}。")
# Leading whitespace a paragraph indent is made of: ASCII spaces, tabs, ideographic spaces.
_INDENT = (" ", "\t", "\u3000", "\u00a0")
# A table saved one cell per line: its cells are short (at most this many characters) and hold
# no sentence end or clause; it has at least _TABLE_ROWS rows of data under a row of headers
# (fewer: a pager, "第 / 1 / 页/共 / 1") and at most _TABLE_COLUMNS columns.
_CELL_MAX = 20
_TABLE_ROWS = 3
_TABLE_COLUMNS = 6
# A form's field label saved on a line of its own: two to six Han characters ("答复内容"); a
# form has at least _FIELDS of them, each over its value (see _field_cells).
_LABEL_CELL_RE = lazy_compile("[\u4e00-\u9fff]{2,6}")
_FIELDS = 3
# A cell holding a figure: a number, a share, a change, a phone number ("1,236", "+9.6%",
# "0596-2xxxxxx"), no Han character.
_FIGURE_RE = lazy_compile(r"[+\-−]?[0-9０-９][0-9０-９,.，%％xX×\-−/]*")
# A date or a day ("10-09", "2025-12-05"): a list of headlines prints one beside each; no figure.
_DAY_RE = lazy_compile(r"(?:\d{2,4}[-/.])?\d{1,2}[-/.]\d{1,2}")


def _short_open(text: str) -> bool:
    """Short and holding no sentence end: a label's value, a section's head."""
    return len(text) <= HEADING_MAX and not any(c in TERMINAL for c in text)


def _prose(text: str) -> bool:
    """A whole paragraph of prose: longer than a heading, ending a sentence."""
    return len(text) > HEADING_MAX and text.rstrip(CLOSERS)[-1:] in TERMINAL


def _continues(prev: str, prev_raw: str, line: str, inside: bool = False) -> bool:
    """True when ``line`` is the rest of the sentence ``prev`` (which ends with the source line
    ``prev_raw``) began, split off by inline markup. ``inside``: ``prev`` stands between
    paragraphs of prose, where a clause ("参保人员异地就医前，可通过") marks prose as a full stop
    does."""
    if inside and prev == prev_raw and _LEAD_IN_RE.fullmatch(prev) and _prose(line):
        return True  # a bold lead-in ("注意保暖。" / "寒冷会使血管收缩…。") opens its paragraph
    if prev[-1] in TERMINAL:
        return False
    if prev[-1] in "：:" and len(prev) <= _LABEL_MAX and (META_LINE_RE.match(prev)
                                                         or _short_open(line)):
        # a label and its value: "来源：" / "三明日报", "文号：" / "闽卫监督〔2025〕31号"
        return True
    if prev[-1] in "：:" and NUMBERED_RE.match(line):
        return False  # "现将结果通报如下：" / "一、总体情况": the first of its sections
    number_ended = False  # a number set apart by markup, and the sentence goes on after it
    if _NUMBER_RE.fullmatch(prev_raw):
        before = prev[: -len(prev_raw)]
        # not a metadata label's value ("浏览次数：" / "512", "访问量：" / "317"), nor a number
        # standing alone over its section's head ("01" / "调整作息")
        number_ended = not ((before.endswith(("：", ":"))
                             and bool(META_LINE_RE.match(before) or _COUNTER_RE.search(before)))
                            or (not before and _short_open(line)))
    return (line[0] in _CONTINUES_AT or prev[-1] in CONTINUING
            or bool(_NUMBER_RE.fullmatch(line)) or number_ended
            or (min(len(line), len(prev_raw)) <= _FRAGMENT < len(prev)
                # what a colon announces, ending a clause of its own, is an item ("以下人群：" /
                # "60岁及以上老年人；"), not a fragment
                and not (prev[-1] in "：:" and line[-1] in TERMINAL)
                and prev[-1] not in "）)" and prev.rstrip(CLOSERS)[-1:] not in TERMINAL
                and ("。" in prev[:-1] or (inside and "，" in prev[:-1]))))


def _ranked(rows: list[str]) -> set[int]:
    """Indices of ``rows`` that number the items of a ranked list: 1-2 digit numbers, each
    alone on its line, every second line, counting up by one at least ``_RANKED_MIN`` times
    (a "most read" list saved one text node per line), with the item after each."""
    value = [int(r) if len(r) <= 2 and r.isascii() and r.isdigit() else -1 for r in rows]
    out: set[int] = set()
    for i, v in enumerate(value):
        if v < 0 or (i >= 2 and value[i - 2] == v - 1 and value[i - 1] < 0):
            continue  # not a number, or inside a run already counted from its start
        run = [i]
        while (run[-1] + 2 < len(rows) and value[run[-1] + 2] == value[run[-1]] + 1
               and value[run[-1] + 1] < 0):
            run.append(run[-1] + 2)
        if len(run) >= _RANKED_MIN:
            out.update(run)
            out.update(k + 1 for k in run)
    return out


def _cell(text: str) -> bool:
    """Short, with no sentence end or clause mark, not a label ("粉丝：")."""
    return (len(text) <= _CELL_MAX and not any(c in TERMINAL or c == "，" for c in text)
            and text[-1] not in "：:")


def _tables(rows: list[str], ranked: set[int]) -> dict[int, tuple[int, int]]:
    """Where a data table saved one cell per line starts (index in ``rows``), with its columns
    and rows (the headers' counted): a row of headers (short cells of words) over
    ``_TABLE_ROWS`` rows or more whose first cell names the row in words and that hold figures
    (not days: a list of headlines prints those) in the same columns (each column's cells are
    figures in every row or in none). The rows end where a line is no cell or the columns'
    kinds change. A ranked list's numbers and items (``ranked``) are no cells."""
    out: dict[int, tuple[int, int]] = {}
    figure = [bool(_FIGURE_RE.fullmatch(r)) and not _DAY_RE.fullmatch(r) for r in rows]
    cell = [_cell(r) and j not in ranked for j, r in enumerate(rows)]
    named = [bool(HAN_RE.search(r)) for r in rows]
    i = 0
    while i < len(rows):
        best = (0, 0)  # (rows of data, columns)
        for k in range(2, _TABLE_COLUMNS + 1):
            head = range(i, i + k)
            if i + k > len(rows) or not all(cell[j] and named[j] for j in head):
                break
            kinds = None
            n = 0
            while True:
                row = range(i + (n + 1) * k, i + (n + 2) * k)
                if row.stop > len(rows) or not all(cell[j] for j in row) or not named[row[0]]:
                    break
                pattern = tuple(figure[j] for j in row)
                if not any(pattern) or (kinds is not None and pattern != kinds):
                    break
                kinds, n = pattern, n + 1
            if n >= _TABLE_ROWS and n * k > best[0] * best[1]:
                best = (n, k)
        if best[0]:
            out[i] = (best[1], best[0] + 1)
            i += (best[0] + 1) * best[1]
        else:
            i += 1
    return out


def _field_cells(rows: list[str]) -> set[int]:
    """The short lines of a form of fields saved one cell per line: ``_FIELDS`` labels or more
    of one length, words alone ("来信时间", "答复内容"), each over its value, some value a
    paragraph of prose (a letter and its reply) and all but one of the others short (a run of
    equal section heads over paragraphs is no form): the labels and the short values, which an
    HTML page sets as table cells."""
    label = [bool(_LABEL_CELL_RE.fullmatch(r)) for r in rows]
    out: set[int] = set()
    i = 0
    while i < len(rows) - 1:
        j, pairs, prose, short = i, 0, False, 0
        while (j + 1 < len(rows) and label[j] and len(rows[j]) == len(rows[i])
               and not (label[j + 1] and len(rows[j + 1]) == len(rows[i]))):
            pairs, prose, j = pairs + 1, prose or _prose(rows[j + 1]), j + 2
            short += _short_open(rows[j - 1])
        if pairs >= _FIELDS and prose and short >= _FIELDS - 1:
            out.update(k for k in range(i, j) if _short_open(rows[k]))
            i = j
        else:
            i += 1
    return out


def read_plain(text: str) -> Document:
    """Split text into lines; blank lines become the ``gap`` of the next line."""
    lines: list[Line] = []
    gap = False
    last = ""  # the previous non-blank source line
    raws = text.split("\n")
    rows = [r.strip() for r in raws if r.strip()]
    ranked = _ranked(rows)  # and the pieces of a date ("21" / "2025/11"): lines of their own
    ranked.update(k for i in range(len(rows) - 1) if is_date_pair(rows[i], rows[i + 1])
                  for k in (i, i + 1))
    # and a section number over its head ("01" / "注意保暖")
    ranked.update(i for i in range(len(rows) - 1)
                  if _SECTION_NUMBER_RE.fullmatch(rows[i]) and _short_open(rows[i + 1])
                  and _HEAD_START_RE.match(rows[i + 1]))
    cells: dict[int, str] = {}  # a table's row, one cell per line: its first cell -> the row
    for start, (width, height) in _tables(rows, ranked).items():
        for r in range(start, start + width * height, width):
            cells[r] = " ".join(rows[r:r + width])
            cells.update((j, "") for j in range(r + 1, r + width))
    fields = _field_cells(rows)
    k = -1  # index of the line in ``rows``
    for raw in raws:
        stripped = raw.strip()
        if not stripped:
            gap = bool(lines)
            continue
        k += 1
        if k in fields:  # a form's label or short value: a cell, as HTML has it
            lines.append(Line(stripped, "table", gap=gap))
            gap, last = False, stripped
            continue
        if k in cells:  # one "table" line per row, as a table is read from HTML
            if cells[k]:
                lines.append(Line(cells[k], "table", gap=gap))
            gap, last = False, stripped
            continue
        if "**" in stripped:
            stripped = _BOLD_RE.sub(r"\1", stripped).strip() or stripped
        heading = MD_HEADING_RE.match(stripped)
        if heading and heading.group(2):
            lines.append(Line(heading.group(2), f"h{len(heading.group(1))}", gap=gap))
        elif (lines and not gap and not lines[-1].tag and k not in ranked and k - 1 not in ranked
              and _continues(lines[-1].text, last, stripped, len(lines) >= 2 and _prose(
                  lines[-2].text) and (_prose(stripped) or k + 1 < len(rows) and _prose(
                      rows[k + 1])))):
            lines[-1] = Line(lines[-1].text + stripped, gap=lines[-1].gap, indent=lines[-1].indent)
        else:
            lines.append(Line(stripped, gap=gap, indent=raw.startswith(_INDENT)))
        gap, last = False, stripped
    return Document(tuple(lines))
