"""Throughput of ``rasd extract`` over the SaudiNewsNet corpus: articles/s and peak memory.

    .venv/bin/python benchmarks/extract_corpus.py [--corpus PATH] [--limit N] [--jobs N]
        [--profile] [--events FILE]

Streams the corpus as ``rasd extract`` does: ingest (``rasd.ingest.reader.iter_inputs``),
the two-pass cleaning of ``rasd.cli.events.clean_batch`` (per-source line
statistics over the whole batch, then ``clean_document``), then
``rasd.extract.engine.Extractor().extract`` on each document.

Prints documents, events, failures, articles per second for extraction alone
(time inside ``extract``, summed over workers) and end to end (wall clock from
opening the corpus to the last event), and peak RSS. The extractor's resources
(lexicons, gazetteer, actor dictionary) are loaded before the clock starts and
their load time is printed on its own: it is paid once per process.

``--jobs N`` (N > 1) extracts in a pool of N processes, each with its own
Extractor; the parent ingests and cleans and feeds the pool as it goes.
``--profile`` runs single-process under cProfile and prints the top 30
functions by cumulative and by own time. ``--events FILE`` writes the events
as JSON lines in document order (to check that an optimisation changed no
output: diff two runs).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import itertools
import json
import os
import pstats
import resource
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from rasd.clean.cleaner import clean_batch
from rasd.errors import RasdError
from rasd.extract.engine import Extractor
from rasd.extract.pool import chunked
from rasd.ingest.reader import iter_inputs
from rasd.models import Document, Failure

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / (
    "saudinewsnet-2015.jsonl.gz"
)
# Documents per task sent to a worker: large enough that pickling and queueing
# are a small share of the work, small enough that both workers stay busy.
CHUNK = 16

# A made-up report (not corpus text) to load every resource before timing.
_WARMUP = ("قتل خمسة مدنيين وأصيب عشرة آخرون في غارة جوية على مدينة إدلب شمال سوريا "
           "يوم الاثنين، بحسب المرصد السوري لحقوق الإنسان.")


def _warm(extractor: Extractor) -> float:
    """Load the extractor's lazily loaded resources; seconds taken."""
    from rasd.clean.cleaner import clean_document
    from rasd.ingest.docs import document_from_text

    t0 = time.perf_counter()
    doc = clean_document(document_from_text(_WARMUP, name="warmup", origin="warmup"))
    extractor.extract(doc)
    return time.perf_counter() - t0


def _items(corpus: Path, limit: int | None) -> Iterator[Document | Failure]:
    items: Iterator[Document | Failure] = iter(iter_inputs([corpus]))
    if limit is not None:
        items = itertools.islice(items, limit)
    cleaned: Iterator[Document | Failure] = clean_batch(items)
    return cleaned


# -- worker side (one Extractor per process) ---------------------------------
_EXTRACTOR: Extractor | None = None


def _init_worker() -> None:
    global _EXTRACTOR
    _EXTRACTOR = Extractor()
    _warm(_EXTRACTOR)


def _extract_chunk(
    docs: list[Document],
) -> tuple[list[list[dict[str, Any]] | str], float, float]:
    """Events of each document as JSON (or the failure reason), wall and CPU seconds spent."""
    assert _EXTRACTOR is not None
    t0, c0 = time.perf_counter(), time.process_time()
    out: list[list[dict[str, Any]] | str] = []
    for doc in docs:
        try:
            out.append([ev.to_json() for ev in _EXTRACTOR.extract(doc)])
        except RasdError as exc:
            out.append(str(exc))
    return out, time.perf_counter() - t0, time.process_time() - c0


def _chunks(items: Iterator[Document | Failure], stats: dict[str, int]) -> Iterator[list[Document]]:
    """Documents in chunks of CHUNK; clean failures are counted on the way."""
    def documents() -> Iterator[Document]:
        for item in items:
            if isinstance(item, Failure):
                stats["clean_failed"] += 1
                continue
            yield item

    return chunked(documents(), CHUNK)


# -- runs ---------------------------------------------------------------------
def run_single(corpus: Path, limit: int | None, events_out: io.TextIOBase | None,
               profile: cProfile.Profile | None) -> dict[str, Any]:
    extractor = Extractor()
    load_s = _warm(extractor)
    docs = events = extract_failed = clean_failed = 0
    extract_s = extract_cpu = 0.0
    t0, c0 = time.perf_counter(), time.process_time()
    if profile is not None:
        profile.enable()
    for item in _items(corpus, limit):
        if isinstance(item, Failure):
            clean_failed += 1
            continue
        docs += 1
        t1, c1 = time.perf_counter(), time.process_time()
        try:
            found = extractor.extract(item)
        except RasdError:
            extract_failed += 1
            continue
        finally:
            extract_s += time.perf_counter() - t1
            extract_cpu += time.process_time() - c1
        events += len(found)
        if events_out is not None:
            for ev in found:
                events_out.write(json.dumps(ev.to_json(), ensure_ascii=False) + "\n")
    if profile is not None:
        profile.disable()
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"jobs": 1, "docs": docs, "events": events, "clean_failed": clean_failed,
            "extract_failed": extract_failed, "load_s": load_s, "extract_s": extract_s,
            "extract_cpu": extract_cpu, "wall_s": wall, "cpu_s": cpu}


