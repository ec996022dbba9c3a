"""Who acts and who is acted upon, for one trigger in a sentence composed for the test."""

from __future__ import annotations

import pytest

from rasd.actors.resolve import resolve_document
from rasd.extract.lexicon import load_lexicon
from rasd.extract.roles import Roles, assign_roles, has_civilian_target, victims_before
from rasd.extract.tokens import tokenize

LEX = load_lexicon()


def _roles(sentence: str, cue: str) -> Roles:
    tokens = tokenize(sentence)
    matches = LEX.find_triggers(tokens)
    match = next(m for m in matches if m.trigger.source == cue)
    mentions = resolve_document(sentence)
    return assign_roles(match, tokens, mentions, lexicon=LEX, text=sentence,
                        sentence_subject_end=matches[0].start)


def _names(r: Roles) -> tuple[str | None, str | None, tuple[str, ...]]:
    return (r.actor1.name if r.actor1 else None, r.actor2.name if r.actor2 else None,
            tuple(a.name for a in r.assoc1))


ISIS, SDF = "Islamic State", "Syrian Democratic Forces"


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        # A verb's subject follows it; a target noun marks the other side.
        ("قصفت قوات النظام مواقع هيئة تحرير الشام", "قصفت",
         ("Military Forces of Syria", "Hayat Tahrir al-Sham", ())),
        # li- after a nominal cue attaches the agent; the victims are the members named.
        ("مقتل 20 عنصراً من قسد في كمين لتنظيم داعش", "كمين", (ISIS, SDF, ())),
        # ``بين X و Y``: both sides of a clash.
        ("اندلعت اشتباكات بين قسد وتنظيم داعش", "اشتباك*", (SDF, ISIS, ())),
        # Taken from: the group after من lost the place.
        ("حررت القوات العراقية المدينة من تنظيم داعش", "حرر*",
         ("Military Forces of Iraq", ISIS, ())),
        # Support marked by بدعم is an associated actor, not a side.
        ("هاجمت قسد بدعم من التحالف الدولي مواقع تنظيم داعش", "هاجم*",
         (SDF, ISIS, ("International Coalition",))),
        # An expelling cue's object is the side thrown out.
        ("أعلنت قسد طرد داعش من بلدة الشعفة", "طرد* ~من", (SDF, ISIS, ())),
        # The subject before the cue acts.
        ("وكان تنظيم داعش قد هاجم بعربتين مفخختين مواقع لقسد", "عربتين مفخختين",
         (ISIS, SDF, ())),
    ],
)
def test_roles(sentence: str, cue: str, expected: tuple[object, ...]) -> None:
    assert _names(_roles(sentence, cue)) == expected


def test_a_patron_is_no_participant() -> None:
    r = _roles("هاجمت ميليشيا لواء فاطميون التابعة للحرس الثوري الإيراني مواقع تنظيم داعش",
               "هاجم*")
    names = {a.name for a in (r.actor1, r.actor2, *r.assoc1) if a is not None}
    assert "Islamic State" in names
    assert not any("Revolutionary" in n for n in names)


@pytest.mark.parametrize(("sentence", "cue", "absent"), [
    # An umbrella named in apposition ("one of the PMF's factions") is no side.
    ("استهدفت غارة أمريكية مقرا لكتائب حزب الله، أحد فصائل الحشد الشعبي، قرب القائم",
     "غاره", "Popular Mobilization Forces"),
    ("استولى عناصر من فرقة السلطان مراد، المنضوية في صفوف الجيش الوطني السوري، على المحصول",
     "استولي*", "Syrian National Army"),
])
def test_an_umbrella_is_no_side(sentence: str, cue: str, absent: str) -> None:
    r = _roles(sentence, cue)
    names = {a.name for a in (r.actor1, r.actor2) if a is not None}
    assert names and absent not in names


