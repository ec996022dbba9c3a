"""The actor dictionary over time: dated actors, the new names of issue 14, and the
validation of malformed actor files.

Every Arabic phrase here was composed for these tests.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from pathlib import Path

import pytest

from rasd.acled import Inter
from rasd.actors.data import ActorDataError, read_actor_rows
from rasd.actors.resolve import load_actors, resolve_document
from rasd.clean.sentences import split_sentences
from rasd.extract.engine import Extractor
from rasd.models import Document, Event

D = load_actors()
OLD, NEW = date(2024, 12, 7), date(2024, 12, 8)  # the last day of the regime, the first after


# --- new actors and names: (text, day, [(surface, actor id)]) -------------------------

NEW_NAMES: list[tuple[str, date, list[tuple[str, str]]]] = [
    ("خطف مسلحون قائد الفرقة 30 قرب أعزاز", date(2015, 7, 30), [("الفرقة 30", "division-30")]),
    ("اشتبك مقاتلو الفرقة 16 مشاة مع قوات النظام", date(2015, 7, 30),
     [("الفرقة 16 مشاة", "division-16"), ("قوات النظام", "mil-sy")]),
    ("أعلنت غرفة عمليات فتح حلب بدء معركة جديدة", date(2015, 7, 1),
     [("غرفة عمليات فتح حلب", "fatah-halab")]),
    ("تبنت جماعة أنصار الدولة الإسلامية في بيت المقدس إطلاق قذيفة", date(2015, 6, 1),
     [("جماعة أنصار الدولة الإسلامية في بيت المقدس", "is-gaza")]),
    ("وأعلنت حركة الشبيبة الوطنية الثورية مسؤوليتها", date(2015, 7, 25),
     [("حركة الشبيبة الوطنية الثورية", "ydg-h")]),
    ("وتبنت صقور حرية كردستان التفجير", date(2016, 2, 18), [("صقور حرية كردستان", "tak")]),
    ("قصفت طائرات الناتو مواقع قرب سرت", date(2011, 9, 1), [("طائرات الناتو", "nato")]),
    ("بدعم من طائرات الائتلاف الدولي", date(2015, 7, 20),
     [("طائرات الائتلاف الدولي", "coalition")]),
    ("تقدمت القوات المناهضة للحوثيين في عدن", date(2015, 7, 20),
     [("القوات المناهضة للحوثيين", "popres-ye")]),
    ("قتل عشرة من الحوثين في مأرب", date(2015, 7, 20), [("الحوثين", "houthis")]),
    ("شاركت فرقة العباس القتالية وسرايا عاشوراء في الهجوم", date(2016, 10, 20),
     [("فرقة العباس القتالية", "abbas-div"), ("سرايا عاشوراء", "ashura")]),
    ("خسارة أخرى يتلقاها تنظيم قاعدة الجهاد في جزيرة العرب", date(2015, 6, 16),
     [("تنظيم قاعدة الجهاد في جزيرة العرب", "aqap")]),
]


@pytest.mark.parametrize(("text", "day", "expected"), NEW_NAMES,
                         ids=[f"new{i}" for i in range(len(NEW_NAMES))])
def test_new_names(text: str, day: date, expected: list[tuple[str, str]]) -> None:
    assert [(m.surface, m.actor.id) for m in D.find(text, on=day)] == expected


# --- descriptors of issue 14: (text, day, [(surface, actor id)]) ------------------------

DESCRIBED: list[tuple[str, date, list[tuple[str, str]]]] = [
    # Islamist factions and the bare opposition are Syria's rebels ...
    ("اشتباكات مسائية بين القوات النظامية ومقاتلي الفصائل الإسلامية قرب إدلب", date(2015, 7, 20),
     [("القوات النظامية", "mil-sy"), ("مقاتلي الفصائل الإسلامية", "opp-sy")]),
    ("دارت معارك بين قوات النظام والمعارضة في ريف حماة", date(2015, 7, 20),
     [("قوات النظام", "mil-sy"), ("المعارضة", "opp-sy")]),
    # ... even where the article names the FSA elsewhere.
    ("أعلن الجيش الحر انسحابه. وقصفت فصائل المعارضة مواقع قوات النظام في درعا",
     date(2015, 7, 20),
     [("الجيش الحر", "fsa"), ("فصائل المعارضة", "opp-sy"), ("قوات النظام", "mil-sy")]),
    # A neighbourhood called after the police is a place.
    ("انفجرت سيارة مفخخة في حي الشرطة الرابعة جنوب غربي بغداد", date(2015, 7, 23), []),
    # Hezbollah in Syria does not make the Syrian army Lebanon's.
    ("تقدمت القوات النظامية وعناصر حزب الله في الزبداني بريف دمشق", date(2015, 7, 20),
     [("القوات النظامية", "mil-sy"), ("عناصر حزب الله", "hezbollah")]),
]


@pytest.mark.parametrize(("text", "day", "expected"), DESCRIBED,
                         ids=[f"desc{i}" for i in range(len(DESCRIBED))])
def test_described(text: str, day: date, expected: list[tuple[str, str]]) -> None:
    # The places' country, as extraction passes it (the phrases name no country).
    got = resolve_document(text, actors=D, on=day, fallback_country="SY")
    assert [(m.surface, m.actor.id) for m in got] == expected


def test_bare_opposition_outside_syria_is_no_actor() -> None:
    got = resolve_document("ترفض المعارضة في السودان دعوة الحوار", actors=D, on=date(2015, 7, 1))
    assert "opp-sy" not in {m.actor.id for m in got}


# --- resolution by date: (text, day, [(surface, actor id)]) -----------------------------

DATED: list[tuple[str, date | None, list[tuple[str, str]]]] = [
    # The state's plain names: the former regime's forces to 2024-12-07, the new
    # government's from 2024-12-08.
    ("قصف الجيش السوري بلدة في ريف إدلب", OLD, [("الجيش السوري", "mil-sy")]),
    ("قصف الجيش السوري بلدة في ريف إدلب", NEW, [("الجيش السوري", "mil-sy-2024")]),
    ("انتشرت القوات الحكومية السورية في اللاذقية", date(2013, 5, 1),
     [("القوات الحكومية السورية", "mil-sy")]),
    ("انتشرت القوات الحكومية السورية في اللاذقية", date(2025, 3, 7),
     [("القوات الحكومية السورية", "mil-sy-2024")]),
    # Names of the regime stay with it after its fall; the new government's with it.
    ("هاجمت قوات النظام قرية في ريف حمص", date(2025, 3, 7), [("قوات النظام", "mil-sy")]),
    ("انتشر الجيش السوري الجديد في ريف حمص", date(2025, 3, 7),
     [("الجيش السوري الجديد", "mil-sy-2024")]),
    # Descriptors and their fallbacks follow the date too.
    ("واعتقل الأمن العام ثلاثة أشخاص في حمص", date(2019, 4, 1), [("الأمن العام", "pol-sy")]),
    ("واعتقل الأمن العام ثلاثة أشخاص في حمص", date(2025, 4, 1),
     [("الأمن العام", "pol-sy-2024")]),
    ("وقصف الطيران الحربي بلدة في ريف إدلب السورية", date(2016, 4, 1),
     [("الطيران الحربي", "mil-sy")]),
    ("وقصف الطيران الحربي مواقع في ريف اللاذقية السوري", date(2025, 5, 1),
     [("الطيران الحربي", "mil-sy-2024")]),
    ("وتقدم الجيش نحو مدينة في ريف حماة السوري", date(2025, 5, 1), [("الجيش", "mil-sy-2024")]),
    # The RSF: state forces until the war with the army began on 2023-04-15.
    ("انتشرت قوات الدعم السريع في الخرطوم", date(2019, 6, 3), [("قوات الدعم السريع", "rsf-state")]),
    ("انتشرت قوات الدعم السريع في الخرطوم", date(2023, 4, 15), [("قوات الدعم السريع", "rsf")]),
    # Ansar Bayt al-Maqdis became the Islamic State's Sinai Province (2014-11-10).
    ("تبنت جماعة أنصار بيت المقدس الهجوم في العريش", date(2014, 1, 24),
     [("جماعة أنصار بيت المقدس", "abm")]),
    ("تبنت جماعة أنصار بيت المقدس الهجوم في العريش", date(2015, 7, 1),
     [("جماعة أنصار بيت المقدس", "is-sinai")]),
    # Liwa Shuhada al-Yarmouk merged into Jaysh Khalid ibn al-Walid (2016-05-21).
    ("هاجم لواء شهداء اليرموك بلدة في حوض اليرموك", date(2015, 3, 1),
     [("لواء شهداء اليرموك", "lsy")]),
    ("هاجم لواء شهداء اليرموك بلدة في حوض اليرموك", date(2017, 3, 1),
     [("لواء شهداء اليرموك", "jaish-khalid")]),
    # Libya's government forces: Gaddafi's until 2011-10-23.
    ("قصفت القوات الحكومية الليبية مدينة مصراتة", date(2011, 4, 1),
     [("القوات الحكومية الليبية", "mil-ly-gaddafi")]),
    ("قصفت القوات الحكومية الليبية مواقع في سرت", date(2016, 8, 1),
     [("القوات الحكومية الليبية", "mil-ly")]),
    # ... the transitional governments' to 2014-05-15; from Operation Dignity to the
    # GNA's arrival in Tripoli (2016-03-29) the recognised government's army was the LNA.
    ("قصفت القوات الحكومية الليبية مواقع في سرت", date(2013, 1, 1),
     [("القوات الحكومية الليبية", "mil-ly-2011")]),
    ("قصفت القوات الحكومية الليبية مواقع في بنغازي", date(2015, 7, 25),
     [("القوات الحكومية الليبية", "lna-gov")]),
    ("وقال قائد ميداني إن الجيش تقدم في بنغازي الليبية", date(2015, 7, 25),
     [("الجيش", "lna-gov")]),
    ("وقال قائد ميداني إن الجيش تقدم في بنغازي الليبية", date(2016, 4, 1), [("الجيش", "mil-ly")]),
    ("وقصف الجيش مدينة مصراتة الليبية", date(2011, 4, 1), [("الجيش", "mil-ly-gaddafi")]),
    ("وقصف الجيش مواقع قرب سرت الليبية", date(2016, 8, 1), [("الجيش", "mil-ly")]),
    # Without a date, a shared name means its latest actor.
    ("قصف الجيش السوري بلدة في ريف إدلب", None, [("الجيش السوري", "mil-sy-2024")]),
]


@pytest.mark.parametrize(("text", "day", "expected"), DATED,
                         ids=[f"dated{i}" for i in range(len(DATED))])
def test_resolution_by_date(text: str, day: date | None, expected: list[tuple[str, str]]) -> None:
    got = resolve_document(text, actors=D, on=day, fallback_country="SY")
    assert [(m.surface, m.actor.id) for m in got] == expected


def test_periods_of_the_syrian_state() -> None:
    assert D.period("mil-sy") == (None, OLD)
    assert D.period("mil-sy-2024") == (NEW, None)
    assert D.versions("mil-sy") == ("mil-sy", "mil-sy-2024")
    assert D.get("mil-sy-2024").name == "Military Forces of Syria (2024-)"
    assert D.state_forces("SY", on=OLD) == D.get("mil-sy")
    assert D.state_forces("SY", on=NEW) == D.get("mil-sy-2024")
    assert D.state_forces("SY", police=True, on=NEW) == D.get("pol-sy-2024")
    # A publication time counts by its day.
    assert D.by_name("الجيش السوري", on=datetime(2024, 12, 8, 0, 30)) == D.get("mil-sy-2024")
    # The gold sets' plain name stays the former regime's forces.
    assert D.by_name("Military Forces of Syria") == D.get("mil-sy")
    assert D.by_name("Military Forces of Syria (2000-2024)") == D.get("mil-sy")


def test_rows_of_one_actor_share_its_name() -> None:
    # Both read as "Libyan National Army"; Haftar's own names stay with the LNA.
    assert D.get("lna-gov").name == D.get("lna").name == "Libyan National Army"
    found = D.by_name("Libyan National Army")
    assert found is not None and found.id == "lna"
    assert [m.actor.id for m in D.find("قوات حفتر", on=date(2015, 7, 25))] == ["lna"]


def test_inter_changes_with_the_period() -> None:
    before, after = (D.by_name("الدعم السريع", on=date(y, 1, 1)) for y in (2020, 2024))
    assert before is not None and before.inter == Inter.STATE_FORCES
    assert after is not None and after.inter == Inter.REBEL_GROUP


def test_every_dated_actor_shares_a_name_with_its_other_period() -> None:
    # A period only matters where a name moves between actors: each dated actor of
    # the file has a version on the other side of its bound.
    for row in read_actor_rows():
        if row.period == (None, None):
            continue
        others = [v for v in D.versions(row.actor.id) if v != row.actor.id]
        assert others, row.actor.id


# --- extraction uses the article's date -------------------------------------------------

@cache
def _extractor() -> Extractor:
    return Extractor()


def _events(text: str, published: date) -> list[Event]:
    doc = Document(id="p", name="p", source=None, url=None, title=None, published=published,
                   raw=text, raw_format="text", text=text, origin="test", clean_text=text,
                   sentences=tuple(split_sentences(text, doc_id="p")))
    events: list[Event] = _extractor().extract(doc)
    return events


@pytest.mark.parametrize(("published", "name"), [
    (date(2016, 2, 3), "Military Forces of Syria"),
    (date(2025, 3, 8), "Military Forces of Syria (2024-)"),
])
def test_extraction_names_the_state_of_the_article_date(published: date, name: str) -> None:
    text = "قصف الجيش السوري اليوم بلدة كفرنبل في ريف إدلب بالمدفعية الثقيلة."
    events = _events(text, published)
    assert events and events[0].actor1 is not None
    assert events[0].actor1.name == name


@pytest.mark.parametrize(("text", "name"), [
    # A 2025 article on a 2013 shelling: the state forces of 2013.
    ("وكان الجيش السوري قد قصف بلدة كفرنبل في ريف إدلب بالمدفعية في 12 آذار/مارس 2013.",
     "Military Forces of Syria"),
    ("قصف الجيش السوري اليوم بلدة كفرنبل في ريف إدلب بالمدفعية الثقيلة.",
     "Military Forces of Syria (2024-)"),
])
def test_extraction_rereads_actors_on_the_event_day(text: str, name: str) -> None:
    events = _events(text, date(2025, 3, 8))
    assert events and events[0].actor1 is not None
    assert events[0].actor1.name == name


@pytest.mark.parametrize(("actor_id", "read_on", "day", "expected"), [
    ("mil-sy-2024", date(2025, 3, 8), date(2013, 3, 12), "mil-sy"),   # another period
    ("mil-sy-2024", date(2025, 3, 8), date(2025, 3, 1), "mil-sy-2024"),  # the same one
    ("mil-sy", date(2025, 3, 8), date(2025, 3, 1), "mil-sy"),  # قوات النظام in 2025 stays
    ("mil-sy", date(2015, 7, 1), date(2025, 1, 1), "mil-sy-2024"),
    ("rsf", date(2023, 6, 1), date(2019, 6, 3), "rsf-state"),
    ("isis", date(2015, 7, 1), date(2025, 1, 1), "isis"),  # no period versions
])
def test_reread(actor_id: str, read_on: date, day: date, expected: str) -> None:
    assert D.reread(D.get(actor_id), read_on, day).id == expected


# --- malformed files: each error names the file and the line ----------------------------

HEADER = "id\tname\tname_ar\tinter\tcountry\tkind\tparent\taliases\tnote\tvalid_from\tvalid_to\n"
GOOD = ("a\tArmy A\tجيش ألف\t1\tSY\tstate\t\tالجيش الأول\t\t\t2020-12-31\n"
        "b\tArmy B\tجيش باء\t1\tSY\tstate\t\tالجيش الأول\t\t2021-01-01\t\n")

BAD: list[tuple[str, str]] = [
    ("a\tA\tألف\t9\tSY\n", r"line 2: inter 9 is not an ACLED code"),
    ("a\tA\tألف\t0\tSY\n", r"line 2: inter 0 is not"),
    ("a\tA\tألف\tstate\tSY\n", r"line 2: bad inter 'state'"),
    ("a\tA\tألف\t1\tSY\t\t\t\t\t2024-13-01\n", r"line 2: bad valid_from '2024-13-01'"),
    ("a\tA\tألف\t1\tSY\t\t\t\t\t07/12/2024\n", r"line 2: bad valid_from '07/12/2024'"),
    ("a\tA\tألف\t1\tSY\t\t\t\t\t\t2024-1-5\n", r"line 2: bad valid_to '2024-1-5'"),
    ("a\tA\tألف\t1\tSY\t\t\t\t\t2025-01-01\t2024-01-01\n", r"line 2: valid_from .* is after"),
    ("a\tA\tألف\t1\tSY\t\tnobody\n", r"line 2: parent 'nobody' of 'a' is no actor"),
    ("a\tA\tألف\t1\tSY\na\tB\tباء\t1\tSY\n", r"line 3: duplicate actor id 'a' \(line 2\)"),
    # One alias, two actors, overlapping periods (an open end overlaps everything).
    ("a\tA\tألف\t1\tSY\t\t\tالجيش الأول\nb\tB\tباء\t1\tSY\t\t\tالجيش الأول\n",
     r"line 3: alias 'الجيش الأول' of 'b' already means 'a' \(line 2\)"),
    ("a\tA\tألف\t1\tSY\t\t\tالجيش الأول\t\t\t2021-01-01\n"
     "b\tB\tباء\t1\tSY\t\t\tالجيش الأول\t\t2021-01-01\t\n",
     r"line 3: alias 'الجيش الأول' of 'b' already means 'a'"),
    # The same after Arabic folding (hamza, plural ون/ين).
    ("a\tA\tألف\t1\tSY\t\t\tالمسلحون الأوائل\nb\tB\tباء\t1\tSY\t\t\tالمسلحين الاوائل\n",
     r"line 3: alias"),
    ("a\tA\tألف\n", r"line 2: 3 columns"),
    ("a\tA\tألف\t1\tSY\t\t\t\t\t\t\textra\n", r"line 2: 12 columns"),
    # Rows may share their English name, not another alias.
    ("a\tArmy\tألف\t1\tSY\t\t\tالجيش الأول\nb\tArmy\tباء\t1\tSY\t\t\tالجيش الأول\n",
     r"line 3: alias 'الجيش الأول' of 'b' already means 'a'"),
    ("a\tArmy\tألف\t1\tSY\t\t\tArmy B\nb\tArmy B\tباء\t1\tSY\n",
     r"line 3: alias 'Army B' of 'b' already means 'a'"),
]


@pytest.mark.parametrize(("body", "message"), BAD, ids=[f"bad{i}" for i in range(len(BAD))])
def test_malformed_actor_file(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "actors.tsv"
    path.write_text(HEADER + body, encoding="utf-8")
    with pytest.raises(ActorDataError, match=message) as err:
        read_actor_rows(path)
    assert str(path) in str(err.value)  # the file is named
    with pytest.raises(ActorDataError):
        load_actors(path)


@pytest.mark.parametrize(("header", "message"), [
    ("id\tname\tname_ar\tinter\tcolour\n", r"line 2: header has unknown columns \['colour'\]"),
    ("id\tname\tinter\n", r"line 2: header .* lacks \['name_ar'\]"),
])
def test_malformed_header(tmp_path: Path, header: str, message: str) -> None:
    path = tmp_path / "actors.tsv"
    path.write_text("# a comment\n" + header, encoding="utf-8")
    with pytest.raises(ActorDataError, match=message):
        read_actor_rows(path)


def test_comment_lines_count_in_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "actors.tsv"
    path.write_text("# one\n# two\n" + HEADER + "a\tA\tألف\t12\tSY\n", encoding="utf-8")
    with pytest.raises(ActorDataError, match="line 4: inter 12"):
        read_actor_rows(path)


def test_shared_alias_in_disjoint_periods_loads(tmp_path: Path) -> None:
    path = tmp_path / "actors.tsv"
    path.write_text(HEADER + GOOD, encoding="utf-8")
    (tmp_path / "actor_descriptors.tsv").write_text("surfaces\tcandidates\tmode\tfallback\n",
                                                    encoding="utf-8")
    (tmp_path / "actor_countries.tsv").write_text("iso2\tname\tname_ar\n", encoding="utf-8")
    rows = read_actor_rows(path)
    assert [(r.actor.id, r.period) for r in rows] == [
        ("a", (None, date(2020, 12, 31))), ("b", (date(2021, 1, 1), None))]
    d = load_actors(path)

    def owner(day: date) -> str | None:
        found = d.by_name("الجيش الأول", on=day)
        return found.id if found is not None else None

    assert (owner(date(2020, 12, 31)), owner(date(2021, 1, 1))) == ("a", "b")
    assert [m.actor.id for m in d.find("تقدم الجيش الأول", on=date(2019, 1, 1))] == ["a"]
    # A day before every period: the nearest one.
    assert owner(date(1990, 1, 1)) == "a"


def test_rows_may_share_their_english_name(tmp_path: Path) -> None:
    path = tmp_path / "actors.tsv"
    path.write_text(HEADER + "a\tArmy\tألف\t1\tSY\nb\tArmy\tباء\t1\tSY\t\ta\t\t\t2020-01-01\n",
                    encoding="utf-8")
    assert [r.actor.id for r in read_actor_rows(path)] == ["a", "b"]


def test_columns_in_any_order_and_optional(tmp_path: Path) -> None:
    path = tmp_path / "actors.tsv"
    path.write_text("inter\tid\tname_ar\tname\n3\tm\tميم\tMilitia M\n", encoding="utf-8")
    [row] = read_actor_rows(path)
    assert (row.actor.id, row.actor.inter, row.actor.country, row.period) == (
        "m", 3, None, (None, None))
    # A row that stops before a required cell is refused, wherever that column is.
    path.write_text("inter\tid\tname\tname_ar\n3\tm\tMilitia M\n", encoding="utf-8")
    with pytest.raises(ActorDataError, match="line 2: 3 columns"):
        read_actor_rows(path)


def test_packaged_file_loads_with_line_numbers() -> None:
    rows = read_actor_rows()
    assert len(rows) >= 240
    assert all(r.line > 0 for r in rows)
    assert len({r.line for r in rows}) == len(rows)
