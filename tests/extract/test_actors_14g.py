"""Actor errors of the real-news development sets (issue 14, helper actors14g).

Sentences composed for these tests: a relative clause's subject on what an act hit
holds it and does not act; civilians hit abroad are of the nationality the sentence
tells them by; shells whose fall hurt civilians and no armed group is named are an
unidentified group's; an act with no side of its own borrows none from another clause
of a round-up.
"""

from __future__ import annotations

from datetime import date

import pytest

from extract_text import extract_text, roles_of
from rasd.actors.resolve import resolve_document
from rasd.extract.lexicon import load_lexicon
from rasd.extract.role_cues import relative_subject
from rasd.extract.roles import assign_roles
from rasd.extract.tokens import tokenize
from rasd.models import Event

LEX = load_lexicon()
JULY_2015 = date(2015, 7, 22)
HOUTHIS, ISIS = "Ansar Allah", "Islamic State"
REGIME = "Military Forces of Syria"


_roles = roles_of


def _names(a1: object, a2: object) -> tuple[str | None, str | None]:
    return (getattr(a1, "name", None), getattr(a2, "name", None))


def _events(text: str) -> list[Event]:
    return extract_text(text, JULY_2015)


@pytest.mark.parametrize(
    ("sentence", "cue", "country", "expected"),
    [
        # The group that uses, holds or besieges what was hit is hit, not the attacker
        # (who may go unnamed in the sentence: the story tells it).
        ("كما قصفت مدرسة النور التي يتخذها الحوثيون مقرا لهم في صنعاء",
         "قصفت", "YE", (None, HOUTHIS)),
        ("وقصفت الطائرات أمس مستودعا للذخيرة الذي يستخدمه الحوثيون في صنعاء",
         "قصفت", "YE", (None, HOUTHIS)),
        ("قصفت قوات النظام محيط المطار الذي يحاصره تنظيم داعش شرق حلب",
         "قصفت", "SY", (REGIME, ISIS)),
        ("وقصفت المدفعية التركية التلة التي يتمركز فيها مسلحو داعش قرب الحدود",
         "قصفت", "TR", ("Military Forces of Turkey", ISIS)),
    ],
)
def test_a_relative_clause_subject_is_hit(sentence: str, cue: str, country: str,
                                          expected: tuple[str, str]) -> None:
    r = _roles(sentence, cue, country)
    assert _names(r.actor1, r.actor2) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # After the thing hit: a relative pronoun, its verb (and فيها), then the name.
        ("قصفت الطائرات المدرسة التي يتخذها الحوثيون مقرا", True),
        ("قصفت الطائرات الحي الذي ارتكب فيه الحوثيون مجزرة", True),
        # The act's own subject with a clause on it, a clause of carrying the act out,
        # and a name that is no subject of the clause's verb.
        ("قصفت الطائرات التي يقودها التحالف مواقع الحوثيين", False),
        ("قصفت المدفعية القرية التي شنها الحوثيون منها هجوما", False),
        ("قصفت الطائرات المدرسة التي تقع قرب مواقع الحوثيين", False),
    ],
)
def test_relative_subject(sentence: str, expected: bool) -> None:
    tokens = tokenize(sentence)
    name = next(i for i, t in enumerate(tokens) if t.norm.startswith(("الحوثي", "التحالف")))
    assert relative_subject(tokens, 0, name) is expected


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # Foreigners named by a count or a civilian noun and their nationality.
        ("قالت الخارجية إن أربعة مواطنين إيطاليين خطفوا قرب مدينة زوارة غرب ليبيا أمس.",
         "Italy"),
        ("وكان مسلحون مجهولون قد خطفوا أمس ثلاثة أتراك يعملون في شركة قرب مدينة سرت.",
         "Turkey"),
        # No nationality told: the civilians of the place.
        ("قالت مصادر محلية إن مسلحين مجهولين خطفوا أمس أربعة مواطنين قرب مدينة زوارة.",
         "Libya"),
    ],
)
def test_civilians_of_their_nationality(text: str, country: str) -> None:
    evs = [e for e in _events(text) if e.sub_event_type == "Abduction/forced disappearance"]
    assert evs and evs[0].actor2 is not None
    assert evs[0].actor2.name == f"Civilians ({country})"


# A story of the Houthis fighting in Taiz: the shells of the next sentence are not theirs
# for being the story's.
_TAIZ = "اندلعت أمس اشتباكات عنيفة بين الحوثيين والمقاومة الشعبية في مدينة تعز. "


