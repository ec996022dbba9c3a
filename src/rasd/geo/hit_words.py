"""Tests of words and hits that the geocoder's scan and its resolution share.

Module-level and stateless: which city a quarter belongs to, whether a feature
word names a hit, what a word says of a country, and the other small questions
asked of every hit; the memoised ones (``lru_cache``) are asked of every token.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import lru_cache

from rasd.clean.word_sets import word_set
from rasd.geo.cues import COUNTRY_WORDS, FUZZY_FEATURES, LIST_FEATURES, NAMING_FEATURES
from rasd.geo.gazetteer import distance_km
from rasd.geo.match import Hit
from rasd.geo.text import Token, proclitic_splits, squash
from rasd.geo.words import is_village_level
from rasd.models import Location, Place, PlaceMention

# Fewer people than this make a small place: it needs more cueing to be read as a
# place, and after a quarter word it may be part of a city nearby.
SMALL_PLACE = 5000
# How many tokens apart two names (a place and its country, or a firmly placed
# name) still read as near each other.
NEARBY_TOKENS = 12
# Features naming a town's neighbourhood.
QUARTER_FEATURES = word_set("quarter_feature")
# A small place named as a quarter (``حي دار سعد``، ``حي الشرطة الرابعة``) close to a
# city the text names is a part of that city, coded at it (event-coding.md §4;
# tests/gold/README.md "Places"). A city whose parts are lifted to it, and how far
# from its point a part may lie (Dar Saad 12 km from Aden's, al-Shurta 14 km from
# Baghdad's; Sabr, 28 km north of Aden, is a place of its own).
PART_CITY_POP = 150_000
PART_REACH_KM = 15.0
# Feature words that name a city: a country word right after one names its capital.
CITY_FEATURES = word_set("city_feature")
# The mark that opens a hashtag: social-media text tags the places it is about.
HASHTAG = "#"


def quarter_city(p: Place, h: Hit, ctx: Sequence[Place]) -> Place | None:
    """The city the text names that a small place after a quarter word lies in, else
    None (``city_of_part``)."""
    if h.feature not in QUARTER_FEATURES:
        return None
    return city_of_part(p, ctx)


def stray_quarter(p: Place, h: Hit, ctx: Sequence[Place],
                  big_cities: Sequence[Place]) -> list[Place] | None:
    """The cities of ``PART_CITY_POP`` people or more that the text names when ``p``, a
    small place named after a quarter word, is a village far from all of them and no
    quarter of another large city either (beyond ``PART_REACH_KM`` of all
    ``big_cities``, the gazetteer's): the quarter is of a city the text names, not the
    village. None when ``p`` may be the quarter meant. ``حي الحصبة`` in a story of Sanaa
    is not the Taiz village of that name; ``حي دار سعد`` stays Aden's anywhere."""
    if h.feature not in QUARTER_FEATURES or not is_small(p):
        return None
    cities = distinct(c for c in ctx if c.kind == "populated place"
                      and c.population >= PART_CITY_POP and c.id != p.id)
    if not cities or any(distance_km(p, c) <= PART_REACH_KM for c in cities) \
            or city_of_part(p, big_cities) is not None:
        return None
    return cities


def is_small(p: Place) -> bool:
    """A populated place or area of fewer than ``SMALL_PLACE`` people."""
    return p.kind in ("populated place", "area") and p.population < SMALL_PLACE


def city_of_part(p: Place, cities: Sequence[Place]) -> Place | None:
    """The largest city of ``cities`` (``PART_CITY_POP`` people or more) within
    ``PART_REACH_KM`` of the small place ``p``, else None."""
    if not is_small(p):
        return None
    near = [c for c in cities if c.kind == "populated place" and c.population >= PART_CITY_POP
            and c.id != p.id and distance_km(p, c) <= PART_REACH_KM]
    return max(near, key=lambda c: c.population, default=None)


def carry_list_feature(prev: Hit, h: Hit, toks: list[Token]) -> None:
    """"بلدتي المسيفرة وأم ولد", "مناطق منها الوهط وصبر": a plural or dual feature
    names every item of the list it opens, not only the first."""
    if h.feature is not None or h.relations or prev.feature not in LIST_FEATURES:
        return
    if h.i == prev.j and h.clitic.startswith("و"):
        joined = True
    else:  # "و" written apart: "المحلة و الجلاجل"
        joined = h.i == prev.j + 1 and toks[prev.j].key == "و" and h.consumed == 0
    if joined and not any(t.brk_after for t in toks[prev.j - 1:h.i]):
        h.feature = prev.feature


def feature_names(h: Hit) -> bool:
    """Whether a feature word before ``h`` names it as a place ("قرية الجيب"); a name
    of several words is no generic noun, so a plural or dual feature names it too
    ("بلدتي المسيفرة وأم ولد")."""
    return h.feature in NAMING_FEATURES or (h.j - h.i > 1 and h.feature in LIST_FEATURES)


def within(positions: Sequence[int], i: int) -> bool:
    """Whether a position of ``positions`` (ascending) is within ``NEARBY_TOKENS`` of ``i``."""
    k = bisect_left(positions, i - NEARBY_TOKENS)
    return k < len(positions) and positions[k] <= i + NEARBY_TOKENS


def one_country_towns(hits: Sequence[Hit], base: Sequence[int]) -> list[Place]:
    """Names needing no cue whose towns and units all lie in one country (one each)."""
    out: dict[str, Place] = {}
    for h, b in zip(hits, base, strict=True):
        if b != 0 or h.key in out:
            continue
        towns = [p for p in h.places if not is_village_level(p)]
        if towns and all(p.country == towns[0].country for p in towns):
            out[h.key] = towns[0]
    return list(out.values())


def distinct(places: Iterable[Place]) -> list[Place]:
    """Each place once, in first-seen order."""
    return list({p.id: p for p in places}.values())


# Word endings whose swap makes another word, not a misspelling: الراشدين
# (plural) and الراشدية (a place) are two names.
WORD_ENDINGS = ("ين", "يه", "ون", "ات", "ان", "ه", "ي", "")


# First words of person names (folded): a village name starting with one
# needs a feature word before it.
PERSON_HEADS = word_set("person_head")


# Every reading of a word (``proclitic_splits``) is one of its endings, or an ending with
# the article restored (as for ``FUZZY_TAILS``): a word ending in no country word names
# none, answered in C without a memo entry (the geocoder asks of every distinct word of
# every text: a bounded memo of them all was refilled many times over in a corpus run).
COUNTRY_TAILS = tuple(sorted({t for w in COUNTRY_WORDS
                              for t in (w, w[2:] if w.startswith("ال") else w) if t}))


def country_word(key: str) -> str | None:
    """The country a word names (``سوريا``, ``والعراقية``), by its first reading
    that is a country word."""
    return _country_word(key) if key.endswith(COUNTRY_TAILS) else None


@lru_cache(maxsize=1 << 14)
def _country_word(key: str) -> str | None:
    # Remembered per word, since every text's words are asked.
    for _, stem, _ in proclitic_splits(key):
        code = COUNTRY_WORDS.get(stem)
        if code:
            return code
    return None


# Every reading of a word (``proclitic_splits``) is one of its endings, or an ending with
# the article restored: a word that ends in no feature word (nor in one less its
# article) reads as none, which the scan asks of nearly every word.
FUZZY_TAILS = tuple(sorted({t for f in FUZZY_FEATURES
                             for t in (f, f[2:] if f.startswith("ال") else f) if t}))


def feature_word(key: str) -> bool:
    """Whether a word (proclitics allowed) is a feature word after which a
    misspelt name is looked for (``قرية``, ``وبلدة``)."""
    return key.endswith(FUZZY_TAILS) and feature_reading(key)


@lru_cache(maxsize=1 << 14)
def feature_reading(key: str) -> bool:
    return any(s in FUZZY_FEATURES for _, s, _ in proclitic_splits(key))


@lru_cache(maxsize=1 << 14)
def name_key(name: str) -> str:
    return squash(name)


def own_ids(h: Hit) -> set[str]:
    return {q.id for q in h.places}


def only_ending_differs(key: str, match: str) -> bool:
    """Whether two keys differ only by swapping one word ending for another."""
    for a in WORD_ENDINGS:
        for b in WORD_ENDINGS:
            if a != b and key.endswith(a) and match.endswith(b) and \
                    key[:len(key) - len(a)] == match[:len(match) - len(b)]:
                return True
    return False


def mention_to_location(m: PlaceMention) -> Location:
    """The output record's location for a resolved mention."""
    p = m.place
    return Location(
        name=p.name, name_ar=p.name_ar, lat=p.lat, lon=p.lon, precision=m.precision,
        gazetteer_id=p.id, admin1=p.admin1, admin2=p.admin2, country=p.country,
    )


def after_city_feature(toks: list[Token], k: int) -> bool:
    """Whether token ``k`` follows a city feature word, perhaps with one country
    adjective between ("مدينة الكويت"، "العاصمة الأردنية عمان")."""
    for back in (1, 2):
        j = k - back
        if j < 0 or toks[j].brk_after:
            return False
        if any(stem in CITY_FEATURES for _, stem, _ in proclitic_splits(toks[j].key)):
            return True
        if country_word(toks[j].key) is None:
            return False
    return False


def opens_tag(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a hashtag (``#حضرموت``، ``#بالخرج``)."""
    return start > 0 and text[start - 1] == HASHTAG

