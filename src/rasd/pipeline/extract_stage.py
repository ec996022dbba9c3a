"""The pipeline's ``extract`` stage: events for every cleaned, not yet extracted document."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rasd.extract.engine import Extractor
from rasd.extract.pool import extract_pairs
from rasd.store.events import mark_for_reextraction, replace_events, unextracted_ids

if TYPE_CHECKING:
    from rasd.pipeline.orchestrator import Pipeline, RunStats

BATCH = 100


def extract_pending(pipeline: Pipeline, stats: RunStats, *,
                    extractor: Extractor | None = None) -> None:
    """Extract every cleaned document not yet extracted, in ``pipeline.jobs`` worker
    processes when more than one; the store is written here, in document order,
    so a run killed half-way leaves whole documents extracted and the rest pending."""
    store = pipeline.store
    jobs = pipeline.jobs if extractor is None else 1
    ruleset = (extractor or Extractor()).ruleset
    pending = 0
    docs = store.iter_documents(ids=unextracted_ids(store))
    for doc, outcome in extract_pairs(docs, jobs=jobs, extractor=extractor):
        # Another process may have extracted it since the pending list was read:
        # its events stand (see replace_events) and this run counts nothing.
        if not replace_events(store, doc, list(outcome.events), commit=False,
                              ruleset=None if outcome.failure is not None else ruleset,
                              only_pending=True):
            continue
        if outcome.failure is not None:
            stats.failed += 1
            stats.failures.append(outcome.failure)
            store.add_failure(outcome.failure, run_id=pipeline.run_id, commit=False)
        else:
            stats.extracted += 1
            stats.events += len(outcome.events)
        pending += 1
        if pending >= BATCH:
            store.commit()
            pending = 0
    store.commit()


def reextract(pipeline: Pipeline, *, everything: bool = False,
              extractor: Extractor | None = None) -> tuple[int, RunStats]:
    """Extract again the stored documents the current rules did not extract (all of
    them with ``everything``), then merge: a database follows the rules without
    re-ingesting. An event the new rules make alike keeps its id (ids are made from
    the event's fields), so links to it hold. Returns (documents marked, run stats)."""
    ruleset = (extractor or Extractor()).ruleset
    marked = mark_for_reextraction(pipeline.store, ruleset, everything=everything)
    if extractor is not None:
        stats = _process_with(pipeline, extractor)
    else:
        stats = pipeline.process([], command="reextract")
    return marked, stats


def _process_with(pipeline: Pipeline, extractor: Extractor) -> RunStats:
    """``pipeline.process`` with a given extractor (tests, custom rule files)."""
    from rasd.pipeline.orchestrator import RunStats

    stats = RunStats()
    pipeline.run_id = pipeline.store.start_run("reextract")
    extract_pending(pipeline, stats, extractor=extractor)
    pipeline.merge_pending(stats)
    pipeline.store.finish_run(pipeline.run_id, stats.counts())
    return stats
