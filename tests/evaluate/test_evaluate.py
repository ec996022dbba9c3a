"""The scorer against hand-built gold/prediction tables whose right figures are known."""

from __future__ import annotations

import itertools
import json
import random
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from rasd.cli.eval import eval_command
from rasd.errors import EvalError
from rasd.evaluate.gold import ActorRef, ScoredDate, ScoredEvent, ScoredLocation
from rasd.evaluate.match import max_matching
from rasd.evaluate.score import (
    EvalReport,
    evaluate,
    format_report,
    load_docs,
    load_events,
    report_to_json,
)
from rasd.models import Actor

KM_PER_DEG_LAT = 6371.0088 * 3.141592653589793 / 180
BASE = (35.0, 40.0)


class FakeActors:
    """A stand-in ActorDictionary: alias (any case) -> canonical Actor."""

    def __init__(self, aliases: dict[str, str]) -> None:
        self._map = {k.casefold(): v for k, v in aliases.items()}

    def by_name(self, name: str) -> Actor | None:
        canonical = self._map.get(name.casefold())
        if canonical is None:
            return None
        return Actor(id=canonical.lower(), name=canonical, name_ar="", inter=1)


NO_ALIASES = FakeActors({})


def place(
    name: str | None = "Hajin",
    *,
    km_north: float = 0.0,
    name_ar: str | None = None,
    precision: int = 1,
    admin1: str | None = None,
    tolerance_km: float | None = None,
) -> ScoredLocation:
    return ScoredLocation(
        name=name,
        name_ar=name_ar,
        lat=BASE[0] + km_north / KM_PER_DEG_LAT,
        lon=BASE[1],
        precision=precision,
        admin1=admin1,
        tolerance_km=tolerance_km,
    )


_DEFAULT_PLACE = place()


def ev(
    *,
    doc: str = "d1",
    status: str = "current",
    etype: str = "Battles",
    sub: str = "Armed clash",
    a1: str | None = "Group A",
    a2: str | None = "Group B",
    loc: ScoredLocation | None = _DEFAULT_PLACE,
    day: str | None = "2018-12-04",
    fat: int | None = 0,
    origin: str = "",
) -> ScoredEvent:
    d = date.fromisoformat(day) if day else None
    return ScoredEvent(
        doc_id=doc,
        status="current" if status == "current" else "background",
        event_type=etype,
        sub_event_type=sub,
        actor1=ActorRef(a1) if a1 else None,
        actor2=ActorRef(a2) if a2 else None,
        location=loc,
        date=ScoredDate(d, d) if d else None,
        fatalities_best=fat,
        origin=origin,
    )


def score(gold: list[ScoredEvent], pred: list[ScoredEvent], **kw: object) -> EvalReport:
    kw.setdefault("actors", NO_ALIASES)
    return evaluate(gold, pred, **kw)  # type: ignore[arg-type]


def accuracies(report: EvalReport) -> dict[str, tuple[int, int]]:
    return {k: (v.right, v.scored) for k, v in report.overall.fields.items()}


# --- pairing and the headline figures ---------------------------------------------------


def test_perfect_match() -> None:
    gold = [
        ev(),
        ev(etype="Explosions/Remote violence", sub="Air/drone strike", loc=place("Baghouz")),
        ev(doc="d2", a2=None, fat=5),
    ]
    r = score(gold, list(gold))
    assert (r.overall.precision, r.overall.recall, r.overall.f1) == (1.0, 1.0, 1.0)
    assert accuracies(r) == {k: (3, 3) for k in accuracies(r)}
    assert not r.unpaired_gold and not r.unpaired_pred


def test_one_missing() -> None:
    gold = [ev(), ev(loc=place("Baghouz", km_north=50))]
    r = score(gold, [ev()])
    assert r.overall.precision == 1.0
    assert r.overall.recall == 0.5
    assert r.overall.f1 == pytest.approx(2 / 3)
    assert r.unpaired_gold == (gold[1],)


