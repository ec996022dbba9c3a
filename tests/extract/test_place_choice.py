"""Which place an event takes (issue 14): a recalled act keeps its places, a town that
only locates another place is no scene, a quarter is coded at the city the text names.

In/out tables of composed Arabic sentences, each mechanism in both directions.
"""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest

from extract_text import extract_text
from rasd.clean.normalize import normalize_for_match
from rasd.extract.clauses import reference_walls
from rasd.extract.engine import Extractor
from rasd.extract.tokens import tokenize
from rasd.geo.geocoder import Geocoder

AIR, SHELL, CLASH, SUICIDE, IED, ABDUCT = (
    "Air/drone strike", "Shelling/artillery/missile attack", "Armed clash", "Suicide bomb",
    "Remote explosive/landmine/IED", "Abduction/forced disappearance")


@cache
def _extractor() -> Extractor:
    return Extractor()


@cache
def _geocoder() -> Geocoder:
    return Geocoder()


def _events(text: str) -> set[tuple[str, str | None]]:
    return {(ev.sub_event_type,
             normalize_for_match(ev.location.name_ar) if ev.location is not None else None)
            for ev in extract_text(text, date(2015, 7, 23))}


def _n(name: str) -> str:
    return normalize_for_match(name)


@pytest.mark.parametrize(("text", "walls"), [
    ("تبادل الجيش إطلاق النار بعد خمسة أيام على هجوم انتحاري", ["بعد"]),
    ("قصفت الفصائل البلدات ردا، حسب قولها، على تعرض البلدة لهجوم", ["ردا"]),
    ("وقع الانفجار غداة هجوم على الحاجز", ["غداة"]),
    # ``بعد`` with no span of time is the act's own sequence, not another act recalled.
    ("انسحب المسلحون بعد اشتباكات عنيفة", []),
    ("قتل ثلاثة بعد استهداف سيارتهم", []),
    # ``رد`` the verb (``رد الجيش``) is the act itself.
    ("رد الجيش على مصادر النيران", []),
])
def test_reference_walls(text: str, walls: list[str]) -> None:
    tokens = tokenize(text)
    by_start = {t.start: t.text for t in tokens}
    assert [by_start[w] for w in reference_walls(tokens)] == walls


@pytest.mark.parametrize(("text", "borrowed", "kept"), [
    # The suicide bombing recalled as the time of the exchange of fire keeps its town:
    # the act told with no place of its own does not borrow it.
    ("وتبادل الجيش التركي إطلاق النار مع المسلحين بعد خمسة أيام على هجوم انتحاري في "
     "مدينة سروج.", CLASH, False),
    ("ونفذت مقاتلات تركية غارات على مواقع التنظيم، وذلك بعد ستة أيام على تفجير انتحاري "
     "استهدف مدينة سروج.", AIR, False),
    # The other direction: with no recalled act between them, a cue with no place of its
    # own shares its neighbour's.
    ("تبادل الجيش إطلاق النار مع المسلحين وقصف مدفعي على مدينة سروج.", CLASH, True),
])
def test_a_recalled_act_lends_no_place(text: str, borrowed: str, kept: bool) -> None:
    assert ((borrowed, _n("سروج")) in _events(text)) is kept


@pytest.mark.parametrize(("text", "expected"), [
    # A compass-placed town after the scene only says where the scene lies.
    ("وخطف مسلحون ثلاثة عمال في بلدة بنش وهي أحد معاقل الفصائل شمال شرقي مدينة إدلب.",
     {(ABDUCT, _n("بنش"))}),
    ("وقتل عشرة مدنيين في انفجار عبوتين ناسفتين في المقدادية في بعقوبة.",
     {(IED, _n("المقدادية"))}),
    # The other direction: a comma or a cue of its own makes the second town a scene.
    ("وخطف مسلحون ثلاثة عمال في بلدة بنش، فيما قصفت الطائرات مواقع جنوب مدينة إدلب.",
     {(ABDUCT, _n("بنش")), (AIR, _n("إدلب"))}),
    ("وقتل عشرة مدنيين في انفجار عبوتين ناسفتين في المقدادية وفي بعقوبة.",
     {(IED, _n("المقدادية")), (IED, _n("بعقوبة"))}),
])
def test_a_locating_town_is_no_scene(text: str, expected: set[tuple[str, str | None]]) -> None:
    assert _events(text) == expected


def _resolved(text: str, name: str) -> str | None:
    mentions = _geocoder().find_in_document(text)
    at = text.rindex(name)
    hit = [m for m in mentions if m.start <= at < m.end]
    return hit[0].place.name_ar if hit else None


