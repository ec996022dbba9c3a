"""Duplicate clusters and canonical events in the store (tables of m006 and m007).

Functions over a :class:`Store`, as ``store.events`` is, so the SQL of
near-duplicate documents and merged events sits in one place for both
backends. Canonical-event columns mirror ``events`` so an
:class:`~rasd.store.events.EventFilter` filters either level.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from rasd.errors import NotFoundError
from rasd.models import Canonical, Event, Report, event_from_json
from rasd.store.base import Store
from rasd.store.events import SORTS, EventFilter
from rasd.store.wordindex import canonical_text_ids

# -- near-duplicate documents ------------------------------------------


def unsigned_ids(store: Store) -> list[str]:
    rows = store._exec(
        "SELECT id FROM documents WHERE clean_text IS NOT NULL "
        "AND id NOT IN (SELECT doc_id FROM doc_minhash) ORDER BY id"
    ).fetchall()
    return [r[0] for r in rows]


def iter_signatures(store: Store, *, batch: int = 5000) -> Iterator[tuple[str, str]]:
    last = ""
    while True:
        rows = store._exec(
            "SELECT doc_id, signature FROM doc_minhash WHERE doc_id > ? AND signature != '' "
            "ORDER BY doc_id LIMIT ?", (last, batch)).fetchall()
        if not rows:
            return
        yield from ((r[0], r[1]) for r in rows)
        last = rows[-1][0]


def add_signature(store: Store, doc_id: str, signature: str,
                  links: Sequence[tuple[str, float]]) -> str:
    """Store a document's signature and its near-copy links; returns its cluster id.

    A cluster is named by its lowest document id, so when the new document
    joins clusters the joined clusters take the lowest of their names.
    """
    clusters = set()
    for other, sim in links:
        a, b = sorted((doc_id, other))
        store._exec(store._insert_ignore("duplicate_links", ("doc_a", "doc_b", "similarity")),
                    (a, b, sim))
        row = store._exec("SELECT cluster_id FROM doc_minhash WHERE doc_id = ?",
                          (other,)).fetchone()
        clusters.add(row[0] if row else other)
    cluster_id = min({doc_id, *clusters})
    for old in sorted(clusters - {cluster_id}):
        store._exec("UPDATE doc_minhash SET cluster_id = ? WHERE cluster_id = ?",
                    (cluster_id, old))
    store._exec(store._insert_ignore("doc_minhash", ("doc_id", "signature", "cluster_id")),
                (doc_id, signature, cluster_id))
    return cluster_id


def duplicate_cluster(store: Store, doc_id: str) -> list[str]:
    """The ids of the documents in ``doc_id``'s duplicate cluster (itself alone if none)."""
    row = store._exec("SELECT cluster_id FROM doc_minhash WHERE doc_id = ?", (doc_id,)).fetchone()
    if row is None:
        return [doc_id]
    rows = store._exec("SELECT doc_id FROM doc_minhash WHERE cluster_id = ? ORDER BY doc_id",
                       (row[0],)).fetchall()
    return [r[0] for r in rows]


def near_copies(store: Store, doc_id: str) -> dict[str, float]:
    """Documents linked to ``doc_id`` as near copies, with their similarity."""
    rows = store._exec(
        "SELECT doc_b, similarity FROM duplicate_links WHERE doc_a = ? "
        "UNION SELECT doc_a, similarity FROM duplicate_links WHERE doc_b = ?",
        (doc_id, doc_id)).fetchall()
    return {r[0]: float(r[1]) for r in rows}


# -- reports -------------------------------------------------------------

_REPORT_SQL = ("SELECT e.record, e.doc_id, d.source, d.published FROM events e "
               "JOIN documents d ON d.id = e.doc_id")


def _reports(store: Store, where: str, params: Sequence[Any]) -> list[Report]:
    rows = store._exec(f"{_REPORT_SQL} WHERE {where}", params).fetchall()
    return [Report(event_from_json(json.loads(r[0])), r[1], r[2],
                   date.fromisoformat(r[3]) if r[3] else None) for r in rows]


def get_reports(store: Store, ids: Sequence[str]) -> list[Report]:
    out: list[Report] = []
    for i in range(0, len(ids), 500):
        chunk = list(ids[i:i + 500])
        out += _reports(store, f"e.id IN ({','.join('?' * len(chunk))})", chunk)
    return out


