"""Governorates and districts outside Syria and Iraq, from Who's On First's hierarchy.

No boundary source is at hand for Yemen, Lebanon, Jordan, Libya or Sudan, yet
the press places most events there by them: "محافظة أبين"، "مديرية الجدعان"،
"قضاء زحلة". Who's On First files each village under its governorate and
district; the villages sharing one give the unit. It is coded at its seat (the
town of its name inside it, from the older sources) or, with none, at the
median of its villages, and it gets a p-code of its own (``W`` + country +
numbers) that its villages carry too: namesakes the context cannot tell apart
are then coded at the smallest unit holding them all, as in Syria and Iraq.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from statistics import median
from typing import TYPE_CHECKING

from rasd.geo.geodesy import haversine_km
from rasd.geo.text import squash
from rasd.geo.words import VILLAGE_SOURCES, default_words

if TYPE_CHECKING:
    from rasd.geo.gazetteer_sources import Row

# Countries whose units come from the WOF hierarchy (Syria and Iraq have OCHA's;
# Palestine's two "governorates" are the West Bank and Gaza, curated regions).
UNIT_COUNTRIES = ("YE", "LB", "JO", "LY", "SD")
UNIT_ID = "unit:"
# A unit is kept when at least this many villages are filed under it.
MIN_VILLAGES = 3
# A town of the unit's name is its seat when it lies this close to the median of
# the unit's villages (a governorate spreads further than a district).
SEAT_KM = {"admin1": 120.0, "admin2": 60.0}
# A town takes the unit of the nearest WOF village within this distance.
NEAREST_KM = 10.0
# Unit words WOF writes into the names ("مديرية أحور", "قضاء عكار", "ولاية الشمالية").
_UNIT_WORDS = ("مديرية ", "محافظة ", "قضاء ", "ولاية ", "لواء ")
# Words starting with "و" that are no conjunction ("وادي": a valley).
_NOT_AND = frozenset({"وادي", "وادى", "والي"})
# An alias shorter than this would be a common word more often than a district.
MIN_ALIAS_LETTERS = 3
_MARKS = re.compile("[\u064b-\u0652\u0670\u200e\u200f\u200c\u200d]")


def unit_name(raw: str) -> str:
    """The unit's name as the press writes it after its feature word."""
    name = " ".join(_MARKS.sub("", raw).split())
    for w in _UNIT_WORDS:
        if name.startswith(w) and len(name) > len(w) + 1:
            return name[len(w):]
    return name


def unit_aliases(name: str) -> list[str]:
    """Shorter names the press gives a district whose WOF name is longer.

    * a district joining two areas ("سنحان وبني بهلول", "مشرعة وحدنان") is
      reported by its first one ("مديرية سنحان");
    * a final hamza after alif is often not written ("شداء" / "شدا").
    """
    words = name.split()
    out: list[str] = []
    joined = [i for i, w in enumerate(words) if i > 0 and w.startswith("و") and w not in _NOT_AND]
    if joined:
        head = " ".join(words[:joined[0]])
        if len(squash(head)) >= MIN_ALIAS_LETTERS:
            out.append(head)
    for n in (name, *out):
        if n.endswith("اء") and len(squash(n)) > MIN_ALIAS_LETTERS:
            out.append(n[:-1])
    return out


def _reads_as_word(name: str) -> bool:
    """Whether the news writes the name (or a shorter alias) mostly as a word
    ("مديرية صباح": "صباح", morning): such a unit, new from unnamed villages,
    would turn the word into a place."""
    words = default_words()
    return any(squash(n) in words for n in (name, *unit_aliases(name)))


def _members(places: Sequence[Row]) -> dict[tuple[str, str, str], list[Row]]:
    """The WOF villages of each (country, governorate, district or "")."""
    members: dict[tuple[str, str, str], list[Row]] = {}
    for p in places:
        if p.country in UNIT_COUNTRIES and p.id.startswith("wof:") and p.admin1_ar:
            a1 = unit_name(p.admin1_ar)
            members.setdefault((p.country, a1, ""), []).append(p)
            if p.admin2_ar:
                members.setdefault((p.country, a1, unit_name(p.admin2_ar)), []).append(p)
    return members


