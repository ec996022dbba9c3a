"""Exports: JSON Lines round trip, CSV with ACLED's columns, GeoJSON."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from rasd.models import (
    Actor,
    DateSpan,
    Event,
    Evidence,
    Fatalities,
    Location,
    event_from_json,
)
from rasd.store.export import CSV_COLUMNS, export_string


def _events() -> list[Event]:
    located = Event(
        event_id="e1", doc_id="d1", status="current", event_type="Violence against civilians",
        sub_event_type="Attack",
        actor1=Actor("isis", "Islamic State", "داعش", 2),
        actor2=Actor("civ-sy", "Civilians (Syria)", "مدنيون", 7, "SY"),
        location=Location("Al Mayadin", "الميادين", 35.02, 40.45, 2, "g:1", "Deir ez-Zor",
                          "Al Mayadin", "SY"),
        date=DateSpan(date(2024, 5, 2), date(2024, 5, 2), 1),
        fatalities=Fatalities(4, 4, 6),
        evidence=(Evidence("d1", "أعدم التنظيم أربعة مدنيين قرب الميادين، وقال \"شاهد\"", 0, 40),),
        assoc_actor1=(Actor("x", "Ally, \"quoted\"", "حليف", 3),),
        sources=("مرصد",), notes="Islamic State attacked Civilians (Syria).",
    )
    unlocated = Event(
        event_id="e2", doc_id="d1", status="background", event_type="Strategic developments",
        sub_event_type="Agreement", actor1=None, actor2=None, location=None, date=None,
        fatalities=None, evidence=(),
    )
    return [located, unlocated]


def test_jsonl_round_trip() -> None:
    lines = export_string(_events(), fmt="jsonl").splitlines()
    assert [event_from_json(json.loads(x)) for x in lines] == _events()


def test_csv_has_acled_columns_and_quotes_safely() -> None:
    rows = list(csv.DictReader(io.StringIO(export_string(_events(), fmt="csv"))))
    assert tuple(rows[0].keys()) == CSV_COLUMNS  # ACLED's, then status
    first = rows[0]
    assert first["event_date"] == "2024-05-02"
    assert first["disorder_type"] == "Political violence"
    assert first["civilian_targeting"] == "Civilian targeting"
    assert first["interaction"] == "27"
    assert first["iso"] == "760"
    assert first["country"] == "Syria"
    assert first["fatalities"] == "4"
    assert first["assoc_actor_1"] == 'Ally, "quoted"'
    assert rows[1]["event_date"] == "" and rows[1]["fatalities"] == "0"


def test_geojson_is_valid_and_skips_unlocated() -> None:
    doc = json.loads(export_string(_events(), fmt="geojson"))
    assert doc["type"] == "FeatureCollection"
    [feat] = doc["features"]
    assert feat["geometry"] == {"type": "Point", "coordinates": [40.45, 35.02]}
    assert feat["properties"]["sub_event_type"] == "Attack"
    assert json.loads(export_string([], fmt="geojson"))["features"] == []


def test_csv_cells_that_a_spreadsheet_would_evaluate_are_escaped() -> None:
    # A formula in a name or a note (article text reaches notes and actor names) must
    # arrive in the spreadsheet as text; numbers, negative coordinates included, stay numbers.
    base = _events()[0]
    risky = Event(
        event_id="e3", doc_id="d1", status="current", event_type="Battles",
        sub_event_type="Armed clash",
        actor1=Actor("x1", "=HYPERLINK(\"http://evil\",\"x\")", "=1+1", 2),
        actor2=Actor("x2", "+SUM(A1)", "", 2),
        location=Location("@cmd", "مكان", -33.5, -70.6, 2, None, "-2+3", "\tA", "SY"),
        date=base.date, fatalities=base.fatalities, evidence=(),
        assoc_actor1=(Actor("x3", "\r=1", "", 3),), notes="-1+1 note",
    )
    row = next(csv.DictReader(io.StringIO(export_string([risky], fmt="csv"))))
    assert row["actor1"] == "'=HYPERLINK(\"http://evil\",\"x\")"
    assert row["actor2"] == "'+SUM(A1)"
    assert row["location"] == "'@cmd"
    assert row["admin1"] == "'-2+3"
    assert row["admin2"] == "'\tA"
    assert row["assoc_actor_1"] == "'\r=1"
    assert row["notes"] == "'-1+1 note"
    assert row["latitude"] == "-33.5" and row["longitude"] == "-70.6"
    for value in row.values():
        assert not value.startswith(("=", "+", "-", "@", "\t", "\r")) or value in ("-33.5",
                                                                                     "-70.6")
