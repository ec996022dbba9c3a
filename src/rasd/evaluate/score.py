"""Scoring extracted events against a gold file, exactly as ``scoring.md`` lays it down.

Per document, gold and predicted events that may be paired (same event type,
agreeing locations, overlapping actors) are matched one to one, choosing the
matching with the most pairs and then the most agreeing fields. Precision
counts predictions paired with any gold event; recall counts current gold
events only; field accuracies are over paired current events. The report
keeps every unpaired event on both sides so a coder can see each miss.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from rasd.actors.resolve import load_actors
from rasd.evaluate.gold import ScoredEvent, load_docs, load_events
from rasd.evaluate.match import (
    FIELDS,
    TIE_FIELDS,
    ActorKeys,
    ActorLookup,
    Admin1Of,
    Comparer,
    distance_km,
    max_matching,
)
from rasd.evaluate.report import format_report, report_to_json
from rasd.evaluate.stats import prf

__all__ = [
    "EvalReport",
    "FieldScore",
    "Figures",
    "Pair",
    "ScoredEvent",
    "StatusScore",
    "default_actors",
    "evaluate",
    "format_report",
    "load_docs",
    "load_events",
    "report_to_json",
]


@dataclass(frozen=True, slots=True)
class FieldScore:
    right: int
    scored: int

    @property
    def accuracy(self) -> float | None:
        return self.right / self.scored if self.scored else None


@dataclass(frozen=True, slots=True)
class Figures:
    """Counts and ratios for one slice (overall, or one event type)."""

    predicted: int
    predicted_paired: int
    gold_current: int
    gold_current_paired: int
    gold_background: int
    gold_background_paired: int
    fields: dict[str, FieldScore]

    def _prf(self) -> tuple[float | None, float | None, float | None]:
        return prf(self.predicted, self.predicted_paired, self.gold_current,
                   self.gold_current_paired)

    @property
    def precision(self) -> float | None:
        return self._prf()[0]

    @property
    def recall(self) -> float | None:
        return self._prf()[1]

    @property
    def f1(self) -> float | None:
        return self._prf()[2]


@dataclass(frozen=True, slots=True)
class Pair:
    """A gold event and the prediction paired with it, with each field's verdict.

    A field is True (right), False (wrong) or None (not scored: gold has no figure).
    """

    gold: ScoredEvent
    pred: ScoredEvent
    fields: dict[str, bool | None]
    distance_km: float | None


@dataclass(frozen=True, slots=True)
class StatusScore:
    """Current/background agreement over all paired events (gold status vs predicted)."""

    paired: int
    right: int
    background_as_current: int
    current_as_background: int

    @property
    def accuracy(self) -> float | None:
        return self.right / self.paired if self.paired else None


@dataclass(frozen=True, slots=True)
class EvalReport:
    docs_scored: int
    ignored_predictions: int
    ignored_documents: int
    overall: Figures
    by_event_type: dict[str, Figures]
    pairs: tuple[Pair, ...]
    unpaired_gold: tuple[ScoredEvent, ...]
    unpaired_pred: tuple[ScoredEvent, ...]
    # Documents in scope (bootstrap intervals resample them) and slices by ISO country
    # (gold events by the gold location's country, predictions by their own).
    doc_ids: tuple[str, ...] = ()
    by_country: dict[str, Figures] = field(default_factory=dict)
    status: StatusScore = StatusScore(0, 0, 0, 0)


def default_actors() -> ActorLookup:
    """The packaged actor dictionary (cached by :func:`rasd.actors.resolve.load_actors`)."""
    return load_actors()


def evaluate(
    gold: Sequence[ScoredEvent],
    pred: Sequence[ScoredEvent],
    *,
    docs: set[str] | None = None,
    actors: ActorLookup | None = None,
    admin1_of: Admin1Of | None = None,
    only_docs: bool = False,
) -> EvalReport:
    """Score ``pred`` against ``gold``.

    The documents in scope are those of the gold file plus ``docs`` (a gold
    set's ``docs.txt``): a listed document with no gold event has none, so
    every prediction there is a false positive. Predictions for documents
    out of scope are ignored and counted. ``actors`` resolves aliases (the
    packaged dictionary when None); ``admin1_of`` fills a location's missing
    admin1 (e.g. from the gazetteer) for the gold-precision-3 rule. With ``only_docs``
    the scope is ``docs`` alone: a subset of a gold set is scored (two codings of the
    same articles, say), and gold events of other documents are left out.
    """
    if only_docs and docs is not None:
        scope = set(docs)
        gold = [g for g in gold if g.doc_id in scope]
    else:
        scope = {g.doc_id for g in gold} | (docs or set())
    kept = [p for p in pred if p.doc_id in scope]
    ignored_docs = {p.doc_id for p in pred if p.doc_id not in scope}
    comparer = Comparer(
        actors=ActorKeys(actors if actors is not None else default_actors()),
        admin1_of=admin1_of,
    )

    gold_by_doc: dict[str, list[ScoredEvent]] = defaultdict(list)
    pred_by_doc: dict[str, list[ScoredEvent]] = defaultdict(list)
    for g in gold:
        gold_by_doc[g.doc_id].append(g)
    for p in kept:
        pred_by_doc[p.doc_id].append(p)

    pairs: list[Pair] = []
    unpaired_gold: list[ScoredEvent] = []
    unpaired_pred: list[ScoredEvent] = []
    for doc_id in sorted(scope):
        doc_gold, doc_pred = gold_by_doc[doc_id], pred_by_doc[doc_id]
        matched = _match_document(doc_gold, doc_pred, comparer)
        pairs.extend(pair for _, _, pair in matched)
        # By position, not identity or equality: a file may hold the same event twice.
        paired_gold = {gi for gi, _, _ in matched}
        paired_pred = {pi for _, pi, _ in matched}
        unpaired_gold.extend(g for gi, g in enumerate(doc_gold) if gi not in paired_gold)
        unpaired_pred.extend(p for pi, p in enumerate(doc_pred) if pi not in paired_pred)

    in_scope_gold = [g for g in gold if g.doc_id in scope]
    types = sorted({e.event_type for e in in_scope_gold} | {e.event_type for e in kept})
    return EvalReport(
        docs_scored=len(scope),
        ignored_predictions=len(pred) - len(kept),
        ignored_documents=len(ignored_docs),
        overall=_figures(in_scope_gold, kept, pairs),
        by_event_type={
            t: _figures(
                [g for g in in_scope_gold if g.event_type == t],
                [p for p in kept if p.event_type == t],
                [pair for pair in pairs if pair.gold.event_type == t],
            )
            for t in types
        },
        pairs=tuple(pairs),
        unpaired_gold=tuple(unpaired_gold),
        unpaired_pred=tuple(unpaired_pred),
        doc_ids=tuple(sorted(scope)),
        by_country=_by_country(in_scope_gold, kept, pairs),
        status=_status(pairs),
    )


NO_COUNTRY = "(none)"


def _country(event: ScoredEvent) -> str:
    loc = event.location
    return loc.country if loc is not None and loc.country else NO_COUNTRY


def _by_country(
    gold: list[ScoredEvent], pred: list[ScoredEvent], pairs: list[Pair]
) -> dict[str, Figures]:
    """Figures per country: recall by the gold event's country, precision by the prediction's."""
    countries = sorted({_country(e) for e in gold} | {_country(e) for e in pred})
    out: dict[str, Figures] = {}
    for c in countries:
        by_gold = [pair for pair in pairs if _country(pair.gold) == c]
        by_pred = [pair for pair in pairs if _country(pair.pred) == c]
        out[c] = _figures(
            [g for g in gold if _country(g) == c],
            [p for p in pred if _country(p) == c],
            by_gold,
            predicted_paired=len(by_pred),
        )
    return out


def _status(pairs: list[Pair]) -> StatusScore:
    return StatusScore(
        paired=len(pairs),
        right=sum(1 for p in pairs if p.gold.status == p.pred.status),
        background_as_current=sum(
            1 for p in pairs if p.gold.status == "background" and p.pred.status == "current"
        ),
        current_as_background=sum(
            1 for p in pairs if p.gold.status == "current" and p.pred.status == "background"
        ),
    )


def _match_document(
    gold: list[ScoredEvent], pred: list[ScoredEvent], comparer: Comparer
) -> list[tuple[int, int, Pair]]:
    """The chosen pairs as (gold index, prediction index, pair)."""
    verdicts: dict[tuple[int, int], dict[str, bool | None]] = {}
    weights: list[list[int | None]] = []
    # The spec ranks matchings by pairs, then agreeing tie fields; among
    # matchings still equal, the one whose locations agree more is taken, so a
    # tie is not broken by file order. Scaling keeps the spec's order intact:
    # all location agreements together weigh less than one tie field.
    scale = len(gold) + 1
    for gi, g in enumerate(gold):
        row: list[int | None] = []
        for pi, p in enumerate(pred):
            if not comparer.pairable(g, p):
                row.append(None)
                continue
            fields = comparer.field_agreement(g, p)
            verdicts[gi, pi] = fields
            ties = sum(1 for name in TIE_FIELDS if fields[name] is True)
            row.append(ties * scale + (1 if fields.get("location") is True else 0))
        weights.append(row)
    return [
        (
            gi,
            pi,
            Pair(
                gold=gold[gi],
                pred=pred[pi],
                fields=verdicts[gi, pi],
                distance_km=_distance(gold[gi], pred[pi]),
            ),
        )
        for gi, pi in max_matching(weights)
    ]


def _distance(gold: ScoredEvent, pred: ScoredEvent) -> float | None:
    if gold.location is None or pred.location is None:
        return None
    return distance_km(gold.location, pred.location)


def _figures(
    gold: list[ScoredEvent],
    pred: list[ScoredEvent],
    pairs: list[Pair],
    *,
    predicted_paired: int | None = None,
) -> Figures:
    """A slice's figures; ``pairs`` are its gold events' pairs. ``predicted_paired`` counts
    the slice's paired predictions where a pair's two sides may fall in different slices."""
    current_pairs = [pair for pair in pairs if pair.gold.status == "current"]
    fields = {
        name: FieldScore(
            right=sum(1 for pair in current_pairs if pair.fields[name] is True),
            scored=sum(1 for pair in current_pairs if pair.fields[name] is not None),
        )
        for name in FIELDS
    }
    return Figures(
        predicted=len(pred),
        predicted_paired=len(pairs) if predicted_paired is None else predicted_paired,
        gold_current=sum(1 for g in gold if g.status == "current"),
        gold_current_paired=len(current_pairs),
        gold_background=sum(1 for g in gold if g.status == "background"),
        gold_background_paired=len(pairs) - len(current_pairs),
        fields=fields,
    )
