"""The story's country as a prior, and nouns that describe rather than name.

Sentences written by the team for these tests; places from the packaged
gazetteer.
"""

from __future__ import annotations

import pytest

from geo_mentions import named
from rasd.geo.geocoder import Geocoder
from rasd.geo.story import story_country
from rasd.geo.text import fold
from rasd.models import Place


def town(pid: str, country: str, kind: str = "populated place") -> Place:
    return Place(id=pid, name=pid, name_ar=pid, kind=kind, lat=0.0, lon=0.0, country=country)


# ------------------------------------------------------------ which country the story is about

@pytest.mark.parametrize("words,places,story", [
    # Country words and resolved towns vote; a clear lead decides.
    ({"YE": [1, 5, 9]}, [], "YE"),
    ({}, [town("geonames:1", "YE"), town("geonames:2", "YE"), town("geonames:3", "YE")], "YE"),
    ({"YE": [1]}, [town("geonames:1", "SA"), town("geonames:2", "SA"), town("geonames:3", "SA")],
     "SA"),
    # Too few votes, or two countries neck and neck: no story country.
    ({"YE": [1, 2]}, [], None),
    ({"SY": [1, 2, 3]}, [town("geonames:1", "IQ"), town("geonames:2", "IQ")], None),
    # Villages are the namesakes in question: they do not vote.
    ({}, [town("wof:1", "SY"), town("wof:2", "SY"), town("wof:3", "SY")], None),
    # A place named many times votes once; a country word at most three times.
    ({}, [town("geonames:1", "YE")] * 5, None),
    ({"SY": list(range(10)), "IQ": [1, 2]}, [], None),
])
def test_story_country(words: dict[str, list[int]], places: list[Place],
                       story: str | None) -> None:
    assert story_country(words, places) == story


def test_yemeni_quarter_is_not_the_syrian_village(geo: Geocoder) -> None:
    """A neighbourhood of a Yemeni city, not the Syrian village of its name (nor,
    its Yemeni namesakes being undecided, the region holding them: unknown)."""
    doc = ("شنت طائرات التحالف غارات على مواقع للحوثيين في صنعاء ومأرب.\n"
           "وقالت مصادر في عدن إن القصف طال أحياء في حي الروضة بالمدينة.")
    ms = [m for m in geo.find_in_document(doc) if fold("الروضة") in fold(m.surface)]
    assert all(m.place.country == "YE" and m.place.kind == "populated place" for m in ms), [
        (m.surface, m.place.id) for m in ms]


@pytest.mark.parametrize("doc,surface,country", [
    # The Saudi capital after a direction, in a Saudi story.
    ("سقطت قذائف أطلقت من اليمن على جازان ونجران.\n"
     "وأعلنت الداخلية السعودية القبض على مطلقي النار على دورية شرق مدينة الرياض.",
     "الرياض", "SA"),
    # Jenin in the West Bank, in a Palestinian story.
    ("اقتحمت قوات الاحتلال مدينتي نابلس والخليل فجر اليوم.\n"
     "وأصيب شاب فلسطيني في مواجهات قرب مدينة جنين.", "جنين", "PS"),
])
def test_the_story_country_decides_among_namesakes(geo: Geocoder, doc: str, surface: str,
                                                   country: str) -> None:
    assert named(geo.find_in_document(doc), surface).place.country == country


@pytest.mark.parametrize("doc,word", [
    # "لكسب الوقت" (to gain time) in a Sudanese story is not Kessab in Syria.
    ("خرج محتجون في الخرطوم وأم درمان وبورتسودان على انقطاع المياه.\n"
     "ورأت المعارضة السودانية في دعوة الحوار محاولة لكسب الوقت.", "لكسب"),
    ("تظاهر سكان في الخرطوم وأم درمان وبورتسودان.\n"
     "ولم تنجح الانتخابات في كسب تأييد جديد للحكومة السودانية.", "كسب"),
])
def test_small_place_of_another_country_needs_more_than_a_cue(geo: Geocoder, doc: str,
                                                              word: str) -> None:
    ms = geo.find_in_document(doc)
    assert all(fold(word) not in fold(m.surface) for m in ms), [(m.surface, m.place.id)
                                                                for m in ms]


