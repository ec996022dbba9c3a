"""Merging report-level events into canonical events.

Extraction makes one event per article (a *report*); the same attack told by
a dozen outlets is a dozen reports. Two reports describe one event when they
agree on every facet (:func:`agreement`):

- type: the same event type, and the same sub-event type or two that outlets
  confuse for one act (air strike / shelling; IED / suicide bomb / grenade;
  clash / territory taken; the two protest and the two riot sub-types);
- actors: the named (not generic) actors of one report are all named by the
  other (so they share one, or one report names none); ISIS against the SDF
  and ISIS against the army are two events;
- place: the same gazetteer place, places within ``near_km``, or one inside
  the other's admin area; a report with no place merges only with a near copy
  of its own article;
- date: spans within ``day_gap`` days of each other; when a date is unknown or
  only its month is, articles published within ``published_gap`` days;
- never two reports of one article (extraction already separated them).

Clustering is deterministic: every agreeing pair is a candidate link, links
are taken strongest first (ties by report ids) and two clusters join only
when *every* pair across them agrees (complete linkage), which stops chains
such as daily strikes on one town, each a day from the next, from collapsing
into one event. The result depends only on the set of reports, never on the
order they arrived in; a canonical event's id is ``c`` + its lowest report id.

A canonical event keeps every report, the distinct outlets, and fatalities
over the reports: ``best`` is the lowest non-zero figure any report gives
(ACLED's conservative figure: a report silent on deaths is not a figure of
zero), ``low`` the lowest ``low`` and ``high`` the highest ``high`` of those
reports.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from rasd.models import Actor, Event, Fatalities, Location, Place

PlaceLookup = Callable[[str], Place | None]

# Sub-event types outlets use for one act; a canonical event takes the
# majority sub-type of its reports.
_COMPATIBLE: tuple[frozenset[str], ...] = (
    frozenset({"Air/drone strike", "Shelling/artillery/missile attack"}),
    frozenset({"Remote explosive/landmine/IED", "Suicide bomb", "Grenade"}),
    frozenset({"Armed clash", "Government regains territory",
               "Non-state actor overtakes territory"}),
    frozenset({"Peaceful protest", "Protest with intervention",
               "Excessive force against protesters"}),
    frozenset({"Violent demonstration", "Mob violence"}),
)
_REGION_KINDS = ("admin1", "admin2", "admin3", "region")


@dataclass(frozen=True, slots=True)
class MergeOptions:
    near_km: float = 10.0
    day_gap: int = 1
    published_gap: int = 3


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


@dataclass(frozen=True, slots=True)
class Cluster:
    """The reports of one canonical event and the links that joined them."""

    reports: tuple[Report, ...]  # sorted by id
    links: tuple[Link, ...] = ()

    @property
    def id(self) -> str:
        return canonical_id(r.id for r in self.reports)


def canonical_id(report_ids: Iterable[str]) -> str:
    return "c" + min(report_ids)


@cache
def _generic_prefixes() -> tuple[str, ...]:
    from rasd.actors import GENERIC_KINDS

    return tuple(f"{v[0]}-" for v in GENERIC_KINDS.values())


def is_generic(actor: Actor) -> bool:
    """Unidentified armed groups, civilians, protesters, rioters: roles, not actors."""
    return actor.id.startswith(_generic_prefixes())


def named_actors(ev: Event) -> dict[str, Actor]:
    every = (ev.actor1, ev.actor2, *ev.assoc_actor1, *ev.assoc_actor2)
    return {a.id: a for a in every if a is not None and not is_generic(a)}


def _types(a: Event, b: Event) -> tuple[int, str] | None:
    if a.event_type != b.event_type:
        return None
    if a.sub_event_type == b.sub_event_type:
        return 1, f"same type: {a.sub_event_type}"
    if any(a.sub_event_type in g and b.sub_event_type in g for g in _COMPATIBLE):
        return 0, f"compatible types: {a.sub_event_type} ~ {b.sub_event_type}"
    return None


def _actors(a: Event, b: Event) -> tuple[int, str] | None:
    """The actors one report names must all be named by the other: ISIS against the SDF
    and ISIS against the army in one town on one day are two events, as ACLED codes them."""
    na, nb = named_actors(a), named_actors(b)
    if not (na.keys() <= nb.keys() or nb.keys() <= na.keys()):
        return None
    shared = sorted(set(na) & set(nb))
    if shared:
        return 2, "shared actor: " + ", ".join(na[i].name for i in shared)
    return 0, "one report names no actor"


def distance_km(a: Location, b: Location) -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def _kind(loc: Location, place_of: PlaceLookup | None) -> tuple[str | None, str | None]:
    """The gazetteer kind and admin p-code of a location, when known."""
    place = place_of(loc.gazetteer_id) if place_of and loc.gazetteer_id else None
    if place is not None:
        return place.kind, place.admin_pcode
    if loc.precision == 3 and loc.admin1 and loc.name == loc.admin1:
        return "admin1", None
    return None, None


def inside(inner: Location, outer: Location, *, place_of: PlaceLookup | None = None) -> bool:
    """Whether ``inner`` lies in the admin area (or named region) ``outer`` is."""
    kind, pcode = _kind(outer, place_of)
    if kind not in _REGION_KINDS:
        return False
    if inner.country and outer.country and inner.country != outer.country:
        return False
    _, inner_pcode = _kind(inner, place_of)
    if pcode and inner_pcode:
        return inner_pcode.startswith(pcode)
    if kind == "admin1":
        return bool(inner.admin1) and inner.admin1 == outer.admin1
    if kind == "admin2":
        return bool(inner.admin2) and inner.admin2 == outer.admin2 \
            and inner.admin1 == outer.admin1
    return False


def _places(a: Event, b: Event, opts: MergeOptions, place_of: PlaceLookup | None,
            near_copies: bool) -> tuple[int, str] | None:
    la, lb = a.location, b.location
    if la is None or lb is None:
        # Without a place, only a copy of the same article is safe to join.
        return (0, "a report has no place; near-copy articles") if near_copies else None
    if la.country and lb.country and la.country != lb.country:
        return None
    if la.gazetteer_id and la.gazetteer_id == lb.gazetteer_id:
        return 2, f"same place: {la.name}"
    km = distance_km(la, lb)
    if km <= opts.near_km:
        return 1, f"places {km:.1f} km apart: {la.name}, {lb.name}"
    if inside(la, lb, place_of=place_of):
        return 0, f"{la.name} lies in {lb.name}"
    if inside(lb, la, place_of=place_of):
        return 0, f"{lb.name} lies in {la.name}"
    return None


def _vague(ev: Event) -> bool:
    return ev.date is None or ev.date.precision >= 3


def _dates(a: Report, b: Report, opts: MergeOptions,
           near_copies: bool) -> tuple[int, str] | None:
    da, db = a.event.date, b.event.date
    gap: int | None = None
    if da is not None and db is not None:
        gap = max(0, (max(da.start, db.start) - min(da.end, db.end)).days)
    if not _vague(a.event) and not _vague(b.event):
        assert da is not None and db is not None and gap is not None
        if gap <= opts.day_gap:
            if da.precision == db.precision == 1 and da.start == db.start:
                return 2, f"same day: {da.start.isoformat()}"
            return (1, "dates overlap") if gap == 0 else (0, f"dates {gap} day(s) apart")
        return (0, "near-copy articles") if near_copies else None
    if gap is not None and gap > opts.day_gap:
        return None
    if a.published and b.published:
        days = abs((a.published - b.published).days)
        if days <= opts.published_gap:
            return 0, f"date unknown or vague; articles published {days} day(s) apart"
    return (0, "near-copy articles") if near_copies else None


def agreement(a: Report, b: Report, *, near_copies: bool = False,
              options: MergeOptions | None = None,
              place_of: PlaceLookup | None = None) -> Link | None:
    """The link between two reports of one event, or None when they describe two.

    Symmetric in ``a`` and ``b`` (the link is stored with the lower id first),
    which the order-independence of merging rests on. ``near_copies`` says
    the two articles are near duplicates (:mod:`rasd.dedup`): their reports
    may then join without a place or with dates further apart.
    """
    if a.doc_id == b.doc_id or a.id == b.id:
        return None
    if a.id > b.id:  # one orientation, so the reasons read the same either way
        a, b = b, a
    opts = options or MergeOptions()
    found = []
    for facet in (_types(a.event, b.event), _actors(a.event, b.event),
                  _places(a.event, b.event, opts, place_of, near_copies),
                  _dates(a, b, opts, near_copies)):
        if facet is None:
            return None
        found.append(facet)
    if near_copies:
        found.append((2, "near-copy articles"))
    return Link(a.id, b.id, sum(s for s, _ in found), tuple(r for _, r in found))


def cluster(reports: Mapping[str, Report], links: Iterable[Link]) -> list[Cluster]:
    """Complete-linkage clusters of ``reports`` over the agreeing pairs ``links``.

    ``links`` must hold every agreeing pair among ``reports`` (a pair absent is
    a pair that disagrees). Output sorted by cluster id.
    """
    by_pair = {(lk.a, lk.b): lk for lk in links if lk.a in reports and lk.b in reports}
    root = {rid: rid for rid in reports}
    members = {rid: [rid] for rid in reports}
    chosen: dict[str, list[Link]] = {rid: [] for rid in reports}
    for lk in sorted(by_pair.values(), key=lambda x: (-x.score, x.a, x.b)):
        ra, rb = root[lk.a], root[lk.b]
        if ra == rb:
            continue
        if not all((min(x, y), max(x, y)) in by_pair for x in members[ra] for y in members[rb]):
            continue
        keep, gone = min(ra, rb), max(ra, rb)
        for rid in members[gone]:
            root[rid] = keep
        members[keep].extend(members.pop(gone))
        chosen[keep].extend(chosen.pop(gone))
        chosen[keep].append(lk)
    out = []
    for key in sorted(members):
        ids = sorted(members[key])
        out.append(Cluster(tuple(reports[i] for i in ids),
                           tuple(sorted(chosen[key], key=lambda x: (x.a, x.b)))))
    return out


def merge_all(reports: Sequence[Report], *, near_pairs: Iterable[tuple[str, str]] = (),
              options: MergeOptions | None = None,
              place_of: PlaceLookup | None = None) -> list[Cluster]:
    """Cluster a batch of reports held in memory (pairs compared within an event type).

    ``near_pairs`` are pairs of document content ids that are near copies.
    """
    near = {frozenset(p) for p in near_pairs}
    by_type: dict[str, list[Report]] = {}
    for r in reports:
        by_type.setdefault(r.event.event_type, []).append(r)
    links = []
    for group in by_type.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                lk = agreement(a, b, near_copies=frozenset((a.doc_id, b.doc_id)) in near,
                               options=options, place_of=place_of)
                if lk is not None:
                    links.append(lk)
    return cluster({r.id: r for r in reports}, links)


# -- the canonical record ------------------------------------------------


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


def merged_fatalities(events: Iterable[Event]) -> Fatalities:
    figures = [e.fatalities for e in events if e.fatalities is not None and e.fatalities.best > 0]
    if not figures:
        return Fatalities(0, 0, 0)
    best = min(f.best for f in figures)
    return Fatalities(best=best, low=min(min(f.low for f in figures), best),
                      high=max(max(f.high for f in figures), best))


def _representative(reports: Sequence[Report]) -> Report:
    """The report whose actors the canonical event carries: the most named actors, then
    the most precise place and date, then the lowest id."""
    def rank(r: Report) -> tuple[object, ...]:
        ev = r.event
        return (-len(named_actors(ev)), -(ev.actor1 is not None) - (ev.actor2 is not None),
                ev.location.precision if ev.location else 9,
                ev.date.precision if ev.date else 9, r.id)
    return min(reports, key=rank)


def canonical_event(cl: Cluster) -> Canonical:
    """The canonical event of a cluster: the best-supported value of each field."""
    reports = cl.reports
    rep = _representative(reports)
    events = [r.event for r in reports]
    subs = Counter(e.sub_event_type for e in events)
    sub = min(subs, key=lambda s: (-subs[s], s != rep.event.sub_event_type, s))
    places = Counter(e.location.gazetteer_id or e.location.name for e in events if e.location)
    located = [e for e in events if e.location is not None]
    # Ties go to the representative, whose note then tells the same place and day.
    loc_ev = min(located, key=lambda e: (
        e.location.precision if e.location else 9, e is not rep.event,
        -places[(e.location.gazetteer_id or e.location.name) if e.location else ""],
        e.event_id), default=None)
    days = Counter(e.date.start for e in events if e.date)
    dated = [e for e in events if e.date is not None]
    date_ev = min(dated, key=lambda e: (
        e.date.precision if e.date else 9, e is not rep.event, -days[e.date.start] if e.date else 0,
        (e.date.end - e.date.start).days if e.date else 0,
        e.date.start if e.date else date.min, e.event_id), default=None)
    sources = tuple(sorted({r.source for r in reports if r.source}))
    fat = merged_fatalities(events)
    evidence = tuple(ev for e in events for ev in e.evidence)
    notes = rep.event.notes
    if len(reports) > 1:
        notes += (f" Merged from {len(reports)} reports"
                  f" by {len(sources)} source{'s' if len(sources) != 1 else ''}.")
    event = Event(
        event_id=cl.id,
        doc_id=rep.event.doc_id,
        status="current" if any(e.status == "current" for e in events) else "background",
        event_type=rep.event.event_type,
        sub_event_type=sub,
        actor1=rep.event.actor1,
        actor2=rep.event.actor2,
        location=loc_ev.location if loc_ev else None,
        date=date_ev.date if date_ev else None,
        fatalities=fat,
        evidence=evidence,
        assoc_actor1=rep.event.assoc_actor1,
        assoc_actor2=rep.event.assoc_actor2,
        sources=sources,
        notes=notes,
    )
    return Canonical(event, tuple(r.id for r in reports), sources, cl.links)
