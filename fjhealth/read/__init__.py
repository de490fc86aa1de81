"""Readers: decoded page text in one format (plain text, Markdown, HTML) -> ``Document``.

A reader only removes markup and records what the format says (headings, list items, links,
metadata); deciding what is article text and what is boilerplate is the cleaner's job.
"""

from __future__ import annotations

from fjhealth.models import Document

from .plain import read_plain


def read_document(text: str, fmt: str = "text") -> Document:
    """Read page text in the given format ("text", "markdown" or "html")."""
    if fmt == "text":
        return read_plain(text)
    raise ValueError(f"unknown page format {fmt!r}")
