"""The typed records that cross rasd's stage boundaries.

Each stage reads one of these and writes one of these; nothing crosses a
boundary as a free-form dict. Records are frozen so a stage cannot change
what an earlier stage produced behind its back: it returns a new record
(``dataclasses.replace``) instead.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

RawFormat = Literal["text", "html"]
EventStatus = Literal["current", "background"]


def content_id(text: str) -> str:
    """A stable id for a document's content: the same article ingested twice is stored once.

    Hashes the extracted text with whitespace folded, so a re-encoded or
    re-wrapped copy of the same text gets the same id.
    """
    folded = " ".join(text.split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a cleaned document, with its offsets in ``Document.clean_text``."""

    doc_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Document:
    """One article.

    ``id`` is the content hash; ``name`` is what a user calls the document
    (the input file's stem, or the ``id`` field of a JSON Lines record) and is
    what event records carry as ``doc_id``.

    Written by ``ingest``: id, name, source, url, title, published, raw,
    raw_format, text, origin, encoding.
    Written by ``clean``: clean_text, sentences, removed_lines.
    """

    id: str
    name: str
    source: str | None
    url: str | None
    title: str | None
    published: date | None
    raw: str
    raw_format: RawFormat
    text: str
    origin: str
    encoding: str | None = None
    clean_text: str | None = None
    sentences: tuple[Sentence, ...] = ()
    removed_lines: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Failure:
    """A document (or part of an input) that could not be processed, and why.

    ``origin`` names the input precisely enough to find it again: a path, or
    ``path#line=12`` / ``path#record=3`` inside a container.
    """

    origin: str
    stage: str
    reason: str


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry."""

    id: str
    name: str
    name_ar: str
    kind: str  # "populated place" | "admin1" | "admin2" | "admin3" | "facility" | "region"
    lat: float
    lon: float
    country: str
    admin1: str | None = None
    admin1_ar: str | None = None
    admin2: str | None = None
    admin2_ar: str | None = None
    population: int = 0
    aliases: tuple[str, ...] = ()
    # OCHA p-code of the smallest admin unit holding the place (an admin unit's
    # own p-code): containment is a prefix test, ``SY090201``.startswith(``SY0902``).
    admin_pcode: str | None = None


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place found in text: the span, what matched, and the resolved place."""

    start: int
    end: int
    surface: str
    place: Place
    precision: int  # ACLED geo_precision 1-3
    score: float = 1.0
    # The relation word before the name, folded (في، قرب، محيط، أطراف، من، محور،
    # نحو، ريف، ناحية، بادية، شرق …), so extraction can tell an origin
    # (``من محور بلدة الباغوز``) from a scene (``في الباغوز``); None if none.
    cue: str | None = None
    # The feature word before the name (مدينة، بلدة، قرية، حي، مخيم …), folded.
    feature: str | None = None
    # The gazetteer name that matched, and how: "exact" or "fuzzy".
    match: str = ""
    method: str = "exact"
    # The quarter the name named when the mention is coded at its city (``حي التواهي``
    # at Aden, event-coding.md §4): the part of ``place`` the text told.
    part: Place | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor of the actor dictionary."""

    id: str
    name: str
    name_ar: str
    inter: int  # ACLED inter code 1-8
    country: str | None = None
    # Aliases are dictionary data, not part of an actor's identity in a record.
    aliases: tuple[str, ...] = field(default=(), compare=False, hash=False)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "name_ar": self.name_ar, "inter": self.inter,
                "country": self.country}


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event happened, as the output record carries it."""

    name: str
    name_ar: str
    lat: float
    lon: float
    precision: int
    gazetteer_id: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    tolerance_km: float | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "name_ar": self.name_ar,
            "gazetteer_id": self.gazetteer_id,
            "lat": self.lat,
            "lon": self.lon,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "country": self.country,
            "precision": self.precision,
        }
        if self.tolerance_km is not None:
            out["tolerance_km"] = self.tolerance_km
        return out


