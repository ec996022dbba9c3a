"""Acts a sentence names without telling them (issue 14, second development set).

Two mechanisms, each with sentences composed for these tests in both directions: the
sentence that only names an act gives no event of it, and a near sentence that tells
the act still gives it.

- An act named as what another answers or avenges (``ردا على هجوم``، ``انتقاما
  للمجزرة``), or placed in the wake of another (``غداة الهجوم``), is an earlier act
  told as the cause of the news (extract_cues.tsv: response, refers_back).
- A definite act after a word pointing back and described by a relative clause
  (``بعد التفجير الانتحاري الذي وقع``) is one the reader knows (extract/sentence.py:
  _known_act); counted back from the news (``بعد ثلاثة أيام على الهجوم الذي``) it is
  a recalled event, kept as before.
- A definite act after a demonstrative (``منفذي هذا الهجوم``، ``تلك الهجمات``) is the
  act already told (extract/sentence.py: _DEMONSTRATIVES).
- An act a person is charged with or accused of (``المتهم بإثارة الشغب``، ``بدعوى زرعهم
  عبوة``) is an allegation, not an act told (extract_cues.tsv: charge).
- An arrest noun with bare ل- after another act is that act's aim (``اقتحموا منزلاً
  لتوقيف شاب``), unless a verb of undergoing governs it (``تعرض شاب لتوقيف``)
  (extract_cues.tsv: purpose, exposure).
- Fighting counted in months or days (``أربعة أشهر من المعارك``) and acts that recur
  (``غارات كل ليلة``، ``قصف يومي``) are a war's course, not one event
  (extract_cues.tsv: duration, every).
- State forces storming a house or a town with no armed group named met no armed side:
  no battle, even when the story's sides could fill the sentence's missing one
  (event_rules.tsv: state-raid-unopposed).
"""

from __future__ import annotations

from datetime import date

import pytest

from extract_text import extract_text
from rasd.clean.normalize import normalize_for_match
from rasd.models import Event

D = date(2015, 7, 20)
ARRESTS = "Arrests"
SHELL = "Shelling/artillery/missile attack"


def _extract(text: str) -> list[Event]:
    return extract_text(text, D)


def _places(events: list[Event]) -> set[str]:
    return {normalize_for_match(e.location.name_ar) for e in events if e.location is not None}


# -- an answered or avenged act ----------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        # indefinite, with the preposition apart
        "وقال الناطق إن العملية جاءت ردا على هجوم انتحاري استهدف ناشطين في مدينة سروج.",
        # definite, the noun of response itself
        "وأضاف أن العملية جاءت ردا على الهجوم الانتحاري الذي استهدف طلابا في مدينة سروج.",
        # ل- glued to the avenged act
        "وأعلنت الحركة أنها نفذت الهجوم انتقاما للمجزرة التي ارتكبت في بلدة الحولة.",
    ],
)
def test_an_answered_act_gives_no_event(text: str) -> None:
    assert _extract(text) == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("وشن مسلحون هجوما انتحاريا استهدف ناشطين في مدينة سروج أمس.", "سروج"),
        ("وارتكبت القوات مجزرة في بلدة الحولة أمس.", "الحوله"),
    ],
)
def test_the_act_told_still_gives_its_event(text: str, place: str) -> None:
    assert place in _places(_extract(text))


def test_the_answering_act_stands_and_the_answered_place_is_not_its() -> None:
    # The shelling is told; the attack it answers, at another town, is not coded, and its
    # town is not given to the shelling either (the answered act closes the clause).
    events = _extract("وقصف الجيش التركي مواقع للمسلحين قرب بلدة قنديل ردا على الهجوم "
                      "الذي استهدف جنوده في بلدة لجه.")
    assert [e.sub_event_type for e in events] == [SHELL]
    assert _places(events) == {"قنديل"}


@pytest.mark.parametrize(
    "text",
    [
        "وشددت الشرطة إجراءاتها في مدينة نابلس غداة الهجوم على حاجز في بلدة حوارة.",
        "وشددت الشرطة إجراءاتها في مدينة نابلس في أعقاب الهجوم على حاجز في بلدة حوارة.",
    ],
)
def test_an_act_in_whose_wake_the_news_comes_is_no_event(text: str) -> None:
    assert _extract(text) == []


def test_an_attack_on_the_day_is_still_told() -> None:
    events = _extract("وشن مسلحون هجوما على حاجز في بلدة حوارة أمس.")
    assert [e.event_type for e in events] == ["Battles"]


# -- an act the reader knows ---------------------------------------------------------------

def test_a_known_act_after_a_word_pointing_back_is_no_event() -> None:
    assert _extract("وأطلع رئيس الوزراء المستشارة على تحرك الحكومة بعد التفجير "
                    "الانتحاري الذي وقع في مدينة سروج.") == []


def test_the_known_act_told_or_counted_back_stays() -> None:
    told = _extract("وقتل 32 شخصا في التفجير الانتحاري الذي ضرب مدينة سروج أمس.")
    assert [(e.sub_event_type, e.status) for e in told] == [("Suicide bomb", "current")]
    recalled = _extract("وتأتي المواجهة بعد خمسة أيام على الهجوم الانتحاري الذي أوقع 32 "
                        "قتيلا في مدينة سروج ظهر الاثنين.")
    assert [(e.sub_event_type, e.status) for e in recalled] == [("Suicide bomb", "background")]


