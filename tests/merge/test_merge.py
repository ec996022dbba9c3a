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

from rasd.cli.main import main as cli
from rasd.merge.merger import (
    Cluster,
    MergeOptions,
    agreement,
    canonical_event,
    coarse_place,
    evidence_similarity,
    inside,
    merge_all,
    merged_fatalities,
    weak_facets,
)
from rasd.models import Actor, DateSpan, Event, Evidence, Fatalities, Location, Place, Report
from rasd.pipeline.orchestrator import Pipeline
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
    # Report-level JSON Lines carry each report's canonical event (for eval --merge).
    rows = [json.loads(line) for line in res.stdout.splitlines() if line.startswith("{")]
    assert len(rows) == 6 and sum(r["canonical_id"] == ev.event_id for r in rows) == 3
    assert all(r["canonical_id"].startswith("c") for r in rows)
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
            killed: int = 0, source: str | None = "outlet", published: int | None = 16,
            window: bool = False, text: str = "…") -> Report:
    """A report; ``window`` gives it the news-window date of an article with no day cue
    (the day before publication to publication, precision 2)."""
    if window:
        assert published is not None
        span: DateSpan | None = DateSpan(date(2019, 1, published - 1), date(2019, 1, published), 2)
    else:
        span = DateSpan(date(2019, 1, day), date(2019, 1, day), precision) if day else None
    ev = Event(
        event_id=rid, doc_id=doc or f"doc-{rid}", status="current", event_type=etype,
        sub_event_type=sub, actor1=a1, actor2=a2, location=loc, date=span,
        fatalities=Fatalities(killed, killed, killed),
        evidence=(Evidence(doc or f"doc-{rid}", text, 0, len(text)),))
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
    assert agreement(a, _report("x", loc=SUSAH)) is not None          # 6 km away, same day
    # A day apart, an unknown date, a governorate: agreement, but too weak alone
    # (see the corroboration tests below); near copies corroborate them.
    old_rules = MergeOptions(corroborate=False)
    for other in (_report("x", day=17, published=17), _report("x", day=None, published=18),
                  _report("x", loc=DEIR_GOV)):
        assert agreement(a, other, options=old_rules) is not None
        assert agreement(a, other) is None
        assert agreement(a, other, near_copies=True) is not None
    assert agreement(a, _report("x", day=None, published=21), options=old_rules) is None
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
               _report("r3", loc=SUSAH, published=17),
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


# -- weak agreements and what corroborates them ----------------------------
# Sentences of our own: one shelling told by two outlets (one wire sentence, spelt
# two ways), another act on the same front, and a sentence of the same front that
# shares much of the first one's wording but tells of another shelling.

WIRE = ("قصفت قوات النظام بالمدفعية الثقيلة أحياء سكنية في بلدة هجين، ما أدى إلى مقتل "
        "أربعة مدنيين وإصابة آخرين.")
WIRE_COPY = ("وقصفت قوات النظام بالمدفعية الثقيلة احياء سكنية في بلدة هجين ما ادى الى مقتل "
             "اربعة مدنيين واصابة اخرين")
OTHER_ACT = "استهدف الطيران الحربي سوقا شعبيا في بلدة هجين وسقط جرحى بين المدنيين."
SAME_FRONT = "قصفت قوات النظام بالمدفعية الثقيلة أحياء بلدة هجين مساء اليوم دون أنباء عن ضحايا."

ALEPPO = Location("Aleppo", "حلب", 36.20, 37.16, 1, "geonames:4", "Aleppo", None, "SY")
GAZETTEER = {p.id: p for p in (
    Place("geonames:1", "Hajin", "هجين", "populated place", 34.69, 40.83, "SY",
          "Deir ez-Zor", population=37_000),
    Place("geonames:4", "Aleppo", "حلب", "populated place", 36.20, 37.16, "SY", "Aleppo",
          population=2_000_000),
)}
place_of = GAZETTEER.get


def _saying(r: Report, text: str) -> Report:
    ev = replace(r.event, evidence=(Evidence(r.doc_id, text, 0, len(text)),))
    return replace(r, event=ev)


def test_evidence_similarity_reads_arabic_spellings() -> None:
    def ev(text: str) -> Event:
        return _report("e", text=text).event

    assert evidence_similarity(ev(WIRE), ev(WIRE_COPY)) == 1.0  # و، ال، أ/ا، ة/ه folded
    assert evidence_similarity(ev(WIRE), ev(OTHER_ACT)) < 0.3
    assert 0.3 <= evidence_similarity(ev(WIRE), ev(SAME_FRONT)) < 0.5
    assert evidence_similarity(ev(WIRE), ev("")) == 0.0
    # Numbers count: a toll is what two tellings of one happening share.
    told = "قتل 12 مدنيا في قصف مدفعي على البلدة."
    assert evidence_similarity(ev(told), ev("أوقع القصف المدفعي على البلدة 12 قتيلا.")) > \
        evidence_similarity(ev(told), ev("أوقع القصف المدفعي على البلدة 7 قتلى."))