def pending_report_ids(store: Store) -> list[str]:
    """Reports not merged yet, and the reports of canonical events that lost a report
    (re-extraction replaced it), which must be merged again."""
    rows = store._exec("SELECT id FROM events WHERE canonical_id IS NULL").fetchall()
    stale = store._exec(
        "SELECT e.id FROM events e JOIN canonical_events c ON c.id = e.canonical_id "
        "WHERE c.reports != (SELECT COUNT(*) FROM events x WHERE x.canonical_id = c.id)"
    ).fetchall()
    dangling = store._exec(
        "SELECT id FROM events WHERE canonical_id IS NOT NULL "
        "AND canonical_id NOT IN (SELECT id FROM canonical_events)").fetchall()
    return sorted({r[0] for r in (*rows, *stale, *dangling)})


def candidate_reports(store: Store, r: Report, *, day_gap: int, published_gap: int,
                      max_span: int = 31) -> list[Report]:
    """Every stored report that could agree with ``r`` on country, type and date.

    A superset of the reports :func:`rasd.merge.merger.agreement` accepts (near copies
    aside: see :func:`near_copy_reports`); it is what makes merging need no
    comparison of every pair.
    """
    loc = r.event.location
    if loc is None or not loc.country:
        return []
    base = "e.country = ? AND e.event_type = ? AND e.doc_id != ?"
    key = [loc.country, r.event.event_type, r.doc_id]
    found: dict[str, Report] = {}
    span = r.event.date
    if span is not None:
        lo = (span.start - timedelta(days=day_gap + max_span)).isoformat()
        hi = (span.end + timedelta(days=day_gap)).isoformat()
        floor = (span.start - timedelta(days=day_gap)).isoformat()
        for rep in _reports(store, f"{base} AND e.date_start BETWEEN ? AND ? AND e.date_end >= ?",
                            [*key, lo, hi, floor]):
            found[rep.id] = rep
    if r.published is not None:
        lo = (r.published - timedelta(days=published_gap)).isoformat()
        hi = (r.published + timedelta(days=published_gap)).isoformat()
        vague = span is None or span.precision >= 3
        only_vague = "" if vague else " AND (e.date_start IS NULL OR e.time_precision >= 3)"
        for rep in _reports(store, f"{base} AND d.published BETWEEN ? AND ?{only_vague}",
                            [*key, lo, hi]):
            found[rep.id] = rep
    return [found[k] for k in sorted(found)]


def near_copy_reports(store: Store, r: Report, docs: Iterable[str]) -> list[Report]:
    ids = sorted(set(docs) - {r.doc_id})
    if not ids:
        return []
    return _reports(store, f"e.event_type = ? AND e.doc_id IN ({','.join('?' * len(ids))})",
                    [r.event.event_type, *ids])


# -- canonical events ----------------------------------------------------


def canonical_ids_of(store: Store, report_ids: Sequence[str]) -> set[str]:
    out: set[str] = set()
    for i in range(0, len(report_ids), 500):
        chunk = list(report_ids[i:i + 500])
        rows = store._exec(
            f"SELECT DISTINCT canonical_id FROM events WHERE id IN ({','.join('?' * len(chunk))}) "
            "AND canonical_id IS NOT NULL", chunk).fetchall()
        out |= {r[0] for r in rows}
    return out


def canonical_of_reports(store: Store) -> dict[str, str]:
    """Every merged report's id and the id of the canonical event it is in."""
    rows = store._exec("SELECT id, canonical_id FROM events "
                       "WHERE canonical_id IS NOT NULL").fetchall()
    return {r[0]: r[1] for r in rows}


def delete_canonical(store: Store, ids: Iterable[str]) -> None:
    for cid in sorted(ids):
        store._exec("DELETE FROM canonical_events WHERE id = ?", (cid,))


_CANONICAL_COLUMNS = (
    "id", "status", "event_type", "sub_event_type", "actor1", "actor2", "location", "admin1",
    "admin2", "country", "lat", "lon", "geo_precision", "date_start", "date_end",
    "time_precision", "fatalities", "fatalities_low", "fatalities_high", "reports", "sources",
    "record", "updated")


