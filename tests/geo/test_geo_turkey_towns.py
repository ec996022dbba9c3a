"""Towns of south-eastern Turkey that GeoNames gives no Arabic name (issue 14 recall):
the curated supplement's class of district towns of the border provinces. Sentences
written by the team; places from the packaged gazetteer."""

from __future__ import annotations

import pytest

from rasd.geo.geocoder import Geocoder
from rasd.geo.text import fold


@pytest.mark.parametrize(("doc", "surface", "name"), [
    ("انفجرت سيارة مفخخة على طريق في منطقة ليجي بمحافظة ديار بكر جنوب شرقي تركيا.",
     "ليجي", "Lice"),
    ("قال الجيش التركي إن جنديا قتل في هجوم على مخفر في بلدة قزل تبه بولاية ماردين.",
     "قزل تبه", "Kızıltepe"),
    ("تظاهر المئات في مدينة ويران شهر التركية احتجاجا على الغارات.",
     "ويران شهر", "Viranşehir"),
    ("أغلقت السلطات التركية الطريق بين نزيب وبيره جك قرب الحدود السورية.",
     "بيره جك", "Birecik"),
])
def test_turkish_district_town_found(geo: Geocoder, doc: str, surface: str, name: str) -> None:
    hits = [m for m in geo.find_in_document(doc) if fold(surface) in fold(m.surface)]
    assert [(m.place.name, m.place.country) for m in hits] == [(name, "TR")]


@pytest.mark.parametrize(("doc", "word"), [
    # Left out of the class: names that are Arabic words or other places.
    ("ارتفع منسوب نهر دجلة في مدينة الموصل.", "دجلة"),
    ("قال هاني المصري إن الوفد وصل إلى مدينة حلب.", "هاني"),
])
def test_word_named_towns_left_out(geo: Geocoder, doc: str, word: str) -> None:
    assert all(m.place.country != "TR" for m in geo.find_in_document(doc)
               if fold(word) in fold(m.surface))
