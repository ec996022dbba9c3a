"""A rasd database as a library sees it: ``rasd.open(url)``.

The handle reads and writes through the same store, pipeline and export
functions the CLI and the HTTP API use; its defaults are the ones an analyst
can trust: canonical events (one per incident, merged across sources) and
current events only (``status="all"`` adds the background events articles
mention as history).
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from rasd.api.filters import (
    DEFAULT_LEVEL,
    DEFAULT_STATUS,
    Level,
    check_level,
    make_filter,
    resolve,
)
from rasd.api.frames import EventList
from rasd.errors import NotFoundError
from rasd.models import Document, Event, Failure
from rasd.pipeline.orchestrator import Pipeline, RunStats, stage
from rasd.store import DEFAULT_URL, DocumentSummary, Store, open_store
from rasd.store.canonical import canonical_of_reports, find_canonical
from rasd.store.events import (
    SORTS,
    EventFilter,
    document_urls,
    get_event,
)
from rasd.store.export import BINARY_FORMATS, FORMATS, export, write_parquet
from rasd.store.stats import page_events, page_total


class Database:
    """A store of documents and events, opened by :func:`open`.

    >>> import rasd
    >>> with rasd.open("sqlite:///:memory:") as db:
    ...     stats = db.run(documents=[rasd.document(
    ...         "قُتل جنديان في هجوم مسلح على حاجز قرب مدينة درعا.", source="مثال")])
    ...     [e.event_type for e in db.events()]
    ['Battles']
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- writing -----------------------------------------------------------
    def run(self, paths: Iterable[str | Path] = (), *, documents: Iterable[Document] = (),
            source: str | None = None, jobs: int = 1, progress: bool = False) -> RunStats:
        """Read ``paths`` (files or folders of .txt .html .jsonl[.gz] .warc[.gz] …) and
        ``documents``, then clean, extract and merge everything new; what failed is in
        ``RunStats.failures`` and the database's failures table. ``jobs`` extraction
        processes (0: one per core); ``progress`` shows progress bars on stderr."""
        pipeline = self._pipeline(extract=True, jobs=jobs, progress=progress)
        with stage("ingest"):  # as Pipeline.run: an unexpected error names its stage
            return pipeline.process(self._items(paths, documents, source), command="run")

    def ingest(self, paths: Iterable[str | Path] = (), *, documents: Iterable[Document] = (),
               source: str | None = None, progress: bool = False) -> RunStats:
        """Read and clean ``paths`` and ``documents`` into the store, without extracting
        (``run`` later extracts them)."""
        pipeline = self._pipeline(extract=False, progress=progress)
        with stage("ingest"):
            return pipeline.process(self._items(paths, documents, source), command="ingest")

    def _pipeline(self, *, extract: bool, jobs: int = 1, progress: bool = False) -> Pipeline:
        from rasd.extract.pool import resolve_jobs

        return Pipeline(self.store, extract=extract, jobs=resolve_jobs(jobs), progress=progress)

    @staticmethod
    def _items(paths: Iterable[str | Path], documents: Iterable[Document],
               source: str | None) -> Iterator[Document | Failure]:
        from rasd.ingest.reader import iter_inputs

        if isinstance(paths, str | Path):
            paths = [paths]  # one path, not the characters of one
        listed = list(paths)
        if listed:
            yield from iter_inputs(listed, source=source)
        yield from documents

    # -- reading -----------------------------------------------------------
    def _filter(self, level: str, status: str | None, filters: dict[str, Any]) -> EventFilter:
        return resolve(self.store, make_filter(status=status, **filters), level)

    def events(self, *, level: str = DEFAULT_LEVEL, status: str | None = DEFAULT_STATUS,
               limit: int | None = None, offset: int = 0, sort: str = "date",
               **filters: Any) -> EventList:
        """Events that pass ``filters``, the CLI's and the HTTP API's: ``date_from``,
        ``date_to``, ``event_type``, ``sub_event_type``, ``actor`` (id, name, Arabic name or
        alias: ``actor="الحوثي"``), ``country``, ``admin1``, ``text`` (in the evidence,
        Arabic-normalised), ``bbox``, ``doc``, ``civilians``.

        ``level``: ``"canonical"`` (one per incident) or ``"report"`` (one per article);
        ``status``: ``"current"``, ``"background"`` or ``"all"``; ``limit`` None for all.
        """
        lvl = check_level(level)
        if sort not in SORTS:
            raise ValueError(f"sort must be one of {', '.join(sorted(SORTS))}, not {sort!r}")
        flt = self._filter(lvl, status, filters)
        if limit is None:
            return EventList(self._iterate(lvl, flt, offset=offset, sort=sort))
        return EventList(page_events(self.store, flt, limit=limit, offset=offset, sort=sort,
                                     level=lvl))

    def _iterate(self, level: Level, flt: EventFilter, *, offset: int = 0,
                 sort: str = "date", batch: int = 1000) -> Iterator[Event]:
        """Every event of the filter from ``offset`` on, a page at a time."""
        while True:
            # The HTTP API's page query: ids sorted by index, then their records.
            page = page_events(self.store, flt, limit=batch, offset=offset, sort=sort,
                               level=level)
            yield from page
            if len(page) < batch:
                return
            offset += batch

    def count(self, *, level: str = DEFAULT_LEVEL, status: str | None = DEFAULT_STATUS,
              **filters: Any) -> int:
        """How many events ``events`` would return (same arguments)."""
        lvl = check_level(level)
        flt = self._filter(lvl, status, filters)
        # Exact (no cap); canonical events under plain filters come from the count tables.
        return page_total(self.store, flt, level=lvl)[0]

    def event(self, event_id: str) -> Event:
        """One event by id: a canonical event (``c…``) or a report; raises
        :class:`~rasd.errors.NotFoundError`."""
        view = find_canonical(self.store, event_id)
        if view is not None:
            return view.event
        return get_event(self.store, event_id)

    def documents(self, *, limit: int = 50, offset: int = 0,
                  source: str | None = None) -> list[DocumentSummary]:
        """Stored documents in ingest order (summaries; :meth:`document` for the text)."""
        return self.store.list_documents(limit=limit, offset=offset, source=source)

    def document(self, ref: str) -> Document:
        """A stored document by content id or name, with its cleaned text and sentences."""
        return self.store.get_document(ref)

    # -- exporting ---------------------------------------------------------
    def export(self, format: str, path: str | Path | TextIO, *, level: str = DEFAULT_LEVEL,
               status: str | None = DEFAULT_STATUS, with_evidence: bool = False,
               **filters: Any) -> int:
        """Write the events ``events`` would return to ``path`` as ``format``: ``csv``
        (ACLED's columns; ``with_evidence`` adds the evidence sentences and their URLs),
        ``jsonl`` (the output record; report level adds ``canonical_id``), ``geojson`` or
        ``parquet`` (typed columns, ``rasd[parquet]``). ``path`` may be an open text
        stream for the text formats. Returns how many were written."""
        if format not in FORMATS:
            raise ValueError(f"unknown export format {format!r}: use one of {', '.join(FORMATS)}")
        lvl = check_level(level)
        flt = self._filter(lvl, status, filters)
        events = self._iterate(lvl, flt)
        urls = self._urls(lvl, flt) if with_evidence else None
        if format in BINARY_FORMATS:
            if not isinstance(path, str | Path):
                raise ValueError(f"{format} is written to a file: give a path")
            return write_parquet(events, path, urls=urls)
        # Report-level JSON Lines say which canonical event each report is in.
        canon = canonical_of_reports(self.store) if lvl == "report" else None
        if not isinstance(path, str | Path):
            return export(events, path, fmt=format, canonical_of=canon, urls=urls)
        with builtins.open(path, "w", encoding="utf-8", newline="") as fh:
            return export(events, fh, fmt=format, canonical_of=canon, urls=urls)

    def _urls(self, level: Level, flt: EventFilter) -> dict[str, str | None]:
        names = {e.doc_id for ev in self._iterate(level, flt) for e in ev.evidence}
        return document_urls(self.store, names)

    # -- the handle --------------------------------------------------------
    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<rasd.Database {self.store.url!r}>"


def open(url: str = DEFAULT_URL) -> Database:
    """Open (creating and migrating if needed) the database at ``url``:
    ``sqlite:///rasd.db``, a file path, or ``postgresql://…``."""
    return Database(open_store(url))


__all__ = ["Database", "NotFoundError", "open"]
