"""Partitions of a run's inputs, and the pure functions Dask workers apply to them.

A partition is a group of single-article files, or a range of lines of one
JSON Lines file; WARC files are a partition each (a crawl is many files).
Reading a partition yields exactly the items that reading its inputs whole
would yield at those positions, with the same origins and failure reasons,
so a partitioned run stores what a single-process run stores.

Workers never touch the store. Phase one (:func:`scan_partition`) reads a
partition and returns each document's line keys; the client reduces them
into per-source line statistics, which chrome removal needs over all of a
source's documents. Phase two (:func:`process_partition`) reads the
partition again and cleans and extracts the documents the client asked for,
with those statistics.
"""

from __future__ import annotations

import gzip
import threading
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rasd.errors import RasdError
from rasd.ingest.reader import DEFAULT_MAX_BYTES, file_kind, iter_inputs
from rasd.models import Document, Event, Failure

if TYPE_CHECKING:
    from rasd.clean.cleaner import LineStats
    from rasd.extract.engine import Extractor

STAGE = "ingest"
DEFAULT_PARTITION = 500  # documents (files or JSONL lines) per partition


@dataclass(frozen=True, slots=True)
class Partition:
    """``paths`` read whole, or lines ``start`` (1-based) up to ``stop`` of the one JSONL path."""

    paths: tuple[str, ...]
    start: int = 1
    stop: int | None = None
    split: bool = False  # True when this is a line range of a JSON Lines file


@dataclass(slots=True)
class Scan:
    """Phase one's answer: each document's (id, source, line keys), and ingest failures."""

    docs: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Processed:
    """One document after clean and extract; ``failure`` names the stage that failed."""

    doc: Document
    events: tuple[Event, ...]
    failure: Failure | None = None
    extracted: bool = True


# -- planning (on the client) ------------------------------------------------
def plan_partitions(paths: Iterable[str | Path], *, size: int = DEFAULT_PARTITION,
                    max_bytes: int = DEFAULT_MAX_BYTES) -> list[Partition]:
    """Partitions covering ``paths`` in the order a single-process run reads them."""
    out: list[Partition] = []
    group: list[str] = []

    def flush() -> None:
        if group:
            out.append(Partition(tuple(group)))
            group.clear()

    for path in _files(paths):
        kind = file_kind(Path(path))
        lines = _count_lines(Path(path), max_bytes) if kind in ("jsonl", "jsonl.gz") else None
        if kind in ("jsonl", "jsonl.gz", "warc"):
            flush()
            if lines is None or lines <= size:
                out.append(Partition((path,)))
            else:
                starts = range(1, lines + 1, size)
                for i, start in enumerate(starts):
                    stop = start + size if i < len(starts) - 1 else None
                    out.append(Partition((path,), start=start, stop=stop, split=True))
            continue
        group.append(path)
        if len(group) >= size:
            flush()
    flush()
    return out


def _files(paths: Iterable[str | Path]) -> Iterator[str]:
    """Files in the order ``iter_inputs`` visits them; a path it would fail on is kept as is."""
    from rasd.ingest.reader import input_files

    for path, _info in input_files(paths):
        yield str(path)


def _count_lines(path: Path, max_bytes: int) -> int | None:
    """Lines in a JSON Lines file, or None when it should be read whole (damaged, odd, empty)."""
    from rasd.ingest.containers import open_lines

    lines = 0
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return None
        with open_lines(path, file_kind(path) == "jsonl.gz") as fh:
            nonblank = False
            while chunk := fh.readline(1 << 20):
                if lines == 0 and chunk.startswith((b"\xff\xfe", b"\xfe\xff")):
                    return None
                nonblank = nonblank or bool(chunk.strip())
                if chunk.endswith(b"\n"):
                    lines += 1
            if not nonblank:
                return None
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile):
        return None
    return lines


# -- reading (on the workers) ------------------------------------------------
def read_partition(part: Partition, *, source: str | None = None,
                   max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | Failure]:
    if not part.split:
        yield from iter_inputs(part.paths, source=source, max_bytes=max_bytes)
    else:
        yield from _jsonl_range(Path(part.paths[0]), part.start, part.stop,
                                source=source, max_bytes=max_bytes)