def run_pool(corpus: Path, limit: int | None, jobs: int,
             events_out: io.TextIOBase | None) -> dict[str, Any]:
    stats = {"clean_failed": 0}
    docs = events = extract_failed = 0
    extract_s = extract_cpu = 0.0
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker) as pool:
        # The first task forks every worker: done now, before the parent holds the
        # corpus, so a worker's RSS is its own and not the parent's pages.
        pool.submit(os.getpid).result()
        t0, c0 = time.perf_counter(), time.process_time()
        # ``map`` submits every chunk up front, so the parent ingests and cleans
        # the whole batch (which two-pass cleaning holds in memory anyway) while
        # the workers extract from the first chunks.
        for chunk_out, secs, cpu in pool.map(_extract_chunk,
                                             _chunks(_items(corpus, limit), stats)):
            extract_s += secs
            extract_cpu += cpu
            for found in chunk_out:
                docs += 1
                if isinstance(found, str):
                    extract_failed += 1
                    continue
                events += len(found)
                if events_out is not None:
                    for ev in found:
                        events_out.write(json.dumps(ev, ensure_ascii=False) + "\n")
        wall = time.perf_counter() - t0
        parent_cpu = time.process_time() - c0
    return {"jobs": jobs, "docs": docs, "events": events, "clean_failed": stats["clean_failed"],
            "extract_failed": extract_failed, "load_s": None, "extract_s": extract_s,
            "extract_cpu": extract_cpu, "wall_s": wall, "cpu_s": parent_cpu + extract_cpu}


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=None, help="first N records only")
    ap.add_argument("--jobs", type=int, default=1, help="extraction processes (default 1)")
    ap.add_argument("--profile", action="store_true", help="cProfile (single process)")
    ap.add_argument("--events", type=Path, default=None, help="write events as JSON lines")
    ap.add_argument("--profile-out", type=Path, default=None,
                    help="also save the cProfile statistics (for pstats, snakeviz)")
    args = ap.parse_args(argv)
    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    if args.profile and args.jobs != 1:
        print("--profile runs in one process: drop --jobs", file=sys.stderr)
        return 2

    load_before = _load()
    out = args.events.open("w", encoding="utf-8") if args.events else None
    profile = cProfile.Profile() if args.profile else None
    try:
        if args.jobs > 1:
            res = run_pool(args.corpus, args.limit, args.jobs, out)
        else:
            res = run_single(args.corpus, args.limit, out, profile)
    finally:
        if out is not None:
            out.close()

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    docs = res["docs"]
    print(f"corpus          {args.corpus.name}  (limit {args.limit or 'none'})")
    print(f"jobs            {res['jobs']}")
    print(f"load average    {load_before} (start)  {_load()} (end)")
    if res["load_s"] is not None:
        print(f"resource load   {res['load_s']:.2f} s (once per process, not in the rates)")
    print(f"documents       {docs}  (extracted; ingest/clean failures {res['clean_failed']}, "
          f"extract failures {res['extract_failed']})")
    print(f"events          {res['events']}")
    print(f"extraction      {res['extract_s']:.1f} s  "
          f"{docs / max(res['extract_s'], 1e-9):.1f} articles/s"
          + ("  (per worker: time summed over workers)" if res["jobs"] > 1 else ""))
    # CPU time is what a loaded machine does not distort: the rate one free core gives.
    print(f"extraction CPU  {res['extract_cpu']:.1f} s  "
          f"{docs / max(res['extract_cpu'], 1e-9):.1f} articles per CPU-second")
    print(f"end to end      {res['wall_s']:.1f} s  "
          f"{docs / max(res['wall_s'], 1e-9):.1f} articles/s  (ingest + clean + extract)")
    print(f"end to end CPU  {res['cpu_s']:.1f} s  "
          f"{docs / max(res['cpu_s'], 1e-9):.1f} articles per CPU-second"
          + ("  (parent + workers' extraction)" if res["jobs"] > 1 else ""))
    print(f"peak RSS        {own:.0f} MB (this process)"
          + (f", {kids:.0f} MB (largest worker)" if res["jobs"] > 1 else ""))

    if profile is not None:
        if args.profile_out is not None:
            profile.dump_stats(args.profile_out)
        for key in ("cumulative", "tottime"):
            buf = io.StringIO()
            pstats.Stats(profile, stream=buf).strip_dirs().sort_stats(key).print_stats(30)
            print(f"\n--- top 30 by {key} ---")
            print(buf.getvalue().split("\n", 6)[-1].rstrip())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
