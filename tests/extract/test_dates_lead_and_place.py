"""Two ways an act told with no day of its own gets the right one (issue 14, branch date7).

* **The lead's day** (``time/story``): an article whose first sentence tells an act and
  one day two to seven days before its publication stamp, or on the stamp's day (date8),
  is that day's story; an act told after it with no day is of the lead's day, not of the
  news window (the day before publication to publication), which cannot hold the story.
* **A place's past** (``TimeRules._place_clause_day``): a day told only in a clause
  describing the act's place (``في بلدة كفرنبل التي شهدت قبل يومين مجزرة``، ``... بعد أن
  سيطرت عليها الفصائل``) dates what happened there before, not the act: the act has no
  day, so the news window's.

Every sentence is composed for the test; the development articles behind each rule are
named in docs/quality.md (2026-12-07, seventh session, date7).
"""

from __future__ import annotations

from datetime import date

import pytest

from extract_text import extract_text
from rasd.clean.normalize import normalize_for_match
from rasd.models import DateSpan, Event

FRI = date(2019, 3, 8)  # a Friday
THU, WED, TUE = date(2019, 3, 7), date(2019, 3, 6), date(2019, 3, 5)
WINDOW = DateSpan(THU, FRI, 2)


def _at(text: str, place: str, published: date = FRI, kind: str | None = None) -> Event:
    found = [e for e in extract_text(text, published) if e.location is not None
             and normalize_for_match(e.location.name_ar) == place
             and kind in (None, e.sub_event_type)]
    assert len(found) == 1, [(e.location and e.location.name_ar, e.date) for e in found]
    return found[0]


def _one(day: date) -> DateSpan:
    return DateSpan(day, day, 1)


# --- the lead's day -----------------------------------------------------------------

LATER = " وسيطرت الفصائل المعارضة على بلدة كفرنبل بعد معارك عنيفة."


@pytest.mark.parametrize(("lead", "expected", "rule"), [
    # The lead's Wednesday, two days before a Friday stamp: the story's day.
    ("حققت قوات المعارضة يوم الأربعاء تقدما ميدانيا في ريف إدلب حيث سيطرت على عدة مواقع.",
     _one(WED), "time/story"),
    # Three days back, with its statement verb: still the one day the lead tells.
    ("قال المرصد السوري يوم الثلاثاء إن الطيران الحربي قصف مواقع في ريف إدلب.",
     _one(TUE), "time/story"),
    # Yesterday is inside the news window: the window stays.
    ("حققت قوات المعارضة أمس تقدما ميدانيا في ريف إدلب حيث سيطرت على عدة مواقع.",
     WINDOW, "time/news-window"),
    # A lead naming two days (the act recalled, the day it is told) is no one day's story.
    ("أعلنت الفصائل أمس الخميس أنها أسرت عشرة جنود في الهجوم الذي شنته يوم الثلاثاء على "
     "مواقع في ريف إدلب.", WINDOW, "time/news-window"),
    # A lead with no day: the window.
    ("حققت قوات المعارضة تقدما ميدانيا في ريف إدلب حيث سيطرت على عدة مواقع.",
     WINDOW, "time/news-window"),
])
def test_an_undated_act_takes_the_day_of_the_lead(lead: str, expected: DateSpan,
                                                  rule: str) -> None:
    ev = _at(lead + LATER, "كفرنبل")
    assert ev.date == expected
    assert ev.rules["date"] == (rule,)


def test_a_day_deep_in_a_glued_first_paragraph_is_no_lead_day() -> None:
    """A first sentence a scraper glued from a paragraph: a day 40 words in dates its own
    part, not the story."""
    lead = ("كشف مسؤول في المعارضة عن اتصالات بين الأطراف من أجل تنسيق المواقف وحشد القوات "
            "على الطريق العام في الجهة الجنوبية من المحافظة في محاولة لاقتحام السهل قبل "
            "حلول فصل الشتاء وأضاف المسؤول أن الفصائل تنتظر وصول الذخائر من الشمال لتبدأ "
            "المرحلة الثانية من خطتها وترافق ذلك "
            "مع قصف عنيف سقطت خلاله قذائف على المدينة يوم الأربعاء.")
    ev = _at(lead + LATER, "كفرنبل")
    assert ev.date == WINDOW


