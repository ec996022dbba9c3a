"""Allied actors (``allied_actors``, :mod:`rasd.merge.allies`), on composed multi-report
cases both ways: pairs that must merge and near pairs that must stay apart.

Outlets name one side's party differently: one tells the fight for a city as the army's,
another as the Popular Resistance's; the coalition's air strikes are told in a sentence
whose subject is the fighters they backed, and extraction takes those for the strikes'
actor. The groups of ``data/merge_allied_actors.tsv`` say which actors count as one
party, and for which acts.

The reports are built by hand; their evidence sentences are Arabic written for these
tests. Actors come from the packaged dictionary, so their sides are the real ones.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import partial

import pytest

from merge_reports import build_report
from rasd.actors.resolve import load_actors
from rasd.merge.allies import absorb, allied_groups, one_party
from rasd.merge.merger import MergeOptions, agreement, canonical_event, merge_all
from rasd.models import Location, Place, Report

_ACTORS = load_actors()
ARMY, RESISTANCE, COALITION, HOUTHIS, SALEH = (
    _ACTORS.get(i) for i in ("mil-ye", "popres-ye", "saudi-coalition", "houthis",
                             "saleh-forces"))
AQAP = _ACTORS.get("aqap")

# A town (not coarse: the pairs need no corroboration) and a city of a million.
ZINJIBAR = Location("Zinjibar", "زنجبار", 13.13, 45.38, 1, "g:zinjibar", "Abyan", None, "YE")
ADEN = Location("Aden", "عدن", 12.78, 45.04, 1, "g:aden", "Aden", None, "YE")
GAZETTEER = {p.id: p for p in (
    Place("g:zinjibar", "Zinjibar", "زنجبار", "populated place", 13.13, 45.38, "YE", "Abyan",
          population=20_000),
    Place("g:aden", "Aden", "عدن", "populated place", 12.78, 45.04, "YE", "Aden",
          population=1_000_000),
)}
place_of = GAZETTEER.get

# Sentences of our own: one fight told as the army's and as the resistance's, one air
# strike told from the fighters' side and from the coalition's.
ARMY_FIGHT = "خاض الجيش الموالي للحكومة معارك عنيفة مع الحوثيين عند مدخل المدينة الشرقي."
RESISTANCE_FIGHT = "قال مقاتلون في المقاومة إنهم صدوا هجوما للحوثيين على أطراف المدينة."
BACKED = "تقدم مقاتلون تساندهم غارات جوية نحو مواقع الحوثيين في محيط المدينة."
COALITION_STRIKE = "شنت طائرات التحالف غارات على تجمعات للحوثيين قرب المدينة."
NORTH_ARMY = "واصلت قوات الجيش تقدمها في الأحياء الشمالية لمدينة عدن في مواجهة الحوثيين."
NORTH_RESISTANCE = "قال سكان إن المقاومة تخوض معارك مع الحوثيين في الأطراف الشمالية لمدينة عدن."

_report = partial(build_report, etype="Battles", sub="Armed clash", a1=ARMY, a2=HOUTHIS,
                  loc=ZINJIBAR, day=21, published=22, text=ARMY_FIGHT)
_strike = partial(_report, etype="Explosions/Remote violence", sub="Air/drone strike",
                  a1=COALITION, text=COALITION_STRIKE)


def _merged(*reports: Report, **opts: object) -> list[list[str]]:
    options = MergeOptions(**opts)  # type: ignore[arg-type]
    return [[r.id for r in cl.reports]
            for cl in merge_all(list(reports), options=options, place_of=place_of)]


ON = date(2015, 7, 21)
CLASH, STRIKE, SHELLING = "Armed clash", "Air/drone strike", "Shelling/artillery/missile attack"


def test_allied_groups_are_read_and_checked() -> None:
    names = {g.name for g in allied_groups()}
    assert {"yemen-ground", "yemen-air"} <= names
    assert all(len(g.actors) >= 2 and g.sub_event_types for g in allied_groups())


@pytest.mark.parametrize(("x", "y", "sub_a", "sub_b", "on", "same"), [
    ("mil-ye", "popres-ye", CLASH, CLASH, ON, True),
    ("popres-ye", "mil-ye", CLASH, "Government regains territory", ON, True),
    ("saudi-coalition", "popres-ye", STRIKE, STRIKE, ON, True),
    ("houthis", "houthis", SHELLING, SHELLING, ON, True),
    # Not for the acts the group does not list: the resistance's rocket fire is not a
    # coalition air strike, nor is the coalition a party of the ground group.
    ("saudi-coalition", "popres-ye", SHELLING, STRIKE, ON, False),
    ("saudi-coalition", "popres-ye", CLASH, CLASH, ON, False),
    # Opponents never; allies only in the sides file's period (the war from March 2015).
    ("houthis", "popres-ye", CLASH, CLASH, ON, False),
    ("mil-ye", "popres-ye", CLASH, CLASH, date(2014, 9, 1), False),
    # Another war's allies are in no group.
    ("mil-sy", "ndf-sy", CLASH, CLASH, ON, False),
])
def test_one_party(x: str, y: str, sub_a: str, sub_b: str, on: date, same: bool) -> None:
    assert one_party(x, y, sub_a, sub_b, on=on) is same


def test_army_and_resistance_tell_one_fight() -> None:
    army = _report("a")
    resistance = _report("b", a1=RESISTANCE, text=RESISTANCE_FIGHT)
    assert _merged(army, resistance) == [["a", "b"]]
    link = agreement(army, resistance, place_of=place_of)
    assert link is not None
    assert any("allied actors: Military Forces of Yemen = Popular Resistance (Yemen)" in why
               or "allied actors: Popular Resistance (Yemen) = Military Forces of Yemen" in why
               for why in link.reasons)
    assert _merged(army, resistance, allied_actors=False) == [["a"], ["b"]]  # the former rule


def test_fighters_named_for_the_coalition_in_an_air_strike() -> None:
    coalition = _strike("a")
    fighters = _strike("b", a1=RESISTANCE, text=BACKED)
    assert _merged(coalition, fighters) == [["a", "b"]]
    assert _merged(coalition, fighters, allied_actors=False) == [["a"], ["b"]]


def test_allies_in_acts_the_group_does_not_list_stay_apart() -> None:
    # The coalition's strikes and the resistance's shelling of the same town that day.
    coalition = _strike("a")
    shelling = _strike("b", sub=SHELLING, a1=RESISTANCE, text=BACKED)
    assert _merged(coalition, shelling) == [["a"], ["b"]]
    # The coalition against the Houthis on the ground and the resistance's fight: the
    # coalition is not a party of the ground group.
    ground = _report("c", a1=COALITION)
    resistance = _report("d", a1=RESISTANCE, text=RESISTANCE_FIGHT)
    assert _merged(ground, resistance) == [["c"], ["d"]]


def test_another_opponent_keeps_two_fights_apart() -> None:
    # The army against Al Qaeda and the resistance against the Houthis in one town on
    # one day: the army stands for the resistance, but each report still names an
    # opponent the other does not, and no toll or sentence ties them.
    army = _report("a", a2=AQAP)
    resistance = _report("b", a1=RESISTANCE, text=RESISTANCE_FIGHT)
    assert _merged(army, resistance) == [["a"], ["b"]]


def test_two_of_a_group_named_by_the_other_is_no_match() -> None:
    # One report names the coalition with the army beside it: which of them the other's
    # "resistance" stands for is unknown.
    na, _, why = absorb({"popres-ye": RESISTANCE, "houthis": HOUTHIS},
                        {"saudi-coalition": COALITION, "mil-ye": ARMY, "houthis": HOUTHIS},
                        STRIKE, STRIKE, on=ON)
    assert why == [] and "popres-ye" in na
    fighters = _strike("a", a1=RESISTANCE, text=BACKED)
    both = _strike("b")
    both = replace(both, event=replace(both.event, assoc_actor1=(ARMY,)))
    assert _merged(fighters, both) == [["a"], ["b"]]


def test_one_front_of_a_city_told_as_the_army_and_the_resistance() -> None:
    # Aden is coarse: the day against the next day's news window needs a tie, the front
    # both name (the northern districts); the attackers, army and resistance, are one
    # party for the front rule too.
    army = _report("a", loc=ADEN, text=NORTH_ARMY, window=True, annotate=True)
    resistance = _report("b", a1=RESISTANCE, loc=ADEN, text=NORTH_RESISTANCE, published=21,
                         annotate=True)
    assert _merged(army, resistance) == [["a", "b"]]
    link = agreement(army, resistance, place_of=place_of)
    assert link is not None and any("one front of Aden" in why for why in link.reasons)
    assert _merged(army, resistance, allied_actors=False) == [["a"], ["b"]]


def test_the_canonical_event_names_the_ally_most_reports_name() -> None:
    # Three outlets name the coalition, one (giving the day and the same place) the
    # fighters it backed: the merged event's actor is the coalition.
    fighters = _strike("a", a1=RESISTANCE, text=BACKED)
    others = [_strike(f"b{i}", window=True, published=22) for i in range(3)]
    clusters = merge_all([fighters, *others], place_of=place_of)
    assert [[r.id for r in cl.reports] for cl in clusters] == [["a", "b0", "b1", "b2"]]
    ev = canonical_event(clusters[0]).event
    assert ev.actor1 is not None and ev.actor1.id == "saudi-coalition"
