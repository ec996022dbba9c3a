"""How a sentence is cut into clauses and which place each act gets (issue 14).

Sentences composed for these tests: dense round-ups that chain acts with ``، فيما``
``، في حين`` ``، فضلاً عن``, a place pointed back to (``أحياء البلدة``، ``وفي البلدة
ذاتها``), and a neighbourhood located by its town (``حي ... بمدينة حلب``). Each row
gives the sentence and the (sub-type, place) of every event it must give, no more.
"""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest

from extract_text import extract_text
from rasd.clean.normalize import normalize_for_match
from rasd.clean.sentences import split_sentences
from rasd.extract.clauses import anaphors, clause_breaks
from rasd.extract.engine import Extractor
from rasd.extract.tokens import tokenize
from rasd.models import Document

AIR, SHELL, CLASH, TAKE = ("Air/drone strike", "Shelling/artillery/missile attack",
                           "Armed clash", "Non-state actor overtakes territory")


@cache
def _extractor() -> Extractor:
    return Extractor()


def _events(text: str) -> set[tuple[str, str | None]]:
    return {(ev.sub_event_type,
             normalize_for_match(ev.location.name_ar) if ev.location is not None else None)
            for ev in extract_text(text, date(2019, 1, 16))}


def _n(name: str) -> str:
    return normalize_for_match(name)


