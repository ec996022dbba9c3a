"""Each canonical event's statistics keys (migration m021: the breakdown key as a number
in ``canonical_keys``, the start day as a number) follow every write, and the
statistics of costly filters counted by them answer as the texts counted row by row
did (``one_pass_stats``; PostgreSQL's ``_grouping_sets`` too), on SQLite and PostgreSQL.

The events have every kind of gap (no date, place, country, governorate, actor or
deaths) and start days on both sides of 1970-01-01 and of week boundaries, where the
day numbers are negative and a week's Monday is worked out from them.
"""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from test_store_aggregates import (  # type: ignore[import-not-found]
    SENTENCES,
    _add_evidence,
    _event,
    _fill,
    _filters,
)

from rasd.models import Canonical, DateSpan
from rasd.store import Store, open_store, stats
from rasd.store import migrations as migrations_module
from rasd.store.canonical import delete_canonical, put_canonical, reset_canonical
from rasd.store.events import EventFilter, get_event
from rasd.store.selection import store_where
from rasd.store.statkeys import KEY_COLUMNS

# Start days around the epoch and week boundaries (Sundays 1969-12-28 and 1952-03-02,
# Mondays 1969-12-29, 1970-01-05 and 1952-03-03), and long before.
EDGE_DAYS = [date(1969, 12, 28), date(1969, 12, 29), date(1969, 12, 31), date(1970, 1, 1),
             date(1970, 1, 4), date(1970, 1, 5), date(1952, 3, 2), date(1952, 3, 3),
             date(2020, 2, 29)]


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgresql":
        return str(request.getfixturevalue("pg_url"))
    return f"sqlite:///{tmp_path / 'keys.db'}"


def _fill_all(store: Store) -> None:
    """300 generated events, events on the edge days, and one canonical event for
    every third report with evidence (the word and document filters)."""
    _fill(store, 300)
    rng = random.Random(8)
    for i, day in enumerate(EDGE_DAYS * 3):
        ev = replace(_event(rng, 500 + i), date=DateSpan(day, day + timedelta(days=i % 3), 1),
                     status="current")
        put_canonical(store, Canonical(ev, (), ()))
    _add_evidence(store)
    for i in range(0, len(SENTENCES) * 3, 3):
        ev = replace(get_event(store, f"r{i:03d}"), event_id=f"w{i:03d}",
                     date=DateSpan(EDGE_DAYS[i % 9], EDGE_DAYS[i % 9], 1))
        put_canonical(store, Canonical(ev, (), ()))
    store._exec("UPDATE events SET canonical_id = 'w' || SUBSTR('00' || "
                "(CAST(SUBSTR(id, 2) AS INTEGER) / 3 * 3), -3) WHERE id LIKE ?", ["r%"])
    store.commit()


def _costly_filters(store: Store) -> list[EventFilter]:
    return [*_filters(store), EventFilter(text="غارة جوية"), EventFilter(text="في"),
            EventFilter(text="في", status="current"), EventFilter(doc="d4"),
            EventFilter(text="اشتباكات", status="current"),
            EventFilter(status="current", date_from=date(1969, 12, 1),
                        bbox=(-180.0, -90.0, 180.0, 90.0)),
            EventFilter(text="ليس في أي جملة")]


def _assert_keys_follow(store: Store) -> None:
    """Every event's stat_key names its values in the dictionary, its day_key its day."""
    keys = {int(n): json.loads(k) for n, k in store._exec(
        "SELECT n, key FROM canonical_keys").fetchall()}
    assert len(set(map(tuple, keys.values()))) == len(keys)  # one number per combination
    rows = store._exec(f"SELECT stat_key, day_key, date_start, {', '.join(KEY_COLUMNS)} "
                       "FROM canonical_events").fetchall()
    for key, day, start, *values in rows:
        assert keys[int(key)] == list(values), (key, values)
        want = None if start is None else (date.fromisoformat(str(start)[:10])
                                           - date(1970, 1, 1)).days
        assert day == want, (start, day)


def _assert_same_stats(store: Store) -> int:
    """The keyed statistics of each costly filter equal the rows' texts added up."""
    found = 0
    for flt in _costly_filters(store):
        table, where, params = store_where(store, flt, "canonical")
        for interval in ("week", "day"):
            want = stats.one_pass_stats(store, table, where, params, interval, 20)
            got = stats.keyed_stats(store, where, params, interval, 20)
            assert got == want, (flt, interval)
            assert stats.plain_stats(store, flt, interval=interval,
                                     level="canonical") == want, (flt, interval)
            if store.dialect == "postgresql":
                assert stats._grouping_sets(store, table, where, params, interval,
                                            20) == want, (flt, interval)
        found += want.total > 0
    return found


