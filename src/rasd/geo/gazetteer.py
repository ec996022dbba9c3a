"""The gazetteer: every place rasd can geocode to, and its name index.

The data is one gzipped TSV in package data (``data/gazetteer.tsv.gz``)
built by :mod:`rasd.geo.gazetteer_build` from GeoNames, OpenSyria, OCHA
boundaries and the team's curated supplement. Loading it takes a few tens
of milliseconds, so :func:`load_gazetteer` caches the default file and
callers (and tests) may pass their own :class:`Gazetteer` instead.
"""

from __future__ import annotations

import csv
import gzip
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from rasd.errors import GazetteerError, NotFoundError
from rasd.geo.geodesy import haversine_km
from rasd.geo.text import article_variants, fold, squash
from rasd.models import Place

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "data" / "gazetteer.tsv.gz"
# The file's columns, in order (rasd.geo.gazetteer_build writes them).
FILE_COLUMNS = (
    "id", "kind", "name", "name_ar", "lat", "lon", "country", "admin1", "admin1_ar",
    "admin2", "admin2_ar", "admin_pcode", "population", "seat", "aliases",
)

PREFIX_MEMO = 200_000


class Gazetteer:
    """Places by id and by matching key.

    Keys are folded names with spaces removed (``ديرالزور``), so a name
    written with or without its inner space finds the same places. A second
    index holds each name with the article added or dropped (``سوسه`` ↔
    ``السوسه``); the geocoder trusts those hits less.

    The index maps keys to row numbers; a row becomes a :class:`Place` the
    first time a lookup returns it, so the packaged gazetteer (tens of
    thousands of villages) loads from its cached index
    (:mod:`rasd.geo.gazetteer_index`) without building every place.
    """

    def __init__(self, places: Iterable[Place], *, seats: Mapping[str, str] | None = None):
        self._places: list[Place | None] = list(places)
        self._blob = b""  # the file rows, UTF-8, for places not yet built
        self._offsets: array[int] = array("I")
        self._ids: dict[str, int] = {}
        self._keys: dict[str, list[int]] = {}
        self._alt: dict[str, list[int]] = {}
        self._spaced: set[str] = set()  # multi-word names as written, folded
        self._seats = dict(seats or {})
        self._seat_ids: frozenset[str] | None = None
        self.max_words = 1
        keys, alts = self._keys, self._alt
        for n, p in enumerate(self._places):
            assert p is not None
            self._ids[p.id] = n
            own, own_alt, spaced = index_keys(p)
            if spaced:
                self.max_words = max(self.max_words, *(k.count(" ") + 1 for k in spaced))
                # The geocoder asks only about names with a word of one or two
                # letters ("سي ان" is not سيان): only those are kept.
                self._spaced.update(k for k in spaced if min(map(len, k.split())) < 3)
            for key in own:
                keys.setdefault(key, []).append(n)
            for key in own_alt - own:
                alts.setdefault(key, []).append(n)
        self._by_len: dict[int, list[str]] | None = None
        self._prefixes: frozenset[str] | None = None
        self._sorted: list[str] | None = None
        self._prefix_memo: dict[str, bool] = {}

    @classmethod
    def from_state(cls, state: Mapping[str, Any]) -> Gazetteer:
        """A gazetteer from a saved index (:meth:`state`): rows stay text until used."""
        g = cls.__new__(cls)
        g._blob = state["blob"]
        g._offsets = array("I")
        g._offsets.frombytes(state["offsets"])
        g._places = [None] * (len(g._offsets) - 1)
        g._ids = state["ids"]
        g._keys = state["keys"]
        g._alt = state["alt"]
        g._spaced = state["spaced"]
        g._seats = state["seats"]
        g._seat_ids = None
        g.max_words = state["max_words"]
        g._by_len = None
        g._prefixes = None
        g._sorted = state["sorted"]
        g._prefix_memo = {}
        return g

    def state(self, rows: Sequence[str]) -> dict[str, Any]:
        """The index as plain data (``rows``: each place's file row, in order).

        Rows are kept as one UTF-8 blob with offsets: loading it decodes nothing."""
        parts = [r.encode("utf-8") for r in rows]
        offsets = array("I", [0])
        for part in parts:
            offsets.append(offsets[-1] + len(part))
        return {"blob": b"".join(parts), "offsets": offsets.tobytes(),
                "ids": self._ids, "keys": self._keys, "alt": self._alt,
                "spaced": self._spaced, "seats": self._seats, "max_words": self.max_words,
                "sorted": self._sorted_keys()}

    def _place(self, n: int) -> Place:
        p = self._places[n]
        if p is None:
            raw = self._blob[self._offsets[n]:self._offsets[n + 1]]
            p = self._places[n] = parse_row(raw.decode("utf-8"))
        return p

    def _list(self, rows: Iterable[int]) -> list[Place]:
        return [self._place(n) for n in rows]

    def __len__(self) -> int:
        return len(self._places)

    def __iter__(self) -> Iterator[Place]:
        return (self._place(n) for n in range(len(self._places)))

    @property
    def built(self) -> int:
        """How many rows have become :class:`Place` objects (memory held by places)."""
        return sum(p is not None for p in self._places)

    def where(self, keep: Callable[[Place], bool]) -> list[Place]:
        """The places ``keep`` accepts. A row not yet built is read for the test and
        dropped unless kept: iterating would build (and hold) all of the tens of
        thousands of places, about 45 MB a process, for the few a caller wants."""
        out: list[Place] = []
        for n, p in enumerate(self._places):
            if p is None:
                p = parse_row(self._blob[self._offsets[n]:self._offsets[n + 1]].decode("utf-8"))
                if not keep(p):
                    continue
                self._places[n] = p
            elif not keep(p):
                continue
            out.append(p)
        return out

    def __contains__(self, place_id: object) -> bool:
        return place_id in self._ids

    def get(self, place_id: str) -> Place:
        try:
            return self._place(self._ids[place_id])
        except KeyError:
            raise NotFoundError(f"no place with id {place_id!r}") from None

    def candidates(self, name: str) -> list[Place]:
        """Places bearing ``name`` (any spelling that folds to the same key)."""
        return self._list(self._keys.get(squash(name), ()))

    def candidates_key(self, key: str, *, alt: bool = False) -> list[Place]:
        """Places under an already squashed key; ``alt`` looks in the article-variant index."""
        return self._list((self._alt if alt else self._keys).get(key, ()))

    def ids_and_countries(self, key: str) -> list[tuple[str, str]]:
        """(id, country) of the places under a squashed key, read from their rows
        without building (and keeping) the places."""
        out: list[tuple[str, str]] = []
        for n in self._keys.get(key, ()):
            p = self._places[n]
            if p is None:
                raw = self._blob[self._offsets[n]:self._offsets[n + 1]]
                if b"\\" in raw:  # escaped cells: the full parser, not kept
                    p = parse_row(raw.decode("utf-8"))
                else:
                    cells = raw.decode("utf-8").split("\t", 7)
                    out.append((cells[0], cells[6]))
                    continue
            out.append((p.id, p.country))
        return out

    def has_spaced(self, name: str) -> bool:
        """Whether a folded multi-word name holding a word of fewer than three letters
        is in the gazetteer with these word breaks."""
        return name in self._spaced

    def has_key(self, key: str) -> bool:
        return key in self._keys or key in self._alt

    def seat(self, place: Place) -> Place | None:
        """The populated place that an admin unit is named after (its capital)."""
        sid = self._seats.get(place.id)
        return self.get(sid) if sid and sid in self._ids else None

    def is_seat(self, place: Place) -> bool:
        """Whether ``place`` is the town an admin unit is named after: a district's
        capital is a town, even where GeoNames gives it no population (Yemen's)."""
        if self._seat_ids is None:
            self._seat_ids = frozenset(self._seats.values())
        return place.id in self._seat_ids

    def keys_of_length(self, n: int) -> list[str]:
        """Index keys of ``n`` letters (for fuzzy matching), built on first use."""
        if self._by_len is None:
            by_len: dict[int, list[str]] = {}
            for k in self._keys:
                by_len.setdefault(len(k), []).append(k)
            self._by_len = by_len
        return self._by_len.get(n, [])

    def _sorted_keys(self) -> list[str]:
        if self._sorted is None:
            self._sorted = sorted({*self._keys, *self._alt})
        return self._sorted

    def has_prefix(self, text: str) -> bool:
        """Whether some key (either index) starts with ``text``: the geocoder extends
        a candidate name token by token only while it does. A binary search in the
        sorted keys, so no set of every prefix has to be built."""
        memo = self._prefix_memo
        found = memo.get(text)
        if found is None:
            keys = self._sorted_keys()
            i = bisect_left(keys, text)
            found = i < len(keys) and keys[i].startswith(text)
            if len(memo) >= PREFIX_MEMO:
                memo.clear()  # news repeats its words: a bounded memo suffices
            memo[text] = found
        return found

    @property
    def prefixes(self) -> frozenset[str]:
        """Every prefix of every key (both indexes), built on first use."""
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