@pytest.mark.parametrize(("text", "expected"), [
    # A place told after ``في حين`` and before its clause's cue is that cue's: the air
    # strikes hit al-Bab, the rockets Latakia (a place before the first cue).
    ("استهدفت فصائل المعارضة مواقع في مدينة اللاذقية بالصواريخ، في حين تعرضت مدينة الباب "
     "لغارات جوية عنيفة.",
     {(SHELL, _n("اللاذقية")), (AIR, _n("الباب"))}),
    # ``فيما شهدت مدينة ... اشتباكات``: the clash is at the second town, the shelling at
    # the first only.
    ("قصفت قوات النظام بلدة سراقب، فيما شهدت مدينة معرة النعمان اشتباكات عنيفة بين "
     "الفصائل وقوات النظام.",
     {(SHELL, _n("سراقب")), (CLASH, _n("معرة النعمان"))}),
    # ``فضلاً عن بلدة ... التي قصفت``: the second town is the second act's.
    ("قصفت مدفعية النظام مدينة الباب، فضلاً عن بلدة كفرنبل التي شهدت اشتباكات عنيفة "
     "بين الفصائل وقوات النظام.",
     {(SHELL, _n("الباب")), (CLASH, _n("كفرنبل"))}),
    # A contrastive clause with no act of its own: its place is nobody's.
    ("قصفت قوات النظام قرية كفرنبل، فيما عقد المجلس المحلي في مدينة إدلب اجتماعاً.",
     {(SHELL, _n("كفرنبل"))}),
    # A threat is its own clause's: the air strike of the clause after ``فيما`` stands.
    ("هدد التنظيم بشن هجمات جديدة على مدينة الحسكة، فيما قصفت طائرات التحالف مواقعه في "
     "مدينة الرقة.",
     {(AIR, _n("الرقة"))}),
    # Without a clause break the threat voids the whole sentence.
    ("هدد التنظيم بشن هجمات جديدة على مدينة الحسكة وقصفت طائرات التحالف مواقعه في "
     "مدينة الرقة.",
     set()),
    # ``أحياء البلدة`` points back to the town just named: a second act there, not the
    # air strike told again.
    ("شنت طائرات النظام غارات على بلدة كفرنبل، وأطلقت قوات النظام قذائف الهاون على "
     "أحياء البلدة.",
     {(AIR, _n("كفرنبل")), (SHELL, _n("كفرنبل"))}),
    # ``وفي البلدة ذاتها`` in the next sentence: the clash gets the town of the event
    # before it and stays its own event.
    ("قصفت قوات النظام بلدة كفرنبل. وفي البلدة ذاتها، اندلعت اشتباكات بين فصائل "
     "المعارضة وقوات النظام.",
     {(SHELL, _n("كفرنبل")), (CLASH, _n("كفرنبل"))}),
    # Without the pointing word a sentence with no place gives no event.
    ("قصفت قوات النظام بلدة كفرنبل. واندلعت اشتباكات بين فصائل المعارضة وقوات النظام.",
     {(SHELL, _n("كفرنبل"))}),
    # A neighbourhood ``بمدينة حلب`` is coded at its town: one event, not two.
    ("اندلعت مواجهات بين الفصائل وقوات النظام ليلاً في حي الخالدية بمدينة حلب.",
     {(CLASH, _n("حلب"))}),
    # A quarter placed by compass words within its town is coded at the town too.
    ("انفجرت عبوة ناسفة صباح اليوم في حي الخالدية شرق حلب.",
     {("Remote explosive/landmine/IED", _n("حلب"))}),
    ("قتل ثلاثة مدنيين بانفجار سيارة مفخخة قرب سوق شعبي في حي البياع جنوبي غرب بغداد.",
     {("Remote explosive/landmine/IED", _n("بغداد"))}),
    # A town (no quarter word) placed by compass words from a city stays the town.
    ("قصفت قوات النظام بلدة كفرنبل جنوب إدلب.",
     {(SHELL, _n("كفرنبل"))}),
    # ``وبمدينة`` (with و) names another place of a list: two events.
    ("قصفت قوات النظام بلدة كفرنبل وبمدينة معرة النعمان.",
     {(SHELL, _n("كفرنبل")), (SHELL, _n("معرة النعمان"))}),
    # A locator word without و- locates the place before it: one event.
    ("قصفت قوات النظام مدينة القائم في محافظة الأنبار.",
     {(SHELL, _n("القائم"))}),
    # ``من جهة أخرى`` (the other side of a pair) before a place is no origin: the
    # place is the fight's; ``من جهة بلدة`` (from the direction of a town) is one.
    ("دارت اشتباكات بين الجيش من جهة، ومسلحي العشائر من جهة أخرى بمدينة سراقب.",
     {(CLASH, _n("سراقب"))}),
    ("اندلعت مواجهات بين الفصائل من جهة وقوات النظام من جهة ثانية ببلدة كفرنبل.",
     {(CLASH, _n("كفرنبل"))}),
    ("قصفت قوات النظام من جهة بلدة كفرنبل مواقع المعارضة في سراقب.",
     {(SHELL, _n("سراقب"))}),
    # A town never places the governorate holding it: the governorate names an
    # institution there (a university) and the town is the act's place; a strait
    # (not a governorate) placed by its governorate stays the place.
    ("اشتبكت قوات الأمن مع مسلحي داعش داخل جامعة الأنبار في جنوب مدينة الرمادي أمس.",
     {(CLASH, _n("الرمادي"))}),
    ("قصف طيران التحالف مواقع للحوثيين في مديرية باب المندب بمحافظة تعز.",
     {(AIR, _n("باب المندب"))}),
    # A name right after a rocket or ``طراز`` is the weapon's make (Grad), not a place.
    ("قصفت فصائل المعارضة مواقع للنظام في مدينة حماة بصواريخ من طراز جراد.",
     {(SHELL, _n("حماة"))}),
    ("قصفت قوات النظام بلدة كفرنبل بصواريخ جراد.",
     {(SHELL, _n("كفرنبل"))}),
    # A list of villages after one cue: one event per village.
    ("قصفت قوات النظام بلدات كفرنبل وسراقب ومعرة النعمان في ريف إدلب.",
     {(SHELL, _n("كفرنبل")), (SHELL, _n("سراقب")), (SHELL, _n("معرة النعمان"))}),
    # Two neighbouring villages (1-3 km apart) named side by side are two events too,
    # however close (issue 14, join14): the fold keeps them apart.
    ("قصفت قوات النظام بلدتي زبدين ودير العصافير في الغوطة الشرقية.",
     {(SHELL, _n("زبدين")), (SHELL, _n("دير العصافير"))}),
    ("دارت اشتباكات عنيفة بين قوات النظام وفصائل المعارضة في محيط بلدتي الفوعة وكفريا.",
     {(CLASH, _n("الفوعة")), (CLASH, _n("كفريا"))}),
    # An act told alongside another after a comma (``، وسط``، ``، سبقه``، ``، تلاه``) is
    # a clause of its own: the ground forces' shelling there is no air strike for the
    # aircraft of the clause before.
    ("قصف الطيران المروحي بالبراميل المتفجرة بلدة كفرنبل، سبقه قصف من قبل قوات النظام "
     "على بلدة سراقب.",
     {(AIR, _n("كفرنبل")), (SHELL, _n("سراقب"))}),
    ("قصف الطيران المروحي بالبراميل المتفجرة بلدة كفرنبل، وسط قصف من قوات النظام على "
     "بلدة سراقب.",
     {(AIR, _n("كفرنبل")), (SHELL, _n("سراقب"))}),
    ("قصف الطيران الحربي بلدة كفرنبل، تلاه قصف بالمدفعية الثقيلة من قبل قوات النظام على "
     "بلدة سراقب.",
     {(AIR, _n("كفرنبل")), (SHELL, _n("سراقب"))}),
    # With no side of its own the clause goes on with the sentence's aircraft.
    ("قصف الطيران الحربي بلدة كفرنبل، تلاه قصف على بلدة سراقب.",
     {(AIR, _n("كفرنبل")), (AIR, _n("سراقب"))}),
])
def test_round_up_clauses(text: str, expected: set[tuple[str, str | None]]) -> None:
    assert _events(text) == expected


