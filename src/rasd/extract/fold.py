"""Folding the candidate events of one article: one event per sub-type, actor pair,
place and day, and the vaguer duplicates of a specific event dropped.

Kept apart from the walk in ``extract`` because it sees whole articles, not
sentences: what was assembled sentence by sentence is merged here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rasd.geo.geodesy import haversine_km
from rasd.models import Actor, DateSpan, Evidence, PlaceMention, Sentence


@dataclass
class Candidate:
    """An event being assembled from one or more sentences of one article."""

    event_type: str
    sub_event_type: str
    role: str
    actor1: Actor | None
    actor2: Actor | None
    assoc1: tuple[Actor, ...]
    place: PlaceMention | None
    date: DateSpan | None
    background: bool
    trigger: str
    sentence: Sentence
    explicit_date: bool = False
    # Told by a definite noun (``عملية الخطف``، ``التفجير في البياع``): an act the reader
    # already knows of, so a retelling when an earlier sentence coded it.
    retold: bool = False
    evidence: list[Sentence] = field(default_factory=list)
    # Killed counts (best, low, high) by the index of the sentence that told
    # them: counts in one sentence add up (both sides of a clash), a sentence
    # retelling the event does not add to another, a continuation does.
    deaths: dict[int, list[tuple[int, int, int]]] = field(default_factory=dict)
    extra_deaths: list[tuple[int, int, int]] = field(default_factory=list)
    # Tolls another source gives for the same deaths (``غير أن مصادر محلية قالت إن
    # عدد القتلى بلغ 15``): they widen low/high, the best figure stays conservative.
    alt_deaths: list[tuple[int, int, int]] = field(default_factory=list)
    # Provenance: rule ids by the field they decided ("event", "actor1", ...).
    rules: dict[str, list[str]] = field(default_factory=dict)
    # Starts of the evidence sentences (one article: a start names a sentence), so
    # adding evidence stays O(1) when a long text retells one event many times.
    _evidence_at: set[int] = field(default_factory=set, repr=False, compare=False)

    def note(self, field_name: str, *rule_ids: str) -> None:
        """Record that ``rule_ids`` decided ``field_name`` (each id once, in order)."""
        ids = self.rules.setdefault(field_name, [])
        ids.extend(r for r in rule_ids if r not in ids)

    def add_evidence(self, s: Sentence) -> None:
        """Add ``s`` to the evidence unless it is there already."""
        if len(self._evidence_at) != len(self.evidence):
            self._evidence_at = {e.start for e in self.evidence}
        if s.start not in self._evidence_at:
            self._evidence_at.add(s.start)
            self.evidence.append(s)



NEAR_KM = 3.0  # a neighbourhood and its town, a bridge and its town: one place


def _km(a: PlaceMention, b: PlaceMention) -> float:
    return haversine_km(a.place.lat, a.place.lon, b.place.lat, b.place.lon)


def pair(c: Candidate) -> frozenset[str]:
    return frozenset(a.id for a in (c.actor1, c.actor2) if a is not None)


def _same_place(a: Candidate, b: Candidate) -> bool:
    if a.place is None or b.place is None:
        return a.place is b.place
    return a.place.place.id == b.place.place.id or _km(a.place, b.place) <= NEAR_KM


def _same_day(a: Candidate, b: Candidate) -> bool:
    """Dates agree, or one of them was not told (the article's window)."""
    if not (a.explicit_date and b.explicit_date):
        return True
    return a.date == b.date


def _took_that_day(take: Candidate, clash: Candidate) -> bool:
    """The take-over is the outcome of that clash: told with it, or dated alike. An
    undated take in another sentence may be an older one recalled (``بعد أقل من شهر
    على طرد التنظيم من هجين``) and does not swallow a dated clash."""
    if take.sentence == clash.sentence or take.explicit_date == clash.explicit_date:
        return _same_day(take, clash)
    return False


def _absorb(kept: Candidate, c: Candidate) -> None:
    for s in c.evidence:
        kept.add_evidence(s)
    for idx, counts in c.deaths.items():
        kept.deaths.setdefault(idx, counts)
    kept.extra_deaths.extend(c.extra_deaths)
    kept.alt_deaths.extend(c.alt_deaths)
    kept.background = kept.background and c.background
    if c.explicit_date and not kept.explicit_date:
        kept.date, kept.explicit_date = c.date, True
    if kept.place and c.place and (c.place.precision, -c.place.place.population) < (
            kept.place.precision, -kept.place.place.population):
        kept.place = c.place
    kept.assoc1 = tuple(dict.fromkeys(kept.assoc1 + c.assoc1))
    for name, ids in c.rules.items():
        kept.note(name, *ids)
    kept.note("event", "fold/same-event")


def fold(cands: list[Candidate]) -> list[Candidate]:
    """One event per sub-type, actor pair, place and day within an article.

    Dated mentions absorb undated retellings of the same act; places a few
    kilometres apart (a neighbourhood, a bridge and their town) are one place;
    the fight for a place that changed hands is part of the take-over.
    """
    out: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (not c.explicit_date, c.sentence.start)):
        for kept in out:
            if (kept.sub_event_type == c.sub_event_type and pair(kept) == pair(c)
                    and kept.background == c.background
                    and _same_place(kept, c) and _same_day(kept, c)):
                _absorb(kept, c)
                break
        else:
            out.append(c)
    out = _join_retellings(out)
    takes = [c for c in out if c.role == "take"]
    merged: list[Candidate] = []
    for c in out:
        fought = [t for t in takes if _same_place(t, c) and _took_that_day(t, c)
                  and pair(t) & pair(c) and t.background == c.background]
        if c.sub_event_type == "Armed clash" and fought:
            take = fought[0]
            _absorb(take, c)
            continue
        merged.append(c)
    merged.sort(key=lambda c: c.sentence.start)
    return [c for c in merged if not (c.background and c.date is None)]


