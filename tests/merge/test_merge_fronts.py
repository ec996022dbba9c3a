"""Merge rules of issue 15's fourth round, each on composed multi-report cases both ways:
a pair that must merge and a near pair that must stay apart.

- one wire sentence read two ways (``one_sentence``): two outlets carry one sentence and
  extraction reads another party from each article's context; the sentence tells one act.

The reports are built by hand; their evidence sentences are Arabic written for these
tests. Actors come from the packaged dictionary.
"""

from __future__ import annotations

from datetime import date

from rasd.actors.resolve import load_actors
from rasd.merge.merger import MergeOptions, agreement, merge_all
from rasd.models import Actor, DateSpan, Event, Evidence, Fatalities, Location, Place, Report

_ACTORS = load_actors()
ISIS, YPG, ARMY_TR = (_ACTORS.get(i) for i in ("isis", "ypg", "mil-tr"))
HOUTHIS, RESISTANCE, COALITION = (_ACTORS.get(i) for i in ("houthis", "popres-ye",
                                                           "saudi-coalition"))
CIV_YE = Actor("civ-ye", "Civilians (Yemen)", "مدنيون", 7, "YE")

KILIS = Location("Kilis", "كلس", 36.72, 37.12, 1, "g:kilis", "Kilis", None, "TR")
ADEN = Location("Aden", "عدن", 12.78, 45.04, 1, "g:aden", "Aden", None, "YE")
GAZETTEER = {p.id: p for p in (
    Place("g:kilis", "Kilis", "كلس", "populated place", 36.72, 37.12, "TR", "Kilis",
          population=90_000),
    Place("g:aden", "Aden", "عدن", "populated place", 12.78, 45.04, "YE", "Aden",
          population=1_000_000),
)}
place_of = GAZETTEER.get

# One wire sentence in two outlets' wording, and a sentence of another act of the day.
TANKS_1 = ("قصفت دبابات تركية صباح الخميس مواقع لتنظيم داعش داخل سوريا "
           "ردا على نيران أطلقت من هناك قرب كلس.")
TANKS_2 = ("وقصفت دبابات تركية الخميس مواقع لتنظيم داعش داخل سوريا "
           "ردا على نيران أطلقت من هناك قرب مدينة كلس.")
MORTARS = "سقطت قذائف هاون على قرية كردية قرب الحدود وتبادل المقاتلون الأكراد القصف مع التنظيم."


def _report(rid: str, *, etype: str = "Explosions/Remote violence",
            sub: str = "Shelling/artillery/missile attack", a1: Actor | None = ARMY_TR,
            a2: Actor | None = ISIS, loc: Location = KILIS, day: int = 23,
            published: int = 24, window: bool = False, killed: int = 0,
            text: str = TANKS_1) -> Report:
    """A report of an article published on July ``published``, 2015; ``window`` gives
    it the news-window date (the day before publication to publication)."""
    span = (DateSpan(date(2015, 7, published - 1), date(2015, 7, published), 2) if window
            else DateSpan(date(2015, 7, day), date(2015, 7, day), 1))
    doc = f"doc-{rid}"
    ev = Event(event_id=rid, doc_id=doc, status="current", event_type=etype,
               sub_event_type=sub, actor1=a1, actor2=a2, location=loc, date=span,
               fatalities=Fatalities(killed, killed, killed),
               evidence=(Evidence(doc, text, 0, len(text)),))
    return Report(ev, doc, f"outlet-{rid}", date(2015, 7, published))


def _merged(*reports: Report, options: MergeOptions | None = None) -> list[list[str]]:
    return [[r.id for r in cl.reports]
            for cl in merge_all(list(reports), options=options, place_of=place_of)]


# -- one wire sentence read two ways ----------------------------------------


def test_one_sentence_read_with_two_attackers_merges() -> None:
    # The Turkish army against ISIS in one outlet, the YPG against ISIS in the other
    # (extraction took the Kurds from the article's next paragraph): one shelling.
    army = _report("a1", text=TANKS_1)
    kurds = _report("a2", a1=YPG, a2=ISIS, text=TANKS_2)
    assert _merged(army, kurds) == [["a1", "a2"]]
    link = agreement(army, kurds, place_of=place_of)
    assert link is not None and any("one sentence" in why for why in link.reasons)


def test_one_sentence_rule_switched_off_keeps_them_apart() -> None:
    army = _report("a1", text=TANKS_1)
    kurds = _report("a2", a1=YPG, a2=ISIS, text=TANKS_2)
    assert _merged(army, kurds, options=MergeOptions(one_sentence=False)) == [["a1"], ["a2"]]


def test_two_attackers_told_in_different_sentences_stay_apart() -> None:
    # The same town, day and sub-type, but each sentence tells its own fire: the
    # Turkish army's and the Kurds' are two shellings.
    army = _report("a1", text=TANKS_1)
    kurds = _report("a2", a1=YPG, a2=ISIS, text=MORTARS)
    assert _merged(army, kurds) == [["a1"], ["a2"]]


def test_one_sentence_with_two_sub_types_stays_apart() -> None:
    # One sentence, but one report reads an air strike: another act of the sentence.
    army = _report("a1", text=TANKS_1)
    strike = _report("a2", sub="Air/drone strike", a1=YPG, a2=ISIS, text=TANKS_2)
    assert _merged(army, strike) == [["a1"], ["a2"]]


def test_one_sentence_needs_a_shared_actor() -> None:
    # Nothing in common but the sentence: the coalition's strike and the resistance's
    # are read against two different parties.
    coalition = _report("a1", a1=COALITION, a2=HOUTHIS, loc=ADEN, text=TANKS_1,
                        sub="Air/drone strike")
    resistance = _report("a2", a1=RESISTANCE, a2=CIV_YE, loc=ADEN, text=TANKS_2,
                         sub="Air/drone strike")
    assert _merged(coalition, resistance) == [["a1"], ["a2"]]
