"""The country a story is about, as a prior for its village names.

A Yemeni report names Yemen, Aden, Marib and Lahij again and again; a village of
its name in Syria (``الروضة``، ``المعاشيق``، ``أبين``) is not what it means, however
strong the profile's prior for Syria. Votes come from what is firm in the text:
the country words (``اليمن``، ``اليمنية``) and the towns, districts and
governorates already resolved (never village-level places, which are the
namesakes in question and would vouch for each other). A country well ahead of the
others is the story's country: its places get a bonus, its villages are read
as closely as the focus countries' (a place cue suffices), and small places of
countries the story neither names nor sits near need more than a cue.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from rasd.geo.gazetteer import distance_km
from rasd.geo.words import is_village_level
from rasd.models import Place

# A country is the story's when it holds at least this many votes ...
STORY_MIN_VOTES = 3
# ... and at least this many times the votes of the next country.
STORY_LEAD = 2.0
# A country word counts at most this many times: a long article that repeats
# "السورية" in a quotation is not thereby a Syrian story.
MAX_WORD_VOTES = 3
# Score bonus for a candidate in the story's country (the profile's prior for
# other countries is dropped in such a story).
STORY_BONUS = 3.0
# A small foreign place counts as near the story when a place of the story lies
# within this distance (a border village named beside its neighbour).
NEAR_STORY_KM = 150.0


def story_country(countries: Mapping[str, Sequence[int]], places: Iterable[Place]) -> str | None:
    """The country most votes name, or ``None`` when no country dominates.

    ``countries`` maps country codes to the positions of their country words;
    ``places`` are resolved places of the text (each counted once).
    """
    votes: Counter[str] = Counter()
    for code, pos in countries.items():
        votes[code] += min(len(pos), MAX_WORD_VOTES)
    seen: set[str] = set()
    for p in places:
        if p.id in seen or is_village_level(p):
            continue
        seen.add(p.id)
        votes[p.country] += 1
    if not votes:
        return None
    top = votes.most_common(2)
    code, n = top[0]
    second = top[1][1] if len(top) > 1 else 0
    if n >= STORY_MIN_VOTES and n >= STORY_LEAD * second:
        return code
    return None


def off_story(p: Place, story: str | None, named: Mapping[str, Sequence[int]],
              near: Sequence[Place]) -> bool:
    """Whether ``p`` lies in a country the story neither is about nor names, far
    from every place around it: a namesake, not the place meant."""
    if story is None or p.country == story or p.country in named:
        return False
    return not any(distance_km(p, c) <= NEAR_STORY_KM for c in near if c.id != p.id)
