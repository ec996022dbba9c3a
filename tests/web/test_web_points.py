"""/api/points writes its body itself: the same JSON content as encoding the object."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from fastapi.responses import JSONResponse
from web_samples import TestClient

import rasd
from rasd.cli.main import sample_paths
from rasd.pipeline.orchestrator import Pipeline
from rasd.store import open_store
from rasd.web.api import POINT_DECIMALS, point_body
from rasd.web.app import create_app


def encoded(level: str, pts: list[tuple[Any, ...]], total: int) -> Any:
    """The object the endpoint answered before, encoded as ``JSONResponse`` does it."""
    types: dict[str, int] = {}
    rows = [[i, round(lat, POINT_DECIMALS), round(lon, POINT_DECIMALS),
             types.setdefault(kind, len(types)), dead] for i, lat, lon, kind, dead in pts]
    obj = {"level": level, "total": total, "returned": len(pts),
           "fields": ["event_id", "lat", "lon", "event_type", "fatalities"],
           "event_types": list(types), "points": rows}
    return json.loads(bytes(JSONResponse(obj).body))


# Values whose writing differs between repr(round(x, 5)) and "{x:.5f}", ties of the
# fifth decimal that are exact in binary (k / 64), ids that need quoting.
ROWS: list[tuple[Any, ...]] = [
    ("e1", 33.0, 36.5, "Battles", 0),
    ("e2", 1 / 64, -1 / 64, "Battles", 3),  # 0.015625: a tie, to even 0.01562
    ("e3", 3 / 64, 2.000005, "Explosions/Remote violence", 12),
    ("e4", 0.000001, -0.000004, "Riots", 1),  # round to 0.0 and -0.0
    ("e5", 0.00001, -0.00004, "Riots", 7),  # repr writes 1e-05
    ('q"\\ معرّف\n', -179.999995, 89.123456789, "معركة", 2),
    ("e7", 12.3456749999, 12.345675, "Battles", 10**12),
    ("e8", 33, -44, "Battles", 5),  # whole numbers, as a REAL column may hand back
]


@pytest.mark.parametrize("rows", [ROWS, ROWS[:1], []])
def test_point_body_is_the_encoded_object(rows: list[tuple[Any, ...]]) -> None:
    body = point_body("canonical", rows, 99)
    got = json.loads(body)
    assert got == encoded("canonical", rows, 99)
    # Equal floats say nothing of a sign of zero; the rounded -0.000004 keeps its sign.
    assert [[math.copysign(1, x) for x in p[1:3]] for p in got["points"]] == \
        [[math.copysign(1, x) for x in p[1:3]] for p in encoded("canonical", rows, 99)["points"]]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_points_endpoint_matches_the_encoded_object(backend: str, tmp_path: Any,
                                                    request: pytest.FixtureRequest) -> None:
    url = request.getfixturevalue("pg_url") if backend == "postgresql" \
        else f"sqlite:///{tmp_path / 'p.db'}"
    with open_store(url) as store:
        assert Pipeline(store).run(sample_paths()).events > 0
    with rasd.open(url) as db, TestClient(create_app(url)) as client:
        for level in ("report", "canonical"):
            for limit in (10000, 2):
                pts, total = db.points(limit=limit, level=level)
                assert pts
                res = client.get("/api/points", params={"level": level, "limit": limit})
                assert res.status_code == 200
                assert res.headers["content-type"] == "application/json"
                assert res.json() == encoded(level, pts, total)


def test_a_coordinate_that_is_no_number_is_an_error_not_invalid_json() -> None:
    from rasd.web.api import point_body

    for bad in (float("nan"), float("inf")):
        with pytest.raises(ValueError, match="finite"):
            point_body("canonical", [("e1", bad, 36.0, "Battles", 0)], 1)