@pytest.mark.parametrize(("text", "breaks"), [
    ("قصفت الطائرات البلدة، فيما سيطر الجيش على القرية", [("فيما", True)]),
    ("قصفت الطائرات البلدة، في حين سيطر الجيش على القرية", [("في", True)]),
    ("قصفت الطائرات البلدة، كما سيطر الجيش على القرية", [("كما", False)]),
    ("وفيما سيطر الجيش على القرية قصفت الطائرات البلدة", []),  # first word: no clause before
    ("قصفت الطائرات البلدة وفيما سيطر الجيش على القرية", [("وفيما", True)]),
    # Without a comma ``كما`` compares (``كما قال``), it opens nothing.
    ("قصفت الطائرات البلدة كما قال المصدر", []),
    ("قصفت الطائرات البلدة حين سيطر الجيش", []),
    # An act told alongside (amid, preceded or followed by another) opens an additive
    # clause; ``وسط`` with no comma is a place word (``وسط البلدة``).
    ("قصفت الطائرات البلدة، وسط قصف مدفعي على القرية", [("وسط", False)]),
    ("قصفت الطائرات البلدة، سبقه قصف مدفعي على القرية", [("سبقه", False)]),
    ("قصفت الطائرات البلدة، تلاها اشتباك في القرية", [("تلاها", False)]),
    ("قصفت الطائرات مواقع وسط البلدة", []),
])
def test_clause_breaks(text: str, breaks: list[tuple[str, bool]]) -> None:
    tokens = tokenize(text)
    by_start = {t.start: t.text for t in tokens}
    assert [(by_start[at], c) for at, c in clause_breaks(tokens, text, 0)] == breaks


@pytest.mark.parametrize(("text", "pointers"), [
    ("قصفت المدفعية أحياء البلدة", ["البلدة"]),
    ("وفي المدينة نفسها سقطت قذائف", ["المدينة"]),
    ("سقطت قذائف على أحياء سكنية بالمدينة", ["بالمدينة"]),
    # Indefinite: a new place about to be named, not one pointed back to.
    ("قصفت المدفعية مدينة حلب", []),
])
def test_anaphors(text: str, pointers: list[str]) -> None:
    assert [t.text for t in anaphors(tokenize(text), ())] == pointers


ABDUCT = "Abduction/forced disappearance"


