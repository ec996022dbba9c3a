"""Extraction for library callers: text (or a document) in, events out.

What ``rasd.extract`` and ``rasd.extract_many`` run. It lives in the extract
layer, not the API layer above it, because ``rasd.extract`` is also this
package: calling the package (``rasd.extract("…")``) must reach a function the
package may import (see ``rasd/extract/__init__.py``).

A text becomes a document named by its content id, is cleaned, and goes
through the same :class:`~rasd.extract.engine.Extractor` as ``rasd run``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache

from rasd.clean.cleaner import clean_batch, clean_document
from rasd.errors import ExtractError, InputError, StageError
from rasd.extract.engine import Extractor
from rasd.extract.pool import extract_documents, resolve_jobs
from rasd.ingest.docs import document_from_text, normalise_text
from rasd.models import Document, Event, Failure, as_date, content_id

TextOrDocument = str | Document


@lru_cache(maxsize=1)
def shared_extractor() -> Extractor:
    """One extractor per process: its gazetteer and dictionaries load once, on first use."""
    return Extractor()


def as_document(item: TextOrDocument, *, published: date | str | None = None,
                source: str | None = None, name: str | None = None,
                url: str | None = None) -> Document:
    """``item`` as an ingested document: a text gets a name (its content id unless
    ``name``), ``published`` (a date or ``YYYY-MM-DD``) and ``source``; a document keeps
    its own and takes them only where it has none. Raises :class:`InputError` for an
    empty text."""
    published = as_date("published", published)
    if isinstance(item, Document):
        return dataclasses.replace(item, published=item.published or published,
                                   source=item.source or source)
    if not isinstance(item, str):
        raise TypeError(f"expected a text or a Document, not {type(item).__name__}")
    body = normalise_text(item)
    ref = name or (content_id(body) if body else "empty")
    return document_from_text(item, name=ref, origin=url or f"text:{ref}", source=source,
                              url=url, published=published)


def extract(text_or_document: TextOrDocument, *, published: date | str | None = None,
            source: str | None = None, name: str | None = None) -> list[Event]:
    """The events of one article (report level, as the article tells them).

    ``published`` anchors relative dates (أمس, الخميس الماضي); without it an
    event is dated only when the text names its date. A document that already
    has clean text is not cleaned again.

    >>> import rasd
    >>> events = rasd.extract("قُتل ثلاثة مدنيين في قصف جوي على مدينة إدلب أمس.",
    ...                       published=date(2024, 3, 5))
    >>> [(e.sub_event_type, e.fatalities.best if e.fatalities else 0) for e in events]
    [('Air/drone strike', 3)]
    """
    doc = as_document(text_or_document, published=published, source=source, name=name)
    if doc.clean_text is None:
        doc = clean_document(doc)
    if not doc.clean_text:
        return []
    return shared_extractor().extract(doc)


def extract_many(items: Iterable[TextOrDocument], *, published: date | str | None = None,
                 source: str | None = None, jobs: int = 1) -> list[list[Event]]:
    """The events of each article of ``items``, one list per item, in input order.

    ``jobs`` worker processes extract (0: one per core); the result does not
    depend on it. Texts are cleaned together, so a line repeated across many
    of one source's texts is dropped as site chrome, as ``rasd run`` does. An
    item that cannot be read or extracted raises :class:`StageError` naming it.
    """
    docs = [as_document(item, published=published, source=source) for item in items]
    cleaned = _cleaned(docs)
    workers = resolve_jobs(jobs)
    out: list[list[Event]] = [[] for _ in docs]
    todo = [i for i, doc in enumerate(cleaned) if doc.clean_text]
    outcomes = extract_documents((cleaned[i] for i in todo), jobs=workers,
                                 extractor=shared_extractor() if workers <= 1 else None)
    for i, outcome in zip(todo, outcomes, strict=True):
        if outcome.failure is not None:
            raise StageError("extract", f"item {i} ({outcome.origin}): "
                                        f"{outcome.failure.reason}")
        out[i] = list(outcome.events)
    return out


def _cleaned(docs: list[Document]) -> list[Document]:
    fresh = [d for d in docs if d.clean_text is None]
    done: Iterator[Document | Failure] = clean_batch(iter(fresh))
    by_origin: dict[str, Document] = {}
    for item in done:
        if isinstance(item, Failure):
            raise StageError("clean", f"{item.origin}: {item.reason}")
        by_origin[item.origin] = item
    return [by_origin.get(d.origin, d) if d.clean_text is None else d for d in docs]


__all__ = ["ExtractError", "InputError", "TextOrDocument", "as_document", "extract",
           "extract_many", "shared_extractor"]
