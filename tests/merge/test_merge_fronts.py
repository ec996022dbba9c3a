"""Merge rules of issue 15's fourth round, each on composed multi-report cases both ways:
a pair that must merge and a near pair that must stay apart.

- one wire sentence read two ways (``one_sentence``): two outlets carry one sentence and
  extraction reads another party from each article's context; the sentence tells one act;
- fronts of a large city (``fronts``): two reports of one city whose sentences name one
  front (a quarter, or the side of the city) and whose dates put them on one day are
  one act; two of one day whose sentences name only different quarters are two;
- a toll updated days later (``toll_updates``): "the toll rose to 57", told with no day
  of its own a few days after the act, may be that act's report.

The quarters and sides are the places extraction annotates on each sentence
(``Event.sub_places``, :mod:`rasd.extract.sub_places`), from the packaged gazetteer
(al-Tawahi, al-Buraiqa and Crater lie within 20 km of Aden's point).

The reports are built by hand; their evidence sentences are Arabic written for these
tests. Actors come from the packaged dictionary.
"""

from __future__ import annotations

from functools import partial

from merge_reports import build_report
from rasd.actors.resolve import load_actors
from rasd.merge.merger import MergeOptions, agreement, merge_all
from rasd.models import Actor, Location, Place, Report

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


# A report of the incident these cases vary (merge_reports.build_report).
_report = partial(build_report, etype="Explosions/Remote violence",
                  sub="Shelling/artillery/missile attack", a1=ARMY_TR, a2=ISIS, loc=KILIS,
                  day=23, published=24, text=TANKS_1)


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
    # are read against two different parties. (With ``allied_actors`` the resistance
    # named as an air strike's actor is the coalition, and the two share it:
    # tests/merge/test_merge_allies.py.)
    coalition = _report("a1", a1=COALITION, a2=HOUTHIS, loc=ADEN, text=TANKS_1,
                        sub="Air/drone strike")
    resistance = _report("a2", a1=RESISTANCE, a2=CIV_YE, loc=ADEN, text=TANKS_2,
                         sub="Air/drone strike")
    assert _merged(coalition, resistance,
                   options=MergeOptions(allied_actors=False)) == [["a1"], ["a2"]]
    assert _merged(coalition, resistance) == [["a1", "a2"]]


# -- fronts of a large city ---------------------------------------------------

NORTH_1 = "قال سكان إن مقاتلي المقاومة يحاولون انتزاع الأحياء الشمالية من مدينة عدن من الحوثيين."
NORTH_2 = "تواصلت الاشتباكات في الأطراف الشمالية لمدينة عدن بين المقاومة ومسلحي الحوثي."
SOUTH = "دارت اشتباكات متقطعة جنوب عدن بين المقاومة وعناصر حوثية متحصنة في مبان حكومية."
TAWAHI = "اشتبك مقاتلو المقاومة مع الحوثيين في حي التواهي قرب القصر الرئاسي."
BURAIQA = "اشتبك مقاتلو المقاومة مع الحوثيين عند مداخل مدينة البريقة غرب عدن."
CRATER = "تجددت الاشتباكات في حي كريتر بين المقاومة والحوثيين مساء الثلاثاء."
CRATER_2 = "وفي حي كريتر قالت مصادر محلية إن المقاومة طاردت فلول الحوثيين."


def _clash(rid: str, text: str, **kw: object) -> Report:
    base: dict[str, object] = dict(etype="Battles", sub="Armed clash", a1=RESISTANCE,
                                   a2=HOUTHIS, loc=ADEN, day=21, published=22, annotate=True)
    base.update(kw)
    return _report(rid, text=text, **base)  # type: ignore[arg-type]


def test_one_front_of_a_city_joins_a_day_and_a_news_window() -> None:
    # One outlet gives Tuesday the 21st, the other (published the 22nd) "yesterday or
    # today"; both tell the fight for Aden's northern districts.
    day = _clash("b1", NORTH_1)
    window = _clash("b2", NORTH_2, window=True)
    assert _merged(day, window) == [["b1", "b2"]]
    link = agreement(day, window, place_of=place_of)
    assert link is not None and any("one front of Aden" in why for why in link.reasons)
    assert _merged(day, window, options=MergeOptions(fronts=False)) == [["b1"], ["b2"]]


def test_two_fronts_of_a_city_in_one_news_window_stay_apart() -> None:
    day = _clash("b1", NORTH_1)
    south = _clash("b2", SOUTH, window=True)
    assert _merged(day, south) == [["b1"], ["b2"]]


def test_one_front_with_two_attackers_stays_apart() -> None:
    # The same northern districts, but the resistance's shelling of the Houthis and the
    # Houthis' shelling of the resistance are two acts.
    day = _clash("b1", NORTH_1, etype="Explosions/Remote violence",
                 sub="Shelling/artillery/missile attack")
    other = _clash("b2", NORTH_2, window=True, etype="Explosions/Remote violence",
                   sub="Shelling/artillery/missile attack", a1=HOUTHIS, a2=RESISTANCE)
    assert _merged(day, other) == [["b1"], ["b2"]]
    # (The coalition's strikes against the "resistance's" were two attackers here until
    # ``allied_actors``: only the coalition flew them, tests/merge/test_merge_allies.py.)
    strike = _clash("b1", NORTH_1, etype="Explosions/Remote violence", sub="Air/drone strike")
    coalition = _clash("b2", NORTH_2, window=True, etype="Explosions/Remote violence",
                       sub="Air/drone strike", a1=COALITION)
    assert _merged(strike, coalition, options=MergeOptions(allied_actors=False)) == [
        ["b1"], ["b2"]]


