"""The character-pair model of prose (``fjhealth.char_pairs``) and its use where a column page's
layout breaks a line of display text in two."""

from __future__ import annotations

from helpers import wrap_column

from fjhealth.char_pairs import Pairs, format_line, model, parse_line, runs_on
from fjhealth.clean import clean_text


def _pairs(stats: dict, threshold: float = 0.0) -> Pairs:
    totals = tuple(sum(s[k] for s in stats.values()) for k in range(4))
    return Pairs(lambda c: stats.get(c, (0, 0, 0, 0, {})), totals, len(stats), 20.0, threshold)


# A toy table: 甲 always runs on, 乙 mostly ends a clause; 丙 never opens one, 丁 often does;
# 甲 is followed by 丙 far more often than 丙's share of the text.
TOY = {
    "甲": (100, 0, 10, 10, {"丙": 60, "丁": 40}),
    "乙": (10, 90, 10, 10, {"丙": 5, "丁": 5}),
    "丙": (50, 50, 65, 0, {"甲": 50}),
    "丁": (50, 50, 45, 60, {"乙": 50}),
}


def test_degenerate_breaks_never_run_on() -> None:
    assert not runs_on("", "")
    assert not runs_on("送", "")
    assert not runs_on("已完成。", "书上门")  # a sentence mark before the break
    assert not runs_on("第3", "期")  # a digit
    assert not runs_on("送", "\U0002A6A5")  # a character the prose never showed: no evidence


def test_a_character_that_ends_clauses_runs_on_less() -> None:
    toy = _pairs(TOY)
    assert toy.score("甲", "丙") > toy.score("乙", "丙")


def test_a_character_that_opens_clauses_runs_on_less() -> None:
    toy = _pairs(TOY)
    assert toy.score("乙", "丙") > toy.score("乙", "丁")


def test_a_pair_seen_together_runs_on_more_than_one_never_seen() -> None:
    toy = _pairs(TOY)
    assert toy.score("丙", "甲") > toy.score("丙", "乙")


def test_lines_read_back_as_written() -> None:
    stats = (7, 2, 5, 1, {"物": 3, "货": 3, "给": 2, "戏": 1})
    line = format_line("送", stats)
    assert line == "送 7 2 5 1 3物货2给1戏"
    assert parse_line(line) == ("送", stats)
    assert parse_line("龘 0 1 0 1 ") == ("龘", (0, 1, 0, 1, {}))


def test_the_shipped_model_tells_a_verb_and_its_object_from_a_boundary() -> None:
    m = model()
    assert m.threshold > 0
    assert m.score("送", "书") > m.threshold  # a verb and its object run on
    assert m.score("村", "义") < m.threshold  # a place that ends a phrase, a word that opens one


HEADLINE = "越剧人才成长不易"
FIRST = "越剧是个唱腔柔美的剧种，它的观众遍及江南城乡，而它的兴盛离不开几代艺人的传承与创新。"
MID = "近几年，县剧团每年排演两部新戏，下乡演出一百多场，培养了一批年轻的演员和乐手。"
LAST = "剧团兴旺的根本在人才。培养造就一支功底扎实的青年演员队伍是越剧走向明天的可靠保障。"


def _page(left: str, right: str) -> list[str]:
    lines = [HEADLINE, *wrap_column(FIRST, 14), *wrap_column(MID, 14), "", left, "", right, "",
             *wrap_column(LAST, 14)]
    (a,) = clean_text("\n".join(lines) + "\n", "p")
    return [b.text for b in a.blocks]


def test_a_photo_title_broken_where_the_characters_run_on_is_one_block() -> None:
    # "…送" / "书…": no dictionary word, no word that never ends a clause; the characters
    # still run on (a verb and its object)
    assert "县图书馆志愿者进村送书上门（图片）" in _page("县图书馆志愿者进村送", "书上门（图片）")


def test_two_display_lines_that_do_not_run_on_stay_apart() -> None:
    blocks = _page("县图书馆志愿者进村", "义诊（图片）")
    assert "县图书馆志愿者进村" in blocks and "义诊（图片）" in blocks


def test_every_character_of_the_table_is_found_and_no_other() -> None:
    from importlib import resources

    text = resources.files("fjhealth.data").joinpath("pairs.txt").read_text(encoding="utf-8")
    lines = [x for x in text.split("\n")[1:] if x]
    stats = model().stats
    assert all(stats(x.split(" ", 1)[0]) == parse_line(x)[1] for x in lines)
    for absent in ("a", "\u4dff", "\uffff", "\U00020000"):  # before, between and after them
        assert stats(absent) == (0, 0, 0, 0, {})
