"""The real-news gold sets (tests/gold/real): their files, and the quality gate on them.

The gold keeps document ids and coded fields only; the articles are read from the
SaudiNewsNet corpus in ../shared, so the scoring tests skip without it (CI has it).

The held-out set is scored by figures alone: these tests print no event of it, and a
failing assertion shows figures only. Its pins are the first measurement less a step of
0.05 (tests/gold/README.md logs every scoring); they are never raised by tuning on it.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
from collections import Counter
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from rasd.evaluate.score import evaluate, load_docs, load_events
from test_quality import figures_of, predict

REAL = Path(__file__).parent / "gold" / "real"
DEV_SPAN = (date(2015, 7, 21), date(2015, 7, 31))
HOLDOUT_SPAN = (date(2015, 8, 3), date(2015, 8, 11))

# Measured 2026-12-07 at the seventh session's end (376d94a; logged in tests/gold/README.md
# and docs/quality.md), less a step of 0.05, rounded down, never below the earlier pins.
# Development: P 0.690 R 0.734 F1 0.712, sub-type 0.963, actors 0.875, location 0.956,
# date 0.946, fatalities 0.889 (sixth session's end: F1 0.698).
DEV_MIN = {"precision": 0.64, "recall": 0.68, "f1": 0.66, "sub_event_type": 0.91,
           "actors": 0.82, "location": 0.90, "date": 0.89, "fatalities": 0.83}
# Held-out (scored, never read): fourth session's end P 0.469 R 0.496 F1 0.482; fifth
# session's end (abe93f3) P 0.465 R 0.487 F1 0.476, sub-type 0.897, actors 0.603, location
# 0.828, date 0.638, fatalities 0.709; sixth session's end (bd0bea6) P 0.476 R 0.487
# F1 0.482, sub-type 0.879, actors 0.586, location 0.845, date 0.655, fatalities 0.764
# (less 0.05: precision and fatalities rise; the rest would fall below the earlier pins,
# which stay); seventh session's end (376d94a) P 0.451 R 0.487 F1 0.469 (0.358-0.566),
# sub-type 0.879, actors 0.655, location 0.845, date 0.655, fatalities 0.800 (actors and
# fatalities rise; the rest stay).
HOLDOUT_MIN = {"precision": 0.42, "recall": 0.44, "f1": 0.43, "sub_event_type": 0.84,
               "actors": 0.60, "location": 0.79, "date": 0.62, "fatalities": 0.75}
# The second development set (dev2, drawn after the first two, coded 2026-12-07 by five
# helpers who never read the rules). First scored on e463cb2 before anyone read its
# errors: P 0.385 R 0.576 F1 0.462, actors 0.618, date 0.724; at the fifth session's end
# (abe93f3, its errors read by helpers since): P 0.619 R 0.682 F1 0.649, sub-type 0.878,
# actors 0.722, location 0.956, date 0.889, fatalities 0.833; at the sixth session's end
# (bd0bea6) P 0.639 R 0.697 F1 0.667, sub-type 0.913, actors 0.739, location 0.957, date
# 0.924, fatalities 0.924; at the seventh's (376d94a) P 0.675 R 0.742 F1 0.707, sub-type
# 0.918, actors 0.755, location 0.959, date 0.918, fatalities 0.918; less 0.05, rounded
# down, never below the earlier pins.
DEV2_MIN = {"precision": 0.62, "recall": 0.69, "f1": 0.65, "sub_event_type": 0.86,
            "actors": 0.70, "location": 0.90, "date": 0.87, "fatalities": 0.87}
DEV2_ARTICLES_MIN = 80
# The third development set (dev3, drawn with seed 1002, coded 2026-12-07 by five helpers
# who never read the rules). First scored on c532156 before anyone read its errors:
# P 0.503 R 0.533 F1 0.518, sub-type 0.822, actors 0.726, location 0.877, date 0.890,
# fatalities 0.708; at the fifth session's end (abe93f3, still unread: figures only)
# P 0.541 R 0.555 F1 0.548, sub-type 0.803, actors 0.750, location 0.895, date 0.908,
# fatalities 0.703. Opened for development in the sixth session; at its end (bd0bea6)
# P 0.581 R 0.555 F1 0.568, sub-type 0.855, actors 0.829, location 0.882, date 0.921,
# fatalities 0.743; at the seventh's (376d94a) P 0.608 R 0.606 F1 0.607, sub-type 0.855,
# actors 0.855, location 0.892, date 0.916, fatalities 0.750; less 0.05, rounded down,
# never below the earlier pins.
DEV3_MIN = {"precision": 0.55, "recall": 0.55, "f1": 0.55, "sub_event_type": 0.80,
            "actors": 0.80, "location": 0.84, "date": 0.87, "fatalities": 0.70}
DEV3_ARTICLES_MIN = 55
# The fourth development set (dev4, drawn with seed 1003 when dev3 was opened for
# development, coded 2026-12-07 by four helpers who never read the rules), kept unread as
# the lead's check set: figures only. First scored on 23052d5 before any change of the
# sixth session: P 0.346 R 0.539 F1 0.422, sub-type 0.927, actors 0.683, location 0.927,
# date 0.780, fatalities 0.902; at the session's end (bd0bea6, still unread) P 0.375
# R 0.553 F1 0.447, sub-type 0.905, actors 0.643, location 0.929, date 0.762, fatalities
# 0.881; less 0.05, rounded down, never below the first pins. Opened for development in
# the seventh session; at its end (376d94a) P 0.551 R 0.671 F1 0.605, sub-type 0.941,
# actors 0.804, location 0.941, date 0.863, fatalities 0.902; less 0.05, rounded down.
DEV4_MIN = {"precision": 0.50, "recall": 0.62, "f1": 0.55, "sub_event_type": 0.89,
            "actors": 0.75, "location": 0.89, "date": 0.81, "fatalities": 0.85}
DEV4_ARTICLES_MIN = 55
# The fifth development set (dev5, drawn with seed 1004 when dev4 was opened for
# development, coded 2026-12-07 in the seventh session by four helpers who never read the
# rules, before rasd ran on its articles), kept unread as the lead's check set (figures
# only) until the eighth session opened it for development, dev6 being drawn as the next
# check set. First scored on 43a2047 (the sixth session's extraction): P 0.514 R 0.434
# F1 0.471 (0.350-0.570), sub-type 0.837, actors 0.755, location 0.918, date 0.755, fatalities
# 0.814 (with the capture convention as amended that session); at the session's end
# (376d94a, still unread) P 0.509 R 0.434 F1 0.469, sub-type 0.796, actors 0.796, location
# 0.918, date 0.755, fatalities 0.867; less 0.05, rounded down, never below the first pins.
DEV5_MIN = {"precision": 0.46, "recall": 0.38, "f1": 0.42, "sub_event_type": 0.78,
            "actors": 0.74, "location": 0.86, "date": 0.70, "fatalities": 0.81}
DEV5_ARTICLES_MIN = 55
# The sixth development set (dev6, drawn with seed 1005 when dev5 was opened for
# development, coded 2026-12-07 in the eighth session by four helpers who never read the
# rules, before rasd ran on its articles), kept unread as the lead's check set: figures
# only. First scored on e0a34dc (the seventh session's extraction): P 0.453 R 0.551 F1
# 0.497 (0.357-0.613), sub-type 0.870, actors 0.796, location 0.907, date 0.796,
# fatalities 0.868; less 0.05, rounded down.
DEV6_MIN = {"precision": 0.40, "recall": 0.50, "f1": 0.44, "sub_event_type": 0.82,
            "actors": 0.74, "location": 0.85, "date": 0.74, "fatalities": 0.81}
DEV6_ARTICLES_MIN = 55
# Two independent codings of 20 development articles agreed at F1 0.917; below 0.80 the
# coding decisions need to be made clearer and the articles recoded (the gold-set issue).
AGREEMENT_MIN_F1 = 0.80
# What the sets hold at least (the gold-set issue's staged counts).
DEV_ARTICLES_MIN = 150
HOLDOUT_ARTICLES_MIN = 60
DOUBLE_CODED_MIN = 20


def _draw(name: str) -> dict[str, dict[str, str]]:
    with (REAL / name).open(encoding="utf-8") as fh:
        return {r["doc_id"]: r for r in csv.DictReader(fh, delimiter="\t")}


def test_gold_files_parse_and_every_document_was_drawn() -> None:
    for name, draw in (("dev", "dev_draw.tsv"), ("holdout", "holdout_draw.tsv"),
                       ("dev_second", "dev_draw.tsv"), ("dev2", "dev2_draw.tsv"),
                       ("dev3", "dev3_draw.tsv"), ("dev4", "dev4_draw.tsv"),
                       ("dev5", "dev5_draw.tsv"), ("dev6", "dev6_draw.tsv")):
        drawn = _draw(draw)
        docs = load_docs(REAL / f"{name}_docs.txt")
        events = load_events(REAL / f"{name}.jsonl")
        assert docs <= drawn.keys(), name
        assert {e.doc_id for e in events} <= docs, name
        assert all(e.location is None or e.location.country for e in events), name


def test_sets_are_large_enough_and_apart() -> None:
    dev, ho = load_docs(REAL / "dev_docs.txt"), load_docs(REAL / "holdout_docs.txt")
    second = load_docs(REAL / "dev_second_docs.txt")
    assert len(dev) >= DEV_ARTICLES_MIN and len(ho) >= HOLDOUT_ARTICLES_MIN
    assert len(second) >= DOUBLE_CODED_MIN and second <= dev
    assert not dev & ho
    drawn = _draw("dev_draw.tsv") | _draw("holdout_draw.tsv")
    for docs, (lo, hi) in ((dev, DEV_SPAN), (ho, HOLDOUT_SPAN)):
        assert all(lo <= date.fromisoformat(drawn[d]["published"]) <= hi for d in docs)
    # Articles with no event are in scope (their predictions are false positives); dense
    # daily reports (five events or more) and many outlets, as the gold-set issue asks.
    per_doc = Counter(e.doc_id for e in load_events(REAL / "dev.jsonl"))
    assert len(dev - per_doc.keys()) >= 20
    assert sum(1 for n in per_doc.values() if n >= 5) >= 15
    assert len({drawn[d]["source"] for d in dev}) >= 10
    assert len({drawn[d]["source"] for d in ho}) >= 10


def test_second_development_set_shares_no_article_with_the_others() -> None:
    dev2 = load_docs(REAL / "dev2_docs.txt")
    drawn = _draw("dev2_draw.tsv")
    assert len(dev2) >= DEV2_ARTICLES_MIN and dev2 == drawn.keys()
    assert not dev2 & load_docs(REAL / "dev_docs.txt")
    assert not dev2 & load_docs(REAL / "holdout_docs.txt")
    lo, hi = DEV_SPAN
    assert all(lo <= date.fromisoformat(drawn[d]["published"]) <= hi for d in dev2)


def _drawn_apart(name: str, least: int, others: tuple[str, ...]) -> None:
    """A later development set: large enough, all from its own draw, in the development
    window, and sharing no article with the sets drawn before it."""
    docs = load_docs(REAL / f"{name}_docs.txt")
    drawn = _draw(f"{name}_draw.tsv")
    assert len(docs) >= least and docs <= drawn.keys()
    for other in others:
        assert not docs & load_docs(REAL / f"{other}_docs.txt"), other
    lo, hi = DEV_SPAN
    assert all(lo <= date.fromisoformat(drawn[d]["published"]) <= hi for d in docs)


def test_third_development_set_shares_no_article_with_the_others() -> None:
    _drawn_apart("dev3", DEV3_ARTICLES_MIN, ("dev", "holdout", "dev2"))


def test_fourth_development_set_shares_no_article_with_the_others() -> None:
    _drawn_apart("dev4", DEV4_ARTICLES_MIN, ("dev", "holdout", "dev2", "dev3"))


def test_fifth_development_set_shares_no_article_with_the_others() -> None:
    _drawn_apart("dev5", DEV5_ARTICLES_MIN, ("dev", "holdout", "dev2", "dev3", "dev4"))


def test_sixth_development_set_shares_no_article_with_the_others() -> None:
    _drawn_apart("dev6", DEV6_ARTICLES_MIN,
                 ("dev", "holdout", "dev2", "dev3", "dev4", "dev5"))


def test_corpus_wide_benchmarks_leave_the_held_out_set_out(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "heldout", Path(__file__).parents[1] / "benchmarks" / "heldout.py")
    assert spec and spec.loader
    heldout = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(heldout)
    assert heldout.held_out() == load_docs(REAL / "holdout_docs.txt")
    out = tmp_path / "events.jsonl"
    held = sorted(heldout.held_out())[0]
    out.write_text(json.dumps({"doc_id": held}) + "\n" + json.dumps({"doc_id": "dev"}) + "\n")
    assert heldout.drop_held_out_events(out) == 1
    assert [json.loads(x)["doc_id"] for x in out.read_text().splitlines()] == ["dev"]


def test_the_sets_script_refuses_the_held_out_set_and_prints_figures_only(
        capsys: pytest.CaptureFixture[str]) -> None:
    spec = importlib.util.spec_from_file_location(
        "eval_sets", Path(__file__).parents[1] / "benchmarks" / "eval_sets.py")
    assert spec and spec.loader
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    with pytest.raises(SystemExit) as exc:
        script.main(["dev", "holdout"])
    assert exc.value.code == 2 and "held-out" in capsys.readouterr().err
    report = {"overall": {"precision": 0.5, "recall": 0.25, "f1": 1 / 3, "predicted": 8,
                          "fields": {"actors": {"right": 3, "scored": 4, "accuracy": 0.75}}}}
    assert script.line("dev3", report) == (
        "dev3  P 0.500 R 0.250 F1 0.333 | sub_event_type n/a actors 0.750 location n/a "
        "date n/a fatalities n/a | predicted 8")


def test_clusters_link_articles_not_events_of_one_article() -> None:
    for name, least in (("dev", 25), ("holdout", 8), ("dev2", 20)):
        events = load_events(REAL / f"{name}.jsonl")
        per = Counter((e.cluster, e.doc_id) for e in events if e.cluster)
        assert max(per.values(), default=1) == 1, name
        multi = Counter(c for c, _ in per)
        assert sum(1 for n in multi.values() if n >= 2) >= least, name


def test_two_codings_of_the_same_articles_agree() -> None:
    docs = load_docs(REAL / "dev_second_docs.txt")
    report = evaluate(load_events(REAL / "dev.jsonl"), load_events(REAL / "dev_second.jsonl"),
                      docs=docs, only_docs=True)
    assert report.docs_scored == len(docs) >= DOUBLE_CODED_MIN
    f1 = report.overall.f1
    assert f1 is not None and f1 >= AGREEMENT_MIN_F1, f1


_ARABIC_RUN = re.compile(r"(?:[\u0600-\u06ff]+[\s،,]+){5}[\u0600-\u06ff]+")


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_gold_holds_no_article_text() -> None:
    # Ids, coded fields and short English notes only: no field long enough to carry a
    # passage of an article, no Arabic sentence quoted in a note.
    for path in REAL.glob("*.jsonl"):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            rec = json.loads(line)
            assert not {"text", "evidence", "title"} & rec.keys(), f"{path}:{n}"
            assert max(map(len, _strings(rec))) <= 240, f"{path}:{n}"
            assert not _ARABIC_RUN.search(rec.get("comment") or ""), f"{path}:{n}"


def _script(name: str) -> ModuleType:
    # A script of scripts/ loaded as a module: the tests run what users run.
    spec = importlib.util.spec_from_file_location(
        name, Path(__file__).parents[1] / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("actor1", "associates", "country", "sub_type"), [
    ("Popular Resistance (Yemen)", [], "YE", "Non-state actor overtakes territory"),
    ("Popular Resistance (Yemen)", ["Saudi-led Coalition"], "YE",
     "Non-state actor overtakes territory"),
    ("Popular Resistance (Yemen)", ["Military Forces of Yemen"], "YE",
     "Government regains territory"),
    ("People's Protection Units", ["Military Forces of the United States"], "SY",
     "Non-state actor overtakes territory"),
    ("Ansar Allah", [], "YE", "Non-state actor overtakes territory"),
    ("Military Forces of Yemen", [], "YE", "Government regains territory"),
    ("Police Forces of Iraq", [], "IQ", "Government regains territory"),
    ("Military Forces of Iraq", [], None, "Government regains territory"),
    (None, [], None, "Non-state actor overtakes territory"),
])
def test_capture_convention_follows_the_capturing_side(actor1: str | None,
                                                       associates: list[str],
                                                       country: str | None,
                                                       sub_type: str) -> None:
    convention = _script("recode_captures").convention
    assert convention(actor1, associates, country) == sub_type


def test_capture_recoding_changes_one_field_only() -> None:
    recode = _script("recode_captures").recode_line
    line = ('{"doc_id": "d", "sub_event_type": "Government regains territory", '
            '"actor1": "Popular Resistance (Yemen)", "comment": "x"}\n')
    new, changed = recode(line)
    assert changed
    assert new == line.replace("Government regains", "Non-state actor overtakes")
    assert recode(new) == (new, False)


def test_gold_sets_follow_the_capture_convention() -> None:
    # tests/gold/README.md "Coding decisions": a capture's sub-type follows the capturing
    # side (state forces as actor 1 or beside it regain).
    recode = _script("recode_captures").recode_line
    for path in REAL.glob("*.jsonl"):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not recode(line)[1], f"{path}:{n}"


def _articles(shared_dir: Path, docs: set[str], out: Path) -> Path:
    # The script users run to fetch a set's articles, so the gate reads what they read.
    corpus = shared_dir / "corpora" / "saudinewsnet-2015.jsonl.gz"
    records = _script("real_gold_articles").articles(sorted(docs), corpus)
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                   encoding="utf-8")
    return out


def _score(shared_dir: Path, tmp_path: Path, name: str) -> dict[str, float]:
    docs = load_docs(REAL / f"{name}_docs.txt")
    articles = _articles(shared_dir, docs, tmp_path / f"{name}-articles.jsonl")
    pred = predict([articles], tmp_path / f"{name}-pred.jsonl")
    report = evaluate(load_events(REAL / f"{name}.jsonl"), load_events(pred), docs=docs)
    return figures_of(report)


def _gate(shared_dir: Path, tmp_path: Path, name: str, minimums: dict[str, float]) -> None:
    # The failure names figures only (never events): the same gate serves the unread sets.
    figures = _score(shared_dir, tmp_path, name)
    low = {k: round(figures[k], 3) for k, v in minimums.items() if figures[k] < v}
    assert not low, f"below the pinned minimums {minimums}: {low}"


@pytest.mark.shared
def test_real_development_quality_gate(shared_dir: Path, tmp_path: Path) -> None:
    _gate(shared_dir, tmp_path, "dev", DEV_MIN)


@pytest.mark.shared
def test_second_development_set_quality_gate(shared_dir: Path, tmp_path: Path) -> None:
    _gate(shared_dir, tmp_path, "dev2", DEV2_MIN)


@pytest.mark.shared
def test_third_development_set_quality_gate(shared_dir: Path, tmp_path: Path) -> None:
    _gate(shared_dir, tmp_path, "dev3", DEV3_MIN)


@pytest.mark.shared
def test_fourth_development_set_quality_gate(shared_dir: Path, tmp_path: Path) -> None:
    # Opened for development in the seventh session (tests/gold/README.md).
    _gate(shared_dir, tmp_path, "dev4", DEV4_MIN)


@pytest.mark.shared
def test_fifth_development_set_quality_gate(shared_dir: Path, tmp_path: Path) -> None:
    # Opened for development in the eighth session (tests/gold/README.md).
    _gate(shared_dir, tmp_path, "dev5", DEV5_MIN)


@pytest.mark.shared
def test_sixth_development_set_quality_gate(shared_dir: Path, tmp_path: Path) -> None:
    # Figures only: the set is the lead's unread check (tests/gold/README.md).
    _gate(shared_dir, tmp_path, "dev6", DEV6_MIN)


@pytest.mark.shared
def test_real_holdout_quality_gate(shared_dir: Path, tmp_path: Path) -> None:
    # Figures only, never events: the held-out set is not to be read.
    _gate(shared_dir, tmp_path, "holdout", HOLDOUT_MIN)
