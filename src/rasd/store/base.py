"""The ``Store`` interface and the SQL both backends share.

A store holds documents (raw and cleaned), per-input failures, runs, and the
per-source line statistics that cleaning uses to recognise site chrome.
SQLite is the default and needs nothing; PostgreSQL implements the same
interface for teams. Backends differ only in connection handling, placeholder
style and a few DDL words, so the SQL lives here once.
"""

from __future__ import annotations

import contextlib
import json
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, ClassVar

from rasd.errors import NotFoundError
from rasd.models import Document, Failure, Sentence


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    id: str
    name: str
    source: str | None
    title: str | None
    published: date | None
    chars: int
    sentences: int
    cleaned: bool


@dataclass(frozen=True, slots=True)
class RunSummary:
    id: int
    command: str
    started: str
    finished: str | None
    stats: dict[str, int]


@dataclass(frozen=True, slots=True)
class StoredFailure:
    id: int
    run_id: int | None
    origin: str
    stage: str
    reason: str
    at: str


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _row_to_document(row: Sequence[Any]) -> Document:
    (doc_id, name, source, url, title, published, raw, raw_format, text, origin, encoding,
     clean_text, sentences_json, removed_json) = row
    spans = json.loads(sentences_json) if sentences_json else []
    sentences = tuple(
        Sentence(doc_id=doc_id, index=i, start=s, end=e, text=(clean_text or "")[s:e])
        for i, (s, e) in enumerate(spans)
    )
    return Document(
        id=doc_id,
        name=name,
        source=source,
        url=url,
        title=title,
        published=date.fromisoformat(published) if published else None,
        raw=raw,
        raw_format=raw_format,
        text=text,
        origin=origin,
        encoding=encoding,
        clean_text=clean_text,
        sentences=sentences,
        removed_lines=tuple(json.loads(removed_json)) if removed_json else (),
    )


_DOC_COLUMNS = (
    "id, name, source, url, title, published, raw, raw_format, text, origin, encoding, "
    "clean_text, sentences, removed_lines"
)


