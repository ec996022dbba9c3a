"""Scoring merging against a gold set's incident clusters (``rasd eval --merge``).

``rasd eval`` pairs each report-level prediction with a gold event of its
article. Merging is then scored over every pair of paired reports from two
different articles: the gold events' ``cluster`` ids say whether the two
articles tell one incident (a gold event without a cluster is an incident of
its own), the predictions' ``canonical_id`` whether rasd merged them.

- same cluster, same canonical event: a true merge;
- different clusters, same canonical event: a false merge;
- same cluster, different canonical events: a missed merge.

Pairwise precision is true / (true + false), recall true / (true + missed).
Two reports of one article merged into one canonical event are counted apart
(``same_article``): merging must not join them, so any is a fault, whatever the
gold says. The gold pairs of one incident whose reports were not both paired
are counted too (``gold_pairs``): they show how much of the incidents the
figures cover, which extraction decides, not merging.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING, Any

from rasd.errors import EvalError

if TYPE_CHECKING:
    from rasd.evaluate.gold import ScoredEvent
    from rasd.evaluate.score import EvalReport, Pair

_KINDS = ("true", "false", "missed")


@dataclass(frozen=True, slots=True)
class MergePair:
    """Two paired reports of different articles and how merging treated them."""

    kind: str  # "true", "false" or "missed"
    a: Pair
    b: Pair


@dataclass(frozen=True, slots=True)
class MergeScore:
    true: int
    false: int
    missed: int
    gold_pairs: int  # same-incident gold pairs across articles, paired or not
    same_article: int  # reports of one article in one canonical event
    pairs: tuple[MergePair, ...]  # true, false and missed merges, in a stable order

    @property
    def precision(self) -> float | None:
        n = self.true + self.false
        return self.true / n if n else None

    @property
    def recall(self) -> float | None:
        n = self.true + self.missed
        return self.true / n if n else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0


def _incident(g: ScoredEvent) -> str:
    # A gold event without a cluster is an incident told by its article alone.
    return g.cluster if g.cluster is not None else f"\x00{g.origin}"


def _gold_pairs(gold: list[ScoredEvent]) -> int:
    by_cluster: dict[str, list[ScoredEvent]] = {}
    for g in gold:
        if g.cluster is not None:
            by_cluster.setdefault(g.cluster, []).append(g)
    return sum(1 for members in by_cluster.values()
               for a, b in combinations(members, 2) if a.doc_id != b.doc_id)


def merge_score(report: EvalReport, gold: list[ScoredEvent] | None = None) -> MergeScore:
    """Pairwise merge figures over the report's paired predictions.

    ``gold``: the gold events in scope, for ``gold_pairs`` (0 when None). Raises
    :class:`EvalError` when a paired prediction has no ``canonical_id``: the file
    is then not a report-level export of a merged store.
    """
    pairs = sorted(report.pairs, key=lambda p: (p.pred.doc_id, p.pred.origin))
    for p in pairs:
        if p.pred.canonical_id is None:
            raise EvalError(f"{p.pred.origin}: no 'canonical_id' (--merge scores a "
                            "report-level export: rasd export --level report)")
    counts = dict.fromkeys(_KINDS, 0)
    same_article = 0
    out: list[MergePair] = []
    for a, b in combinations(pairs, 2):
        merged = a.pred.canonical_id == b.pred.canonical_id
        if a.pred.doc_id == b.pred.doc_id:
            same_article += merged
            continue
        one = _incident(a.gold) == _incident(b.gold)
        kind = ("true" if one else "false") if merged else ("missed" if one else "")
        if kind:
            counts[kind] += 1
            out.append(MergePair(kind, a, b))
    return MergeScore(counts["true"], counts["false"], counts["missed"],
                      _gold_pairs(gold or []), same_article, tuple(out))


def _ratio(v: float | None) -> str:
    return "-" if v is None else f"{v:.3f}"


def merge_lines(score: MergeScore, *, summary: bool = False) -> list[str]:
    """The merge figures as text; without ``summary`` every false and missed merge."""
    from rasd.evaluate.report import event_line

    lines = [
        "Merging (pairs of paired reports from different articles)",
        f"  true merges {score.true}, false merges {score.false}, "
        f"missed merges {score.missed}",
        f"  precision {_ratio(score.precision)}  recall {_ratio(score.recall)}  "
        f"F1 {_ratio(score.f1)}",
        f"  same-incident gold pairs across articles: {score.gold_pairs} "
        f"({score.true + score.missed} with both reports paired)",
        f"  reports of one article merged together: {score.same_article}",
    ]
    if summary:
        return lines
    for kind, title in (("false", "False merges"), ("missed", "Missed merges")):
        chosen = [mp for mp in score.pairs if mp.kind == kind]
        if not chosen:
            continue
        lines.append(f"{title} ({len(chosen)})")
        for mp in chosen:
            lines.append(f"  gold {mp.a.gold.cluster or '-'} / {mp.b.gold.cluster or '-'}; "
                         f"canonical {mp.a.pred.canonical_id} / {mp.b.pred.canonical_id}")
            lines.append(f"    {event_line(mp.a.pred)}")
            lines.append(f"    {event_line(mp.b.pred)}")
    return lines


def merge_to_json(score: MergeScore, *, summary: bool = False) -> dict[str, Any]:
    """The merge figures as a JSON-ready object; without ``summary`` the false and missed
    merges too."""
    from rasd.evaluate.report import event_to_json

    def r4(v: float | None) -> float | None:
        return None if v is None else round(v, 4)

    out: dict[str, Any] = {
        "true": score.true, "false": score.false, "missed": score.missed,
        "precision": r4(score.precision), "recall": r4(score.recall), "f1": r4(score.f1),
        "gold_pairs": score.gold_pairs, "same_article": score.same_article,
    }
    if summary:
        return out
    out["errors"] = [
        {"kind": mp.kind,
         "gold_clusters": [mp.a.gold.cluster, mp.b.gold.cluster],
         "canonical_ids": [mp.a.pred.canonical_id, mp.b.pred.canonical_id],
         "reports": [event_to_json(mp.a.pred), event_to_json(mp.b.pred)]}
        for mp in score.pairs if mp.kind != "true"]
    return out