def put_canonical(store: Store, canon: Canonical) -> None:
    """Insert (or replace) a canonical event and point its reports at it."""
    ev = canon.event
    loc = ev.location
    fat = ev.fatalities
    store._exec("DELETE FROM canonical_events WHERE id = ?", (ev.event_id,))
    store._exec(
        store._insert_ignore("canonical_events", _CANONICAL_COLUMNS),
        (ev.event_id, ev.status, ev.event_type, ev.sub_event_type, _actor_text(ev.actor1),
         _actor_text(ev.actor2), loc.name if loc else None, loc.admin1 if loc else None,
         loc.admin2 if loc else None, loc.country if loc else None, loc.lat if loc else None,
         loc.lon if loc else None, loc.precision if loc else None,
         ev.date.start.isoformat() if ev.date else None,
         ev.date.end.isoformat() if ev.date else None, ev.date.precision if ev.date else None,
         fat.best if fat else None, fat.low if fat else None, fat.high if fat else None,
         len(canon.reports), len(canon.sources),
         json.dumps(canon.to_json(), ensure_ascii=False),
         datetime.now(UTC).isoformat(timespec="seconds")),
    )
    for i in range(0, len(canon.reports), 500):
        chunk = list(canon.reports[i:i + 500])
        marks = ",".join("?" * len(chunk))
        store._exec(f"UPDATE events SET canonical_id = ? WHERE id IN ({marks})",
                    [ev.event_id, *chunk])


def _actor_text(actor: object) -> str | None:
    if actor is None:
        return None
    name = getattr(actor, "name", "")
    name_ar = getattr(actor, "name_ar", "")
    return f"{name} | {name_ar}" if name_ar else str(name)


def reset_duplicates(store: Store) -> None:
    """Forget every signature and near-copy link (the next run signs every document)."""
    for table in ("doc_minhash", "duplicate_links"):
        store._exec(f"DELETE FROM {table}")
    store.commit()


def reset_canonical(store: Store) -> None:
    """Forget every canonical event (the next run merges every report again)."""
    store._exec("DELETE FROM canonical_events")
    store._exec("UPDATE events SET canonical_id = NULL")
    store.commit()


def canonical_where(flt: EventFilter | None, *, dialect: str = "sqlite",
                    box_index: bool = False, text_ids: str | None = None,
                    text_walk: bool = False, text_hashed: bool = False,
                    ) -> tuple[str, list[object]]:
    """An EventFilter on canonical events: its column filters apply to the canonical
    fields; the evidence text and the document select events with such a report.
    With ``box_index`` the map box takes its candidates from the spatial index
    (migration m015; :func:`use_box_index` says when that pays). ``text_ids``
    (:func:`text_match_ids`) are the events the evidence text selects, found before;
    with ``text_walk`` SQLite tests them against the rows an index walks in the
    query's order instead of looking each one up (``+id``: no index on ``id``).
    ``text_hashed`` (PostgreSQL, a common word: :func:`rasd.store.wordindex.common_word`)
    keeps the word's events a hashed set that the rows read are tested against,
    where the planner would join them (below)."""
    flt = flt or EventFilter()
    plain = replace(flt, text=None, doc=None, bbox=None if box_index else flt.bbox)
    where, params = plain.where(dialect=dialect)
    conds = [where[len(" WHERE "):]] if where else []
    if flt.bbox and box_index:
        cond, found = box_match(flt.bbox, dialect=dialect)
        conds.append(cond)
        params += found
    if flt.text and text_ids is not None:
        conds.append(f"{'+' if text_walk else ''}id IN (SELECT value FROM json_each(?))")
        params.append(text_ids)
    elif flt.text:
        sql, found = canonical_text_ids(flt.text, dialect=dialect)
        # ``IS TRUE`` is the same test, but not a condition PostgreSQL's planner turns
        # into a join: it stays a subplan, hashed once, which a walk of an ordered
        # index or a scan probes. The planner underestimates a common phrase (2,774
        # for 16,618 sentences) and joins it by one index search per event instead.
        conds.append(f"(id IN ({sql})) IS TRUE" if text_hashed else f"id IN ({sql})")
        params += found
    if flt.doc:
        conds.append("id IN (SELECT canonical_id FROM events WHERE doc_name = ? OR doc_id = ?)")
        params += [flt.doc, flt.doc]
    return (" WHERE " + " AND ".join(conds)) if conds else "", params


def text_match_ids(store: Store, text: str) -> tuple[str, int]:
    """The canonical events with a report whose evidence holds ``text`` (SQLite), as a
    JSON array for ``json_each``, and how many.

    A request whose list, count or map asks the same filter twice finds its
    matches once: walking thousands of matching sentences to their reports and
    canonical events costs more than the rest of such a query. The array is built
    by SQLite itself: no Python string per event.
    """
    sql, found = canonical_text_ids(text, dialect=store.dialect)
    row = store._exec("SELECT json_group_array(canonical_id), COUNT(*) FROM (SELECT DISTINCT "
                      f"canonical_id FROM ({sql}) found WHERE canonical_id IS NOT NULL) ids",
                      found).fetchone()
    return str(row[0]), int(row[1])


