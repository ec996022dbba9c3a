"""Encoding detection for Arabic text: BOMs, declared charsets, 1256 vs 8859-6, refusals."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

from rasd.errors import EncodingError
from rasd.ingest.decode import (
    charset_from_content_type,
    codec_label,
    decode_bytes,
    sniff_binary,
    sniff_html_charset,
)

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest" / "articles"

# Written for these tests: short enough to exercise the heuristics on little evidence.
SENTENCES = [
    "قتل ثلاثة مدنيين بقصف مدفعي على قرية في ريف حماة الشمالي.",
    "أعلنت قيادة العمليات المشتركة مقتل خمسة من عناصر داعش في غارة قرب كركوك؟",
    "اشتباكات بين الجيش اليمني والحوثيين في جبهة صرواح، وسقوط قتلى من الطرفين.",
    'ذكرت وكالة "سانا" أن صاروخاً سقط على حي سكني في دير الزور (شرق سوريا).',
    "شيّع أهالي الفاشر ضحايا القصف الذي استهدف السوق الكبير يوم الجمعة",
    "وقال مراسلنا إن 12 شخصاً أصيبوا، بينهم 4 أطفال، في انفجار سيارة مفخخة ببنغازي.",
]

ENCODINGS = [
    # (python codec, expected label)
    ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8-sig"),
    ("utf-16", "utf-16-le"),  # Python writes a BOM and little-endian
    ("utf-16-le", "utf-16-le"),  # BOM-less
    ("utf-16-be", "utf-16-be"),  # BOM-less
    ("cp1256", "windows-1256"),
    ("iso8859_6", "iso-8859-6"),
]


def _with_bom(codec: str, text: str) -> bytes:
    boms = {"utf-16-le-bom": codecs.BOM_UTF16_LE, "utf-16-be-bom": codecs.BOM_UTF16_BE}
    base = codec.removesuffix("-bom")
    return boms[codec] + text.encode(base)


@pytest.mark.parametrize(("codec", "label"), ENCODINGS)
@pytest.mark.parametrize("sentence", SENTENCES, ids=[f"s{i}" for i in range(len(SENTENCES))])
def test_sentences_decode_in_every_supported_encoding(
    sentence: str, codec: str, label: str
) -> None:
    text, found = decode_bytes(sentence.encode(codec))
    assert text == sentence
    assert found == label


@pytest.mark.parametrize(("codec", "label"), ENCODINGS)
@pytest.mark.parametrize("article", sorted(p.name for p in ARTICLES.glob("*.txt")))
def test_fixture_articles_decode_in_every_supported_encoding(
    article: str, codec: str, label: str
) -> None:
    original = (ARTICLES / article).read_text(encoding="utf-8")
    text, found = decode_bytes(original.encode(codec))
    assert text == original
    assert found == label


@pytest.mark.parametrize("codec", ["utf-16-le-bom", "utf-16-be-bom"])
def test_utf16_boms_of_both_byte_orders(codec: str) -> None:
    text, label = decode_bytes(_with_bom(codec, SENTENCES[0]))
    assert text == SENTENCES[0]
    assert label == codec.removesuffix("-bom")


def test_1256_and_8859_6_are_told_apart_by_their_differing_letters() -> None:
    # و ي ه ل ف ق ك sit at different bytes in the two code pages
    sentence = "وقع الهجوم في قرية كفرنبل"
    as_1256 = sentence.encode("cp1256")
    as_iso = sentence.encode("iso8859_6")
    assert as_1256 != as_iso
    assert decode_bytes(as_1256) == (sentence, "windows-1256")
    assert decode_bytes(as_iso) == (sentence, "iso-8859-6")


def test_short_1256_word_that_also_decodes_as_8859_6() -> None:
    # "سوريا" is valid in both; ISO-8859-6 reads 1256's ي as a diacritic
    word = "سوريا"
    raw = word.encode("cp1256")
    raw.decode("iso8859_6")  # really is ambiguous
    assert decode_bytes(raw) == (word, "windows-1256")


def test_shared_letters_only_decode_correctly_either_way() -> None:
    # ء..ض share bytes 0xC1-0xD6 in both code pages: the text is the same whichever wins
    word = "حرس"
    assert word.encode("cp1256") == word.encode("iso8859_6")
    text, label = decode_bytes(word.encode("cp1256"))
    assert text == word
    assert label == "windows-1256"


@pytest.mark.parametrize(
    ("codec", "declared", "label"),
    [
        ("cp1256", "windows-1256", "windows-1256"),
        ("iso8859_6", "ISO-8859-6", "iso-8859-6"),
        ("utf-8", "UTF-8", "utf-8"),
        # wrong declarations seen on real sites
        ("cp1256", "iso-8859-1", "windows-1256"),
        ("cp1256", "windows-1252", "windows-1256"),
        ("iso8859_6", "windows-1256", "iso-8859-6"),
        ("cp1256", "iso-8859-6", "windows-1256"),
        ("utf-8", "windows-1256", "utf-8"),
        ("cp1256", "utf-8", "windows-1256"),
        ("utf-16-le", "utf-16", "utf-16-le"),
        # a label Python has no codec for is ignored
        ("cp1256", "x-mac-arabic-nonsense", "windows-1256"),
    ],
)
def test_declared_charset_is_honoured_only_when_it_reads_as_text(
    codec: str, declared: str, label: str
) -> None:
    sentence = " ".join(SENTENCES[:3])
    text, found = decode_bytes(sentence.encode(codec), declared=declared)
    assert text == sentence
    assert found == label


def test_declared_latin_charset_for_latin_text_is_kept() -> None:
    raw = "Le café de la gare à Genève, très fréquenté, était fermé.".encode("cp1252")
    text, label = decode_bytes(raw, declared="windows-1252")
    assert label == "windows-1252"
    assert "Genève" in text


def test_non_arabic_single_byte_text_falls_back_to_charset_normalizer() -> None:
    raw = "Le café de la gare à Genève, très fréquenté, était fermé hier soir.".encode("cp1252")
    text, label = decode_bytes(raw)
    # which Latin code page it settles on is charset-normalizer's call; not an Arabic one
    assert label not in ("windows-1256", "iso-8859-6")
    assert "café" in text


def test_empty_bytes_are_empty_text() -> None:
    assert decode_bytes(b"") == ("", "utf-8")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG image"),
        (b"PK\x03\x04" + b"\x14\x00" * 40, "ZIP archive"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
        (b"\x1f\x8b\x08\x00" + b"\x00" * 20, "gzip data"),
        ("نص عربي".encode() + b"\x00\x01\x02\x00" * 5, "NUL bytes"),
        (bytes([0x01, 0x02, 0x03, 0x04, 0x05]) * 40, "control bytes"),
    ],
    ids=["png", "zip", "pdf", "gzip", "nul", "controls"],
)
def test_binary_data_is_refused_with_its_kind(data: bytes, reason: str) -> None:
    with pytest.raises(EncodingError, match=reason):
        decode_bytes(data)


def test_undecodable_bytes_raise_encoding_error() -> None:
    rng = random.Random(7)
    noise = bytes(rng.randrange(0x80, 0x100) for _ in range(600))
    with pytest.raises(EncodingError, match="unknown encoding"):
        decode_bytes(noise)


def test_bad_bytes_after_a_utf8_bom_are_an_error_not_a_guess() -> None:
    with pytest.raises(EncodingError, match="utf-8-sig"):
        decode_bytes(codecs.BOM_UTF8 + "خبر".encode("cp1256") + b"\xff\xfe\xfd")


def test_sniff_binary_lets_text_through() -> None:
    assert sniff_binary(SENTENCES[0].encode("cp1256")) is None
    assert sniff_binary(b"plain ascii\r\n\tline") is None


@pytest.mark.parametrize(
    ("head", "charset"),
    [
        (b'<html><head><meta charset="windows-1256"></head>', "windows-1256"),
        (b"<meta charset=UTF-8>", "utf-8"),
        (
            b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-6">',
            "iso-8859-6",
        ),
        (b'<?xml version="1.0" encoding="windows-1256"?><html>', "windows-1256"),
        (b"<html><head><title>x</title></head>", None),
    ],
)
def test_sniff_html_charset(head: bytes, charset: str | None) -> None:
    assert sniff_html_charset(head) == charset


@pytest.mark.parametrize(
    ("value", "charset"),
    [
        ("text/html; charset=windows-1256", "windows-1256"),
        ('text/html; charset="UTF-8"', "utf-8"),
        ("text/html", None),
        (None, None),
    ],
)
def test_charset_from_content_type(value: str | None, charset: str | None) -> None:
    assert charset_from_content_type(value) == charset


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("CP1256", "windows-1256"),
        ("arabic", "iso-8859-6"),
        ("utf8", "utf-8"),
        ("no-such-charset", None),
    ],
)
def test_codec_label(name: str, label: str | None) -> None:
    assert codec_label(name) == label
