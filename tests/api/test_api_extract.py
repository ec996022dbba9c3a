"""``rasd.extract`` and ``rasd.extract_many``, through the public API only.

The sentences are composed for these tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

import rasd

PUBLISHED = date(2024, 3, 5)


@pytest.mark.parametrize(("text", "sub_event_type", "deaths", "place"), [
    ("قُتل ثلاثة مدنيين وأصيب خمسة آخرون في قصف جوي استهدف سوقاً شعبياً في مدينة إدلب "
     "صباح اليوم.", "Air/drone strike", 3, "Idlib"),
    ("قتل خمسة من عناصر الحوثي في اشتباكات مع القوات الحكومية في محافظة مأرب أمس.",
     "Armed clash", 5, "Ma'rib"),
    ("تظاهر مئات الأشخاص في مدينة صنعاء يوم الجمعة احتجاجاً على انقطاع الكهرباء.",
     "Peaceful protest", 0, "Sanaa"),
])
def test_extract_codes_the_event_of_a_text(text: str, sub_event_type: str, deaths: int,
                                           place: str) -> None:
    events = rasd.extract(text, published=PUBLISHED, source="وكالة مثال")
    assert [(e.sub_event_type, e.fatalities.best if e.fatalities else 0,
             e.location.name if e.location else None) for e in events] == \
        [(sub_event_type, deaths, place)]
    assert all(isinstance(e, rasd.Event) and e.rules for e in events)


def test_extract_anchors_relative_dates_on_publication() -> None:
    text = "قتل خمسة من عناصر الحوثي في اشتباكات مع القوات الحكومية في محافظة مأرب أمس."
    (with_date,) = rasd.extract(text, published=PUBLISHED)
    (without,) = rasd.extract(text)
    assert with_date.date is not None and with_date.date.start == date(2024, 3, 4)
    assert without.date is None


def test_extract_takes_a_document_and_finds_nothing_in_a_quiet_text() -> None:
    doc = rasd.document("قصف جوي على مدينة إدلب أدى إلى مقتل أربعة مدنيين اليوم.",
                        published=PUBLISHED, name="خبر-1")
    events = rasd.extract(doc)
    assert events and {e.doc_id for e in events} == {"خبر-1"}
    assert rasd.extract("افتتح وزير التربية مدرسة جديدة في مدينة حمص.",
                        published=PUBLISHED) == []


def test_extract_many_is_extract_per_item_whatever_the_jobs() -> None:
    texts = [
        "قُتل ثلاثة مدنيين في قصف جوي على مدينة إدلب صباح اليوم.",
        "افتتح وزير التربية مدرسة جديدة في مدينة حمص.",
        "قتل خمسة من عناصر الحوثي في اشتباكات مع القوات الحكومية في محافظة مأرب أمس.",
    ]
    one = rasd.extract_many(texts, published=PUBLISHED, jobs=1)
    assert one == [rasd.extract(t, published=PUBLISHED) for t in texts]
    assert [len(events) for events in one] == [1, 0, 1]
    assert rasd.extract_many(texts, published=PUBLISHED, jobs=2) == one


def test_event_to_dict_round_trips() -> None:
    (ev,) = rasd.extract("قُتل ثلاثة مدنيين في قصف جوي على مدينة إدلب صباح اليوم.",
                         published=PUBLISHED)
    record = ev.to_dict()
    assert record["fatalities"]["best"] == 3 and record["location"]["name"] == "Idlib"
    assert rasd.event_from_json(record) == ev


ORDERS = {
    "function first": """
        import rasd
        events = rasd.extract(TEXT)
        import rasd.extract.engine
        from rasd.extract.engine import Extractor
        assert rasd.extract(TEXT) == events and events
        assert rasd.extract.engine.Extractor is Extractor
    """,
    "engine first": """
        import rasd.extract.engine
        import rasd
        from rasd import extract
        assert extract(TEXT) and rasd.extract(TEXT) == extract(TEXT)
        assert rasd.extract.engine.Extractor is not None
    """,
}


@pytest.mark.parametrize("order", sorted(ORDERS))
def test_rasd_extract_is_a_function_and_a_package_in_either_order(order: str) -> None:
    # A fresh interpreter each: which of the two is imported first is the point.
    code = "TEXT = 'قُتل ثلاثة مدنيين في قصف جوي على مدينة إدلب اليوم.'\n" + \
        textwrap.dedent(ORDERS[order])
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr


USER_CODE = '''
from datetime import date

import rasd
import rasd.extract.engine


def deaths(text: str) -> int:
    events: list[rasd.Event] = rasd.extract(text, published=date(2024, 3, 5))
    return sum(e.fatalities.best for e in events if e.fatalities)


def frame(db: rasd.Database) -> rasd.EventList:
    return db.events(country="SY", status="all")
'''


def test_mypy_strict_accepts_a_typed_users_calls(tmp_path: Path) -> None:
    mypy = Path(sys.executable).with_name("mypy")
    if not mypy.exists():
        pytest.skip("mypy is not installed")
    user = tmp_path / "user.py"
    user.write_text(USER_CODE, encoding="utf-8")
    bad = tmp_path / "bad.py"
    bad.write_text("import rasd\nn: int = rasd.extract('نص')\n", encoding="utf-8")
    src = Path(rasd.__file__).resolve().parents[1]
    env = {**os.environ, "MYPYPATH": str(src)}
    args = [str(mypy), "--strict", "--no-incremental", "--follow-imports=silent",
            "--ignore-missing-imports"]
    good = subprocess.run([*args, str(user)], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=600, check=False)
    assert good.returncode == 0, good.stdout
    # The check can fail: a wrong use of the API's types is an error.
    wrong = subprocess.run([*args, str(bad)], capture_output=True, text=True, env=env,
                           cwd=tmp_path, timeout=600, check=False)
    assert wrong.returncode == 1 and "list[Event]" in wrong.stdout, wrong.stdout


def test_published_may_be_an_iso_date_string() -> None:
    text = "قُتل ثلاثة مدنيين في قصف جوي على مدينة إدلب أمس."
    by_string = rasd.extract(text, published="2024-03-05")
    assert by_string == rasd.extract(text, published=date(2024, 3, 5))
    assert by_string[0].date is not None and by_string[0].date.start == date(2024, 3, 4)
    assert rasd.extract_many([text], published="2024-03-05") == [by_string]
    with pytest.raises(ValueError, match="published"):
        rasd.extract(text, published="5 March")
