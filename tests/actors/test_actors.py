"""Actor dictionary: alias matching, coreference, generic actors and the data itself."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from rasd.actors.dictionary import (
    GENERIC_KINDS,
    ActorDataError,
    ActorDictionary,
    Country,
    Descriptor,
    inter_in,
    match_key,
)
from rasd.actors.resolve import generic_actor, load_actors, resolve_document
from rasd.models import Actor

D = load_actors()
# The find and coreference tables read their phrases as of this day: in the Sudan war
# (since 2023-04-15), before the change of government in Syria (2024-12-08). Names
# shared by period versions resolve to the actor of that day.
TABLE_DATE = date(2024, 1, 1)

# (text, [(surface, actor id), ...]) for ActorDictionary.find
FIND_CASES: list[tuple[str, list[tuple[str, str]]]] = [
    # spec §3 aliases
    ("قصفت قوات النظام مواقع المعارضة", [("قوات النظام", "mil-sy")]),
    ("وحدات من الجيش العربي السوري", [("الجيش العربي السوري", "mil-sy")]),
    ("تقدم الجيش السوري نحو البوكمال", [("الجيش السوري", "mil-sy")]),
    ("قوات الأسد", [("قوات الأسد", "mil-sy")]),
    ("فرضت قوات نظام بشار الأسد سيطرتها", [("قوات نظام بشار الأسد", "mil-sy")]),
    ("اشتباكات بين داعش وقسد", [("داعش", "isis"), ("قسد", "sdf")]),
    ("هجوم لتنظيم الدولة الإسلامية", [("تنظيم الدولة الإسلامية", "isis")]),
    ("خلايا تابعة لتنظيم الدولة", [("تنظيم الدولة", "isis")]),
    ("مؤيدون للدولة الإسلامية", [("للدولة الإسلامية", "isis")]),
    ("الهزيمة بالدولة الإسلامية", [("الدولة الإسلامية", "isis")]),
    ("أعلنت قوات سورية الديمقراطية", [("قوات سورية الديمقراطية", "sdf")]),
    ("بين داعش وسوريا الديمقراطية", [("داعش", "isis"), ("سوريا الديمقراطية", "sdf")]),
    ("وبقوات سوريا الديمقراطية", [("قوات سوريا الديمقراطية", "sdf")]),
    ("ميليشيا “قسد”", [("ميليشيا “قسد", "sdf")]),
    ("نقاطا لـ”قسد”", [("قسد", "sdf")]),
    # proclitics and the assimilated article
    ("للجيش السوري", [("للجيش السوري", "mil-sy")]),
    ("فالقوات الروسية", [("القوات الروسية", "mil-ru")]),
    ("كالحوثيين", [("الحوثيين", "houthis")]),
    ("بالحوثيين", [("الحوثيين", "houthis")]),
    ("وللحشد الشعبي", [("للحشد الشعبي", "pmf")]),
    ("قتلى لقسد وللفاطميون", [("قسد", "sdf"), ("للفاطميون", "fatemiyoun")]),
    ("وبحسب الحرس الثوري", [("الحرس الثوري", "irgc")]),
    # plural / case variants and spelling variants
    ("الحوثيون", [("الحوثيون", "houthis")]),
    ("ميليشيات الحوثي", [("ميليشيات الحوثي", "houthis")]),
    ("مليشيات الحوثي", [("مليشيات الحوثي", "houthis")]),
    ("الميليشيات الحوثية", [("الميليشيات الحوثية", "houthis")]),
    ("المستوطنون", [("المستوطنون", "settlers")]),
    ("هاجم مستوطنين قرية", [("مستوطنين", "settlers")]),
    ("القوات الأمريكية", [("القوات الأمريكية", "mil-us")]),
    ("القوات الأميركية", [("القوات الأميركية", "mil-us")]),
    ("الدوله الاسلاميه", [("الدوله الاسلاميه", "isis")]),
    ("قوات البيشمركة", [("قوات البيشمركة", "peshmerga")]),
    ("البشمركة", [("البشمركة", "peshmerga")]),
    ("مجموعة فاغنر", [("مجموعة فاغنر", "wagner")]),
    ("مرتزقة فاجنر", [("مرتزقة فاجنر", "wagner")]),
    # diacritics, tatweel, digits
    ("قُوَّاتُ النِّظَامِ", [("قُوَّاتُ النِّظَامِ", "mil-sy")]),
    ("داعـــش", [("داعـــش", "isis")]),
    ("اللواء ٤٤٤ قتال", [("اللواء ٤٤٤ قتال", "444")]),
    # longest match
    ("الجيش السوري الحر", [("الجيش السوري الحر", "fsa")]),
    ("الجيش الحر", [("الجيش الحر", "fsa")]),
    ("كتائب حزب الله", [("كتائب حزب الله", "kh")]),
    ("حزب الله اللبناني", [("حزب الله اللبناني", "hezbollah")]),
    ("حركة حزب الله النجباء", [("حركة حزب الله النجباء", "nujaba")]),
    ("تنظيم القاعدة في جزيرة العرب", [("تنظيم القاعدة في جزيرة العرب", "aqap")]),
    ("تنظيم القاعدة", [("تنظيم القاعدة", "aq")]),
    ("الحشد العشائري", [("الحشد العشائري", "tmf")]),
    ("حركة تحرير السودان جناح مناوي", [("حركة تحرير السودان جناح مناوي", "slm-mm")]),
    ("حركة تحرير السودان", [("حركة تحرير السودان", "slm")]),
    ("سرايا القدس", [("سرايا القدس", "quds-brigades")]),
    ("لواء القدس", [("لواء القدس", "liwa-quds")]),
    ("القوات اللبنانية", [("القوات اللبنانية", "lf")]),
    ("الجيش اللبناني", [("الجيش اللبناني", "mil-lb")]),
    # the conflicts, one or two each
    ("هيئة تحرير الشام", [("هيئة تحرير الشام", "hts")]),
    ("جبهة فتح الشام", [("جبهة فتح الشام", "nusra")]),
    ("وحدات حماية الشعب الكردية", [("وحدات حماية الشعب الكردية", "ypg")]),
    ("حزب العمال الكردستاني", [("حزب العمال الكردستاني", "pkk")]),
    ("تحالف دولي تقوده الولايات المتحدة", [("تحالف دولي", "coalition")]),
    ("التحالف العربي بقيادة السعودية", [("التحالف العربي بقيادة السعودية", "saudi-coalition")]),
    ("قوات المارينز", [("قوات المارينز", "mil-us")]),
    ("الجيش التركي", [("الجيش التركي", "mil-tr")]),
    ("جهاز مكافحة الإرهاب", [("جهاز مكافحة الإرهاب", "mil-iq")]),
    ("الشرطة الاتحادية", [("الشرطة الاتحادية", "pol-iq")]),
    ("عصائب أهل الحق", [("عصائب أهل الحق", "aah")]),
    (
        "قوات الدعم السريع والجيش السوداني",
        [("قوات الدعم السريع", "rsf"), ("الجيش السوداني", "mil-sd")],
    ),
    ("الجنجويد", [("الجنجويد", "rsf")]),
    ("الحركة الشعبية شمال", [("الحركة الشعبية شمال", "splm-n")]),
    ("حركة العدل والمساواة", [("حركة العدل والمساواة", "jem")]),
    ("قوات حفتر", [("قوات حفتر", "lna")]),
    ("قوات حكومة الوفاق", [("قوات حكومة الوفاق", "mil-ly")]),
    ("المجلس الانتقالي الجنوبي", [("المجلس الانتقالي الجنوبي", "stc")]),
    ("حركة الشباب المجاهدين", [("حركة الشباب المجاهدين", "shabaab")]),
    ("حركة حماس وكتائب القسام", [("حركة حماس", "hamas"), ("كتائب القسام", "qassam")]),
    ("جيش الاحتلال الإسرائيلي", [("جيش الاحتلال الإسرائيلي", "mil-il")]),
    ("ولاية سيناء", [("ولاية سيناء", "is-sinai")]),
    ("الجيش المصري", [("الجيش المصري", "mil-eg")]),
    # (bare ``الفرقة الرابعة`` is a descriptor, Syria's only in Syria: test_actors_act7.)
    ("الفرقة الرابعة مدرعات", [("الفرقة الرابعة مدرعات", "mil-sy")]),
    ("جيش الإسلام", [("جيش الإسلام", "jaish-islam")]),
    ("اليونيفيل", [("اليونيفيل", "unifil")]),
    ("SDF and ISIS", []),
    ("أرسل رسالة إلى STC", []),
    (
        # (``القوات الموالية للرئيس هادي`` is a descriptor: test_actors_14g.)
        "هاجمت قوات الجيش اليمني مواقع قوات المخلوع صالح",
        [
            ("قوات الجيش اليمني", "mil-ye"),
            ("قوات المخلوع صالح", "saleh-forces"),
        ],
    ),
    (
        "القوات الموالية للرئيس السابق علي عبدالله صالح",
        [("القوات الموالية للرئيس السابق علي عبدالله صالح", "saleh-forces")],
    ),
    ("قوات الرئيس السوري بشار الأسد", [("قوات الرئيس السوري بشار الأسد", "mil-sy")]),
    ("هاجم مقاتلو حركة طالبان", [("حركة طالبان", "taliban")]),
    ("حركة طالبان باكستان", [("حركة طالبان باكستان", "ttp")]),
    ("جماعة بوكو حرام", [("جماعة بوكو حرام", "boko-haram")]),
    ("قوات فجر ليبيا", [("قوات فجر ليبيا", "libya-dawn")]),
    ("قوات الطوارئ الخاصة", [("قوات الطوارئ الخاصة", "pol-sa")]),
    # no match
    ("دعم الاستقرار في المنطقة", []),
    ("قوات. النظام", []),
    ("قال النظام", []),
    ("مسلحين مجهولين", []),
    ("القاعدة اللوجستية", []),
    ("الحشد العسكري", []),
    ("مجلس الأمن", []),
]


@pytest.mark.parametrize(
    ("text", "expected"), FIND_CASES, ids=[f"find{i}" for i in range(len(FIND_CASES))]
)
def test_find(text: str, expected: list[tuple[str, str]]) -> None:
    got = D.find(text, on=TABLE_DATE)
    assert [(m.surface, m.actor.id) for m in got] == expected
    for m in got:
        assert text[m.start : m.end] == m.surface
        assert not m.generic


def test_find_table_is_large() -> None:
    assert len(FIND_CASES) >= 60


# (article, country, expected (surface, id, generic) subset, ids that must not appear)
COREF_CASES: list[tuple[str, str | None, list[tuple[str, str, bool]], list[str]]] = [
    (
        "هاجم تنظيم داعش مواقع قسد في هجين. وقال مصدر إن التنظيم المتطرف خسر عشرة من عناصره.",
        None,
        [("تنظيم داعش", "isis", False), ("قسد", "sdf", False), ("التنظيم المتطرف", "isis", True)],
        [],
    ),
    (
        "شن تنظيم القاعدة في جزيرة العرب هجوما على قوات الحزام الأمني في أبين. "
        "وقال مسؤول إن عناصر التنظيم انسحبوا.",
        None,
        [("عناصر التنظيم", "aqap", True), ("قوات الحزام الأمني", "security-belt", False)],
        ["isis"],
    ),
    ("قال مسؤول إن التنظيم عقد مؤتمره السنوي.", None, [], ["isis"]),
    (
        "أعلنت قوات سوريا الديمقراطية تقدمها. وتقدم المسلحون الأكراد في أطراف هجين.",
        None,
        [("المسلحون الأكراد", "sdf", True)],
        ["ypg"],
    ),
    (
        "قصف الجيش التركي مواقع وحدات حماية الشعب قرب عفرين، وردت الوحدات الكردية بالقصف.",
        None,
        [("الوحدات الكردية", "ypg", True), ("الجيش التركي", "mil-tr", False)],
        ["sdf"],
    ),
    (
        "اشتبك المقاتلون الأكراد مع فصائل معارضة قرب تل رفعت شمال سوريا.",
        None,
        [("المقاتلون الأكراد", "ypg", True), ("فصائل معارضة", "opp-sy", True)],
        [],
    ),
    (
        "قالت مصادر في العراق إن المقاتلين الأكراد صدوا هجوما قرب كركوك.",
        None,
        [("المقاتلين الأكراد", "peshmerga", True)],
        [],
    ),
    (
        "هاجم داعش بلدة قرب الرقة. ثم هاجم تنظيم القاعدة حاجزا. "
        "وقال التنظيم في بيان إنه قتل جنديين.",
        None,
        [("التنظيم", "aq", True)],
        [],
    ),
    (
        "اعتقلت هيئة تحرير الشام خلية لداعش في إدلب. وقالت هيئة تحرير الشام إن "
        "عناصرها داهموا المنزل. وأضافت هيئة تحرير الشام أن المتشددين سلموا أنفسهم.",
        None,
        [("المتشددين", "hts", True)],
        [],
    ),
    (
        "قتل مسلحون مجهولون مدنيين اثنين في ريف درعا جنوب سوريا.",
        None,
        [("مسلحون مجهولون", "uag-sy", True), ("مدنيين", "civ-sy", True)],
        [],
    ),
    (
        "قتل مسلحين من داعش ثلاثة جنود عراقيين.",
        "IQ",
        [("داعش", "isis", False)],
        ["uag-iq"],
    ),
    (
        "خرج متظاهرون في بغداد، واعتدت قوات الأمن على المحتجين.",
        "IQ",
        [
            ("متظاهرون", "pro-iq", True),
            ("قوات الأمن", "pol-iq", True),
            ("المحتجين", "pro-iq", True),
        ],
        [],
    ),
    ("أحرق مثيرو الشغب مبنى حكوميا في الخرطوم.", "SD", [("مثيرو الشغب", "rio-sd", True)], []),
    (
        "قصف الجيش مواقع للمتمردين في دارفور.",
        "SD",
        [("الجيش", "mil-sd", True), ("للمتمردين", "rsf", True)],
        [],
    ),
    (
        "شن طيران التحالف غارات على مواقع الحوثيين في صعدة.",
        None,
        [("طيران التحالف", "saudi-coalition", True), ("الحوثيين", "houthis", False)],
        [],
    ),
    (
        "شنت طائرات التحالف الدولي غارات على داعش، وقالت إن طائرات التحالف دمرت مقرا.",
        "IQ",
        [("طائرات التحالف", "coalition", True)],
        ["saudi-coalition"],
    ),
    (
        "قال الجيش الوطني إن قواته تقدمت جنوب طرابلس بليبيا.",
        None,
        [("الجيش الوطني", "lna", True)],
        ["sna"],
    ),
    (
        "سيطرت القوات العراقية والحشد الشعبي والعشائر على القائم.",
        "SY",
        [("العشائر", "tmf", True)],
        ["tribal-sy"],
    ),
    ("قتل مدنيون في هجوم.", None, [], ["civ-sy"]),
    ("اعتقلت قوات الأمن الليبية ثلاثة مطلوبين.", None, [("قوات الأمن", "pol-ly", True)], []),
    ("قال الجيش النيجيري إنه قتل عشرين مسلحا في سوريا.", "SY", [], ["mil-sy"]),
    (
        "تقدمت المقاومة الشعبية في عدن باليمن، وقال قائد في المقاومة إن رجال المقاومة "
        "استعادوا الحي.",
        None,
        [("المقاومة", "popres-ye", True), ("رجال المقاومة", "popres-ye", True)],
        [],
    ),
    (
        "قالت المقاومة إنها قصفت موقعا إسرائيليا في جنوب لبنان.",
        None,
        [("المقاومة", "hezbollah", True)],
        [],
    ),
    ("اشتبك الجيش الليبي مع مسلحين في بنغازي.", None, [("الجيش الليبي", "lna", True)], []),
    ("أطلق الانقلابيين قذائف على تعز.", "YE", [("الانقلابيين", "houthis", True)], []),
    ("قتل مسلحون تابعون لقسد شابا.", "SY", [("قسد", "sdf", False)], ["uag-sy"]),
    (
        "قتل عناصر من ميليشيا لواء فاطميون في البادية. وبحسب صفحة انتهاكات الميليشيات "
        "الإيرانية فإن عشرات القتلى من لواء فاطميون وصلوا إلى المشفى.",
        None,
        [("الميليشيات الإيرانية", "fatemiyoun", True)],
        ["iran-militias"],
    ),
    (
        "قاتلت الميليشيات الشيعية في العراق إلى جانب الجيش العراقي.",
        None,
        [("الميليشيات الشيعية", "pmf", True)],
        [],
    ),
    (
        "شنت قسد هجوما على داعش، وسط غارات للتحالف. ثم عادت الطائرات الحربية لتقصف محيط الباغوز.",
        "SY",
        [("للتحالف", "coalition", True), ("الطائرات الحربية", "coalition", True)],
        ["mil-sy"],
    ),
    (
        "قصفت المقاتلات مواقع للحوثيين وقوات صالح في مأرب، وقال التحالف العربي إن الحوثيين "
        "خسروا مواقعهم وإن الحوثيين انسحبوا.",
        None,
        [("المقاتلات", "saudi-coalition", True)],
        [],
    ),
    (
        "أطلق الحوثيون طائرة مسيرة على جازان.",
        None,
        [("طائرة مسيرة", "houthis", True)],
        [],
    ),
    (
        "قصفت طائرات التحالف الدولي مواقع داعش، وقصف سلاح الجو العراقي مواقع أخرى.",
        None,
        [("سلاح الجو", "mil-iq", True)],
        [],
    ),
    ("حلقت الطائرات الحربية فوق المدينة.", "SY", [("الطائرات الحربية", "mil-sy", True)], []),
    ("قال إن الحشد العسكري التركي على الحدود كبير.", None, [], ["pmf"]),
    (
        "تقدمت قوات المقاومة الشعبية في عدن باليمن.",
        None,
        [("قوات المقاومة", "popres-ye", True)],
        [],
    ),
    ("قتل مئات ألوف المدنيين اليابانيين في الحرب.", "IR", [], ["civ-ir"]),
    (
        "استولى عناصر من فرقة السلطان مراد المنضوية في الجيش الوطني السوري على المحصول. "
        "واختطف مسلحون من الفصيل ذاته رجلا.",
        None,
        [("الفصيل ذاته", "sna", True)],
        ["uag-sy"],
    ),
    (
        "فرقت قوات مكافحة الشغب العراقية المحتجين في بغداد.",
        None,
        [("قوات مكافحة الشغب", "pol-iq", True), ("المحتجين", "pro-iq", True)],
        [],
    ),
    (
        "فرق عناصر من فرع الأمن العسكري وقفة احتجاجية في السويداء جنوبي سوريا.",
        None,
        [("فرع الأمن العسكري", "mil-sy", True)],
        [],
    ),
    (
        "قتل ستة مدنيين في نيالا وفق لجان المقاومة في المدينة، وقال الجيش السوداني إنه تقدم.",
        None,
        [("مدنيين", "civ-sd", True)],
        ["popres-sd"],
    ),
    (
        "قتل مسلحين من الدعم السريع وميليشيات عربية متحالفة معها 14 مدنيا في دارفور.",
        None,
        [("الدعم السريع", "rsf", False), ("ميليشيات عربية متحالفة", "arab-militia-sd", False)],
        ["uag-sd"],
    ),
    ("قتل ثلاثة من المدنيين السوريين في القصف.", "TR", [("المدنيين", "civ-sy", True)], []),
    (
        "قصفت القوات الجوية الملكية السعودية مواقع في صعدة.",
        None,
        [("القوات الجوية", "mil-sa", True)],
        [],
    ),
    (
        "قال مصطفى بالي المتحدث باسم قوات سوريا الديمقراطية إن القوات المدعومة من الولايات "
        "المتحدة تتحرك ببطء.",
        None,
        [("القوات المدعومة من الولايات المتحدة", "sdf", True)],
        [],
    ),
    (
        "هاجمت الفصائل الموالية لتركيا قرية قرب عفرين.",
        None,
        [("الفصائل الموالية لتركيا", "sna", False)],
        [],
    ),
    (
        "شن عناصر من خلايا تابعة لتنظيم الدولة هجمات على ميليشيات “سوريا الديمقراطية” "
        "التي تشكل وحدات الحماية عمادها، وتحدث عن مسلحي التنظيم.",
        None,
        [
            ("تنظيم الدولة", "isis", False),
            ("وحدات الحماية", "sdf", True),
            ("مسلحي التنظيم", "isis", True),
        ],
        ["ypg"],
    ),
    (
        "وعثرت قوات سوريا الديمقراطية على مستودع أسلحة تابع للمتشددين من داعش.",
        None,
        [("للمتشددين", "isis", True)],
        [],
    ),
    # Bare الطيران is the warplanes of the article's war (issue 14) ...
    (
        "وشن الطيران ثلاث غارات على مواقع الحوثيين في صنعاء.",
        "YE",
        [("الطيران", "saudi-coalition", True), ("الحوثيين", "houthis", False)],
        [],
    ),
    (
        "ونفذ الطيران غارات على بلدة في ريف إدلب.",
        "SY",
        [("الطيران", "mil-sy", True)],
        [],
    ),
    # A policeman is the police of the article's country.
    (
        "وقتل شرطي وأصيب آخر في هجوم على دورية في مدينة ديار بكر التركية.",
        "TR",
        [("شرطي", "pol-tr", True)],
        [],
    ),
    # The neighbour across the border is not the sentence's country.
    (
        "وعثر على جثتي شرطيين في مدينة نصيبين على الحدود مع سوريا.",
        "TR",
        [("شرطيين", "pol-tr", True)],
        ["pol-sy", "pol-sy-2024"],
    ),
    # ... but civil aviation is no air force.
    (
        "وعلقت شركات الطيران رحلاتها إلى صنعاء بعد قصف المطار.",
        "YE",
        [],
        ["saudi-coalition", "mil-ye"],
    ),
]


@pytest.mark.parametrize(
    ("text", "country", "expected", "absent"),
    COREF_CASES,
    ids=[f"coref{i}" for i in range(len(COREF_CASES))],
)
def test_resolve_document(
    text: str, country: str | None, expected: list[tuple[str, str, bool]], absent: list[str]
) -> None:
    got = resolve_document(text, actors=D, country=country, on=TABLE_DATE)
    pairs = [(m.surface, m.actor.id, m.generic) for m in got]
    for item in expected:
        assert item in pairs
    for actor_id in absent:
        assert actor_id not in {p[1] for p in pairs}
    for m in got:
        assert text[m.start : m.end] == m.surface
    assert [m.start for m in got] == sorted(m.start for m in got)


def test_descriptor_with_unknown_nisba_is_dropped() -> None:
    text = "هاجم داعش بلدة. وقال التنظيم الدولي للإخوان إنه يدين الهجوم، وإن التنظيم خطر."
    got = [(m.surface, m.actor.id) for m in resolve_document(text, actors=D)]
    assert got == [("داعش", "isis"), ("التنظيم", "isis")]


@pytest.mark.parametrize("text", ["", "   ", "...،،", "\n\n", "١٢٣"])
def test_empty_and_punctuation(text: str) -> None:
    assert D.find(text) == []
    assert resolve_document(text, actors=D) == []


def test_by_name_unconditional_descriptor() -> None:
    assert D.by_name("خلايا التنظيم") is D.get("isis")
    assert D.by_name("الجيش الليبي") is D.get("lna")
    assert D.by_name("المقاتلات") is None


def test_coref_table_is_large() -> None:
    assert len(COREF_CASES) >= 10


@pytest.mark.parametrize(
    ("kind", "country", "actor_id", "name", "inter"),
    [
        ("unidentified_armed_group", "SY", "uag-sy", "Unidentified Armed Group (Syria)", 3),
        ("unidentified_armed_group", "iq", "uag-iq", "Unidentified Armed Group (Iraq)", 3),
        ("civilians", "SY", "civ-sy", "Civilians (Syria)", 7),
        ("civilians", "YE", "civ-ye", "Civilians (Yemen)", 7),
        ("protesters", "SD", "pro-sd", "Protesters (Sudan)", 6),
        ("rioters", "LY", "rio-ly", "Rioters (Libya)", 5),
        ("civilians", "XK", "civ-xk", "Civilians (XK)", 7),
    ],
)
def test_generic_actor(kind: str, country: str, actor_id: str, name: str, inter: int) -> None:
    a = generic_actor(kind, country, actors=D)
    assert (a.id, a.name, a.inter, a.country) == (actor_id, name, inter, country.upper())
    if country != "XK":
        assert D.get(actor_id) is a
        assert D.by_name(name) is a


def test_generic_actor_unknown_kind() -> None:
    with pytest.raises(ValueError, match="unknown generic actor kind"):
        generic_actor("soldiers", "SY", actors=D)


def test_generic_actor_default_dictionary() -> None:
    assert generic_actor("civilians", "SY").name == "Civilians (Syria)"


# --- the data -----------------------------------------------------------

NAMED = [a for a in D if D.kind(a.id) != "generic"]


def test_dictionary_size() -> None:
    assert len(NAMED) >= 150
    assert len(D) == len(NAMED) + len(GENERIC_KINDS) * len(D.countries)


@pytest.mark.parametrize("actor", NAMED, ids=lambda a: a.id)
def test_actor_record(actor: Actor) -> None:
    assert 1 <= actor.inter <= 8
    assert actor.country is None or re.fullmatch(r"[A-Z]{2}", actor.country)
    assert re.search(r"[\u0600-\u06FF]", actor.name_ar)
    assert D.kind(actor.id) in {
        "state",
        "intervener",
        "police",
        "rebel",
        "jihadist",
        "militia",
        "identity",
        "party",
        "intl",
        "pmc",
    }


@pytest.mark.parametrize("actor", NAMED, ids=lambda a: a.id)
def test_every_alias_resolves_back(actor: Actor) -> None:
    # A name shared by period versions means this actor on a day of its period.
    start, end = D.period(actor.id)
    on = start or end
    # Rows of one ACLED actor may share its English name (the LNA and the recognised
    # government's army of 2014-2016): the name finds an actor of that name.
    found = D.by_name(actor.name, on=on)
    assert found is not None and found.name == actor.name
    for surface in (actor.name_ar, *actor.aliases):
        assert D.by_name(surface, on=on) is actor, surface
    for surface in (actor.name_ar, *actor.aliases):
        if surface.isascii():
            continue  # Latin aliases are for by_name only
        found = D.find(surface, on=on)
        assert [m.actor.id for m in found] == [actor.id], surface
        assert match_key(found[0].surface) == match_key(surface)
        assert [m.actor.id for m in D.find("و" + surface, on=on)] == [actor.id], surface


def test_parents_exist() -> None:
    from rasd.actors.data import read_actors

    rows = Path(__file__).resolve().parents[2] / "src" / "rasd" / "data" / "actors.tsv"
    parents = {
        line.split("\t")[6]
        for line in rows.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    } - {"", "parent"}
    ids = {a.id for a in read_actors()[0]}
    assert parents <= ids


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("داعش", "Islamic State"),
        ("تنظيم الدولة الإسلامية", "Islamic State"),
        ("تنظيم الدولة", "Islamic State"),
        ("الدولة الإسلامية", "Islamic State"),
        ("خلايا التنظيم", "Islamic State"),
        ("قسد", "Syrian Democratic Forces"),
        ("قوات سوريا الديمقراطية", "Syrian Democratic Forces"),
        ("قوات سورية الديمقراطية", "Syrian Democratic Forces"),
        ("سوريا الديمقراطية", "Syrian Democratic Forces"),
        ("قوات النظام", "Military Forces of Syria"),
        ("الجيش السوري", "Military Forces of Syria"),
        ("الجيش العربي السوري", "Military Forces of Syria"),
        ("قوات الأسد", "Military Forces of Syria"),
        ("military forces of iraq", "Military Forces of Iraq"),
        ("ISIS", "Islamic State"),
    ],
)
def test_by_name_spec_aliases(alias: str, name: str) -> None:
    found = D.by_name(alias, on=TABLE_DATE)
    assert found is not None and found.name == name


def test_by_name_context_dependent_is_none() -> None:
    assert D.by_name("التنظيم") is None
    assert D.by_name("المسلحون الأكراد") is None
    assert D.by_name("no such actor") is None
    assert D.by_name("") is None


def test_gold_actor_names_resolve(shared_dir: Path) -> None:
    for line in (shared_dir / "gold" / "seeds.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for key in ("actor1", "actor2"):
            if record.get(key):
                found = D.by_name(record[key])
                assert found is not None and found.name == record[key], record[key]


def test_seed_articles_resolve(shared_dir: Path) -> None:
    seeds = sorted((shared_dir / "samples" / "seeds").glob("*.txt"))
    assert seeds
    for path in seeds:
        text = path.read_text(encoding="utf-8")
        ids = {m.actor.id for m in resolve_document(text, actors=D)}
        assert "isis" in ids, path.name


# --- mechanics on small dictionaries ------------------------------------


def _tiny(aliases_b: tuple[str, ...] = ("بي",)) -> ActorDictionary:
    return ActorDictionary(
        [
            Actor("a", "Alpha", "ألفا", 2, "SY", ("الف",)),
            Actor("b", "Beta", "بيتا", 3, "SY", aliases_b),
        ],
        descriptors=[Descriptor(("الجماعة",), ("a", "b"), "salient", {})],
        countries=[Country("SY", "Syria", "سوريا")],
    )


def test_duplicate_alias_rejected() -> None:
    with pytest.raises(ActorDataError, match="already an alias"):
        _tiny(("الف",))


def test_duplicate_alias_after_folding_rejected() -> None:
    with pytest.raises(ActorDataError, match="already an alias"):
        _tiny(("ألف",))  # hamza folds to the same key as الف


def test_descriptor_unknown_actor_rejected() -> None:
    with pytest.raises(ActorDataError, match="unknown actor"):
        ActorDictionary([], descriptors=[Descriptor(("س",), ("zz",), "salient", {})])


def test_descriptor_shadowed_by_alias_rejected() -> None:
    with pytest.raises(ActorDataError, match="is an alias of"):
        ActorDictionary(
            [Actor("a", "Alpha", "ألفا", 2, "SY")],
            descriptors=[Descriptor(("ألفا",), ("a",), "salient", {})],
        )


def test_descriptor_listed_twice_rejected() -> None:
    with pytest.raises(ActorDataError, match="listed twice"):
        ActorDictionary(
            [Actor("a", "Alpha", "ألفا", 2, "SY")],
            descriptors=[
                Descriptor(("الجماعة",), ("a",), "salient", {}),
                Descriptor(("الجماعه",), ("a",), "priority", {}),
            ],
        )


def test_kind_candidates_expand() -> None:
    d = ActorDictionary(
        [Actor("a", "Alpha", "ألفا", 2, "SY"), Actor("b", "Beta", "بيتا", 1, "SY")],
        descriptors=[Descriptor(("الفصيل",), ("kind:rebel",), "contextual", {})],
        kinds={"a": "rebel", "b": "state"},
    )
    assert d.descriptors[0].candidates == ("a",)
    got = resolve_document("هاجمت بيتا ألفا. وقال الفصيل", actors=d)
    assert [(m.surface, m.actor.id) for m in got][-1] == ("الفصيل", "a")


def test_kind_candidates_unknown_kind_rejected() -> None:
    with pytest.raises(ActorDataError, match="no actor of"):
        ActorDictionary(
            [Actor("a", "Alpha", "ألفا", 2, "SY")],
            descriptors=[Descriptor(("الفصيل",), ("kind:rebel",), "contextual", {})],
        )


def test_tiny_dictionary_swappable() -> None:
    d = _tiny()
    assert len(d) == 2 + len(GENERIC_KINDS)
    got = resolve_document("هاجمت بيتا ثم ألفا وبيتا. وقالت الجماعة", actors=d)
    assert [(m.surface, m.actor.id, m.generic) for m in got][-1] == ("الجماعة", "b", True)


def test_load_from_path(tmp_path: Path) -> None:
    (tmp_path / "actors.tsv").write_text(
        "# test\nid\tname\tname_ar\tinter\tcountry\tkind\tparent\taliases\tnote\n"
        "x\tGroup X\tجماعة إكس\t2\tIQ\trebel\t\tإكس|X group\tn\n",
        encoding="utf-8",
    )
    (tmp_path / "actor_descriptors.tsv").write_text(
        "surfaces\tcandidates\tmode\tfallback\tnote\nالجماعة\tx\tpriority\t-\t\n"
        "مسلحين\t\tgeneric\t*:@uag\t\n",
        encoding="utf-8",
    )
    (tmp_path / "actor_countries.tsv").write_text(
        "iso2\tname\tname_ar\taliases\nIQ\tIraq\tالعراق\tالعراقية\n", encoding="utf-8"
    )
    d = load_actors(tmp_path / "actors.tsv")
    assert d.get("x").aliases == ("إكس", "X group")
    assert d.by_name("x group") is d.get("x")
    assert [m.actor.id for m in d.resolve("هاجم مسلحين قرية في العراق")] == ["uag-iq"]
    assert [m.actor.id for m in d.resolve("قالت جماعة إكس إن الجماعة")] == ["x", "x"]


def test_load_bad_inter(tmp_path: Path) -> None:
    p = tmp_path / "actors.tsv"
    p.write_text("id\tname\tname_ar\tinter\tcountry\nx\tX\tاكس\tnine\tIQ\n", encoding="utf-8")
    with pytest.raises(ActorDataError, match="bad inter"):
        load_actors(p)


def test_load_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ActorDataError, match="cannot read"):
        load_actors(tmp_path / "nope.tsv")


def test_default_dictionary_cached() -> None:
    assert load_actors() is load_actors()


@pytest.mark.parametrize(
    ("actor_id", "country", "inter"),
    [
        ("mil-us", "SY", 8),
        ("mil-sy", "SY", 1),
        ("mil-sy", None, 1),
        ("isis", "IQ", 2),
        ("coalition", "SY", 8),
    ],
)
def test_inter_in(actor_id: str, country: str | None, inter: int) -> None:
    assert inter_in(D.get(actor_id), country) == inter
