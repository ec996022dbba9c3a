"""The places an event's evidence sentences name, carried on the event for merging.

An event's own place is one (event-coding.md §4 lifts a quarter to its city: the
shelling of دار سعد is coded at Aden), but outlets tell the acts of one large city
apart by the quarter hit or the side of the city fought over (``الأحياء الشمالية من
مدينة عدن``، ``شمال عدن``). Extraction has found every place the article names on the
analysed document (the geocoder's mentions); this module reads, for each event, those
its evidence sentences name, each with the side of it named just before the name,
into :class:`rasd.models.SubPlace` records. Merging (:mod:`rasd.merge.fronts`) reads
the field; it never reads the sentences' words again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from rasd.clean.analysis import Analysis, Token
from rasd.clean.word_sets import word_set
from rasd.models import Event, PlaceMention, Side, SubPlace

# The sides of a place, by the stem of their words (شمال، الشمالية، شمالي، شمالا …), and
# the words that may stand between a side and the place's name: "الشمالية من مدينة عدن"
# (data/word_sets.tsv).
_SIDE_NAMES: tuple[Side, ...] = ("north", "south", "east", "west")
_SIDES: dict[str, Side] = {stem: side for side in _SIDE_NAMES
                           for stem in word_set(f"side_{side}")}
_BETWEEN = word_set("front_link")
# How many tokens before the name a side may stand, those words between.
_SIDE_REACH = 3


def side_word(form: str) -> Side | None:
    """The side a word names (``شمال``، ``الشمالية`` without its article: north), or None."""
    for stem, side in _SIDES.items():
        if form.startswith(stem) and len(form) <= len(stem) + 2:
            return side
    return None


def _side_before(tokens: Sequence[Token], j: int) -> Side | None:
    """The side named just before token ``j`` (words of :data:`_BETWEEN` skipped); one
    after the name is the place's own place in its country ("عدن جنوب اليمن"), and one
    further off is another clause's ("تقدمت شمالا نحو لحج")."""
    i = j - 1
    while i >= 0 and i >= j - _SIDE_REACH and set(tokens[i].forms) & _BETWEEN:
        i -= 1
    if i < 0:
        return None
    # The first side any form of the word names (its forms: with and without clitics).
    return next((s for s in map(side_word, tokens[i].forms) if s), None)


def _named(tokens: Sequence[Token], m: PlaceMention) -> bool:
    """Whether the mention is a name, not a side word read as a place (a village
    called شمال)."""
    words = [t for t in tokens if m.start <= t.start < m.end]
    return not any(side_word(f) for t in words for f in t.forms)


def sub_places(ev: Event, places: Sequence[PlaceMention],
               analysis: Analysis) -> tuple[SubPlace, ...]:
    """The places ``ev``'s evidence sentences name (document order, each place and
    side once): ``places`` are the document's place mentions as extraction kept them
    (before any was lifted to its city), ``analysis`` the analysed document."""
    starts = {e.start for e in ev.evidence}
    out: dict[tuple[str, Side | None], SubPlace] = {}
    for sentence in analysis.sentences:
        if sentence.start not in starts:
            continue
        tokens = analysis.tokens(sentence)
        for m in places:
            if not sentence.start <= m.start < sentence.end or not _named(tokens, m):
                continue
            j = next((t.index for t in tokens if t.end > m.start), None)
            if j is None:
                continue
            side = _side_before(tokens, j)
            # A quarter coded at its city (``حي التواهي``) is the quarter told.
            p = m.part or m.place
            out.setdefault((p.id, side), SubPlace(
                gazetteer_id=p.id, name_ar=p.name_ar, kind=p.kind, lat=p.lat, lon=p.lon,
                side=side))
    return tuple(out.values())


def with_sub_places(events: Sequence[Event], places: Sequence[PlaceMention],
                    analysis: Analysis) -> list[Event]:
    """``events`` each carrying the places its evidence names (:func:`sub_places`)."""
    return [replace(ev, sub_places=sub_places(ev, places, analysis)) for ev in events]
