"""Events rasd missed entirely (issue 14, recall14e): a place that no cue reported on.

- the verbal noun a trigger verb governs (``انتزعت ... السيطرة على``) is no act of its
  own, and no longer closes the verb's clause and takes its places;
- a place joined by و and a word of its own after a locator (``بريف إدلب ومدينة ...``)
  is the list's next item (event-coding.md §9: one event per place), while a locator
  that is itself a list (``بريف إدلب وحماة``) stays a locator;
- an act told of a whole country (a nationwide arrest campaign, a truce declared) is
  coded at its capital (``extract/national.py``), a truce wished for or an arrest with
  no scope told is not;
- a student (``طالبة``) is no demand that voids the sentence.

In/out tables of composed Arabic sentences.
"""

from __future__ import annotations

from datetime import date

import pytest

from extract_text import extract_text, shared_extractor
from rasd.clean.normalize import normalize_for_match

TAKE, SHELL, AIR, ARREST, TRUCE = (
    "Non-state actor overtakes territory", "Shelling/artillery/missile attack",
    "Air/drone strike", "Arrests", "Agreement")


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


@pytest.mark.parametrize(("text", "expected"), [
    # nationwide, by the words of scope, a count of provinces, or the country's own word
    ("اعتقلت الشرطة التركية في جميع أنحاء تركيا 300 شخص يشتبه بانتمائهم إلى تنظيم داعش.",
     {(ARREST, "انقره")}),
    ("أعلنت وزارة الداخلية التركية أن حملة المداهمات شملت 12 محافظة تركية وأسفرت عن اعتقال "
     "90 مشتبها.", {(ARREST, "انقره")}),
    ("أعلن التحالف العربي هدنة إنسانية في اليمن يبدأ سريانها منتصف الليل.",
     {(TRUCE, "صنعاء")}),
    # a town named: the town, not the capital
    ("اعتقلت الشرطة التركية في جميع أنحاء مدينة إسطنبول 50 شخصا.", {(ARREST, "اسطنبول")}),
    # a truce wished for, an arrest with no scope, a deal that is no truce: nothing
    ("تريد الأطراف هدنة في اليمن.", set()),
    ("تم القبض على رجل يحمل الجنسية التونسية.", set()),
    ("رحبت إيران بالاتفاق النووي الذي أعلنته الدول الكبرى.", set()),
])
def test_an_act_of_a_whole_country_is_coded_at_its_capital(
        text: str, expected: set[tuple[str, str | None]]) -> None:
    assert _events(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("قتلت طالبة جامعية في قصف مدفعي لقوات النظام على مدينة حلب.", {(SHELL, "حلب")}),
    # the verb of demanding still voids (a call to stop the shelling, not a shelling)
    ("وطالبت المعارضة بوقف القصف المدفعي لقوات النظام على مدينة حلب.", set()),
])
def test_a_student_is_no_demand(text: str, expected: set[tuple[str, str | None]]) -> None:
    assert _events(text) == expected


def test_every_capital_is_a_town_of_its_country() -> None:
    capitals = shared_extractor().capitals
    assert {"SY", "IQ", "YE", "TR", "SA", "EG", "LY", "SD", "LB"} <= set(capitals)
    assert all(p.country == iso2 and p.kind == "populated place" for iso2, p in capitals.items())
    assert normalize_for_match(capitals["YE"].name_ar) == "صنعاء"
