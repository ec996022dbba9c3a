"""Event extraction: a cleaned Document in, the events of ``event-coding.md`` out.

Reads: ``Document.clean_text``, ``sentences``, ``published``, ``name``,
``source``. Writes: ``Event`` records (report level, one per sub-type, actor
pair, place and day within the article), each with its evidence sentences.

:class:`Extractor` orchestrates: the document is analysed once, its places
(``geo``) and actors (``actors``) are found, and the walk over its sentences
(``extract_walk``: triggers, places, sides, dates, tolls; the story's sides in
``extract_story``, toll continuation in ``extract_tolls``) makes candidate events.

Then events are folded per article and the vaguer duplicates of a specific
event (``ريف دير الزور`` beside ``هجين`` in one story) are dropped
(``extract_fold``), the learned scorer keeps or drops each, and the actors of an
event of another period are read as of its own day.
"""

from __future__ import annotations

import gc
import hashlib
import json
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from rasd import __version__
from rasd.clean.analysis import Analysis
from rasd.errors import DocumentTooLongError
from rasd.extract.build import build_events
from rasd.extract.event_rules import EventRules, load_event_rules
from rasd.extract.fold import drop_province_months, drop_vaguer, fold
from rasd.extract.fold_places import one_recalled_act
from rasd.extract.genre import recounting
from rasd.extract.lexicon import Lexicon, load_lexicon
from rasd.extract.scorer import PACKAGED, ScorerChoice, resolve_scorer
from rasd.extract.sub_places import with_sub_places
from rasd.extract.walk import DocumentWalk, coherent_places
from rasd.geo.capitals import country_capitals
from rasd.geo.hit_words import country_word
from rasd.models import Actor, Document, Event, Place, PlaceMention
from rasd.profile import Profile, load_profile

if TYPE_CHECKING:
    from rasd.actors.dictionary import ActorDictionary
    from rasd.actors.document import ActorMention
    from rasd.geo.geocoder import Geocoder

# Text longer than this is refused (about 5 MB of Arabic; a long article is 20 kB,
# and 20,000 sentences are some 1.5 million characters).
MAX_CHARS = 5_000_000