def test_the_same_event_twice_is_two_events() -> None:
    same = ev()
    r = score([same], [same, same])
    assert (r.overall.predicted_paired, len(r.unpaired_pred)) == (1, 1)
    r = score([same, same], [same])
    assert (r.overall.recall, len(r.unpaired_gold)) == (0.5, 1)


def test_one_extra() -> None:
    extra = ev(loc=place("Baghouz", km_north=50))
    r = score([ev()], [ev(), extra])
    assert (r.overall.precision, r.overall.recall) == (0.5, 1.0)
    assert r.unpaired_pred == (extra,)


def test_wrong_event_type_is_unpaired() -> None:
    r = score([ev()], [ev(etype="Explosions/Remote violence", sub="Air/drone strike")])
    assert (r.overall.precision, r.overall.recall, r.overall.f1) == (0.0, 0.0, 0.0)
    assert len(r.unpaired_gold) == 1 and len(r.unpaired_pred) == 1
    assert set(r.by_event_type) == {"Battles", "Explosions/Remote violence"}
    assert r.by_event_type["Battles"].recall == 0.0
    assert r.by_event_type["Battles"].precision is None  # no Battles predicted


def test_no_predictions_gives_zero_f1_and_undefined_precision() -> None:
    r = score([ev()], [])
    assert r.overall.precision is None
    assert r.overall.recall == 0.0
    assert r.overall.f1 == 0.0


# --- location ----------------------------------------------------------------------------


def test_location_same_arabic_name_pairs_however_far() -> None:
    gold = ev(loc=place("Hajin", name_ar="الباغوز"))
    pred = ev(loc=place("Other spelling", name_ar="البَاغُوز", km_north=80))
    r = score([gold], [pred])
    assert r.overall.recall == 1.0
    assert accuracies(r)["location"] == (1, 1)


def test_location_same_english_name_ignores_case_and_hyphens() -> None:
    r = score([ev(loc=place("Al-Jafra"))], [ev(loc=place("al jafra", km_north=40))])
    assert r.overall.recall == 1.0


@pytest.mark.parametrize(
    ("km", "paired", "location_right"),
    [
        (0.0, True, True),
        (4.9, True, True),
        (7.0, True, False),
        (9.9, True, False),
        (10.5, False, False),
    ],
)
def test_location_by_distance(km: float, paired: bool, location_right: bool) -> None:
    r = score([ev(loc=place("Hajin"))], [ev(loc=place("Elsewhere", km_north=km))])
    assert (r.overall.recall == 1.0) is paired
    if paired:
        assert accuracies(r)["location"] == (int(location_right), 1)


def test_gold_tolerance_widens_the_pairing_radius() -> None:
    gold = ev(loc=place("Conoco gas field", tolerance_km=15))
    assert score([gold], [ev(loc=place("X", km_north=14))]).overall.recall == 1.0
    assert score([gold], [ev(loc=place("X", km_north=16))]).overall.recall == 0.0
    # A tolerance below 10 km never makes pairing stricter than the general rule.
    tight = ev(loc=place("Baghouz", tolerance_km=8))
    assert score([tight], [ev(loc=place("X", km_north=9))]).overall.recall == 1.0


def test_gold_precision_3_pairs_within_the_same_admin1() -> None:
    gold = ev(loc=place("Deir ez-Zor", precision=3, admin1="Deir ez-Zor"))
    same = ev(loc=place("Hajin", km_north=80, admin1="deir ez zor"))
    other = ev(loc=place("Raqqa", km_north=80, admin1="Raqqa"))
    assert score([gold], [same]).overall.recall == 1.0
    assert score([gold], [other]).overall.recall == 0.0
    # The admin1 rule is only for gold precision 3.
    precise = ev(loc=place("Deir ez-Zor", precision=1, admin1="Deir ez-Zor"))
    assert score([precise], [same]).overall.recall == 0.0


