"""Fronts, border villages and list readings (issue 13/14, second round).

Sentences composed by the team for these tests; places from the packaged
gazetteer (the curated rows of ``data/places_supplement.tsv`` among them).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from geo_mentions import named
from rasd.geo.gazetteer import distance_km
from rasd.geo.geocoder import Geocoder
from rasd.geo.text import fold
from rasd.geo.words import read_words
from rasd.models import Place


def near(p: Place, lat: float, lon: float, km: float = 15.0) -> bool:
    here = Place(id="x", name="x", name_ar="x", kind="populated place", lat=lat, lon=lon,
                 country=p.country)
    return distance_km(p, here) <= km


# ------------------------------------------------------------ names added as curated facts

@pytest.mark.parametrize("text,surface,country,lat,lon", [
    ("اندلعت اشتباكات عنيفة في منطقة الضباب جنوب غرب تعز", "الضباب", "YE", 13.52, 43.95),
    ("شن الطيران غارات على منطقة حزيز جنوب صنعاء", "حزيز", "YE", 15.27, 44.20),
    ("قصفت المقاتلات مواقع المتمردين في الوهط بمحافظة لحج", "الوهط", "YE", 12.97, 44.89),
    ("تقدمت المقاومة نحو دار سعد شمال عدن", "دار سعد", "YE", 12.88, 44.99),
    ("استهدف القصف مطار الثعلة العسكري في ريف السويداء الغربي", "مطار الثعلة", "SY",
     32.70, 36.41),
    ("سقطت قذائف على محافظة ظهران الجنوب في منطقة عسير السعودية", "ظهران الجنوب", "SA",
     17.66, 43.51),
    ("قتل جندي تركي في كيليس قرب الحدود السورية", "كيليس", "TR", 36.72, 37.12),
    ("أصيب شرطي في هجوم بمدينة تشينار جنوب شرق تركيا", "تشينار", "TR", 37.72, 40.41),
    ("اقتحمت قوات الاحتلال حيا في القدس المحتلة", "القدس", "PS", 31.78, 35.23),
    ("أحرق مستوطنون منزلا في الضفة الغربية المحتلة", "الضفة الغربية", "PS", 31.95, 35.25),
    ("خطف مسلحون عمالا أجانب في منطقة مليتة غرب ليبيا", "مليتة", "LY", 32.86, 12.24),
])
def test_added_places_resolve(geo: Geocoder, text: str, surface: str, country: str,
                              lat: float, lon: float) -> None:
    m = named(geo.find(text), surface)
    assert m.place.country == country, m.place
    assert near(m.place, lat, lon), m.place


@pytest.mark.parametrize("text", [
    # The same words as ordinary words: no place.
    "غطى الضباب الكثيف الطريق صباح اليوم",
    "ارتفعت الأسعار في الموسم الماضي",
    "يعمل المزارعون في الحرث منذ الفجر",
    # "جبهة" heads a group's name as often as a front.
    "أعلنت جبهة النصرة مسؤوليتها عن الهجوم",
])
def test_added_names_that_are_words_stay_words(geo: Geocoder, text: str) -> None:
    assert geo.find(text) == [] or all(
        fold(m.surface) not in {"الضباب", "الموسم", "الحرث", "النصره"}
        for m in geo.find(text)), [(m.surface, m.place.id) for m in geo.find(text)]


# ------------------------------------------------------------ cues

@pytest.mark.parametrize("text,surface,lat,lon", [
    # A direction before a name is a place cue, with no country word in the text.
    ("قصفت الطائرات مواقع للمسلحين غربي مأرب", "مأرب", 15.46, 45.33),
    # A front named after "جبهة" in a Yemeni story (not read as a word any more).
    ("قصفت الطائرات مواقع في جبهة الجفينة غربي مأرب في اليمن", "الجفينة", 15.41, 45.28),
    # A name placed by a direction from the place after it, whatever stands before it.
    ("استهدفت الطائرات اليمنية منطة سناح شمال مدينة الضالع", "سناح", 13.82, 44.71),
    # A kidnapping is an event: "في X" after it is a scene.
    ("خطف مسلحون ثلاثة عمال في النوفلية الليبية", "النوفلية", 30.78, 17.84),
    # "بأم درمان": the one-letter clitic before "أم" heading a compound name.
    ("تجمع المحتجون في حي ود نوباوي بأم درمان", "أم درمان", 15.65, 32.48),
])
def test_cues_find_the_place(geo: Geocoder, text: str, surface: str, lat: float,
                             lon: float) -> None:
    m = named(geo.find(text), surface)
    assert near(m.place, lat, lon), m.place


@pytest.mark.parametrize("text,surfaces", [
    # A dual or plural feature names every item of the list it opens.
    ("قصف الطيران المروحي الطريق بين بلدتي المسيفرة وأم ولد قرب درعا",
     ["المسيفرة", "أم ولد"]),
    # "مناطق منها X وY": the feature before "among them".
    ("قصفت الطائرات مواقع في لحج كما استهدفت مناطق منها الوهط والفيوش",
     ["الوهط", "الفيوش"]),
])
def test_list_items_share_the_feature(geo: Geocoder, text: str, surfaces: list[str]) -> None:
    ms = geo.find(text)
    for s in surfaces:
        named(ms, s)


@pytest.mark.parametrize("text,word", [
    # "في محافظة Y" after a verb does not place it: the verb is no place.
    ("وهذا ما رصد في محافظة عدن من قصف", "رصد"),
    # The hamza-less spelling of a short name is another word.
    ("اعتقل سبعة من مسؤولي فيفا في زيوريخ", "فيفا"),
    # A generic noun near a known city is still the noun.
    ("تحول الجناح الشمالي في الفندق إلى مكتب في القدس", "الفندق"),
])
def test_words_near_places_stay_words(geo: Geocoder, text: str, word: str) -> None:
    assert all(fold(word) not in fold(m.surface) for m in geo.find(text)), [
        (m.surface, m.place.id) for m in geo.find(text)]


@pytest.mark.parametrize("text", [
    # A singular feature names its own item only; "و" + a word stays a word.
    "قصف الطيران مدينة حلب والنظام يواصل هجومه",
    # "أم" is a mother, not the head of a name, when no name follows.
    "والأم والطفل بخير بعد الحادث",
])
def test_no_place_from_list_or_head(geo: Geocoder, text: str) -> None:
    surfaces = [fold(m.surface) for m in geo.find(text)]
    assert all(s in {fold("حلب")} for s in surfaces), surfaces


# ------------------------------------------------------------ the word counts

def test_word_counts_keep_places_cued_after_relations(tmp_path: Path) -> None:
    """A name seen often but mostly after a place cue is no word (the counts file
    rows: word, occurrences, occurrences after a cue)."""
    f = tmp_path / "counts.tsv"
    f.write_text("word\tcount\tafter_feature\nالجفينه\t55\t14\nالعلم\t900\t3\n", "utf-8")
    words = read_words(f)
    assert "العلم" in words and "علم" in words
    assert "الجفينه" not in words


@pytest.mark.parametrize("word,cue", [
    ("منطقه", True), ("بمنطقه", True), ("وبريف", True), ("محيط", True), ("ومحيط", True),
    # "جبهة النصرة" and "داخل البيت": not counted as place cues.
    ("جبهه", False), ("داخل", False), ("الحكومه", False),
])
def test_build_script_counts_cues_with_clitics(word: str, cue: bool) -> None:
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "scripts" / "build_geo_words.py"
    spec = importlib.util.spec_from_file_location("build_geo_words", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.is_cue(word) is cue


# ------------------------------------------------------------ cities, governorates, quarters

@pytest.mark.parametrize("text,surface,present", [
    # A city after a cue stays the city, however far the other places named.
    ("وقع حريق قرب المستشفى في القاهرة بحسب صحيفة مكة", "القاهرة", True),
    # A governorate with no town of its name, in a story about its country.
    ("سجلت السلطات اليمنية حالات جديدة في حضرموت وفي شبوة بجنوب اليمن", "حضرموت", True),
    # The same word of Lebanon's South governorate, in no Lebanese story: no place.
    ("تقدمت القوات في الجنوب بعد معارك عنيفة", "الجنوب", False),
])
def test_cities_and_governorates(geo: Geocoder, text: str, surface: str, present: bool) -> None:
    found = [m for m in geo.find(text) if fold(surface) in fold(m.surface)]
    assert bool(found) is present, [(m.surface, m.place.id) for m in geo.find(text)]


@pytest.mark.parametrize("text,quarter,town", [
    # A neighbourhood placed at a town is not a village of its name 55 km away:
    # the town named after it codes the event.
    ("انفجرت عبوة ناسفة في حي اليرموك غربي بعقوبة", "اليرموك", "بعقوبة"),
])
def test_quarter_far_from_its_town_is_unknown(geo: Geocoder, text: str, quarter: str,
                                              town: str) -> None:
    ms = geo.find(text)
    assert all(fold(quarter) not in fold(m.surface) for m in ms), [m.surface for m in ms]
    named(ms, town)


def test_unit_after_its_unit_word_is_kept_far_from_the_others(geo: Geocoder) -> None:
    """"في محافظة عمران" after Aden and Lahij: the governorate (coded at its
    seat), not a village of the name that the unit word cannot name."""
    ms = geo.find("قصف الطيران مزارع في عدن ولحج. وشن الطيران غارات على مواقع بمنطقة "
                  "حوث في محافظة عمران")
    m = named(ms, "عمران")
    assert near(m.place, 15.66, 43.94, 5.0) and m.precision == 3, m.place
    named(ms, "حوث")


def test_quarter_near_its_town_stays(geo: Geocoder) -> None:
    m = named(geo.find("استعاد المقاتلون السيطرة على حي صبر شمالي عدن"), "صبر")
    assert near(m.place, 13.00, 44.91), m.place


@pytest.mark.parametrize("text,unknown,anchor", [
    # A distance from a town ("التي تبعد عن مدينة Y") places the list before it,
    # every item: no village of the first name lies near Y, so it is unknown
    # and the town codes the event.
    ("استعاد المقاتلون اليمنيون منطقة المحلة والجلاجل التي تبعد عن الحوطة "
     "أربعة كيلومترات في اليمن", "المحلة", "الحوطة"),
])
def test_distance_phrase_places_the_list(geo: Geocoder, text: str, unknown: str,
                                         anchor: str) -> None:
    ms = geo.find(text)
    assert all(fold(unknown) not in fold(m.surface) for m in ms), [
        (m.surface, m.place.id) for m in ms]
    assert named(ms, anchor).cue == "قرب"
    named(ms, "الجلاجل")


@pytest.mark.parametrize("name,added", [
    ("البتراء", ["البترا"]),
    ("الزرقاء", ["الزرقا"]),
    # Too short to be told from a word once the hamza goes ("فيفا" is FIFA).
    ("فيفاء", []),
    ("صنعاء", []),
    ("حلب", []),
])
def test_hamzaless_spelling_added_at_build(name: str, added: list[str]) -> None:
    from rasd.geo.gazetteer_build import add_hamzaless
    from rasd.geo.gazetteer_sources import Row

    row = Row(id="t:1", kind="populated place", name="x", name_ar=name, lat=0.0, lon=0.0,
              country="JO", population=0, aliases=[])
    add_hamzaless(row)
    assert row.aliases == added


@pytest.mark.parametrize("text,surface,country,lat,lon", [
    ("غمرت السيول الوادي في البترا جنوب الأردن", "البترا", "JO", 30.32, 35.48),
    ("هطلت أمطار غزيرة على الخفجي شرق السعودية", "الخفجي", "SA", 28.44, 48.49),
])
def test_press_spellings(geo: Geocoder, text: str, surface: str, country: str, lat: float,
                         lon: float) -> None:
    m = named(geo.find(text), surface)
    assert m.place.country == country and near(m.place, lat, lon, 20.0), m.place


@pytest.mark.parametrize("text,surface,lat,lon", [
    # Two villages of the name in reach of the town named after them: the one
    # lying the way the cue says (one ~27 km south of Aleppo, one ~20 km
    # north-east of it; one south of Hama, one north of it).
    ("قصفت المروحيات قرية المنطار بريف حلب الجنوبي", "المنطار", 35.97, 37.26),
    ("دارت اشتباكات في محيط بلدة عقرب بريف حماة الجنوبي", "عقرب", 34.94, 36.46),
])
def test_compass_cue_picks_the_namesake(geo: Geocoder, text: str, surface: str, lat: float,
                                        lon: float) -> None:
    m = named(geo.find(text), surface)
    assert near(m.place, lat, lon, 5.0), m.place


def test_compass_letters_of_placing_cues(geo: Geocoder) -> None:
    from rasd.geo.context import placing_directions
    from rasd.geo.text import tokenize

    toks = tokenize("قصف على قرية المنطار بريف حلب الجنوبي وعلى بلدة كوكب جنوب شرق الحسكة")
    hits = geo.names.scan(toks)
    got = {h.key: placing_directions(hits, toks).get(id(h), "") for h in hits}
    assert got["المنطار"] == "S" and got["كوكب"] == "ES", got


@pytest.mark.parametrize("text,anchor,cue,precision", [
    # "إلى الشمال من X" is where a compass word points, as "شمال X": near X, not from it.
    ("قتل عشرة مدنيين بقذائف الهاون في قرية الحديد الواقعة إلى الشمال من خان بني سعد",
     "خان بني سعد", "شمال", 2),
    ("وأصيب القائد في غارة قرب بلدة سرمدا إلى الغرب من حلب", "حلب", "غرب", 2),
    ("سيطر الحوثيون على القاعدة التي تقع على مسافة 50 كيلومترا الى الجنوب عن مدينة صعدة",
     "صعدة", "جنوب", 2),
    # The other direction: "من" with no compass noun before it stays an origin.
    ("وصل الوفد إلى الشمال قادما من حلب", "حلب", "من", 1),
])
def test_compass_noun_before_from_is_a_compass_cue(geo: Geocoder, text: str, anchor: str,
                                                   cue: str, precision: int) -> None:
    m = named(geo.find(text), anchor)
    assert (m.cue, m.precision) == (cue, precision)
