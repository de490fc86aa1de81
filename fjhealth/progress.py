"""Progress of a batch on stderr, kept apart from the data on stdout.

Part of the output layer with ``render`` (which prints through ``hold``). Three modes, chosen
once by the CLI: ``bar`` (stderr is a terminal): one line redrawn in place by a timer thread,
never wider than the terminal, so ``\\r`` and erase-line always clear it whatever the width;
``lines`` (``TERM=dumb``: no cursor movement): a plain line every few seconds; ``off``.
Nothing shows for the first DELAY seconds (``FJHEALTH_PROGRESS_DELAY`` overrides), so a quick
command does not flicker.

Every write to the terminal while a display is active goes through ``hold()``: it takes the
display's lock and erases the bar first, so a bar frame never lands inside a line of data and
the thread never draws in the middle of one. The bar shows from the command's start, through
phases with no count yet (finding files, the document-frequency pass), with elapsed time.
"""

from __future__ import annotations

import os
import stat
import sys
import threading
import time
import unicodedata
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TextIO

TICK = 0.1  # seconds between redraws of the bar
DELAY = 0.25  # nothing is drawn for a command that ends sooner (no flicker)
QUIET = 0.3  # seconds without a bar after data went into a pipe (see hold)
LINES_DELAY = 1.0  # the same for plain progress lines, which stay on the screen
LINE_EVERY = 5.0  # seconds between two plain progress lines (TERM=dumb)
CLEAR = "\r\x1b[K"  # carriage return, erase to the end of the line
# cells kept free at the end of the bar line: the last one (a full line wraps) and two for the
# "^C" the terminal echoes after the bar on Ctrl-C, which would otherwise wrap the cursor onto
# the next line, where the erase would miss the bar
MARGIN = 3
_SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
LABELS = {
    "zh": {
        "starting": "准备",
        "counting words": "统计词频",
        "reading": "读取",
        "keywords": "关键词",
        "summarizing": "摘要",
        "indexing": "索引",
        "left": "剩余",
    },
}


def cell_width(text: str) -> int:
    """Terminal cells ``text`` takes: two for wide (CJK) characters, one otherwise."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def fit(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` cells."""
    out, used = [], 0
    for c in text:
        w = cell_width(c)
        if used + w > width:
            break
        out.append(c)
        used += w
    return "".join(out)


def _clock(seconds: float) -> str:
    """``m:ss`` (or ``h:mm:ss``)."""
    s = int(seconds)
    return (
        f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"
    )


class Display:
    """A progress display on one stream; see the module docstring for the modes."""

    def __init__(self, mode: str, stream: TextIO, lang: str = "en", delay: float = DELAY) -> None:
        self.mode = mode
        self.stream = stream
        self.labels = LABELS.get(lang, {})
        self.lock = threading.RLock()
        self.label = self.labels.get("starting", "starting")
        self.total: int | None = None
        self.done = 0
        self.started = self.phase_started = time.monotonic()
        self.delay = delay
        self.drawn = False  # a bar is on the screen
        self.quiet_until = 0.0  # no bar before this time (see hold)
        self.last_line = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="fjhealth-progress", daemon=True)
        self._thread.start()

    def phase(self, label: str, total: int | None = None) -> None:
        """Start counting ``total`` items under ``label``."""
        with self.lock:
            self.label = self.labels.get(label, label)
            self.total, self.done = total, 0
            self.phase_started = time.monotonic()
            self.last_line = 0.0
        self._tick()

    def advance(self, n: int = 1) -> None:
        """Count ``n`` more items done."""
        self.done += n

    def text(self, width: int) -> str:
        """The bar line for a terminal ``width`` cells wide (clear of its last MARGIN cells)."""
        elapsed = time.monotonic() - self.phase_started
        room = max(width - MARGIN, 0)
        if not self.total:
            spin = _SPINNER[int(elapsed / TICK) % len(_SPINNER)]
            return fit(f"{self.label} {spin} {_clock(elapsed)}", room)
        count = f"{self.done}/{self.total}"
        rate = self.done / elapsed if elapsed > 0 else 0.0
        extras = [f"{rate:.0f}/s" if rate else ""]
        if rate and self.done < self.total:
            extras.append(
                f"{self.labels.get('left', 'left')} {_clock((self.total - self.done) / rate)}"
            )
        while True:  # drop the extras, then shrink the bar, until the line fits
            tail = " ".join(x for x in (count, *extras) if x)
            bar_room = room - cell_width(self.label) - cell_width(tail) - 2
            if bar_room >= 10 or not extras:
                break
            extras.pop()
        if bar_room < 5:
            return fit(f"{self.label} {tail}", room)
        bar_room = min(bar_room, 40)
        filled = bar_room * min(self.done, self.total) // self.total
        return f"{self.label} {'━' * filled}{'─' * (bar_room - filled)} {tail}"

    def _width(self) -> int:
        try:
            return os.get_terminal_size(self.stream.fileno()).columns or 80
        except (OSError, ValueError, AttributeError):
            return 80

    def _tick(self) -> None:
        """Redraw the bar, or print a plain line when one is due."""
        with self.lock:
            now = time.monotonic()
            if self._stop.is_set() or now - self.started < self.delay:
                return
            if self.mode == "bar":
                if now < self.quiet_until:
                    return
                self.stream.write(CLEAR + self.text(self._width()))
                self.drawn = True
            elif self.mode == "lines":
                now = time.monotonic()
                if now - self.last_line < LINE_EVERY:
                    return
                self.last_line = now
                self.stream.write(self._plain_line() + "\n")
            self.stream.flush()

    def _plain_line(self) -> str:
        """``label: done/total (pct%)``, for terminals that cannot redraw a line."""
        if not self.total:
            return f"{self.label}: {_clock(time.monotonic() - self.phase_started)}"
        return f"{self.label}: {self.done}/{self.total} ({100 * self.done // self.total}%)"

    def _run(self) -> None:
        while not self._stop.wait(TICK):
            self._tick()

    def clear(self) -> None:
        """Erase the bar (the caller holds the lock); the next tick draws it again."""
        if self.drawn:
            self.stream.write(CLEAR)
            self.stream.flush()
            self.drawn = False

    def close(self) -> None:
        """Stop the thread and erase the bar."""
        self._stop.set()
        if self._thread is not threading.current_thread():
            # bounded: if Ctrl-C struck while this thread held the lock between acquiring it and
            # entering its with-block, the drawing thread could wait on it for ever
            self._thread.join(timeout=0.5)
        with self.lock:
            try:
                self.clear()
            except (OSError, ValueError):  # stderr closed under us: nothing left to erase
                pass


