"""fjhealth: read, clean, rank and summarize Chinese health-policy news pages."""

from .clean import clean_text, split_articles
from .errors import ArticleNotFound, CorpusError, FjhealthError
from .models import Article, Block, Keyword, Page, Removed, Sentence, Summary, SummaryOptions

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ArticleNotFound",
    "Block",
    "CorpusError",
    "FjhealthError",
    "Keyword",
    "Page",
    "Removed",
    "Sentence",
    "Summary",
    "SummaryOptions",
    "__version__",
    "clean_text",
    "split_articles",
]