@pytest.mark.parametrize(("text", "expected"), [
    # The toll of a round-up's clause goes to that clause's act, told after it.
    ("قصفت الطائرات الحربية بلدة سراقب، فيما قتل خمسة مدنيين في بلدة كفرنبل جراء قصف "
     "مدفعي لقوات النظام.",
     {(AIR, _n("سراقب"), 0), (SHELL, _n("كفرنبل"), 5)}),
    # A clause with a toll and no act: the nearest act, here the one after it.
    ("أكدت مصادر طبية مقتل أربعة أشخاص، فيما أصيب العشرات في انفجار عبوة ناسفة في بلدة "
     "سراقب.",
     {("Remote explosive/landmine/IED", _n("سراقب"), 4)}),
    # The dead of a voided clause are not the next clause's act's.
    ("سقط مدنيون بين قتيل وجريح في قصف على بلدة سراقب، مشيرة إلى نزوح العائلات، فيما "
     "شنت طائرات التحالف غارات على مدينة الرقة.",
     {(AIR, _n("الرقة"), 0)}),
])
def test_round_up_tolls(text: str, expected: set[tuple[str, str | None, int]]) -> None:
    doc = Document(id="t", name="t", source=None, url=None, title=None,
                   published=date(2019, 1, 16), raw=text, raw_format="txt", text=text,
                   origin="test", clean_text=text,
                   sentences=tuple(split_sentences(text, doc_id="t")))
    got = {(ev.sub_event_type, normalize_for_match(ev.location.name_ar)
            if ev.location is not None else None, ev.fatalities.best)
           for ev in _extractor().extract(doc)}
    assert got == expected


@pytest.mark.parametrize(("text", "expected"), [
    # ``عملية الخطف`` told again in the next sentence, with another perpetrator named:
    # the same abduction (one side, the victims, in common), one event.
    ("خطف مسلحون من جبهة النصرة ثمانية مدنيين مساء الأربعاء في مدينة إعزاز. وقال المرصد "
     "إن عملية الخطف نفذتها حركة أحرار الشام في إعزاز.",
     [(ABDUCT, _n("إعزاز"))]),
    # The definite noun at another town is not the act told before.
    ("خطف مسلحون من جبهة النصرة ثمانية مدنيين مساء الأربعاء في مدينة إعزاز. وقال المرصد "
     "إن عملية الخطف نفذتها حركة أحرار الشام في مدينة مارع.",
     [(ABDUCT, _n("إعزاز")), (ABDUCT, _n("مارع"))]),
])
def test_retelling_joins(text: str, expected: list[tuple[str, str | None]]) -> None:
    doc = Document(id="t", name="t", source=None, url=None, title=None,
                   published=date(2019, 1, 16), raw=text, raw_format="txt", text=text,
                   origin="test", clean_text=text,
                   sentences=tuple(split_sentences(text, doc_id="t")))
    got = sorted((ev.sub_event_type, normalize_for_match(ev.location.name_ar)
                  if ev.location is not None else None) for ev in _extractor().extract(doc))
    assert got == sorted(expected)