# -- an act pointed at ----------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "وقال الجيش التركي إن حملة واسعة أطلقت في مدينة ديار بكر لملاحقة منفذي هذا الهجوم.",
        "وتبنى تنظيم داعش الهجمات الثلاث.\n"
        "واستهدفت تلك الهجمات فندقا في مدينة سوسة ومسجدا في مدينة الكويت.",
    ],
)
def test_an_act_after_a_demonstrative_is_the_one_told(text: str) -> None:
    assert _extract(text) == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("وشن حزب العمال الكردستاني هجوما على الجيش التركي في مدينة ديار بكر أمس.", "ديار بكر"),
        ("واستهدفت هجمات تنظيم داعش فندقا في مدينة سوسة أمس.", "سوسه"),
    ],
)
def test_an_act_told_afresh_is_an_event(text: str, place: str) -> None:
    assert place in _places(_extract(text))


# -- a charge --------------------------------------------------------------------------------

def test_a_riot_a_man_was_charged_with_is_no_event() -> None:
    assert _extract("وقبضت الشرطة على شاب في مدينة القطيف المتهم بإثارة الشغب.") == []


def test_a_bomb_the_victims_were_accused_of_is_no_explosion() -> None:
    events = _extract("وأحرق مسلحون ثلاثة شبان في مدينة بعقوبة بدعوى زرعهم عبوة ناسفة.")
    assert "Explosions/Remote violence" not in {e.event_type for e in events}


@pytest.mark.parametrize(
    ("text", "given"),
    [
        ("واندلعت أعمال شغب في مدينة القطيف أمس.", "Riots"),
        ("وانفجرت عبوة ناسفة في مدينة بعقوبة أمس.", "Explosions/Remote violence"),
    ],
)
def test_the_act_told_is_given(text: str, given: str) -> None:
    assert given in {e.event_type for e in _extract(text)}


# -- the aim of an act ---------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "واقتحم جنود إسرائيليون منزلا في بلدة عزون لتوقيف شاب مطلوب.",
        "وداهم الجيش بلدة عرابة لاعتقال مطلوبين.",
    ],
)
def test_an_arrest_as_the_aim_is_no_arrest(text: str) -> None:
    assert ARRESTS not in {e.sub_event_type for e in _extract(text)}


@pytest.mark.parametrize(
    "text",
    [
        "واعتقل الجيش الإسرائيلي شابا مطلوبا في بلدة عرابة.",
        # a verb of undergoing brings the arrest with ل-: told, not aimed at
        "وتعرض شاب لتوقيف تعسفي على حاجز في بلدة حوارة.",
    ],
)
def test_an_arrest_told_is_an_arrest(text: str) -> None:
    assert [e.sub_event_type for e in _extract(text)] == [ARRESTS]


def test_shelling_undergone_is_still_shelling() -> None:
    events = _extract("وتعرضت بلدة الفوعة لقصف عنيف من فصائل المعارضة أمس.")
    assert [e.sub_event_type for e in events] == [SHELL]


# -- a war's course ---------------------------------------------------------------------

# A first sentence tells a clash, so a later one naming no side of its own takes the
# story's sides (the way a span of fighting became an event in real articles).
STORY = "وشن مقاتلو الحوثي هجوما على مواقع المقاومة الشعبية في مدينة تعز أمس.\n"


def test_months_of_fighting_are_no_event() -> None:
    events = _extract(STORY + "وجاء ذلك بعد شهور من تقدم الحوثيين في مدينة عدن.")
    assert _places(events) == {"تعز"}


def test_a_clash_told_after_the_story_is_an_event() -> None:
    events = _extract(STORY + "واشتبك مقاتلو الحوثي مع المقاومة في مدينة عدن أمس.")
    assert _places(events) == {"تعز", "عدن"}


@pytest.mark.parametrize(
    "text",
    [
        "وساد الهدوء مدينة صنعاء أمس بعد أن كانت هدفا لغارات التحالف كل ليلة.",
        "وتتعرض بلدة الفوعة لقصف يومي من فصائل المعارضة.",
    ],
)
def test_acts_that_recur_are_no_event(text: str) -> None:
    assert _extract(text) == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("وشن طيران التحالف غارات على صنعاء الليلة الماضية.", "صنعاء"),
        ("وقصفت فصائل المعارضة بلدة الفوعة أمس.", "الفوعه"),
    ],
)
def test_one_act_of_the_war_is_an_event(text: str, place: str) -> None:
    assert place in _places(_extract(text))


# -- a raid that met no armed side ----------------------------------------------------------

# The story has an armed side (Hamas) a raid told alone would borrow.
CLASH = "واشتبك مقاتلون من حركة حماس مع الجيش الإسرائيلي في مدينة جنين أمس.\n"


@pytest.mark.parametrize(
    "text",
    [
        "واقتحمت قوات إسرائيلية منزلا في بلدة بيت أمر أمس.",
        "واقتحمت قوات إسرائيلية بلدة سلواد أمس ما أدى إلى اندلاع مواجهات مع الأهالي.",
    ],
)
def test_a_state_raid_unopposed_is_no_battle(text: str) -> None:
    assert _places(_extract(CLASH + text)) == {"جنين"}


@pytest.mark.parametrize(
    "text",
    [
        # the armed side stormed is named
        "واقتحمت قوات إسرائيلية موقعا لمقاتلي حركة حماس في بلدة بيت أمر أمس.",
        # an armed group storming is no state raid
        "واقتحم مقاتلو حماس موقعا للجيش الإسرائيلي في بلدة بيت أمر أمس.",
    ],
)
def test_a_raid_on_or_by_an_armed_group_is_a_battle(text: str) -> None:
    events = _extract(CLASH + text)
    assert _places(events) == {"جنين", "بيت اومر"}
    assert {e.event_type for e in events} == {"Battles"}
