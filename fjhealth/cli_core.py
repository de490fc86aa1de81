"""What every way of running a command shares, without importing Typer: exit statuses, the
output and corpus settings resolved, and ``guarded``, the one place library errors, Ctrl-C and
closed pipes become exit statuses. The Typer app (``cli``) and the quick path (``quick``) both
run commands through it; Typer is imported here only to report a bad option value.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from enum import Enum, IntEnum
from pathlib import Path
from typing import Any, TypeVar

from . import entry, progress
from .console import configure
from .corpus import CORPUS_ENV, corpus_dir
from .errors import ArticleNotFound, CorpusError, FjhealthError
from .output import OutputConflict, resolve_output
from .render import warn

T = TypeVar("T")


class ExitCode(IntEnum):
    """Process exit statuses."""

    OK = 0
    ERROR = 1  # a FjhealthError, or some files of a batch failed
    USAGE = 2  # bad option or argument, unknown or ambiguous article ID
    INTERRUPTED = 130  # Ctrl-C


class Format(str, Enum):
    """Values of --format."""

    auto = "auto"
    rich = "rich"
    text = "text"
    json = "json"


class Color(str, Enum):
    """Values of --color."""

    auto = "auto"
    always = "always"
    never = "never"


class CommandExit(Exception):  # noqa: N818 - an exit status, not an error
    """The command ends with this exit status (the Typer app raises ``typer.Exit`` for it)."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def output_format(
    fmt: Format,
    as_json: bool,
    plain: bool,
    force_terminal: bool,
    color: Color = Color.auto,
    width: int | None = None,
) -> str:
    """Resolve the output options, the environment and the TTY test (see fjhealth.output) into
    the format to print, and set up rich output to match.

    Raises:
        typer.BadParameter: options that contradict each other (exit 2).
    """
    try:
        output = resolve_output(
            fmt=fmt.value,
            as_json=as_json,
            plain=plain,
            force_terminal=force_terminal,
            color=color.value,
            width=width,
            stdout_tty=isatty(sys.stdout),
            env=os.environ,
        )
    except OutputConflict as exc:
        import typer

        raise typer.BadParameter(str(exc)) from None
    configure(output)
    return output.format


def isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (ValueError, AttributeError):
        return False


# How the corpus in use was named ("--corpus DIR"), for hints that suggest another command.
_corpus_flag = ""


def with_corpus(message: str) -> str:
    """A message whose suggested ``fjhealth list`` keeps the --corpus in use."""
    if _corpus_flag:
        return message.replace("'fjhealth list'", f"'fjhealth list {_corpus_flag}'")
    return message


def corpus_source(corpus: Path | None) -> str:
    """How the corpus folder was named: "--corpus", "$FJHEALTH_CORPUS", or "" (the seeds)."""
    env = os.environ.get(CORPUS_ENV)
    return "--corpus" if corpus is not None else f"${CORPUS_ENV}" if env else ""


def corpus_root(corpus: Path | None) -> Path:
    """The corpus folder, a wrong one named by where it came from (--corpus or the environment).

    Raises:
        typer.BadParameter: the folder is missing, a file or unreadable (exit 2 in each case).
    """
    global _corpus_flag
    import shlex

    source = corpus_source(corpus)
    if corpus is not None:
        _corpus_flag = f"--corpus {shlex.quote(str(corpus))}"
    try:
        return corpus_dir(corpus)
    except CorpusError as exc:
        if not source:
            raise
        import typer

        raise typer.BadParameter(str(exc), param_hint=f"'{source}'") from None


def guarded(call: Callable[[], T]) -> T:
    """Run a command: Ctrl-C is the command's to handle while it runs; library errors, Ctrl-C
    and a closed or full stdout end it with a message on stderr and an exit status.

    Raises:
        CommandExit: the status the command ended with, when not 0 by returning.
    """
    sys.unraisablehook = _unraisable
    _interrupted.clear()
    quiet = False
    try:
        quiet = entry.raise_on_interrupt()  # Ctrl-C is ours to handle until the end
        if sys.stdout is None:  # started with stdout closed (">&-")
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - for the exit flush
            raise FjhealthError("standard output is closed: nowhere to write")
        result = call()
        progress.stop()
        sys.stdout.flush()
        return result
    except ArticleNotFound as exc:
        progress.stop()
        warn(f"Error: {with_corpus(str(exc))}")
        raise CommandExit(ExitCode.USAGE) from None
    except FjhealthError as exc:
        progress.stop()
        warn(f"Error: {exc}")
        raise CommandExit(ExitCode.ERROR) from None
    except KeyboardInterrupt:
        _interrupted.append(True)
        _stop_workers()
        progress.stop()
        _end_interrupted_line()
        raise CommandExit(ExitCode.INTERRUPTED) from None
    except BrokenPipeError:
        _stop_workers()
        progress.stop()
        _silence_stdout()
        raise CommandExit(ExitCode.OK) from None
    except OSError as exc:
        if exc.errno not in _OUTPUT_ERRNOS:
            raise
        progress.stop()
        warn(f"Error: cannot write the output: {exc.strerror}")
        _silence_stdout()
        raise CommandExit(ExitCode.ERROR) from None
    finally:
        progress.stop()
        if quiet:
            entry.exit_on_interrupt()


_interrupted: list[bool] = []  # non-empty once Ctrl-C was handled


def _unraisable(unraisable: Any) -> None:
    """Ctrl-C that landed where Python can only report and drop exceptions (a weakref callback
    during an import, a ``__del__``) is delivered again at once, so it is never lost."""
    if issubclass(unraisable.exc_type, KeyboardInterrupt):
        import signal
        import threading

        main = threading.main_thread().ident

        def again() -> None:  # unless the interrupt reached the handler after all
            if not _interrupted:
                signal.pthread_kill(main, signal.SIGINT)

        timer = threading.Timer(0.05, again)
        timer.daemon = True
        timer.start()
        return
    sys.__unraisablehook__(unraisable)


def _stop_workers() -> None:
    """End the worker pools a batch run left running when the command stopped early (there
    are none unless ``workers`` was loaded: it is not imported for this)."""
    workers = sys.modules.get(f"{__package__}.workers")
    if workers is not None:
        workers.stop_pools()


def _end_interrupted_line() -> None:
    """After Ctrl-C, leave the cursor at the start of a clean line: erase the terminal's "^C"
    (and anything a progress bar left) where the cursor can move, else start a new line."""
    try:
        if not sys.stderr.isatty():
            return
        dumb = os.environ.get("TERM", "").lower() in ("dumb", "unknown")
        sys.stderr.write("\n" if dumb else progress.CLEAR)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


# Writing stdout failed for good: disk full (/dev/full), quota, I/O error, a bad descriptor.
_OUTPUT_ERRNOS = frozenset(
    getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EIO", "EBADF", "EFBIG")
    if hasattr(errno, name)
)


def _silence_stdout() -> None:
    """After the reader closed the pipe, point stdout at devnull so the exit flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (e.g. under a test runner)
        pass
