"""Acts recalled by a calendar unit already past, and one recalled act read twice
(issue 14, dup8).

Sentences composed for these tests, each mechanism in both directions:

- An act dated by a calendar unit already past (``الأسبوع الماضي``، ``الشهر الماضي``،
  ``قبل أسبوع``، ``قبل قرابة الشهر``، ``الأسبوع الأخير من حزيران``) is background
  (word_sets.tsv: past_unit, past_word, span_frame; extract/event_dates.py: _past_unit);
  a span counted up to now (``خلال الأسبوع الماضي``، ``منذ أسبوع``) and a recent day
  (``قبل يومين``) stay current.
- ``قبل قرابة الشهر``، ``قبل شهرين`` date the calendar month so many months back
  (extract/date_patterns.py); ``قبل شهر رمضان`` and ``قبل شهر من …`` date nothing.
- Background candidates of one sentence at one place and date are one recalled act
  (extract/fold_places.py: one_recalled_act); places listed in a recalled sentence stay
  apart, and so do current acts.
"""

from __future__ import annotations

from datetime import date

import pytest

from extract_text import extract_text
from rasd.extract.dates import find_dates
from rasd.extract.event_dates import _past_unit
from rasd.models import DateSpan

D = date(2015, 7, 22)  # a Wednesday


def _status(text: str) -> list[tuple[str, str]]:
    return sorted((e.sub_event_type, e.status) for e in extract_text(text, D))


# -- a calendar unit already past -----------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("واستعادت قوات المقاومة الشعبية الأسبوع الماضي مطار مدينة عدن بعد معارك "
         "مع الحوثيين.", "background"),
        ("وتمكنت القوات الكردية من طرد التنظيم من مدينة عين العرب الشهر الماضي بمساعدة "
         "الضربات الجوية الأمريكية.", "background"),
        ("وقتل عشرة أشخاص في هجوم انتحاري استهدف سوقا في مدينة الرمادي قبل أسبوع.",
         "background"),
        ("وأصيب الجندي قبل قرابة الشهر في اشتباك مع الحوثيين قرب مدينة نجران.", "background"),
        ("وهاجم مسلحو داعش في الأسبوع الأخير من حزيران مدينة عين العرب وقتلوا عشرين "
         "مدنيا.", "background"),
        # recent: a day or two back, or a span counted up to now
        ("وقتل عشرة أشخاص في هجوم انتحاري استهدف سوقا في مدينة الرمادي قبل يومين.",
         "current"),
        ("واستعادت قوات المقاومة الشعبية أمس مطار مدينة عدن بعد معارك مع الحوثيين.",
         "current"),
    ],
)
def test_an_act_dated_by_a_past_unit_is_recalled(text: str, want: str) -> None:
    events = extract_text(text, D)
    assert events, text
    assert {e.status for e in events} == {want}


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("سيطرت المقاومة الأسبوع الماضي على المطار", True),
        ("الهجوم في الأسبوع الأخير من حزيران", True),
        ("أصيب قبل قرابة الشهر", True),
        ("قتل قبل أسبوعين", True),
        # spans up to now, and days within the week
        ("قتل خمسون خلال الأسبوع الماضي", False),
        ("قتل خمسون على مدى الأسبوع الماضي", False),
        ("يسيطر عليها منذ دخوله المدينة نهاية الشهر الماضي", False),
        ("قتل قبل يومين", False),
        ("قتل منذ ثلاثة أيام", False),
    ],
)
def test_past_unit_reads_the_date_words(text: str, want: bool) -> None:
    spans = [m.span for m in find_dates(text, published=D) if m.span is not None]
    assert spans, text
    assert any(_past_unit(text, s, D) for s in spans) is want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("أصيب قبل قرابة الشهر", DateSpan(date(2015, 6, 1), date(2015, 6, 30), 3)),
        ("قتل قبل نحو شهر", DateSpan(date(2015, 6, 1), date(2015, 6, 30), 3)),
        ("اعتقل قبل شهرين", DateSpan(date(2015, 5, 1), date(2015, 5, 31), 3)),
        ("خطف قبل ثلاثة أشهر", DateSpan(date(2015, 4, 1), date(2015, 4, 30), 3)),
    ],
)
def test_months_ago_date_a_calendar_month(text: str, want: DateSpan) -> None:
    assert [m.span for m in find_dates(text, published=D)] == [want]


@pytest.mark.parametrize("text", ["وصل قبل شهر رمضان", "وقع قبل شهر من الانتخابات",
                                  "يحاصرونها منذ شهر"])
def test_a_month_counted_from_another_day_dates_nothing(text: str) -> None:
    assert [m.span for m in find_dates(text, published=D) if m.span is not None] == []


# -- one recalled act read twice ------------------------------------------------------------

def test_one_recalled_act_at_one_place_is_one_event() -> None:
    # a take-over "with the help of air strikes" months ago: not also an air strike
    text = ("وتمكنت القوات الكردية من طرد التنظيم من مدينة عين العرب في يناير 2015 بمساعدة "
            "الضربات الجوية الأمريكية.")
    events = extract_text(text, D)
    assert [(e.sub_event_type, e.status) for e in events] == [
        ("Non-state actor overtakes territory", "background")]


def test_places_listed_in_a_recalled_sentence_stay_apart() -> None:
    text = ("وكانت قوات الأمن قد اعتقلت في العاشر من مارس 2014 عشرين مطلوبا في مدينة "
            "الرياض وعشرة في مدينة جدة.")
    events = extract_text(text, D)
    assert sorted(e.location.name_ar for e in events if e.location) == ["الرياض", "جدة"]
    assert {e.status for e in events} == {"background"}


def test_a_current_act_read_twice_is_left_to_the_fold() -> None:
    # the rule is for recalled acts only: today's news keeps what the fold makes of it
    text = ("وتمكنت القوات الكردية أمس من طرد التنظيم من مدينة عين العرب بمساعدة الضربات "
            "الجوية الأمريكية.")
    assert _status(text) == [("Air/drone strike", "current"),
                             ("Non-state actor overtakes territory", "current")]
