"""Sentence splitting: boundaries for Arabic news text, and exact offsets."""

from __future__ import annotations

import pytest

from rasd.clean.sentences import split_sentences

CASES = [
    # plain full stops
    ("قصفت الطائرات القرية. وقتل ثلاثة مدنيين.", ["قصفت الطائرات القرية.", "وقتل ثلاثة مدنيين."]),
    # Arabic question mark, semicolon, exclamation, Latin question mark
    ("هل انتهت المعركة؟ لا أحد يعرف.", ["هل انتهت المعركة؟", "لا أحد يعرف."]),
    ("تقدمت القوات؛ وانسحب المسلحون.", ["تقدمت القوات؛", "وانسحب المسلحون."]),
    ("يا للهول! احترق السوق", ["يا للهول!", "احترق السوق"]),
    ("What now? Nobody knows.", ["What now?", "Nobody knows."]),
    ("ماذا حدث؟! لا جواب", ["ماذا حدث؟!", "لا جواب"]),
    # line breaks end sentences, even without punctuation
    ("عنوان بلا نقطة\nنص الخبر هنا.", ["عنوان بلا نقطة", "نص الخبر هنا."]),
    ("سطر أول\n\nسطر ثان", ["سطر أول", "سطر ثان"]),
    # numbers with a decimal point or a thousands dot do not split
    (
        "بلغت نسبة الدمار 3.5 في المئة. وقال المسؤول",
        ["بلغت نسبة الدمار 3.5 في المئة.", "وقال المسؤول"],
    ),
    ("فر 1.200 شخص من المخيم أمس.", ["فر 1.200 شخص من المخيم أمس."]),
    ("وقع الهجوم عام 2015. وتكرر بعد ذلك", ["وقع الهجوم عام 2015.", "وتكرر بعد ذلك"]),
    # abbreviations: doctor, engineer, single letters, dotted initials
    ("قال د. سمير الأحمد إن الوضع سيئ.", ["قال د. سمير الأحمد إن الوضع سيئ."]),
    ("وصرح م. خالد بأن الجسر دمر.", ["وصرح م. خالد بأن الجسر دمر."]),
    ("بنيت القلعة عام 300 ق.م. وما زالت قائمة", ["بنيت القلعة عام 300 ق.م. وما زالت قائمة"]),
    ("ذكرت أ.ف.ب أن القصف استمر. وأضافت", ["ذكرت أ.ف.ب أن القصف استمر.", "وأضافت"]),
    ("نقلت وكالة ا ف ب عن مصدر أن الطريق قطع.", ["نقلت وكالة ا ف ب عن مصدر أن الطريق قطع."]),
    ("The U.S. envoy arrived. He met officials", ["The U.S. envoy arrived.", "He met officials"]),
    ("التقى Dr. Smith بالوفد.", ["التقى Dr. Smith بالوفد."]),
    ("قال أ.د. محمود إن المستشفى امتلأ.", ["قال أ.د. محمود إن المستشفى امتلأ."]),
    # a list number at the start of a line is not a sentence
    ("1. قصف المطار.\n2. قطع الطريق", ["1. قصف المطار.", "2. قطع الطريق"]),
    ("قتل 12. وجرح آخرون", ["قتل 12.", "وجرح آخرون"]),
    # dots as a pause and ellipsis do not split
    ("دير الزور.. هجمات جديدة على المواقع", ["دير الزور.. هجمات جديدة على المواقع"]),
    ("وانتظر السكان... ثم عادوا إلى بيوتهم.", ["وانتظر السكان... ثم عادوا إلى بيوتهم."]),
    # a quotation of two sentences stays with the verb that introduces it
    (
        'وقال القائد: "حررنا البلدة. سنواصل التقدم". وأضاف أن الخسائر قليلة.',
        ['وقال القائد: "حررنا البلدة. سنواصل التقدم".', "وأضاف أن الخسائر قليلة."],
    ),
    # the closing quote belongs to the sentence it closes
    ('قال: "انتهت المعركة." ثم غادر', ['قال: "انتهت المعركة."', "ثم غادر"]),
    # an unbalanced quote mark does not swallow the rest of the line
    ('بدأ "الهجوم فجرا. وقتل خمسة', ['بدأ "الهجوم فجرا.', "وقتل خمسة"]),
    # a parenthesis closing later on the line holds the sentence together
    ("قتل عنصران (أحدهما قائد. والآخر جندي) أمس.", ["قتل عنصران (أحدهما قائد. والآخر جندي) أمس."]),
    # the dateline stays with its sentence
    (
        "دير الزور - قتل خمسة مقاتلين في اشتباكات. وأصيب آخرون",
        ["دير الزور - قتل خمسة مقاتلين في اشتباكات.", "وأصيب آخرون"],
    ),
    ("بيروت – (رويترز) قال مصدر إن القصف توقف.", ["بيروت – (رويترز) قال مصدر إن القصف توقف."]),
    # no space after the stop: a domain, not a boundary
    ("نشر البيان على موقع example.com أمس.", ["نشر البيان على موقع example.com أمس."]),
    # a stop glued to the next word still ends the sentence between two real words
    (
        "قصفت الطائرات مواقع المسلحين.وقال مصدر إن الغارات استمرت.",
        ["قصفت الطائرات مواقع المسلحين.", "وقال مصدر إن الغارات استمرت."],
    ),
    (
        'قال الضابط "انتهى الهجوم".وأضاف أن القتلى ثلاثة',
        ['قال الضابط "انتهى الهجوم".', "وأضاف أن القتلى ثلاثة"],
    ),
    ("هل انتهت الحرب؟قال المتحدث إنها مستمرة", ["هل انتهت الحرب؟", "قال المتحدث إنها مستمرة"]),
    (
        "سقطت قذائف كثيرة على السوق..وفر الباعة من المكان كله",
        ["سقطت قذائف كثيرة على السوق..", "وفر الباعة من المكان كله"],
    ),
    # ... but not inside a number, a date, a dotted abbreviation or after an initial
    ("وقع الانفجار يوم 21.7.2015 قرب الجسر.", ["وقع الانفجار يوم 21.7.2015 قرب الجسر."]),
    ("قال د.سمير الأحمد إن الجرحى كثر.", ["قال د.سمير الأحمد إن الجرحى كثر."]),
    ("اعتقلت الشرطة محمد.أ في منزله.", ["اعتقلت الشرطة محمد.أ في منزله."]),
    ("نقلت قناة سي.ان.ان عن مسؤول أن القصف توقف.", ["نقلت قناة سي.ان.ان عن مسؤول أن القصف توقف."]),
    ("أعلنت شركة جيه.إل.إل أرباحها.", ["أعلنت شركة جيه.إل.إل أرباحها."]),
    ("وصلت الحصيلة 2.5 مليون نازح.", ["وصلت الحصيلة 2.5 مليون نازح."]),
    # a run of dots ends a body sentence, not a headline's pause nor a clause going on
    (
        "قصفت الطائرات مواقع في منطقة الجبل.. وكانت غارات أخرى قد استهدفت المطار",
        ["قصفت الطائرات مواقع في منطقة الجبل..", "وكانت غارات أخرى قد استهدفت المطار"],
    ),
    (
        "استمرت المعارك طوال ليلة أمس في الأحياء الشرقية… وسقط فيها قتلى",
        ["استمرت المعارك طوال ليلة أمس في الأحياء الشرقية…", "وسقط فيها قتلى"],
    ),
    ("تعز.. مقتل خمسة في قصف على حي سكني", ["تعز.. مقتل خمسة في قصف على حي سكني"]),
    (
        "أعلن المتحدث سيطرة القوات على المديريات كافة.. مشيراً إلى أن الجيوب قليلة",
        ["أعلن المتحدث سيطرة القوات على المديريات كافة.. مشيراً إلى أن الجيوب قليلة"],
    ),
    (
        "بدأت أعمال الحفر وتوسيع الطرق ونصب الجسور.. حتى تصل إلى الميناء",
        ["بدأت أعمال الحفر وتوسيع الطرق ونصب الجسور.. حتى تصل إلى الميناء"],
    ),
    (
        'وقال القائد: "نحن في لحظة صعبة في هذه المنطقة.. وسنواصل القتال". ثم غادر',
        ['وقال القائد: "نحن في لحظة صعبة في هذه المنطقة.. وسنواصل القتال".', "ثم غادر"],
    ),
    # surrounding whitespace is not part of a sentence; punctuation-only pieces are dropped
    ("   نص بمسافات.   ", ["نص بمسافات."]),
    ('خبر قصير. "', ["خبر قصير."]),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_split_sentences(text: str, expected: list[str]) -> None:
    got = split_sentences(text, doc_id="d1")
    assert [s.text for s in got] == expected


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_offsets_are_exact(text: str, expected: list[str]) -> None:
    got = split_sentences(text, doc_id="d1")
    for i, s in enumerate(got):
        assert text[s.start : s.end] == s.text
        assert s.index == i
        assert s.doc_id == "d1"
    starts = [s.start for s in got]
    assert starts == sorted(starts)


def test_offsets_in_multi_paragraph_text() -> None:
    text = "العنوان\n\nدمشق - سقطت قذيفة. جرح طفلان.\n\nوقال شاهد: \"رأيت الدخان\"."
    got = split_sentences(text, doc_id="x")
    assert [(s.start, s.end) for s in got] == [(0, 7), (9, 27), (28, 38), (40, 65)]
    assert [text[s.start : s.end] for s in got] == [s.text for s in got]