def test_gold_precision_3_without_admin1_falls_back_to_distance_or_a_lookup() -> None:
    gold = ev(loc=place("Deir ez-Zor", precision=3))
    far = ev(loc=place("Hajin", km_north=80, admin1="Deir ez-Zor"))
    assert score([gold], [far]).overall.recall == 0.0
    r = score([gold], [far], admin1_of=lambda loc: "Deir ez-Zor")
    assert r.overall.recall == 1.0


def test_null_location_pairs_only_with_null() -> None:
    assert score([ev(loc=None)], [ev(loc=None)]).overall.recall == 1.0
    assert score([ev(loc=None)], [ev()]).overall.recall == 0.0
    assert score([ev()], [ev(loc=None)]).overall.recall == 0.0


# --- actors ------------------------------------------------------------------------------


def test_actor_aliases_are_resolved() -> None:
    actors = FakeActors(
        {"داعش": "Islamic State", "ISIS": "Islamic State", "قسد": "Syrian Democratic Forces"}
    )
    gold = ev(a1="Syrian Democratic Forces", a2="Islamic State")
    pred = ev(a1="داعش", a2="قسد")
    r = score([gold], [pred], actors=actors)
    assert r.overall.recall == 1.0
    assert accuracies(r)["actors"] == (1, 1)
    # Without the dictionary the same names do not overlap at all.
    assert score([gold], [pred]).overall.recall == 0.0


def test_packaged_dictionary_resolves_aliases_by_default() -> None:
    gold = ev(a1="Syrian Democratic Forces", a2="Islamic State")
    pred = ev(a1="داعش", a2="قسد")
    r = evaluate([gold], [pred])
    assert r.overall.recall == 1.0
    assert accuracies(r)["actors"] == (1, 1)


def test_actor_object_resolves_through_its_arabic_name() -> None:
    actors = FakeActors({"داعش": "Islamic State"})
    pred = replace(ev(a2=None), actor1=ActorRef(name="IS cells", name_ar="داعش"))
    r = score([ev(a1="Islamic State", a2=None)], [pred], actors=actors)
    assert accuracies(r)["actors"] == (1, 1)


def test_actor_overlap_pairs_but_the_pair_must_be_equal_to_be_right() -> None:
    r = score([ev(a1="Group A", a2="Group B")], [ev(a1="Group C", a2="Group A")])
    assert r.overall.recall == 1.0
    assert accuracies(r)["actors"] == (0, 1)
    # Unordered: B/A is the same pair as A/B.
    r = score([ev(a1="Group A", a2="Group B")], [ev(a1="Group B", a2="Group A")])
    assert accuracies(r)["actors"] == (1, 1)


def test_null_actor2_is_a_member_of_the_pair() -> None:
    r = score([ev(a2=None)], [ev(a2="Group B")])
    assert r.overall.recall == 1.0
    assert accuracies(r)["actors"] == (0, 1)
    assert accuracies(score([ev(a1="Group A", a2=None)], [ev(a1=None, a2="Group A")]))[
        "actors"
    ] == (1, 1)


def test_gold_without_actors_pairs_with_any_actors() -> None:
    r = score([ev(a1=None, a2=None)], [ev(a1="Group Z", a2=None)])
    assert r.overall.recall == 1.0
    assert score([ev(a1="Group A", a2=None)], [ev(a1="Group Z")]).overall.recall == 0.0


# --- the matching ------------------------------------------------------------------------


def test_matching_maximises_pairs_where_greedy_fails() -> None:
    # p1 fits g1 perfectly and g2 loosely; p2 fits only g1. Pairing p1-g1 first (greedy,
    # by input order or by agreeing fields) strands p2; the right matching has two pairs.
    g1 = ev(a1="Group A", a2="Group B", day="2018-12-04", fat=3, origin="g1")
    g2 = ev(a1="Group A", a2="Group C", day="2018-12-01", fat=9, origin="g2")
    p1 = ev(a1="Group A", a2="Group B", day="2018-12-04", fat=3, origin="p1")
    p2 = ev(a1="Group B", a2="Group D", day="2018-11-01", fat=7, origin="p2")
    r = score([g1, g2], [p1, p2])
    assert {(p.gold.origin, p.pred.origin) for p in r.pairs} == {("g1", "p2"), ("g2", "p1")}
    assert (r.overall.precision, r.overall.recall) == (1.0, 1.0)


