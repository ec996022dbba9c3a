"""The pipeline's ``extract`` stage: events for every cleaned, not yet extracted document."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rasd.errors import RasdError
from rasd.extract import Extractor
from rasd.models import Failure
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
        try:
            events = extractor.extract(doc) if doc.clean_text else []
        except Exception as exc:  # one article must never stop a corpus run
            reason = str(exc) if isinstance(exc, RasdError) else \
                f"internal error: {type(exc).__name__}: {exc}"
            failure = Failure(origin=doc.origin, stage="extract", reason=reason)
            stats.failed += 1
            stats.failures.append(failure)
            store.add_failure(failure, run_id=pipeline.run_id, commit=False)
            events = []
        else:
            stats.extracted += 1
            stats.events += len(events)
        replace_events(store, doc, events, commit=False)
        pending += 1
        if pending >= BATCH:
            store.commit()
            pending = 0
    store.commit()