@pytest.mark.parametrize(("text", "expected"), [
    # The toll names its cause right after it (``في انفجار``، ``بانفجار``): that act's,
    # not the act told before it in the sentence.
    ("قصفت الطائرات الحربية بلدة سراقب وقتلت ثلاثة مسلحين، وأشارت المصادر إلى مقتل ستة "
     "مدنيين وإصابة عشرة آخرين في انفجار عبوة ناسفة في بلدة كفرنبل.",
     {("سراقب", 3), ("كفرنبل", 6)}),
    ("قصفت الطائرات الحربية بلدة سراقب وقتلت ثلاثة مسلحين، وأشارت المصادر إلى مقتل ستة "
     "مدنيين بانفجار عبوة ناسفة في بلدة كفرنبل.",
     {("سراقب", 3), ("كفرنبل", 6)}),
    # ... and divided across the places it lists (event-coding.md section 9).
    ("قصفت الطائرات الحربية بلدة سراقب وقتلت ثلاثة مسلحين، وأشارت المصادر إلى مقتل ستة "
     "مدنيين وإصابة عشرة آخرين في انفجار عبوتين ناسفتين في بلدتي كفرنبل ومعرة النعمان.",
     {("سراقب", 3), ("كفرنبل", 3), ("معره النعمان", 3)}),
    # A cause far from the count, past a comma, is not named by it.
    ("قصفت الطائرات الحربية بلدة سراقب ما أدى إلى مقتل ستة مدنيين، وبعد ساعات وقع انفجار "
     "عبوة ناسفة في بلدة كفرنبل.",
     {("سراقب", 6)}),
])
def test_a_toll_goes_to_the_cause_it_names(text: str, expected: set[tuple[str, int]]) -> None:
    doc = Document(id="t", name="t", source=None, url=None, title=None,
                   published=date(2019, 1, 16), raw=text, raw_format="txt", text=text,
                   origin="test", clean_text=text,
                   sentences=tuple(split_sentences(text, doc_id="t")))
    got = {(normalize_for_match(ev.location.name_ar), ev.fatalities.best)
           for ev in _extractor().extract(doc)
           if ev.location is not None and ev.fatalities is not None and ev.fatalities.best}
    assert got == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A general act (هجوم، مجزرة) names its means right after it or at the end of the
    # toll's clause (ب + a specific act): the toll is the means' act's (whether or not
    # the general word is an event of its own).
    ("ارتكب المسلحون مجزرة في بلدة كفرنبل فقتلوا ما لا يقل عن 20 مدنيا بينهم نساء وأطفال "
     "وجرحوا العشرات في أحياء البلدة الشرقية بقصف مدفعي.",
     {("Shelling/artillery/missile attack", 20)}),
    ("وفي بغداد لقي أربعة من عناصر الشرطة مصرعهم وأصيب ستة آخرون بجروح خطيرة في هجوم "
     "بسيارة مفخخة استهدف منزل ضابط كبير.",
     {("Remote explosive/landmine/IED", 4)}),
    # No means named: the general act keeps its toll; an act of another clause is no means.
    ("وفي بغداد لقي أربعة من عناصر الشرطة مصرعهم وأصيب ستة آخرون بجروح خطيرة في هجوم "
     "مسلح استهدف منزل ضابط كبير.",
     {("Armed clash", 4)}),
    ("ارتكب المسلحون مجزرة في بلدة كفرنبل فقتلوا ما لا يقل عن 20 مدنيا بينهم نساء وأطفال "
     "وجرحوا العشرات في أحياء البلدة، وقصفت الطائرات بلدة سراقب بالصواريخ.",
     {("Attack", 20)}),
])
def test_a_toll_goes_to_the_means_a_general_act_names(
        text: str, expected: set[tuple[str, int]]) -> None:
    doc = Document(id="t", name="t", source=None, url=None, title=None,
                   published=date(2019, 1, 16), raw=text, raw_format="txt", text=text,
                   origin="test", clean_text=text,
                   sentences=tuple(split_sentences(text, doc_id="t")))
    got = {(ev.sub_event_type, ev.fatalities.best) for ev in _extractor().extract(doc)
           if ev.fatalities is not None and ev.fatalities.best}
    assert got == expected


def _event_list(text: str) -> list[tuple[str, str | None]]:
    doc = Document(id="t", name="t", source=None, url=None, title=None,
                   published=date(2019, 1, 16), raw=text, raw_format="txt", text=text,
                   origin="test", clean_text=text,
                   sentences=tuple(split_sentences(text, doc_id="t")))
    return sorted((ev.sub_event_type,
                   normalize_for_match(ev.location.name_ar) if ev.location else None)
                  for ev in _extractor().extract(doc))


