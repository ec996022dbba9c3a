"""What the article says around a name, for choosing among namesakes.

Village names repeat: there are dozens of ``المنصورة`` and ``القاهرة``. Reporters
place a village by what they write next to it: the plain, district or governorate
(``بسهل الغاب``، ``بريف حماة الشمالي``), a direction from a town (``جنوب صنعاء``).
:func:`anchors_of` finds, for each name, the places named right after it; the
geocoder's score then favours candidates near those anchors or in their unit.
When the scores still tie, :func:`common_unit` gives the smallest admin unit
holding the tied candidates, coded with that unit's precision instead of a guess.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from rasd.clean.word_sets import word_set
from rasd.geo.cues import COUNTRY_WORDS
from rasd.geo.gazetteer import Gazetteer, distance_km
from rasd.geo.match import Hit
from rasd.geo.text import Token
from rasd.geo.words import is_village_level
from rasd.models import Place

# An anchor is named at most this many tokens after the name ("قرية X في ريف Y").
ANCHOR_GAP = 4
NEAR_ANCHOR_KM = 60.0
ANCHOR_BONUS = 4.0
SAME_UNIT_BONUS = 2.0
# Unit words before an anchor ("X بمحافظة أبين", "X التابعة لناحية Y").
UNIT_WORDS = word_set("unit_word")
# Words that may stand between a name and the country placing it, after ``في`` or a
# glued ب- (``دجلة في أقصى جنوب شرق تركيا``، ``X بشمال سوريا``), folded.
TO_COUNTRY = word_set("to_country")
# Tokens after a name within which the country placing it must be named.
COUNTRY_REACH = 5
# Candidates scoring within this of the best are tied ...
TIE_MARGIN = 0.5
# ... and only a tie between places further apart than this is undecided.
TIE_KM = 10.0


def places_by_cue(o: Hit) -> bool:
    """Whether a name says where the name before it lies: read after a relation
    or a unit word ("X جنوب صنعاء", "X بريف حلب", "X بمحافظة أبين"), not as the
    next item of a list ("حمص وحماة")."""
    return bool(o.relations) or o.feature in UNIT_WORDS


def anchors_of(hits: Sequence[Hit], toks: Sequence[Token],
               resolved: Mapping[int, Sequence[Place]], *, words: Collection[int] = (),
               placing: bool = False) -> dict[int, list[Place]]:
    """For each hit (by ``id``), the places of the hits named right after it in
    the same clause (``resolved`` holds the places chosen for firm hits): after
    a cue that places it, or as the next item of a list ("قرى X وY"); with
    ``placing``, only the former. Hits in ``words`` (by ``id``: names read as
    words here, "المقاومة الشعبية") anchor nothing."""
    out: dict[int, list[Place]] = {}
    for n, h in enumerate(hits):
        for k in range(n + 1, len(hits)):  # no copy of the rest: the loop stops early
            o = hits[k]
            if o.i - h.j > ANCHOR_GAP or any(t.brk_after for t in toks[h.j - 1:o.i]):
                break
            if id(o) in words or not (places_by_cue(o) or (o.i == h.j and not placing)):
                continue
            # A name not yet resolved still anchors when its candidates lie
            # together (حماة the city, its district and governorate).
            # Village namesakes far away (a Somali حماة) do not count against it.
            towns = [q for q in o.places if not is_village_level(q)] or o.places
            places = resolved.get(id(o)) or anchor_towns(towns)
            if places:
                out.setdefault(id(h), []).extend(places)
                break
    if placing:
        _share_with_list(hits, out)
    return out


def _list_next(h: Hit, o: Hit) -> bool:
    """Whether ``o`` is the next item of a list after ``h`` ("المحلة والجلاجل")."""
    return o.i == h.j and o.clitic.startswith("و") and not o.relations


def _share_with_list(hits: Sequence[Hit], out: dict[int, list[Place]]) -> None:
    """"منطقة المحلة والجلاجل التي تبعد عن الحوطة": the place that places the
    last item of a list places the items before it too (filled from the end)."""
    for n in range(len(hits) - 2, -1, -1):
        h, o = hits[n], hits[n + 1]
        if id(h) not in out and id(o) in out and _list_next(h, o):
            out[id(h)] = out[id(o)]


# Relations after which a name says where the name before it lies, whatever
# that name is: a direction, the countryside or nearness ("X شمال الضالع", "X بريف
# درعا", "X قرب Y", "X التي تبعد عن Y").
PLACING_RELATIONS = word_set("placing_relation")


def placed_by_direction(hits: Sequence[Hit], toks: Sequence[Token], *,
                        words: Collection[int] = ()) -> set[int]:
    """The hits (by ``id``) that a place named right after them, in the same
    clause, places by a direction, the countryside or a unit word ("سناح شمال
    مدينة الضالع", "النخيلة بمديرية المسيمير"): a name so placed is a place,
    not a word, whatever cue stands before it. Hits in ``words`` place nothing."""
    out: set[int] = set()
    for n, h in enumerate(hits):
        for o in hits[n + 1:]:
            if o.i - h.j > ANCHOR_GAP or any(t.brk_after for t in toks[h.j - 1:o.i]):
                break
            if id(o) in words:
                continue
            # A unit word with "ب-" glued to it ("X بمحافظة Y"), or after "في" when
            # the name has a cue of its own ("بمنطقة X في محافظة Y"); not "X
            # ومحافظة Y" (a list) nor "ما رصد في محافظة Y" (a verb, then where).
            glued = o.i > 0 and toks[o.i - 1].key.startswith("ب")
            cued = bool(o.relations) and (h.feature is not None or bool(h.relations))
            unit = o.feature in UNIT_WORDS and (glued or cued)
            # Only the cue words stand between: "X شمال مدينة Y", not "X قتل شمال Y".
            adjacent = o.i - h.j <= len(o.relations) + (o.feature is not None)
            if adjacent and (unit or any(r in PLACING_RELATIONS for r in o.relations)):
                out.add(id(h))
            break
    for n in range(len(hits) - 2, -1, -1):
        if id(hits[n + 1]) in out and _list_next(hits[n], hits[n + 1]):
            out.add(id(hits[n]))
    return out


# Compass words (folded) of a placing cue: "جنوب Y", "بريف Y الجنوبي".
COMPASS = {
    **dict.fromkeys(("شمال", "شمالي", "الشمالي", "الشماليه"), "N"),
    **dict.fromkeys(("جنوب", "جنوبي", "الجنوبي", "الجنوبيه"), "S"),
    **dict.fromkeys(("شرق", "شرقي", "الشرقي", "الشرقيه"), "E"),
    **dict.fromkeys(("غرب", "غربي", "الغربي", "الغربيه"), "W"),
}
# Score for a candidate lying the way the cue says from the place named.
TOWARD_BONUS = 2.0


def placing_directions(hits: Sequence[Hit], toks: Sequence[Token]) -> dict[int, str]:
    """For each hit (by ``id``) placed by a compass cue after it, the compass
    letters ("X جنوب شرق Y" → "ES", "X بريف حلب الجنوبي" → "S"); the items of a
    list before it share them."""
    out: dict[int, str] = {}
    for n, h in enumerate(hits):
        for o in hits[n + 1:]:
            if o.i - h.j > ANCHOR_GAP or any(t.brk_after for t in toks[h.j - 1:o.i]):
                break
            if not places_by_cue(o):
                continue
            letters = {COMPASS[r] for r in o.relations if r in COMPASS}
            if o.j < len(toks) and not toks[o.j - 1].brk_after and toks[o.j].key in COMPASS:
                letters.add(COMPASS[toks[o.j].key])
            if letters:
                out[id(h)] = "".join(sorted(letters))
            break
    for n in range(len(hits) - 2, -1, -1):
        h, o = hits[n], hits[n + 1]
        if id(h) not in out and id(o) in out and _list_next(h, o):
            out[id(h)] = out[id(o)]
    return out


def toward_bonus(p: Place, anchors: Sequence[Place], letters: str) -> float:
    """:data:`TOWARD_BONUS` when ``p`` lies the way ``letters`` say from a place
    it is placed at ("المنطار بريف حلب الجنوبي": the one south of Aleppo)."""
    # A governorate's centre says little of which way its villages lie: the
    # town of the name, when the anchor has one, is the point to look from.
    towns = [a for a in anchors if a.kind == "populated place"] or anchors
    for a in towns:
        if a.id == p.id or distance_km(p, a) > REACH_KM.get(a.kind, NEAR_ANCHOR_KM):
            continue
        if all((c == "N" and p.lat > a.lat) or (c == "S" and p.lat < a.lat)
               or (c == "E" and p.lon > a.lon) or (c == "W" and p.lon < a.lon)
               for c in letters):
            return TOWARD_BONUS
    return 0.0


def _together(places: Sequence[Place]) -> bool:
    return bool(places) and all(distance_km(places[0], q) <= NEAR_ANCHOR_KM for q in places)


# A town this large is what a reporter means by a bare name placing another
# ("الطاش جنوب الرمادي"): a namesake hamlet of no known size elsewhere does not
# make the anchor ambiguous.
ANCHOR_TOWN = 50_000


def anchor_towns(towns: Sequence[Place]) -> Sequence[Place]:
    """The candidates of an unresolved anchor that place the name before it: all of
    them when they lie together (حماة the city, its district and governorate), else
    those around its one large town when the rest are hamlets of no known size
    (Ramadi, its district, not a Yemeni Ar Ramadi of population 0); else none."""
    if _together(towns):
        return towns
    big = [q for q in towns if q.population >= ANCHOR_TOWN]
    if len(big) != 1:
        return ()
    near = [q for q in towns if distance_km(big[0], q) <= NEAR_ANCHOR_KM]
    if any(q.population > 0 and q not in near for q in towns):
        return ()
    return near


def anchor_bonus(p: Place, anchors: Sequence[Place]) -> float:
    """How much the places named next to a name vouch for candidate ``p``."""
    best = 0.0
    for a in anchors:
        if a.id == p.id:
            continue
        if a.kind.startswith("admin") and a.admin_pcode and (
                (p.admin_pcode or "").startswith(a.admin_pcode)):
            best = max(best, ANCHOR_BONUS)  # in the district/governorate named
        elif distance_km(p, a) <= NEAR_ANCHOR_KM:
            best = max(best, ANCHOR_BONUS)
        elif p.admin1_ar and p.admin1_ar == a.admin1_ar and p.country == a.country:
            best = max(best, SAME_UNIT_BONUS)
    return best


# How far a place named as where another lies reaches: a governorate or a plain
# spreads further than a town.
REACH_KM = {"admin1": 150.0, "admin2": 80.0, "admin3": 60.0, "region": 80.0}


# A neighbourhood ("حي اليرموك غربي بعقوبة") lies in the town named after it.
NEIGHBOURHOOD_KM = 30.0


def placed_elsewhere(p: Place, placing: Sequence[Place], *, quarter: bool = False) -> bool:
    """Whether ``p`` lies outside every unit and beyond the reach of every place
    a cue says it lies at ("حزيز جنوب صنعاء" for a حزيز 140 km from Sanaa).
    ``quarter``: the name is a neighbourhood's (after "حي"), which lies within
    :data:`NEIGHBOURHOOD_KM` of a town named after it, not merely in its area."""
    for a in placing:
        if a.id == p.id:
            return False
        town = quarter and a.kind == "populated place"
        if not town and a.kind.startswith("admin") and a.admin_pcode and (
                (p.admin_pcode or "").startswith(a.admin_pcode)):
            return False
        reach = NEIGHBOURHOOD_KM if town else REACH_KM.get(a.kind, NEAR_ANCHOR_KM)
        if distance_km(p, a) <= reach:
            return False
    return bool(placing)


def common_unit(gaz: Gazetteer, tied: Sequence[Place]) -> tuple[Place, int] | None:
    """The smallest admin unit holding every tied candidate and the precision to
    code it at (2 for a district or subdistrict, 3 for a governorate), or ``None``
    when the candidates are close enough to be one place or share no unit."""
    if len(tied) < 2 or all(distance_km(tied[0], q) <= TIE_KM for q in tied[1:]):
        return None
    codes = [q.admin_pcode or "" for q in tied]
    if not all(codes):
        return None
    prefix = codes[0]
    for c in codes[1:]:
        k = 0
        while k < min(len(prefix), len(c)) and prefix[k] == c[k]:
            k += 1
        prefix = prefix[:k]
    # Walk up to the longest prefix that is an admin unit's p-code.
    while prefix:
        # OCHA's units (Syria, Iraq) or those of the WOF hierarchy (rasd.geo.wof_units).
        for uid in (f"ocha:{prefix}", f"unit:{prefix}"):
            if uid in gaz:
                unit = gaz.get(uid)
                return unit, (3 if unit.kind == "admin1" else 2)
        prefix = prefix[:-1]
    return None


def placed_in_country(h: Hit, toks: Sequence[Token]) -> tuple[str | None, bool]:
    """The country the words right after a name place it in, and whether they say so
    firmly. ``مدينة دجلة في أقصى …`` Turkey، ``X بشمال سوريا``: a country named
    after ``في`` (or a glued ب-) and compass words is where the place lies, so a
    namesake elsewhere is not it (firm). ``مدينة سروج التركية``: a country adjective
    right after the name prefers the namesake of that country (not firm: ``الجولان
    السوري`` may be filed under another country). Nothing reads through a clause
    break, and ``من داخل الأراضي اليمنية`` (where a shell came from) places nothing."""
    k = h.j
    if k >= len(toks) or toks[k - 1].brk_after:
        return None, False
    first = toks[k].key
    if first.startswith("ال") and first in COUNTRY_WORDS:
        return COUNTRY_WORDS[first], False
    opened = first == "في" or (first.startswith("ب") and first[1:] in TO_COUNTRY)
    if not opened:
        return None, False
    for n in range(k + (first == "في"), min(len(toks), k + COUNTRY_REACH)):
        key = toks[n].key
        bare = key[1:] if n == k and key.startswith("ب") else key
        if bare in COUNTRY_WORDS:
            return COUNTRY_WORDS[bare], True
        if bare not in TO_COUNTRY or toks[n].brk_after:
            break
    return None, False
