"""``rasd run --engine dask``: ingest, clean and extract partitions in parallel on a Dask cluster.

The workers do the CPU work and never open the store; this process (the
client) is the one writer, which avoids lock contention and lets the store
be SQLite as well as PostgreSQL. The run has two phases so that its results
equal a single-process run on the same input:

1. Workers read each partition and return every document's line keys. The
   client drops documents already stored or already seen earlier in the input
   (the first occurrence wins, as in a single-process run) and adds the
   rest's line counts to the stored ones: the statistics a single-process run
   would clean with.
2. Workers read their partitions again and clean and extract the documents
   the client kept, with those statistics; the client stores documents, their
   line counts, cleaned text and events as each partition completes, so a
   run killed half-way leaves a store that a re-run completes.

Then the pipeline's own later stages run (clean and extract anything a
killed run left behind, then merge), exactly as after a single-process run.
Reading twice costs far less than moving every article through the client
twice: ingest is a few percent of the time, extraction the rest.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rasd.errors import RasdError, StageError
from rasd.pipeline.dask_partitions import (
    DEFAULT_PARTITION,
    Partition,
    Processed,
    Scan,
    plan_partitions,
    process_partition,
    scan_partition,
)
from rasd.pipeline.orchestrator import Pipeline, RunStats, stage
from rasd.store import Store
from rasd.store.events import replace_events

if TYPE_CHECKING:
    from distributed import Client

    from rasd.clean.cleaner import LineStats

__all__ = ["DaskRunError", "dask_client", "run_dask"]


class DaskRunError(RasdError):
    """The Dask cluster cannot be started or reached."""


@contextmanager
def dask_client(*, workers: int | None = None, scheduler: str | None = None,
                processes: bool = True) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler``, or of a new LocalCluster of ``workers``.

    Local workers are single-threaded processes: extraction is pure Python,
    so threads would share one interpreter lock.
    """
    dist = _distributed()
    if scheduler:
        try:
            client = dist.Client(scheduler, timeout="10s")
        except (OSError, TimeoutError) as exc:
            raise DaskRunError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        try:
            yield client
        finally:
            client.close()
        return
    cluster = dist.LocalCluster(n_workers=workers or 1, threads_per_worker=1,
                                processes=processes, dashboard_address=":0")  # any free port
    client = dist.Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def _distributed() -> Any:
    """The ``distributed`` module (untyped, hence Any)."""
    try:
        import distributed
    except ImportError as exc:  # pragma: no cover - installed with the 'dask' extra
        raise DaskRunError("the Dask engine needs the 'dask' extra: "
                           "pip install 'rasd[dask]'") from exc
    return distributed


def run_dask(store: Store, paths: Iterable[str | Path], *, source: str | None = None,
             workers: int | None = None, scheduler: str | None = None,
             client: Client | None = None, partition_size: int = DEFAULT_PARTITION,
             processes: bool = True, extract: bool = True, progress: bool = False,
             command: str = "run") -> RunStats:
    """Run ``paths`` through every stage into ``store``, partitioned over a Dask cluster."""
    if client is not None:
        return _run(client, store, paths, source=source, partition_size=partition_size,
                    extract=extract, progress=progress, command=command)
    with dask_client(workers=workers, scheduler=scheduler, processes=processes) as own:
        return _run(own, store, paths, source=source, partition_size=partition_size,
                    extract=extract, progress=progress, command=command)


def _run(client: Any, store: Store, paths: Iterable[str | Path], *, source: str | None,
         partition_size: int, extract: bool, progress: bool, command: str) -> RunStats:
    pipeline = Pipeline(store, progress=progress, extract=extract)
    stats = RunStats()
    with stage("store"):
        pipeline.run_id = store.start_run(command)
    with stage("ingest"):
        parts = plan_partitions(paths, size=partition_size)
        scans = client.map(scan_partition, parts, source=source, pure=False)
        todo, keys, line_stats = _reduce(pipeline, stats, parts, scans)
    with stage("extract" if extract else "clean"):
        # In a list: a scattered dict would become one future per source.
        [shared] = client.scatter([line_stats], broadcast=True)
        work = [client.submit(process_partition, part, todo=ids, stats=shared, source=source,
                              extract=extract, pure=False)
                for part, ids in zip(parts, todo, strict=True) if ids]
        _write(pipeline, stats, work, keys, extract=extract)
    # Leftovers of killed runs, then merging, through the pipeline's own stages.
    pipeline.clean_pending(stats)
    if extract:
        pipeline.extract_pending(stats)
    pipeline.merge_pending(stats)
    with stage("store"):
        store.finish_run(pipeline.run_id, stats.counts())
    return stats


Keys = dict[str, tuple[str, tuple[str, ...]]]  # document id -> (source, line keys)