@pytest.mark.parametrize(("text", "expected"), [
    # Two neighbouring villages of one sentence: two events (join14).
    ("قصفت فصائل المعارضة بلدتي الفوعة وكفريا بريف إدلب بعشرات القذائف.",
     [(SHELL, _n("الفوعة")), (SHELL, _n("كفريا"))]),
    # One village named twice in a sentence is one place: one event.
    ("قصفت قوات النظام بلدة زبدين بالصواريخ، وقالت مصادر محلية إن القصف على زبدين "
     "استمر ساعات.",
     [(SHELL, _n("زبدين"))]),
    # A quarter placed in its town is coded at the town: one event.
    ("قصف الطيران الحربي حي الشعار في مدينة حلب.", [(AIR, _n("حلب"))]),
])
def test_places_of_one_sentence_fold(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert _event_list(text) == expected


def _tolls(text: str) -> set[tuple[str, str | None, int]]:
    return {(ev.sub_event_type,
             normalize_for_match(ev.location.name_ar) if ev.location is not None else None,
             ev.fatalities.best if ev.fatalities is not None else 0)
            for ev in extract_text(text, date(2019, 1, 16))}


IED = "Remote explosive/landmine/IED"
_LEAD = ("أعلنت مصادر رسمية مقتل جنديين بانفجار سيارة مفخخة استهدف قافلة عسكرية في "
         "محافظة إدلب مساء اليوم. ")


@pytest.mark.parametrize(("text", "expected"), [
    # The lead at province level, the blast then placed near one town: one act, the
    # lead's toll goes to it (tolls14e).
    (_LEAD + "وذكرت قيادة الجيش أن سيارة مفخخة انفجرت عند مرور القافلة على طريق "
     "قرب مدينة سراقب.", {(IED, _n("سراقب"), 2)}),
    # ... a town told its own toll keeps it.
    (_LEAD + "وذكرت قيادة الجيش أن سيارة مفخخة انفجرت عند مرور القافلة قرب مدينة "
     "سراقب ما أدى إلى مقتل جندي.", {(IED, _n("سراقب"), 1)}),
    # ... a lead over two towns is not split up.
    (_LEAD + "وذكرت قيادة الجيش أن سيارة مفخخة انفجرت عند مرور القافلة قرب مدينة "
     "سراقب، وانفجرت سيارة مفخخة أخرى في مدينة معرة النعمان.",
     {(IED, _n("سراقب"), 0), (IED, _n("معرة النعمان"), 0)}),
])
def test_a_province_lead_gives_its_toll_to_the_one_place_inside(
        text: str, expected: set[tuple[str, str | None, int]]) -> None:
    assert _tolls(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # Dead told in a phrase recalling another act are not the act told (tolls14e).
    ("قصفت قوات النظام بلدة كفرنبل بالمدفعية الثقيلة صباح اليوم ردا على مقتل ثلاثة جنود "
     "في هجوم للفصائل.", {(SHELL, _n("كفرنبل"), 0)}),
    ("انفجرت عبوة ناسفة بدورية للجيش قرب مدينة سراقب صباح اليوم. ويأتي الانفجار غداة قصف "
     "مدفعي ردا على مقتل ثلاثة جنود في كمين.", {(IED, _n("سراقب"), 0)}),
    # ... the act's own toll stands, and a later sentence's toll goes on about it.
    ("قصفت قوات النظام بلدة كفرنبل بالمدفعية الثقيلة صباح اليوم ما أسفر عن مقتل ثلاثة "
     "مدنيين.", {(SHELL, _n("كفرنبل"), 3)}),
    ("انفجرت عبوة ناسفة بدورية للجيش قرب مدينة سراقب صباح اليوم. وأكد مصدر عسكري أن ضابطي "
     "صف من الدورية قتلا في الانفجار.", {(IED, _n("سراقب"), 2)}),
    # ... so are the dead told as the time or cause of the act (بعد/إثر مقتل).
    ("اندلعت اشتباكات عنيفة بين قوات النظام وفصائل المعارضة في مدينة سراقب صباح اليوم بعد "
     "مقتل أحد أبناء المدينة عند حاجز أمني.", {(CLASH, _n("سراقب"), 0)}),
    ("اندلعت اشتباكات عنيفة بين قوات النظام وفصائل المعارضة في مدينة سراقب صباح اليوم. وقال "
     "مسؤول محلي إن الاشتباكات بدأت بعد مقتل أحد أبناء المدينة عند حاجز أمني.",
     {(CLASH, _n("سراقب"), 0)}),
    ("اندلعت اشتباكات عنيفة بين قوات النظام وفصائل المعارضة في مدينة سراقب صباح اليوم. وقال "
     "مسؤول محلي إن الاشتباكات أسفرت عن مقتل أحد أبناء المدينة.", {(CLASH, _n("سراقب"), 1)}),
])
def test_the_dead_of_a_recalled_act_stay_off_the_act_told(
        text: str, expected: set[tuple[str, str | None, int]]) -> None:
    assert _tolls(text) == expected


