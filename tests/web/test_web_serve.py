"""``rasd serve`` (the CLI edge), the shipped map outlines and the evidence highlight terms."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from rasd.cli.main import main
from rasd.errors import StoreError
from rasd.models import Actor, Event, Location
from rasd.store.export import country_table
from rasd.web.app import SETTINGS_ENV, app_from_env
from rasd.web.highlight import highlight_terms

ROOT = Path(__file__).resolve().parents[2]
BOUNDARIES = ROOT / "src" / "rasd" / "data" / "boundaries"


def test_serve_binds_to_localhost_by_default(sample_db: str,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: calls.append({"app": app, **kw}))
    result = CliRunner().invoke(main, ["serve", "--db", sample_db, "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert calls[0]["host"] == "127.0.0.1" and calls[0]["port"] == 8000
    assert calls[0]["app"].state.config["tiles"] == ""
    assert calls[0]["app"].state.allowed_hosts == ("127.0.0.1", "::1", "localhost")
    result = CliRunner().invoke(main, ["serve", "--db", sample_db, "--workers", "1",
                                       "--host", "0.0.0.0",
                                       "--port", "9001", "--tiles",
                                       "https://tile.example.org/{z}/{x}/{y}.png"])
    assert result.exit_code == 0
    assert calls[1]["host"] == "0.0.0.0" and calls[1]["port"] == 9001
    assert "reachable from other machines" in result.output
    assert calls[1]["app"].state.config["tiles"].startswith("https://tile.example.org")


def test_serve_runs_workers_that_build_the_same_app(sample_db: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, int, int]] = []
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: pytest.fail("one process"))
    monkeypatch.setattr("rasd.web.workers.listen", lambda host, port: (host, port))
    monkeypatch.setattr("rasd.web.workers.serve_balanced",
                        lambda listener, workers: calls.append((*listener, workers)))
    monkeypatch.delenv(SETTINGS_ENV, raising=False)
    result = CliRunner().invoke(main, ["serve", "--db", sample_db, "--workers", "2",
                                       "--host", "10.0.0.5", "--allow-host", "rasd.lan",
                                       "--tiles", "https://tile.example.org/{z}/{x}/{y}.png"])
    assert result.exit_code == 0, result.output
    assert calls == [("10.0.0.5", 8000, 2)]
    worker = app_from_env()  # what each worker process runs
    assert worker.state.allowed_hosts == ("10.0.0.5", "127.0.0.1", "::1", "localhost",
                                          "rasd.lan")
    assert worker.state.config["tiles"].startswith("https://tile.example.org")
    monkeypatch.delenv(SETTINGS_ENV)
    with pytest.raises(StoreError, match=SETTINGS_ENV):
        app_from_env()


@pytest.mark.parametrize(("args", "message"), [
    (["--tiles", "file:///etc/passwd"], "http"),
    (["--port", "70000"], "70000"),
])
def test_serve_rejects_bad_options(sample_db: str, monkeypatch: pytest.MonkeyPatch,
                                   args: list[str], message: str) -> None:
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: pytest.fail("must not start"))
    result = CliRunner().invoke(main, ["serve", "--db", sample_db, *args])
    assert result.exit_code == 2 and message in result.output


def test_serve_on_a_missing_database_is_a_clear_error(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: pytest.fail("must not start"))
    result = CliRunner().invoke(main, ["serve", "--db", f"sqlite:///{tmp_path / 'none.db'}"])
    assert result.exit_code == 1 and "no database" in result.output


def test_shipped_outlines_are_small_and_complete() -> None:
    # Everything the page draws offline, in well under a megabyte.
    sizes = sum(p.stat().st_size for p in BOUNDARIES.glob("*.geojson"))
    assert sizes < 600_000
    admin1 = json.loads((BOUNDARIES / "admin1.geojson").read_text(encoding="utf-8"))
    by_country: dict[str, int] = {}
    for f in admin1["features"]:
        by_country[f["properties"]["country"]] = by_country.get(f["properties"]["country"], 0) + 1
        assert f["geometry"]["coordinates"]
        if f["properties"]["country"] in ("SY", "IQ"):
            assert f["properties"]["name_ar"]
    assert by_country == {"IQ": 18, "SY": 14, "YE": 22, "LY": 22, "SD": 18, "SO": 13,
                          "JO": 12, "LB": 8, "PS": 2}
    countries = json.loads((BOUNDARIES / "countries.geojson").read_text(encoding="utf-8"))
    for f in countries["features"]:
        rings = f["geometry"]["coordinates"]
        assert rings and all(r[0] == r[-1] and len(r) > 50 for r in rings)
    # Every country rasd geocodes has an outline, as land among its neighbours.
    world = json.loads((BOUNDARIES / "world.geojson").read_text(encoding="utf-8"))
    coded = {f["properties"]["iso2"] for f in world["features"] if f["properties"]["coded"]}
    assert coded == set(country_table())
    assert len(world["features"]) > 2 * len(coded)
    for f in world["features"]:
        for poly in f["geometry"]["coordinates"]:
            assert all(r[0] == r[-1] and len(r) >= 4 for r in poly)
    # Governorate labels: OCHA's names in Syria and Iraq, the gazetteer's elsewhere.
    labels = json.loads((BOUNDARIES / "labels.geojson").read_text(encoding="utf-8"))
    named = {(f["properties"]["country"], f["properties"]["name_ar"])
             for f in labels["features"]}
    assert ("SY", "إدلب") in named and ("IQ", "نينوى") in named and ("YE", "تعز") in named
    assert len(labels["features"]) >= 120


@pytest.mark.shared
def test_outlines_are_rebuilt_from_shared(shared_dir: Path, tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("build_boundaries",
                                                  ROOT / "scripts" / "build_boundaries.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.build(shared_dir, tmp_path, tolerance=0.004)
    for name in ("admin1.geojson", "countries.geojson", "labels.geojson"):
        assert (tmp_path / name).read_bytes() == (BOUNDARIES / name).read_bytes(), name


def test_simplify_keeps_corners_and_drops_collinear_points() -> None:
    spec = importlib.util.spec_from_file_location("build_boundaries",
                                                  ROOT / "scripts" / "build_boundaries.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    square = [(0.0, 0.0), (0.5, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)]
    assert mod.simplify(square, 0.01) == [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0),
                                          (0.0, 0.0)]
    # Two squares side by side: their shared edge cancels, the outline is the rectangle.
    left = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)]
    right = [(1.0, 0.0), (2.0, 0.0), (2.0, 1.0), (1.0, 1.0), (1.0, 0.0)]
    [ring] = mod._outline([left, right])
    assert set(ring) == {(0.0, 0.0), (1.0, 0.0), (2.0, 0.0), (2.0, 1.0), (1.0, 1.0), (0.0, 1.0)}


def test_highlight_terms_fold_names_and_strip_country_qualifiers() -> None:
    civ = Actor("civ-sy", "Civilians (Syria)", "مدنيون (سوريا)", 7, "SY")
    ev = Event(event_id="x", doc_id="d", status="current", event_type="Battles",
               sub_event_type="Armed clash", actor1=civ, actor2=None,
               location=Location("Idlib", "إدلب", 35.9, 36.6, 1), date=None, fatalities=None,
               evidence=())
    terms = highlight_terms(ev)
    assert ["مدنيين"] in terms["actor"] and ["مدنيون"] in terms["actor"]
    assert ["ادلب"] in terms["place"]
    assert any(t[0].startswith("اشتباك") for t in terms["trigger"])
    lengths = [len(t) for t in terms["trigger"]]
    assert lengths == sorted(lengths, reverse=True)
