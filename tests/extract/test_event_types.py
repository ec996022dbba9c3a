"""Event types and event/no-event decisions of issue 14 (composed sentences): riots by
young men facing the forces, events named rather than told, situations and prospects
of control, purposes and intentions, and the present tense of imposing control."""

from __future__ import annotations

from datetime import date

import pytest

from rasd.extract.engine import Extractor
from rasd.extract.fatalities import sentence_fatalities
from rasd.models import Document, content_id


def _doc(text: str) -> Document:
    return Document(id=content_id(text), name="report", source="s", url=None, title=None,
                    published=date(2019, 1, 16), raw=text, raw_format="text", text=text,
                    origin="report.txt")


_EXTRACTOR = Extractor()


def _rows(text: str) -> list[tuple[str, str | None, str | None, str | None]]:
    """(sub-type, actor1, actor2, place) of each event, in order."""
    return [(ev.sub_event_type, ev.actor1.name if ev.actor1 else None,
             ev.actor2.name if ev.actor2 else None, ev.location.name if ev.location else None)
            for ev in _EXTRACTOR.extract(_doc(text))]


RIOT = "Violent demonstration"
CLASH = "Armed clash"
RIOTERS = "Rioters (Palestine)"
IDF = "Military Forces of Israel"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Young men confronting the army, no armed group named: a riot (youths-riot).
        ("اندلعت مواجهات بين شبان فلسطينيين وجنود الجيش الإسرائيلي في مدينة نابلس.",
         [(RIOT, RIOTERS, IDF, "Nablus")]),
        ("أصيب شاب برصاص الجيش الإسرائيلي خلال مواجهات في مدينة نابلس.",
         [(RIOT, RIOTERS, IDF, "Nablus")]),
        # A young man killed in a battle between armed sides: still a battle.
        ("قتل شاب في اشتباكات بين قوات النظام وتنظيم داعش في مدينة تدمر.",
         [(CLASH, "Military Forces of Syria", "Islamic State", "Tadmur")]),
        # The riot goes on in the next sentence, whose missing side the story fills with
        # the rioters (story-riot) ...
        ("اندلعت مواجهات بين شبان فلسطينيين والجيش الإسرائيلي في مدينة نابلس. "
         "وأصيب آخر خلال مواجهات مع الجيش في مدينة جنين.",
         [(RIOT, RIOTERS, IDF, "Nablus"), (RIOT, RIOTERS, None, "Janīn")]),
        # ... and a battle goes on as a battle.
        ("اندلعت اشتباكات بين قوات النظام وتنظيم داعش في مدينة تدمر. "
         "وتجددت المواجهات مع القوات في مدينة حمص.",
         [(CLASH, "Military Forces of Syria", "Islamic State", "Tadmur"),
          (CLASH, "Military Forces of Syria", "Islamic State", "Homs")]),
    ],
)
def test_youths_facing_the_forces_riot(text: str, expected: list[tuple[object, ...]]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "The Suruç attack": the act's noun in construct with the place names an event
        # the reader knows (named-event) ...
        ("وأعلن تنظيم داعش مسؤوليته عن هجوم سروج.", []),
        ("ودفع هجوم سروج الحكومة التركية إلى الانضمام للحملة ضد تنظيم داعش.", []),
        ("وأعلن تنظيم داعش مسؤوليته عن تفجير مدينة سروج.", []),
        # ... an act told with a preposition before its place is an event.
        ("وأعلن تنظيم داعش مسؤوليته عن هجوم في بلدة سروج.",
         [(CLASH, "Islamic State", None, "Suruç")]),
        ("وأعلن تنظيم داعش مسؤوليته عن تفجير في مدينة سروج.",
         # A bomb with no target named hit civilians (event-coding.md; actors14).
         [("Remote explosive/landmine/IED", "Islamic State", "Civilians (Turkey)", "Suruç")]),
        ("وشن تنظيم داعش هجوما على بلدة سروج.", [(CLASH, "Islamic State", None, "Suruç")]),
    ],
)
def test_an_event_named_by_its_place_is_not_told_again(
        text: str, expected: list[tuple[object, ...]]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Ground under someone's control is a situation (under-control): only the strike.
        ("قصفت طائرات التحالف مدينة الرقة الواقعة تحت سيطرة تنظيم داعش.",
         [("Air/drone strike", "International Coalition", "Islamic State", "Ar Raqqah")]),
        ("وقصفت طائرات التحالف بعد منتصف الليل مناطق في محيط مدينة الميادين الواقعة تحت "
         "سيطرة تنظيم داعش.",
         [("Air/drone strike", "International Coalition", "Islamic State", "Al Mayādīn")]),
        # Hopes and imminence are no taking (modal cues يأمل، وشك) ...
        ("ويأمل الجيش الوطني استعادة السيطرة على مدينة تعز من الحوثيين.", []),
        ("بات الجيش الوطني على وشك استعادة السيطرة على مدينة تعز من الحوثيين.", []),
        # ... the taking itself is.
        ("استعاد الجيش الوطني السيطرة على مدينة تعز من الحوثيين.",
         [("Government regains territory", "Military Forces of Yemen", "Ansar Allah", "Taiz")]),
        # The present tense of imposing control (control_verb تفرض) takes ground; an
        # advance alone does not.
        ("وقال المحافظ إن القوات الحكومية تفرض سيطرة كاملة على مدينة الرمادي.",
         [("Government regains territory", "Military Forces of Iraq", None, "Ramadi")]),
    ],
)
def test_control_told_as_a_situation_or_a_prospect(
        text: str, expected: list[tuple[object, ...]]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An intention (نية) and a purpose (من أجل) are not acts ...
        ("وكشف المصدر عن نية داعش تفجير سيارة مفخخة في مدينة بعقوبة.", []),
        # (The raid itself met no armed side: no battle, event_rules.tsv
        # state-raid-unopposed; the gold sets code a raid by what it led to.)
        ("اقتحم الجيش الإسرائيلي منازل في مدينة جنين من أجل إجراء اعتقالات.", []),
        # ... the acts told are.
        ("وكشف المصدر عن تفجير داعش سيارة مفخخة في مدينة بعقوبة.",
         [("Remote explosive/landmine/IED", "Islamic State", "Civilians (Iraq)", "Baqubah")]),
        ("اقتحم الجيش الإسرائيلي منازل في مدينة جنين وأجرى اعتقالات.",
         [("Arrests", IDF, "Civilians (Palestine)", "Janīn")]),
    ],
)
def test_intentions_and_purposes_are_not_acts(
        text: str, expected: list[tuple[object, ...]]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "best"),
    [
        # Two bodies found, in the construct dual (جثتي) as in the other forms.
        ("عثرت الشرطة على جثتي شرطيين في منزلهما.", 2),
        ("عثرت الشرطة على جثتين في منزل.", 2),
        ("عثرت الشرطة على جثة رجل في منزل.", 1),
    ],
)
def test_bodies_found_are_deaths(text: str, best: int) -> None:
    found = sentence_fatalities(text)
    assert found is not None and found.best == best


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # سلّم is written out by its forms: سلمان (a name) hands nothing over ...
        ("وقال الملك سلمان إن قوات التحالف ستواصل عملياتها في مدينة صعدة.", []),
        ("سلمت الفصائل المعارضة مدينة درعا إلى الجيش السوري دون قتال.",
         [("Non-violent transfer of territory", "Opposition Rebels (Syria)",
           "Military Forces of Syria", "Dar‘ā")]),
        # "The battle of Kobani", "the Latakia countryside battle": a campaign named by its
        # place (named-event) is no event; a battle told is.
        ("واثار القرار اعمال عنف بالتزامن مع معركة كوباني التي خاضتها وحدات حماية الشعب.", []),
        ("وعادت معركة ريف اللاذقية إلى الواجهة بعد أن دفع الجيش السوري بتعزيزات.", []),
        ("واندلعت معركة عنيفة بين الجيش السوري وتنظيم داعش في مدينة تدمر.",
         [(CLASH, "Military Forces of Syria", "Islamic State", "Tadmur")]),
        # A battle awaited (بانتظار) is not one fought.
        ("وأكد المتحدث أن المقاومة بانتظار المعركة الفاصلة في مدينة عدن مع الحوثيين.", []),
        # Blowing oneself up is a suicide bombing, a bomb set off is not.
        ("وقال المسؤول إن انتحاريا فجر نفسه وسط تجمع للمدنيين في مدينة سروج.",
         [("Suicide bomb", "Unidentified Armed Group (Turkey)", "Civilians (Turkey)", "Suruç")]),
        ("وقال المسؤول إن مسلحا فجر عبوة ناسفة وسط تجمع للمدنيين في مدينة سروج.",
         [("Remote explosive/landmine/IED", "Unidentified Armed Group (Turkey)",
           "Civilians (Turkey)", "Suruç")]),
    ],
)
def test_names_campaigns_and_suicide(text: str, expected: list[tuple[object, ...]]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "best"),
    [
        # One person killed, in the passive, with no number: one death ...
        ("وقالت الوزارة إن القيادي في التنظيم قتل في ضربة جوية قرب الحدود.", 1),
        ("وقالت المصادر إن المسعفة قتلت برصاص قناص في الحي.", 1),
        ("اغتيل القيادي في الحركة مساء اليوم.", 1),
        # ... or with a person-noun and its adjective before the verb ...
        ("وقالت القناة إن جنديا تركيا قتل اليوم برصاص أطلق من الجانب الآخر.", 1),
        # ... but the count told wins over the default.
        ("وقتل في الهجوم ثلاثة جنود وأصيب خمسة آخرون.", 3),
        ("وكان عشرون شخصا قد قتل في الهجوم.", 20),
    ],
)
def test_one_person_killed_is_one_death(text: str, best: int) -> None:
    found = sentence_fatalities(text)
    assert found is not None and found.best == best


