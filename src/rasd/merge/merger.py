"""Merging report-level events into canonical events.

Extraction makes one event per article (a *report*); the same attack told by
a dozen outlets is a dozen reports. Two reports describe one event when they
agree on every facet: type, actors, place and date (:mod:`rasd.merge.facets`), and
when that agreement is weak, something corroborates it (:mod:`rasd.merge.links`).
This module clusters the linked reports and writes each cluster's canonical event.

Clustering is deterministic: every agreeing pair is a candidate link, links
are taken strongest first (ties by report ids) and two clusters join only
when *every* pair across them agrees (complete linkage), which stops chains
such as daily strikes on one town, each a day from the next, from collapsing
into one event. The result depends only on the set of reports, never on the
order they arrived in; a canonical event's id is ``c`` + its lowest report id.

A canonical event keeps every report and the distinct outlets; its toll, actor
order and note are reconciled over the reports (:mod:`rasd.merge.record`):
``low`` the lowest credible figure, ``high`` the highest, ``best`` the latest
updated toll or else the lowest credible one (a report silent on deaths is not
a figure of zero); the actors in the order most reports give; a note written
from those fields.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from rasd.merge.evidence import evidence_similarity
from rasd.merge.facets import (
    ACROSS_TYPES,
    MergeOptions,
    PlaceLookup,
    coarse_place,
    countryside,
    distance_km,
    inside,
    is_generic,
    named_actors,
    tolls_clash,
)
from rasd.merge.links import agreement, compatible, corroboration, weak_facets
from rasd.merge.record import canonical_note, ordered_actors, reconcile_tolls
from rasd.models import Canonical, Event, Fatalities, Link, Report, canonical_id

__all__ = [
    "Cluster", "MergeOptions", "PlaceLookup", "agreement", "canonical_event", "cluster",
    "coarse_place", "compatible", "corroboration", "countryside", "distance_km",
    "evidence_similarity", "inside", "is_generic", "merge_all", "merged_fatalities",
    "named_actors", "tolls_clash", "weak_facets",
]


@dataclass(frozen=True, slots=True)
class Cluster:
    """The reports of one canonical event and the links that joined them."""

    reports: tuple[Report, ...]  # sorted by id
    links: tuple[Link, ...] = ()

    @property
    def id(self) -> str:
        return canonical_id(r.id for r in self.reports)


Compatible = Callable[[Report, Report], bool]


def cluster(reports: Mapping[str, Report], links: Iterable[Link],
            compatible: Compatible | None = None) -> list[Cluster]:
    """Complete-linkage clusters of ``reports`` over the agreeing pairs ``links``.

    ``links`` must hold every agreeing pair among ``reports``. Two clusters join
    through a link when every pair across them is linked or, given
    ``compatible``, at least compatible (:func:`compatible`: the facets agree, if
    weakly): a report that the others corroborate need not be corroborated by
    each of them. Output sorted by cluster id.
    """
    by_pair = {(lk.a, lk.b): lk for lk in links if lk.a in reports and lk.b in reports}

    def fits(x: str, y: str) -> bool:
        if (min(x, y), max(x, y)) in by_pair:
            return True
        return compatible is not None and compatible(reports[x], reports[y])

    root = {rid: rid for rid in reports}
    members = {rid: [rid] for rid in reports}
    chosen: dict[str, list[Link]] = {rid: [] for rid in reports}
    for lk in sorted(by_pair.values(), key=lambda x: (-x.score, x.a, x.b)):
        ra, rb = root[lk.a], root[lk.b]
        if ra == rb:
            continue
        if not all(fits(x, y) for x in members[ra] for y in members[rb]):
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
    """Cluster a batch of reports held in memory (pairs compared within an event type,
    or the event types :data:`rasd.merge.facets.ACROSS_TYPES` lets agree).

    ``near_pairs`` are pairs of document content ids that are near copies.
    """
    near = {frozenset(p) for p in near_pairs}
    by_type: dict[str, list[Report]] = {}
    for r in reports:
        kind = r.event.event_type
        by_type.setdefault("" if kind in ACROSS_TYPES else kind, []).append(r)
    links = []
    for group in by_type.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                lk = agreement(a, b, near_copies=frozenset((a.doc_id, b.doc_id)) in near,
                               options=options, place_of=place_of)
                if lk is not None:
                    links.append(lk)

    def fits(a: Report, b: Report) -> bool:
        return compatible(a, b, near_copies=frozenset((a.doc_id, b.doc_id)) in near,
                          options=options, place_of=place_of)

    return cluster({r.id: r for r in reports}, links, fits)


# -- the canonical record ------------------------------------------------


def merged_fatalities(events: Iterable[Event]) -> Fatalities:
    """The reconciled toll of reports whose publication days are unknown
    (:func:`rasd.merge.record.reconcile_tolls`)."""
    return reconcile_tolls((e, None) for e in events)


def _representative(reports: Sequence[Report]) -> Report:
    """The report whose actors the canonical event carries: the most named actors, then
    the principal actors most reports name (of allies named for one another, the name
    most outlets give: the coalition's air strike told by one as the resistance's),
    then the most precise place and date, then the lowest id."""
    named = [named_actors(r.event) for r in reports]

    def rank(r: Report) -> tuple[object, ...]:
        ev = r.event
        support = sum(a.id in n for a in (ev.actor1, ev.actor2) if a is not None
                      for n in named)
        return (-len(named_actors(ev)), -(ev.actor1 is not None) - (ev.actor2 is not None),
                -support, ev.location.precision if ev.location else 9,
                ev.date.precision if ev.date else 9, r.id)
    return min(reports, key=rank)


def canonical_event(cl: Cluster) -> Canonical:
    """The canonical event of a cluster: the best-supported value of each field."""
    reports = cl.reports
    rep = _representative(reports)
    events = [r.event for r in reports]
    subs = Counter(e.sub_event_type for e in events)
    sub = min(subs, key=lambda s: (-subs[s], s != rep.event.sub_event_type, s))
    # Reports of two event types told as one act (an attack / a bombing): the event
    # type goes with the sub-type chosen.
    kind = next(e.event_type for e in events if e.sub_event_type == sub)
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
    # A lone report has nothing to reconcile: it keeps the toll extraction read, which
    # the note it keeps (below) tells; the cues would otherwise zero a toll the note gives.
    fat = (rep.event.fatalities or Fatalities(0, 0, 0) if len(reports) == 1
           else reconcile_tolls((r.event, r.published) for r in reports))
    evidence = tuple(ev for e in events for ev in e.evidence)
    actor1, actor2, assoc1, assoc2 = ordered_actors(rep.event, events)
    event = Event(
        event_id=cl.id,
        doc_id=rep.event.doc_id,
        status="current" if any(e.status == "current" for e in events) else "background",
        event_type=kind,
        sub_event_type=sub,
        actor1=actor1,
        actor2=actor2,
        location=loc_ev.location if loc_ev else None,
        date=date_ev.date if date_ev else None,
        fatalities=fat,
        evidence=evidence,
        assoc_actor1=assoc1,
        assoc_actor2=assoc2,
        sources=sources,
    )
    # A lone report keeps the note extraction wrote; a merged event's note is written
    # from its own fields, so it never tells another toll, place or day.
    notes = rep.event.notes if len(reports) == 1 else canonical_note(
        event, reports=len(reports), sources=len(sources))
    event = replace(event, notes=notes)
    return Canonical(event, tuple(r.id for r in reports), sources, cl.links)
