"""The trigger lexicon: Arabic cue phrases to ACLED sub-event types."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasd.errors import ExtractError
from rasd.extract.lexicon import load_lexicon
from rasd.extract.tokens import tokenize

LEX = load_lexicon()


def _subtypes(sentence: str) -> list[str]:
    return [m.trigger.sub_event_type for m in LEX.find_triggers(tokenize(sentence))]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("اندلعت اشتباكات عنيفة بين الفصائل وقوات النظام", "Armed clash"),
        ("واشتبك عناصر التنظيم مع دورية للجيش", "Armed clash"),
        ("وتدور معارك ضارية على أطراف المدينة", "Armed clash"),
        ("قتل 7 جنود في كمين نصبه مسلحون", "Armed clash"),
        ("وتصدت القوات لهجوم شنه التنظيم فجرا", "Armed clash"),
        ("سيطرت القوات على البلدة بعد معارك", "*control"),
        ("وأعلنت قسد استعادة السيطرة على القرية", "*control"),
        ("واستولى المسلحون على مقر الشرطة", "Non-state actor overtakes territory"),
        ("شنت طائرات حربية غارات على ريف إدلب", "Air/drone strike"),
        ("استهدفت طائرة مسيرة سيارة على الطريق الدولي", "Air/drone strike"),
        ("وتعرضت البلدة لقصف مدفعي مكثف", "Shelling/artillery/missile attack"),
        ("سقطت قذائف هاون على حي سكني", "Shelling/artillery/missile attack"),
        ("انفجرت عبوة ناسفة بدورية عسكرية", "Remote explosive/landmine/IED"),
        ("وانفجر لغم أرضي بسيارة مدنية", "Remote explosive/landmine/IED"),
        ("فجر انتحاري نفسه قرب حاجز للشرطة", "Suicide bomb"),
        ("هجوم انتحاري بسيارة مفخخة استهدف رتلا", "Suicide bomb"),
        ("ألقى مجهول قنبلة يدوية على محل تجاري", "Grenade"),
        ("أقدم التنظيم على إعدام خمسة رعاة", "Attack"),
        ("اختطف مسلحون مجهولون صحفيا في الطريق", "Abduction/forced disappearance"),
        ("خرجت مظاهرة في ساحة التحرير تطالب بالإصلاح", "Peaceful protest"),
        ("ونظم العشرات وقفة احتجاجية أمام مبنى المحافظة", "Peaceful protest"),
        ("اندلعت أعمال شغب بعد مباراة كرة القدم", "Violent demonstration"),
        ("وانسحبت القوات من المعبر دون قتال", "Non-violent transfer of territory"),
        ("نفذت قوات الأمن حملة مداهمات واعتقالات في الحي", "Arrests"),
        ("واعتقلت الشرطة ثلاثة مطلوبين", "Arrests"),
        ("توصل الطرفان إلى اتفاق لوقف إطلاق النار", "Agreement"),
        ("وأعلنت الأطراف هدنة إنسانية لمدة ثلاثة أيام", "Agreement"),
        ("تمكنت الفرق الهندسية من تفكيك عبوة ناسفة", "Disrupted weapons use"),
        ("وعثرت القوات على مستودع أسلحة للتنظيم", "Disrupted weapons use"),
        ("وأحبطت الأجهزة الأمنية هجوما كان يعد له", "Disrupted weapons use"),
        ("وبدأت القوات الأمريكية إنشاء قاعدة جديدة قرب الحقل", "Headquarters or base established"),
        ("وقام عناصر الفصيل بنهب محتويات المنازل", "Looting/property destruction"),
    ],
)
def test_trigger_table(sentence: str, expected: str) -> None:
    assert expected in _subtypes(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "ويسيطر التنظيم على مدينة هجين منذ سنوات",  # present tense: a situation, not an event
        "وقال المتحدث إن الوضع هادئ في المدينة",
        "ووصل مئات النازحين إلى المخيم",
        "وتبلغ مساحة المنطقة نحو ثلاثين كيلومترا",
    ],
)
def test_no_trigger(sentence: str) -> None:
    assert _subtypes(sentence) == []


def test_longest_match_wins() -> None:
    assert _subtypes("قصف مدفعي عنيف") == ["Shelling/artillery/missile attack"]
    assert _subtypes("ضربات جوية متتالية") == ["Air/drone strike"]
    [m] = LEX.find_triggers(tokenize("وتفجير انتحاري في السوق"))
    assert m.trigger.sub_event_type == "Suicide bomb"


def test_offsets_point_into_text() -> None:
    s = "وشنت الطائرات غارات على البلدة"
    [m] = LEX.find_triggers(tokenize(s, offset=100))
    assert s[m.start - 100:m.end - 100] == "غارات"


def test_arabic_punctuation_is_not_part_of_a_word() -> None:
    # ``،`` ``؛`` ``؟`` share the Arabic block with letters; glued to a word they hid cues.
    assert [t.text for t in tokenize("الاقتحام، وإن؛ قُتل ٣٫٥ عنصراً؟")] == [
        "الاقتحام", "وإن", "قُتل", "٣٫٥", "عنصراً"]
    # The bare verb of killing is a trigger too (split14h); the walk drops it for the
    # sentence's other cue (tests/extract/test_bare_killing.py).
    assert _subtypes("قتلوا خلال الاقتحام، وإن من تبقى فروا") == ["Armed clash"] * 2


# -- rule files are validated as they load ---------------------------------------------

_GOOD_TRIGGER = "اشتباك*\tBattles\tArmed clash\tclash\t5\n"
_GOOD_CUE = "negation\tلم\n"


def _load(tmp_path: Path, triggers: str = _GOOD_TRIGGER, cues: str = _GOOD_CUE) -> None:
    t, c = tmp_path / "triggers.tsv", tmp_path / "cues.tsv"
    t.write_text("# a comment\n" + triggers, encoding="utf-8")
    c.write_text("# a comment\n" + cues, encoding="utf-8")
    load_lexicon(t, c)


def test_valid_files_load(tmp_path: Path) -> None:
    _load(tmp_path)


@pytest.mark.parametrize(
    ("triggers", "cues", "where", "message"),
    [
        (_GOOD_TRIGGER, "negatoin\tلم\n", "cues.tsv:2", "unknown cue kind 'negatoin'"),
        ("قصف\tBattle\tArmed clash\tclash\t5\n", _GOOD_CUE, "triggers.tsv:2",
         "unknown event type 'Battle'"),
        ("قصف\tBattles\tAir/drone strike\tstrike\t5\n", _GOOD_CUE, "triggers.tsv:2",
         "unknown sub-type 'Air/drone strike' of 'Battles'"),
        ("قصف\tBattles\tArmed clash\tshoot\t5\n", _GOOD_CUE, "triggers.tsv:2",
         "unknown role 'shoot'"),
        ("قصف\tBattles\tArmed clash\tclash\thigh\n", _GOOD_CUE, "triggers.tsv:2",
         "priority 'high' is not a whole number"),
        ("قصف\tBattles\tArmed clash\tclash\n", _GOOD_CUE, "triggers.tsv:2",
         "expected 5 or 6 columns"),
        ("~قصف مدفعي\tBattles\tArmed clash\tclash\t5\n", _GOOD_CUE, "triggers.tsv:2",
         "malformed pattern"),
        ("قصف مد*في\tBattles\tArmed clash\tclash\t5\n", _GOOD_CUE, "triggers.tsv:2",
         "malformed pattern"),
        ("قصف، مدفعي\tBattles\tArmed clash\tclash\t5\n", _GOOD_CUE, "triggers.tsv:2",
         "malformed pattern"),
        (_GOOD_TRIGGER, "negation\tل*\n", "cues.tsv:2", "prefix 'ل*' is too short"),
        (_GOOD_TRIGGER, "negation\tلم\tلن\n", "cues.tsv:2", "expected 2 columns"),
        (_GOOD_TRIGGER, "air\t*جو*\n", "cues.tsv:2", "infix '*جو*' is too short"),
        ("*جوي*\tBattles\tArmed clash\tclash\t5\n", _GOOD_CUE, "triggers.tsv:2",
         "is for cues, not triggers"),
        (_GOOD_TRIGGER + _GOOD_TRIGGER, _GOOD_CUE, "triggers.tsv:3", "already given at"),
        (_GOOD_TRIGGER, _GOOD_CUE + _GOOD_CUE, "cues.tsv:3", "already given at"),
    ],
)
def test_invalid_rule_files_name_file_and_line(tmp_path: Path, triggers: str, cues: str,
                                               where: str, message: str) -> None:
    with pytest.raises(ExtractError) as err:
        _load(tmp_path, triggers, cues)
    assert where in str(err.value)
    assert message in str(err.value)


@pytest.mark.parametrize(
    ("sentence", "index", "expected"),
    [
        ("شنت المقاتلات الجوية غارات", 2, True),  # الجويه contains جوي
        ("نفذت القوات جوياً عمليات", 2, True),
        ("حلقت المروحيات فوق المدينة", 1, True),
        ("وصلت الطائرات إلى المطار", 1, True),  # folded: طايرات
        ("وصل الجنود إلى المدينة", 1, False),
    ],
)
def test_an_infix_cue_matches_any_word_containing_it(sentence: str, index: int,
                                                    expected: bool) -> None:
    tokens = tokenize(sentence)
    assert LEX.cue("air", tokens[index], tokens) is expected


def test_asking_for_an_unknown_cue_kind_is_an_error() -> None:
    tokens = tokenize("لم يحدث شيء")
    with pytest.raises(ValueError, match="unknown cue kind"):
        LEX.cue("negatoin", tokens[0], tokens)


# -- cues of several words ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "index", "expected"),
    [
        ("في حين قالت مصادر أخرى إن العدد أكبر", 0, True),
        ("في المدينة قالت مصادر أخرى إن العدد أكبر", 0, False),  # في alone is no contrast
        ("وفي حين قالت مصادر", 0, False),  # وفي is not the first word of في حين
        ("قالت المصادر في حين", 2, True),
    ],
)
def test_multi_word_cue_needs_all_its_words(sentence: str, index: int, expected: bool) -> None:
    tokens = tokenize(sentence)
    assert LEX.cue("contrast", tokens[index], tokens) is expected


def test_multi_word_cue_from_a_file(tmp_path: Path) -> None:
    t, c = tmp_path / "triggers.tsv", tmp_path / "cues.tsv"
    t.write_text(_GOOD_TRIGGER, encoding="utf-8")
    c.write_text("contrast\tفي غضون ذلك\n", encoding="utf-8")
    lex = load_lexicon(t, c)
    hit = tokenize("في غضون ذلك قصفت المدفعية")
    miss = tokenize("في المدينة قصفت المدفعية")
    # Asked again for the same word: its answer is remembered, the words after it are
    # read each time.
    for _ in range(2):
        assert lex.cue("contrast", hit[0], hit)
        assert not lex.cue("contrast", miss[0], miss)
        assert lex.cue("contrast", hit[0], hit)
    assert not lex.cue("contrast", hit[1], hit)


def test_rules_have_stable_unique_ids() -> None:
    ids = [t.rule_id for t in LEX.triggers if not t.form] + [c.rule_id for c in LEX.cues]
    assert len(ids) == len(set(ids))
    # An inflected form a row also matches (its indefinite accusative) is that row's rule.
    assert {t.rule_id for t in LEX.triggers if t.form} <= set(ids)
    [m] = LEX.find_triggers(tokenize("وتدور معارك ضارية"))
    assert m.trigger.rule_id == "trigger/معارك"
    assert m.trigger.where.startswith("triggers.tsv:")


# -- the quick pre-filter never hides a trigger ----------------------------------------


def test_quick_filter_passes_every_trigger_with_its_clitics() -> None:
    for trig in LEX.triggers:
        words = [p.text for p in trig.pattern]
        head = words[0]
        for clitic in ("", "و", "ب", "وب", "ل"):
            stem = head[2:] if clitic in ("ل",) and head.startswith("ال") else head
            form = clitic + ("ل" + stem if clitic == "ل" and head.startswith("ال") else stem)
            sentence = " ".join(["وقال", "المصدر", form, *words[1:], "امس"])
            if LEX.find_triggers(tokenize(sentence)):
                assert LEX.may_have_trigger(sentence), (trig.rule_id, sentence)


def test_quick_filter_sees_a_restored_article() -> None:
    # ``للاشتباكات``: لل + اشتباكات, read as الاشتباكات too.
    sentence = "دعا المجلس للاشتباكات"
    assert LEX.find_triggers(tokenize(sentence))
    assert LEX.may_have_trigger(sentence)


@pytest.mark.parametrize("sentence", [
    "وتبلغ مساحة المنطقة نحو ثلاثين كيلومترا",
    "افتتح الوزير معرضا للكتاب في العاصمة",
])
def test_quick_filter_skips_text_with_no_cue(sentence: str) -> None:
    assert not LEX.find_triggers(tokenize(sentence))
    assert not LEX.may_have_trigger(sentence)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("دعا المجلس للاشتباكات", True),
    ("وقصفت الطائرات مواقع المسلحين", True),
    ("وتبلغ مساحة المنطقة نحو ثلاثين كيلومترا", False),
    ("افتتح الوزير معرضا للكتاب في العاصمة", False),
])
def test_quick_filter_reads_analysed_forms(sentence: str, expected: bool) -> None:
    # The sentence walk passes the forms of the sentence's analysed tokens; the answer
    # is the one the text alone gives, and asking twice (remembered heads) changes nothing.
    forms = {t.forms for t in tokenize(sentence)}
    for _ in range(2):
        assert LEX.may_have_trigger(sentence, forms=forms) is expected
        assert LEX.may_have_trigger(sentence) is expected
    # Forms without the trigger word say no, whatever the text's quick match.
    assert not LEX.may_have_trigger(sentence, forms={("قال",)})


def test_quick_filter_with_words_sharing_their_first_letters(tmp_path: Path) -> None:
    # The quick pattern factors common prefixes out (قصف / قصفت / قتل / قتال): each word,
    # a word that is the start of another and the longer one must all still be seen.
    t, c = tmp_path / "triggers.tsv", tmp_path / "cues.tsv"
    t.write_text("قصف\tExplosions/Remote violence\tShelling/artillery/missile attack\tattack\t5\n"
                 "قصفت\tExplosions/Remote violence\tShelling/artillery/missile attack\tattack\t5\n"
                 "قتل\tViolence against civilians\tAttack\tattack\t5\n"
                 "قتال\tBattles\tArmed clash\tclash\t5\n", encoding="utf-8")
    c.write_text(_GOOD_CUE, encoding="utf-8")
    lex = load_lexicon(t, c)
    for sentence, expected in [("وقع قصف عنيف", True), ("قصفت المدفعية البلدة", True),
                               ("قتل رجل", True), ("دار قتال", True),
                               ("قصر المدينة القديم", False), ("قالت الوزارة", False)]:
        assert lex.may_have_trigger(sentence) is expected, sentence


def _hit_by_loops(index: object, forms: tuple[str, ...]) -> bool:
    """The one-word cue test as written before it moved to C-level prefix tuples and
    one infix alternation: every pattern word compared in turn."""
    exact: set[str] = index.exact  # type: ignore[attr-defined]
    prefixes: dict[str, list[str]] = index.prefixes  # type: ignore[attr-defined]
    short: list[str] = index.short  # type: ignore[attr-defined]
    infixes: list[str] = index.infixes  # type: ignore[attr-defined]
    return any(f in exact or any(f.startswith(p) for p in prefixes.get(f[:3], ()))
               or any(f.startswith(p) for p in short) or any(p in f for p in infixes)
               for f in forms)


def test_one_word_cue_index_answers_as_comparing_every_word() -> None:
    # Every word of every cue pattern, cut and extended, with and without clitics: the
    # exact words, prefixes, short prefixes and infixes each answered both ways.
    words = {p.text for c in LEX.cues for p in c.pattern}
    probes = {w for word in words for w in (word, word[:-1], word[1:], word + "ات",
                                            "و" + word, "ال" + word, "x" + word + "y")}
    probes |= {"وصل", "المدينه", "مدينه", "جنود", "قتل", "ا", ""}
    from rasd.extract.patterns import PatternToken, WordIndex

    indexes = list(LEX._cue_index.values())  # the index is what is pinned
    # The packaged cues have no prefix shorter than the index key: one made here.
    indexes.append(WordIndex([PatternToken("قت", True, False), PatternToken("وص", True, False),
                              PatternToken("جوي", False, False, True),
                              PatternToken("مدين", True, False), PatternToken("جنود", False,
                                                                              False)]))
    assert any(ix.infixes for ix in indexes) and any(ix.short for ix in indexes)
    asked = 0
    for index in indexes:
        for w in probes:
            forms = (w, w[1:]) if len(w) > 4 else (w,)
            assert index.hit(forms) is _hit_by_loops(index, forms), (w, forms)
            asked += 1
    assert asked > 1000
