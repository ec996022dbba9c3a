"""Quality gate: extraction scored against hand-coded gold files.

The team's own sample articles (``src/rasd/samples``) are coded in
``tests/gold/samples.jsonl``; their scores are pinned below, so a change that
makes extraction worse fails here. The minimums are the scores measured when
they were pinned (see docs/quality.md), rounded down: raise them when
extraction improves, never lower them to let a change through.

The seed articles in ../shared are a development set with the targets the
extraction issue sets (F1 0.80; actors, location and date 0.85).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasd.clean.cleaner import clean_batch
from rasd.cli.main import sample_paths
from rasd.evaluate.score import EvalReport, evaluate, load_docs, load_events
from rasd.extract.engine import Extractor
from rasd.ingest.reader import iter_inputs
from rasd.models import Failure

GOLD = Path(__file__).parent / "gold"

# Pinned on the team's 26 sample articles (94 gold events, 75 current).
SAMPLES_MIN = {"precision": 0.90, "recall": 0.86, "f1": 0.88,
               "sub_event_type": 0.98, "actors": 0.83, "location": 0.98, "date": 0.98,
               "fatalities": 0.95}
# The extraction issue's targets on the seed development set.
SEEDS_MIN = {"f1": 0.80, "actors": 0.85, "location": 0.85, "date": 0.85}
# Pinned on the held-out set (tests/gold/holdout: 12 articles, 56 gold events, 46 current),
# measured once (P 0.600 R 0.609 F1 0.604), pinned a step of 0.05 below. Rules must not be tuned on
# these articles: the set exists to tell how rasd does on text it was not tuned on.
HOLDOUT = GOLD / "holdout"
HOLDOUT_MIN = {"precision": 0.55, "recall": 0.55, "f1": 0.55,
               "sub_event_type": 0.95, "actors": 0.60, "location": 0.90, "date": 0.90,
               "fatalities": 0.70}


def predict(paths: list[Path], out: Path) -> Path:
    extractor = Extractor()
    lines = []
    for item in clean_batch(iter(iter_inputs(paths))):
        assert not isinstance(item, Failure), item
        lines += [json.dumps(ev.to_json(), ensure_ascii=False) for ev in extractor.extract(item)]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def figures_of(report: EvalReport) -> dict[str, float]:
    o = report.overall
    p = o.predicted_paired / o.predicted if o.predicted else 0.0
    r = o.gold_current_paired / o.gold_current if o.gold_current else 0.0
    out = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}
    for name, score in o.fields.items():
        out[name] = score.right / score.scored if score.scored else 1.0
    return out


def _check(figures: dict[str, float], minimums: dict[str, float]) -> None:
    low = {k: round(figures[k], 3) for k, v in minimums.items() if figures[k] < v}
    assert not low, f"below the pinned minimums {minimums}: {low} (all: {figures})"


def test_gold_covers_every_event_type() -> None:
    gold = load_events(GOLD / "samples.jsonl")
    assert len(gold) >= 50
    assert len(load_docs(GOLD / "samples_docs.txt")) >= 15
    assert {g.event_type for g in gold if g.status == "current"} == {
        "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
        "Riots", "Strategic developments"}


def test_samples_quality_gate(tmp_path: Path) -> None:
    pred = predict(sample_paths(), tmp_path / "pred.jsonl")
    report = evaluate(load_events(GOLD / "samples.jsonl"), load_events(pred),
                      docs=load_docs(GOLD / "samples_docs.txt"))
    _check(figures_of(report), SAMPLES_MIN)


@pytest.mark.shared
def test_seeds_development_set(shared_dir: Path, tmp_path: Path) -> None:
    seeds = sorted((shared_dir / "samples" / "seeds").glob("*.txt"))
    pred = predict(seeds, tmp_path / "pred.jsonl")
    report = evaluate(load_events(shared_dir / "gold" / "seeds.jsonl"), load_events(pred),
                      docs=load_docs(shared_dir / "gold" / "docs.txt"))
    _check(figures_of(report), SEEDS_MIN)


def test_holdout_covers_every_event_type() -> None:
    gold = load_events(HOLDOUT / "gold.jsonl")
    docs = load_docs(HOLDOUT / "docs.txt")
    assert len(gold) >= 40
    assert len(docs) == 12
    ids = {json.loads(line)["id"] for line in
           (HOLDOUT / "articles.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()}
    assert ids == set(docs)
    assert {g.event_type for g in gold if g.status == "current"} == {
        "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
        "Riots", "Strategic developments"}


def test_holdout_quality_gate(tmp_path: Path) -> None:
    pred = predict([HOLDOUT / "articles.jsonl"], tmp_path / "pred.jsonl")
    report = evaluate(load_events(HOLDOUT / "gold.jsonl"), load_events(pred),
                      docs=load_docs(HOLDOUT / "docs.txt"))
    _check(figures_of(report), HOLDOUT_MIN)
