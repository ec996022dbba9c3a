"""The bare verb of killing (triggers.tsv ``قتل``، ``قتلت``، ``قتلوا``; cue ``weak_trigger``)
tells a killing only when its sentence has no other cue and it is a verb, not the noun
naming a killing; at the place of an act told before it tells that act's dead
(rasd.extract.sentence._weak_kills, rasd.extract.walk; issue 14, split14h).

The sentences are composed for these tests.
"""

from __future__ import annotations

from datetime import date

import pytest

from extract_text import current_acts

PUBLISHED = date(2015, 7, 23)


def _events(text: str) -> list[tuple[str, str, int]]:
    return current_acts(text, PUBLISHED)


def test_a_killing_told_alone_is_an_event() -> None:
    events = _events("قتل مسلحون مجهولون ضابطاً في الشرطة في مدينة الرمادي أمس.")
    assert [(place, dead) for _, place, dead in events] == [("الرمادي", 1)]


@pytest.mark.parametrize(("text", "sub"), [
    ("قتل خمسة جنود في مدينة الرمادي بانفجار عبوة ناسفة.",
     "Remote explosive/landmine/IED"),
    ("قتل خمسة مدنيين في غارة جوية على مدينة الرمادي.", "Air/drone strike"),
])
def test_the_specific_cue_of_the_sentence_tells_the_act(text: str, sub: str) -> None:
    assert [s for s, _, _ in _events(text)] == [sub]


def test_a_cue_read_as_no_act_still_takes_the_killing_verb_with_it() -> None:
    text = ("أفاد مصدر أمني أن ثمانية مسلحين قتلوا أثناء محاولتهم الهجوم على القوات "
            "الأمنية في مدينة الرمادي.")
    assert [s for s, _, _ in _events(text)] == ["Armed clash"]


@pytest.mark.parametrize("text", [
    "حملت الحركة إسرائيل المسؤولية عن قتل المواطن في بلدة بيت أمر.",
    "وقال إن التنظيم تسبب بالقتل في مدينة الرمادي.",
])
def test_the_noun_naming_a_killing_tells_none(text: str) -> None:
    assert _events(text) == []


def test_the_dead_told_again_at_the_place_of_the_act_are_its_toll() -> None:
    text = ("انفجرت سيارة مفخخة في سوق مدينة الرمادي أمس. "
            "وقال المحافظ إن عشرة أشخاص قتلوا في الرمادي.")
    assert _events(text) == [("Remote explosive/landmine/IED", "الرمادي", 10)]


def test_a_killing_told_at_another_place_is_its_own() -> None:
    text = ("انفجرت سيارة مفخخة في سوق مدينة الرمادي أمس. "
            "وقال مصدر أمني إن مسلحين قتلوا ضابطاً في مدينة الفلوجة.")
    assert {place for _, place, _ in _events(text)} == {"الرمادي", "الفلوجة"}
