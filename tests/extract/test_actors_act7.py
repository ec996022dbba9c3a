"""Actor errors of the fourth development set grouped by cause (issue 14, helper act7).

Sentences composed for these tests: state forces a bomb hit are its target, not who set
it off; the dead told through a group's members (``مقتل سبعة من قادة التنظيم``) were hit;
a claim later in a sentence names the bomber of the blast told before; a claim in
another clause of a round-up is not this blast's; blasts in two quarters of one city
are two events.
"""

from __future__ import annotations

from datetime import date

import pytest

from extract_text import extract_text, roles_of
from rasd.actors.resolve import resolve_document
from rasd.models import Event

JULY_2015 = date(2015, 7, 22)
ISIS = "Islamic State"


def _events(text: str) -> list[Event]:
    return extract_text(text, JULY_2015)


def _pairs(events: list[Event], sub: str) -> list[tuple[str | None, str | None]]:
    return [(e.actor1.name if e.actor1 else None, e.actor2.name if e.actor2 else None)
            for e in events if e.sub_event_type == sub]


@pytest.mark.parametrize(
    ("text", "sub", "expected"),
    [
        # Policemen hurt by a grenade: the police were hit, the thrower is unnamed.
        ("وفي واقعة ثانية أصيب أربعة من أفراد الشرطة أمس في هجوم بقنبلة يدوية بمدينة "
         "ماردين التركية.", "Grenade",
         ("Unidentified Armed Group (Turkey)", "Police Forces of Turkey")),
        # A suicide car bomb on an army checkpoint: the army was hit.
        ("وأدى هجوم انتحاري بسيارة مفخخة استهدف حاجزا للجيش العراقي شمال مدينة "
         "بعقوبة صباح أمس إلى جرح عدد من جنود الحاجز.", "Suicide bomb",
         ("Unidentified Armed Group (Iraq)", "Military Forces of Iraq")),
    ],
)
def test_state_forces_a_bomb_hit_are_its_target(
        text: str, sub: str, expected: tuple[str, str]) -> None:
    assert _pairs(_events(text), sub) == [expected]


def test_a_force_that_blew_something_up_itself_stays_the_actor() -> None:
    # ``قام سلاح الجو بتفجير مخزن``: the air force carried the act out.
    text = ("وقال المتحدث إن الجيش الليبي قام بتفجير مخزن ذخيرة للجماعات المتشددة في "
            "مدينة درنة أمس.")
    pairs = _pairs(_events(text), "Remote explosive/landmine/IED")
    assert pairs and all(a1 == "Libyan National Army" for a1, _ in pairs)


def test_the_dead_told_through_a_groups_leaders_were_hit() -> None:
    r = roles_of("وأعلن مصدر عسكري مقتل خمسة من قادة تنظيم داعش بقصف مدفعي على "
                 "مدينة الفلوجة", "قصف مدفعي", "IQ")
    assert r.actor1 is None or r.actor1.name != ISIS
    assert r.actor2 is not None and r.actor2.name == ISIS


def test_a_claim_later_in_a_sentence_names_the_bomber() -> None:
    text = ("انفجرت سيارة مفخخة في سوق شعبية بمدينة بعقوبة أمس وقتل 12 شخصا. "
            "وأصيب في الهجوم 40 آخرون، وكان تنظيم داعش أعلن مساء في بيان نشره المسؤولية "
            "عن التفجير.")
    pairs = _pairs(_events(text), "Remote explosive/landmine/IED")
    assert pairs and pairs[0][0] == ISIS


def test_a_claim_of_another_act_recalled_names_no_one() -> None:
    # ``مسؤوليته عن قتلهما``: the claim of an earlier killing, not of today's shooting.
    text = ("قتل شرطي وأصيب زميله بالرصاص مساء أمس في هجوم على دورية بمدينة ماردين. ويأتي "
            "الهجوم بعد "
            "ثلاثة أيام من قتل جنديين وإعلان العمال الكردستاني مسؤوليته عن قتلهما.")
    events = [e for e in _events(text) if e.actor2 and e.actor2.name.startswith("Police")]
    assert events and all(e.actor1 is None or e.actor1.name.startswith("Unidentified")
                          for e in events)


def test_bombs_in_two_quarters_of_a_city_are_two_events() -> None:
    text = ("قتل عشرة أشخاص في تفجير سيارة مفخخة في منطقة البياع في غرب بغداد أمس. "
            "كما قتل ستة أشخاص في تفجير سيارة مفخخة في منطقة الزعفرانية في جنوب بغداد "
            "أمس.")
    events = [e for e in _events(text) if e.sub_event_type == "Remote explosive/landmine/IED"]
    assert len(events) == 2


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("وقصفت الفرقة الرابعة أحياء في مدينة داريا بريف دمشق", "SY", ["mil-sy"]),
        # Another army's 4th Division is not Syria's.
        ("وتقدم المقاتلون نحو مقر قيادة الفرقة الرابعة في مدينة عدن", "YE", []),
    ],
)
def test_a_fourth_division_is_syrias_only_in_syria(text: str, country: str,
                                                    expected: list[str]) -> None:
    got = [m.actor.id for m in resolve_document(text, on=JULY_2015, fallback_country=country)
           if "الفرقة" in m.surface]
    assert got == expected


def test_a_blast_that_hurt_nobody_has_no_civilian_target() -> None:
    text = ("وانفجرت سيارتان مفخختان أمس في مدينة سرت الليبية، لكن دون سقوط ضحايا.")
    pairs = _pairs(_events(text), "Remote explosive/landmine/IED")
    assert pairs == [("Unidentified Armed Group (Libya)", None)]



@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A weapon or strike told with its article and a nationality, as without it.
        ("وقصفت الدبابات التركية قرية قرب الحدود", [("الدبابات", "mil-tr")]),
        ("واستهدفت الغارات التركية مواقع في الجبال", [("الغارات", "mil-tr")]),
        # Without a nationality a definite weapon names no one.
        ("وسقطت القذائف على السوق", []),
        # Kurdish forces told without the article.
        ("وقالت قوات كردية إن القصف طال قريتين", [("قوات كردية", "ypg")]),
    ],
)
def test_definite_weapons_of_a_nationality(text: str, expected: list[tuple[str, str]]) -> None:
    got = [(m.surface, m.actor.id) for m in resolve_document(
        text, on=JULY_2015, fallback_country="SY")]
    assert got == expected
