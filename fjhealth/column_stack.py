"""Two articles under headlines stacked at the top of one body: the body split where it turns.

A page may print the headlines of two articles one under the other above a body that holds
both, with no byline or dateline where the second begins. Each headline's character pairs
then show where its article lies: the first headline's pairs are used before the turn and
hardly after it, the second's after it and hardly before. The body is split at the paragraph
break where both agree best with their own part and least with the other one. A second
headline printed where its article begins, with no byline under it, is told from a section
head the same way (``topic_turn``). Pure; the
thresholds are fitted with the other column thresholds (``fjhealth/data/column.json``).
"""

from __future__ import annotations

from . import column_lines as L
from .column_mend import Run
from .text import is_complete, nonspace_len
from .units import Draft, bigrams

# How a headline candidate hangs on the one before it: not at all, as the next line of the same
# display run (a broken headline), or as the next phrase of the same printed line.
APART, NEXT_LINE, SAME_LINE = 0, 1, 2
# How many headline candidates of one group are tried (a bound: the work stays linear).
MAX_CANDIDATES = 8


def _reach(grams: set[str], blocks: list[set[str]]) -> tuple[list[int], list[int]]:
    """For each pair of a headline, the first and the last block that uses it (-1: none)."""
    first, last = [], []
    for g in grams:
        hits = [k for k, b in enumerate(blocks) if g in b]
        first.append(hits[0] if hits else -1)
        last.append(hits[-1] if hits else -1)
    return first, last


def split_point(d: Draft, lead: list[str], ties: list[int]) -> tuple[int, int] | None:
    """(block index where the second article begins, index of its headline in ``lead``) when
    two headlines of ``lead`` each agree with a part of the body and not with the other; the
    second opens a printed line (two phrases of one line are one headline)."""
    p = L.params()
    cands = [i for i, x in enumerate(lead) if not L.is_deck(x) and len(x) <= p["title_max"]
             and bigrams(x) and ties[i] != SAME_LINE][:MAX_CANDIDATES]
    if len(cands) < 2 or len(d.blocks) < 2:
        return None
    blocks = [bigrams(b.text) for b in d.blocks]
    reach = {i: _reach(bigrams(lead[i]), blocks) for i in cands}
    splits = _splits(d)
    least, ratio = p["lead_agreement"], p["stack_ratio"]
    best: tuple[float, int, int] | None = None
    for x in cands:
        for y in (c for c in cands if c > x):
            (fx, lx), (fy, ly) = reach[x], reach[y]
            for s in splits:
                own_x = sum(0 <= f < s for f in fx) / len(fx)
                own_y = sum(v >= s for v in ly) / len(ly)
                cross_x = sum(v >= s for v in lx) / len(lx)
                cross_y = sum(0 <= f < s for f in fy) / len(fy)
                if (min(own_x, own_y) >= least and cross_x <= ratio * own_x
                        and cross_y <= ratio * own_y):
                    score = own_x + own_y - cross_x - cross_y
                    if best is None or score > best[0]:
                        best = (score, s, y)
    return None if best is None else (best[1], best[2])


def _splits(d: Draft) -> list[int]:
    """The paragraph breaks a body may hold two articles at: after a sentence end, each side
    long enough for an article."""
    sizes = [len(b.text) for b in d.blocks]
    least = L.params()["min_article"]
    return [s for s in range(1, len(sizes)) if is_complete(d.blocks[s - 1].text)
            and d.blocks[s].kind == "paragraph" and min(sum(sizes[:s]), sum(sizes[s:])) >= least]