def test_ties_in_pairs_are_broken_by_agreeing_fields() -> None:
    g1 = ev(day="2018-12-01", fat=1, origin="g1")
    g2 = ev(day="2018-12-02", fat=2, origin="g2")
    p1 = ev(day="2018-12-02", fat=2, origin="p1")
    p2 = ev(day="2018-12-01", fat=1, origin="p2")
    r = score([g1, g2], [p1, p2])
    assert {(p.gold.origin, p.pred.origin) for p in r.pairs} == {("g1", "p2"), ("g2", "p1")}
    assert accuracies(r)["date"] == (2, 2) and accuracies(r)["fatalities"] == (2, 2)


def _brute_force(weights: list[list[int | None]]) -> tuple[int, int]:
    n, m = len(weights), len(weights[0])
    best = (0, 0)
    cols: list[int | None] = [*range(m), *([None] * n)]
    for perm in itertools.permutations(cols, n):
        chosen = [(i, j) for i, j in enumerate(perm) if j is not None and weights[i][j] is not None]
        total = sum(weights[i][j] or 0 for i, j in chosen)
        best = max(best, (len(chosen), total))
    return best


@pytest.mark.parametrize("seed", range(60))
def test_max_matching_is_exact_against_brute_force(seed: int) -> None:
    rng = random.Random(seed)
    n, m = rng.randint(1, 5), rng.randint(1, 5)
    weights: list[list[int | None]] = [
        [rng.randint(0, 4) if rng.random() < 0.5 else None for _ in range(m)] for _ in range(n)
    ]
    pairs = max_matching(weights)
    assert len({i for i, _ in pairs}) == len(pairs) == len({j for _, j in pairs})
    assert all(weights[i][j] is not None for i, j in pairs)
    got = (len(pairs), sum(weights[i][j] or 0 for i, j in pairs))
    assert got == _brute_force(weights)
    assert max_matching(weights) == pairs  # deterministic


# --- status, fields not scored, scope ---------------------------------------------------


def test_background_gold_counts_for_precision_not_recall() -> None:
    current = ev(origin="c")
    background = ev(status="background", loc=place("Mosul", km_north=500), fat=None)
    r = score([current, background], [ev(), ev(loc=place("Mosul", km_north=500), fat=4)])
    assert r.overall.precision == 1.0 and r.overall.recall == 1.0
    assert r.overall.gold_background_paired == 1
    assert accuracies(r)["sub_event_type"] == (1, 1)  # only the current pair is scored
    r = score([current, background], [ev(loc=place("Mosul", km_north=500))])
    assert (r.overall.precision, r.overall.recall) == (1.0, 0.0)


def test_gold_fatalities_null_is_not_scored() -> None:
    r = score([ev(fat=None), ev(doc="d2", fat=2)], [ev(fat=5), ev(doc="d2", fat=3)])
    assert accuracies(r)["fatalities"] == (0, 1)
    assert accuracies(r)["date"] == (2, 2)


def test_date_rules() -> None:
    assert accuracies(score([ev(day=None)], [ev(day="2018-12-04")]))["date"] == (0, 1)
    assert accuracies(score([ev(day="2018-12-04")], [ev(day=None)]))["date"] == (0, 1)
    assert accuracies(score([ev(day=None)], [ev(day=None)]))["date"] == (1, 1)
    span = replace(ev(), date=ScoredDate(date(2018, 12, 4), date(2018, 12, 6)))
    assert accuracies(score([ev(day="2018-12-04")], [span]))["date"] == (1, 1)


