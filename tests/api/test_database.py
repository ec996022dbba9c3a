"""``rasd.open`` and the database handle, through the public API only.

The articles are composed for these tests: two outlets report one air strike
(one canonical event of two reports), a third reports a clash and recalls an
older bombardment (a background event).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import geojson
import pytest

import rasd

ARTICLES = [
    dict(name="خبر-أ", source="وكالة أ", url="https://a.example/1", published=date(2024, 3, 5),
         text="قُتل ثلاثة مدنيين وأصيب خمسة آخرون في قصف جوي استهدف سوقاً شعبياً في "
              "مدينة إدلب صباح اليوم."),
    dict(name="خبر-ب", source="وكالة ب", url="https://b.example/2", published=date(2024, 3, 5),
         text="أفاد مصدر محلي بمقتل ثلاثة مدنيين جراء غارة جوية على سوق في مدينة إدلب "
              "اليوم الثلاثاء."),
    dict(name="خبر-ج", source="وكالة ج", url="https://c.example/3", published=date(2024, 3, 5),
         text="قُتل جنديان في هجوم مسلح على حاجز للجيش قرب مدينة درعا أمس.\n"
              "ويذكر أن مدينة حمص شهدت في شهر أيار 2012 قصفاً مدفعياً قتل فيه عشرون مدنياً."),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[rasd.Database]:
    path = tmp_path_factory.mktemp("api") / "rasd.db"
    with rasd.open(f"sqlite:///{path}") as handle:
        stats = handle.run(documents=[rasd.document(**a) for a in ARTICLES])
        assert stats.failed == 0 and stats.extracted == 3
        yield handle


def test_events_default_to_current_canonical_events(db: rasd.Database) -> None:
    events = db.events()
    assert sorted(e.sub_event_type for e in events) == ["Air/drone strike", "Armed clash"]
    assert all(e.status == "current" and e.event_id.startswith("c") for e in events)
    (strike,) = [e for e in events if e.location and e.location.name == "Idlib"]
    assert sorted(strike.sources) == ["وكالة أ", "وكالة ب"]
    assert db.count() == len(events) == 2


def test_background_events_appear_only_when_asked_for(db: rasd.Database) -> None:
    background = db.events(status="background")
    assert [(e.location.name if e.location else None, e.status) for e in background] == \
        [("Homs", "background")]
    everything = db.events(status="all")
    assert len(everything) == 3 and db.count(status="all") == 3
    assert {e.event_id for e in db.events()} < {e.event_id for e in everything}


def test_report_level_has_one_event_per_article(db: rasd.Database) -> None:
    reports = db.events(level="report", status="all")
    assert sorted(e.doc_id for e in reports) == ["خبر-أ", "خبر-ب", "خبر-ج", "خبر-ج"]
    assert db.count(level="report") == 3


@pytest.mark.parametrize(("filters", "places"), [
    ({"country": "SY"}, ["Dar‘ā", "Idlib"]),
    ({"event_type": "Battles"}, ["Dar‘ā"]),
    ({"event_type": ["Battles", "Explosions/Remote violence"]}, ["Dar‘ā", "Idlib"]),
    ({"date_from": "2024-03-05"}, ["Idlib"]),
    ({"date_to": date(2024, 3, 4)}, ["Dar‘ā"]),
    ({"text": "غاره جويه"}, ["Idlib"]),  # folded: ة written ه
    ({"civilians": True}, ["Idlib"]),
    ({"actor": "الجيش السوري"}, ["Dar‘ā"]),
    ({"doc": "خبر-ب"}, ["Idlib"]),
])
def test_events_take_the_cli_and_http_filters(db: rasd.Database, filters: dict[str, object],
                                              places: list[str]) -> None:
    found = db.events(**filters)
    assert sorted(e.location.name for e in found if e.location) == places


def test_a_misspelt_filter_is_an_error_not_everything(db: rasd.Database) -> None:
    with pytest.raises(TypeError, match="countri"):
        db.events(countri="SY")
    with pytest.raises(ValueError, match="status"):
        db.events(status="old")


def test_event_by_canonical_or_report_id(db: rasd.Database) -> None:
    for ev in [*db.events(), *db.events(level="report")]:
        assert db.event(ev.event_id) == ev
    with pytest.raises(rasd.NotFoundError):
        db.event("c0000000000000000")


def test_documents_are_listed_and_read(db: rasd.Database) -> None:
    listed = db.documents()
    assert sorted(d.name for d in listed) == ["خبر-أ", "خبر-ب", "خبر-ج"]
    doc = db.document("خبر-ج")
    assert doc.url == "https://c.example/3" and doc.clean_text and "درعا" in doc.clean_text


def test_ingest_stores_without_extracting(tmp_path: Path) -> None:
    article = ARTICLES[0]
    with rasd.open(f"sqlite:///{tmp_path / 'x.db'}") as fresh:
        stats = fresh.ingest(documents=[rasd.document(**article)])
        assert (stats.stored, stats.extracted) == (1, 0)
        assert fresh.count(status="all", level="report") == 0
        assert fresh.run().extracted == 1
        assert fresh.count(level="report") == 1


def test_csv_export_with_evidence(db: rasd.Database, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    assert db.export("csv", out, with_evidence=True) == 2
    with out.open(encoding="utf-8", newline="") as fh:
        rows = {r["location"]: r for r in csv.DictReader(fh)}
    strike = rows["Idlib"]
    assert sorted(strike["evidence_urls"].split()) == ["https://a.example/1", "https://b.example/2"]
    assert "قصف جوي" in strike["evidence"] and "غارة جوية" in strike["evidence"]
    plain = tmp_path / "plain.csv"
    db.export("csv", plain)
    header = plain.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert "evidence" not in header and header[0] == "event_id_cnty"


def test_jsonl_export_of_reports_for_eval(db: rasd.Database, tmp_path: Path) -> None:
    out = tmp_path / "reports.jsonl"
    n = db.export("jsonl", out, level="report", status="all")
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert n == len(records) == 4
    assert {r["status"] for r in records} == {"current", "background"}
    assert all("canonical_id" in r for r in records)


def test_geojson_export_types_numbers_as_numbers(db: rasd.Database, tmp_path: Path) -> None:
    out = tmp_path / "events.geojson"
    db.export("geojson", out, status="all")
    text = out.read_text(encoding="utf-8")
    # RFC 7946, checked by an independent implementation (the geojson package).
    collection = geojson.loads(text)
    assert collection.is_valid, collection.errors()
    assert all(f.is_valid for f in collection["features"])
    assert "crs" not in collection  # RFC 7946 drops crs: WGS 84 lon/lat only
    data = json.loads(text)
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 3
    for feat in data["features"]:
        lon, lat = feat["geometry"]["coordinates"]
        assert isinstance(lon, float) and isinstance(lat, float) and -180 <= lon <= 180
        props = feat["properties"]
        assert isinstance(props["geo_precision"], int)
        assert isinstance(props["fatalities"]["best"], int)


def test_unknown_format_is_refused(db: rasd.Database, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="xlsx"):
        db.export("xlsx", tmp_path / "x.xlsx")


@pytest.mark.parametrize("sort", ["date", "-date", "fatalities", "-fatalities"])
def test_all_events_follow_the_sort_and_pages_add_up(db: rasd.Database, sort: str) -> None:
    every = db.events(status="all", level="report", sort=sort)
    key = sort.lstrip("-")
    values = [(e.date.start if e.date else None) if key == "date"
              else (e.fatalities.best if e.fatalities else 0) for e in every]
    present = [v for v in values if v is not None]
    assert present == sorted(present, reverse=sort.startswith("-"))  # type: ignore[type-var]
    paged = [*db.events(status="all", level="report", sort=sort, limit=2),
             *db.events(status="all", level="report", sort=sort, limit=2, offset=2)]
    assert [e.event_id for e in paged] == [e.event_id for e in every]


# -- what the HTTP API reads through the handle ------------------------------------------

def test_a_page_says_its_total_and_whether_it_is_exact(db: rasd.Database) -> None:
    page = db.page(limit=1, status="all", level="report")
    assert len(page.items) == 1 and page.total == 4 and page.total_exact
    capped = db.page(limit=1, status="all", level="report", at_least=2)
    assert capped.total == 2 and not capped.total_exact
    assert [e.event_id for e in db.page(limit=5, sort="-date").items] == \
        [e.event_id for e in db.events(sort="-date")]


def test_a_ready_filter_and_keyword_filters_select_the_same(db: rasd.Database) -> None:
    from rasd.store.events import EventFilter

    where = EventFilter(actor="الجيش السوري", status="current")
    assert [e.event_id for e in db.events(where=where)] == \
        [e.event_id for e in db.events(actor="الجيش السوري")]
    with pytest.raises(TypeError):
        db.events(where=where, country="SY")


def test_detail_finds_either_level_with_its_reports(db: rasd.Database) -> None:
    (strike,) = [e for e in db.events() if e.sub_event_type == "Air/drone strike"]
    detail = db.detail(strike.event_id)
    assert detail.level == "canonical" and detail.event == strike
    assert sorted(r.doc_name for r in detail.reports) == ["خبر-أ", "خبر-ب"]
    assert detail.links  # why the two reports merged
    report = db.events(level="report", doc="خبر-أ")[0]
    assert db.detail(report.event_id).level == "report"
    # A report's id at the canonical level finds the event it was merged into.
    assert db.detail(report.event_id, level="canonical").event.event_id == strike.event_id
    with pytest.raises(rasd.NotFoundError):
        db.detail("nothing-by-this-id")
    assert report.event_id in db.document_events(db.document("خبر-أ").id)


def test_stats_points_and_facets_count_what_events_return(db: rasd.Database) -> None:
    st = db.stats(status="all")
    assert st.total == 3 == len(db.events(status="all"))
    assert {t.key[0]: t.events for t in st.statuses} == {"current": 2, "background": 1}
    rows, total = db.points(country="SY")
    assert total == len(rows) == 2 and {r[0] for r in rows} == {e.event_id for e in db.events()}
    f = db.facets()
    assert f.countries == ["SY"] and "Battles" in f.event_types
    assert any("Syria" in a for a in db.actors())


def test_the_streamed_export_is_the_file_export(db: rasd.Database, tmp_path: Path) -> None:
    for fmt in ("csv", "jsonl", "geojson"):
        out = tmp_path / f"e.{fmt}"
        db.export(fmt, out, status="all", level="report", with_evidence=True)
        streamed = "".join(db.export_stream(fmt, status="all", level="report",
                                            with_evidence=True))
        assert streamed == out.read_bytes().decode("utf-8")
    with pytest.raises(ValueError):
        list(db.export_stream("parquet"))


def test_a_csv_of_every_status_says_which_events_are_background(db: rasd.Database,
                                                                tmp_path: Path) -> None:
    # ACLED's columns cannot tell the news from the history an article recalls: the CSV,
    # like the Parquet file and the acled_events view, ends its ACLED columns with status.
    out = tmp_path / "all.csv"
    db.export("csv", out, status="all")
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["location"]: r["status"] for r in rows} == \
        {"Homs": "background", "Idlib": "current", "Dar‘ā": "current"}
    header = out.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header.index("status") == header.index("timestamp") + 1


def test_open_takes_a_path_object(tmp_path: Path) -> None:
    # A notebook builds paths with pathlib; rasd.open takes one as it takes a file name.
    with rasd.open(tmp_path / "by-path.db") as db:
        db.run(documents=[rasd.document(**ARTICLES[0])])  # type: ignore[arg-type]
        assert db.count() == 1
    assert (tmp_path / "by-path.db").is_file()


@pytest.mark.parametrize(("published", "day"), [
    ("2024-03-05", date(2024, 3, 5)),
    (date(2024, 3, 5), date(2024, 3, 5)),
])
def test_a_document_takes_its_date_as_a_date_or_an_iso_string(
        tmp_path: Path, published: object, day: date) -> None:
    # Publication dates often come from a CSV column, as text: as in the event filters,
    # an ISO string is a date; anything else is refused here, not deep in a run.
    doc = rasd.document(ARTICLES[0]["text"], published=published)  # type: ignore[arg-type]
    assert doc.published == day
    with rasd.open(tmp_path / "d.db") as db:
        db.run(documents=[doc])
        assert [e.date.start for e in db.events() if e.date] == [day]
    with pytest.raises(ValueError, match="published"):
        rasd.document(ARTICLES[0]["text"], published="5 March")  # type: ignore[arg-type]


def test_documents_lists_every_document_unless_limited(tmp_path: Path) -> None:
    # As events() returns every event, documents() returns every document: a notebook
    # that counts them must not get the CLI's first page of 50.
    texts = [f"اجتماع رقم {i} لمجلس المحافظة لبحث الخدمات." for i in range(55)]
    with rasd.open(tmp_path / "many.db") as db:
        db.ingest(documents=[rasd.document(t, source="نشرة") for t in texts])
        every = db.documents()
        assert len(every) == 55 and len({d.id for d in every}) == 55
        assert [d.id for d in db.documents(batch=20)] == [d.id for d in every]
        assert [d.id for d in db.documents(limit=10, offset=50)] == [d.id for d in every[50:]]
        assert len(db.documents(source="غيرها")) == 0


@pytest.mark.parametrize(("filters", "named"), [
    ({"event_type": "Battle"}, "Battles"),
    ({"event_type": ["Battles", "Protest"]}, "Protests"),
    ({"sub_event_type": "Airstrike"}, "Air/drone strike"),
])
def test_a_misspelt_event_type_is_an_error_not_nothing(db: rasd.Database,
                                                       filters: dict[str, object],
                                                       named: str) -> None:
    # Types are matched exactly: a near miss would silently select no event at all.
    with pytest.raises(ValueError, match=re.escape(named)):
        db.events(**filters)


def test_geojson_gives_gis_tools_flat_dates_deaths_and_actors(db: rasd.Database,
                                                               tmp_path: Path) -> None:
    # QGIS and GeoPandas (OGR) read a nested object as an opaque value: the date, the
    # deaths and the actors' names come flat too, so a layer filters and styles on them.
    gpd = pytest.importorskip("geopandas")
    out = tmp_path / "events.geojson"
    db.export("geojson", out, status="all")
    layer = gpd.read_file(out).set_index("event_id")
    assert pd_is_datetime(layer["event_date"])
    homs = layer[layer["location_name"] == "Homs"].iloc[0]
    assert str(homs["event_date"].date()) == "2012-05-01"
    assert str(homs["event_date_end"].date()) == "2012-05-31" and homs["time_precision"] == 3
    assert homs["fatalities_best"] == 20 and str(layer["fatalities_best"].dtype).startswith("int")
    assert homs["actor2_name"] == "Civilians (Syria)"
    feature = json.loads(out.read_text(encoding="utf-8"))["features"][0]["properties"]
    assert feature["fatalities_best"] == feature["fatalities"]["best"]
    assert feature["event_date"] == feature["date"]["start"]


def pd_is_datetime(column: object) -> bool:
    import pandas as pd

    return bool(pd.api.types.is_datetime64_any_dtype(column))
