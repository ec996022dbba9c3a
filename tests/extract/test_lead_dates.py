"""A statement's day carried to the sentences that go on reporting it (issue 14, date8).

``rasd.extract.lead_dates.LeadRules._said_day``: a sentence opening with a verb of speech
after ``و`` goes on with the report of an earlier sentence; when that report is dated to a
day before the article was written (``ذكر المرصد أمس``), the speaker's quoted "now" words
and a count of days ago in the writer's words count from that day. A bare ``أمس`` in the
writer's words is the paper's own and counts from publication. The lead's day has its
tests in ``test_dates_lead_and_place.py``.

Every sentence is composed for the test; the development articles behind the rule are
named in docs/quality.md (2026-12-07, eighth session, date8).
"""

from __future__ import annotations

from datetime import date

import pytest

from extract_text import extract_text
from rasd.clean.normalize import normalize_for_match
from rasd.extract.dates import goes_on_reporting, statement_day
from rasd.models import DateSpan, Event

FRI = date(2019, 3, 8)  # a Friday
THU = date(2019, 3, 7)


def _at(text: str, place: str) -> Event:
    found = [e for e in extract_text(text, FRI) if e.location is not None
             and normalize_for_match(e.location.name_ar) == place]
    assert len(found) == 1, [(e.location and e.location.name_ar, e.date) for e in found]
    return found[0]


def _one(day: date) -> DateSpan:
    return DateSpan(day, day, 1)


@pytest.mark.parametrize(("text", "expected"), [
    # The observatory's quoted "the day before yesterday", told the day before publication.
    ("ذكر المرصد السوري أمس أن اشتباكات عنيفة اندلعت في ريف إدلب. وقال المرصد \"قصفت "
     "الطائرات الحربية أول من أمس بلدة كفرنبل بعدة صواريخ\".", date(2019, 3, 5)),
    # Four days before the officials spoke yesterday, in the writer's words.
    ("قال مسؤولون محليون أمس إن العشرات قتلوا في اشتباكات بين عشيرتين. وقال رئيس البلدية "
     "إن طائرات حربية قصفت بلدة كفرنبل قبل أربعة أيام.", date(2019, 3, 3)),
    # A bare "yesterday" in the writer's words is the paper's: the statement's own day.
    ("أفادت مصادر أمنية أمس بمقتل عشرة مدنيين في المحافظة. وقالت المصادر إن عبوة ناسفة "
     "انفجرت أمس في بلدة كفرنبل.", THU),
    # The report dated the publication day: nothing moves.
    ("قال مسؤولون محليون اليوم إن العشرات قتلوا في اشتباكات بين عشيرتين. وقال رئيس البلدية "
     "إن طائرات حربية قصفت بلدة كفرنبل قبل أربعة أيام.", date(2019, 3, 4)),
    # A sentence that does not go on reporting counts from publication.
    ("قال مسؤولون محليون أمس إن العشرات قتلوا في اشتباكات بين عشيرتين. وقصفت "
     "طائرات حربية بلدة كفرنبل قبل أربعة أيام.", date(2019, 3, 4)),
])
def test_a_reporting_sentence_counts_from_the_statements_day(text: str,
                                                             expected: date) -> None:
    ev = _at(text, "كفرنبل")
    assert ev.date == _one(expected)


@pytest.mark.parametrize(("text", "day"), [
    ("أفادت مصادر أمنية عراقية الأحد بمقتل عشرة مدنيين", date(2019, 3, 3)),
    ("بحسب ما ذكرت الشبكة الحقوقية في تقريرها أمس", THU),
    ("قتل عشرة مدنيين أمس في قصف على البلدة", None),
])
def test_statement_day(text: str, day: date | None) -> None:
    assert statement_day(text, published=FRI) == day


@pytest.mark.parametrize(("text", "goes_on"), [
    ("وأشارت إلى مقتل عشرة مدنيين", True),
    ("وقال المرصد \"قصفت الطائرات البلدة\"", True),
    ("وقصفت الطائرات البلدة، بحسب ما قال المرصد", False),
])
def test_goes_on_reporting(text: str, goes_on: bool) -> None:
    assert goes_on_reporting(text) is goes_on
