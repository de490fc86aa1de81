"""Extractive summaries: whole body sentences, chosen by a ranking, returned in document order.

Sentences are whole sentences: a clause ending "；" is read with the rest of its sentence
("一是…；二是…。"), unless the next opens with a list item's own mark ("❷…"); a quote's
attribution ("“…”村民洪大伯说。") is read with the quote.

Methods:
- "rank" (default): a biased LexRank over jieba content words. Each sentence gets a prior:
  its cosine with the article's TF-IDF centroid (how well it covers the article's keywords),
  a position prior and its cosine with the title. A PageRank over the sentence-similarity
  graph, teleporting by that prior, spreads weight between similar sentences (the longer the
  article, the more: a four-sentence post has no graph worth the name). The rank is scaled by
  a length prior (headline-length sentences first) and a quality check
  (``sentence_quality``: credits, intros, fragments, table rows, field lines, contact lines,
  notice formulas, labelled interview questions, slogans; a news dateline marks the lead) and
  a weight for the sentence's place (``lead``: a news peg, "7月14日，…", near the top is the
  lead, background before it and a feature's quote lede are not, a notice's subject is), then
  sentences are picked greedily with MMR, so near-identical sentences are never both chosen.
  Only candidates are picked: not a credit, caption, fragment, intro, table row, field line,
  contact line, notice formula, labelled question or slogan, nor the title repeated or a
  headline-shaped unfinished tail run on into a paragraph, unless the article has nothing
  else (a budget with room to spare stays unfilled). Each sentence must read on its own
  (``cohesion``): one pointing back ("他表示…", "这是…", "二是…", "但…") is picked only right
  after the one before it, never alone; an opener pointing back ("同时，", "此外，") is
  dropped from the quoted sentence, and so is a news dateline with its credit ("本报讯（记者
  某某）", ``sentence_quality.dateline_end``). The one-sentence pick is the first pick of any longer
  budget. The summary also carries the centroid's heaviest words as keywords.
- "snownlp": SnowNLP's TextRank summary (comma-level fragments mapped back to sentences).
- "lead": the first sentences.

Budget: ``options.sentences`` sentences, or, when ``options.chars`` is set, at most that many
characters in all. The character budget is a hard limit: sentences are taken in rank order
while they fit, so if even the shortest candidate is longer than the budget, the summary is
empty.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from itertools import chain, compress, repeat
from operator import le, mul, neg

from . import segment
from .cohesion import leading_connective, needs_context
from .keywords import TITLE_BOOST, TITLE_ONLY, UnknownMethodError
from .lazyre import lazy_compile
from .lead import lead_weights, opens_next
from .models import Article, Keyword, Sentence, Summary, SummaryOptions
from .sentence_graph import Vector, cosine, counts, mmr_order, pagerank, unit_vector
from .sentence_quality import dateline_end, score
from .summary_units import article_sentences

METHODS = ("rank", "snownlp", "lead")
DEFAULT_OPTIONS = SummaryOptions()

# --- "rank" parameters (tuned on the dev sets with benchmarks/tune_summary.py) -----------
W_CENTROID = 1.0  # cosine with the article's centroid, scaled so the best sentence has 1
W_POSITION = 1.0  # position prior 1 / (1 + index) ** POSITION_DECAY
POSITION_DECAY = 1.0
W_TITLE = 0.5  # cosine with the title (when the article has one)
# A sentence of lower quality (``sentence_quality.quality``: a credit, caption, fragment, table
# row, field line, contact line, notice formula), one that opens what follows
# (``lead.opens_next``: ends "：", "——", "如下。" or "作如下解读。"), the title repeated or a
# paragraph's unfinished tail is never picked while the article has another: a budget with
# room to spare is left unfilled rather than filled with it.
# (An attribution, "…表示。", stays a candidate, scored down: its pattern also meets statements
# ending "传说。"; after a quote it is read with the quote, ``cohesion.ATTRIBUTION_RE``.)
CANDIDATE_QUALITY = 0.25

# --- memory and time bounds: a summary costs O(1) in the article's length past these ------
MAX_SENTENCE_CHARS = 2000  # words of a longer sentence are taken from its start only
SNOWNLP_MAX_SENTENCES = 150  # SnowNLP's TextRank keeps a dense matrix and iterates 200 times
TOP_KEYWORDS = 10

# Whitespace, ignored when sentences are compared for repeats.
_SPACE_RE = lazy_compile(r"\s+")
def _budget_pick(
    order: Iterable[int], texts: Sequence[str], options: SummaryOptions,
    dependent: Collection[int] = (),
) -> list[int]:
    """Indexes taken in preference ``order`` while they fit the budget; repeats are skipped,
    and so is an index in ``dependent`` (a sentence that needs the one before it) unless the
    one before it was taken."""
    limit = options.sentences if options.chars is None else len(texts)
    taken: list[int] = []
    seen: set[str] = set()
    used = 0
    if limit <= 0:
        return taken
    for i in order:
        key = _SPACE_RE.sub("", texts[i])
        if key in seen or (options.chars is not None and used + len(texts[i]) > options.chars):
            continue
        if i in dependent and (not taken or i - 1 not in taken):
            continue
        seen.add(key)
        taken.append(i)
        used += len(texts[i])
        if len(taken) >= limit:
            break
    return taken


def _summary(
    article: Article,
    texts: Sequence[str],
    chosen: Sequence[int],
    scores: Sequence[float],
    method: str,
    keywords: tuple[Keyword, ...] = (),
) -> Summary:
    """A Summary of the chosen sentences, in document order."""
    sentences = tuple(Sentence(texts[i], i, round(scores[i], 6)) for i in sorted(chosen))
    return Summary(article.id, article.title, sentences, method, keywords)


# ------------------------------------------------------------------------------ "rank"


# Each word met lately: its jieba IDF when it is a content word (``segment.is_content_word``),
# 0.0 when it is not (IDFs are positive). One lookup a word serves both the filter and the
# IDF, in a table of a few thousand words that the CPU's cache keeps, where the judged-word
# sets and the whole IDF table (270,000 words) mostly miss it.
_VOCAB: dict[str, float] = {}
_VOCAB_MAX = 1 << 17  # words remembered before the table starts afresh


def _content_words(texts: Iterable[str]) -> tuple[list[list[str]], list[list[str]]]:
    """``segment.content_words`` of each text, every word's IDF (0.0: not a content word) put
    into ``_VOCAB`` on the way: the article's new words are found by one set difference and
    judged together, and each text is filtered by ``filter`` (both loops in C). Also each
    text's whole cut."""
    cuts = [segment.words(text) for text in texts]
    vocab = _VOCAB
    new = set(chain.from_iterable(cuts)).difference(vocab)
    if new:
        if len(vocab) + len(new) > _VOCAB_MAX:
            vocab.clear()
            new = set(chain.from_iterable(cuts))
        general, unknown = segment.general_idf()
        is_content = segment.is_content_word
        for w in new:
            vocab[w] = general.get(w, unknown) if len(w) > 1 and is_content(w) else 0.0
    return [list(filter(vocab.get, words)) for words in cuts], cuts