def index_keys(p: Place) -> tuple[set[str], set[str], list[str]]:
    """A place's index keys, its article-variant keys and its spaced names."""
    own: set[str] = set()
    own_alt: set[str] = set()
    spaced: list[str] = []
    for name in (p.name_ar, *p.aliases):
        folded = _strip_unit_word(fold(name))
        if not folded:
            continue
        if " " in folded:
            spaced.extend(article_variants(folded))
            key = folded.replace(" ", "")
        else:
            key = folded
        own.add(key)
        own_alt.add(key[2:] if key.startswith("ال") and len(key) > 4 else "ال" + key)
    return own, own_alt, spaced


# Unit words are read by the geocoder as cues before a name ("ناحية هجين"),
# so names are indexed without them.
_UNIT_WORDS = ("ناحيه ", "منطقه ", "محافظه ", "قضاء ")


def _strip_unit_word(folded: str) -> str:
    for w in _UNIT_WORDS:
        if folded.startswith(w) and len(folded) > len(w) + 1:
            return folded[len(w):]
    return folded


def distance_km(a: Place, b: Place) -> float:
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise GazetteerError(f"cannot read gazetteer {path}: {exc}") from exc
    try:
        return gzip.decompress(raw).decode("utf-8") if path.suffix == ".gz" else raw.decode()
    except (OSError, UnicodeDecodeError, EOFError) as exc:
        raise GazetteerError(f"gazetteer {path} is corrupt: {exc}") from exc


