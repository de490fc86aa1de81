"""Printed width in character cells (fjhealth.cells)."""

from fjhealth.cells import cell_counts, counted_width, width


def test_han_full_latin_half_spaces_free() -> None:
    assert width("省医学会") == 4
    assert width("DRG 支付") == 3.5  # three half cells, two full, the space is layout
    assert width("１２３") == 3  # full-width digits fill a cell


def test_cjk_punctuation_is_one_cell_or_half() -> None:
    assert width("好。", punct=1.0) == 2
    assert width("好。", punct=0.5) == 1.5


def test_counts_add_up_in_any_order() -> None:
    counts = cell_counts("会议，300人")
    assert counts == (3, 1, 3)
    assert counted_width(counts, 0.5) == width("会议，300人", 0.5) == 5.0


def test_hostile_characters_keep_the_table_bounded() -> None:
    text = "".join(map(chr, range(0x10000, 0x10000 + 2000)))
    assert width(text) == 1000  # unknown characters count half a cell each