_active: Display | None = None


def start(
    mode: str, lang: str = "en", stream: TextIO | None = None, delay: float | None = None
) -> Display | None:
    """Show progress in ``mode`` (``bar``, ``lines`` or ``off``) until ``stop()``; nothing is
    shown before ``delay`` seconds (default: DELAY, LINES_DELAY for ``lines``)."""
    global _active
    stop()
    if delay is None:
        default = LINES_DELAY if mode == "lines" else DELAY
        delay = _env_seconds(os.environ.get("FJHEALTH_PROGRESS_DELAY", ""), default)
    if mode != "off":
        _active = Display(mode, stream or sys.stderr, lang, delay)
    return _active


def _env_seconds(value: str, default: float) -> float:
    """Seconds from an environment variable, ``default`` when unset or not a number."""
    try:
        return max(float(value), 0.0)
    except ValueError:
        return default


def mode_for(stream: TextIO, env: Mapping[str, str]) -> str:
    """``bar`` on a terminal, ``lines`` on a ``TERM=dumb`` one, ``off`` otherwise."""
    try:
        tty = stream.isatty()
    except (ValueError, AttributeError):
        tty = False
    if not tty:
        return "off"
    return "lines" if env.get("TERM", "").lower() in ("dumb", "unknown") else "bar"


def stop() -> bool:
    """Erase and stop the active display; True if there was one."""
    global _active
    display, _active = _active, None
    if display is None:
        return False
    display.close()
    return True


def phase(label: str, total: int | None = None) -> None:
    """Start a phase of the active display, if any."""
    if _active is not None:
        _active.phase(label, total)


def advance(n: int = 1) -> None:
    """Count items done in the active display, if any."""
    if _active is not None:
        _active.advance(n)


@contextmanager
def hold(stdout: bool = True) -> Iterator[None]:
    """Write inside this block: the bar is erased first and not redrawn until it ends.

    With ``stdout`` true: when stdout is the terminal, or a pipe whose reader (``head``,
    ``grep``) may print to the terminal as soon as it reads; a file needs nothing. Into a pipe,
    the bar also stays away for QUIET seconds after each write, so the reader's line lands on
    a clean line rather than after a bar drawn in between.
    """
    display = _active
    kind = _stdout_kind() if stdout else "terminal"
    if display is None or display.mode == "off" or kind == "file":
        yield
        return
    with display.lock:
        display.clear()
        yield
        if kind == "pipe":
            display.quiet_until = time.monotonic() + QUIET


def _stdout_kind() -> str:
    """``terminal``, ``pipe`` or ``file`` (anything else that cannot reach the screen)."""
    try:
        if sys.stdout.isatty():
            return "terminal"
        return "pipe" if stat.S_ISFIFO(os.fstat(sys.stdout.fileno()).st_mode) else "file"
    except (ValueError, AttributeError, OSError):  # no real file (a test runner's buffer)
        return "file"


def active() -> bool:
    """Whether a display is showing."""
    return _active is not None
