"""Acts a sentence describes or points to rather than tells (issue 14, prec8).

Sentences composed for these tests, each mechanism in both directions:

- An act's noun governed by the present-tense verb of a relative clause (``الأحياء التي
  تتعرض لقصف``، ``اللتين تشهدان مواجهات``، ``التي تدور فيها معارك``) or of a ``في وقت …
  فيه`` frame (``في وقت تستمر فيه المواجهات``) describes what a place or a war is like,
  not an act told (extract_cues.tsv: ongoing_frame, resumptive; extract/sentence.py:
  _ongoing_state). The past in the relative clause (``التي تعرضت لقصف``) and the main
  clause's own verb after a relative one (``التي تسيطر على القطاع اعتقلت``) still tell
  an act; the sides of the described state are not lent to the act told before it.
- An act's noun right after ``قبل``/``قبيل`` (``قبل اقتحام المدن``) is a time reference,
  an act to come or told elsewhere (word_sets.tsv: before_act); ``قبل ساعات من …``
  and an act told after the reference keep theirs.
- The noun ``اعتزام`` and the imperfect ``يدعو`` make the act a few words on an intention
  (extract_cues.tsv: intent), and leave the arrest told in the same clause.
"""

from __future__ import annotations

from datetime import date

import pytest

from extract_text import extract_text
from rasd.models import Event

D = date(2015, 7, 22)


def _subs(text: str) -> list[str]:
    return sorted(e.sub_event_type for e in extract_text(text, D))


def _extract(text: str) -> list[Event]:
    return extract_text(text, D)


# -- a state described by a present-tense relative clause or a في وقت frame ----------------

@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the relative clause's present tense: what the quarters are like
        ("وتعهد قائد المقاومة بتأمين أحياء الشيخ عثمان والمنصورة في عدن التي تتعرض لقصف "
         "المتمردين.", []),
        ("وقال مسؤول محلي إن المقاتلين الجدد أرسلوا إلى جبهات القتال في تعز ولحج اللتين "
         "تشهدان مواجهات عنيفة بين المقاومة والحوثيين.", []),
        ("وزار الوفد ولاية جنوب كردفان التي تدور فيها معارك شرسة بين القوات الحكومية "
         "والمتمردين.", []),
        # the past tense in the same clause tells the act
        ("وقتل ثلاثة مدنيين في حي المنصورة بمدينة عدن الذي تعرض لقصف المتمردين أمس.",
         ["Shelling/artillery/missile attack"]),
        # the main clause's verb after the relative one tells its own act
        ("وقالت مصادر إن أجهزة الأمن التي تسيطر على مدينة غزة اعتقلت أمس عشرة من الناشطين.",
         ["Arrests"]),
    ],
)
def test_a_present_tense_relative_clause_describes_a_state(text: str, want: list[str]) -> None:
    assert _subs(text) == want


def test_a_frame_of_ongoing_fighting_is_no_clash_and_lends_no_side() -> None:
    text = ("وشنت طائرات التحالف أمس ثلاث غارات على مواقع الحوثيين في مدينة زنجبار في وقت "
            "تستمر فيه المواجهات بين المقاومة الشعبية والحوثيين.")
    events = _extract(text)
    assert [e.sub_event_type for e in events] == ["Air/drone strike"]
    assert events[0].actor1 is not None and events[0].actor1.name == "Saudi-led Coalition"


def test_an_attempt_in_a_frame_is_no_battle_but_a_reported_one_is() -> None:
    framed = ("وبحث الوزير مع المسؤولين في بغداد أمس خطط الحرب على التنظيم في وقت يحاول فيه "
              "الجيش استعادة السيطرة على مدينة الرمادي.")
    assert _subs(framed) == []
    told = "وحاول الجيش العراقي أمس استعادة السيطرة على مدينة الرمادي بعد معارك عنيفة."
    assert _subs(told) != []


# -- قبل before an act's noun ----------------------------------------------------------------

def test_an_act_named_after_qabl_is_a_time_reference() -> None:
    text = ("سيطرت المقاومة الشعبية أمس على مدينة زنجبار بعد معارك مع الحوثيين. وقال القيادي "
            "الحوثي في التسجيل، الذي سجل قبل تحرير محافظة عدن، إن جماعته خسرت مواقع في "
            "الضالع.")
    assert [e.location.name for e in _extract(text) if e.location] == ["Zinjibār"]


def test_an_act_told_after_a_qabl_reference_stays() -> None:
    # the truce told with ``قبل ساعات من`` is coded too, as the coders do
    text = "وقبل ساعات من سريان الهدنة قصفت طائرات التحالف أمس مواقع الحوثيين في مدينة صعدة."
    assert _subs(text) == ["Agreement", "Air/drone strike"]


# -- intention: اعتزام، يدعو ------------------------------------------------------------------

def test_a_planned_attack_in_an_arrest_is_no_attack() -> None:
    text = ("واعتقلت الشرطة التركية أمس ستة أشخاص في مدينة إسطنبول للاشتباه في اعتزامهم "
            "شن هجوم إرهابي على مديرية أمن المدينة.")
    assert _subs(text) == ["Arrests"]


def test_a_call_to_kill_is_no_killing_but_a_killing_is() -> None:
    call = ("واعتقلت قوات الأمن التونسية أمس شابا في مدينة صفاقس نشر تسجيلا يدعو إلى اغتيال "
            "عدد من السياسيين.")
    assert _subs(call) == ["Arrests"]
    told = "واغتال مسلحون مجهولون أمس ضابطا في الشرطة في مدينة صفاقس."
    assert _subs(told) != []
