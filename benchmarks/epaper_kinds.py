"""E-paper cleaning on self-made pages of kinds ``epaper_selfmade.py`` does not cover.

    python benchmarks/epaper_kinds.py [--kind ocr|multi|jump|blocks|scatter ...] [--per-page]

Five articles written for these checks (the three of ``epaper_selfmade.py`` and two more) set in
columns 9-20 cells wide, half- or full-width punctuation, as pages of these kinds:

- ``ocr``: OCR output: full-width digits and Latin letters, stray spaces between some
  characters (not whole lines spread out), a trailing space now and then;
- ``multi``: two articles on one page, each with its headline and (every other page) byline;
- ``jump``: an article continued from another page and continued on another: a jump line
  (``（上接第1版）``) under the headline and one (``（下转第4版）``) after the last printed line,
  whose sentence stops there;
- ``blocks``: PyMuPDF text blocks: a blank line after every paragraph, the headline and byline;
- ``scatter``: pdfminer-like: blank lines in odd places (after every 2-6 printed lines);
- ``decks``: a kicker over the headline and a deck (``——…``) under it;
- ``captions``: a photo caption (``▲…（某某 摄）``) printed between two lines of a paragraph;
- ``subheads``: short section heads between the paragraphs;
- ``layout``: ``pdftotext -layout``: two columns side by side on each printed line, the left
  one padded with spaces (the text runs down the left column, then down the right);
- ``tail``: the headline (with a comma or question mark inside), its deck and the byline
  printed after the body, as pages drawn headline last give them; every other pair of pages
  cut after every mark as ``pdftotext -raw`` gives them (the headline too, when its marks are
  half-width).

Gold is written here in the dev gold's format (jump lines and masthead are boilerplate) and
each page is scored with the shared ``score_clean.py`` (NFKC on both sides, so full-width
digits count as their ASCII forms), else skipped. Prints per kind the means of break F1, title
accuracy, layout spaces, mid-sentence breaks and content recall.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import epaper_quality as Q  # noqa: E402
import epaper_selfmade as S  # noqa: E402
from helpers import cut_after_marks, wrap_column  # noqa: E402

from fjhealth.clean import clean_text  # noqa: E402

MORE = [
    ("县医院开通夜间门诊", "本报记者 陈立", [
        "本报讯 从本月起，永定区医院开通夜间门诊，内科、儿科和外科每天开诊到晚上九点，"
        "方便上班族和学生下班放学后看病。",
        "夜间门诊开通第一周，就接诊患者三百二十多人次，其中一半以上是带孩子来看病的家长。",
        "医院还把检验科和药房的下班时间推迟到晚上九点半，患者看完病就能做检查、取药。",
        "院长表示，医院将根据就诊人数，逐步增加夜间开诊的科室。",
    ]),
    ("家庭医生签约覆盖八成村庄", "", [
        "记者从市卫健委获悉，截至今年6月底，全市已有2100多个行政村建起家庭医生团队，"
        "签约服务覆盖八成以上的村庄。",
        "家庭医生团队由乡镇卫生院医生、村医和护士组成，为签约居民建立健康档案，"
        "定期上门随访高血压和糖尿病患者。",
        "不少村民说，以前头疼脑热要跑到镇上，现在打个电话，村医就上门了。",
        "市卫健委表示，下半年将重点提高签约服务质量，让群众签约后真正得到实惠。",
    ]),
]
ARTICLES = [*S.ARTICLES, *MORE]
WIDTHS = (9, 12, 16, 20)
PUNCT = (1.0, 0.5)
KINDS = ("ocr", "multi", "jump", "blocks", "scatter", "decks", "captions", "subheads", "layout",
         "tail")
KICKERS = ("基层医改进行时", "关注民生", "健康中国行动")
DECKS = ("——来自基层医疗一线的报道", "——一项惠民举措的落地过程", "——听听群众怎么说")
CAPTIONS = ("▲医生正在为群众检查身体。（林平 摄）", "▲护士在社区服务站为老人量血压。（陈立 摄）")
SUBHEADS = ("群众得实惠", "服务再升级", "下一步打算")
# Headlines with marks inside, one per article, for the pages that print them last.
MARKED_HEADS = ("心电图不出乡，报告二十分钟到", "护士上门来，失能老人有人管",
                "课间看远山，孩子近视少了吗？", "看病不用赶，夜间门诊开到九点",
                "村医上门来，签约覆盖八成村庄")
FULL = str.maketrans("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                     "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ")


def _body(paras: list[str], width: int, punct: float) -> list[str]:
    return [ln for p in paras for ln in wrap_column(p, width, punct)]


def _ocr(line: str, rng: random.Random) -> str:
    """A printed line as OCR reads it: full-width digits, stray spaces, a trailing space."""
    out = "".join(c + (" " if rng.random() < 0.08 else "") for c in line.translate(FULL))
    return out.rstrip() + (" " if rng.random() < 0.2 else "")


def _gold(seed: str, arts: list[tuple[str, str, list[str]]], boiler: list[str]) -> dict:
    return {"seed": seed, "boilerplate": boiler, "articles": [
        {"title": t, "subtitles": [], "byline": b, "date": "",
         "paragraphs": [p.replace(" ", "") for p in ps], "captions": []} for t, b, ps in arts]}


def page(kind: str, k: int, art: int, width: int, punct: float) -> tuple[str, dict]:
    """(text, gold) of one page of a kind."""
    rng = random.Random(f"{kind}-{k}")
    title, byline, paras = ARTICLES[art]
    byline = byline if k % 2 else ""
    mast = list(S.MASTHEAD) if k % 3 else []
    seed = f"{kind}-{k:03d}"
    if kind == "ocr":
        lines = [*mast, title, byline, *(_ocr(ln, rng) for ln in _body(paras, width, punct))]
        return "\n".join(x for x in lines if x) + "\n", _gold(seed, [(title, byline, paras)], mast)
    if kind == "multi":
        t2, b2, p2 = ARTICLES[(art + 1) % len(ARTICLES)]
        b2 = b2 if k % 2 else ""
        lines = [*mast, title, byline, *_body(paras, width, punct), t2, b2,
                 *_body(p2, width, punct)]
        gold = _gold(seed, [(title, byline, paras), (t2, b2, p2)], mast)
        return "\n".join(x for x in lines if x) + "\n", gold
    if kind == "jump":
        came, goes = f"（上接第{1 + k % 3}版）", f"（下转第{4 + k % 3}版）"
        kept = paras[:-1] + [paras[-1][: len(paras[-1]) // 2].rstrip("，、。")]
        lines = [*mast, title, byline, came, *_body(kept, width, punct), goes]
        gold = _gold(seed, [(title, byline, kept)], [*mast, came, goes])
        return "\n".join(x for x in lines if x) + "\n", gold
    if kind == "blocks":
        blocks = [*(["\n".join(mast)] if mast else []), title, *([byline] if byline else []),
                  *("\n".join(wrap_column(p, width, punct)) for p in paras)]
        return "\n\n".join(blocks) + "\n", _gold(seed, [(title, byline, paras)], mast)
    if kind == "decks":
        kicker, deck = KICKERS[k % 3], DECKS[k % 3]
        lines = [*mast, kicker, title, deck, byline, *_body(paras, width, punct)]
        gold = _gold(seed, [(title, byline, paras)], mast)
        gold["articles"][0]["subtitles"] = [kicker, deck]
        return "\n".join(x for x in lines if x) + "\n", gold
    if kind == "captions":
        body = _body(paras, width, punct)
        at = 2 + k % max(len(body) - 3, 1)
        cap = CAPTIONS[k % 2]
        lines = [*mast, title, byline, *body[:at], cap, *body[at:]]
        gold = _gold(seed, [(title, byline, paras)], mast)
        gold["articles"][0]["captions"] = [cap.lstrip("▲")]
        return "\n".join(x for x in lines if x) + "\n", gold
    if kind == "subheads":
        units = [paras[0], SUBHEADS[0], paras[1], SUBHEADS[1], *paras[2:]]
        lines = [*mast, title, byline, *(ln for u in units for ln in (
            [u] if u in SUBHEADS else wrap_column(u, width, punct)))]
        return "\n".join(x for x in lines if x) + "\n", _gold(seed, [(title, byline, units)], mast)
    if kind == "layout":
        body = _body(paras, width, punct)
        half = (len(body) + 1) // 2
        left, right = body[:half], body[half:]
        pad = lambda ln: ln + " " * (2 * width + 4 - sum(  # noqa: E731
            1 if c.isascii() else 2 for c in ln))
        rows = [pad(a) + b for a, b in zip(left, [*right, ""], strict=False)]
        lines = [*mast, title, byline, *(r.rstrip() for r in rows)]
        return "\n".join(x for x in lines if x) + "\n", _gold(seed, [(title, byline, paras)], mast)
    if kind == "tail":
        head, deck = MARKED_HEADS[art], DECKS[k % 3]
        body, top = _body(paras, width, punct), [head]
        if k % 4 >= 2:  # cut after every mark, as pdftotext -raw gives a page
            body = [x for ln in body for x in cut_after_marks(ln)]
            top = cut_after_marks(head) if punct == 0.5 else top
        lines = [*mast, *body, *top, deck, byline or "□本报记者 林平"]
        gold = _gold(seed, [(head, byline or "□本报记者 林平", paras)], mast)
        gold["articles"][0]["subtitles"] = [deck]
        return "\n".join(x for x in lines if x) + "\n", gold
    body = _body(paras, width, punct)
    out, gap = [], rng.randint(2, 6)
    for n, ln in enumerate(body, 1):
        out.append(ln)
        if n % gap == 0:
            out.append("")
            gap = rng.randint(2, 6)
    lines = [*mast, title, "", *([byline, ""] if byline else []), *out]
    return "\n".join(lines) + "\n", _gold(seed, [(title, byline, paras)], mast)


def _nfkc(gold: dict) -> dict:
    norm = lambda s: unicodedata.normalize("NFKC", s)  # noqa: E731
    return {**gold, "boilerplate": [norm(b) for b in gold["boilerplate"]], "articles": [
        {**a, "title": norm(a["title"]), "byline": norm(a["byline"]),
         "paragraphs": [norm(p) for p in a["paragraphs"]]} for a in gold["articles"]]}


KEYS = ("boundary_f1", "title", "layout_spaces", "midsentence_breaks", "content_recall")
HEADER = f"{'kind':<9}{'pages':>6}" + "".join(f"{k[:12]:>13}" for k in KEYS)


def report(kind: str, pages: list[tuple[str, dict]], per_page: bool) -> list[dict]:
    """Clean and score the pages of one kind; print the failing pages (``per_page``) and the
    kind's means (a row under ``HEADER``)."""
    scorer = Q.load_scorer(Q.DATA)
    rows = []
    for text, gold in pages:
        articles = clean_text(text, gold["seed"])
        gold = _nfkc(gold)
        figures, details = scorer.score(gold, unicodedata.normalize("NFKC", Q.render(articles)))
        found = {Q.norm(a.title) for a in articles}
        figures["title"] = float(all(Q.norm(g["title"]) in found for g in gold["articles"]))
        rows.append(figures)
        if per_page and (figures["boundary_f1"] < 1 or not figures["title"]
                         or figures["midsentence_breaks"]):
            print(gold["seed"], figures["boundary_f1"], figures["title"],
                  figures["midsentence_breaks"], [a.title for a in articles],
                  details["midsentence_breaks"][:3])
    print(f"{kind:<9}{len(rows):>6}" + "".join(f"{Q.mean(rows, k):>13.4f}" for k in KEYS))
    return rows


def run(argv: list[str] | None, doc: str, kinds: tuple[str, ...], make_page,
        widths) -> int:
    """The command line of a page-kinds benchmark: ``--kind`` (repeated) and ``--per-page``;
    ``make_page(kind, k, art, width, punct)`` gives a page of article ``art`` (one of
    ``make_page.articles``), ``widths(kind)`` the column widths a kind is set in."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--kind", action="append", choices=kinds)
    ap.add_argument("--per-page", action="store_true")
    args = ap.parse_args(argv)
    if not (Q.DATA / "score_clean.py").is_file():
        print(f"skipped: no scorer at {Q.DATA}")
        return 0
    print(HEADER)
    for kind in args.kind or kinds:
        grid = itertools.product(range(make_page.articles), widths(kind), PUNCT)
        report(kind, [make_page(kind, k, art, width, punct) for k, (art, width, punct)
                      in enumerate(grid)], args.per_page)
    return 0


page.articles = len(ARTICLES)


def main(argv: list[str] | None = None) -> int:
    return run(argv, __doc__, KINDS, page, lambda kind: WIDTHS)

if __name__ == "__main__":
    sys.exit(main())
