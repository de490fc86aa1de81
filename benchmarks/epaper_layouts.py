"""E-paper cleaning on self-made pages in layouts neither ``epaper_selfmade.py`` nor
``epaper_kinds.py`` typesets, with three articles written for this check only.

    python benchmarks/epaper_layouts.py [--kind KIND ...] [--per-page]

- ``narrow``: columns 6-9 cells wide (a lead "本报讯 记者从…" broken after a few characters);
- ``credit``: a photo caption and its credit line ("图：…" / "本报记者 …摄") printed between two
  lines of a paragraph, where the column breaks (a blank line around it half the time);
- ``jumps``: jump lines in other forms (``（下转第三版）``, ``上接第1版``, ``（转第5版）``): the
  first article sent on mid-sentence, the second come from another page;
- ``sidebar``: a box under the article, headed ``相关链接`` (kept as the article's text);
- ``furniture``: the page header and footer (版次, 日期, 责任编辑, 版式) in different orders,
  one line or several, at the top or at the bottom;
- ``noisy``: OCR noise: stray spaces, full- and half-width marks mixed on one page, trailing
  spaces, a space before a mark;
- ``multi3``: three articles on one page, bylines on some only.

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

ARTICLES = [
    ("县域医共体推行检查结果互认", "本报记者 郑雯", [
        "本报讯 记者从市卫健委获悉，今年以来，全市十个县域医共体推行检查检验结果互认，患者在乡镇"
        "卫生院做过的化验和影像检查，到县医院就诊时不必重做。",
        "过去，患者转到县医院后往往要把血常规、胸片等检查再做一遍，既花钱又耽误时间。互认推行后，"
        "县乡两级共用一个影像和检验平台，医生在诊室就能调阅患者此前的检查结果。",
        "据统计，半年来全市累计互认检查结果一万八千多项，为患者节省费用两百多万元。",
        "市卫健委相关负责人表示，下一步将把互认范围扩大到市级医院，并逐步纳入更多检查项目。",
    ]),
    ("老年人流感疫苗免费接种启动", "", [
        "本报厦门10月9日电 记者吴涛报道：厦门市今年继续为六十五岁以上户籍老人免费接种流感疫苗，"
        "全市两百多个接种点从本周起陆续开放。",
        "接种点设在社区卫生服务中心和乡镇卫生院，老人带上身份证即可接种，不用提前预约。行动不便的"
        "老人，可以由家庭医生团队上门服务。",
        "疾控专家提醒，流感疫苗每年都要接种，最好在流感高发季到来之前完成，患有慢性病的老人更要"
        "及时接种。",
        "截至目前，已有三万多名老人完成接种，部分社区接种点出现排队现象，相关部门正在增派医护人员。",
    ]),
    ("乡村医生背上智能药箱", "通讯员 蔡明 本报记者 许静", [
        "走进南山村卫生所，村医老刘正在用一台平板电脑给村民开药。这是县里今年为村医配发的智能药箱，"
        "能联网查询药品库存，还能把处方传到县医院审核。",
        "老刘说，以前开药全凭经验，现在系统会提示药物之间的相互作用，用药心里更有底了。",
        "县卫健局介绍，全县一百二十个村卫生所都已配上智能药箱，常用药品由县医院统一配送，村民在"
        "家门口就能买到和城里一样价格的药。",
        "一些村民也反映，部分慢性病用药的品种还不够齐全。对此，县里计划明年再增加五十种药品。",
    ]),
]
BOX = ["什么是结果互认？就是医疗机构之间对符合质量要求的检查检验结果相互认可，"
       "患者转诊时不必重复检查。",
       "哪些项目可以互认？目前包括血常规、尿常规、肝功能等常规检验和普通放射检查。"]
CAPTIONS = (("图为村医在为村民测量血压。", "本报记者 许静摄"),
            ("图：社区卫生服务中心的医生为老人接种疫苗。", "记者 吴涛 摄"))
HEADERS = (["第3版", "2025年5月8日 星期四", "健康·民生", "责任编辑：李明"],
           ["健康·民生 第3版", "责任编辑：李明 版式设计：王华"],
           ["2025年5月8日 星期四 第3版 健康·民生"])
FOOTERS = ([], ["责任编辑：李明 美术编辑：王华 校对：陈红"], ["第3版 2025年5月8日"])
KINDS = ("narrow", "credit", "jumps", "sidebar", "furniture", "noisy", "multi3")
WIDTHS = {"narrow": (6, 7, 8, 9)}
GAP = " "  # a line of a space: a blank line once the reader strips it
MARKS = str.maketrans("，。：；！？（）", ",.:;!?()")


def _noisy(line: str, rng: random.Random) -> str:
    """A line as noisy OCR reads it: each mark full- or half-width at random, stray spaces (one
    before a mark now and then), a trailing space."""
    out = ""
    for c in line:
        c = c.translate(MARKS) if rng.random() < 0.5 else c
        out += (" " if c in ",.;:，。" and rng.random() < 0.1 else "") + c
        out += " " if rng.random() < 0.06 else ""
    return out.rstrip() + (" " if rng.random() < 0.3 else "")


def page(kind: str, k: int, art: int, width: int, punct: float) -> tuple[str, dict]:
    """(text, gold) of one page of a kind."""
    rng = random.Random(f"layouts-{kind}-{k}")
    title, byline, paras = ARTICLES[art]
    byline = byline if k % 2 else ""
    mast = list(HEADERS[k % 3]) if kind != "furniture" else []
    seed = f"{kind}-{k:03d}"
    body = K._body(paras, width, punct)
    if kind in ("narrow", "noisy"):
        if kind == "noisy":
            body = [_noisy(ln, rng) for ln in body]
        lines = [*mast, title, byline, *body]
        return _text(lines), K._gold(seed, [(title, byline, paras)], mast)
    if kind == "credit":
        cap, credit = CAPTIONS[k % 2]
        at = 3 + k % max(len(body) - 4, 1)
        gap = [GAP] if k % 4 >= 2 else []
        lines = [*mast, title, byline, *body[:at], *gap, cap, credit, *gap, *body[at:]]
        gold = K._gold(seed, [(title, byline, paras)], mast)
        gold["articles"][0]["captions"] = [cap, credit]
        return _text(lines), gold
    if kind == "jumps":
        t2, b2, p2 = ARTICLES[(art + 1) % len(ARTICLES)]
        goes = ("（下转第三版）", "下转第4版", "（转第5版）")[k % 3]
        came = ("（上接第一版）", "上接第1版", "（紧接第二版）")[k % 3]
        kept = paras[:-1] + [paras[-1][: len(paras[-1]) // 2].rstrip("，、。")]
        lines = [*mast, title, byline, *K._body(kept, width, punct), goes,
                 t2, came, *K._body(p2, width, punct)]
        gold = K._gold(seed, [(title, byline, kept), (t2, "", p2)], [*mast, came, goes])
        return _text(lines), gold
    if kind == "sidebar":
        box = [ln for p in BOX for ln in K.wrap_column(p, width, punct)]
        lines = [*mast, title, byline, *body, GAP, "相关链接", *box]
        gold = K._gold(seed, [(title, byline, paras + BOX)], mast)
        gold["articles"][0]["subtitles"] = ["相关链接"]
        return _text(lines), gold
    if kind == "furniture":
        head, foot = list(HEADERS[k % 3]), list(FOOTERS[(k // 3) % 3])
        if k % 2:
            head = head[::-1]
        lines = [*head, title, byline, *body, *foot]
        return _text(lines), K._gold(seed, [(title, byline, paras)], head + foot)
    arts = [ARTICLES[(art + n) % len(ARTICLES)] for n in range(3)]
    arts = [(t, b if (k + n) % 2 else "", p) for n, (t, b, p) in enumerate(arts)]
    lines = [*mast, *(x for t, b, p in arts for x in (t, b, *K._body(p, width, punct)))]
    return _text(lines), K._gold(seed, arts, mast)


def _text(lines: list[str]) -> str:
    """The page's text: empty items (no byline) left out, a ``GAP`` read as a blank line."""
    return "\n".join(x for x in lines if x) + "\n"


page.articles = len(ARTICLES)


def widths(kind: str) -> tuple[int, ...]:
    """The column widths a kind is set in."""
    return WIDTHS.get(kind, (9, 12, 16))


def main(argv: list[str] | None = None) -> int:
    return K.run(argv, __doc__, KINDS, page, widths)

if __name__ == "__main__":
    sys.exit(main())
