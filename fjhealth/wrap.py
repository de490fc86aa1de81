"""Wrapping for the terminal: CJK text broken into lines of terminal cells by Chinese
line-breaking rules (避头尾), in linear time whatever the text. Part of the output layer, for rich
output only (imported with rich); rich itself is imported only inside functions.

>>> wrap_cjk("看病难。看病贵。", 6)
['看病', '难。看', '病贵。']
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .console import emit
from .render import safe_text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.measure import Measurement
    from rich.text import Text

# Chinese line-breaking rules (避头尾) for rich output: closing marks never start a line, opening
# marks never end one.
_NO_LINE_START = frozenset("，。、；：？！）》」』】〉”’…—·%,.;:?!)]}")
_NO_LINE_END = frozenset("（《「『【〈“‘([{")
# Wrapping units: a Latin word or number stays whole, a whitespace run, any other character.
_WRAP_UNIT_RE = re.compile(r"[0-9A-Za-z][0-9A-Za-z.,%'_/:+\-]*|\s+|.", re.S)


def wrap_cjk(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` terminal cells, broken between characters by Chinese rules.

    Linear in the text: line widths are kept as running sums and a Latin word or number longer
    than a line is cut in one pass, so rich never sees a run it would wrap in cubic time.

    >>> wrap_cjk("看病难。看病贵。", 6)
    ['看病', '难。看', '病贵。']
    >>> wrap_cjk("ab看", 1)  # narrower than a wide character: one character per line
    ['a', 'b', '看']
    """
    from rich.cells import cell_len

    lines: list[str] = []
    line: list[str] = []
    used = 0  # cells of line
    for unit in _WRAP_UNIT_RE.findall(text):
        size = cell_len(unit)
        if line and used + size > width:
            carry: list[str] = []  # units moved down so no line starts or ends on the wrong mark
            while len(line) > 1 and (
                (unit[0] in _NO_LINE_START and not carry)
                or (carry and carry[0][0] in _NO_LINE_START)
                or line[-1][-1] in _NO_LINE_END
            ):
                carry.insert(0, line.pop())
            if cell_len("".join(carry)) + size > width:  # a run of marks too long for the rule
                line, carry = line + carry, []
            lines.append("".join(line).rstrip())
            line = carry[1:] if carry and carry[0].isspace() else carry
            used = sum(map(cell_len, line))
            if unit.isspace():
                continue
        if size > width:  # a Latin word longer than a line is cut
            *full, unit = _cut(unit, width)
            lines.extend(full)
            size = cell_len(unit)
        line.append(unit)
        used += size
    if line:
        lines.append("".join(line).rstrip())
    return lines


def _cut(unit: str, width: int) -> list[str]:
    """``unit`` in pieces of at most ``width`` cells (at least one character each)."""
    from rich.cells import get_character_cell_size

    pieces: list[str] = []
    start = used = 0
    for i, ch in enumerate(unit):
        size = get_character_cell_size(ch)
        if used + size > width and i > start:
            pieces.append(unit[start:i])
            start, used = i, 0
        used += size
    pieces.append(unit[start:])
    return pieces


def print_wrapped(console: Console, text: str, style: str = "") -> None:
    """Untrusted text, wrapped at the console width by Chinese line-breaking rules."""
    from rich.text import Text

    emit(console, Text("\n".join(wrap_cjk(safe_text(text), console.width)), style=style))


def wrap_styled(text: Text, width: int, indent: str = "", at_spaces: bool = False) -> Text:
    """A styled text wrapped like ``wrap_cjk`` (each line after ``indent``), its styles kept;
    ``at_spaces``: broken at its spaces where the words fit (``wrap_items``), as a headline
    whose parts a space separates."""
    from rich.cells import cell_len
    from rich.text import Text

    plain, out, pos = text.plain, Text(), 0
    room = max(width - cell_len(indent), 1)
    lines = wrap_items(plain, " ", room) if at_spaces else wrap_cjk(plain, room)
    for n, line in enumerate(line.rstrip() for line in lines):
        start = plain.find(line, pos)  # lines are pieces of the text, in order
        out.append(("\n" if n else "") + indent)
        out.append_text(text[start : start + len(line)])
        pos = start + len(line)
    return out


class ChineseWrapped:
    """A styled text that rich lays out as it would the text (a table cell's width), broken
    into lines at its spaces and by Chinese rules (``wrap_styled``) rather than rich's, its
    own lines kept."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return self.text.__rich_measure__(console, options)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        width = options.max_width
        lines = [wrap_styled(line, width, at_spaces=True) for line in self.text.split("\n")]
        yield Text("\n").join(lines)


def wrap_items(text: str, sep: str, width: int) -> list[str]:
    """``sep``-joined items in lines of at most ``width`` cells, broken only between items (an
    item wider than a line is wrapped alone).

    >>> wrap_items("医保 · 医共体 · 分级诊疗", " · ", 13)
    ['医保 · 医共体', '分级诊疗']
    """
    from rich.cells import cell_len

    lines: list[str] = []
    line = ""
    for item in text.split(sep):
        joined = line + sep + item if line else item
        if cell_len(joined) <= width:
            line = joined
            continue
        if line:
            lines.append(line)
        *full, line = wrap_cjk(item, width) or [""]
        lines += full
    return [*lines, line]