def test_listed_doc_without_gold_is_a_false_positive_and_unlisted_docs_are_ignored() -> None:
    pred = [ev(), ev(doc="d3"), ev(doc="d9"), ev(doc="d9", loc=None)]
    r = score([ev()], pred, docs={"d1", "d3"})
    assert r.ignored_predictions == 2 and r.ignored_documents == 1
    assert (r.overall.predicted, r.overall.precision) == (2, 0.5)
    assert [e.doc_id for e in r.unpaired_pred] == ["d3"]
    # Without docs.txt only the gold file's documents are in scope.
    r = score([ev()], pred)
    assert (r.ignored_predictions, r.overall.precision) == (3, 1.0)


# --- files, report, CLI ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"status": "current", "event_type": "B", "sub_event_type": "S"}', "missing 'doc_id'"),
        ('{"doc_id": "d", "status": "now", "event_type": "B", "sub_event_type": "S"}', "status"),
        (
            '{"doc_id": "d", "status": "current", "event_type": 3, "sub_event_type": "S"}',
            "event_type",
        ),
        (
            '{"doc_id": "d", "status": "current", "event_type": "B", "sub_event_type": "S",'
            ' "actor1": 7}',
            "actor1",
        ),
        (
            '{"doc_id": "d", "status": "current", "event_type": "B", "sub_event_type": "S",'
            ' "location": {"name": "X", "lat": 95, "lon": 1}}',
            "location.lat",
        ),
        (
            '{"doc_id": "d", "status": "current", "event_type": "B", "sub_event_type": "S",'
            ' "date": {"start": "4 Dec"}}',
            "date.start",
        ),
        (
            '{"doc_id": "d", "status": "current", "event_type": "B", "sub_event_type": "S",'
            ' "fatalities": {"best": -1}}',
            "fatalities.best",
        ),
        (
            '{"doc_id": "d", "status": "current", "event_type": "B", "sub_event_type": "S",'
            ' "fatalities": {"best": NaN}}',
            "fatalities.best",
        ),
    ],
)
def test_malformed_lines_name_file_line_and_reason(tmp_path: Path, line: str, reason: str) -> None:
    good = (
        '{"doc_id": "d", "status": "current", "event_type": "B", "sub_event_type": "S",'
        ' "actor1": "A", "actor2": null, "location": null, "date": null, "fatalities": null}'
    )
    path = tmp_path / "gold.jsonl"
    path.write_text(f"{good}\n\n{line}\n", encoding="utf-8")
    with pytest.raises(EvalError) as info:
        load_events(path)
    message = str(info.value)
    assert message.startswith(f"{path}:3: ")
    assert reason in message


def test_load_accepts_gold_strings_and_output_objects(fixtures_dir: Path) -> None:
    gold = load_events(fixtures_dir / "eval" / "gold.jsonl")
    pred = load_events(fixtures_dir / "eval" / "pred.jsonl")
    assert len(gold) == 4 and len(pred) == 5  # the blank line is skipped
    assert gold[0].actor1 == ActorRef("Syrian Democratic Forces")
    assert pred[0].actor1 == ActorRef("Islamic State", name_ar="داعش", id="isis")
    assert gold[1].location is not None and gold[1].location.tolerance_km == 8
    assert pred[0].location is not None and pred[0].location.admin1 == "Deir ez-Zor"
    assert gold[0].origin.endswith("gold.jsonl:1")
    assert load_docs(fixtures_dir / "eval" / "docs.txt") == {"d1", "d2", "d3"}


def _fixture_report(fixtures_dir: Path) -> EvalReport:
    d = fixtures_dir / "eval"
    return evaluate(
        load_events(d / "gold.jsonl"),
        load_events(d / "pred.jsonl"),
        docs=load_docs(d / "docs.txt"),
        actors=NO_ALIASES,
    )


