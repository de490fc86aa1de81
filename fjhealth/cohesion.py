"""Does a sentence read on its own? A summary quotes sentences away from their neighbours (users
paste summaries elsewhere), so a sentence whose meaning lies in the one before it is no summary.

- ``leading_connective``: a connective pointing back, then its comma, opening the sentence
  ("同时，", "此外，", "因此，", "最后，"), or a reporting verb left by a byline cut off
  before it ("获悉，"): the sentence reads on its own without it, so the summary drops it.
- ``needs_context``: the sentence (once such a connective is dropped) opens with a word pointing
  back: a pronoun or demonstrative ("他表示", "该院", "这是", "上述", "其中"), an enumeration's
  later item ("二是", "其次"), a connective without its comma ("但事情还有另一面", "而在…",
  "并表示", "也正因如此"), a time told relative to the text ("当天", "此后") or a preposition
  governing a demonstrative ("通过该原则，", "在这种情况下"). Judged on the
  sentence's first word as jieba cuts it, so "并购", "也门", "就业" or "其实" open a sentence
  freely, as do "又" ("又一位…", a lead) and "就" ("就…而言"). Sentences opening "据悉，" or
  "据介绍，" keep that attribution: it tells whose claim follows and points back to nothing.
- ``ATTRIBUTION_RE``: a short sentence that only names who spoke the quote before it
  ("“……太方便了。”68岁的村民洪大伯说。"): read with that quote, never alone.
- ``ITEM_RE``: a list item's own mark ("❷", "2、", "（3）"): an item so marked reads on its
  own, where an item told only by its place in a sentence ("二是…") does not.

>>> leading_connective("与此同时，千户企业长期借款增幅较大。")
5
>>> needs_context(["他", "说", "，", "必须"]), needs_context(["并购", "活动"])
(True, False)
>>> needs_context(["对此", "，", "他", "表示"], skip=3)
True
"""

from __future__ import annotations

from collections.abc import Sequence

from .lazyre import lazy_compile

# A list item's mark opening a piece: a circled or parenthesised number, or a number and its
# mark ("1、", "2．", "3)", "（四）", "五、").
ITEM_RE = lazy_compile(
    r"[❶-❿➀-➓①-⑳⑴-⒇⒈-⒛㈠-㈩]|\d{1,2}(?:[、)）]|[.．](?!\d))"
    r"|[（(][\d一二三四五六七八九十]{1,2}[)）]|[一二三四五六七八九十]{1,2}、"
)
# Who said the quote just before: a name or description, no clause mark, then a verb of
# saying and the sentence's end ("68岁的村民洪大伯说。", "院长陈铭表示。").
ATTRIBUTION_RE = lazy_compile(
    r"[^，。！？；：,;:“”]{1,24}(?:说|表示|指出|介绍|强调|认为|称|坦言|感慨|告诉记者)[。！]$"
)
QUOTE_ENDS = ("”", "」", "』")
# Openers dropped with their comma: backward connectives, and "获悉" (a byline cut off before it).
TRIMMED = frozenset(
    "同时 与此同时 此外 另外 另 除此之外 除此以外 不仅如此 而且 并且 再者 还有 对此 为此 因此 "
    "因而 所以 但是 但 然而 不过 可是 于是 随后 此后 之后 其后 后来 接着 当然 同样 那么 而 "
    "事实上 实际上 另一方面 总之 总的来说 总而言之 其次 再次 最后 第二 第三 第四 第五 获悉 "
    "另悉 另据悉 又悉".split()
)
_COMMAS = ("，", ",")
_LONGEST_TRIMMED = max(map(len, TRIMMED))
# First words (jieba's cut) that point back to an earlier sentence.
BACKREF = frozenset(
    "他 她 它 他们 她们 它们 其 其中 其余 其后 其次 其一 其二 其三 其四 上述 前述 以上 前者 "
    "后者 对方 双方 二者 两者 而 但 但是 并 也 还 还有 还要 却 则 且 亦 即 否则 因此 所以 然而 "
    "不过 可是 于是 从而 进而 因而 同样 同时 另外 另 对此 为此 据此 由此 如此 例如 比如 譬如 "
    "次日 翌日 当天 当日 当晚 当夜 当时 同日 同月 同年 次年 随后 之后 后来 接着 然后 并且 而且 "
    "与此同时 除此之外 除此以外 不仅如此 再者 况且 何况 相反 反之 总之 总而言之 换言之 "
    "也就是说 另一方面 二 三 四 五 六 七 八 九".split()
)
# Every word jieba cuts opening with one of these points back ("这些", "这天", "此次", "该院",
# "那种").
BACKREF_HEADS = ("这", "此", "该", "那")
# An enumeration's later item opens with one of those numerals and "是" ("二是"); a bare numeral
# opening a sentence otherwise ("三名患者…") points back to nothing.
_NUMERALS = frozenset("二三四五六七八九")
# A preposition opening the sentence, then within ``_LEAD_WORDS`` words one pointing back.
_PREPOSITIONS = frozenset(
    "通过 在 对 对于 关于 根据 按照 依照 依据 针对 围绕 基于 经过 随着 为了 除了 从 自 由 与 和 向 "
    "就 凭借 借助 结合".split()
)
_POINTERS = frozenset(("其", "上述", "前述", "以上", "他", "她", "它", "他们", "她们", "它们"))
_LEAD_WORDS = 2
# "那" or "那么" before a question word is "so", asking afresh ("那为什么屏幕越做越大呢？").
_SO = frozenset(("那", "那么"))
_ASKING = ("为什么", "为何", "怎么", "怎样", "如何", "什么", "哪", "谁", "是否", "能否", "有没有")


def leading_connective(text: str) -> int:
    """Characters of a ``TRIMMED`` opener with its comma opening ``text`` (0: none)."""
    for comma in _COMMAS:
        cut = text.find(comma, 0, _LONGEST_TRIMMED + 1)
        if cut > 0 and text[:cut] in TRIMMED:
            return cut + 1
    return 0


def needs_context(words: Sequence[str], skip: int = 0) -> bool:
    """True when the first of ``words`` (a sentence's jieba cut) past its first ``skip``
    characters (a dropped opener, ``leading_connective``) is one of ``BACKREF`` (a numeral
    only when "是" follows it, "那" not before a question word) or opens with one of
    ``BACKREF_HEADS``, or is a preposition with such a word or a pronoun among the next
    ``_LEAD_WORDS`` ("通过该原则，…", "在他的带领下，…")."""
    at = 0
    while skip > 0 and at < len(words):
        skip -= len(words[at])
        at += 1
    if at >= len(words):
        return False
    word = words[at]
    if word in _SO and words[at + 1 : at + 2] and words[at + 1].startswith(_ASKING):
        return False
    if word.startswith(BACKREF_HEADS):
        return True
    if word not in BACKREF:
        # a demonstrative just after a preposition ("通过该原则，", "在这种情况下", "按照上述要求")
        lead = words[at + 1 : at + 1 + _LEAD_WORDS]
        return word in _PREPOSITIONS and any(
            w.startswith(BACKREF_HEADS) or w in _POINTERS for w in lead
        )
    return word not in _NUMERALS or words[at + 1 : at + 2] == ["是"]
