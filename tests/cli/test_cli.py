"""The command line: thin over the library, clear errors at the edge."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from rasd.cli.main import main

ARTICLE = (
    "غارات على ريف حماة الشمالي\n\n"
    "حماة - شنت طائرات حربية روسية، يوم الثلاثاء، غارات على بلدة اللطامنة في ريف حماة "
    "الشمالي، ما أدى إلى مقتل ثلاثة مدنيين بينهم طفل.\n\n"
    "وقالت مصادر محلية إن الغارات استهدفت منازل المدنيين وسط البلدة.\n"
)


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_ingest_then_docs_list_and_show(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "hama.txt").write_text(ARTICLE, encoding="utf-8")
    (inputs / "broken.jsonl").write_text('{"id": "x", "text": \n', encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'r.db'}"
    code, out = _invoke("ingest", str(inputs), "--db", db, "--quiet")
    assert code == 0, out
    assert "documents read: 2, stored: 1, duplicates: 0, failed: 1" in out
    assert "broken.jsonl" in out
    code, out = _invoke("docs", "list", "--db", db)
    assert code == 0 and "hama" in out and "(1 of 1 documents)" in out
    code, out = _invoke("docs", "show", "hama", "--db", db)
    assert code == 0 and "اللطامنة" in out
    code, raw = _invoke("docs", "show", "hama", "--db", db, "--raw")
    assert code == 0 and ARTICLE.strip().splitlines()[0] in raw
    code, out = _invoke("failures", "--db", db)
    assert code == 0 and "[ingest]" in out and "(1 failures)" in out


def test_unknown_document_is_a_clear_error(tmp_path: Path) -> None:
    code, out = _invoke("docs", "show", "nothing", "--db", f"sqlite:///{tmp_path / 'r.db'}")
    assert code == 3
    assert "no document" in out


def test_bad_database_url() -> None:
    code, out = _invoke("docs", "list", "--db", "mysql://host/db")
    assert code == 1
    assert "unsupported database URL" in out


def test_run_requires_a_path(tmp_path: Path) -> None:
    code, out = _invoke("run", "--db", f"sqlite:///{tmp_path / 'r.db'}")
    assert code == 2 and "PATH" in out


def test_export_formats(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'r.db'}"
    (tmp_path / "hama.txt").write_text(ARTICLE, encoding="utf-8")
    code, _ = _invoke("ingest", "--db", db, "--quiet", str(tmp_path / "hama.txt"))
    assert code == 0
    for fmt in ("jsonl", "csv", "geojson"):
        out_file = tmp_path / f"events.{fmt}"
        code, out = _invoke("export", "--db", db, "--format", fmt, "-o", str(out_file))
        assert code == 0, out
        assert out_file.exists()
    assert json.loads((tmp_path / "events.geojson").read_text())["type"] == "FeatureCollection"


def test_events_list_has_a_header_and_counts_each_events_articles(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'samples.db'}"
    runner = CliRunner()
    assert runner.invoke(main, ["run", "--samples", "--db", db]).exit_code == 0
    reports = runner.invoke(main, ["events", "list", "--db", db, "--level", "report",
                                   "--limit", "1000"]).output.splitlines()
    canonical = runner.invoke(main, ["events", "list", "--db", db,
                                     "--limit", "1000"]).output.splitlines()
    assert reports[0].split()[:3] == ["id", "date", "sub-event"]
    assert not reports[0].endswith("articles")
    assert canonical[0].endswith("status      articles")
    n_reports = int(reports[-1].split()[2])
    # Every report is in exactly one canonical event, and never two of one article in one.
    articles = [int(line.split()[-1]) for line in canonical[1:-1]]
    assert len(articles) < n_reports
    assert sum(articles) == n_reports
