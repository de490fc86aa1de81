"""jieba's dictionary for rjieba, loaded by need: only the words that occur in the text cut.

Building jieba-rs's whole dictionary (349,000 words) costs ~450 M instructions before the first
cut, twice the start-up of a Typer + Rich CLI: the cost of a first run on an unseen page. A cut
only ever looks up substrings of the text being cut (the word graph's edges) and the total
frequency. So ``NeedCutter`` starts from an empty rjieba dictionary, and before each cut adds
the dictionary words found in the text (from ``data/dict.txt``, jieba's dictionary sorted by
bytes, one line per first two characters, found through two levels of index: see
``benchmarks/build_dict.py``), keeping
the total at the whole dictionary's with one filler entry no cut can meet (a private-use
character outside every block jieba cuts). Domain terms are added as with the whole
dictionary, after the dictionary words inside them. Every cut is then the whole dictionary's.
Past ``FULL_AFTER`` characters or ``GROUPS_MAX`` groups read (a corpus or a very long page, not
an article) it builds the whole dictionary once.

>>> lex = Lexicon("# total 10\\n医 000000\\n院 0010\\n医\\t 4\\n医院\\t 6 长 0\\n".encode())
>>> lex.total, lex.words_in("新医院")
(10, {'医': 4, '医院': 6})
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from importlib import resources
from operator import add
from typing import Any

# The filler entry: a private-use character, never inside a block jieba cuts (Han, ASCII
# letters and digits, "+#&._%-"), so no cut ever looks it up.
FILLER = "\ue000"
# Past either many characters cut or many first-two-character groups read (each ~45,000
# instructions to find and parse; the whole dictionary builds in ~450 M), the whole dictionary
# is built instead: hostile or very long text never costs more than about two builds.
FULL_AFTER = 50_000
GROUPS_MAX = 10_000
_NONE: tuple[dict[str, str], tuple[int, ...]] = ({}, ())  # a key no word starts with


class Lexicon:
    """Dictionary words and frequencies by their first two characters, read from the file."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        header_end = data.find(b"\n") + 1
        body = data.find(b"\n", header_end) + 1  # after the index line
        self.total = int(data[:header_end].decode().rsplit("total", 1)[1])
        chars, _, offsets = data[header_end : body - 1].partition(b" ")
        self._body = body
        self._chars = chars.decode()  # the first characters, in order
        self._offsets = offsets  # where each one's lines begin: six hex digits each
        self._keys: dict[str, tuple[int, str, str] | None] = {}
        self._groups: dict[str, tuple[dict[str, str], tuple[int, ...]]] = {}

    @property
    def groups_read(self) -> int:
        """How many first-two-character groups have been looked up so far."""
        return len(self._groups)

    def _group(self, key: str) -> tuple[dict[str, str], tuple[int, ...]]:
        """The words whose first one or two characters are ``key``, each by what follows the
        key (-> frequency as written; "" for ``key`` itself), and the rests' lengths, shortest
        first."""
        found = self._groups.get(key)
        if found is None:
            found = _NONE
            keys = self._keys[key[0]] if key[0] in self._keys else self._key_index(key[0])
            if keys is not None:
                start, seconds, offsets = keys
                if len(key) == 1:  # the one-character key's line follows the key index
                    at = self._data.find(b"\n", start) + 1
                else:
                    k = seconds.find(key[1])
                    at = start + int(offsets[4 * k : 4 * k + 4], 16) if k >= 0 else -1
                tag = key.encode() + b"\t"
                data = self._data
                if at >= 0 and data.startswith(tag, at):
                    parts = data[at + len(tag) : data.find(b"\n", at)].decode().split(" ")
                    rests = parts[0::2]
                    found = (dict(zip(rests, parts[1::2], strict=True)),
                             tuple(sorted(set(map(len, rests)))))
            self._groups[key] = found
        return found

    def _key_index(self, char: str) -> tuple[int, str, str] | None:
        """Where the lines of words starting with ``char`` begin, the second characters of
        their keys and where each key's line is (None: there are none)."""
        k = self._chars.find(char)
        keys = None
        single = _NONE
        if k >= 0:
            data = self._data
            start = self._body + int(self._offsets[6 * k : 6 * k + 6], 16)
            end = data.find(b"\n", start)
            seconds, _, offsets = data[start:end].decode().rpartition(" ")
            keys = (start, seconds, offsets)
            # the one-character word's line, when there is one, follows: "字<TAB> 123"
            tag = char.encode() + b"\t "
            if data.startswith(tag, end + 1):
                single = ({"": data[end + 1 + len(tag) : data.find(b"\n", end + 1)].decode()}, (0,))
        self._keys[char] = keys
        self._groups.setdefault(char, single)  # read here, with the index: no second search
        return keys

    def _single(self, char: str) -> tuple[dict[str, str], tuple[int, ...]]:
        """The one-character word ``char``'s group, read with its index if not read yet."""
        if char not in self._keys:
            self._key_index(char)
        return self._groups.setdefault(char, _NONE)

    def words_in(self, text: str) -> dict[str, int]:
        """Every dictionary word that occurs in ``text``, with its frequency."""
        found: dict[str, str] = {}
        groups, group = self._groups, self._group
        for char in set(text):  # one-character words (read with their character's index)
            rests = (groups.get(char) or self._single(char))[0]
            if rests:
                found[char] = rests[""]
        n = len(text)
        # longer words, by their first two characters (the pairs made in C)
        for i, pair in enumerate(map(add, text, text[1:])):
            rests, lengths = groups.get(pair) or group(pair)
            if rests:
                start = i + 2
                for length in lengths:  # only the lengths some word's rest has
                    j = start + length
                    if j > n:
                        break
                    freq = rests.get(text[start:j])
                    if freq is not None:
                        found[text[i:j]] = freq
        return {w: int(f) for w, f in found.items()}


