"""fjhealth: read, clean, rank and summarize Chinese health-policy news pages.

The analysis functions (``summarize``, ``rank_keywords``, ``build_idf``) and the corpus reader are
loaded on first use, so ``import fjhealth`` stays cheap for the CLI's start-up.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .errors import ArticleNotFound, CorpusError, DecodeError, FjhealthError

if TYPE_CHECKING:
    from .clean import clean_text, split_articles
    from .corpus import load_corpus, read_page
    from .keywords import build_idf, rank_keywords
    from .lookup import resolve_id
    from .models import Article, Block, Page, Removed
    from .summarize import summarize
    from .values import Keyword, Sentence, Summary, SummaryOptions

__version__ = "0.1.0"

# Public name -> the module that defines it, imported when the name is first used.
_LAZY = {
    "Article": "models",
    "Block": "models",
    "Page": "models",
    "Removed": "models",
    "Keyword": "values",
    "Sentence": "values",
    "Summary": "values",
    "SummaryOptions": "values",
    "clean_text": "clean",
    "split_articles": "clean",
    "load_corpus": "corpus",
    "read_page": "corpus",
    "resolve_id": "lookup",
    "build_idf": "keywords",
    "rank_keywords": "keywords",
    "summarize": "summarize",
}

__all__ = [
    "Article",
    "ArticleNotFound",
    "Block",
    "CorpusError",
    "DecodeError",
    "FjhealthError",
    "Keyword",
    "Page",
    "Removed",
    "Sentence",
    "Summary",
    "SummaryOptions",
    "__version__",
    "build_idf",
    "clean_text",
    "load_corpus",
    "rank_keywords",
    "read_page",
    "resolve_id",
    "split_articles",
    "summarize",
]


def __getattr__(name: str) -> Any:
    """Import a lazily exported function or value on first access (PEP 562)."""
    if name not in _LAZY:
        raise AttributeError(f"module 'fjhealth' has no attribute {name!r}")
    value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
    # Importing fjhealth.summarize bound the *module* to the name "summarize": the function wins.
    globals()[name] = value
    return value
