"""Which actors fight on one side (data/actor_sides.tsv), read for a day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rasd.actors.data import ActorDataError, read_sides
from rasd.actors.sides import load_sides

JULY_2015 = date(2015, 7, 20)


@pytest.mark.parametrize(
    ("a", "b", "on", "allied", "opposed"),
    [
        # The coalition fights for the Hadi government beside the resistance.
        ("popres-ye", "saudi-coalition", JULY_2015, True, False),
        ("popres-ye", "houthis", JULY_2015, False, True),
        # Saleh's forces with the Houthis until December 2017, not after.
        ("houthis", "saleh-forces", JULY_2015, True, False),
        ("houthis", "saleh-forces", date(2018, 3, 1), False, False),
        # Before Operation Decisive Storm the coalition is on no side in Yemen.
        ("popres-ye", "saudi-coalition", date(2015, 1, 1), False, False),
        # Russia fights for the Syrian government from 30 September 2015.
        ("mil-sy", "mil-ru", JULY_2015, False, False),
        ("mil-sy", "mil-ru", date(2016, 1, 1), True, False),
        ("mil-sy", "opp-sy", JULY_2015, False, True),
        ("ypg", "coalition", JULY_2015, True, False),
        ("ypg", "isis", JULY_2015, False, True),
        # Jabhat al-Nusra is on neither side: it also fought the factions.
        ("nusra", "opp-sy", JULY_2015, False, False),
        # An actor is not its own ally.
        ("houthis", "houthis", JULY_2015, False, False),
        # Any day when none is given.
        ("houthis", "saleh-forces", None, True, False),
    ],
)
def test_allied_and_opposed(a: str, b: str, on: date | None, allied: bool,
                            opposed: bool) -> None:
    sides = load_sides()
    assert sides.allied(a, b, on=on) is allied
    assert sides.allied(b, a, on=on) is allied
    assert sides.opposed(a, b, on=on) is opposed


HEADER = "conflict\tside\tactors\tvalid_from\tvalid_to\tnote\n"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("yemen\tgovernment\tpopres-ye|no-such-actor\t\t\tx\n",
         "unknown actor id(s) no-such-actor"),
        ("yemen\tgovernment\n", "need 3+ columns"),
        ("yemen\t\tpopres-ye\t\t\tx\n", "conflict, side and actors are required"),
        ("yemen\tgovernment\tpopres-ye\t2015-3-26\t\tx\n", "bad valid_from"),
    ],
)
def test_a_bad_row_stops_with_its_line(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "actor_sides.tsv"
    path.write_text("# comment\n" + HEADER + row, encoding="utf-8")
    with pytest.raises(ActorDataError, match="line 3") as err:
        load_sides(path)
    assert message in str(err.value)


def test_the_packaged_file_names_only_known_actors() -> None:
    rows = read_sides()
    assert {r.conflict for r in rows} >= {"yemen", "syria", "iraq-is"}
    assert all(r.actors for r in rows)
