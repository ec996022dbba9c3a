"""The pipeline's ``merge`` stage: near-duplicate documents, then canonical events.

Incremental and order-independent. The reports to merge are those with no
canonical event yet (and the remaining reports of a canonical event that lost
one to re-extraction). From each, the stage walks the graph of agreeing
reports through the store (candidates by country, type and date, plus the
reports of near-copy articles) to the whole connected component, and
re-clusters that component from scratch. A component's clusters depend only
on its reports, so merging a corpus in one run, article by article, or in
any order gives the same canonical events.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rasd.merge.facets import ACROSS_TYPES, MergeOptions, PlaceLookup
from rasd.merge.links import agreement, compatible
from rasd.merge.merger import canonical_event, cluster
from rasd.models import Link, Report
from rasd.store import canonical as db
from rasd.store.pages import refresh_planner_statistics

if TYPE_CHECKING:
    from rasd.models import Place
    from rasd.pipeline.orchestrator import Pipeline, RunStats
    from rasd.store.base import Store

BATCH = 200


@dataclass(frozen=True, slots=True)
class MergeResult:
    reports: int  # reports (re)merged
    canonical: int  # canonical events written
    merged: int  # of which with two reports or more


def merge_pending(pipeline: Pipeline, stats: RunStats) -> None:
    """The stage hook: sign and link new documents, then merge new reports."""
    from rasd.merge.dedup import dedup_pending

    # Two `rasd run` processes finishing together on one PostgreSQL database would
    # otherwise both rewrite the same canonical events.
    with pipeline.store.exclusive("rasd merge"):
        dedup_pending(pipeline.store)
        result = merge_reports(pipeline.store)
    stats.merged += result.merged


def gazetteer_lookup() -> PlaceLookup:
    """Place kinds and p-codes for admin-area containment, from the packaged gazetteer."""
    from rasd.errors import NotFoundError
    from rasd.geo.gazetteer import load_gazetteer

    gaz = load_gazetteer()

    def place_of(place_id: str) -> Place | None:
        try:
            return gaz.get(place_id)
        except NotFoundError:
            return None

    return place_of


class _Graph:
    """The agreeing-report graph, read from the store as the walk needs it."""

    def __init__(self, store: Store, options: MergeOptions, place_of: PlaceLookup | None):
        self.store = store
        self.options = options
        self.place_of = place_of
        self._near: dict[str, dict[str, float]] = {}

    def near(self, doc_id: str) -> dict[str, float]:
        if doc_id not in self._near:
            self._near[doc_id] = db.near_copies(self.store, doc_id)
        return self._near[doc_id]

    def neighbours(self, r: Report) -> list[tuple[Report, Link]]:
        opts = self.options
        # The store's candidates share the report's event type; reports of the types
        # one act may be told as (an attack / a bombing) are asked for too.
        kinds = [r.event.event_type]
        if opts.across_types:
            kinds += sorted(ACROSS_TYPES.get(r.event.event_type, ()))
        # The store leaves out the report's own article; one bombing told twice in it
        # may join (rasd.merge.facets.TOLD_TWICE), so its article is asked for too.
        doc = "" if opts.told_twice else r.doc_id
        found = {c.id: c for kind in kinds for c in db.candidate_reports(
            self.store, replace(r, doc_id=doc, event=replace(r.event, event_type=kind)),
            day_gap=max(opts.day_gap, opts.recalled_day_gap, opts.bombing_day_gap),
            published_gap=opts.published_gap)}
        near = self.near(r.doc_id)
        for c in db.near_copy_reports(self.store, r, near):
            found[c.id] = c
        out = []
        for cid in sorted(found):
            c = found[cid]
            lk = agreement(r, c, near_copies=c.doc_id in near, options=opts,
                           place_of=self.place_of)
            if lk is not None:
                out.append((c, lk))
        return out

    def compatible(self, a: Report, b: Report) -> bool:
        return compatible(a, b, near_copies=b.doc_id in self.near(a.doc_id),
                          options=self.options, place_of=self.place_of)

    def component(self, seed: Report) -> tuple[dict[str, Report], list[Link]]:
        reports = {seed.id: seed}
        links: dict[tuple[str, str], Link] = {}
        queue = deque([seed])
        while queue:
            r = queue.popleft()
            for c, lk in self.neighbours(r):
                links[(lk.a, lk.b)] = lk
                if c.id not in reports:
                    reports[c.id] = c
                    queue.append(c)
        return reports, list(links.values())


def merge_reports(store: Store, *, options: MergeOptions | None = None,
                  place_of: PlaceLookup | None = None) -> MergeResult:
    """Merge every pending report into canonical events; commits in batches."""
    pending = db.pending_report_ids(store)
    if not pending:
        return MergeResult(0, 0, 0)
    graph = _Graph(store, options or MergeOptions(),
                   place_of if place_of is not None else gazetteer_lookup())
    done: set[str] = set()
    written: set[str] = set()
    n_reports = n_canon = n_merged = 0
    since_commit = 0
    for seed_id in pending:
        if seed_id in done:
            continue
        found = db.get_reports(store, [seed_id])
        if not found:
            continue
        reports, links = graph.component(found[0])
        done.update(reports)
        # Old canonical events of these reports go, unless this run already wrote
        # them (an id is the lowest report id, so it is never shared by two clusters).
        db.delete_canonical(store, db.canonical_ids_of(store, sorted(reports)) - written)
        for cl in cluster(reports, links, graph.compatible):
            canon = canonical_event(cl)
            db.put_canonical(store, canon)
            written.add(canon.event.event_id)
            n_canon += 1
            n_merged += len(cl.reports) > 1
        n_reports += len(reports)
        since_commit += len(reports)
        if since_commit >= BATCH:
            store.commit()
            since_commit = 0
    store.commit()
    refresh_planner_statistics(store)
    return MergeResult(n_reports, n_canon, n_merged)
