"""Error causes, per-country figures, status agreement, bootstrap intervals and the summary
form of ``rasd eval``, on hand-built tables whose right answers are known."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_evaluate import NO_ALIASES, ev, place, score

from rasd.cli.eval import eval_command
from rasd.evaluate.explain import (
    ARTICLE_MISSED,
    BACKGROUND_AS_CURRENT,
    JOINED,
    NO_EVENT_ARTICLE,
    NO_EVENT_SENTENCE,
    NO_TRIGGER,
    PLACE_MISSING,
    PLACE_OTHER,
    PLACE_UNKNOWN,
    SPLIT,
    SWAPPED_ROLES,
    WRONG_ACTOR,
    WRONG_DATE,
    WRONG_TOLL,
    WRONG_TYPE,
    Explanation,
    explain,
)
from rasd.evaluate.gold import ScoredEvent, ScoredLocation, parse_event
from rasd.evaluate.score import format_report, report_to_json
from rasd.evaluate.stats import bootstrap, doc_counts

FAR = place("Elsewhere", km_north=80)


def causes(
    gold: list[ScoredEvent],
    pred: list[ScoredEvent],
    *,
    place_known: Callable[[ScoredLocation], bool] | None = None,
    **kw: object,
) -> Explanation:
    report = score(gold, pred, **kw)
    return explain(report, actors=NO_ALIASES, place_known=place_known)


def counts(table: dict[str, list[object]]) -> dict[str, int]:
    return {k: len(v) for k, v in table.items()}


# One gold event, one prediction that differs from it in one way: the cause names that way.
GOLD_MISS_TABLE = [
    ("nothing extracted", [], ARTICLE_MISSED),
    ("another type, same place and actors", [ev(etype="Protests", sub="Peaceful protest")],
     WRONG_TYPE),
    ("same type and actors, place 80 km off", [ev(loc=FAR)], PLACE_OTHER),
    ("same type and actors, no place", [ev(loc=None)], PLACE_MISSING),
    ("same type and place, other actors", [ev(a1="Group C", a2="Group D")], WRONG_ACTOR),
    ("nothing alike in the article", [ev(etype="Protests", a1="Group C", a2=None, loc=FAR)],
     NO_TRIGGER),
]


@pytest.mark.parametrize(("case", "pred", "cause"), GOLD_MISS_TABLE,
                         ids=[c[0] for c in GOLD_MISS_TABLE])
def test_a_missed_gold_event_is_put_down_to_the_one_thing_that_differs(
    case: str, pred: list[ScoredEvent], cause: str
) -> None:
    ex = causes([ev()], pred)
    assert counts(ex.gold) == {cause: 1}
    # The mirror: the unpaired prediction gets the same cause where one applies.
    mirrored = {ARTICLE_MISSED: {}, NO_TRIGGER: {NO_EVENT_SENTENCE: 1}}
    assert counts(ex.pred) == mirrored.get(cause, {cause: 1})


def test_an_unknown_gold_place_is_named_as_such() -> None:
    def known(loc: ScoredLocation) -> bool:
        return loc.name != "Hajin"

    ex = causes([ev()], [ev(loc=FAR)], place_known=known)
    assert counts(ex.gold) == {PLACE_UNKNOWN: 1}
    # With no prediction near it at all, an unknown place is still the likelier cause.
    ex = causes([ev()], [ev(etype="Protests", a1="X", a2=None, loc=FAR)], place_known=known)
    assert counts(ex.gold) == {PLACE_UNKNOWN: 1}


def test_two_gold_events_in_one_prediction_and_one_event_in_two_predictions() -> None:
    joined = causes([ev(day="2018-12-04"), ev(day="2018-12-05")], [ev(day="2018-12-04")])
    assert counts(joined.gold) == {JOINED: 1}
    split = causes([ev()], [ev(), ev(fat=3)])
    assert counts(split.pred) == {SPLIT: 1}


def test_a_prediction_in_an_article_with_no_event() -> None:
    ex = causes([], [ev(doc="quiet")], docs={"quiet"})
    assert counts(ex.pred) == {NO_EVENT_ARTICLE: 1}


def test_field_errors_of_paired_events_and_status_confusion() -> None:
    gold = [ev(fat=5), ev(doc="d2", a1="Group B", a2="Group A", day="2018-12-01"),
            ev(doc="d3", status="background")]
    pred = [ev(fat=4), ev(doc="d2", day="2018-12-02"), ev(doc="d3")]
    ex = causes(gold, pred)
    assert counts(ex.paired) == {WRONG_TOLL: 1, WRONG_DATE: 1, SWAPPED_ROLES: 1,
                                 BACKGROUND_AS_CURRENT: 1}
    report = score(gold, pred)
    assert (report.status.paired, report.status.right) == (3, 2)
    assert report.status.background_as_current == 1


def test_background_misses_are_listed_apart_from_recall() -> None:
    ex = causes([ev(status="background")], [])
    assert ex.gold == {} and counts(ex.gold_background) == {ARTICLE_MISSED: 1}


def _with_country(e: ScoredEvent, country: str) -> ScoredEvent:
    assert e.location is not None
    return replace(e, location=replace(e.location, country=country))


def test_figures_per_country_take_recall_from_gold_and_precision_from_predictions() -> None:
    gold = [_with_country(ev(), "SY"), _with_country(ev(doc="d2"), "YE")]
    pred = [_with_country(ev(), "SY"), _with_country(ev(doc="d2", loc=FAR), "YE"),
            _with_country(ev(doc="d3"), "IQ")]
    report = score(gold, pred, docs={"d3"})
    sy, ye, iq = (report.by_country[c] for c in ("SY", "YE", "IQ"))
    assert (sy.precision, sy.recall) == (1.0, 1.0)
    assert (ye.precision, ye.recall) == (0.0, 0.0)
    assert (iq.predicted, iq.predicted_paired, iq.gold_current) == (1, 0, 0)


def test_bootstrap_intervals_resample_articles_and_hold_the_point_estimate() -> None:
    gold = [ev(doc=f"d{i}") for i in range(30)]
    # Every third article missed, every fifth prediction in a quiet article.
    pred = [ev(doc=f"d{i}") for i in range(30) if i % 3] + [ev(doc=f"q{i}") for i in range(5)]
    report = score(gold, pred, docs={f"q{i}" for i in range(5)})
    per_doc = doc_counts(report)
    assert len(per_doc) == 35 and sum(c.gold_current for c in per_doc.values()) == 30
    iv = bootstrap(report, resamples=400)
    assert iv.recall is not None and iv.precision is not None and iv.f1 is not None
    r, p = report.overall.recall, report.overall.precision
    assert r is not None and p is not None
    assert iv.recall.low < r < iv.recall.high
    assert iv.precision.low < p < iv.precision.high
    assert iv.recall.high - iv.recall.low < 0.5
    # Fixed seed: one report, one interval.
    assert bootstrap(report, resamples=400) == iv


def test_a_perfect_score_has_a_degenerate_interval() -> None:
    report = score([ev(doc=f"d{i}") for i in range(10)], [ev(doc=f"d{i}") for i in range(10)])
    iv = bootstrap(report, resamples=200)
    assert iv.f1 is not None and (iv.f1.low, iv.f1.high) == (1.0, 1.0)


def test_summary_prints_figures_and_cause_counts_but_no_event() -> None:
    gold = [ev(origin="gold.jsonl:1"), ev(doc="d2", origin="gold.jsonl:2")]
    pred = [ev(origin="pred.jsonl:1"), ev(doc="d2", loc=FAR, origin="pred.jsonl:2")]
    report = score(gold, pred)
    ex = explain(report, actors=NO_ALIASES)
    text = format_report(report, summary=True, explanation=ex, intervals=bootstrap(report))
    assert "F1" in text and "95% bootstrap" in text and PLACE_OTHER in text
    assert "gold.jsonl" not in text and "pred.jsonl" not in text and "d2" not in text
    full = format_report(report, explanation=ex)
    assert "gold.jsonl:2" in full
    data = report_to_json(report, summary=True, explanation=ex)
    assert "unpaired_gold" not in data and "pairs" not in data
    assert data["causes"]["gold"][PLACE_OTHER] == {"count": 1, "examples": []}


def test_gold_fields_country_and_cluster_are_read() -> None:
    record = {"doc_id": "a", "status": "current", "event_type": "Battles",
              "sub_event_type": "Armed clash", "actor1": "X", "actor2": None,
              "location": {"name": "Taizz", "lat": 13.58, "lon": 44.02, "country": "ye"},
              "date": None, "fatalities": None, "cluster": "dev-c3"}
    e = parse_event(record)
    assert e.location is not None and e.location.country == "YE" and e.cluster == "dev-c3"
    with pytest.raises(ValueError, match="cluster"):
        parse_event(record | {"cluster": ["a"]})


def test_cli_summary_and_explain_from_files(tmp_path: Path) -> None:
    def line(doc: str, place_name: str, lat: float) -> str:
        return json.dumps({"doc_id": doc, "status": "current", "event_type": "Battles",
                           "sub_event_type": "Armed clash", "actor1": "Islamic State",
                           "actor2": None, "location": {"name": place_name, "lat": lat,
                                                         "lon": 40.0, "country": "SY"},
                           "date": None, "fatalities": None})

    gold = tmp_path / "gold.jsonl"
    pred = tmp_path / "pred.jsonl"
    gold.write_text(line("a", "Hajin", 34.69) + "\n" + line("b", "Raqqa", 35.95) + "\n")
    pred.write_text(line("a", "Hajin", 34.69) + "\n" + line("b", "Far away", 33.0) + "\n")
    args = ["--gold", str(gold), "--pred", str(pred), "--explain", "--bootstrap", "100"]
    result = CliRunner().invoke(eval_command, [*args, "--summary"])
    assert result.exit_code == 0, result.output
    assert "place" in result.output and "Raqqa" not in result.output
    assert "By country" in result.output and "SY" in result.output
    result = CliRunner().invoke(eval_command, [*args, "--json"])
    data = json.loads(result.output)
    assert data["overall"]["recall"] == 0.5 and "intervals" in data
    assert sum(c["count"] for c in data["causes"]["gold"].values()) == 1


def test_only_docs_scores_a_subset_of_the_gold_set() -> None:
    gold = [ev(doc="a"), ev(doc="b"), ev(doc="c")]
    pred = [ev(doc="a"), ev(doc="z")]
    whole = score(gold, pred, docs={"a"})
    assert whole.overall.gold_current == 3 and whole.ignored_predictions == 1
    subset = score(gold, pred, docs={"a"}, only_docs=True)
    assert (subset.docs_scored, subset.overall.gold_current) == (1, 1)
    assert subset.overall.recall == 1.0 and subset.overall.precision == 1.0


def _ruled(e: ScoredEvent, *rules: str) -> ScoredEvent:
    return replace(e, rules=rules)


def test_unpaired_predictions_are_counted_by_the_rules_behind_them() -> None:
    # Three articles: a clash found right, a clash read where gold has none, and a
    # protest recoded as a riot that gold codes otherwise.
    gold = [ev(doc="a"), ev(doc="c", etype="Protests", sub="Peaceful protest", a2=None)]
    pred = [
        _ruled(ev(doc="a"), "trigger/اشتباك*", "roles/sentence"),
        _ruled(ev(doc="b"), "trigger/اشتباك*", "roles/sentence", "coder/story-actors"),
        _ruled(ev(doc="b", a1="Group C", loc=FAR), "trigger/معارك", "coder/story-actors"),
        _ruled(ev(doc="c", etype="Riots", sub="Violent demonstration", a2=None),
               "trigger/مواجهات", "coder/protesters-clash", "coder/protesters-clash"),
    ]
    docs = {"a", "b", "c"}  # b: an article coded with no event
    ex = causes(gold, pred, docs=docs)
    assert ex.by_rule == {
        "coder/story-actors": (2, 2),
        "roles/sentence": (1, 2),
        "coder/protesters-clash": (1, 1),
        "trigger/اشتباك*": (1, 2),
        "trigger/مواجهات": (1, 1),
        "trigger/معارك": (1, 1),
    }
    # Most false events first, then by id.
    assert next(iter(ex.by_rule)) == "coder/story-actors"
    report = score(gold, pred, docs=docs)
    text = format_report(report, explanation=ex, examples=0)
    assert "Unpaired predictions by rule" in text
    assert "     2 / 2    coder/story-actors" in text
    data = report_to_json(report, explanation=ex, examples=0)
    assert data["causes"]["pred_by_rule"]["trigger/مواجهات"] == {"false": 1, "events": 1}


def test_rule_ids_are_read_from_predictions_and_checked() -> None:
    record = {"doc_id": "d", "status": "current", "event_type": "Battles",
              "sub_event_type": "Armed clash", "actor1": "A", "actor2": None,
              "location": None, "date": None, "fatalities": None,
              "rules": {"event": ["trigger/معارك", "coder/x"], "actor1": ["coder/x", "roles/s"]}}
    assert parse_event(record).rules == ("trigger/معارك", "coder/x", "roles/s")
    assert parse_event({**record, "rules": None}).rules == ()
    with pytest.raises(ValueError, match="'rules' must map fields to lists of rule ids"):
        parse_event({**record, "rules": ["coder/x"]})
    # Gold events carry none, and an explanation without rules prints no section.
    ex = causes([ev()], [ev(doc="z")])
    assert ex.by_rule == {}
    assert "by rule" not in format_report(score([ev()], [ev(doc="z")]), explanation=ex,
                                          examples=0)