def test_fixture_figures(fixtures_dir: Path) -> None:
    r = _fixture_report(fixtures_dir)
    o = r.overall
    assert (o.predicted, o.predicted_paired, o.gold_current, o.gold_current_paired) == (4, 3, 3, 2)
    assert o.precision == 0.75 and o.recall == pytest.approx(2 / 3)
    assert o.f1 == pytest.approx(2 * 0.75 * (2 / 3) / (0.75 + 2 / 3))
    assert accuracies(r) == {
        "sub_event_type": (2, 2),
        "actors": (2, 2),
        "location": (2, 2),
        "date": (1, 2),
        "fatalities": (2, 2),
    }
    assert r.ignored_predictions == 1
    assert [e.doc_id for e in r.unpaired_gold] == ["d2"]
    assert [e.doc_id for e in r.unpaired_pred] == ["d3"]


def test_text_report_lists_every_miss(fixtures_dir: Path) -> None:
    text = format_report(_fixture_report(fixtures_dir))
    assert "Ignored 1 predicted events" in text
    assert "Unpaired gold events (1):" in text and "Dhiban" in text
    assert "Unpaired predicted events (1):" in text and "Protests / Peaceful protest" in text
    assert "date: gold 2018-12-04  | pred 2018-12-03" in text
    overall = next(line for line in text.splitlines() if line.strip().startswith("overall"))
    assert "0.750" in overall and "0.667" in overall and "0.706" in overall


def test_json_report_has_the_same_content(fixtures_dir: Path) -> None:
    data = report_to_json(_fixture_report(fixtures_dir))
    json.dumps(data)  # serialisable as is
    assert data["overall"]["precision"] == 0.75
    assert data["overall"]["fields"]["date"] == {"right": 1, "scored": 2, "accuracy": 0.5}
    assert data["by_event_type"]["Protests"]["precision"] == 0.0
    assert [e["doc_id"] for e in data["unpaired_gold"]] == ["d2"]
    assert data["ignored_predictions"] == 1 and len(data["pairs"]) == 3


def test_cli_text_and_json(fixtures_dir: Path) -> None:
    d = fixtures_dir / "eval"
    args = ["--gold", str(d / "gold.jsonl"), "--pred", str(d / "pred.jsonl")]
    runner = CliRunner()
    result = runner.invoke(eval_command, [*args, "--docs", str(d / "docs.txt")])
    assert result.exit_code == 0, result.output
    assert "Unpaired predicted events (1):" in result.output
    result = runner.invoke(eval_command, [*args, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    # Without docs.txt, d3 is out of scope: its prediction is ignored, not a false positive.
    assert data["ignored_predictions"] == 2 and data["overall"]["precision"] == 1.0


def test_cli_malformed_input_is_one_line_and_exit_2(fixtures_dir: Path) -> None:
    d = fixtures_dir / "eval"
    result = CliRunner().invoke(
        eval_command, ["--gold", str(d / "gold.jsonl"), "--pred", str(d / "bad.jsonl")]
    )
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert "bad.jsonl:2: 'date.start' is not a YYYY-MM-DD date" in lines[0]


@pytest.mark.shared
def test_gold_seeds_scored_against_themselves(shared_dir: Path) -> None:
    gold = load_events(shared_dir / "gold" / "seeds.jsonl")
    docs = load_docs(shared_dir / "gold" / "docs.txt")
    r = evaluate(gold, gold, docs=docs)  # the packaged actor dictionary, when there is one
    assert (r.overall.precision, r.overall.recall, r.overall.f1) == (1.0, 1.0, 1.0)
    assert all(s.accuracy == 1.0 for s in r.overall.fields.values())
    assert not r.unpaired_gold and not r.unpaired_pred and r.ignored_predictions == 0
    assert r.overall.gold_background_paired == r.overall.gold_background > 0


def test_remaining_ties_are_broken_by_location() -> None:
    # Two towns 6 km apart, both within pairing range of each other; every tie
    # field agrees either way, so only location can tell the right pairing.
    north = place("Susa", km_north=6.0)
    south = place("Baghouz")
    gold = [ev(loc=north), ev(loc=south)]
    for pred in ([ev(loc=north), ev(loc=south)], [ev(loc=south), ev(loc=north)]):
        report = score(gold, pred)
        assert accuracies(report)["location"] == (2, 2)
