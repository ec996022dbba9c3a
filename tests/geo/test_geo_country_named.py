"""A country named as where a place lies constrains its namesakes (issue 14, place14f):
``مدينة X في جنوب شرق تركيا`` is no Iraqi X. Sentences written by the team; places
from the packaged gazetteer."""

from __future__ import annotations

import pytest

from rasd.geo.geocoder import Geocoder
from rasd.geo.text import fold


def _found(geo: Geocoder, doc: str, surface: str) -> list[tuple[str, str | None]]:
    return [(m.place.name, m.place.country) for m in geo.find_in_document(doc)
            if fold(surface) in fold(m.surface)]


@pytest.mark.parametrize(("doc", "surface", "expected"), [
    # ``في`` (or a glued ب-) and compass words before a country: the place lies there, and
    # with no namesake of that country in the gazetteer it is unknown, not the Iraqi one.
    ("سقطت قذائف هاون على مدينة دجلة في جنوب شرق تركيا مساء أمس.", "دجلة", []),
    ("أطلقت المدفعية قذائفها من بلدة دجلة بأقصى جنوب تركيا نحو الجبال.", "دجلة", []),
    ("قصفت الطائرات بلدة الحسينية في جنوب لبنان فجر اليوم.", "الحسينية",
     [("Aadoui", "LB")]),
    # The other direction: the country named is the namesake's own, none is named, or the
    # country is where something came from (``من داخل الأراضي اليمنية``), not where the
    # place lies.
    ("سقطت قذائف هاون على مدينة دجلة في شمال العراق مساء أمس.", "دجلة", [("Dijla", "IQ")]),
    ("سقطت قذائف هاون على مدينة دجلة مساء أمس.", "دجلة", [("Dijla", "IQ")]),
    ("سقط مقذوف على قرية الطوال من داخل الأراضي اليمنية صباح اليوم.", "الطوال",
     [("Al-Tuwal", "SA")]),
    ("قصفت الطائرات بلدة الحسينية بشمال العراق.", "الحسينية",
     [("Qaryat al Husayniyah", "IQ")]),
])
def test_a_named_country_constrains_namesakes(
        geo: Geocoder, doc: str, surface: str, expected: list[tuple[str, str | None]]) -> None:
    assert _found(geo, doc, surface) == expected
