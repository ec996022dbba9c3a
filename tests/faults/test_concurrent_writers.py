"""Several ``rasd`` processes writing one database at once, the database new or existing.

The writers: eight ``rasd ingest``, two ``rasd run`` and one ``rasd watch --once``
(of a local feed). The reference is the same commands run one after another: documents, report
events and canonical events must come out equal, and no process may fail.
Processes import rasd first and then wait on a gate file, so they reach the
database together (the race a user meets when a cron job and a shell start
at once on a fresh database).
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from fault_routes import page, rss
from fault_texts import article_text, gated_rasd, jsonl_record, open_gate, start

from feed_server import FeedServer, Reply
from rasd.ingest.feeds import read_feed_list
from rasd.ingest.fetch import FetchConfig, Fetcher, make_client
from rasd.pipeline.orchestrator import Pipeline
from rasd.pipeline.watch import Watcher
from rasd.store import Store, open_store

INGESTERS = 8  # `rasd ingest` of one small file each
RUNNERS = 2  # `rasd run` of a JSON Lines file each
PER_RUNNER = 6
WATCHED = 3  # pages of the feed one `rasd watch --once` reads


def _inputs(folder: Path) -> tuple[list[Path], list[Path]]:
    """One text file per ingester; one JSON Lines file per runner (distinct articles)."""
    folder.mkdir()
    singles = []
    for i in range(INGESTERS):
        path = folder / f"article-{i}.txt"
        path.write_text(article_text(i), encoding="utf-8")
        singles.append(path)
    batches = []
    for r in range(RUNNERS):
        path = folder / f"batch-{r}.jsonl"
        first = INGESTERS + r * PER_RUNNER
        path.write_text("".join(jsonl_record(i) + "\n" for i in range(first, first + PER_RUNNER)),
                        encoding="utf-8")
        batches.append(path)
    return singles, batches


def _counts(store: Store) -> tuple[int, int, int]:
    docs = store.count_documents()
    events = store._exec("SELECT COUNT(*) FROM events").fetchone()[0]
    canonical = store._exec("SELECT COUNT(*) FROM canonical_events").fetchone()[0]
    return docs, int(events), int(canonical)


@pytest.fixture()
def feeds(tmp_path: Path) -> Iterator[Path]:
    """A feed list for one `rasd watch --once` among the writers: a local feed of pages."""
    pages = [f"/page/{i}" for i in range(WATCHED)]
    with FeedServer() as server:
        for i, path in enumerate(pages):
            server.routes[path] = page(300 + i)
        server.routes["/feed.xml"] = lambda _h, _n: Reply(
            body=rss(server.base, pages), headers={"Content-Type": "application/rss+xml"})
        path = tmp_path / "feeds.txt"
        path.write_text(f"{server.url('/feed.xml')} مصدر المراقبة\n", encoding="utf-8")
        yield path


def _sequential(url: str, singles: list[Path], batches: list[Path],
                feeds: Path) -> tuple[int, int, int]:
    config = FetchConfig(min_interval=0.0, timeout=5.0)
    with open_store(url) as store, make_client(config, trust_env=False) as client:
        for path in singles:
            Pipeline(store, extract=False).run([path], command="ingest")
        for path in batches:
            Pipeline(store).run([path])
        Watcher(store, Fetcher(client, config=config), read_feed_list(feeds)).run_once()
        Pipeline(store).run([singles[0]])  # what the final `rasd run` below does
        return _counts(store)


def _together(url: str, singles: list[Path], batches: list[Path], feeds: Path,
              gate: Path) -> None:
    prefix = gated_rasd(gate)
    procs = [start(["ingest", str(p), "--quiet"], db_url=url, prefix=prefix) for p in singles]
    procs += [start(["run", str(p), "--quiet"], db_url=url, prefix=prefix) for p in batches]
    procs.append(start(["watch", str(feeds), "--once", "--per-host", "0", "--timeout", "5"],
                       db_url=url, prefix=prefix))
    open_gate(gate, procs)
    outputs = [p.communicate(timeout=240) for p in procs]
    for proc, (_out, err) in zip(procs, outputs, strict=True):
        assert "Traceback" not in err, err
        assert proc.returncode == 0, err
    # Extraction of what the ingesters stored after the runners had finished theirs.
    final = subprocess.run([*gated_rasd(gate), "run", str(singles[0]), "--quiet",
                            "--db", url], capture_output=True, text=True, timeout=240)
    assert final.returncode == 0, final.stderr


def test_processes_started_together_on_a_new_sqlite_database(tmp_path: Path,
                                                            feeds: Path) -> None:
    singles, batches = _inputs(tmp_path / "in")
    expected = _sequential(f"sqlite:///{tmp_path / 'sequential.db'}", singles, batches, feeds)
    assert expected[0] == INGESTERS + RUNNERS * PER_RUNNER + WATCHED and expected[1] > 0
    url = f"sqlite:///{tmp_path / 'new' / 'together.db'}"  # neither file nor folder exists
    _together(url, singles, batches, feeds, tmp_path / "gate")
    with open_store(url) as store:
        assert _counts(store) == expected
        assert store.list_failures() == []


@pytest.mark.postgres
def test_processes_started_together_on_a_new_postgres_schema(
        pg_url: str, tmp_path: Path, feeds: Path) -> None:
    singles, batches = _inputs(tmp_path / "in")
    expected = _sequential(f"sqlite:///{tmp_path / 'sequential.db'}", singles, batches, feeds)
    _together(pg_url, singles, batches, feeds, tmp_path / "gate")
    with open_store(pg_url) as store:
        assert _counts(store) == expected
        assert store.list_failures() == []
