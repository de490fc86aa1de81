"""Photo captions an HTML page marks by layout: the short centred text right after a block that
holds only an image (``<p><img></p><p align=center>欢迎仪式现场</p>``), or a ``<figcaption>``.
The reader tags their lines ``caption`` so that the cleaner sets them apart from section
headings, which they look like once the image is gone. Pure.

>>> from lxml import html
>>> page = html.fromstring("<div><p>正文第一段。</p><p><img src='a.jpg'></p>"
...     "<p align='center'>欢迎仪式现场</p><p><img src='b.jpg'></p><p><b>二、小标题</b></p></div>")
>>> sorted(photo_captions(page))
['欢迎仪式现场']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from fjhealth.models import Line

# Longest caption (characters, spaces aside); a longer block after a photo is the text going on.
CAPTION_MAX = 40
# Elements that only wrap an image (a link, a span, a centring box) or hold a caption.
_WRAPPERS = frozenset(("a", "span", "center", "strong", "b", "font", "div", "p", "figure"))
_CAPTION_BOXES = frozenset(("p", "div", "span", "center", "figcaption", "font"))
# Class names content systems give a caption under a photo.
_CAPTION_CLASS_RE = re.compile(r"caption|note|desc|pic|img|photo", re.I)
# Sentence ends: a caption holds at most one, at its end.
_ENDS = "。！？!?"


def _text(el: Any) -> str:
    return "".join("".join(el.itertext()).split())


def _caption_class(el: Any) -> bool:
    """Classed as a caption the way content systems name one ("pic-note", "img_desc",
    "photo-caption")."""
    return bool(_CAPTION_CLASS_RE.search(el.get("class") or ""))


def _centred(el: Any) -> bool:
    """Set centred, as a caption under a photo is (a section head after one is not)."""
    style = (el.get("style") or "").replace(" ", "").lower()
    return (el.tag == "center" or (el.get("align") or "").lower() == "center"
            or "text-align:center" in style or "center" in (el.get("class") or "").lower())


def photo_captions(tree: Any) -> set[str]:
    """The texts (spaces removed) the page sets as photo captions."""
    out: set[str] = set()
    for el in tree.iter("figcaption"):
        out.add(_text(el))
    for img in tree.iter("img"):
        box = img
        while (box.getparent() is not None and box.getparent().tag in _WRAPPERS
               and not _text(box.getparent())):
            box = box.getparent()
        nxt = box.getnext()
        if (box is img or nxt is None or nxt.tag not in _CAPTION_BOXES
                or next(nxt.iter("img"), None) is not None):
            continue
        t = _text(nxt)
        if (0 < len(t) <= CAPTION_MAX and not any(c in t[:-1] for c in _ENDS)
                and (nxt.tag == "figcaption" or _centred(nxt) or _caption_class(nxt))):
            out.add(t)
    out.discard("")
    return out


def mark_captions(lines: Iterable[Line], captions: set[str]) -> tuple[Line, ...]:
    """``lines`` with those holding a caption's text (and no other tag) tagged ``caption``."""
    return tuple(replace(ln, tag="caption") if not ln.tag and "".join(ln.text.split()) in captions
                 else ln for ln in lines)
