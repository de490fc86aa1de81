"""Plain-text reader: one ``Line`` per non-blank line, with blank-line gaps and indentation.

>>> [(ln.text, ln.gap, ln.indent) for ln in read_plain("标题\\n\\n  第一段。\\n第二段。").lines]
[('标题', False, False), ('第一段。', True, True), ('第二段。', False, False)]
"""

from __future__ import annotations

from ..models import Document, Line

# Leading whitespace a paragraph indent is made of: ASCII spaces, tabs, ideographic spaces.
_INDENT = (" ", "\t", "\u3000", "\u00a0")


def read_plain(text: str) -> Document:
    """Split text into lines; blank lines become the ``gap`` of the next line."""
    lines: list[Line] = []
    gap = False
    for raw in text.split("\n"):
        stripped = raw.strip()
        if not stripped:
            gap = bool(lines)
            continue
        lines.append(Line(stripped, gap=gap, indent=raw.startswith(_INDENT)))
        gap = False
    return Document(tuple(lines))
