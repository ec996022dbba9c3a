"""Village-level geocoding: press spellings, context among namesakes, false friends.

Sentences written by the team for these tests; places from the packaged
gazetteer (Who's On First / GeoNames villages, the team's curated places).
"""

from __future__ import annotations

import pytest

from geo_mentions import named
from rasd.geo.gazetteer import Gazetteer
from rasd.geo.geocoder import Geocoder
from rasd.geo.text import fold
from rasd.geo.wof import COMPOUND_POINT_KM, Compound, compound_base, iter_compound_rows
from rasd.models import Place, PlaceMention


def km(m: PlaceMention, lat: float, lon: float) -> float:
    from rasd.geo.gazetteer import distance_km

    return distance_km(m.place, Place(id="x", name="x", name_ar="x", kind="populated place",
                                      lat=lat, lon=lon, country="SY"))



# ------------------------------------------------------------ names as the press writes them

# The two parts of Mafkar (east and west) lie about a kilometre apart.
MAFKAR = (35.008, 37.219)


@pytest.mark.parametrize("text,surface", [
    ("قصفت الطائرات بلدة المفكر في ريف حماة الشرقي", "المفكر"),
    ("اشتباكات عنيفة على أطراف بلدة مفكر شرق حماة", "مفكر"),
])
def test_divided_village_is_one_point_between_its_parts(geo: Geocoder, text: str,
                                                        surface: str) -> None:
    m = named(geo.find(text), surface)
    assert m.place.id.startswith("compound:") and m.precision == 1
    assert km(m, *MAFKAR) < 2


def test_divided_village_far_apart_is_an_area_of_precision_2() -> None:
    comp = Compound("الهبيطة", "SY")
    comp.parts = [("a", 35.50, 36.50), ("b", 35.60, 36.60)]  # about 14 km apart
    assert comp.spread_km > COMPOUND_POINT_KM
    (pid, kind, base, lat, lon, country, aliases), = iter_compound_rows([comp])
    assert kind == "area" and base == "الهبيطة" and "هبيطة" in aliases
    gaz = Gazetteer([Place(id=pid, name="Hbeita", name_ar=base, kind=kind, lat=lat, lon=lon,
                           country=country, aliases=tuple(aliases))])
    m = named(Geocoder(gaz).find("اشتباكات في قرية الهبيطة اليوم"), "الهبيطة")
    assert m.precision == 2


@pytest.mark.parametrize("name,base", [
    ("مفكر الشرقي", "مفكر"), ("قسطون الغربي", "قسطون"), ("الباغوز فوقاني", "الباغوز"),
    ("تل الشيخ", None), ("الشرقي", None),
])
def test_compound_base_names(name: str, base: str | None) -> None:
    assert compound_base(name) == base


def test_castle_village_found_under_its_bare_name(geo: Geocoder) -> None:
    m = named(geo.find("اشتباكات عنيفة في المضيق بسهل الغاب"), "المضيق")
    assert km(m, 35.415, 36.391) < 3  # Qal'at al-Madiq, Syria, not al-Madiq in Lebanon


def test_dam_is_coded_at_the_village_it_is_named_after(geo: Geocoder) -> None:
    hama = named(geo.find("غارات على سد كوكب في ريف حماة"), "كوكب")
    assert hama.place.admin1_ar == "حماة" and km(hama, 35.300, 36.803) < 10
    hasakah = named(geo.find("انفجار لغم قرب سد كوكب شرق الحسكة"), "كوكب")
    assert km(hasakah, 36.558, 40.869) < 10
    # "كوكب" is also a word (a planet): without a cue it is none of them.
    assert geo.find("رصد العلماء كوكب المريخ الليلة") == []


@pytest.mark.parametrize("variant,standard", [
    ("قصف مدفعي على قرية القسطون في سهل الغاب", "قصف مدفعي على قرية قسطون في سهل الغاب"),
    ("قصف مدفعي على قریة قسطون في سهل الغاب", "قصف مدفعي على قرية قسطون في سهل الغاب"),
    ("اشتباكات متقطعة في بلدة کفرنبل", "اشتباكات متقطعة في بلدة كفرنبل"),
    ("انفجار سيارة مفخخة في مدينة حماه", "انفجار سيارة مفخخة في مدينة حماة"),
    ("اشتباكات في بلدة عين عيسي شمال الرقة", "اشتباكات في بلدة عين عيسى شمال الرقة"),
    ("قصف على مدينة اعزاز", "قصف على مدينة أعزاز"),
    ("قصف على مدينة إعزاز", "قصف على مدينة أعزاز"),
    ("اشتباكات في منطقة البوجاسم", "اشتباكات في منطقة البو جاسم"),
])
def test_spelling_variants_find_the_same_place(geo: Geocoder, variant: str,
                                               standard: str) -> None:
    a, b = geo.find(variant), geo.find(standard)
    assert a and [m.place.id for m in a] == [m.place.id for m in b]


