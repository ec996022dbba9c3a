"""Event type and sub-type decided by the words around the trigger, round 4 (issue 14,
types14g; composed sentences): a take-over told as an aim, a take-over by a non-state
side fighting beside state forces, a side falling back to a place."""

from __future__ import annotations

from datetime import date

import pytest

from extract_text import extract_text

# A day inside the Yemen alignment of data/actor_sides.tsv (from March 2015).
DAY = date(2015, 7, 22)


def _subs(text: str) -> list[tuple[str, str]]:
    """(event type, sub-type) of each event, in order."""
    return [(ev.event_type, ev.sub_event_type) for ev in extract_text(text, DAY)]


REGAINS = ("Battles", "Government regains territory")
OVERTAKES = ("Battles", "Non-state actor overtakes territory")
CLASH = ("Battles", "Armed clash")
TRANSFER = ("Strategic developments", "Non-violent transfer of territory")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The control noun governed by a take-over noun of aim (ل-) is that aim's object:
        # the operation is under way, nothing is taken yet.
        ("وتنفذ القوات العراقية عمليات لاستعادة السيطرة على قرى ناحية الكرمة.", []),
        ("واندلعت اشتباكات عنيفة في مدينة تعز في محاولة من الحوثيين لاستعادة السيطرة "
         "على أحياء طردوا منها.", [CLASH]),
        ("وتسعى القوات إلى استعادة السيطرة على مدينة الرمادي.", []),
        # Told as achieved, the same words are the take-over (one event).
        ("واستعادت القوات العراقية السيطرة على ناحية الكرمة.", [REGAINS]),
        ("وتمكنت القوات العراقية من استعادة السيطرة على ناحية الكرمة.", [REGAINS]),
    ],
)
def test_control_noun_of_an_aim_is_no_take(text: str, expected: list[tuple[str, str]]) -> None:
    assert _subs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A non-state side that takes ground together with the state's own forces, its
        # allies (data/actor_sides.tsv): the government's forces and their affiliates
        # regain it (ACLED's definition).
        ("وتمكنت المقاومة الشعبية والجيش الوطني من السيطرة على بلدة الوهط في محافظة لحج.",
         [REGAINS]),
        ("وسيطر مسلحو المقاومة الشعبية والجيش الوطني على بلدة الوهط في محافظة لحج.", [REGAINS]),
        # Alone, the same side overtakes it.
        ("وتمكنت المقاومة الشعبية من السيطرة على بلدة الوهط في محافظة لحج.", [OVERTAKES]),
        # Its enemy named beside it does not make it the government's.
        ("وسيطرت المقاومة الشعبية على بلدة الوهط في محافظة لحج بعد طرد الحوثيين منها.",
         [OVERTAKES]),
    ],
)
def test_take_beside_state_forces_is_the_governments(
        text: str, expected: list[tuple[str, str]]) -> None:
    assert _subs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A side falling back to a place after a fight: where it went is no ground handed
        # over (the fight is coded from its own words).
        ("وقتل عشرة من الحوثيين وانسحب الباقون إلى مدينة لحج.", []),
        ("وانسحب عناصر التنظيم إلى مركز ناحية الكرمة بعد الغارات.", []),
        # Ground left, named with من, is handed over.
        ("وانسحبت قوات النظام من مدينة عين العرب دون قتال.", [TRANSFER]),
        ("وانسحب مقاتلو المعارضة من بلدة الزبداني.", [TRANSFER]),
    ],
)
def test_falling_back_to_a_place_is_no_transfer(
        text: str, expected: list[tuple[str, str]]) -> None:
    assert _subs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The past of استولى without its ى (استولت، استولوا) and the verb استرد take ground.
        ("وذكر سكان أن مقاتلي المقاومة الشعبية استولوا على بلدة الوهط في محافظة لحج.",
         [OVERTAKES]),
        ("وقال مصدر إن مسلحي الحوثي استولوا على بلدة الوهط في محافظة لحج.", [OVERTAKES]),
        ("واستردت المقاومة الشعبية بلدة الوهط في محافظة لحج من الحوثيين.", [OVERTAKES]),
        # Arms, vehicles, money or power seized are no ground.
        ("واستولت المقاومة الشعبية على مدرعة في بلدة الوهط في محافظة لحج.", []),
        ("واستولى المسلحون على ملايين الدولارات في بلدة الوهط في محافظة لحج.", []),
    ],
)
def test_take_over_verb_forms(text: str, expected: list[tuple[str, str]]) -> None:
    assert _subs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Ground described by its earlier taking, in a relative clause: no new take-over.
        ("واندلعت اشتباكات عنيفة في المواقع التي استولت عليها المقاومة الشعبية في بلدة الوهط "
         "في محافظة لحج.", [CLASH]),
        ("واستولت المقاومة الشعبية على المواقع في بلدة الوهط في محافظة لحج.", [OVERTAKES]),
    ],
)
def test_ground_taken_earlier_in_a_relative_clause(
        text: str, expected: list[tuple[str, str]]) -> None:
    assert _subs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # What would happen on a condition is no event.
        ("وقال القائد إنهم لو امتلكوا مدرعات لتمكنوا من تحرير بلدة الوهط في محافظة لحج.", []),
        ("وقال المتحدث إنه لا هدنة إلا في حال انسحاب الحوثيين من بلدة الوهط في محافظة لحج.",
         []),
        ("وأكد أن المقاومة ستهاجم بلدة الوهط في محافظة لحج إذا لم ينسحب الحوثيون منها.", []),
        # Told as done, the same acts are events.
        ("وتمكنت المقاومة الشعبية من تحرير بلدة الوهط في محافظة لحج.", [OVERTAKES]),
        ("وانسحب الحوثيون من بلدة الوهط في محافظة لحج دون قتال.", [TRANSFER]),
    ],
)
def test_a_condition_is_no_event(text: str, expected: list[tuple[str, str]]) -> None:
    assert _subs(text) == expected


def test_who_held_the_ground_taken_is_the_target() -> None:
    """``مواقع كانت تسيطر عليها ميليشيات …``: the side named as the
    ground's holder lost it; the taker is the sentence's subject, here a pronoun."""
    text = ("وحققت هذه الأخيرة انتصارات عدة، واستولت على نقاط كانت تسيطر عليها ميليشيات "
            "الحوثي في بلدة الوهط في محافظة لحج.")
    events = extract_text(text, DAY)
    assert [(e.sub_event_type, e.actor2.name if e.actor2 else None) for e in events] == [
        ("Non-state actor overtakes territory", "Ansar Allah")]
    assert events[0].actor1 is None or events[0].actor1.name != "Ansar Allah"
