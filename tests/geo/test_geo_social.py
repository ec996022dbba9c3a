"""Place cues of social-media text, capitals named like their country, governorates.

Sentences written by the team for these tests; places from the packaged
gazetteer. Each table holds the reading the mechanism adds and the readings it
must not add (the same name without the cue, a word that is no place).
"""

from __future__ import annotations

import pytest

from rasd.geo.geocoder import Geocoder
from rasd.geo.text import fold
from rasd.models import PlaceMention


def at(ms: list[PlaceMention], text: str, name: str) -> PlaceMention | None:
    """The mention covering ``name`` in ``text``, if any."""
    i = text.index(name)
    over = [m for m in ms if m.start < i + len(name) and i < m.end]
    return over[0] if over else None


# ------------------------------------------------------------ a hashtag is a place cue

@pytest.mark.parametrize("text,name,country", [
    ("سيول جارفة تضرب #الخفجي صباح اليوم", "الخفجي", "SA"),
    ("#تعز: ارتفاع عدد المصابين إلى عشرة", "تعز", "YE"),
    ("#الرياض تسجل أعلى الإصابات هذا الأسبوع", "الرياض", "SA"),
])
def test_a_tagged_name_is_a_place(geo: Geocoder, text: str, name: str, country: str) -> None:
    m = at(geo.find_in_document(text), text, name)
    assert m is not None and m.place.country == country, m


@pytest.mark.parametrize("text,name", [
    # The same names with no cue at all stay unread: the tag was the cue.
    ("سيول جارفة تضرب الخفجي صباح اليوم", "الخفجي"),
    ("تعز: ارتفاع عدد المصابين إلى عشرة", "تعز"),
    # A tag is no feature word: words that need one stay words.
    ("#الجمعة_المباركة صباح الخير", "الجمعة"),
    ("#الباب_مفتوح للجميع", "الباب"),
    ("#النصر للجميع", "النصر"),
])
def test_a_tag_does_not_make_a_word_a_place(geo: Geocoder, text: str, name: str) -> None:
    assert at(geo.find_in_document(text), text, name) is None


# ------------------------------------------------------------ capitals named like their country

@pytest.mark.parametrize("text,name,country", [
    ("وصلت السيول إلى مدينة #الكويت مساء الأحد", "الكويت", "KW"),
    ("غادر الوفد إلى العاصمة تونس صباحا", "تونس", "TN"),
    # An adjective of the country may stand between the feature word and the name.
    ("انفجار في العاصمة الأردنية عمان", "عمان", "JO"),
    # A town of another country that the text names: Amman, not Oman.
    ("#عمان #الاردن أمطار غزيرة", "عمان", "JO"),
    ("اجتماع في عمان بحضور وزير الخارجية الأردني", "عمان", "JO"),
])
def test_a_capital_named_like_a_country(geo: Geocoder, text: str, name: str,
                                        country: str) -> None:
    m = at(geo.find_in_document(text), text, name)
    assert m is not None and m.place.country == country, m
    assert m.place.kind == "populated place" and m.precision == 1


@pytest.mark.parametrize("text,name", [
    # The country itself: no city feature, no other country's town.
    ("زار الوفد الكويت أمس", "الكويت"),
    ("وصلت السيول إلى #الكويت مساء الأحد", "الكويت"),
    ("مؤتمر في تونس عن الهجرة", "تونس"),
    # Oman the country, though Jordan is named: no cue before the name.
    ("وزير خارجية عمان يزور الأردن", "عمان"),
    # Amman only when Jordan is named.
    ("أمطار في عمان هذا المساء", "عمان"),
])
def test_a_country_stays_a_country(geo: Geocoder, text: str, name: str) -> None:
    assert at(geo.find_in_document(text), text, name) is None


# ------------------------------------------------ a governorate is not far from its towns

def test_a_governorate_beside_towns_far_from_its_middle(geo: Geocoder) -> None:
    """Hadramawt's point lies some 500 km from Aden: a governorate counts at its
    unit's size, not as a small place far from every other place named."""
    text = "سجلت إصابات جديدة في عدن ولحج وثلاث حالات في حضرموت"
    m = at(geo.find_in_document(text), text, "حضرموت")
    # The governorate, coded at its capital (Mukalla, ``data/admin_capitals.tsv``).
    assert m is not None and m.place.name == "Mukalla" and m.place.country == "YE", m
    assert m.precision == 3


@pytest.mark.parametrize("text,name", [
    # Alone, with no story country, a seatless governorate still needs a strong cue.
    ("سجلت إصابات جديدة في حضرموت", "حضرموت"),
])
def test_a_governorate_still_needs_its_cue(geo: Geocoder, text: str, name: str) -> None:
    assert at(geo.find_in_document(text), text, name) is None


def test_fold_keeps_the_tagged_name_whole(geo: Geocoder) -> None:
    """The mention's span is the name, without the mark."""
    text = "أمطار على #حائل اليوم"
    m = at(geo.find_in_document(text), text, "حائل")
    assert m is not None and fold(text[m.start:m.end]) == fold("حائل")
