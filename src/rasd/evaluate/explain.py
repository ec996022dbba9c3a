"""Why events were missed or wrongly predicted: error causes for ``rasd eval --explain``.

Each unpaired gold event and each unpaired prediction is put down to its likeliest
cause by comparing it with the other side's events of the same article, criterion by
criterion (event type, place, actors: the three things pairing needs):

- the other side has an event that agrees on two criteria and not the third: the third
  is the cause (wrong event type, wrong actor, place resolved elsewhere or not given);
- it agrees on all three but was paired with another event: one event split in two
  (prediction side) or two events joined in one (gold side);
- nothing in the article comes near: the extractor found no trigger for it (gold side)
  or read an event into a sentence that tells none (prediction side); an article with
  gold events and no prediction at all, or predictions and no gold event, is its own cause.

A gold place is "unknown to the gazetteer" when no gazetteer place of that name lies
near the gold point; that is checked whenever a miss involves the place.

Paired current events whose fields disagree are counted by field, with roles swapped
(the same two actors in the other order) and status confusions counted apart.

Predictions that carry the ids of the rules behind them (``rules`` of ``rasd extract``
output) are also counted by rule: for each rule, the unpaired predictions it is behind
(on any field) out of all the predictions it is behind, so an error analysis can say
"rule X produced 12 false events of 40".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rasd.evaluate.gold import ScoredEvent, ScoredLocation
from rasd.evaluate.match import PAIR_KM, ActorKeys, ActorLookup, Comparer, haversine_km

if TYPE_CHECKING:
    from rasd.evaluate.score import EvalReport

PlaceKnown = Callable[[ScoredLocation], bool]

# Causes, named once: the text report, the JSON and the tests use these constants.
ARTICLE_MISSED = "article missed: nothing extracted from an article with events"
NO_TRIGGER = "no trigger found: no prediction near this event"
NO_EVENT_ARTICLE = "prediction in an article with no event"
NO_EVENT_SENTENCE = "prediction from a sentence that tells no event"
WRONG_TYPE = "wrong event type"
WRONG_ACTOR = "wrong actor"
PLACE_UNKNOWN = "place unknown to the gazetteer"
PLACE_OTHER = "place resolved to another place"
PLACE_MISSING = "no place given"
JOINED = "two events joined in one"
SPLIT = "one event split in two"
# Field errors on paired current events.
WRONG_SUBTYPE = "paired: wrong sub-event type"
WRONG_ACTORS = "paired: wrong actor pair"
SWAPPED_ROLES = "paired: roles swapped (actor1/actor2; not scored as wrong)"
WRONG_PLACE = "paired: place more than 5 km off"
WRONG_DATE = "paired: wrong date"
WRONG_TOLL = "paired: wrong toll"
BACKGROUND_AS_CURRENT = "paired: background event coded as current"
CURRENT_AS_BACKGROUND = "paired: current event coded as background"

GOLD_CAUSES = (ARTICLE_MISSED, NO_TRIGGER, WRONG_TYPE, WRONG_ACTOR, PLACE_UNKNOWN,
               PLACE_OTHER, PLACE_MISSING, JOINED)
PRED_CAUSES = (NO_EVENT_ARTICLE, NO_EVENT_SENTENCE, WRONG_TYPE, WRONG_ACTOR, PLACE_UNKNOWN,
               PLACE_OTHER, PLACE_MISSING, SPLIT)
PAIR_CAUSES = (WRONG_SUBTYPE, WRONG_ACTORS, SWAPPED_ROLES, WRONG_PLACE, WRONG_DATE,
               WRONG_TOLL, BACKGROUND_AS_CURRENT, CURRENT_AS_BACKGROUND)
_FIELD_CAUSE = {"sub_event_type": WRONG_SUBTYPE, "actors": WRONG_ACTORS,
                "location": WRONG_PLACE, "date": WRONG_DATE, "fatalities": WRONG_TOLL}


@dataclass(frozen=True, slots=True)
class Item:
    """One explained event; ``other`` is the event of the other side that shows the cause."""

    event: ScoredEvent
    other: ScoredEvent | None = None


@dataclass(slots=True)
class Explanation:
    """Causes with their events: missed current gold, missed background gold (listed apart,
    recall does not count them), unpaired predictions, and field errors of paired events."""

    gold: dict[str, list[Item]] = field(default_factory=dict)
    gold_background: dict[str, list[Item]] = field(default_factory=dict)
    pred: dict[str, list[Item]] = field(default_factory=dict)
    paired: dict[str, list[Item]] = field(default_factory=dict)
    # Rule id -> (unpaired predictions, all predictions) the rule is behind.
    by_rule: dict[str, tuple[int, int]] = field(default_factory=dict)

    def add(self, table: dict[str, list[Item]], cause: str, item: Item) -> None:
        table.setdefault(cause, []).append(item)


def gazetteer_place_known(km: float = PAIR_KM) -> PlaceKnown:
    """A check against rasd's packaged gazetteer: a place of that Arabic (or English) name
    within ``km`` (or the gold tolerance) of the gold point; without a point, any place."""
    from rasd.geo.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    english: dict[str, list[tuple[float, float]]] = {}
    for place in gaz:
        english.setdefault(place.name.casefold(), []).append((place.lat, place.lon))

    def known(loc: ScoredLocation) -> bool:
        points = [(p.lat, p.lon) for p in gaz.candidates(loc.name_ar)] if loc.name_ar else []
        if loc.name:
            points += english.get(loc.name.casefold(), [])
        if loc.lat is None or loc.lon is None:
            return bool(points)
        limit = max(km, loc.tolerance_km or 0.0)
        lat, lon = loc.lat, loc.lon
        return any(haversine_km(lat, lon, a, b) <= limit for a, b in points)

    return known


@dataclass(frozen=True, slots=True)
class _Relation:
    same_type: bool
    same_place: bool
    actors: bool


def explain(
    report: EvalReport,
    *,
    actors: ActorLookup | None = None,
    place_known: PlaceKnown | None = None,
) -> Explanation:
    """Classify every error of ``report`` (see the module docstring)."""
    if actors is None:
        from rasd.evaluate.score import default_actors

        actors = default_actors()
    comparer = Comparer(actors=ActorKeys(actors))
    gold_by_doc: dict[str, list[ScoredEvent]] = {}
    pred_by_doc: dict[str, list[ScoredEvent]] = {}
    paired_gold: set[int] = set()
    paired_pred: set[int] = set()
    for pair in report.pairs:
        gold_by_doc.setdefault(pair.gold.doc_id, []).append(pair.gold)
        pred_by_doc.setdefault(pair.pred.doc_id, []).append(pair.pred)
        paired_gold.add(id(pair.gold))
        paired_pred.add(id(pair.pred))
    for g in report.unpaired_gold:
        gold_by_doc.setdefault(g.doc_id, []).append(g)
    for p in report.unpaired_pred:
        pred_by_doc.setdefault(p.doc_id, []).append(p)

    def relate(g: ScoredEvent, p: ScoredEvent) -> _Relation:
        return _Relation(
            same_type=g.event_type == p.event_type,
            same_place=comparer.locations_pairable(g.location, p.location),
            actors=comparer.actors_overlap(g, p),
        )

    def unknown(g: ScoredEvent) -> bool:
        return g.location is not None and place_known is not None and not place_known(g.location)

    out = Explanation()
    for g in report.unpaired_gold:
        table = out.gold if g.status == "current" else out.gold_background
        preds = pred_by_doc.get(g.doc_id, [])
        cause, other = _cause(_GOLD_SIDE, [(g, p, p) for p in preds], relate, paired_pred,
                              unknown, g)
        out.add(table, cause, Item(g, other))
    for p in report.unpaired_pred:
        golds = gold_by_doc.get(p.doc_id, [])
        cause, other = _cause(_PRED_SIDE, [(g, p, g) for g in golds], relate, paired_gold,
                              unknown, None)
        out.add(out.pred, cause, Item(p, other))
    keys = comparer.actors.key
    for pair in report.pairs:
        g, p = pair.gold, pair.pred
        if g.status == "background" and p.status == "current":
            out.add(out.paired, BACKGROUND_AS_CURRENT, Item(g, p))
        elif g.status == "current" and p.status == "background":
            out.add(out.paired, CURRENT_AS_BACKGROUND, Item(g, p))
        if g.status != "current":
            continue
        for name, verdict in pair.fields.items():
            if verdict is False:
                out.add(out.paired, _FIELD_CAUSE[name], Item(g, p))
        g1, g2, p1, p2 = keys(g.actor1), keys(g.actor2), keys(p.actor1), keys(p.actor2)
        if g1 != g2 and (g1, g2) == (p2, p1):
            out.add(out.paired, SWAPPED_ROLES, Item(g, p))
    out.by_rule = false_by_rule(report.unpaired_pred, [pair.pred for pair in report.pairs])
    return out


def false_by_rule(unpaired: Iterable[ScoredEvent],
                  paired: Iterable[ScoredEvent]) -> dict[str, tuple[int, int]]:
    """Rule id -> (unpaired predictions, all predictions) the rule is behind, most false
    events first (then the id)."""
    false: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for p in unpaired:
        false.update(set(p.rules))
        total.update(set(p.rules))
    for p in paired:
        total.update(set(p.rules))
    order = sorted(false, key=lambda r: (-false[r], r))
    return {r: (false[r], total[r]) for r in order}


def _place_cause(g: ScoredEvent, p: ScoredEvent, unknown: Callable[[ScoredEvent], bool]) -> str:
    if p.location is None:
        return PLACE_MISSING
    return PLACE_UNKNOWN if unknown(g) else PLACE_OTHER


@dataclass(frozen=True, slots=True)
class _Side:
    """What differs between explaining a missed gold event and an unpaired prediction."""

    empty: str  # the article holds nothing on the other side
    taken: str  # the alike event of the other side was paired with another one
    nothing: str  # nothing of the other side comes near
    # With nothing near, an unknown gold place is the likelier cause of a miss.
    unknown_first: bool


_GOLD_SIDE = _Side(ARTICLE_MISSED, JOINED, NO_TRIGGER, unknown_first=True)
_PRED_SIDE = _Side(NO_EVENT_ARTICLE, SPLIT, NO_EVENT_SENTENCE, unknown_first=False)


def _cause(
    side: _Side,
    candidates: list[tuple[ScoredEvent, ScoredEvent, ScoredEvent]],
    relate: Callable[[ScoredEvent, ScoredEvent], _Relation],
    taken: set[int],
    unknown: Callable[[ScoredEvent], bool],
    gold: ScoredEvent | None,
) -> tuple[str, ScoredEvent | None]:
    """``candidates`` are (gold, prediction, the other side's event) for every event of the
    other side in the article; the first criterion pattern that fits names the cause."""
    if not candidates:
        return side.empty, None
    rel = [(relate(g, p), g, p, o) for g, p, o in candidates]
    for r, _, _, o in rel:
        if r.same_type and r.same_place and r.actors and id(o) in taken:
            return side.taken, o
    for r, _, _, o in rel:
        if r.same_place and r.actors and not r.same_type:
            return WRONG_TYPE, o
    for r, g, p, o in rel:
        if r.same_type and r.actors and not r.same_place:
            return _place_cause(g, p, unknown), o
    for r, _, _, o in rel:
        if r.same_type and r.same_place and not r.actors:
            return WRONG_ACTOR, o
    if side.unknown_first and gold is not None and unknown(gold):
        return PLACE_UNKNOWN, None
    return side.nothing, None


def _sections(ex: Explanation) -> list[tuple[str, str, tuple[str, ...], dict[str, list[Item]]]]:
    return [
        ("gold", "Missed current gold events", GOLD_CAUSES, ex.gold),
        ("gold_background", "Missed background gold events (not in recall)", GOLD_CAUSES,
         ex.gold_background),
        ("pred", "Unpaired predictions", PRED_CAUSES, ex.pred),
        ("paired", "Paired events with wrong fields", PAIR_CAUSES, ex.paired),
    ]


def explanation_lines(
    ex: Explanation, *, examples: int, line: Callable[[ScoredEvent], str]
) -> list[str]:
    """Counts per cause, each with up to ``examples`` events (none for a held-out set)."""
    out: list[str] = []
    for _, title, causes, table in _sections(ex):
        total = sum(len(v) for v in table.values())
        out += ["", f"{title} by cause ({total}):"]
        for cause in causes:
            items = table.get(cause, [])
            if not items:
                continue
            out.append(f"  {len(items):4d}  {cause}")
            for item in items[:examples]:
                out.append(f"          {line(item.event)}")
                if item.other is not None:
                    out.append(f"            ~ {line(item.other)}")
        if not total:
            out.append("  none")
    if ex.by_rule:
        out += ["", f"Unpaired predictions by rule ({len(ex.by_rule)} rules; "
                    "false events / events the rule is behind):"]
        out += [f"  {n:4d} / {of:<4d} {rule}" for rule, (n, of) in ex.by_rule.items()]
    return out


def explanation_to_json(
    ex: Explanation, *, examples: int, event: Callable[[ScoredEvent], object]
) -> dict[str, object]:
    out = _sections_to_json(ex, examples=examples, event=event)
    out["pred_by_rule"] = {rule: {"false": n, "events": of}
                           for rule, (n, of) in ex.by_rule.items()}
    return out


def _sections_to_json(
    ex: Explanation, *, examples: int, event: Callable[[ScoredEvent], object]
) -> dict[str, object]:
    return {
        key: {
            cause: {
                "count": len(table.get(cause, [])),
                "examples": [
                    {"event": event(i.event),
                     "other": None if i.other is None else event(i.other)}
                    for i in table.get(cause, [])[:examples]
                ],
            }
            for cause in causes
            if table.get(cause)
        }
        for key, _, causes, table in _sections(ex)
    }
