"""The sides an event takes from its story (issue 14), on short articles composed for
these tests: a strike's target and a bomb's maker are what the sentence says, and
a side taken from the story is never an ally of the side the sentence names."""

from __future__ import annotations

from datetime import date

import pytest

from extract_text import extract_text
from rasd.models import Event

JULY_2015 = date(2015, 7, 20)


def _extract(text: str, published: date = JULY_2015) -> list[Event]:
    return extract_text(text, published)


def _sides(ev: Event) -> tuple[str | None, str | None]:
    return (ev.actor1.name if ev.actor1 else None, ev.actor2.name if ev.actor2 else None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A bomb nobody is named for: an unidentified group planted it, not the group
        # the story named before; the dead named are civilians.
        ("أعلنت القوات العراقية مقتل 20 عنصرا من تنظيم داعش في اشتباكات في بيجي. "
         "وقتل 5 مدنيين في انفجار عبوة ناسفة في بعقوبة.",
         [("Military Forces of Iraq", "Islamic State"),
          ("Unidentified Armed Group (Iraq)", "Civilians (Iraq)")]),
        # A group named only through its members after the act was hit by it; so was
        # one told as dying in it.
        ("انفجرت سيارة مفخخة استهدفت منزل قيادي حوثي في مدينة صنعاء.",
         [("Unidentified Armed Group (Yemen)", "Ansar Allah")]),
        ("لقي أربعة حوثيين مصرعهم في هجوم بسيارة مفخخة في مدينة صنعاء.",
         [("Unidentified Armed Group (Yemen)", "Ansar Allah")]),
        # A group the sentence says claimed the bombing did it.
        ("قتل سبعة من عناصر الحشد الشعبي بتفجير انتحاري استهدف نقطة تفتيش في قضاء حديثة "
         "في هجوم تبناه تنظيم داعش.",
         [("Islamic State", "Popular Mobilization Forces")]),
        # ... or that a later sentence holds responsible.
        ("قتل سبعة من عناصر الحشد الشعبي بتفجير انتحاري استهدف نقطة تفتيش في قضاء حديثة. "
         "وفي تصريحات لاحقة حمّل قائد العمليات خلايا داعش مسؤولية الهجوم.",
         [("Islamic State", "Popular Mobilization Forces")]),
        # A bomb told as one of the attacks just told is the story's attacker's.
        ("شن تنظيم داعش هجمات على مواقع قوات سوريا الديمقراطية في ريف دير الزور. "
         "وطالت الهجمات حواجز قرب حقل العمر وتفجير عبوة ناسفة بسيارة عسكرية قرب مدينة الميادين.",
         [("Islamic State", "Syrian Democratic Forces"),
          ("Islamic State", "Syrian Democratic Forces")]),
        # A suicide bomber's group named, no target: the bomb hit civilians.
        ("فجر انتحاري من تنظيم داعش نفسه في سوق مدينة بعقوبة.",
         [("Islamic State", "Civilians (Iraq)")]),
        # Shots at soldiers by nobody named: an unidentified group fired them, not the
        # group the story named before.
        ("هاجم تنظيم داعش مواقع الجيش العراقي في بيجي. "
         "وأطلق النار على عناصر من الجيش العراقي في مدينة تكريت.",
         [("Islamic State", "Military Forces of Iraq"),
          ("Unidentified Armed Group (Iraq)", "Military Forces of Iraq")]),
        # A strike with no target named keeps none: the story's other side is not
        # what the aircraft hit.
        ("شن طيران النظام غارات على مواقع فصائل المعارضة في بلدة كفرنبل. "
         "ونفذ الطيران الحربي 5 غارات على بلدة معرة النعمان.",
         [("Military Forces of Syria", "Opposition Rebels (Syria)"),
          ("Military Forces of Syria", None)]),
        # A bomb defused: nobody is its target.
        ("هاجم تنظيم داعش مواقع الجيش العراقي في بيجي. "
         "وأبطلت الشرطة العراقية مفعول عبوة ناسفة في بغداد.",
         [("Islamic State", "Military Forces of Iraq"), ("Police Forces of Iraq", None)]),
        # A ground fight's missing side is the enemy on the ground, not the coalition
        # whose aircraft the story named (an ally of the resistance, and an air force).
        ("شنت مقاتلات التحالف العربي غارات على مواقع الحوثيين في مدينة مأرب. "
         "وتقدمت المقاومة الشعبية في مديرية صرواح بعد معارك عنيفة.",
         [("Saudi-led Coalition", "Ansar Allah"), ("Popular Resistance (Yemen)", "Ansar Allah")]),
        # An air strike that names no attacker: the air force an earlier sentence last
        # told flying, not the story's ground fighter (then the enemy it came to fight,
        # actor_sides.tsv) nor another air force of the story's.
        ("هاجم تنظيم داعش مواقع البيشمركة قرب مدينة مخمور. وقال التحالف الدولي إن طائرات "
         "التحالف نفذت 20 غارة ضد التنظيم في سوريا والعراق. "
         "وأصابت الغارات أهدافا قرب مدينة الموصل.",
         [("Islamic State", "Peshmerga (Kurdistan Regional Government)"),
          ("International Coalition", "Islamic State")]),
        ("اشتبك الجيش التركي مع مسلحين من تنظيم داعش قرب بلدة كلس. وقال التحالف الدولي في "
         "بيان إن طائرات التحالف نفذت 20 غارة ضد التنظيم في سوريا والعراق. "
         "وأصابت الغارات أهدافا قرب مدينة الموصل.",
         [("Military Forces of Turkey", "Islamic State"),
          ("International Coalition", "Islamic State")]),
        # Policemen named with the article (``الشرطيين``), shot with nobody named: an
        # unidentified group shot them, not the group of the story's last fight.
        ("هاجم تنظيم داعش مواقع الجيش التركي قرب بلدة كلس. "
         "وعثر على الشرطيين اللذين قتلا برصاصة في مدينة جيلان بينار.",
         [("Islamic State", "Military Forces of Turkey"),
          ("Unidentified Armed Group (Turkey)", "Police Forces of Turkey")]),
        # A coalition named only by its aircraft is no side of the fight on the ground:
        # the story's ground force of its side is; its strike stays its own.
        ("تقدمت المقاومة الشعبية نحو مواقع الحوثيين في مدينة مأرب. "
         "وتواصلت المعارك في الأطراف الشمالية لمدينة عدن وغارات لطيران التحالف.",
         [("Popular Resistance (Yemen)", "Ansar Allah"),
          ("Popular Resistance (Yemen)", "Ansar Allah"), ("Saudi-led Coalition", "Ansar Allah")]),
        ("تقدمت المقاومة الشعبية نحو مواقع الحوثيين في مدينة مأرب. وقال سكان إن مقاتلين "
         "يمنيين تساندهم الضربات الجوية التي يشنها التحالف العربي سيطروا على حي المعلا في "
         "مدينة عدن.",
         [("Popular Resistance (Yemen)", "Ansar Allah"), ("Saudi-led Coalition", "Ansar Allah"),
          ("Popular Resistance (Yemen)", "Ansar Allah")]),
        # Named as a force on the ground, it stays a side.
        ("اشتبكت قوات التحالف مع الحوثيين في مدينة عدن.",
         [("Saudi-led Coalition", "Ansar Allah")]),
        # The policeman (``الشرطي``) shot is the police, not the story's other side.
        ("هاجم تنظيم داعش مواقع الجيش التركي قرب بلدة كلس. "
         "وأطلق مسلحون النار على الشرطي أمام مقهى في مدينة جيلان بينار.",
         [("Islamic State", "Military Forces of Turkey"),
          ("Unidentified Armed Group (Turkey)", "Police Forces of Turkey")]),
        # Civilians told as the dead before the shelling that killed them.
        ("قتل 3 مدنيين جراء سقوط قذائف هاون على حي سكني في مدينة درعا.",
         [("Unidentified Armed Group (Syria)", "Civilians (Syria)")]),
    ],
)
def test_story_sides(text: str, expected: list[tuple[str | None, str | None]]) -> None:
    assert [_sides(ev) for ev in _extract(text)] == expected


