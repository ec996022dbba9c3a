"""The orchestrator: chains the stages and names the one that failed.

Stages, in order: ``ingest`` (read inputs into Documents), ``store`` (keep
raw documents, count duplicates), ``clean`` (chrome, normalisation,
sentences), ``extract`` (events), ``merge`` (canonical events). Each stage
that exists is run; per-document problems become :class:`Failure` records
with the stage's name, and a stage that fails as a whole raises
:class:`StageError` naming it.

The work is arranged so that a run killed at any point leaves a consistent
store that a re-run completes: documents are committed in batches and
inserted idempotently (content-hash ids), and the later stages pick up every
document that has not been through them yet, not just this run's.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rasd.errors import RasdError, StageError
from rasd.models import Document, Failure
from rasd.store import Store

BATCH = 200

Stage = Callable[["Pipeline", "RunStats"], None]


@dataclass
class RunStats:
    """What a run did; printed as the run summary and stored with the run."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    failed: int = 0
    cleaned: int = 0
    # Documents with no text at all (a record carrying only its URL and date):
    # stored, with nothing to extract; not failures, but worth a count.
    empty: int = 0
    extracted: int = 0
    events: int = 0
    merged: int = 0
    failures: list[Failure] = field(default_factory=list)

    def count_cleaned(self, doc: Document) -> None:
        if doc.clean_text:
            self.cleaned += 1
        else:
            self.empty += 1

    def counts(self) -> dict[str, int]:
        out = asdict(self)
        out.pop("failures")
        return out

    def summary(self) -> str:
        line = (
            f"documents read: {self.read}, stored: {self.stored}, duplicates: {self.duplicates}, "
            f"failed: {self.failed}"
        )
        if self.cleaned:
            line += f", cleaned: {self.cleaned}"
        if self.empty:
            line += f", empty (no text): {self.empty}"
        if self.extracted:
            line += f", extracted: {self.extracted} (events: {self.events})"
        if self.merged:
            line += f", merged events: {self.merged}"
        return line


@contextlib.contextmanager
def stage(name: str) -> Iterator[None]:
    """Turn an unexpected exception inside a stage into a StageError that names it."""
    try:
        yield
    except StageError:
        raise
    except (RasdError, OSError, ValueError, RuntimeError) as exc:
        raise StageError(name, str(exc)) from exc


def _progress(items: Iterable[Any], *, enabled: bool, desc: str,
              total: int | None = None) -> Iterable[Any]:
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=desc, unit="doc", total=total, file=sys.stderr, leave=False)


class Pipeline:
    """Runs inputs through every stage into a store.

    ``stages`` after ingest/store are looked up lazily so the pipeline keeps
    working while a stage's module is absent or optional.
    """

    def __init__(self, store: Store, *, progress: bool = False,
                 extract: bool = True, jobs: int = 1) -> None:
        self.store = store
        self.progress = progress
        self.extract = extract
        # Extraction processes; the other stages run in this one (they are store-bound).
        self.jobs = jobs
        self.run_id: int | None = None

    # -- entry points --------------------------------------------------
    def run(self, paths: Iterable[str | Path], *, source: str | None = None,
            command: str = "run") -> RunStats:
        """Ingest paths and take every new document through all later stages."""
        from rasd.ingest.reader import iter_inputs

        with stage("ingest"):
            items = iter_inputs(paths, source=source)
            return self.process(items, command=command)

    def process(self, items: Iterable[Document | Failure], *,
                command: str = "run") -> RunStats:
        """Store already-read items, then run the later stages; records the run."""
        stats = RunStats()
        with stage("store"):
            self.run_id = self.store.start_run(command)
        self.store_items(items, stats)
        self.clean_pending(stats)
        if self.extract:
            self.extract_pending(stats)
        self.merge_pending(stats)
        with stage("store"):
            self.store.finish_run(self.run_id, stats.counts())
        return stats

    # -- stages --------------------------------------------------------
    def _fail(self, failure: Failure, stats: RunStats) -> None:
        stats.failed += 1
        stats.failures.append(failure)
        self.store.add_failure(failure, run_id=self.run_id, commit=False)

    def store_items(self, items: Iterable[Document | Failure], stats: RunStats) -> None:
        from rasd.clean.cleaner import line_keys

        pending = 0
        with stage("store"):
            for item in _progress(items, enabled=self.progress, desc="ingest"):
                stats.read += 1
                if isinstance(item, Failure):
                    self._fail(item, stats)
                elif self.store.add_document(item, commit=False):
                    stats.stored += 1
                    self.store.add_line_stats(item.source or "", line_keys(item.text),
                                              commit=False)
                else:
                    stats.duplicates += 1
                pending += 1
                if pending >= BATCH:
                    self.store.commit()
                    pending = 0
            self.store.commit()

    def clean_pending(self, stats: RunStats) -> None:
        """Clean every stored document not yet cleaned (this run's and any left by a killed run)."""
        from rasd.clean.cleaner import LineStats, clean_document

        by_source: dict[str, LineStats] = {}
        pending = 0
        with stage("clean"):
            docs = self.store.iter_documents(uncleaned=True)
            for doc in _progress(docs, enabled=self.progress, desc="clean"):
                key = doc.source or ""
                if key not in by_source:
                    total, counts = self.store.line_stats(key)
                    by_source[key] = LineStats(docs=total, counts=counts)
                try:
                    cleaned = clean_document(doc, stats=by_source[key])
                except Exception as exc:  # one article must never stop a corpus run
                    reason = str(exc) if isinstance(exc, RasdError) else \
                        f"internal error: {type(exc).__name__}: {exc}"
                    self._fail(Failure(origin=doc.origin, stage="clean", reason=reason), stats)
                    # Marked as cleaned-to-nothing so it is not retried on every run;
                    # the failure row says why.
                    cleaned = empty_clean(doc)
                else:
                    stats.count_cleaned(cleaned)
                self.store.set_cleaned(cleaned, commit=False)
                pending += 1
                if pending >= BATCH:
                    self.store.commit()
                    pending = 0
            self.store.commit()

    def extract_pending(self, stats: RunStats) -> None:
        """Extract events from every cleaned document not yet extracted, when extraction exists."""
        hook = _optional_stage("rasd.pipeline.extract_stage", "extract_pending")
        if hook is None:
            return
        with stage("extract"):
            hook(self, stats)

    def merge_pending(self, stats: RunStats) -> None:
        """Link near-duplicate documents and merge new reports into canonical events."""
        hook = _optional_stage("rasd.pipeline.merge_stage", "merge_pending")
        if hook is None:
            return
        with stage("merge"):
            hook(self, stats)


def empty_clean(doc: Document) -> Document:
    from dataclasses import replace

    return replace(doc, clean_text="", sentences=())


def _optional_stage(module: str, name: str) -> Stage | None:
    import importlib

    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name == module:
            return None
        raise
    fn: Stage = getattr(mod, name)
    return fn
