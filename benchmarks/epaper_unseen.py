"""E-paper cleaning on self-made pages of kinds no other generator here makes, with articles
written for this check only (none is used by another check).

    python benchmarks/epaper_unseen.py [--kind KIND ...] [--per-page]

- ``interview``: two interviews on one page, each headed by the person (role and name, the
  name and a quote, or the name alone under a kicker with the role), a deck (``——谈…``) and a
  byline; on every fourth page both headlines side by side on one line at the top, as
  ``pdftotext -raw`` gives heads set next to each other;
- ``leadsub``: a kicker (引题) over the headline and a sub-headline (副题) under it, one or both,
  and a ``本报讯（记者 … 通讯员 …）`` lead;
- ``comment``: a boxed ``短评`` with its own headline (another article) after the article,
  before it, or between two columns inside one of its paragraphs; or an ``编后`` box closing it;
- ``figures``: a list of figures (``●`` items, their lines unindented) or a table (a caption
  line, a header row and rows of cells held apart by spaces) between two paragraphs;
- ``unequal``: columns of unequal width: the lead set across two columns, or columns of two
  widths taking turns, with or without a blank line between columns;
- ``jump2``: the two pages of a continued article: the front page sends it on mid-sentence
  (the jump line on its own line or at the end of the last printed line) and carries another
  article; the inside page brings it back under a headline of its own, the jump line on its own
  line or at the start of the first printed line, which goes on mid-sentence, unindented;
- ``caption3``: a photo caption of several lines, with its credit on a line of its own or at
  its end, under the headline group, between paragraphs, inside a paragraph or at the foot;
- ``tesseract``: OCR as tesseract gives it: whole lines spread out with a space between all
  characters, stray spaces, full- and half-width marks mixed, a hyphen-like mark after a line
  broken inside a word; a blank line after each paragraph on half the pages, a blank line at
  each block of lines on the others.

Each page is scored with the shared ``score_clean.py`` (as ``epaper_kinds.py`` does: NFKC on both
sides); skips when ``../shared/data`` is absent. Prints per kind break F1, title accuracy,
layout spaces, mid-sentence breaks and content recall.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import epaper_kinds as K  # noqa: E402
import epaper_unseen_texts as T  # noqa: E402
from helpers import _CLOSING, _cells, wrap_column  # noqa: E402

KINDS = ("interview", "leadsub", "comment", "figures", "unequal", "jump2", "caption3",
         "tesseract")
WIDTHS = (10, 13, 17)
MARKS = str.maketrans("，。：；！？（）", ",.:;!?()")


def _text(lines: list[str]) -> str:
    """The page's text: empty items left out, ``" "`` read as a blank line."""
    return "\n".join(x for x in lines if x) + "\n"


def _gold(seed: str, arts: list[tuple], boiler: list[str]) -> dict:
    """Gold of articles ``(title, byline, paragraphs[, subtitles[, captions]])``."""
    gold = K._gold(seed, [a[:3] for a in arts], boiler)
    for g, a in zip(gold["articles"], arts, strict=True):
        g["subtitles"] = list(a[3]) if len(a) > 3 else []
        g["captions"] = list(a[4]) if len(a) > 4 else []
    return gold


def flow(paras: list[str], columns: list[tuple[int, int]], punct: float,
         gap: bool = False) -> list[str]:
    """Paragraphs set through columns of their own widths, ``(lines, width)`` each (the last
    one's width for the rest): a paragraph broken by a column goes on at the next column's
    width; ``gap`` puts a blank line between columns."""
    out: list[str] = []
    col, left = 0, columns[0][0]
    for p in paras:
        cur, used, first = "", 0.0, True
        for ch in p:
            limit = columns[col][1] - (2 if first else 0)
            size = _cells(ch, punct)
            if used + size > limit and cur and ch not in _CLOSING:
                out.append(cur)
                cur, used, first = "", 0.0, False
                left -= 1
                if left == 0 and col + 1 < len(columns):
                    col += 1
                    left = columns[col][0]
                    out += [" "] if gap else []
            cur += ch
            used += size
        out.append(cur)
        left -= 1
        if left <= 0 and col + 1 < len(columns):
            col += 1
            left = columns[col][0]
            out += [" "] if gap else []
    return out


