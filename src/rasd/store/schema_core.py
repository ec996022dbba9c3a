"""Migrations m001-m010: documents, runs and failures, events, feeds, duplicates,
canonical events, evidence search and provenance (the pipeline's own tables).

Listed and applied in order by :mod:`rasd.store.migrations`; never edited once released.
"""

from __future__ import annotations

from collections.abc import Callable
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


# In the order they apply; :data:`rasd.store.migrations.MIGRATIONS` chains the lists.
MIGRATIONS: list[Callable[[Store], None]] = [
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
]
