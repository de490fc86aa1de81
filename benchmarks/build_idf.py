"""Write ``fjhealth/data/idf.txt``: jieba's general IDF table, sorted for lookups by bisection.

    python benchmarks/build_idf.py

jieba ships its IDF table (``jieba/analyse/idf.txt``, 270,000 "word value" lines) unsorted:
any lookup needs the whole 6 MB parsed first (~0.4 s, more than a one-article command's whole
budget). fjhealth ships the same lines sorted by their UTF-8 bytes, so ``fjhealth.idf`` finds a
word in ~18 probes of the file without parsing it, behind one header line with the table's
median. ``tests/test_idf.py`` checks that the shipped file is what this script writes.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "fjhealth" / "data" / "idf.txt"


def jieba_idf_path() -> Path:
    """jieba's own IDF file (found without importing jieba)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise SystemExit("jieba is not installed")
    return Path(spec.origin).parent / "analyse" / "idf.txt"


def build(source: Path) -> bytes:
    """The sorted table, header first: jieba's values kept as written."""
    table: dict[str, str] = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        word, _, value = line.strip().partition(" ")
        if value:
            table[word] = value  # a repeated word: the last line wins, as in a dict
    values = sorted(float(v) for v in table.values())
    median = next(v for v in table.values() if float(v) == values[len(values) // 2])
    lines = sorted(f"{w} {v}".encode() for w, v in table.items())
    header = f"# jieba 0.42 analyse/idf.txt sorted by UTF-8 bytes (MIT licence); median {median}"
    return header.encode() + b"\n" + b"\n".join(lines) + b"\n"


def main() -> int:
    """Write the sorted table."""
    OUT.write_bytes(build(jieba_idf_path()))
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
