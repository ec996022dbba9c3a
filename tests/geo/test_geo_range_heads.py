"""Words that make a name a mountain range's (``range_head`` of data/word_sets.tsv,
read by rasd.geo.geocoder; issue 12 item 2, tables12h): after one, a name reads no town
or admin unit, only a region or facility (dev snn-05ac3d6a3ee2, snn-7cd07d26c6cd, dev3
snn-e4db6943c8fa).

An in/out table of Arabic sentences composed for this test.
"""

from __future__ import annotations

import pytest

from rasd.geo.geocoder import Geocoder
from rasd.geo.text import fold

NEAR = " شمال شرقي بعقوبة"


@pytest.mark.parametrize(("text", "kind"), [
    # In: the listed words, and the glued forms the list writes out (وجبال، بجبال).
    ("قصف الطيران مواقع للتنظيم في جبال حمرين" + NEAR, None),
    ("قصف الطيران مواقع للتنظيم وجبال حمرين" + NEAR, None),
    ("قصف الطيران مواقع للتنظيم بجبال حمرين" + NEAR, None),
    ("قصف الطيران مواقع للتنظيم في سلسلة حمرين" + NEAR, None),
    # Out: another word, and a glued form the list does not write (وسلسلة).
    ("قصف الطيران مواقع للتنظيم في ناحية حمرين" + NEAR, "admin3"),
    ("داهمت القوات قرى تابعة لناحية قرة تبة وسلسلة حمرين", "populated place"),
])
def test_a_range_head_keeps_towns_out(geo: Geocoder, text: str, kind: str | None) -> None:
    hits = [m for m in geo.find(text) if fold(m.surface).endswith(fold("حمرين"))]
    assert (hits[0].place.kind if hits else None) == kind