def test_coarse_places() -> None:
    assert coarse_place(ALEPPO, place_of=place_of)                     # 2 million people
    assert not coarse_place(ALEPPO, place_of=place_of,
                            options=MergeOptions(coarse_population=3_000_000))
    assert coarse_place(DEIR_GOV, place_of=place_of)                   # a governorate
    assert not coarse_place(HAJIN_LOC, place_of=place_of)
    assert not coarse_place(SUSAH)                                      # unknown: its precision


@pytest.mark.parametrize(("a", "b", "why"), [
    # Neither article gives the day: news windows of articles a day apart overlap.
    (_report("a", window=True, published=16), _report("b", window=True, published=17),
     "no day given (news-window date)"),
    # Only one gives the day (inside the other's window), at places 6 km apart.
    (_report("a", day=16, published=17), _report("b", window=True, published=17, loc=SUSAH),
     "only one report gives the day (the other: news-window date)"),
    # Both give the day, and the days differ.
    (_report("a"), _report("b", day=17, published=17), "different days: 2019-01-16, 2019-01-17"),
    # A city of two million is one place for many events of a day (the second
    # report names one side only: the same two sides would corroborate).
    (_report("a", loc=ALEPPO), _report("b", loc=ALEPPO, a2=None), "coarse place: Aleppo"),
    # A town and its governorate.
    (_report("a"), _report("b", loc=DEIR_GOV), "coarse place: Deir ez-Zor"),
], ids=["news-windows", "one-day", "different-days", "big-city", "governorate"])
def test_weak_agreements_need_corroboration(a: Report, b: Report, why: str) -> None:
    assert why in weak_facets(a, b, place_of=place_of)
    assert agreement(a, b, place_of=place_of, options=MergeOptions(corroborate=False))
    # Told in different words: nothing ties them to one happening.
    assert agreement(_saying(a, WIRE), _saying(b, OTHER_ACT), place_of=place_of) is None
    # One sentence from two outlets does, and so do near-copy articles.
    link = agreement(_saying(a, WIRE), _saying(b, WIRE_COPY), place_of=place_of)
    assert link is not None
    assert link.reasons[-1] == f"weak: {'; '.join(weak_facets(a, b, place_of=place_of))}; " \
                               "corroborated: evidence sentences alike (1.00)"
    assert agreement(a, b, place_of=place_of, near_copies=True) is not None
    assert agreement(b, a, place_of=place_of) == agreement(a, b, place_of=place_of)


def test_one_day_in_one_town_needs_nothing_more() -> None:
    a, b = _saying(_report("a"), WIRE), _saying(_report("b", source="other"), OTHER_ACT)
    assert weak_facets(a, b, place_of=place_of) == []
    link = agreement(a, b, place_of=place_of)
    assert link is not None and "same day: 2019-01-16" in link.reasons
    assert not any(r.startswith("weak:") for r in link.reasons)


@pytest.mark.parametrize(("a", "b", "text", "linked"), [
    # The day of one lies in the other's window: sentences of one act suffice.
    (_report("a", day=16, published=17), _report("b", window=True, published=17),
     SAME_FRONT, True),
    # Neither gives the day: only nearly one sentence tells one happening.
    (_report("a", window=True, published=16), _report("b", window=True, published=17),
     SAME_FRONT, False),
    (_report("a", window=True, published=16), _report("b", window=True, published=17),
     WIRE_COPY, True),
    # A day outside the other's window: the dates are no help either.
    (_report("a", day=14, published=17), _report("b", window=True, published=16),
     SAME_FRONT, False),
    (_report("a", day=14, published=17), _report("b", window=True, published=16),
     WIRE_COPY, True),
    # Different days: likewise.
    (_report("a"), _report("b", day=17, published=17), SAME_FRONT, False),
], ids=["day-in-window", "windows-same-front", "windows-wire-copy", "day-outside-same-front",
        "day-outside-wire-copy", "different-days-same-front"])
def test_sentences_must_be_closer_when_dates_are_no_help(
        a: Report, b: Report, text: str, linked: bool) -> None:
    found = agreement(_saying(a, WIRE), _saying(b, text), place_of=place_of)
    assert (found is not None) is linked
    looser = MergeOptions(evidence_jaccard_undated=0.3)
    assert agreement(_saying(a, WIRE), _saying(b, text), place_of=place_of, options=looser)


