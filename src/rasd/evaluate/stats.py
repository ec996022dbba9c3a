"""Confidence intervals for the headline figures: a bootstrap over articles.

Gold sets are a few hundred articles at most, and events within an article are not
independent (a dense daily report holds a dozen), so intervals resample whole
articles, with replacement, and recompute precision, recall and F1 from the resampled
articles' counts. The seed is fixed so that one report always prints one interval.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rasd.evaluate.score import EvalReport

DEFAULT_RESAMPLES = 1000
DEFAULT_SEED = 20151


@dataclass(frozen=True, slots=True)
class DocCounts:
    """One article's contribution to precision and recall."""

    predicted: int = 0
    predicted_paired: int = 0
    gold_current: int = 0
    gold_current_paired: int = 0


@dataclass(frozen=True, slots=True)
class Interval:
    low: float
    high: float


@dataclass(frozen=True, slots=True)
class Intervals:
    """95 % bootstrap intervals (2.5th and 97.5th percentiles) over ``resamples`` draws."""

    precision: Interval | None
    recall: Interval | None
    f1: Interval | None
    resamples: int
    seed: int


def doc_counts(report: EvalReport) -> dict[str, DocCounts]:
    """Per-article counts of the report, every article in scope included (zeros too)."""
    pred: Counter[str] = Counter()
    pred_paired: Counter[str] = Counter()
    gold: Counter[str] = Counter()
    gold_paired: Counter[str] = Counter()
    for pair in report.pairs:
        pred[pair.pred.doc_id] += 1
        pred_paired[pair.pred.doc_id] += 1
        if pair.gold.status == "current":
            gold[pair.gold.doc_id] += 1
            gold_paired[pair.gold.doc_id] += 1
    for p in report.unpaired_pred:
        pred[p.doc_id] += 1
    for g in report.unpaired_gold:
        if g.status == "current":
            gold[g.doc_id] += 1
    return {
        d: DocCounts(pred[d], pred_paired[d], gold[d], gold_paired[d]) for d in report.doc_ids
    }


def prf(
    predicted: int, predicted_paired: int, gold: int, gold_paired: int
) -> tuple[float | None, float | None, float | None]:
    """Precision, recall and F1 from counts; None where a figure has no denominator."""
    p = predicted_paired / predicted if predicted else None
    r = gold_paired / gold if gold else None
    if p is None or r is None:
        # Either figure being 0 makes F1 0 whatever the other is; otherwise undefined.
        return p, r, (0.0 if p == 0 or r == 0 else None)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _ratios(rows: list[DocCounts]) -> tuple[float | None, float | None, float | None]:
    return prf(sum(r.predicted for r in rows), sum(r.predicted_paired for r in rows),
               sum(r.gold_current for r in rows), sum(r.gold_current_paired for r in rows))


def _percentiles(values: list[float]) -> Interval | None:
    if not values:
        return None
    values.sort()
    lo = values[int(0.025 * (len(values) - 1))]
    hi = values[round(0.975 * (len(values) - 1))]
    return Interval(lo, hi)


def bootstrap(
    report: EvalReport, *, resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED
) -> Intervals:
    """Percentile intervals of P, R and F1 from ``resamples`` draws of the report's articles."""
    rows = list(doc_counts(report).values())
    rng = random.Random(seed)
    ps: list[float] = []
    rs: list[float] = []
    fs: list[float] = []
    if rows:
        for _ in range(resamples):
            p, r, f = _ratios(rng.choices(rows, k=len(rows)))
            # A draw with no prediction (or no gold) has no precision (recall): left out.
            if p is not None:
                ps.append(p)
            if r is not None:
                rs.append(r)
            if f is not None:
                fs.append(f)
    return Intervals(_percentiles(ps), _percentiles(rs), _percentiles(fs), resamples, seed)
