"""Possessive forms of trigger nouns (issue 14, trig14i; composed sentences): a row of
triggers.tsv flagged ``poss`` also matches the noun with a third-person pronoun
(``غاراتها``، ``هجومهم``، ``معركتهما``), under the row's own rule id. Such a form is the
act told only when a verb of waging governs it (cue ``wage``); else it describes. A row
flagged ``pl`` also matches the verbal noun's sound feminine plural (``تفجيرات``), except
after a word of series (``موجة تفجيرات``: the wave whose parts are told next)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from extract_text import extract_text
from rasd.clean.analysis import tokenize
from rasd.errors import ExtractError
from rasd.extract.lexicon import PatternToken, load_lexicon
from rasd.extract.patterns import (
    PLURAL_FORM,
    POSSESSIVE_FORM,
    plural_pattern,
    possessive_patterns,
)

AIR = "Air/drone strike"
IED = "Remote explosive/landmine/IED"
CLASH = "Armed clash"


def _rows(text: str) -> list[tuple[str, str | None]]:
    return [(ev.sub_event_type, ev.location.name if ev.location else None)
            for ev in extract_text(text, date(2019, 1, 16))]


def _matches(text: str) -> list[tuple[str, str]]:
    return [(m.trigger.source, m.trigger.form)
            for m in load_lexicon().find_triggers(tokenize(text))]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("غارات", ["غاراته", "غاراتها", "غاراتهم", "غاراتهما"]),
        # A ta marbuta (matching form ه) is written ت before the pronoun.
        ("هجمه", ["هجمته", "هجمتها", "هجمتهم", "هجمتهما"]),
        ("هجوم", ["هجومه", "هجومها", "هجومهم", "هجومهما"]),
    ],
)
def test_possessive_patterns(word: str, expected: list[str]) -> None:
    got = possessive_patterns((PatternToken(text=word, prefix=False, gap=False),))
    assert [p[0].text for p in got] == expected


@pytest.mark.parametrize(
    "words",
    [
        ("ضربات", "جويه"),  # a phrase: the pronoun makes the adjective definite
        ("استيلاء",),  # a final hamza changes its spelling before the pronoun
        ("هاجم",),  # written as a prefix below: it matches every ending already
    ],
)
def test_no_possessive_pattern(words: tuple[str, ...]) -> None:
    prefix = words == ("هاجم",)
    assert possessive_patterns(tuple(PatternToken(text=w, prefix=prefix, gap=False)
                                     for w in words)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("كثفت الطائرات غاراتها على المدينة.", [("غارات", POSSESSIVE_FORM)]),
        ("جددت القوات هجومها على البلدة.", [("هجوم", POSSESSIVE_FORM)]),
        ("خاض المقاتلون معركتهم الأخيرة.", [("معركه", POSSESSIVE_FORM)]),
        # The row as written keeps its own form ("" for the row itself).
        ("شنت الطائرات غارات على المدينة.", [("غارات", "")]),
        # The verbal noun of a transitive verb takes no possessive: its pronoun is the
        # object, an act told before (after liberating it).
        ("عاد السكان إلى المدينة بعد تحريرها.", []),
    ],
)
def test_possessive_matches(text: str, expected: list[tuple[str, str]]) -> None:
    assert _matches(text) == expected


def test_possessive_form_shares_rule_id() -> None:
    lex = load_lexicon()
    forms = [t for t in lex.triggers if t.form == POSSESSIVE_FORM]
    assert forms
    assert {t.rule_id for t in forms} <= {t.rule_id for t in lex.triggers if not t.form}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A verb of waging governs the possessive form, its subject and a time between.
        ("كثفت طائرات التحالف أمس غاراتها على مواقع المسلحين في مدينة الرمادي.",
         [(AIR, "Ramadi")]),
        ("جددت قوات المعارضة هجومها على حاجز للجيش في مدينة تدمر.", [(CLASH, "Tadmur")]),
    ],
)
def test_waged_possessive_gives_event(text: str,
                                      expected: list[tuple[str, str | None]]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # No verb of waging: the noun describes (a habit, a base of operations).
        "كانت البلدة قاعدة ينطلق منها التنظيم في غاراته على مدينة الرمادي.",
        "تعد المدينة مركز هجومهم على مدينة تدمر.",
    ],
)
def test_unwaged_possessive_gives_no_event(text: str) -> None:
    assert _rows(text) == []


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("غارات\tExplosions/Remote violence\tAir/drone strike\tstrike\t8\tplural\n",
         "unknown forms"),
        ("غارات\tExplosions/Remote violence\tAir/drone strike\tstrike\t8\tpl\n",
         "takes no plural"),
        ("ضربات جويه\tExplosions/Remote violence\tAir/drone strike\tstrike\t8\tposs\n",
         "takes no possessive"),
    ],
)
def test_forms_column_validated(tmp_path: Path, row: str, message: str) -> None:
    triggers = tmp_path / "triggers.tsv"
    triggers.write_text(row, encoding="utf-8")
    cues = tmp_path / "cues.tsv"
    cues.write_text("negation\tلم\n", encoding="utf-8")
    with pytest.raises(ExtractError, match=message):
        load_lexicon(triggers, cues)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("تفجير", "تفجيرات"),
        ("اقتحام", "اقتحامات"),
        ("غاره", None),  # a ta marbuta noun: its plural is a row of its own
        ("مواجهات", None),  # a plural already
        ("استيلاء", None),  # a final hamza
    ],
)
def test_plural_pattern(word: str, expected: str | None) -> None:
    got = plural_pattern((PatternToken(text=word, prefix=False, gap=False),))
    assert (got[0].text if got else None) == expected


def test_plural_matches_under_row() -> None:
    assert _matches("هزت التفجيرات المدينة.") == [("تفجير", PLURAL_FORM)]


def test_plural_gives_event() -> None:
    assert _rows("قتل خمسة أشخاص في تفجيرات استهدفت سوقا في مدينة الرمادي.") == [
        (IED, "Ramadi")]


def test_series_plural_is_no_act() -> None:
    # The wave introduces its parts: only the car bombs told after it are coded.
    rows = _rows("ضربت موجة تفجيرات جديدة مدينة الرمادي، إذ انفجرت سيارة مفخخة "
                 "قرب سوق شعبي في المدينة.")
    assert rows == [(IED, "Ramadi")]
