"""The PostgreSQL store: same results as SQLite, Arabic full-text search, several writers at once.

Every test gets a fresh schema (``pg_url``) and skips when PostgreSQL is unreachable.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rasd.cli.main import sample_paths
from rasd.errors import StoreError
from rasd.models import Actor, DateSpan, Document, Event, Evidence, Location, content_id
from rasd.pipeline.orchestrator import Pipeline
from rasd.store import Store, open_store
from rasd.store.events import EventFilter, count_events, list_events, replace_events
from rasd.store.migrations import MIGRATIONS
from rasd.store.stats import event_stats


def _doc(text: str, name: str) -> Document:
    return Document(id=content_id(text), name=name, source="وكالة الشاهد", url=None,
                    title=None, published=date(2024, 3, 5), raw=text, raw_format="text",
                    text=text, origin=f"{name}.txt")


def _event(doc: Document, eid: str, evidence: str) -> Event:
    return Event(
        event_id=eid, doc_id=doc.name, status="current", event_type="Battles",
        sub_event_type="Armed clash", actor1=Actor("sdf", "Syrian Democratic Forces", "قسد", 3),
        actor2=None,
        location=Location("Baghouz", "الباغوز", 34.456789, 40.987654, 1, "x:1", "Deir ez-Zor",
                          "Abu Kamal", "SY"),
        date=DateSpan(date(2024, 3, 4), date(2024, 3, 4), 1), fatalities=None,
        evidence=(Evidence(doc.name, evidence, 0, len(evidence)),), sources=(), notes="",
    )


def test_open_migrate_and_record_by_name(pg_url: str) -> None:
    from rasd.store.postgres import PostgresStore

    with open_store(pg_url) as store:
        assert isinstance(store, PostgresStore)
        assert store.migrate() == []
        names = {r[0] for r in store._exec("SELECT name FROM migrations").fetchall()}
    assert names == {m.__name__ for m in MIGRATIONS}
    with open_store(pg_url) as store:
        types = {r[0]: r[1] for r in store._exec(
            "SELECT table_name || '.' || column_name, data_type FROM information_schema.columns "
            "WHERE column_name IN ('lat', 'lon') AND table_schema = current_schema()").fetchall()}
    # Coordinates keep 8 bytes at both levels, so a canonical point equals its reports'.
    assert types == {f"{t}.{c}": "double precision"
                     for t in ("events", "canonical_events") for c in ("lat", "lon")}


def test_concurrent_migrations_apply_each_once(pg_url: str) -> None:
    def open_and_close(_: int) -> list[str]:
        store = open_store(pg_url, migrate=False)
        try:
            return store.migrate()
        finally:
            store.close()

    with ThreadPoolExecutor(4) as pool:
        applied = list(pool.map(open_and_close, range(4)))
    assert sorted(name for names in applied for name in names) == \
        sorted(m.__name__ for m in MIGRATIONS)


def test_arabic_full_text_search_over_evidence(pg_url: str) -> None:
    with open_store(pg_url) as store:
        doc = _doc("اشتباكات في الباغوز", "d1")
        store.add_document(doc)
        replace_events(store, doc, [
            _event(doc, "e1", "اندلعت اشتباكات عنيفة في بلدة الباغوز"),
            _event(doc, "e2", "قصف مدفعي على مدينة الميادين"),
        ])

        def found(text: str) -> list[str]:
            return [e.event_id for e in list_events(store, EventFilter(text=text))]

        assert found("الباغوز") == ["e1"]
        assert found("وبالباغوز") == ["e1"]  # clitics stripped by the arabic configuration
        assert found("مدينة الميادين") == ["e2"]  # ة and ه fold the same on both sides
        assert found("الميادين مدينة") == []  # a phrase, in order
        assert count_events(store, EventFilter(text="قصف")) == 1
        # Statistics search the same way as the list (a clitic only the arabic
        # configuration strips).
        stats = event_stats(store, EventFilter(text="وبالباغوز"))
        assert stats.total == 1
        # Coordinates keep their precision (REAL would be 4 bytes here).
        assert store._exec("SELECT lat FROM events WHERE id = 'e1'").fetchone()[0] == 34.456789
        # The search is answered from the GIN index of migration m008.
        where, params = EventFilter(text="الباغوز").where(dialect="postgresql")
        store._exec("SET enable_seqscan = off")
        plan = " ".join(r[0] for r in store._exec(
            f"EXPLAIN SELECT id FROM events{where}", params).fetchall())
        assert "evidence_search" in plan


def test_reads_leave_no_transaction_open(pg_url: str) -> None:
    """A reader must not hold locks that would block another process's migration."""
    from psycopg.pq import TransactionStatus

    with open_store(pg_url) as reader, open_store(pg_url) as writer:
        reader.count_documents()
        list_events(reader, EventFilter(text="قصف"))
        assert reader._conn().info.transaction_status == TransactionStatus.IDLE
        writer._exec("SET lock_timeout = '2s'")
        writer._exec("ALTER TABLE events ADD COLUMN extra TEXT")
        writer.commit()


def test_queries_are_planned_for_their_own_values(pg_url: str) -> None:
    """No query becomes a prepared statement, however often it runs: PostgreSQL would
    then plan it once for any parameters after a few runs (the load benchmark's combined
    filter: 0.1 s a page, then over 20 s from its eleventh run on one connection)."""
    with open_store(pg_url) as store:
        for day in range(12):
            list_events(store, EventFilter(date_from=date(2024, 3, 1 + day), country="SY"))
        assert store._exec("SELECT COUNT(*) FROM pg_prepared_statements").fetchone()[0] == 0