def wof_unit_rows(places: Sequence[Row], hierarchy: Sequence[Row] | None = None) -> list[Row]:
    """Admin1 and admin2 rows for :data:`UNIT_COUNTRIES`; the WOF villages of
    ``places`` gain the p-code of the unit they are filed under. ``hierarchy``
    adds the villages without an Arabic name, for the units whose named villages
    are fewer than :data:`MIN_VILLAGES`."""
    from rasd.geo.gazetteer_sources import Row

    members = _members(places)
    added: list[tuple[str, str, str]] = []
    if hierarchy is not None:
        # The unnamed villages make up a unit only where the named ones are too
        # few: the units the named villages give keep their points, and their
        # p-codes (data files name units by them), the added ones coming after.
        for key, rows in _members(hierarchy).items():
            if len(members.get(key, ())) < MIN_VILLAGES <= len(rows) \
                    and not _reads_as_word(key[2] or key[1]):
                members[key] = rows
                added.append(key)
    towns: dict[tuple[str, str], list[Row]] = {}
    for p in places:
        if p.kind == "populated place" and not p.id.startswith(VILLAGE_SOURCES):
            for n in p.names():
                towns.setdefault((p.country, squash(n)), []).append(p)
    out: list[Row] = []
    codes: dict[tuple[str, str, str], str] = {}
    late = set(added)
    for key in sorted(members, key=lambda k: (k in late, k[0], k[1], k[2] != "", k[2])):
        country, a1, a2 = key
        rows = members[key]
        if len(rows) < MIN_VILLAGES:
            continue
        if a2:
            parent = codes.get((country, a1, ""))
            if parent is None:
                continue
            rank = sum(1 for k in codes if k[:2] == (country, a1) and k[2]) + 1
            pcode = f"{parent}{rank:02d}"
        else:
            rank = sum(1 for k in codes if k[0] == country and not k[2]) + 1
            pcode = f"W{country}{rank:02d}"
        codes[key] = pcode
        name = a2 or a1
        lat = median(r.lat for r in rows)
        lon = median(r.lon for r in rows)
        seats = [t for t in towns.get((country, squash(name)), ())
                 if haversine_km(lat, lon, t.lat, t.lon) <= SEAT_KM["admin2" if a2 else "admin1"]]
        seat = max(seats, key=lambda t: (t.population, t.id)) if seats else None
        if seat is not None:
            # The seat lies in its unit: it takes the unit's p-code (a district's,
            # which extends its governorate's); one filed elsewhere is no seat.
            if seat.admin_pcode and not pcode.startswith(seat.admin_pcode):
                seat = None
            else:
                seat.admin_pcode = pcode
        first = rows[0]
        out.append(Row(
            id=f"{UNIT_ID}{pcode}", kind="admin2" if a2 else "admin1",
            name=(first.admin2 if a2 else first.admin1) or name, name_ar=name,
            lat=seat.lat if seat else lat, lon=seat.lon if seat else lon, country=country,
            admin1=first.admin1, admin1_ar=a1, admin2=first.admin2 if a2 else "",
            admin2_ar=a2, admin_pcode=pcode, seat=seat.id if seat else "",
            aliases=unit_aliases(name) if a2 else [],
        ))
    grid: dict[tuple[str, int, int], list[Row]] = {}
    for p in places:
        if p.country in UNIT_COUNTRIES and p.id.startswith("wof:") and p.admin1_ar:
            a1 = unit_name(p.admin1_ar)
            code = codes.get((p.country, a1, unit_name(p.admin2_ar) if p.admin2_ar else ""))
            p.admin_pcode = code or codes.get((p.country, a1, ""), "")
            if p.admin_pcode:
                grid.setdefault((p.country, round(p.lat * 10), round(p.lon * 10)), []).append(p)
    # Towns of the older sources carry no WOF hierarchy: they take the unit of
    # the nearest WOF village, when one lies within NEAREST_KM.
    for p in places:
        if p.country not in UNIT_COUNTRIES or p.admin_pcode or p.id.startswith("wof:"):
            continue
        y, x = round(p.lat * 10), round(p.lon * 10)
        near = [q for dy in (-1, 0, 1) for dx in (-1, 0, 1)
                for q in grid.get((p.country, y + dy, x + dx), ())]
        if near:
            q = min(near, key=lambda q: haversine_km(p.lat, p.lon, q.lat, q.lon))
            if haversine_km(p.lat, p.lon, q.lat, q.lon) <= NEAREST_KM:
                p.admin_pcode = q.admin_pcode
    return out
