"""Output: rich on a terminal, plain text in a pipe, JSON on request. The output layer is
``render`` (the format; untrusted text made safe; the stdout and stderr writers; whole articles
and summaries), ``render_lists`` (listings and tables), ``wrap`` (CJK line breaking, for rich
output only) and ``console`` (rich consoles and labels): the only modules that import rich,
and only inside functions.

Article text is untrusted: it reaches rich only as ``Text`` objects (never parsed as markup) and
every control character is shown escaped, so a page cannot drive the terminal.

>>> choose_format("auto", is_tty=False)
'text'
>>> safe_text("a\\x1b[31mb")
'a\\\\x1b[31mb'
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING, Any

from . import progress
from .console import emit, label, make_console, rule, shown_id, utf8
from .records import UNTITLED, article_record, summary_record

if TYPE_CHECKING:
    from pathlib import Path

    from .models import Article
    from .values import Summary

FORMATS = ("auto", "rich", "text", "json")
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


def missing_pager(env: Mapping[str, str]) -> tuple[str, str] | None:
    """The variable and command of a pager that names no program found (pydoc, which rich
    pages through, runs ``$MANPAGER``, else ``$PAGER``, else ``less``), or None.

    >>> missing_pager({"PAGER": "no-such-pager -R"}), missing_pager({})
    (('PAGER', 'no-such-pager -R'), None)
    """
    import shlex
    import shutil

    name = next((n for n in ("MANPAGER", "PAGER") if env.get(n)), None)
    if name is None:
        return None  # less, else more, else printed: pydoc checks
    try:
        program = shlex.split(env[name])[0]
    except (ValueError, IndexError):  # an unclosed quote: the shell could not run it either
        return name, env[name]
    return None if shutil.which(program) else (name, env[name])


def choose_format(requested: str, is_tty: bool) -> str:
    """The output format: ``auto`` means rich on a terminal and text in a pipe."""
    if requested not in FORMATS:
        raise ValueError(f"unknown format {requested!r}")
    if requested == "auto":
        return "rich" if is_tty else "text"
    return requested


def _meta_parts(article: Article) -> list[str]:
    """The metadata line's parts: ID, source, date, authors."""
    parts = [article.id, article.source or "", article.date or "", " ".join(article.authors)]
    return [p for p in parts if p]


# ---- show -----------------------------------------------------------------------------------


def print_articles(
    articles: Iterable[Article],
    fmt: str,
    removed: bool = False,
    pager: bool = False,
    force_terminal: bool = False,
    root: Path | None = None,
) -> None:
    """Print whole articles: rich, plain text (one paragraph a line) or JSON (``file``
    relative to the corpus folder ``root``)."""
    if fmt == "json":
        write_lines(json_line(article_record(a, root)) for a in articles)
    elif fmt == "text":
        write_lines(_article_text(list(articles), removed))
    else:
        _print_rich_articles(articles, removed, pager, force_terminal)


def _article_text(articles: list[Article], removed: bool) -> Iterator[str]:
    """Plain lines: title and subtitles, metadata, body, captions, removed; blank between."""
    first = True
    for a in articles:
        sections = [
            [a.title or UNTITLED, *a.subtitles],
            [" · ".join(_meta_parts(a))],
            [b.text for b in a.blocks],
            list(a.captions),
            _removed_lines(a) if removed else [],
        ]
        for section in sections:
            lines = [safe_line(s) for s in section if s]
            if not lines:
                continue
            if not first:
                yield ""
            first = False
            yield from lines


def _removed_lines(article: Article) -> list[str]:
    """``[reason] text`` for each removed piece, or a line saying nothing was removed."""
    return [f"[{r.reason}] {r.text}" for r in article.removed] or ["(nothing was removed)"]


def _print_rich_articles(
    articles: Iterable[Article], removed: bool, pager: bool, force_terminal: bool
) -> None:
    """Articles with a bold title, dim metadata, bold headings and a dimmed captions section."""
    from rich.text import Text

    from .wrap import print_wrapped, wrap_items

    console = make_console(force_terminal)
    paging: AbstractContextManager[Any] = nullcontext()
    if pager and console.is_terminal:
        progress.stop()  # the pager owns the screen
        os.environ.setdefault("LESS", "-R")  # let less show the colours rather than escapes
        missing = missing_pager(os.environ)
        if missing is None:
            paging = console.pager(styles=True)
        else:  # the shell would say "not found" and the article would be lost
            warn(f"Warning: cannot run the pager {missing[1]!r} (${missing[0]}): the article "
                 "is printed as it is")
    with paging:
        for n, a in enumerate(articles):
            if n:
                rule(console)
            print_wrapped(console, a.title or label(UNTITLED), "bold")
            for sub in a.subtitles:
                print_wrapped(console, sub, "italic")
            parts = [shown_id(a.id), *_meta_parts(a)[1:]]
            meta = wrap_items(safe_text(" · ".join(parts)), " · ", console.width)
            emit(console, Text("\n".join(meta), style="dim"))
            for block in a.blocks:
                emit(console)
                style = "bold" if block.kind == "heading" else ""
                print_wrapped(console, block.text, style)
            if a.captions:
                emit(console)
                rule(console, "captions")
                for caption in a.captions:
                    print_wrapped(console, caption, "dim")
            if removed:
                emit(console)
                rule(console, "removed by the cleaner")
                if not a.removed:
                    emit(console, Text(label("nothing was removed"), style="dim italic"))
                for r in a.removed:
                    line = Text(f"[{safe_text(r.reason)}] ", style="yellow")
                    line.append(safe_text(r.text), style="dim")
                    emit(console, line)


# ---- summaries ------------------------------------------------------------------------------


def print_summaries(
    summaries: Iterable[Summary], fmt: str, force_terminal: bool = False, root: Path | None = None
) -> None:
    """Summaries: per article ``ID<TAB>title``, the summary on one line, a blank line; or JSON
    (files named relative to the corpus folder ``root``)."""
    if fmt == "json":
        write_lines(json_line(summary_record(s, root)) for s in summaries)
    elif fmt == "text":
        write_lines(
            line
            for s in summaries
            for line in (
                f"{safe_line(s.article_id)}\t{safe_line(s.title or UNTITLED)}",
                safe_line(s.text),
                "",
            )
        )
    else:
        _print_rich_summaries(summaries, force_terminal)


def _print_rich_summaries(summaries: Iterable[Summary], force_terminal: bool) -> None:
    """Each summary under its bold title, one sentence a line, printed as summaries come."""
    from rich.text import Text

    from .wrap import print_wrapped

    console = make_console(force_terminal)
    for n, s in enumerate(summaries):
        if n:
            emit(console)
        print_wrapped(console, s.title or label(UNTITLED), "bold")
        print_wrapped(console, f"{shown_id(s.article_id)} · {s.method}", "dim")
        if not s.sentences:
            emit(console, Text(label("(no sentences to summarize)"), style="dim italic"))
        for sentence in s.sentences:
            print_wrapped(console, sentence.text)
