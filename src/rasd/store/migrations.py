"""Schema migrations, as named functions applied in order and recorded by name.

A migration is never edited once released: a change to the schema is a new
function (written in ``schema_web.py``, or a new ``schema_*`` module when that one
grows long) appended to :data:`MIGRATIONS`. Each one receives the store, so the
same list serves SQLite and PostgreSQL; the few DDL words that differ come
from the store's ``ddl`` mapping.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from rasd.store.schema_core import (
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
)
from rasd.store.schema_web import (
    m011_web_query_indexes,
    m012_canonical_counts,
    m013_evidence_text_index,
    m014_acled_view,
    m015_canonical_spatial_index,
    m016_canonical_actor_weeks,
    m017_canonical_target_weeks,
    m018_evidence_canonical,
    m019_canonical_id_cover,
)

if TYPE_CHECKING:
    from rasd.store.base import Store

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
