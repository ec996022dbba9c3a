"""Cue words around place names, folded, and the homograph list.

Feature words (مدينة، بلدة …) say what kind of place follows; relation words
(في، قرب، محيط، من محور …) say how the event relates to it and so set the
ACLED geo-precision; country words give disambiguation context.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rasd.clean.word_sets import word_set
from rasd.errors import GazetteerError


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


HOMOGRAPHS_PATH = Path(__file__).resolve().parents[1] / "data" / "geo_homographs.tsv"

# Feature word → the gazetteer kinds it points at (first preferred).
POPULATED = ("populated place", "admin3", "admin2", "area")
FEATURES: dict[str, tuple[str, ...]] = {
    **{w: POPULATED for w in (
        "مدينه", "بلده", "قريه", "مدينتي", "بلدتي", "قريتي", "مدن", "بلدات", "قري", "مزرعه",
        "مزارع", "حي", "احياء", "حيي", "مخيم", "مخيمات", "تجمع", "ضيعه", "مدينتا", "بلدتا",
        "قريتا", "بلدتين", "قريتين", "مدينتين",
    )},
    "ناحيه": ("admin3", "populated place"),
    "نواحي": ("admin3", "populated place"),
    "منطقه": ("populated place", "admin2", "admin3", "region", "facility"),
    "مناطق": ("populated place", "admin2", "admin3", "region"),
    # The dual opens a list of two (``منطقتي دار سعد والعلم``).
    "منطقتي": ("populated place", "admin2", "admin3", "region"),
    "منطقتين": ("populated place", "admin2", "admin3", "region"),
    "قضاء": ("admin2", "populated place"),
    # Yemen's districts (rasd.geo.wof_units).
    "مديريه": ("admin2", "populated place"),
    "مديريتي": ("admin2", "populated place"),
    "محافظه": ("admin1",),
    "محافظتي": ("admin1",),
    "محافظتا": ("admin1",),
    "ولايه": ("admin1", "populated place"),
    # A dam is named after the village beside it ("سد كوكب"): coded at the village.
    "سد": ("facility", "populated place"),
}
# Features that say little about the kind of place ("منطقة هجين" is the town
# or its district alike).
LOOSE_FEATURES = word_set("loose_feature")
# Features after which an unknown word is tried as a misspelt place name.
FUZZY_FEATURES = word_set("fuzzy_feature")
# Features that name the one place after them. A generic noun (level 3: المدينة،
# البلدة، المخيم) is a name only after one of these ("ناحية المدينة"); after a
# plural it is the container of the places counted ("أحياء المدينة", "قرى
# الريف": the city's neighbourhoods, the countryside's villages).
NAMING_FEATURES = word_set("naming_feature")

# Relation words before a name (after proclitics are stripped) and the
# geo-precision they imply when the event is located at the named place.
RELATIONS: dict[str, int] = {
    "في": 1, "داخل": 1, "وسط": 1, "عند": 1, "على": 1, "الي": 1, "نحو": 1, "باتجاه": 1,
    "اتجاه": 1, "تجاه": 1, "من": 1, "محور": 1, "جبهه": 1, "مدخل": 1, "قلب": 1,
    "محيط": 1, "اطراف": 1, "مشارف": 1, "تخوم": 1, "ضواحي": 1, "اطرافها": 1, "حدود": 2,
    "قرب": 2, "القرب": 2, "مقربه": 2, "جوار": 2, "بمحاذاه": 2, "محاذاه": 2, "قباله": 2,
    "شرق": 2, "غرب": 2, "شمال": 2, "جنوب": 2, "شرقي": 2, "غربي": 2, "شمالي": 2,
    "جنوبي": 2, "ريف": 2, "بادیه": 2, "باديه": 2, "جيب": 2, "جزيره": 2,
}
# Relations that are strong cues for homographs.
STRONG_RELATIONS = word_set("strong_relation")
# Relations that put an event inside the place: the "في" of the cues.
SCENE_RELATIONS = word_set("scene_relation")
# Words skipped when looking back for a relation: "قرب جسر مدينة الميادين"; منها and
# بينها: "مناطق منها الوهط", "قرى من بينها X", the feature before "among them".
SKIP_BACK = word_set("skip_back")
# Plural and dual features: the list they open goes on after "و" ("بلدتي X وY",
# "قرى X وY"), each item named by the feature.
LIST_FEATURES = word_set("list_feature")
DIRECTION_ADJ = word_set("direction_adjective")

# Event words: "اشتباكات في X" makes X a scene even when X is also a word.
EVENT_WORDS = word_set("geo_event_word")

# Words before a name that make it a person's: titles, the second half of
# compound given names ("عبد الله العبيدي") and common given names (a town
# name after one is a family name). Not "علي": folded, it is also "على".
PERSON_BEFORE = word_set("person_before")

# Whole tokens that never start a place name, not even as clitic + name:
# given names whose tail is a village's name ("فاطمة" = ف + أطمة) and verbs.
NEVER_PLACES = word_set("never_place")

# First words of compound village names: "كفر داعل" is not the town داعل.
NAME_HEADS = word_set("name_head")
# Streets and squares are named after towns and ideas ("ساحة الكرامة" in
# Suwayda, "شارع بغداد" in Damascus): the name after them is the street's.
STREET_HEADS = word_set("street_head")

# Adjectives of countries that are also given names ("تركي الفيصل").
GIVEN_NAMES = word_set("given_name_adjective")
# Country mentions that count as context for disambiguation.
COUNTRY_WORDS: dict[str, str] = {}
for _code, _names in {
    "SY": "سوريا سوريه السوريه السوري السوريين السوريون",
    "IQ": "العراق العراقيه العراقي العراقيين العراقيون",
    "LB": "لبنان اللبنانيه اللبناني",
    "TR": "تركيا التركيه التركي",
    "IR": "ايران الايرانيه الايراني",
    "YE": "اليمن اليمنيه اليمني",
    "LY": "ليبيا الليبيه الليبي",
    "JO": "الاردن الاردنيه الاردني",
    "EG": "مصر المصريه المصري",
    "SA": "السعوديه السعودي",
    "PS": "فلسطين الفلسطينيه الفلسطيني",
    "TN": "تونس التونسيه التونسي",
    "DZ": "الجزائر الجزائريه الجزائري",
    "MA": "المغرب المغربيه المغربي",
    "SD": "السودان السودانيه السوداني",
    "KW": "الكويت الكويتيه الكويتي",
    "QA": "قطر القطريه القطري",
    "BH": "البحرين البحرينيه البحريني",
    "AE": "الامارات الاماراتيه الاماراتي",
    "OM": "عمان العمانيه العماني",
    "SO": "الصومال الصوماليه الصومالي",
    "MR": "موريتانيا الموريتانيه الموريتاني",
}.items():
    for _w in _names.split():
        COUNTRY_WORDS[_w] = _code
        if _w.startswith("ال") and _w.endswith(("ي", "يه")) and _w[2:] not in GIVEN_NAMES:
            # The indefinite adjective too ("محافظة تركية", "قوات عراقية"):
            # a village named like it is an adjective first.
            COUNTRY_WORDS.setdefault(_w[2:], _code)


# Country names (folded, with and without the article): a token that reads as
# one is never a clitic + village ("لبنان" ≠ ل + بنان).
COUNTRY_NAMES = frozenset(COUNTRY_WORDS) | _words("""
لبنان سوريا سوريه العراق تركيا ايران اليمن ليبيا الاردن مصر السعوديه فلسطين الكويت قطر
البحرين الامارات عمان تونس الجزائر المغرب موريتانيا السودان الصومال جيبوتي روسيا امريكا
اميركا الولايات فرنسا بريطانيا المانيا ايطاليا اسبانيا اليونان الصين اليابان الهند باكستان
افغانستان اسرائيل اثيوبيا ارتيريا تشاد النيجر مالي نيجيريا كينيا اوكرانيا بلجيكا هولندا
السويد النمسا سويسرا كندا البرازيل الارجنتين المكسيك فنزويلا كوبا اندونيسيا ماليزيا
بنغلاديش الفلبين كوريا استراليا ارمينيا اذربيجان جورجيا قبرص مالطا البوسنه صربيا
""")


@dataclass(frozen=True, slots=True)
class Homographs:
    levels: dict[str, int]
    vetoes: frozenset[str]  # squashed phrases

    def level(self, key: str) -> int:
        return self.levels.get(key, 0)


def read_homographs(path: Path) -> Homographs:
    from rasd.geo.text import fold

    levels: dict[str, int] = {}
    vetoes: set[str] = set()
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError as exc:
        raise GazetteerError(f"cannot read {path}: {exc}") from exc
    for ln in lines:
        if not ln.strip() or ln.startswith("#") or ln.startswith("word\t"):
            continue
        a, _, b = ln.partition("\t")
        if a == "veto":
            vetoes.add(fold(b).replace(" ", ""))
        else:
            try:
                levels[fold(a).replace(" ", "")] = int(b)
            except ValueError as exc:
                raise GazetteerError(f"{path}: bad line {ln!r}") from exc
    return Homographs(levels, frozenset(vetoes))


@cache
def default_homographs() -> Homographs:
    return read_homographs(HOMOGRAPHS_PATH)