def box_candidates(bbox: tuple[float, float, float, float], *,
                   dialect: str = "sqlite") -> tuple[str, list[object]]:
    """A query of the ids of the canonical events in a box by the spatial index of
    m015 alone: on SQLite a superset (the R*Tree holds 32-bit floats rounded
    outwards, so a few events just outside the box); on PostgreSQL exact."""
    min_lon, min_lat, max_lon, max_lat = (float(x) for x in bbox)
    if dialect == "postgresql":
        return ("SELECT id FROM canonical_events WHERE point(lon, lat) <@ "
                "box(point(?, ?), point(?, ?))", [min_lon, min_lat, max_lon, max_lat])
    return ("SELECT event_id FROM canonical_events_rtree WHERE max_lon >= ? "
            "AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?",
            [min_lon, max_lon, min_lat, max_lat])


def box_match(bbox: tuple[float, float, float, float], *,
              dialect: str = "sqlite") -> tuple[str, list[object]]:
    """A condition on ``canonical_events`` that selects the events in a box
    (min lon, min lat, max lon, max lat, edges included) through the spatial
    index, and its parameters.

    The index gives candidates (:func:`box_candidates`) and the plain
    ``BETWEEN`` test of :meth:`EventFilter.where` keeps the events that are in
    the box, so the answer is the plain scan's on both backends.
    """
    where, params = EventFilter(bbox=bbox).where(dialect=dialect)
    exact = where[len(" WHERE "):]
    if dialect == "postgresql":
        min_lon, min_lat, max_lon, max_lat = (float(x) for x in bbox)
        return (f"point(lon, lat) <@ box(point(?, ?), point(?, ?)) AND {exact}",
                [min_lon, min_lat, max_lon, max_lat, *params])
    sql, found = box_candidates(bbox, dialect=dialect)
    return f"id IN ({sql}) AND {exact}", [*found, *params]


# The spatial index serves a box holding at most this share of the located events
# (or BOX_INDEX_MIN of them): each candidate it gives costs a row lookup, where a
# walk of a covering index in the page's order (m011, m012) reads a few hundred
# entries per event kept. Measured on 100,000 generated events (docs/benchmarks.md):
# 82 events in the box, 1 ms from the index against 16-38 ms from the walk; 2,538,
# about even; 20,033, 30 ms against 170 for the map's points, 2 against 80 for a page.
BOX_INDEX_SHARE = 50
BOX_INDEX_MIN = 500
# Counting a box's candidates costs as many index entries as it holds, up to the
# bound on SQLite, all of them on PostgreSQL (a bitmap scan, which the LIMIT does not
# stop): a box larger than this (square degrees, about 100 x 110 km) is not counted
# and takes the walk, as every box did before m015.
BOX_INDEX_MAX_AREA = 1.0


