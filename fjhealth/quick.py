"""The quick path: ``fjhealth list``, ``fjhealth show ID`` and ``fjhealth search QUERY`` with
plain options run without Typer.

Importing Typer (and the Rich it loads) and building a command costs more than listing the
corpus from the page cache: ~150 M of a ~330 M instruction start-up. These two commands are
the most common and their argument shapes are simple, so ``entry.main`` first offers the
arguments to ``run``: when every word is one it knows (the command, its boolean flags,
``--corpus``/``--format``/``--color`` with a value, and show's one argument), it runs the
command's work (``run_read``) through ``cli_core.guarded`` exactly as the Typer app does, and
returns the exit status. Anything else — help, completion, a mistake, an option it does not
know, a value Click would check or refuse, output options that conflict, a corpus folder that
is wrong — returns None before anything is printed, and the Typer app handles it in full.
Tests run a table of argument lists both ways and compare stdout, stderr and exit status.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

# Boolean flags -> keyword, per command.
_FLAGS = {
    "list": {"--keywords": "keywords", "--dedupe": "dedupe", "--no-cache": "no_cache",
             "--json": "as_json", "--plain": "plain", "--force-terminal": "force_terminal"},
    "show": {"--removed": "removed", "--pager": "pager",
             "--json": "as_json", "--plain": "plain", "--force-terminal": "force_terminal"},
    "search": {"--json": "as_json", "--plain": "plain", "--force-terminal": "force_terminal"},
}
# Each command's positional argument, if it takes one.
_ARGUMENT = {"list": None, "show": "article_id", "search": "query"}
# Options that take a value, with the values Click accepts (None: any that is not empty).
_VALUES: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "--corpus": ("corpus", None),
    "--format": ("fmt", ("auto", "rich", "text", "json")),
    "--color": ("color", ("auto", "always", "never")),
}
# search's options with a value: keyword and a check that gives the value or None (refused).


def _count(value: str) -> int | None:
    return int(value) if value.isdigit() and int(value) >= 1 else None


def _date(value: str) -> str | None:
    from .run_find import DATE_RE

    return value if DATE_RE.fullmatch(value) else None


_SEARCH_VALUES = {
    "--limit": ("limit", _count), "-n": ("limit", _count), "--source": ("source", str),
    "--since": ("since", _date), "--until": ("until", _date),
}
# Set while a shell asks for completions (the Typer app answers those).
_COMPLETE_ENV = "_FJHEALTH_COMPLETE"


def parse(argv: list[str]) -> tuple[str, dict[str, Any]] | None:
    """The command and its options, if the quick path can run this argument list, else None.

    >>> parse(["show", "003", "--json"])
    ('show', {'as_json': True, 'article_id': '003'})
    >>> parse(["show", "--help"]) is None, parse(["list", "--jobs", "2"]) is None
    (True, True)
    """
    if not argv or argv[0] not in _FLAGS:
        return None
    command, flags = argv[0], _FLAGS[argv[0]]
    options: dict[str, Any] = {}
    positional: list[str] = []
    words = iter(argv[1:])
    for word in words:
        if word in flags:
            options[flags[word]] = True
        elif word.startswith("-") and word != "-":
            name, eq, value = word.partition("=")
            own = _SEARCH_VALUES.get(name) if command == "search" else None
            if name not in _VALUES and own is None:
                return None
            if eq and not name.startswith("--"):
                return None  # "-n=2": Click takes "=2" as the value and refuses it
            if not eq:
                value = next(words, "")
            if not value or value.startswith("-"):
                return None  # missing or option-like: Click says what is wrong
            if own is not None:
                key, check = own
                if check(value) is None:
                    return None  # refused: Click says why
                options[key] = check(value)
                continue
            key, allowed = _VALUES[name]
            if allowed and value not in allowed:
                return None
            options[key] = value
        else:
            positional.append(word)
    argument = _ARGUMENT[command]
    if len(positional) != (argument is not None):
        return None
    if argument is not None:
        options[argument] = positional[0]
    return command, options


def run(argv: list[str]) -> int | None:
    """Run ``list``, ``show`` or ``search`` without Typer: the exit status, or None (nothing
    printed) when the Typer app must handle these arguments."""
    parsed = parse(argv)
    if parsed is None or _COMPLETE_ENV in os.environ:
        return None
    command, options = parsed
    if command == "search":
        from .query import QueryError, parse_query

        try:
            parse_query(options["query"])
        except QueryError:
            return None  # Typer reports it as a usage error
    from .cli_core import CommandExit, corpus_source, guarded, isatty
    from .corpus import corpus_dir
    from .errors import CorpusError
    from .output import OutputConflict, resolve_output

    corpus = Path(options.pop("corpus")) if "corpus" in options else None
    fmt, color = options.pop("fmt", "auto"), options.pop("color", "auto")
    as_json, plain = options.pop("as_json", False), options.pop("plain", False)
    force_terminal = options.get("force_terminal", False)
    try:
        output = resolve_output(fmt=fmt, as_json=as_json, plain=plain,
                                force_terminal=force_terminal, color=color,
                                stdout_tty=isatty(sys.stdout), env=os.environ)
        if corpus_source(corpus):
            corpus_dir(corpus)  # a wrong --corpus or $FJHEALTH_CORPUS is a usage error
    except (OutputConflict, CorpusError):
        return None  # Click prints the usage error
    from .console import configure
    from .run_read import run_list, run_show

    configure(output)
    if command == "search":
        from .run_find import run_search as work
    else:
        work = run_list if command == "list" else run_show
    try:
        guarded(lambda: work(output=output.format, corpus=corpus, **options))
    except CommandExit as exc:
        return int(exc.code)
    return 0
