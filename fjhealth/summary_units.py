"""A summary's sentences: the splitter's pieces (``segment.split_sentences``, which keywords and the
search index read) grouped into whole sentences that read on their own, with what the layout
says of them (a paragraph's unfinished tail, a caption, a paragraph's opening). Used by
``fjhealth.summarize``.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import patterns as P
from . import segment
from .cohesion import ATTRIBUTION_RE, ITEM_RE, QUOTE_ENDS
from .models import Article
from .sentence_quality import ENDED

MAX_SENTENCES = 2000  # only an article's first sentences are considered (news: ~10-200)
# A photo caption's mark opening a one-sentence paragraph ("▲医生为村民检查身体。").
_CAPTION_MARKS = ("▲", "△")
# A paragraph's unfinished tail of a headline's shape (this many characters at most, no clause
# mark) after a finished sentence is a display line run on into it, not the start of one more
# sentence (a longer tail is a text cut short, still the article's words).
TAIL_CHARS = 24
_CLAUSE_MARKS = ("，", "、", "：", ",", ":")
_CLAUSE_ENDS = ("；", ";")  # a clause of a longer sentence ends so
_JOINERS = (*_CLAUSE_ENDS, *QUOTE_ENDS)  # a paragraph without these is cut by the splitter alone


def sentence_units(paragraph: str, pieces: Sequence[str]) -> list[tuple[str, ...]]:
    """The splitter's pieces of one paragraph grouped into whole sentences: a clause ending
    "；" runs on into the next piece (a list's item, "一是…；二是…；", is read in its
    sentence, never alone) unless that one opens with an item's own mark ("❷…", "2、…":
    items that read alone, each its own sentence); a quote's attribution after it ("“…。”
    村民洪大伯说。") joins the quote; a paragraph's last piece ends the last group whatever
    its end. (A paragraph with neither a semicolon nor a closing quote, most, is cut as is.)"""
    if not any(map(paragraph.__contains__, _JOINERS)):
        return [(piece,) for piece in pieces]
    units: list[tuple[str, ...]] = []
    run: list[str] = []
    for k, piece in enumerate(pieces):
        if (units and not run and units[-1][-1].endswith(QUOTE_ENDS)
                and ATTRIBUTION_RE.fullmatch(piece)):
            units[-1] += (piece,)  # who said the quote before: read with it
            continue
        run.append(piece)
        if not piece.rstrip(P.CLOSERS).endswith(_CLAUSE_ENDS) or (
            k + 1 < len(pieces) and ITEM_RE.match(pieces[k + 1])
        ):
            units.append(tuple(run))
            run = []
    if run:
        units.append(tuple(run))
    return units


def article_sentences(
    article: Article,
) -> tuple[list[str], set[int], list[tuple[str, ...]], set[int]]:
    """Body sentences of the article (title, subtitles and captions are not body), clauses
    ending "；" joined to the rest of their sentence (``sentence_units``); a sentence's index
    in this list is its ``Sentence.index``. Also the indexes of the weak ones the layout shows: the
    unfinished tail of a paragraph after a finished sentence, of a headline's shape (a
    headline or a caption run on into it), and a one-sentence paragraph opening with a
    caption mark; and each sentence's pieces as the splitter cut them (their words are cut
    piece by piece, as the search index cuts them), and the indexes of those opening a
    paragraph."""
    texts: list[str] = []
    weak: set[int] = set()
    parts: list[tuple[str, ...]] = []
    opening: set[int] = set()
    for paragraph in article.paragraphs:
        units = sentence_units(paragraph, segment.split_sentences(paragraph))
        opening.add(len(texts))
        parts += units
        texts += map("".join, units)
        tail = texts[-1] if len(units) > 1 else ""
        if (tail and len(tail) <= TAIL_CHARS and not tail.rstrip(P.CLOSERS).endswith(ENDED)
                and not any(map(tail.__contains__, _CLAUSE_MARKS))):
            weak.add(len(texts) - 1)
        elif len(units) == 1 and texts[-1].startswith(_CAPTION_MARKS):
            weak.add(len(texts) - 1)
        if len(texts) >= MAX_SENTENCES:
            break
    del texts[MAX_SENTENCES:], parts[MAX_SENTENCES:]
    return texts, weak, parts, opening
