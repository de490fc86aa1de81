"""``fjhealth browse``: a full-screen reader built with Textual (imported by this command only).

The list shows every article (ID, title, source/date). Typing filters it (by title, ID or
source); ``/`` runs a full-text search instead; Enter opens the highlighted article, cleaned,
with its summary and keywords beside it (below it on a narrow screen). In the reader ``n``/``p``
go to the next/previous article of the list, ``r`` lists the articles related to it, ``c``
copies its summary to the clipboard (OSC 52, where the terminal supports it), Escape goes back,
``q`` quits. It only reads: no file or cache entry is changed, except that the page cache and
the search index are filled as any command fills them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.events import Key, Resize
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Input, Static

from .browse_source import BrowseSource
from .browse_text import (
    KEYWORD_SEP,
    UNTITLED,
    article_count,
    fit_id,
    matches,
    meta_line,
    say,
)
from .models import Article

# Below this many columns the summary goes above the article instead of beside it.
WIDE = 100
# The exit status of a reader closed with Ctrl-C (cli_core.ExitCode.INTERRUPTED).
INTERRUPTED = 130
def _bindings(lang: str) -> list[Binding]:
    """The reader's keys, described in its language."""
    return [
        Binding("q", "quit", say(lang, "Quit")),
        Binding("escape", "back", say(lang, "Back")),
        Binding("slash", "search", say(lang, "Search")),
        Binding("n", "step(1)", say(lang, "Next")),
        Binding("p", "step(-1)", say(lang, "Previous")),
        Binding("r", "related", say(lang, "Related")),
        Binding("c", "copy", say(lang, "Copy summary")),
        # Ctrl-C quits, with the status every command has on Ctrl-C (Textual's own binding
        # only tells the user to press Ctrl-Q).
        Binding("ctrl+c", "interrupt", "Quit", show=False, priority=True),
    ]


class Wrapped(Widget):
    """Lines of (text, style), each wrapped at the widget's width by Chinese line-breaking
    rules (Textual's own wrapping would start a line with 。 or end one with “); "" is a blank
    line, and a line in the style ``KEYWORDS`` breaks only between its keywords. Control
    characters are shown as visible escapes, as in every other output."""

    DEFAULT_CSS = "Wrapped { height: auto; }"
    KEYWORDS = "keywords"

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self.lines: tuple[tuple[str, str], ...] = ()

    def show(self, lines: Sequence[tuple[str, str]]) -> None:
        self.lines = tuple(lines)
        self.refresh(layout=True)

    def wrapped(self, width: int) -> list[tuple[str, str]]:
        from .render import safe_text
        from .wrap import wrap_cjk, wrap_items

        width = max(width, 2)
        rows: list[tuple[str, str]] = []
        for text, style in self.lines:
            if style == self.KEYWORDS:
                rows += [(row, "") for row in wrap_items(safe_text(text), KEYWORD_SEP, width)]
            else:
                rows += [(row, style) for row in (wrap_cjk(safe_text(text), width) or [""])]
        return rows

    def get_content_height(self, container: Any, viewport: Any, width: int) -> int:
        return len(self.wrapped(width))

    def render(self) -> Text:
        rows = self.wrapped(self.size.width)
        text = Text(no_wrap=True, overflow="crop")
        for i, (row, style) in enumerate(rows):
            text.append(row + ("\n" if i < len(rows) - 1 else ""), style=style)
        return text