def _interview(k: int, width: int, punct: float, mast: list[str], seed: str):
    v = k % 4
    lines, arts, heads = [*mast], [], []
    for n, (role, name, quote, deck, byline, paras) in enumerate(T.INTERVIEWS):
        title = (role + name, f"{name}：{quote}", name, role + name)[v]
        subs = [role] if v == 2 else []
        subs += [deck] if v != 3 else []
        byline = byline if (k + n) % 2 or v == 3 else ""
        heads.append(title)
        top = [] if v == 3 else ([role, title, deck] if v == 2 else [title, deck])
        lines += [*top, byline, *K._body(paras, width, punct)]
        arts.append((title, byline, paras, subs))
    if v == 3:  # both heads printed side by side, read as one line above both bodies
        lines.insert(len(mast), " ".join(heads))
    return _text(lines), _gold(seed, arts, mast)


def _leadsub(k: int, art: int, width: int, punct: float, mast: list[str], seed: str):
    kicker, title, sub, paras = T.LEAD
    sub = sub if k % 2 else sub.lstrip("—")
    top = ([kicker, title, sub], [kicker, title], [title, sub])[k % 3]
    lead = paras[0] if art % 2 else paras[0].replace("（记者 郭婷 通讯员 陈晓东）", " ")
    body = [lead, *paras[1:]]
    lines = [*mast, *top, *K._body(body, width, punct)]
    arts = [(title, "", [p.replace(" ", "") for p in body], [x for x in top if x != title])]
    return _text(lines), _gold(seed, arts, mast)


