"""Concurrent load on ``rasd serve``: eleven request mixes, 8 clients, 100,000 canonical events.

    .venv/bin/python benchmarks/web_load.py [--events 100000] [--backend sqlite|postgres|both]
        [--workers 2] [--clients 8] [--requests 8] [--reuse] [--cost]

Generates report events as ``benchmarks/web_bench.py`` does (through
``rasd.store.events.replace_events``, Arabic evidence sentences, Syrian and
Iraqi places, ten years of dates) into SQLite, makes one canonical event of
each (the page shows canonical events by default) and marks one in ten
background; for PostgreSQL (127.0.0.1:5432, database ``test``) it copies those
tables into a schema of its own (``rasd_web_load``, replaced on each run).
Then it starts ``rasd serve --workers N`` on each database as a separate
process and, for each of eleven fixed mixes of filters (the issue's ten: none;
country; event type; a date range; an actor name; an evidence word; a map box;
sorted by deaths; offset 5,000; all combined; and a town-sized map box) and
each of /api/events, /api/stats and /api/points, runs ``--clients`` concurrent clients (threads
with their own httpx connection) that each send ``--requests`` requests after
a warm-up; it prints p50 / p95 per mix and endpoint as Markdown. Each backend
runs with the server's response cache off (every request computed) and on
(``--cache-seconds``: repeated questions answered from the cache).

The clients run on the same machine as the server: on the 2-core VM they
take CPU from it, so the figures are pessimistic for a server with its
cores to itself.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
from web_bench import _free_port, _pct, generate

from rasd.store import open_store

ROOT = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("RASD_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
PG_SCHEMA = os.environ.get("RASD_WEB_LOAD_SCHEMA", "rasd_web_load")  # one per concurrent user
Params = dict[str, str | int]
MIXES: list[tuple[str, Params]] = [
    ("no filter", {}),
    ("country", {"country": "SY"}),
    ("event type", {"event_type": "Battles"}),
    ("date range", {"from": "2019-01-01", "to": "2019-06-30"}),
    ("actor name", {"actor": "داعش"}),
    ("evidence word", {"q": "غارة جوية"}),
    ("map box", {"bbox": "36,35,37.5,36.5"}),
    # Not one of the ten: a town-sized box (about 0.1 % of the events), which
    # the spatial index (m015) answers; the box above holds a fifth of them.
    ("small map box", {"bbox": "36.6,35.9,36.65,35.95"}),
    ("sorted by deaths", {"sort": "-fatalities"}),
    ("offset 5,000", {"offset": 5000}),
    ("all combined", {"country": "SY", "event_type": "Battles", "from": "2016-01-01",
                      "to": "2022-12-31", "actor": "قوات النظام السوري", "q": "اشتباكات",
                      "bbox": "35,32,42,38", "sort": "-fatalities", "offset": 50}),
]
ENDPOINTS: list[tuple[str, Params]] = [
    ("/api/events", {"limit": 50}),
    ("/api/stats", {"interval": "week"}),
    ("/api/points", {"limit": 10000}),
]
_CANONICAL = (
    "INSERT INTO canonical_events (id, status, event_type, sub_event_type, actor1, actor2, "
    "location, admin1, admin2, country, lat, lon, geo_precision, date_start, date_end, "
    "time_precision, fatalities, fatalities_low, fatalities_high, reports, sources, record, "
    "updated) SELECT 'c' || id, status, event_type, sub_event_type, actor1, actor2, location, "
    "admin1, admin2, country, lat, lon, geo_precision, date_start, date_end, time_precision, "
    "fatalities, fatalities, fatalities, 1, 1, record, '2026-12-07' FROM events")


def build_sqlite(path: Path, n_events: int) -> None:
    url = f"sqlite:///{path}"
    t0 = time.perf_counter()
    generate(url, n_events)
    with sqlite3.connect(path) as db:
        # One in ten events is history an article recalls, as in real news.
        db.execute("UPDATE events SET status = 'background', record = REPLACE(record, "
                   "'\"status\": \"current\"', '\"status\": \"background\"') "
                   "WHERE id LIKE '%3'")
        db.execute(_CANONICAL)
        db.execute("UPDATE events SET canonical_id = 'c' || id")
        db.execute("ANALYZE")
    print(f"SQLite: {n_events} events in {time.perf_counter() - t0:.0f} s, "
          f"{path.stat().st_size / 2**20:.0f} MiB", file=sys.stderr)


def build_postgres(sqlite_path: Path) -> str:
    """Copy the SQLite benchmark database's event tables into a PostgreSQL schema."""
    import psycopg

    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {PG_SCHEMA} CASCADE")
        conn.execute(f"CREATE SCHEMA {PG_SCHEMA}")
    url = f"{PG_URL}?options=-csearch_path%3D{PG_SCHEMA}"
    open_store(url).close()  # rasd's own schema, migrations and indexes
    t0 = time.perf_counter()
    src = sqlite3.connect(sqlite_path)
    with psycopg.connect(url) as conn:
        for table in ("documents", "events", "evidence", "canonical_events"):
            # The columns both have (SQLite's evidence has an id, PostgreSQL's a
            # generated tsvector); PostgreSQL's triggers keep its counts on COPY.
            theirs = {r[0] for r in conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
                "AND table_schema = current_schema() AND is_generated = 'NEVER'", (table,))}
            cols = [r[1] for r in src.execute(f"PRAGMA table_info({table})") if r[1] in theirs]
            with conn.cursor().copy(
                    f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                for row in src.execute(f"SELECT {', '.join(cols)} FROM {table}"):
                    copy.write_row(row)
        conn.commit()
        # What autovacuum would do on a live database: the visibility map lets the
        # covering indexes answer without reading rows.
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE")
    src.close()
    print(f"PostgreSQL: copied in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return url


def _pg_built() -> bool:
    """Whether an earlier run left its copy in PostgreSQL (``--reuse`` then keeps it)."""
    import psycopg

    with psycopg.connect(PG_URL) as conn:
        row = conn.execute("SELECT 1 FROM information_schema.tables WHERE table_schema = %s "
                           "AND table_name = 'canonical_events'", (PG_SCHEMA,)).fetchone()
    return row is not None


def serve(url: str, workers: int, cache: float) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    rasd = Path(sys.executable).parent / "rasd"
    proc = subprocess.Popen([str(rasd), "serve", "--db", url, "--port", str(port),
                             "--workers", str(workers)],
                            env={**os.environ, "RASD_CACHE_SECONDS": str(cache)})
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300  # a loaded machine starts workers slowly
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/config", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("rasd serve did not start")


def load(base: str, path: str, params: Params, clients: int, requests: int) -> list[float]:
    """Latencies (ms) of ``clients`` concurrent clients sending ``requests`` each."""
    times: list[float] = []
    lock = threading.Lock()
    start = threading.Barrier(clients)

    def client() -> None:
        with httpx.Client(base_url=base, timeout=120) as c:
            c.get(path, params=params).raise_for_status()  # warm-up, connection open
            start.wait()
            mine = []
            for _ in range(requests):
                t0 = time.perf_counter()
                c.get(path, params=params).raise_for_status()
                mine.append((time.perf_counter() - t0) * 1000)
        with lock:
            times.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times


class LoadWatch:
    """The 1-minute load average, sampled every 5 s while a run lasts (the machine is
    shared: the figures mean little without it)."""

    def __init__(self) -> None:
        self.samples: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.is_set():
            self.samples.append(os.getloadavg()[0])
            self._stop.wait(5)

    def stop(self) -> str:
        self._stop.set()
        self._thread.join()
        s = self.samples
        return f"load average {min(s):.1f} to {max(s):.1f}, mean {sum(s) / len(s):.1f}"


def _cpu(pid: int) -> float:
    """CPU seconds a process has used (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _workers(pid: int) -> list[int]:
    """The processes ``pid`` started (uvicorn's workers under ``rasd serve --workers N``)."""
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if stat.read_text().rsplit(")", 1)[1].split()[1] == str(pid):
                kids.append(int(stat.parent.name))
        except (OSError, IndexError):
            continue
    return kids


def run(label: str, url: str, args: argparse.Namespace, cache: float,
        loads: list[str]) -> list[str]:
    """The table rows of one server (backend and cache setting); its load to ``loads``.

    The last columns are the busiest worker's share of the workers' CPU time in each
    cell (events / stats / points): each client keeps one connection, and the worker
    it was handed to serves it, so 50 % is an even split and 100 % one worker doing
    all of the work; and the workers' CPU ms per request (for PostgreSQL without the
    database server's)."""
    proc, base = serve(url, args.workers, cache)
    label = f"{label}, {'cache ' + format(cache, 'g') + ' s' if cache else 'no cache'}"
    rows = []
    watch = LoadWatch()
    try:
        for mix, params in MIXES:
            cells, shares, cpu = [], [], []
            for path, extra in ENDPOINTS:
                p = {"level": "canonical", **extra, **params}
                workers = _workers(proc.pid) if args.workers > 1 else [proc.pid]
                before = [_cpu(w) for w in workers]
                times = load(base, path, p, args.clients, args.requests)
                used = [_cpu(w) - b for w, b in zip(workers, before, strict=True)]
                shares.append(f"{100 * max(used) / sum(used):.0f}" if sum(used) else "-")
                # The workers' CPU per request (warm-ups included): what the load cost
                # the server's processes, whatever else the machine ran.
                cpu.append(f"{1000 * sum(used) / (args.clients * (args.requests + 1)):.0f}")
                cells.append(f"{_pct(times, 0.5):.0f} / {_pct(times, 0.95):.0f}")
                size = len(httpx.get(base + path, params=p, timeout=120).content)
                cells[-1] += f" ({size / 1024:.0f} KiB)"
            rows.append(f"| {label} | {mix} | " + " | ".join(cells) + " | "
                        + " / ".join(shares) + " % | " + " / ".join(cpu) + " |")
            print(rows[-1], file=sys.stderr)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        loads.append(f"- {label}: {watch.stop()}")
        print(loads[-1], file=sys.stderr)
    return rows


# The application name of ``--cost``'s connections, so that the database server's CPU
# time is read from their backends alone (other sessions' queries left out).
COST_APP = f"rasd_web_load_cost_{os.getpid()}"


def _postgres_cpu() -> dict[int, float]:
    """CPU seconds used so far by the PostgreSQL backends serving this process's
    connections (named ``COST_APP``; from /proc): the database server's share of a
    request. Its clock ticks are 10 ms, so it is read over several requests."""
    import psycopg

    with psycopg.connect(PG_URL, autocommit=True) as conn:
        pids = [r[0] for r in conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE application_name = %s", (COST_APP,))]
    used = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # gone since listed
            continue
        used[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return used


def _server_ms(before: dict[int, float], runs: int) -> float:
    """PostgreSQL's CPU ms per request since ``before``, over the processes that lived
    throughout (one that ended took its time with it; the app's connections are open
    since the warm-up)."""
    after = _postgres_cpu()
    return sum(after[p] - t for p, t in before.items() if p in after) * 1000 / runs


def cost(url: str, label: str, runs: int = 5) -> list[str]:
    """CPU time per request in this process (server code and, for SQLite, the database
    engine), one request at a time, response cache off: what a request costs whatever
    else the machine runs. For PostgreSQL the database server's CPU time is added as
    "+ N": the mean over the runs of the backends of this process's connections that
    lived through them (:func:`_server_ms`; other sessions' queries are not in it)."""
    os.environ["RASD_CACHE_SECONDS"] = "0"
    from fastapi.testclient import TestClient

    from rasd.web.app import create_app

    rows = []
    with TestClient(create_app(url), base_url="http://localhost") as client:
        for mix, params in MIXES:
            cells = []
            for path, extra in ENDPOINTS:
                p = {"level": "canonical", **extra, **params}
                client.get(path, params=p).raise_for_status()  # warm-up
                times = []
                server = _postgres_cpu() if label == "PostgreSQL" else {}
                for _ in range(runs):
                    t0 = time.process_time()
                    client.get(path, params=p).raise_for_status()
                    times.append((time.process_time() - t0) * 1000)
                cells.append(f"{_pct(times, 0.5):.0f}")
                if label == "PostgreSQL":
                    cells[-1] += f" + {_server_ms(server, runs):.0f}"
            rows.append(f"| {label} | {mix} | " + " | ".join(cells) + " |")
            print(rows[-1], file=sys.stderr)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=ROOT / "test-output" / "web_load.db")
    ap.add_argument("--reuse", action="store_true",
                    help="Keep the databases built before (each is built when missing); "
                         "rasd's migrations bring them to the current schema when served.")
    ap.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--requests", type=int, default=8, help="Requests per client and case.")
    ap.add_argument("--cache-seconds", default="0,60",
                    help="Server response cache lifetimes to run with (RASD_CACHE_SECONDS); "
                         "0: every request is computed.")
    ap.add_argument("--cost", action="store_true",
                    help="Instead of the load: CPU ms per request in this process (median "
                         "of 5, one at a time, cache off) on the databases built before.")
    ap.add_argument("--mixes", default="",
                    help="Only these mixes, by name, comma-separated (e.g. 'map box,evidence "
                         "word'): a short run of the costly ones.")
    args = ap.parse_args()
    if args.mixes:
        names = [m.strip() for m in args.mixes.split(",")]
        unknown = sorted(set(names) - {mix for mix, _ in MIXES})
        if unknown:
            raise SystemExit(f"unknown mixes: {', '.join(unknown)}")
        MIXES[:] = [(mix, params) for mix, params in MIXES if mix in names]
    args.db.parent.mkdir(parents=True, exist_ok=True)
    if args.cost:
        rows = ["| backend | mix | /api/events CPU ms | /api/stats CPU ms | "
                "/api/points CPU ms |", "|---|---|---:|---:|---:|"]
        if args.backend in ("sqlite", "both"):
            rows += cost(f"sqlite:///{args.db}", "SQLite")
        if args.backend in ("postgres", "both"):
            rows += cost(f"{PG_URL}?options=-csearch_path%3D{PG_SCHEMA}"
                         f"&application_name={COST_APP}", "PostgreSQL")
        print("\n".join(rows))
        return
    if not (args.reuse and args.db.exists()):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
        build_sqlite(args.db, args.events)
    rows = ["| backend | mix | /api/events p50 / p95 ms | /api/stats p50 / p95 ms | "
            "/api/points p50 / p95 ms | busiest worker's CPU share | workers' CPU ms "
            "per request |", "|---|---|---:|---:|---:|---:|---:|"]
    caches = [float(c) for c in args.cache_seconds.split(",")]
    loads: list[str] = []
    if args.backend in ("sqlite", "both"):
        for cache in caches:
            rows += run("SQLite", f"sqlite:///{args.db}", args, cache, loads)
    if args.backend in ("postgres", "both"):
        pg = f"{PG_URL}?options=-csearch_path%3D{PG_SCHEMA}"
        if not (args.reuse and _pg_built()):
            pg = build_postgres(args.db)
        for cache in caches:
            rows += run("PostgreSQL", pg, args, cache, loads)
    print("\n".join([*rows, "", *loads]))


if __name__ == "__main__":
    main()
