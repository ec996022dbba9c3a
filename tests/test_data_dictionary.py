"""``docs/data.md`` documents every column: its lists are compared with the columns the
exports write and the tables and views a new database holds, so it cannot go stale.

Through the public API; the article is composed for this test.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest

import rasd

DOC = Path(__file__).resolve().parents[1] / "docs" / "data.md"
TEXT = ("قتل خمسة من عناصر الحوثي في اشتباكات مع القوات الحكومية في محافظة مأرب أمس.\n"
        "ويذكر أن مدينة حمص شهدت في شهر أيار 2012 قصفاً مدفعياً قتل فيه عشرون مدنياً.")


def _sections(part: str) -> dict[str, list[tuple[str, str]]]:
    """``### `name` `` heading -> [(column, the row's text)] of the table under it."""
    text = DOC.read_text(encoding="utf-8")
    body = text.split(f"\n## {part}\n", 1)[1].split("\n## ", 1)[0]
    out: dict[str, list[tuple[str, str]]] = {}
    for chunk in body.split("\n### ")[1:]:
        name = re.match(r"`([^`]+)`", chunk)
        assert name, chunk[:40]
        out[name.group(1)] = [(m.group(1), m.group(0)) for m in
                              re.finditer(r"^\| `([^`]+)` \|.*$", chunk, flags=re.M)]
    return out


def _columns(rows: list[tuple[str, str]], *, without: str | None = None) -> list[str]:
    return [c for c, line in rows if not (without and without in line)]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> rasd.Database:
    path = tmp_path_factory.mktemp("dict") / "rasd.db"
    handle = rasd.open(str(path))
    handle.run(documents=[rasd.document(TEXT, source="وكالة", url="https://a.example/1",
                                        published=date(2024, 3, 5))])
    return handle


def _text(db: rasd.Database, fmt: str, **kw: object) -> str:
    out = io.StringIO()
    db.export(fmt, out, status="all", **kw)  # type: ignore[arg-type]
    return out.getvalue()


def test_csv_columns_are_documented(db: rasd.Database) -> None:
    rows = _sections("Exports")["csv"]
    plain = next(csv.reader(io.StringIO(_text(db, "csv"))))
    full = next(csv.reader(io.StringIO(_text(db, "csv", with_evidence=True))))
    assert plain == _columns(rows, without="with evidence only")
    assert full == _columns(rows)


def test_parquet_and_dataframe_columns_are_documented(db: rasd.Database, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    rows = _sections("Exports")["parquet"]
    db.export("parquet", tmp_path / "a.parquet", status="all")
    db.export("parquet", tmp_path / "b.parquet", status="all", with_evidence=True)
    assert pq.read_schema(tmp_path / "a.parquet").names == \
        _columns(rows, without="with evidence only")
    assert pq.read_schema(tmp_path / "b.parquet").names == _columns(rows)
    pytest.importorskip("pandas")
    assert list(db.events(status="all").to_pandas().columns) == \
        _columns(rows, without="with evidence only")


@pytest.mark.parametrize(("fmt", "level", "other"), [
    ("jsonl", "canonical", "report level only"),
    ("jsonl", "report", "canonical level only"),
    ("geojson", "canonical", "report level only"),
    ("geojson", "report", "canonical level only"),
])
def test_record_fields_are_documented(db: rasd.Database, fmt: str, level: str,
                                      other: str) -> None:
    text = _text(db, fmt, level=level)
    if fmt == "jsonl":
        records = [json.loads(line) for line in text.splitlines()]
    else:
        records = [f["properties"] for f in json.loads(text)["features"]]
    assert records
    for record in records:
        assert list(record) == _columns(_sections("Exports")[fmt], without=other)


def test_database_tables_and_views_are_documented(db: rasd.Database) -> None:
    documented = _sections("Database")
    path = db.store.url[len("sqlite:///"):] if db.store.url.startswith("sqlite:///") \
        else db.store.url
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'view') "
                            "AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall()
        # A virtual table's shadow tables (FTS5's ``x_data``, ``x_idx`` …) are its storage,
        # documented with it.
        virtual = [n for n, sql in rows if sql.upper().startswith("CREATE VIRTUAL TABLE")]
        names = [n for n, _ in rows if not any(n.startswith(v + "_") for v in virtual)]
        assert sorted(documented) == names
        for name in names:
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({name})")]
            assert _columns(documented[name]) == columns, name


def test_the_check_can_fail() -> None:
    # The parser finds rows: an empty section list would pass the comparisons above.
    assert len(_sections("Exports")["csv"]) >= 31
    assert len(_sections("Database")) >= 10