@dataclass(frozen=True, slots=True)
class DateSpan:
    """An event date with ACLED time precision (1 day, 2 span of days, 3 month)."""

    start: date
    end: date
    precision: int

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "precision": self.precision,
        }


@dataclass(frozen=True, slots=True)
class Fatalities:
    best: int
    low: int
    high: int

    def to_json(self) -> dict[str, int]:
        return {"best": self.best, "low": self.low, "high": self.high}


@dataclass(frozen=True, slots=True)
class Evidence:
    doc_id: str
    text: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "text": self.text, "start": self.start, "end": self.end}


Side = Literal["north", "south", "east", "west"]


@dataclass(frozen=True, slots=True)
class SubPlace:
    """A place an event's evidence sentences name, as extraction found it on the
    analysed document: the quarters and fronts of the event's city (دار سعد، "شمال
    عدن") that the event's own place, lifted to the city (event-coding.md §4), no
    longer tells. Merging reads them to tell two acts of one large city apart
    (:mod:`rasd.merge.fronts`).

    ``gazetteer_id``, ``name_ar``, ``kind``, ``lat`` and ``lon`` are the gazetteer
    place the name resolved to; ``side`` the side of it the sentence names just
    before the name (``شمال عدن``, ``الأحياء الشمالية من مدينة عدن``), if any."""

    gazetteer_id: str
    name_ar: str
    kind: str
    lat: float
    lon: float
    side: Side | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"gazetteer_id": self.gazetteer_id, "name_ar": self.name_ar,
                               "kind": self.kind, "lat": self.lat, "lon": self.lon}
        if self.side is not None:
            out["side"] = self.side
        return out


def _sub_place_from_json(d: dict[str, Any]) -> SubPlace:
    side = d.get("side")
    if side not in (None, "north", "south", "east", "west"):
        raise ValueError(f"sub-place side must be north, south, east or west, not {side!r}")
    return SubPlace(gazetteer_id=d["gazetteer_id"], name_ar=d.get("name_ar") or "",
                    kind=d.get("kind") or "", lat=float(d["lat"]), lon=float(d["lon"]),
                    side=side)


@dataclass(frozen=True, slots=True)
class Event:
    """One event as ``event-coding.md`` §8 defines the output record."""

    event_id: str
    doc_id: str
    status: EventStatus
    event_type: str
    sub_event_type: str
    actor1: Actor | None
    actor2: Actor | None
    location: Location | None
    date: DateSpan | None
    fatalities: Fatalities | None
    evidence: tuple[Evidence, ...]
    assoc_actor1: tuple[Actor, ...] = ()
    assoc_actor2: tuple[Actor, ...] = ()
    sources: tuple[str, ...] = ()
    notes: str = ""
    # The places the evidence sentences name (:class:`SubPlace`), for merging.
    sub_places: tuple[SubPlace, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    # Provenance: the ids of the rules behind the event and each field ("event",
    # "actor1", "actor2", "location", "date", "fatalities"), the rasd version and
    # a hash of the rule and data files that made it.
    rules: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, hash=False)
    rasd_version: str = field(default="", compare=False)
    ruleset: str = field(default="", compare=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "status": self.status,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": self.actor1.to_json() if self.actor1 else None,
            "actor2": self.actor2.to_json() if self.actor2 else None,
            "assoc_actor1": [a.to_json() for a in self.assoc_actor1],
            "assoc_actor2": [a.to_json() for a in self.assoc_actor2],
            "location": self.location.to_json() if self.location else None,
            "date": self.date.to_json() if self.date else None,
            "fatalities": self.fatalities.to_json() if self.fatalities else None,
            "evidence": [e.to_json() for e in self.evidence],
            "sub_places": [p.to_json() for p in self.sub_places],
            "sources": list(self.sources),
            "notes": self.notes,
            "rules": {k: list(v) for k, v in self.rules.items()},
            "rasd_version": self.rasd_version,
            "ruleset": self.ruleset,
        }

    def to_dict(self) -> dict[str, Any]:
        """The event as plain Python values: the output record of ``event-coding.md`` §8
        (what JSON Lines exports hold a line; :func:`event_from_json` reads it back)."""
        return self.to_json()