def use_box_index(store: Store, flt: EventFilter | None) -> bool:
    """Whether the spatial index should answer ``flt``'s box: a small box holding few
    of the located events (counted in the index, at most up to the bound)."""
    if flt is None or not flt.bbox:
        return False
    min_lon, min_lat, max_lon, max_lat = flt.bbox
    if (max_lon - min_lon) * (max_lat - min_lat) > BOX_INDEX_MAX_AREA:
        return False
    row = store._exec("SELECT COALESCE(SUM(located), 0) FROM canonical_groups").fetchone()
    bound = max(BOX_INDEX_MIN, int(row[0]) // BOX_INDEX_SHARE)
    sql, params = box_candidates(flt.bbox, dialect=store.dialect)
    n = store._exec(f"SELECT COUNT(*) FROM ({sql} LIMIT ?) capped",
                    [*params, bound + 1]).fetchone()[0]
    return int(n) <= bound


def list_canonical(store: Store, flt: EventFilter | None = None, *, limit: int = 100,
                   offset: int = 0, sort: str = "date") -> list[Event]:
    where, params = canonical_where(flt, dialect=store.dialect,
                                    box_index=use_box_index(store, flt))
    order = SORTS.get(sort, SORTS["date"])
    rows = store._exec(
        f"SELECT record FROM canonical_events{where} ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, limit, offset]).fetchall()
    return [event_from_json(json.loads(r[0])) for r in rows]


def count_canonical(store: Store, flt: EventFilter | None = None) -> int:
    where, params = canonical_where(flt, dialect=store.dialect,
                                    box_index=use_box_index(store, flt))
    return int(store._exec(f"SELECT COUNT(*) FROM canonical_events{where}",
                           params).fetchone()[0])


@dataclass(frozen=True, slots=True)
class CanonicalView:
    """A canonical event with its reports (and their outlets) and the merge links."""

    event: Event
    reports: tuple[Report, ...]
    links: tuple[dict[str, Any], ...]


def find_canonical(store: Store, ref: str) -> CanonicalView | None:
    """A canonical event by its id; None when no canonical event has that id.

    A canonical id that a later merge replaced (its lowest report joined an
    event with a lower report id) finds the event that report is in now.
    """
    row = store._exec("SELECT record FROM canonical_events WHERE id = ?", (ref,)).fetchone()
    if row is None and len(ref) == 17 and ref.startswith("c"):
        hit = store._exec("SELECT canonical_id FROM events WHERE id = ?", (ref[1:],)).fetchone()
        if hit is not None and hit[0] is not None:
            row = store._exec("SELECT record FROM canonical_events WHERE id = ?",
                              (hit[0],)).fetchone()
    if row is None:
        return None
    record = json.loads(row[0])
    reports = tuple(sorted(get_reports(store, record.get("reports", [])), key=lambda r: r.id))
    return CanonicalView(event_from_json(record), reports, tuple(record.get("links", [])))


def get_canonical(store: Store, ref: str) -> CanonicalView:
    """A canonical event by its id (see :func:`find_canonical`), or by one of its reports."""
    view = find_canonical(store, ref)
    if view is None:
        hit = store._exec("SELECT canonical_id FROM events WHERE id = ?", (ref,)).fetchone()
        if hit is not None and hit[0] is not None:
            view = find_canonical(store, hit[0])
    if view is None:
        raise NotFoundError(f"no canonical event with id {ref!r}")
    return view


def store_stats(store: Store) -> dict[str, object]:
    """Duplicate clusters and merge statistics for ``docs/quality.md``."""
    def one(sql: str) -> int:
        return int(store._exec(sql).fetchone()[0])

    sizes = store._exec("SELECT COUNT(*) FROM doc_minhash GROUP BY cluster_id "
                        "HAVING COUNT(*) > 1").fetchall()
    per = store._exec("SELECT reports, sources, COUNT(*) FROM canonical_events "
                      "GROUP BY reports, sources").fetchall()
    canon = sum(r[2] for r in per)
    merged = sum(r[2] for r in per if r[0] > 1)
    reports_hist: dict[str, int] = {}
    sources_hist: dict[str, int] = {}
    for n_rep, n_src, count in per:
        k = str(n_rep) if n_rep < 5 else "5+"
        reports_hist[k] = reports_hist.get(k, 0) + count
        s = str(n_src) if n_src < 5 else "5+"
        sources_hist[s] = sources_hist.get(s, 0) + count
    reports = int(one("SELECT COUNT(*) FROM events"))
    return {
        "documents signed": int(one("SELECT COUNT(*) FROM doc_minhash")),
        "near-copy links": int(one("SELECT COUNT(*) FROM duplicate_links")),
        "duplicate clusters (2+ docs)": len(sizes),
        "documents in them": sum(int(r[0]) for r in sizes),
        "largest cluster": max((int(r[0]) for r in sizes), default=0),
        "reports": reports,
        "canonical events": canon,
        "merged events (2+ reports)": merged,
        "reports in merged events": reports - (canon - merged),
        "events by reports": dict(sorted(reports_hist.items())),
        "events by sources": dict(sorted(sources_hist.items())),
        "mean sources, merged events": round(
            sum(r[1] * r[2] for r in per if r[0] > 1) / merged, 2) if merged else 0,
    }


def sample_merged(store: Store, *, rng: random.Random, n: int,
                  ) -> list[tuple[Event, list[tuple[Event, str | None, date | None]]]]:
    """``n`` canonical events of two reports or more, drawn with ``rng``, with their reports."""
    ids = [r[0] for r in store._exec(
        "SELECT id FROM canonical_events WHERE reports > 1 ORDER BY id").fetchall()]
    out = []
    for cid in sorted(rng.sample(ids, min(n, len(ids)))):
        view = get_canonical(store, cid)
        out.append((view.event, [(r.event, r.source, r.published) for r in view.reports]))
    return out