def test_one_front_with_tolls_apart_stays_apart() -> None:
    day = _clash("b1", NORTH_1, killed=4)
    window = _clash("b2", NORTH_2, window=True, killed=30)
    assert _merged(day, window) == [["b1"], ["b2"]]


def test_same_day_in_a_city_parts_two_quarters() -> None:
    # One day, one sub-type, the same actors at "Aden": the same-day corroboration
    # joined them; the sentences name al-Tawahi and al-Buraiqa, two fights.
    tawahi, buraiqa = _clash("b1", TAWAHI), _clash("b2", BURAIQA)
    assert _merged(tawahi, buraiqa, options=MergeOptions(fronts=False)) == [["b1", "b2"]]
    assert _merged(tawahi, buraiqa) == [["b1"], ["b2"]]


def test_same_day_in_a_city_keeps_one_quarter() -> None:
    one, two = _clash("b1", CRATER), _clash("b2", CRATER_2)
    assert _merged(one, two) == [["b1", "b2"]]


def test_a_sentence_of_several_quarters_is_not_one_front() -> None:
    # One report's sentence names Crater only, the other's Crater and al-Tawahi: a
    # round-up of the city's fronts, not the one fight.
    day = _clash("b1", CRATER)
    several = _clash("b2", TAWAHI + " " + CRATER_2, window=True)
    assert _merged(day, several) == [["b1"], ["b2"]]
    assert _merged(day, _clash("b3", CRATER_2, window=True)) == [["b1", "b3"]]


# -- a toll updated days later --------------------------------------------------

MASSACRE = "قتل 57 مدنيا في قصف صاروخي للحوثيين على أحياء سكنية في عدن يوم الأحد."
UPDATE = "وارتفع عدد القتلى المدنيين جراء قصف الحوثيين على منطقة سكنية في عدن إلى 57 قتيلا."
SAME_TOLL = "قتل 57 مدنيا جراء قصف الحوثيين على منطقة سكنية في عدن."


def _shelling(rid: str, text: str, **kw: object) -> Report:
    base: dict[str, object] = dict(sub="Shelling/artillery/missile attack", a1=HOUTHIS,
                                   a2=CIV_YE, loc=ADEN, killed=57)
    base.update(kw)
    return _report(rid, text=text, **base)  # type: ignore[arg-type]


def test_a_toll_updated_days_later_joins_the_act() -> None:
    # The shelling of Sunday the 19th, and a story of the 22nd with no day of its own:
    # "the toll rose to 57".
    act = _shelling("c1", MASSACRE, day=19, published=20)
    update = _shelling("c2", UPDATE, window=True, published=22)
    assert _merged(act, update) == [["c1", "c2"]]
    assert _merged(act, update, options=MergeOptions(toll_updates=False)) == [["c1"], ["c2"]]


def test_a_toll_without_an_update_cue_days_later_stays_apart() -> None:
    act = _shelling("c1", MASSACRE, day=19, published=20)
    again = _shelling("c2", SAME_TOLL, window=True, published=22)
    assert _merged(act, again) == [["c1"], ["c2"]]


def test_an_update_long_after_stays_apart() -> None:
    # Seven days on, "the toll rose" is another act's (or a round-up's).
    act = _shelling("c1", MASSACRE, day=19, published=20)
    late = _shelling("c2", UPDATE, window=True, published=26)
    assert _merged(act, late) == [["c1"], ["c2"]]


# -- one agreement between two parties ----------------------------------------------

SANAA = Location("Sanaa", "صنعاء", 15.35, 44.21, 1, "g:sanaa", "Sanaa", None, "YE")
GAZETTEER["g:sanaa"] = Place("g:sanaa", "Sanaa", "صنعاء", "populated place", 15.35, 44.21,
                             "YE", "Sanaa", population=2_000_000)
TRUCE_1 = "أعلن التحالف بقيادة السعودية هدنة إنسانية مع الحوثيين تبدأ منتصف الليل."
TRUCE_2 = "وافقت جماعة الحوثي على وقف لإطلاق النار لأغراض إنسانية اقترحه التحالف."


def _agreement(rid: str, text: str, **kw: object) -> Report:
    base: dict[str, object] = dict(etype="Strategic developments", sub="Agreement",
                                   a1=COALITION, a2=HOUTHIS, loc=SANAA, window=True)
    base.update(kw)
    return _report(rid, text=text, **base)  # type: ignore[arg-type]


def test_one_truce_told_in_two_news_windows_merges() -> None:
    one = _agreement("d1", TRUCE_1, published=26)
    two = _agreement("d2", TRUCE_2, published=27)
    assert _merged(one, two) == [["d1", "d2"]]
    assert _merged(one, two, options=MergeOptions(one_agreement=False)) == [["d1"], ["d2"]]


def test_agreements_of_other_parties_stay_apart() -> None:
    one = _agreement("d1", TRUCE_1, published=26)
    other = _agreement("d2", TRUCE_2, published=27, a2=RESISTANCE)
    assert _merged(one, other) == [["d1"], ["d2"]]
