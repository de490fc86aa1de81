"""Rich consoles for fjhealth's output, set up once per command (colour, width, language), and
the small pieces every rich renderer shares: labels, table borders, rules, printing clear of the
progress bar. Part of the output layer with ``render``; rich is imported only inside functions.
"""

from __future__ import annotations

import io
import os
import sys
from typing import TYPE_CHECKING, TextIO

from . import progress
from .output import Output
from .records import UNTITLED

if TYPE_CHECKING:
    from rich.box import Box
    from rich.console import Console, RenderableType

_ZH_LABELS = {
    "ID": "编号",
    "Title": "标题",
    "Source / date": "来源 / 日期",
    "Chars": "字数",
    "Paras": "段落",
    "Keywords": "关键词",
    "Keyword": "关键词",
    "Score": "权重",
    UNTITLED: "（无标题）",
    "captions": "图片说明",
    "removed by the cleaner": "清理时删去的内容",
    "nothing was removed": "没有删去任何内容",
    "(no sentences to summarize)": "（没有可摘要的句子）",
    "Kind": "类别",
    "File": "文件",
    "Size": "大小",
    "page cache": "页面缓存",
    "old page cache": "旧版页面缓存",
    "jieba dictionary": "jieba 词典缓存",
    "search index": "搜索索引",
    "stale search index": "过时的搜索索引",
    "other": "其他",
    "total": "共",
    "pages cached": "页已缓存",
    "page cache limit": "页面缓存上限",
    "none": "无",
    "stdin": "标准输入",
}
_OUTPUT = Output("text")  # set once per command by configure()


def configure(output: Output) -> None:
    """Use these output settings (colour, width, language) for every rich console."""
    global _OUTPUT
    _OUTPUT = output


def label(text: str) -> str:
    """A label of rich output in the output's language."""
    return _ZH_LABELS.get(text, text) if _OUTPUT.lang == "zh" else text


def shown_id(article_id: str) -> str:
    """An article ID as rich output shows it: stdin's "-" (JSON's and text's) as "stdin"."""
    return label("stdin") if article_id == "-" else article_id


def utf8(stream: TextIO) -> TextIO:
    """``stream``, switched to UTF-8 if the locale chose another encoding (output is UTF-8)."""
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
    if encoding != "utf8" and isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(encoding="utf-8")
    return stream


DEFAULT_WIDTH = 80  # rich's own default, for a terminal that reports no usable width


def make_console(force_terminal: bool = False, stderr: bool = False) -> Console:
    """A rich console that never interprets markup, emoji codes or highlights in our output,
    styled, coloured and as wide as ``configure`` said (``force_terminal``: styled anyway)."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            """The reader closed the pipe: let the CLI exit 0 (rich itself exits 1)."""
            self.quiet = True
            raise BrokenPipeError

    utf8(sys.stderr if stderr else sys.stdout)
    out = _OUTPUT
    styled = out.styled or force_terminal
    console = _Console(
        stderr=stderr,
        force_terminal=styled,
        # (rich's "auto" gives a dumb terminal no styles: a forced colour says which to use)
        color_system=None if not styled else "standard" if out.dumb and out.styled else "auto",
        no_color=not (out.color or (force_terminal and not out.styled)),
        width=out.width or _dumb_width(out),
        markup=False,
        emoji=False,
        highlight=False,
    )
    if console.width < 1:  # COLUMNS=0: rich would print nothing at all
        console.width = DEFAULT_WIDTH
    elif console.width < 2:  # COLUMNS=1: no Chinese character would fit (rich prints blanks)
        console.width = 2
    return console


def _dumb_width(out: Output) -> int | None:
    """rich assumes 80 columns on ``TERM=dumb``; ask the terminal (COLUMNS first) instead."""
    if not out.dumb:
        return None
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit():
        return int(columns)
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns or None
    except (OSError, ValueError, AttributeError):
        return None


def emit(console: Console, *renderables: RenderableType) -> None:
    """Print to a console, clear of any progress bar."""
    with progress.hold():
        console.print(*renderables)


def table_box() -> Box | None:
    """Table borders: rich's heavy head, or on TERM=dumb a dashed header line and no edges."""
    from rich import box

    if _OUTPUT.dumb:
        return box.Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True)
    return box.HEAVY_HEAD


def rule(console: Console, title: str = "") -> None:
    """A dim horizontal rule (dashes on TERM=dumb), with an optional title at the left."""
    from rich.rule import Rule

    chars = "-" if _OUTPUT.dumb else "─"
    emit(console, Rule(label(title), characters=chars, style="dim", align="left"))


def settings() -> Output:
    """The output settings ``configure`` set."""
    return _OUTPUT
