"""The country branch a transnational group's name stands for (issue 14,
``data/actor_branches.tsv``), in events of sentences composed for these tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from extract_text import extract_text
from rasd.actors.branches import branch_id, load_branches
from rasd.actors.data import ActorDataError

JULY_2015 = date(2015, 7, 20)


@pytest.mark.parametrize(
    ("group", "country", "expected"),
    [
        ("isis", "LY", "is-libya"),
        ("isis", "ye", "is-yemen"),
        ("aq", "YE", "aqap"),
        # No branch of its own in the country: the group stays itself.
        ("isis", "IQ", None),
        ("isis", None, None),
        ("aq", "SY", None),
    ],
)
def test_branch_id(group: str, country: str | None, expected: str | None) -> None:
    assert branch_id(group, country) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("خطف تنظيم الدولة الإسلامية ثلاثة عمال أجانب في مدينة سرت.",
         ("Islamic State (Libya)", "Civilians (Libya)")),
        ("أعلن فرع تنظيم داعش في اليمن مسؤوليته عن تفجير سيارة قرب مسجد في مدينة صنعاء.",
         ("Islamic State (Yemen)", "Civilians (Yemen)")),
        ("هاجم تنظيم داعش مواقع الجيش العراقي في مدينة بيجي.",
         ("Islamic State", "Military Forces of Iraq")),
    ],
)
def test_events_take_the_branch_of_their_country(text: str,
                                                 expected: tuple[str, str]) -> None:
    events = extract_text(text, JULY_2015)
    assert [(ev.actor1.name if ev.actor1 else None, ev.actor2.name if ev.actor2 else None)
            for ev in events] == [expected]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("isis\tLY\tno-such-actor\tx", "unknown actor id"),
        ("isis\tYE\tis-libya\tx", "is not of YE"),
        ("mil-iq\tLY\tis-libya\tx", "has a country of its own"),
    ],
)
def test_bad_rows_are_refused(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "actor_branches.tsv"
    path.write_text("group\tcountry\tbranch\tnote\n" + row + "\n", encoding="utf-8")
    with pytest.raises(ActorDataError, match=message):
        load_branches(path)