def test_an_ally_is_not_taken_as_the_other_side() -> None:
    # The army's fight told first, then the resistance's with no enemy named: the
    # army fights beside the resistance (actor_sides.tsv), the Houthis against it.
    text = ("سيطر الجيش اليمني على مواقع الحوثيين في مدينة مأرب. "
            "وتقدمت المقاومة الشعبية في مديرية صرواح بعد معارك عنيفة.")
    assert [_sides(ev) for ev in _extract(text)] == [
        ("Military Forces of Yemen", "Ansar Allah"), ("Popular Resistance (Yemen)", "Ansar Allah")]


@pytest.mark.parametrize(
    ("text", "sub_type", "expected"),
    [
        # A verb joined by و with no subject of its own shares the clause's actor.
        ("تقدمت المقاومة الشعبية في مدينة عدن وألقت القبض على 40 عنصرا من الحوثيين "
         "في مديرية كريتر.", "Arrests", ("Popular Resistance (Yemen)", "Ansar Allah")),
        # Members named right after the verb are its subject; fighters of a named group
        # abducted are that group, not civilians.
        ("خطف عناصر من جبهة النصرة قائد الفرقة 30 قرب مدينة اعزاز.",
         "Abduction/forced disappearance", ("Jabhat al-Nusra", "Division 30")),
        # Abducted with no group named: civilians (an unnamed armed group is no group).
        ("اختطف مسلحون صحفيا وناشطا من منزلهما في مدينة الحديدة.",
         "Abduction/forced disappearance",
         ("Unidentified Armed Group (Yemen)", "Civilians (Yemen)")),
        # A group named through its members is arrested, not arresting.
        ("اعتقلت السلطات التركية خمسة عناصر من تنظيم داعش في إسطنبول.",
         "Arrests", ("Police Forces of Turkey", "Islamic State")),
        # Gunmen killed in a raid campaign (a clash: event rule raid-that-killed), or
        # arrested, are an unidentified armed group, not civilians.
        ("قتل 12 مسلحاً في حملة مداهمات شنتها قوات الأمن في مدينة العريش.",
         "Armed clash", ("Police Forces of Egypt", "Unidentified Armed Group (Egypt)")),
        ("اعتقلت الشرطة خمسة مسلحين في مدينة العريش.",
         "Arrests", ("Police Forces of Egypt", "Unidentified Armed Group (Egypt)")),
        ("اعتقلت الشرطة خمسة أشخاص في مدينة العريش.",
         "Arrests", ("Police Forces of Egypt", "Civilians (Egypt)")),
        # An intervening coalition with no target named strikes the story's enemy on
        # the other side of its war, not its ally told just before.
        ("تقدمت المقاومة الشعبية نحو مواقع الحوثيين في مدينة مأرب. "
         "وواصل طيران التحالف العربي قصف مواقع عسكرية في مدينة صنعاء.",
         "Air/drone strike", ("Saudi-led Coalition", "Ansar Allah")),
    ],
)
def test_sides_by_sub_type(text: str, sub_type: str,
                           expected: tuple[str | None, str | None]) -> None:
    events = [ev for ev in _extract(text) if ev.sub_event_type == sub_type]
    assert events and {_sides(ev) for ev in events} == {expected}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Fire from across a border: an unidentified group of the country it came from.
        ("سقطت قذيفة أطلقت من داخل الحدود اليمنية على منزل في مدينة نجران وأصيب ثلاثة مواطنين.",
         ("Unidentified Armed Group (Yemen)", "Civilians (Saudi Arabia)")),
        ("سقطت قذائف أطلقت من الجانب السوري على بلدة كلس وأصيب طفلان.",
         ("Unidentified Armed Group (Syria)", "Civilians (Turkey)")),
        # No border told: the group of the place hit.
        ("سقطت قذيفة على منزل في مدينة نجران وأصيب ثلاثة مواطنين.",
         ("Unidentified Armed Group (Saudi Arabia)", "Civilians (Saudi Arabia)")),
    ],
)
def test_fire_from_across_a_border(text: str, expected: tuple[str, str]) -> None:
    assert [_sides(ev) for ev in _extract(text)] == [expected]