def test_an_agreements_party_may_be_named_through_its_patron() -> None:
    r = _roles("توصل ممثلو مقاتلي المعارضة واللجنة الأمنية التابعة للنظام السوري إلى اتفاق",
               "اتفاق")
    assert {a.name for a in (r.actor1, r.actor2) if a is not None} == {
        "Opposition Rebels (Syria)", "Military Forces of Syria"}


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        ("قصفت قوات النظام منازل المدنيين في البلدة", "قصفت", True),
        ("استهدفت غارة سيارة تقل أطفالا على الطريق", "غاره", True),
        ("قصفت قوات النظام مواقع الفصائل في البلدة", "قصفت", False),
        # Residential areas are civilians' (issue 14).
        ("قصفت قوات النظام الأحياء السكنية في البلدة", "قصفت", True),
        # Foreign residents hurt are civilians too (issue 14).
        ("سقطت قذيفة على منزل وأصيب مقيمان من الجنسية اليمنية", "قذيفه", True),
        ("سقطت قذيفة على موقع عسكري وأصيب جنديان", "قذيفه", False),
        # Residents who tell of the strikes are not their victims.
        ("قال سكان إن مقاتلين تدعمهم الضربات الجوية يتقدمون نحو المدينة", "الضربات الجويه",
         False),
    ],
)
def test_civilian_target(sentence: str, cue: str, expected: bool) -> None:
    tokens = tokenize(sentence)
    match = next(m for m in LEX.find_triggers(tokens) if m.trigger.source == cue)
    assert has_civilian_target(match, tokens, lexicon=LEX) is expected


def _allied_roles(sentence: str, cue: str) -> Roles:
    from rasd.actors.sides import load_sides

    sides = load_sides()
    tokens = tokenize(sentence)
    matches = LEX.find_triggers(tokens)
    match = next(m for m in matches if m.trigger.source == cue)
    return assign_roles(match, tokens, resolve_document(sentence), lexicon=LEX, text=sentence,
                        sentence_subject_end=matches[0].start,
                        allied=lambda a, b: sides.allied(a.id, b.id))


