"""OCR and web-page cleaning: raw page text -> cleaned articles. Pure, no I/O.

(Provisional implementation: the full cleaner replaces this; the API stays.)
"""

from __future__ import annotations

from .models import Article, Block, Page


def clean_text(text: str, page_id: str = "-") -> tuple[Article, ...]:
    """Clean raw page text into one or more articles (IDs ``page_id`` or ``page_id-N``)."""
    paras = tuple(p.strip() for p in text.split("\n\n") if p.strip())
    title = paras[0] if paras else ""
    return (Article(id=page_id, title=title, blocks=tuple(Block("paragraph", p) for p in paras[1:])),)


def split_articles(page: Page) -> tuple[Article, ...]:
    """Clean one corpus page; a page carrying several articles yields several."""
    from dataclasses import replace

    return tuple(replace(a, path=page.path) for a in clean_text(page.text, page.id))
