"""Query parsing: ranked plain words, boolean operators, phrases, exclusions."""

from __future__ import annotations

import pytest

from fjhealth.query import All, Any, Not, QueryError, Term, parse_query


@pytest.mark.parametrize("text", ["", "   ", "NOT", "-", "--", "AND OR", '""', "()"])
def test_no_word_to_search_is_an_error(text: str) -> None:
    with pytest.raises(QueryError, match="no word to search for"):
        parse_query(text)


def test_plain_words_are_ranked() -> None:
    q = parse_query("医共体 医保")
    assert q.ranked
    assert q.root == All((Term("医共体"), Term("医保")))


def test_one_word() -> None:
    q = parse_query("医共体")
    assert q.ranked and q.terms() == (Term("医共体"),)


@pytest.mark.parametrize("text", ['"分级诊疗"', "“分级诊疗”"])
def test_quotes_make_a_phrase(text: str) -> None:
    q = parse_query(text)
    assert not q.ranked
    assert q.root == Term("分级诊疗", phrase=True)


def test_unclosed_quote_runs_to_the_end() -> None:
    assert parse_query('"分级 诊疗').root == Term("分级 诊疗", phrase=True)


def test_or_binds_tighter_than_and() -> None:
    q = parse_query("医共体 OR 医联体 医保")
    assert q.root == All((Any((Term("医共体"), Term("医联体"))), Term("医保")))


def test_not_and_minus_exclude() -> None:
    expected = All((Term("医保"), Not(Term("药品"))))
    assert parse_query("医保 NOT 药品").root == expected
    assert parse_query("医保 -药品").root == expected
    assert parse_query("医保 -药品").terms() == (Term("医保"),)


def test_parentheses_group() -> None:
    q = parse_query("(医共体 OR 医联体) AND 福建")
    assert q.root == All((Any((Term("医共体"), Term("医联体"))), Term("福建")))


def test_lowercase_operators_are_words() -> None:
    q = parse_query("covid or flu")
    assert q.ranked and [t.text for t in q.terms()] == ["covid", "or", "flu"]


def test_dangling_operators_and_stray_parentheses_are_ignored() -> None:
    assert parse_query("医保 AND").root == Term("医保")
    assert parse_query("医保 OR").root == Term("医保")
    assert parse_query("医保)").root == Term("医保")
    assert parse_query("(医保").root == Term("医保")


@pytest.mark.parametrize("text", ["-医保", "NOT 医保", "-医保 NOT 医院", "NOT (医保 OR 药品)"])
def test_a_query_that_only_excludes_says_so(text: str) -> None:
    """``NOT 医保`` has a word: the error said it had none."""
    with pytest.raises(QueryError, match="only excludes"):
        parse_query(text)


def test_a_double_negation_includes() -> None:
    """``NOT NOT 药品`` dropped its first NOT and so excluded 药品 (alone: no word at all)."""
    assert parse_query("医保 NOT NOT 药品").root == All((Term("医保"), Term("药品")))
    assert parse_query("NOT NOT 医保").root == Term("医保")
    assert parse_query("医保 --药品").root == All((Term("医保"), Not(Term("药品"))))
