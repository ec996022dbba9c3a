"""The PostgreSQL store: the same interface as SQLite, for several writers and readers at once.

Chosen by a ``postgresql://`` URL. A ``?options=-csearch_path=NAME`` in the
URL keeps rasd's tables in their own schema (the tests use one per test).

Three things differ from SQLite beyond placeholders, all for concurrency:

- The connection runs in autocommit mode and opens a transaction only at the
  first write; reads outside a write batch therefore never leave the session
  "idle in transaction", which would hold locks that block another process's
  migration (a ``rasd serve`` reading for hours while ``rasd run`` upgrades).
- Migrations are applied under a session advisory lock, so two processes
  starting together do not both create the same tables.
- Line statistics are counted in memory and written at commit as one upsert
  sorted by key. Writers of the same source then take row locks in the same
  order, which cannot deadlock, and a batch of 200 documents costs one
  statement per distinct line instead of one per line and document.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, ClassVar

import psycopg
import psycopg.sql
from psycopg.pq import TransactionStatus

from rasd.errors import StoreError
from rasd.store.base import Store

_READS = ("SELECT", "WITH", "SHOW")


class PostgresStore(Store):
    ddl: ClassVar[dict[str, str]] = {
        "serial_pk": "BIGSERIAL PRIMARY KEY",
        "float": "DOUBLE PRECISION",
    }
    placeholder = "%s"
    dialect: ClassVar[str] = "postgresql"

    def __init__(self, url: str, *, connect_timeout: int = 10) -> None:
        self.url = url
        self._pending_lines: Counter[tuple[str, str]] = Counter()
        try:
            # No prepared statements: psycopg prepares a query it has run 5 times, and
            # after 5 more PostgreSQL may plan it once for any parameters. That generic
            # plan cannot see how many events a value selects: the load benchmark's
            # combined filter went from 0.1 s to over 20 s a page on its eleventh run
            # on one connection (docs/benchmarks.md, 2026-12-07, web16). Each query is
            # planned for its own values, as the first runs were.
            self._db = psycopg.connect(url, autocommit=True, connect_timeout=connect_timeout,
                                       prepare_threshold=None)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL at {_redact(url)}: {exc}") from exc

    def _conn(self) -> psycopg.Connection[Any]:
        return self._db

    def close(self) -> None:
        # Like SQLite's close: work not committed is dropped (psycopg rolls it back).
        self._pending_lines.clear()
        self._db.close()

    # -- statements ----------------------------------------------------
    def _begin_for(self, sql: str) -> None:
        if (self._db.info.transaction_status == TransactionStatus.IDLE
                and not sql.lstrip().upper().startswith(_READS)):
            self._db.execute("BEGIN")

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> Any:
        try:
            self._begin_for(sql)
            cur = self._db.cursor()
            cur.execute(self._sql(sql), tuple(params))
        except psycopg.Error as exc:
            raise self._failed(exc) from exc
        return cur

    def _many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        batch = [tuple(r) for r in rows]
        if not batch:
            return
        try:
            self._begin_for(sql)
            self._db.cursor().executemany(self._sql(sql), batch)
        except psycopg.Error as exc:
            raise self._failed(exc) from exc

    def _failed(self, exc: psycopg.Error) -> StoreError:
        # An error aborts the transaction: roll back so the connection stays usable,
        # and drop the line counts that belonged to the lost batch.
        self._pending_lines.clear()
        if not self._db.closed and self._db.info.transaction_status != TransactionStatus.IDLE:
            with contextlib.suppress(psycopg.Error):
                self._db.rollback()
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return StoreError(f"PostgreSQL: {first}")

    def commit(self) -> None:
        self._flush_line_stats()
        try:
            self._db.commit()
        except psycopg.Error as exc:
            raise self._failed(exc) from exc

    # -- dialect hooks -------------------------------------------------
    def _insert_ignore(self, table: str, columns: Sequence[str]) -> str:
        marks = ", ".join("?" * len(columns))
        return (f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks}) "
                "ON CONFLICT DO NOTHING")

    def _upsert_line_stats(self) -> str:
        return (
            "INSERT INTO line_stats (source, line, docs) VALUES (?, ?, ?) "
            "ON CONFLICT (source, line) DO UPDATE SET docs = line_stats.docs + EXCLUDED.docs"
        )

    def has_table(self, name: str) -> bool:
        row = self._exec("SELECT 1 FROM information_schema.tables "
                         "WHERE table_schema = current_schema() AND table_name = ?",
                         (name,)).fetchone()
        return row is not None

    @contextlib.contextmanager
    def migration_lock(self) -> Iterator[None]:
        """Migrations under an advisory lock, in one transaction (PostgreSQL's DDL is
        transactional too), into the URL's schema, created if it does not exist yet."""
        with self.exclusive("rasd migrations"):
            try:
                self._create_schema()
                yield
            except BaseException:
                self._pending_lines.clear()
                if self._db.info.transaction_status != TransactionStatus.IDLE:
                    with contextlib.suppress(psycopg.Error):
                        self._db.rollback()
                raise

    def _create_schema(self) -> None:
        """The first schema of ``search_path``, when none of them exists (a new database)."""
        if self._exec("SELECT current_schema()").fetchone()[0] is not None:
            return
        path = self._exec("SHOW search_path").fetchone()[0]
        names = [n.strip().strip('"') for n in str(path).split(",")]
        names = [n for n in names if n and n != "$user"]
        if not names:
            raise StoreError("PostgreSQL: no schema to create tables in (search_path is empty)")
        self._exec(psycopg.sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(
            psycopg.sql.Identifier(names[0])).as_string(self._db))

    @contextlib.contextmanager
    def exclusive(self, name: str) -> Iterator[None]:
        # Committed first: the lock is per session, and work done before it must not wait.
        self.commit()
        key = int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big",
                             signed=True)
        self._exec("SELECT pg_advisory_lock(?)", (key,))
        try:
            yield
        finally:
            self.commit()
            self._exec("SELECT pg_advisory_unlock(?)", (key,))

    # -- line statistics -----------------------------------------------
    def add_line_stats(self, source: str, keys: Iterable[str], *, commit: bool = True) -> None:
        for key in set(keys):
            self._pending_lines[(source, key)] += 1
        self._pending_lines[(source, "")] += 1
        if commit:
            self.commit()

    def line_stats(self, source: str, *, min_docs: int = 2) -> tuple[int, dict[str, int]]:
        if self._pending_lines:
            self._flush_line_stats()
        return super().line_stats(source, min_docs=min_docs)

    def _flush_line_stats(self) -> None:
        if not self._pending_lines:
            return
        rows = sorted((s, k, n) for (s, k), n in self._pending_lines.items())
        self._pending_lines.clear()
        self._many(self._upsert_line_stats(), rows)


def _redact(url: str) -> str:
    """The URL without its password, for error messages."""
    scheme, sep, rest = url.partition("://")
    creds, at, host = rest.rpartition("@")
    if not at or ":" not in creds:
        return url
    return f"{scheme}{sep}{creds.split(':', 1)[0]}:***@{host}"
