"""Columns printed side by side (``fjhealth.column_unfold``): read one after the other."""

from __future__ import annotations

from helpers import wrap_column

from fjhealth.clean import clean_text
from fjhealth.column_unfold import unfold_columns

HEADLINE = "乡村医生进田头送药"
PARAGRAPHS = [
    "入秋以来，全县乡镇卫生院组织医生走进田间地头，为正在收割的农民量血压、测血糖。",
    "医生们还把常用药品装进药箱，送到行动不便的老人家中，受到群众欢迎。",
    "卫生院院长说，农忙时节农民没空看病，医生就把服务送到田头，方便群众。",
    "下一步，全县将建立巡回医疗制度，让群众在家门口就能看上病、看好病。",
]


def side_by_side(width: int) -> str:
    """The paragraphs set in two columns printed on the same lines, as pdftotext -layout does."""
    body = [ln for p in PARAGRAPHS for ln in wrap_column(p, width)]
    half = (len(body) + 1) // 2
    left, right = body[:half], body[half:]
    rows = [a + " " * (2 * width + 4 - 2 * len(a)) + b
            for a, b in zip(left, [*right, ""], strict=False)]
    return "\n".join([HEADLINE, *(r.rstrip() for r in rows)]) + "\n"


def test_text_with_no_gutter_is_left_as_it_is() -> None:
    assert unfold_columns("") == ""
    text = "医院今年接诊患者三万人次。\n门诊  两万人次\n住院  一万人次\n"
    assert unfold_columns(text) == text


def test_a_short_table_is_no_pair_of_columns() -> None:
    # rows of a name and a figure set apart by spaces: too short a side for a column
    text = "\n".join(f"科室{k}    {k}人" for k in range(8)) + "\n"
    assert unfold_columns(text) == text


def test_columns_side_by_side_are_read_one_after_the_other() -> None:
    for width in (12, 16):
        (a,) = clean_text(side_by_side(width), "p")
        assert (a.title, a.paragraphs) == (HEADLINE, tuple(PARAGRAPHS))
