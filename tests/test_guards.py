"""The first-character lookaheads that speed up the cleaner's scans (``(?=[（(])…``)
repeat, by hand, the first characters of the alternatives they guard. This derives those
characters from the regex parser and checks that the guard lets every one of them through, so an
alternative added later without its first character fails here instead of silently never
matching. (A pattern of alternatives that each open with a literal character needs no guard: the
engine skips to those characters by itself, faster than through a lookahead.)"""

from __future__ import annotations

import re

import pytest

from fjhealth import lines
from fjhealth import patterns as P

try:  # Python 3.11+
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

GUARDED = {
    "patterns.TAIL_BYLINE_RE": P.TAIL_BYLINE_RE,
    "lines.FOOTER_RE": lines.FOOTER_RE,
    "lines.DATE_RE": lines.DATE_RE,
}
ZERO_WIDTH = {C.AT, C.ASSERT, C.ASSERT_NOT}


def first_items(items: list) -> tuple[list, bool]:
    """What a parsed sequence can start with (LITERAL / IN / CATEGORY items) and whether it can
    match the empty string."""
    starts: list = []
    for op, av in items:
        if op in ZERO_WIDTH:
            continue
        if op in (C.LITERAL, C.IN):
            return [*starts, (op, av)], False
        if op is C.BRANCH:
            nullable = False
            for branch in av[1]:
                more, empty = first_items(list(branch))
                starts += more
                nullable = nullable or empty
            if not nullable:
                return starts, False
        elif op is C.SUBPATTERN:
            more, empty = first_items(list(av[-1]))
            starts += more
            if not empty:
                return starts, False
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            more, _ = first_items(list(av[2]))
            starts += more
            if av[0] > 0:
                return starts, False
        else:
            raise AssertionError(f"no rule for {op} in this test: extend first_items")
    return starts, True


def samples(op: object, av: object) -> list[str]:
    """Characters that an item can start with, one per category."""
    if op is C.LITERAL:
        return [chr(av)]  # type: ignore[arg-type]
    out: list[str] = []
    for sub_op, sub_av in av:  # type: ignore[attr-defined]
        if sub_op is C.LITERAL:
            out.append(chr(sub_av))
        elif sub_op is C.RANGE:
            out += [chr(c) for c in range(sub_av[0], sub_av[1] + 1)]
        elif sub_op is C.CATEGORY:
            out += {C.CATEGORY_SPACE: [" ", "\u3000", "\n"], C.CATEGORY_DIGIT: list("0123456789")}[
                sub_av]
        else:
            raise AssertionError(f"no rule for {sub_op} in this test")
    return out


@pytest.mark.parametrize("name", sorted(GUARDED))
def test_each_guard_lets_every_alternatives_first_character_through(name: str) -> None:
    regex = GUARDED[name]
    parsed = list(sre_parse.parse(regex.pattern, regex.flags))
    assert parsed[0][0] is C.ASSERT, f"{name} no longer opens with a lookahead"
    guard = re.compile(re.match(r"\(\?=((?:\\.|\[(?:\\.|[^\]])*\]|[^)])+)\)", regex.pattern)[1],
                       regex.flags)
    starts, nullable = first_items(parsed[1:])
    assert not nullable
    blocked = sorted({c for op, av in starts for c in samples(op, av) if not guard.match(c)})
    assert not blocked, f"{name}: add {blocked} to its lookahead"
