"""``rasd train``: fit the keep/drop scorer (``rasd.extract.scorer``) to a coded gold set.

The rules propose candidate events in the gold set's articles; each candidate
is labelled by ``rasd eval``'s own pairing (kept: it pairs with a gold event;
dropped: it does not). A logistic model over the candidates' features learns
which ones a coder would keep.

Its figures come from cross-validation over articles, never from the articles a
model was fitted on: the articles are dealt into ``folds`` groups by a hash of
their ids (deterministic, whatever the input order); each group's candidates
are scored by a model fitted on the others, and ``rasd eval`` scores the kept
ones against the gold. The regularisation strength and the threshold are the
pair with the best cross-validated F1 (a choice made on the same folds, so the
figure is a little optimistic; the held-out set says how much). The shipped
model is then fitted on every article with that pair. Fitting is deterministic
(scikit-learn's lbfgs from zero), so the same gold and articles give the same file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rasd.errors import EvalError
from rasd.evaluate.gold import ScoredEvent, parse_event
from rasd.evaluate.score import Figures, evaluate
from rasd.extract.engine import Extractor
from rasd.extract.scorer import Scorer, document_features
from rasd.models import Document, Event

C_GRID = (0.03, 0.1, 0.3, 1.0)
THRESHOLDS = tuple(round(0.15 + 0.05 * i, 2) for i in range(9))  # 0.15 .. 0.55
FOLDS = 5


@dataclass(frozen=True, slots=True)
class Candidates:
    """The rules' candidate events of a set of articles, with features and labels."""

    events: list[Event]
    features: list[dict[str, float]]
    labels: list[int]
    doc_ids: list[str]


@dataclass(frozen=True, slots=True)
class TrainResult:
    scorer: Scorer
    without: Figures  # the rules alone, over the same articles
    cross_validated: Figures  # with the scorer, each fold scored by a model not fitted on it
    c: float
    threshold: float


def candidates(docs: Iterable[Document], gold: Sequence[ScoredEvent],
               scope: set[str]) -> tuple[Candidates, Figures]:
    """Every candidate of ``docs`` (extracted without a scorer), labelled by pairing."""
    extractor = Extractor(scorer=None)
    per_doc: dict[str, tuple[list[Event], list[dict[str, float]]]] = {}
    for doc in docs:
        if doc.name not in scope and doc.id not in scope:
            continue
        found = extractor.extract(doc)
        text = doc.clean_text if doc.clean_text is not None else doc.text
        per_doc[doc.name] = (found, document_features(found, len(text), doc.published))
    # In article order whatever the input order: the fit sums over candidates, and
    # floating-point sums depend on their order.
    events = [ev for name in sorted(per_doc) for ev in per_doc[name][0]]
    feats = [f for name in sorted(per_doc) for f in per_doc[name][1]]
    scored = [parse_event(ev.to_json()) for ev in events]
    report = evaluate(gold, scored, docs=scope)
    paired = {id(p.pred) for p in report.pairs}
    labels = [1 if id(s) in paired else 0 for s in scored]
    return Candidates(events, feats, labels, [ev.doc_id for ev in events]), report.overall


def fold_of(doc_id: str, folds: int) -> int:
    return int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:8], 16) % folds


def _fit(feats: Sequence[dict[str, float]], labels: Sequence[int], c: float) -> tuple[
        dict[str, float], float]:
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError as exc:
        raise EvalError("rasd train needs scikit-learn: pip install 'rasd[train]'") from exc
    if len(set(labels)) < 2:
        raise EvalError("cannot train: the candidates are all kept or all dropped")
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform(list(feats))
    model = LogisticRegression(C=c, solver="lbfgs", max_iter=10_000)
    model.fit(x, list(labels))
    names = vec.get_feature_names_out()
    weights = {str(n): float(w) for n, w in zip(names, model.coef_[0], strict=True)
               if abs(w) > 1e-9}
    return weights, float(model.intercept_[0])


def train(docs: Iterable[Document], gold: Sequence[ScoredEvent], scope: set[str], *,
          folds: int = FOLDS, c_grid: Sequence[float] = C_GRID,
          thresholds: Sequence[float] = THRESHOLDS,
          meta: dict[str, Any] | None = None) -> TrainResult:
    """Fit the scorer to ``gold`` over ``docs`` (the articles of the gold set's ``scope``)."""
    cand, without = candidates(docs, gold, scope)
    if not cand.events:
        raise EvalError("no candidate events in these articles: nothing to train on")
    scored = [parse_event(ev.to_json()) for ev in cand.events]
    groups = [fold_of(d, folds) for d in cand.doc_ids]
    best: tuple[float, float, float, Figures] | None = None  # (f1, c, threshold, figures)
    for c in c_grid:
        oof = [0.0] * len(cand.events)
        for k in range(folds):
            train_ix = [i for i, g in enumerate(groups) if g != k]
            test_ix = [i for i, g in enumerate(groups) if g == k]
            if not test_ix:
                continue
            weights, bias = _fit([cand.features[i] for i in train_ix],
                                 [cand.labels[i] for i in train_ix], c)
            model = Scorer(weights, bias, 0.0)
            for i in test_ix:
                oof[i] = model.probability(cand.features[i])
        for t in thresholds:
            kept = [s for s, p in zip(scored, oof, strict=True) if p >= t]
            fig = evaluate(gold, kept, docs=scope).overall
            if best is None or (fig.f1 or 0.0) > best[0] + 1e-12:
                best = (fig.f1 or 0.0, c, t, fig)
    assert best is not None
    _f1, c, threshold, cross = best
    weights, bias = _fit(cand.features, cand.labels, c)
    info = {**(meta or {}), "candidates": len(cand.events), "kept_by_gold": sum(cand.labels),
            "folds": folds, "C": c,
            "without": _figures(without), "cross_validated": _figures(cross)}
    return TrainResult(Scorer(weights, bias, threshold, info), without, cross, c, threshold)


def _figures(fig: Figures) -> dict[str, float | None]:
    return {"precision": _round(fig.precision), "recall": _round(fig.recall),
            "f1": _round(fig.f1)}


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)
