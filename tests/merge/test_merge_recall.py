"""Merge rules of issue 15's third round, each on composed multi-report cases both ways:
a set of reports that must merge, and near ones (same town, another day, type, toll or
place) that must stay apart.

- a quarter of a large city and the city (Dar Saad and Aden) on one day;
- one deadly bombing told days apart (the next days' stories dated to their frame);
- a corroborated weak link ranks below every link that is not weak, so complete
  linkage joins one town's reports before a corroborated pair of nearby towns.

The reports are built by hand; their evidence sentences are Arabic written for these
tests. Actors come from the packaged dictionary.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from rasd.actors.resolve import load_actors
from rasd.merge.facets import in_city
from rasd.merge.merger import MergeOptions, agreement, compatible, merge_all
from rasd.models import Actor, DateSpan, Event, Evidence, Fatalities, Location, Place, Report

_ACTORS = load_actors()
HOUTHIS, RESISTANCE, ISIS, ARMY_SY = (_ACTORS.get(i) for i in (
    "houthis", "popres-ye", "isis", "mil-sy"))
CIV_YE = Actor("civ-ye", "Civilians (Yemen)", "مدنيون", 7, "YE")
CIV_TR = Actor("civ-tr", "Civilians (Turkey)", "مدنيون", 7, "TR")

ADEN = Location("Aden", "عدن", 12.78, 45.04, 1, "g:aden", "Aden", None, "YE")
DAR_SAAD = Location("Dar Saad", "دار سعد", 12.88, 44.99, 1, "g:dar-saad", "Aden", None, "YE")
# A town of the governorate 25 km from the city: not a quarter of it.
FAR_TOWN = Location("Far", "بعيدة", 12.99, 44.93, 1, "g:far", "Aden", None, "YE")
SURUC = Location("Suruc", "سروج", 36.98, 38.43, 1, "g:suruc", "Sanliurfa", None, "TR")
BAGHDAD = Location("Baghdad", "بغداد", 33.34, 44.40, 1, "g:baghdad", "Baghdad", None, "IQ")
DARAA = Location("Daraa", "درعا", 32.62, 36.10, 1, "g:daraa", "Daraa", None, "SY")
YADUDAH = Location("Yadudah", "اليادودة", 32.68, 36.06, 1, "g:yadudah", "Daraa", None, "SY")
GAZETTEER = {p.id: p for p in (
    Place("g:aden", "Aden", "عدن", "populated place", 12.78, 45.04, "YE", "Aden",
          population=1_000_000),
    Place("g:dar-saad", "Dar Saad", "دار سعد", "populated place", 12.88, 44.99, "YE", "Aden"),
    Place("g:far", "Far", "بعيدة", "populated place", 12.99, 44.93, "YE", "Aden"),
    Place("g:suruc", "Suruc", "سروج", "populated place", 36.98, 38.43, "TR", "Sanliurfa",
          population=50_000),
    Place("g:baghdad", "Baghdad", "بغداد", "populated place", 33.34, 44.40, "IQ", "Baghdad",
          population=5_000_000),
    Place("g:daraa", "Daraa", "درعا", "populated place", 32.62, 36.10, "SY", "Daraa",
          population=100_000),
    Place("g:yadudah", "Yadudah", "اليادودة", "populated place", 32.68, 36.06, "SY", "Daraa",
          population=10_000),
)}
place_of = GAZETTEER.get

# Sentences of our own.
SHELLING_CITY = "قصفت ميليشيا الحوثي أحياء مدينة عدن بقذائف الهاون صباح الأحد."
SHELLING_QUARTER = "قتل 49 مدنيا في قصف حوثي استهدف سوقا شعبية في دار سعد شمال عدن."
SHELLING_OTHER = "سقطت قذائف على منازل المواطنين وأحدثت أضرارا كبيرة."
CLASH = "اندلعت اشتباكات بين المقاومة الشعبية ومسلحي الحوثي عند مدخل المدينة."
BOMBING = "قتل 32 شخصا في تفجير انتحاري تبناه تنظيم داعش وسط تجمع للشباب في سروج."
FOLLOW_UP = "شيع الآلاف ضحايا التفجير الذي نفذه انتحاري من التنظيم في البلدة الحدودية."
FOLLOW_UP_2 = "قالت السلطات إنها حددت هوية منفذ الهجوم وإنه ينتمي إلى خلية للتنظيم."
OTHER_BLAST = "انفجرت عبوة ناسفة بدورية للشرطة وقتل ثلاثة من عناصرها."
STRIKES = "شن الطيران الحربي غارات على مدينة درعا وبلدة اليادودة في ريفها الغربي."


def _report(rid: str, *, sub: str = "Shelling/artillery/missile attack",
            etype: str = "Explosions/Remote violence", a1: Actor | None = HOUTHIS,
            a2: Actor | None = CIV_YE, loc: Location = ADEN, day: int = 19,
            published: int = 20, window: bool = False, killed: int = 0,
            text: str = SHELLING_CITY, doc: str | None = None) -> Report:
    """A report of an article published on July ``published``, 2015; ``window`` gives
    it the news-window date (the day before publication to publication)."""
    span = (DateSpan(date(2015, 7, published - 1), date(2015, 7, published), 2) if window
            else DateSpan(date(2015, 7, day), date(2015, 7, day), 1))
    doc = doc or f"doc-{rid}"
    ev = Event(event_id=rid, doc_id=doc, status="current", event_type=etype,
               sub_event_type=sub, actor1=a1, actor2=a2, location=loc, date=span,
               fatalities=Fatalities(killed, killed, killed),
               evidence=(Evidence(doc, text, 0, len(text)),))
    return Report(ev, doc, f"outlet-{rid}", date(2015, 7, published))


def _link(a: Report, b: Report, **opts: object) -> list[str] | None:
    lk = agreement(a, b, place_of=place_of, options=MergeOptions(**opts))  # type: ignore[arg-type]
    return None if lk is None else list(lk.reasons)


def _groups(reports: list[Report], **opts: object) -> list[list[str]]:
    clusters = merge_all(reports, place_of=place_of,
                         options=MergeOptions(**opts))  # type: ignore[arg-type]
    return [[r.id for r in cl.reports] for cl in clusters]


# -- a quarter of a large city and the city -------------------------------------


def test_in_city_table() -> None:
    # (inner, outer, quarter of the city?)
    table = [
        (DAR_SAAD, ADEN, True),     # 12 km from Aden's point, its governorate
        (ADEN, DAR_SAAD, False),    # the city is not in the quarter
        (FAR_TOWN, ADEN, False),    # 25 km: a town of the governorate, not the city
        (YADUDAH, DARAA, False),    # Daraa is no city of a million
        (replace(DAR_SAAD, admin1="Lahij"), ADEN, False),  # another governorate
        (replace(DAR_SAAD, precision=2), ADEN, False),     # "near Dar Saad"
        (ADEN, ADEN, False),
    ]
    for inner, outer, expected in table:
        assert in_city(inner, outer, place_of=place_of) is expected, (inner.name, outer.name)


def test_quarter_and_city_on_one_day_merge() -> None:
    city = _report("a", loc=ADEN, text=SHELLING_CITY)
    quarter = _report("b", loc=DAR_SAAD, killed=49, text=SHELLING_QUARTER)
    reasons = _link(city, quarter)
    assert reasons is not None
    assert "Dar Saad lies in the city of Aden" in reasons
    assert "corroborated: the same day, sub-event type and named actors" in reasons[-1]
    assert _link(city, quarter, city_quarters=False) is None  # the former rule
    assert _groups([city, quarter]) == [["a", "b"]]


def test_quarter_and_city_near_pairs_stay_apart() -> None:
    quarter = _report("b", loc=DAR_SAAD, killed=49, text=SHELLING_QUARTER)
    # Another day in the city: nothing ties the two (the days differ).
    assert _link(_report("a", day=20, published=21, text=SHELLING_OTHER), quarter) is None
    # The same day, but a town of the governorate 25 km off.
    assert _link(_report("c", loc=FAR_TOWN, text=SHELLING_OTHER), quarter) is None
    # The same day in the city, but a battle between the resistance and the Houthis.
    clash = _report("d", etype="Battles", sub="Armed clash", a1=RESISTANCE, a2=HOUTHIS,
                    text=CLASH)
    assert _link(clash, quarter) is None
    # The same day in the city, another actor named: the resistance's shelling.
    theirs = _report("e", a1=RESISTANCE, a2=HOUTHIS, text=SHELLING_OTHER)
    assert _link(theirs, quarter) is None
    # The city's own report with a toll apart (6 killed against 49): two shellings.
    assert _link(_report("f", killed=6, text=SHELLING_OTHER), quarter) is None


# -- one deadly bombing told days apart -----------------------------------------


def _bombing(rid: str, **kw: object) -> Report:
    args: dict[str, object] = {"sub": "Suicide bomb", "a1": ISIS, "a2": CIV_TR,
                               "loc": SURUC, "day": 20, "published": 21,
                               "text": BOMBING}
    args.update(kw)
    return _report(rid, **args)  # type: ignore[arg-type]


def test_deadly_bombing_told_days_apart_merges() -> None:
    first = _bombing("a", killed=32)
    # The next days' story, dated to its own frame (the 22nd), silent on the toll.
    later = _bombing("b", day=22, published=23, text=FOLLOW_UP)
    reasons = _link(first, later)
    assert reasons is not None
    assert any(r.startswith("one deadly bombing told days apart: 2 day(s)") for r in reasons)
    assert _link(first, later, bombing_days=False) is None  # the former rule
    # A day off: the day against the next day's news window, and an IED to that outlet.
    window = _bombing("c", sub="Remote explosive/landmine/IED", window=True, published=22,
                      killed=30, text=FOLLOW_UP_2)
    assert _link(first, window) is not None
    assert _link(first, window, bombing_days=False) is None
    assert _groups([first, later, window]) == [["a", "b", "c"]]


def test_follow_ups_silent_on_the_toll_need_the_bombing() -> None:
    # Two follow-up stories two days apart, neither giving a toll: their facets agree
    # (so they may stay in one event with the bombing), but nothing links them alone.
    one = _bombing("a", day=20, published=25, text=FOLLOW_UP)
    two = _bombing("b", day=22, published=23, text=FOLLOW_UP_2)
    assert compatible(one, two, place_of=place_of)
    assert _link(one, two) is None
    assert _groups([one, two]) == [["a"], ["b"]]
    assert _groups([one, two, _bombing("c", killed=32)]) == [["a", "b", "c"]]


def test_deadly_bombing_near_pairs_stay_apart() -> None:
    first = _bombing("a", killed=32)
    # Two days on, a blast killing three policemen: tolls apart, another act.
    police = _bombing("b", sub="Remote explosive/landmine/IED", day=22, published=23,
                      killed=3, text=OTHER_BLAST)
    assert _link(first, police) is None
    # Five days on: beyond the few days a bombing is told.
    assert _link(first, _bombing("c", day=25, published=26, text=FOLLOW_UP)) is None
    # A shelling of the town two days on is not the bombing.
    shelled = _bombing("d", sub="Shelling/artillery/missile attack", day=22, published=23,
                       text=FOLLOW_UP)
    assert _link(first, shelled) is None
    # A city of millions: two deadly bombings days apart are common there.
    city = _bombing("e", loc=BAGHDAD, killed=32, a2=None)
    assert _link(city, _bombing("f", loc=BAGHDAD, day=22, published=23, a2=None,
                                text=FOLLOW_UP)) is None


# -- corroborated weak links rank last ------------------------------------------


def test_one_towns_reports_join_before_a_corroborated_nearby_pair() -> None:
    # Two articles each tell the strikes on Daraa and on al-Yadudah (8 km apart) in one
    # sentence; one article gives the day, the other its news window.
    kw: dict[str, object] = {"sub": "Air/drone strike", "a1": ARMY_SY, "a2": None,
                             "text": STRIKES, "published": 24}
    xa = _report("xa", loc=YADUDAH, window=True, doc="x", **kw)  # type: ignore[arg-type]
    xb = _report("xb", loc=DARAA, window=True, doc="x", **kw)  # type: ignore[arg-type]
    ya = _report("ya", loc=YADUDAH, day=23, doc="y", **kw)  # type: ignore[arg-type]
    yb = _report("yb", loc=DARAA, day=23, doc="y", **kw)  # type: ignore[arg-type]
    reports = [xa, xb, ya, yb]
    assert _groups(reports) == [["xa", "ya"], ["xb", "yb"]]
    # The former ranking: the corroborated cross pairs outrank the same-town pairs.
    assert _groups(reports, weak_last=False) == [["xa", "yb"], ["xb", "ya"]]
