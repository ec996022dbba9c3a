"""Ingest a whole corpus through ``iter_inputs`` and report throughput and memory.

    .venv/bin/python benchmarks/ingest_corpus.py [PATH ...]

Defaults to ../shared/corpora/saudinewsnet-2015.jsonl.gz (30,939 articles since 51
were withdrawn on 2026-12-07).
Prints documents, failures (with the first few reasons), documents per
second and peak RSS. Peak RSS is the high-water mark of the whole process,
interpreter and imports included, so it also shows that the corpus is
streamed rather than loaded.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections import Counter
from pathlib import Path

from rasd.ingest.reader import iter_inputs
from rasd.models import Document, Failure

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared/corpora/saudinewsnet-2015.jsonl.gz"


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[DEFAULT])
    args = parser.parse_args(argv)
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        print(f"not found: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2

    rss_before = _peak_rss_mb()
    docs = failures = empty = chars = dated = 0
    reasons: Counter[str] = Counter()
    start = time.perf_counter()
    for item in iter_inputs(args.paths):
        if isinstance(item, Failure):
            failures += 1
            reasons[item.reason] += 1
        elif isinstance(item, Document):
            docs += 1
            chars += len(item.text)
            empty += not item.text
            dated += item.published is not None
    elapsed = time.perf_counter() - start

    print(f"inputs         {', '.join(map(str, args.paths))}")
    print(f"documents      {docs:,}  (dated {dated:,}, empty text {empty:,})")
    print(f"failures       {failures:,}")
    for reason, n in reasons.most_common(5):
        print(f"  {n:>6,}  {reason}")
    print(f"text chars     {chars:,}")
    print(f"elapsed        {elapsed:.2f} s")
    print(f"docs/s         {docs / elapsed:,.0f}" if elapsed else "docs/s         -")
    print(f"peak RSS       {_peak_rss_mb():.1f} MB (after imports: {rss_before:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