def parse_row(line: str) -> Place:
    """One file row (without its seat column's meaning) as a :class:`Place`."""
    cells = line.split("\t") if "\\" not in line else next(csv.reader(
        [line], delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\"))
    (pid, kind, name, name_ar, lat, lon, country, a1, a1_ar, a2, a2_ar, pcode, pop,
     _seat, aliases) = cells
    return Place(
        id=pid, name=name, name_ar=name_ar, kind=kind, lat=float(lat), lon=float(lon),
        country=country, admin1=a1 or None, admin1_ar=a1_ar or None,
        admin2=a2 or None, admin2_ar=a2_ar or None, population=int(pop),
        aliases=tuple(aliases.split("|")) if aliases else (),
        admin_pcode=pcode or None,
    )


def read_rows(path: Path) -> list[str]:
    """The data rows of a gazetteer TSV(.gz) file, header checked."""
    lines = read_text(path).split("\n")
    header = lines[0].split("\t") if lines else []
    if not header or header[:3] != ["id", "kind", "name"]:
        raise GazetteerError(f"gazetteer {path} has no header row")
    if tuple(header) != FILE_COLUMNS:
        raise GazetteerError(f"gazetteer {path}: unexpected columns {header}")
    return [ln for ln in lines[1:] if ln]


def read_places(path: Path) -> tuple[list[Place], dict[str, str]]:
    """Parse a gazetteer TSV(.gz) file into places and the unit → seat map."""
    places: list[Place] = []
    seats: dict[str, str] = {}
    for line in read_rows(path):
        try:
            p = parse_row(line)
        except (ValueError, TypeError) as exc:
            raise GazetteerError(
                f"gazetteer {path}: bad row {len(places) + 2}: {exc}") from exc
        places.append(p)
        seat = line.split("\t")[13] if line.count("\t") >= 14 else ""
        if seat:
            seats[p.id] = seat
    return places, seats


@cache
def _load_default() -> Gazetteer:
    from rasd.geo.gazetteer_index import load_indexed

    return load_indexed(DEFAULT_PATH)


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """The gazetteer at ``path``, or the packaged one (loaded once per process)."""
    if path is None or Path(path).resolve() == DEFAULT_PATH:
        return _load_default()
    places, seats = read_places(Path(path))
    return Gazetteer(places, seats=seats)
