"""``rasd.open`` on PostgreSQL: the same handle, defaults and exports as on SQLite.

Through the public API only (and plain SQL for the ``acled_events`` view, as an
analyst's SQL client would read it); the articles are those of test_database.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from test_database import ARTICLES  # type: ignore[import-not-found]

import rasd

pytestmark = pytest.mark.postgres


def test_the_handle_works_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    with rasd.open(pg_url) as db:
        stats = db.ingest(documents=[rasd.document(**a) for a in ARTICLES])  # type: ignore[arg-type]
        assert (stats.stored, stats.extracted) == (3, 0)
        assert db.run().extracted == 3
        # Canonical, current events by default; the rest one argument away.
        events = db.events()
        assert sorted(e.sub_event_type for e in events) == ["Air/drone strike", "Armed clash"]
        assert all(e.event_id.startswith("c") and e.status == "current" for e in events)
        assert (len(db.events(status="all")), db.count(level="report", status="all")) == (3, 4)
        assert [e.location.name for e in db.events(actor="الجيش السوري") if e.location] \
            == ["Dar‘ā"]
        assert [e.location.name for e in db.events(text="غاره جويه") if e.location] == ["Idlib"]
        for ev in [*events, *db.events(level="report")]:
            assert db.event(ev.event_id) == ev
        assert sorted(d.name for d in db.documents()) == ["خبر-أ", "خبر-ب", "خبر-ج"]

        assert db.export("csv", tmp_path / "e.csv", status="all", with_evidence=True) == 3
        with (tmp_path / "e.csv").open(encoding="utf-8", newline="") as fh:
            rows = {r["location"]: r for r in csv.DictReader(fh)}
        assert rows["Homs"]["status"] == "background"
        assert sorted(rows["Idlib"]["evidence_urls"].split()) == \
            ["https://a.example/1", "https://b.example/2"]
        assert db.export("jsonl", tmp_path / "r.jsonl", level="report", status="all") == 4
        records = [json.loads(x) for x in (tmp_path / "r.jsonl").read_text("utf-8").splitlines()]
        assert all("canonical_id" in r for r in records)
        assert db.export("geojson", tmp_path / "e.geojson") == 2

        pd = pytest.importorskip("pandas")
        frame = events.to_pandas()
        assert str(frame["fatalities"].dtype) == "Int64"
        assert pd.api.types.is_datetime64_dtype(frame["event_date"])
        pytest.importorskip("pyarrow")
        db.export("parquet", tmp_path / "e.parquet")
        read = pd.read_parquet(tmp_path / "e.parquet")
        assert read["event_id_cnty"].tolist() == frame["event_id_cnty"].tolist()

    import psycopg

    with psycopg.connect(pg_url) as conn:
        cur = conn.execute("SELECT event_id_cnty, location, fatalities, status, source "
                           "FROM acled_events ORDER BY event_date")
        assert [(r[1], r[2], r[3]) for r in cur.fetchall()] == [
            ("Homs", 20, "background"), ("Dar‘ā", 2, "current"), ("Idlib", 3, "current")]


def test_postgresql_has_the_documented_tables_and_columns(pg_url: str, tmp_path: Path) -> None:
    # tests/test_data_dictionary.py compares docs/data.md with SQLite; PostgreSQL must
    # hold the same tables, views and columns but for the differences data.md names:
    # SQLite's FTS5 index (evidence_fts, evidence.id) and R*Tree map index
    # (canonical_events_rtree; PostgreSQL's is a GiST index, no table), the canonical
    # ids of the FTS5 index's rows (evidence_canonical; PostgreSQL's evidence_words),
    # PostgreSQL's evidence.text_search.
    import sqlite3

    import psycopg

    rasd.open(pg_url).close()
    rasd.open(tmp_path / "s.db").close()
    with sqlite3.connect(tmp_path / "s.db") as conn:
        names = [n for (n,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
            "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'evidence_fts%' "
            "AND name NOT LIKE 'canonical_events_rtree%' AND name != 'evidence_canonical' "
            "ORDER BY name")]
        lite = {n: [r[1] for r in conn.execute(f"PRAGMA table_info({n})")] for n in names}
    with psycopg.connect(pg_url) as conn:
        schema = conn.execute("SELECT current_schema()").fetchone()[0]  # type: ignore[index]
        rows = conn.execute("SELECT table_name, column_name FROM information_schema.columns "
                            "WHERE table_schema = %s ORDER BY table_name, ordinal_position",
                            (schema,)).fetchall()
    pg: dict[str, list[str]] = {}
    for table, column in rows:
        pg.setdefault(table, []).append(column)
    lite["evidence"] = [c for c in lite["evidence"] if c != "id"] + ["text_search"]
    # PostgreSQL's counterpart of evidence_canonical (m020), described in its section.
    assert pg.pop("evidence_words") == ["event_id", "canonical_id", "text_search"]
    assert pg == lite
