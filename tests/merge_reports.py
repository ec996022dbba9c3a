"""Report-level events for the merge tests, built from a few fields.

Each merge test file binds its own defaults (``functools.partial``): the place, the
actors and the wire sentence of the incident its cases vary.
"""

from __future__ import annotations

from datetime import date

from rasd.models import Actor, DateSpan, Event, Evidence, Fatalities, Location, Report


def build_report(rid: str, *, etype: str, sub: str, a1: Actor | None, a2: Actor | None,
                 loc: Location, day: int, published: int, window: bool = False,
                 killed: int = 0, text: str) -> Report:
    """A report of an article published on July ``published``, 2015; ``window`` gives
    it the news-window date (the day before publication to publication)."""
    span = (DateSpan(date(2015, 7, published - 1), date(2015, 7, published), 2) if window
            else DateSpan(date(2015, 7, day), date(2015, 7, day), 1))
    doc = f"doc-{rid}"
    ev = Event(event_id=rid, doc_id=doc, status="current", event_type=etype,
               sub_event_type=sub, actor1=a1, actor2=a2, location=loc, date=span,
               fatalities=Fatalities(killed, killed, killed),
               evidence=(Evidence(doc, text, 0, len(text)),))
    return Report(ev, doc, f"outlet-{rid}", date(2015, 7, published))