def test_deaths_told_for_another_day_are_not_the_events() -> None:
    # Tuesday's strike, then deaths from shelling on Sunday in a place the gazetteer does
    # not know: Sunday's dead are not Tuesday's strike's.
    text = ("قصفت طائرات التحالف مواقع الحوثيين في مدينة عدن اليوم الثلاثاء. "
            "وتسبب قصف مدفعي في مقتل 43 شخصا يوم الأحد في حي دار الأمل.")
    doc = Document(id=content_id(text), name="report", source="s", url=None, title=None,
                   published=date(2015, 7, 21), raw=text, raw_format="text", text=text,
                   origin="report.txt")
    [ev] = _EXTRACTOR.extract(doc)
    assert ev.sub_event_type == "Air/drone strike" and ev.fatalities is not None
    assert ev.fatalities.best == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The Iraqi عجلة مفخخة is a car bomb ...
        ("استهدفت عجلة مفخخة حاجزا للجيش العراقي في مدينة الرمادي.",
         [("Remote explosive/landmine/IED", "Unidentified Armed Group (Iraq)",
           "Military Forces of Iraq", "Ramadi")]),
        # ... and one told as made ready (معدة) and destroyed did not go off
        # (prepared-device).
        ("دمرت القوات الأمنية العراقية أربع عجلات مفخخة كانت معدة لضرب آليات الجيش قرب "
         "مدينة الرمادي.",
         [("Disrupted weapons use", "Military Forces of Iraq", None, "Ramadi")]),
    ],
)
def test_car_bombs_made_ready(text: str, expected: list[tuple[object, ...]]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An agreement proposed or pushed for is not reached (agreement-sought) ...
        ("وأرسلت إيران مبادرة لفصائل المعارضة في مدينة الزبداني لعقد هدنة مع الجيش السوري.",
         []),
        ("وقال المصدر إن حزب الله يدفع باتجاه تسوية مع فصائل المعارضة في مدينة الزبداني.",
         []),
        # ... one reached is.
        ("وعقدت فصائل المعارضة في مدينة الزبداني هدنة مع الجيش السوري.",
         [("Agreement", "Opposition Rebels (Syria)", "Military Forces of Syria",
           "Az Zabadānī")]),
        ("وتوصل حزب الله وفصائل المعارضة إلى تسوية في مدينة الزبداني.",
         [("Agreement", "Hezbollah", "Opposition Rebels (Syria)", "Az Zabadānī")]),
    ],
)
def test_agreements_sought_are_not_reached(text: str,
                                           expected: list[tuple[object, ...]]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Barrel bombs are dropped from the air ...
        ("وألقى الطيران المروحي ثلاثة براميل متفجرة على مدينة الزبداني.",
         [("Air/drone strike", "Military Forces of Syria", None, "Az Zabadānī")]),
        ("وقصفت قوات النظام بالبراميل المتفجرة مدينة الزبداني.",
         [("Air/drone strike", "Military Forces of Syria", None, "Az Zabadānī")]),
        # ... artillery is fired from the ground.
        ("وقصفت قوات النظام بالمدفعية مدينة الزبداني.",
         [("Shelling/artillery/missile attack", "Military Forces of Syria", None,
           "Az Zabadānī")]),
        # Rockets named as launchers' load were not fired (launchers); rockets fired were.
        ("ودمرت طائرات التحالف أربع منصات لإطلاق صواريخ الكاتيوشا في مدينة لحج.", []),
        ("وأطلق الحوثيون صواريخ الكاتيوشا على مدينة لحج.",
         [("Shelling/artillery/missile attack", "Ansar Allah", None, "Laḩij")]),
    ],
)
def test_barrel_bombs_and_launchers(text: str, expected: list[tuple[object, ...]]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The plural verb and the noun with its possessive are shelling cues too, and
        # aircraft named make them air strikes.
        # Residents who tell of the shelling are its sources, not its side (actors14);
        # the quarters a group shelled had their residents as the target (actors8).
        ("وقال السكان إن الحوثيين قصفوا أحياء مدينة تعز بالمدفعية.",
         [("Shelling/artillery/missile attack", "Ansar Allah", "Civilians (Yemen)", "Taiz")]),
        ("واستأنف طيران النظام السوري قصفه العنيف لمدينة الزبداني.",
         [("Air/drone strike", "Military Forces of Syria", None, "Az Zabadānī")]),
    ],
)
def test_shelling_verb_forms(text: str, expected: list[tuple[object, ...]]) -> None:
    assert _rows(text) == expected


def test_arson_with_the_plural_fire_word() -> None:
    # أضرم ... النيران (the plural) as أضرم ... النار: by an armed group, property destruction.
    assert _rows("وأضرم الحوثيون النيران في مبنى الاتصالات في مدينة تعز.") == [
        ("Looting/property destruction", "Ansar Allah", "Civilians (Yemen)", "Taiz")]