def _join_retellings(cands: list[Candidate]) -> list[Candidate]:
    """A later undated mention of an act by a definite noun (``وذكر أن عملية الخطف تمت
    قرب إعزاز``، ``وادعى التنظيم أن التفجير في البياع استهدف ...``) is the act an earlier
    sentence coded at that place, even when the sides it names are partly others (the
    source's account of the target, the claimant): one side in common is enough. The
    place must be the same one, not a neighbour (two villages shelled are two acts)."""
    out: list[Candidate] = []
    for c in sorted(cands, key=lambda c: c.sentence.start):
        if c.retold and not c.explicit_date:
            kept = next((k for k in out if k.sub_event_type == c.sub_event_type
                         and k.sentence.start < c.sentence.start
                         and k.background == c.background and pair(k) & pair(c)
                         and k.place is not None and c.place is not None
                         and k.place.place.id == c.place.place.id), None)
            if kept is not None:
                _absorb(kept, c)
                continue
        out.append(c)
    return out


def _vague(m: PlaceMention) -> bool:
    """A governorate, a region, or a city's countryside (``ريف دير الزور``)."""
    return (m.place.kind not in ("populated place", "facility") or m.precision == 3
            or (m.cue is not None and "ريف" in m.cue))


def drop_vaguer(cands: list[Candidate]) -> list[Candidate]:
    """Drop a region-level event when the article codes the same act at a place inside it
    (a summary sentence over the detailed ones); its figures are not split up."""
    keep = []
    for c in cands:
        if c.place is None or not _vague(c.place):
            keep.append(c)
            continue
        region = c.place.place
        inside = [o for o in cands if o is not c and o.place is not None
                  and o.sub_event_type == c.sub_event_type
                  and not _vague(o.place)
                  and o.place.place.admin1 == region.admin1
                  and pair(o) & pair(c)]
        if not inside:
            keep.append(c)
    return keep


def evidence_of(c: Candidate, *, doc_name: str) -> tuple[Evidence, ...]:
    return tuple(Evidence(doc_id=doc_name, text=s.text, start=s.start, end=s.end)
                 for s in sorted(c.evidence, key=lambda s: s.start))


