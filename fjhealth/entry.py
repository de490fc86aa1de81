"""The ``fjhealth`` command: Ctrl-C at any moment of a run exits 130 quietly.

Until the command starts running, and again once it is done, Ctrl-C ends the process at once
(nothing has been opened or half-written that needs cleaning up): importing the CLI, Typer
building the commands (or ``quick`` setting out without them), Click parsing the arguments or
printing ``--help``, flushing at exit. While the command runs, Ctrl-C raises KeyboardInterrupt
as usual, which the CLI turns into exit status 130 after stopping workers and erasing the
progress line (``cli_core.guarded``). Only the interpreter's own start-up, before ``main`` runs
(Python, ``site``, ``import fjhealth``: some 20-40 ms), is beyond reach.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import TYPE_CHECKING

try:  # the C module itself: importing ``signal`` builds its enums (~3 M instructions)
    import _signal as signal
except ImportError:  # pragma: no cover - an interpreter without it
    import signal  # type: ignore[no-redef]

if TYPE_CHECKING:
    from types import FrameType

INTERRUPTED = 130
# The cycle collector's first threshold for a run (Python's default is 700): start-up and a first
# run allocate hundreds of thousands of objects that live to the end (modules, dictionaries,
# parsed pages), and each collection walks them again (~10 M instructions of a first run).
# Cyclic garbage still goes, 50,000 objects later at most.
GC_THRESHOLD = (50_000, 10, 10)
# What ends the line after Ctrl-C on a terminal: erase the "^C" it echoed (a dumb terminal
# cannot: a new line instead). The same as the CLI's, without importing it.
_CLEAR = b"\r\x1b[K"


def main() -> None:
    """Import and run the CLI; a Ctrl-C outside the command itself is an interrupted run."""
    exit_on_interrupt()
    gc.set_threshold(*GC_THRESHOLD)
    try:
        from .quick import run as run_quick  # list and show ID without building Typer's app

        status = run_quick(sys.argv[1:])
        if status is not None:
            raise SystemExit(status)
        from .cli import run

        run()
    except KeyboardInterrupt:  # raised, not signalled (``_thread.interrupt_main``, a test)
        raise SystemExit(INTERRUPTED) from None
    finally:  # whatever is left lives to the exit: the interpreter's last collection need
        gc.freeze()  # not walk it (~30 M instructions after a first run)


def _exit_now(signum: int, frame: FrameType | None) -> None:
    """SIGINT handler outside a running command: end the line on a terminal, exit 130."""
    try:
        if os.isatty(2):
            dumb = os.environ.get("TERM", "").lower() in ("dumb", "unknown")
            os.write(2, b"\n" if dumb else _CLEAR)
    except OSError:
        pass
    os._exit(INTERRUPTED)


def exit_on_interrupt() -> None:
    """From now on Ctrl-C ends the process at once, with status 130."""
    signal.signal(signal.SIGINT, _exit_now)


def raise_on_interrupt() -> bool:
    """From now on Ctrl-C raises KeyboardInterrupt; True if it ended the process until now
    (the command then hands it back with ``exit_on_interrupt`` when done)."""
    if signal.getsignal(signal.SIGINT) is not _exit_now:  # not run by main(), or not yet
        return False
    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    except ValueError:  # not the main thread: leave it as it is
        return False
    return True
