"""Dates and tolls an article's own story gives an event (issue 14, second development set).

Composed sentences for three mechanisms: a series lead (``سلسلة هجمات``، ``15 غارة``) whose
day the undated parts told after it share; a figure given earlier (``حصيلة أولية``، ``في
وقت سابق``) that widens the range of the toll instead of adding to it; and the day before
yesterday with its ordinal after (``أمس الأول``، ``الليلة قبل الماضية``).
"""

from __future__ import annotations

from datetime import date

import pytest

from extract_text import extract_text
from rasd.clean.normalize import normalize_for_match
from rasd.models import Event

PUB = date(2019, 1, 16)  # a Wednesday


def _events(text: str) -> dict[str, Event]:
    return {normalize_for_match(e.location.name_ar): e for e in extract_text(text, PUB)
            if e.location is not None}


def _day(ev: Event) -> tuple[str, int]:
    assert ev.date is not None
    return ev.date.start.isoformat(), ev.date.precision


@pytest.mark.parametrize(("text", "place", "expected"), [
    # A lead telling a chain of attacks on a day: the part told after it is one of them.
    ("قتل 25 شخصاً على الأقل في سلسلة هجمات ضربت مدناً عراقية أول أمس. وانفجرت سيارة "
     "مفخخة في سوق مدينة الحلة، ما أدى إلى مقتل 12 شخصاً.", "الحله", ("2019-01-14", 1)),
    # A count of strikes on a day: the strikes told after it are among them.
    ("شنت طائرات التحالف الدولي 15 غارة على مواقع تنظيم داعش أمس الأول. وأصابت الغارات "
     "أهدافاً قرب مدينة الرقة.", "الرقه", ("2019-01-14", 1)),
    # A lead telling one act: what follows with no day is in the news window. (Leads of
    # yesterday: one two to seven days back dates the undated acts after it by itself,
    # ``time/story``, tests/extract/test_dates_lead_and_place.py.)
    ("قتل خمسة مدنيين في قصف على بلدة هجين أمس. وانفجرت عبوة ناسفة في بلدة الشعفة.",
     "الشعفه", ("2019-01-15", 2)),
    # Shells are counted by the round: one shelling, no series.
    ("سقطت أكثر من 10 قذائف هاون على بلدة هجين أمس. وانفجرت عبوة ناسفة في بلدة الشعفة.",
     "الشعفه", ("2019-01-15", 2)),
    # A part with a day of its own keeps it.
    ("قتل 25 شخصاً على الأقل في سلسلة هجمات ضربت مدناً عراقية أول أمس. وانفجرت عبوة ناسفة "
     "في مدينة الحلة صباح اليوم.", "الحله", ("2019-01-16", 1)),
    # Arrests counted are no series of violent acts.
    ("اعتقلت الشرطة 15 مطلوباً في حملة أمنية أمس. وانفجرت عبوة ناسفة في مدينة الحلة.",
     "الحله", ("2019-01-15", 2)),
])
def test_parts_of_a_series_share_the_leads_day(text: str, place: str,
                                               expected: tuple[str, int]) -> None:
    ev = _events(text)[place]
    assert _day(ev) == expected
    assert ev.rules["date"] == (("time/series",) if expected[1] == 1 and "اليوم" not in text
                                else ev.rules["date"])


LEAD = "قتل 19 شخصاً في تفجير سيارة مفخخة في سوق مدينة الحلة أمس. "


