"""Write ``fjhealth/data/dict.txt``: jieba's dictionary laid out for lookups by need.

    python benchmarks/build_dict.py

rjieba builds jieba's whole dictionary (349,000 words) before its first cut, ~450 M
instructions: twice the start-up of a Typer + Rich CLI, paid by every first run on an unseen
page. One article needs only the few thousand dictionary words that occur in it.
``fjhealth.lexicon`` finds those in this file and gives rjieba an empty dictionary with just
them, plus one filler entry that brings the total frequency to the whole dictionary's: every
cut comes out as with the whole dictionary.

The words and frequencies are jieba's ``dict.txt`` without the part-of-speech tags, a repeated
word's last line kept (as jieba-rs keeps it). One line per first two characters, each word
written without them, then its frequency (``医院<TAB> 14176 管理 3`` holds 医院 and 医院管理; a
one-character word has its own line), so one article's lookups read a few short lines. The
lines are sorted by UTF-8 bytes, after a header line stating the total frequency and an index
line: the first characters, a space, then where each one's lines begin (six hex digits each,
counted from the line after the index). ``tests/test_lexicon.py`` checks that the shipped
file is what this script writes.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "fjhealth" / "data" / "dict.txt"


def jieba_dict_path() -> Path:
    """jieba's own dictionary (found without importing jieba)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise SystemExit("jieba is not installed")
    return Path(spec.origin).parent / "dict.txt"


def build(source: Path) -> bytes:
    """The dictionary laid out for lookups by need: header, index, then one line per key."""
    table: dict[str, int] = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        word, freq, *_ = (*line.split(), "0")
        table[word] = int(freq)  # a repeated word: the last line wins
    groups: dict[str, list[str]] = {}
    for word in sorted(table, key=str.encode):
        groups.setdefault(word[:2], []).append(f"{word[2:]} {table[word]}")
    body = sorted(f"{key}\t{' '.join(pairs)}\n".encode() for key, pairs in groups.items())
    chars: list[str] = []
    offsets: list[str] = []
    offset = 0
    for line in body:  # where each first character's lines begin, in six hex digits
        char = line.decode()[0]
        if not chars or chars[-1] != char:
            chars.append(char)
            offsets.append(f"{offset:06x}")
        offset += len(line)
    assert offset < 16**6
    total = sum(table.values())
    header = (f"# jieba 0.42 dict.txt (MIT licence), laid out by benchmarks/build_dict.py;"
              f" total {total}")
    index = "".join(chars) + " " + "".join(offsets)
    return f"{header}\n{index}\n".encode() + b"".join(body)


def main() -> int:
    """Write the sorted dictionary."""
    OUT.write_bytes(build(jieba_dict_path()))
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