def test_keyed_statistics_answer_as_the_rows_do(url: str) -> None:
    with open_store(url) as store:
        _fill_all(store)
        _assert_keys_follow(store)
        assert _assert_same_stats(store) >= len(_costly_filters(store)) - 2
        # Undated events and the days before 1970 are in the answers compared.
        everything = stats.keyed_stats(store, "", [], "week", 20)
        assert everything.undated > 0
        assert everything.by_period[0].start == date(1952, 2, 25)  # Sunday 1952-03-02's
        assert date(1969, 12, 29) in {b.start for b in everything.by_period}


def test_keys_follow_every_write(url: str) -> None:
    with open_store(url) as store:
        _fill_all(store)
        events = [f"c{i:05d}" for i in range(300)]
        rng = random.Random(12)
        # Merging again replaces an event (delete, then insert).
        for cid in rng.sample(events, 60):
            put_canonical(store, Canonical(_event(rng, int(cid[1:])), (), ()))
        delete_canonical(store, rng.sample(events, 40))
        # Hand-written updates, one key column a statement: each must reach the keys.
        for i, change in enumerate((
                "status = 'background'", "event_type = 'Protests'",
                "sub_event_type = 'Peaceful protest'", "country = NULL", "country = ''",
                "admin1 = 'Aleppo'", "admin1 = NULL", "actor1 = NULL", "actor2 = actor1",
                "actor2 = 'Someone new | أحد ما'", "date_start = NULL, date_end = NULL",
                "date_start = '1969-12-31', date_end = '1970-01-02'",
                "fatalities = 9")):
            store._exec(f"UPDATE canonical_events SET {change} WHERE id LIKE ?", [f"c%{i}"])
        store.commit()
        _assert_keys_follow(store)
        assert _assert_same_stats(store) >= len(_costly_filters(store)) - 2
        reset_canonical(store)
        assert stats.keyed_stats(store, "", [], "week", 20).total == 0


def test_migration_keys_the_events_already_stored(url: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    before = [m for m in migrations_module.MIGRATIONS if m.__name__ < "m021"]
    monkeypatch.setattr(migrations_module, "MIGRATIONS", before)
    with open_store(url) as store:
        _fill_all(store)
        if store.dialect == "sqlite":  # planner statistics, as a served database has
            store._exec("ANALYZE")
            store.commit()
    monkeypatch.undo()
    with open_store(url) as store:
        _assert_keys_follow(store)
        assert _assert_same_stats(store) >= len(_costly_filters(store)) - 2
        if store.dialect == "sqlite":
            # The indexes made again keep their statistics, two columns longer, and the
            # keys of a box and of a word are read from a covering index.
            stat = dict(store._exec("SELECT idx, stat FROM sqlite_stat1").fetchall())
            assert len(stat["canonical_events_id_cover"].split()) == 16
            for flt in (EventFilter(status="current", bbox=(36.0, 35.0, 38.0, 37.5)),
                        EventFilter(status="current", text="غارة جوية")):
                _t, where, params = store_where(store, flt, "canonical")
                plan = " ".join(str(r[3]) for r in store._exec(
                    "EXPLAIN QUERY PLAN SELECT stat_key, day_key, fatalities "
                    f"FROM canonical_events{where}", params).fetchall())
                assert "COVERING INDEX canonical_events_" in plan, plan


def test_sqlite_keys_read_before_a_rollback_are_not_kept(tmp_path: Path) -> None:
    """A key number SQLite gave in a transaction rolled back may be given again to
    another combination: the keys read in between are not trusted after it."""
    with open_store(f"sqlite:///{tmp_path / 'r.db'}") as store:
        _fill(store, 30)
        rng = random.Random(2)
        ev = _event(rng, 900)
        put_canonical(store, Canonical(replace(ev, event_type="Riots",
                                               sub_event_type="Mob violence"), (), ()))
        assert "Riots" in dict(stats.keyed_stats(store, "", [], "week", 20).by_type)
        store._conn().rollback()
        put_canonical(store, Canonical(replace(ev, event_type="Protests",
                                               sub_event_type="Protest with intervention"),
                                       (), ()))
        store.commit()
        want = stats.one_pass_stats(store, "canonical_events", "", [], "week", 20)
        assert stats.keyed_stats(store, "", [], "week", 20) == want
        assert "Riots" not in dict(want.by_type)
