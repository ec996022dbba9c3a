"""``rasd train``: candidates labelled by eval's pairing, cross-validated, deterministic.

The articles are composed for these tests; each tells two incidents, and the
"gold" codes only the first (rasd's own event for it), so the second is a
candidate a coder would drop.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

import rasd
from rasd.cli.main import main
from rasd.evaluate.gold import parse_event
from rasd.evaluate.train import candidates, fold_of, train
from rasd.extract.scorer import read_scorer

ARTICLES = [
    "قُتل ثلاثة مدنيين في قصف جوي على مدينة إدلب صباح اليوم. وفي مدينة درعا اندلعت "
    "اشتباكات بين الجيش السوري وفصائل المعارضة.",
    "شنت طائرات حربية غارات على مدينة الرقة أمس. واعتقلت قوات الأمن خمسة أشخاص في "
    "مدينة حمص.",
    "قُتل جنديان في هجوم مسلح على حاجز للجيش قرب مدينة حماة. وتظاهر مئات في مدينة "
    "السويداء.",
    "انفجرت عبوة ناسفة في سوق مدينة الموصل مما أدى إلى مقتل أربعة مدنيين. واشتبكت قوات "
    "البيشمركة مع تنظيم داعش قرب كركوك.",
    "قصفت مدفعية الجيش بلدة اللطامنة بعشرات القذائف اليوم. واعتقلت الشرطة ثلاثة أشخاص "
    "في مدينة حلب.",
    "شنت طائرات حربية غارة جوية على مدينة منبج صباح اليوم. وخرجت مظاهرة في مدينة "
    "القامشلي.",
]
PUBLISHED = date(2024, 3, 5)


@pytest.fixture(scope="module")
def gold_set(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The articles as JSON Lines, and a gold file coding the first event of each."""
    root = tmp_path_factory.mktemp("train")
    docs = [rasd.document(t, name=f"art-{i}", published=PUBLISHED, source="مثال")
            for i, t in enumerate(ARTICLES)]
    articles = root / "articles.jsonl"
    with articles.open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps({"id": d.name, "published": PUBLISHED.isoformat(),
                                 "source": "مثال", "text": d.text}, ensure_ascii=False) + "\n")
    gold = root / "gold.jsonl"
    with gold.open("w", encoding="utf-8") as fh:
        for events in rasd.extract_many(docs):
            assert len(events) == 2, [e.event_type for e in events]
            first = min(events, key=lambda e: e.evidence[0].start)
            fh.write(json.dumps(first.to_json(), ensure_ascii=False) + "\n")
    return articles, gold


def _inputs(articles: Path) -> list[rasd.Document]:
    from rasd.clean.cleaner import clean_batch
    from rasd.ingest.reader import iter_inputs

    return [d for d in clean_batch(iter(iter_inputs([str(articles)])))
            if isinstance(d, rasd.Document)]


def test_candidates_are_labelled_by_evals_pairing(gold_set: tuple[Path, Path]) -> None:
    articles, gold_path = gold_set
    gold = [parse_event(json.loads(line)) for line in gold_path.read_text().splitlines()]
    cand, without = candidates(_inputs(articles), gold, {g.doc_id for g in gold})
    assert len(cand.events) == 12 and sum(cand.labels) == 6
    assert without.precision == pytest.approx(0.5) and without.recall == pytest.approx(1.0)
    for ev, label in zip(cand.events, cand.labels, strict=True):
        is_first = ev.evidence[0].start == min(
            e.evidence[0].start for e in cand.events if e.doc_id == ev.doc_id)
        assert label == int(is_first)


def test_training_is_deterministic_and_reports_cross_validated_figures(
        gold_set: tuple[Path, Path]) -> None:
    articles, gold_path = gold_set
    gold = [parse_event(json.loads(line)) for line in gold_path.read_text().splitlines()]
    scope = {g.doc_id for g in gold}
    first = train(_inputs(articles), gold, scope, folds=3)
    again = train(list(reversed(_inputs(articles))), gold, scope, folds=3)
    assert first.scorer == again.scorer
    assert first.scorer.meta["candidates"] == 12 and first.scorer.meta["kept_by_gold"] == 6
    assert first.without.f1 == pytest.approx(2 / 3)
    assert first.cross_validated.f1 is not None
    # Folds are dealt by a hash of the article id, not by input order.
    assert {fold_of(f"art-{i}", 3) for i in range(6)} <= {0, 1, 2}


def test_the_cli_trains_and_extract_uses_the_file(gold_set: tuple[Path, Path],
                                                  tmp_path: Path) -> None:
    articles, gold = gold_set
    out = tmp_path / "scorer.json"
    runner = CliRunner()
    result = runner.invoke(main, ["train", "--gold", str(gold), "--articles", str(articles),
                                  "--folds", "3", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "with the scorer (3-fold)" in result.output
    scorer = read_scorer(out)
    assert scorer.meta["gold"] == "gold.jsonl"
    result = runner.invoke(main, ["extract", str(articles), "--scorer", str(out)])
    assert result.exit_code == 0, result.output
    kept = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert kept and all(e["rules"]["scorer"][0].startswith("scorer/keep:") for e in kept)


def test_training_needs_both_kinds_of_candidate(gold_set: tuple[Path, Path]) -> None:
    from rasd.errors import EvalError

    articles, _gold = gold_set
    with pytest.raises(EvalError, match="no candidate events"):
        train(_inputs(articles), [], set())
