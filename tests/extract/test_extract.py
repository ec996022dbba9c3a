"""Event extraction on short sentences composed for these tests (event-coding.md).

Each row is one construction the coding rules name: the passive/nominal report of
an ambush, an attackers' origin, a background ``وكان ... قد``, statements and
threats that give no event, one raid on two towns, killed versus wounded, both
sides' deaths in one clash, and the cue words that are something else (dawn, a
unit's name, the noun "control").
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from extract_text import extract_text, shared_extractor
from rasd.clean.normalize import normalize_for_match
from rasd.clean.sentences import split_sentences
from rasd.extract.build import build_events
from rasd.extract.engine import Extractor
from rasd.extract.fold import Candidate
from rasd.models import Actor, Document, Event, Sentence


def _extract(text: str, published: date | None = date(2019, 1, 16)) -> list[Event]:
    return extract_text(text, published)


def _place(ev: Event) -> str | None:
    return normalize_for_match(ev.location.name_ar) if ev.location is not None else None


def _name(actor: object) -> str | None:
    return getattr(actor, "name", None)


def _row(ev: Event) -> tuple[object, ...]:
    return (ev.event_type, ev.sub_event_type, _name(ev.actor1), _name(ev.actor2), _place(ev),
            ev.date.start.isoformat() if ev.date is not None else None, ev.fatalities.best,
            ev.status)


ISIS, SDF, SYRIA = "Islamic State", "Syrian Democratic Forces", "Military Forces of Syria"
CLASH = ("Battles", "Armed clash")
AIR = ("Explosions/Remote violence", "Air/drone strike")
SHELL = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
IED = ("Explosions/Remote violence", "Remote explosive/landmine/IED")
D19 = date(2019, 1, 16)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # The nominal/passive report of an ambush: the agent is attached with li-.
        ("مقتل 20 عنصراً من قسد في كمين لتنظيم داعش في بلدة هجين أمس.", D19,
         (*CLASH, ISIS, SDF, "هجين", "2019-01-15", 20, "current")),
        ("قُتل 20 عنصراً من قسد، أمس الثلاثاء، في كمين لتنظيم داعش قرب بلدة هجين.", D19,
         (*CLASH, ISIS, SDF, "هجين", "2019-01-15", 20, "current")),
        # The attackers' origin is not where the fighting was.
        ("وشن تنظيم داعش، أمس، هجوماً من محور بلدة الباغوز على مواقع قسد في بلدة السوسة.", D19,
         (*CLASH, ISIS, SDF, "السوسه", "2019-01-15", 0, "current")),
        # ``وكان ... قد`` with an old date: background, dated as written.
        ("وكان تنظيم داعش قد سيطر على مدينة الموصل في 10 حزيران/يونيو 2014.", D19,
         ("Battles", "Non-state actor overtakes territory", ISIS, None, "الموصل",
          "2014-06-10", 0, "background")),
        # Killed and wounded: only the killed count, on both sides of a clash.
        ("واندلعت اشتباكات عنيفة بين قسد وتنظيم داعش في بلدة هجين، أمس، أسفرت عن مقتل 9 من "
         "عناصر التنظيم و4 من مقاتلي قسد.", D19,
         (*CLASH, SDF, ISIS, "هجين", "2019-01-15", 13, "current")),
        ("وأصيب خمسة عناصر من قوات النظام بانفجار عبوة ناسفة في مدينة الميادين، اليوم.", D19,
         (*IED, "Unidentified Armed Group (Syria)", SYRIA, "الميادين", "2019-01-16", 0,
          "current")),
        ("ومقتل وإصابة عشرة أشخاص بانفجار سيارة مفخخة في مدينة الباب أمس.", date(2021, 9, 20),
         (*IED, "Unidentified Armed Group (Syria)", "Civilians (Syria)", "الباب", "2021-09-19",
          0, "current")),
        ("وقتل 3 مدنيين وأصيب 10 آخرون بقصف مدفعي لقوات النظام على مدينة معرة النعمان أمس.",
         date(2019, 12, 18),
         (*SHELL, SYRIA, "Civilians (Syria)", "معره النعمان", "2019-12-17", 3, "current")),
        # ``فجر اليوم`` is dawn, not a detonation.
        ("وقصفت قوات النظام فجر اليوم بلدة كفرنبل بقذائف المدفعية.", date(2019, 12, 18),
         (*SHELL, SYRIA, None, "كفرنبل", "2019-12-18", 0, "current")),
        # The aircraft and the raids are one act; the civilians killed are its target.
        ("وشنت طائرات حربية روسية، أمس، غارات على بلدة كفرنبل، أسفرت عن مقتل 7 مدنيين.",
         date(2019, 12, 18),
         (*AIR, "Military Forces of Russia", "Civilians (Syria)", "كفرنبل", "2019-12-17", 7,
          "current")),
        # The consequence clause (displacement towards Idlib) leaves the take-over standing.
        ("وسيطرت قوات النظام على مدينة خان شيخون أمس، ما دفع آلاف السكان إلى الفرار نحو إدلب.",
         date(2019, 8, 21),
         ("Battles", "Government regains territory", SYRIA, None, "خان شيخون", "2019-08-20", 0,
          "current")),
        # The arrested are civilians unless named as a group's members.
        ("واعتقلت قوات الأمن العراقية، اليوم، خمسة أشخاص في مدينة الرمادي بتهمة التعاون مع "
         "تنظيم داعش.", D19,
         ("Strategic developments", "Arrests", "Military Forces of Iraq", "Civilians (Iraq)",
          "الرمادي", "2019-01-16", 0, "current")),
        # An agreement names both parties.
        ("وتوصلت قوات النظام وفصائل المعارضة إلى اتفاق تسوية في مدينة درعا اليوم.",
         date(2021, 9, 7),
         ("Strategic developments", "Agreement", SYRIA, "Opposition Rebels (Syria)", "درعا",
          "2021-09-07", 0, "current")),
        # ``مكافحة الشغب`` names the police, it is no riot; the protest met them.
        ("وفرقت قوات مكافحة الشغب مئات المحتجين في مدينة البصرة أمس.", date(2019, 11, 5),
         ("Protests", "Protest with intervention", "Protesters (Iraq)", "Police Forces of Iraq",
          "البصره", "2019-11-04", 0, "current")),
        ("وخرجت مظاهرة في مدينة السويداء اليوم للمطالبة بالإصلاح.", date(2023, 9, 1),
         ("Protests", "Peaceful protest", "Protesters (Syria)", None, "السويداء", "2023-09-01", 0,
          "current")),
        # A suicide bomber nobody claims: an unidentified group.
        ("وفجّر انتحاري نفسه عند حاجز للحشد الشعبي في مدينة حديثة أمس، ما أدى إلى مقتل سبعة "
         "عناصر.", date(2018, 5, 8),
         ("Explosions/Remote violence", "Suicide bomb", "Unidentified Armed Group (Iraq)",
          "Popular Mobilization Forces", "حديثه", "2018-05-07", 7, "current")),
        # No publication date: a relative date resolves to nothing.
        ("واندلعت اشتباكات بين قسد وتنظيم داعش في بلدة هجين أمس.", None,
         (*CLASH, SDF, ISIS, "هجين", None, 0, "current")),
        # Unnamed gunmen belong to the country of the place, with no country word.
        ("وهاجم مسلحون مجهولون، اليوم، مدنيين في مدينة درعا.", D19,
         ("Violence against civilians", "Attack", "Unidentified Armed Group (Syria)",
          "Civilians (Syria)", "درعا", "2019-01-16", 0, "current")),
        ("وأطلق مسلحون مجهولون النار على سائق في ناحية حمام العليل أمس فأردوه قتيلا.", D19,
         ("Violence against civilians", "Attack", "Unidentified Armed Group (Iraq)",
          "Civilians (Iraq)", "حمام العليل", "2019-01-15", 1, "current")),
        # Subject before object: the one executed is counted.
        ("وأعدم تنظيم داعش شابا في مدينة الميادين اليوم بتهمة التخابر.", D19,
         ("Violence against civilians", "Attack", ISIS, "Civilians (Syria)", "الميادين",
          "2019-01-16", 1, "current")),
    ],
)
def test_one_event(text: str, published: date | None, expected: tuple[object, ...]) -> None:
    events = _extract(text, published)
    assert [_row(e) for e in events] == [expected]


def test_two_towns_in_one_raid_are_two_events() -> None:
    events = _extract("وشنت طائرات التحالف الدولي، اليوم، غارات على بلدتي هجين والسوسة.")
    assert sorted(_place(e) or "" for e in events) == ["السوسه", "هجين"]
    assert {(e.sub_event_type, _name(e.actor1)) for e in events} == {
        ("Air/drone strike", "International Coalition")}


def test_stoning_the_police_is_a_riot_not_also_a_protest() -> None:
    events = _extract("ورشق محتجون غاضبون قوات الأمن العراقية بالحجارة في مدينة كربلاء أمس.",
                      date(2019, 11, 5))
    assert [(e.event_type, _name(e.actor1)) for e in events] == [("Riots", "Rioters (Iraq)")]
    assert events[0].actor2 is not None and events[0].actor2.inter == 1  # the forces stoned


@pytest.mark.parametrize(
    "text",
    [
        "وهدد الجيش التركي بشن عملية عسكرية واسعة في منبج خلال الأيام المقبلة.",  # threat
        "وقال المتحدث إن المعركة في هجين ستنتهي خلال شهرين.",  # forecast
        "ونزح آلاف المدنيين من بلدة هجين هرباً من المعارك.",  # displacement
        "وتقع القرية ضمن المناطق الخاضعة لسيطرة التنظيم قرب هجين.",  # a situation
        "وأعلنت هيئة تحرير الشام، اليوم، أنها أسقطت طائرة في مدينة إدلب.",  # a name, no cue
        "ولم تقدم القوات على شن هجوم على بلدة هجين خلال الأسابيع الماضية.",  # negated
    ],
)
def test_no_event(text: str) -> None:
    assert _extract(text) == []


def test_a_running_total_is_not_todays_toll() -> None:
    events = _extract("وقصف الجيش الإسرائيلي بلدة كفركلا اليوم. وأسفر القصف منذ تشرين "
                      "الأول/أكتوبر الماضي عن مقتل أكثر من 100 شخص.", date(2023, 12, 12))
    assert [(e.sub_event_type, (_place(e) or "").replace(" ", ""), e.fatalities.best)
            for e in events] == [("Shelling/artillery/missile attack", "كفركلا", 0)]


def test_a_recalled_toll_stays_off_the_current_event() -> None:
    events = _extract("واندلعت اشتباكات بين قسد وتنظيم داعش في بلدة هجين أمس. وكانت اشتباكات "
                      "مماثلة قد اندلعت في آب/أغسطس 2017 وأسفرت عن مقتل 55 شخصاً.", D19)
    current = [e for e in events if e.status == "current"]
    assert [(e.sub_event_type, e.fatalities.best) for e in current] == [("Armed clash", 0)]


def test_the_toll_goes_to_the_act_before_it() -> None:
    events = _extract("وشن الطيران الحربي الروسي غارات على أحياء سكنية في مدينة كفرنبل أمس، ما "
                      "أسفر عن مقتل 6 مدنيين، وقال ناشطون إن القذائف أصابت منازل.",
                      date(2019, 12, 18))
    assert [(e.sub_event_type, e.fatalities.best) for e in events] == [("Air/drone strike", 6)]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # Gunmen, then a group claims the attack: the group is the attacker ...
        ("قُتل عنصران من قسد، أمس، في هجوم شنه مسلحون على حاجز لقسد في مدينة الرقة. وتبنى "
         "تنظيم داعش الهجوم عبر معرفاته.", date(2021, 2, 5),
         [(*CLASH, ISIS, SDF, "الرقه", "2021-02-04", 2, "current")]),
        # ... but not when nobody claims it.
        ("قُتل عنصران من قسد، أمس، في هجوم شنه مسلحون على حاجز لقسد في مدينة الرقة. ولم تتبن "
         "أي جهة الهجوم.", date(2021, 2, 5),
         [(*CLASH, "Unidentified Armed Group (Syria)", SDF, "الرقه", "2021-02-04", 2,
           "current")]),
        # A device defused is a disrupted weapons use, not an explosion.
        ("وتمكنت الشرطة العراقية اليوم من تفكيك سيارة مفخخة زرعها عناصر تنظيم داعش في مدينة "
         "هيت.", date(2018, 5, 8),
         [("Strategic developments", "Disrupted weapons use", "Police Forces of Iraq", ISIS,
           "هيت", "2018-05-08", 0, "current")]),
        # A ceasefire between "the two sides" settles the fight just told, at its place.
        ("اندلعت اشتباكات بين قسد وتنظيم داعش في بلدة هجين أمس. وأعلن الطرفان التوصل إلى اتفاق "
         "لوقف إطلاق النار اليوم.", D19,
         [(*CLASH, SDF, ISIS, "هجين", "2019-01-15", 0, "current"),
          ("Strategic developments", "Agreement", SDF, ISIS, "هجين", "2019-01-16", 0,
           "current")]),
        # ``ساحة التحرير`` is a square, not a take-over; the protest is in Baghdad.
        ("وتجمع مئات المحتجين اليوم في ساحة التحرير ببغداد.", date(2019, 11, 5),
         [("Protests", "Peaceful protest", "Protesters (Iraq)", None, "بغداد", "2019-11-05", 0,
           "current")]),
        # The union's demand, told aside, does not undo the abduction.
        ("وفي مدينة عدن، اختطف مسلحون مجهولون اليوم صحفياً من منزله، بحسب نقابة الصحفيين التي "
         "طالبت بالإفراج عنه.", date(2020, 5, 13),
         [("Violence against civilians", "Abduction/forced disappearance",
           "Unidentified Armed Group (Yemen)", "Civilians (Yemen)", "عدن", "2020-05-13", 0,
           "current")]),
        # Repression the protest is against is no intervention.
        ("وتجمع مئات المحتجين اليوم في مدينة طرابلس رفضاً للقمع.", date(2024, 3, 12),
         [("Protests", "Peaceful protest", "Protesters (Libya)", None, "طرابلس", "2024-03-12",
           0, "current")]),
        # The armed men named before the property loot it; the owners are civilians.
        ("ونهب عناصر من الدعم السريع اليوم السوق الرئيسي في مدينة زالنجي.", date(2023, 10, 31),
         [("Strategic developments", "Looting/property destruction", "Rapid Support Forces",
           "Civilians (Sudan)", "زالنجي", "2023-10-31", 0, "current")]),
        # A base has no target side.
        ("وأنشأ الجيش التركي، أمس، قاعدة عسكرية جديدة في مدينة الباب.", date(2020, 10, 22),
         [("Strategic developments", "Headquarters or base established",
           "Military Forces of Turkey", None, "الباب", "2020-10-21", 0, "current")]),
        # Rockets that "fell" with nobody named: an unidentified group fired them.
        ("وسقطت أربعة صواريخ مساء أمس على مدينة الرمادي دون أن تسفر عن إصابات.",
         date(2021, 3, 10),
         [(*SHELL, "Unidentified Armed Group (Iraq)", None, "الرمادي", "2021-03-09", 0,
           "current")]),
        # A name before a speech verb is a person (a commander called Afrin), not a place.
        ("وتواصلت ضربات جوية للتحالف الدولي اليوم، لكن عفرين قال إن التقدم بطيء.", D19, []),
        # A crowd's violence is mob violence.
        ("وفي مدينة سنار، اعتدى حشد من الأهالي، يوم الجمعة الماضي، على رجلين اتهموهما "
         "بالتخابر.", date(2024, 11, 24),
         [("Riots", "Mob violence", "Rioters (Sudan)", "Civilians (Sudan)", "سنار",
           "2024-11-22", 0, "current")]),
        # Arson under an army's protection: the army supports, the owners are the target.
        ("وأحرق مستوطنون، مساء أمس، مركبتين ومنزلاً في بلدة حوارة جنوب نابلس، بحماية من جيش "
         "الاحتلال.", date(2022, 9, 28),
         [("Strategic developments", "Looting/property destruction", "Settlers (Israel)",
           "Civilians (Palestine)", "حواره", "2022-09-27", 0, "current")]),
        # An agreement only discussed, after a fight, settles nothing.
        ("اندلعت اشتباكات بين قسد وتنظيم داعش في بلدة هجين أمس. ويرى مراقبون أن الحل يبقى في "
         "اتفاق سياسي شامل.", D19,
         [(*CLASH, SDF, ISIS, "هجين", "2019-01-15", 0, "current")]),
        # A generic cue near children, with nobody named, is no attack on them.
        ("وشهدت خيمة الطفل في مدينة الرقة مشاركة من الأطفال عبر برامج تقدم المعلومات للأطفال "
         "بطريقة مشوقة.", D19, []),
        # A war's running total is nobody's event.
        ("وأعلنت وزارة الصحة أن الحرب أدت إلى مقتل أكثر من ألف شخص منذ اندلاعها في مدينة "
         "طرابلس.", date(2020, 1, 7), []),
    ],
)
def test_article_rules(text: str, published: date, expected: list[tuple[object, ...]]) -> None:
    assert [_row(e) for e in _extract(text, published)] == expected


def _candidate(sentence: Sentence, *, actor1: Actor | None, actor2: Actor | None,
               background: bool = False) -> Candidate:
    return Candidate(event_type="Battles", sub_event_type="Armed clash", role="clash",
                     actor1=actor1, actor2=actor2, assoc1=(), place=None, date=None,
                     background=background, trigger="اشتباك*", sentence=sentence,
                     evidence=[sentence])


def test_event_ids_are_unique_within_a_document() -> None:
    text = "اشتبكت قسد مع داعش. وتجددت الاشتباكات بين قسد وداعش."
    doc = Document(id="h", name="n", source=None, url=None, title=None, published=None,
                   raw=text, raw_format="txt", text=text, origin="test", clean_text=text,
                   sentences=tuple(split_sentences(text, doc_id="h")))
    first, second = doc.sentences
    sdf, isis = Actor("sdf", "SDF", "قسد", 2), Actor("isis", "ISIS", "داعش", 2)
    events = build_events([
        _candidate(first, actor1=sdf, actor2=isis),
        _candidate(second, actor1=sdf, actor2=isis),  # kept apart by the fold: same key
        _candidate(first, actor1=isis, actor2=sdf),  # the sides swapped
        _candidate(first, actor1=sdf, actor2=isis, background=True),
    ], doc=doc)
    ids = [ev.event_id for ev in events]
    assert len(set(ids)) == 4
    assert ids[1] == ids[0] + "-2"
    # The same text under another record name is the same report.
    other = build_events([_candidate(first, actor1=sdf, actor2=isis)],
                         doc=replace(doc, name="copy"))
    assert other[0].event_id == ids[0]


def test_sample_event_ids_are_unique() -> None:
    from rasd.clean.cleaner import clean_batch
    from rasd.cli.main import sample_paths
    from rasd.ingest.reader import iter_inputs

    ids = [ev.event_id for doc in clean_batch(iter(iter_inputs(sample_paths())))
           if isinstance(doc, Document) for ev in shared_extractor().extract(doc)]
    assert len(ids) > 50
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(("phrase", "day"), [
    ("وفي اليوم التالي", "2020-03-13"),
    ("وفي اليوم الذي تلاه", "2020-03-13"),
    ("وفي اليوم ذاته", "2020-03-12"),
])
@pytest.mark.parametrize("published", [None, date(2020, 3, 20)])
def test_the_next_day_counts_from_the_day_told_before(phrase: str, day: str,
                                                      published: date | None) -> None:
    text = (f"واندلعت اشتباكات بين قسد وتنظيم داعش في بلدة هجين يوم الخميس 12 آذار/مارس 2020. "
            f"{phrase}، قصفت قوات النظام بلدة الميادين بالمدفعية.")
    events = {e.sub_event_type: e for e in _extract(text, published)}
    assert events["Armed clash"].date is not None
    assert events["Armed clash"].date.start.isoformat() == "2020-03-12"
    shelling = events["Shelling/artillery/missile attack"].date
    assert shelling is not None and (shelling.start.isoformat(), shelling.precision) == (day, 1)


@pytest.mark.parametrize(("second", "day"), [
    # The sentence names its own day first: ``اليوم نفسه`` counts from it.
    ("وقصفت قوات النظام صباح الثلاثاء بلدة الميادين بالمدفعية، كما قصفت في اليوم نفسه "
     "بلدة القورية.", "2020-03-17"),
    # No day of its own: it counts from the day told before.
    ("وقصفت قوات النظام في اليوم نفسه بلدة الميادين بالمدفعية.", "2020-03-12"),
])
def test_the_same_day_counts_from_the_sentences_own_day(second: str, day: str) -> None:
    text = ("واندلعت اشتباكات بين قسد وتنظيم داعش في بلدة هجين يوم الخميس 12 آذار/مارس 2020. "
            + second)
    events = [e for e in _extract(text, date(2020, 3, 19))
              if e.sub_event_type == "Shelling/artillery/missile attack"]
    assert events
    assert {(e.date.start.isoformat(), e.date.precision) for e in events
            if e.date is not None} == {(day, 1)}


@pytest.mark.parametrize(("text", "expected"), [
    # The attack's perpetrator: the attack was told before, the arrest is new.
    ("واعتقلت قوات الأمن العراقية، اليوم، شخصين يشتبه بتقديمهما الدعم لمنفذ الهجوم في قرية "
     "قرب مدينة حديثة.", ["Arrests"]),
    ("وقال مصدر أمني إن التحقيقات في ملابسات الهجوم على الحاجز في مدينة الرمادي مستمرة.", []),
    # As a subject the definite noun goes on to tell where: an event.
    ("ونفذ التنظيم عدة هجمات أمس، وطالت الهجمات مواقع لقسد في محيط بلدة هجين.",
     ["Armed clash"]),
])
def test_a_definite_event_noun_that_points_back(text: str, expected: list[str]) -> None:
    assert [e.sub_event_type for e in _extract(text, D19) if e.status == "current"] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A withdrawal forced by the fight is its outcome, not a transfer without fighting.
    ("واندلعت اشتباكات بين قسد وتنظيم داعش في بلدة الشعفة أمس، وأجبر المقاتلون عناصر "
     "التنظيم على الانسحاب من البلدة.", [("Armed clash", "الشعفه")]),
    ("وانسحبت قوات النظام من بلدة الشعفة أمس دون قتال.",
     [("Non-violent transfer of territory", "الشعفه")]),
    # A road named by its two ends is one place, the first.
    ("وهاجم عناصر من تنظيم داعش أمس رتلا لقسد على الطريق الواصل بين هجين وبلدة الشعفة.",
     [("Armed clash", "هجين")]),
    ("واندلعت اشتباكات بين قسد وتنظيم داعش في هجين والشعفة أمس.",
     [("Armed clash", "هجين"), ("Armed clash", "الشعفه")]),
])
def test_forced_withdrawal_and_roads(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(e.sub_event_type, _place(e)) for e in _extract(text, D19)] == expected


def test_an_act_counted_back_from_the_news_is_recalled() -> None:
    text = ("واندلعت اشتباكات بين قسد وتنظيم داعش في بلدة هجين أمس. وتأتي الاشتباكات بعد أقل "
            "من شهر على إعلان قسد طرد داعش من بلدة الشعفة.")
    rows = [(e.sub_event_type, _place(e), e.status) for e in _extract(text, D19)]
    # The take-over a month back has no day of its own: not coded, and not today's.
    assert rows == [("Armed clash", "هجين", "current")]


def test_another_sources_toll_widens_the_range_not_the_count() -> None:
    text = ("قتل 11 شخصاً في اشتباكات عنيفة بين جهاز الردع واللواء 444 قتال في منطقة عين زارة "
            "جنوبي طرابلس أمس. غير أن مصادر محلية قالت لـ\"منارة طرابلس\" إن عدد القتلى بلغ "
            "خمسة عشر.")
    [ev] = _extract(text, D19)
    assert ev.sub_event_type == "Armed clash" and ev.fatalities is not None
    assert (ev.fatalities.best, ev.fatalities.low, ev.fatalities.high) == (11, 11, 15)


@pytest.mark.parametrize(("text", "places"), [
    # A quoted outlet told something is no place of the event.
    ("وقالت مصادر محلية لـ\"منارة طرابلس\" إن قذائف سقطت على منازل المدنيين.", []),
    # Where flights were diverted is no place of the fighting.
    ("واندلعت اشتباكات بين جهاز الردع واللواء 444 قتال أمس، ما أدى إلى تحويل الرحلات إلى "
     "مطار مصراتة.", []),
    # The attribution closing a sentence names the source's place, not the scene's.
    ("وفي مدينة هيت، فككت مفارز الشرطة اليوم سيارة مفخخة قرب سوق شعبي، وفق بيان لقيادة "
     "شرطة الأنبار.", ["هيت"]),
    # Where the dead fell, in the consequence clause, is.
    ("وقصفت قوات النظام أمس بالمدفعية، ما أدى إلى مقتل ثلاثة مدنيين في بلدة كفرنبل.",
     ["كفرنبل"]),
])
def test_places_that_are_not_the_events(text: str, places: list[str]) -> None:
    assert [_place(e) for e in _extract(text, D19)] == places


@pytest.mark.parametrize(("text", "expected"), [
    # A tally of acts over a period tells no one act.
    ("وشهدت مناطق غرب الأنبار منذ مطلع العام الجاري أكثر من عشرين هجوماً نسبت إلى خلايا "
     "تنظيم داعش.", []),
    ("وأحصى المرصد شن قوات النظام أكثر من 600 غارة جوية على مدينة الزبداني منذ بدء "
     "المعركة.", []),
    # Thousands of protesters, the biggest gathering since the start: one protest today.
    ("واحتشد آلاف المحتجين اليوم في مدينة السويداء في أكبر تجمع منذ انطلاق الاحتجاجات.",
     ["Peaceful protest"]),
])
def test_a_tally_over_a_period_is_no_event(text: str, expected: list[str]) -> None:
    assert [e.sub_event_type for e in _extract(text, D19)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # Arson by armed men is property destruction, told with their looting.
    ("ونهب عناصر من الدعم السريع اليوم السوق الرئيسي في مدينة زالنجي، وأضرموا النار في عدد "
     "من المحال التجارية.", [("Looting/property destruction", "Rapid Support Forces")]),
    # Homes burnt in an attack are part of the attack.
    ("وقتل مسلحون من الدعم السريع 14 مدنياً أمس في هجوم على قرية قرب مدينة الجنينة، "
     "وأحرقوا عشرات المنازل.", [("Attack", "Rapid Support Forces")]),
    # A crowd setting fire is a riot still.
    ("وأضرم محتجون النار في مبنى المحافظة في مدينة كربلاء أمس.",
     [("Violent demonstration", "Rioters (Iraq)")]),
    # What keeps happening is no one act.
    ("وتتكرر الشكاوى كل عام من الاستيلاء على المحاصيل في ريف عفرين.", []),
])
def test_arson_and_habits(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(e.sub_event_type, _name(e.actor1)) for e in _extract(text, D19)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # What a protest denounces happened elsewhere.
    ("وخرجت مسيرة حاشدة اليوم في مدينة رام الله تنديداً بما جرى في مدينة جنين.",
     [("Peaceful protest", "رام الله")]),
    # Fear of renewed shelling is no shelling.
    ("وأغلقت المدارس أبوابها في مدينة أريحا اليوم خوفاً من تجدد القصف.", []),
    # An attack "against" positions keeps its place.
    ("وفي ريف إدلب، شنت قوات النظام اليوم هجوما ضد مواقع الفصائل في بلدة كفرنبل.",
     [("Armed clash", "كفرنبل")]),
])
def test_protest_topics_and_fears(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(e.sub_event_type, _place(e)) for e in _extract(text, D19)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # Arms handed over are no ground handed over.
    ("وتوصلت قوات النظام وفصائل المعارضة اليوم في مدينة درعا إلى اتفاق ينص على تسليم السلاح "
     "الخفيف.", ["Agreement"]),
    # Under the agreement told before, the entry without a fight is the new event.
    ("وبموجب الاتفاق، دخلت وحدات من قوات النظام اليوم حي طريق السد في مدينة درعا دون قتال.",
     ["Non-violent transfer of territory"]),
])
def test_arms_and_agreements(text: str, expected: list[str]) -> None:
    assert [e.sub_event_type for e in _extract(text, D19)] == expected


def test_a_second_sources_count_after_a_contrast_is_the_same_dead() -> None:
    text = ("وقتل 14 مدنياً في غارة جوية شنتها طائرات التحالف على سوق في مدينة صعدة أمس. فيما "
            "قال مصدر طبي إن عشرين شخصاً قتلوا.")
    [ev] = _extract(text, D19)
    assert ev.fatalities is not None
    assert (ev.fatalities.best, ev.fatalities.low, ev.fatalities.high) == (14, 14, 20)


@pytest.mark.parametrize("tally", [
    "ووثق المرصد مقتل 71 ألفا و781 مدنيا منذ بداية النزاع.",
    "وأوقع النزاع أكثر من 40 ألف قتيل خلال 30 عاما.",
    "ونرى بلدا أصابه الدمار ومئات الآلاف من القتلى.",
])
def test_a_wars_tally_is_no_events_toll(tally: str) -> None:
    text = f"وقتل خمسة عناصر من قوات النظام في اشتباكات مع الفصائل في بلدة كفرنبل أمس. {tally}"
    [ev] = _extract(text, D19)
    assert ev.fatalities is not None and ev.fatalities.best == 5


@pytest.mark.parametrize(("text", "places"), [
    # A capital standing for its government is no scene.
    ("وسارعت أنقرة إلى شن غارات على مواقع قوات سوريا الديمقراطية في مدينة تل رفعت أمس.",
     ["تل رفعت"]),
    # A capital after a locative word, or as the object of the act, is one.
    ("وانفجرت عبوة ناسفة بدورية للشرطة في بغداد أمس.", ["بغداد"]),
    ("وقصفت الطائرات الحربية العاصمة اليمنية صنعاء أمس.", ["صنعاء"]),
])
def test_a_capital_for_its_government(text: str, places: list[str]) -> None:
    assert [_place(e) for e in _extract(text, D19)] == places


# -- a document far too long to be an article is refused at once ---------------------------


def _doc(text: str) -> Document:
    return Document(id="long", name="long", source=None, url=None, title=None,
                    published=date(2019, 1, 16), raw=text, raw_format="txt", text=text,
                    origin="long.txt", clean_text=text)


def test_a_document_over_the_size_limit_is_refused_naming_the_limit() -> None:
    from rasd.errors import DocumentTooLongError

    text = "اندلعت اشتباكات عنيفة بين قوات النظام وفصائل المعارضة في ريف حماة. " * 40
    small = Extractor(max_chars=1_000)
    with pytest.raises(DocumentTooLongError, match="limit of 1,000"):
        small.extract(_doc(text))
    # Just under the limit, the same text is extracted.
    assert Extractor(max_chars=len(text)).extract(_doc(text)) is not None


def test_a_refused_document_is_a_recorded_failure() -> None:
    from rasd.extract.pool import extract_documents

    text = "اندلعت اشتباكات عنيفة بين قوات النظام وفصائل المعارضة في ريف حماة. " * 40
    [outcome] = list(extract_documents([_doc(text)], max_chars=500))
    assert outcome.events == ()
    assert outcome.failure is not None
    assert outcome.failure.stage == "extract"
    assert "over the limit of 500" in outcome.failure.reason


def test_the_cli_default_limit_is_the_library_default() -> None:
    from rasd.cli.events import extract
    from rasd.extract.engine import MAX_CHARS

    [opt] = [p for p in extract.params if p.name == "max_chars"]
    assert opt.default == MAX_CHARS


@pytest.mark.parametrize(("text", "day", "status"), [
    # ``بعد أربعة أيام على تفجير``: the act is four days before the sentence's Thursday,
    # recent news, not a recall.
    ("وشنت الطائرات الحربية غارات يوم الخميس على مواقع التنظيم، بعد أربعة أيام على تفجير "
     "انتحاري استهدف سوقاً في بلدة الشدادي.", "2020-03-15", "current"),
    ("وشنت الطائرات الحربية غارات يوم الخميس على مواقع التنظيم في بلدة الشدادي بعد يومين "
     "من تفجير انتحاري في المدينة.", "2020-03-17", "current"),
    # The day named after ``بعد`` is the recalled act's own: nothing counted back.
    ("وشنت الطائرات الحربية غارات على مواقع التنظيم، بعد أربعة أيام على تفجير انتحاري "
     "وقع يوم الأحد في بلدة الشدادي.", "2020-03-15", "background"),
])
def test_an_act_counted_back_in_days_from_the_sentences_day(text: str, day: str,
                                                              status: str) -> None:
    bombs = [e for e in _extract(text, date(2020, 3, 20)) if e.sub_event_type == "Suicide bomb"]
    assert [(e.date.start.isoformat() if e.date else None, e.status) for e in bombs] == [
        (day, status)]

@pytest.mark.parametrize(
    ("claim", "bomber"),
    [
        # A claim of the bombing just told: the claimant planted it ...
        ("وتبنى تنظيم داعش التفجير عبر معرفاته.", ISIS),
        # ... a claim of another kind of act, told in the claim, is not a claim of it.
        ("وتبنى تنظيم داعش في أيار الماضي إطلاق قذائف هاون على موقع للشرطة.",
         "Unidentified Armed Group (Iraq)"),
    ],
)
def test_a_claim_of_another_act_names_no_bomber(claim: str, bomber: str) -> None:
    events = _extract("وانفجرت عبوة ناسفة أمس في سوق شعبي بمدينة بعقوبة. " + claim,
                      date(2019, 6, 5))
    bombs = [e for e in events if e.sub_event_type == "Remote explosive/landmine/IED"]
    assert [e.actor1.name for e in bombs if e.actor1] == [bomber]


_RESISTANCE_ADVANCES = ("تقدمت المقاومة الشعبية في مدينة مأرب أمس وسيطرت على مواقع للحوثيين في "
                        "منطقة صرواح. ")


@pytest.mark.parametrize(
    "strike",
    [
        # The air force is named as the aircraft's patron ...
        "وفي وقت متأخر أمس، قصفت المقاتلات التابعة للتحالف العربي مواقع للحوثيين في "
        "منطقة الجفينة غربي مأرب.",
        # ... or for the strike before, in the same sentence.
        "وقصفت طائرات التحالف العربي مخازن أسلحة في مدينة صنعاء، وتشن عددا من الغارات على "
        "تجمعات الحوثيين في منطقة الجفينة.",
    ],
)
def test_a_militia_flies_no_air_strike(strike: str) -> None:
    events = _extract(_RESISTANCE_ADVANCES + strike, date(2015, 7, 25))
    strikes = [e for e in events if e.sub_event_type == "Air/drone strike"]
    assert strikes
    assert {e.actor1.name for e in strikes if e.actor1} == {"Saudi-led Coalition"}


@pytest.mark.parametrize(
    ("text", "attacker"),
    [
        # An attack told by its shots, nobody named: an unidentified group, not the
        # story's last group ...
        ("وشن حزب العمال الكردستاني هجوما على مركز للجيش في ولاية هكاري أمس. وقتل شرطي "
         "وأصيب آخر بالرصاص اليوم في هجوم وقع في أحد أحياء مدينة ديار بكر.",
         "Unidentified Armed Group (Turkey)"),
    ],
)
def test_an_attack_by_shots_with_nobody_named(text: str, attacker: str) -> None:
    events = _extract(text, date(2015, 7, 23))
    diyarbakir = [e for e in events if e.location is not None
                  and "بكر" in (e.location.name_ar or "")]
    assert [e.actor1.name for e in diyarbakir if e.actor1] == [attacker]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # Civilians of the clause before are not the strikes' victims ...
        ("وأدى قصف بقذائف الهاون على بلدة الحديد إلى نزوح عائلات، فيما شن طيران التحالف عشر "
         "غارات على مواقع تنظيم داعش في مدينة الفلوجة.", ISIS),
        # ... civilians of the strikes' own clause are.
        ("وشن طيران التحالف الدولي عشر غارات على مدينة الفلوجة أسفرت عن مقتل خمسة مدنيين.",
         "Civilians (Iraq)"),
    ],
)
def test_civilians_of_another_clause(text: str, target: str) -> None:
    events = _extract(text, date(2015, 7, 22))
    strikes = [e for e in events if e.sub_event_type == "Air/drone strike"]
    assert [e.actor2.name for e in strikes if e.actor2] == [target]
