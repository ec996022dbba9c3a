"""One incident told twice in an article is one event; two incidents stay two
(rasd.extract.fold.coalesce, issue 14).

The paragraphs are composed for these tests. Each "one" row tells one incident in a
lead and a detail sentence that differ in a way the first fold pass keeps apart (the
sides swapped with an ally named, gunmen for the group that claims them, a suicide
bombing and an explosion, a day and a span); each "two" row tells two incidents in
one town on one day that differ in target, toll or day.
"""

from __future__ import annotations

from datetime import date

import pytest

from extract_text import extract_text
from rasd.clean.normalize import normalize_for_match
from rasd.extract.fold import TOLD_TWICE, Candidate, coalesce
from rasd.models import Actor, DateSpan, Event, Place, PlaceMention, Sentence

PUBLISHED = date(2015, 7, 23)  # a Thursday: أمس الأربعاء is 22 July


def _events(text: str) -> list[Event]:
    return [ev for ev in extract_text(text, PUBLISHED) if ev.status == "current"]


def _ids(ev: Event) -> tuple[str | None, str | None]:
    return (ev.actor1.id if ev.actor1 else None, ev.actor2.id if ev.actor2 else None)


@pytest.mark.parametrize(
    ("text", "sub_type", "actors", "place", "day", "toll", "why"),
    [
        # The sides swapped, and Saleh's forces where the lead names the Houthis
        # (allies on the article's day, data/actor_sides.tsv).
        ("اندلعت أمس الأربعاء اشتباكات عنيفة بين المقاومة الشعبية والحوثيين في مدينة تعز. "
         "وقالت مصادر محلية إن قوات صالح اشتبكت مع المقاومة الشعبية في تعز أمس وقتل عشرة "
         "من الطرفين.",
         "Armed clash", ("popres-ye", "houthis"), "تعز", "2015-07-22", 10,
         {"allied", "swapped"}),
        # Gunmen in the lead, the group that claims the attack in the next sentence: the
        # named group is kept.
        ("هاجم مسلحون مجهولون أمس الأربعاء حاجزاً للجيش العراقي في بلدة الكرمة. "
         "وأعلن تنظيم داعش أنه هاجم حاجزاً للجيش العراقي في الكرمة أمس.",
         "Armed clash", ("isis", "mil-iq"), "الكرمه", "2015-07-22", 0, {"unidentified"}),
        # A suicide bombing, then "the explosion" with its perpetrator: the specific type
        # and the lead's toll are kept.
        ("قتل 32 شخصاً يوم الاثنين في تفجير انتحاري استهدف مركزاً للشباب في بلدة سروج. "
         "وقالت السلطات إن التفجير الذي وقع في سروج نفذه شاب في العشرين من عمره.",
         "Suicide bomb", ("uag-tr", "civ-tr"), "سروج", "2015-07-20", 32, {"bomb"}),
        # A day in the lead, a two-day span in the recap: the day is kept.
        ("شنت طائرات التحالف أمس الأربعاء غارات على مواقع للحوثيين في مدينة صعدة. "
         "وقصف طيران التحالف مواقع للحوثيين وقوات صالح في صعدة خلال اليومين الماضيين.",
         "Air/drone strike", ("saudi-coalition", "houthis"), "صعده", "2015-07-22", 0,
         {"dates"}),
    ],
)
def test_one_incident_told_twice_is_one_event(
        text: str, sub_type: str, actors: tuple[str, str], place: str, day: str,
        toll: int, why: set[str]) -> None:
    events = _events(text)
    assert len(events) == 1, [(e.sub_event_type, _ids(e)) for e in events]
    ev = events[0]
    assert ev.sub_event_type == sub_type
    assert _ids(ev) == actors
    assert ev.location is not None and normalize_for_match(ev.location.name_ar) == place
    assert ev.date is not None and ev.date.start.isoformat() == day == ev.date.end.isoformat()
    assert ev.fatalities.best == toll
    # Both tellings are the evidence, and the provenance says which rule joined them.
    assert len(ev.evidence) == 2
    rules = ev.rules["event"]
    assert TOLD_TWICE in rules
    assert {r.split(":", 1)[1] for r in rules if r.startswith(TOLD_TWICE + ":")} == why


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # One town, one day, one sub-type, gunmen and a named group (sides that could be
        # one), but 20 killed and 3 killed: two bombings.
        ("قتل عشرون مدنياً أمس الأربعاء في انفجار عبوة ناسفة زرعها مسلحون مجهولون في سوق "
         "الرمادي. وفي المساء قتل ثلاثة مدنيين في انفجار عبوة ناسفة زرعها تنظيم داعش قرب "
         "مسجد في الرمادي.",
         {(("uag-iq", "civ-iq"), 20), (("isis", "civ-iq"), 3)}),
        # One town, one day, one attacker and sub-type, but residential quarters and the
        # Popular Resistance's positions: two targets, two events.
        ("قصف الحوثيون أمس الأربعاء أحياء سكنية في مدينة تعز ما أدى إلى مقتل ثلاثة مدنيين. "
         "كما قصف الحوثيون أمس الأربعاء مواقع المقاومة الشعبية في تعز.",
         {(("houthis", "civ-ye"), 3), (("houthis", "popres-ye"), 0)}),
        # One town, one attacker, the target unnamed in one sentence, but two days told.
        ("قصف الحوثيون أمس الأربعاء أحياء سكنية في مدينة تعز. وكان الحوثيون وقوات صالح قد "
         "قصفوا يوم الأحد الماضي منطقة الجحملية في تعز.",
         {(("houthis", "civ-ye"), 0), (("houthis", None), 0)}),
    ],
)
def test_two_incidents_in_one_town_stay_apart(
        text: str, expected: set[tuple[tuple[str | None, str | None], int]]) -> None:
    events = _events(text)
    assert {(_ids(ev), ev.fatalities.best) for ev in events} == expected
    assert not any(r.startswith(TOLD_TWICE) for ev in events for r in ev.rules["event"])


