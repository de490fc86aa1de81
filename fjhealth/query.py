"""Search queries: the text a user types -> a small boolean tree (pure, no I/O).

Plain words (``医共体 医保``) form a *ranked* query: the best matches come first and an article
need not hold every word, so a half-remembered headline still finds its article. A query with
operators is *boolean*: ``"分级诊疗"`` (a phrase), ``AND`` (or a space between operands: every
one required), ``OR`` (binds tighter than AND), ``NOT x`` / ``-x`` (excluded), parentheses
for grouping. Operators are written in capitals, as in SQLite FTS5 and most search boxes;
anything else is text.

>>> q = parse_query("医共体 医保")
>>> q.ranked, [t.text for t in q.terms()]
(True, ['医共体', '医保'])
>>> q = parse_query('"分级诊疗" OR 医联体 -医保')
>>> q.ranked, [(t.text, t.phrase) for t in q.terms()]
(False, [('分级诊疗', True), ('医联体', False)])
>>> isinstance(q.root.items[-1], Not)
True
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .errors import FjhealthError

# Tokens of the query language: a quoted phrase (closing quote optional, ASCII or CJK quotes),
# parentheses, or a run of anything else but whitespace and those marks.
_TOKEN_RE = re.compile(r'"([^"]*)"?|“([^”]*)”?|([()（）])|([^\s"“”()（）]+)')
OPERATORS = frozenset({"AND", "OR", "NOT"})
# A byte of the command line that is no UTF-8 arrives as a lone surrogate ("\udcff"), which
# SQLite refuses; it is read as U+FFFD, a character no article holds.
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def no_surrogates(text: str) -> str:
    """``text`` with lone surrogates replaced by U+FFFD.

    >>> no_surrogates("\\udcff医保") == "\\ufffd医保"
    True
    """
    return _SURROGATE_RE.sub("\ufffd", text)


class QueryError(FjhealthError):
    """A query that cannot be searched (empty, or nothing but exclusions)."""


@dataclass(frozen=True, slots=True)
class Term:
    """A word or, with ``phrase``, a quoted phrase."""

    text: str
    phrase: bool = False


@dataclass(frozen=True, slots=True)
class All:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Any:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    item: Node


Node = Term | All | Any | Not


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query; ``ranked`` when it has no operator (no clause is required)."""

    root: Node
    ranked: bool

    def terms(self) -> tuple[Term, ...]:
        """The wanted (not excluded) terms, in query order, each once."""
        return tuple(dict.fromkeys(_wanted(self.root)))


def _wanted(node: Node) -> Iterator[Term]:
    if isinstance(node, Term):
        yield node
    elif isinstance(node, All | Any):
        for item in node.items:
            yield from _wanted(item)


def _lex(text: str) -> list[tuple[str, str]]:
    """(kind, value) tokens: "phrase", "word", "op" (AND/OR/NOT/-/(/))."""
    out: list[tuple[str, str]] = []
    for m in _TOKEN_RE.finditer(text):
        phrase = m.group(1) if m.group(1) is not None else m.group(2)
        if phrase is not None:
            if phrase.strip():
                out.append(("phrase", phrase.strip()))
        elif m.group(3):
            out.append(("op", "(" if m.group(3) in "(（" else ")"))
        else:
            word = m.group(4)
            if word in OPERATORS:
                out.append(("op", word))
                continue
            if word.startswith("-"):  # -word, or --word: one exclusion
                word = word.lstrip("-")
                if word:
                    out.append(("op", "NOT"))
            if word:
                out.append(("word", word))
    return out


class _Parser:
    """Recursive descent, OR binding tighter than AND (as in web search boxes):
    and_expr := or_expr+ ; or_expr := unary (OR unary)* ; unary := NOT unary | ( and_expr ) | term.
    """

    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.pos = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        self.pos += 1
        return self.tokens[self.pos - 1]

    def and_expr(self) -> Node | None:
        items: list[Node] = []
        while (tok := self.peek()) is not None and tok != ("op", ")"):
            if tok in (("op", "AND"), ("op", "OR")):  # a dangling operator is ignored
                self.take()
                continue
            node = self.or_expr()
            if node is not None:
                items.append(node)
        return _join(All, items)

    def or_expr(self) -> Node | None:
        items = [n for n in [self.unary()] if n is not None]
        while self.peek() == ("op", "OR"):
            self.take()
            if self.peek() is None or self.peek() == ("op", ")"):
                break
            node = self.unary()
            if node is not None:
                items.append(node)
        return _join(Any, items)

    def unary(self) -> Node | None:
        kind, value = self.take()
        if (kind, value) == ("op", "NOT"):
            after = self.peek()
            if after is None or after[0] == "op" and after[1] not in ("(", "NOT"):
                return None
            item = self.unary()
            if item is None:
                return None
            return item.item if isinstance(item, Not) else Not(item)  # NOT NOT x is x
        if (kind, value) == ("op", "("):
            node = self.and_expr()
            if self.peek() == ("op", ")"):
                self.take()
            return node
        if kind == "op":  # a stray ")" or operator
            return None
        return Term(value, phrase=kind == "phrase")


def _join(kind: type[All] | type[Any], items: list[Node]) -> Node | None:
    return None if not items else items[0] if len(items) == 1 else kind(tuple(items))


def parse_query(text: str) -> Query:
    """Parse a search query (see the module docstring for the syntax).

    Raises:
        QueryError: the query holds no word to look for.
    """
    from .index_docs import fold_width  # ＤＲＧ is DRG, as the index reads it

    tokens = _lex(fold_width(no_surrogates(text)))
    parser = _Parser(tokens)
    parts: list[Node] = []
    while parser.peek() is not None:
        node = parser.and_expr()
        if node is not None:
            parts.append(node)
        if parser.peek() is not None:  # a stray ")"
            parser.take()
    root: Node | None = None if not parts else parts[0] if len(parts) == 1 else All(tuple(parts))
    if root is None:
        raise QueryError("the query has no word to search for (e.g. fjhealth search 医共体)")
    if not tuple(_wanted(root)):
        raise QueryError("the query only excludes words: add one to look for (e.g. fjhealth "
                         "search '医共体 -医保')")
    ranked = all(kind == "word" for kind, _ in tokens)
    if ranked and not isinstance(root, All):
        root = All((root,))
    return Query(root, ranked)
