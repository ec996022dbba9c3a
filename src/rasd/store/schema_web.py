"""Migrations m011 onwards: what the HTTP API and the page read fast (query indexes,
count tables, the evidence text index, the ACLED view, the spatial index, weekly counts,
evidence-to-event links, a covering index, the statistics' keys as integers).

Listed and applied in order by :mod:`rasd.store.migrations`; never edited once released.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rasd.store.base import Store


def m011_web_query_indexes(store: Store) -> None:
    """Indexes for the page's queries on large stores (100,000 events and more).

    Actor searches resolve to ``actor1/actor2 IN (...)``. The statistics, map
    points and event pages filter, group and sort only by columns these
    covering indexes hold, so they read an index instead of rows that carry
    whole JSON records (ten times the bytes): ``cover`` leads with ``status``
    (the page shows current events by default) and serves the breakdowns,
    ``by_date`` serves counts per day and date order, ``by_deaths`` the map's
    deadliest-first points and the deadliest-first order.
    """
    rest = ("status, event_type, sub_event_type, country, admin1, date_start, date_end, "
            "fatalities, actor1, actor2, lat, lon, id")
    for table in ("events", "canonical_events"):
        store._exec(f"CREATE INDEX {table}_actor1 ON {table} (actor1, {rest})")
        store._exec(f"CREATE INDEX {table}_actor2 ON {table} (actor2, {rest})")
        store._exec(f"CREATE INDEX {table}_cover ON {table} ({rest})")
        store._exec(f"CREATE INDEX {table}_by_date ON {table} (date_start, event_type, {rest})")
        store._exec(f"CREATE INDEX {table}_by_deaths ON {table} (fatalities, id, {rest})")
    store._exec("CREATE INDEX events_canonical ON events (id, canonical_id)")


def m012_canonical_counts(store: Store) -> None:
    """Counts of canonical events by day, type, place and status, and by actor, kept by
    triggers on every write and filled from the events already stored: the page's
    statistics read these instead of every event (``rasd.store.aggregates``).

    Also the newest-first and deadliest-first orders of canonical events as
    indexes: PostgreSQL puts NULLs first in a descending index unless told,
    and a mixed order (deaths descending, id ascending) is served by no
    index of m011, so the default page and the map's points sorted
    100,000 rows.
    """
    from rasd.store.aggregates import create_count_tables

    create_count_tables(store)
    # The columns the page's filters test most, so a walk in order rarely reads a row.
    cols = "status, event_type, country, actor1, actor2, lat, lon"
    nulls = " NULLS LAST" if store.dialect == "postgresql" else ""
    store._exec(f"CREATE INDEX canonical_events_newest ON canonical_events "
                f"(date_start DESC{nulls}, id, {cols})")
    store._exec(f"CREATE INDEX canonical_events_deadliest ON canonical_events "
                f"(fatalities DESC, id, {cols})")


def m013_evidence_text_index(store: Store) -> None:
    """Evidence search from an index on both backends.

    SQLite: an FTS5 table of trigrams over the folded evidence text
    (``text_match``), kept by triggers, finds the candidates of a substring
    search that ``LIKE`` then confirms, so the results are those of the
    plain ``LIKE`` scan. Its rows are tied to the evidence rows by rowid,
    which ``VACUUM`` may renumber unless the table has an INTEGER PRIMARY
    KEY, so the evidence table is rebuilt with one.

    PostgreSQL: the tsvector stored in a generated column, its GIN index
    replacing m008's expression index: a phrase search rechecks each
    candidate's word positions, and with the expression index that meant
    stemming every candidate sentence again.
    """
    if store.dialect == "postgresql":
        store._exec("ALTER TABLE evidence ADD COLUMN text_search tsvector "
                    "GENERATED ALWAYS AS (to_tsvector('arabic', text_match)) STORED")
        store._exec("DROP INDEX evidence_search")
        store._exec("CREATE INDEX evidence_search ON evidence USING GIN (text_search)")
        return
    cols = "event_id, doc_id, start_offset, end_offset, text, text_match"
    store._exec(
        """CREATE TABLE evidence_new (
            id INTEGER PRIMARY KEY,
            event_id TEXT NOT NULL,
            doc_id TEXT NOT NULL,
            start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            text TEXT NOT NULL,
            text_match TEXT NOT NULL
        )"""
    )
    store._exec(f"INSERT INTO evidence_new ({cols}) SELECT {cols} FROM evidence ORDER BY rowid")
    store._exec("DROP TABLE evidence")
    store._exec("ALTER TABLE evidence_new RENAME TO evidence")
    store._exec("CREATE INDEX evidence_event ON evidence (event_id)")
    store._exec("CREATE VIRTUAL TABLE evidence_fts USING fts5(text_match, content='evidence', "
                "content_rowid='id', tokenize='trigram')")
    store._exec("CREATE TRIGGER evidence_fts_insert AFTER INSERT ON evidence BEGIN "
                "INSERT INTO evidence_fts (rowid, text_match) VALUES (NEW.id, NEW.text_match); "
                "END")
    delete = ("INSERT INTO evidence_fts (evidence_fts, rowid, text_match) "
              "VALUES ('delete', OLD.id, OLD.text_match);")
    store._exec(f"CREATE TRIGGER evidence_fts_delete AFTER DELETE ON evidence BEGIN {delete} END")
    store._exec("CREATE TRIGGER evidence_fts_update AFTER UPDATE OF id, text_match ON evidence "
                f"BEGIN {delete} INSERT INTO evidence_fts (rowid, text_match) "
                "VALUES (NEW.id, NEW.text_match); END")
    store._exec("INSERT INTO evidence_fts (evidence_fts) VALUES ('rebuild')")


def m014_acled_view(store: Store) -> None:
    """A readable view of canonical events with ACLED's columns, ``acled_events``, so
    ``datasette rasd.db`` or any SQL client shows the data without joins; its values are
    the CSV export's (``rasd export --format csv --status all``), plus rasd's ``status``,
    Arabic names, fatality range and report counts. ``countries`` holds the ISO codes,
    English names and ACLED regions of the countries rasd geocodes, as the export has them.
    """
    from rasd.store.export import country_table

    store._exec("CREATE TABLE countries (code TEXT PRIMARY KEY, iso INTEGER NOT NULL, "
                "name TEXT NOT NULL, region TEXT NOT NULL)")
    store._many("INSERT INTO countries (code, iso, name, region) VALUES (?, ?, ?, ?)",
                [(code, *row) for code, row in sorted(country_table().items())])
    pg = store.dialect == "postgresql"

    def j(*path: str) -> str:  # a JSON field of the record, as text
        return f"(c.record::json #>> '{{{','.join(path)}}}')" if pg else \
            f"json_extract(c.record, '$.{'.'.join(path)}')"

    def names(key: str, field: str = "") -> str:  # a JSON array's items joined with "; "
        if pg:
            item = f"a->>'{field}'" if field else "a"
            fn = "json_array_elements" if field else "json_array_elements_text"
            return (f"(SELECT string_agg({item}, '; ' ORDER BY n) FROM "
                    f"{fn}(x.record::json->'{key}') WITH ORDINALITY AS t(a, n))")
        item = f"json_extract(value, '$.{field}')" if field else "value"
        return f"(SELECT group_concat({item}, '; ') FROM json_each(x.record, '$.{key}'))"

    low, high = ("LEAST", "GREATEST") if pg else ("min", "max")
    disorder = ("CASE x.event_type WHEN 'Battles' THEN 'Political violence' "
                "WHEN 'Explosions/Remote violence' THEN 'Political violence' "
                "WHEN 'Violence against civilians' THEN 'Political violence' "
                "WHEN 'Riots' THEN 'Political violence' WHEN 'Protests' THEN 'Demonstrations' "
                "WHEN 'Strategic developments' THEN 'Strategic developments' END")
    store._exec(f"""CREATE VIEW acled_events AS
        SELECT x.id AS event_id_cnty, x.date_start AS event_date,
            CAST(substr(x.date_start, 1, 4) AS INTEGER) AS year, x.time_precision,
            {disorder} AS disorder_type, x.event_type, x.sub_event_type,
            x.actor1_en AS actor1, {names('assoc_actor1', 'name')} AS assoc_actor_1,
            NULLIF(x.i1, 0) AS inter1,
            x.actor2_en AS actor2, {names('assoc_actor2', 'name')} AS assoc_actor_2,
            NULLIF(x.i2, 0) AS inter2,
            CASE WHEN x.i1 > 0 AND x.i2 > 0 THEN {low}(x.i1, x.i2) * 10 + {high}(x.i1, x.i2)
                 WHEN x.i1 > 0 THEN x.i1 WHEN x.i2 > 0 THEN x.i2 END AS interaction,
            CASE WHEN x.i2 = 7 THEN 'Civilian targeting' END AS civilian_targeting,
            k.iso, k.region, COALESCE(k.name, x.country) AS country, x.admin1, x.admin2,
            CAST(NULL AS TEXT) AS admin3, x.location, x.lat AS latitude, x.lon AS longitude,
            x.geo_precision, {names('sources')} AS source, CAST(NULL AS TEXT) AS source_scale,
            x.notes, COALESCE(x.fatalities, 0) AS fatalities, CAST(NULL AS TEXT) AS tags,
            CAST(NULL AS INTEGER) AS timestamp,
            x.status, x.date_end AS event_date_end, x.fatalities_low, x.fatalities_high,
            x.actor1_ar, x.actor2_ar, x.location_ar, x.reports, x.sources AS outlets
        FROM (SELECT c.*, CAST({j('actor1', 'inter')} AS INTEGER) AS i1,
                  CAST({j('actor2', 'inter')} AS INTEGER) AS i2,
                  {j('actor1', 'name')} AS actor1_en, {j('actor2', 'name')} AS actor2_en,
                  {j('actor1', 'name_ar')} AS actor1_ar, {j('actor2', 'name_ar')} AS actor2_ar,
                  {j('location', 'name_ar')} AS location_ar, {j('notes')} AS notes
              FROM canonical_events c) x
        LEFT JOIN countries k ON k.code = x.country""")


def m015_canonical_spatial_index(store: Store) -> None:
    """A spatial index of canonical events' points, for the map's box filter.

    SQLite: an R*Tree (``canonical_events_rtree``) of one-point boxes with the
    event id as an auxiliary column, kept by triggers. The R*Tree keeps 32-bit
    floats rounded outwards, so it yields a superset of the events in a box,
    which the plain ``lon BETWEEN`` / ``lat BETWEEN`` test then confirms
    (``rasd.store.canonical.canonical_where``); a point is removed by looking
    it up with its old coordinates, not by scanning for its id. The R*Tree's
    own ids are its own, so ``VACUUM`` renumbering the table's rowids cannot
    part them from their events.

    PostgreSQL: a GiST index on ``point(lon, lat)`` (the core geometric type:
    neither PostGIS nor cube is needed), searched with ``<@ box``.
    """
    if store.dialect == "postgresql":
        store._exec("CREATE INDEX canonical_events_point ON canonical_events "
                    "USING gist (point(lon, lat))")
        return
    store._exec("CREATE VIRTUAL TABLE canonical_events_rtree USING rtree("
                "n, min_lon, max_lon, min_lat, max_lat, +event_id TEXT)")
    add = ("INSERT INTO canonical_events_rtree (min_lon, max_lon, min_lat, max_lat, event_id) "
           "SELECT NEW.lon, NEW.lon, NEW.lat, NEW.lat, NEW.id "
           "WHERE NEW.lat IS NOT NULL AND NEW.lon IS NOT NULL;")
    remove = ("DELETE FROM canonical_events_rtree WHERE n IN (SELECT n FROM "
              "canonical_events_rtree WHERE min_lon <= OLD.lon AND max_lon >= OLD.lon "
              "AND min_lat <= OLD.lat AND max_lat >= OLD.lat AND event_id = OLD.id);")
    store._exec(f"CREATE TRIGGER canonical_events_rtree_insert AFTER INSERT ON "
                f"canonical_events BEGIN {add} END")
    store._exec(f"CREATE TRIGGER canonical_events_rtree_delete AFTER DELETE ON "
                f"canonical_events BEGIN {remove} END")
    store._exec(f"CREATE TRIGGER canonical_events_rtree_update AFTER UPDATE OF id, lat, lon "
                f"ON canonical_events BEGIN {remove} {add} END")
    store._exec("INSERT INTO canonical_events_rtree (min_lon, max_lon, min_lat, max_lat, "
                "event_id) SELECT lon, lon, lat, lat, id FROM canonical_events "
                "WHERE lat IS NOT NULL AND lon IS NOT NULL")


def m016_canonical_actor_weeks(store: Store) -> None:
    """Weekly counts of canonical events by actor (``canonical_actor_weeks``), kept by
    triggers and filled from the events already stored, as m012's count tables
    are: the timeline of an actor filter read every event of the actor (a
    quarter of 100,000 in the load benchmark) because ``canonical_groups`` has no
    dates and ``canonical_days`` no actors (``rasd.store.aggregates.actor_weeks``).
    """
    from rasd.store.aggregates import create_actor_weeks

    create_actor_weeks(store)


def m017_canonical_target_weeks(store: Store) -> None:
    """Weekly counts of canonical events by their actor 2 (``canonical_target_weeks``),
    kept and filled as m016's by actor: the timeline of the page's "targets
    civilians" filter (actor 2 among the civilian actors) read every such event,
    about a third of them on a conflict database.
    """
    from rasd.store.aggregates import TARGET_WEEKS, create_actor_weeks

    create_actor_weeks(store, TARGET_WEEKS)


def m018_evidence_canonical(store: Store) -> None:
    """SQLite: the canonical id of each evidence sentence's report
    (``evidence_canonical``), kept by triggers on ``evidence`` and ``events`` and filled
    from the rows already stored, so an evidence word finds its canonical events from
    the trigram index without reading each sentence and its report
    (``rasd.store.wordindex``). PostgreSQL: nothing.
    """
    from rasd.store.wordindex import create_evidence_canonical

    create_evidence_canonical(store)


def m019_canonical_id_cover(store: Store) -> None:
    """An index of canonical events by id holding the columns the statistics, the map's
    points and the filters read (PostgreSQL: the columns INCLUDEd, read index-only).

    A filter that finds its events by id (an evidence word, a document: thousands of
    ids from their reports) read each event's row, which carries the JSON record, to
    get a few columns: a page of the table per event. On 100,000 events and a common
    word (16,618 events), PostgreSQL's statistics query went from 530-580 ms to
    150-270 ms, as the index's pages stay in its buffers where the rows' did not.
    """
    cols = ("status, event_type, sub_event_type, country, admin1, actor1, actor2, "
            "date_start, date_end, fatalities, lat, lon")
    if store.dialect == "postgresql":
        store._exec(f"CREATE INDEX canonical_events_id_cover ON canonical_events (id) "
                    f"INCLUDE ({cols})")
        return
    store._exec(f"CREATE INDEX canonical_events_id_cover ON canonical_events (id, {cols})")
    # Without statistics SQLite's planner takes the primary key's unique index for
    # ``id = ?`` (one row expected) over any other, covering or not, so the index
    # is given its statistics by hand, as SQLite's documentation allows ("manual
    # control of query plans using SQLITE_STAT tables"): one event per id. The
    # number of rows is the table's, at least ID_COVER_ROWS, so a database migrated
    # empty is planned as the large one it may become; ANALYZE replaces them.
    # ``ANALYZE sqlite_schema`` creates the statistics table and reloads it.
    n = int(store._exec("SELECT COUNT(*) FROM canonical_events").fetchone()[0])
    store._exec("ANALYZE sqlite_schema")
    ones = " 1" * (1 + cols.count(","))
    store._exec("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES "
                "('canonical_events', 'canonical_events_id_cover', ?)",
                (f"{max(n, ID_COVER_ROWS)} 1{ones}",))
    store._exec("ANALYZE sqlite_schema")


ID_COVER_ROWS = 100_000


def m020_evidence_words(store: Store) -> None:
    """PostgreSQL: each evidence sentence's report, canonical id and tsvector
    (``evidence_words``) with a GIN index of its own, kept by triggers on ``evidence``
    and ``events`` and filled from the rows already stored, so an evidence word on
    canonical events checks its phrase in a narrow table and reads no report
    (``rasd.store.wordindex``). SQLite: nothing (m018 serves it).
    """
    from rasd.store.wordindex import create_evidence_words

    create_evidence_words(store)


def m021_canonical_stat_keys(store: Store) -> None:
    """Each canonical event's breakdown key (status, type, sub-type, country,
    governorate, both actors) as a number in a dictionary, ``canonical_keys``, and its
    start day as a number (``stat_key``, ``day_key``), kept by triggers and filled from
    the events already stored; the covering indexes of canonical events made again
    with both at their end. The statistics of a filter the count tables cannot answer
    count these integers rather than every event's seven texts
    (``rasd.store.statkeys``).
    """
    from rasd.store.statkeys import create_stat_keys

    create_stat_keys(store)


# In the order they apply; :data:`rasd.store.migrations.MIGRATIONS` chains the lists.
MIGRATIONS: list[Callable[[Store], None]] = [
    m011_web_query_indexes,
    m012_canonical_counts,
    m013_evidence_text_index,
    m014_acled_view,
    m015_canonical_spatial_index,
    m016_canonical_actor_weeks,
    m017_canonical_target_weeks,
    m018_evidence_canonical,
    m019_canonical_id_cover,
    m020_evidence_words,
    m021_canonical_stat_keys,
]
