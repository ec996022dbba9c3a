"""The pipeline's ``extract`` stage: events for every cleaned, not yet extracted document."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rasd.extract import Extractor
from rasd.extract_pool import extract_pairs
from rasd.store.events import replace_events, unextracted_ids

if TYPE_CHECKING:
    from rasd.pipeline import Pipeline, RunStats

BATCH = 100


def extract_pending(pipeline: Pipeline, stats: RunStats, *,
                    extractor: Extractor | None = None) -> None:
    """Extract every cleaned document not yet extracted, in ``pipeline.jobs`` worker
    processes when more than one; the store is written here, in document order,
    so a run killed half-way leaves whole documents extracted and the rest pending."""
    store = pipeline.store
    jobs = pipeline.jobs if extractor is None else 1
    pending = 0
    docs = store.iter_documents(ids=unextracted_ids(store))
    for doc, outcome in extract_pairs(docs, jobs=jobs, extractor=extractor):
        if outcome.failure is not None:
            stats.failed += 1
            stats.failures.append(outcome.failure)
            store.add_failure(outcome.failure, run_id=pipeline.run_id, commit=False)
        else:
            stats.extracted += 1
            stats.events += len(outcome.events)
        replace_events(store, doc, list(outcome.events), commit=False)
        pending += 1
        if pending >= BATCH:
            store.commit()
            pending = 0
    store.commit()
