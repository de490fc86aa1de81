"""Readers: decoded page text in one format (plain text, Markdown, HTML) -> ``Document``.

A reader only removes markup and records what the format says (headings, list items, links,
metadata); deciding what is article text and what is boilerplate is the cleaner's job. Each markup
parser (markdown-it-py, trafilatura/lxml) is imported only when a page of its format is read.

>>> sniff_format("a.md", "")
'markdown'
>>> sniff_format("a.txt", "<!DOCTYPE html><html><body><p>正文</p></body></html>")
'html'
>>> sniff_format("-", "# 标题\\n\\n正文。\\n\\n## 小标题\\n\\n正文。")
'markdown'
>>> sniff_format("a.txt", "标题\\n\\n正文。")
'text'
"""

from __future__ import annotations

import re

from fjhealth.models import Document

from .plain import read_plain

FORMATS = ("text", "markdown", "html")
# File extensions whose format is known without looking at the content.
_BY_EXTENSION = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
# How much of the start of a page the sniffer looks at.
_SNIFF_CHARS = 65536
# A whole HTML document announces itself near its start: a doctype, <html>, <head>, <body>,
# <title> or <meta>.
# The patterns are compiled on first use (re caches them): a plain-text page without "<", "#",
# "*", "_", ">" or "](" never pays for compiling them (start-up of `show` on a text page).
_HTML_START_RE = r"(?i)<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|title[\s>]|meta\s)"
_HTML_START_CHARS = 2048
# Any tag; a page where tags are many and make up a large share of the characters is HTML.
_TAG_RE = r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>"
_HTML_MIN_TAGS = 10
_HTML_TAG_SHARE = 0.3
# Markup only a Markdown export writes: an image link, a link to an address, a table rule.
_MD_STRONG_RE = r"(?m)!\[[^\]\n]*\]\(|\]\((?:https?:|/|\./|#)|^\s*\|?\s*:?-{3,}:?\s*\|"
# Markup plain text may hold once by chance: "#" headings, **bold**, "> " quotes of ten or more
# characters (a "> 正文" breadcrumb is shorter).
_MD_WEAK_RE = r"(?m)^#{1,6}[ \t]+\S|\*\*[^*\n]+\*\*|__[^_\n]+__|^>[ \t]?[^\s>][^\n]{9,}"
_MD_MIN_WEAK = 2


def sniff_format(name: str, text: str) -> str:
    """A page's format: by extension (.md/.markdown, .html/.htm), else by content.

    By content (a ``.txt`` file or stdin, ``name`` "-"): a whole HTML document (a doctype,
    <html>, <head>, <body>, <title> or <meta> near the start, or tags making up a large share of
    the text) is "html"; text with Markdown-only markup (an image link, a link to an address, a
    table rule), or at least two lines of weaker signs ("#" headings, **bold**, "> " quotes), is
    "markdown"; else "text". List bullets are not a sign: plain text has "- 2 -" page numbers and
    "* " menus of its own.
    """
    dot = name.rfind(".")
    by_extension = _BY_EXTENSION.get(name[dot:].lower()) if dot >= 0 else None
    if by_extension:
        return by_extension
    head = text[:_SNIFF_CHARS]
    if "<" in head:
        if re.search(_HTML_START_RE, head.lstrip()[:_HTML_START_CHARS]):
            return "html"
        tags = re.findall(_TAG_RE, head)
        share = sum(map(len, tags)) / max(1, len(head.strip()))
        if len(tags) >= _HTML_MIN_TAGS and share >= _HTML_TAG_SHARE:
            return "html"
    if ("](" in head or "--" in head) and re.search(_MD_STRONG_RE, head):
        return "markdown"
    if not any(mark in head for mark in ("#", "**", "__", ">")):
        return "text"
    weak = 0
    for _ in re.finditer(_MD_WEAK_RE, head):
        weak += 1
        if weak >= _MD_MIN_WEAK:
            return "markdown"
    return "text"


def read_document(text: str, fmt: str = "text") -> Document:
    """Read page text in the given format ("text", "markdown" or "html")."""
    if fmt == "text":
        return read_plain(text)
    if fmt == "markdown":
        from .markdown import read_markdown  # here: only a Markdown page loads markdown-it

        return read_markdown(text)
    if fmt == "html":
        from .html import read_html  # here: only an HTML page loads trafilatura and lxml

        return read_html(text)
    raise ValueError(f"unknown page format {fmt!r}")
