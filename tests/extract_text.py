"""Extraction of a composed test sentence as a cleaned document, for the extract tests.

One shared extractor per test process (its gazetteer and dictionaries load once).
"""

from __future__ import annotations

from datetime import date
from functools import cache

from rasd.actors.resolve import resolve_document
from rasd.clean.sentences import split_sentences
from rasd.extract.engine import Extractor
from rasd.extract.lexicon import load_lexicon
from rasd.extract.roles import Roles, assign_roles
from rasd.extract.tokens import tokenize
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


def roles_of(sentence: str, cue: str, country: str | None = None) -> Roles:
    """The roles ``assign_roles`` gives the trigger ``cue`` of one composed sentence,
    with the sentence's first trigger ending its subject (as the event coder does)."""
    lex = load_lexicon()
    tokens = tokenize(sentence)
    matches = lex.find_triggers(tokens)
    match = next(m for m in matches if m.trigger.source == cue)
    mentions = resolve_document(sentence, fallback_country=country)
    return assign_roles(match, tokens, mentions, lexicon=lex, text=sentence,
                        sentence_subject_end=matches[0].start)


def current_acts(text: str, published: date | None) -> list[tuple[str, str, int]]:
    """The current events of ``text`` as (sub-type, Arabic place name, best toll), sorted:
    what a table of composed sentences about event granularity compares."""
    return sorted((ev.sub_event_type, ev.location.name_ar if ev.location else "",
                   ev.fatalities.best if ev.fatalities else 0)
                  for ev in extract_text(text, published) if ev.status == "current")
