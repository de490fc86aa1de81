"""Printed lines put back together on a page cut after every mark (``fjhealth.column_cuts``)."""

from __future__ import annotations

from helpers import cut_after_marks

from fjhealth.column_cuts import rebuild_lines
from fjhealth.column_page import read_lines

# printed lines 11 cells wide; the fourth is a character short: "准、" could not be parted
PRINTED = ["陈医生说，随访是对患者", "进行全程管理，不单单是", "指开药复诊，还要饮食精",
           "细。只有做到精细、精", "准、精当、精心，才能反", "映出随访的价值。"]


def test_a_line_a_character_short_before_a_character_and_its_mark_is_whole() -> None:
    pieces = [p for ln in PRINTED for p in cut_after_marks(ln)]
    assert [ln.text for ln in rebuild_lines(read_lines("\n".join(pieces)))] == PRINTED