# ------------------------------------------------------------ context decides


def test_plain_named_beside_the_village_decides(geo: Geocoder) -> None:
    m = named(geo.find("قصف صاروخي على قرية القاهرة بسهل الغاب"), "القاهرة")
    assert m.place.country == "SY" and km(m, 35.445, 36.304) < 10


def test_governorate_named_beside_the_village_decides(geo: Geocoder) -> None:
    hama = named(geo.find("غارات على سد كوكب في ريف حماة"), "كوكب")
    tartus = named(geo.find("غارات على قرية كوكب في ريف طرطوس"), "كوكب")
    assert hama.place.id != tartus.place.id
    assert tartus.place.admin1_ar == "طرطوس"


def test_other_places_of_the_document_decide(geo: Geocoder) -> None:
    doc = ("قصفت قوات النظام مدينة الحسكة بالمدفعية صباح اليوم.\n"
           "وفي وقت لاحق سقطت قذائف على قرية كوكب وأصيب ثلاثة مدنيين.")
    m = named(geo.find_in_document(doc), "كوكب")
    assert km(m, 36.558, 40.869) < 10


def test_undecided_namesakes_are_coded_at_the_unit_holding_them() -> None:
    def village(pid: str, lat: float, lon: float, pcode: str) -> Place:
        return Place(id=pid, name="Hbeit", name_ar="الهبيط", kind="populated place", lat=lat,
                     lon=lon, country="SY", admin1="Hama", admin1_ar="حماة", admin_pcode=pcode)

    gov = Place(id="ocha:SY05", name="Hama", name_ar="حماة", kind="admin1", lat=35.2,
                lon=37.0, country="SY", admin1="Hama", admin1_ar="حماة", admin_pcode="SY05",
                population=1_600_000)
    gaz = Gazetteer([gov, village("wof:1", 35.10, 36.50, "SY050100"),
                     village("wof:2", 35.40, 37.10, "SY050300")])
    m = named(Geocoder(gaz).find("اشتباكات في قرية الهبيط اليوم"), "الهبيط")
    assert m.place.id == "ocha:SY05" and m.precision == 3
    # "حي X" is a town's quarter, not one of the villages: unknown, not the region.
    assert all(fold("الهبيط") not in fold(q.surface)
               for q in Geocoder(gaz).find("اشتباكات في حي الهبيط اليوم"))


# ------------------------------------------------------------ no false friends


def test_known_village_is_not_corrected_into_a_city(geo: Geocoder) -> None:
    m = named(geo.find("قصف على قرية البحصة بسهل الغاب"), "البحصة")
    assert m.place.country == "SY" and "Basr" not in m.place.name and m.method == "exact"


def test_fuzzy_matching_never_swaps_a_word_ending(geo: Geocoder) -> None:
    for text in ("اشتباكات في قرية الراشدين", "قصف على بلدة الراشدين شمال المدينة"):
        assert all("ashid" not in m.place.name for m in geo.find(text)), text


def test_iraqi_karma_is_not_mahardah(geo: Geocoder) -> None:
    for text in ("معارك عنيفة في الكرمة شرق الفلوجة", "قصف على بلدة الكرمة"):
        assert all(m.place.name != "Mahardah" and "Maḩradah" not in m.place.name
                   for m in geo.find(text)), text
    m = named(geo.find("معارك عنيفة في الكرمة شرق الفلوجة"), "الكرمة")
    assert m.place.country == "IQ"


def test_village_named_like_a_word_needs_a_feature_word(geo: Geocoder) -> None:
    # "على" folds to "علي", a village in Iraq: a preposition is no place.
    assert [m.place.name for m in geo.find("سيطرت القوات على عدن بعد معارك")] == ["Aden"]
    assert geo.find("قال مفكر عربي إن الحوار هو الحل") == []
    assert named(geo.find("قصف مدفعي على قرية علي"), "علي").place.country == "IQ"


def test_village_far_from_the_story_is_not_its_namesake(geo: Geocoder) -> None:
    doc = ("أعلنت مديرية الدفاع المدني في منطقة جازان سقوط مقذوفات.\n"
           "وسقطت القذائف على قرية الطوال دون إصابات.")
    assert all(m.place.country != "SY" for m in geo.find_in_document(doc))
