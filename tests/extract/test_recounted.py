"""Tallies and recounting articles: predictions in articles that tell no event (issue 14,
seventh session, branch noev7).

Sentences and titles composed for these tests, each mechanism in both directions:

- Acts counted in thousands (``26350 غارة``، ``آلاف الغارات``، ``15 ألف ضربة``) are a
  monitor's tally of months over many places, not an act (extract/sentence.py:
  _counted_in_thousands, ``TALLY_ACTS``); a day's count (``30 برميلاً``، ``300 قذيفة``)
  stays an event, and so does an act after a date's year (``1427 ه القبض على``،
  ``أيار 2012 قصفاً``).
- An interview, testimony or memoir (title: ``شهادات``، ``ذكريات``، or a speaker's words
  to the outlet confirmed by the body as an interview) keeps only the acts it dates
  (extract/genre.py); a news report whose headline quotes a source to the outlet keeps
  its undated acts.
- What must be done (``يجب``، ``ينبغي``، ``يحتم على القوات قصف``) is no act told (cue kind
  ``modal`` of extract_cues.tsv).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from extract_text import shared_extractor, text_document
from rasd.models import Event

D = date(2015, 7, 21)


def _extract(text: str, title: str | None = None) -> list[Event]:
    doc = replace(text_document(text, D), title=title)
    return shared_extractor().extract(doc)


def _subs(events: list[Event]) -> list[str]:
    return sorted({e.sub_event_type for e in events})


# -- acts counted in thousands -------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a tally: thousands of strikes, barrels, blows over months and provinces
        ("ووثق المرصد شن طيران النظام الحربي ما لا يقل عن 12053 غارة طالت مناطق متفرقة في "
         "محافظات حلب وإدلب وحماة.", []),
        ("وألقت المروحيات 14297 برميلا متفجرا على مناطق في محافظات درعا وحمص وإدلب.", []),
        ("وشنت طائرات النظام آلاف الغارات على مدن حلب وإدلب.", []),
        ("ونفذ التحالف 15 ألف ضربة على مواقع التنظيم في الرقة والموصل.", []),
        # a day's count: the event told
        ("وألقى الطيران المروحي أكثر من 30 برميلا متفجرا على مدينة الزبداني اليوم.",
         ["Air/drone strike"]),
        ("وأطلقت فصائل المعارضة أكثر من 300 قذيفة على بلدتي الفوعة وكفريا اليوم.",
         ["Shelling/artillery/missile attack"]),
        # protesters counted in thousands are participants, not acts
        ("واحتشد آلاف المحتجين اليوم في ساحة مدينة السويداء.", ["Peaceful protest"]),
        # a date's year right before the act is no count of it
        ("وأعلنت وزارة الداخلية في 21 - 9 - 1427 ه القبض على 16 شخصا في مكة المكرمة.",
         ["Arrests"]),
        ("ويذكر أن مدينة حمص شهدت في شهر أيار 2012 قصفا مدفعيا قتل فيه عشرون مدنيا.",
         ["Shelling/artillery/missile attack"]),
    ],
)
def test_acts_counted_in_thousands_are_a_tally(text: str, want: list[str]) -> None:
    assert _subs(_extract(text)) == want


# -- interviews, testimonies, memoirs ------------------------------------------------------

_RECALLED = ("وقال القيادي: \"شاركنا في معارك عنيفة ضد الجيش الحر قرب دير الزور، ثم عدنا إلى "
             "حديثة حيث قصفتنا الطائرات\".")
_DATED = "قصفت طائرات التحالف مواقع التنظيم في مدينة الرمادي أمس."
_BODY = "وأضاف في حوار مع الصحيفة أن الوضع صعب."


@pytest.mark.parametrize(
    ("title", "text", "kept"),
    [
        # testimony and memoir: undated recollections go, a dated act stays
        ("شهادات منشقين عن التنظيم (2 - 4): المعارك في دير الزور", _RECALLED, False),
        ("ذكريات من الحرب", _RECALLED, False),
        ("شهادات منشقين عن التنظيم (2 - 4): المعارك في دير الزور", _DATED, True),
        # an interview: the speaker to the outlet, the body says it is one
        ("قيادي سابق لـ «الصحيفة»: التنظيم خدعنا", f"{_BODY} {_RECALLED}", False),
        ("قيادي سابق للصحيفة: التنظيم خدعنا", f"{_BODY} {_RECALLED}", False),
        # a source quoted in a news report's headline: no interview, the act stays
        ("مصدر عسكري لـ «الصحيفة»: معارك قرب دير الزور", _RECALLED, True),
        # a plain report
        ("معارك قرب دير الزور", _RECALLED, True),
    ],
)
def test_recounting_articles_keep_only_dated_acts(title: str, text: str, kept: bool) -> None:
    assert bool(_extract(text, title)) == kept


# -- what must be done -----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("وأكد المسؤول أن ذلك يحتم على القوات الأمنية قصف تجمعات المسلحين في الفلوجة قبل "
         "دخولها.", []),
        ("وقال إنه يجب على الجيش قصف مواقع التنظيم في مدينة الرمادي.", []),
        ("وقصفت القوات الأمنية تجمعات المسلحين في الفلوجة أمس.",
         ["Shelling/artillery/missile attack"]),
    ],
)
def test_an_obligation_is_no_act(text: str, want: list[str]) -> None:
    assert _subs(_extract(text)) == want
