"""Place names missed in stories about Yemen (issue 14, branch place7).

Sentences composed for these tests. ``وفي X`` is the conjunction before ``في``: the
place cue it carries is read (a two-letter stem behind a clitic). A district's
capital is a town of the story's country even where the gazetteer gives it no
population, so a place cue or a neighbour in its governorate resolves it.
"""

from __future__ import annotations

import pytest

from rasd.geo.gazetteer import load_gazetteer
from rasd.geo.geocoder import Geocoder


@pytest.fixture(scope="module")
def geo() -> Geocoder:
    return Geocoder(load_gazetteer())


@pytest.mark.parametrize(
    ("text", "name", "cue"),
    [
        ("وفي مأرب دمرت الطائرات عربتين للمسلحين.", "مأرب", "في"),
        ("وفي لحج تقدمت القوات نحو الجسر.", "لحج", "في"),
    ],
)
def test_wa_fi_is_a_place_cue(geo: Geocoder, text: str, name: str, cue: str) -> None:
    found = {m.surface: m for m in geo.find(text)}
    assert name in found
    assert found[name].cue == cue


@pytest.mark.parametrize(
    ("text", "name", "english"),
    [
        # a district capital named after an unknown mountain, in a Yemeni story
        ("قتل مسلحون في اليمن. وتقدمت القوات باتجاه جبل الصفراء ولودر في أبين.",
         "لودر", "Lawdar"),
        # after an unknown area name, the district capital its area belongs to
        ("اشتباكات في اليمن أمس. وقتل خمسة في عزلة النجد رداع بالبيضاء.", "رداع", "Radā‘"),
    ],
)
def test_district_capital_is_a_town_of_the_story(geo: Geocoder, text: str, name: str,
                                                 english: str) -> None:
    found = {m.surface: m.place.name for m in geo.find_in_document(text)}
    assert found.get(name) == english


def test_is_seat(geo: Geocoder) -> None:
    gaz = geo.gazetteer
    towns = [p for p in gaz.candidates_key("لودر") if p.kind == "populated place"]
    assert any(gaz.is_seat(p) for p in towns)
    assert not any(gaz.is_seat(p) for p in gaz.candidates_key("لودر") if p.kind == "admin2")


@pytest.mark.parametrize(
    ("text", "name", "english"),
    [
        # two mountain fronts the gazetteer lacked (places_supplement.tsv)
        ("استعادت المقاومة موقعين في جبل صبر القريب من مدينة تعز.", "جبل صبر",
         "Jabal Sabir (Taiz)"),
        ("تدور اشتباكات في جبهة عكد شمال مدينة لودر.", "جبهة عكد", "Jabal Akad (Lawdar)"),
    ],
)
def test_mountain_fronts(geo: Geocoder, text: str, name: str, english: str) -> None:
    found = {m.surface: m.place.name for m in geo.find(text)}
    assert found.get(name) == english


def test_basatin_of_aden_after_a_feature_word(geo: Geocoder) -> None:
    text = "قتل مسلحون حوثيون في اليمن. وتقدمت المقاومة نحو منطقتي جعولة والبساتين شمال عدن."
    found = {m.surface: m.place.name for m in geo.find_in_document(text)}
    assert found.get("البساتين") == "Al-Basatin (Dar Saad, Aden)"


@pytest.mark.parametrize("text", [
    # the orchards of a Syrian town, a common noun
    "قصفت قوات النظام البساتين المحيطة بمدينة الزبداني في ريف دمشق.",
    # orchards in a Yemeni story with no place cue
    "وقال مزارعون في اليمن إن البساتين جفت هذا الصيف.",
])
def test_basatin_as_a_word(geo: Geocoder, text: str) -> None:
    found = {m.surface: m.place.name for m in geo.find_in_document(text)}
    assert found.get("البساتين") != "Al-Basatin (Dar Saad, Aden)"
