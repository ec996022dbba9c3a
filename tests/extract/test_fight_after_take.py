"""A take-over takes in the fight that won it, but not a fight it did not win
(rasd.extract.fight.own_fight, used by rasd.extract.fold; issue 14, joined14h).

The sentences are composed for these tests. The coders code two events, a clash and a
take-over, when a sentence tells the clash as going on after the take-over
(``اشتباكات تدور ... بعد تقدم المقاومة وسيطرتها على ...``) or when the take-over seized
heights overlooking the place fought over (``سيطرت ... على المواقع المطلة على ...``);
one, when the take-over is told as won after a fight (``سيطرت ... بعد مواجهات``,
``بعد معارك ... من السيطرة على التلال المطلة``) or with it (``... وسيطرت``).
"""

from __future__ import annotations

from datetime import date

import pytest

from extract_text import extract_text
from rasd.models import Event

PUBLISHED = date(2015, 7, 23)
CLASH = "Armed clash"
TAKE = "Non-state actor overtakes territory"


def _types(text: str) -> list[str]:
    evs: list[Event] = [ev for ev in extract_text(text, PUBLISHED) if ev.status == "current"]
    return sorted(ev.sub_event_type for ev in evs)


# (with `عقب` or `إثر` the take-over is not read at all: an extraction matter)
@pytest.mark.parametrize("after", ["بعد"])
def test_fight_told_after_the_take_over_is_its_own_event(after: str) -> None:
    text = ("قال مصدر محلي إن مواجهات عنيفة تدور بين المقاومة الشعبية والحوثيين في مدينة "
            f"زنجبار {after} تقدم المقاومة نحوها وسيطرتها على تبة مطلة على المدينة.")
    assert _types(text) == [CLASH, TAKE]


def test_fight_that_won_the_place_folds_into_the_take_over() -> None:
    text = "سيطرت المقاومة الشعبية على مدينة زنجبار بعد مواجهات عنيفة مع الحوثيين."
    assert _types(text) == [TAKE]


def test_fight_and_take_over_told_together_fold() -> None:
    text = ("قال مصدر محلي إن مواجهات عنيفة تدور بين المقاومة الشعبية والحوثيين في مدينة "
            "زنجبار وسيطرت المقاومة على تبة مطلة على المدينة.")
    assert _types(text) == [TAKE]


def test_fight_for_the_place_below_the_heights_taken_is_its_own_event() -> None:
    text = ("دارت معارك عنيفة بين المقاومة الشعبية والحوثيين حول مدينة زنجبار. كما سيطرت "
            "المقاومة على عدد من المواقع المطلة على مدينة زنجبار.")
    assert _types(text) == [CLASH, TAKE]


def test_fight_and_take_over_in_the_town_fold() -> None:
    text = ("دارت معارك عنيفة بين المقاومة الشعبية والحوثيين حول مدينة زنجبار. كما سيطرت "
            "المقاومة على عدد من المواقع في مدينة زنجبار.")
    assert _types(text) == [TAKE]


def test_fight_that_won_the_heights_folds_into_the_take_over() -> None:
    text = ("تمكنت المقاومة الشعبية بعد معارك عنيفة مع الحوثيين من السيطرة على التلال "
            "المطلة على مدينة زنجبار.")
    assert _types(text) == [TAKE]
