"""Report-level events for the merge tests, built from a few fields.

Each merge test file binds its own defaults (``functools.partial``): the place, the
actors and the wire sentence of the incident its cases vary.
"""

from __future__ import annotations

from datetime import date

from rasd.models import (
    Actor,
    DateSpan,
    Event,
    Evidence,
    Fatalities,
    Location,
    Report,
    SubPlace,
)


def places_told(text: str) -> tuple[SubPlace, ...]:
    """The places ``text`` names as extraction annotates them on the analysed document
    (:mod:`rasd.extract.sub_places`), all its sentences taken as an event's evidence."""
    from extract_text import shared_extractor, text_document
    from rasd.extract.sub_places import sub_places

    analysis, places, _ = shared_extractor().analyse(text_document(text, None))
    evidence = tuple(Evidence("t", s.text, s.start, s.end) for s in analysis.sentences)
    ev = Event("t", "t", "current", "", "", None, None, None, None, None, evidence)
    return sub_places(ev, places, analysis)


def build_report(rid: str, *, etype: str, sub: str, a1: Actor | None, a2: Actor | None,
                 loc: Location, day: int, published: int, window: bool = False,
                 killed: int = 0, text: str, annotate: bool = False) -> Report:
    """A report of an article published on July ``published``, 2015; ``window`` gives
    it the news-window date (the day before publication to publication); ``annotate``
    gives it the places its sentence names (:func:`places_told`), as extraction does."""
    span = (DateSpan(date(2015, 7, published - 1), date(2015, 7, published), 2) if window
            else DateSpan(date(2015, 7, day), date(2015, 7, day), 1))
    doc = f"doc-{rid}"
    ev = Event(event_id=rid, doc_id=doc, status="current", event_type=etype,
               sub_event_type=sub, actor1=a1, actor2=a2, location=loc, date=span,
               fatalities=Fatalities(killed, killed, killed),
               evidence=(Evidence(doc, text, 0, len(text)),),
               sub_places=places_told(text) if annotate else ())
    return Report(ev, doc, f"outlet-{rid}", date(2015, 7, published))
