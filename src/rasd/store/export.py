"""Exports of events: JSON Lines (the output record), CSV with ACLED's columns, GeoJSON,
Parquet (typed columns, the optional ``parquet`` extra).

``docs/data.md`` documents every column; a test compares it with what these
writers produce.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import islice
from pathlib import Path
from typing import Any, Literal, TextIO, TypeVar

from rasd.errors import ExportError
from rasd.models import Event

Format = Literal["jsonl", "csv", "geojson", "parquet"]
FORMATS: tuple[str, ...] = ("jsonl", "csv", "geojson", "parquet")
# Formats written as bytes to a file (not text to a stream).
BINARY_FORMATS: tuple[str, ...] = ("parquet",)

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)

# What the tables (Parquet, DataFrames) add to ACLED's columns: whether the event is
# the article's news or history it mentions (``status``); and, when asked for, the
# evidence sentences and the URLs of the articles they come from (CSV too).
STATUS_COLUMNS = ("status",)
EVIDENCE_COLUMNS = ("evidence", "evidence_urls")
TABLE_COLUMNS = ACLED_COLUMNS + STATUS_COLUMNS
# The CSV's columns (before the evidence ones): an export of every status (``--status
# all``) must say which rows are background events, which ACLED's columns cannot.
CSV_COLUMNS = ACLED_COLUMNS + STATUS_COLUMNS
# The type of each column in typed tables: "date", "int" (nullable), "float", "text".
COLUMN_TYPES: dict[str, str] = {
    **dict.fromkeys(TABLE_COLUMNS + EVIDENCE_COLUMNS, "text"),
    "event_date": "date", "latitude": "float", "longitude": "float",
    **dict.fromkeys(("year", "time_precision", "inter1", "inter2", "interaction", "iso",
                     "geo_precision", "fatalities", "timestamp"), "int"),
}
UrlLookup = Callable[[set[str]], Mapping[str, str | None]]
"""Document names -> their URLs, asked once per batch of exported events."""

# Evidence sentences of one event are joined with this in a CSV cell (sentences
# never hold a line break: cleaning splits on them), URLs with a space.
EVIDENCE_SEPARATOR = "\n"

_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
# ISO 3166 numeric codes and names of the countries rasd geocodes, for ACLED's iso/country.
_COUNTRIES: dict[str, tuple[int, str, str]] = {
    "SY": (760, "Syria", "Middle East"), "IQ": (368, "Iraq", "Middle East"),
    "YE": (887, "Yemen", "Middle East"), "LB": (422, "Lebanon", "Middle East"),
    "PS": (275, "Palestine", "Middle East"), "JO": (400, "Jordan", "Middle East"),
    "SA": (682, "Saudi Arabia", "Middle East"), "TR": (792, "Turkey", "Middle East"),
    "IR": (364, "Iran", "Middle East"), "IL": (376, "Israel", "Middle East"),
    "LY": (434, "Libya", "Northern Africa"), "EG": (818, "Egypt", "Northern Africa"),
    "SD": (729, "Sudan", "Eastern Africa"), "TN": (788, "Tunisia", "Northern Africa"),
    "DZ": (12, "Algeria", "Northern Africa"), "MA": (504, "Morocco", "Northern Africa"),
    "SO": (706, "Somalia", "Eastern Africa"), "KW": (414, "Kuwait", "Middle East"),
    "BH": (48, "Bahrain", "Middle East"), "QA": (634, "Qatar", "Middle East"),
    "AE": (784, "United Arab Emirates", "Middle East"), "OM": (512, "Oman", "Middle East"),
    "MR": (478, "Mauritania", "Northern Africa"), "DJ": (262, "Djibouti", "Eastern Africa"),
    "KM": (174, "Comoros", "Eastern Africa"),
}


def country_table() -> dict[str, tuple[int, str, str]]:
    """ISO alpha-2 code -> (ISO numeric code, English name, ACLED region) of the countries
    rasd geocodes."""
    return dict(_COUNTRIES)


def acled_row(ev: Event) -> dict[str, Any]:
    loc = ev.location
    country = (loc.country if loc else None) or ""
    iso, cname, region = _COUNTRIES.get(country, (0, country, ""))
    inter1 = ev.actor1.inter if ev.actor1 else 0
    inter2 = ev.actor2.inter if ev.actor2 else 0
    pair = sorted(i for i in (inter1, inter2) if i)
    interaction = int("".join(map(str, pair))) if pair else 0
    return {
        "event_id_cnty": ev.event_id,
        "event_date": ev.date.start.isoformat() if ev.date else "",
        "year": ev.date.start.year if ev.date else "",
        "time_precision": ev.date.precision if ev.date else "",
        "disorder_type": _DISORDER.get(ev.event_type, ""),
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "actor1": ev.actor1.name if ev.actor1 else "",
        "assoc_actor_1": "; ".join(a.name for a in ev.assoc_actor1),
        "inter1": inter1 or "",
        "actor2": ev.actor2.name if ev.actor2 else "",
        "assoc_actor_2": "; ".join(a.name for a in ev.assoc_actor2),
        "inter2": inter2 or "",
        "interaction": interaction or "",
        "civilian_targeting": "Civilian targeting" if inter2 == 7 else "",
        "iso": iso or "",
        "region": region,
        "country": cname,
        "admin1": loc.admin1 or "" if loc else "",
        "admin2": loc.admin2 or "" if loc else "",
        "admin3": "",
        "location": loc.name if loc else "",
        "latitude": loc.lat if loc else "",
        "longitude": loc.lon if loc else "",
        "geo_precision": loc.precision if loc else "",
        "source": "; ".join(ev.sources),
        "source_scale": "",
        "notes": ev.notes,
        "fatalities": ev.fatalities.best if ev.fatalities else 0,
        "tags": "",
        "timestamp": "",
    }


# OWASP "CSV injection": a spreadsheet runs a cell starting with one of these as a formula
# (tab and carriage return can hide one after a separator). Such a text cell gets a
# leading apostrophe, which spreadsheets show as text and do not evaluate. Numbers
# (negative coordinates) are left alone: they are written by the csv module as numbers.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> object:
    """A CSV cell value that a spreadsheet will not evaluate as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_row(ev: Event) -> dict[str, Any]:
    """``acled_row`` with every text cell made safe for spreadsheets (``csv_safe``)."""
    return {k: csv_safe(v) for k, v in acled_row(ev).items()}


