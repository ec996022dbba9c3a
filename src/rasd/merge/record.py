"""The canonical record's reconciled fields: tolls, actor order and the English note.

Reports of one event disagree on the toll (a first count, a claim, a denial, a toll
that rose), on which side attacked (one outlet's subject is another's object) and
so on. A canonical event takes (``docs/codebook.md``, "Merging and tolls"):

- fatalities: ``low`` the lowest credible figure (a party's claim is not credible
  while a figure not claimed exists; a denial with no figure makes it 0),
  ``high`` the highest figure any report gives, ``best`` the figure of the latest
  report that updates the toll (``ارتفعت حصيلة … إلى``), otherwise the lowest
  credible figure (ACLED's conservative figure). A report silent on deaths is no
  figure at all, not a figure of zero;
- actor order: the order most reports give the two actors (the attacker first);
- the note: written from the canonical fields themselves, so it never tells
  another toll, place or day than the record does.

The cues of updates, claims and denials are data (``data/merge_toll_cues.tsv``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from rasd.errors import MergeError
from rasd.models import Actor, Event, Fatalities

TOLL_KINDS = ("update", "claim", "denial")
_CUES_FILE = "merge_toll_cues.tsv"


@cache
def toll_cues() -> tuple[tuple[str, str], ...]:
    """(match-normalised phrase, kind) pairs of ``data/merge_toll_cues.tsv``, checked."""
    from importlib.resources import files

    from rasd.clean.normalize import normalize_for_match

    text = files("rasd").joinpath("data", _CUES_FILE).read_text(encoding="utf-8")
    out = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) != 2 or not cols[0] or cols[1] not in TOLL_KINDS:
            raise MergeError(f"{_CUES_FILE}:{n}: expected phrase<TAB>{'|'.join(TOLL_KINDS)}")
        out.append((normalize_for_match(cols[0]), cols[1]))
    return tuple(out)


# What may stand before a cue inside its word: the conjunction ("وزعمت", "فنفى") and the
# preposition of a noun cue ("بارتفاع حصيلة"); after it: an attached object pronoun
# ("نفته"), nothing else. A cue read as a bare prefix took "تنفيذ" (carrying out an
# attack) for the denial "تنفي" and "زعماء" (leaders) for the claim "زعم", and missed
# every cue told after "و".
_CONJUNCTIONS = "وف"
_PREPOSITION = "ب"
_PRONOUN_SUFFIXES = ("", "ه", "ها", "هم", "هما", "هن")
# A cue's "*": up to three words between its parts, for the noun-first order ("حصيلة
# ضحاياه ارتفعت إلى", "عدد القتلى المدنيين ارتفع").
_GAP = r"(?:\s+\S+){0,3}\s+"


def _phrase_pattern(phrase: str) -> str:
    return _GAP.join(re.escape(part.strip()) for part in phrase.split("*"))


@cache
def _cue_pattern() -> re.Pattern[str]:
    """One pattern over every cue, each a whole word (or words) of the text."""
    suffixes = "|".join(re.escape(s) for s in sorted(_PRONOUN_SUFFIXES, key=len, reverse=True))
    alts = "|".join(f"(?P<c{n}>{_phrase_pattern(phrase)})" for n, (phrase, _) in
                    enumerate(toll_cues()))
    return re.compile(
        rf"(?<!\w)[{_CONJUNCTIONS}]?{_PREPOSITION}?(?:{alts})(?:{suffixes})(?!\w)")


def toll_kinds(ev: Event) -> frozenset[str]:
    """The toll cues (update, claim, denial) an event's evidence sentences hold."""
    from rasd.clean.normalize import normalize_for_match

    cues = toll_cues()
    found = set()
    for evidence in ev.evidence:
        text = normalize_for_match(evidence.text)
        for m in _cue_pattern().finditer(text):
            group = m.lastgroup
            if group is not None:
                found.add(cues[int(group[1:])][1])
    return frozenset(found)


@dataclass(frozen=True, slots=True)
class _Figure:
    fat: Fatalities
    kinds: frozenset[str]
    published: date | None
    event_id: str

    def later(self) -> tuple[date, int, str]:
        """Sort key of "the latest report": publication day, then the higher figure."""
        return (self.published or date.min, self.fat.best, self.event_id)