def _comment(k: int, width: int, punct: float, mast: list[str], seed: str):
    kicker, title, paras = T.COMMENT
    _, head, _, body = T.LEAD
    main = K._body(body, width, punct)
    if k % 4 == 3:  # 编后 closes the article
        note = [ln for p in T.BOX_NOTE for ln in K._body([p], width, punct)]
        lines = [*mast, head, *main, " ", "编后", *note]
        return _text(lines), _gold(seed, [(head, "", body + T.BOX_NOTE, ["编后"])], mast)
    box = [kicker, title, *K._body(paras, width, punct)]
    at = (len(main), 0, len(main) // 2)[k % 4]
    if k % 4 == 1:
        lines = [*mast, *box, head, *main]
    else:
        lines = [*mast, head, *main[:at], " ", *box, " ", *main[at:]]
    arts = [(head, "", body), (title, "", paras, [kicker])]
    return _text(lines), _gold(seed, arts, mast)


def _figures(k: int, width: int, punct: float, mast: list[str], seed: str):
    title, byline, lead, items, close = T.FIGURES
    byline = byline if k % 2 else ""
    if k % 4 < 2:
        block = [ln for it in items for ln in wrap_column(it, width, punct, indent=0)]
        units, subs = [*items], []
    else:
        cap, rows = T.TABLE
        pad = "  " if k % 3 else " "
        block = [cap, *(pad.join(r) for r in rows)]
        units, subs = [" ".join(r) for r in rows], [cap]
    lines = [*mast, title, byline, *K._body([lead], width, punct), *block,
             *K._body([close], width, punct)]
    arts = [(title, byline, [lead.replace(" ", ""), *units, close], subs)]
    return _text(lines), _gold(seed, arts, mast)


def _unequal(k: int, width: int, punct: float, mast: list[str], seed: str):
    title, byline, paras = T.WIDE
    byline = byline if k % 2 else ""
    rows = 5 + k % 4
    if k % 2:  # the lead across two columns, then the columns
        body = flow(paras[:1], [(99, 2 * width + 1)], punct) + flow(paras[1:], [(99, width)],
                                                                      punct)
    else:
        wide = width + width // 2
        body = flow(paras, [(rows, (width, wide)[n % 2]) for n in range(12)], punct,
                    gap=k % 4 == 0)
    lines = [*mast, title, byline, *body]
    return _text(lines), _gold(seed, [(title, byline, [p.replace(" ", "") for p in paras])],
                               mast)


def _jump2(k: int, width: int, punct: float, mast: list[str], seed: str):
    _, head, _, lead_paras = T.LEAD
    paras = [lead_paras[0].replace("（记者 郭婷 通讯员 陈晓东）", "")] + lead_paras[1:]
    other, obyline, oparas = T.WIDE
    cut = len(paras[1]) // 2
    while paras[1][cut] in _CLOSING:  # the inside page's first line opens with a character
        cut += 1
    sent, rest = [*paras[:1], paras[1][:cut]], [paras[1][cut:], *paras[2:]]
    v = k // 2 % 3
    if k % 2 == 0:  # the front page
        goes = ("（下转第2版）", "▲下转第2版", "(转A2版)")[v]
        body = K._body(sent, width, punct)
        body = [*body[:-1], body[-1] + goes] if v == 2 else [*body, goes]
        lines = [*mast, head, *body, other, obyline, *K._body(oparas, width, punct)]
        arts = [(head, "", sent), (other, obyline, oparas)]
        return _text(lines), _gold(seed, arts, [*mast, goes])
    came = ("（上接第1版）", "▲上接第一版", "(紧接A1版)")[v]
    body = [*wrap_column(rest[0], width, punct, indent=0), *K._body(rest[1:], width, punct)]
    body = [came + body[0], *body[1:]] if v == 2 else [came, *body]
    lines = [*mast, other, *K._body(oparas, width, punct), T.JUMP_HEAD, *body]
    arts = [(other, "", oparas), (T.JUMP_HEAD, "", rest)]
    return _text(lines), _gold(seed, arts, [*mast, came])


def _caption3(k: int, art: int, width: int, punct: float, mast: list[str], seed: str):
    title, byline, paras = T.WIDE if art % 2 else (T.LEAD[1], "本报记者 郭婷", T.LEAD[3][1:])
    cap, credit = T.CAPTIONS[art % 2]
    own = k % 2
    capl = wrap_column(cap if own else cap + credit.join("（）"), width, punct, indent=0)
    capl += [credit] if own else []
    gold_caps = [cap, credit] if own else [cap + credit.join("（）")]
    body = K._body(paras, width, punct)
    ends = [len(K._body(paras[: n + 1], width, punct)) for n in range(len(paras))]
    v = k // 2 % 4
    at = (0, ends[0], ends[1] - 2, len(body))[v]
    gap = [" "] if v == 2 and k % 3 else []
    lines = [*mast, title, byline, *body[:at], *gap, *capl, *gap, *body[at:]]
    arts = [(title, byline, paras, [], gold_caps)]
    return _text(lines), _gold(seed, arts, mast)


def _tess(line: str, rng: random.Random, spread: bool) -> str:
    """A printed line as tesseract reads it: spread out (a space between all characters) or
    with stray spaces, each mark full- or half-width at random."""
    line = "".join(c.translate(MARKS) if rng.random() < 0.5 else c for c in line)
    if spread:
        return " ".join(line)
    return "".join(c + (" " if rng.random() < 0.07 else "") for c in line).rstrip()


def _tesseract(k: int, art: int, width: int, punct: float, mast: list[str], seed: str,
               rng: random.Random):
    title, byline, paras = T.WIDE if art % 2 else (T.LEAD[1], "", T.LEAD[3])
    out: list[str] = []
    block = rng.randint(4, 8)
    for p in paras:
        wrapped = wrap_column(p, width, punct)
        for n, ln in enumerate(wrapped):
            text = _tess(ln, rng, rng.random() < 0.4)
            broken = n + 1 < len(wrapped) and ln[-1] not in _CLOSING + "“（"
            out.append(text + (rng.choice("-—") if broken and rng.random() < 0.2 else ""))
            block -= 1
            if k % 2 and block == 0:
                out.append(" ")
                block = rng.randint(4, 8)
        out += [] if k % 2 else [" "]
    lines = [*mast, _tess(title, rng, k % 3 == 0), byline, *out]
    gold = _gold(seed, [(title, byline, [p.replace(" ", "") for p in paras])], mast)
    return _text(lines), gold


def page(kind: str, k: int, art: int, width: int, punct: float) -> tuple[str, dict]:
    """(text, gold) of one page of a kind."""
    mast = list(T.MASTS[k % len(T.MASTS)])
    seed = f"{kind}-{k:03d}"
    if kind == "interview":
        return _interview(k, width, punct, mast, seed)
    if kind == "leadsub":
        return _leadsub(k, art, width, punct, mast, seed)
    if kind == "comment":
        return _comment(k, width, punct, mast, seed)
    if kind == "figures":
        return _figures(k, width, punct, mast, seed)
    if kind == "unequal":
        return _unequal(k, width, punct, mast, seed)
    if kind == "jump2":
        return _jump2(k, width, punct, mast, seed)
    if kind == "caption3":
        return _caption3(k, art, width, punct, mast, seed)
    return _tesseract(k, art, width, punct, mast, seed, random.Random(f"unseen-{seed}"))


page.articles = 4


def widths(kind: str) -> tuple[int, ...]:
    """The column widths a kind is set in (the same for every kind)."""
    return WIDTHS


def main(argv: list[str] | None = None) -> int:
    return K.run(argv, __doc__, KINDS, page, widths)


if __name__ == "__main__":
    sys.exit(main())
