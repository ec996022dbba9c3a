"""A place named as near something unknown is the act's place (issue 14, branch place7).

In/out table of composed Arabic sentences: ``من`` after a word of nearness (``بالقرب
من``، ``القريب من``) says how near the place is, not where an attack came from; ``من``
before a base alone still names the origin.
"""

from __future__ import annotations

from datetime import date

import pytest

from extract_text import extract_text
from rasd.clean.normalize import normalize_for_match

BASE = normalize_for_match("قاعدة العند")


def _places(text: str) -> set[str | None]:
    return {normalize_for_match(ev.location.name_ar) if ev.location is not None else None
            for ev in extract_text(text, date(2015, 7, 23))}


@pytest.mark.parametrize("text", [
    "سيطرت المقاومة الشعبية على تلة صغيرة القريبة من قاعدة العند.",
    "وسيطرت المقاومة الشعبية على مواقع بالقرب من قاعدة العند صباح اليوم.",
    "اندلعت اشتباكات عنيفة على مقربة من قاعدة العند بين الحوثيين والمقاومة.",
])
def test_near_a_base_is_the_place(text: str) -> None:
    assert BASE in _places(text)


def test_from_a_base_is_still_the_origin() -> None:
    # shells fired from the base fell on the town: the base is not the scene
    places = _places("قصف الحوثيون بلدة كرش بقذائف أطلقت من قاعدة العند.")
    assert BASE not in places


def test_a_country_word_vouches_for_its_city() -> None:
    # a statement over two countries: the Syrian city named bare beside Iraqi towns
    text = ("وقال بيان للتحالف إن أربع غارات في سوريا نفذت قرب الحسكة ودمرت مواقع للتنظيم. "
            "وفي العراق ضربت الغارات أهدافا قرب مخمور والموصل.")
    assert normalize_for_match("الحسكة") in _places(text)


def test_a_country_word_does_not_vouch_for_a_village_named_like_a_word() -> None:
    # a single definite word that only a village bears stays out
    text = ("قالت وزارة الدفاع التركية إن طائراتها قصفت مواقع في العراق قرب دهوك. "
            "وأضافت أن المقاتل الكردي قتل في الموصل.")
    assert normalize_for_match("الكردي") not in _places(text)
