"""A rasd database as a library sees it: ``rasd.open(url)``.

The handle reads and writes through the same store, pipeline and export
functions the CLI and the HTTP API use; its defaults are the ones an analyst
can trust: canonical events (one per incident, merged across sources) and
current events only (``status="all"`` adds the background events articles
mention as history).
"""

from __future__ import annotations

import builtins
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TextIO

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
from rasd.store.canonical import canonical_of_reports, find_canonical, get_canonical
from rasd.store.events import (
    SORTS,
    EventFilter,
    distinct_actors,
    document_urls,
    get_event,
)
from rasd.store.export import BINARY_FORMATS, FORMATS, export, iter_export, write_parquet
from rasd.store.pages import (
    Facets,
    Report,
    document_event_ids,
    event_reports,
    facets,
    iter_by_date,
    page_events,
    page_total,
    page_with_total,
    point_rows,
)
from rasd.store.stats import EventStats, event_stats

ActorValues = Callable[[str], list[str]]
"""A table's distinct actor values (the HTTP API keeps them in a short-lived cache)."""


@dataclass(frozen=True, slots=True)
class Page:
    """One page of events and how many the filter selects (``total_exact`` False: at
    least ``total``, the count having stopped past the page's end)."""

    items: EventList
    total: int
    total_exact: bool


@dataclass(frozen=True, slots=True)
class EventDetail:
    """An event with the documents that reported it and, for a canonical event, the
    links that merged its reports."""

    level: Level
    event: Event
    reports: list[Report]
    links: list[dict[str, Any]]


