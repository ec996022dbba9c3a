"""Turning an assembled candidate into the output ``Event`` record.

Kept apart from the walk in ``extract`` because it is pure bookkeeping:
the fatality arithmetic of event-coding.md §6, the stable id, the English
note.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from rasd.models import Actor, Document, Event, Evidence, Fatalities, Location

if TYPE_CHECKING:
    from rasd.extract.fold import Candidate


def combine_deaths(candidate: Candidate) -> Fatalities:
    """Per sentence the counts add up; across sentences retelling the event the largest
    sentence total stands (the lead and the body tell one toll); continuations add,
    unless they repeat a figure already told for the event."""
    best = low = high = 0
    told: set[int] = set()
    for counts in candidate.deaths.values():
        told.update(c[0] for c in counts)
        b = sum(c[0] for c in counts)
        told.add(b)
        if b > best:
            best, low, high = b, sum(c[1] for c in counts), sum(c[2] for c in counts)
    for b, lo, hi in candidate.extra_deaths:
        if b > 0 and b in told:
            # ``مقتل ثمانية عشر حوثياً`` told by the source after the lead told the 18:
            # the same figure told again is the same dead, not more of them.
            continue
        told.add(b)
        best, low, high = best + b, low + lo, high + hi
    for b, lo, hi in candidate.alt_deaths:
        low, high = min(low, lo, b), max(high, hi, b)
    return Fatalities(best=best, low=min(low, best), high=max(high, best))


def event_id(doc: Document, c: Candidate) -> str:
    """A stable id from the fields that make an event one (the fold's key and its status).

    The document part is its content id, not its name: one text is one report
    whichever record carried it first (two writers racing to store it agree).
    """
    parts = [doc.id, c.sub_event_type, "background" if c.background else "current",
             c.actor1.id if c.actor1 else "-", c.actor2.id if c.actor2 else "-",
             c.place.place.id if c.place else "-",
             c.date.start.isoformat() if c.date else "-",
             c.date.end.isoformat() if c.date else "-"]
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:16]


def build_events(candidates: Sequence[Candidate], *, doc: Document) -> list[Event]:
    """The events of a document's folded candidates, every id unique within it.

    Candidates the fold kept apart can still share the id's fields (one place
    named at two precisions, one date read as two spans); the later ones get a
    numbered suffix, in document order, so stored and exported ids stay keys.
    """
    events: list[Event] = []
    seen: Counter[str] = Counter()
    for c in candidates:
        ev = build_event(c, doc=doc)
        seen[ev.event_id] += 1
        if seen[ev.event_id] > 1:
            ev = replace(ev, event_id=f"{ev.event_id}-{seen[ev.event_id]}")
        events.append(ev)
    return events


_VERBS = {
    "Armed clash": "clashed with",
    "Government regains territory": "regained territory from",
    "Non-state actor overtakes territory": "took territory from",
    "Air/drone strike": "carried out air/drone strikes on",
    "Shelling/artillery/missile attack": "shelled",
    "Remote explosive/landmine/IED": "hit with an explosive device",
    "Suicide bomb": "carried out a suicide bombing against",
    "Grenade": "threw a grenade at",
    "Attack": "attacked",
    "Abduction/forced disappearance": "abducted",
    "Peaceful protest": "protested",
    "Protest with intervention": "protested and were met by",
    "Violent demonstration": "rioted",
    "Mob violence": "carried out mob violence against",
    "Arrests": "arrested",
    "Agreement": "reached an agreement with",
    "Non-violent transfer of territory": "handed over territory to",
    "Disrupted weapons use": "disrupted weapons of",
    "Headquarters or base established": "established a base",
    "Looting/property destruction": "looted or destroyed property of",
}


def notes(c: Candidate, fatalities: Fatalities) -> str:
    a1 = c.actor1.name if c.actor1 else "Unknown actor"
    verb = _VERBS.get(c.sub_event_type, c.sub_event_type.lower())
    a2 = f" {c.actor2.name}" if c.actor2 else ""
    if c.sub_event_type in ("Peaceful protest", "Violent demonstration",
                            "Headquarters or base established"):
        a2 = f" (against {c.actor2.name})" if c.actor2 else ""
    where = ""
    if c.place is not None:
        p = c.place.place
        near = "near " if c.place.precision == 2 else "in "
        admin = f", {p.admin1}" if p.admin1 and p.admin1 != p.name else ""
        where = f" {near}{p.name}{admin} ({p.country})"
    when = ""
    if c.date is not None:
        when = (f"On {c.date.start.isoformat()}, " if c.date.precision == 1 else
                f"Between {c.date.start.isoformat()} and {c.date.end.isoformat()}, ")
    assoc = ""
    if c.assoc1:
        assoc = f", supported by {', '.join(a.name for a in c.assoc1)}"
    text = f"{when}{a1}{assoc} {verb}{a2}{where}."
    if fatalities.best:
        text += f" {fatalities.best} reported fatalities."
    if c.background:
        text += " (background event recalled by the article)"
    return text[0].upper() + text[1:]


def location_of(c: Candidate) -> Location | None:
    if c.place is None:
        return None
    from rasd.geo.hit_words import mention_to_location

    return mention_to_location(c.place)


def build_event(c: Candidate, *, doc: Document) -> Event:
    from rasd.extract.fold import evidence_of

    fatalities = combine_deaths(c)
    evidence: tuple[Evidence, ...] = evidence_of(c, doc_name=doc.name)
    assoc: tuple[Actor, ...] = c.assoc1
    return Event(
        event_id=event_id(doc, c),
        doc_id=doc.name,
        status="background" if c.background else "current",
        event_type=c.event_type,
        sub_event_type=c.sub_event_type,
        actor1=c.actor1,
        actor2=c.actor2,
        location=location_of(c),
        date=c.date,
        fatalities=fatalities,
        evidence=evidence,
        assoc_actor1=assoc,
        sources=(doc.source,) if doc.source else (),
        notes=notes(c, fatalities),
        extra={"trigger": c.trigger},
        rules=_field_rules(c),
    )


def _field_rules(c: Candidate) -> dict[str, tuple[str, ...]]:
    """The candidate's rule ids by field; a toll no sentence told is the rule
    ``deaths/none`` (zero killed, as event-coding.md counts it), so every field
    names the rule behind it."""
    rules = {k: tuple(v) for k, v in c.rules.items() if v}
    rules.setdefault("fatalities", ("deaths/none",))
    return rules


# The order fields are explained in.
_FIELDS = ("event", "actor1", "actor2", "location", "date", "fatalities")


def explain(ev: Event) -> list[str]:
    """Lines naming the rules behind ``ev`` and each of its fields, then the rasd
    version and ruleset hash that produced it (``rasd extract --explain``,
    ``rasd events show``)."""
    lines = []
    for name in (*_FIELDS, *sorted(set(ev.rules) - set(_FIELDS))):
        ids = ev.rules.get(name)
        if ids:
            lines.append(f"{name + ':':12}{', '.join(ids)}")
    lines.append(f"{'made by:':12}rasd {ev.rasd_version or '?'}, ruleset {ev.ruleset or '?'}")
    where = rule_locations()
    named = dict.fromkeys(i for ids in ev.rules.values() for i in ids if i in where)
    lines += [f"{'rule:':12}{i}  {where[i]}" for i in named]
    return lines


@cache
def rule_locations() -> dict[str, str]:
    """``file:line`` of each trigger, cue and event rule id in the package's rule files
    (what ``explain`` points a reader to; an event made by other files may differ)."""
    from rasd.extract.event_rules import load_event_rules
    from rasd.extract.lexicon import load_lexicon

    lex = load_lexicon()
    out = {t.rule_id: t.where for t in lex.triggers}
    out.update((c.rule_id, c.where) for c in lex.cues)
    out.update((r.rule_id, r.where) for r in load_event_rules().rules)
    return out
