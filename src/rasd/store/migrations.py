"""Schema migrations, as named functions applied in order and recorded by name.

A migration is never edited once released: a change to the schema is a new
function appended to :data:`MIGRATIONS`. Each one receives the store, so the
same list serves SQLite and PostgreSQL; the few DDL words that differ come
from the store's ``ddl`` mapping.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rasd.store.base import Store


def m001_documents(store: Store) -> None:
    store._exec(
        """CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            source TEXT,
            url TEXT,
            title TEXT,
            published TEXT,
            raw TEXT NOT NULL,
            raw_format TEXT NOT NULL,
            text TEXT NOT NULL,
            origin TEXT NOT NULL,
            encoding TEXT,
            ingested TEXT NOT NULL,
            clean_text TEXT,
            sentences TEXT,
            removed_lines TEXT
        )"""
    )
    store._exec("CREATE INDEX documents_name ON documents (name)")
    store._exec("CREATE INDEX documents_source ON documents (source)")
    store._exec("CREATE INDEX documents_url ON documents (url)")


def m002_runs_and_failures(store: Store) -> None:
    pk = store.ddl["serial_pk"]
    store._exec(
        f"""CREATE TABLE runs (
            id {pk},
            command TEXT NOT NULL,
            started TEXT NOT NULL,
            finished TEXT,
            stats TEXT
        )"""
    )
    store._exec(
        f"""CREATE TABLE failures (
            id {pk},
            run_id INTEGER,
            origin TEXT NOT NULL,
            stage TEXT NOT NULL,
            reason TEXT NOT NULL,
            at TEXT NOT NULL
        )"""
    )
    store._exec("CREATE INDEX failures_run ON failures (run_id)")


def m003_line_stats(store: Store) -> None:
    store._exec(
        """CREATE TABLE line_stats (
            source TEXT NOT NULL,
            line TEXT NOT NULL,
            docs INTEGER NOT NULL,
            PRIMARY KEY (source, line)
        )"""
    )


def m004_events(store: Store) -> None:
    """Report-level events (one per article and event) and their evidence sentences.

    Fields that filters and exports need are columns; the full output record
    is kept as JSON so nothing of it is lost. ``canonical_id`` links a report
    to its merged event once merging exists.
    """
    store._exec("ALTER TABLE documents ADD COLUMN extracted TEXT")
    # REAL is 4 bytes in PostgreSQL: coordinates would lose their fifth decimal.
    real = store.ddl.get("float", "REAL")
    store._exec(
        f"""CREATE TABLE events (
            id TEXT PRIMARY KEY,
            doc_id TEXT NOT NULL,
            doc_name TEXT NOT NULL,
            source TEXT,
            status TEXT NOT NULL,
            event_type TEXT NOT NULL,
            sub_event_type TEXT NOT NULL,
            actor1 TEXT,
            actor2 TEXT,
            location TEXT,
            admin1 TEXT,
            admin2 TEXT,
            country TEXT,
            lat {real},
            lon {real},
            geo_precision INTEGER,
            date_start TEXT,
            date_end TEXT,
            time_precision INTEGER,
            fatalities INTEGER,
            record TEXT NOT NULL,
            canonical_id TEXT
        )"""
    )
    for col in ("doc_id", "event_type", "date_start", "country", "canonical_id"):
        store._exec(f"CREATE INDEX events_{col} ON events ({col})")
    store._exec(
        """CREATE TABLE evidence (
            event_id TEXT NOT NULL,
            doc_id TEXT NOT NULL,
            start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            text TEXT NOT NULL,
            text_match TEXT NOT NULL
        )"""
    )
    store._exec("CREATE INDEX evidence_event ON evidence (event_id)")


def m005_feeds(store: Store) -> None:
    """Watched feeds with their conditional-GET state, and every article URL found in them.

    ``urls.state`` is ``seen`` (found, not fetched yet), ``stored`` (fetched
    and stored as ``doc_id``) or ``failed`` (``last_error`` says why; fetched
    again once ``next_retry`` has passed, never when it is NULL). Times are
    ISO 8601 UTC strings, so they compare as text.
    """
    store._exec(
        """CREATE TABLE feeds (
            url TEXT PRIMARY KEY,
            source TEXT,
            etag TEXT,
            last_modified TEXT,
            last_checked TEXT,
            last_success TEXT,
            last_error TEXT,
            failures INTEGER NOT NULL DEFAULT 0,
            added TEXT NOT NULL
        )"""
    )
    store._exec(
        """CREATE TABLE urls (
            url TEXT PRIMARY KEY,
            feed_url TEXT NOT NULL,
            state TEXT NOT NULL,
            published TEXT,
            title TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            next_retry TEXT,
            doc_id TEXT,
            first_seen TEXT NOT NULL,
            last_attempt TEXT
        )"""
    )
    store._exec("CREATE INDEX urls_state ON urls (state, next_retry)")
    store._exec("CREATE INDEX urls_feed ON urls (feed_url)")


def m006_duplicates(store: Store) -> None:
    """MinHash signatures of documents (base64, "" when a document has no words), the
    duplicate cluster each belongs to (its lowest document id), and the near-copy links."""
    store._exec(
        """CREATE TABLE doc_minhash (
            doc_id TEXT PRIMARY KEY,
            signature TEXT NOT NULL,
            cluster_id TEXT NOT NULL
        )"""
    )
    store._exec("CREATE INDEX doc_minhash_cluster ON doc_minhash (cluster_id)")
    store._exec(
        """CREATE TABLE duplicate_links (
            doc_a TEXT NOT NULL,
            doc_b TEXT NOT NULL,
            similarity REAL NOT NULL,
            PRIMARY KEY (doc_a, doc_b)
        )"""
    )
    store._exec("CREATE INDEX duplicate_links_b ON duplicate_links (doc_b)")


def m007_canonical_events(store: Store) -> None:
    """Canonical (merged) events. Filter columns mirror ``events`` so one EventFilter
    serves both levels; ``record`` is the canonical output record with its reports and
    the links that merged them. ``events.canonical_id`` points each report here."""
    store._exec(
        """CREATE TABLE canonical_events (
            id TEXT PRIMARY KEY,
            status TEXT NOT NULL,
            event_type TEXT NOT NULL,
            sub_event_type TEXT NOT NULL,
            actor1 TEXT,
            actor2 TEXT,
            location TEXT,
            admin1 TEXT,
            admin2 TEXT,
            country TEXT,
            lat REAL,
            lon REAL,
            geo_precision INTEGER,
            date_start TEXT,
            date_end TEXT,
            time_precision INTEGER,
            fatalities INTEGER,
            fatalities_low INTEGER,
            fatalities_high INTEGER,
            reports INTEGER NOT NULL,
            sources INTEGER NOT NULL,
            record TEXT NOT NULL,
            updated TEXT NOT NULL
        )"""
    )
    for col in ("event_type", "date_start", "country"):
        store._exec(f"CREATE INDEX canonical_events_{col} ON canonical_events ({col})")
    # Merge candidates are looked up by country, type and date.
    store._exec("CREATE INDEX events_merge ON events (country, event_type, date_start)")


def m008_evidence_search(store: Store) -> None:
    """Full-text search over evidence on PostgreSQL (SQLite keeps searching with LIKE).

    An expression index rather than a stored tsvector column, so nothing is
    written twice; ``rasd.store.events`` queries with the same expression.
    The ``arabic`` configuration stems, so a word is found with its prefixes
    and suffixes.
    """
    if store.dialect == "postgresql":
        store._exec(
            "CREATE INDEX evidence_search ON evidence USING GIN "
            "(to_tsvector('arabic', text_match))"
        )


def m009_canonical_coordinates(store: Store) -> None:
    """Canonical-event coordinates in double precision on PostgreSQL, as report events have.

    m007 declared them REAL, which PostgreSQL keeps in 4 bytes (about 1 m of
    rounding that made a canonical event's point differ from its reports');
    SQLite's REAL is already 8 bytes.
    """
    if store.dialect == "postgresql":
        real = store.ddl.get("float", "REAL")
        store._exec(
            f"ALTER TABLE canonical_events ALTER COLUMN lat TYPE {real}, "
            f"ALTER COLUMN lon TYPE {real}"
        )


def m010_event_provenance(store: Store) -> None:
    """Provenance of extracted events: the rule ids behind each event and field (JSON),
    the rasd version and ruleset hash that made it; and on each document the ruleset
    it was last extracted with, so ``rasd reextract`` finds what the rules changed."""
    for col in ("rules", "rasd_version", "ruleset"):
        store._exec(f"ALTER TABLE events ADD COLUMN {col} TEXT")
    store._exec("ALTER TABLE documents ADD COLUMN ruleset TEXT")
    store._exec("CREATE INDEX documents_ruleset ON documents (ruleset)")


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


Migration = Callable[["Store"], None]

MIGRATIONS: list[Migration] = [
    m001_documents,
    m002_runs_and_failures,
    m003_line_stats,
    m004_events,
    m005_feeds,
    m006_duplicates,
    m007_canonical_events,
    m008_evidence_search,
    m009_canonical_coordinates,
    m010_event_provenance,
    m011_web_query_indexes,
    m012_canonical_counts,
    m013_evidence_text_index,
    m014_acled_view,
    m015_canonical_spatial_index,
    m016_canonical_actor_weeks,
    m017_canonical_target_weeks,
    m018_evidence_canonical,
    m019_canonical_id_cover,
]


def apply_migrations(store: Store) -> list[str]:
    """Apply the migrations not yet recorded, atomically, whoever else is starting up.

    Processes started together on a new database all find it unmigrated. The
    check is therefore made again under the store's migration lock (SQLite: a
    write transaction taken before reading; PostgreSQL: an advisory lock), and
    every pending migration commits with its record in that one transaction,
    so a second process waits, finds them recorded and applies nothing. The
    first, lock-free check keeps the common case (an up-to-date database)
    from queueing behind a writer.
    """
    if not _pending(store, lock_free=True):
        return []
    applied: list[str] = []
    with store.migration_lock():
        store._exec(
            "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)"
        )
        for migration in _pending(store, lock_free=False):
            name = migration.__name__
            migration(store)
            store._exec(
                "INSERT INTO migrations (name, applied) VALUES (?, ?)",
                (name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            applied.append(name)
    return applied


def _pending(store: Store, *, lock_free: bool) -> list[Migration]:
    if lock_free and not store.has_table("migrations"):
        return list(MIGRATIONS)
    done = {r[0] for r in store._exec("SELECT name FROM migrations").fetchall()}
    return [m for m in MIGRATIONS if m.__name__ not in done]
