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

from collections.abc import Mapping, Sequence

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
# Candidates scoring within this of the best are tied ...
TIE_MARGIN = 0.5
# ... and only a tie between places further apart than this is undecided.
TIE_KM = 10.0


def anchors_of(hits: Sequence[Hit], toks: Sequence[Token],
               resolved: Mapping[int, Sequence[Place]]) -> dict[int, list[Place]]:
    """For each hit (by ``id``), the places of the hits named right after it in
    the same clause (``resolved`` holds the places chosen for firm hits)."""
    out: dict[int, list[Place]] = {}
    for n, h in enumerate(hits):
        for o in hits[n + 1:]:
            if o.i - h.j > ANCHOR_GAP or any(t.brk_after for t in toks[h.j - 1:o.i]):
                break
            # A name not yet resolved still anchors when its candidates lie
            # together (حماة the city, its district and governorate).
            # Village namesakes far away (a Somali حماة) do not count against it.
            towns = [q for q in o.places if not is_village_level(q)] or o.places
            places = resolved.get(id(o)) or (towns if _together(towns) else ())
            if places:
                out.setdefault(id(h), []).extend(places)
                break
    return out


def _together(places: Sequence[Place]) -> bool:
    return bool(places) and all(distance_km(places[0], q) <= NEAR_ANCHOR_KM for q in places)


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
        uid = f"ocha:{prefix}"
        if uid in gaz:
            unit = gaz.get(uid)
            return unit, (3 if unit.kind == "admin1" else 2)
        prefix = prefix[:-1]
    return None
