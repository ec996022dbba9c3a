"""Events told by words rasd had no trigger or rule for (issue 14, recall8).

- aircraft as the subject of the verb of striking (``ضربت طائرات التحالف``) and the verbal
  noun of the aircraft's targeting (``استهداف طائرات التحالف``) are air strikes;
- the truce in the indefinite accusative (``وقفاً لإطلاق النار``), coded at the capital of
  its country, not of a country named as a side's ally;
- fire opened (``فتحوا النار``);
- clashes with nobody named and no story: unidentified armed groups on both sides;
- the control noun after a verb of confirming (``أكدت مصادر سيطرة``);
- the coalition's command (``قوة المهام المشتركة``) names the striker;
- shots at civilians with no side named: an attack on civilians;
- the driving out of a side after a verb of achieving (``تمكنوا من دحر``).

In/out tables of composed Arabic sentences.
"""

from __future__ import annotations

from datetime import date

import pytest

from extract_text import extract_text
from rasd.clean.normalize import normalize_for_match

DAY = date(2015, 7, 27)


def _events(text: str) -> set[tuple[str, str]]:
    """(sub-type, place in matching form) of every event of ``text``."""
    return {(ev.sub_event_type, normalize_for_match(ev.location.name_ar))
            for ev in extract_text(text, DAY) if ev.location is not None}


def _subtypes(text: str) -> set[str]:
    return {ev.sub_event_type for ev in extract_text(text, DAY)}


@pytest.mark.parametrize(("text", "place"), [
    # aircraft as the subject of the verb of striking
    ("ضربت طائرات التحالف ليلة أمس مواقع للمتمردين في مدينة عمران.", "عمران"),
    # the verbal noun of the aircraft's targeting
    ("قتل عشرة مسلحين جراء استهداف طائرات التحالف مقراً لهم في مدينة الميادين.", "الميادين"),
])
def test_strikes_told_without_air_are_air_strikes(text: str, place: str) -> None:
    assert ("Air/drone strike", place) in _events(text)


@pytest.mark.parametrize("text", [
    # beating, not striking: the noun, and a verb whose subject is no aircraft
    "ضربت الشرطة المتظاهرين في مدينة السويس.",
])
def test_striking_without_aircraft_is_no_air_strike(text: str) -> None:
    assert "Air/drone strike" not in _subtypes(text)


def test_a_truce_in_the_accusative_is_coded_at_its_countrys_capital() -> None:
    text = ("هدأت الاشتباكات في مدينة تعز صباح اليوم. وأعلن التحالف الذي يقاتل الحوثيين"
            " المتحالفين مع إيران وقفاً لإطلاق النار لمدة خمسة أيام.")
    truces = {(normalize_for_match(ev.location.name_ar), ev.location.precision)
              for ev in extract_text(text, DAY)
              if ev.sub_event_type == "Agreement" and ev.location is not None}
    assert truces == {("صنعاء", 3)}


def test_fire_opened_is_an_attack() -> None:
    text = "وكان مسلحون فتحوا النار أمس على مركز للشرطة في مدينة كركوك."
    assert ("Armed clash", "كركوك") in _events(text)


def test_clashes_with_nobody_named_are_between_unidentified_groups() -> None:
    text = "أبدت البعثة الأممية قلقها من تجدد الاشتباكات في مدينة سبها."
    (clash,) = [ev for ev in extract_text(text, DAY) if ev.sub_event_type == "Armed clash"]
    assert clash.actor1 is not None and clash.actor2 is not None
    assert clash.actor1.name == clash.actor2.name == "Unidentified Armed Group (Libya)"


@pytest.mark.parametrize("text", [
    # a battle of words, a match: no clash words proper, nobody named
    "تشهد الانتخابات البلدية معركة حامية في مدينة الرس.",
    "يستعد الفريق للمواجهة المرتقبة في مدينة حفر الباطن.",
])
def test_figurative_battles_with_nobody_named_are_no_event(text: str) -> None:
    assert _subtypes(text) == set()


def test_a_confirmed_take_over_is_told() -> None:
    text = "وأكدت مصادر محلية سيطرة المقاومة الشعبية على بلدة بيحان في محافظة شبوة."
    assert "Non-state actor overtakes territory" in _subtypes(text)


def test_the_coalitions_command_names_the_striker() -> None:
    text = ("وقالت قوة المهام المشتركة إن طائراتها شنت أمس غارات على مواقع لتنظيم داعش قرب"
            " مدينة الرقة.")
    strikes = [ev for ev in extract_text(text, DAY) if ev.sub_event_type == "Air/drone strike"]
    assert strikes and all(ev.actor1 is not None and ev.actor1.name == "International Coalition"
                           for ev in strikes)


def test_shots_at_a_civilian_with_no_side_named_are_an_attack_on_civilians() -> None:
    text = "تعرض أحد المواطنين للإصابة بطلقات نارية في مدينة القطيف وتوفي متأثراً بجراحه."
    (attack,) = [ev for ev in extract_text(text, DAY) if ev.location is not None]
    assert attack.sub_event_type == "Attack"
    assert attack.actor1 is not None and attack.actor1.name.startswith("Unidentified Armed Group")
    assert attack.actor2 is not None and attack.actor2.name.startswith("Civilians")


@pytest.mark.parametrize(("text", "taken"), [
    ("وتمكن مقاتلو المقاومة من دحر المسلحين الحوثيين في مدينة زنجبار.", True),
    # an aim, not ground taken
    ("تسعى القوات إلى دحر المسلحين من مدينة زنجبار خلال الأيام المقبلة.", False),
])
def test_driving_out_after_a_verb_of_achieving_is_ground_taken(text: str, taken: bool) -> None:
    assert ("Non-state actor overtakes territory" in _subtypes(text)) is taken
