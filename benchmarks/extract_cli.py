"""Throughput of the ``rasd extract`` command itself over the SaudiNewsNet corpus.

    .venv/bin/python benchmarks/extract_cli.py [--corpus PATH] [--jobs N ...] [--out DIR]

Runs ``rasd extract CORPUS --jobs N`` as a subprocess for each N given (default
1 and 2), events to a file, and prints for each: records in the corpus,
documents extracted, failed, empty and exact duplicates skipped (from the
command's own summary line), events,
wall-clock seconds, articles per second (documents extracted / wall clock,
resource loading and process start included) and the peak RSS of the largest
process (``ru_maxrss`` over the command and its workers). The load average
before and after is printed too: the machine is shared.

``benchmarks/extract_corpus.py`` breaks the same work down (extraction alone,
CPU time, a profile); this script measures what a user runs.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

from heldout import drop_held_out_events

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / (
    "saudinewsnet-2015.jsonl.gz"
)
RASD = Path(sys.executable).with_name("rasd")
SUMMARY = re.compile(r"^events: (\d+), failed: (\d+), empty: (\d+), duplicates: (\d+)$")


def _records(corpus: Path) -> int:
    opener = gzip.open if corpus.suffix == ".gz" else open
    with opener(corpus, "rb") as fh:
        return sum(1 for line in fh if line.strip())


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def run(corpus: Path, jobs: int, out: Path, records: int) -> None:
    events_path = out / f"events-jobs{jobs}.jsonl"
    load0 = _load()
    t0 = time.perf_counter()
    with events_path.open("wb") as fh:
        proc = subprocess.run([str(RASD), "extract", str(corpus), "--jobs", str(jobs)],
                              stdout=fh, stderr=subprocess.PIPE, check=True)
    wall = time.perf_counter() - t0
    # Nobody may read the held-out gold set's events, so they leave the saved output.
    drop_held_out_events(events_path)
    # ru_maxrss of the children is the largest of every process waited for: the
    # command and, through it, its workers (KiB on Linux).
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    last = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1]
    m = SUMMARY.match(last)
    if m is None:
        raise SystemExit(f"unexpected summary line from rasd extract: {last!r}")
    events, failed, empty, dups = (int(g) for g in m.groups())
    docs = records - failed - empty - dups
    print(f"jobs {jobs}: records {records}, documents {docs}, failed {failed}, empty {empty}, "
          f"exact duplicates {dups}, events {events}, "
          f"wall {wall:.1f} s, {docs / wall:.1f} articles/s, peak RSS so far {peak_mb:.0f} MB, "
          f"load {load0} -> {_load()}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--out", type=Path, default=Path("/tmp/rasd-extract-bench"))
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    records = _records(args.corpus)
    # Largest first would hide the smaller runs' peaks in ru_maxrss (a maximum).
    for jobs in sorted(args.jobs):
        run(args.corpus, jobs, args.out, records)
    return 0


if __name__ == "__main__":
    sys.exit(main())
