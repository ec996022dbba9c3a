"""Extraction over many documents, in-process and in worker processes (``rasd extract --jobs``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from rasd.clean.cleaner import clean_document
from rasd.cli.main import main, sample_paths
from rasd.errors import ExtractError
from rasd.extract.engine import Extractor
from rasd.extract.pool import extract_documents, extract_one, resolve_jobs
from rasd.ingest.docs import document_from_text
from rasd.models import Document, Event


def _doc(text: str, name: str) -> Document:
    doc = document_from_text(text, name=name, origin=f"{name}.txt")
    from dataclasses import replace

    return clean_document(replace(doc, published=date(2024, 3, 5)))


class _Failing(Extractor):
    def __init__(self, exc: Exception) -> None:
        super().__init__()
        self.exc = exc

    def extract(self, doc: Document) -> list[Event]:
        raise self.exc


def _run(args: list[str]) -> tuple[str, str]:
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout, result.stderr


def test_workers_print_what_one_process_prints() -> None:
    paths = [str(p) for p in sample_paths()]
    one, err_one = _run(["extract", *paths, "--jobs", "1"])
    two, err_two = _run(["extract", *paths, "--jobs", "2"])
    events = [json.loads(line) for line in one.splitlines()]
    # The samples give more than one chunk of documents to each worker.
    assert len({e["doc_id"] for e in events}) > 16
    assert two == one
    assert err_two.splitlines()[-1] == err_one.splitlines()[-1] == \
        f"events: {len(events)}, failed: 0, empty: 0, duplicates: 0"


@pytest.mark.parametrize(
    ("exc", "reason"),
    [
        (ExtractError("no sentence could be read"), "no sentence could be read"),
        (RuntimeError("boom"), "internal error: RuntimeError: boom"),
    ],
)
def test_an_error_is_the_documents_failure(exc: Exception, reason: str) -> None:
    doc = _doc("قتل ثلاثة مدنيين في قصف مدفعي على بلدة الباغوز شرق دير الزور.", "a")
    outcome = extract_one(_Failing(exc), doc)
    assert outcome.events == ()
    assert outcome.failure is not None
    assert (outcome.failure.stage, outcome.failure.reason, outcome.failure.origin) == \
        ("extract", reason, "a.txt")


def test_in_process_outcomes_keep_input_order() -> None:
    texts = ["قتل ثلاثة مدنيين في قصف مدفعي على بلدة الباغوز شرق دير الزور.",
             "أعلنت وزارة الزراعة عن موسم وفير للقمح هذا العام.",
             "اندلعت اشتباكات عنيفة بين قوات سوريا الديمقراطية وتنظيم داعش في بلدة هجين."]
    docs = [_doc(t, f"d{i}") for i, t in enumerate(texts)]
    outcomes = list(extract_documents(docs, jobs=1))
    assert [o.origin for o in outcomes] == ["d0.txt", "d1.txt", "d2.txt"]
    assert [bool(o.events) for o in outcomes] == [True, False, True]


def test_a_shared_extractor_cannot_go_to_workers() -> None:
    with pytest.raises(ValueError, match="worker"):
        list(extract_documents([], jobs=2, extractor=Extractor()))


def test_jobs() -> None:
    assert resolve_jobs(3) == 3
    assert resolve_jobs(0) >= 1
    with pytest.raises(ValueError):
        resolve_jobs(-1)


def test_the_same_text_twice_is_one_report(tmp_path: Path) -> None:
    text = "اندلعت اشتباكات عنيفة بين قوات سوريا الديمقراطية وتنظيم داعش في بلدة هجين أمس."
    rows = [{"id": name, "published": "2019-01-16", "source": src, "title": "", "text": text}
            for name, src in (("wire-1", "وكالة أ"), ("copy-2", "صحيفة ب"))]
    path = tmp_path / "copies.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                    encoding="utf-8")
    out, err = _run(["extract", str(path)])
    events = [json.loads(line) for line in out.splitlines()]
    assert events and {e["doc_id"] for e in events} == {"wire-1"}
    assert len({e["event_id"] for e in events}) == len(events)
    assert err.splitlines()[-1].endswith("duplicates: 1")


def test_run_with_workers_stores_what_one_process_stores(tmp_path: Path) -> None:
    from rasd.store import open_store

    got = []
    for jobs in ("1", "2"):
        db = f"sqlite:///{tmp_path / f'jobs{jobs}.db'}"
        out, _ = _run(["run", "--samples", "--db", db, "--quiet", "--jobs", jobs])
        assert "failed: 0" in out
        with open_store(db) as store:
            got.append((
                sorted(r[0] for r in store._exec("SELECT id FROM events").fetchall()),
                sorted(r[0] for r in store._exec("SELECT id FROM canonical_events").fetchall()),
                store._exec("SELECT COUNT(*) FROM documents WHERE extracted IS NULL").fetchone(),
            ))
    assert got[0] == got[1]
    assert len(got[0][0]) > 50 and got[0][2] == (0,)


def test_jobs_are_for_the_local_engine(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["run", "--samples", "--engine", "dask", "--jobs", "2",
                                       "--db", f"sqlite:///{tmp_path / 'x.db'}"])
    assert result.exit_code == 2 and "--jobs is for the local engine" in result.output


def test_workers_start_before_the_first_document_is_read() -> None:
    # The parent's cleaning reads the whole batch before its first document: the
    # workers load their resources meanwhile instead of waiting for the first chunk.
    import multiprocessing

    seen: list[int] = []

    def docs() -> Iterator[Document]:
        seen.append(len(multiprocessing.active_children()))
        yield _doc("قصفت طائرات حربية مدينة إدلب أمس.", "a")

    outcomes = list(extract_documents(docs(), jobs=2))
    assert [o.origin for o in outcomes] == ["a.txt"]
    assert seen == [2]
