"""The analysis layer: one proclitic list, the named folds of a word, and one analysed
document whose views are what each recogniser reads."""

from __future__ import annotations

import pytest

from rasd.clean.analysis import (
    IN_CLITICS,
    PLACE_PROCLITICS,
    PROCLITICS,
    WORD_PROCLITICS,
    Analysis,
    actor_tokens,
    distinct_forms,
    fold,
    fold_token,
    place_tokens,
    proclitic_splits,
    squash,
    tokenize,
)
from rasd.clean.normalize import normalize_for_match
from rasd.clean.sentences import split_sentences

# Sentences written for these tests.
TEXT = ("قصفت طائرات حربية وبالمدفعية بلدة الباغوز شرق دير الزور، وقتل ٣ مدنيين.\n"
        "وقال المرصد إن مقاتلي التنظيم انسحبوا للرقة يوم الأحد.")


def test_one_proclitic_list_longest_first() -> None:
    assert [len(c) for c in PROCLITICS] == sorted((len(c) for c in PROCLITICS), reverse=True)
    assert len(set(PROCLITICS)) == len(PROCLITICS)
    # Every recogniser's list is a part of the one list, in its order.
    for subset in (WORD_PROCLITICS, PLACE_PROCLITICS):
        assert [c for c in PROCLITICS if c in subset] == list(subset)
    assert {"ب", "وب", "فب", "بال", "وبال", "فبال"} == IN_CLITICS


@pytest.mark.parametrize(("clitic", "in_words", "in_places"), [
    ("وبال", True, True),
    ("لل", True, True),
    ("ال", True, False),   # the gazetteer indexes both article forms of a name
    ("فك", False, True),
    ("وف", True, False),
])
def test_named_subsets(clitic: str, in_words: bool, in_places: bool) -> None:
    assert clitic in PROCLITICS
    assert (clitic in WORD_PROCLITICS) is in_words
    assert (clitic in PLACE_PROCLITICS) is in_places


@pytest.mark.parametrize(("word", "forms", "prefix"), [
    # longest clitic first; ``وبال`` keeps the article on one reading
    ("وبالباغوز", ("وبالباغوز", "باغوز", "الباغوز", "بالباغوز"), "وبال"),
    # li- + the article: the article comes back on the stem
    ("للتحالف", ("للتحالف", "تحالف", "التحالف", "لتحالف"), "لل"),
    ("ولد", ("ولد",), ""),  # a stem keeps three letters: not و + لد
    ("الرقة", ("الرقه", "رقه"), "ال"),
])
def test_word_forms(word: str, forms: tuple[str, ...], prefix: str) -> None:
    (tok,) = tokenize(word)
    assert tok.forms == forms
    assert tok.prefix == prefix


@pytest.mark.parametrize(("text", "key", "folded"), [
    ("دير الزور", "دير الزور", None),
    ("ديرالزور", "ديرالزور", None),
    ("مُؤتمر", "موتمر", None),
    ("المسلحون", "المسلحون", "المسلحين"),
    ("سورية", "سوريه", "سوريا"),
    ("ميليشيا", "ميليشيا", "مليشيا"),
])
def test_named_folds(text: str, key: str, folded: str | None) -> None:
    assert fold(text) == key
    assert squash(text) == key.replace(" ", "")
    assert fold_token(fold(text)) == (folded or key)


@pytest.mark.parametrize(("key", "readings"), [
    ("وبالباغوز", (("", "وبالباغوز", 0), ("وب", "الباغوز", 2), ("و", "بالباغوز", 1))),
    ("للرقه", (("", "للرقه", 0), ("ل", "الرقه", 1), ("ل", "لرقه", 1))),
    ("بنان", (("", "بنان", 0), ("ب", "نان", 1))),
    ("رقه", (("", "رقه", 0),)),  # a stem keeps three letters
])
def test_proclitic_splits(key: str, readings: tuple[tuple[str, str, int], ...]) -> None:
    assert proclitic_splits(key) == readings


def test_views_of_one_analysis_are_each_recognisers_tokens() -> None:
    sentences = split_sentences(TEXT, doc_id="t")
    analysis = Analysis(TEXT, sentences)
    assert analysis.place_tokens == place_tokens(TEXT)
    assert analysis.actor_tokens == actor_tokens(TEXT)
    assert analysis.forms == distinct_forms(TEXT)
    for s in sentences:
        toks = analysis.tokens(s)
        assert toks == tokenize(s.text, offset=s.start)
        # Offsets point into the document, and each view is made once.
        assert all(TEXT[t.start:t.end] == t.text for t in toks)
        assert analysis.tokens(s) is toks
    assert analysis.place_tokens is analysis.place_tokens


def test_views_keep_each_recognisers_word_boundaries() -> None:
    text = "الـ24 #دير_الزور"
    assert [t.text for t in tokenize(text)] == ["الـ24", "دير_الزور"]
    assert [t.text for t in place_tokens(text)] == ["الـ", "24", "دير", "الزور"]
    assert [t.norm for t in actor_tokens(text)] == ["ال24", "دير", "الزور"]


@pytest.mark.parametrize("word", [
    "الرئيس", "مسؤولون", "إدلب", "مستشفى", "قُتِلَ", "الـ24", "Reuters", "٣", "آمنة", "ﻻ",
    "مـدينة", "ئاسايش",
])
def test_a_words_norm_is_normalize_for_match(word: str) -> None:
    # Plain words fold by the per-letter table, marked ones by normalize_for_match:
    # both must give what normalize_for_match gives the word.
    assert [t.norm for t in tokenize(word)] == [normalize_for_match(w) for w in
                                                 (t.text for t in tokenize(word))]
    assert distinct_forms(word) == {t.forms for t in tokenize(word)}