class Database:
    """A store of documents and events, opened by :func:`open`.

    >>> import rasd
    >>> with rasd.open("sqlite:///:memory:") as db:
    ...     stats = db.run(documents=[rasd.document(
    ...         "قُتل جنديان في هجوم مسلح على حاجز قرب مدينة درعا.", source="مثال")])
    ...     [e.event_type for e in db.events()]
    ['Battles']
    """

    def __init__(self, store: Store, *, actor_values: ActorValues | None = None) -> None:
        self.store = store
        self._actor_values = actor_values

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
    def _filter(self, level: str, status: str | None, filters: dict[str, Any],
                where: EventFilter | None = None) -> EventFilter:
        """The store's filter: ``where`` (one already made, e.g. by the HTTP API's
        parameter parser, status included) or the keyword filters, its actor search
        resolved to the level's actor values."""
        if where is not None:
            if filters:
                raise TypeError("give keyword filters or where=, not both")
            flt = where
        else:
            flt = make_filter(status=status, **filters)
        return resolve(self.store, flt, level, values=self._actor_values)

    def events(self, *, level: str = DEFAULT_LEVEL, status: str | None = DEFAULT_STATUS,
               limit: int | None = None, offset: int = 0, sort: str = "date",
               where: EventFilter | None = None, **filters: Any) -> EventList:
        """Events that pass ``filters``, the CLI's and the HTTP API's: ``date_from``,
        ``date_to``, ``event_type``, ``sub_event_type``, ``actor`` (id, name, Arabic name or
        alias: ``actor="الحوثي"``), ``country``, ``admin1``, ``text`` (in the evidence,
        Arabic-normalised), ``bbox``, ``doc``, ``civilians``.

        ``level``: ``"canonical"`` (one per incident) or ``"report"`` (one per article);
        ``status``: ``"current"``, ``"background"`` or ``"all"``; ``limit`` None for all.
        ``where``: a ready :class:`~rasd.store.events.EventFilter` instead of keywords.
        """
        lvl = check_level(level)
        if sort not in SORTS:
            raise ValueError(f"sort must be one of {', '.join(sorted(SORTS))}, not {sort!r}")
        flt = self._filter(lvl, status, filters, where)
        if limit is None:
            return EventList(self._iterate(lvl, flt, offset=offset, sort=sort), urls=self._urls)
        return EventList(page_events(self.store, flt, limit=limit, offset=offset, sort=sort,
                                     level=lvl), urls=self._urls)

    def _iterate(self, level: Level, flt: EventFilter, *, offset: int = 0,
                 sort: str = "date", batch: int = 1000) -> Iterator[Event]:
        """Every event of the filter from ``offset`` on, a page at a time."""
        if sort == "date" and offset == 0:
            # Exports and whole listings: keyset pages in the same order.
            yield from iter_by_date(self.store, flt, level=level, batch=batch)
            return
        while True:
            # The HTTP API's page query: ids sorted by index, then their records.
            page = page_events(self.store, flt, limit=batch, offset=offset, sort=sort,
                               level=level)
            yield from page
            if len(page) < batch:
                return
            offset += batch

    def page(self, *, limit: int = 50, offset: int = 0, sort: str = "date",
             level: str = DEFAULT_LEVEL, status: str | None = DEFAULT_STATUS,
             at_least: int | None = None, where: EventFilter | None = None,
             **filters: Any) -> Page:
        """A page of ``events`` with the filter's total, the HTTP API's list: the count
        stops at ``at_least`` events (None: counts them all) and then says it did."""
        lvl = check_level(level)
        if sort not in SORTS:
            raise ValueError(f"sort must be one of {', '.join(sorted(SORTS))}, not {sort!r}")
        flt = self._filter(lvl, status, filters, where)
        items, total, exact = page_with_total(self.store, flt, limit=limit, offset=offset,
                                              sort=sort, level=lvl, at_least=at_least)
        return Page(EventList(items, urls=self._urls), total, exact)

    def count(self, *, level: str = DEFAULT_LEVEL, status: str | None = DEFAULT_STATUS,
              where: EventFilter | None = None, **filters: Any) -> int:
        """How many events ``events`` would return (same arguments)."""
        lvl = check_level(level)
        flt = self._filter(lvl, status, filters, where)
        # Exact (no cap); canonical events under plain filters come from the count tables.
        return page_total(self.store, flt, level=lvl)[0]

    def stats(self, *, interval: Literal["day", "week"] = "week", top: int = 20,
              level: str = DEFAULT_LEVEL, status: str | None = DEFAULT_STATUS,
              where: EventFilter | None = None, **filters: Any) -> EventStats:
        """Counts and deaths of the filter's events by type, sub-type, actor (the ``top``
        ones), country, governorate, status and period (``interval``)."""
        lvl = check_level(level)
        flt = self._filter(lvl, status, filters, where)
        return event_stats(self.store, flt, interval=interval, top_actors=top, level=lvl)

    def points(self, *, limit: int = 10_000, level: str = DEFAULT_LEVEL,
               status: str | None = DEFAULT_STATUS, where: EventFilter | None = None,
               **filters: Any) -> tuple[list[tuple[Any, ...]], int]:
        """Map points of the filter's located events, deadliest first, as rows (id, lat,
        lon, event type, deaths), and how many located events there are in all."""
        lvl = check_level(level)
        flt = self._filter(lvl, status, filters, where)
        return point_rows(self.store, flt, limit=limit, level=lvl)

    def facets(self) -> Facets:
        """The event types, sub-types, countries, governorates and date range stored."""
        return facets(self.store)

    def actors(self, *, level: str = DEFAULT_LEVEL) -> list[str]:
        """The level's distinct actor values ("English | Arabic")."""
        table = "canonical_events" if check_level(level) == "canonical" else "events"
        if self._actor_values is not None:
            return self._actor_values(table)
        return distinct_actors(self.store, table)

    def event(self, event_id: str) -> Event:
        """One event by id: a canonical event (``c…``) or a report; raises
        :class:`~rasd.errors.NotFoundError`."""
        view = find_canonical(self.store, event_id)
        if view is not None:
            return view.event
        return get_event(self.store, event_id)

    def detail(self, event_id: str, *, level: str | None = None) -> EventDetail:
        """An event with its reports (and a canonical event's merge links), by id.

        ``level="canonical"`` finds a canonical event by its id or by one of its
        reports' ids; otherwise a report is looked for first, then a canonical
        event (ids of the two levels never collide). Raises
        :class:`~rasd.errors.NotFoundError`.
        """
        view = None
        if level is not None and check_level(level) == "canonical":
            view = get_canonical(self.store, event_id)
        else:
            try:
                ev = get_event(self.store, event_id)
            except NotFoundError:
                view = find_canonical(self.store, event_id)
                if view is None:
                    raise
        if view is not None:
            return EventDetail("canonical", view.event,
                               event_reports(self.store, view.event.event_id), list(view.links))
        return EventDetail("report", ev, event_reports(self.store, ev.event_id), [])

    def document_events(self, doc_id: str) -> list[str]:
        """Ids of the report-level events extracted from a document (by content id)."""
        return document_event_ids(self.store, doc_id)

    def documents(self, *, limit: int | None = None, offset: int = 0,
                  source: str | None = None, batch: int = 1000) -> list[DocumentSummary]:
        """Stored documents in ingest order (summaries; :meth:`document` for the text):
        every one from ``offset`` on, as :meth:`events` returns every event, or ``limit``;
        ``source`` only that outlet's."""
        if limit is not None:
            return self.store.list_documents(limit=limit, offset=offset, source=source)
        found: list[DocumentSummary] = []
        while True:
            page = self.store.list_documents(limit=batch, offset=offset, source=source)
            found.extend(page)
            if len(page) < batch:
                return found
            offset += batch

    def document(self, ref: str) -> Document:
        """A stored document by content id or name, with its cleaned text and sentences."""
        return self.store.get_document(ref)

    # -- exporting ---------------------------------------------------------
    def export(self, format: str, path: str | Path | TextIO, *, level: str = DEFAULT_LEVEL,
               status: str | None = DEFAULT_STATUS, with_evidence: bool = False,
               where: EventFilter | None = None, **filters: Any) -> int:
        """Write the events ``events`` would return to ``path`` as ``format``: ``csv``
        (ACLED's columns; ``with_evidence`` adds the evidence sentences and their URLs),
        ``jsonl`` (the output record; report level adds ``canonical_id``), ``geojson`` or
        ``parquet`` (typed columns, ``rasd[parquet]``). ``path`` may be an open text
        stream for the text formats. Returns how many were written."""
        if format not in FORMATS:
            raise ValueError(f"unknown export format {format!r}: use one of {', '.join(FORMATS)}")
        lvl = check_level(level)
        flt = self._filter(lvl, status, filters, where)
        if format in BINARY_FORMATS:
            if not isinstance(path, str | Path):
                raise ValueError(f"{format} is written to a file: give a path")
            return write_parquet(self._iterate(lvl, flt), path,
                                 urls=self._urls if with_evidence else None)
        if not isinstance(path, str | Path):
            return self._write(path, format, lvl, flt, with_evidence)
        with builtins.open(path, "w", encoding="utf-8", newline="") as fh:
            return self._write(fh, format, lvl, flt, with_evidence)

    def export_stream(self, format: str, *, level: str = DEFAULT_LEVEL,
                      status: str | None = DEFAULT_STATUS, with_evidence: bool = False,
                      where: EventFilter | None = None, **filters: Any) -> Iterator[str]:
        """``export`` as text a few hundred events at a time, for a caller that streams
        it (the HTTP API's ``/api/export``): the same writer, the same columns."""
        if format not in FORMATS or format in BINARY_FORMATS:
            text = [f for f in FORMATS if f not in BINARY_FORMATS]
            raise ValueError(f"export_stream writes {', '.join(text)}, not {format!r}")
        lvl = check_level(level)
        flt = self._filter(lvl, status, filters, where)
        canon = canonical_of_reports(self.store) if lvl == "report" else None
        for text_chunk, _n in iter_export(self._iterate(lvl, flt), format, canonical_of=canon,
                                          urls=self._urls if with_evidence else None):
            yield text_chunk

    def _write(self, out: TextIO, format: str, level: Level, flt: EventFilter,
               with_evidence: bool) -> int:
        # Report-level JSON Lines say which canonical event each report is in.
        canon = canonical_of_reports(self.store) if level == "report" else None
        return export(self._iterate(level, flt), out, fmt=format, canonical_of=canon,
                      urls=self._urls if with_evidence else None)

    def _urls(self, names: set[str]) -> dict[str, str | None]:
        """The URLs of a batch's documents (asked per batch: an export is read once)."""
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


def open(url: str | os.PathLike[str] = DEFAULT_URL) -> Database:
    """Open (creating and migrating if needed) the database at ``url``:
    ``sqlite:///rasd.db``, a file path (a string or a :class:`~pathlib.Path`), or
    ``postgresql://…``."""
    return Database(open_store(os.fspath(url)))


__all__ = ["Database", "EventDetail", "NotFoundError", "Page", "open"]