def evidence_cells(ev: Event, urls: Mapping[str, str | None]) -> dict[str, str]:
    """The evidence columns of an event: its sentences, and the URLs of their articles
    (``urls``: document name -> URL; an article with no URL is left out)."""
    seen = dict.fromkeys(u for e in ev.evidence if (u := urls.get(e.doc_id)))
    return {"evidence": EVIDENCE_SEPARATOR.join(e.text for e in ev.evidence),
            "evidence_urls": " ".join(seen)}


def typed_row(ev: Event, *, urls: Mapping[str, str | None] | None = None) -> dict[str, Any]:
    """An event's row of :data:`TABLE_COLUMNS` with typed values: None where ACLED's CSV
    has an empty cell (``COLUMN_TYPES`` says each column's type); with ``urls``, the
    evidence columns too."""
    row = acled_row(ev)
    out: dict[str, Any] = {}
    for col in ACLED_COLUMNS:
        value = row[col]
        kind = COLUMN_TYPES[col]
        if value == "" and kind != "text":
            out[col] = None
        elif kind == "date":
            out[col] = ev.date.start if ev.date else None
        else:
            out[col] = value
    out["status"] = ev.status
    if urls is not None:
        out.update(evidence_cells(ev, urls))
    return out


def write_parquet(events: Iterable[Event], path: str | Path, *,
                  urls: Mapping[str, str | None] | UrlLookup | None = None,
                  batch: int = 10_000) -> int:
    """A Parquet file of :data:`TABLE_COLUMNS` (and the evidence columns with ``urls``),
    typed by ``COLUMN_TYPES``, written in row groups of ``batch`` events."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ExportError("Parquet needs pyarrow: pip install 'rasd[parquet]'") from exc
    lookup = url_lookup(urls)
    arrow = {"date": pa.date32(), "int": pa.int64(), "float": pa.float64(), "text": pa.string()}
    columns = TABLE_COLUMNS + (EVIDENCE_COLUMNS if lookup is not None else ())
    schema = pa.schema([(c, arrow[COLUMN_TYPES[c]]) for c in columns],
                       metadata={b"pandas": pandas_metadata(columns)})
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        for chunk in batched(events, batch):
            found = lookup({e.doc_id for ev in chunk for e in ev.evidence}) \
                if lookup is not None else None
            rows = [typed_row(ev, urls=found) for ev in chunk]
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            n += len(rows)
        if n == 0:
            writer.write_table(pa.Table.from_pylist([], schema=schema))
    return n


# How pandas reads each column type back (``pd.read_parquet``): the nullable dtypes
# of ``EventList.to_pandas``; a date32 column is read as ``datetime.date`` objects.
_PANDAS_TYPES = {"date": ("date", "object"), "int": ("int64", "Int64"),
                 "float": ("float64", "float64"), "text": ("unicode", "string")}


def pandas_metadata(columns: Iterable[str]) -> bytes:
    """The ``pandas`` schema metadata of a Parquet export, the one pyarrow writes for a
    DataFrame: without it ``pd.read_parquet`` reads a nullable integer column as
    ``int64`` (``float64`` once it holds a null) and text as ``object``. Written here
    so exports need pyarrow only, not pandas."""
    cols = [{"name": c, "field_name": c, "pandas_type": _PANDAS_TYPES[COLUMN_TYPES[c]][0],
             "numpy_type": _PANDAS_TYPES[COLUMN_TYPES[c]][1], "metadata": None}
            for c in columns]
    return json.dumps({"index_columns": [], "column_indexes": [], "columns": cols,
                       "attributes": {}, "creator": {"library": "rasd"}}).encode()


T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last one shorter); itertools.batched is 3.12+."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def geojson_feature(ev: Event) -> dict[str, Any] | None:
    if ev.location is None:
        return None
    props = ev.to_json()
    props.pop("location")
    props["location_name"] = ev.location.name
    props["location_name_ar"] = ev.location.name_ar
    props["geo_precision"] = ev.location.precision
    props["admin1"] = ev.location.admin1
    props["country"] = ev.location.country
    # GIS tools (QGIS, OGR, GeoPandas) read a nested object as one opaque value: what a
    # layer filters, labels and styles on comes flat too (docs/data.md).
    props["event_date"] = ev.date.start.isoformat() if ev.date else None
    props["event_date_end"] = ev.date.end.isoformat() if ev.date else None
    props["time_precision"] = ev.date.precision if ev.date else None
    props["fatalities_best"] = ev.fatalities.best if ev.fatalities else None
    props["actor1_name"] = ev.actor1.name if ev.actor1 else None
    props["actor2_name"] = ev.actor2.name if ev.actor2 else None
    return {"type": "Feature", "id": ev.event_id,
            "geometry": {"type": "Point", "coordinates": [ev.location.lon, ev.location.lat]},
            "properties": props}


def url_lookup(urls: Mapping[str, str | None] | UrlLookup | None) -> UrlLookup | None:
    """A batch lookup from a ready mapping (or a lookup, or None, as they are)."""
    if urls is None or callable(urls):
        return urls
    table = urls
    return lambda _names: table


def iter_export(events: Iterable[Event], fmt: str, *,
                canonical_of: Mapping[str, str] | None = None,
                urls: Mapping[str, str | None] | UrlLookup | None = None,
                batch: int = 500) -> Iterator[tuple[str, int]]:
    """The text formats, ``batch`` events at a time: (text, events written in it).

    The one writer behind ``rasd export``, ``Database.export`` and the HTTP API's
    streamed ``/api/export``. JSON Lines: the output record a line; with
    ``canonical_of`` (report id to canonical event id, for report-level exports)
    each record also carries its ``canonical_id`` (null when the report is not
    merged yet), which ``rasd eval --merge`` scores. CSV: ACLED's columns and
    ``status`` (:data:`CSV_COLUMNS`), every text cell made safe for spreadsheets;
    with ``urls`` the evidence columns too, the URLs looked up a batch at a time so a
    large export is read once. GeoJSON:
    a FeatureCollection; events with no location are left out.
    """
    if fmt in BINARY_FORMATS:
        raise ValueError(f"{fmt} is written to a file: use write_parquet")
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    lookup = url_lookup(urls)
    buf = io.StringIO()
    columns = list(CSV_COLUMNS) + (list(EVIDENCE_COLUMNS) if lookup is not None else [])
    writer = csv.DictWriter(buf, fieldnames=columns)
    if fmt == "csv":
        writer.writeheader()
    elif fmt == "geojson":
        buf.write('{"type": "FeatureCollection", "features": [\n')
    written = 0
    for chunk in batched(events, batch):
        n = 0
        found = lookup({e.doc_id for ev in chunk for e in ev.evidence}) \
            if lookup is not None and fmt == "csv" else {}
        for ev in chunk:
            if fmt == "csv":
                row = csv_row(ev)
                row["status"] = ev.status
                if lookup is not None:
                    row.update({k: csv_safe(v) for k, v in evidence_cells(ev, found).items()})
                writer.writerow(row)
            elif fmt == "jsonl":
                record = ev.to_json()
                if canonical_of is not None:
                    record["canonical_id"] = canonical_of.get(ev.event_id)
                buf.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                feat = geojson_feature(ev)
                if feat is None:
                    continue
                buf.write((",\n" if written + n else "") + json.dumps(feat, ensure_ascii=False))
            n += 1
        written += n
        yield buf.getvalue(), n
        buf.seek(0)
        buf.truncate()
    if fmt == "geojson":
        buf.write("\n]}\n")
    if buf.tell() or written == 0:
        yield buf.getvalue(), 0


def export(events: Iterable[Event], out: TextIO, *, fmt: str,
           canonical_of: Mapping[str, str] | None = None,
           urls: Mapping[str, str | None] | UrlLookup | None = None) -> int:
    """Write ``events`` in a text format ``fmt`` (see :func:`iter_export`; Parquet:
    :func:`write_parquet`); returns how many were written."""
    n = 0
    for text, k in iter_export(events, fmt, canonical_of=canonical_of, urls=urls):
        out.write(text)
        n += k
    return n


def export_string(events: Iterable[Event], *, fmt: str) -> str:
    buf = io.StringIO()
    export(events, buf, fmt=fmt)
    return buf.getvalue()

