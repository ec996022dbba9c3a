"""A sentence naming no place whose act falls on a definite place noun after its cue
points back to the place of that kind named before (rasd.extract.walk, _pointed_place;
issue 14, split14h).

The sentences are composed for these tests: ``غارات على القاعدة`` after a base was named,
``في محيط المدينة`` after a town, ``في المنطقة`` after ``منطقة ...``; not a generic cue
(``هجوم``), not a noun with no locative word before it (``أبناء المنطقة``), not a noun of
a kind the article never named.
"""

from __future__ import annotations

from datetime import date

import pytest

from extract_text import extract_text

PUBLISHED = date(2015, 7, 23)
AIR = "Air/drone strike"


def _events(text: str) -> list[tuple[str, str]]:
    return sorted((ev.sub_event_type, ev.location.name_ar if ev.location else "")
                  for ev in extract_text(text, PUBLISHED) if ev.status == "current")


@pytest.mark.parametrize(("lead", "pointer", "place"), [
    ("تقدمت المقاومة الشعبية نحو قاعدة العند في محافظة لحج.",
     "كما شنت طائرات التحالف غارات جوية على القاعدة.", "قاعدة العند"),
    ("دارت اشتباكات عنيفة بين المقاومة الشعبية والحوثيين في مدينة زنجبار.",
     "وشن طيران التحالف غارات استهدفت مواقع الحوثيين في محيط المدينة.", "زنجبار"),
    ("اندلعت مواجهات بين المقاومة الشعبية والحوثيين في منطقة الجفينة.",
     "كما قصف طيران التحالف مواقع الحوثيين في المنطقة.", "الجفينة"),
])
def test_strike_on_a_place_noun_is_coded_at_the_place_named_before(
        lead: str, pointer: str, place: str) -> None:
    assert (AIR, place) in _events(f"{lead} {pointer}")


def test_without_the_pointer_the_strike_has_no_place() -> None:
    text = ("دارت اشتباكات عنيفة بين المقاومة الشعبية والحوثيين في مدينة زنجبار. "
            "وشن طيران التحالف غارات استهدفت مواقع الحوثيين.")
    assert all(sub != AIR for sub, _ in _events(text))


def test_a_noun_with_no_locative_word_points_nowhere() -> None:
    text = ("اندلعت مواجهات بين المقاومة الشعبية والحوثيين في منطقة الجفينة. "
            "وقال إن قصف الطيران أرعب أبناء المنطقة.")
    assert all(sub != AIR for sub, _ in _events(text))


def test_a_base_is_not_a_town_named_bare() -> None:
    text = ("دارت اشتباكات عنيفة بين المقاومة الشعبية والحوثيين في زنجبار. "
            "كما شنت طائرات التحالف غارات جوية على القاعدة.")
    assert all(sub != AIR for sub, _ in _events(text))
