"""A place that names a council, a command or a police force, that a stated distance is
measured from or that a glued town locates is not the act's scene, and a governorate
coded at its capital names no city (issue 14, place14g).

In/out tables of composed Arabic sentences.
"""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest

from extract_text import extract_text
from rasd.clean.normalize import normalize_for_match
from rasd.extract.scene import SceneRules
from rasd.extract.tokens import tokenize
from rasd.geo.geocoder import Geocoder

CLASH = "Armed clash"


@cache
def _geocoder() -> Geocoder:
    return Geocoder()


def _events(text: str) -> set[tuple[str, str | None]]:
    return {(ev.sub_event_type,
             normalize_for_match(ev.location.name) if ev.location is not None else None)
            for ev in extract_text(text, date(2015, 7, 23))}


FOUND = "عثر أمس على شرطيين قتلا برصاصة في مدينة جيلان بينار القريبة من الحدود السورية "


@pytest.mark.parametrize(("text", "expected"), [
    # In: a council, an operations command or a police force of a place, named beside
    # the scene, is where the body sits (dev snn-3af6c02f50dc ``قيادة عمليات بغداد``;
    # dev3 snn-d3f0ee3045ed ``مجلس محافظة الأنبار``).
    (FOUND + "كما أعلن مجلس محافظة شانلي أورفة.", {(CLASH, "ceylanpinar")}),
    (FOUND + "كما أعلنت قيادة عمليات شانلي أورفة.", {(CLASH, "ceylanpinar")}),
    (FOUND + "كما أعلنت شرطة شانلي أورفة.", {(CLASH, "ceylanpinar")}),
    # Out: the same place as a second scene is kept.
    (FOUND + "وفي شانلي أورفة.", {(CLASH, "ceylanpinar"), (CLASH, "sanliurfa")}),
])
def test_a_body_place_is_no_scene(text: str, expected: set[tuple[str, str | None]]) -> None:
    got = {(t, (n or "").replace("ı", "i").replace("ş", "s")) for t, n in _events(text)}
    assert got == expected


@pytest.mark.parametrize(("text", "expected"), [
    # In: ``محافظة الأنبار`` is coded at Ramadi but names no city: a village east of
    # Ramadi named after an area word is no part of Ramadi (dev3 snn-d3f0ee3045ed).
    ("وقال رئيس مجلس محافظة الأنبار إن مسلحين هاجموا منطقة حصيبة شرق الرمادي وقتلوا "
     "ثلاثة جنود.", {(CLASH, "husaybah")}),
    # Out: a city named as such still takes its area (``_lift_areas``, place14e).
    ("اندلعت اشتباكات عنيفة بين المقاومة والحوثيين في مدينة تعز وفي منطقة الضباب.",
     {(CLASH, "taiz")}),
])
def test_a_governorate_names_no_city(text: str, expected: set[tuple[str, str | None]]) -> None:
    assert _events(text) == expected


@pytest.mark.parametrize(("text", "dropped"), [
    # In: the place a stated distance of 10 km or more is measured from (dev2
    # snn-6d8b41d068ad, snn-fd1858e8789f, snn-a0db07e97161).
    ("استعاد المقاتلون قاعدة العند الجوية التي تقع على مسافة 50 كلم شمال مدينة "
     "عدن", {"عدن"}),
    ("قصفت الطائرات قرية المقبلة التي تبعد قرابة 60 كلم شرق حلب", {"حلب"}),
    ("اقتحم المسلحون مدينة الضالع التي تبعد عن العاصمة صنعاء نحو 256 كلم جنوبا", {"صنعاء"}),
    ("هاجم مسلحون بلدة سروج التي تقع على بعد قرابة عشرة كيلومترات من بلدة كوباني",
     {"كوباني"}),
    # Out: a short distance (the coders code the town), no distance, a comma between.
    ("قصفت الطائرات منطقة مجاورة تبعد عن مدينة الحوطة قرابة أربعة كيلومترات وقرية "
     "الجليلة", set()),
    ("قصفت الطائرات قرية قصر البريج شرق حلب", set()),
    ("قطع المسلحون 60 كيلومترا، ثم هاجموا حلب وقرية قصر البريج", set()),
])
def test_a_distance_anchor_is_no_scene(text: str, dropped: set[str]) -> None:
    rules = SceneRules()
    rules.text = text
    places = _geocoder().find(text)
    assert len(places) >= 2, places
    kept = rules._drop_distance_anchors(places, tokenize(text))
    assert {m.surface for m in places if m not in kept} == dropped


ABDUCT = "Abduction/forced disappearance"


@pytest.mark.parametrize(("text", "expected"), [
    # In: a town glued to ب right after a place (an adjective between) locates it (dev3
    # snn-edb77c53a280; dev snn-5fc7a88b6bb0 ``بمديرية باجل بالحديدة``).
    ("اختطف مسلحون مجهولون أربعة عمال أجانب قرب مجمع مليتة النفطي بزوارة.",
     {(ABDUCT, "mellitah oil and gas complex")}),
    ("هاجم مسلحون حاجزا للجيش في مدينة باجل بالحديدة وقتلوا جنديين.", {(CLASH, "bajil")}),
    # Out: past a comma the town is a clause's own place.
    ("اختطف مسلحون مجهولون أربعة عمال أجانب قرب مجمع مليتة النفطي، وقتل مسلحون شرطيا "
     "بزوارة.", {(ABDUCT, "mellitah oil and gas complex"), (ABDUCT, "zuwarah")}),
])
def test_a_glued_town_locates(text: str, expected: set[tuple[str, str | None]]) -> None:
    got = {(t, (n or "").replace("ā", "a")) for t, n in _events(text)}
    assert got == expected