# The rule on its own, over candidates built by hand: two gazetteer entries of one
# village, two villages, and a recalled event beside the news.
def _mention(place_id: str, name_ar: str, lat: float, lon: float) -> PlaceMention:
    place = Place(id=place_id, name=place_id, name_ar=name_ar, kind="populated place",
                  lat=lat, lon=lon, country="SY", admin1="Idlib")
    return PlaceMention(start=0, end=len(name_ar), surface=name_ar, place=place, precision=1)


def _candidate(at: int, text: str, place: PlaceMention, actor1: Actor | None,
               actor2: Actor | None, *, background: bool = False) -> Candidate:
    s = Sentence(doc_id="t", index=at, start=at * 100, end=at * 100 + len(text), text=text)
    return Candidate(event_type="Explosions/Remote violence",
                     sub_event_type="Shelling/artillery/missile attack", role="attack",
                     actor1=actor1, actor2=actor2, assoc1=(), place=place,
                     date=DateSpan(date(2015, 7, 22), date(2015, 7, 22), 1),
                     background=background, trigger="قصف", sentence=s, explicit_date=True,
                     evidence=[s])


ARMY = Actor(id="mil-sy", name="Military Forces of Syria", name_ar="قوات النظام", inter=1)
CIVILIANS = Actor(id="civ-sy", name="Civilians (Syria)", name_ar="مدنيون", inter=7)
# One village under two gazetteers' ids, about 1 km apart; and a second village 2 km off.
VILLAGE_A = _mention("geonames:1", "كفر عويد", 35.60, 36.50)
VILLAGE_A_AGAIN = _mention("wof:2", "كفرعويد", 35.605, 36.505)
OTHER_VILLAGE = _mention("geonames:3", "سفوهن", 35.615, 36.515)


def test_two_spellings_of_one_village_a_few_km_apart_are_one_place() -> None:
    lead = _candidate(0, "قصفت قوات النظام كفر عويد.", VILLAGE_A, ARMY, None)
    detail = _candidate(1, "وسقطت القذائف على منازل المدنيين في كفرعويد.", VILLAGE_A_AGAIN,
                        ARMY, CIVILIANS)
    [one] = coalesce([lead, detail])
    assert one.actor2 == CIVILIANS  # the side the lead left unnamed is taken
    assert [s.index for s in one.evidence] == [0, 1]
    assert {TOLD_TWICE, f"{TOLD_TWICE}:spelling", f"{TOLD_TWICE}:unnamed"} <= set(
        one.rules["event"])
    assert one.rules["actor2"] == [TOLD_TWICE]


def test_two_villages_and_a_recalled_event_stay_apart() -> None:
    here = _candidate(0, "قصفت قوات النظام كفر عويد.", VILLAGE_A, ARMY, CIVILIANS)
    there = _candidate(1, "وقصفت قوات النظام سفوهن.", OTHER_VILLAGE, ARMY, CIVILIANS)
    recalled = _candidate(2, "وكانت قوات النظام قد قصفت كفر عويد.", VILLAGE_A, ARMY, None,
                          background=True)
    assert coalesce([here, there, recalled]) == [here, there, recalled]
