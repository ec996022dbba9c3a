"""Soak ``rasd watch`` against the local fault server: memory over time, failures by kind,
and every good page stored exactly once.

A server on 127.0.0.1 (``tests/feed_server.py``) serves ``--feeds`` RSS feeds
whose listings grow as the run goes on (one more article per feed every
``--step`` seconds, up to ``--per-feed``), answering 304 to a repeated
conditional GET. About one article in ten fails as sites do (timeouts,
trickling bodies, 5xx, 429 with Retry-After, redirect loops, oversized and
gzip-bomb bodies, cut connections, binary or empty pages, robots.txt), a few
feeds always fail, a few vanish for a while and return, and robots.txt
changes once. ``rasd watch`` runs as a user would start it, as a separate
process, with short timeouts; its resident memory is sampled from /proc.

    .venv/bin/python benchmarks/soak_watch.py [--minutes 30] [--feeds 200] [--per-feed 3]
        [--interval 30] [--db PATH] [--json OUT]

At the end the watcher is stopped with SIGINT and the store is checked against
the server's request log: each good page listed must be stored once and
fetched once, no document twice.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "faults")]

from fault_routes import ROBOTS, article_page, faults, rss  # noqa: E402

from feed_server import FeedServer, Reply  # noqa: E402
from rasd.store import open_store  # noqa: E402


def feed_kind(f: int) -> str:
    return {0: "dead", 1: "vanishing", 2: "slow"}.get(f % 25, "good")


class Soak:
    def __init__(self, server: FeedServer, *, feeds: int, per_feed: int, step: float) -> None:
        self.server = server
        self.feeds = feeds
        self.per_feed = per_feed
        self.step = step
        self.start = time.monotonic()
        fault_routes = faults(server.base, hang=3.0)
        self.fault_paths = sorted(p for p in fault_routes if p not in
                                  ("/fault/loop-b", "/fault/loop-c"))
        server.routes.update(fault_routes)
        server.routes["/robots.txt"] = self._robots
        self.listed_good: set[str] = set()
        self._lock = threading.Lock()
        for f in range(feeds):
            server.routes[f"/feed/{f}.xml"] = self._feed(f)
            for k in range(per_feed):
                server.routes[f"/a/{f}/{k}"] = self._page(f * per_feed + k)

    def elapsed(self) -> float:
        return time.monotonic() - self.start

    def _robots(self, _h: dict[str, str], _n: int) -> Reply:
        # Half-way through, the site also forbids /fault/never/ (a robots.txt change).
        extra = "Disallow: /fault/never/\n" if self.elapsed() > self.step * self.per_feed else ""
        return Reply(body=(ROBOTS + extra).encode(), headers={"Content-Type": "text/plain"})

    def _page(self, index: int) -> Any:
        body = article_page(1000 + index)
        return lambda _h, _n: Reply(body=body, headers={"Content-Type": "text/html"})

    def listing(self, f: int) -> list[str]:
        count = min(self.per_feed, 1 + int(self.elapsed() // self.step))
        paths = [f"/a/{f}/{k}" for k in range(count)]
        if f % 10 == 5:  # one article in ten (about) is a faulty page
            paths.append(self.fault_paths[(f // 10) % len(self.fault_paths)])
        return paths

    def _feed(self, f: int) -> Any:
        def route(headers: dict[str, str], _n: int) -> Reply:
            kind = feed_kind(f)
            if kind == "dead":
                return Reply(503, b"down")
            if kind == "vanishing" and self.step < self.elapsed() < 3 * self.step:
                return Reply(404, b"gone")
            paths = self.listing(f)
            with self._lock:
                self.listed_good.update(p for p in paths if p.startswith("/a/"))
            body = rss(self.server.base, paths, title=f"feed {f}")
            etag = '"' + hashlib.blake2b(body, digest_size=8).hexdigest() + '"'
            head = {"Content-Type": "application/rss+xml", "ETag": etag}
            if headers.get("if-none-match") == etag:
                return Reply(304, headers=head)
            return Reply(body=body, headers=head, drip=0.02 if kind == "slow" else 0.0,
                         chunk=512)

        return route


def rss_kb(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def failure_kind(origin: str, reason: str, base: str) -> str:
    path = origin.removeprefix(base)
    if path.startswith("/fault/"):
        return path
    if path.startswith("/feed/"):
        return f"feed ({reason.split(':')[0][:40]})"
    return f"other ({reason[:40]})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--minutes", type=float, default=30.0)
    ap.add_argument("--feeds", type=int, default=200)
    ap.add_argument("--per-feed", type=int, default=3)
    ap.add_argument("--interval", type=float, default=30.0, help="watch cycle, seconds")
    ap.add_argument("--sample", type=float, default=15.0, help="memory sample, seconds")
    ap.add_argument("--db", help="SQLite file (default: a temporary one)")
    ap.add_argument("--no-extract", action="store_true", help="store and clean only")
    ap.add_argument("--json", help="write the figures here as JSON")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="rasd-soak-"))
    db = Path(args.db) if args.db else work / "soak.db"
    duration = args.minutes * 60
    # Articles appear over the first two thirds of the run, so the last third
    # shows steady state: feeds unchanged, nothing new, memory should stay put.
    step = duration * 2 / 3 / max(args.per_feed, 1)
    with FeedServer() as server:
        soak = Soak(server, feeds=args.feeds, per_feed=args.per_feed, step=step)
        feeds = work / "feeds.txt"
        feeds.write_text("".join(f"{server.url(f'/feed/{f}.xml')} مصدر{f}\n"
                                 for f in range(args.feeds)), encoding="utf-8")
        cmd = [str(Path(sys.executable).with_name("rasd")), "watch", str(feeds),
               "--db", f"sqlite:///{db}", "--interval", f"{args.interval:g}s",
               "--per-host", "0", "--timeout", "1", "--max-time", "3", "--retries", "1",
               "--max-size", "1"]
        if args.no_extract:
            cmd.append("--no-extract")
        log = (work / "watch.log").open("w")
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT,
                                env={**os.environ, "NO_PROXY": "*"})
        samples: list[tuple[float, int]] = []
        while soak.elapsed() < duration and proc.poll() is None:
            kb = rss_kb(proc.pid)
            if kb is not None:
                samples.append((round(soak.elapsed()), kb))
                print(f"{soak.elapsed():7.0f}s  rss {kb / 1024:7.1f} MB", flush=True)
            time.sleep(args.sample)
        exited = proc.poll()
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=120)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        hits = Counter(h.path for h in server.hits)
        listed = set(soak.listed_good)
        base = server.base

    with open_store(f"sqlite:///{db}") as store:
        stored_urls = [r[0].removeprefix(base) for r in store._exec(
            "SELECT url FROM urls WHERE state = 'stored'").fetchall()]
        docs = store.count_documents()
        urls_per_doc = store._exec(
            "SELECT COUNT(*) FROM (SELECT doc_id FROM urls WHERE state = 'stored' "
            "GROUP BY doc_id HAVING COUNT(*) > 1) AS x").fetchone()[0]
        failures = Counter(failure_kind(f.origin, f.reason, base)
                           for f in store.list_failures(limit=1_000_000))
        runs = len(store.list_runs(limit=1_000_000))
    good_stored = {u for u in stored_urls if u.startswith("/a/")}
    fetched_twice = sorted(p for p in good_stored if hits[p] > 1)
    # From the end of the first cycle on: the start-up (imports, gazetteer) is not drift.
    rss_mb = [kb / 1024 for t, kb in samples if t >= args.interval] or [0.0]
    third = max(1, len(samples) // 3)
    figures = {
        "minutes": round(soak.elapsed() / 60, 1),
        "watcher_exited_early": exited,
        "feeds": args.feeds,
        "cycles": runs,
        "good_pages_listed": len(listed),
        "good_pages_stored": len(good_stored),
        "good_pages_missing": sorted(listed - good_stored)[:20],
        "good_pages_fetched_more_than_once": fetched_twice[:20],
        "documents": docs,
        "documents_for_two_urls": urls_per_doc,
        "requests": sum(hits.values()),
        "failures_by_kind": dict(sorted(failures.items())),
        "rss_mb_first": round(rss_mb[0], 1) if rss_mb else None,
        "rss_mb_max": round(max(rss_mb), 1) if rss_mb else None,
        "rss_mb_last": round(rss_mb[-1], 1) if rss_mb else None,
        "rss_mb_last_third_min_max": [round(min(rss_mb[-third:]), 1),
                                      round(max(rss_mb[-third:]), 1)] if rss_mb else None,
        "samples": samples,
        "log": str(work / "watch.log"),
    }
    shown = {k: v for k, v in figures.items() if k != "samples"}
    print(json.dumps(shown, ensure_ascii=False, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, ensure_ascii=False, indent=1),
                                   encoding="utf-8")
    ok = (len(good_stored) == len(listed) and not fetched_twice and docs == len(good_stored)
          + sum(1 for u in stored_urls if not u.startswith("/a/")))
    print("every good page stored once: " + ("yes" if ok else "NO"))


if __name__ == "__main__":
    main()
