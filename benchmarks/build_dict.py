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
counted from the line after the index). Each first character's lines open with its own index:
the second characters of its keys, a space, then where each key's line begins (four hex digits
each, counted from the start of that index line), so a lookup is two searches of short strings
and no bisection (a key with no words, most of the pairs of an article, costs one search).
``tests/test_lexicon.py`` checks that the shipped file is what this script writes.
"""

from __future__ import annotations

import importlib.util
import sys
from itertools import accumulate
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "fjhealth" / "data" / "dict.txt"


def jieba_dict_path() -> Path:
    """jieba's own dictionary (found without importing jieba)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise SystemExit("jieba is not installed")
    return Path(spec.origin).parent / "dict.txt"


def build(source: Path) -> bytes:
    """The dictionary laid out for lookups by need (see ``layout``)."""
    table: dict[str, int] = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        word, freq, *_ = (*line.split(), "0")
        table[word] = int(freq)  # a repeated word: the last line wins
    return layout(table, "jieba 0.42 dict.txt (MIT licence), laid out by benchmarks/build_dict.py;")


def layout(table: dict[str, int], note: str = "") -> bytes:
    """Header, index, then each first character's lines: its key index, then one line per key.

    >>> layout({"甲": 2, "甲乙": 3, "甲乙丙": 4, "乙丙": 0}).decode()
    '# total 9\\n乙甲 000000000013\\n丙 0009\\n乙丙\\t 0\\n乙 0010\\n甲\\t 2\\n甲乙\\t 3 丙 4\\n'
    """
    groups: dict[str, list[str]] = {}
    for word in sorted(table, key=str.encode):
        groups.setdefault(word[:2], []).append(f"{word[2:]} {table[word]}")
    spans: dict[str, list[bytes]] = {}  # first character -> its keys' lines, in byte order
    for line in sorted(f"{key}\t{' '.join(pairs)}\n".encode() for key, pairs in groups.items()):
        spans.setdefault(line.decode()[0], []).append(line)
    chars: list[str] = []
    offsets: list[str] = []
    body: list[bytes] = []
    offset = 0
    for char, lines in spans.items():  # in byte order, as the lines were
        seconds = [line.decode()[1] for line in lines if line.decode()[1] != "\t"]
        head = len(f"{''.join(seconds)} {'0000' * len(seconds)}\n".encode())
        starts = list(accumulate((len(line) for line in lines[:-1]), initial=head))
        if len(seconds) < len(lines):  # the one-character key's line comes first: no entry
            starts = starts[1:]
        assert not starts or starts[-1] < 16**4
        span = [f"{''.join(seconds)} {''.join(f'{s:04x}' for s in starts)}\n".encode(), *lines]
        chars.append(char)
        offsets.append(f"{offset:06x}")
        body += span
        offset += sum(map(len, span))
    assert offset < 16**6
    header = f"# {note + ' ' if note else ''}total {sum(table.values())}"
    index = "".join(chars) + " " + "".join(offsets)
    return f"{header}\n{index}\n".encode() + b"".join(body)


def main() -> int:
    """Write the sorted dictionary."""
    OUT.write_bytes(build(jieba_dict_path()))
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
