"""E-paper cleaning on pages made here: articles written for this check, set in narrow columns.

    python benchmarks/epaper_selfmade.py [--per-page] [--no-cut]

A check beside ``epaper_quality.py`` that uses no dev data: three short articles written for
it are typeset (``tests/helpers.typeset_page``) at column widths 9-20 cells, with full- or
half-width punctuation, column breaks every 7-15 lines or none, justified (spaced-out) lines,
the headline first or last, each printed line whole or cut after every punctuation mark (as
``pdftotext -raw`` gives it), with and without masthead and byline: 3 x 5 x 2 x 3 x 2 x 2 x 2 =
720 pages (``--no-cut``: the 360 with whole lines only). Each is cleaned and scored with the
shared scorer when ../shared/data is present (its ``score_clean.py``; gold is written here in
its format), else with exact paragraph matching. Prints the means over all pages and over the
cut ones: paragraph-break F1, title accuracy, layout spaces, mid-sentence breaks.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import epaper_quality as Q  # noqa: E402
from helpers import typeset_page  # noqa: E402

from fjhealth.clean import clean_text  # noqa: E402

ARTICLES = [
    ("山区卫生院用上远程心电诊断", "本报记者 林晓", [
        "本报讯 近日，闽西山区十二家乡镇卫生院接入县医院远程心电诊断平台，村民在卫生院做完心电图，"
        "二十分钟内就能拿到县医院医生的诊断报告。",
        "过去，乡镇卫生院没有能读心电图的医生，村民遇到胸闷心慌，只能坐一个多小时的车到县城检查。"
        "不少老人怕麻烦，一拖再拖，耽误了治疗。",
        "平台开通以来，已为两千三百多名村民完成远程诊断，发现急性心肌梗死患者九人，都在第一时间转到"
        "县医院救治。",
        "县卫健局负责人说，明年将把平台延伸到村卫生所，让群众在家门口就能做心电检查。",
    ]),
    ("社区护士上门服务失能老人", "", [
        "新华社福州3月8日电（记者陈明）福州市鼓楼区今年起组织社区护士为辖区失能老人提供上门护理，"
        "每月至少上门两次，为老人换药、测血压、指导家属护理。",
        "七十六岁的王阿婆卧床三年，过去每次换药都要家人背着去医院。护士上门后，王阿婆的压疮"
        "两个月就愈合了。",
        "区卫健局介绍，全区已有四百多名失能老人签约上门护理服务，费用大部分由长期护理保险支付，"
        "个人每月只需负担几十元。",
        "不少家属表示，护士上门不仅减轻了负担，还教会了他们很多护理知识。",
        "下一步，鼓楼区将培训更多社区护士，并探索夜间上门服务。",
    ]),
    ("儿童近视防控进校园", "本报通讯员 黄敏", [
        "为了让孩子们少戴眼镜，泉州市今年在全市中小学推行课间远眺和户外活动两小时制度，"
        "并为每所学校配备视力筛查设备。",
        "市疾控中心的数据显示，去年全市中小学生近视率比前年下降了一点八个百分点，其中小学生下降"
        "最为明显。",
        "一位班主任说，现在课间十分钟，孩子们都被“赶”到操场上，眼睛累了就看看远处的山。",
        "眼科专家提醒，家长也要控制孩子在家使用手机和平板的时间，做到每天不超过一小时。",
    ]),
]
WIDTHS = (9, 11, 13, 16, 20)
PUNCT = (1.0, 0.5)
COLUMN_LINES = (0, 7, 15)
SPREAD = (0, 4)
HEAD_LAST = (False, True)
CUT = (False, True)
MASTHEAD = ("健康周报", "2025年3月10日 星期一", "第2版", "要闻", "责编：王芳")


def pages(cuts: tuple[bool, ...] = CUT):
    """(text, gold) for every combination of the layout settings."""
    grid = itertools.product(cuts, ARTICLES, WIDTHS, PUNCT, COLUMN_LINES, SPREAD, HEAD_LAST)
    for k, (cut, (title, byline, paras), w, punct, cols, spread, last) in enumerate(grid):
        text = typeset_page(paras, w, headline=title, byline=byline if k % 2 else "",
                            masthead=MASTHEAD if k % 3 else (), column_lines=cols, punct=punct,
                            spread_every=spread, headline_last=last, cut_marks=cut)
        gold = {"seed": f"{k:03d}", "cut": cut, "boilerplate": list(MASTHEAD) if k % 3 else [],
                "articles": [{"title": title, "subtitles": [], "byline": byline, "date": "",
                              "paragraphs": [p.replace(" ", "") for p in paras],
                              "captions": []}]}
        yield text, gold


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-page", action="store_true")
    ap.add_argument("--no-cut", action="store_true", help="whole printed lines only")
    args = ap.parse_args(argv)
    scorer = Q.load_scorer(Q.DATA) if (Q.DATA / "score_clean.py").is_file() else None
    rows = []
    for text, gold in pages((False,) if args.no_cut else CUT):
        articles = clean_text(text, gold["seed"])
        want = gold["articles"][0]
        if scorer is not None:
            figures, _ = scorer.score(gold, Q.render(articles))
        else:
            got = [p for a in articles for p in a.paragraphs]
            figures = {"boundary_f1": float(got == want["paragraphs"]), "layout_spaces": 0,
                       "midsentence_breaks": 0, "content_recall": 1.0}
        figures["title"] = float(any(Q.norm(a.title) == Q.norm(want["title"]) for a in articles))
        figures["cut"] = gold["cut"]
        rows.append(figures)
        if args.per_page and (figures["boundary_f1"] < 1 or not figures["title"]):
            print(gold["seed"], figures["boundary_f1"], figures["title"],
                  [a.title for a in articles])
    print(f"{len(rows)} pages" + ("" if scorer else " (no scorer: exact paragraph match)"))
    cut = [r for r in rows if r["cut"]]
    print(f"{'':<20}{'all':>8}" + (f"{'cut':>8}" if cut else ""))
    for key in ("content_recall", "boundary_f1", "title", "layout_spaces", "midsentence_breaks"):
        print(f"{key:<20}{Q.mean(rows, key):>8.4f}" + (f"{Q.mean(cut, key):>8.4f}" if cut else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
