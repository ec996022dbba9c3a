"""The places an event's evidence names (``Event.sub_places``), as extraction annotates
them on the analysed document for merging (:mod:`rasd.extract.sub_places`): a quarter
coded at its city is carried as the quarter, a side of the city named just before its
name is carried with it, and only the event's own sentences count.

The sentences are Arabic written for these tests; places come from the packaged
gazetteer.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from extract_text import extract_text
from rasd.extract.sub_places import side_word
from rasd.models import Event, SubPlace, event_from_json

DAY = date(2015, 7, 22)
ADEN, TAWAHI, CRATER = "geonames:415189", "geonames:77662", "geonames:73656"


def _event(text: str, sub: str) -> Event:
    found = [e for e in extract_text(text, DAY) if e.sub_event_type == sub]
    assert len(found) == 1, [e.sub_event_type for e in extract_text(text, DAY)]
    return found[0]


@pytest.mark.parametrize(("text", "sub", "places"), [
    # A quarter after "حي" is coded at Aden; the event still carries the quarter.
    ("اشتبك مقاتلو المقاومة مع الحوثيين في حي التواهي بمدينة عدن.", "Armed clash",
     {(TAWAHI, None), (ADEN, None)}),
    # A side of the city before its name, a few words between.
    ("حاول مقاتلو المقاومة انتزاع الأحياء الشمالية من مدينة عدن من أيدي الحوثيين خلال "
     "اشتباكات عنيفة.", "Armed clash", {(ADEN, "north")}),
    ("قصف الحوثيون مواقع المقاومة جنوب عدن بقذائف الهاون.",
     "Shelling/artillery/missile attack", {(ADEN, "south")}),
    # A side after the name places the city in its country: no side of the city.
    ("اندلعت اشتباكات بين المقاومة والحوثيين في عدن جنوب اليمن.", "Armed clash",
     {(ADEN, None)}),
    # Only the event's own sentence: the strikes on Sanaa are another event's.
    ("شنت طائرات التحالف غارات على مواقع للحوثيين في صنعاء. وفي عدن اشتبكت المقاومة "
     "مع الحوثيين في حي كريتر.", "Armed clash", {(ADEN, None), (CRATER, None)}),
])
def test_sub_places_of_an_event(text: str, sub: str,
                                places: set[tuple[str, str | None]]) -> None:
    ev = _event(text, sub)
    assert {(p.gazetteer_id, p.side) for p in ev.sub_places} == places


def test_sub_places_cross_the_stage_boundary_in_json() -> None:
    ev = _event("اشتبك مقاتلو المقاومة مع الحوثيين في حي التواهي بمدينة عدن.", "Armed clash")
    back = event_from_json(json.loads(json.dumps(ev.to_json(), ensure_ascii=False)))
    assert back.sub_places == ev.sub_places
    # A record written before the field existed reads as no sub-places.
    old = ev.to_json()
    del old["sub_places"]
    assert event_from_json(old).sub_places == ()


def test_a_side_must_be_a_compass_side() -> None:
    record = _event("قصف الحوثيون مواقع المقاومة جنوب عدن بقذائف الهاون.",
                    "Shelling/artillery/missile attack").to_json()
    record["sub_places"][0]["side"] = "up"
    with pytest.raises(ValueError, match="side"):
        event_from_json(record)


@pytest.mark.parametrize(("word", "side"), [
    ("شمال", "north"), ("الشمالية"[2:], "north"), ("جنوبي", "south"), ("شرقا", "east"),
    ("غرب", "west"), ("شمالستان", None), ("مدينة", None),
])
def test_side_words(word: str, side: str | None) -> None:
    assert side_word(word) == side


def test_sub_place_json_leaves_out_no_side() -> None:
    p = SubPlace("g:1", "عدن", "populated place", 12.8, 45.0)
    assert "side" not in p.to_json()
    assert SubPlace("g:1", "عدن", "populated place", 12.8, 45.0, "west").to_json()["side"] \
        == "west"
