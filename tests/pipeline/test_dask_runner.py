"""The Dask runner: partitions read like whole inputs; a partitioned run stores the same events."""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from rasd.cli.main import main, sample_paths
from rasd.ingest.reader import iter_inputs
from rasd.models import Document, Failure
from rasd.pipeline.dask_partitions import Partition, plan_partitions, read_partition
from rasd.pipeline.orchestrator import Pipeline
from rasd.store import Store, open_store

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """Two in-process workers: real scheduling and serialisation, without process start-up."""
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                       dashboard_address=":0")
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


@pytest.fixture()
def corpus(fixtures_dir: Path, tmp_path: Path) -> list[Path]:
    """The test articles, the shipped samples, a gzipped copy and a duplicate file."""
    src = fixtures_dir / "scaling"
    folder = tmp_path / "corpus"
    shutil.copytree(src, folder)
    with (src / "agency-a.jsonl").open("rb") as fh, \
            gzip.open(folder / "agency-a-again.jsonl.gz", "wb") as gz:
        gz.write(fh.read())
    # A new article twice in a row: a repeat inside one partition.
    record = json.dumps({"id": "repeat", "source": "وكالة الشاهد", "text": (
        "حماة - الشاهد\nقُتل مدنيان، مساء الأحد، جراء قصف مدفعي استهدف بلدة اللطامنة "
        "في ريف حماة الشمالي.")}, ensure_ascii=False)
    (folder / "repeats.jsonl").write_text(f"{record}\n{record}\n", encoding="utf-8")
    return [folder, *sample_paths()]


def _key(item: Document | Failure) -> tuple[str, ...]:
    if isinstance(item, Failure):
        return ("failure", item.origin, item.stage, item.reason)
    return ("doc", item.id, item.name, item.origin, item.source or "")


def _read_all(parts: list[Partition]) -> list[tuple[str, ...]]:
    return [_key(item) for part in parts for item in read_partition(part)]


def test_partitions_read_what_the_whole_inputs_read(corpus: list[Path]) -> None:
    parts = plan_partitions(corpus, size=2)
    assert any(p.split for p in parts), "the JSONL files should be split into line ranges"
    assert sum(1 for p in parts if not p.split) > 2
    assert _read_all(parts) == [_key(i) for i in iter_inputs(corpus)]


def test_a_damaged_stream_is_reported_once(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"r{i}", "source": "وكالة", "text": f"خبر رقم {i} عن قصف مدفعي"},
                        ensure_ascii=False) for i in range(12)]
    data = gzip.compress(("\n".join(lines) + "\n").encode("utf-8"))
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(data[: len(data) * 2 // 3])
    whole = [_key(i) for i in iter_inputs([cut])]
    assert any(k[0] == "failure" for k in whole)
    # The truncated file cannot be counted, so it is read whole; force a split to
    # check that the ranges still report the damage exactly once.
    parts = [Partition((str(cut),), start=s, stop=s + 3, split=True) for s in (1, 4, 7, 10)]
    parts[-1] = Partition((str(cut),), start=10, split=True)
    assert _read_all(parts) == whole


def _snapshot(store: Store) -> dict[str, Any]:
    def rows(sql: str) -> list[tuple[Any, ...]]:
        return sorted(tuple(r) for r in store._exec(sql).fetchall())

    return {
        "events": rows("SELECT id, doc_name, record FROM events"),
        "evidence": rows("SELECT event_id, start_offset, end_offset, text FROM evidence"),
        "documents": rows("SELECT id, name, source, clean_text, sentences, removed_lines "
                          "FROM documents"),
        "failures": rows("SELECT origin, stage, reason FROM failures"),
        "line_stats": rows("SELECT source, line, docs FROM line_stats"),
        "canonical": rows("SELECT id, record FROM canonical_events"),
    }


def test_dask_run_equals_single_process_run(corpus: list[Path], tmp_path: Path,
                                            client: Any) -> None:
    from rasd.pipeline.dask_runner import run_dask

    with open_store(f"sqlite:///{tmp_path / 'single.db'}") as single:
        expected_stats = Pipeline(single).run(corpus).counts()
        expected = _snapshot(single)
    with open_store(f"sqlite:///{tmp_path / 'dask.db'}") as store:
        stats = run_dask(store, corpus, client=client, partition_size=3)
        got = _snapshot(store)
    assert expected["events"], "the corpus should yield events"
    assert expected_stats["duplicates"] >= 7  # the gzipped copy and the repeated record
    assert stats.counts() == expected_stats
    for table in expected:
        assert got[table] == expected[table], table


def test_dask_run_is_incremental(corpus: list[Path], tmp_path: Path, client: Any) -> None:
    from rasd.pipeline.dask_runner import run_dask

    first = corpus[0]
    with open_store(f"sqlite:///{tmp_path / 'single.db'}") as single:
        Pipeline(single).run([first])
        Pipeline(single).run(corpus)
        expected = _snapshot(single)
    with open_store(f"sqlite:///{tmp_path / 'dask.db'}") as store:
        run_dask(store, [first], client=client, partition_size=4)
        stats = run_dask(store, corpus, client=client, partition_size=4)
        got = _snapshot(store)
    assert stats.duplicates >= 12  # the folder's documents, stored by the first run
    assert got["events"] == expected["events"]
    assert got["line_stats"] == expected["line_stats"]
    assert got["documents"] == expected["documents"]


def test_a_run_that_fails_half_way_is_completed_by_a_rerun(
        corpus: list[Path], tmp_path: Path, client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import rasd.pipeline.dask_runner as runner
    from rasd.errors import StageError

    with open_store(f"sqlite:///{tmp_path / 'single.db'}") as single:
        Pipeline(single).run(corpus)
        expected = _snapshot(single)
    real = runner.process_partition
    doomed = plan_partitions(corpus, size=3)[2]  # tasks are pickled: compare by value

    def flaky(part: Partition, **kw: Any) -> Any:
        if part == doomed:
            raise RuntimeError("worker lost")
        return real(part, **kw)

    with open_store(f"sqlite:///{tmp_path / 'dask.db'}") as store:
        monkeypatch.setattr(runner, "process_partition", flaky)
        with pytest.raises(StageError):
            runner.run_dask(store, corpus, client=client, partition_size=3)
        assert 0 < store.count_documents() < len(expected["documents"])
        monkeypatch.setattr(runner, "process_partition", real)
        runner.run_dask(store, corpus, client=client, partition_size=3)
        got = _snapshot(store)
    for table in ("events", "documents", "line_stats", "canonical"):
        assert got[table] == expected[table], table


def test_cli_run_with_a_scheduler(fixtures_dir: Path, tmp_path: Path, client: Any) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    result = CliRunner().invoke(main, ["run", str(fixtures_dir / "scaling"), "--db", db,
                                       "--engine", "dask", "--scheduler",
                                       client.scheduler.address, "--quiet"])
    assert result.exit_code == 0, result.output
    assert "stored: 12" in result.output
    with open_store(db) as store:
        assert store.count_documents() == 12


@pytest.mark.parametrize("args", [["--workers", "2"], ["--scheduler", "tcp://127.0.0.1:1"],
                                  ["--engine", "dask", "--workers", "2", "--scheduler", "x"]])
def test_cli_engine_options_are_checked(args: list[str], tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["run", "x.txt", "--db",
                                       f"sqlite:///{tmp_path / 'x.db'}", *args])
    assert result.exit_code == 2
    assert "--engine dask" in result.output or "not both" in result.output
