"""``rasd eval --merge`` against composed tables whose merge figures are known."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from rasd.cli.eval import eval_command
from rasd.errors import EvalError
from rasd.evaluate.gold import ActorRef, ScoredDate, ScoredEvent, ScoredLocation
from rasd.evaluate.merge_score import MergeScore, merge_lines, merge_score, merge_to_json
from rasd.evaluate.score import evaluate
from rasd.models import Actor


class _NoAliases:
    def by_name(self, name: str) -> Actor | None:
        return None


HAJIN = ScoredLocation("Hajin", None, 34.69, 40.83, precision=1)
DAY = ScoredDate(date(2015, 8, 6), date(2015, 8, 6))


def ev(doc: str, *, cluster: str | None = None, canon: str | None = None,
       etype: str = "Battles", sub: str = "Armed clash", n: int = 0) -> ScoredEvent:
    return ScoredEvent(doc_id=doc, status="current", event_type=etype, sub_event_type=sub,
                       actor1=ActorRef("Group A"), actor2=ActorRef("Group B"),
                       location=HAJIN, date=DAY, fatalities_best=0,
                       origin=f"{doc}:{n}", cluster=cluster, canonical_id=canon)


PROTEST = {"etype": "Protests", "sub": "Peaceful protest"}

# Incident x told by d1, d2, d3 and d8 (d8's report is missing); incident y by d4 and
# d5; d6's incident is its own (no cluster); d7 tells two incidents of its own.
GOLD = [ev("d1", cluster="x"), ev("d2", cluster="x"), ev("d3", cluster="x"),
        ev("d8", cluster="x"), ev("d4", cluster="y"), ev("d5", cluster="y"), ev("d6"),
        ev("d7", cluster="z1"), ev("d7", cluster="z2", n=1, **PROTEST)]
PRED = [ev("d1", canon="cA"), ev("d2", canon="cA"), ev("d3", canon="cB"),
        ev("d4", canon="cB"), ev("d5", canon="cC"), ev("d6", canon="cA"),
        ev("d7", canon="cD"), ev("d7", canon="cD", n=1, **PROTEST)]


def _score(gold: list[ScoredEvent], pred: list[ScoredEvent]) -> MergeScore:
    return merge_score(evaluate(gold, pred, actors=_NoAliases()), gold)


def test_true_false_and_missed_merges_are_counted_over_pairs_of_articles() -> None:
    s = _score(GOLD, PRED)
    # true: d1-d2; missed: d1-d3, d2-d3, d4-d5; false: d3-d4, d1-d6, d2-d6.
    assert (s.true, s.false, s.missed) == (1, 3, 3)
    assert s.precision == pytest.approx(0.25) and s.recall == pytest.approx(0.25)
    # x: 4 articles = 6 pairs, y: 1 pair; 4 of them have both reports paired.
    assert s.gold_pairs == 7
    # The two reports of d7 tell two incidents; merging them is a fault of its own.
    assert s.same_article == 1
    kinds = {(mp.a.pred.doc_id, mp.b.pred.doc_id): mp.kind for mp in s.pairs}
    assert kinds[("d1", "d2")] == "true" and kinds[("d3", "d4")] == "false"
    assert kinds[("d1", "d3")] == "missed" and ("d4", "d6") not in kinds


def test_a_perfect_merge_and_no_merging_at_all() -> None:
    right = [replace(p, canonical_id="c-" + (g.cluster or g.origin))
             for p, g in zip(PRED, GOLD[:3] + GOLD[4:], strict=True)]
    s = _score(GOLD, right)
    assert (s.true, s.false, s.missed, s.same_article) == (4, 0, 0, 0)
    assert s.precision == 1.0 and s.recall == 1.0
    alone = [replace(p, canonical_id=f"c{i}") for i, p in enumerate(PRED)]
    s = _score(GOLD, alone)
    assert (s.true, s.false, s.missed) == (0, 0, 4)
    assert s.precision is None and s.recall == 0.0 and s.f1 is None


def test_a_paired_report_without_canonical_id_is_an_error() -> None:
    pred = [replace(PRED[0], canonical_id=None), *PRED[1:]]
    with pytest.raises(EvalError, match="d1:0: no 'canonical_id'"):
        _score(GOLD, pred)


def test_summary_gives_figures_only() -> None:
    s = _score(GOLD, PRED)
    text = "\n".join(merge_lines(s, summary=True))
    assert "precision 0.250  recall 0.250" in text and "Missed merges" not in text
    full = "\n".join(merge_lines(s))
    assert "False merges (3)" in full and "Missed merges (3)" in full
    assert "errors" not in merge_to_json(s, summary=True)
    errors = merge_to_json(s)["errors"]
    assert sorted(e["kind"] for e in errors) == ["false"] * 3 + ["missed"] * 3


def _write(path: Path, events: list[ScoredEvent]) -> None:
    rows = []
    for e in events:
        rows.append({"doc_id": e.doc_id, "status": e.status, "event_type": e.event_type,
                     "sub_event_type": e.sub_event_type, "actor1": "Group A",
                     "actor2": "Group B",
                     "location": {"name": "Hajin", "lat": 34.69, "lon": 40.83, "precision": 1},
                     "date": "2015-08-06", "fatalities": 0, "cluster": e.cluster,
                     "canonical_id": e.canonical_id})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_cli_merge_text_json_and_summary(tmp_path: Path) -> None:
    _write(tmp_path / "gold.jsonl", GOLD)
    _write(tmp_path / "pred.jsonl", PRED)
    args = ["--gold", str(tmp_path / "gold.jsonl"), "--pred", str(tmp_path / "pred.jsonl"),
            "--merge", "--bootstrap", "0"]
    runner = CliRunner()
    out = runner.invoke(eval_command, args)
    assert out.exit_code == 0, out.output
    assert "true merges 1, false merges 3, missed merges 3" in out.output
    assert "Missed merges (3)" in out.output
    out = runner.invoke(eval_command, [*args, "--summary"])
    assert "precision 0.250" in out.output and "Missed merges" not in out.output
    out = runner.invoke(eval_command, [*args, "--json", "--summary"])
    data = json.loads(out.output)["merge"]
    assert data["precision"] == 0.25 and "errors" not in data
    out = runner.invoke(eval_command, args[:-3])
    assert "Merging" not in out.output


def test_cli_merge_without_canonical_ids_exits_2(tmp_path: Path) -> None:
    _write(tmp_path / "gold.jsonl", GOLD)
    _write(tmp_path / "pred.jsonl", [replace(p, canonical_id=None) for p in PRED])
    out = CliRunner().invoke(eval_command, ["--gold", str(tmp_path / "gold.jsonl"),
                                            "--pred", str(tmp_path / "pred.jsonl"),
                                            "--merge"])
    assert out.exit_code == 2 and "no 'canonical_id'" in out.output
