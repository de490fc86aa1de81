"""The quick path: ``list``, ``show ID``, ``summarize ID|--all``, ``keywords ID|--all``,
``search QUERY`` and ``related ID`` with plain options run without Typer.

Importing Typer (and the Rich it loads) and building a command costs more than listing the
corpus from the page cache: ~150 M of a ~330 M instruction start-up. These commands are the
most common and their argument shapes are simple, so ``entry.main`` first offers the arguments
to ``run``: when every word is one it knows (the command, its boolean flags, ``--corpus``,
``--format``, ``--color``, ``--method`` and the counts with a value Click would accept, and one
ID), it runs the command's work (``run_read``, ``run_analyse``) through ``cli_core.guarded``
exactly as the Typer app does, and returns the exit status. Anything else — help, completion,
a mistake, an option it does not know, a value Click would check or refuse, output options that
conflict, a corpus folder that is wrong — returns None before anything is printed, and the
Typer app handles it in full.
Tests run a table of argument lists both ways and compare stdout, stderr and exit status.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

# Output flags every command takes -> keyword.
_OUTPUT_FLAGS = {"--json": "as_json", "--plain": "plain", "--force-terminal": "force_terminal"}
# Boolean flags -> keyword, per command.
_FLAGS = {
    "list": {"--keywords": "keywords", "--dedupe": "dedupe", "--no-cache": "no_cache"},
    "show": {"--removed": "removed", "--pager": "pager"},
    "keywords": {"--all": "every", "--no-cache": "no_cache"},
    "summarize": {"--all": "every", "--no-cache": "no_cache"},
    "search": {"--meaning": "meaning"},
    "related": {},
}
_INT = "a whole number from 1 on"  # marks an option whose value is a count
_DATE = "YYYY, YYYY-MM or YYYY-MM-DD"  # marks a --since or --until
# Options that take a value -> keyword and the values Click accepts (None: any not empty).
_COMMON_VALUES: dict[str, tuple[str, tuple[str, ...] | str | None]] = {
    "--corpus": ("corpus", None),
    "--format": ("fmt", ("auto", "rich", "text", "json")),
    "--color": ("color", ("auto", "always", "never")),
}
_VALUES: dict[str, dict[str, tuple[str, tuple[str, ...] | str | None]]] = {
    "list": _COMMON_VALUES,
    "show": _COMMON_VALUES,
    "keywords": {**_COMMON_VALUES, "--method": ("method", ("tfidf", "textrank")),
                 "--top": ("top", _INT)},
    "summarize": {**_COMMON_VALUES, "--method": ("method", ("rank", "snownlp", "lead")),
                  "--sentences": ("sentences", _INT), "--chars": ("chars", _INT)},
    "search": {**_COMMON_VALUES, "--limit": ("limit", _INT), "-n": ("limit", _INT),
               "--source": ("source", None), "--since": ("since", _DATE),
               "--until": ("until", _DATE)},
    "related": {**_COMMON_VALUES, "--limit": ("limit", _INT), "-n": ("limit", _INT)},
}
# Set while a shell asks for completions (the Typer app answers those).
_COMPLETE_ENV = "_FJHEALTH_COMPLETE"


def parse(argv: list[str]) -> tuple[str, dict[str, Any]] | None:
    """The command and its options, if the quick path can run this argument list, else None.

    >>> parse(["show", "003", "--json"])
    ('show', {'as_json': True, 'article_id': '003'})
    >>> parse(["summarize", "3", "--sentences", "2"])
    ('summarize', {'sentences': 2, 'article_id': '3'})
    >>> parse(["show", "--help"]) is None, parse(["list", "--jobs", "2"]) is None
    (True, True)
    """
    if not argv or argv[0] not in _FLAGS:
        return None
    command = argv[0]
    flags, values = {**_FLAGS[command], **_OUTPUT_FLAGS}, _VALUES[command]
    options: dict[str, Any] = {}
    positional: list[str] = []
    words = iter(argv[1:])
    for word in words:
        if word in flags:
            options[flags[word]] = True
        elif word.startswith("-") and word != "-":
            name, eq, value = word.partition("=")
            if name not in values or (eq and not name.startswith("--")):
                return None  # "-n=2": Click takes "=2" for the value and refuses it
            if not eq:
                value = next(words, "")
            key, allowed = values[name]
            if not value or value.startswith("-"):
                return None  # missing or option-like: Click says what is wrong
            if allowed == _INT:
                if not (value.isascii() and value.isdigit() and int(value) >= 1):
                    return None
                options[key] = int(value)
            elif allowed == _DATE:
                from .run_find import is_date

                if not is_date(value):
                    return None
                options[key] = value
            elif allowed is None or value in allowed:
                options[key] = value
            else:
                return None
        else:
            positional.append(word)
    wanted = 0 if command == "list" else 1  # show's one argument; an ID or --all for the others
    if len(positional) + options.get("every", False) != wanted or len(positional) > wanted:
        return None
    if positional:
        options["query" if command == "search" else "article_id"] = positional[0]
    if options.get("dedupe") and options.get("keywords"):
        return None  # they exclude each other: the Typer app says so
    if "sentences" in options and "chars" in options:
        return None  # likewise
    if "since" in options and "until" in options:
        from .run_find import end_of

        if options["since"] > str(end_of(options["until"])):
            return None  # an empty date range: a usage error
    return command, options


def run(argv: list[str]) -> int | None:
    """Run a command without Typer: the exit status, or None (nothing printed) when the Typer
    app must handle these arguments."""
    parsed = parse(argv)
    if parsed is None or _COMPLETE_ENV in os.environ:
        return None
    command, options = parsed
    if command in ("keywords", "summarize"):
        options.setdefault("article_id", None)
    if command == "related" and (options["article_id"] == "-" or "/" in options["article_id"]
                                 or _is_file(options["article_id"])):
        return None  # stdin or a page file: Typer says whether it is in the corpus
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

    configure(output)
    work = _work(command)
    try:
        guarded(lambda: work(output=output.format, corpus=corpus, **options))
    except CommandExit as exc:
        return int(exc.code)
    return 0


def _work(command: str) -> Any:
    """The function that does the command's work."""
    if command in ("list", "show"):
        from . import run_read

        return run_read.run_list if command == "list" else run_read.run_show
    if command in ("search", "related"):
        from . import run_find

        return run_find.run_search if command == "search" else run_find.run_related
    from . import run_analyse

    return run_analyse.run_keywords if command == "keywords" else run_analyse.run_summarize


def _is_file(arg: str) -> bool:
    """Whether an argument names an existing file (a name too long is none)."""
    try:
        return Path(arg).expanduser().is_file()
    except (OSError, ValueError):
        return False
