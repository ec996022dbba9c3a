"""Constructions of real daily reporting (issue 14), on sentences composed for these tests.

Each table holds one phenomenon counted by ``benchmarks/dev_phenomena.py`` on the
development set: cross-border projectiles in civil-defence wording, a toll given once
for a list of places (event-coding.md section 9), a figure told again in a later
sentence, the wounded counted after the killed.
"""

from __future__ import annotations

from datetime import date

import pytest

from extract_text import extract_text
from rasd.clean.normalize import normalize_for_match
from rasd.extract.fatalities import find_fatalities
from rasd.models import Event

D = date(2015, 7, 20)
SHELL = "Shelling/artillery/missile attack"


def _extract(text: str, published: date = D) -> list[Event]:
    return extract_text(text, published)


def _place(ev: Event) -> str:
    return normalize_for_match(ev.location.name_ar) if ev.location is not None else ""


# -- projectiles across a border ---------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "وسقط مقذوف عسكري أطلق من خارج الحدود على منزل في مدينة نجران صباح اليوم.",
        "وأفاد الدفاع المدني بسقوط مقذوفات على حي سكني في مدينة جازان مساء أمس.",
        "وتعرضت مدينة نجران لسقوط مقذوف مما أدى إلى إصابة طفلين.",
    ],
)
def test_a_projectile_is_shelling(text: str) -> None:
    events = _extract(text)
    assert [e.sub_event_type for e in events] == [SHELL]


# -- a toll for a list of places ----------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two places, an even toll: half each
        ("وقتل 10 مدنيين في انفجار عبوتين ناسفتين في بلدروز والمقدادية أمس.",
         {"بلدروز": 5, "المقداديه": 5}),
        # an odd toll: the remainder goes to the first place named
        ("وقتل 7 مدنيين في انفجار عبوتين ناسفتين في بلدروز والمقدادية أمس.",
         {"بلدروز": 4, "المقداديه": 3}),
    ],
)
def test_a_toll_for_listed_places_is_divided(text: str, expected: dict[str, int]) -> None:
    events = _extract(text)
    assert {_place(e): e.fatalities.best for e in events} == expected


def test_a_locator_is_no_share_of_the_toll() -> None:
    # ``شمال شرقي بعقوبة`` locates the village; whatever is coded there, the 22
    # stay on the first place of the act and are not halved.
    events = _extract("واشتبكت قوات البيشمركة مع عناصر داعش في ناحية كفري شمال شرقي بعقوبة "
                      "ما أسفر عن مقتل 22 مسلحاً.")
    assert max(e.fatalities.best for e in events) == 22


# -- a figure told again ------------------------------------------------------------

def test_a_figure_told_again_is_the_same_dead() -> None:
    events = _extract("واندلعت اشتباكات بين الحوثيين والمقاومة الشعبية أمس في مدينة مأرب "
                      "أسفرت عن مقتل 18 حوثياً. وأشار المصدر إلى مقتل 18 حوثياً خلال تلك "
                      "المواجهات وإصابة العشرات.")
    assert [e.fatalities.best for e in events] == [18]


def test_a_new_figure_in_a_later_sentence_still_adds() -> None:
    events = _extract("واندلعت اشتباكات بين الحوثيين والمقاومة الشعبية أمس في مدينة مأرب "
                      "أسفرت عن مقتل 18 حوثياً. وقتل أربعة من المقاومة خلال المواجهات.")
    assert [e.fatalities.best for e in events] == [22]


# -- the wounded after the killed ---------------------------------------------------

@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("الهجوم الذي أوقع 32 قتيلاً ومئة جريح", 32),
        ("الهجوم الذي أوقع 32 قتيلاً وخمسين جريحاً", 32),
        ("سقط 12 قتيلاً وعشرات الجرحى", 12),
        # coordinated counts with no noun of their own still share the killed cue
        ("مقتل 5 جنود وثلاثة مدنيين", 8),
    ],
)
def test_a_count_before_its_own_wounded_noun_is_wounded(text: str, killed: int) -> None:
    assert sum(f.best for f in find_fatalities(text) if f.killed) == killed