class BrowseApp(App[None]):
    """The reader: a list view and an article view."""

    TITLE = "fjhealth"
    # no command palette: its footer key covered "c Copy summary" at 80 columns, and its
    # screenshot command would write a file (the reader changes none)
    ENABLE_COMMAND_PALETTE = False
    CSS = """
    #query { dock: top; height: 3; display: none; }
    #query.shown { display: block; }
    #status { dock: top; height: 1; background: $boost; color: $text-muted; padding: 0 1; }
    #articles { height: 1fr; }
    #reader { display: none; height: 1fr; }
    #reader.shown { display: block; }
    #body { width: 2fr; padding: 0 1; }
    #side { width: 1fr; min-width: 28; padding: 0 1; border-left: solid $primary; }
    #reader.narrow { layout: vertical; }
    #reader.narrow #body { width: 1fr; height: 2fr; }
    #reader.narrow #side { width: 1fr; height: 1fr; min-width: 0; border-left: none;
                           border-top: solid $primary; }
    """
    BINDINGS = _bindings("en")
    LANG = "en"
    # The list has the keys from the start: keys typed while the corpus was read, before the
    # reader showed, went to the hidden search box (Textual focuses the first focusable widget).
    AUTO_FOCUS = "#articles"
    # Keys with a binding never go to the type-to-filter text.
    COMMAND_KEYS = frozenset({"q", "n", "p", "r", "c", "slash", "escape", "enter"})

    def __init__(self, source: BrowseSource) -> None:
        super().__init__()
        self.source = source
        self.everything: list[Article] = []
        self.by_id: dict[str, Article] = {}
        self.base: list[Article] = []  # the list before filtering: all, search hits, related
        self.shown: list[Article] = []
        self.filter_text = ""
        self._width = 0  # the screen width the list was last laid out for
        self.heading = ""
        self.current: Article | None = None
        self.summary = ""

    def say(self, text: str) -> str:
        return say(self.LANG, text)

    def compose(self) -> ComposeResult:
        yield Input(placeholder=self.say("search the corpus (Enter to run, Escape to cancel)"),
                    id="query")
        yield Static("", id="status")
        yield DataTable(id="articles", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="reader"):
            with VerticalScroll(id="body"):
                yield Wrapped(id="text")
            with VerticalScroll(id="side"):
                yield Wrapped(id="summary")
        yield Footer()

    def on_mount(self) -> None:
        self.everything = list(self.source.articles())
        self.by_id = {a.id: a for a in self.everything}
        # (not _set_base: a filter typed before the list was filled stays)
        self.base, self.heading = self.everything, article_count(len(self.everything), self.LANG)
        self.query_one("#articles", DataTable).focus()
        self._layout(self.size.width)

    # -- the list ----------------------------------------------------------------------------

    @property
    def reading(self) -> bool:
        return self.query_one("#reader").has_class("shown")

    def _set_base(self, articles: list[Article], heading: str) -> None:
        self.base, self.heading, self.filter_text = articles, heading, ""
        self._refresh_list()

    def _refresh_list(self) -> None:
        self.shown = [a for a in self.base if matches(a, self.filter_text)] \
            if self.filter_text else list(self.base)
        table = self.query_one("#articles", DataTable)
        table.clear(columns=True)
        # The title gets what the ID and source/date columns leave, cut with an ellipsis.
        width = self._width or self.size.width  # a Resize's width: self.size may be the old one
        id_width = min(max([cell_len(self.say("ID")), *(len(a.id) for a in self.shown)]),
                       max(8, width // 5))
        when_width = 22 if width >= 60 else 0
        title_width = max(10, width - id_width - when_width - 8)
        table.add_column(self.say("ID"), width=id_width)
        table.add_column(self.say("Title"), width=title_width)
        if when_width:
            table.add_column(self.say("Date / source"), width=when_width)
        for a in self.shown:
            when = " ".join(p for p in (a.date, a.source) if p)  # the source is cut, not the date
            cells = [fit_id(a.id, id_width),
                     Text(a.title or self.say(UNTITLED), no_wrap=True, overflow="ellipsis")]
            if when_width:
                cells.append(Text(when, no_wrap=True, overflow="ellipsis"))
            table.add_row(*cells, key=a.id)
        status = self.heading if not self.filter_text else \
            self.say("{heading} · filter “{text}”: {n}").format(
                heading=self.heading, text=self.filter_text, n=len(self.shown))
        self.query_one("#status", Static).update(Text(status))

    def on_key(self, event: Key) -> None:
        """Type-to-filter: printable keys typed on the list edit the filter text."""
        if self.reading or self.query_one("#query").has_class("shown"):
            return
        if event.key == "backspace" and self.filter_text:
            self.filter_text = self.filter_text[:-1]
        elif event.is_printable and event.character and event.key not in self.COMMAND_KEYS:
            self.filter_text += event.character
        else:
            return
        event.stop()
        self._refresh_list()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self._open(self.by_id[str(event.row_key.value)])

    # -- search ------------------------------------------------------------------------------

    def action_search(self) -> None:
        box = self.query_one("#query", Input)
        box.add_class("shown")
        box.value = ""
        box.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        box = self.query_one("#query", Input)
        box.remove_class("shown")
        query = event.value.strip()
        if query:
            from .errors import FjhealthError

            try:
                ids = self.source.search(query)
            except FjhealthError as exc:
                self.notify(str(exc), severity="error")
                ids = None
            if ids is not None:
                hits = [self.by_id[i] for i in ids if i in self.by_id]
                self._show_list(hits, self.say("search “{query}”: {n}").format(
                    query=query, n=article_count(len(hits), self.LANG)))
                return
        self._show_list(None, None)

    def _show_list(self, articles: list[Article] | None, heading: str | None) -> None:
        self.query_one("#reader").remove_class("shown")
        self.query_one("#articles").display = True
        if articles is not None and heading is not None:
            self._set_base(articles, heading)
        self.query_one("#articles", DataTable).focus()

    # -- the reader --------------------------------------------------------------------------

    def _open(self, article: Article) -> None:
        self.current = article
        summary, keywords = self.source.details(article)
        self.summary = summary
        body = [(article.title or self.say(UNTITLED), "bold"),
                *((sub, "italic") for sub in article.subtitles), (meta_line(article), "dim")]
        for block in article.blocks:
            body += [("", ""), (block.text, "bold" if block.kind == "heading" else "")]
        side = [(self.say("Summary"), "bold underline"),
                (summary or self.say("(no summary)"), ""), ("", ""),
                (self.say("Keywords"), "bold underline"),
                (KEYWORD_SEP.join(keywords) if keywords else self.say("(none)"),
                 Wrapped.KEYWORDS)]
        self.query_one("#text", Wrapped).show(body)
        self.query_one("#summary", Wrapped).show(side)
        self.query_one("#articles").display = False
        reader = self.query_one("#reader")
        reader.add_class("shown")
        self.query_one("#body", VerticalScroll).scroll_home(animate=False)
        self.query_one("#body", VerticalScroll).focus()
        self.query_one("#status", Static).update(Text(f"{self.heading} · {meta_line(article)}"))

    def action_step(self, delta: int) -> None:
        if not self.reading or self.current is None or not self.shown:
            if not self.reading:
                table = self.query_one("#articles", DataTable)
                (table.action_cursor_down if delta > 0 else table.action_cursor_up)()
            return
        ids = [a.id for a in self.shown]
        at = ids.index(self.current.id) if self.current.id in ids else -1
        target = min(max(at + delta, 0), len(ids) - 1)
        self.query_one("#articles", DataTable).move_cursor(row=target)
        self._open(self.shown[target])

    def action_related(self) -> None:
        article = self.current if self.reading else self._highlighted()
        if article is None:
            return
        hits = [self.by_id[i] for i in self.source.related(article.id) if i in self.by_id]
        self._show_list(hits, self.say("related to {id}: {n}").format(
            id=article.id, n=article_count(len(hits), self.LANG)))

    def _highlighted(self) -> Article | None:
        table = self.query_one("#articles", DataTable)
        if not self.shown:
            return None
        return self.shown[min(table.cursor_row, len(self.shown) - 1)]

    def action_interrupt(self) -> None:
        self.exit(return_code=INTERRUPTED)

    def action_copy(self) -> None:
        if self.reading and self.summary:
            self.copy_to_clipboard(self.summary)
            self.notify(self.say("Summary copied to the clipboard"))

    def action_back(self) -> None:
        if self.query_one("#query").has_class("shown"):
            self.query_one("#query").remove_class("shown")
            self.query_one("#articles", DataTable).focus()
        elif self.reading:
            self._show_list(None, None)
        elif self.filter_text:
            self.filter_text = ""
            self._refresh_list()
        elif self.base is not self.everything:
            self._set_base(self.everything, article_count(len(self.everything), self.LANG))

    # -- size --------------------------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        self._layout(event.size.width)

    def _layout(self, width: int) -> None:
        self._width = width
        self.query_one("#reader").set_class(width < WIDE, "narrow")
        if self.everything:
            self._refresh_list()


class ZhBrowseApp(BrowseApp):
    """The reader in a Chinese locale: its words and keys in Chinese."""

    BINDINGS = _bindings("zh")
    LANG = "zh"


def run_browser(source: BrowseSource) -> int:
    """Run the reader full-screen until the user quits; its exit status (130: Ctrl-C).
    Textual draws on stderr: when that is sent away (``2>/dev/null``, to keep warnings out of
    sight) it draws on the terminal stdout is, for as long as the reader runs."""
    import os
    import sys

    from .output import locale_lang

    app = (ZhBrowseApp if locale_lang(os.environ) == "zh" else BrowseApp)(source)
    if sys.__stderr__ is None or sys.__stderr__.isatty() or not sys.__stdout__ \
            or not sys.__stdout__.isatty():
        app.run()
        return app.return_code or 0
    sys.__stderr__.flush()
    saved = os.dup(2)
    os.dup2(sys.__stdout__.fileno(), 2)
    try:
        app.run()
        return app.return_code or 0
    finally:
        sys.__stderr__.flush()
        os.dup2(saved, 2)
        os.close(saved)