def test_unknown_place_of_the_story_is_no_village_abroad(geo: Geocoder) -> None:
    # Aden's palace quarter is not in the gazetteer; the Syrian village named
    # like it is not what a Yemeni story means.
    doc = ("دخلت قوات المقاومة مدينة عدن بعد معارك مع الحوثيين في لحج وتعز.\n"
           "وسيطرت المقاومة على منطقة المعاشيق بالكامل.")
    assert all(m.place.country == "YE" for m in geo.find_in_document(doc))


def test_a_syrian_story_still_reads_its_villages(geo: Geocoder) -> None:
    doc = ("قصفت قوات النظام مدينة حماة ومدينة حلب بالمدفعية.\n"
           "وسقطت قذائف على قرية القاهرة بسهل الغاب.")
    assert named(geo.find_in_document(doc), "القاهرة").place.country == "SY"


# ------------------------------------------------------------ nouns that describe

@pytest.mark.parametrize("text,absent,present", [
    # An indefinite noun in construct with the word after it describes.
    ("دارت معارك عنيفة في منطقة سهل الزبداني", "سهل", "الزبداني"),
    ("ربط المسلحون عبوات ناسفة في أرجل الماعز قرب مدينة عين العرب", "أرجل", "عين العرب"),
    # A noun with a direction adjective describes.
    ("تركزت الاشتباكات في منطقة الجبل الشرقي قرب حماة", "الجبل", "حماة"),
    # A country adjective is no village of its spelling.
    ("جرت المداهمات في عشر محافظات تركية وفي مدينة حلب", "تركية", "حلب"),
    ("أصيب جنود في هجوم على قاعدة عراقية قرب الموصل", "عراقية", "الموصل"),
])
def test_noun_describing_is_no_village(geo: Geocoder, text: str, absent: str,
                                       present: str) -> None:
    ms = geo.find(text)
    assert all(fold(absent) not in fold(m.surface) for m in ms), [(m.surface, m.place.id)
                                                                  for m in ms]
    named(ms, present)


@pytest.mark.parametrize("text,surface", [
    # The same words written as a village's name: bare after a feature word.
    ("قصف الطيران بلدة سهل الليلة", "سهل"),
    ("اشتباكات في قرية الجبل اليوم", "الجبل"),
    # A name that is not a word keeps the definite word after it.
    ("اشتباكات في بلدة المسيفرة الليلة", "المسيفرة"),
])
def test_village_names_still_found(geo: Geocoder, text: str, surface: str) -> None:
    named(geo.find(text), surface)


# ------------------------------------------------------------ a village placed by the name after it

@pytest.mark.parametrize("text,unknown,anchor,precision", [
    # No village of that name near the place the cue names: the namesake far
    # away is not meant; the place named after the cue codes the event.
    ("تجددت الغارات على مواقع للمسلحين في منطقة الطوال جنوب صنعاء", "الطوال", "صنعاء", 2),
    ("سيطرت فصائل المعارضة على تل الشيخ حسين بريف درعا الشرقي", "تل الشيخ", "درعا", 2),
])
def test_village_far_from_the_place_named_after_it_is_unknown(
        geo: Geocoder, text: str, unknown: str, anchor: str, precision: int) -> None:
    ms = geo.find(text)
    assert all(fold(unknown) not in fold(m.surface) for m in ms), [(m.surface, m.place.id)
                                                                   for m in ms]
    assert named(ms, anchor).precision == precision


@pytest.mark.parametrize("text,surfaces", [
    # A village near the place named after it stays.
    ("قصف على قرية القاهرة بسهل الغاب", ["القاهرة", "سهل الغاب"]),
    # A list is no placing: each item stands for itself.
    ("اشتباكات متقطعة في حمص وحماة وحلب", ["حمص", "حماة", "حلب"]),
])
def test_names_placed_or_listed_stay(geo: Geocoder, text: str, surfaces: list[str]) -> None:
    ms = geo.find(text)
    for s in surfaces:
        named(ms, s)


def test_a_word_after_the_name_anchors_nothing(geo: Geocoder) -> None:
    # "الشعبية" of "المقاومة الشعبية" is a Yemeni village's name too; read as a
    # word it must not pull Taiz towards a hamlet of that name beside it.
    doc = ("قصفت طائرات التحالف مواقع في صنعاء وعدن ولحج.\n"
           "وفي مدينة تعز تقدم مقاتلو المقاومة الشعبية في عدة أحياء.")
    m = named(geo.find_in_document(doc), "تعز")
    assert m.place.country == "YE" and m.place.lat < 14.0  # the city, not the Hajjah hamlet