def turn_point(d: Draft, lead: list[str]) -> tuple[int, int] | None:
    """(block index where the second article begins, index of its first headline line in
    ``lead``) when the lines above the body hold two headline groups, each a headline over its
    deck, and no headline's words tell where each article lies (interviews headed by the
    speakers' names and posts): the paragraph break where the text before and the text after
    share the fewest character pairs, as a share of the smaller side's."""
    decks = [i for i, x in enumerate(lead) if L.is_deck(x)]
    y = next((i for i in range(decks[0] + 1, decks[-1]) if not L.is_deck(lead[i])), None) \
        if len(decks) >= 2 else None
    splits = _splits(d) if y is not None else []
    if not splits:
        return None
    grams = [bigrams(b.text) for b in d.blocks]
    before, after = [set()], [set()]
    for g, h in zip(grams, grams[::-1], strict=True):
        before.append(before[-1] | g)
        after.append(after[-1] | h)
    n = len(grams)

    def shared(s: int) -> float:
        a, b = before[s], after[n - s]
        return len(a & b) / max(min(len(a), len(b)), 1)

    return min(splits, key=shared), y


def split_stacked(built: list[tuple[Draft, list[str], list[int]]]
                  ) -> list[tuple[Draft, list[str], list[int]]]:
    """Articles (draft, headline candidates above it, their ties) with each body that holds two
    stacked articles split in two; the second takes the headlines from its own on."""
    out = []
    for d, lead, ties in built:
        found = split_point(d, lead, ties) or turn_point(d, lead)
        if found is None:
            out.append((d, lead, ties))
            continue
        s, y = found
        second = Draft(blocks=d.blocks[s:])
        d.blocks = d.blocks[:s]
        out += [(d, lead[:y], ties[:y]), (second, lead[y:], [APART, *ties[y + 1 :]])]
    return out


# A headline whose article the page's words stop using: its own headline agrees at least this
# well with the text above, and at most ``TOPIC_AFTER`` with the text below, as the heading does
# with the text above it (a section head sits inside an article that keeps using its
# headline's words further down).
TOPIC_BEFORE = 0.5
TOPIC_AFTER = 0.15
# How many characters of prose above and below a heading are compared (a bound: a page of many
# headings is still read in linear time).
TOPIC_WINDOW = 2000


def topic_turn(runs: list[Run], k: int, seg: list[Run], body: int) -> bool:
    """Whether display run ``k``, after ``body`` characters of prose of the article whose
    runs so far are ``seg``, heads another article: the words of that article's headline (a
    display line above its body) are used above the heading and hardly below it, and the
    heading's own are hardly used above it and more under it (up to the next heading). A second
    article's headline with no byline, dateline or deck under it."""
    r, p = runs[k], L.params()
    if r.kind != "display" or L.is_deck(r.text) or body < p["min_article"] \
            or nonspace_len(r.text) > p["title_max"]:
        return False
    first = next(i for i, x in enumerate(seg) if x.kind == "para")  # (body: there is one)
    lead = [x.text for x in seg[:first] if x.kind == "display"]
    if not lead or k + 1 >= len(runs) or runs[k + 1].kind != "para":
        return False
    before = bigrams(_prose(seg[::-1], backwards=True))
    after = bigrams(_prose(runs[k + 1 :]))
    under = bigrams(_prose(runs[k + 1 :], to_heading=True))

    def share(text: str, grams: set[str]) -> float:
        own = bigrams(text)
        return len(own & grams) / len(own) if own else 0.0

    return max(share(x, before) for x in lead) >= TOPIC_BEFORE \
        and max(share(x, after) for x in lead) <= TOPIC_AFTER \
        and share(r.text, under) > share(r.text, before) <= TOPIC_AFTER


def _prose(runs: list[Run], to_heading: bool = False, backwards: bool = False) -> str:
    """The text of the paragraphs among ``runs`` (up to the first display run when
    ``to_heading``), up to ``TOPIC_WINDOW`` characters; ``backwards``: the runs come last
    first, and the text is the window's last characters."""
    out, n = [], 0
    for x in runs:
        if n >= TOPIC_WINDOW or (to_heading and x.kind == "display"):
            break
        if x.kind == "para":
            out.append(x.text)
            n += len(x.text)
    if backwards:
        return "".join(out[::-1])[-TOPIC_WINDOW:]
    return "".join(out)[:TOPIC_WINDOW]
