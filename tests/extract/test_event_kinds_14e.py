"""Event or no event, and which type, decided by the words around the trigger (issue 14,
types14e; composed sentences): a take-over noun or ``فجر`` naming an operation or a
campaign."""

from __future__ import annotations

from datetime import date

import pytest

from extract_text import extract_text


def _subs(text: str) -> list[tuple[str, str]]:
    """(event type, sub-type) of each event, in order."""
    return [(ev.event_type, ev.sub_event_type) for ev in extract_text(text, date(2019, 1, 16))]


REGAINS = ("Battles", "Government regains territory")
OVERTAKES = ("Battles", "Non-state actor overtakes territory")
IED = ("Explosions/Remote violence", "Remote explosive/landmine/IED")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The take-over noun after an operation or campaign word names the campaign.
        ("وقال القائد إن القوات الأمنية حققت تقدما في عملية تحرير مدينة الرمادي.", []),
        ("وشارك مسلحو العشائر في عمليات التحرير لمدينة الفلوجة من تنظيم داعش.", []),
        ("وتسعى العشائر إلى المشاركة في تحرير مدينة الفلوجة من تنظيم داعش.", []),
        # Told as achieved, the same noun is the take-over.
        ("وتمكنت القوات العراقية أمس من تحرير مدينة الرمادي.", [REGAINS]),
        ("وتمكن مسلحو العشائر من تحرير بلدة حديثة.", [OVERTAKES]),
        # فجر naming an operation is no blast; the verb is one.
        ("وقتل عشرون مسلحا ضمن عملية فجر الجزيرة في محافظة الأنبار.", []),
        ("وفجر مسلحون مجهولون عبوة ناسفة في مدينة الرمادي.", [IED]),
    ],
)
def test_campaign_named_is_no_act(text: str, expected: list[tuple[str, str]]) -> None:
    assert _subs(text) == expected


VAC = ("Violence against civilians", "Attack")
CLASH = ("Battles", "Armed clash")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An attack noun whose victims are civilians, no side named: an attack on them.
        ("وقتل 12 شخصا على الأقل في هجوم استهدف فندقا في مدينة سوسة.", [VAC]),
        ("وقتل سبعة مدنيين في هجمات استهدفت أسواقا في مدينة بعقوبة.", [VAC]),
        # Fighters as the victims, or two armed sides named: a battle still.
        ("وقتل 12 مسلحا في هجوم لقوات النظام على مواقع تنظيم داعش في مدينة تدمر.", [CLASH]),
    ],
)
def test_attack_noun_on_civilians(text: str, expected: list[tuple[str, str]]) -> None:
    assert _subs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Fire told by its plural (نيران) is gunfire as النار is.
        ("قتل جندي تركي في مدينة كلس بعد إطلاق نيران من مواقع تنظيم داعش.", [CLASH]),
        ("وأطلق مسلحون نيران أسلحتهم على دورية للشرطة في مدينة الرمادي.", [CLASH]),
        ("وطارد مقاتلو المقاومة الشعبية الحوثيين وفتحوا عليهم نيران الرشاشات في مديرية بيحان.",
         [CLASH]),
        # Fire that broke out is no shooting.
        ("واندلعت النيران في مستودع للوقود في مدينة عدن.", []),
    ],
)
def test_fire_in_the_plural(text: str, expected: list[tuple[str, str]]) -> None:
    assert _subs(text) == expected


