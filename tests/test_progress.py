"""The progress display: fits any width, erased before data, plain on dumb terminals."""

from __future__ import annotations

import io
import re

from hypothesis import given
from hypothesis import strategies as st

from fjhealth import progress
from fjhealth.progress import CLEAR, Display, cell_width


def _display(mode: str, lang: str = "en") -> tuple[Display, io.StringIO]:
    stream = io.StringIO()
    return Display(mode, stream, lang, delay=0), stream


@given(
    width=st.integers(0, 400),
    label=st.sampled_from(["keywords", "counting words", "summarizing", "统计词频"]),
    total=st.none() | st.integers(1, 100_000),
    done=st.integers(0, 100_000),
)
def test_bar_never_reaches_the_last_column(
    width: int, label: str, total: int | None, done: int
) -> None:
    display, _ = _display("off")
    try:
        display.phase(label, total)
        display.done = min(done, total or 0)
        text = display.text(width)
        assert cell_width(text) <= max(width - 1, 0)  # no wrap: \r and erase-line clear it
        assert "\n" not in text and "\r" not in text
    finally:
        display.close()


@given(width=st.integers(0, 400), done=st.integers(0, 300))
def test_bar_leaves_room_for_the_echoed_ctrl_c(width: int, done: int) -> None:
    """The terminal echoes ``^C`` after the bar before fjhealth erases it: were the two to
    overflow the line, the cursor would wrap and the erase would miss the bar (seen at 40)."""
    display, _ = _display("off")
    try:
        display.phase("counting words", 300)
        display.phase_started -= 6
        display.done = done
        assert cell_width(display.text(width)) <= max(width - 1 - len("^C"), 0)
    finally:
        display.close()


def test_bar_shows_count_rate_and_time_left() -> None:
    display, _ = _display("off")
    display.phase("keywords", 200)
    display.phase_started -= 10  # ten seconds in
    display.done = 50
    text = display.text(100)
    display.close()
    assert re.fullmatch(r"keywords ━+─+ 50/200 5/s left 0:30", text)


def test_phase_without_a_count_shows_elapsed_time() -> None:
    display, _ = _display("off")
    display.phase("counting words")
    text = display.text(80)
    display.close()
    assert text.startswith("counting words ") and text.endswith("0:00")


def test_hold_erases_the_bar_before_anything_is_written() -> None:
    stream = io.StringIO()
    progress.start("bar", stream=stream, delay=0)
    progress.phase("keywords", 10)
    try:
        assert stream.getvalue().endswith("0/10")
        with progress.hold(stdout=False):
            stream.write("data\n")
        assert stream.getvalue().endswith(CLEAR + "data\n")
    finally:
        assert progress.stop()
    assert not progress.active()


def test_stop_erases_the_bar() -> None:
    stream = io.StringIO()
    progress.start("bar", stream=stream, delay=0)
    progress.phase("keywords", 10)
    progress.stop()
    assert stream.getvalue().endswith(CLEAR)


def test_lines_mode_writes_plain_whole_lines() -> None:
    stream = io.StringIO()
    progress.start("lines", stream=stream, delay=0)
    progress.phase("keywords", 4)
    progress.advance(2)
    progress.stop()
    out = stream.getvalue()
    assert out.startswith("keywords: 0/4 (0%)\n")
    assert "\x1b" not in out and "\r" not in out


def test_nothing_is_drawn_before_the_delay() -> None:
    stream = io.StringIO()
    progress.start("bar", stream=stream, delay=60)
    progress.phase("keywords", 4)
    progress.stop()
    assert stream.getvalue() == ""


def test_chinese_labels() -> None:
    display, _ = _display("off", "zh")
    display.phase("counting words", 4)
    text = display.text(80)
    display.close()
    assert text.startswith("统计词频 ")


def test_off_and_advance_without_a_display_do_nothing() -> None:
    assert progress.start("off") is None
    progress.phase("keywords", 3)
    progress.advance()
    assert not progress.stop()
