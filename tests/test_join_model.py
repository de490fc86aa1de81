"""The join model: whether a body line carries on the paragraph above it."""

from __future__ import annotations

import pytest

from fjhealth.join_model import joins
from fjhealth.models import Line


@pytest.mark.parametrize(
    ("prev", "nxt", "joined"),
    [
        ("“以前看病要跑到市里,现在", "在镇上就能做检查了。”村民老张说。", True),  # open quote
        ("本报讯", "近日，三明市卫健委印发通知。", True),  # a dateline opens the sentence
        ("会议要求各地加快建设步伐。", "下一步，全省将扩大试点范围。", False),
    ],
)
def test_joins(prev: str, nxt: str, joined: bool) -> None:
    assert joins(Line(prev), Line(nxt, gap=True)) is joined
