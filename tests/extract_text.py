"""Extraction of a composed test sentence as a cleaned document, for the extract tests.

One shared extractor per test process (its gazetteer and dictionaries load once).
"""

from __future__ import annotations

from datetime import date
from functools import cache

from rasd.clean.sentences import split_sentences
from rasd.extract.engine import Extractor
from rasd.models import Document, Event


@cache
def shared_extractor() -> Extractor:
    return Extractor()


def text_document(text: str, published: date | None) -> Document:
    """``text`` as a document cleaned to itself (no chrome), split into sentences."""
    return Document(id="t", name="t", source=None, url=None, title=None, published=published,
                    raw=text, raw_format="txt", text=text, origin="test", clean_text=text,
                    sentences=tuple(split_sentences(text, doc_id="t")))


def extract_text(text: str, published: date | None) -> list[Event]:
    return shared_extractor().extract(text_document(text, published))
