"""The article's title, chosen by agreement with its body.

Candidates are headline-shaped lines above the body (and the title the format's metadata names),
each also cut at site separators ("标题_XX网", "标题 - XX市人民政府"), since a page's <title>
carries the site's name. Each candidate is scored by a logistic model fitted on the development
pages (``benchmarks/fit_flow.py``): how many of its character pairs the body shares, how close it
sits above the body, whether the page repeats it, its length, and whether it looks like a menu or
footer. The best candidate wins when its score is credible; otherwise the article has no title.
Pure, no I/O beyond the weights file.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .lines import FOOTER_RE, HAN_RE, SEPARATOR_RE
from .models import Line

# Separators between a headline and a site or channel name in a <title> or page heading.
_SITE_SEP_RE = re.compile(r"\s*(?:[_|｜]|\s[-–—－]\s|——|--|[-－](?=[^-－]{2,12}$))\s*")
# Candidates are looked for this many lines above the body's first line, and this far into it.
LOOK_ABOVE = 40
LOOK_INTO = 2
# Shortest and longest credible titles (non-space characters).
MIN_TITLE, MAX_TITLE = 2, 64
# Below this probability the best candidate is not credible: the article is untitled.
MIN_PROBABILITY = 0.05

TITLE_FEATURES = (
    "bias",
    "agreement",
    "coverage",
    "log_len",
    "above",
    "inside",
    "repeated",
    "metadata",
    "heading",
    "piece",
    "body_score",
    "sentence_end",
    "clauses",
    "separators",
    "short_tokens",
    "footer",
    "digits",
    "first_line",
)


@dataclass(frozen=True, slots=True)
class Candidate:
    text: str
    line: int  # index of the line it comes from; -1 for a metadata title
    features: tuple[float, ...]
    core: str = ""  # the text without a site or channel name, when it carries one


@cache
def weights() -> list[float]:
    data = json.loads((resources.files("fjhealth") / "data" / "titles.json").read_text("utf-8"))
    if data["features"] != list(TITLE_FEATURES):
        raise RuntimeError("fjhealth/data/titles.json does not match this version's features")
    return list(data["weights"])


def _bigrams(text: str) -> set[str]:
    han = "".join(HAN_RE.findall(text))
    return {han[i : i + 2] for i in range(len(han) - 1)} or set(han)


def _pieces(text: str) -> list[str]:
    """The text and, when it holds site separators, each separated part."""
    parts = [p.strip() for p in _SITE_SEP_RE.split(text) if p.strip()]
    return [text, *parts] if len(parts) > 1 else [text]


def _short_tokens(text: str) -> float:
    """Share of space-separated tokens of at most four characters (a menu: "最新军情 军事评论")."""
    tokens = text.split()
    return sum(len(t) <= 4 for t in tokens) / len(tokens) if len(tokens) >= 3 else 0.0


def _shape_ok(text: str) -> bool:
    """Title-sized, with Han characters, not a deck (a deck opens with a dash: "——论…"), not a
    sentence (a headline never ends with a full stop)."""
    n = len(text) - text.count(" ")
    return (MIN_TITLE <= n <= MAX_TITLE and bool(HAN_RE.search(text))
            and not text.startswith(("—", "-", "－")) and text[-1] not in "。；;")


def candidates(
    lines: Sequence[Line], body_start: int, body_lines: Sequence[str], scores: Sequence[float],
    metadata_titles: Sequence[str] = (), skip: Callable[[str], bool] = lambda t: False,
) -> list[Candidate]:
    """Every title candidate of a page with its features (``TITLE_FEATURES`` order).

    Agreement is measured against the body without the candidate's own line; lines ``skip``
    rejects (bylines, source and date lines) are never candidates.
    """
    pair_counts: Counter[str] = Counter()
    for text in body_lines:
        pair_counts.update(_bigrams(text))
    page = "\n".join(ln.text for ln in lines)
    sources: list[tuple[str, int, bool]] = [(t, -1, False) for t in metadata_titles]
    for i in range(max(0, body_start - LOOK_ABOVE), min(len(lines), body_start + LOOK_INTO)):
        sources.append((lines[i].text, i, False))
    out: list[Candidate] = []
    seen: set[tuple[str, int]] = set()
    for text, i, _ in sources:
        own = _bigrams(lines[i].text) if i >= 0 and lines[i].text in body_lines else set()

        def agree(piece: str, own: set[str] = own) -> int:
            return sum(1 for g in _bigrams(piece) if pair_counts[g] > (g in own))

        pieces = _pieces(text)
        core = max(pieces[1:], key=lambda x: (agree(x), len(x)), default=text)
        for k, piece in enumerate(pieces):
            if not _shape_ok(piece) or (piece, i) in seen or skip(piece):
                continue
            seen.add((piece, i))
            grams = _bigrams(piece)
            hits = agree(piece)
            shared = hits / max(len(grams), 1)
            n = len(piece) - piece.count(" ")
            ln = lines[i] if i >= 0 else None
            out.append(Candidate(piece, i, (
                1.0,
                shared,
                min(hits / 12, 1.0),
                math.log1p(n),
                math.log1p(body_start - i) if 0 <= i < body_start else 0.0,
                float(i >= body_start),
                float(page.count(piece) > 1),
                float(i < 0),
                float(ln is not None and ln.tag[:1] == "h"),
                float(k > 0),
                scores[i] if i >= 0 else 0.0,
                float(piece.rstrip("”’」』）)")[-1:] in "。；;，,"),
                float(piece.count("，") + piece.count(",")),
                min(len(SEPARATOR_RE.findall(piece)) * 10 / n, 3.0),
                _short_tokens(piece),
                float(bool(FOOTER_RE.search(piece))),
                sum(c.isdigit() for c in piece) / n,
                shared if i == 0 else 0.0,  # the page's first line, as far as the body agrees
            ), core if k == 0 and _shape_ok(core) else piece))
    return out


def probability(c: Candidate, w: Sequence[float] | None = None) -> float:
    w = weights() if w is None else w
    z = sum(a * b for a, b in zip(w, c.features, strict=True))
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def choose_title(cands: Sequence[Candidate]) -> Candidate | None:
    """The most credible candidate, or None when none is credible."""
    if not cands:
        return None
    w = weights()
    best = max(cands, key=lambda c: probability(c, w))
    return best if probability(best, w) >= MIN_PROBABILITY else None