_STRIKE = "شنت طائرات التحالف غارة جوية على مقر اللواء قرب مدينة سراقب صباح اليوم. "


@pytest.mark.parametrize(("text", "expected"), [
    # A sentence turning to another incident does not add its dead (tolls14e).
    (_STRIKE + "من جانب آخر، شنت الطائرات غارة على سجن قريب حيث شاهد السكان جثث 9 مسلحين.",
     {(AIR, _n("سراقب"), 0)}),
    (_STRIKE + "وفي تطور آخر، شاهد السكان جثث 9 مسلحين في الشارع.", {(AIR, _n("سراقب"), 0)}),
    # ... one going on about it does.
    (_STRIKE + "وشاهد السكان جثث 9 مسلحين قرب المقر.", {(AIR, _n("سراقب"), 9)}),
])
def test_another_matter_takes_no_toll_from_the_event_before(
        text: str, expected: set[tuple[str, str | None, int]]) -> None:
    assert _tolls(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A governorate and a district inside it: one place told twice, the toll goes to the
    # district (tolls14e); since the locator-list rules (recall14e, place14e) the
    # governorate is read as the district's locator and makes no event of its own.
    ("قصفت طائرات التحالف معسكرا للحوثيين في محافظة شبوة مديرية عسيلان ما أدى إلى مقتل 9 "
     "مسلحين.", {(AIR, _n("عسيلان"), 9)}),
    ("قصفت طائرات التحالف معسكرا للحوثيين في مديرية عسيلان ما أدى إلى مقتل 9 مسلحين.",
     {(AIR, _n("عسيلان"), 9)}),
])
def test_a_toll_goes_to_the_district_not_its_governorate(
        text: str, expected: set[tuple[str, str | None, int]]) -> None:
    assert _tolls(text) == expected


_STORMED = ("أعلنت فصائل المعارضة اقتحام مقر قوات النظام في مدينة سراقب واسترجاع عدة مواقع "
            "استراتيجية، كما سيطرت على عدة قرى في ريف حماة. ")


@pytest.mark.parametrize(("text", "expected"), [
    # A toll told with the act it names goes to that act among the acts of the sentence
    # before, not to the last of them (tolls14e).
    (_STORMED + "وقالت مصادر في الفصائل إن 21 عنصرا من قوات النظام قتلوا في الاشتباكات.",
     {(CLASH, _n("سراقب"), 21), (TAKE, _n("حماة"), 0)}),
    # ... with no act named it goes on about the last one.
    (_STORMED + "وقالت مصادر في الفصائل إن 21 عنصرا من قوات النظام قتلوا.",
     {(CLASH, _n("سراقب"), 0), (TAKE, _n("حماة"), 21)}),
])
def test_a_continued_toll_goes_to_the_act_it_names(
        text: str, expected: set[tuple[str, str | None, int]]) -> None:
    assert _tolls(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A toll told in the next sentence for an act at a list of places is divided among
    # them as one told in its sentence is (event-coding.md section 9) (tolls14e).
    ("قصفت قوات النظام بالمدفعية بلدات كفرنبل وسراقب ومعرة النعمان صباح اليوم. وقالت مصادر "
     "طبية إن القصف أدى إلى مقتل 7 مدنيين.",
     {(SHELL, _n("كفرنبل"), 3), (SHELL, _n("سراقب"), 2), (SHELL, _n("معرة النعمان"), 2)}),
    # ... an act at one place keeps the whole toll.
    ("قصفت قوات النظام بالمدفعية بلدة كفرنبل صباح اليوم. وقالت مصادر طبية إن القصف أدى إلى "
     "مقتل 7 مدنيين.", {(SHELL, _n("كفرنبل"), 7)}),
])
def test_a_continued_toll_is_divided_over_a_list_of_places(
        text: str, expected: set[tuple[str, str | None, int]]) -> None:
    assert _tolls(text) == expected