@pytest.mark.parametrize(("b", "linked"), [
    (_report("b", window=True, published=17, killed=12), True),    # same actor, same toll
    (_report("b", window=True, published=17, killed=30), False),   # another toll
    (_report("b", window=True, published=17, killed=12, a1=UAG, a2=None), False),  # no actor
], ids=["same-toll", "other-toll", "no-named-actor"])
def test_a_named_actor_and_the_same_toll_corroborate(b: Report, linked: bool) -> None:
    a = _report("a", window=True, published=16, killed=12)
    link = agreement(a, b)
    assert (link is not None) is linked
    if link is not None:
        assert link.reasons[-1].endswith(
            "corroborated: Islamic State named by both and the same toll (12 killed)")
    # One or two killed recur across a front every day: too common to tell.
    few = [_report(r, window=True, published=p, killed=2) for r, p in (("c", 16), ("d", 17))]
    assert agreement(*few) is None
    assert agreement(*few, options=MergeOptions(corroborating_toll=2)) is not None


# Protocol news: one host with a long string of titles receives two visitors.
HOST = ("استقبل صاحب السمو الملكي الأمير سعد بن ناصر ولي العهد النائب الأول لرئيس مجلس "
        "الوزراء وزير الداخلية في مكتبه بالرياض أمس ")
VISIT_A = HOST + "سفير جمهورية اليابان لدى المملكة والوفد المرافق له."
VISIT_B = HOST + "أعضاء غرفة التجارة والصناعة بالمنطقة الشرقية."


def test_titles_do_not_make_two_audiences_one() -> None:
    a = _saying(_report("a", window=True, published=16), VISIT_A)
    b = _saying(_report("b", window=True, published=17), VISIT_B)
    assert evidence_similarity(a.event, b.event) < 0.5  # the titles are not content words
    assert agreement(a, b) is None
    assert agreement(a, _saying(b, VISIT_A.replace("أمس", "مساء الأحد"))) is not None


# Three articles of our own: one shelling of Mayadin told by two outlets in one
# wire sentence, and a shelling of the market the next day; no article names the day.
MAYADIN_ARTICLES = [
    {"id": "mayadin-a", "source": "نبض الفرات", "published": "2019-03-10",
     "text": "قصف على الميادين\n\nقصفت قوات النظام بالمدفعية الثقيلة أحياء سكنية في مدينة "
             "الميادين، ما أدى إلى مقتل أربعة مدنيين وإصابة آخرين.\n\nوتشهد المنطقة توترا "
             "منذ أسابيع بسبب انتشار الحواجز."},
    {"id": "mayadin-b", "source": "صوت الوادي", "published": "2019-03-11",
     "text": "مقتل مدنيين في الميادين\n\nوقصفت قوات النظام بالمدفعية الثقيلة احياء سكنية في "
             "مدينة الميادين ما ادى الى مقتل اربعة مدنيين واصابة اخرين.\n\nوناشد الأهالي "
             "المنظمات الإنسانية إرسال مساعدات طبية عاجلة إلى المستشفى الوحيد في المدينة."},
    {"id": "mayadin-c", "source": "الشرق اليوم", "published": "2019-03-11",
     "text": "قصف مدفعي على الميادين\n\nقصفت قوات النظام بالمدفعية سوقا شعبيا في مدينة "
             "الميادين، وقتل فيه سبعة مدنيين بينهم طفلان.\n\nوقال ناشطون إن السوق كان "
             "مكتظا بالمتسوقين."},
]


def test_news_window_reports_merge_only_when_corroborated(tmp_path: Path) -> None:
    """Without a day in any article, windows of articles a day apart overlap: the
    market shelling must not join the other one, whose two reports share a sentence.
    (The market report and the second report of the other, published the same day,
    share one window, but their tolls differ: still weak.)"""
    path = tmp_path / "mayadin.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in MAYADIN_ARTICLES),
                    encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'mayadin.db'}"
    with open_store(db) as store:
        Pipeline(store).run([path])
        assert count_events(store) == 3
        events = list_canonical(store)
    assert sorted(len(e.sources) for e in events) == [1, 2]
    [pair] = [e for e in events if len(e.sources) == 2]
    assert pair.fatalities == Fatalities(4, 4, 4)
    res = CliRunner().invoke(cli, ["events", "show", pair.event_id, "--db", db])
    assert res.exit_code == 0, res.output
    assert "weak: no day given (news-window date); corroborated: evidence sentences alike" \
        in res.output
