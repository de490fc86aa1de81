"""Printed lines put back together on a page cut after every mark (``fjhealth.column_cuts``)."""

from __future__ import annotations

from helpers import cut_after_marks

from fjhealth.column_cuts import rebuild_lines
from fjhealth.column_lines import read_lines

# printed lines 11 cells wide; the fourth is a character short: "道、" could not be parted
PRINTED = ["方鸣认为，策划是对图书", "进行整体包装，不单单是", "指书稿内容，还要做工精",
           "致。只有追求精致、精", "道、精当、精美，才能反", "映出书的内在价值。"]


def test_a_line_a_character_short_before_a_character_and_its_mark_is_whole() -> None:
    pieces = [p for ln in PRINTED for p in cut_after_marks(ln)]
    assert [ln.text for ln in rebuild_lines(read_lines("\n".join(pieces)))] == PRINTED
