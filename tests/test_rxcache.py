"""Patterns compiled ahead: each is what ``re`` compiles from its text, and ``re.compile`` finds
them after ``preload``; a Python without a file compiles as usual."""

from __future__ import annotations

import marshal
import re
import subprocess
import sys
from pathlib import Path

import pytest

from fjhealth import rxcache

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from build_patterns import compiled_args  # noqa: E402

TABLE = ROOT / "fjhealth" / "data" / "patterns" / rxcache.table_name()
shipped = pytest.mark.skipif(not TABLE.exists(), reason="no patterns for this Python")


@shipped
def test_every_shipped_pattern_is_what_re_compiles_from_its_text() -> None:
    entries = marshal.loads(TABLE.read_bytes())
    assert len(entries) > 100
    for entry in entries:
        assert tuple(entry) == compiled_args(entry[0], entry[1]), entry[0]


@shipped
def test_after_preload_re_compile_returns_the_shipped_patterns() -> None:
    code = (
        "import marshal, re, sys\n"
        "from fjhealth import rxcache\n"
        "before = dict(re._cache)\n"
        "n = rxcache.preload()\n"
        "assert rxcache.preload() == 0  # once per process\n"
        f"entries = marshal.loads(open({str(TABLE)!r}, 'rb').read())\n"
        "fresh = [e for e in entries if (str, e[0], e[1]) not in before]\n"
        "assert n == len(fresh) > 100, (n, len(fresh))\n"
        "for p, flags, *_ in fresh:\n"
        "    shipped = re.compile(p, flags)\n"
        "    assert shipped is re._cache[str, p, flags]\n"
        "    own = re._compiler.compile(p, flags)\n"
        "    assert (shipped.pattern, shipped.flags, shipped.groups, shipped.groupindex) == (\n"
        "        own.pattern, own.flags, own.groups, own.groupindex)\n"
        "    text = '第1版 医院 AB-12 “联体”\\n  x'\n"
        "    assert [m.span() for m in shipped.finditer(text)] == [\n"
        "        m.span() for m in own.finditer(text)]\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, "ok\n", "")


def test_no_file_for_this_python_compiles_as_usual(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rxcache, "_loaded", False)
    monkeypatch.setattr(rxcache, "table_name", lambda: "cpython-0.0.0-0.marshal")
    assert rxcache.preload() == 0
    assert re.compile("[医院]+").findall("新医院") == ["医院"]
