"""Write ``fjhealth/data/patterns/<python>.marshal``: the regular expressions a cleaning and
analysis run compiles, as this Python's ``re`` compiles them (see ``fjhealth.rxcache``).

    python benchmarks/build_patterns.py

Runs ``list --keywords``, ``summarize --all`` and ``keywords --all`` in this process (one job,
no cache) over the seed corpus and the test pages of every format, recording every pattern
``re`` compiles (the cleaner's, the readers', the segmenter's, markdown-it's, ...) with the
code its compiler emits. Only this exact Python can use the file; other versions compile as
usual. Rerun it after changing patterns for the speed (a changed pattern is simply compiled).
"""

from __future__ import annotations

import marshal
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fjhealth.rxcache import table_name  # noqa: E402

OUT_DIR = ROOT / "fjhealth" / "data" / "patterns"
CORPORA = [ROOT / "seeds", ROOT / "tests" / "data" / "pages", ROOT / "tests" / "data" / "web",
           ROOT / "tests" / "data" / "web_holdout"]
COMMANDS = [["list", "--keywords"], ["summarize", "--all"], ["keywords", "--all"],
            ["keywords", "--all", "--method", "textrank"]]


class _Recorder:
    """Stands for ``_sre`` inside ``re``'s compiler: records each compile's arguments."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.calls: list[tuple[Any, ...]] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def compile(self, *args: Any) -> Any:
        self.calls.append(args)
        return self.real.compile(*args)


_COMPILE = re._compiler.compile  # type: ignore[attr-defined]


def compiled_args(pattern: str, flags: int) -> tuple[Any, ...]:
    """(pattern, flags, compiled flags, code, groups, groupindex, indexgroup): what ``re``'s
    compiler hands the engine (``_sre.compile``) for this pattern, plus the cache key's flags."""
    compiler = re._compiler  # type: ignore[attr-defined]
    recorder = _Recorder(compiler._sre)
    compiler._sre = recorder
    try:
        _COMPILE(pattern, flags)
    finally:
        compiler._sre = recorder.real
    _, final_flags, code, groups, groupindex, indexgroup = recorder.calls[-1]
    return (pattern, flags, final_flags, [int(c) for c in code], groups, dict(groupindex),
            tuple(indexgroup))


def record() -> list[tuple[Any, ...]]:
    """``compiled_args`` of every str pattern compiled while the commands run, sorted."""
    entries: dict[tuple[str, int], tuple[Any, ...]] = {}

    def compile_recorded(p: Any, flags: int = 0) -> Any:
        if type(p) is str and not flags & re.DEBUG and (p, flags) not in entries:
            entries[p, flags] = compiled_args(p, flags)  # a str subclass has its own key
        return _COMPILE(p, flags)

    import typer.testing  # noqa: F401 - imported first: the CLI's own patterns are not wanted

    import fjhealth.cli  # noqa: F401
    from fjhealth import rxcache

    rxcache._loaded = True  # compile every pattern: none from an earlier file
    re.purge()
    re._compiler.compile = compile_recorded  # type: ignore[attr-defined]
    try:
        run_commands()
    finally:
        re._compiler.compile = _COMPILE  # type: ignore[attr-defined]
    return [entries[key] for key in sorted(entries)]  # the same file from every run


def run_commands() -> None:
    """The commands over every corpus, in this process."""
    from typer.testing import CliRunner

    from fjhealth.cli import app

    runner = CliRunner()
    with tempfile.TemporaryDirectory() as cache:
        os.environ["FJHEALTH_CACHE_DIR"] = cache
        for corpus in CORPORA:
            for command in COMMANDS:
                argv = [*command, "--corpus", str(corpus), "--jobs", "1", "--no-cache"]
                result = runner.invoke(app, argv)
                if result.exception is not None and not isinstance(result.exception, SystemExit):
                    raise result.exception


def main() -> int:
    if os.environ.get("PYTHONHASHSEED") != "0":  # patterns some libraries build from sets
        os.environ["PYTHONHASHSEED"] = "0"  # differ with the hash seed: one file, every run
        os.execv(sys.executable, [sys.executable, *sys.argv])
    entries = record()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    out = OUT_DIR / table_name()
    out.write_bytes(marshal.dumps(entries, 2))  # version 2, no shared references: same bytes
    print(f"{out.relative_to(ROOT)}: {len(entries)} patterns, {out.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
