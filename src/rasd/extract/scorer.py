"""A learned keep/drop scorer over the events the rules propose (issue 14).

The rules find a candidate event wherever a trigger, a place and the
sentence's shape allow; on real news about half of them are not events a
coder would code (statements, tallies, analysis, an incident told twice).
The scorer is a logistic model over what the rules already say about each
candidate, never over the words themselves (a document is analysed once and
the scorer adds no reading of its own):

- which rules produced the event and each of its fields (``Event.rules``);
- its type and sub-type, status, the ``inter`` codes of its actors, the
  precision of its place and date, whether it has a toll;
- where it sits: how far into the article its evidence starts, how many
  events the article and the evidence sentence give.

It is trained by ``rasd train`` from any coded gold file (``rasd.evaluate.train``)
and shipped as a small JSON file of named weights (``data/scorer.json``), so
an analyst can retrain it for a new conflict by coding a few dozen articles.
An event scored below the file's threshold is dropped; a kept event records
the scorer and its probability in ``rules["scorer"]``.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from rasd.errors import ExtractError
from rasd.models import Event

FORMAT = 1
SCORER_FILE = "scorer.json"
PACKAGED: Literal["packaged"] = "packaged"
# The evidence of an event this close to the article's start is in its lead.
LEAD_CHARS = 200


def _evidence_start(ev: Event) -> int | None:
    return min((e.start for e in ev.evidence), default=None)


def features(ev: Event, *, doc_events: int, same_sentence: int,
             text_length: int) -> dict[str, float]:
    """The named features of one candidate event (the scorer's and the trainer's)."""
    out: dict[str, float] = {
        "type=" + ev.event_type: 1.0,
        "sub=" + ev.sub_event_type: 1.0,
        "status=" + ev.status: 1.0,
        "fatalities>0": 1.0 if ev.fatalities is not None and ev.fatalities.best else 0.0,
        "log_doc_events": math.log1p(doc_events),
        "log_same_sentence": math.log1p(same_sentence),
    }
    for name, actor in (("actor1", ev.actor1), ("actor2", ev.actor2)):
        out[f"{name}.inter={actor.inter if actor else 'none'}"] = 1.0
    loc = ev.location
    out["place.precision=" + (str(loc.precision) if loc else "none")] = 1.0
    out["date.precision=" + (str(ev.date.precision) if ev.date else "none")] = 1.0
    for part, rules in ev.rules.items():
        if part == "scorer":
            continue
        for rule in rules:
            out[f"rule:{part}={rule}"] = 1.0
            # The rule's family (``geo/exact``, ``trigger``) generalises over its
            # words, which a few dozen articles cannot all show.
            family = rule.split(":", 1)[0].rsplit("/", 1)[0] if "/" in rule else rule
            out[f"family:{part}={family}"] = 1.0
    start = _evidence_start(ev)
    if start is not None:
        out["evidence_position"] = start / max(1, text_length)
        out["evidence_in_lead"] = 1.0 if start < LEAD_CHARS else 0.0
    return out


def _place(ev: Event) -> str | None:
    return ev.location.name if ev.location else None


def document_features(events: Sequence[Event], text_length: int,
                      published: date | None = None) -> list[dict[str, float]]:
    """:func:`features` of each of one document's candidate events, with what the
    document's other candidates say about it: how many share its type and place (an
    incident told twice), whether its place is the article's most named one, and how
    many days before publication it ends."""
    per_sentence = Counter(_evidence_start(ev) for ev in events)
    same = Counter((ev.event_type, _place(ev)) for ev in events)
    places = Counter(_place(ev) for ev in events if ev.location)
    top = places.most_common(1)[0][0] if places else None
    seen: Counter[tuple[str, str | None]] = Counter()
    out = []
    for ev in events:
        f = features(ev, doc_events=len(events), same_sentence=per_sentence[_evidence_start(ev)],
                     text_length=text_length)
        key = (ev.event_type, _place(ev))
        f["log_same_type_place"] = math.log(same[key])
        f["repeat_of_type_place"] = 1.0 if seen[key] else 0.0
        seen[key] += 1
        f["place_is_top"] = 1.0 if ev.location and _place(ev) == top else 0.0
        if published is not None and ev.date is not None:
            days = (published - ev.date.end).days
            f["days_before=" + next(name for limit, name in DAY_BANDS if days <= limit)] = 1.0
        out.append(f)
    return out


# How long before publication an event ended, in bands (name, up to that many days).
DAY_BANDS = ((-1, "after"), (1, "0-1"), (3, "2-3"), (10, "4-10"), (60, "11-60"),
             (10**6, "over-60"))


@dataclass(frozen=True, slots=True)
class Scorer:
    """A logistic model: P(kept) = sigmoid(bias + sum of the weights of the features)."""

    weights: Mapping[str, float]
    bias: float
    threshold: float
    meta: Mapping[str, Any] = field(default_factory=dict)

    def probability(self, feats: Mapping[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def keep(self, events: Sequence[Event], text_length: int,
             published: date | None = None) -> list[Event]:
        """The events scored at or above the threshold, each saying its probability."""
        kept = []
        for ev, feats in zip(events, document_features(events, text_length, published),
                             strict=True):
            p = self.probability(feats)
            if p >= self.threshold:
                kept.append(replace(ev, rules={**ev.rules, "scorer": (f"scorer/keep:{p:.2f}",)}))
        return kept

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "bias": self.bias, "threshold": self.threshold,
                "meta": dict(self.meta),
                "weights": {k: self.weights[k] for k in sorted(self.weights)}}


def scorer_from_json(data: object, *, origin: str = "scorer") -> Scorer:
    """A scorer from its JSON form; a malformed file is an error naming what is wrong."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ExtractError(f"{origin}: not a rasd scorer file of format {FORMAT}")
    weights = data.get("weights")
    bias, threshold = data.get("bias"), data.get("threshold")
    if not isinstance(weights, dict) or not all(
            isinstance(k, str) and isinstance(v, int | float) for k, v in weights.items()):
        raise ExtractError(f"{origin}: 'weights' must map feature names to numbers")
    if not isinstance(bias, int | float) or not isinstance(threshold, int | float) \
            or not 0.0 <= threshold <= 1.0:
        raise ExtractError(f"{origin}: 'bias' must be a number and 'threshold' within 0..1")
    meta = data.get("meta", {})
    return Scorer({k: float(v) for k, v in weights.items()}, float(bias), float(threshold),
                  meta if isinstance(meta, dict) else {})


def read_scorer(path: str | Path) -> Scorer:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ExtractError(f"cannot read scorer {path}: {exc}") from exc
    return scorer_from_json(data, origin=str(path))


@cache
def packaged_scorer() -> Scorer | None:
    """The scorer shipped in ``rasd/data`` (None when the package has none)."""
    entry = resources.files("rasd") / "data" / SCORER_FILE
    if not entry.is_file():
        return None
    return scorer_from_json(json.loads(entry.read_text(encoding="utf-8")),
                            origin=f"rasd/data/{SCORER_FILE}")


ScorerChoice = Scorer | Literal["packaged"] | None
"""What an extractor filters its candidates with: a scorer, the packaged one, or none."""


def resolve_scorer(choice: ScorerChoice) -> Scorer | None:
    return packaged_scorer() if choice == PACKAGED else choice
