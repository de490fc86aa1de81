"""Near-duplicates: fingerprints ignore layout, reposts group, distinct articles do not."""

from __future__ import annotations

from helpers import make_article

from fjhealth.dedupe import (
    MAX_POSTING,
    DuplicateGroup,
    duplicate_of,
    find_duplicates,
    fingerprint,
    fingerprint_text,
    similarity,
)

STORY = (
    "福建省卫健委近日召开会议，部署推进紧密型县域医共体建设工作，要求各地加快建设步伐。",
    "会议要求，各地要加快分级诊疗制度建设，让群众在家门口就能看好病，减少跨区域就医负担。",
    "截至目前，全省已组建县域医共体七十二个，覆盖所有县（市、区），基层诊疗量占比持续提升。",
)
OTHER = (
    "泉州市推进医保支付方式改革，按病种分值付费覆盖全部二级以上公立医院和部分民营医院。",
    "三明市药品耗材联合限价采购节约资金，患者负担明显减轻，医务人员薪酬制度改革继续深化。",
)


def test_empty_and_short_texts() -> None:
    assert fingerprint_text("") == frozenset()
    assert fingerprint_text("，。 ") == frozenset()
    assert find_duplicates([]) == ()
    assert find_duplicates([("1", fingerprint_text("医保")), ("2", fingerprint_text("医保"))]) == ()


def test_fingerprint_ignores_line_breaks_spaces_punctuation_and_case() -> None:
    text = "".join(STORY) + "DRG付费"
    wrapped = "\n".join(text[i : i + 17] for i in range(0, len(text), 17)).replace("，", " , ")
    assert fingerprint_text(text) == fingerprint_text(wrapped.lower())


def test_similarity() -> None:
    a, b = fingerprint_text("".join(STORY)), fingerprint_text("".join(OTHER))
    assert similarity(a, a) == 1.0
    assert similarity(a, b) < 0.2
    assert similarity(a, frozenset()) == 0.0


def test_reposts_group_and_distinct_articles_do_not() -> None:
    original = make_article(*STORY, id="001", title="福建推进县域医共体建设")
    edited = make_article(
        STORY[0].replace("七十二", "七十三"), STORY[1], STORY[2] + "（转载）",
        id="007", title="福建推进县域医共体建设",
    )
    excerpt = make_article(*STORY[:2], id="009", title="")
    other = make_article(*OTHER, id="003", title="医改")
    groups = find_duplicates((a.id, fingerprint(a)) for a in (original, other, edited, excerpt))
    assert [g.ids for g in groups] == [("001", "007", "009")]
    assert all(s >= 0.5 for _, _, s in groups[0].pairs)
    assert duplicate_of(groups) == {"007": "001", "009": "001"}


def test_group_first() -> None:
    assert DuplicateGroup(("002", "005"), ()).first == "002"


def test_a_story_carried_more_times_than_a_posting_holds_is_one_group() -> None:
    """More copies than MAX_POSTING (each shared shingle's list is then too long to propose
    pairs): identical copies still pair with the first, and an edited copy still joins them."""
    story = fingerprint_text("".join(STORY))
    copies = [(f"{n:03}", story) for n in range(MAX_POSTING + 10)]
    edited = fingerprint_text("".join(STORY).replace("七十二", "七十三") + "（转载）")
    prints = [*copies, ("900", fingerprint_text("".join(OTHER))), ("901", edited)]
    (group,) = find_duplicates(prints)
    assert group.ids == (*(i for i, _ in copies), "901")
    assert duplicate_of((group,))["059"] == "000"