def _top_words(tf: dict[str, int], idf: dict[str, float]) -> list[str]:
    """The ``TOP_KEYWORDS`` first words by (-tf[w] * idf[w], w), all in C: the keys by map;
    only the words whose key reaches the tenth smallest (ties included) are sorted with their
    key, ~30% fewer instructions than sorting every (key, word) pair (equal keys are common:
    every word jieba's IDF table lacks has the same IDF, and they are then told apart by the
    word, a string comparison)."""
    keys = list(map(mul, map(neg, tf.values()), map(idf.__getitem__, tf)))
    if not keys:
        return []
    keep = list(map(le, keys, repeat(sorted(keys)[min(len(keys), TOP_KEYWORDS) - 1])))
    ranked = sorted(zip(compress(keys, keep), compress(tf, keep), strict=True))
    return [w for _, w in ranked[:TOP_KEYWORDS]]


def _sentence_words(
    parts: Sequence[tuple[str, ...]], title: str
) -> tuple[list[list[str]], list[str], list[list[str]]]:
    """Content words of each sentence (of its pieces, ``MAX_SENTENCE_CHARS`` characters of
    them at most) and of the title, and the whole cut of each sentence's first piece."""
    if max(map(len, parts), default=1) == 1:  # no sentence of several pieces: the common case
        found, cuts = _content_words([*(unit[0][:MAX_SENTENCE_CHARS] for unit in parts), title])
        title_words = found.pop()
        cuts.pop()
        return found, title_words, cuts
    pieces: list[str] = []
    owner: list[int] = []
    for i, unit in enumerate(parts):
        room = MAX_SENTENCE_CHARS
        for piece in unit:
            pieces.append(piece[:room])
            owner.append(i)
            room -= len(piece)
            if room <= 0:
                break
    found, cuts = _content_words([*pieces, title])
    title_words = found.pop()
    cuts.pop()
    words: list[list[str]] = [[] for _ in parts]
    firsts: list[list[str]] = [[] for _ in parts]
    last = -1
    for i, ws, cut in zip(owner, found, cuts, strict=True):
        if i != last:
            firsts[i], last = cut, i
        words[i] += ws
    return words, title_words, firsts


