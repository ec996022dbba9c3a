"""normalize_text keeps what a reader sees; normalize_for_match folds spelling variants."""

from __future__ import annotations

import pytest

from rasd.clean.normalize import fold_letters, normalize_for_match, normalize_text

TEXT_CASES = [
    # presentation forms (lam-alef ligatures, isolated letter forms) back to letters
    ("اﻷراضي", "الأراضي"),
    ("ﻻ تراجع", "لا تراجع"),
    ("\ufe8d\ufee0\ufea3\ufeae\ufe8f", "الحرب"),
    # tatweel removed
    ("قـــال المتحـدث", "قال المتحدث"),
    # zero-width and bidi controls removed
    ("مدي\u200cنة\u200b حلب", "مدينة حلب"),
    ("\u200fقصف\u200e \u202bالمطار\u202c", "قصف المطار"),
    ("\ufeffبيان", "بيان"),
    ("\u2067الرقة\u2069 \u061cاليوم", "الرقة اليوم"),
    # quotes normalised
    ("قال «انسحبنا»", 'قال "انسحبنا"'),
    ("وصف “الهجوم” بأنه „خطير‟", 'وصف "الهجوم" بأنه "خطير"'),
    ("كلمة ‘نصر’ و‚أخرى‛", "كلمة 'نصر' و'أخرى'"),
    # odd spaces to a plain space; line breaks unified
    ("قرية\u00a0الباب\u2009اليوم", "قرية الباب اليوم"),
    ("سطر\r\nثان\rثالث\u2028رابع", "سطر\nثان\nثالث\nرابع"),
    ("عمود\tثان", "عمود ثان"),
    # diacritics, hamza forms, digits and Arabic punctuation untouched
    ("أَعْلَنَ الجَيْشُ", "أَعْلَنَ الجَيْشُ"),
    ("قتل ٣ مدنيين، وأصيب آخرون؛ ثم ماذا؟", "قتل ٣ مدنيين، وأصيب آخرون؛ ثم ماذا؟"),
    ("مستشفى الرئيس إبراهيم", "مستشفى الرئيس إبراهيم"),
    # decomposed hamza (alef + combining hamza above) composed
    ("ا\u0654حمد", "أحمد"),
    ("", ""),
    ("Send this to a friend", "Send this to a friend"),
]


@pytest.mark.parametrize(("raw", "expected"), TEXT_CASES)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


MATCH_CASES = [
    ("أَعْلَنَ الجَيْشُ", "اعلن الجيش"),
    ("إدلب", "ادلب"),
    ("آليات", "اليات"),
    ("ٱلله", "الله"),
    ("مستشفى", "مستشفي"),
    ("القاعدة الجوية", "القاعده الجويه"),
    ("مؤتمر", "موتمر"),
    ("رئيس", "رييس"),
    ("٢٠١٥ و۳", "2015 و3"),
    ("٣٫٥ كم", "3.5 كم"),
    ("  الباب   \n  شرقي\tحلب ", "الباب شرقي حلب"),
    ("AFP Reuters", "afp reuters"),
    ("اﻷنبار", "الانبار"),
    ("قـــوات", "قوات"),
    ("«داعش»", '"داعش"'),
    ("دير\u200c الزور", "دير الزور"),
    ("کرکوک", "كركوك"),
    ("شنَّ", "شن"),
]


@pytest.mark.parametrize(("raw", "expected"), MATCH_CASES)
def test_normalize_for_match(raw: str, expected: str) -> None:
    assert normalize_for_match(raw) == expected


@pytest.mark.parametrize("raw", [row[0] for row in TEXT_CASES + MATCH_CASES])
def test_match_key_is_idempotent(raw: str) -> None:
    once = normalize_for_match(raw)
    assert normalize_for_match(once) == once


def test_normalize_text_is_idempotent() -> None:
    for raw, _ in TEXT_CASES:
        once = normalize_text(raw)
        assert normalize_text(once) == once


def test_fold_letters_leaves_regex_syntax_alone() -> None:
    assert fold_letters(r"^\(?صورة\s*:\S+$") == r"^\(?صوره\s*:\S+$"