def reconcile_tolls(reports: Iterable[tuple[Event, date | None]]) -> Fatalities:
    """The canonical fatalities of reports given as (event, publication date)."""
    figures: list[_Figure] = []
    denied = False
    for ev, published in reports:
        kinds = toll_kinds(ev)
        fat = ev.fatalities
        if "denial" in kinds and "update" not in kinds:
            # A report of a denial gives no figure of its own: "denied that any were
            # killed" names deaths only to deny them.
            denied = True
            continue
        if fat is None or fat.best <= 0:
            continue
        figures.append(_Figure(fat, kinds, published, ev.event_id))
    if not figures:
        return Fatalities(0, 0, 0)
    high = max(max(f.fat.high, f.fat.best) for f in figures)
    credible = [f for f in figures if "claim" not in f.kinds]
    if not credible:
        if denied:  # a claim that a party denies: none killed for certain
            return Fatalities(0, 0, high)
        credible = figures
    low = min(min(f.fat.low, f.fat.best) for f in credible)
    updates = [f for f in credible if "update" in f.kinds]
    best = (max(updates, key=_Figure.later).fat.best if updates
            else min(f.fat.best for f in credible))
    return Fatalities(best=best, low=min(low, best), high=max(high, best))


def _sides(ev: Event) -> tuple[set[str], set[str]]:
    one = {a.id for a in (ev.actor1, *ev.assoc_actor1) if a is not None}
    two = {a.id for a in (ev.actor2, *ev.assoc_actor2) if a is not None}
    return one, two


def majority_order(rep: Event, events: Sequence[Event]) -> bool:
    """Whether the reports put ``rep``'s two actors the other way round, by majority:
    each report naming one of them on a side votes for the order it gives (ties keep
    ``rep``'s order)."""
    if rep.actor1 is None or rep.actor2 is None:
        return False
    x, y = rep.actor1.id, rep.actor2.id
    keep = swap = 0
    for ev in events:
        one, two = _sides(ev)
        keep += (x in one) + (y in two)
        swap += (y in one) + (x in two)
    return swap > keep


def ordered_actors(rep: Event, events: Sequence[Event],
                   ) -> tuple[Actor | None, Actor | None, tuple[Actor, ...], tuple[Actor, ...]]:
    """``rep``'s actors (actor1, actor2, their associates) in the reports' majority order."""
    if majority_order(rep, events):
        return rep.actor2, rep.actor1, rep.assoc_actor2, rep.assoc_actor1
    return rep.actor1, rep.actor2, rep.assoc_actor1, rep.assoc_actor2


def canonical_note(ev: Event, *, reports: int, sources: int) -> str:
    """The English note of a canonical event, from its fields alone."""
    when = ""
    if ev.date is not None:
        when = (f"On {ev.date.start.isoformat()}, " if ev.date.precision == 1 else
                f"Between {ev.date.start.isoformat()} and {ev.date.end.isoformat()}, ")
    a1 = ev.actor1.name if ev.actor1 else "Unknown actor"
    against = f" against {ev.actor2.name}" if ev.actor2 else ""
    where = ""
    if ev.location is not None:
        loc = ev.location
        admin = f", {loc.admin1}" if loc.admin1 and loc.admin1 != loc.name else ""
        where = f" {'near' if loc.precision == 2 else 'in'} {loc.name}{admin} ({loc.country})"
    text = f"{when}{a1}: {ev.sub_event_type.lower()}{against}{where}."
    fat = ev.fatalities
    if fat is not None and fat.best:
        text += f" {fat.best} reported fatalities"
        text += f" (reports give {fat.low} to {fat.high})." if fat.low != fat.high else "."
    elif fat is not None and fat.high:
        text += f" No fatalities confirmed (claims of up to {fat.high})."
    if ev.status == "background":
        text += " (background event recalled by the articles)"
    if reports > 1:
        text += (f" Merged from {reports} reports"
                 f" by {sources} source{'s' if sources != 1 else ''}.")
    return text[0].upper() + text[1:]