def _rank_scores(
    article: Article, texts: list[str], weak: set[int], parts: Sequence[tuple[str, ...]],
    opening: Collection[int],
) -> tuple[list[float], list[Vector], tuple[Keyword, ...], list[int], set[int], list[str]]:
    """Score of each sentence, the sentences' TF-IDF vectors, the article's keywords, the
    candidates (the indexes of sentences of ``CANDIDATE_QUALITY`` or more that are not
    ``weak``, open nothing that follows and repeat neither the title nor a subtitle; every
    index when there are none), the dependent candidates: those that need the one before them
    to be understood (``cohesion.needs_context``, past their opener), and the sentences as
    quoted: a candidate without its opener pointing back (``cohesion.leading_connective``)."""
    words, title_words, firsts = _sentence_words(parts, article.title)
    idf = _VOCAB  # every content word of the article is there, with its IDF
    tf = Counter(chain.from_iterable(words))
    vectors = [unit_vector(counts(ws), idf) for ws in words]
    centroid = unit_vector(tf, idf)
    title = unit_vector(counts(title_words), idf)

    central = [cosine(v, centroid) for v in vectors]
    top = max(central) or 1.0
    prior = [
        W_CENTROID * c / top
        + W_POSITION / (1 + i) ** POSITION_DECAY
        + W_TITLE * cosine(v, title)
        for i, (v, c) in enumerate(zip(vectors, central, strict=True))
    ]
    total = sum(prior)
    prior = [p / total for p in prior]
    rank = pagerank(prior, vectors)
    scores, quality = map(list, zip(*map(score, rank, texts), strict=True))
    scores = list(map(mul, scores, lead_weights(texts, opening, quality)))
    heads = {"".join(h.split()) for h in (article.title, *article.subtitles) if h}
    longest = 2 * max(map(len, heads), default=0)  # a longer sentence repeats no head
    candidates = [i for i, q in enumerate(quality) if q >= CANDIDATE_QUALITY and i not in weak
                  and not opens_next(texts[i])
                  and not (len(texts[i]) <= longest and "".join(texts[i].split()) in heads)]

    candidates = candidates or list(range(len(texts)))
    shown = texts[:]
    dependent: set[int] = set()
    for i in candidates:
        trim = leading_connective(texts[i]) or (quality[i] > 1 and dateline_end(texts[i]))
        if trim:
            shown[i] = texts[i][trim:]
        if needs_context(firsts[i], trim):
            dependent.add(i)

    held = set(tf)
    for w in title_words:
        tf[w] += TITLE_BOOST if w in held else TITLE_ONLY
    best = _top_words(tf, idf)
    keywords = tuple(Keyword(w, round(tf[w] * idf[w] / (tf[best[0]] * idf[best[0]]), 6))
                     for w in best)
    return scores, vectors, keywords, candidates, dependent, shown


