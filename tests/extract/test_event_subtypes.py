"""Event sub-types decided by the words around the trigger (issue 14, composed
sentences): ground someone is trying to take is fought for, not taken; an attack told
by its weapon is the weapon's act, not a second one."""

from __future__ import annotations

from datetime import date

import pytest

from extract_text import extract_text


def _subs(text: str) -> list[tuple[str, str]]:
    """(event type, sub-type) of each event, in order."""
    return [(ev.event_type, ev.sub_event_type) for ev in extract_text(text, date(2019, 1, 16))]


CLASH = ("Battles", "Armed clash")
OVERTAKES = ("Battles", "Non-state actor overtakes territory")
REGAINS = ("Battles", "Government regains territory")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A verb of trying before the take-over: the ground is fought for.
        ("قال سكان إن مقاتلي المقاومة الشعبية يحاولون استعادة حي المنصورة في مدينة عدن.",
         [CLASH]),
        ("وحاولت قوات النظام استعادة بلدة مورك في ريف حماة من فصائل المعارضة.",
         [CLASH]),
        ("ويحاول مسلحو القبائل تحرير مديرية صرواح في محافظة مأرب.", [CLASH]),
        # Told as done, the same take-over keeps its sub-type by who took it.
        ("وقال سكان إن مقاتلي المقاومة الشعبية استعادوا حي المنصورة في مدينة عدن.",
         [OVERTAKES]),
        ("واستعادت قوات النظام أمس بلدة مورك في ريف حماة من فصائل المعارضة.", [REGAINS]),
        ("وحرر مسلحو القبائل مديرية صرواح في محافظة مأرب.", [OVERTAKES]),
    ],
)
def test_ground_tried_for_is_a_clash(text: str, expected: list[tuple[str, str]]) -> None:
    assert _subs(text) == expected


def test_the_attempt_is_named_in_the_event_rules() -> None:
    [ev] = extract_text(
        "قال سكان إن مقاتلي المقاومة الشعبية يحاولون استعادة حي المنصورة في مدينة عدن.",
        date(2019, 1, 16))
    assert "coder/attempted-take" in ev.rules["event"]


EXPLOSIVE = ("Explosions/Remote violence", "Remote explosive/landmine/IED")
SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
DISRUPTED = ("Strategic developments", "Disrupted weapons use")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The attack noun told by its weapon (ب + the weapon) is the weapon's act alone.
        ("وفي صنعاء قتل ثلاثة حوثيين مساء الاثنين في هجوم بسيارة مفخخة استهدف منزل قيادي.",
         [EXPLOSIVE]),
        ("وفي مدينة العريش استهدف هجوم آخر بعبوة ناسفة دورية للجيش.", [EXPLOSIVE]),
        ("وشن مسلحون هجوما بقذائف الهاون على مقر للشرطة في مدينة العريش.", [SHELLING]),
        # Without the weapon, or with the car as the attack's target, the noun stays.
        ("وشن مسلحون هجوما على مقر للشرطة في مدينة العريش.", [CLASH]),
        ("وقتل جنديان في هجوم على سيارة عسكرية في مدينة العريش.", [CLASH]),
        ("وفي صنعاء قتل ثلاثة حوثيين في هجوم على سيارة مفخخة كانت معدة للتفجير.",
         [CLASH, DISRUPTED]),
    ],
)
def test_an_attack_told_by_its_weapon_is_that_weapons_act(
        text: str, expected: list[tuple[str, str]]) -> None:
    assert _subs(text) == expected