class Store(ABC):
    """Where rasd keeps what it read and what it found.

    Subclasses provide a DB-API connection and the dialect hooks; every
    public method commits its own work unless it runs inside
    :meth:`transaction`, so a killed process leaves whole documents or none.
    """

    url: str
    placeholder = "?"
    ddl: ClassVar[dict[str, str]]
    dialect: ClassVar[str] = "sqlite"  # SQL that cannot be shared dispatches on this

    # -- dialect hooks -------------------------------------------------
    @abstractmethod
    def _conn(self) -> Any: ...

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def _insert_ignore(self, table: str, columns: Sequence[str]) -> str:
        """SQL for an insert that does nothing when the primary key exists."""

    @abstractmethod
    def _upsert_line_stats(self) -> str: ...

    def _sql(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> Any:
        cur = self._conn().cursor()
        cur.execute(self._sql(sql), tuple(params))
        return cur

    def _many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        cur = self._conn().cursor()
        cur.executemany(self._sql(sql), [tuple(r) for r in rows])

    def commit(self) -> None:
        self._conn().commit()

    @contextlib.contextmanager
    def exclusive(self, name: str) -> Iterator[None]:
        """Run a block that no other process may run at once on this database (e.g. merging).

        A no-op for SQLite, where one writer holds the whole database; PostgreSQL
        takes an advisory lock named ``name``.
        """
        yield

    @contextlib.contextmanager
    def migration_lock(self) -> Iterator[None]:
        """One transaction that no other process's migration runs beside; commits on success.

        SQLite: ``BEGIN IMMEDIATE`` takes the database's write lock before the
        migration state is read (other processes wait up to the busy timeout),
        and DDL is transactional, so the schema changes all at once or not at all.
        """
        self.commit()  # nothing of the caller's may ride in the migration's transaction
        self._exec("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._conn().rollback()
            raise
        self.commit()

    @abstractmethod
    def has_table(self, name: str) -> bool:
        """Whether a table of that name exists (in the schema the store writes to)."""

    # -- schema --------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply the named migrations not yet applied; returns their names."""
        from rasd.store.migrations import apply_migrations

        return apply_migrations(self)

    # -- runs ----------------------------------------------------------
    def start_run(self, command: str) -> int:
        cur = self._exec(
            "INSERT INTO runs (command, started) VALUES (?, ?) RETURNING id", (command, _now())
        )
        run_id = int(cur.fetchone()[0])
        self.commit()
        return run_id

    def finish_run(self, run_id: int, stats: dict[str, int]) -> None:
        self._exec(
            "UPDATE runs SET finished = ?, stats = ? WHERE id = ?",
            (_now(), json.dumps(stats, sort_keys=True), run_id),
        )
        self.commit()

    def list_runs(self, *, limit: int = 20) -> list[RunSummary]:
        rows = self._exec(
            "SELECT id, command, started, finished, stats FROM runs ORDER BY id DESC LIMIT ?",
            (limit,),
        ).fetchall()
        return [RunSummary(r[0], r[1], r[2], r[3], json.loads(r[4]) if r[4] else {}) for r in rows]

    # -- documents -----------------------------------------------------
    def add_document(self, doc: Document, *, commit: bool = True) -> bool:
        """Store a newly ingested document; False when its content is already stored."""
        cols = ("id", "name", "source", "url", "title", "published", "raw", "raw_format",
                "text", "origin", "encoding", "ingested")
        cur = self._exec(
            self._insert_ignore("documents", cols),
            (doc.id, doc.name, doc.source, doc.url, doc.title,
             doc.published.isoformat() if doc.published else None, doc.raw, doc.raw_format,
             doc.text, doc.origin, doc.encoding, _now()),
        )
        inserted = bool(cur.rowcount and cur.rowcount > 0)
        if commit:
            self.commit()
        return inserted

    def set_cleaned(self, doc: Document, *, commit: bool = True) -> None:
        """Store what cleaning produced for a document already stored."""
        spans = [[s.start, s.end] for s in doc.sentences]
        self._exec(
            "UPDATE documents SET clean_text = ?, sentences = ?, removed_lines = ? WHERE id = ?",
            (doc.clean_text, json.dumps(spans), json.dumps(list(doc.removed_lines),
                                                            ensure_ascii=False), doc.id),
        )
        if commit:
            self.commit()

    def has_document(self, doc_id: str) -> bool:
        return self._exec("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def get_document(self, ref: str) -> Document:
        """A document by content id, or by name when no id matches."""
        row = self._exec(f"SELECT {_DOC_COLUMNS} FROM documents WHERE id = ?", (ref,)).fetchone()
        if row is None:
            row = self._exec(
                f"SELECT {_DOC_COLUMNS} FROM documents WHERE name = ? ORDER BY ingested LIMIT 1",
                (ref,),
            ).fetchone()
        if row is None:
            raise NotFoundError(f"no document with id or name {ref!r}")
        return _row_to_document(row)

    def iter_documents(
        self, *, ids: Iterable[str] | None = None, uncleaned: bool = False, batch: int = 500
    ) -> Iterator[Document]:
        """Documents in ingest order, fetched in batches so a large store is never all in memory."""
        if ids is not None:
            id_list = list(ids)
            for i in range(0, len(id_list), batch):
                chunk = id_list[i : i + batch]
                marks = ",".join("?" * len(chunk))
                rows = self._exec(
                    f"SELECT {_DOC_COLUMNS} FROM documents WHERE id IN ({marks})", chunk
                ).fetchall()
                by_id = {r[0]: r for r in rows}
                for doc_id in chunk:
                    if doc_id in by_id:
                        yield _row_to_document(by_id[doc_id])
            return
        where = "WHERE clean_text IS NULL" if uncleaned else ""
        last = ""
        while True:
            cond = f"{where} {'AND' if where else 'WHERE'} id > ?"
            rows = self._exec(
                f"SELECT {_DOC_COLUMNS} FROM documents {cond} ORDER BY id LIMIT ?", (last, batch)
            ).fetchall()
            if not rows:
                return
            for r in rows:
                yield _row_to_document(r)
            last = rows[-1][0]

    def list_documents(
        self, *, limit: int = 50, offset: int = 0, source: str | None = None
    ) -> list[DocumentSummary]:
        where, params = ("WHERE source = ?", [source]) if source else ("", [])
        rows = self._exec(
            "SELECT id, name, source, title, published, LENGTH(COALESCE(clean_text, text)), "
            "sentences, clean_text IS NOT NULL FROM documents "
            f"{where} ORDER BY ingested, id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
        return [
            DocumentSummary(
                id=r[0], name=r[1], source=r[2], title=r[3],
                published=date.fromisoformat(r[4]) if r[4] else None, chars=int(r[5] or 0),
                sentences=len(json.loads(r[6])) if r[6] else 0, cleaned=bool(r[7]),
            )
            for r in rows
        ]

    def count_documents(self) -> int:
        return int(self._exec("SELECT COUNT(*) FROM documents").fetchone()[0])

    # -- failures ------------------------------------------------------
    def add_failure(self, failure: Failure, *, run_id: int | None = None,
                    commit: bool = True) -> None:
        self._exec(
            "INSERT INTO failures (run_id, origin, stage, reason, at) VALUES (?, ?, ?, ?, ?)",
            (run_id, failure.origin, failure.stage, failure.reason, _now()),
        )
        if commit:
            self.commit()

    def list_failures(self, *, run_id: int | None = None, limit: int = 1000) -> list[StoredFailure]:
        where, params = ("WHERE run_id = ?", [run_id]) if run_id is not None else ("", [])
        rows = self._exec(
            f"SELECT id, run_id, origin, stage, reason, at FROM failures {where} "
            "ORDER BY id LIMIT ?",
            [*params, limit],
        ).fetchall()
        return [StoredFailure(*r) for r in rows]

    # -- line statistics (chrome detection) ----------------------------
    def add_line_stats(self, source: str, keys: Iterable[str], *, commit: bool = True) -> None:
        """Count one more document of ``source`` containing each of ``keys`` (line hashes)."""
        self._many(self._upsert_line_stats(), ((source, k) for k in set(keys)))
        self._many(self._upsert_line_stats(), [(source, "")])  # "" counts the source's documents
        if commit:
            self.commit()

    def line_stats(self, source: str, *, min_docs: int = 2) -> tuple[int, dict[str, int]]:
        """(documents of the source, {line hash: documents containing it, when >= min_docs})."""
        rows = self._exec(
            "SELECT line, docs FROM line_stats WHERE source = ? AND (docs >= ? OR line = '')",
            (source, min_docs),
        ).fetchall()
        counts = {r[0]: int(r[1]) for r in rows}
        total = counts.pop("", 0)
        return total, counts

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
