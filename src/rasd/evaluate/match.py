"""When a predicted event and a gold event agree, and the one-to-one matching of ``scoring.md``.

Two kinds of agreement are kept apart on purpose: *pairable* (event type,
loose location, overlapping actors) decides which events may be paired at
all; the *field* checks (sub-type, actor pair, strict location, date,
fatalities) are what the accuracies count and what breaks ties between
matchings with the same number of pairs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from rasd.clean.normalize import normalize_for_match
from rasd.evaluate.gold import ActorRef, ScoredEvent, ScoredLocation
from rasd.geo import geodesy
from rasd.models import Actor

PAIR_KM = 10.0
FIELD_KM = 5.0
EARTH_RADIUS_KM = 6371.0088

# The fields whose agreement breaks ties between matchings, per scoring.md ("sub-type,
# both actors, date, fatalities"); location is deliberately not one of them.
TIE_FIELDS = ("sub_event_type", "actors", "date", "fatalities")
FIELDS = ("sub_event_type", "actors", "location", "date", "fatalities")

Admin1Of = Callable[[ScoredLocation], str | None]


class ActorLookup(Protocol):
    """What scoring needs of :class:`rasd.actors.dictionary.ActorDictionary`."""

    def by_name(self, name: str) -> Actor | None: ...


def name_key(name: str) -> str:
    """A name as compared: Arabic-normalised, case-folded, with spacing and hyphens folded."""
    folded = normalize_for_match(name).casefold().replace("-", " ")
    return " ".join(folded.split())


@dataclass(slots=True)
class ActorKeys:
    """Canonical comparison keys for actor references, cached per name."""

    lookup: ActorLookup | None
    _cache: dict[ActorRef, str] = field(default_factory=dict)

    def key(self, ref: ActorRef | None) -> str | None:
        if ref is None:
            return None
        hit = self._cache.get(ref)
        if hit is None:
            hit = self._resolve(ref)
            self._cache[ref] = hit
        return hit

    def _resolve(self, ref: ActorRef) -> str:
        if self.lookup is not None:
            for name in (ref.name, ref.name_ar):
                if name:
                    actor = self.lookup.by_name(name)
                    if actor is not None:
                        return name_key(actor.name)
        # Not in the dictionary: an ad-hoc actor still matches its own spelling.
        return name_key(ref.name)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    # Scoring keeps the mean Earth radius it was specified with.
    return geodesy.haversine_km(lat1, lon1, lat2, lon2, radius=EARTH_RADIUS_KM)


def distance_km(a: ScoredLocation, b: ScoredLocation) -> float | None:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def same_name(a: ScoredLocation, b: ScoredLocation) -> bool:
    """English with English or Arabic with Arabic, after normalisation."""
    pairs = ((a.name, b.name), (a.name_ar, b.name_ar))
    return any(x and y and name_key(x) == name_key(y) for x, y in pairs)


@dataclass(frozen=True, slots=True)
class Comparer:
    """The agreement rules, with the actor dictionary and optional admin1 lookup bound once."""

    actors: ActorKeys
    admin1_of: Admin1Of | None = None

    def pairable(self, gold: ScoredEvent, pred: ScoredEvent) -> bool:
        return (
            gold.event_type == pred.event_type
            and self.locations_pairable(gold.location, pred.location)
            and self.actors_overlap(gold, pred)
        )

    def locations_pairable(self, gold: ScoredLocation | None, pred: ScoredLocation | None) -> bool:
        if gold is None or pred is None:
            return gold is None and pred is None
        if same_name(gold, pred):
            return True
        km = distance_km(gold, pred)
        # "within 10 km (or the gold tolerance_km)": an approximate gold point widens the
        # radius; it never narrows it below the rule everyone else is scored by.
        limit = max(PAIR_KM, gold.tolerance_km or 0.0)
        if km is not None and km <= limit:
            return True
        if gold.precision == 3:
            g1, p1 = self._admin1(gold), self._admin1(pred)
            return g1 is not None and p1 is not None and name_key(g1) == name_key(p1)
        return False

    def _admin1(self, loc: ScoredLocation) -> str | None:
        if loc.admin1:
            return loc.admin1
        return self.admin1_of(loc) if self.admin1_of is not None else None

    def actors_overlap(self, gold: ScoredEvent, pred: ScoredEvent) -> bool:
        gold_keys = {k for k in (self.actors.key(gold.actor1), self.actors.key(gold.actor2)) if k}
        if not gold_keys:
            return True
        pred_keys = {self.actors.key(pred.actor1), self.actors.key(pred.actor2)}
        return bool(gold_keys & pred_keys)

    def field_agreement(self, gold: ScoredEvent, pred: ScoredEvent) -> dict[str, bool | None]:
        """Each field right (True), wrong (False) or not scored (None: gold has no figure)."""
        return {
            "sub_event_type": gold.sub_event_type == pred.sub_event_type,
            "actors": self.same_actor_pair(gold, pred),
            "location": location_correct(gold.location, pred.location),
            "date": date_correct(gold, pred),
            "fatalities": (
                None
                if gold.fatalities_best is None
                else gold.fatalities_best == pred.fatalities_best
            ),
        }

    def same_actor_pair(self, gold: ScoredEvent, pred: ScoredEvent) -> bool:
        # A multiset, so a missing actor2 is a member: {A, none} differs from {A, B}.
        keys = self.actors.key
        return Counter((keys(gold.actor1), keys(gold.actor2))) == Counter(
            (keys(pred.actor1), keys(pred.actor2))
        )


def location_correct(gold: ScoredLocation | None, pred: ScoredLocation | None) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    if same_name(gold, pred):
        return True
    km = distance_km(gold, pred)
    return km is not None and km <= FIELD_KM


def date_correct(gold: ScoredEvent, pred: ScoredEvent) -> bool:
    if gold.date is None or pred.date is None:
        return gold.date is None and pred.date is None
    return gold.date.start == pred.date.start


def max_matching(weights: Sequence[Sequence[int | None]]) -> list[tuple[int, int]]:
    """The one-to-one matching with the most pairs, then the largest total weight.

    ``weights[i][j]`` is ``None`` where row i and column j may not be paired,
    else a weight >= 0. Exact (Hungarian method on integers) and deterministic.
    Returns ``(row, column)`` pairs sorted by row.
    """
    n = len(weights)
    m = len(weights[0]) if n else 0
    if n == 0 or m == 0:
        return []
    if any(len(row) != m for row in weights):
        raise ValueError("weights must be a rectangular table")
    if n > m:
        flipped = [[weights[i][j] for i in range(n)] for j in range(m)]
        return sorted((i, j) for j, i in max_matching(flipped))
    top = max((w for row in weights for w in row if w is not None), default=None)
    if top is None:
        return []
    if top < 0:
        raise ValueError("weights must be >= 0")
    # One more pair must outweigh any difference in tie-break weight over a whole matching.
    big = top * n + 1
    gain = [[0 if w is None else big + w for w in row] for row in weights]
    ceiling = big + top
    cost = [[ceiling - g for g in row] for row in gain]
    pairs = _hungarian_min(cost, n, m)
    return sorted((i, j) for i, j in pairs if weights[i][j] is not None)


def _hungarian_min(cost: list[list[int]], n: int, m: int) -> list[tuple[int, int]]:
    """Minimum-cost assignment of every one of n rows to distinct columns (n <= m).

    The classic O(n^2 m) potentials formulation; integer costs keep it exact.
    """
    inf = 1 << 62  # above any reduced cost: costs are small non-negative integers
    u = [0] * (n + 1)
    v = [0] * (m + 1)
    owner = [0] * (m + 1)  # owner[j]: the row (1-based) holding column j; 0 = free
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        owner[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = owner[j0]
            delta = inf
            j1 = 0
            for j in range(1, m + 1):
                if used[j]:
                    continue
                cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                if cur < minv[j]:
                    minv[j] = cur
                    way[j] = j0
                if minv[j] < delta:
                    delta = minv[j]
                    j1 = j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    return [(owner[j] - 1, j - 1) for j in range(1, m + 1) if owner[j]]
