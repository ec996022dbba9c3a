"""Trigger forms of issue 14 (recall, composed sentences): the indefinite accusative of
a trigger noun (``انفجاراً``، ``كميناً``) and the shots told by their bullets or by the
verb of firing. Each form gives an event; a near use of the same word that tells no
act gives none."""

from __future__ import annotations

from datetime import date

import pytest

from extract_text import extract_text
from rasd.clean.analysis import tokenize
from rasd.extract.lexicon import PatternToken, accusative_pattern, load_lexicon


def _rows(text: str) -> list[tuple[str, str | None]]:
    """(sub-type, place) of each event, in order."""
    return [(ev.sub_event_type, ev.location.name if ev.location else None)
            for ev in extract_text(text, date(2019, 1, 16))]


def _triggers(text: str) -> list[str]:
    return [m.trigger.source for m in load_lexicon().find_triggers(tokenize(text))]


IED = "Remote explosive/landmine/IED"
CLASH = "Armed clash"
SUICIDE = "Suicide bomb"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The accusative of a trigger noun, as the press writes it (no tanween mark) ...
        ("قال مصدر أمني إن انفجارا استهدف سوقا شعبيا في مدينة الرمادي.", [(IED, "Ramadi")]),
        ("نصب مسلحون كمينا لدورية للشرطة قرب مدينة بعقوبة.", [(CLASH, "Baqubah")]),
        ("نفذ مسلح هجوما انتحاريا على حاجز للجيش في مدينة تدمر.", [(SUICIDE, "Tadmur")]),
        # ... and with the mark written.
        ("قال مصدر أمني إن انفجاراً استهدف سوقا شعبيا في مدينة الرمادي.", [(IED, "Ramadi")]),
        # Shots told by their bullet (any number) or by the verb of firing with its
        # subject between.
        ("قتل شرطيان برصاصة في الرأس في مدينة الرمادي.", [(CLASH, "Ramadi")]),
        ("أصيب شرطي بطلقات نارية في مدينة الرمادي.", [(CLASH, "Ramadi")]),
        ("أطلق مسلحون النار على شرطي في مدينة الرمادي.", [(CLASH, "Ramadi")]),
    ],
)
def test_trigger_form_gives_event(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # The adverbial accusative of a three-letter word is another word: at dawn,
        # negatively (no ``فجر``/``سلب`` event).
        "وصل الوفد إلى مدينة الرمادي فجرا لبحث إعادة الإعمار.",
        "انعكس ارتفاع الأسعار سلبا على التجار في مدينة الرمادي.",
        # Releasing prisoners is no firing, though it is the same verb.
        "أطلق الجيش سراح عشرة معتقلين في مدينة الرمادي.",
        # A ceasefire names firing without any shot.
        "أعلن الطرفان وقف إطلاق النار في مدينة الرمادي.",
    ],
)
def test_near_use_gives_no_violent_event(text: str) -> None:
    assert [r for r in _rows(text) if r[0] in (IED, CLASH, SUICIDE)] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("انفجارا", ["انفجار"]),
        ("كمينا", ["كمين"]),
        ("هجوما انتحاريا", ["هجوم انتحاري"]),
        # The row written in the file keeps its own rule id.
        ("هجوما", ["هجوما"]),
        ("برصاصتين", ["برصاص*"]),
        ("بطلق ناري", ["طلق* ناري*"]),
        ("أطلقوا النار", ["اطلق* ~النار"]),
        # No accusative alif after ta marbuta or on a word of three letters; and no
        # firing without النار.
        ("غارة", ["غاره"]),
        ("غارةا", []),
        ("قصفا", []),
        ("أطلقوا سراح", []),
    ],
)
def test_trigger_forms(text: str, expected: list[str]) -> None:
    assert _triggers(text) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (("انفجار",), ("انفجارا",)),
        (("هجوم", "انتحاري"), ("هجوما", "انتحاريا")),
        (("انفجار", "سياره"), None),  # a construct: its head takes no tanween
        (("غارات",), None),  # a feminine plural takes -اتٍ
        (("القصف",), None),  # definite
        (("قصف",), None),  # three letters
    ],
)
def test_accusative_pattern(words: tuple[str, ...], expected: tuple[str, ...] | None) -> None:
    got = accusative_pattern(tuple(PatternToken(text=w, prefix=False, gap=False)
                                   for w in words))
    assert (None if got is None else tuple(p.text for p in got)) == expected


ARREST = "Arrests"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("شنت الشرطة حملة توقيفات في مدينة الرمادي.", [(ARREST, "Ramadi")]),
        ("تم القبض على ثلاثة مطلوبين في مدينة الرمادي.", [(ARREST, "Ramadi")]),
        # Negated, or only demanded: no arrest.
        ("لم يتم القبض على الجناة في مدينة الرمادي حتى الآن.", []),
        ("طالب الأهالي بإلقاء القبض على الجناة في مدينة الرمادي.", []),
        # Floods raid homes too: no raid verb in the arrest family.
        ("داهمت السيول منازل السكان في مدينة الرمادي.", []),
    ],
)
def test_arrest_family(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert _rows(text) == expected
