"""The SQLite store: rasd's default, a single file that needs no server."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from rasd.errors import StoreError
from rasd.store.base import Store


class SQLiteStore(Store):
    ddl: ClassVar[dict[str, str]] = {"serial_pk": "INTEGER PRIMARY KEY AUTOINCREMENT"}

    def __init__(self, path: str | Path, *, url: str | None = None) -> None:
        self.path = str(path)
        self.url = url or f"sqlite:///{self.path}"
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            # isolation_level=None would autocommit; we want explicit batches.
            self._db = sqlite3.connect(self.path, timeout=30.0, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open SQLite database {self.path!r}: {exc}") from exc

    def _conn(self) -> sqlite3.Connection:
        return self._db

    def close(self) -> None:
        self._db.close()

    def _insert_ignore(self, table: str, columns: Sequence[str]) -> str:
        marks = ", ".join("?" * len(columns))
        return f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) VALUES ({marks})"

    def _upsert_line_stats(self) -> str:
        return (
            "INSERT INTO line_stats (source, line, docs) VALUES (?, ?, 1) "
            "ON CONFLICT (source, line) DO UPDATE SET docs = docs + 1"
        )
