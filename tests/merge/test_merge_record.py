"""Canonical events over several reports: tolls reconciled, actor order, the note, and
the merge rules on composed multi-report cases (articles of our own, through the real
pipeline: tests/fixtures/merge/composed-cases.jsonl)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from rasd.merge.merger import Cluster, MergeOptions, agreement, canonical_event, merge_all
from rasd.merge.record import (
    canonical_note,
    majority_order,
    reconcile_tolls,
    toll_cues,
    toll_kinds,
)
from rasd.models import Actor, DateSpan, Event, Evidence, Fatalities, Location, Report
from rasd.pipeline.orchestrator import Pipeline
from rasd.store import open_store
from rasd.store.canonical import list_canonical
from rasd.store.events import EventFilter

ISIS = Actor("isis", "Islamic State", "داعش", 2)
SDF = Actor("sdf", "Syrian Democratic Forces", "قسد", 3)
ARMY = Actor("mil-sy", "Military Forces of Syria", "قوات النظام", 1)
CIV = Actor("civ-sy", "Civilians (Syria)", "مدنيون", 7)
TOWN = Location("Al-Shuhayl", "الشحيل", 35.17, 40.43, 1, "g:shuhayl", "Deir ez-Zor",
                None, "SY")
FAR_TOWN = Location("Al-Busayrah", "البصيرة", 35.15, 40.43, 1, "g:busayrah", "Deir ez-Zor",
                    None, "SY")
# "ريف دير الزور": the countryside of the governorate's city, 40 km from the town.
RIF = Location("Deir ez-Zor", "دير الزور", 35.34, 40.14, 2, "g:deir", "Deir ez-Zor",
               None, "SY")

FIRST = "قُتل أربعة عناصر من قسد في هجوم شنه تنظيم داعش على حاجز لهم في بلدة الشحيل."
CLAIM = "تبنى تنظيم داعش الهجوم على حاجز قسد في الشحيل وزعم مقتل خمسة من عناصرها."
RISE = "ارتفعت حصيلة قتلى هجوم داعش على حاجز قسد في بلدة الشحيل إلى خمسة عناصر."
DENIAL = "نفت قوات سوريا الديمقراطية سقوط قتلى في صفوفها خلال هجوم داعش على الشحيل."
PLAIN = "هاجم تنظيم داعش حاجزا لقوات سوريا الديمقراطية في بلدة الشحيل."


def _report(rid: str, text: str, killed: int, *, published: int = 10, day: int = 10,
            a1: Actor | None = ISIS, a2: Actor | None = SDF, loc: Location = TOWN,
            etype: str = "Battles", sub: str = "Armed clash",
            low: int | None = None, high: int | None = None) -> Report:
    doc = f"doc-{rid}"
    ev = Event(event_id=rid, doc_id=doc, status="current", event_type=etype,
               sub_event_type=sub, actor1=a1, actor2=a2, location=loc,
               date=DateSpan(date(2019, 2, day), date(2019, 2, day), 1),
               fatalities=Fatalities(killed, killed if low is None else low,
                                     killed if high is None else high),
               evidence=(Evidence(doc, text, 0, len(text)),))
    return Report(ev, doc, f"outlet-{rid}", date(2019, 2, published))


def _tolls(*reports: Report) -> Fatalities:
    return reconcile_tolls((r.event, r.published) for r in reports)


def test_the_cue_file_is_read_and_sentences_are_classified() -> None:
    kinds = {k for _, k in toll_cues()}
    assert kinds == {"update", "claim", "denial"}
    assert toll_kinds(_report("a", RISE, 5).event) == {"update"}
    assert toll_kinds(_report("a", CLAIM, 5).event) == {"claim"}
    assert toll_kinds(_report("a", DENIAL, 0).event) == {"denial"}
    assert toll_kinds(_report("a", FIRST, 4).event) == frozenset()


# Words that begin like a cue but are other words: "تنفيذ" (carrying out) is no denial
# ("تنفي"), "زعماء" (leaders) no claim ("زعم"); an attached pronoun keeps the cue.
CARRIED_OUT = "قُتل ثمانية عشر مدنيا في تفجير سيارة مفخخة تم تنفيذه في سوق بلدة الشحيل."
LEADERS = "قُتل أربعة من زعماء العشائر في هجوم داعش على بلدة الشحيل."
DENIED_IT = "قالت قسد إن خمسة من عناصرها قتلوا في الشحيل، ثم نفته في بيان لاحق."


@pytest.mark.parametrize(("text", "kinds"), [
    (CARRIED_OUT, set()),
    (LEADERS, set()),
    (DENIED_IT, {"denial"}),
    ("نفى الجيش سقوط قتلى في صفوفه.", {"denial"}),
    ("وزعمت الجماعة مقتل عشرة جنود.", {"claim"}),
    ("ارتفعت حصيلة الهجوم إلى تسعة.", {"update"}),
])
def test_cues_are_whole_words(text: str, kinds: set[str]) -> None:
    assert toll_kinds(_report("a", text, 4).event) == kinds


def test_a_figure_is_not_dropped_for_a_word_that_begins_like_a_denial() -> None:
    # 18 killed "in a bombing carried out" and a later 20: both are credible figures.
    assert _tolls(_report("a", CARRIED_OUT, 18), _report("b", PLAIN, 20)) == Fatalities(18, 18, 20)


def test_a_lone_report_keeps_its_toll_and_its_note_agrees() -> None:
    # A report that tells a denial (of responsibility, or of deaths) with a toll of its
    # own: alone it is not reconciled, so the canonical toll is the one its note tells.
    text = "نفت الجماعة مسؤوليتها عن الهجوم الذي قتل فيه ثلاثة من عناصر قسد في الشحيل."
    lone = _report("a", text, 3)
    lone = Report(replace(lone.event, notes="On 2019-02-10, a clash. 3 reported fatalities."),
                  lone.doc_id, lone.source, lone.published)
    canon = canonical_event(Cluster((lone,))).event
    assert canon.fatalities == Fatalities(3, 3, 3)
    assert canon.notes == lone.event.notes


@pytest.mark.parametrize(("reports", "expected"), [
    # A first count, a claim, then "the toll rose to five" a day later: the update is
    # the best figure, the first count the lowest, the highest any report gives.
    ((_report("a", FIRST, 4), _report("b", CLAIM, 5), _report("c", RISE, 5, published=11)),
     Fatalities(5, 4, 5)),
    # Without an update the conservative figure: the lowest credible one.
    ((_report("a", FIRST, 4), _report("b", PLAIN, 7)), Fatalities(4, 4, 7)),
    # A claim is not credible while a figure not claimed exists.
    ((_report("a", CLAIM, 9), _report("b", FIRST, 4)), Fatalities(4, 4, 9)),
    # A claim alone is the only figure there is.
    ((_report("a", CLAIM, 9), _report("b", PLAIN, 0)), Fatalities(9, 9, 9)),
    # A claim and a denial: none killed for certain, the claim as the high figure.
    ((_report("a", CLAIM, 10), _report("b", DENIAL, 3)), Fatalities(0, 0, 10)),
    # A report silent on deaths is no figure of zero.
    ((_report("a", PLAIN, 0), _report("b", FIRST, 4)), Fatalities(4, 4, 4)),
    # Of two updates the latest wins, though lower than the earlier report's figure.
    ((_report("a", RISE, 9, published=11), _report("b", RISE, 7, published=12),
      _report("c", PLAIN, 12)), Fatalities(7, 7, 12)),
    # Ranges keep their ends.
    ((_report("a", FIRST, 5, low=4, high=6), _report("b", PLAIN, 8)), Fatalities(5, 4, 8)),
    ((), Fatalities(0, 0, 0)),
])
def test_tolls_reconciled(reports: tuple[Report, ...], expected: Fatalities) -> None:
    assert _tolls(*reports) == expected


def test_actor_order_follows_the_majority_of_reports() -> None:
    a = _report("a", FIRST, 4)
    b = _report("b", PLAIN, 0, a1=SDF, a2=ISIS)
    c = _report("c", PLAIN, 0, a1=SDF, a2=ISIS)
    assert majority_order(a.event, [a.event, b.event, c.event])
    assert not majority_order(a.event, [a.event, b.event])  # a tie keeps the order
    canon = canonical_event(Cluster((a, b, c)))
    assert (canon.event.actor1, canon.event.actor2) == (SDF, ISIS)
    # A report naming one of the two votes for the side it gives it.
    d = _report("d", PLAIN, 0, a1=ISIS, a2=None)
    e = _report("e", PLAIN, 0, a1=ISIS, a2=CIV)
    assert not majority_order(a.event, [a.event, b.event, d.event, e.event])


_NUMBER = re.compile(r"(\d+) reported fatalities(?: \(reports give (\d+) to (\d+)\))?")


def test_the_note_is_written_from_the_fields_and_never_disagrees() -> None:
    reports = (_report("a", FIRST, 4), _report("b", CLAIM, 5),
               _report("c", RISE, 5, published=11))
    canon = canonical_event(Cluster(reports)).event
    m = _NUMBER.search(canon.notes)
    assert m is not None and canon.fatalities is not None
    assert (int(m[1]), int(m[2]), int(m[3])) == (canon.fatalities.best,
                                                 canon.fatalities.low, canon.fatalities.high)
    assert "Al-Shuhayl" in canon.notes and "On 2019-02-10" in canon.notes
    assert canon.notes.endswith("Merged from 3 reports by 3 sources.")
    denied = canonical_event(Cluster((_report("a", CLAIM, 10), _report("b", DENIAL, 3))))
    assert "No fatalities confirmed (claims of up to 10)" in denied.event.notes
    assert "reported fatalities" not in denied.event.notes
    lone = _report("a", FIRST, 4)
    assert canonical_event(Cluster((lone,))).event.notes == lone.event.notes
    assert canonical_note(lone.event, reports=1, sources=1).startswith("On 2019-02-10")


# -- the merge rules on composed cases ------------------------------------


def test_a_next_day_report_and_a_coarse_place_join_the_town_report() -> None:
    town = _report("a", FIRST, 4)
    next_day = _report("b", RISE, 5, published=11)  # "يوم أمس" resolved to the 10th
    rif = _report("c", FIRST.replace("في بلدة الشحيل", "في ريف دير الزور"), 4, loc=RIF)
    assert agreement(town, next_day) is not None
    link = agreement(town, rif)
    assert link is not None and "countryside of Deir ez-Zor" in " ".join(link.reasons)
    # The countryside is a coarse place: without alike sentences it needs a tie.
    other = _report("d", "اشتباكات في ريف دير الزور.", 0, loc=RIF)
    assert agreement(town, other) is None
    assert agreement(town, other, options=MergeOptions(corroborate=False)) is not None
    assert [len(c.reports) for c in merge_all([town, next_day, rif])] == [3]


def test_two_raids_on_one_town_on_one_day_stay_apart() -> None:
    on_sdf = _report("a", "هاجم داعش مواقع قسد في الشحيل وقتل ثلاثة.", 3)
    on_army = _report("b", "هاجم داعش حاجزا لقوات النظام في الشحيل وقتل تسعة.", 9,
                      a2=ARMY)
    assert agreement(on_sdf, on_army) is None
    # The same two with one large toll: one attack that outlets name differently.
    assert agreement(_report("c", FIRST, 9), _report("d", PLAIN, 9, a2=ARMY)) is not None
    # Tolls far apart keep even the same actors' reports of a day apart.
    assert agreement(_report("e", FIRST, 3), _report("f", PLAIN, 30, a1=ARMY)) is None


def test_a_second_incident_in_the_same_town_stays_its_own_event() -> None:
    battle = _report("a", FIRST, 4)
    ied = _report("b", "وفي البلدة ذاتها، قُتل مدني بانفجار عبوة ناسفة.", 1,
                  a1=None, a2=CIV, etype="Explosions/Remote violence",
                  sub="Remote explosive/landmine/IED")
    assert agreement(battle, ied) is None
    assert [len(c.reports) for c in merge_all([battle, ied])] == [1, 1]


def test_a_recalled_event_a_few_days_off_joins_at_a_precise_place() -> None:
    now = _report("a", FIRST, 4)
    recalled = _report("b", PLAIN, 4, published=14, day=13)
    recalled = Report(Event(**{**_fields(recalled.event), "status": "background"}),
                      recalled.doc_id, recalled.source, recalled.published)
    link = agreement(now, recalled)
    assert link is not None and "recalled event" in " ".join(link.reasons)
    # Not with tolls far apart (an attack of its own days later), not at a coarse
    # place, and not when both tell it as news.
    later = Report(Event(**{**_fields(recalled.event), "fatalities": Fatalities(1, 1, 1)}),
                   recalled.doc_id, recalled.source, recalled.published)
    assert agreement(_report("g", FIRST, 28), later) is None
    assert agreement(_report("h", FIRST, 28), recalled) is None  # 4 against 28
    assert agreement(_report("c", FIRST, 4), _report("d", PLAIN, 4, day=13)) is None
    far = Report(Event(**{**_fields(recalled.event), "location": RIF}), "doc-x", "o",
                 recalled.published)
    assert agreement(now, far) is None


def _fields(ev: Event) -> dict[str, object]:
    return {f: getattr(ev, f) for f in Event.__dataclass_fields__}


def test_reports_of_one_article_are_never_merged() -> None:
    a = _report("a", FIRST, 4)
    b = Report(Event(**{**_fields(_report("b", FIRST, 4).event), "doc_id": "doc-a"}),
               "doc-a", "outlet-a", a.published)
    assert agreement(a, b) is None
    assert [len(c.reports) for c in merge_all([a, b])] == [1, 1]


def test_composed_articles_through_the_pipeline(fixtures_dir: Path, tmp_path: Path) -> None:
    """Nine articles of our own: a toll that rises (a first count, a claim, a next-day
    update, a report placing it in "ريف دير الزور"), an IED "in the same town", a claim
    and a denial, and two raids on one town on one day."""
    with open_store(f"sqlite:///{tmp_path / 'c.db'}") as store:
        Pipeline(store).run([fixtures_dir / "merge" / "composed-cases.jsonl"])
        events = list_canonical(store, EventFilter(), limit=50)
    by_place: dict[str, list[Event]] = {}
    for ev in events:
        assert ev.location is not None
        by_place.setdefault(ev.location.name, []).append(ev)
    shuhayl = sorted(by_place["Al-Shuhayl"], key=lambda e: e.event_type)
    assert [e.event_type for e in shuhayl] == ["Battles", "Explosions/Remote violence"]
    battle = shuhayl[0]
    assert len({e.doc_id for e in battle.evidence}) == 4  # town, claim, update, countryside
    assert battle.fatalities == Fatalities(best=5, low=4, high=5)
    assert "5 reported fatalities (reports give 4 to 5)" in battle.notes
    assert shuhayl[1].fatalities is not None and shuhayl[1].fatalities.best == 1
    [kafr] = by_place["Kafr Nabudah"]
    assert kafr.fatalities == Fatalities(best=0, low=0, high=10)
    raids = by_place["Baghouz Fawqani"]
    assert sorted(e.fatalities.best for e in raids if e.fatalities) == [3, 9]


# The toll update told noun-first ("حصيلة ضحاياه ارتفعت إلى") or as a noun after a
# preposition ("بارتفاع حصيلة"), and a rise that is not a toll's.
RISE_NOUN_FIRST = "قال المرصد إن حصيلة ضحايا الهجوم ارتفعت إلى خمسة من عناصر حاجز الشحيل."
RISE_NOUN = "أفادت مصادر محلية بارتفاع حصيلة قتلى الهجوم على حاجز الشحيل إلى خمسة."
PRICES = "يعاني سكان الشحيل من ارتفاع أسعار الوقود بعد الهجوم على الحاجز."


@pytest.mark.parametrize(("text", "kinds"), [
    (RISE_NOUN_FIRST, {"update"}),
    (RISE_NOUN, {"update"}),
    (PRICES, set()),
    # More than three words between the toll and its verb: another clause's rise.
    ("حصيلة الهجوم على الحاجز في بلدة الشحيل ارتفعت إلى خمسة.", set()),
])
def test_update_cues_in_noun_first_and_noun_forms(text: str, kinds: set[str]) -> None:
    assert toll_kinds(_report("a", text, 5).event) == kinds


def test_a_later_update_told_noun_first_is_the_best_figure() -> None:
    # Four killed on the day; the next day's report: the toll "rose to five".
    first = _report("a", FIRST, 4, published=10)
    later = _report("b", RISE_NOUN_FIRST, 5, published=11)
    assert _tolls(first, later) == Fatalities(5, 4, 5)
    # The same figure without the cue: the conservative lowest credible figure.
    plain = _report("c", PLAIN, 5, published=11)
    assert _tolls(first, plain) == Fatalities(4, 4, 5)
