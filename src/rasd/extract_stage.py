"""The pipeline's ``extract`` stage: events for every cleaned, not yet extracted document."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rasd.extract import Extractor
from rasd.extract_pool import extract_one
from rasd.store.events import replace_events, unextracted_ids

if TYPE_CHECKING:
    from rasd.pipeline import Pipeline, RunStats

BATCH = 100


def extract_pending(pipeline: Pipeline, stats: RunStats, *,
                    extractor: Extractor | None = None) -> None:
    store = pipeline.store
    extractor = extractor or Extractor()
    pending = 0
    ids = unextracted_ids(store)
    for doc in store.iter_documents(ids=ids):
        outcome = extract_one(extractor, doc) if doc.clean_text else None
        events = list(outcome.events) if outcome is not None else []
        if outcome is not None and outcome.failure is not None:
            stats.failed += 1
            stats.failures.append(outcome.failure)
            store.add_failure(outcome.failure, run_id=pipeline.run_id, commit=False)
        else:
            stats.extracted += 1
            stats.events += len(events)
        replace_events(store, doc, events, commit=False)
        pending += 1
        if pending >= BATCH:
            store.commit()
            pending = 0
    store.commit()