def _reduce(pipeline: Pipeline, stats: RunStats, parts: Sequence[Partition],
            scans: Sequence[Any]) -> tuple[list[frozenset[str]], Keys, dict[str, LineStats]]:
    """Which documents each partition is to process, their line keys, and the statistics.

    The statistics are what the store will hold once this run's documents are
    in it, restricted to the lines of those documents (the only ones cleaning
    them looks up). Nothing is written here: each document's line counts are
    stored with the document, so a run killed half-way counts no document
    that it did not store.
    """
    from rasd.clean.cleaner import LineStats

    seen: set[str] = set()
    firsts: list[list[tuple[str, str, tuple[str, ...]]]] = []
    for future in scans:  # in partition order, so the first occurrence of a document wins
        scan: Scan = _result(future, "ingest")
        stats.read += len(scan.docs) + len(scan.failures)
        for failure in scan.failures:
            pipeline._fail(failure, stats)
        mine = []
        for doc in scan.docs:
            if doc[0] in seen:
                stats.duplicates += 1
            else:
                seen.add(doc[0])
                mine.append(doc)
        firsts.append(mine)
    with stage("store"):
        stored = _stored_ids(pipeline.store, seen)
    todo: list[frozenset[str]] = []
    keys: Keys = {}
    new_docs: Counter[str] = Counter()
    new_lines: dict[str, Counter[str]] = {}
    for mine in firsts:
        ids = []
        for doc_id, src, doc_keys in mine:
            if doc_id in stored:
                stats.duplicates += 1
                continue
            keys[doc_id] = (src, doc_keys)
            new_docs[src] += 1
            new_lines.setdefault(src, Counter()).update(doc_keys)
            ids.append(doc_id)
        todo.append(frozenset(ids))
    line_stats = {}
    with stage("store"):
        for src in sorted(new_docs):
            total, _ = pipeline.store.line_stats(src, min_docs=sys.maxsize)
            before = _stored_line_counts(pipeline.store, src, list(new_lines[src]))
            counts = {k: n + before.get(k, 0) for k, n in new_lines[src].items()}
            line_stats[src] = LineStats(docs=total + new_docs[src],
                                        counts={k: n for k, n in counts.items() if n >= 2})
    return todo, keys, line_stats


def _stored_line_counts(store: Store, source: str, lines: list[str], *,
                        batch: int = 500) -> dict[str, int]:
    found: dict[str, int] = {}
    for i in range(0, len(lines), batch):
        chunk = lines[i:i + batch]
        rows = store._exec(
            f"SELECT line, docs FROM line_stats WHERE source = ? AND line IN "
            f"({','.join('?' * len(chunk))})", [source, *chunk]
        ).fetchall()
        found.update((r[0], int(r[1])) for r in rows)
    return found


def _result(future: Any, stage_name: str) -> Any:
    """A task's result; a lost worker or a task that raised becomes a StageError."""
    try:
        result = future.result()
    except Exception as exc:
        raise StageError(stage_name, f"partition failed on the cluster: "
                                     f"{type(exc).__name__}: {exc}") from exc
    future.release()
    return result


def _stored_ids(store: Store, ids: Iterable[str], *, batch: int = 500) -> set[str]:
    id_list = list(ids)
    found: set[str] = set()
    for i in range(0, len(id_list), batch):
        chunk = id_list[i:i + batch]
        rows = store._exec(
            f"SELECT id FROM documents WHERE id IN ({','.join('?' * len(chunk))})", chunk
        ).fetchall()
        found.update(r[0] for r in rows)
    return found


def _write(pipeline: Pipeline, stats: RunStats, work: list[Any], keys: Keys, *,
           extract: bool) -> None:
    """Store each partition's documents and events as it completes, one commit per partition."""
    store = pipeline.store
    done: Iterable[Any] = _distributed().as_completed(work)
    if pipeline.progress:
        from tqdm import tqdm

        done = tqdm(done, total=len(work), desc="partitions", file=sys.stderr, leave=False)
    for future in done:
        results: list[Processed] = _result(future, "extract" if extract else "clean")
        with stage("store"):
            for p in results:
                src, doc_keys = keys.pop(p.doc.id)
                if not store.add_document(p.doc, commit=False):
                    stats.duplicates += 1  # another writer stored it meanwhile
                    continue
                store.add_line_stats(src, doc_keys, commit=False)
                stats.stored += 1
                if p.failure is None or p.failure.stage != "clean":
                    stats.count_cleaned(p.doc)
                if p.failure is not None:
                    pipeline._fail(p.failure, stats)
                store.set_cleaned(p.doc, commit=False)
                if extract:
                    stats.extracted += p.extracted
                    stats.events += len(p.events)
                    replace_events(store, p.doc, p.events, commit=False)
            store.commit()
