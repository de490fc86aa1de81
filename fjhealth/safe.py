"""Untrusted text made safe to print, and the two streams it goes to: data lines on stdout,
messages on stderr, each clear of the progress bar.

Article text is untrusted: every control character is shown escaped and bidirectional overrides
are neutralised, so a page cannot drive the terminal.

>>> safe_text("a\\x1b[31mb")
'a\\\\x1b[31mb'
>>> safe_line("a\\tb\\nc")
'a b c'
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from typing import Any

from . import progress
from .console import utf8

# C0 controls (bar tab and newline), DEL, C1 controls, and the bidirectional overrides that can
# reorder what a terminal shows: printed as visible escapes, never sent raw. This pattern and
# _JSON_UNSAFE are compiled on first use (re's own cache): a class reaching past U+00FF costs
# ~4 M instructions to compile, and most output never needs it (see safe_text).
_CONTROL = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
# Inside one TSV field or one output line, tabs and newlines would break the record.
_FIELD_BREAK_RE = re.compile(r"[\t\n]+")
# Characters json.dumps(ensure_ascii=False) leaves raw although a terminal may act on them.
_JSON_UNSAFE = "[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"


def safe_text(text: str) -> str:
    """``text`` with control and bidi-override characters replaced by visible escapes."""
    if text.isprintable():  # no control, format (bidi) or surrogate character: nothing to do
        return text
    return re.sub(_CONTROL, _escape_char, text)


def _escape_char(match: re.Match[str]) -> str:
    """``\\x1b`` for a control character, ``\\u202e`` for a bidi override."""
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_line(text: str) -> str:
    """One safe output line: tabs and newlines inside the text become spaces."""
    return _FIELD_BREAK_RE.sub(" ", safe_text(text))


def json_line(obj: dict[str, Any]) -> str:
    """Compact JSON, UTF-8 kept readable, with terminal-active characters \\u-escaped."""
    dumped = json.dumps(obj, ensure_ascii=False)
    return re.sub(_JSON_UNSAFE, lambda m: f"\\u{ord(m.group()):04x}", dumped)


def write_lines(lines: Iterable[str]) -> None:
    """Write lines to stdout as they come, with LF line ends, each clear of any progress bar."""
    out = utf8(sys.stdout)
    for line in lines:
        with progress.hold():
            out.write(line + "\n")
            if progress.active():
                out.flush()
    out.flush()


def warn(message: str) -> None:
    """A warning or error line on stderr, printed literally."""
    err = utf8(sys.stderr)
    with progress.hold(stdout=False):
        err.write(safe_line(message) + "\n")
        err.flush()