HOUTHIS, RESISTANCE, SALEH = "Ansar Allah", "Popular Resistance (Yemen)", "Saleh Loyalist Forces"


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        # ``من جهة ... من جهة أخرى`` closes the first side after بين: the actor named
        # with the first before it fights beside it.
        ("اندلعت اشتباكات عنيفة بين الحوثيين وقوات صالح من ناحية والمقاومة الشعبية "
         "من ناحية أخرى في مدينة تعز", "اشتباك*", (HOUTHIS, RESISTANCE, (SALEH,))),
        ("دارت مواجهات بين قوات النظام ومسلحي الدفاع الوطني من طرف وفصائل المعارضة "
         "من طرف آخر", "مواجهات",
         ("Military Forces of Syria", "Opposition Rebels (Syria)",
          ("National Defence Forces",))),
        # Without the marker, بين X و Y names both sides as before.
        ("اندلعت اشتباكات بين الحوثيين والمقاومة الشعبية في مدينة تعز", "اشتباك*",
         (HOUTHIS, RESISTANCE, ())),
        # Two allies told as the dead of a fight are one side; the other is the next
        # actor named that is no ally.
        ("قتل 25 من الحوثيين و10 من قوات صالح و8 من المقاومة الشعبية في مواجهات بمدينة تعز",
         "مواجهات", (HOUTHIS, RESISTANCE, (SALEH,))),
        # Allies the sentence sets against each other after بين, with nobody else named,
        # fought each other.
        ("اندلعت اشتباكات بين عناصر من حزب الله ومقاتلين من لواء الباقر في مدينة البوكمال",
         "اشتباك*", ("Hezbollah", "Liwa al-Baqir", ())),
        # Found or defused weapons: whose they were is the target.
        ("وعثرت الشرطة العراقية على مستودع أسلحة تابع لتنظيم داعش", "مستودع اسلحه",
         ("Police Forces of Iraq", ISIS, ())),
        # A nationality after the strike noun says whose strike it was.
        ("قتل قيادي في تنظيم القاعدة في ضربة جوية أمريكية قرب مدينة سرمدا", "ضربه جويه",
         ("Military Forces of the United States", "Al Qaeda", ())),
        # A side told as dying "in" the act was its target, not its agent.
        ("لقي جنود من الجيش العراقي مصرعهم في انفجار عبوة ناسفة قرب الموصل",
         "انفجار", (None, "Military Forces of Iraq", ())),
        ("قوات النظام قتلت خمسة من عناصر هيئة تحرير الشام في قصف على ريف إدلب", "قصف",
         ("Military Forces of Syria", "Hayat Tahrir al-Sham", ())),
        # Who tells of the act after a bare إن is its source, not a side; who tells of
        # its own act (إنها) stays.
        ("وقال ضابط في الشرطة العراقية إن عشرة مدنيين قتلوا بقذائف هاون في قرية الحديد",
         "قذائف", ("Civilians (Iraq)", None, ())),
        ("قالت قوات سوريا الديمقراطية إنها قصفت مواقع تنظيم داعش", "قصفت", (SDF, ISIS, ())),
        # The name right after the verb "targeted" is its subject, not its target
        # (the noun استهداف still marks a target).
        ("واستهدفت قوات النظام بصاروخ أرض أرض بلدة في ريف دمشق", "صاروخ",
         ("Military Forces of Syria", None, ())),
        ("قصفت قوات النظام باستهداف مواقع هيئة تحرير الشام", "قصفت",
         ("Military Forces of Syria", "Hayat Tahrir al-Sham", ())),
        # The actor a relative pronoun before the verb refers to is its agent, even when
        # named as another side's air cover.
        ("تقدمت المقاومة الشعبية في مدينة تعز بغطاء جوي من طائرات التحالف العربي التي "
         "قصفت مواقع الحوثيين", "قصفت", ("Saudi-led Coalition", HOUTHIS, ())),
    ],
)
def test_roles_with_sides(sentence: str, cue: str, expected: tuple[object, ...]) -> None:
    assert _names(_allied_roles(sentence, cue)) == expected


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        ("قتل 3 مدنيين جراء سقوط قذائف هاون على حي سكني", "قذائف", True),
        ("قتل 12 شخصا إثر سقوط صاروخ على سوق المدينة", "صاروخ", True),
        # The fall of a number of shells may stand between the link and the shells.
        ("أفادت المصادر بمقتل 9 مدنيين وتدمير 4 منازل جراء سقوط أكثر من 7 قذائف هاون على "
         "القرية", "قذائف", True),
        # But not any words: a clause of its own between them keeps them apart.
        ("أفادت المصادر بمقتل 9 مدنيين جراء الحصار وبعد أيام شن الجيش قذائف هاون على "
         "القرية", "قذائف", False),
        # Soldiers named between the civilians and the act: they were its target.
        ("قتل 3 مدنيين و5 من عناصر الجيش العراقي في انفجار عبوة ناسفة", "انفجار", False),
        # No link word right before the act: the civilians are told apart from it.
        ("نزح آلاف المدنيين من المدينة وقصفت قوات النظام البلدة", "قصفت", False),
    ],
)
def test_victims_told_before_the_act(sentence: str, cue: str, expected: bool) -> None:
    tokens = tokenize(sentence)
    match = next(m for m in LEX.find_triggers(tokens) if m.trigger.source == cue)
    assert victims_before(match, tokens, resolve_document(sentence), lexicon=LEX) is expected


