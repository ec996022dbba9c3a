"""The map box filter from the spatial index (migration m015) selects the events the plain
``BETWEEN`` scan selects, on SQLite (R*Tree) and PostgreSQL (GiST on a point).

Points on a box's edges and just outside them (closer than a 32-bit float
can tell apart) are where an index alone could answer differently; the
index is kept in step by triggers through inserts, replacements,
hand-written updates and deletes, and is filled when an existing database
is migrated.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from rasd.models import Canonical, DateSpan, Event, Location
from rasd.store import Store, open_store
from rasd.store import migrations as migrations_module
from rasd.store.canonical import (
    box_candidates,
    box_match,
    canonical_where,
    delete_canonical,
    put_canonical,
    reset_canonical,
    use_box_index,
)
from rasd.store.events import EventFilter
from rasd.store.pages import event_points, page_events
from rasd.store.stats import plain_stats

BOXES = [  # min lon, min lat, max lon, max lat
    (36.0, 35.0, 38.0, 37.5),
    (36.5, 35.5, 36.5000001, 35.6),  # a box a hair wide
    (43.0, 36.0, 44.0, 37.0),
    (-180.0, -90.0, 180.0, 90.0),
    (10.0, 10.0, 11.0, 11.0),  # empty
]
# On the first box's edges, and outside them by less than a 32-bit float's step
# (about 4e-6 here: the R*Tree cannot tell them apart).
EDGES = [(36.0, 35.0), (38.0, 37.5), (36.0, 36.0), (37.0, 37.5),
         (36.0 - 1e-9, 36.0), (38.0 + 1e-9, 36.0), (37.0, 35.0 - 1e-7), (37.0, 37.5 + 1e-7),
         (36.5, 35.5), (36.5000001, 35.6), (36.50000011, 35.55)]


def _event(n: int, lon: float | None, lat: float | None) -> Event:
    loc = None if lon is None or lat is None else Location(
        "مكان", "مكان", lat, lon, 1, admin1=None, country="SY")
    return Event(event_id=f"c{n:05d}", doc_id="d", status="current", event_type="Battles",
                 sub_event_type="Armed clash", actor1=None, actor2=None, location=loc,
                 date=DateSpan(date(2020, 1, 1 + n % 28), date(2020, 1, 1 + n % 28), 1),
                 fatalities=None, evidence=())


def _fill(store: Store, n: int = 200, seed: int = 5) -> None:
    rng = random.Random(seed)
    points: list[tuple[float | None, float | None]] = [*EDGES, (None, None)]
    points += [(rng.uniform(35, 45), rng.uniform(32, 38)) for _ in range(n)]
    for i, (lon, lat) in enumerate(points):
        put_canonical(store, Canonical(_event(i, lon, lat), (), ()))
    store.commit()


def _ids(store: Store, sql: str, params: list[object]) -> set[str]:
    return {str(r[0]) for r in store._exec(sql, params).fetchall()}


def _plain(store: Store, box: tuple[float, float, float, float]) -> set[str]:
    min_lon, min_lat, max_lon, max_lat = box
    return _ids(store, "SELECT id FROM canonical_events WHERE lon BETWEEN ? AND ? "
                "AND lat BETWEEN ? AND ?", [min_lon, max_lon, min_lat, max_lat])


def _indexed(store: Store, box: tuple[float, float, float, float]) -> set[str]:
    where, params = canonical_where(EventFilter(bbox=box), dialect=store.dialect,
                                    box_index=True)
    return _ids(store, f"SELECT id FROM canonical_events{where}", params)


def _index_alone(store: Store, box: tuple[float, float, float, float]) -> set[str]:
    """The index's candidates without the exact test."""
    return _ids(store, *box_candidates(box, dialect=store.dialect))


def _assert_same(store: Store) -> None:
    located = _ids(store, "SELECT id FROM canonical_events WHERE lat IS NOT NULL "
                   "AND lon IS NOT NULL", [])
    for box in BOXES:
        want = _plain(store, box)
        assert _indexed(store, box) == want, box
        assert want <= _index_alone(store, box) <= located, box
    whole = _index_alone(store, (-180.0, -90.0, 180.0, 90.0))
    assert whole == located  # one index entry per located event, none left over
    if store.dialect == "sqlite":
        n = store._exec("SELECT COUNT(*) FROM canonical_events_rtree").fetchone()[0]
        assert n == len(located)


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "postgresql":
        yield str(request.getfixturevalue("pg_url"))
    else:
        yield f"sqlite:///{tmp_path / 'box.db'}"


def test_the_index_finds_what_the_plain_scan_finds(url: str) -> None:
    with open_store(url) as store:
        _fill(store)
        _assert_same(store)
        box = BOXES[0]
        if store.dialect == "sqlite":  # the R*Tree alone answers otherwise near the edges
            assert _index_alone(store, box) - _plain(store, box)
        assert {"c00000", "c00001", "c00002", "c00003"} <= _indexed(store, box)
        assert not {"c00004", "c00005", "c00006", "c00007"} & _indexed(store, box)


