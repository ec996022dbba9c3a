"""Strategic developments on fresh text (issue 14, sd14i).

- a truce declared for a country is coded at its capital, precision 3, whatever other
  places its sentence names (the fights beside it, the airport the aid goes through);
  a truce with its town right after it (``هدنة في الزبداني``) keeps the town;
- one man's or a band's flight (``لاذ أحدهم بالفرار``) is no displacement that voids the
  act told with it; people fleeing still void the sentence;
- a raid campaign told by the militants it killed is an armed clash, a raid told alone
  stays arrests.

In/out tables of composed Arabic sentences.
"""

from __future__ import annotations

from datetime import date

import pytest

from extract_text import extract_text
from rasd.clean.normalize import normalize_for_match

TRUCE = "Agreement"


def _truces(text: str) -> set[tuple[str, int]]:
    return {(normalize_for_match(ev.location.name_ar), ev.location.precision)
            for ev in extract_text(text, date(2015, 7, 23))
            if ev.sub_event_type == TRUCE and ev.location is not None}


@pytest.mark.parametrize(("text", "expected"), [
    # the truce beside a fight at a base: the capital, not the base
    ("اشتبكت المقاومة الشعبية مع الحوثيين قرب قاعدة العند أمس قبل ساعات من سريان هدنة أعلنها"
     " التحالف.", {("صنعاء", 3)}),
    # the truce and the towns where fighters stepped up their attacks
    ("قبيل سريان الهدنة التي أعلنتها قيادة التحالف صعدت المقاومة هجماتها في تعز ومأرب.",
     {("صنعاء", 3)}),
    # the truce and the airport the aid will go through
    ("وقال المتحدث إن الهدنة التي أعلنها التحالف تتيح إيصال المساعدات بعد إعادة تشغيل مطار عدن.",
     {("صنعاء", 3)}),
])
def test_a_declared_truce_is_coded_at_the_capital(
        text: str, expected: set[tuple[str, int]]) -> None:
    assert _truces(text) == expected


@pytest.mark.parametrize("text", [
    # a local truce named with its town keeps the town
    "أعلنت الفصائل هدنة في الزبداني لمدة يومين.",
])
def test_a_truce_with_its_town_keeps_it(text: str) -> None:
    assert all(name != "دمشق" for name, _ in _truces(text))


def test_a_truce_told_beside_a_fight_and_on_its_own_is_one_event() -> None:
    # the day of the first sentence is the fight's; the second dates the truce
    text = ("اشتبكت المقاومة الشعبية مع الحوثيين قرب قاعدة العند اليوم الأحد قبل ساعات من سريان"
            " هدنة أعلنها التحالف. وأعلن التحالف أمس هدنة يبدأ سريانها منتصف الليل لمدة خمسة أيام.")
    assert len([ev for ev in extract_text(text, date(2015, 7, 26))
                if ev.sub_event_type == TRUCE]) == 1


@pytest.mark.parametrize(("text", "expected"), [
    # a wanted man fled: the arrests stand
    ("ألقت الشرطة القبض على ثلاثة مطلوبين في مدينة سجنان في حين لاذ رابع بالفرار.",
     {"Arrests"}),
    ("هاجم مسلحون نقطة للجيش في مدينة الحديدة وتمكن المهاجمون من الفرار.", {"Armed clash"}),
    # people fleeing the fighting: a situation, not an act
    ("تسبب القصف على مدينة الحديدة في فرار آلاف السكان.", set()),
])
def test_a_mans_flight_voids_no_act(text: str, expected: set[str]) -> None:
    assert {ev.sub_event_type for ev in extract_text(text, date(2015, 7, 23))} == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("قُتل ثمانية مسلحين في حملة مداهمات شنها الجيش في مدينة العريش.", {"Armed clash"}),
    ("اعتقلت الشرطة خمسة أشخاص في حملة مداهمات في مدينة العريش.", {"Arrests"}),
])
def test_a_raid_that_killed_is_a_clash(text: str, expected: set[str]) -> None:
    assert {ev.sub_event_type for ev in extract_text(text, date(2015, 7, 23))} == expected


def test_a_ceasefire_in_the_terms_of_a_local_deal_keeps_its_town() -> None:
    text = ("توصل وجهاء مدينة درعا وقادة الفصائل مساء أمس إلى اتفاق جديد ينص على وقف إطلاق"
            " النار وتسليم السلاح، بحسب ما أعلنه أحد المفاوضين.")
    assert all(name != "دمشق" for name, _ in _truces(text))