ARRESTS = ("Strategic developments", "Arrests")
AGREEMENT = ("Strategic developments", "Agreement")
AIR = ("Explosions/Remote violence", "Air/drone strike")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An act right after a word of stopping it is the stop asked for or refused.
        ("وقال قائد في المعارضة إن قوات النظام رفضت إيقاف إطلاق النار في مدينة حمص.", []),
        ("وعرضت قوات النظام إيقاف قصف مدينة داريا مقابل خروج مقاتلي المعارضة.", []),
        ("وأكد قيادي في المعارضة أن توقيف المعارك في مدينة حمص سيتيح إخراج الجرحى.", []),
        # The ceasefire phrase itself is an agreement.
        ("وأعلنت قوات النظام وفصائل المعارضة وقف إطلاق النار في مدينة حمص.", [AGREEMENT]),
        # Told as done, the same acts stand.
        ("وأطلقت قوات النظام النار على مقاتلي المعارضة في مدينة حمص.", [CLASH]),
        ("وألقت مروحيات النظام البراميل المتفجرة على مدينة داريا.", [AIR]),
        ("وأعلنت الشرطة التركية توقيف ثلاثة مشتبه بهم في مدينة غازي عنتاب.", [ARRESTS]),
    ],
)
def test_an_act_to_stop_is_no_act(text: str, expected: list[tuple[str, str]]) -> None:
    assert _subs(text) == expected


RIOT = ("Riots", "Violent demonstration")
PROTEST = ("Protests", "Peaceful protest")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Bodies found tell a killing by an unnamed hand: of security men a clash, of
        # civilians an attack on them.
        ("وعثرت الشرطة العراقية أمس على جثتي عنصرين من قوات الصحوة في مدينة بعقوبة.", [CLASH]),
        ("وتم العثور صباح اليوم على جثث ثلاثة مدنيين في مدينة بعقوبة.", [VAC]),
        # ... even where a bombing told in the same sentence is a specific cue.
        ("وعثرت الشرطة التركية على جثتي شرطيين في مدينة جيلان بينار، فيما اندلعت اشتباكات "
         "بين الجيش التركي ومسلحين أكراد قرب مدينة ديار بكر.", [CLASH, CLASH]),
        # A body handed over is no killing told.
        ("وتسلمت العائلة الجثة بعد أن حصلت على جثة ابنها من مستشفى مدينة بعقوبة.", []),
        # Protesters as a side of confrontations, no armed group named: a riot, and no
        # protest of their own.
        ("واندلعت مواجهات بين قوات الأمن التركية ومتظاهرين أمس في إسطنبول.", [RIOT]),
        # A protest told as one stays a protest.
        ("وتظاهر مئات المحتجين في مدينة إسطنبول ضد الحكومة.", [PROTEST]),
    ],
)
def test_bodies_found_and_protesters_confronting(text: str,
                                                 expected: list[tuple[str, str]]) -> None:
    assert _subs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Aircraft as the subject of the attack verb strike from the air.
        ("وقال الجيش الليبي إن طائرات حربية أغرقت سفينة وهاجمت سفينة أخرى قرب مدينة درنة.",
         [AIR]),
        # Gunmen attacking an air base fight on the ground.
        ("وهاجم مسلحو تنظيم داعش قاعدة جوية للجيش العراقي قرب مدينة الرمادي.", [CLASH]),
    ],
)
def test_aircraft_attacking(text: str, expected: list[tuple[str, str]]) -> None:
    assert _subs(text) == expected


def test_a_district_named_by_an_act_word_is_a_name() -> None:
    # ``منطقة التحرير``: a district's name, not a take-over; the attack told is a clash.
    assert _subs("وقتل 16 من المسلحين الحوثيين في هجوم شنته المقاومة الشعبية على تجمع لهم "
                 "في منطقة التحرير وسط مدينة صنعاء.") == [CLASH]


SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A massacre told with its weapon is the weapon's act, not a second event.
        ("وقتل عشرة مدنيين في مجزرة ارتكبتها ميليشيا الحوثي بقصف صاروخي على حي في مدينة تعز.",
         [SHELLING]),
        ("وقتل تسعة مدنيين في مجزرة نفذتها مروحيات النظام بالبراميل المتفجرة على بلدة "
         "الغارية الشرقية.", [AIR]),
        # Told without its weapon, it stays an attack on civilians.
        ("وارتكبت ميليشيا الحوثي مجزرة بحق عشرة مدنيين في مدينة تعز.", [VAC]),
    ],
)
def test_massacre_by_its_weapon(text: str, expected: list[tuple[str, str]]) -> None:
    assert _subs(text) == expected
