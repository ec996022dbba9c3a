"""A place someone was taken, was crossing, heading or sent to is not where the act was (issue 14,
place14f): ``_drop_journeys`` reaching through a facility's name (``إلى مستشفى ...
بمدينة X``) and crossing (``العبور إلى``). Composed sentences, both directions."""

from __future__ import annotations

from datetime import date

import pytest

from extract_text import extract_text
from rasd.clean.normalize import normalize_for_match

CLASH, SUICIDE, AIR = "Armed clash", "Suicide bomb", "Air/drone strike"


def _n(name: str) -> str:
    return normalize_for_match(name)


def _events(text: str) -> set[tuple[str, str | None]]:
    return {(ev.sub_event_type,
             normalize_for_match(ev.location.name_ar) if ev.location is not None else None)
            for ev in extract_text(text, date(2015, 7, 23))}


@pytest.mark.parametrize(("text", "expected"), [
    # The town placing the hospital or camp someone was carried to is where they went,
    # however long the facility's name.
    ("قتل جندي في اشتباك مع الحوثيين قرب بلدة الطوال، وتم نقله إلى مستشفى الملك فهد "
     "العسكري بمدينة جدة.", {(CLASH, _n("الطوال"))}),
    ("قتل مسلحان في اشتباك مع الشرطة في بلدة بنش وتم إسعاف الجرحى إلى مستشفى الهلال "
     "الأحمر في مدينة إدلب.", {(CLASH, _n("بنش"))}),
    # Crossing to a town is going there: the attack is where the crowd gathered.
    ("استهدف تفجير انتحاري شبانا تجمعوا في مدينة سروج بهدف العبور إلى بلدة كوباني.",
     {(SUICIDE, _n("سروج"))}),
    # The other direction: past a comma, or with no facility opening it, a town far
    # after ``إلى`` is the scene of its own clause.
    ("قتل جندي في اشتباك مع الحوثيين قرب بلدة الطوال، وتم نقله إلى المستشفى، فيما "
     "قصفت طائرات التحالف مواقع للحوثيين في مدينة صعدة.",
     {(CLASH, _n("الطوال")), (AIR, _n("صعدة"))}),
    ("استهدف تفجير انتحاري شبانا تجمعوا في مدينة سروج لمساعدة سكان بلدة كوباني.",
     {(SUICIDE, _n("سروج")), (SUICIDE, _n("عين العرب"))}),
])
def test_a_destination_is_no_scene(text: str, expected: set[tuple[str, str | None]]) -> None:
    assert _events(text) == expected



@pytest.mark.parametrize(("text", "expected"), [
    # In (place14g): where someone was heading or being sent is not the scene (dev3
    # snn-ec3dbe5b11b4 ``متوجهة إلى عدن``, snn-998ce62e0f65 ``لإرسالهم إلى الضالع``).
    ("قصفت طائرات التحالف رتلا للحوثيين في بلدة شقرة بمحافظة أبين كان متوجها إلى مدينة "
     "عدن.", {(AIR, _n("شقرة"))}),
    ("شنت طائرات التحالف غارات على معسكر في مدينة ذمار يجهز فيه الحوثيون مقاتلين "
     "لإرسالهم إلى مدينة عدن.", {(AIR, _n("ذمار"))}),
    # Out: fleeing within the scene keeps it; a second scene told with في is kept.
    ("اشتبكت المقاومة مع الحوثيين في مدينة تعز بعد أن هربوا إلى أطراف المدينة.",
     {(CLASH, _n("تعز"))}),
    ("شنت طائرات التحالف غارات على معسكر في مدينة ذمار وأخرى في مدينة عدن.",
     {(AIR, _n("ذمار")), (AIR, _n("عدن"))}),
])
def test_heading_or_sent_to_is_no_scene(text: str,
                                        expected: set[tuple[str, str | None]]) -> None:
    assert _events(text) == expected
