"""The words ``fjhealth browse`` shows, in English or Chinese, and how it prints an article's
fields in its list (pure text: no Textual here).
"""

from __future__ import annotations

from .models import Article

UNTITLED = "(untitled)"
# The reader's words in a Chinese locale (LC_ALL, LC_MESSAGES or LANG zh_*), as other commands'
# labels are (``console.label``).
ZH = {
    "Quit": "退出", "Back": "返回", "Search": "搜索", "Next": "下一篇", "Previous": "上一篇",
    "Related": "相关", "Copy summary": "复制摘要", "ID": "编号", "Title": "标题",
    "Date / source": "日期 / 来源", "Summary": "摘要", "Keywords": "关键词",
    "(no summary)": "（无摘要）", "(none)": "（无）", UNTITLED: "（无标题）",
    "Summary copied to the clipboard": "摘要已复制到剪贴板",
    "search the corpus (Enter to run, Escape to cancel)": "搜索语料（Enter 搜索，Escape 取消）",
    "search “{query}”: {n}": "搜索“{query}”：{n}", "related to {id}: {n}": "与 {id} 相关：{n}",
    "{heading} · filter “{text}”: {n}": "{heading} · 筛选“{text}”：{n}",
}


def say(lang: str, text: str) -> str:
    """One of the reader's words in its language ("zh" or "en")."""
    return ZH.get(text, text) if lang == "zh" else text


def meta_line(article: Article) -> str:
    """An article's ID, source and date, as the reader heads it."""
    return " · ".join(p for p in (article.id, article.source, article.date) if p)


def article_count(n: int, lang: str = "en") -> str:
    """How many articles the list shows, in the reader's language."""
    if lang == "zh":
        return f"{n} 篇文章"
    return "1 article" if n == 1 else f"{n} articles"


def fit_id(article_id: str, width: int) -> str:
    """An ID in ``width`` cells: cut in its middle, so that a page's article number stays
    (``column…les-1``)."""
    if len(article_id) <= width:
        return article_id
    tail = (width - 1) // 2
    return article_id[: width - 1 - tail] + "…" + article_id[-tail:]


def matches(article: Article, needle: str) -> bool:
    """Whether the type-to-filter text finds an article (title, ID or source; case ignored)."""
    needle = needle.casefold()
    fields = (article.title, article.id, article.source or "", article.date or "")
    return any(needle in f.casefold() for f in fields)


# Between keywords on the reader's keyword line; a line breaks only here.
KEYWORD_SEP = " · "
