"""Who killed whom with the bare verb of killing, and acts recalled by their month alone
(issue 14, helper kill14i).

Sentences composed for these tests: the verb read passive before a policeman, a soldier or
a counted noun (the one killed, not the killer); read active before its definite subject;
a claim that tells its own killing; the adjective of an act called armed; and a
campaign recalled by its month over a whole governorate.
"""

from __future__ import annotations

from datetime import date

import pytest

from extract_text import extract_text
from rasd.models import Event

JULY_2015 = date(2015, 7, 23)
POLICE_TR = "Police Forces of Turkey"
ARMY_TR = "Military Forces of Turkey"
ISIS = "Islamic State"
PKK = "Kurdistan Workers' Party"


def _events(text: str) -> list[Event]:
    return extract_text(text, JULY_2015)


def _sides(events: list[Event]) -> set[tuple[str | None, str | None]]:
    """Each current event's two sides, in either order (the scorer's reading)."""
    out = set()
    for e in events:
        if e.status != "current":
            continue
        pair = (e.actor1.name if e.actor1 else None, e.actor2.name if e.actor2 else None)
        out.add(pair)
    return out


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        # Passive: a policeman was killed; the police are no killer.
        ("قتل شرطي تركي وأصيب آخر بجروح في مدينة ماردين أمس.", POLICE_TR),
        # A soldier named by the singular عسكري before the verb of dying.
        ("وقال الجيش إن عسكريا تركيا قتل قرب بلدة كيليس أمس.", ARMY_TR),
        # Active with its subject: the gunmen killed, the policeman was killed.
        ("قتل مسلحون مجهولون شرطيا في مدينة ماردين التركية أمس.", POLICE_TR),
    ],
)
def test_the_killed_side_is_the_target(text: str, hit: str) -> None:
    sides = _sides(_events(text))
    assert sides, text
    assert all(a2 == hit and a1 != hit for a1, a2 in sides), sides


def test_a_counted_noun_after_the_verb_is_the_group_killed() -> None:
    text = "وذكرت الحكومة أن قواتها تمكنت أمس من قتل 15 مسلحا من تنظيم داعش قرب بعقوبة."
    sides = _sides(_events(text))
    assert sides and all(a1 != ISIS for a1, _ in sides), sides


def test_a_claim_of_a_killing_makes_the_claimant_the_killer() -> None:
    text = "وتبنت الحركة الانفصالية الكردية أمس قتل شرطيين في مدينة ماردين التركية."
    assert _sides(_events(text)) == {(PKK, POLICE_TR)}


def test_a_claim_telling_its_own_killing_leaves_the_act_before_it() -> None:
    text = ("انفجرت سيارة مفخخة عند مرور قافلة للجيش في مدينة ماردين التركية أمس. "
            "وتبنت الحركة الانفصالية الكردية أمس قتل شرطيين في مدينة بطمان.")
    bomb = [e for e in _events(text) if e.sub_event_type == "Remote explosive/landmine/IED"]
    assert bomb and all(e.actor1 is None or e.actor1.name != PKK for e in bomb)


def test_a_clash_called_armed_names_no_unnamed_group() -> None:
    text = "قتل جنديان تركيان قرب بلدة كيليس أمس في صدام مسلح مع عناصر تنظيم داعش."
    sides = _sides(_events(text))
    assert sides and all("Unidentified" not in (a1 or "") for a1, _ in sides), sides


def test_a_military_convoy_is_no_soldier() -> None:
    text = "شنت طائرات التحالف غارة على رتلا عسكريا للحوثيين في مدينة تعز أمس."
    names = {n for e in _events(text) for n in (
        e.actor1.name if e.actor1 else None, e.actor2.name if e.actor2 else None)}
    assert "Military Forces of Yemen" not in names


def test_policemen_told_by_a_relative_clause_are_still_named() -> None:
    text = ("وعثرت السلطات أمس على الشرطيين اللذين قتلا برصاص مسلحين في مدينة ماردين "
            "التركية.")
    sides = _sides(_events(text))
    assert any(POLICE_TR in pair for pair in sides), sides


@pytest.mark.parametrize("text", [
    "وأطلقت قوات الأمن في أبريل الماضي عملية عسكرية في محافظة الأنبار لاستعادتها من التنظيم.",
    "وكانت الحكومة أكدت في فبراير الماضي تحرير محافظة ديالى من تنظيم داعش.",
])
def test_a_campaign_recalled_by_its_month_over_a_governorate_is_not_coded(text: str) -> None:
    assert [e for e in _events(text) if e.status == "background"] == []


def test_a_place_past_told_after_its_nisbas_does_not_date_the_act() -> None:
    text = ("انفجرت عبوة ناسفة أمس قرب مركز ثقافي في بلدة سروج التركية. "
            "ووقع الانفجار قرب الحدود مع مدينة كوباني الكردية السورية التي طرد منها "
            "مقاتلو تنظيم داعش في يناير الماضي.")
    assert all(e.date is None or e.date.start.month != 1 for e in _events(text))


def test_the_rebels_of_yemen_are_its_popular_resistance() -> None:
    text = "وقال مصدر إن الثوار اشتبكوا مع مسلحي الحوثي في مدينة تعز أمس."
    names = {e.actor1.name for e in _events(text) if e.actor1} | {
        e.actor2.name for e in _events(text) if e.actor2}
    assert "Popular Resistance (Yemen)" in names, names
