"""Compound given names in الدين are people, not villages (issue 14, bg14h).

Sentences composed for these tests. ``عز الدين``، ``شمس الدين`` are villages in the
gazetteer, but news names a governor, an officer or a brigade with them; they resolve
only after a feature word (geo_homographs.tsv, level 3). ``صلاح الدين``, a governorate,
keeps its own level.
"""

from __future__ import annotations

import pytest

from rasd.geo.gazetteer import load_gazetteer
from rasd.geo.geocoder import Geocoder


@pytest.fixture(scope="module")
def geo() -> Geocoder:
    return Geocoder(load_gazetteer())


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a Turkish governor named in a sentence that names Syria (which lets a level-1
        # name resolve): the Syrian village of the same name is not meant
        ("وقتل شرطيان برصاص مسلحين في بلدة نزيب الحدودية مع سوريا كما أعلن حاكم ولاية "
         "غازي عنتاب عز الدين أوغلو.", "عز الدين"),
        ("وأعلن مدير الأمن في مدينة حلب السورية اللواء شمس الدين حسن أن قواته اعتقلت "
         "ثلاثة مطلوبين.", "شمس الدين"),
        ("وقالت مصادر في سوريا إن كتائب عز الدين القسام أرسلت مقاتلين.", "عز الدين"),
    ],
)
def test_a_laqab_is_no_place(geo: Geocoder, text: str, name: str) -> None:
    assert name not in [m.surface for m in geo.find(text)]


def test_a_laqab_after_a_feature_word_is_the_village(geo: Geocoder) -> None:
    found = geo.find("قصفت الطائرات قرية عز الدين في ريف حمص.")
    assert "عز الدين" in [m.surface for m in found]


def test_salah_al_din_stays_a_governorate(geo: Geocoder) -> None:
    found = geo.find("اشتباكات في محافظة صلاح الدين شمال بغداد.")
    assert "صلاح الدين" in [m.surface for m in found]