def test_the_index_follows_replacements_updates_and_deletes(url: str) -> None:
    with open_store(url) as store:
        _fill(store)
        rng = random.Random(8)
        for i in rng.sample(range(12, 200), 50):  # merged again: delete, then insert
            put_canonical(store, Canonical(_event(i, rng.uniform(35, 45),
                                                  rng.uniform(32, 38)), (), ()))
        for i in rng.sample(range(12, 200), 10):  # merged again without a place
            put_canonical(store, Canonical(_event(i, None, None), (), ()))
        delete_canonical(store, [f"c{i:05d}" for i in rng.sample(range(12, 200), 30)])
        for i, change in enumerate(("lat = NULL", "lon = lon + 0.5", "lat = 36.0, lon = 37.0",
                                    "id = id || 'x'", "lat = 35.0, lon = 36.0")):
            store._exec(f"UPDATE canonical_events SET {change} WHERE id LIKE ?", [f"c%{i}"])
        # An event without a place is given one.
        store._exec("UPDATE canonical_events SET lat = 36.5, lon = 37.5 WHERE id = 'c00011'")
        store.commit()
        _assert_same(store)
        reset_canonical(store)
        assert _index_alone(store, (-180.0, -90.0, 180.0, 90.0)) == set()


def test_migration_indexes_the_events_already_stored(url: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    before = [m for m in migrations_module.MIGRATIONS if m.__name__ < "m015"]
    monkeypatch.setattr(migrations_module, "MIGRATIONS", before)
    with open_store(url) as store:
        _fill(store)
        if store.dialect == "sqlite":
            assert not store.has_table("canonical_events_rtree")
    monkeypatch.undo()
    with open_store(url) as store:
        applied = store._exec("SELECT name FROM migrations WHERE name = ?",
                               ["m015_canonical_spatial_index"]).fetchall()
        assert len(applied) == 1
        _assert_same(store)
        # The page's queries with a box: list, statistics and points as without the index.
        flt = EventFilter(bbox=BOXES[0])
        want = _plain(store, BOXES[0])
        listed = page_events(store, flt, limit=1000, level="canonical")
        assert {e.event_id for e in listed} == want
        assert plain_stats(store, flt, level="canonical").total == len(want)
        points, total = event_points(store, flt, limit=1000, level="canonical")
        assert total == len(want) == len(points)
        # Capped: the deadliest first, all of them counted (PostgreSQL: in the same pass).
        assert event_points(store, flt, limit=2, level="canonical") == (points[:2], total)
        assert event_points(store, flt, limit=len(want), level="canonical") == (points, total)


def test_the_query_reads_the_index(url: str) -> None:
    with open_store(url) as store:
        _fill(store)
        where, params = canonical_where(EventFilter(bbox=BOXES[1]), dialect=store.dialect,
                                        box_index=True)
        if store.dialect == "postgresql":
            # A 200-row table is read whole unless the planner is kept off that.
            for setting in ("enable_seqscan", "enable_indexonlyscan"):
                store._exec(f"SET {setting} = off")
            store._exec("ANALYZE canonical_events")
            plan = " ".join(str(r[0]) for r in store._exec(
                f"EXPLAIN SELECT id FROM canonical_events{where}", params).fetchall())
            store._conn().rollback()
            assert "canonical_events_point" in plan
        else:
            plan = " ".join(str(r[3]) for r in store._exec(
                f"EXPLAIN QUERY PLAN SELECT id FROM canonical_events{where}",
                params).fetchall())
            assert "canonical_events_rtree" in plan


def test_box_filter_combines_with_other_filters(url: str) -> None:
    with open_store(url) as store:
        _fill(store)
        flt = EventFilter(bbox=BOXES[0], date_from=date(2020, 1, 10), event_type="Battles")
        where, params = canonical_where(flt, dialect=store.dialect, box_index=True)
        got = _ids(store, f"SELECT id FROM canonical_events{where}", params)
        plain_where, plain_params = canonical_where(flt, dialect=store.dialect)
        assert "BETWEEN" in plain_where and "rtree" not in plain_where
        assert got == _ids(store, f"SELECT id FROM canonical_events{plain_where}", plain_params)
        assert got and got < _plain(store, BOXES[0])
        cond, _ = box_match(BOXES[0], dialect=store.dialect)
        assert "BETWEEN" in cond  # the exact test stays whatever the index


def test_the_index_serves_small_boxes_only(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from rasd.store import canonical

    with open_store(url) as store:
        _fill(store, 400)
        monkeypatch.setattr(canonical, "BOX_INDEX_MIN", 10)
        monkeypatch.setattr(canonical, "BOX_INDEX_SHARE", 20)  # 20 of 411 located events
        small, big = BOXES[1], BOXES[0]  # 0.1 and 5 square degrees
        assert len(_plain(store, small)) <= 20 < len(_plain(store, big))
        assert use_box_index(store, EventFilter(bbox=small))
        assert not use_box_index(store, EventFilter(bbox=big))  # too large to count
        monkeypatch.setattr(canonical, "BOX_INDEX_MAX_AREA", 10.0)
        assert not use_box_index(store, EventFilter(bbox=big))  # counted: too many
        monkeypatch.setattr(canonical, "BOX_INDEX_MIN", 1000)
        assert use_box_index(store, EventFilter(bbox=big))
        monkeypatch.setattr(canonical, "BOX_INDEX_MAX_AREA", 1.0)
        assert not use_box_index(store, EventFilter(bbox=big))
        assert not use_box_index(store, EventFilter(country="SY"))
        # Either way the page's queries answer as the plain scan does.
        for box in (small, big):
            want = _plain(store, box)
            listed = page_events(store, EventFilter(bbox=box), limit=1000, level="canonical")
            assert {e.event_id for e in listed} == want
