"""Acts a sentence recalls or describes rather than reports (issue 14, sixth session).

Sentences composed for these tests, each mechanism in both directions:

- An act counted a span of time back with ``من`` (``بعد أيام من تفجير``) is the context
  of the news, recalled: background when its day is told, as with ``على`` (extract/
  event_dates.py: _recalled_after). ``بعد ساعات من`` is no such span, and an act told
  after the recalled one keeps its own status.
"""

from __future__ import annotations

from datetime import date

import pytest

from extract_text import extract_text
from rasd.models import Event

D = date(2015, 7, 22)


def _extract(text: str) -> list[Event]:
    return extract_text(text, D)


def _status(events: list[Event], sub: str) -> list[str]:
    return [e.status for e in events if e.sub_event_type == sub]


# -- an act counted back with من ----------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "sub", "want"),
    [
        # counted back in days, the act's own day told: background
        ("ويأتي هذا الهجوم بعد أيام من تفجير انتحاري في سوق مدينة بعقوبة الجمعة الماضي "
         "أدى إلى مقتل 40 شخصا.", "Suicide bomb", ["background"]),
        ("وجاءت الغارات بعد أسبوعين من تفجير سيارة مفخخة في مدينة الرمادي يوم الجمعة.",
         "Remote explosive/landmine/IED", ["background"]),
        # hours are no span: the act is the day's news
        ("وقتل خمسة أشخاص بعد ساعات من تفجير سيارة مفخخة في مدينة الرمادي أمس.",
         "Remote explosive/landmine/IED", ["current"]),
        # a plain report, no span before it
        ("قتل 40 شخصا في تفجير انتحاري في سوق مدينة بعقوبة يوم الجمعة.",
         "Suicide bomb", ["current"]),
    ],
)
def test_act_counted_back_with_min_is_recalled(text: str, sub: str, want: list[str]) -> None:
    assert _status(_extract(text), sub) == want


def test_act_told_after_the_recalled_one_keeps_its_status() -> None:
    # ``من`` recalls only the act right after it, not the next act of the sentence.
    text = ("وقصفت المدفعية التركية اليوم مواقع للتنظيم قرب مدينة كلس بعد ثلاثة أيام من "
            "هجوم سروج وقصفت الدبابات مواقع أخرى قرب بلدة الراعي.")
    statuses = _status(_extract(text), "Shelling/artillery/missile attack")
    assert statuses and set(statuses) == {"current"}
