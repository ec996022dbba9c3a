"""rasd's public Python API, the one the CLI and the web layer build on.

Everything here is re-exported by the ``rasd`` package itself::

    import rasd
    events = rasd.extract("قُتل ثلاثة مدنيين في قصف جوي على مدينة إدلب أمس.")
    with rasd.open("sqlite:///rasd.db") as db:
        frame = db.events(country="SY").to_pandas()

``rasd.extract`` is the ``rasd.extract`` package made callable (see its
docstring); ``rasd.api.extract`` is the function it calls.
"""

from __future__ import annotations

from datetime import date

from rasd.api.database import Database, open
from rasd.api.filters import (
    DEFAULT_LEVEL,
    DEFAULT_STATUS,
    FILTERS,
    LEVELS,
    STATUSES,
)
from rasd.api.frames import EventList, to_geopandas, to_pandas
from rasd.errors import NotFoundError, RasdError
from rasd.extract.library import TextOrDocument, as_document, extract, extract_many
from rasd.models import Document, Event, as_date, event_from_json
from rasd.pipeline.orchestrator import RunStats
from rasd.store.export import FORMATS


def document(text: str, *, name: str | None = None, published: date | str | None = None,
             source: str | None = None, url: str | None = None) -> Document:
    """An article from its text, for :meth:`Database.run` or :func:`extract_many`:
    named ``name`` (default: its content id), with its publication date (a date or
    ``YYYY-MM-DD``), outlet and URL.

    >>> import rasd
    >>> rasd.document("قُتل جنديان في هجوم على حاجز قرب درعا أمس.", published="2024-03-05",
    ...               source="وكالة أ").published
    datetime.date(2024, 3, 5)
    """
    day = as_date("published", published)
    return as_document(text, published=day, source=source, name=name, url=url)


__all__ = [
    "DEFAULT_LEVEL",
    "DEFAULT_STATUS",
    "FILTERS",
    "FORMATS",
    "LEVELS",
    "STATUSES",
    "Database",
    "Document",
    "Event",
    "EventList",
    "NotFoundError",
    "RasdError",
    "RunStats",
    "TextOrDocument",
    "document",
    "event_from_json",
    "extract",
    "extract_many",
    "open",
    "to_geopandas",
    "to_pandas",
]
