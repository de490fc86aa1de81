"""Printed width in character cells (fjhealth.cells)."""

from fjhealth import patterns as P
from fjhealth.cells import cell_counts, counted_width, lines_cell_counts, width


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


def test_other_characters_count_half_a_cell() -> None:
    text = "".join(map(chr, range(0x10000, 0x10000 + 2000)))
    assert width(text) == 1000  # unknown characters count half a cell each


def _kind(ch: str) -> tuple[int, int, int]:
    """The counts of one character by the character classes' definition."""
    if ch == " ":
        return 0, 0, 0
    if P.is_han(ch) or "\uff10" <= ch <= "\uff5a":
        return 1, 0, 0
    return (0, 1, 0) if P.is_cjk_punct(ch) else (0, 0, 1)


def test_every_character_counts_as_its_class_says() -> None:
    codes = [*range(0xD800), *range(0xE000, 0x10000),
             *(c + d for c in (0x20000, 0x2A6DF, 0x3134F) for d in (-1, 0, 1))]
    chars = [chr(c) for c in codes if c != 0x0A]
    assert lines_cell_counts(chars) == [_kind(ch) for ch in chars]


def test_lines_are_counted_as_one_by_one() -> None:
    lines = ["会议，300人", "", "DRG 支付", "“好。”", "a\nb"]  # (a line break: one by one)
    assert lines_cell_counts(lines) == [cell_counts(x) for x in lines]
    assert lines_cell_counts(lines[:-1]) == [cell_counts(x) for x in lines[:-1]]
