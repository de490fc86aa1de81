"""Patterns compiled on first use act as compiled ones; importing the cleaner compiles none."""

from __future__ import annotations

import copy
import pickle
import re
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from fjhealth.lazyre import lazy_compile


def test_not_compiled_until_used() -> None:
    pattern = lazy_compile("[\u4e00-\u9fff]+")
    assert "search" not in vars(pattern)
    assert pattern.pattern == "[\u4e00-\u9fff]+"
    assert pattern.search("ab医院c") is not None
    assert "search" in vars(pattern)


def test_pickles_and_copies_as_the_compiled_pattern() -> None:
    pattern = lazy_compile(r"(\d+)年", re.ASCII)
    for other in (pickle.loads(pickle.dumps(pattern)), copy.deepcopy(pattern)):
        assert isinstance(other, re.Pattern)
        assert other.pattern == pattern.pattern
        assert other.flags == re.compile(r"(\d+)年", re.ASCII).flags


@given(st.text(alphabet="医院2024年 ab\n，", max_size=20))
def test_methods_agree_with_re(text: str) -> None:
    source = r"(\d+)年|([a-z]+)"
    lazy, real = lazy_compile(source), re.compile(source)
    assert lazy.findall(text) == real.findall(text)
    assert lazy.sub("-", text) == real.sub("-", text)
    assert lazy.split(text) == real.split(text)
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in real.finditer(text)]
    assert lazy.groups == real.groups and lazy.groupindex == real.groupindex


def test_importing_the_cleaner_compiles_no_pattern() -> None:
    code = (
        "import fjhealth.clean, fjhealth.lines, fjhealth.patterns\n"
        "from fjhealth.lazyre import _LazyPattern\n"
        "mods = (fjhealth.lines, fjhealth.patterns)\n"
        "lazy = [v for m in mods for v in vars(m).values() if isinstance(v, _LazyPattern)]\n"
        "print(len(lazy), sum('search' in vars(p) for p in lazy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    made, compiled = map(int, out.stdout.split())
    assert made > 20 and compiled == 0
