"""The gazetteer: every place rasd can geocode to, and its name index.

The data is one gzipped TSV in package data (``data/gazetteer.tsv.gz``)
built by :mod:`rasd.gazetteer_build` from GeoNames, OpenSyria, OCHA
boundaries and the team's curated supplement. Loading it takes a few tens
of milliseconds, so :func:`load_gazetteer` caches the default file and
callers (and tests) may pass their own :class:`Gazetteer` instead.
"""

from __future__ import annotations

import csv
import gzip
import io
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from pathlib import Path

from rasd.errors import GazetteerError, NotFoundError
from rasd.geo_text import article_variants, fold, squash
from rasd.models import Place

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "gazetteer.tsv.gz"
# The file's columns, in order (rasd.gazetteer_build writes them).
FILE_COLUMNS = (
    "id", "kind", "name", "name_ar", "lat", "lon", "country", "admin1", "admin1_ar",
    "admin2", "admin2_ar", "admin_pcode", "population", "seat", "aliases",
)

KIND_RANK = {"populated place": 0, "facility": 1, "admin3": 2, "admin2": 3, "admin1": 4,
             "region": 5}


class Gazetteer:
    """Places by id and by matching key.

    Keys are folded names with spaces removed (``ديرالزور``), so a name
    written with or without its inner space finds the same places. A second
    index holds each name with the article added or dropped (``سوسه`` ↔
    ``السوسه``); the geocoder trusts those hits less.
    """

    def __init__(self, places: Iterable[Place], *, seats: Mapping[str, str] | None = None):
        self._by_id: dict[str, Place] = {}
        self._keys: dict[str, list[Place]] = {}
        self._alt: dict[str, list[Place]] = {}
        self._spaced: set[str] = set()  # multi-word names as written, folded
        self._seats = dict(seats or {})
        self.max_words = 1
        keys, alts = self._keys, self._alt
        for p in places:
            self._by_id[p.id] = p
            # Each place once per key: collect its keys first, then index.
            own: set[str] = set()
            own_alt: set[str] = set()
            for name in (p.name_ar, *p.aliases):
                folded = _strip_unit_word(fold(name))
                if not folded:
                    continue
                if " " in folded:
                    self.max_words = max(self.max_words, folded.count(" ") + 1)
                    self._spaced.update(article_variants(folded))
                    key = folded.replace(" ", "")
                else:
                    key = folded
                own.add(key)
                own_alt.add(key[2:] if key.startswith("ال") and len(key) > 4 else "ال" + key)
            for key in own:
                keys.setdefault(key, []).append(p)
            for key in own_alt - own:
                alts.setdefault(key, []).append(p)
        self._by_len: dict[int, list[str]] | None = None
        self._prefixes: frozenset[str] | None = None

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Place]:
        return iter(self._by_id.values())

    def __contains__(self, place_id: object) -> bool:
        return place_id in self._by_id

    def get(self, place_id: str) -> Place:
        try:
            return self._by_id[place_id]
        except KeyError:
            raise NotFoundError(f"no place with id {place_id!r}") from None

    def candidates(self, name: str) -> list[Place]:
        """Places bearing ``name`` (any spelling that folds to the same key)."""
        return list(self._keys.get(squash(name), ()))

    def candidates_key(self, key: str, *, alt: bool = False) -> list[Place]:
        """Places under an already squashed key; ``alt`` looks in the article-variant index."""
        return (self._alt if alt else self._keys).get(key, [])

    def has_spaced(self, name: str) -> bool:
        """Whether a folded multi-word name is in the gazetteer with these word breaks."""
        return name in self._spaced

    def has_key(self, key: str) -> bool:
        return key in self._keys or key in self._alt

    def seat(self, place: Place) -> Place | None:
        """The populated place that an admin unit is named after (its capital)."""
        sid = self._seats.get(place.id)
        return self._by_id.get(sid) if sid else None

    def keys_of_length(self, n: int) -> list[str]:
        """Index keys of ``n`` letters (for fuzzy matching), built on first use."""
        if self._by_len is None:
            by_len: dict[int, list[str]] = {}
            for k in self._keys:
                by_len.setdefault(len(k), []).append(k)
            self._by_len = by_len
        return self._by_len.get(n, [])

    @property
    def prefixes(self) -> frozenset[str]:
        """Every prefix of every key (both indexes), built on first use: the
        geocoder extends a candidate name token by token only while it is one."""
        if self._prefixes is None:
            self._prefixes = frozenset(
                k[:i] for table in (self._keys, self._alt) for k in table
                for i in range(1, len(k) + 1)
            )
        return self._prefixes

    def stats(self) -> dict[str, object]:
        kinds = Counter(p.kind for p in self)
        countries = Counter(p.country for p in self)
        return {
            "places": len(self),
            "names": len(self._keys),
            "by_kind": dict(kinds.most_common()),
            "by_country": dict(countries.most_common()),
        }


# Unit words are read by the geocoder as cues before a name ("ناحية هجين"),
# so names are indexed without them.
_UNIT_WORDS = ("ناحيه ", "منطقه ", "محافظه ", "قضاء ")


def _strip_unit_word(folded: str) -> str:
    for w in _UNIT_WORDS:
        if folded.startswith(w) and len(folded) > len(w) + 1:
            return folded[len(w):]
    return folded


def distance_km(a: Place, b: Place) -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def read_places(path: Path) -> tuple[list[Place], dict[str, str]]:
    """Parse a gazetteer TSV(.gz) file into places and the unit → seat map."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise GazetteerError(f"cannot read gazetteer {path}: {exc}") from exc
    try:
        text = gzip.decompress(raw).decode("utf-8") if path.suffix == ".gz" else raw.decode()
    except (OSError, UnicodeDecodeError, EOFError) as exc:
        raise GazetteerError(f"gazetteer {path} is corrupt: {exc}") from exc
    reader = csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE,
                        escapechar="\\")
    header = next(reader, None)
    if not header or header[:3] != ["id", "kind", "name"]:
        raise GazetteerError(f"gazetteer {path} has no header row")
    if tuple(header) != FILE_COLUMNS:
        raise GazetteerError(f"gazetteer {path}: unexpected columns {header}")
    places: list[Place] = []
    seats: dict[str, str] = {}
    try:
        for (pid, kind, name, name_ar, lat, lon, country, a1, a1_ar, a2, a2_ar, pcode, pop,
             seat, aliases) in reader:
            places.append(Place(
                id=pid, name=name, name_ar=name_ar, kind=kind, lat=float(lat), lon=float(lon),
                country=country, admin1=a1 or None, admin1_ar=a1_ar or None,
                admin2=a2 or None, admin2_ar=a2_ar or None, population=int(pop),
                aliases=tuple(aliases.split("|")) if aliases else (),
                admin_pcode=pcode or None,
            ))
            if seat:
                seats[pid] = seat
    except ValueError as exc:
        raise GazetteerError(f"gazetteer {path}: bad row {len(places) + 2}: {exc}") from exc
    return places, seats


@cache
def _load_default() -> Gazetteer:
    places, seats = read_places(DEFAULT_PATH)
    return Gazetteer(places, seats=seats)


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """The gazetteer at ``path``, or the packaged one (loaded once per process)."""
    if path is None or Path(path).resolve() == DEFAULT_PATH:
        return _load_default()
    places, seats = read_places(Path(path))
    return Gazetteer(places, seats=seats)