def _jsonl_range(path: Path, start: int, stop: int | None, *, source: str | None,
                 max_bytes: int) -> Iterator[Document | Failure]:
    """Lines [start, stop) of a JSON Lines file, read as ``rasd.ingest.containers.iter_jsonl`` does.

    A damaged stream is reported by the partition holding the line that could
    not be read, so it is reported once.
    """
    from rasd.ingest.containers import jsonl_record, megabytes, open_lines, skip_rest_of_line
    from rasd.ingest.reader import os_reason

    where = str(path)
    lineno = 0
    try:
        with open_lines(path, file_kind(path) == "jsonl.gz") as fh:
            while stop is None or lineno + 1 < stop:
                line = fh.readline(max_bytes + 1)
                if not line:
                    break
                lineno += 1
                too_long = len(line) > max_bytes and not line.endswith(b"\n")
                if too_long:
                    skip_rest_of_line(fh)
                if lineno < start:
                    continue
                origin = f"{where}#line={lineno}"
                if too_long:
                    yield Failure(origin, STAGE, f"line is over the {megabytes(max_bytes)} limit")
                elif line.strip():
                    yield jsonl_record(line, lineno=lineno, path=path, source=source)
    except EOFError:
        if lineno + 1 >= start:
            yield Failure(where, STAGE,
                          f"truncated gzip stream: the data ends after line {lineno}")
    except (gzip.BadGzipFile, zlib.error) as exc:
        if lineno + 1 >= start:
            yield Failure(where, STAGE, f"corrupt gzip stream after line {lineno}: {exc}")
    except OSError as exc:
        if lineno + 1 >= start:
            yield Failure(where, STAGE, os_reason(exc))


def scan_partition(part: Partition, *, source: str | None = None,
                   max_bytes: int = DEFAULT_MAX_BYTES) -> Scan:
    """Phase one: every document's id, source and line keys; the partition's ingest failures."""
    from rasd.clean.cleaner import line_keys

    scan = Scan()
    for item in read_partition(part, source=source, max_bytes=max_bytes):
        if isinstance(item, Failure):
            scan.failures.append(item)
        else:
            scan.docs.append((item.id, item.source or "", tuple(sorted(line_keys(item.text)))))
    return scan


def process_partition(part: Partition, *, todo: frozenset[str],
                      stats: Mapping[str, LineStats], source: str | None = None,
                      max_bytes: int = DEFAULT_MAX_BYTES, extract: bool = True) -> list[Processed]:
    """Phase two: clean (with the run's line statistics) and extract the documents in ``todo``."""
    from rasd.clean.cleaner import LineStats, clean_document

    out: list[Processed] = []
    done: set[str] = set()
    for item in read_partition(part, source=source, max_bytes=max_bytes):
        # A repeat inside the partition is a duplicate: the first occurrence is the one kept.
        if isinstance(item, Failure) or item.id not in todo or item.id in done:
            continue
        done.add(item.id)
        doc = item
        try:
            cleaned = clean_document(doc, stats=stats.get(doc.source or "", LineStats(0, {})))
        except Exception as exc:  # as in Pipeline.clean_pending: one article never stops a run
            failure = Failure(origin=doc.origin, stage="clean", reason=_reason(exc))
            out.append(Processed(empty_clean(doc), (), failure, extracted=extract))
            continue
        if not extract:
            out.append(Processed(cleaned, (), extracted=False))
            continue
        try:
            events = tuple(_extractor().extract(cleaned))
        except Exception as exc:  # as in extract_stage.extract_pending
            failure = Failure(origin=doc.origin, stage="extract", reason=_reason(exc))
            out.append(Processed(cleaned, (), failure, extracted=False))
            continue
        out.append(Processed(cleaned, events))
    return out


def _reason(exc: Exception) -> str:
    return str(exc) if isinstance(exc, RasdError) else \
        f"internal error: {type(exc).__name__}: {exc}"


def empty_clean(doc: Document) -> Document:
    from rasd.pipeline.orchestrator import empty_clean as empty

    return empty(doc)


_EXTRACTOR: Extractor | None = None
_EXTRACTOR_LOCK = threading.Lock()


def _extractor() -> Extractor:
    """One extractor per worker process: loading the gazetteer and lexicons takes seconds."""
    global _EXTRACTOR
    with _EXTRACTOR_LOCK:
        if _EXTRACTOR is None:
            from rasd.extract.engine import Extractor

            _EXTRACTOR = Extractor()
        return _EXTRACTOR
