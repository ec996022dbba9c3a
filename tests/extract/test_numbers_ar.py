"""Arabic counts: digits, number words, vague plurals, and the offset-keeping fold."""

from __future__ import annotations

import pytest

from rasd.extract.numbers_ar import find_numbers, fold, fold_with_offsets, parse_number, tokenize

WORDS: list[tuple[str, int | None]] = [
    ("5", 5),
    ("١٢٣", 123),
    ("۱۲", 12),
    ("1,200", 1200),
    ("١٬٢٠٠", 1200),
    ("واحد", 1),
    ("اثنان", 2),
    ("اثنين", 2),
    ("ثلاثة", 3),
    ("ثلاث", 3),
    ("أربعة", 4),
    ("سبع", 7),
    ("ثماني", 8),
    ("عشرة", 10),
    ("أحد عشر", 11),
    ("إحدى عشرة", 11),
    ("اثنا عشر", 12),
    ("خمسة عشر", 15),
    ("ثلاث عشرة", 13),
    ("عشرون", 20),
    ("عشرين", 20),
    ("واحد وعشرين", 21),
    ("خمسة وعشرون", 25),
    ("تسعة وتسعون", 99),
    ("مئة", 100),
    ("مائة", 100),
    ("مئتين", 200),
    ("مائتان", 200),
    ("ثلاثمئة", 300),
    ("ثلاث مئة", 300),
    ("ثلاثمائة وخمسة وعشرون", 325),
    ("مئة وعشرين", 120),
    ("ألف", 1000),
    ("ألفين", 2000),
    ("ألف ومئتان", 1200),
    ("ثلاثة آلاف", 3000),
    ("3 آلاف", 3000),
    ("عشرة آلاف", 10000),
    ("عشرون ألف", 20000),
    ("خمسة وعشرين ألفا", 25000),
    ("مئة ألف", 100000),
    ("2 مليون", 2000000),
    ("عشرات", 12),
    ("العشرات", 12),
    ("المئات", 100),
    ("مئات", 100),
    ("الآلاف", 1000),
    ("عشرات الآلاف", 12000),
    ("خَمْسَةُ", 5),
    # not one number
    ("ثلاثة وأربعة", None),
    ("أحد", None),
    ("عشر", None),
    ("قتلى", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), WORDS)
def test_parse_number(text: str, expected: int | None) -> None:
    assert parse_number(text) == expected


def test_find_numbers_in_a_sentence() -> None:
    text = "قتل خمسة وعشرون شخصا وأصيب ثلاثة وأربعة آخرون في 3 غارات"
    got = [(m.surface, m.value, m.vague) for m in find_numbers(text)]
    assert got == [
        ("خمسة وعشرون", 25, False),
        ("ثلاثة", 3, False),
        ("وأربعة", 4, False),
        ("3", 3, False),
    ]
    for m in find_numbers(text):
        assert text[m.start : m.end] == m.surface


def test_vague_numbers_are_flagged() -> None:
    (m,) = find_numbers("مقتل العشرات من المسلحين")
    assert (m.value, m.vague) == (12, True)


def test_digits_split_from_article_and_conjunction() -> None:
    assert [m.value for m in find_numbers("خلال الـ24 ساعة و5 أيام")] == [24, 5]


def test_fold() -> None:
    assert fold("أإآى ة ٣") == "اااي ه 3"
    assert fold("قُتِلَ") == "قتل"
    assert fold("مسؤول") == "مسوول"


def test_fold_with_offsets_maps_back() -> None:
    text = "قُتِـلَ أمس"
    folded, offsets = fold_with_offsets(text)
    assert folded == "قتل امس"
    assert len(offsets) == len(folded) + 1
    assert text[offsets[folded.index("ا")]] == "أ"
    assert offsets[-1] == len(text)


def test_tokens_keep_original_spans() -> None:
    text = "قُتِلَ ٥ جنودٍ، أمس"
    toks = tokenize(text)
    assert [t.norm for t in toks] == ["قتل", "5", "جنود", "،", "امس"]
    assert [text[t.start : t.end] for t in toks] == ["قُتِلَ", "٥", "جنودٍ", "،", "أمس"]
