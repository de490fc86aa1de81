"""Errors whose message is safe and useful to show the user."""


class FjhealthError(Exception):
    """Base class: the CLI prints ``Error: <message>`` and exits 1."""


class CorpusError(FjhealthError):
    """The corpus folder is missing, unreadable, or a file cannot be decoded."""


class DecodeError(CorpusError):
    """A file's bytes are not text in any encoding we accept."""


class ArticleNotFound(FjhealthError):
    """An article ID matches nothing, or more than one article (usage error: exit 2)."""

    def __init__(self, message: str, matches: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.matches = matches
