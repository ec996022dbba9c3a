"""Merging report-level events into canonical events: the real pipeline on articles of
our own (tests/fixtures/merge/), and the merge rules on hand-built events."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from rasd.cli import main as cli
from rasd.merge import (
    Cluster,
    MergeOptions,
    Report,
    agreement,
    canonical_event,
    inside,
    merge_all,
    merged_fatalities,
)
from rasd.models import Actor, DateSpan, Event, Evidence, Fatalities, Location
from rasd.pipeline import Pipeline
from rasd.store import open_store
from rasd.store.canonical import count_canonical, get_canonical, list_canonical
from rasd.store.events import EventFilter, count_events, replace_events

HAJIN = "hajin-attack.jsonl"
BUKAMAL = "abukamal-two-attacks.jsonl"


def _split(fixtures_dir: Path, tmp: Path) -> list[Path]:
    """One file per article, so runs can take them in any order."""
    out = []
    for name in (HAJIN, BUKAMAL):
        for line in (fixtures_dir / "merge" / name).read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            path = tmp / f"{rec['id']}.jsonl"
            path.write_text(line + "\n", encoding="utf-8")
            out.append(path)
    return out


def _canonical_state(db: str) -> list[dict[str, object]]:
    with open_store(db) as store:
        rows = store._exec("SELECT record FROM canonical_events ORDER BY id").fetchall()
    return [json.loads(r[0]) for r in rows]


@pytest.fixture(scope="module")
def merged_db(tmp_path_factory: pytest.TempPathFactory, fixtures_dir: Path) -> str:
    tmp = tmp_path_factory.mktemp("merge")
    db = f"sqlite:///{tmp / 'all.db'}"
    with open_store(db) as store:
        stats = Pipeline(store).run([fixtures_dir / "merge" / HAJIN,
                                     fixtures_dir / "merge" / BUKAMAL])
    assert stats.merged == 2
    return db


def test_three_outlets_one_event(merged_db: str) -> None:
    with open_store(merged_db) as store:
        [ev] = list_canonical(store, EventFilter(admin1="Deir ez-Zor", event_type="Battles",
                                                  date_to=date(2019, 1, 31)))
        view = get_canonical(store, ev.event_id)
    assert ev.sub_event_type == "Armed clash"
    assert {a.id for a in (ev.actor1, ev.actor2) if a} == {"isis", "sdf"}
    assert len(view.reports) == 3
    assert len(ev.sources) == 3
    # 7, 9 and 12 killed by three outlets: ACLED's conservative figure is the lowest.
    assert ev.fatalities == Fatalities(best=7, low=7, high=12)
    assert ev.date == DateSpan(date(2019, 1, 16), date(2019, 1, 16), 1)
    assert {e.doc_id for e in ev.evidence} == {"hajin-furat", "hajin-sharq", "hajin-wadi"}
    assert view.links and all("shared actor" in "; ".join(lk["reasons"]) for lk in view.links)


def test_two_attacks_in_one_town_stay_two(merged_db: str) -> None:
    with open_store(merged_db) as store:
        events = list_canonical(store, EventFilter(date_from=date(2019, 2, 10),
                                                   date_to=date(2019, 2, 10)))
        assert count_events(store) == 6
        assert count_canonical(store) == 3
    assert len(events) == 2
    by_actors = {frozenset(a.id for a in (e.actor1, e.actor2) if a): e for e in events}
    isis = by_actors[frozenset({"isis", "mil-sy"})]
    assert len(isis.sources) == 2 and isis.fatalities == Fatalities(best=3, low=3, high=4)
    other = by_actors[frozenset({"hezbollah", "baqir"})]
    assert len(other.sources) == 1


def test_shuffled_and_incremental_runs_give_the_same_events(
        merged_db: str, fixtures_dir: Path, tmp_path: Path) -> None:
    expected = _canonical_state(merged_db)
    paths = _split(fixtures_dir, tmp_path)
    for seed in (1, 2):
        order = paths[:]
        random.Random(seed).shuffle(order)
        db = f"sqlite:///{tmp_path / f'shuffled{seed}.db'}"
        with open_store(db) as store:
            if seed == 1:  # one article per run: every report joins what earlier runs made
                for path in order:
                    Pipeline(store).run([path])
            else:
                Pipeline(store).run(order)
        assert _canonical_state(db) == expected


def test_postgres_gives_the_same_events(merged_db: str, fixtures_dir: Path, pg_url: str) -> None:
    with open_store(pg_url) as store:
        Pipeline(store).run([fixtures_dir / "merge" / BUKAMAL, fixtures_dir / "merge" / HAJIN])
        assert count_canonical(store, EventFilter(text="هجين")) == 1
    assert _canonical_state(pg_url) == _canonical_state(merged_db)


def test_re_extraction_re_merges(merged_db: str, tmp_path: Path) -> None:
    import shutil

    path = tmp_path / "copy.db"
    shutil.copy(merged_db[len("sqlite:///"):], path)
    db = f"sqlite:///{path}"
    with open_store(db) as store:
        doc = store.get_document("hajin-wadi")
        replace_events(store, doc, [])  # the article now yields no event
        Pipeline(store).process([])
        [ev] = list_canonical(store, EventFilter(event_type="Battles",
                                                  date_to=date(2019, 1, 31)))
    assert len(ev.sources) == 2 and ev.fatalities == Fatalities(7, 7, 9)


def test_cli_levels_and_show(merged_db: str) -> None:
    runner = CliRunner()
    res = runner.invoke(cli, ["events", "list", "--db", merged_db])
    assert res.exit_code == 0, res.output
    assert "(3 of 3 events)" in res.output
    res = runner.invoke(cli, ["events", "list", "--db", merged_db, "--level", "report"])
    assert "(6 of 6 events)" in res.output
    res = runner.invoke(cli, ["export", "--db", merged_db, "--format", "csv"])
    assert res.exit_code == 0 and "exported 3 events" in res.output
    assert "الشرق اليوم; صوت الوادي; نبض الفرات" in res.output
    with open_store(merged_db) as store:
        [ev] = list_canonical(store, EventFilter(event_type="Battles", date_to=date(2019, 1, 31)))
    res = runner.invoke(cli, ["events", "show", ev.event_id, "--db", merged_db])
    assert res.exit_code == 0, res.output
    assert "reports (3)" in res.output and "merged because:" in res.output
    assert "same place: Haj" in res.output and "sources (3)" in res.output
    res = runner.invoke(cli, ["events", "show", ev.event_id, "--json", "--db", merged_db])
    assert len(json.loads(res.output)["reports"]) == 3
    res = runner.invoke(cli, ["export", "--db", merged_db, "--level", "report"])
    assert "exported 6 events" in res.output
    res = runner.invoke(cli, ["events", "show", "c0000000000000000", "--db", merged_db])
    assert res.exit_code == 3


# -- the rules, on hand-built events -------------------------------------

ISIS = Actor("isis", "Islamic State", "داعش", 2)
SDF = Actor("sdf", "Syrian Democratic Forces", "قسد", 3)
ARMY = Actor("mil-sy", "Military Forces of Syria", "قوات النظام", 1)
UAG = Actor("uag-sy", "Unidentified Armed Group (Syria)", "مسلحون مجهولون", 3)
CIV = Actor("civ-sy", "Civilians (Syria)", "مدنيون", 7)
HAJIN_LOC = Location("Hajin", "هجين", 34.69, 40.83, 1, "geonames:1", "Deir ez-Zor",
                     "Abu Kamal", "SY")
SUSAH = Location("Susah", "السوسة", 34.73, 40.87, 1, "geonames:2", "Deir ez-Zor",
                 "Abu Kamal", "SY")  # about 6 km from Hajin
MAYADIN = Location("Mayadin", "الميادين", 35.02, 40.45, 1, "geonames:3", "Deir ez-Zor",
                   "Mayadin", "SY")
DEIR_GOV = Location("Deir ez-Zor", "دير الزور", 35.33, 40.14, 3, "ocha:SY09", "Deir ez-Zor",
                    None, "SY")


def _report(rid: str, *, doc: str | None = None, sub: str = "Armed clash",
            etype: str = "Battles", a1: Actor | None = ISIS, a2: Actor | None = SDF,
            loc: Location | None = HAJIN_LOC, day: int | None = 16, precision: int = 1,
            killed: int = 0, source: str | None = "outlet", published: int | None = 16) -> Report:
    ev = Event(
        event_id=rid, doc_id=doc or f"doc-{rid}", status="current", event_type=etype,
        sub_event_type=sub, actor1=a1, actor2=a2, location=loc,
        date=DateSpan(date(2019, 1, day), date(2019, 1, day), precision) if day else None,
        fatalities=Fatalities(killed, killed, killed),
        evidence=(Evidence(doc or f"doc-{rid}", "…", 0, 1),))
    return Report(ev, doc or f"doc-{rid}", source,
                  date(2019, 1, published) if published else None)


def test_agreement_is_symmetric_and_explained() -> None:
    a, b = _report("a"), _report("b", a1=SDF, a2=ISIS, loc=SUSAH, killed=4)
    ab, ba = agreement(a, b), agreement(b, a)
    assert ab is not None and ab == ba
    assert ab.a == "a" and any("km apart" in r for r in ab.reasons)


@pytest.mark.parametrize("other", [
    _report("x", a1=ARMY, a2=None),                                # disjoint named actors
    _report("x", a1=ARMY, a2=ISIS),                                # another pair
    _report("x", loc=MAYADIN),                                     # 40 km away
    _report("x", day=19, published=19),                            # three days later
    _report("x", etype="Explosions/Remote violence", sub="Air/drone strike"),
    _report("x", doc="doc-a"),                                     # same article
    _report("x", loc=None),                                        # no place
])
def test_disagreements(other: Report) -> None:
    assert agreement(_report("a"), other) is None
    assert agreement(other, _report("a")) is None


def test_soft_agreements() -> None:
    a = _report("a")
    assert agreement(a, _report("x", a1=UAG, a2=None)) is not None   # names no actor
    assert agreement(a, _report("x", day=17, published=17)) is not None  # a day apart
    assert agreement(a, _report("x", day=None, published=18)) is not None  # unknown date
    assert agreement(a, _report("x", day=None, published=21)) is None
    assert agreement(a, _report("x", loc=DEIR_GOV)) is not None        # inside its governorate
    assert agreement(a, _report("x", loc=None), near_copies=True) is not None
    air = _report("s1", etype="Explosions/Remote violence", sub="Air/drone strike")
    shell = _report("s2", etype="Explosions/Remote violence",
                    sub="Shelling/artillery/missile attack")
    assert agreement(air, shell) is not None
    civ1 = _report("v1", etype="Violence against civilians", sub="Attack", a1=ISIS, a2=CIV)
    civ2 = _report("v2", etype="Violence against civilians", sub="Attack", a1=ARMY, a2=CIV)
    assert agreement(civ1, civ2) is None  # civilians in common is not an actor in common
    assert agreement(civ1, replace(civ2, event=replace(civ2.event, actor1=UAG))) is not None


def test_inside_needs_the_same_admin_area() -> None:
    assert inside(HAJIN_LOC, DEIR_GOV)
    assert not inside(DEIR_GOV, HAJIN_LOC)
    raqqa = Location("Raqqa", "الرقة", 35.95, 39.01, 3, "ocha:SY11", "Ar-Raqqa", None, "SY")
    assert not inside(HAJIN_LOC, raqqa)


def test_complete_linkage_stops_chains() -> None:
    """Strikes on one town on three consecutive days: each a day from the next, but the
    first and the last are two days apart, so they cannot all be one event."""
    reports = [_report(f"r{d}", day=d, published=d) for d in (15, 16, 17)]
    clusters = merge_all(reports)
    assert [len(c.reports) for c in clusters] != [3]
    assert sum(len(c.reports) for c in clusters) == 3


def test_merge_is_order_independent() -> None:
    reports = [_report("r1", killed=5), _report("r2", a1=UAG, a2=None, killed=8),
               _report("r3", loc=SUSAH, day=17, published=17),
               _report("r4", a1=ARMY, a2=ISIS), _report("r5", loc=MAYADIN)]
    first = [[r.id for r in c.reports] for c in merge_all(reports)]
    for seed in range(5):
        shuffled = reports[:]
        random.Random(seed).shuffle(shuffled)
        assert [[r.id for r in c.reports] for c in merge_all(shuffled)] == first
    assert first == [["r1", "r2", "r3"], ["r4"], ["r5"]]


def test_canonical_record_and_fatalities() -> None:
    reps = (_report("b1", killed=0, source="A"), _report("b2", killed=9, source="B"),
            _report("b3", a1=UAG, a2=None, killed=5, source="B"))
    canon = canonical_event(Cluster(reps))
    assert canon.event.event_id == "cb1"
    assert canon.sources == ("A", "B")
    assert canon.event.fatalities == Fatalities(best=5, low=5, high=9)
    assert canon.event.actor1 == ISIS  # the report that names the actors
    assert merged_fatalities([]) == Fatalities(0, 0, 0)
    ranged = replace(reps[1].event, fatalities=Fatalities(best=20, low=20, high=30))
    assert merged_fatalities([ranged, reps[2].event]) == Fatalities(5, 5, 30)


def test_options_change_the_rules() -> None:
    a, b = _report("a"), _report("b", loc=SUSAH)
    assert agreement(a, b, options=MergeOptions(near_km=2.0)) is None