def test_shells_on_civilians_with_nobody_named_are_unidentified() -> None:
    evs = _events(_TAIZ + "وقتل ثلاثة مدنيين أمس جراء سقوط قذيفة مدفعية على مجموعة من النساء "
                  "وأطفال في حي الجمهوري بمدينة تعز.")
    shelling = [e for e in evs if e.event_type == "Explosions/Remote violence"]
    assert [_names(e.actor1, e.actor2) for e in shelling] == [
        ("Unidentified Armed Group (Yemen)", "Civilians (Yemen)")]


def test_shells_of_a_named_side_on_civilians_stay_its() -> None:
    evs = _events(_TAIZ + "وقتل ثلاثة مدنيين أمس جراء قصف الحوثيين تجمعا لنساء وأطفال في "
                  "حي الجمهوري بمدينة تعز.")
    shelling = [e for e in evs if e.event_type == "Explosions/Remote violence"]
    assert [_names(e.actor1, e.actor2) for e in shelling] == [(HOUTHIS, "Civilians (Yemen)")]


def test_an_act_borrows_no_side_from_another_clause() -> None:
    # The blast names nobody; the clash after ``فيما`` has its own two sides.
    text = ("قصفت قوات النظام مناطق في بلدة كفرنبل أمس، فيما قتل رجل إثر انفجار في مستودع "
            "للوقود في مدينة سراقب، بينما دارت اشتباكات بين قوات النظام والفصائل المعارضة "
            "في مدينة أريحا.")
    by_place = {e.location.name_ar if e.location else None: _names(e.actor1, e.actor2)
                for e in _events(text)}
    assert by_place.get("كفرنبل") == (REGIME, None)
    assert by_place.get("سراقب") != (REGIME, "Opposition Rebels (Syria)")
    assert by_place.get("أريحا") == (REGIME, "Opposition Rebels (Syria)")


@pytest.mark.parametrize(
    ("sentence", "country", "expected"),
    [
        # Soldiers after the verb whose subject stands right before it were its object,
        # with the day and the means between them.
        ("وقال مسؤول إن تنظيم داعش أعدم صباح أمس بالرصاص 15 جنديا عراقيا قرب الرمادي",
         "IQ", (ISIS, "Military Forces of Iraq")),
        # As after a subject that follows the verb.
        ("وأعدم تنظيم داعش 15 جنديا عراقيا قرب الرمادي",
         "IQ", (ISIS, "Military Forces of Iraq")),
    ],
)
def test_soldiers_after_a_verb_with_its_subject_before(
        sentence: str, country: str, expected: tuple[str, str]) -> None:
    tokens = tokenize(sentence)
    match = next(m for m in LEX.find_triggers(tokens) if m.trigger.role == "vac")
    r = assign_roles(match, tokens, resolve_document(sentence, fallback_country=country),
                     lexicon=LEX, text=sentence, sentence_subject_end=match.start)
    assert _names(r.actor1, r.actor2) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A weapon or a strike told with a country's nationality is that state's forces.
        ("قصفت دبابات تركية مواقع لتنظيم داعش في سوريا", [("دبابات", "Military Forces of Turkey")]),
        ("وقالت القناة إن ضربة إسرائيلية استهدفت سيارة", [("ضربة", "Military Forces of Israel")]),
        # Without one, or with an adjective that is no country's, no actor.
        ("قصفت دبابات مواقع لتنظيم داعش في سوريا", []),
        ("قصفت دبابات ثقيلة مواقع التنظيم", []),
    ],
)
def test_a_weapon_of_a_nationality(text: str, expected: list[tuple[str, str]]) -> None:
    found = [(m.surface, m.actor.name) for m in resolve_document(text, fallback_country="SY")
             if m.actor.inter == 1]
    assert found == expected


