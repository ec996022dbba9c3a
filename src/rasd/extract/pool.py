"""Extraction over a stream of documents, in this process or in a pool of worker processes.

``rasd extract --jobs N`` reads, decodes and cleans in the parent (two-pass
cleaning needs the whole batch's line statistics anyway) and hands documents
to N worker processes in chunks; each worker loads its own
:class:`~rasd.extract.engine.Extractor` once. Outcomes come back in input order, so
the output of N workers is the output of one, line for line.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from rasd.errors import RasdError, StageError
from rasd.extract.engine import MAX_CHARS, Extractor
from rasd.extract.scorer import PACKAGED, ScorerChoice
from rasd.models import Document, Event, Failure

# Documents per task: large enough that pickling and queueing are a small share
# of the work, small enough that both workers of a 2-core machine stay busy.
CHUNK = 16
# Tasks in flight per worker: keeps the workers fed while the parent cleans,
# without queueing the whole corpus's results in memory.
AHEAD = 4


@dataclass(frozen=True)
class Extracted:
    """One document's outcome: its events, or the failure that stopped it."""

    origin: str
    events: tuple[Event, ...]
    failure: Failure | None = None


def resolve_jobs(jobs: int) -> int:
    """Worker processes for a ``--jobs`` value: 0 means one per available core."""
    if jobs < 0:
        raise ValueError(f"jobs must be 0 or more, not {jobs}")
    if jobs == 0:
        return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else \
            (os.cpu_count() or 1)
    return jobs


def extract_one(extractor: Extractor, doc: Document) -> Extracted:
    """Events of ``doc``; any error becomes the document's failure, never the batch's."""
    try:
        return Extracted(doc.origin, tuple(extractor.extract(doc)))
    except Exception as exc:  # one article must never stop a corpus run
        reason = str(exc) if isinstance(exc, RasdError) else \
            f"internal error: {type(exc).__name__}: {exc}"
        return Extracted(doc.origin, (), Failure(origin=doc.origin, stage="extract",
                                                 reason=reason))


def extract_documents(docs: Iterable[Document], *, jobs: int = 1,
                      extractor: Extractor | None = None,
                      max_chars: int = MAX_CHARS,
                      scorer: ScorerChoice = PACKAGED) -> Iterator[Extracted]:
    """The outcome of every document of ``docs``, in order.

    ``jobs`` 1 extracts here with ``extractor`` (a fresh one when None);
    more starts that many worker processes, each with a fresh ``Extractor``
    (so ``extractor`` must be None: resources are loaded where they are used).
    Fresh extractors refuse documents over ``max_chars`` characters and filter
    candidates with ``scorer`` (see ``rasd.extract.scorer``).
    """
    for _doc, outcome in extract_pairs(docs, jobs=jobs, extractor=extractor,
                                       max_chars=max_chars, scorer=scorer):
        yield outcome


def extract_pairs(docs: Iterable[Document], *, jobs: int = 1,
                  extractor: Extractor | None = None,
                  max_chars: int = MAX_CHARS,
                  scorer: ScorerChoice = PACKAGED) -> Iterator[tuple[Document, Extracted]]:
    """Each document of ``docs`` with its outcome, in order (see :func:`extract_documents`);
    for callers that store the outcome against its document."""
    if jobs <= 1:
        ex = extractor or Extractor(max_chars=max_chars, scorer=scorer)
        for doc in docs:
            yield doc, extract_one(ex, doc)
        return
    if extractor is not None:
        raise ValueError("an extractor cannot be shared with worker processes")
    yield from _pooled(docs, jobs, max_chars, scorer)


def _pooled(docs: Iterable[Document], jobs: int, max_chars: int,
            scorer: ScorerChoice) -> Iterator[tuple[Document, Extracted]]:
    # The parent keeps each chunk's documents: only the outcomes travel back.
    pending: deque[tuple[list[Document], Future[list[Extracted]]]] = deque()
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                             initargs=(max_chars, scorer)) as pool:
        # The workers start now and load their resources while the parent reads and
        # cleans the input (its first pass reads the whole batch before the first
        # document comes): otherwise they would start only with the first chunk.
        for _ in range(jobs):
            pool.submit(_ready)
        try:
            for chunk in chunked(docs):
                pending.append((chunk, pool.submit(_extract_chunk, chunk)))
                while len(pending) >= jobs * AHEAD:
                    done, future = pending.popleft()
                    yield from zip(done, future.result(), strict=True)
            while pending:
                done, future = pending.popleft()
                yield from zip(done, future.result(), strict=True)
        except BrokenProcessPool as exc:
            # A worker killed from outside (out of memory, a signal): the run
            # cannot say which documents it held, so it stops and says so.
            raise StageError("extract", f"a worker process died: {exc}") from exc


def chunked(docs: Iterable[Document], size: int = CHUNK) -> Iterator[list[Document]]:
    """``docs`` in lists of ``size`` (the last may be shorter): one worker task each."""
    chunk: list[Document] = []
    for doc in docs:
        chunk.append(doc)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


_WORKER: Extractor | None = None


def _init_worker(max_chars: int = MAX_CHARS, scorer: ScorerChoice = PACKAGED) -> None:
    global _WORKER
    _WORKER = Extractor(max_chars=max_chars, scorer=scorer)


def _ready() -> None:
    """A task that only makes the pool start a worker (and so run its initializer)."""


def _extract_chunk(docs: list[Document]) -> list[Extracted]:
    assert _WORKER is not None, "worker not initialised"
    return [extract_one(_WORKER, doc) for doc in docs]
