"""The words a city's front is read by (``side_*`` and ``front_link`` of
data/word_sets.tsv, read by rasd.merge.fronts; issue 12 item 2, tables12h): the side
of a city named just before its name, link words allowed between.

An in/out table of Arabic sentences composed for this test.
"""

from __future__ import annotations

import pytest

from rasd.merge.fronts import _front

ADEN = ("عدن", 12.78, 45.04, "g:aden", 20.0)


@pytest.mark.parametrize(("sentence", "sides"), [
    # In: a side's word (its stem and up to two letters more) before the city's name,
    # link words (من، مدينة، محافظة، مديرية) between.
    ("اشتبكت القوات في الأحياء الشمالية من مدينة عدن", {"side:north"}),
    ("اشتبكت القوات شمال عدن", {"side:north"}),
    ("اشتبكت القوات في جنوبي عدن", {"side:south"}),
    ("اشتبكت القوات غرب محافظة عدن", {"side:west"}),
    ("اشتبكت القوات في الجهة الشرقية من مديرية عدن", {"side:east"}),
    # Out: a side after the name (the city's place in its country), another word between,
    # or a word that only starts like a side's.
    ("اشتبكت القوات في عدن جنوب اليمن", set()),
    ("تقدمت القوات شمالا نحو عدن", set()),
    ("اشتبكت القوات في المنطقتين الشرقيتين من عدن", set()),
])
def test_a_side_before_the_city(sentence: str, sides: set[str]) -> None:
    assert {k for k in _front((sentence,), *ADEN) if k.startswith("side:")} == sides
