"""Schema migrations, as named functions applied in order and recorded by name.

A migration is never edited once released: a change to the schema is a new
function (written in ``schema_web.py``, or a new ``schema_*`` module when that one
grows long) appended to that module's list, which :data:`MIGRATIONS` chains. Each
one receives the store, so the same list serves SQLite and PostgreSQL; the few DDL
words that differ come from the store's ``ddl`` mapping.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from rasd.store import schema_core, schema_web

if TYPE_CHECKING:
    from rasd.store.base import Store

Migration = Callable[["Store"], None]

MIGRATIONS: list[Migration] = [*schema_core.MIGRATIONS, *schema_web.MIGRATIONS]


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