# -- air cover told as the manner of another act ------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the strikes are the advance's support: one clash, no air strike, and the
        # supporting coalition is not the second side
        ("وتقدمت المقاومة الشعبية بدعم من غارات التحالف العربي في مدينة تعز أمس.",
         [("Armed clash", "Popular Resistance (Yemen)", None)]),
        ("ودارت مواجهات بين المقاومة الشعبية والحوثيين في مدينة تعز أمس وسط إسناد من غارات "
         "التحالف.", [("Armed clash", "Popular Resistance (Yemen)", "Ansar Allah")]),
        # strikes told as an act of their own stay
        ("وشنت طائرات التحالف أمس غارات على مواقع للحوثيين في مدينة تعز.",
         [("Air/drone strike", "Saudi-led Coalition", "Ansar Allah")]),
    ],
)
def test_air_cover_is_no_strike_and_no_second_side(
        text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    events = _extract(text)
    assert [(e.sub_event_type, e.actor1.name if e.actor1 else None,
             e.actor2.name if e.actor2 else None) for e in events] == expected


def test_a_defused_device_is_no_explosion() -> None:
    events = _extract("وأبطلت الشرطة التركية أمس مفعول عبوة ناسفة قرب مبنى حكومي في مدينة أنقرة.")
    assert [e.sub_event_type for e in events] == ["Disrupted weapons use"]


# -- an act named as the start of a period ------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "وتتعرض الحكومة التركية لانتقادات شديدة منذ هجوم تنظيم داعش على مدينة سروج.",
        "وهو أهم قيادي في المعارضة يقتل منذ بدأ الهجوم على قوات النظام في مدينة درعا.",
    ],
)
def test_an_act_after_since_is_no_event(text: str) -> None:
    assert _extract(text) == []


def test_the_bombing_a_period_runs_from_is_not_coded_again() -> None:
    events = _extract("وتتواصل الهجمات على الشرطة التركية منذ التفجير الانتحاري في مدينة سروج.")
    assert "Suicide bomb" not in [e.sub_event_type for e in events]


# -- aircraft as the subject of a targeting verb ------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "واستهدف طيران التحالف تجمعات للحوثيين في مدينة تعز أمس.",
        "واستهدفت طائرات التحالف مواقع للحوثيين في مدينة تعز أمس.",
    ],
)
def test_aircraft_targeting_is_an_air_strike(text: str) -> None:
    assert [e.sub_event_type for e in _extract(text)] == ["Air/drone strike"]


# -- taking ground as a prospect, a goal or an operation's name ----------------------

@pytest.mark.parametrize(
    ("text", "events"),
    [
        ("ونحمد الله على استعادة المقاومة الشعبية مدينة عدن.", 0),
        ("وتتواصل النجاحات وآخرها قرب تحرير المقاومة الشعبية مدينة عدن بالكامل.", 0),
        ("وأعلنت الجبهة الجنوبية استئناف معركة تحرير درعا من قوات النظام.", 0),
        # the verb reports the taking
        ("واستعادت المقاومة الشعبية مدينة عدن من الحوثيين أمس.", 1),
    ],
)
def test_taking_ground_as_a_prospect_is_no_event(text: str, events: int) -> None:
    assert len(_extract(text)) == events


# -- the weapon of a strike, and a second act told alongside it ----------------------

def test_the_weapon_of_a_strike_is_no_second_act() -> None:
    events = _extract("وشن طيران النظام أمس أربع غارات بالصواريخ الفراغية على مدينة الزبداني.")
    assert [(e.sub_event_type, _place(e)) for e in events] == [("Air/drone strike", "الزبداني")]


def test_an_act_told_alongside_another_is_its_own_event() -> None:
    events = _extract("وشن طيران النظام ثلاث غارات على مدينة الزبداني أمس، وسط قصف مدفعي "
                      "لقوات النظام من الحواجز المحيطة.")
    assert sorted((e.sub_event_type, _place(e)) for e in events) == [
        ("Air/drone strike", "الزبداني"), (SHELL, "الزبداني")]


def test_the_passive_of_assassinate_is_a_cue() -> None:
    events = _extract("اغتيل قيادي في حركة فتح صباح اليوم السبت في مخيم عين الحلوة "
                      "جنوب لبنان.")
    assert [e.sub_event_type for e in events] == ["Armed clash"]
