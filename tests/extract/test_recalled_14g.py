"""Acts a sentence recalls or describes rather than reports (issue 14, sixth session).

Sentences composed for these tests, each mechanism in both directions:

- An act counted a span of time back with ``من`` (``بعد أيام من تفجير``) is the context
  of the news, recalled: background when its day is told, as with ``على`` (extract/
  event_dates.py: _recalled_after). ``بعد ساعات من`` is no such span, and an act told
  after the recalled one keeps its own status.
- An act's noun right after a noun of carrying it out that bears ل- (``لإجراء
  اعتقالات``، ``لاستعادة السيطرة``) is the aim of another act, not an act told
  (extract_cues.tsv: carry_out; extract/sentence.py: _aim); ``لشن غارات`` tells them.
- Fighting and massacres named by their place in construct (``معارك الزبداني``،
  ``مجزرة دار سعد``) are events the reader knows, like ``هجوم سوروتش`` (event_rules.tsv:
  named-event); told with a preposition (``معارك في الزبداني``) they stay.
- A place after another that only says where it lies (``بقين القريبة من مدينة
  الزبداني``، ``جبهة الجفينة بمأرب``) makes no event of its own (extract_cues.tsv:
  locator; extract/scene.py: _bound_in); places listed side by side stay.
- An act's noun in construct with a definite word (``اختطاف الصحفي``) is definite, so
  undated it retells the act told before at that place (extract/walk.py: _definite); a
  verb before its definite subject (``وقصف الطيران``) is no such noun.
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


# -- an act's noun governed by a noun of carrying it out, with ل- ---------------------------

@pytest.mark.parametrize(
    "text",
    [
        "وقالت الشرطة إنها تحتاج إلى أوامر قضائية لإجراء اعتقالات في مدينة الخليل.",
        "وتتزامن الزيارة مع تنفيذ القوات العراقية عمليات لاستعادة السيطرة على المناطق "
        "في مدينة الرمادي.",
        "وحشدت القوات تعزيزات كبيرة لفرض السيطرة على مدينة الرمادي.",
        "ووصلت تعزيزات عسكرية إلى مدينة الرمادي لتنفيذ هجوم على مواقع التنظيم.",
    ],
)
def test_act_carried_out_with_li_is_an_aim(text: str) -> None:
    assert _extract(text) == []


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        # ``لشن`` is no aim: the strikes are told
        ("عاد الطيران الحربي لشن غارات على مدينة الرمادي صباح اليوم.", "Air/drone strike"),
        # the noun of carrying out with no ل-: the act is told
        ("وأعلنت الشرطة إجراء اعتقالات في مدينة الخليل فجر اليوم.", "Arrests"),
        ("وسيطرت القوات العراقية على مدينة الرمادي صباح اليوم بعد معارك مع تنظيم داعش.",
         "Government regains territory"),
    ],
)
def test_act_told_with_its_verb_stays(text: str, sub: str) -> None:
    assert sub in {e.sub_event_type for e in _extract(text)}


# -- fighting and massacres named by their place ------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "وتحدث القائد لقناة محلية عن معارك الزبداني وعن دور المقاتلين فيها.",
        "مجزرة دار سعد وتسعى ميليشيات الحوثي لتضييق الخناق على السكان.",
    ],
)
def test_fighting_or_massacre_named_by_its_place_is_no_event(text: str) -> None:
    assert _extract(text) == []


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("واندلعت معارك عنيفة في الزبداني بين حزب الله وفصائل المعارضة أمس.", "Armed clash"),
        ("ارتكبت ميليشيات الحوثي مجزرة في حي دار سعد بعدن أمس.", "Attack"),
    ],
)
def test_fighting_or_massacre_told_at_its_place_stays(text: str, sub: str) -> None:
    assert sub in {e.sub_event_type for e in _extract(text)}


# -- a place that only locates the one before it ------------------------------------------

@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        # ``القريبة من``: the town near which the act's place lies
        ("اعتقلت الشرطة التركية ثلاثة أشخاص في شانلي أورفة القريبة من سوروتش أمس.",
         "Şanlıurfa", "Suruç"),
        ("ألقت مروحيات النظام براميل متفجرة أمس على قرية بقين القريبة من مدينة الزبداني.",
         "Buqayn", "Az Zabadānī"),
        # a name bearing ب- right after the place: where it is
        ("وشن الطيران 3 غارات على مواقع الحوثيين في جبهة الجفينة بمأرب أمس.",
         "Al Jufaynah", "Ma'rib"),
        ("وقصفت قوات النظام بلدتي الفوعة وكفريا بإدلب أمس.", "Kafraya", "Idlib"),
    ],
)
def test_place_that_locates_another_is_no_event_of_its_own(
        text: str, kept: str, dropped: str) -> None:
    places = {e.location.name for e in _extract(text) if e.location is not None}
    assert kept in places
    assert dropped not in places


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("اعتقلت الشرطة التركية ثلاثة أشخاص في شانلي أورفة وفي سوروتش أمس.",
         {"Şanlıurfa", "Suruç"}),
        ("وشن الطيران غارات على مدينة مأرب ومدينة صرواح أمس.", {"Ma'rib", "Sūq Şirwāḩ"}),
    ],
)
def test_places_listed_side_by_side_stay(text: str, places: set[str]) -> None:
    assert places <= {e.location.name for e in _extract(text) if e.location is not None}


# -- an act retold by its noun in construct -----------------------------------------------

def test_act_retold_in_construct_joins_the_act_told() -> None:
    # ``اختطاف الصحفي``: the abduction told before, whoever the friend says holds him.
    text = ("اختطف مسلحون حوثيون الصحفي سمير من كورنيش مدينة الحديدة مساء أمس. وقال أحد "
            "أصدقائه إن اختطاف الصحفي كان بسبب كتاباته، وقد نقل إلى معتقل المخابرات اليمنية "
            "في مدينة الحديدة.")
    events = [e for e in _extract(text) if e.sub_event_type == "Abduction/forced disappearance"]
    assert len(events) == 1
    assert events[0].actor1 is not None and events[0].actor1.name == "Ansar Allah"


def test_verb_before_its_definite_subject_is_no_retelling() -> None:
    # ``وقصف الطيران الحربي البلدة``: a verb and its subject tell another act.
    text = "قصفت قوات النظام بلدة تلبيسة صباح أمس. وقصف الطيران الحربي البلدة نفسها مساء."
    subs = sorted(e.sub_event_type for e in _extract(text))
    assert subs == ["Air/drone strike", "Shelling/artillery/missile attack"]
