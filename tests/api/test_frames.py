"""Events as DataFrames: dtypes, and exports that read back as the same events.

Through the public API only; the articles are composed for these tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

import rasd

pd = pytest.importorskip("pandas")

ARTICLES = [
    ("قُتل ثلاثة مدنيين في قصف جوي على مدينة إدلب صباح اليوم.", "وكالة أ"),
    ("قتل خمسة من عناصر الحوثي في اشتباكات مع القوات الحكومية في محافظة مأرب أمس.", "وكالة ب"),
    ("تظاهر مئات الأشخاص في مدينة صنعاء يوم الجمعة احتجاجاً على انقطاع الكهرباء.", "وكالة ج"),
    ("أفاد ناشطون بمقتل مدني برصاص مجهولين في ريف درعا، دون تحديد الموقع بدقة.", "وكالة د"),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[rasd.Database]:
    path = tmp_path_factory.mktemp("frames") / "rasd.db"
    with rasd.open(str(path)) as handle:
        handle.run(documents=[rasd.document(t, source=s, published=date(2024, 3, 5),
                                            url=f"https://news.example/{n}")
                              for n, (t, s) in enumerate(ARTICLES)])
        yield handle


def test_to_pandas_has_acled_columns_and_proper_dtypes(db: rasd.Database) -> None:
    frame = db.events().to_pandas()
    assert len(frame) == db.count() >= 3
    assert list(frame.columns[:3]) == ["event_id_cnty", "event_date", "year"]
    assert pd.api.types.is_datetime64_dtype(frame["event_date"])
    assert frame["latitude"].dtype == "float64" and frame["longitude"].dtype == "float64"
    assert str(frame["fatalities"].dtype) == "Int64" and str(frame["inter1"].dtype) == "Int64"
    assert str(frame["event_type"].dtype) == "string"
    strike = frame[frame["location"] == "Idlib"].iloc[0]
    assert strike["fatalities"] == 3 and strike["event_date"] == pd.Timestamp("2024-03-05")
    assert strike["event_type"] == "Explosions/Remote violence"


def test_an_event_without_a_value_has_a_missing_value_not_zero() -> None:
    events = rasd.EventList(rasd.extract("قتل خمسة من عناصر الحوثي في اشتباكات مع القوات "
                                         "الحكومية في محافظة مأرب أمس."))  # no publication date
    frame = events.to_pandas()
    assert frame["event_date"].isna().all() and frame["year"].isna().all()
    assert frame["fatalities"].tolist() == [5]


def test_csv_export_reads_back_as_the_same_events(db: rasd.Database, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    db.export("csv", out, status="all")
    read = pd.read_csv(out, keep_default_na=False, na_values=[""])
    frame = db.events(status="all").to_pandas()
    assert read["event_id_cnty"].tolist() == frame["event_id_cnty"].tolist()
    for col in ("fatalities", "latitude", "longitude", "geo_precision"):
        assert read[col].tolist() == pytest.approx(frame[col].astype("float64").tolist(),
                                                   nan_ok=True), col
    assert pd.to_datetime(read["event_date"]).tolist() == frame["event_date"].tolist()
    assert read["actor1"].fillna("").tolist() == frame["actor1"].tolist()


def test_parquet_export_reads_back_as_the_same_frame(db: rasd.Database, tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    out = tmp_path / "events.parquet"
    n = db.export("parquet", out, status="all")
    read = pd.read_parquet(out)
    frame = db.events(status="all").to_pandas()
    assert n == len(read) == len(frame)
    # The file says how pandas types each column: nullable integers stay Int64 (not
    # int64, nor float64 once a column holds a null), text stays string; pyarrow reads
    # a Parquet date as datetime.date, the one column to convert.
    assert read["timestamp"].isna().all() and str(read["timestamp"].dtype) == "Int64"
    assert read["event_date"].tolist() == [d.date() for d in frame["event_date"]]
    read["event_date"] = pd.to_datetime(read["event_date"]).astype(frame["event_date"].dtype)
    pd.testing.assert_frame_equal(read, frame)


def test_parquet_export_with_evidence(db: rasd.Database, tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    out = tmp_path / "events.parquet"
    db.export("parquet", out, with_evidence=True, country="SY")
    read = pd.read_parquet(out)
    assert set(read["country"]) == {"Syria"}
    assert read["evidence"].str.len().min() > 0


def test_to_geopandas_places_events_as_points(db: rasd.Database) -> None:
    gpd = pytest.importorskip("geopandas")
    events = db.events(status="all")
    frame = events.to_geopandas()
    assert isinstance(frame, gpd.GeoDataFrame) and frame.crs.to_epsg() == 4326
    assert len(frame) == sum(1 for e in events if e.location)
    assert frame.geometry.x.tolist() == frame["longitude"].tolist()
    assert frame.geometry.y.tolist() == frame["latitude"].tolist()


def test_a_slice_of_events_is_still_an_event_list(db: rasd.Database) -> None:
    # db.events()[:10].to_pandas() is how a notebook looks at the first rows.
    events = db.events(sort="-fatalities")
    head = events[:2]
    assert isinstance(head, rasd.EventList) and head == list(events)[:2]
    assert head.to_pandas()["event_id_cnty"].tolist() == [e.event_id for e in events[:2]]
    assert isinstance(events[0], rasd.Event)
    assert isinstance(events + events[:1], rasd.EventList)
    assert isinstance(events.copy(), rasd.EventList)


def test_events_of_a_database_become_a_frame_with_their_evidence(db: rasd.Database) -> None:
    frame = db.events().to_pandas(with_evidence=True)
    assert list(frame.columns[-3:]) == ["status", "evidence", "evidence_urls"]
    strike = frame[frame["location"] == "Idlib"].iloc[0]
    assert "قصف جوي" in strike["evidence"] and strike["evidence_urls"] == "https://news.example/0"
    assert "evidence" not in db.events().to_pandas().columns
    # A slice keeps its database; events with no database have no URLs to give.
    assert list(db.events()[:1].to_pandas(with_evidence=True).columns[-1:]) == ["evidence_urls"]
    loose = rasd.EventList(rasd.extract(ARTICLES[0][0])).to_pandas(with_evidence=True)
    assert loose["evidence"].str.len().min() > 0 and set(loose["evidence_urls"]) == {""}
    # The database's URL lookup stays behind when events are pickled (to a worker).
    import pickle

    events = db.events()
    assert pickle.loads(pickle.dumps(events)) == events