@pytest.mark.parametrize(("text", "name", "place"), [
    # A quarter of a city the text names is coded at that city.
    ("قصفت الطائرات مدينة عدن أمس. وسقطت قذائف الهاون على حي دار سعد.", "دار سعد", "عدن"),
    ("قصفت الطائرات مدينة عدن أمس. وسقطت قذائف الهاون على أحياء دار سعد.", "دار سعد", "عدن"),
    # The other direction: no quarter word, no city named, or a city too far to hold it.
    ("قصفت الطائرات مدينة عدن أمس. وسقطت قذائف الهاون على دار سعد.", "دار سعد", "دار سعد"),
    ("وسقطت قذائف الهاون على حي دار سعد.", "دار سعد", "دار سعد"),
    ("قصفت الطائرات مدينة تعز أمس. وسقطت قذائف الهاون على حي دار سعد.", "دار سعد", "دار سعد"),
])
def test_a_quarter_is_coded_at_its_city(text: str, name: str, place: str) -> None:
    assert _resolved(text, name) == place


@pytest.mark.parametrize(("text", "expected"), [
    # An area of a city the same sentence names is coded at the city.
    ("وفي مدينة تعز استمرت المواجهات أمس بين المقاومة الشعبية والحوثيين بمنطقة الضباب.",
     {(CLASH, _n("تعز"))}),
    ("وقصف طيران التحالف مواقع للحوثيين في منطقة حزيز بصنعاء.", {(AIR, _n("صنعاء"))}),
    # The other direction: with no city in the sentence, or a city named only as where a
    # compass word points (the area lies outside it), the area is a place of its own.
    ("وتواصلت الاشتباكات بين المقاومة الشعبية والحوثيين في منطقة الضباب.",
     {(CLASH, _n("الضباب"))}),
    ("وقصف طيران التحالف مواقع للحوثيين في منطقة حزيز جنوب صنعاء.", {(AIR, _n("حزيز"))}),
])
def test_an_area_of_a_named_city_is_the_city(text: str,
                                             expected: set[tuple[str, str | None]]) -> None:
    assert _events(text) == expected


STORY = ("قصفت الطائرات مدينة عدن. وقالت مصادر في عدن إن القتلى مدنيون. وتعرضت عدن لقصف "
         "عنيف. ")


@pytest.mark.parametrize(("text", "expected"), [
    # A sentence naming only areas reads the city its story names again and again.
    (STORY + "وقصف الحوثيون بقذائف الهاون منطقتي دار سعد والعلم.",
     {(SHELL, _n("عدن")), (AIR, _n("عدن"))}),
    # The other direction: a city named once is no story's, and alone the area stays.
    ("قصفت الطائرات مدينة عدن. وقصف الحوثيون بقذائف الهاون منطقتي دار سعد والعلم.",
     {(SHELL, _n("دار سعد")), (AIR, _n("عدن"))}),
    ("وقصف الحوثيون بقذائف الهاون منطقتي دار سعد والعلم.", {(SHELL, _n("دار سعد"))}),
])
def test_an_area_of_the_story_city_is_the_city(text: str,
                                               expected: set[tuple[str, str | None]]) -> None:
    assert _events(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A quarter placed in its town by a compass word, however far from it in the
    # clause, is coded at the town, where the quarter is told.
    ("وقصفت قوات النظام بالصواريخ أمس حي المغاير الواقع تحت سيطرة المعارضة جنوب مدينة حلب.",
     {(SHELL, _n("حلب"))}),
    # The other direction: a town so placed is coded at itself.
    ("وقصفت قوات النظام بالصواريخ بلدة بنش الخاضعة لسيطرة المعارضة شمال شرقي مدينة إدلب.",
     {(SHELL, _n("بنش"))}),
])
def test_a_quarter_placed_in_its_town(text: str, expected: set[tuple[str, str | None]]) -> None:
    assert _events(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # Where someone went back, was on the way or was carried to is no scene.
    ("وقصفت المقاتلات التركية مقرين لتنظيم داعش قبل أن تعود الطائرات إلى قاعدة ديار بكر.", set()),
    ("وهاجم مسلحو المقاومة رتلا للحوثيين في منطقة الراهدة كان في طريقه إلى مدينة تعز.",
     {(CLASH, _n("الراهدة"))}),
    ("وقتل ثلاثة مدنيين في غارة على بلدة بنش ونقل المصابون إلى مستشفى في مدينة إدلب.",
     {(AIR, _n("بنش"))}),
    # The other direction: a scene, and an advance toward a town (a front), stay.
    ("وقصفت الطائرات التركية مقرين لتنظيم داعش في ديار بكر.", {(AIR, _n("ديار بكر"))}),
    ("وزحف مسلحو المقاومة إلى مدينة تعز وهاجموا رتلا للحوثيين.", {(CLASH, _n("تعز"))}),
])
def test_a_journey_end_is_no_scene(text: str, expected: set[tuple[str, str | None]]) -> None:
    assert _events(text) == expected


PATROL = "قتل جنديان تركيان أمس في انفجار عبوة ناسفة استهدفت دورية للجيش في {where}. "