HAMAS = "Hamas Movement"


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        # Whose property was hit (``تعود لـ``، ``المملوكة لـ``) is the target, not the agent.
        ("وقال شهود إن ثلاث سيارات تعود لقادة في حركة حماس دمرت في انفجار عبوة ناسفة",
         "انفجار", (None, HAMAS, ())),
        ("واحترق مبنى مملوك لحركة حماس في انفجار عبوة ناسفة", "انفجار", (None, HAMAS, ())),
        # Without an owner word the group named before the act is its agent.
        ("وقالت مصادر إن حركة حماس نفذت تفجير عبوة ناسفة قرب موقع عسكري", "تفجير",
         (HAMAS, None, ())),
        # Quotes around two names joined by و leave the second beside the first.
        ('هاجمت "قسد" و"التحالف الدولي" مواقع تنظيم داعش', "هاجم*",
         (SDF, ISIS, ("International Coalition",))),
    ],
)
def test_owners_and_quoted_names(sentence: str, cue: str, expected: tuple[object, ...]) -> None:
    assert _names(_roles(sentence, cue)) == expected


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        # A group an attack is blamed on or attributed to did it, whatever preposition.
        ("واستهدف تفجير انتحاري تجمعا للطلاب وألقي باللوم فيه على تنظيم داعش", "تفجير انتحاري",
         (ISIS, None, ())),
        ("وقتل عشرة أشخاص في هجوم نسب إلى تنظيم داعش", "هجوم", (ISIS, None, ())),
        # Without the blame word the group after على is the one attacked.
        ("وشنت قسد هجوما على تنظيم داعش", "هجوما", (SDF, ISIS, ())),
    ],
)
def test_blamed_group_acts(sentence: str, cue: str, expected: tuple[object, ...]) -> None:
    assert _names(_roles(sentence, cue)) == expected


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        # The subject of a verb whose pronoun stands for the act carried it out, even
        # when the dead are named first and the target after it.
        ("قتل عشرة من عناصر داعش في غارات جوية شنها التحالف الدولي على مواقعهم", "غارات",
         ("International Coalition", ISIS, ())),
        ("قتل مدنيون في غارات نفذها أمس الطيران التابع للنظام السوري", "غارات",
         ("Military Forces of Syria", "Civilians (Syria)", ())),
        ("تقدمت قوات هادي بدعم من الضربات الجوية التي يقودها التحالف العربي على الحوثيين",
         "الضربات الجويه", ("Saudi-led Coalition", "Ansar Allah", ())),
    ],
)
def test_agent_after_a_verb_with_the_acts_pronoun(sentence: str, cue: str,
                                                  expected: tuple[object, ...]) -> None:
    assert _names(_roles(sentence, cue)) == expected


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        # Subject first: the aircraft, whose they are, then the verb of targeting.
        ("وقال مسؤولون إن طيران التحالف استهدف تجمعاً للحوثيين في مديرية حرض",
         "طيران ~استهدف*", ("Saudi-led Coalition", "Ansar Allah", ())),
        ("أفاد ناشطون بأن طيران النظام استهدف مواقع تنظيم داعش في البادية",
         "طيران ~استهدف*", ("Military Forces of Syria", ISIS, ())),
        # The name in the optional slot of a verb-first pattern is its subject ...
        ("وأضرم الحوثيون النيران في مبنى البلدية قبل انسحابهم من المدينة",
         "اضرم* ~النيران", ("Ansar Allah", None, ())),
        # ... and it outweighs a subject named earlier in the sentence.
        ("بعد أن سيطرت المقاومة الشعبية على المدينة أضرم الحوثيون النيران في مبنى البلدية",
         "اضرم* ~النيران", ("Ansar Allah", "Popular Resistance (Yemen)", ())),
        ("وبينما تقدمت قوات هادي نحو المدينة كان طيران التحالف استهدف مواقع الحوثيين",
         "طيران ~استهدف*", ("Saudi-led Coalition", "Ansar Allah", ())),
        ("وبينما تقدمت قسد نحو المدينة طيران النظام استهدف مواقع تنظيم داعش",
         "طيران ~استهدف*", ("Military Forces of Syria", ISIS, ())),
        # ... except after a verb of expelling, whose slot holds the side thrown out.
        ("أعلنت قسد طرد داعش من بلدة الشعفة", "طرد* ~من", (SDF, ISIS, ())),
    ],
)
def test_agent_named_before_the_verb(sentence: str, cue: str,
                                     expected: tuple[object, ...]) -> None:
    assert _names(_roles(sentence, cue)) == expected
