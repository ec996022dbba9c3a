"""Events rasd missed entirely (issue 14, recall14e): a place that no cue reported on.

- the verbal noun a trigger verb governs (``انتزعت ... السيطرة على``) is no act of its
  own, and no longer closes the verb's clause and takes its places;
- a place joined by و and a word of its own after a locator (``بريف إدلب ومدينة ...``)
  is the list's next item (event-coding.md §9: one event per place), while a locator
  that is itself a list (``بريف إدلب وحماة``) stays a locator.

In/out tables of composed Arabic sentences.
"""

from __future__ import annotations

from datetime import date

import pytest

from extract_text import extract_text
from rasd.clean.normalize import normalize_for_match

TAKE, SHELL, AIR = ("Non-state actor overtakes territory", "Shelling/artillery/missile attack",
                    "Air/drone strike")


def _events(text: str) -> set[tuple[str, str | None]]:
    return {(ev.sub_event_type,
             normalize_for_match(ev.location.name_ar) if ev.location is not None else None)
            for ev in extract_text(text, date(2015, 7, 23))}


@pytest.mark.parametrize(("text", "expected"), [
    # verb, subject, day, then its own noun: the take-over at the place after it
    ("انتزع مقاتلو المعارضة صباح الجمعة السيطرة على مدينة جسر الشغور من قوات النظام.",
     {(TAKE, "جسر الشغور")}),
    ("انتزعت وحدات حماية الشعب الكردية اليوم السيطرة على بلدة تل أبيض من مقاتلي تنظيم داعش.",
     {(TAKE, "تل ابيض")}),
    # a situation after a preposition is no object: the strike keeps its place, no take-over
    ("قصفت الطائرات الحربية مدينة الرقة الخاضعة لسيطرة التنظيم.", {(AIR, "الرقه")}),
])
def test_the_verbs_own_noun_leaves_it_its_places(
        text: str, expected: set[tuple[str, str | None]]) -> None:
    assert _events(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # و + a word of its own after the locator: two places, two events
    ("قصفت قوات النظام بالمدفعية بلدة كفرنبل بريف إدلب ومدينة معرة النعمان.",
     {(SHELL, "كفرنبل"), (SHELL, "معره النعمان")}),
    ("شن الطيران الحربي غارات على بلدة بنش في محافظة إدلب وقرية تفتناز.",
     {(AIR, "بنش"), (AIR, "تفتناز")}),
    # the locator alone, or a locator that is itself a list (و on the name): one event
    ("قصفت قوات النظام بالمدفعية بلدة كفرنبل بريف إدلب.", {(SHELL, "كفرنبل")}),
    ("قصفت قوات النظام بالمدفعية بلدة كفرنبل بريف إدلب وحماة.", {(SHELL, "كفرنبل")}),
])
def test_a_place_listed_after_a_locator_is_its_own_event(
        text: str, expected: set[tuple[str, str | None]]) -> None:
    assert _events(text) == expected