class Extractor:
    """Extracts events from cleaned documents. Resources load lazily on first use."""

    def __init__(self, *, geocoder: Geocoder | None = None, actors: ActorDictionary | None = None,
                 lexicon: Lexicon | None = None, max_chars: int = MAX_CHARS,
                 profile: Profile | None = None, event_rules: EventRules | None = None,
                 scorer: ScorerChoice = PACKAGED) -> None:
        if max_chars < 1:
            raise ValueError(f"max_chars must be positive, not {max_chars}")
        self.max_chars = max_chars
        # The learned keep/drop scorer over candidates (extract/scorer.py): the
        # packaged one by default, another (``rasd train``), or None for the rules alone.
        self.scorer = resolve_scorer(scorer)
        self.profile = profile or load_profile()
        self._ruleset: str | None = None
        self._geocoder = geocoder
        self._actors = actors
        self._lexicon = lexicon
        self._event_rules = event_rules
        self._capitals: dict[str, Place] | None = None

    @property
    def geocoder(self) -> Geocoder:
        if self._geocoder is None:
            from rasd.geo.geocoder import Geocoder

            self._geocoder = Geocoder(profile=self.profile)
        return self._geocoder

    @property
    def actors(self) -> ActorDictionary:
        if self._actors is None:
            from rasd.actors.resolve import load_actors

            self._actors = load_actors()
        return self._actors

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            self._lexicon = load_lexicon()
        return self._lexicon

    @property
    def capitals(self) -> dict[str, Place]:
        """Each country's capital, where an act of the whole country is coded."""
        if self._capitals is None:
            self._capitals = country_capitals(self.geocoder.gazetteer)
        return self._capitals

    @property
    def event_rules(self) -> EventRules:
        if self._event_rules is None:
            self._event_rules = load_event_rules()
        return self._event_rules

    def extract(self, doc: Document) -> list[Event]:
        # The cyclic collector scans every live object each time it runs, and a long
        # document keeps many alive: with it on, ten times the text took twenty times
        # as long. Reference counting frees a document's objects either way; the
        # collector runs again once the document is done.
        enabled = gc.isenabled()
        gc.disable()
        try:
            return self._extract(doc)
        finally:
            if enabled:
                gc.enable()

    def _extract(self, doc: Document) -> list[Event]:
        text = doc.clean_text if doc.clean_text is not None else doc.text
        if len(text) > self.max_chars:
            # Far too long to be one article (a book, a dump, a log): refused at once
            # rather than minutes of work that end in nothing.
            raise DocumentTooLongError(
                f"document too long to extract: {len(text):,} characters of text, over the "
                f"limit of {self.max_chars:,} (--max-chars)")
        if not self.lexicon.may_have_trigger(text):
            # Events start at a trigger: a text with none has no event, and needs
            # no places or actors found (most of a general news corpus).
            return []
        analysis, places, actor_mentions = self.analyse(doc)
        sentences = analysis.sentences
        walk = DocumentWalk(doc, analysis, self.lexicon, self.actors, places, actor_mentions,
                            default_country=self.profile.default_country,
                            event_rules=self.event_rules, capitals=self.capitals)
        for sentence in sentences:
            walk.sentence(sentence)
        candidates = fold(walk.candidates, allied=walk.allied)
        candidates = drop_vaguer(candidates)
        candidates = drop_province_months(candidates)
        candidates = one_recalled_act(candidates)
        if recounting(doc, analysis, self.lexicon):
            # An interview, testimony or memoir: only the acts it dates are coded; its
            # undated recollections are the speaker's past, not the news (extract.genre).
            candidates = [c for c in candidates if c.explicit_date]
        ruleset = self.ruleset
        events = with_sub_places(build_events(candidates, doc=doc), places, analysis)
        if self.scorer is not None:
            events = self.scorer.keep(events, len(text), doc.published)
        if doc.published is not None:
            events = [_actors_of_event_day(self.actors, ev, doc.published) for ev in events]
        return [replace(ev, rasd_version=__version__, ruleset=ruleset) for ev in events]

    def analyse(self, doc: Document) -> tuple[Analysis, list[PlaceMention], list[ActorMention]]:
        """The document analysed once (every recogniser reads its tokens), the places it
        names (not inside an actor's name, coherent in country) and its actor mentions:
        what the walk reads, and what the events' sub-places are read from."""
        from rasd.actors.resolve import resolve_document

        text = doc.clean_text if doc.clean_text is not None else doc.text
        sentences = doc.sentences
        if not sentences:
            from rasd.clean.sentences import split_sentences

            sentences = split_sentences(text, doc_id=doc.id)
        analysis = Analysis(text, sentences)
        found = self.geocoder.find_in_document(text, tokens=analysis.place_tokens)
        # The country of the places named is the article's when nothing else
        # says it (no country word, no state actor): generic nouns need one.
        countries = Counter(p.place.country for p in found if p.place.country)
        # Names that mean different actors by period (the Syrian army before and
        # after 2024-12-08) are read as of the article's date.
        actor_mentions = resolve_document(
            text, actors=self.actors, on=doc.published, tokens=analysis.actor_tokens,
            fallback_country=countries.most_common(1)[0][0] if countries else None)
        inside = _Spans([(a.start, a.end) for a in actor_mentions])
        places = [p for p in found if not inside.covers(p.start)]
        # The countries the article names by a word (``سوريا``، ``العراقية``).
        named = {code for key in {t.key for t in analysis.place_tokens}
                 if (code := country_word(key))}
        return analysis, coherent_places(places, named, self.geocoder.gazetteer.is_seat), \
            actor_mentions

    @property
    def ruleset(self) -> str:
        """A hash of the rule and data files behind this extractor's events: the
        package's data files and the lexicon and event rules actually loaded."""
        if self._ruleset is None:
            self._ruleset = hashlib.sha256(
                (data_digest() + self.lexicon.digest + self.event_rules.digest + repr(
                    (sorted(self.profile.focus), sorted(self.profile.prior.items()),
                     self.profile.default_country)) + (json.dumps(
                         self.scorer.to_json(), sort_keys=True) if self.scorer else "none")
                 ).encode("utf-8")).hexdigest()[:16]
        return self._ruleset


@cache
def data_digest() -> str:
    """sha256 over the package's data files (names and bytes, in name order)."""
    digest = hashlib.sha256()
    root = resources.files("rasd") / "data"
    stack = [root]
    files = []
    while stack:
        for entry in stack.pop().iterdir():
            if entry.is_dir():
                stack.append(entry)
            else:
                files.append(entry)
    for entry in sorted(files, key=lambda e: str(e)):
        digest.update(str(entry).rsplit("/data/", 1)[-1].encode("utf-8"))
        digest.update(entry.read_bytes())
    return digest.hexdigest()


def _actors_of_event_day(actors: ActorDictionary, ev: Event, published: date) -> Event:
    """Actors were read as of the article's date; an event of another period (a 2013
    shelling told in 2025) takes the period versions of its own day."""
    if ev.date is None:
        return ev
    day = ev.date.start

    def reread(a: Actor | None) -> Actor | None:
        return actors.reread(a, published, day) if a is not None else None

    a1, a2 = reread(ev.actor1), reread(ev.actor2)
    assoc1 = tuple(actors.reread(a, published, day) for a in ev.assoc_actor1)
    assoc2 = tuple(actors.reread(a, published, day) for a in ev.assoc_actor2)
    if (a1, a2, assoc1, assoc2) == (ev.actor1, ev.actor2, ev.assoc_actor1, ev.assoc_actor2):
        return ev
    return replace(ev, actor1=a1, actor2=a2, assoc_actor1=assoc1, assoc_actor2=assoc2)


class _Spans:
    """Character spans (possibly overlapping), asked whether any covers an offset."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [a for a, _ in ordered]
        self._reach: list[int] = []  # the furthest end among spans starting so far
        for _, b in ordered:
            self._reach.append(max(b, self._reach[-1]) if self._reach else b)

    def covers(self, at: int) -> bool:
        k = bisect_right(self._starts, at)
        return k > 0 and self._reach[k - 1] > at

