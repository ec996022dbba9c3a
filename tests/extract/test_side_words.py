"""The words a city's side is read by (``side_*`` and ``front_link`` of
data/word_sets.tsv, read by rasd.extract.sub_places; issue 12 item 2): the side of a
city named just before its name, link words allowed between, carried on the event for
merging (``SubPlace.side``).

An in/out table of Arabic sentences composed for this test.
"""

from __future__ import annotations

from datetime import date

import pytest

from extract_text import extract_text
from rasd.extract.sub_places import side_word

DAY = date(2015, 7, 22)


@pytest.mark.parametrize(("form", "side"), [
    ("شمال", "north"), ("شماليه", "north"), ("جنوبي", "south"), ("شرقا", "east"),
    ("غربيه", "west"),
    # A word that only starts like a side's, more than two letters on.
    ("شماليتين", None), ("مدينه", None),
])
def test_side_word(form: str, side: str | None) -> None:
    assert side_word(form) == side


@pytest.mark.parametrize(("sentence", "sides"), [
    # In: a side's word before the city's name, link words (من، مدينة، محافظة) between.
    ("اشتبكت المقاومة مع الحوثيين في الأحياء الشمالية من مدينة عدن", {"north"}),
    ("اشتبكت المقاومة مع الحوثيين شمال عدن", {"north"}),
    ("اشتبكت المقاومة مع الحوثيين غرب محافظة عدن", {"west"}),
    # Out: a side after the name (the city's place in its country), or another word
    # between the side and the name.
    ("اشتبكت المقاومة مع الحوثيين في عدن جنوب اليمن", set()),
    ("اشتبكت المقاومة مع الحوثيين في المنطقتين الشرقيتين من عدن", set()),
])
def test_a_side_before_the_city(sentence: str, sides: set[str]) -> None:
    events = [e for e in extract_text(sentence + ".", DAY) if e.sub_event_type == "Armed clash"]
    assert len(events) == 1
    assert {p.side for p in events[0].sub_places if p.side} == sides
