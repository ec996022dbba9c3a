"""The trigger lexicon: Arabic cue phrases to ACLED sub-event types."""

from __future__ import annotations

import pytest

from rasd.lexicon import load_lexicon
from rasd.tokens import tokenize

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
    assert _subtypes("قتلوا خلال الاقتحام، وإن من تبقى فروا") == ["Armed clash"]
