"""Village-level places from Who's On First (GeoNames names and points, WOF admin).

``../shared/data/gazetteer/wof/wof_*_localities.csv`` hold about 90,000 populated
places of the region with Arabic names. This module turns them into gazetteer
rows and writes the names the press uses beside GeoNames' spellings:

* the parts of a divided village (``مفكر الشرقي`` / ``مفكر الغربي``) also stand
  for the whole (``المفكر``, ``مفكر``): one place between the parts, a point when
  they lie within :data:`COMPOUND_POINT_KM`, else an area of precision 2;
* a village named after its castle or head word (``قلعة المضيق``) is also
  found under the bare name (``المضيق``);
* Persian letters in Arabic names (``ی``, ``ک``) are read as Arabic letters;
  hamza forms, ``ة``/``ه`` and ``ى``/``ي`` are folded by the index itself.

Places already in the gazetteer (same GeoNames id) gain the WOF names as
aliases instead of a second row.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from rasd.geo.geodesy import haversine_km
from rasd.geo.text import fold

WOF_DIR = ("data", "gazetteer", "wof")
# Countries whose WOF rows are read: every row with an Arabic name. Turkey's file
# holds only places with an Arabic name already.
WOF_FILES = ("sy", "iq", "ye", "lb", "jo", "ps", "ly", "sd", "so", "tr_localities_arabic_only")
# Words after a name that split a village into parts (فوقاني / تحتاني: upper /
# lower; شرقي / غربي: east / west; كبير / صغير: big / small).
PART_WORDS = frozenset({
    "الشرقي", "الغربي", "الشمالي", "الجنوبي", "الشرقيه", "الغربيه", "الشماليه", "الجنوبيه",
    "شرقي", "غربي", "شمالي", "جنوبي", "فوقاني", "تحتاني", "الفوقاني", "التحتاني",
    "الكبير", "الصغير", "الكبيره", "الصغيره", "كبير", "صغير", "الفوقا", "التحتا",
})
# Head words that the press may drop before a village's name: "قلعة المضيق" is
# reported as "المضيق".
DROPPABLE_HEADS = ("قلعه ",)
# Feature words that GeoNames writes into a name ("قرية المزرعة"): the press
# writes the feature word before the name, where the geocoder reads it as a cue.
FEATURE_HEADS = ("قريه ",)
COMPOUND_POINT_KM = 5.0
COMPOUND_MAX_KM = 25.0
# Kind of a divided village whose parts lie too far apart for one point.
AREA_KIND = "area"
_PERSIAN = str.maketrans({"ی": "ي", "ک": "ك", "ە": "ه", "ھ": "ه", "\u200c": "",
                          "\u200e": "", "\u200f": "", "\u061c": ""})
_ARABIC_ONLY = re.compile(r"[\u0621-\u064a\u064b-\u0652\u0670 '\-]+")


class WofPlace:
    """One WOF row, reduced to what the gazetteer keeps."""

    __slots__ = (
        "admin1_ar",
        "admin1_en",
        "admin2_ar",
        "admin2_en",
        "country",
        "geonames_id",
        "lat",
        "lon",
        "name",
        "names",
        "population",
        "wof_id",
    )

    def __init__(self, rec: dict[str, str]) -> None:
        self.wof_id = rec["wof_id"]
        self.geonames_id = rec.get("geonames_id") or ""
        self.country = rec["country"].upper()
        self.name = rec.get("name_en") or rec.get("name") or ""
        names = [rec.get("name_ar") or "", *(rec.get("name_ar_alt") or "").split("|")]
        self.names = arabic_names(_drop_feature_head(n) for n in names)
        self.lat = float(rec["lat"])
        self.lon = float(rec["lon"])
        self.population = int(float(rec.get("population") or 0))
        self.admin1_en = rec.get("admin1_en") or ""
        self.admin1_ar = rec.get("admin1_ar") or ""
        self.admin2_en = rec.get("admin2_en") or ""
        self.admin2_ar = rec.get("admin2_ar") or ""


def _drop_feature_head(name: str) -> str:
    f = fold(name)
    for head in FEATURE_HEADS:
        if f.startswith(head) and len(f) > len(head) + 3:
            return name.split(" ", 1)[1]
    return name


def arabic_names(names: Iterable[str]) -> list[str]:
    """Clean Arabic spellings: Persian letters read as Arabic, other scripts dropped."""
    out: list[str] = []
    for n in names:
        n = " ".join(n.translate(_PERSIAN).split())
        if n and _ARABIC_ONLY.fullmatch(n) and len(fold(n).replace(" ", "")) >= 2:
            out.append(n)
    return list(dict.fromkeys(out))


def read_wof(shared: Path, files: Sequence[str] = WOF_FILES, *,
             named_only: bool = True) -> list[WofPlace]:
    """The current WOF rows; ``named_only`` keeps those with an Arabic name (the
    others still tell which district a village lies in)."""
    folder = shared.joinpath(*WOF_DIR)
    out: list[WofPlace] = []
    for code in files:
        path = folder / f"wof_{code}_localities.csv" if "_" not in code else \
            folder / f"wof_{code}.csv"
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as fh:
            for rec in csv.DictReader(fh):
                if rec.get("deprecated") or rec.get("superseded_by"):
                    continue
                p = WofPlace(rec)
                if p.names or not named_only:
                    out.append(p)
    return out


def press_variants(name: str) -> list[str]:
    """Other names a village is reported under: ``قلعة المضيق`` → ``المضيق``."""
    f = fold(name)
    out = []
    for head in DROPPABLE_HEADS:
        rest = f[len(head):]
        # Only a name with the article stands alone: "المضيق", not "صالح" (a
        # given name) for "قلعة صالح".
        if f.startswith(head) and rest.startswith("ال") and len(rest) >= 5:
            out.append(name.split(" ", 1)[1])
    return out


def compound_base(name: str) -> str | None:
    """``مفكر الشرقي`` → ``مفكر``: the village a part-name belongs to."""
    words = name.split()
    if len(words) < 2 or fold(words[-1]) not in PART_WORDS:
        return None
    base = " ".join(words[:-1])
    # Three letters make a word more often than a village ("دير", "تل").
    return base if len(fold(base).replace(" ", "")) >= 4 else None




class Compound:
    """A divided village: its base name and the parts found for it."""

    def __init__(self, base: str, country: str) -> None:
        self.base = base
        self.country = country
        self.parts: list[tuple[str, float, float]] = []  # (id, lat, lon)

    @property
    def spread_km(self) -> float:
        pts = self.parts
        return max((haversine_km(a[1], a[2], b[1], b[2]) for a in pts for b in pts), default=0.0)

    @property
    def point(self) -> tuple[float, float]:
        n = len(self.parts)
        return sum(p[1] for p in self.parts) / n, sum(p[2] for p in self.parts) / n


def compounds(places: Iterable[tuple[str, str, Sequence[str], float, float]],
              known: dict[tuple[str, str], list[tuple[float, float]]]) -> list[Compound]:
    """Divided villages among ``(id, country, names, lat, lon)``: two or more parts
    of one base name within :data:`COMPOUND_MAX_KM`, whose base is not itself a
    place nearby (``known`` maps (country, folded name without the article) to the
    points of the places bearing it)."""
    groups: dict[tuple[str, str], list[tuple[str, str, float, float]]] = {}
    for pid, country, names, lat, lon in places:
        for n in names:
            base = compound_base(n)
            if base is not None:
                key = fold(base).replace(" ", "")
                key = key[2:] if key.startswith("ال") else key
                groups.setdefault((country, key), []).append((pid, base, lat, lon))
                break
    out: list[Compound] = []
    for (country, key), parts in groups.items():
        # Clusters of parts: a part joins the first cluster within reach.
        clusters: list[list[tuple[str, str, float, float]]] = []
        for part in parts:
            for c in clusters:
                if all(haversine_km(part[2], part[3], q[2], q[3]) <= COMPOUND_MAX_KM for q in c):
                    c.append(part)
                    break
            else:
                clusters.append([part])
        for c in clusters:
            if len({q[0] for q in c}) < 2:
                continue
            base = min((q[1] for q in c), key=len)
            comp = Compound(base, country)
            comp.parts = [(q[0], q[2], q[3]) for q in c]
            lat, lon = comp.point
            whole = known.get((country, key), ())
            if any(haversine_km(lat, lon, a, b) <= COMPOUND_MAX_KM for a, b in whole):
                continue  # the whole has its own row nearby: the parts add nothing
            out.append(comp)
    return out


def article_forms(name: str) -> list[str]:
    """A base name with and without the article, as the press writes both."""
    f = name.split(" ", 1)
    head = f[0]
    if head.startswith("ال") and len(fold(head)) > 4:
        return [name, name[2:]]
    return [name, "ال" + name]


def iter_compound_rows(comps: Iterable[Compound]) -> Iterator[tuple[str, str, str, float, float,
                                                                     str, list[str]]]:
    """``(id, kind, base, lat, lon, country, aliases)`` for each divided village."""
    for c in comps:
        lat, lon = c.point
        kind = "populated place" if c.spread_km <= COMPOUND_POINT_KM else AREA_KIND
        forms = article_forms(c.base)
        yield (f"compound:{c.parts[0][0]}", kind, forms[0], lat, lon, c.country, forms[1:])
