"""Every kind of bad input gives a recorded one-line failure or a clean document, never a
crash, and the rest of the batch is stored: one kind at a time between two good
articles, then all of them in one ``rasd run`` as a user would start it."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from bad_inputs import KINDS, LIMIT, Kind
from click.testing import CliRunner
from fault_texts import article_text

from rasd.cli.main import main
from rasd.ingest.docs import path_text
from rasd.ingest.reader import iter_inputs
from rasd.pipeline.orchestrator import Pipeline
from rasd.store import open_store

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
# Articles no bad input carries (they use 0-18), so a good one is never a duplicate.
GOOD = range(19, 32)


def _good(folder: Path, index: int) -> Path:
    path = folder / f"good-{index}.txt"
    path.write_text(article_text(index), encoding="utf-8")
    return path


def test_the_suite_has_at_least_thirty_kinds() -> None:
    assert len({k.id for k in KINDS}) == len(KINDS) >= 30
    assert sum(k.reason is not None for k in KINDS) >= 30


@pytest.mark.parametrize("kind", KINDS, ids=[k.id for k in KINDS])
def test_each_kind_fails_alone_or_is_a_clean_document(kind: Kind, tmp_path: Path) -> None:
    if kind.root_skips and AS_ROOT:
        pytest.skip("root reads a file whatever its mode; see test_ingest's monkeypatched read")
    folder = tmp_path / "in"
    folder.mkdir()
    before, after = _good(tmp_path, GOOD[0]), _good(tmp_path, GOOD[1])
    bad = kind.make(folder)
    with open_store(f"sqlite:///{tmp_path / 'r.db'}") as store:
        stats = Pipeline(store, extract=False).process(
            iter_inputs([before, bad, after], max_bytes=LIMIT), command="ingest")
        failures = store.list_failures()
        assert store.get_document(before.stem).clean_text
        assert store.get_document(after.stem).clean_text
        origins = {d.origin for d in store.iter_documents()}
    assert all(f.stage == kind.stage for f in failures), failures
    if kind.reason is None:
        assert failures == []
    else:
        [failure] = failures
        assert kind.reason in failure.reason
        assert "\n" not in failure.reason and len(failure.reason) <= 300
        assert failure.origin.startswith(path_text(bad))
    assert stats.stored == 2 + kind.docs
    assert len([o for o in origins if o.startswith(path_text(bad))]) == kind.docs
    assert stats.failed == len(failures)


def test_all_kinds_in_one_run_through_the_cli(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    kinds = [k for k in KINDS if not k.limited and not (k.root_skips and AS_ROOT)]
    for i, kind in enumerate(kinds):
        sub = folder / f"{i:02d}"
        sub.mkdir()
        kind.make(sub)
        if i < len(GOOD):
            _good(sub, GOOD[i])
    db = f"sqlite:///{tmp_path / 'batch.db'}"
    result = CliRunner().invoke(main, ["run", str(folder), "--db", db, "--quiet"])
    assert "Traceback" not in result.output
    assert result.exit_code == 0, result.output
    expected_failures = sum(k.in_folder for k in kinds if k.reason is not None)
    with open_store(db) as store:
        failures = store.list_failures()
        good = [d for d in store.iter_documents() if Path(d.origin).name.startswith("good-")]
        events = store._exec("SELECT COUNT(*) FROM events").fetchone()[0]
        stored = store.count_documents()
    assert len(good) == len(GOOD)
    assert len(failures) == expected_failures
    assert all("\n" not in f.reason for f in failures)
    assert events > 0
    # Several kinds carry the same article (in another encoding or name): duplicates.
    counts = dict(re.findall(r"(stored|duplicates|failed): (\d+)", result.output))
    assert int(counts["stored"]) == stored
    assert int(counts["stored"]) + int(counts["duplicates"]) == \
        len(GOOD) + sum(k.docs for k in kinds)
    assert int(counts["failed"]) == expected_failures
