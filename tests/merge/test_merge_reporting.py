"""Merge rules of issue 15's second round, each on composed multi-report cases both ways:
a pair that must merge, and a near pair (same town, same day) that must stay apart.

- umbrella actors: one outlet's "فصائل المعارضة" is another's Southern Front;
- two sub-types of one act told on different days, with no one day both give, are weak;
- one day, one sub-type, one set of named actors, one place at one precision and no
  tolls apart corroborate a coarse place (a city of a million, a governorate).

The reports are built by hand; their evidence sentences are Arabic written for these
tests. Actors come from the packaged dictionary, so their inter codes and sides are
the real ones the rules read.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import partial

from merge_reports import build_report
from rasd.actors.resolve import load_actors
from rasd.merge.merger import MergeOptions, agreement, merge_all, weak_facets
from rasd.merge.umbrella import absorb, stands_for, umbrella_ids
from rasd.models import Actor, DateSpan, Fatalities, Location, Place, Report

_ACTORS = load_actors()


def _actor(actor_id: str) -> Actor:
    return _ACTORS.get(actor_id)


ARMY_SY, REBELS, SOUTHERN, AHRAR = (_actor(i) for i in ("mil-sy", "opp-sy", "southern-front",
                                                         "ahrar"))
ISIS, PROGOV = _actor("isis"), _actor("progov-sy")
HOUTHIS, RESISTANCE, COALITION = (_actor(i) for i in ("houthis", "popres-ye",
                                                      "saudi-coalition"))
ARMY_TR = _actor("mil-tr")
CIV_YE = Actor("civ-ye", "Civilians (Yemen)", "مدنيون", 7, "YE")

DARAA = Location("Daraa", "درعا", 32.62, 36.10, 1, "g:daraa", "Daraa", None, "SY")
ADEN = Location("Aden", "عدن", 12.78, 45.04, 1, "g:aden", "Aden", None, "YE")
ADEN_NORTH = replace(ADEN, precision=2)  # "شمال عدن": near the city
KILIS = Location("Kilis", "كلس", 36.72, 37.12, 1, "g:kilis", "Kilis", None, "TR")
GAZETTEER = {p.id: p for p in (
    Place("g:daraa", "Daraa", "درعا", "populated place", 32.62, 36.10, "SY", "Daraa",
          population=100_000),
    Place("g:aden", "Aden", "عدن", "populated place", 12.78, 45.04, "YE", "Aden",
          population=1_000_000),
    Place("g:kilis", "Kilis", "كلس", "populated place", 36.72, 37.12, "TR", "Kilis",
          population=90_000),
)}
place_of = GAZETTEER.get

# Sentences of our own: two outlets' tellings of one day's fighting in Daraa, of one
# shelling of Aden, and of the Turkish army's fire on the border.
REBELS_ATTACK = "شنت فصائل المعارضة هجوما واسعا على مواقع قوات النظام داخل مدينة درعا."
SOUTHERN_ATTACK = "أعلنت الجبهة الجنوبية بدء معركة جديدة لانتزاع أحياء درعا من قوات النظام."
ISIS_ATTACK = "هاجم مسلحو تنظيم داعش حاجزا لقوات النظام على أطراف المدينة."
SHELLING_1 = "قتل 43 مدنيا في قصف عشوائي شنته ميليشيا الحوثي على أحياء سكنية في عدن."
SHELLING_2 = "سقطت قذائف أطلقها الحوثيون على حي المنصورة في عدن وأوقعت قتلى بين السكان."
SHELLING_3 = "قتل ستة من سكان حي كريتر بقذيفة هاون سقطت قرب سوق شعبي مساء الأحد."
CLASH = "اندلعت مواجهات عنيفة بين المقاومة الشعبية والحوثيين في أطراف عدن الشمالية."
BORDER_SHELLING = "قصفت المدفعية التركية مواقع لتنظيم داعش قبالة ولاية كلس الحدودية."
BORDER_STRIKE = "أغارت مقاتلات تركية على مواقع للتنظيم في الجانب السوري من الحدود."


# A report of the incident these cases vary (merge_reports.build_report).
_report = partial(build_report, etype="Battles", sub="Armed clash", a1=ARMY_SY,
                  a2=REBELS, loc=DARAA, day=25, published=26, text=REBELS_ATTACK)


def _link(a: Report, b: Report, **opts: object) -> list[str] | None:
    lk = agreement(a, b, place_of=place_of, options=MergeOptions(**opts))  # type: ignore[arg-type]
    return None if lk is None else list(lk.reasons)


# -- "the rebels" in one report, the Southern Front in another --------------------


def test_umbrella_data_is_checked_and_read() -> None:
    assert {"opp-sy", "progov-sy"} <= umbrella_ids()
    on = date(2015, 7, 25)
    assert stands_for(REBELS, SOUTHERN, on=on)
    # Another inter code (the army, a militia of the side), another war (ISIS), an
    # umbrella for an umbrella, or a named actor as "the umbrella": never.
    assert not stands_for(REBELS, ARMY_SY, on=on)
    assert not stands_for(PROGOV, ARMY_SY, on=on)
    assert not stands_for(REBELS, ISIS, on=on)
    assert not stands_for(SOUTHERN, REBELS, on=on)


def test_umbrella_rebels_are_the_named_faction() -> None:
    a = _report("a", a1=ARMY_SY, a2=REBELS, text=REBELS_ATTACK)
    b = _report("b", a1=SOUTHERN, a2=ARMY_SY, text=SOUTHERN_ATTACK)
    reasons = _link(a, b)
    assert reasons is not None
    assert "umbrella actor: Opposition Rebels (Syria) = Southern Front" in reasons[1]
    assert _link(a, b, umbrella_actors=False) is None  # the former rule: two fights
    clusters = merge_all([a, b], place_of=place_of)
    assert [[r.id for r in cl.reports] for cl in clusters] == [["a", "b"]]


def test_umbrella_near_pairs_stay_apart() -> None:
    a = _report("a", a1=ARMY_SY, a2=REBELS, text=REBELS_ATTACK)
    # Same town, same day, another target: ISIS at a checkpoint is not "the rebels".
    isis = _report("b", a1=ISIS, a2=ARMY_SY, text=ISIS_ATTACK)
    assert _link(a, isis) is None
    # Two factions named: which one the rebels were is unknown.
    two = replace(isis, event=replace(isis.event, actor1=SOUTHERN, assoc_actor1=(AHRAR,)))
    na, _, why = absorb({"opp-sy": REBELS, "mil-sy": ARMY_SY},
                        {"southern-front": SOUTHERN, "ahrar": AHRAR, "mil-sy": ARMY_SY})
    assert why == [] and "opp-sy" in na
    assert _link(a, two) is None
    # Same actors, same day, another type: a shelling is not the ground attack.
    shelled = _report("c", etype="Explosions/Remote violence",
                      sub="Shelling/artillery/missile attack", a1=SOUTHERN, a2=ARMY_SY,
                      text=SOUTHERN_ATTACK)
    assert _link(a, shelled) is None


# -- two sub-types of one act, told a day apart --------------------------------


def test_two_subtypes_a_day_apart_are_weak() -> None:
    # The army's shelling on the 23rd (its own article that day) and its air strikes
    # in the next day's news window: two acts of the border front.
    shelling = _report("a", etype="Explosions/Remote violence",
                       sub="Shelling/artillery/missile attack", a1=ARMY_TR, a2=ISIS,
                       loc=KILIS, day=23, published=23, text=BORDER_SHELLING)
    strikes = _report("b", etype="Explosions/Remote violence", sub="Air/drone strike",
                      a1=ARMY_TR, a2=ISIS, loc=KILIS, window=True, published=24,
                      text=BORDER_STRIKE)
    assert any(w.startswith("two sub-types (Shelling/artillery/missile attack ~ "
                            "Air/drone strike) told on different days")
               for w in weak_facets(shelling, strikes, place_of=place_of))
    assert _link(shelling, strikes) is None
    assert _link(shelling, strikes, one_day_subtypes=False) is not None  # the former rule


def test_two_subtypes_of_one_day_still_merge() -> None:
    # Two articles of one day, one calling the fire a shelling and one an air strike:
    # that day's news told two ways.
    shelling = _report("a", etype="Explosions/Remote violence",
                       sub="Shelling/artillery/missile attack", a1=ARMY_TR, a2=ISIS,
                       loc=KILIS, window=True, published=24, text=BORDER_SHELLING)
    strikes = _report("b", etype="Explosions/Remote violence", sub="Air/drone strike",
                      a1=ARMY_TR, a2=ISIS, loc=KILIS, window=True, published=24,
                      text=BORDER_STRIKE)
    assert weak_facets(shelling, strikes, place_of=place_of) == []
    assert _link(shelling, strikes) is not None
    # Or a day apart, both giving the day.
    told_later = replace(strikes, event=replace(strikes.event, date=DateSpan(
        date(2015, 7, 24), date(2015, 7, 24), 1)), published=date(2015, 7, 25))
    same_day = replace(shelling, event=replace(shelling.event, date=told_later.event.date))
    assert _link(same_day, told_later) is not None


# -- one day, one sub-type, one set of actors, in a city of a million -------------


def _shelling(rid: str, *, killed: int, text: str, loc: Location = ADEN, day: int = 19,
              published: int = 20, sub: str = "Shelling/artillery/missile attack",
              a2: Actor | None = CIV_YE) -> Report:
    return _report(rid, etype="Explosions/Remote violence", sub=sub, a1=HOUTHIS, a2=a2,
                   loc=loc, day=day, published=published, killed=killed, text=text)


def test_one_day_one_shelling_of_a_city() -> None:
    # One outlet: 43 killed; the other no toll (its sentence tells the shells).
    a = _shelling("a", killed=43, text=SHELLING_1)
    b = _shelling("b", killed=0, published=21, text=SHELLING_2)
    assert "coarse place: Aden" in weak_facets(a, b, place_of=place_of)
    reasons = _link(a, b)
    assert reasons is not None and reasons[-1].endswith(
        "corroborated: the same day, sub-event type and named actors: Ansar Allah")
    assert _link(a, b, same_day_actors=False) is None  # the former rule: uncorroborated
    # The same toll told twice ties them too.
    assert _link(a, replace(b, event=replace(b.event, fatalities=Fatalities(43, 43, 43))),
                 same_day_actors=False) is not None


def test_one_city_one_day_near_pairs_stay_apart() -> None:
    a = _shelling("a", killed=43, text=SHELLING_1)
    # Another toll (43 and 6 killed): two shellings of the city that day.
    assert _link(a, _shelling("b", killed=6, text=SHELLING_3)) is None
    # Another type: the day's clash between the resistance and the Houthis.
    clash = _report("c", a1=RESISTANCE, a2=HOUTHIS, loc=ADEN, day=19, published=20,
                    text=CLASH)
    assert _link(a, clash) is None
    # Another target: the Houthis' shelling of the coalition's positions.
    assert _link(a, _shelling("d", killed=0, a2=COALITION, text=SHELLING_2)) is None
    # Another day.
    assert _link(a, _shelling("e", killed=0, day=18, published=19, text=SHELLING_2)) is None
    # "North of Aden" against "Aden": often another front of the day.
    assert _link(a, _shelling("f", killed=0, loc=ADEN_NORTH, text=SHELLING_2)) is None


def test_merging_with_the_new_rules_is_order_independent() -> None:
    reports = [
        _shelling("a", killed=43, text=SHELLING_1),
        _shelling("b", killed=43, published=21, text=SHELLING_2),
        _shelling("c", killed=6, text=SHELLING_3),
        _report("d", a1=ARMY_SY, a2=REBELS, text=REBELS_ATTACK),
        _report("e", a1=SOUTHERN, a2=ARMY_SY, text=SOUTHERN_ATTACK),
        _report("f", a1=ISIS, a2=ARMY_SY, text=ISIS_ATTACK),
    ]
    first = [[r.id for r in cl.reports] for cl in merge_all(reports, place_of=place_of)]
    again = [[r.id for r in cl.reports]
             for cl in merge_all(list(reversed(reports)), place_of=place_of)]
    assert first == again == [["a", "b"], ["c"], ["d", "e"], ["f"]]