def test_errors_become_store_errors_and_the_connection_survives(pg_url: str) -> None:
    with open_store(pg_url) as store:
        store.add_line_stats("s", {"k1"}, commit=False)
        with pytest.raises(StoreError):
            store._exec("SELECT nope FROM documents")
        store.add_line_stats("s", {"k1", "k2"}, commit=False)
        assert store.line_stats("s", min_docs=1) == (1, {"k1": 1, "k2": 1})
        store.commit()
        assert store.count_documents() == 0


def _snapshot(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    def rows(sql: str) -> list[tuple[Any, ...]]:
        return sorted(tuple(r) for r in store._exec(sql).fetchall())

    return {
        "events": rows("SELECT id, doc_name, record FROM events"),
        "documents": rows("SELECT id, name, clean_text, sentences FROM documents"),
        "failures": rows("SELECT origin, stage, reason FROM failures"),
        "line_stats": rows("SELECT source, line, docs FROM line_stats"),
        "canonical": rows("SELECT id, record FROM canonical_events"),
    }


def test_pipeline_results_equal_sqlite(pg_url: str, fixtures_dir: Path, tmp_path: Path) -> None:
    inputs = [fixtures_dir / "scaling", *sample_paths()]
    with open_store(f"sqlite:///{tmp_path / 'x.db'}") as lite:
        lite_stats = Pipeline(lite).run(inputs).counts()
        expected = _snapshot(lite)
    with open_store(pg_url) as pg:
        assert Pipeline(pg).run(inputs).counts() == lite_stats
        got = _snapshot(pg)
        assert list_events(pg, EventFilter(country="SY"), sort="-date") == \
            _listed(tmp_path / "x.db")
    assert expected["events"]
    for table in expected:
        assert got[table] == expected[table], table


def _listed(path: Path) -> list[Event]:
    with open_store(f"sqlite:///{path}") as lite:
        return list_events(lite, EventFilter(country="SY"), sort="-date")


def test_dask_run_into_postgres_equals_single_process(pg_url: str, fixtures_dir: Path,
                                                      tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    from rasd.pipeline.dask_runner import run_dask

    inputs = [fixtures_dir / "scaling", *sample_paths()]
    with open_store(f"sqlite:///{tmp_path / 'x.db'}") as lite:
        Pipeline(lite).run(inputs)
        expected = _snapshot(lite)
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                       dashboard_address=":0")
    with distributed.Client(cluster) as client, open_store(pg_url) as pg:
        run_dask(pg, inputs, client=client, partition_size=4)
        got = _snapshot(pg)
    cluster.close()
    for table in expected:
        assert got[table] == expected[table], table


def test_two_writers_and_a_reader(pg_url: str, fixtures_dir: Path, tmp_path: Path) -> None:
    """Two ``rasd run`` processes on different inputs (one article in both) while a reader polls."""
    scaling = fixtures_dir / "scaling"
    inputs = [scaling / "agency-a.jsonl", scaling / "agency-b.jsonl"]
    with open_store(f"sqlite:///{tmp_path / 'x.db'}") as lite:
        Pipeline(lite).run(inputs)
        expected_ids = {r[0] for r in lite._exec("SELECT id FROM events").fetchall()}
        expected_docs = lite.count_documents()
    open_store(pg_url).close()  # migrated once here; the writers also race to migrate below

    stop = threading.Event()
    seen: list[int] = []
    errors: list[BaseException] = []

    def read() -> None:
        try:
            with open_store(pg_url, migrate=False) as reader:
                while not stop.is_set():
                    seen.append(count_events(reader))
                    list_events(reader, EventFilter(text="قصف"), limit=5)
                    time.sleep(0.05)
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    reader = threading.Thread(target=read)
    reader.start()
    env = {**os.environ, "RASD_DB": pg_url}
    rasd = str(Path(sys.executable).with_name("rasd"))
    procs = [subprocess.Popen([rasd, "run", str(path), "--quiet"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for path in inputs]
    outputs = [p.communicate(timeout=120) for p in procs]
    stop.set()
    reader.join()
    for proc, (_out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert "Traceback" not in err
    assert not errors
    assert seen and seen == sorted(seen)  # counts only grow: whole documents appear at once
    with open_store(pg_url) as pg:
        got_ids = {r[0] for r in pg._exec("SELECT id FROM events").fetchall()}
        assert pg.count_documents() == expected_docs
        stages = {f.stage for f in pg.list_failures()}
    assert got_ids == expected_ids
    assert stages == {"ingest"}  # the malformed line only


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_events_sharing_an_id_keep_the_first(backend: str, request: pytest.FixtureRequest,
                                              tmp_path: Path) -> None:
    url = request.getfixturevalue("pg_url") if backend == "postgresql" \
        else f"sqlite:///{tmp_path / 'x.db'}"
    with open_store(url) as store:
        doc = _doc("اشتباكات في الباغوز", "d1")
        store.add_document(doc)
        first = _event(doc, "e1", "اشتباكات في الباغوز")
        replace_events(store, doc, [first, _event(doc, "e1", "قصف على الميادين")])
        assert list_events(store) == [first]