def test_an_air_strike_of_the_aircraft_told_before() -> None:
    # The strike is told first by its country, then by "the aircraft" alone: its
    # attacker is that air force, not the story's militia the strike hit before.
    evs = _events("قال مصدر في حزب الله اليوم إن ضربة إسرائيلية جوية استهدفت سيارة لعناصر "
                  "الحزب. وقصفت الطائرة السيارة عند مشارف بلدة حضر في ريف القنيطرة.")
    strikes = [e for e in evs if e.sub_event_type == "Air/drone strike"]
    assert strikes and all(e.actor1 is not None and e.actor1.name == "Military Forces of Israel"
                           for e in strikes)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Yemen's pro-government forces are the Popular Resistance the article tells of.
        ("تقدمت القوات الموالية للرئيس هادي نحو قصر الرئاسة في عدن. وقالت المقاومة الشعبية "
         "إن مقاتليها دخلوا حي التواهي.", "Popular Resistance (Yemen)"),
        # Without it, the army.
        ("تقدمت القوات الموالية للرئيس هادي نحو قصر الرئاسة في عدن. وقال مصدر عسكري إن "
         "الحوثيين انسحبوا من حي التواهي.", "Military Forces of Yemen"),
    ],
)
def test_pro_government_forces_in_yemen(text: str, expected: str) -> None:
    found = [m.actor.name for m in resolve_document(text, on=JULY_2015, fallback_country="YE")
             if m.surface.startswith("القوات الموالية")]
    assert found == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A truce one party declares binds no second side, whoever is asked to keep it.
        ("أعلنت قيادة التحالف أمس هدنة إنسانية في اليمن مدتها أربعة أيام، شرط التزام "
         "الحوثيين بها.", ("Saudi-led Coalition", None)),
        # Told with the party it binds, or agreed by two parties together, it has two.
        ("أعلنت قيادة التحالف أمس هدنة إنسانية مع الحوثيين في اليمن لمدة خمسة أيام.",
         ("Saudi-led Coalition", HOUTHIS)),
        ("توصلت قوات النظام وفصائل المعارضة أمس إلى هدنة في مدينة الزبداني.",
         (REGIME, "Opposition Rebels (Syria)")),
    ],
)
def test_a_truce_declared_by_one_party(text: str,
                                       expected: tuple[str, str | None]) -> None:
    agreements = [e for e in _events(text) if e.sub_event_type == "Agreement"]
    assert agreements and _names(agreements[0].actor1, agreements[0].actor2) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A target preposition before the act is not that of a name after it.
        ("وترافق ذلك مع قصف لقوات النظام بالبراميل على البلدة", (REGIME, None)),
        # Between the act and the name, it is.
        ("وتزامن ذلك مع اشتباكات مع قوات النظام على أطراف البلدة", (None, REGIME)),
    ],
)
def test_a_target_cue_before_the_act(sentence: str,
                                     expected: tuple[str | None, str | None]) -> None:
    tokens = tokenize(sentence)
    matches = LEX.find_triggers(tokens)
    r = assign_roles(matches[0], tokens, resolve_document(sentence, fallback_country="SY"),
                     lexicon=LEX, text=sentence, sentence_subject_end=matches[0].start)
    assert _names(r.actor1, r.actor2) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # بين with one side after it sets nobody against anybody: the subject took the
        # ground.
        ("وقال المرصد إن قوات النظام مدعومة بقوات موالية لها سيطرت على حي في جنوب المدينة، "
         "وإنها قطعت الطريق بين موقعي تنظيم داعش", (REGIME, ISIS)),
        # With two sides after it, the first is the one told first.
        ("اندلعت اشتباكات عنيفة بين قوات النظام وتنظيم داعش في محيط المطار", (REGIME, ISIS)),
        ("اندلعت اشتباكات عنيفة بين تنظيم داعش وقوات النظام في محيط المطار", (ISIS, REGIME)),
    ],
)
def test_a_lone_between(sentence: str, expected: tuple[str, str]) -> None:
    tokens = tokenize(sentence)
    matches = LEX.find_triggers(tokens)
    mentions = resolve_document(sentence, fallback_country="SY", on=JULY_2015)
    r = assign_roles(matches[0], tokens, mentions, lexicon=LEX, text=sentence,
                     sentence_subject_end=matches[0].start)
    assert _names(r.actor1, r.actor2) == expected


def test_soldiers_in_a_second_conjunct_of_the_dead() -> None:
    # ``مقتل آمر الفوج وجنديين``: the soldiers share the death word of the first conjunct.
    sentence = ("هاجم عناصر من داعش مقر الفوج الثالث شرقي الرمادي، ما أسفر عن مقتل آمر "
                "الفوج وجنديين")
    r = _roles(sentence, "هاجم*", "IQ")
    assert _names(r.actor1, r.actor2) == (ISIS, "Military Forces of Iraq")


def test_a_faction_spelt_without_the_article() -> None:
    found = [m.actor.name for m in resolve_document(
        "قالت حركة نور الدين زنكي إنها قتلت عشرين عنصرا لقوات النظام في حلب",
        fallback_country="SY")]
    assert "Nour al-Din al-Zenki Movement" in found
