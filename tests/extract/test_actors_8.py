"""Actor pairs of paired events on five development sets, by mechanism (issue 14, helper
actors8).

Sentences composed for these tests: police named only generically act at home; a speaker
telling of a blast through a statement is no side of it; a group shelling a town's
quarters hit their residents (a state's forces shelling quarters name no target); farms
are not farmers; the group an arrest took, named after it, is that group unless told as
suspects; of Yemen's army and the Popular Resistance told joined as one side the
Resistance leads; fire from across a border with no one named is an unidentified group's.
"""

from __future__ import annotations

from datetime import date

import pytest

from extract_text import extract_text
from rasd.models import Event

JULY_2015 = date(2015, 7, 25)
HOUTHIS = "Ansar Allah"
RESISTANCE = "Popular Resistance (Yemen)"


def _events(text: str) -> list[Event]:
    return [e for e in extract_text(text, JULY_2015) if e.status == "current"]


def _pairs(events: list[Event], sub: str) -> list[tuple[str | None, str | None]]:
    return [(e.actor1.name if e.actor1 else None, e.actor2.name if e.actor2 else None)
            for e in events if e.sub_event_type == sub]


def test_police_named_generically_are_those_of_the_place() -> None:
    # An article about strikes in Syria, with a raid campaign across Turkey.
    text = ("شنت الطائرات التركية غارات على مواقع تنظيم داعش في ريف حلب السوري. "
            "وترافقت الغارات مع حملة مداهمات نفذتها الشرطة في مدينة إسطنبول واعتقلت خلالها "
            "عشرات المشتبه بهم.")
    arrests = [e for e in _events(text) if e.sub_event_type == "Arrests"]
    assert arrests and all(e.actor1 and e.actor1.name == "Police Forces of Turkey"
                           for e in arrests)


def test_a_speaker_through_a_statement_is_no_side() -> None:
    text = ("قتل أربعة ركاب في انفجار عبوة ناسفة زرعت تحت حافلة في مدينة صنعاء صباح أمس، "
            "وأكدت الشرطة في بيان مقتضب أن العبوة انفجرت قرب سوق شعبي.")
    pairs = _pairs(_events(text), "Remote explosive/landmine/IED")
    assert pairs and all(a2 != "Police Forces of Yemen" for _, a2 in pairs)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A group shelling a quarter: its residents were hit.
        ("وقصف الحوثيون بقذائف الهاون حي الشيخ عثمان في مدينة عدن أمس.",
         (HOUTHIS, "Civilians (Yemen)")),
        # A state's forces shelling quarters held by a group: no target told.
        ("وقصف الجيش العراقي بالمدفعية أحياء في مدينة الفلوجة أمس.",
         ("Military Forces of Iraq", None)),
    ],
)
def test_a_quarter_shelled(text: str, expected: tuple[str, str | None]) -> None:
    assert _pairs(_events(text), "Shelling/artillery/missile attack") == [expected]


def test_farms_hit_are_not_farmers() -> None:
    text = ("وشنت طائرات التحالف غارات على تجمعات للحوثيين في مزارع الوهط بمحافظة لحج "
            "أمس.")
    pairs = _pairs(_events(text), "Air/drone strike")
    assert pairs and all(a2 != "Civilians (Yemen)" for _, a2 in pairs)


@pytest.mark.parametrize(
    ("text", "arrested"),
    [
        # Counted by the group's name, or its leaders told by the group's adjective.
        ("وألقت المقاومة الشعبية القبض على 30 حوثيا في مدينة عدن أمس.", HOUTHIS),
        ("وأكدت المقاومة الشعبية اعتقال قيادات حوثية في مدينة عدن أمس.", HOUTHIS),
        # Told as suspects: civilians.
        ("واعتقلت الشرطة في مدينة إسطنبول أمس عشرة أشخاص يشتبه في انتمائهم لتنظيم داعش.",
         "Civilians (Turkey)"),
    ],
)
def test_the_group_an_arrest_took(text: str, arrested: str) -> None:
    pairs = _pairs(_events(text), "Arrests")
    assert pairs and all(a2 == arrested for _, a2 in pairs)


def test_the_resistance_leads_the_army_told_joined_with_it() -> None:
    text = ("وتخوض قوات الجيش والمقاومة الشعبية معارك عنيفة مع مسلحي الحوثي في مدينة "
            "زنجبار منذ أمس.")
    assert _pairs(_events(text), "Armed clash") == [(RESISTANCE, HOUTHIS)]


def test_the_army_backed_by_the_resistance_stays_actor1() -> None:
    text = ("وتخوض قوات الجيش المدعومة بالمقاومة الشعبية معارك عنيفة مع مسلحي الحوثي في "
            "مدينة زنجبار منذ أمس.")
    assert _pairs(_events(text), "Armed clash") == [("Military Forces of Yemen", HOUTHIS)]


def test_fire_from_across_a_border_is_an_unidentified_groups() -> None:
    text = ("أعلن المتحدث الأمني أن دورية لحرس الحدود في منطقة جازان تعرضت صباح اليوم "
            "لقذائف عسكرية أطلقت من داخل الأراضي اليمنية. "
            "كما تعرض مركز حدودي في محافظة الطوال لمقذوفات من داخل الأراضي اليمنية.")
    events = [e for e in _events(text)
              if e.sub_event_type == "Shelling/artillery/missile attack"]
    assert events and all(e.actor1 and e.actor1.name == "Unidentified Armed Group (Yemen)"
                          for e in events)
