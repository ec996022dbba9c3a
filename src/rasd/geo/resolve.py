"""Resolving a name: which of its cued candidates it names, and how precisely.

A base class of :class:`rasd.geo.geocoder.Geocoder`. ``_score`` ranks each
candidate by the feature word before the name, its kind and size, the story's
country and the document's other places; ``_resolve`` makes the best one a
mention, coded at its seat or capital (``_target``) with ACLED geo-precision as
``event-coding.md`` §4 defines it, and leaves a name unresolved when the
context cannot tell its namesakes apart.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from rasd.geo.capitals import default_capitals
from rasd.geo.context import (
    TIE_MARGIN,
    anchor_bonus,
    common_unit,
    placed_elsewhere,
    placed_in_country,
    toward_bonus,
)
from rasd.geo.cues import FEATURES, LOOSE_FEATURES, RELATIONS
from rasd.geo.gazetteer import Gazetteer, distance_km
from rasd.geo.hit_words import (
    QUARTER_FEATURES,
    SMALL_PLACE,
    quarter_city,
    stray_quarter,
    within,
)
from rasd.geo.levels import ADMIN_POP_FLOOR, UNIT_FEATURES
from rasd.geo.match import Hit, canonical_cue, matched_name
from rasd.geo.story import STORY_BONUS
from rasd.geo.text import Token, letter_offset, squash
from rasd.geo.wof_units import UNIT_ID
from rasd.geo.words import is_village_level
from rasd.models import Place, PlaceMention

# A curated region or facility that matches exactly outranks a town that
# merely carries its name as an alias (جرمانا's "الغوطة الشرقية").
KIND_BONUS = {"populated place": 1.0, "area": 1.0, "facility": 3.0, "region": 3.0,
              "admin3": 0.6, "admin2": 0.4, "admin1": 0.3}
# "area": a divided village whose parts lie too far apart for one point.
KIND_PRECISION = {"admin1": 3, "admin2": 3, "admin3": 2, "region": 3, "area": 2}
CURATED_BONUS = 2.5


class PlaceResolver:
    """Ranks a name's candidates and codes the best; a subclass provides the
    gazetteer, its big cities and the country prior (:class:`rasd.geo.geocoder.Geocoder`)."""

    country_prior: dict[str, float]

    if TYPE_CHECKING:
        # Read-only properties of the subclass, declared here for the type checker only.
        @property
        def gazetteer(self) -> Gazetteer: ...

        @property
        def big_cities(self) -> list[Place]: ...

    def _score(self, p: Place, h: Hit, countries: Mapping[str, list[int]],
               ctx: Sequence[Place], anchors: Sequence[Place] = (),
               story: str | None = None) -> float:
        s = anchor_bonus(p, anchors) if anchors else 0.0
        if h.feature in LOOSE_FEATURES:
            s += 2.0 if p.kind in FEATURES[h.feature] else -3.0
        elif h.feature is not None:
            prefs = FEATURES[h.feature]
            s += 5.0 if p.kind == prefs[0] else 2.0 if p.kind in prefs else -3.0
        else:
            s += KIND_BONUS.get(p.kind, 0.0)
        if squash(p.name_ar) == h.key:
            s += 1.5  # matched the place's own name, not one of its aliases
        if p.id.startswith("rasd:"):
            # The team's curated places are the sites conflict news names: they
            # outrank the village-level namesakes that carry no population.
            s += CURATED_BONUS
        if "ريف" in h.relations and p.kind == "admin1":
            s += 1.5
        # An admin unit counts as a town a tenth its size: a bare "دير الزور"
        # is the city unless a feature word says otherwise, yet a Syrian
        # subdistrict still outweighs a foreign village of its name.
        pop = max(p.population, ADMIN_POP_FLOOR.get(p.kind, 0)) / 10 if p.kind.startswith(
            "admin") else p.population
        s += 0.6 * math.log10(pop + 1)
        if story is None or p.country == story:
            # In a story about another country the profile's prior says nothing.
            s += self.country_prior.get(p.country, 0.0)
        if p.country == story:
            s += STORY_BONUS
        if p.country in countries:
            # A country named in the same sentence says more than one named
            # anywhere in the article.
            near = within(countries[p.country], h.i)
            s += 2.0 if near else 1.0
        # The hit's own candidates (and a unit's seat) found elsewhere in the
        # text must not vouch for themselves.
        own = {q.id for q in h.places}
        seat = self.gazetteer.seat(p)
        others = [c for c in ctx if c.id not in own and (seat is None or c.id != seat.id)]
        if others:
            if p.kind.startswith("admin") and p.admin_pcode:
                # An admin unit is near its context when it holds a context place.
                inside = any((c.admin_pcode or "").startswith(p.admin_pcode) for c in others)
                s += 1.0 if inside else 0.0
            else:
                d = min(distance_km(p, c) for c in others)
                s += 2.0 if d < 50 else 1.5 if d < 150 else 0.5 if d < 300 else 0.0
            if any(c.country == p.country for c in others):
                s += 1.0
        return s

    def _target(self, p: Place) -> Place:
        """Where a resolved place is coded: an admin unit at its seat (the town of
        its name) or else at its capital of another name (``rasd.geo.capitals``)."""
        if p.kind.startswith("admin"):
            seat = self.gazetteer.seat(p)
            if seat is not None:
                return seat
            capital = default_capitals().get(p.id)
            if capital is not None and capital in self.gazetteer:
                return self.gazetteer.get(capital)
        return p

    def _resolve(self, text: str, toks: list[Token], h: Hit,
                 countries: Mapping[str, list[int]], ctx: Sequence[Place],
                 anchors: Sequence[Place] = (), *, story: str | None = None,
                 placed_by: Sequence[Place] = (), toward: str = "") -> PlaceMention | None:
        """The best candidate of ``h`` as a mention. ``placed_by``: the places a
        cue after the name says it lies at ("X جنوب صنعاء", "X بريف درعا");
        ``toward``: the compass letters of that cue (``rasd.geo.context``)."""
        country, firm = placed_in_country(h, toks)
        if country is not None:
            # ``دجلة في أقصى جنوب شرق تركيا``: not the namesake in another country.
            ours = [p for p in h.places if p.country == country]
            h = replace(h, places=ours) if ours or firm else h
        if not h.places:
            return None
        scored = sorted(((self._score(p, h, countries, ctx, anchors, story)
                          + (toward_bonus(p, placed_by, toward) if toward else 0.0), p)
                         for p in h.places),
                        key=lambda sp: (-sp[0], sp[1].id))
        best_s, best = scored[0]
        if best.population < SMALL_PLACE and best.kind in ("populated place", "area") \
                and placed_elsewhere(best, placed_by, quarter=h.feature in QUARTER_FEATURES):
            # "حزيز جنوب صنعاء" with no حزيز near Sanaa: a place we do not know,
            # coded at the place named after it (its own mention), not at a
            # namesake elsewhere.
            return None
        target = self._target(best).id
        rivals = [sc for sc, p in scored[1:] if self._target(p).id != target]
        margin = best_s - rivals[0] if rivals else 4.0
        confidence = (1.0 / (1.0 + math.exp(-margin))) * h.fuzzy
        precision = max((RELATIONS.get(r, 1) for r in h.relations), default=1)
        place = self._target(best)
        if place is not best and h.feature not in UNIT_FEATURES and "ريف" not in h.relations \
                and self.gazetteer.seat(best) is not None:
            # A bare name shared by a unit and its seat ("تل أبيض") is the town; a
            # unit coded at a capital of another name ("شبوة" at Ataq) stays the unit.
            precision = max(precision, 1)
        elif best.kind == "admin2" and best.id.startswith(UNIT_ID):
            precision = max(precision, 2)  # a Yemeni district (مديرية) is ACLED's 2
        else:
            precision = max(precision, KIND_PRECISION.get(best.kind, 1))
        if "ريف" in h.relations and best.kind != "admin1":
            precision = 2
        if best.kind == "admin1" and h.dir_adj and ("ريف" in h.relations or "باديه" in h.relations):
            precision = 2
        tied = [p for sc, p in scored if best_s - sc < TIE_MARGIN and is_village_level(p)]
        unit = common_unit(self.gazetteer, tied) if is_village_level(best) else None
        if unit is not None and h.feature in QUARTER_FEATURES:
            # "حي الروضة": a town's quarter, not the region holding its namesake
            # villages; unknown unless the context picks one.
            return None
        strays = None if placed_by else stray_quarter(best, h, ctx, self.big_cities)
        if strays is not None:
            # "حي الحصبة" in a story of Sanaa: a quarter of a city the text names, not
            # the village of that name in another province; coded at that city when
            # the text names one, unknown when it names several.
            if len(strays) > 1:
                return None
            place, precision = strays[0], 1
        if unit is not None:
            # Namesakes the context cannot tell apart: the unit holding them all.
            place, precision = unit[0], max(precision, unit[1])
        city = quarter_city(best, h, ctx) if place is best else None
        part = None
        if city is not None:
            place, precision, part = city, max(1, min(precision, 2)), best
        first = toks[h.i]
        start = first.start + letter_offset(first.text, h.consumed)
        end = toks[h.j - 1].end
        return PlaceMention(
            start=start, end=end, surface=text[start:end], place=place, precision=precision,
            score=round(confidence, 3), cue=canonical_cue(h.relations, h.clitic),
            feature=h.feature, match=matched_name(best, h.key),
            method="fuzzy" if h.fuzzy < 1.0 else "exact", part=part,
        )