@cache
def lexicon() -> Lexicon:
    """The shipped dictionary (4.9 MB, read whole: lookups through its two indexes are cheap)."""
    path = resources.files("fjhealth") / "data" / "dict.txt"
    return Lexicon(path.read_bytes())


class NeedCutter:
    """rjieba's precise cut (HMM off) with jieba's dictionary and ``terms``, the dictionary
    loaded by need (see the module's docstring); cuts exactly as the whole dictionary does."""

    def __init__(self, jieba_class: Any, terms: Iterable[tuple[str, int | None]],
                 lex: Lexicon | None = None) -> None:
        self._class = jieba_class
        self._terms = tuple(terms)
        self._lex = lex or lexicon()
        self._tok = jieba_class.empty()
        self._filler = self._lex.total
        self._tok.add_word(FILLER, self._filler, None)
        self._added: set[str] = set()
        self._full: Callable[[str, bool], list[str]] | None = None
        self._cut_chars = 0
        self._add(self._lex.words_in("\n".join(t for t, _ in self._terms)))
        for word, freq in self._terms:
            self._tok.add_word(word, freq, None)
            self._added.add(word)  # a term's frequency is never overwritten by the dictionary's

    def _add(self, found: dict[str, int]) -> None:
        """Add dictionary words not added yet; the filler keeps the total unchanged."""
        add, added = self._tok.add_word, self._added
        new = 0
        for word, freq in found.items():
            if word not in added:
                added.add(word)
                add(word, freq, None)
                new += freq
        if new:
            self._filler -= new
            add(FILLER, self._filler, None)

    def __call__(self, text: str) -> list[str]:
        if self._full is not None:
            return self._full(text, False)
        self._cut_chars += len(text)
        if self._cut_chars > FULL_AFTER or self._lex.groups_read > GROUPS_MAX:
            self.load_all()
            return self(text)
        self._add(self._lex.words_in(text))
        return self._tok.cut(text, False)  # type: ignore[no-any-return]

    def load_all(self) -> None:
        """Build the whole dictionary now (for a corpus; worker processes forked later share it)."""
        if self._full is None:
            tok = self._class()  # jieba's own dictionary, built into the extension
            for word, freq in self._terms:
                tok.add_word(word, freq, None)
            self._full = tok.cut
