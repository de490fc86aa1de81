"""How output looks: the format, colour, width and language decided once from the command line,
the environment and whether stdout is a terminal. Pure: no I/O, no rich.

Precedence (the README's "Terminal or pipe" documents it):

1. The format comes from the command line only. ``--json`` means ``--format json``, ``--plain``
   ``--format text``, ``--force-terminal`` ``--format rich`` with styles as on a terminal; two
   that disagree are refused, as are ``--color always`` and ``--width`` with text or JSON.
2. ``--format auto`` (the default) is rich when stdout is a terminal or ``--color always`` is
   given, plain text otherwise. The environment never changes the format of a pipe.
3. Styles (bold, dim) in rich output: on a terminal or with ``--force-terminal``, unless
   ``TERM=dumb``; with ``--color always``, or when ``FORCE_COLOR`` or ``CLICOLOR_FORCE`` is
   set (not empty, not ``0``), even then. Colours among them: ``--color always|never`` decides; else
   ``NO_COLOR`` (set, not empty) turns them off.
4. Width, for rich output: ``--width N``, else the terminal's (``COLUMNS`` overrides), else 80.

>>> resolve_output(stdout_tty=False, env={}).format
'text'
>>> resolve_output(color="always", stdout_tty=False, env={}).format
'rich'
>>> resolve_output(stdout_tty=True, env={"NO_COLOR": "1"}).color
False
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

FORMATS = ("auto", "rich", "text", "json")
COLORS = ("auto", "always", "never")
MIN_WIDTH = 20  # narrower than this, no table or wrapped line can be drawn sensibly
NARROW_WIDTH = 60  # below this, tables stack their columns (see render)


class OutputConflict(ValueError):
    """Output options that contradict each other; the message names them."""


class Output(NamedTuple):  # builds ~4x faster than a frozen dataclass
    """The decided output settings."""

    format: str  # "rich" | "text" | "json"
    styled: bool = False  # rich output with escape sequences (bold, dim, colours)
    color: bool = False  # colours among those styles
    width: int | None = None  # rich output width; None: the terminal's
    dumb: bool = False  # TERM=dumb: no box drawing, no cursor movement
    lang: str = "en"  # "zh" or "en": labels of rich output and progress


def _flag_set(env: Mapping[str, str], name: str) -> bool:
    """Whether a FORCE_COLOR-style variable is set to something other than "" or "0"."""
    return env.get(name, "") not in ("", "0")


def locale_lang(env: Mapping[str, str]) -> str:
    """``zh`` when the message locale (LC_ALL, else LC_MESSAGES, else LANG) is Chinese.

    >>> locale_lang({"LANG": "zh_CN.UTF-8"}), locale_lang({"LC_ALL": "C", "LANG": "zh_TW"})
    ('zh', 'en')
    """
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def resolve_output(
    *,
    fmt: str = "auto",
    as_json: bool = False,
    plain: bool = False,
    force_terminal: bool = False,
    color: str = "auto",
    width: int | None = None,
    stdout_tty: bool,
    env: Mapping[str, str],
) -> Output:
    """Decide the output from the options, the environment and the terminal test.

    Raises:
        OutputConflict: two options ask for different things.
    """
    if fmt not in FORMATS or color not in COLORS:
        raise ValueError(f"unknown format {fmt!r} or color {color!r}")
    asked = {
        name: value
        for name, value in (
            (f"--format {fmt}", fmt if fmt != "auto" else None),
            ("--json", "json" if as_json else None),
            ("--plain", "text" if plain else None),
            ("--force-terminal", "rich" if force_terminal else None),
        )
        if value is not None
    }
    if len(set(asked.values())) > 1:
        raise OutputConflict(f"{' and '.join(asked)} exclude each other")
    chosen = next(iter(asked.values()), "auto")
    if chosen in ("text", "json"):
        option = next(iter(asked))
        if color == "always":
            raise OutputConflict(f"--color always applies to rich output, not {option}")
        if width is not None:
            raise OutputConflict(f"--width applies to rich output, not {option}")
        return Output(chosen, lang=locale_lang(env))
    if chosen == "auto":
        chosen = "rich" if stdout_tty or color == "always" else "text"
        if chosen == "text":
            return Output("text", lang=locale_lang(env))
    dumb = env.get("TERM", "").lower() in ("dumb", "unknown")
    forced = _flag_set(env, "FORCE_COLOR") or _flag_set(env, "CLICOLOR_FORCE")
    # A dumb terminal is styled only when colour is forced (Emacs' shell says TERM=dumb and
    # shows ANSI colours): --force-terminal styles it as the terminal it is, plainly.
    styled = color == "always" or forced or (not dumb and (force_terminal or stdout_tty))
    if color == "auto":
        on = styled and not env.get("NO_COLOR", "")
    else:
        on = styled and color == "always"
    return Output("rich", styled, on, width, dumb, locale_lang(env))
