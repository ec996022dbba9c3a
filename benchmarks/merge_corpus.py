"""Near-duplicate detection and event merging over the whole SaudiNewsNet corpus.

Three phases, each in its own process so each one's peak RSS is its own:

    # ingest + clean + extract into a SQLite file (long: the extractor over ~31k articles)
    .venv/bin/python benchmarks/merge_corpus.py prepare --db /tmp/merge/corpus.db [--workers 2]
    # ... or only the corpus's first N articles (it is in publication order: N = 3000
    # is 21-22 July 2015, every report of those days' events)
    .venv/bin/python benchmarks/merge_corpus.py prepare --db /tmp/merge/c3k.db --limit 3000
    # ... or N articles from the corpus's line K on (K = 20260: 6-7 August 2015)
    .venv/bin/python benchmarks/merge_corpus.py prepare --db /tmp/merge/aug.db \
        --offset 20260 --limit 3000
    # ... or the articles of some days, the development sets' articles left out
    .venv/bin/python benchmarks/merge_corpus.py prepare --db /tmp/merge/jul.db \
        --days 2015-07-24..2015-07-26 --exclude tests/gold/real/dev_docs.txt \
        --exclude tests/gold/real/dev2_draw.tsv
    # near-duplicate detection over every document: time, memory, clusters
    .venv/bin/python benchmarks/merge_corpus.py dedup --db /tmp/merge/corpus.db [--sample 20]
    # event merging over every report: time, memory, merge statistics
    .venv/bin/python benchmarks/merge_corpus.py merge --db /tmp/merge/corpus.db [--sample 30]

``dedup`` and ``merge`` first drop what an earlier run of the same phase
wrote, so they can be re-run on the same prepared database (``merge`` uses
the near-copy links ``dedup`` left). ``--sample N`` prints N near-copy pairs
or N merged events (two reports or more), drawn with a fixed seed, with
every report's evidence, for a human to judge.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections import Counter
from collections.abc import Iterator
from itertools import islice
from multiprocessing import Pool
from pathlib import Path
from typing import Any

from heldout import held_out

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / (
    "saudinewsnet-2015.jsonl.gz"
)

_EXTRACTOR: Any = None


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _cpu_s() -> float:
    """CPU seconds of this process: on a shared machine wall time says little."""
    use = resource.getrusage(resource.RUSAGE_SELF)
    return use.ru_utime + use.ru_stime


def _extract(doc: Any) -> tuple[Any, list[Any] | str]:
    global _EXTRACTOR
    from rasd.extract.engine import Extractor

    if _EXTRACTOR is None:
        _EXTRACTOR = Extractor()
    try:
        return doc, _EXTRACTOR.extract(doc) if doc.clean_text else []
    except Exception as exc:  # one article must never stop a corpus run
        return doc, f"{type(exc).__name__}: {exc}"


def _doc_ids(path: Path) -> set[str]:
    """Document ids of a list (one a line) or a TSV whose first column holds them."""
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        first = line.split("\t")[0].strip()
        if first and not first.startswith("#") and first != "doc_id":
            out.add(first)
    return out


def prepare(db: Path, corpus: Path, *, workers: int, limit: int = 0,
            offset: int = 0, days: tuple[str, str] | None = None,
            exclude: frozenset[str] = frozenset()) -> None:
    from rasd.ingest.reader import iter_inputs
    from rasd.pipeline.orchestrator import Pipeline, RunStats
    from rasd.store import open_store
    from rasd.store.events import replace_events, unextracted_ids

    store = open_store(f"sqlite:///{db}")
    pipe = Pipeline(store)
    stats = RunStats()
    t0 = time.perf_counter()
    if not store.count_documents():  # a re-run resumes extraction
        # The held-out gold set's articles stay out: merge samples are read by people.
        skip = held_out() | exclude
        lines = islice(iter_inputs([corpus]), offset, offset + limit if limit else None)
        items = (i for i in lines if getattr(i, "name", None) not in skip
                 and getattr(i, "id", None) not in skip
                 and (days is None
                      or days[0] <= str(getattr(i, "published", ""))[:10] <= days[1]))
        pipe.store_items(items, stats)
    pipe.clean_pending(stats)
    t1 = time.perf_counter()
    print(f"ingest+clean   {stats.stored:,} stored, {stats.cleaned:,} cleaned in {t1 - t0:.0f} s",
          flush=True)
    # In publication order, so that a run stopped early has extracted every article
    # of a span of days (merging needs all the reports of an event), not a sample.
    pending = set(unextracted_ids(store))
    ids = [r[0] for r in store._exec("SELECT id FROM documents ORDER BY published, id")
           if r[0] in pending]
    docs: Iterator[Any] = store.iter_documents(ids=ids)
    events = failed = done = clashes = 0
    with Pool(workers) as pool:
        for doc, found in pool.imap(_extract, docs, chunksize=16):
            if isinstance(found, str):
                failed += 1
                found = []
            # Two events of one article with one id would break the store's
            # primary key; keep the first and count them (reported upstream).
            unique = list({ev.event_id: ev for ev in reversed(found)}.values())[::-1]
            clashes += len(found) - len(unique)
            found = unique
            events += len(found)
            replace_events(store, doc, found, commit=False)
            done += 1
            if done % 500 == 0:
                store.commit()
                print(f"  extracted {done:,}/{len(ids):,} ({events:,} events) "
                      f"{time.perf_counter() - t1:.0f} s", flush=True)
    store.commit()
    t2 = time.perf_counter()
    print(f"extract        {done:,} documents, {events:,} events, {failed} failed, "
          f"{t2 - t1:.0f} s with {workers} workers; {clashes} events with a duplicate id dropped")
    store.close()


def dedup(db: Path, *, sample: int) -> None:
    from rasd.merge.dedup import dedup_pending
    from rasd.store import open_store
    from rasd.store.canonical import reset_duplicates, store_stats

    store = open_store(f"sqlite:///{db}")
    reset_duplicates(store)
    rss0 = _peak_rss_mb()
    t0, c0 = time.perf_counter(), _cpu_s()
    linked = dedup_pending(store)
    t1, c1 = time.perf_counter(), _cpu_s()
    print(f"documents      {store.count_documents():,}")
    print(f"dedup          {t1 - t0:.1f} s wall, {c1 - c0:.1f} s CPU, {linked:,} documents "
          f"linked to an earlier near copy, peak RSS {_peak_rss_mb():.0f} MB "
          f"(after opening: {rss0:.0f} MB)")
    stats = store_stats(store)
    for key in ("documents signed", "near-copy links", "duplicate clusters (2+ docs)",
                "documents in them", "largest cluster"):
        print(f"  {key:28} {stats[key]}")
    rows = store._exec(
        "SELECT l.similarity, a.source, a.published, a.title, b.source, b.published, b.title "
        "FROM duplicate_links l JOIN documents a ON a.id = l.doc_a "
        "JOIN documents b ON b.id = l.doc_b ORDER BY l.doc_a, l.doc_b").fetchall()
    same = sum(1 for r in rows if r[1] == r[4])
    print(f"  links within one outlet       {same} of {len(rows)}")
    bands = Counter(min(int(r[0] * 10), 9) / 10 for r in rows)
    print("  links by similarity          " + ", ".join(
        f">={k:.1f}: {v}" for k, v in sorted(bands.items())))
    for r in random.Random(2015).sample(rows, min(sample, len(rows))):
        print(f"  {r[0]:.2f}  [{r[1]} {r[2]}] {(r[3] or '')[:70]}\n"
              f"        [{r[4]} {r[5]}] {(r[6] or '')[:70]}")
    store.close()


def merge(db: Path, *, sample: int) -> None:
    from rasd.pipeline.merge_stage import merge_reports
    from rasd.store import open_store
    from rasd.store.canonical import reset_canonical, sample_merged, store_stats

    store = open_store(f"sqlite:///{db}")
    reset_canonical(store)
    rss0 = _peak_rss_mb()
    t0, c0 = time.perf_counter(), _cpu_s()
    result = merge_reports(store)
    t1, c1 = time.perf_counter(), _cpu_s()
    print(f"merge          {t1 - t0:.1f} s wall, {c1 - c0:.1f} s CPU, "
          f"{result.reports:,} reports into {result.canonical:,} canonical events, "
          f"peak RSS {_peak_rss_mb():.0f} MB (after opening: {rss0:.0f} MB)")
    for key, value in store_stats(store).items():
        print(f"  {key:28} {value}")
    if sample:
        rng = random.Random(2015)
        for n, (canon, reports) in enumerate(sample_merged(store, rng=rng, n=sample), 1):
            print(f"\n### {n}. {canon.event_id}  {canon.event_type} / {canon.sub_event_type}  "
                  f"{canon.location.name if canon.location else '-'}  "
                  f"{canon.date.start if canon.date else '-'}  "
                  f"fatalities {canon.fatalities.to_json() if canon.fatalities else '-'}")
            for rep, source, published in reports:
                print(f"  - [{source} {published}] {rep.event_id} {rep.sub_event_type}; "
                      f"{rep.actor1.name if rep.actor1 else '-'} / "
                      f"{rep.actor2.name if rep.actor2 else '-'}; "
                      f"{rep.location.name if rep.location else '-'}; "
                      f"{rep.date.start if rep.date else '-'}; "
                      f"{rep.fatalities.best if rep.fatalities else 0} killed")
                for ev in rep.evidence[:2]:
                    print(f"      > {ev.text[:400]}")
    store.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("phase", choices=["prepare", "dedup", "merge"])
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--limit", type=int, default=0,
                    help="prepare: only N articles of the corpus (0: all)")
    ap.add_argument("--offset", type=int, default=0,
                    help="prepare: skip the corpus's first K articles")
    ap.add_argument("--days", metavar="FIRST..LAST",
                    help="prepare: only articles published these days (YYYY-MM-DD, inclusive)")
    ap.add_argument("--exclude", type=Path, action="append", default=[],
                    help="prepare: leave out these documents (a list of ids, or a TSV "
                         "whose first column holds them; repeatable)")
    args = ap.parse_args(argv)
    if args.phase == "prepare":
        if not args.corpus.is_file():
            print(f"corpus not found: {args.corpus}", file=sys.stderr)
            return 2
        days = None
        if args.days:
            first, _, last = args.days.partition("..")
            if not first or not last:
                print("--days: expected FIRST..LAST", file=sys.stderr)
                return 2
            days = (first, last)
        exclude = frozenset(i for path in args.exclude for i in _doc_ids(path))
        prepare(args.db, args.corpus, workers=args.workers, limit=args.limit,
                offset=args.offset, days=days, exclude=exclude)
    elif args.phase == "dedup":
        dedup(args.db, sample=args.sample)
    else:
        merge(args.db, sample=args.sample)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
