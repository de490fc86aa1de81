"""Titles of column pages (``fjhealth.columns``): which display line titles an article."""

from __future__ import annotations

import pytest
from helpers import wrap_column

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
