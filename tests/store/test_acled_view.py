"""The ``acled_events`` view (migration m014) shows what the CSV export writes.

On both backends; the articles are composed for these tests, one with a
background event and one with an event in no known country's table row.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

import rasd
from rasd.store.export import ACLED_COLUMNS

ARTICLES = [
    ("قُتل ثلاثة مدنيين في قصف جوي على مدينة إدلب صباح اليوم.", "وكالة أ"),
    ("أفاد مصدر محلي بمقتل ثلاثة مدنيين جراء غارة جوية على سوق في مدينة إدلب اليوم.", "وكالة ب"),
    ("قتل خمسة من عناصر الحوثي في اشتباكات مع القوات الحكومية في محافظة مأرب أمس.", "وكالة ج"),
    ("تظاهر مئات الأشخاص في مدينة صنعاء يوم الجمعة احتجاجاً على انقطاع الكهرباء.", "وكالة د"),
    ("قُتل جنديان في هجوم مسلح على حاجز للجيش قرب مدينة درعا أمس.\nويذكر أن مدينة حمص شهدت "
     "في شهر أيار 2012 قصفاً مدفعياً قتل فيه عشرون مدنياً.", "وكالة ه"),
]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value)


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path) -> str:  # type: ignore[no-untyped-def]
    if request.param == "postgresql":
        return str(request.getfixturevalue("pg_url"))
    return f"sqlite:///{tmp_path / 'v.db'}"


def test_acled_view_rows_are_the_csv_export(url: str) -> None:
    with rasd.open(url) as db:
        db.run(documents=[rasd.document(t, source=s, published=date(2024, 3, 5))
                          for t, s in ARTICLES])
        out = io.StringIO()
        n = db.export("csv", out, status="all")
        exported = {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
        cur = db.store._exec("SELECT * FROM acled_events")
        columns = [d[0] for d in cur.description]
        viewed = {row[0]: dict(zip(columns, row, strict=True)) for row in cur.fetchall()}
    assert n == len(viewed) == len(exported) >= 4
    assert columns[:len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    assert {v["status"] for v in viewed.values()} == {"current", "background"}
    for event_id, row in exported.items():
        shown = {c: _cell(viewed[event_id][c]) for c in ACLED_COLUMNS}
        if row["latitude"]:
            for c in ("latitude", "longitude"):
                assert float(shown.pop(c)) == pytest.approx(float(row.pop(c)), abs=1e-9)
        assert shown == {c: v for c, v in row.items() if c in shown}, event_id
