"""Clean the whole SaudiNewsNet corpus: throughput, memory, and what was removed why.

Two passes over the gzip JSON Lines file, as the pipeline does them: first the
per-source line statistics (``line_keys`` of every document), then
``clean_document`` of every document with its source's ``LineStats``.

    .venv/bin/python benchmarks/clean_corpus.py [--corpus PATH] [--limit N] [--samples FILE]

Prints documents, failures (CleanError), documents per second for each pass,
peak RSS, and removed lines by reason; ``--samples`` writes the most frequent
lines removed by statistics and by rules, per source, for a human to check.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rasd.clean.cleaner import LineStats, clean_document_detailed, line_keys
from rasd.errors import CleanError
from rasd.models import Document, content_id

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / (
    "saudinewsnet-2015.jsonl.gz"
)


def records(path: Path, limit: int | None) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if limit is not None and i >= limit:
                return
            yield json.loads(line)


def to_document(rec: dict[str, Any]) -> Document:
    text = rec.get("text") or ""
    return Document(
        id=content_id(text), name=str(rec.get("id")), source=rec.get("source"),
        url=rec.get("url"), title=rec.get("title"), published=None, raw=text,
        raw_format="text", text=text, origin="saudinewsnet",
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--samples", type=Path, default=None)
    args = ap.parse_args(argv)
    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2

    t0 = time.perf_counter()
    docs_of: Counter[str] = Counter()
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for rec in records(args.corpus, args.limit):
        src = rec.get("source") or ""
        docs_of[src] += 1
        counts[src].update(line_keys(rec.get("text") or ""))
    # What Store.line_stats hands back: keys in at least two documents.
    stats = {
        src: LineStats(docs_of[src], {k: n for k, n in c.items() if n >= 2})
        for src, c in counts.items()
    }
    del counts
    t1 = time.perf_counter()

    n = failures = sentences = 0
    removed: Counter[str] = Counter()
    lines_of: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    fail_reasons: Counter[str] = Counter()
    for rec in records(args.corpus, args.limit):
        n += 1
        doc = to_document(rec)
        try:
            out, cleaned = clean_document_detailed(doc, stats=stats[doc.source or ""])
        except CleanError as exc:
            failures += 1
            fail_reasons[str(exc).split(":")[0]] += 1
            continue
        sentences += len(out.sentences)
        for r in cleaned.removed:
            removed[r.reason] += 1
            lines_of[r.reason][(doc.source or "", r.line)] += 1
    t2 = time.perf_counter()

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus        {args.corpus.name}")
    print(f"documents     {n}  ({len(docs_of)} sources)")
    print(f"failures      {failures}  {dict(fail_reasons)}")
    print(f"sentences     {sentences}")
    print(f"pass 1 stats  {t1 - t0:.1f} s  {n / (t1 - t0):.0f} docs/s")
    print(f"pass 2 clean  {t2 - t1:.1f} s  {n / (t2 - t1):.0f} docs/s")
    print(f"overall       {n / (t2 - t0):.0f} docs/s")
    print(f"peak RSS      {peak_mb:.0f} MB")
    for reason in ("rule", "block", "stats", "duplicate"):
        distinct = len(lines_of[reason])
        print(f"removed {reason:<9} {removed[reason]:>7} lines ({distinct} distinct)")

    if args.samples:
        with args.samples.open("w", encoding="utf-8") as f:
            for reason in ("stats", "rule", "block", "duplicate"):
                f.write(f"### removed by {reason}: most frequent (times, source, line)\n")
                for (src, line), k in lines_of[reason].most_common(150):
                    f.write(f"{k}\t{src}\t{line[:200]}\n")
        print(f"samples       {args.samples}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
