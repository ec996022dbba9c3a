"""``وفي اليوم التالي`` counts from the last exact day the article gave, and that day is
worked out only when a later sentence needs it (``TimeRules._passed``, ``_catch_up``)."""

from __future__ import annotations

from datetime import date

import pytest

import rasd.extract.dates as dates_module
from extract_text import extract_text
from rasd.models import DateSpan

SHELLING = "Shelling/artillery/missile attack"
# A sentence with a day and no act: the walk passes it by before any event.
MEETING = "وعقد مجلس المحافظة اجتماعه الدوري يوم الخميس 12 آذار/مارس 2020 في مبنى المحافظة."
ACT = "{phrase}، قصفت قوات النظام بلدة الميادين بالمدفعية."


def _shelling_day(text: str, published: date | None) -> tuple[str, int]:
    events = [e for e in extract_text(text, published) if e.sub_event_type == SHELLING]
    assert len(events) == 1
    day = events[0].date
    assert day is not None
    return day.start.isoformat(), day.precision


@pytest.mark.parametrize("published", [None, date(2020, 3, 20)])
@pytest.mark.parametrize(("text", "day"), [
    # The day of a sentence with no trigger, told before the act.
    (MEETING + " " + ACT.format(phrase="وفي اليوم التالي"), "2020-03-13"),
    (MEETING + " " + ACT.format(phrase="وفي اليوم ذاته"), "2020-03-12"),
    # The last exact day told wins: the anchor moves sentence by sentence.
    (MEETING + " وافتتح المحافظ مدرسة جديدة يوم الأحد 15 آذار/مارس 2020. "
     + ACT.format(phrase="وفي اليوم التالي"), "2020-03-16"),
    # A sentence dated by the anchor is an anchor itself (12 -> 13 -> 14).
    (MEETING + " وفي اليوم التالي زار المحافظ مدرسة القرية. "
     + ACT.format(phrase="وفي اليوم التالي"), "2020-03-14"),
    # A day given in between with no phrase still moves it.
    (MEETING + " وفي اليوم التالي زار المحافظ مدرسة القرية. وكتب الصحفيون عن الزيارة. "
     "وافتتح المحافظ مدرسة أخرى يوم الأحد 15 آذار/مارس 2020. "
     + ACT.format(phrase="وفي اليوم ذاته"), "2020-03-15"),
])
def test_the_next_day_counts_from_a_day_told_without_an_act(
        text: str, day: str, published: date | None) -> None:
    assert _shelling_day(text, published) == (day, 1)


def test_sentences_passed_are_not_dated_unless_a_later_one_counts_from_them(
        monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    real = dates_module.resolve_date

    def counting(text: str, *, published: date | None, written: date | None = None,
                 said: date | None = None) -> DateSpan | None:
        asked.append(text)
        return real(text, published=published, written=written, said=said)

    monkeypatch.setattr(dates_module, "resolve_date", counting)
    quiet = [f"وافتتح المحافظ مدرسة جديدة رقم {n} يوم الأحد 15 آذار/مارس 2020." for n in range(4)]
    act = "وقصفت قوات النظام بلدة الميادين بالمدفعية يوم الاثنين."
    extract_text(" ".join([*quiet, act]), date(2020, 3, 20))
    assert not any("مدرسة" in t for t in asked)  # no sentence counts from them
    assert any("الميادين" in t for t in asked)  # the act's own day is read
    asked.clear()
    text = " ".join([*quiet, ACT.format(phrase="وفي اليوم التالي")])
    assert _shelling_day(text, date(2020, 3, 20)) == ("2020-03-16", 1)
    assert sum("مدرسة" in t for t in asked) == len(quiet)  # dated once each, in order
