"""linememo: remembered answers are the functions' own, and a new page forgets them."""

from __future__ import annotations

from fjhealth import linememo
from fjhealth.flow import build
from fjhealth.read.plain import read_plain
from fjhealth.text import TAIL_WINDOW, _tail_complete, is_complete
from fjhealth.units import line_kind


def test_remembered_answers_are_the_functions_answers() -> None:
    for text in ("", "医院上下", "他说：“好。”", "当前位置：首页 > 新闻", "打印本页 关闭窗口"):
        assert is_complete(text) == _tail_complete.__wrapped__(text[-TAIL_WINDOW:])
        assert linememo.kind(text) == line_kind(text)


def test_forget_asks_afresh() -> None:
    calls: list[str] = []
    upper = linememo.remember(lambda t: calls.append(t) or t.upper())
    assert upper("ab") == upper("ab") == "AB"
    assert calls == ["ab"]
    linememo.forget()
    assert upper("ab") == "AB"
    assert calls == ["ab", "ab"]


def test_a_page_keeps_no_more_than_its_own_lines() -> None:
    first = read_plain("\n".join(f"第{k}条消息，医院今天接诊患者。" for k in range(50)))
    second = read_plain("市卫健委发布通知，要求各地做好冬季防病工作。")
    build(first)
    build(second)
    assert linememo.kind.cache_info().currsize <= len(second.lines) + 2  # type: ignore[attr-defined]
