"""End-to-end throughput of ``rasd run``: single process vs. Dask, SQLite vs. PostgreSQL.

    .venv/bin/python benchmarks/throughput.py [--corpus PATH] [--limit N]
        [--configs local:sqlite,dask1:sqlite,dask2:sqlite,local:pg,dask1:pg,dask2:pg]
        [--pg-url URL] [--profile N] [--json OUT]

Each configuration runs the whole pipeline (ingest, store, clean, extract,
merge) on the first ``--limit`` articles of the corpus (default: all of
SaudiNewsNet 2015) into a fresh database, in a child process of its own so
that peak memory is that run's alone. For each it prints documents, events,
wall time, articles per second, CPU seconds per article (client and workers
together: the figure that scales, and that holds on a busy machine), and
peak RSS of the client and of the largest Dask worker.

``--profile N`` also runs the single-process pipeline on N articles under
cProfile and prints the functions where the time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import io
import itertools
import json
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / (
    "saudinewsnet-2015.jsonl.gz"
)
DEFAULT_CONFIGS = "local:sqlite,dask1:sqlite,dask2:sqlite,local:pg,dask1:pg,dask2:pg"
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/test"


def _usage() -> tuple[float, float]:
    """(CPU seconds, peak RSS in MB) of this process."""
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024


def child(engine: str, db_url: str, path: Path) -> dict[str, Any]:
    """One configuration, in this (fresh) process."""
    from rasd.store import open_store

    t0 = time.perf_counter()
    workers_cpu = 0.0
    worker_peak = 0.0
    with open_store(db_url) as store:
        if engine == "local":
            from rasd.pipeline.orchestrator import Pipeline

            stats = Pipeline(store).run([path])
        else:
            from rasd.pipeline.dask_runner import dask_client, run_dask

            with dask_client(workers=int(engine.removeprefix("dask"))) as client:
                stats = run_dask(store, [path], client=client)
                usage = client.run(_usage)
            workers_cpu = sum(cpu for cpu, _ in usage.values())
            worker_peak = max(rss for _, rss in usage.values())
        wall = time.perf_counter() - t0
        db_mb = _db_size(store) / 2**20
    cpu, peak = _usage()
    return {"engine": engine, "read": stats.read, "stored": stats.stored,
            "events": stats.events, "merged": stats.merged, "failed": stats.failed,
            "wall_s": round(wall, 1), "articles_per_s": round(stats.read / wall, 2),
            "cpu_s_per_article": round((cpu + workers_cpu) / max(stats.read, 1), 4),
            "client_cpu_s_per_article": round(cpu / max(stats.read, 1), 4),
            "client_peak_mb": round(peak), "worker_peak_mb": round(worker_peak),
            "db_mb": round(db_mb, 1)}


def _db_size(store: Any) -> int:
    """Bytes the database takes: SQLite's file and log, or the schema's tables in PostgreSQL."""
    if store.dialect == "postgresql":
        row = store._exec(
            "SELECT SUM(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n "
            "ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'"
        ).fetchone()
        return int(row[0] or 0)
    store.commit()
    return sum(os.path.getsize(p) for p in (store.path, f"{store.path}-wal")
               if os.path.exists(p))


def _sample(corpus: Path, limit: int | None, folder: Path) -> Path:
    """The first ``limit`` articles as their own gzip JSON Lines file (the corpus itself if all)."""
    if limit is None:
        return corpus
    out = folder / f"first-{limit}.jsonl.gz"
    with gzip.open(corpus, "rb") as src, gzip.open(out, "wb") as dst:
        for line in itertools.islice(src, limit):
            dst.write(line)
    return out


def _database(kind: str, folder: Path, pg_url: str) -> tuple[str, str | None]:
    """A fresh database URL, and the PostgreSQL schema to drop afterwards."""
    if kind == "sqlite":
        return f"sqlite:///{folder / f'{uuid.uuid4().hex[:8]}.db'}", None
    import psycopg

    schema = f"rasd_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    return f"{pg_url}?options=-csearch_path%3D{schema}", schema


def _drop(pg_url: str, schema: str | None) -> None:
    if schema is None:
        return
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


def profile(path: Path, folder: Path, top: int = 25) -> str:
    """cProfile of the single-process pipeline: top functions by own time and by cumulative."""
    from rasd.pipeline.orchestrator import Pipeline
    from rasd.store import open_store

    with open_store(f"sqlite:///{folder / 'profile.db'}") as store:
        prof = cProfile.Profile()
        prof.enable()
        Pipeline(store).run([path])
        prof.disable()
    out = io.StringIO()
    st = pstats.Stats(prof, stream=out).strip_dirs()
    st.sort_stats("tottime").print_stats(top)
    st.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=None, help="First N articles (default: all).")
    ap.add_argument("--configs", default=DEFAULT_CONFIGS)
    ap.add_argument("--pg-url", default=DEFAULT_PG)
    ap.add_argument("--profile", type=int, default=0, metavar="N",
                    help="Also profile the single-process run on N articles.")
    ap.add_argument("--json", type=Path, default=None, help="Write the results here too.")
    ap.add_argument("--child", nargs=3, metavar=("ENGINE", "DB", "PATH"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        engine, db, path = args.child
        print(json.dumps(child(engine, db, Path(path))))
        return 0
    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    results = []
    with tempfile.TemporaryDirectory(prefix="rasd-bench-") as tmp:
        folder = Path(tmp)
        path = _sample(args.corpus, args.limit, folder)
        print(f"input: {path.name} ({args.limit or 'all'} articles), cores: {os.cpu_count()}")
        for config in args.configs.split(","):
            engine, _, kind = config.partition(":")
            db, schema = _database(kind, folder, args.pg_url)
            try:
                proc = subprocess.run([sys.executable, __file__, "--child", engine, db, str(path)],
                                      capture_output=True, text=True, check=False)
            finally:
                _drop(args.pg_url, schema)
            if proc.returncode != 0:
                print(f"{config}: failed\n{proc.stderr[-2000:]}", file=sys.stderr)
                continue
            result = {"config": config, **json.loads(proc.stdout.strip().splitlines()[-1])}
            results.append(result)
            print(f"{config:14} read {result['read']:6}  events {result['events']:5}  "
                  f"wall {result['wall_s']:7.1f}s  {result['articles_per_s']:6.2f} art/s  "
                  f"cpu {result['cpu_s_per_article']:.4f} s/art  "
                  f"client {result['client_peak_mb']} MB  worker {result['worker_peak_mb']} MB",
                  flush=True)
        if args.profile:
            print(profile(_sample(args.corpus, args.profile, folder), folder))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
