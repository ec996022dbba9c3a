"""Many stores opened at the same moment on a database that does not exist yet.

Threads meet at a barrier before ``open_store``, so their migrations start
together; ten rounds on ten new databases make a race show up every time it
exists (before the migration lock, most rounds failed with "table … already
exists").
"""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from rasd.store import open_store
from rasd.store.migrations import MIGRATIONS

OPENERS = 8
ROUNDS = 10


def _open_together(url: str) -> list[list[str]]:
    barrier = threading.Barrier(OPENERS)

    def open_one(_: int) -> list[str]:
        barrier.wait()
        store = open_store(url, migrate=False)
        try:
            return store.migrate()
        finally:
            store.close()

    with ThreadPoolExecutor(OPENERS) as pool:
        return list(pool.map(open_one, range(OPENERS)))


def _check(url: str, applied: list[list[str]]) -> None:
    # Every migration applied exactly once, by whichever opener came first.
    assert sorted(n for names in applied for n in names) == sorted(m.__name__ for m in MIGRATIONS)
    with open_store(url) as store:
        assert store.migrate() == []
        assert store.count_documents() == 0


def test_stores_opened_together_on_new_sqlite_databases(tmp_path: Path) -> None:
    for r in range(ROUNDS):
        url = f"sqlite:///{tmp_path / f'round-{r}' / 'new.db'}"
        _check(url, _open_together(url))


@pytest.mark.postgres
def test_stores_opened_together_on_new_postgres_schemas(pg_url: str) -> None:
    import psycopg

    base, _, _ = pg_url.partition("?")
    for _r in range(3):
        # A schema nobody created: the first opener creates it, the others wait.
        schema = f"rasd_first_{uuid.uuid4().hex[:10]}"
        url = f"{base}?options=-csearch_path%3D{schema}"
        try:
            _check(url, _open_together(url))
        finally:
            with psycopg.connect(base, autocommit=True) as conn:
                conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