@pytest.mark.parametrize("lead", [
    "قصفت الطائرات الحربية اليوم الجمعة مواقع للفصائل في ريف إدلب الجنوبي.",
    # the day after the outlet's dateline and a lead of 25 words
    "إدلب – وكالات: قتل نحو عشرين عنصرا وأصيب العشرات من مقاتلي الفصائل المعارضة "
    "وعناصر القوات الحكومية في اشتباكات عنيفة على عدة جبهات في ريف إدلب الجنوبي وريف "
    "حماة الشمالي، اليوم الجمعة، بحسب مصادر ميدانية.",
])
def test_a_lead_of_the_publication_day_dates_the_undated_act(lead: str) -> None:
    """A lead telling an act of the publication day: the act told after it with no day is
    of that day, not of the window starting the day before (issue 14, date8)."""
    ev = _at(lead + LATER, "كفرنبل")
    assert ev.date == _one(FRI)
    assert ev.rules["date"] == ("time/story",)


def test_a_lead_of_the_publication_day_telling_no_act_leaves_the_window() -> None:
    """A lead opening a conference today is not the story of the act told after it."""
    lead = "افتتح وزير الخارجية اليوم الجمعة أعمال المؤتمر الدولي للمانحين في العاصمة."
    ev = _at(lead + LATER, "كفرنبل")
    assert ev.date == WINDOW
    assert ev.rules["date"] == ("time/news-window",)


def test_a_lead_day_of_forty_words_in_is_no_lead_day() -> None:
    """The day must open the story: one 40 words in is a later part of it."""
    lead = ("قتل نحو عشرين عنصرا وأصيب العشرات من مقاتلي الفصائل المعارضة وعناصر القوات "
            "الحكومية في اشتباكات عنيفة على عدة جبهات في ريف إدلب الجنوبي وريف حماة "
            "الشمالي بعد أن حاولت القوات التقدم نحو مواقع الفصائل قرب الطريق الدولي الذي "
            "يربط بين المدن الكبرى في الشمال والجنوب، وذلك يوم الأربعاء.")
    ev = _at(lead + LATER, "كفرنبل")
    assert ev.date == WINDOW


@pytest.mark.parametrize("back", [1, 8])
def test_a_lead_day_outside_two_to_seven_days_is_not_used(back: int) -> None:
    published = date(2019, 3, 8 + back - 2)  # the lead's Wednesday ``back`` days before
    lead = "حققت قوات المعارضة يوم 6 مارس تقدما ميدانيا في ريف إدلب حيث سيطرت على عدة مواقع."
    ev = _at(lead + LATER, "كفرنبل", published)
    assert ev.rules["date"] == ("time/news-window",)


def test_an_act_with_its_own_day_keeps_it_after_a_dated_lead() -> None:
    lead = "حققت قوات المعارضة يوم الأربعاء تقدما ميدانيا في ريف إدلب حيث سيطرت على عدة مواقع."
    ev = _at(lead + " وسيطرت الفصائل المعارضة أمس على بلدة كفرنبل.", "كفرنبل")
    assert ev.date == _one(THU)
    assert ev.rules["date"] == ("time/sentence",)


# --- a place's past -------------------------------------------------------------------

SHELLING = "Shelling/artillery/missile attack"


@pytest.mark.parametrize(("text", "kind"), [
    ("قتل ثلاثة مدنيين في قصف استهدف منزلهم في بلدة كفرنبل التي شهدت قبل يومين مجزرة "
     "مروعة.", SHELLING),
    ('قتل ثلاثة مدنيين في قصف استهدف منزلهم في بلدة "كفرنبل" التي شهدت قبل يومين مجزرة '
     "مروعة.", SHELLING),
    ("دارت اشتباكات عنيفة بين الجيش والمسلحين في بلدة كفرنبل بعد أن سيطرت عليها الفصائل "
     "مطلع الشهر الماضي.", "Armed clash"),
])
def test_a_day_told_of_the_places_past_leaves_the_act_undated(text: str, kind: str) -> None:
    ev = _at(text, "كفرنبل", kind=kind)
    assert ev.status == "current"
    assert ev.date == WINDOW
    assert ev.rules["date"] == ("time/news-window",)


@pytest.mark.parametrize(("text", "expected"), [
    # The sentence tells the act's own day outside the clause.
    ("قتل ثلاثة مدنيين أمس في قصف استهدف منزلهم في بلدة كفرنبل التي شهدت قبل يومين مجزرة "
     "مروعة.", _one(THU)),
    # The clause right after the act's own words is the act's.
    ("قتل ثلاثة مدنيين في القصف الذي استهدف بلدة كفرنبل قبل يومين.", _one(WED)),
])
def test_the_acts_own_day_is_kept(text: str, expected: DateSpan) -> None:
    assert _at(text, "كفرنبل", kind=SHELLING).date == expected


def test_the_massacre_told_in_the_clause_keeps_the_clauses_day() -> None:
    text = "قتل ثلاثة مدنيين في قصف استهدف منزلهم في بلدة كفرنبل التي شهدت قبل يومين مجزرة مروعة."
    assert _at(text, "كفرنبل", kind="Attack").date == _one(WED)