def _actor_from_json(d: dict[str, Any] | None) -> Actor | None:
    if not d:
        return None
    return Actor(id=d.get("id") or d["name"], name=d["name"], name_ar=d.get("name_ar") or "",
                 inter=int(d.get("inter") or 0), country=d.get("country"))


def event_from_json(d: dict[str, Any]) -> Event:
    """The inverse of :meth:`Event.to_json` (used by stores and readers of JSONL output)."""
    loc = d.get("location")
    dt = d.get("date")
    fat = d.get("fatalities")
    return Event(
        event_id=d["event_id"],
        doc_id=d["doc_id"],
        status=d.get("status", "current"),
        event_type=d["event_type"],
        sub_event_type=d["sub_event_type"],
        actor1=_actor_from_json(d.get("actor1")),
        actor2=_actor_from_json(d.get("actor2")),
        location=Location(
            name=loc["name"], name_ar=loc.get("name_ar") or "", lat=float(loc["lat"]),
            lon=float(loc["lon"]), precision=int(loc.get("precision") or 1),
            gazetteer_id=loc.get("gazetteer_id"), admin1=loc.get("admin1"),
            admin2=loc.get("admin2"), country=loc.get("country"),
            tolerance_km=loc.get("tolerance_km"),
        ) if loc else None,
        date=DateSpan(date.fromisoformat(dt["start"]), date.fromisoformat(dt["end"]),
                      int(dt["precision"])) if dt else None,
        fatalities=Fatalities(int(fat["best"]), int(fat["low"]), int(fat["high"]))
        if fat else None,
        evidence=tuple(Evidence(e["doc_id"], e["text"], int(e["start"]), int(e["end"]))
                       for e in d.get("evidence", [])),
        assoc_actor1=tuple(a for a in map(_actor_from_json, d.get("assoc_actor1", [])) if a),
        assoc_actor2=tuple(a for a in map(_actor_from_json, d.get("assoc_actor2", [])) if a),
        sources=tuple(d.get("sources", [])),
        notes=d.get("notes", ""),
        sub_places=tuple(_sub_place_from_json(p) for p in d.get("sub_places") or ()),
        rules={k: tuple(v) for k, v in (d.get("rules") or {}).items()},
        rasd_version=d.get("rasd_version", ""),
        ruleset=d.get("ruleset", ""),
    )


# -- records of merging: reports in, canonical events out (the store keeps both) --


@dataclass(frozen=True, slots=True)
class Report:
    """A report-level event with what merging needs to know of its article."""

    event: Event
    doc_id: str  # the document's content id (``Event.doc_id`` is its name)
    source: str | None
    published: date | None

    @property
    def id(self) -> str:
        return self.event.event_id


@dataclass(frozen=True, slots=True)
class Link:
    """Why two reports were found to describe one event."""

    a: str
    b: str
    score: int
    reasons: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "reasons": list(self.reasons)}


def canonical_id(report_ids: Iterable[str]) -> str:
    return "c" + min(report_ids)


@dataclass(frozen=True, slots=True)
class Canonical:
    event: Event
    reports: tuple[str, ...]
    sources: tuple[str, ...]
    links: tuple[Link, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        out = self.event.to_json()
        out["level"] = "canonical"
        out["reports"] = list(self.reports)
        out["links"] = [lk.to_json() for lk in self.links]
        return out


def as_date(name: str, value: object) -> date | None:
    """``value`` as a date: a date (or None) as it is, an ISO string parsed; the error
    names the argument ``name``."""
    if value is None or isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(f"{name} must be a date or YYYY-MM-DD, not {value!r}") from exc
    raise TypeError(f"{name} must be a date or YYYY-MM-DD, not {type(value).__name__}")
