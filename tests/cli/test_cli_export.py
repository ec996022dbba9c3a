"""``rasd export`` and ``rasd events list`` defaults: canonical, current events; background
and evidence on request. The articles are composed for these tests."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

import rasd
from rasd.cli.main import main

TEXT = ("قُتل جنديان في هجوم مسلح على حاجز للجيش قرب مدينة درعا أمس.\n"
        "ويذكر أن مدينة حمص شهدت في شهر أيار 2012 قصفاً مدفعياً قتل فيه عشرون مدنياً.")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'rasd.db'}"
    with rasd.open(url) as handle:
        handle.run(documents=[rasd.document(TEXT, source="وكالة ج", url="https://c.example/3",
                                            published=date(2024, 3, 5))])
    return url


def _export(db: str, *args: str) -> tuple[str, str]:
    res = CliRunner().invoke(main, ["export", "--db", db, *args])
    assert res.exit_code == 0, res.output
    return res.stdout, res.stderr


@pytest.mark.parametrize(("args", "statuses"), [
    ((), ["current"]),
    (("--status", "background"), ["background"]),
    (("--status", "all"), ["background", "current"]),
    (("--level", "report", "--status", "all"), ["background", "current"]),
])
def test_export_is_current_unless_asked(db: str, args: tuple[str, ...],
                                        statuses: list[str]) -> None:
    out, err = _export(db, *args)
    records = [json.loads(line) for line in out.splitlines()]
    assert sorted(r["status"] for r in records) == statuses
    assert f"exported {len(records)} events" in err


def test_events_list_counts_current_events(db: str) -> None:
    res = CliRunner().invoke(main, ["events", "list", "--db", db])
    assert "(1 of 1 events)" in res.output
    res = CliRunner().invoke(main, ["events", "list", "--db", db, "--status", "all"])
    assert "(2 of 2 events)" in res.output


def test_csv_with_evidence(db: str) -> None:
    out, _ = _export(db, "--format", "csv", "--with-evidence")
    (row,) = csv.DictReader(io.StringIO(out))
    assert row["evidence_urls"] == "https://c.example/3" and "درعا" in row["evidence"]
    plain, _ = _export(db, "--format", "csv")
    assert "evidence" not in plain.splitlines()[0]


def test_parquet_needs_a_file(db: str, tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["export", "--db", db, "--format", "parquet"])
    assert res.exit_code == 2 and "--output" in res.output
    pytest.importorskip("pyarrow")
    out = tmp_path / "e.parquet"
    _export(db, "--format", "parquet", "-o", str(out), "--status", "all")
    assert out.stat().st_size > 0


@pytest.mark.parametrize(("args", "places"), [
    (("--status", "all"), ["Dar‘ā", "Homs"]),
    (("--status", "all", "--bbox", "35.9,32.5,36.3,32.8"), ["Dar‘ā"]),  # Daraa only
    (("--status", "all", "--bbox", "30,20,31,21"), []),
    (("--status", "all", "--civilians"), ["Homs"]),  # the shelling that killed civilians
])
def test_the_cli_takes_the_map_box_and_civilian_filters(db: str, args: tuple[str, ...],
                                                        places: list[str]) -> None:
    out, _ = _export(db, *args)
    found = sorted(json.loads(line)["location"]["name"] for line in out.splitlines())
    assert found == places


@pytest.mark.parametrize("args", [
    ("--type", "Battle"),  # ACLED's type is "Battles"
    ("--bbox", "36,32"),
    ("--bbox", "37,32,36,33"),
])
def test_a_bad_filter_value_is_a_usage_error(db: str, args: tuple[str, ...]) -> None:
    for command in (["export"], ["events", "list"]):
        res = CliRunner().invoke(main, [*command, "--db", db, *args])
        assert res.exit_code == 2, res.output
        assert "unexpected" not in res.output and "Traceback" not in res.output
