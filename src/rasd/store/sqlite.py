"""The SQLite store: rasd's default, a single file that needs no server."""

from __future__ import annotations

import contextlib
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, ClassVar

from rasd.errors import StoreError
from rasd.store.base import Store

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: merges are not serialised there
    fcntl = None  # type: ignore[assignment]

BUSY_TIMEOUT = 30.0  # seconds a connection waits for another process's write lock


class SQLiteStore(Store):
    ddl: ClassVar[dict[str, str]] = {"serial_pk": "INTEGER PRIMARY KEY AUTOINCREMENT"}

    def __init__(self, path: str | Path, *, url: str | None = None) -> None:
        self.path = str(path)
        self.url = url or f"sqlite:///{self.path}"
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            # isolation_level=None would autocommit; we want explicit batches.
            self._db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, check_same_thread=False)
            self._wal()
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open SQLite database {self.path!r}: {exc}") from exc

    def _wal(self) -> None:
        """Switch to write-ahead logging, waiting out other processes doing the same.

        Switching a new database takes an exclusive lock, and SQLite answers
        "database is locked" at once, without its busy timeout, when several
        processes open a new file together; so the wait is here.
        """
        deadline = time.monotonic() + BUSY_TIMEOUT
        pause = 0.005
        while True:
            try:
                self._db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
            time.sleep(pause)
            pause = min(pause * 2, 0.1)

    def _conn(self) -> sqlite3.Connection:
        return self._db

    def close(self) -> None:
        self._db.close()

    # Errors of the database itself (locked past the busy timeout, disk full, a file
    # that is not a database) become StoreErrors, as PostgreSQL's do: one line for
    # the user, and a batch that can tell a store problem from a document's.
    def _exec(self, sql: str, params: Sequence[Any] = ()) -> Any:
        try:
            return super()._exec(sql, params)
        except sqlite3.Error as exc:
            raise self._failed(exc) from exc

    def _many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        try:
            super()._many(sql, rows)
        except sqlite3.Error as exc:
            raise self._failed(exc) from exc

    def commit(self) -> None:
        try:
            super().commit()
        except sqlite3.Error as exc:
            raise self._failed(exc) from exc

    def _failed(self, exc: sqlite3.Error) -> StoreError:
        return StoreError(f"SQLite database {self.path!r}: {exc}")

    @contextlib.contextmanager
    def exclusive(self, name: str) -> Iterator[None]:
        """A block no other process runs at once on this database file (e.g. merging).

        SQLite's own write lock is held only per transaction, and a merge reads,
        decides and writes across many; a lock file beside the database
        (``<db>-<name>.lock``, flock) keeps two processes from merging the same
        new reports twice without holding up their other writes.
        """
        if self.path == ":memory:" or fcntl is None:
            yield
            return
        self.commit()
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        with open(f"{self.path}-{slug}.lock", "a+b") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
                self.commit()
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def has_table(self, name: str) -> bool:
        row = self._exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                         (name,)).fetchone()
        return row is not None

    def _insert_ignore(self, table: str, columns: Sequence[str]) -> str:
        marks = ", ".join("?" * len(columns))
        return f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) VALUES ({marks})"

    def _upsert_line_stats(self) -> str:
        return (
            "INSERT INTO line_stats (source, line, docs) VALUES (?, ?, 1) "
            "ON CONFLICT (source, line) DO UPDATE SET docs = docs + 1"
        )
