"""Who was hit (issue 14): soldiers told as the dead, and the owner of what an act hit.

Sentences composed for these tests. Soldiers and officers are a side only where the
sentence tells them dead or hurt; a thing "belonging to" a group after the act makes
the group the side hit, while a force "belonging to" one names its patron.
"""

from __future__ import annotations

from datetime import date

import pytest

from extract_text import extract_text, roles_of
from rasd.extract.lexicon import load_lexicon
from rasd.extract.roles import Roles

LEX = load_lexicon()
ISIS, AQAP = "Islamic State", "Al Qaeda in the Arabian Peninsula"
TURKEY, IRAQ = "Military Forces of Turkey", "Military Forces of Iraq"


_roles = roles_of


def _sides(r: Roles) -> tuple[str | None, str | None]:
    return (r.actor1.name if r.actor1 else None, r.actor2.name if r.actor2 else None)


@pytest.mark.parametrize(
    ("sentence", "cue", "country", "expected"),
    [
        # Soldiers told as the dead are the side hit, before or after the act.
        ("أعلنت السلطات استشهاد ضابط وثلاثة مجندين في تفجير عبوة ناسفة قرب مدينة رفح",
         "تفجير", "EG", (None, "Military Forces of Egypt")),
        ("أسفر انفجار سيارة مفخخة في مدينة تكريت عن مقتل خمسة جنود", "سياره مفخخه", "IQ",
         (None, IRAQ)),
        # An indefinite nisba names the soldiers' country, whatever the sentence's places.
        ("قتل جنديان تركيان في انفجار عبوة ناسفة قرب بلدة في سوريا", "انفجار", "SY",
         (None, TURKEY)),
        ("وقال الجيش إن جنديين تركيين قتلا في انفجار قنبلة على طريق في سوريا", "انفجار", "SY",
         (None, TURKEY)),
        # A named group told as the dead is hit, not acting.
        ("وأعلنت القوات العراقية مقتل 12 من عناصر تنظيم داعش في غارة جوية قرب الرمادي",
         "غاره", "IQ", (IRAQ, ISIS)),
    ],
)
def test_the_dead_are_the_side_hit(sentence: str, cue: str, country: str,
                                   expected: tuple[str | None, str | None]) -> None:
    assert _sides(_roles(sentence, cue, country)) == expected


@pytest.mark.parametrize(
    ("sentence", "cue", "country", "expected"),
    [
        # Officers who only accompany a minister are no side of the bombing.
        ("تفقد الوزير موقع التفجير في السوق برفقة عدد من الضباط", "تفجير", "IQ",
         (None, None)),
        # The dead of an earlier act this one answers are not its target.
        ("رد الجيش التركي بقصف مواقع تنظيم داعش بعد مقتل جندي تركي", "قصف", "TR",
         (TURKEY, ISIS)),
        # Soldiers of someone named after them (a noun in construct) are not a state's.
        ("وقال التنظيم إن جنود الخلافة نفذوا تفجير سيارة مفخخة في حي ببغداد",
         "سياره مفخخه", "IQ", (None, None)),
    ],
)
def test_soldiers_not_told_dead_are_no_side(sentence: str, cue: str, country: str,
                                            expected: tuple[str | None, str | None]) -> None:
    assert _sides(_roles(sentence, cue, country)) == expected


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        # A thing after the act belonging to a group: the group was hit.
        ("وقصفت الغارات مراكز تجمع تابعة لتنظيم داعش قرب مدينة الرمادي", "قصفت",
         (None, ISIS)),
        ("ودمرت الغارة سيارة تابعة لعناصر تنظيم القاعدة في جزيرة العرب", "غاره",
         (None, AQAP)),
        # Without the word of belonging, li- after the act still names its agent.
        ("نفذت غارات للتحالف الدولي على مواقع قرب الرقة", "غارات",
         ("International Coalition", None)),
    ],
)
def test_the_owner_of_what_was_hit(sentence: str, cue: str,
                                   expected: tuple[str | None, str | None]) -> None:
    assert _sides(_roles(sentence, cue)) == expected


def test_a_force_belonging_to_a_group_names_its_patron_not_a_target() -> None:
    r = _roles("وشنت قوة أمنية تابعة لقوات البيشمركة هجوما على مواقع تنظيم داعش", "هجوما")
    assert r.actor2 is not None and r.actor2.name == ISIS
    assert r.actor1 is None or r.actor1.name != ISIS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Captive soldiers put to death are their army, not civilians.
        ("أعدم تنظيم داعش 22 جنديا في مدينة الفلوجة أمس.", (ISIS, IRAQ)),
        # Civilians put to death stay civilians.
        ("أعدم تنظيم داعش 12 مدنيا في مدينة الفلوجة أمس.", (ISIS, "Civilians (Iraq)")),
        # A bomb that killed soldiers: an unidentified group against their army.
        ("قتل خمسة جنود في انفجار عبوة ناسفة في مدينة الفلوجة أمس.",
         ("Unidentified Armed Group (Iraq)", IRAQ)),
    ],
)
def test_events_with_soldiers_as_the_dead(text: str,
                                          expected: tuple[str, str]) -> None:
    events = extract_text(text, date(2015, 7, 25))
    sides = [(e.actor1.name if e.actor1 else None, e.actor2.name if e.actor2 else None)
             for e in events]
    assert expected in sides


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        # A unit no name covers acts as the umbrella it belongs to; a descriptor read in
        # the unit's own words (``الجيش الأول``) stands for the umbrella.
        ("أعلنت كتائب الجيش الأول التابع للجيش الحر قصف مقرات قوات النظام براجمات "
         "الصواريخ", "راجمات", ("Free Syrian Army", "Military Forces of Syria")),
        ("واستهدفت الفرقة الساحلية التابعة للجيش السوري الحر مواقع قوات النظام بالصواريخ",
         "صواريخ", ("Free Syrian Army", "Military Forces of Syria")),
        # A named group's patron is no side.
        ("هاجمت ميليشيا لواء فاطميون التابعة للحرس الثوري الإيراني مواقع تنظيم داعش",
         "هاجم*", ("Fatemiyoun Brigade", ISIS)),
    ],
)
def test_a_unit_named_by_no_name_acts_as_its_umbrella(
        sentence: str, cue: str, expected: tuple[str | None, str | None]) -> None:
    assert _sides(_roles(sentence, cue, "SY")) == expected