@pytest.mark.parametrize(("text", "expected"), [
    # A province named by its unit word (``محافظة``، ``ولاية``) is the province even where
    # the gazetteer holds only its seat: the act the article places in a town of that
    # province is told once, at the town.
    (PATROL.format(where="محافظة ديار بكر")
     + "وأوضح الجيش أن العبوة الناسفة انفجرت بدورية للجيش قرب بلدة ليجه.",
     {(IED, _n("ليجه"))}),
    (PATROL.format(where="ولاية ديار بكر")
     + "وأوضح الجيش أن العبوة الناسفة انفجرت بدورية للجيش قرب بلدة ليجه.",
     {(IED, _n("ليجه"))}),
    # The other direction: the city itself (no unit word, or ``مدينة``), a town in another
    # province, or another kind of act in the town leaves the province's event.
    (PATROL.format(where="مدينة ديار بكر")
     + "وأوضح الجيش أن العبوة الناسفة انفجرت بدورية للجيش قرب بلدة ليجه.",
     {(IED, _n("ديار بكر")), (IED, _n("ليجه"))}),
    (PATROL.format(where="ديار بكر")
     + "وأوضح الجيش أن العبوة الناسفة انفجرت بدورية للجيش قرب بلدة ليجه.",
     {(IED, _n("ديار بكر")), (IED, _n("ليجه"))}),
    (PATROL.format(where="محافظة ديار بكر")
     + "وأوضح الجيش أن العبوة الناسفة انفجرت بدورية للجيش قرب بلدة سروج.",
     {(IED, _n("ديار بكر")), (IED, _n("سروج"))}),
    (PATROL.format(where="محافظة ديار بكر")
     + "وقال الجيش إن اشتباكات اندلعت مع مسلحين في بلدة ليجه.",
     {(IED, _n("ديار بكر")), (CLASH, _n("ليجه"))}),
])
def test_a_province_by_its_unit_word_yields_to_its_town(
        text: str, expected: set[tuple[str, str | None]]) -> None:
    assert _events(text) == expected



FOUND = "عثر أمس على شرطيين قتلا برصاصة في مدينة جيلان بينار القريبة من الحدود السورية "


@pytest.mark.parametrize(("text", "expected"), [
    # A place that completes an office's name (a governor's province) is the office's
    # when the sentence names another place: the act keeps the scene.
    (FOUND + "كما أعلن حاكم محافظة شانلي أورفة.", {(CLASH, _n("جيلان بينار"))}),
    (FOUND + "كما أعلن والي شانلي أورفة.", {(CLASH, _n("جيلان بينار"))}),
    (FOUND + "كما أعلن مكتب محافظ ديار بكر.", {(CLASH, _n("جيلان بينار"))}),
    # The other direction: no office word (a second scene), a preposition spelt like the
    # governor's title (``وإلى``), or the office's place alone in its sentence.
    (FOUND + "وفي شانلي أورفة.", {(CLASH, _n("جيلان بينار")), (CLASH, _n("شانلي أورفة"))}),
    ("قصفت الطائرات الحربية مواقع المسلحين من حلب وإلى إدلب.",
     {(AIR, _n("حلب")), (AIR, _n("إدلب"))}),
    ("وقال مكتب محافظ ديار بكر إن الشرطة اعتقلت ستة أشخاص أمس.",
     {("Arrests", _n("ديار بكر"))}),
])
def test_an_office_place_is_no_scene(text: str, expected: set[tuple[str, str | None]]) -> None:
    assert _events(text) == expected


# ``_lift_city_parts`` (place14e): a compass word reading "in the south of" a city, or
# pointing at no named place in an article about a city, places the area inside it.
BAGHDAD_STORY = "تواصلت التفجيرات في بغداد لليوم الثاني. "


@pytest.mark.parametrize(("text", "expected"), [
    # ``بجنوب``/``في جنوب`` before the city: inside it, coded at the city.
    ("وانفجرت سيارة مفخخة في الزعفرانية بجنوب بغداد.", {(IED, _n("بغداد"))}),
    ("وانفجرت سيارة مفخخة في منطقة الزعفرانية في جنوب بغداد.", {(IED, _n("بغداد"))}),
    # A bare compass word: the part of the city the article is about.
    (BAGHDAD_STORY + "وانفجرت سيارة مفخخة في منطقة البياع في غرب العاصمة.",
     {(IED, _n("بغداد"))}),
    (BAGHDAD_STORY + "وانفجرت سيارة مفخخة في منطقة الزعفرانية (جنوب).",
     {(IED, _n("بغداد"))}),
    # The other direction: a compass word with no في/ب before a named city says the
    # area lies outside it; with no large city in the article the area stays itself.
    ("وقصف طيران التحالف مواقع للحوثيين في منطقة حزيز جنوب صنعاء.", {(AIR, _n("حزيز"))}),
    ("وانفجرت سيارة مفخخة في منطقة الزعفرانية (جنوب).", {(IED, _n("الزعفرانية"))}),
])
def test_a_part_placed_inside_a_city_is_the_city(
        text: str, expected: set[tuple[str, str | None]]) -> None:
    assert {(t, p) for t, p in _events(text) if t in (IED, AIR)} == expected
