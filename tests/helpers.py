"""Small builders for tests: articles from text, corpus files in any encoding."""

from __future__ import annotations

from pathlib import Path

from fjhealth.models import Article, Block, Removed

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

# A short web-style page the cleaner keeps as one article: a title and two paragraphs.
PAGE_TITLE = "福建推进紧密型县域医共体建设"
PAGE_PARAGRAPHS = (
    "福建省卫健委近日召开会议，部署推进紧密型县域医共体建设工作，要求各地加快建设步伐，"
    "提升基层医疗服务能力。",
    "会议要求，各地要加快分级诊疗制度建设，让群众在家门口就能看好病，减少跨区域就医的负担和成本。",
)
PAGE_TEXT = f"# {PAGE_TITLE}\n\n" + "\n\n".join(PAGE_PARAGRAPHS) + "\n"


def make_article(
    *paragraphs: str,
    id: str = "001",
    title: str = "标题",
    captions: tuple[str, ...] = (),
    removed: tuple[Removed, ...] = (),
) -> Article:
    """An Article with the given body paragraphs."""
    return Article(
        id=id,
        title=title,
        blocks=tuple(Block("paragraph", p) for p in paragraphs),
        captions=captions,
        removed=removed,
    )


def write_page(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``folder/name`` in ``encoding`` (BOM codecs add their BOM)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path