@pytest.mark.parametrize(("second", "expected"), [
    # A provisional toll given earlier: the update stands, the range keeps the first figure.
    ("وكانت حصيلة أولية أفادت مساء أمس بمقتل 12 شخصاً.", (19, 12, 19)),
    ("وكانت حصيلة غير نهائية أفادت مساء أمس بمقتل 12 شخصاً.", (19, 12, 19)),
    ("وقال النائب عن المحافظة سعد الجبوري في وقت سابق إن 12 شخصاً قتلوا في التفجير.",
     (19, 12, 19)),
    # More dead told by a source, with no word of an earlier count, add up.
    ("وقال مسؤول محلي إن ثلاثة آخرين قتلوا في التفجير.", (22, 22, 22)),
])
def test_an_earlier_figure_widens_the_range(second: str, expected: tuple[int, int, int]) -> None:
    fat = _events(LEAD + second)["الحله"].fatalities
    assert fat is not None
    assert (fat.best, fat.low, fat.high) == expected


@pytest.mark.parametrize(("text", "day"), [
    ("أعدم التنظيم ثلاثة رهائن أمس الأول في بلدة هجين.", "2019-01-14"),
    ("أعدم التنظيم ثلاثة رهائن مساء أمس الأول في بلدة هجين.", "2019-01-14"),
    ("انفجرت عبوة ناسفة الليلة قبل الماضية في بلدة هجين.", "2019-01-14"),
    ("شن طيران التحالف غارات على بلدة هجين في ساعة متأخرة من البارحة الأولى.", "2019-01-14"),
    # The shorter words keep their own days.
    ("انفجرت عبوة ناسفة الليلة الماضية في بلدة هجين.", "2019-01-15"),
    ("انفجرت عبوة ناسفة مساء أمس في بلدة هجين.", "2019-01-15"),
    # A weekday named after it wins when the two disagree (a late feed stamp).
    ("أعدم التنظيم ثلاثة رهائن مساء أمس الأول الأحد في بلدة هجين.", "2019-01-13"),
])
def test_the_day_before_yesterday_with_its_ordinal_after(text: str, day: str) -> None:
    assert _day(_events(text)["هجين"]) == (day, 1)


STRIKE = "قصفت طائرات التحالف بلدة هجين أمس. "


@pytest.mark.parametrize(("second", "best"), [
    # Dead told with no act, at the event's place or none: that event's toll.
    ("وقال مصدر طبي إن خمسة مدنيين قتلوا في هجين.", 5),
    ("وقال مصدر طبي إن خمسة مدنيين قتلوا.", 5),
    # ... at a place nearby (a few km): the same scene (told with a death word that is
    # no cue: the bare verb of killing at another place is a killing of its own,
    # tests/extract/test_bare_killing.py).
    ("وقال مصدر طبي إن خمسة مدنيين لقوا حتفهم في بلدة الشعفة القريبة.", 5),
    # ... at a place far from it: another incident's dead, not the strike's.
    ("وقال مصدر طبي إن خمسة مدنيين قتلوا في مدينة الرقة.", 0),
    ("وعثر السكان على جثث خمسة أشخاص في مدينة الرقة.", 0),
])
def test_dead_told_elsewhere_are_not_the_events(second: str, best: int) -> None:
    fat = _events(STRIKE + second)["هجين"].fatalities
    assert fat is not None and fat.best == best


@pytest.mark.parametrize(("text", "place", "best"), [
    # Dead told over a week or more after an event of one day are a period's.
    ("سيطرت قوات المقاومة على وسط مدينة عدن أمس. وأعلن عن مقتل جندي إماراتي الأسبوع "
     "الماضي.", "عدن", 0),
    (STRIKE + "وقال المرصد إن 40 مدنيا قتلوا خلال الأيام العشرة الماضية.", "هجين", 0),
    # ... with no date, or over a span shorter than a week, they go on about it.
    ("سيطرت قوات المقاومة على وسط مدينة عدن أمس. وأعلن عن مقتل جندي إماراتي.", "عدن", 1),
    (STRIKE + "وقال المرصد إن خمسة مدنيين قتلوا خلال اليومين الماضيين.", "هجين", 5),
])
def test_dead_told_over_a_week_are_not_one_days_toll(text: str, place: str, best: int) -> None:
    fat = _events(text)[place].fatalities
    assert fat is not None and fat.best == best
