"""One incident told by its city and then by the place the next sentence locates by that
city (issue 14, split14h): Houthis killed in clashes ``في مدينة مأرب`` and then the
clashes ``في منطقة الجفينة جنوب …`` with the same toll; 57 killed ``في مدينة عدن`` and
then 57 civilians killed by the rebels' shelling of a suburb ``دار سعد شمال …``. The
coders code one event (dev4 snn-9c814db60597, dev snn-1bfaaeb5383d).

A town and a place near it are otherwise two places for the fold (two villages shelled
are two acts, and joining a place to the town that locates it cost the third development
set two events when tried alone, 2026-12-07): here the detail must name the lead's town,
lie within :data:`LOCATED_KM` of it and give the same toll, not zero.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rasd.clean.normalize import normalize_for_match
from rasd.geo.geodesy import haversine_km
from rasd.models import DateSpan

if TYPE_CHECKING:
    from rasd.extract.fold import Candidate
    from rasd.models import PlaceMention

# A place a sentence locates by a town (``جنوب غرب مأرب``، ``شمال مدينة عدن``) lies
# within a district's reach of it; further off the town names a front, not a neighbour.
LOCATED_KM = 30.0


def located_detail(a: Candidate, b: Candidate) -> PlaceMention | None:
    """The detail's place when ``a`` and ``b`` tell one act at a town and at a place the
    other's sentence locates by that town, with one toll; None otherwise."""
    from rasd.extract.build import combine_deaths  # build reads candidates: no cycle at load

    if a.place is None or b.place is None or a.place.place.id == b.place.place.id:
        return None
    if a.sentence == b.sentence:
        return None  # two places one sentence names side by side are two acts
    toll = combine_deaths(a).best
    if toll <= 0 or combine_deaths(b).best != toll:
        return None
    if haversine_km(a.place.place.lat, a.place.place.lon,
                    b.place.place.lat, b.place.place.lon) > LOCATED_KM:
        return None
    for detail, town in ((a, b), (b, a)):
        assert detail.place is not None and town.place is not None
        text = normalize_for_match(detail.sentence.text)
        name = normalize_for_match(town.place.surface)
        at = text.find(normalize_for_match(detail.place.surface))
        if name and 0 <= at < text.rfind(name):
            return detail.place
    return None


def air_retold(kept: Candidate, c: Candidate) -> bool:
    """``قصف طيران التحالف منزل قائد ... في مدينة عتق`` then ``إن القصف أدى إلى مقتل``: the
    definite bombardment noun retells the air strike just told, though its own sentence
    names no aircraft (issue 14, split14h: dev4 snn-9c814db60597)."""
    return kept.sub_event_type == "Air/drone strike" \
        and c.sub_event_type == "Shelling/artillery/missile attack"


def day_apart(a: Candidate, b: Candidate) -> bool:
    """Spans at most a day apart: a detail told of the night before its lead (from
    ``مساء السبت`` until early on ``أمس``) is that lead's act a day off."""
    if a.date is None or b.date is None:
        return True
    return abs(max(a.date.start, b.date.start) - min(a.date.end, b.date.end)).days <= 1


def span_of(a: Candidate, b: Candidate) -> DateSpan | None:
    """The days two tellings of one act cover together (``مساء السبت واستمرت حتى ...
    أمس``): both when they differ, at range precision."""
    if a.date is None or b.date is None or a.date == b.date:
        return a.date or b.date
    return DateSpan(start=min(a.date.start, b.date.start), end=max(a.date.end, b.date.end),
                    precision=max(2, a.date.precision, b.date.precision))