def _pick_order(
    candidates: list[int], scores: Sequence[float], vectors: Sequence[Vector],
    dependent: Collection[int],
) -> Iterator[int]:
    """The candidates in MMR pick order (``sentence_graph.mmr_order``), a dependent sentence
    waiting for the one before it (never picked when that one is no candidate)."""
    after: dict[int, int] = {}
    if dependent:
        kept: dict[int, int] = {}  # candidate -> its place among those kept (in index order)
        for i in candidates:
            if i not in dependent or i - 1 in kept:
                kept[i] = len(kept)
        candidates = list(kept)
        after = {kept[i]: kept[i - 1] for i in dependent if i in kept}
    picks = mmr_order([scores[i] for i in candidates], [vectors[i] for i in candidates], after)
    return map(candidates.__getitem__, picks)


def _summarize_rank(
    article: Article, texts: list[str], weak: set[int], parts: Sequence[tuple[str, ...]],
    opening: Collection[int], options: SummaryOptions,
) -> Summary:
    """fjhealth's own ranking (see the module docstring). A sentence is quoted without its
    opener pointing back (``cohesion.leading_connective``) or its dateline and credit
    (``sentence_quality.dateline_end``)."""
    scores, vectors, keywords, candidates, dependent, shown = _rank_scores(
        article, texts, weak, parts, opening
    )
    chosen = _budget_pick(_pick_order(candidates, scores, vectors, dependent), shown, options,
                          dependent)
    if not chosen and dependent:  # nothing reads on its own: take what there is
        chosen = _budget_pick(_pick_order(candidates, scores, vectors, ()), shown, options)
    return _summary(article, shown, chosen, scores, "rank", keywords)


# ------------------------------------------------------------------- "snownlp", "lead"


def _summarize_snownlp(article: Article, texts: list[str], options: SummaryOptions) -> Summary:
    """SnowNLP's TextRank over comma-level fragments, each mapped to its whole sentence."""
    order: list[int] = []
    if len(texts) > 1:
        from snownlp import SnowNLP

        doc = SnowNLP("\n".join(texts[:SNOWNLP_MAX_SENTENCES]))
        try:
            fragments = doc.summary(len(doc.sentences))
        except ZeroDivisionError:  # snownlp divides by the fragment count and by word counts
            fragments = []
        for fragment in fragments:
            i = next((k for k, t in enumerate(texts) if fragment and fragment in t), None)
            if i is not None and i not in order:
                order.append(i)
    order += [i for i in range(len(texts)) if i not in order]
    scores = [0.0] * len(texts)
    for rank, i in enumerate(order):
        scores[i] = 1 / (1 + rank)
    return _summary(article, texts, _budget_pick(order, texts, options), scores, "snownlp")


def _summarize_lead(article: Article, texts: list[str], options: SummaryOptions) -> Summary:
    """The first sentences."""
    chosen = _budget_pick(range(len(texts)), texts, options)
    return _summary(article, texts, chosen, [1 / (1 + i) for i in range(len(texts))], "lead")


def summarize(article: Article, options: SummaryOptions = DEFAULT_OPTIONS) -> Summary:
    """Summarize one article by extracting whole body sentences.

    Args:
        article: a cleaned article (``clean.clean_text``); only its paragraphs are extracted.
        options: the budget (sentences, or characters when ``chars`` is set) and the method.

    Returns:
        The chosen sentences in document order (empty for an article without sentences).
    """
    runners = {"snownlp": _summarize_snownlp, "lead": _summarize_lead}
    if options.method not in METHODS:
        raise UnknownMethodError(
            f"unknown summary method {options.method!r}: use one of {', '.join(METHODS)}"
        )
    texts, weak, parts, opening = article_sentences(article)
    if not texts:
        return Summary(article.id, article.title, (), options.method)
    if options.method == "rank":
        return _summarize_rank(article, texts, weak, parts, opening, options)
    return runners[options.method](article, texts, options)
