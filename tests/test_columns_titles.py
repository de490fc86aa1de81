"""Titles of column pages (``fjhealth.columns``): which display line titles an article."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import kept, signature, typeset_page, wrap_column

from fjhealth.clean import clean_text

VILLAGES = [
    "记者从市卫健委获悉，全市已有两千多个行政村建起家庭医生团队，签约服务覆盖八成以上的村庄。",
    "家庭医生团队由乡镇卫生院医生、村医和护士组成，为签约居民建立健康档案，定期上门随访。",
    "不少村民说，以前头疼脑热要跑到镇上，现在打个电话，村医就上门了，记者在村里也看到了。",
]
HEADLINE = "家庭医生签约覆盖八成村庄"


@pytest.mark.parametrize("column", [9, 10, 14, 18])
def test_a_byline_spread_out_above_the_body_is_no_title(column: int) -> None:
    # "本 报 记 者 林 晓" (spread out by justification: read as a display line) shares "记者"
    # with the body, the headline is printed at the end of the page: a byline is never a title
    lines = ["本 报 记 者 林 晓", *(ln for p in VILLAGES for ln in wrap_column(p, column)),
             HEADLINE]
    (a,) = clean_text("\n".join(lines) + "\n", "p")
    assert a.title == HEADLINE


def test_a_headline_broken_at_its_comma_is_one_title_whatever_the_widths() -> None:
    # printed last over two lines, the second wider than the first: a line that stops at a
    # comma does not end a headline, so the two are one
    lines = [*(ln for p in VILLAGES for ln in wrap_column(p, 12)), "村医上门来，",
             "签约覆盖八成村庄", "——听听群众怎么说"]
    (a,) = clean_text("\n".join(lines) + "\n", "p")
    assert a.title == "村医上门来，签约覆盖八成村庄"


def test_a_question_broken_over_two_lines_over_a_deck_is_a_headline() -> None:
    lines = [*(ln for p in VILLAGES for ln in wrap_column(p, 12)), "签约以后，",
             "村医真的上门了吗？", "——听听群众怎么说"]
    (a,) = clean_text("\n".join(lines) + "\n", "p")
    assert a.title == "签约以后，村医真的上门了吗？"
    assert a.paragraphs == tuple(VILLAGES)


CLINIC = [
    "城关社区卫生服务中心上个月开设了中医理疗室，针灸、推拿和拔罐每天都有医生坐诊，"
    "附近居民不用再跑到县中医院排队。",
    "理疗室开设以来，每天接待居民五十多人次，以腰腿疼痛和颈椎不适的中老年人居多。",
    "中心主任说，理疗室的医生都在县中医院进修过半年，常见的理疗项目都能做。",
    "不少居民表示，以前做一次理疗要请半天假，现在下班后走几分钟就到了，做完还能赶回家做饭。",
]
SWIM = [
    "暑假将至，教育部门和卫健部门联合提醒家长，孩子游泳一定要有大人陪同，不去野外水塘。",
    "专家介绍，溺水往往发生在几分钟之内，而且没有呼救声，家长看护时千万不能低头玩手机。",
]


@pytest.mark.parametrize("column", [9, 12, 16])
def test_a_second_headline_with_no_byline_opens_an_article_its_words_begin(column) -> None:
    # no byline, dateline or deck under the second headline: the words of the first headline
    # stop below it and its own words begin, so it heads another article, not a section
    lines = ["社区卫生服务中心开设中医理疗室",
             *(ln for p in CLINIC for ln in wrap_column(p, column)),
             "暑期防溺水提醒家长", *(ln for p in SWIM for ln in wrap_column(p, column))]
    first, second = clean_text("\n".join(lines) + "\n", "p")
    assert (first.title, second.title) == ("社区卫生服务中心开设中医理疗室", "暑期防溺水提醒家长")
    assert second.paragraphs == tuple(SWIM)


def test_a_section_head_in_an_article_that_keeps_its_headlines_words_stays_a_heading() -> None:
    body = [*CLINIC, "居民反映，中医理疗室的收费和县中医院一样，部分项目还能用医保报销。"]
    lines = ["社区卫生服务中心开设中医理疗室", *(ln for p in body[:4] for ln in wrap_column(p, 12)),
             "居民得实惠", *wrap_column(body[4], 12)]
    (a,) = clean_text("\n".join(lines) + "\n", "p")
    assert [b.kind for b in a.blocks] == ["paragraph"] * 4 + ["heading", "paragraph"]


def test_a_headline_broken_inside_its_brackets_is_one_title() -> None:
    lines = [*(ln for p in CLINIC for ln in wrap_column(p, 12)), "", "中医理疗进社区（附", "",
             "图片2张）"]
    (a,) = clean_text("\n".join(lines) + "\n", "p")
    assert a.title == "中医理疗进社区（附图片2张）"


def test_a_headline_over_its_deck_printed_last_beats_a_line_above_the_body() -> None:
    # "中医理疗进社区" over its deck at the foot of the page is the headline; "社区风景（油画）"
    # above the body (a picture's title) shares a pair with the body but has no deck under it
    lines = ["社区风景（油画）", *(ln for p in CLINIC for ln in wrap_column(p, 12)),
             "中医理疗进社区", "——来自城关社区的报道"]
    (a,) = clean_text("\n".join(lines) + "\n", "p")
    assert a.title == "中医理疗进社区"


def test_a_headline_over_a_first_line_whose_comma_hangs_past_the_indent_stays_apart() -> None:
    # at 12 cells the first line "游泳馆里的救生员提醒，" is 10 cells and a comma that may not
    # open a line: no wider than an indented first line, so the unmarked line above is a head
    pool = "游泳馆里的救生员提醒，暑期来游泳的孩子很多，家长一定要在池边看护，不要让孩子离开视线。"
    lines = ["社区卫生服务中心开设中医理疗室",
             *(ln for p in CLINIC for ln in wrap_column(p, 12)),
             "暑期游泳安全要记牢", *wrap_column(pool, 12), *wrap_column(SWIM[1], 12)]
    assert lines[-len(wrap_column(pool, 12)) - len(wrap_column(SWIM[1], 12))].endswith("提醒，")
    articles = clean_text("\n".join(lines) + "\n", "p")
    assert all(not p.startswith("暑期游泳") for a in articles for p in a.paragraphs)
    assert pool in [p for a in articles for p in a.paragraphs]


# Short lines an extractor prints after a headline group at the foot of the page: a page number,
# a jump line, an editor's credit, a reprint note, a QR-code caption, an ad line, a photo credit.
AFTER = ("- 3 -", "3", "（下转第4版）", "责任编辑：林晓 美编：陈红", "本文已获授权转载。",
         "扫码关注本报公众号", "广告热线：0591-88776655", "图片由城关社区卫生服务中心提供。")


@pytest.mark.parametrize("after", [[x] for x in AFTER] + [[AFTER[7], AFTER[1]],
                                                          [AFTER[3], AFTER[0]]])
def test_a_headline_printed_last_keeps_its_title_over_short_lines_after_it(after) -> None:
    # the short lines after a blank line (a full sentence printed right under the headline,
    # with no blank line between, is still read as one run with it: the title is lost)
    page = typeset_page(CLINIC, 12, headline="社区卫生服务中心开设中医理疗室",
                        byline="本报记者 林晓", headline_last=True)
    text = page + "\n" + "\n".join(after) + "\n"
    articles = clean_text(text, "p")
    assert articles[0].title == "社区卫生服务中心开设中医理疗室"
    assert articles[0].paragraphs == tuple(CLINIC)
    assert kept(articles) == signature(text)  # the short lines land somewhere


SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.mark.parametrize("seed", ["000", "003"])
@pytest.mark.parametrize("after", ["第2版", "本版责编：吴敏", "本文经作者授权发布。"])
def test_a_seed_printed_headline_last_keeps_its_titles_over_a_line_after_it(seed, after) -> None:
    (path,) = SEEDS.glob(f"{seed}_*.txt")
    page = path.read_text(encoding="utf-8")
    text = f"{page.rstrip()}\n\n{after}\n"
    before, now = clean_text(page, seed), clean_text(text, seed)
    assert [a.title for a in now] == [a.title for a in before]
    assert all(a.title for a in now)
    assert kept(now) == signature(text)


def test_a_section_head_over_a_short_last_paragraph_stays_a_heading() -> None:
    # the article has its headline above the body: a short last paragraph under a section head
    # is no furniture after a headline group printed last
    lines = ["社区卫生服务中心开设中医理疗室", *(ln for p in CLINIC for ln in wrap_column(p, 12)),
             "", "居民得实惠", "", *wrap_column("居民都说好。", 12)]
    (a,) = clean_text("\n".join(lines) + "\n", "p")
    assert a.title == "社区卫生服务中心开设中医理疗室"
    assert [b.kind for b in a.blocks][-2:] == ["heading", "paragraph"]
