"""The word sets of ``data/word_sets.tsv`` the event coder reads (issue 12 item 2,
tables12h): each still acts where it was a table in code.

In/out tables of Arabic sentences composed for these tests. The file's checks are
tested in ``tests/clean/test_word_sets_file.py``; the geocoder's and the merge's sets have
their tables in ``tests/geo`` and ``tests/merge``.
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from extract_text import extract_text
from rasd.clean.normalize import normalize_for_match
from rasd.extract.clauses import death_walls
from rasd.extract.dates import resolve_date
from rasd.extract.fatalities import sentence_fatalities
from rasd.extract.fight import own_fight
from rasd.extract.lexicon import load_lexicon
from rasd.extract.role_cues import (
    died_in,
    done_by,
    one_of_umbrella,
    relative_subject,
    side_split,
    victims_before,
)
from rasd.extract.scene import SceneRules
from rasd.extract.tokens import Token, tokenize
from rasd.geo.geocoder import Geocoder

PUB = date(2019, 1, 16)  # a Wednesday


# -- after: extract.clauses.death_walls and extract.fight.own_fight ------------------

@pytest.mark.parametrize(("sentence", "walled"), [
    # In: a death told after بعد/إثر/عقب/أعقاب is an earlier act's (a wall before it).
    ("قصفت المدفعية مواقع المسلحين إثر مقتل جندي", True),
    ("قصفت المدفعية مواقع المسلحين في أعقاب مقتل جندي", True),
    ("قصفت المدفعية مواقع المسلحين وبعد اغتيال ضابط", True),
    ("قصفت المدفعية مواقع المسلحين عقب مصرع جندي", True),
    # Out: another word before the death, or no death after the word.
    ("قصفت المدفعية مواقع المسلحين قبل مقتل جندي", False),
    ("قصفت المدفعية مواقع المسلحين بعد منتصف الليل", False),
])
def test_after_opens_an_earlier_death(sentence: str, walled: bool) -> None:
    assert bool(death_walls(tokenize(sentence))) is walled


def _candidate(text: str, trigger: str) -> SimpleNamespace:
    return SimpleNamespace(sentence=SimpleNamespace(text=text), trigger=trigger)


@pytest.mark.parametrize(("text", "own"), [
    # In: a clash told as going on after the take-over is a fight of its own.
    ("تدور اشتباكات في البلدة بعد سيطرة المقاومة على الجبل", True),
    ("تدور اشتباكات في البلدة إثر سيطرة المقاومة على الجبل", True),
    ("تدور اشتباكات في البلدة في أعقاب سيطرة المقاومة على الجبل", True),
    # Out: told during it.
    ("تدور اشتباكات في البلدة أثناء سيطرة المقاومة على الجبل", False),
    # The heights seized above the place fought over: its own fight unless the clash is
    # told as what won them (after it).
    ("سيطرت المقاومة على المواقع المطلة على البلدة واشتباكات تدور فيها", True),
    ("سيطرت المقاومة على المواقع المطلة على البلدة عقب اشتباكات عنيفة", False),
])
def test_after_tells_a_fight_the_take_over_did_not_win(text: str, own: bool) -> None:
    # A SimpleNamespace stands for the two candidates: own_fight reads their sentence
    # and trigger only.
    sentence = SimpleNamespace(text=text)
    clash, take = _candidate(text, "اشتباك*"), _candidate(text, "سيطر*")
    clash.sentence = take.sentence = sentence
    assert own_fight(take, clash) is own  # type: ignore[arg-type]


# -- aircraft and relative_link: extract.role_cues.relative_subject ------------------

@pytest.mark.parametrize(("sentence", "subject"), [
    # In: the subject of a clause about what was hit, a link word allowed between.
    ("قصفت القوات المدرسة التي يتمركز فيها المسلحون", True),
    ("قصفت القوات المدرسة التي يحتمي بها المسلحون", True),
    ("قصفت القوات المدرسة التي يحرسها المسلحون", True),
    ("قصفت القوات المدرسة الذي يحرسها المسلحون", True),
    # Out: another word between, no relative pronoun, or aircraft before the pronoun (the
    # verb's own subject).
    ("قصفت القوات المدرسة التي يتمركز قربها المسلحون", False),
    ("قصفت القوات المدرسة حيث يحرسها المسلحون", False),
    ("قصفت القوات الطائرات التي يحرسها المسلحون", False),
    ("قصفت القوات المروحيات التي يحرسها المسلحون", False),
])
def test_relative_clause_subject(sentence: str, subject: bool) -> None:
    tokens = tokenize(sentence)
    assert relative_subject(tokens, 0, len(tokens) - 1) is subject


# -- complementiser, member_noun, also: extract.tolls ------------------------------

STRIKE = "شنت طائرات التحالف أمس غارات على مواقع للحوثيين في مدينة الحديدة. "
RAID = ("قتل 16 مسلحا في هجوم نفذته قوات المعارضة على تجمع لهم في مدينة إدلب أمس. وقال "
        "المكتب الإعلامي للمعارضة إن الهجوم أسفر ")


@pytest.mark.parametrize(("text", "place", "toll"), [
    # complementiser, in: an actor before أن is the speaker, not another attacker: the
    # dead go on the strike. Out: with none, the Houthis read as the act's attacker.
    (STRIKE + "وقال الحوثيون إن القصف أسفر عن مقتل عشرة مدنيين.", "الحديده", 10),
    (STRIKE + "وقال الحوثيون بأن القصف أسفر عن مقتل عشرة مدنيين.", "الحديده", 10),
    (STRIKE + "وقال الحوثيون القصف أسفر عن مقتل عشرة مدنيين.", "الحديده", 0),
    # member_noun, in: dead counted among the attacker's allies after من (+ a member
    # noun) fell in another fight. Out: another noun between.
    (STRIKE + "وقال السكان إن 20 حوثيا و8 من عناصر المقاومة الشعبية سقطوا قتلى.",
     "الحديده", 0),
    (STRIKE + "وقال السكان إن 20 حوثيا و8 من المقاومة الشعبية سقطوا قتلى.", "الحديده", 0),
    (STRIKE + "وقال السكان إن 20 حوثيا و8 من أبناء المقاومة الشعبية سقطوا قتلى.",
     "الحديده", 28),
    # also, in: the act retold adds the dead told with أيضا/كذلك. Out: the same dead.
    (RAID + "أيضا عن مقتل اثنين من الحراس.", "ادلب", 18),
    (RAID + "كذلك عن مقتل اثنين من الحراس.", "ادلب", 18),
    (RAID + "عن مقتل اثنين من الحراس.", "ادلب", 16),
])
def test_toll_words(text: str, place: str, toll: int) -> None:
    events = {normalize_for_match(e.location.name_ar): e for e in extract_text(text, PUB)
              if e.location is not None}
    fatalities = events[normalize_for_match(place)].fatalities
    assert (fatalities.best if fatalities is not None else None) == toll


# -- now_word: extract.dates ---------------------------------------------------------

@pytest.mark.parametrize(("text", "day"), [
    # In: quoted after a statement of Monday, "today", "tonight", "yesterday" count from
    # Monday.
    ('وقال مساء الاثنين إن "الاشتباكات العنيفة مستمرة منذ صباح اليوم في المدينة"', 14),
    ('وقال مساء الاثنين إن "الاشتباكات العنيفة مستمرة منذ الليلة في المدينة"', 14),
    ('وقال مساء الاثنين إن "الاشتباكات العنيفة اندلعت البارحة في المدينة"', 13),
    # Out: a day word with no word of "now" counts from publication.
    ('وقال مساء الاثنين إن "الاشتباكات العنيفة مستمرة منذ الصباح في المدينة"', 16),
])
def test_now_words_count_from_the_speakers_day(text: str, day: int) -> None:
    span = resolve_date(text, published=PUB)
    assert span is not None and span.start == date(2019, 1, day)


# -- distance_unit, to_anchor, measure_verb: extract.scene ---------------------------

_GEO: list[Geocoder] = []


@pytest.mark.parametrize(("sentence", "dropped"), [
    # In: a place measured from, with a unit (كلم، كيلومترا), the words between the unit
    # and the place (شرق، إلى الشرق من مدينة), or the distance after the place (تبعد عن).
    ("قصفت الطائرات قرية المقبلة التي تبعد قرابة 60 كلم شرق حلب", {"حلب"}),
    ("قصفت الطائرات قرية المقبلة التي تبعد قرابة 60 كيلومترا إلى الشرق من مدينة حلب",
     {"حلب"}),
    ("قصفت الطائرات قرية المقبلة التي تبعد عن مدينة حلب 60 كيلومترا", {"حلب"}),
    # Out: another unit, another word before the place, another verb.
    ("قصفت الطائرات قرية المقبلة التي تبعد قرابة 60 ميلا شرق حلب", set()),
    ("قصفت الطائرات قرية المقبلة التي تبعد قرابة 60 كيلومترا نحو الشرق من مدينة حلب",
     set()),
    ("قصفت الطائرات قرية المقبلة التي تقترب من مدينة حلب 60 كيلومترا", set()),
])
def test_distance_words(sentence: str, dropped: set[str]) -> None:
    if not _GEO:
        _GEO.append(Geocoder())
    rules = SceneRules()
    rules.text = sentence
    places = _GEO[0].find(sentence)
    kept = rules._drop_distance_anchors(places, tokenize(sentence))
    assert {m.surface for m in places if m not in kept} == dropped


# -- between: extract.fatalities_reader ----------------------------------------------

@pytest.mark.parametrize(("sentence", "toll"), [
    # In: a count sorted into killed and wounded is no count of the dead.
    ("وأشاروا إلى سقوط 12 من المسلحين بين قتيل وجريح", 0),
    ("وأشاروا إلى سقوط 12 من المسلحين مابين قتيل وجريح", 0),
    ("وأشاروا إلى سقوط 12 من المسلحين ما بين قتيل وجريح", 0),
    # Out: the count of the dead.
    ("وأشاروا إلى سقوط 12 قتيلا من المسلحين", 12),
])
def test_between_sorts_a_count(sentence: str, toll: int) -> None:
    got = sentence_fatalities(sentence)
    assert got is not None and got.best == toll


# -- pair_side, umbrella_head, doing_verb, result_link, quantity_word: role_cues -----

def _at(sentence: str, word: str) -> tuple[list[Token], int]:
    tokens = tokenize(sentence)
    return tokens, next(t.index for t in tokens if t.text == word)


@pytest.mark.parametrize(("sentence", "split"), [
    # In: من + a side's noun closes the first side after بين.
    ("اندلعت اشتباكات بين الجيش والعشائر من جهة والمسلحين من جهة أخرى", 5),
    ("اندلعت اشتباكات بين الجيش والعشائر من طرف والمسلحين", 5),
    # Out: من before another noun.
    ("اندلعت اشتباكات بين الجيش والعشائر من أجل السيطرة على البلدة", None),
])
def test_pair_sides(sentence: str, split: int | None) -> None:
    tokens, between = _at(sentence, "بين")
    assert side_split(tokens, between) == split


@pytest.mark.parametrize(("sentence", "name", "umbrella"), [
    # In: the group after "one of the factions/brigades of".
    ("هاجم مسلحون من أحد فصائل المعارضة", "المعارضة", True),
    ("هاجم مسلحون من إحدى كتائب المعارضة", "المعارضة", True),
    ("هاجم مسلحون من أحد فصائل المعارضة", "فصائل", True),
    # Out: one of its leaders.
    ("هاجم مسلحون من أحد قادة المعارضة", "المعارضة", False),
])
def test_umbrella_heads(sentence: str, name: str, umbrella: bool) -> None:
    assert one_of_umbrella(*_at(sentence, name)) is umbrella


@pytest.mark.parametrize(("sentence", "agent"), [
    # In: a verb of carrying out with the act's pronoun: the name after is the agent.
    ("غارات شنها التحالف", True),
    ("غارات نفذتها الطائرات", True),
    ("غارات يقودها التحالف", True),
    # Out: another verb.
    ("غارات رصدها التحالف", False),
])
def test_doing_verbs(sentence: str, agent: bool) -> None:
    assert done_by(tokenize(sentence), 0, 2) is agent


@pytest.mark.parametrize(("sentence", "died"), [
    # In: a verb of dying, then a link word right before the act.
    ("الجنود لقوا مصرعهم جراء الانفجار", True),
    ("الجنود لقوا مصرعهم إثر الانفجار", True),
    ("الجنود لقوا مصرعهم بسبب الانفجار", True),
    # Out: another word before the act.
    ("الجنود لقوا مصرعهم قبل الانفجار", False),
])
def test_result_links(sentence: str, died: bool) -> None:
    tokens = tokenize(sentence)
    assert died_in(tokens, tokens[0].end, len(tokens) - 1) is died


@pytest.mark.parametrize(("sentence", "victims"), [
    # In: the link word before the fall of a number of shells: the civilians before it
    # were the shells' target.
    ("مقتل 5 مدنيين جراء سقوط أكثر من 10 قذائف", True),
    ("مقتل 5 مدنيين جراء سقوط نحو 10 قذائف", True),
    # Out: other words of quantity put the link too far from the act.
    ("مقتل 5 مدنيين جراء سقوط ما يزيد على 10 قذائف", False),
])
def test_quantity_words(sentence: str, victims: bool) -> None:
    lexicon = load_lexicon()
    tokens = tokenize(sentence)
    [match] = lexicon.find_triggers(tokens)
    assert victims_before(match, tokens, [], lexicon=lexicon) is victims


# -- compass_adverb (tables12j): extract.scene's compass words take the adverbs too -----

@pytest.mark.parametrize(("word", "compass"), [
    ("شرقا", True),
    ("بغربا", True),   # a clitic ب allowed
    ("شمالًا", True),  # with its tanwin
    ("جنوبي", True),   # the compass adjective (kind compass)
    ("البلدة", False),
])
def test_compass_adverbs_are_compass_words(word: str, compass: bool) -> None:
    from rasd.extract.scene import _compass_word

    assert _compass_word(tokenize(word)[0]) is compass


# -- own_country (tables12j): extract.national places a nationwide act told in "the
# country" at the capital of the article's country -------------------------------------

@pytest.mark.parametrize(("text", "arrest_at"), [
    ("قصفت قوات الأمن قرية في ولاية ديار بكر. واعتقلت الشرطة في مختلف أنحاء البلاد 40 "
     "شخصا يشتبه بانتمائهم إلى حزب العمال الكردستاني.", "انقره"),
    # no word of the article's own country: the arrests have no place
    ("قصفت قوات الأمن قرية في ولاية ديار بكر. واعتقلت الشرطة في مختلف الأنحاء 40 "
     "شخصا يشتبه بانتمائهم إلى حزب العمال الكردستاني.", None),
])
def test_the_own_country_word_places_a_nationwide_arrest(text: str,
                                                         arrest_at: str | None) -> None:
    arrests = {normalize_for_match(ev.location.name_ar) for ev in extract_text(text, PUB)
               if ev.sub_event_type == "Arrests" and ev.location is not None}
    assert arrests == ({arrest_at} if arrest_at else set())
