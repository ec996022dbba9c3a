"""Event extraction: a cleaned Document in, the events of ``event-coding.md`` out.

Reads: ``Document.clean_text``, ``sentences``, ``published``, ``name``,
``source``. Writes: ``Event`` records (report level, one per sub-type, actor
pair, place and day within the article), each with its evidence sentences.

The walk over an article is sentence by sentence:

1. triggers from the lexicon (negated and modal sentences give none);
2. each trigger owns the places that follow it up to the next trigger (a
   trigger with none shares the next one's: ``غارات وقصف مدفعي على هجين``),
   and each place makes its own event (two towns raided are two events);
3. actors by role (``roles``), then the event rules (``data/event_rules.tsv``,
   ``event_rules``): the context recodes the trigger's type, sub-type and role and
   decides the sides, falling back to the article's story when a sentence names
   only one side or none;
4. the date from the sentence, else the news window of the publication date;
5. deaths attached to the nearest trigger, and a sentence with deaths but no
   place of its own (``وأضاف أن ... قتل أحد المقاتلين``) adds them to the
   event it continues.

Then events are folded per article and the vaguer duplicates of a specific
event (``ريف دير الزور`` beside ``هجين`` in one story) are dropped
(``extract_fold``). The cue rules of one sentence are in ``extract_sentence``,
the clause-level place and toll rules in ``extract_clauses``.
"""

from __future__ import annotations

import gc
import hashlib
import json
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from rasd import __version__
from rasd.acled import ARMED_GROUPS, CROWDS, Inter
from rasd.actors.sides import load_sides
from rasd.clean.analysis import Analysis
from rasd.clean.normalize import normalize_for_match
from rasd.errors import DocumentTooLongError
from rasd.extract.build import build_events
from rasd.extract.clauses import (
    SAME_WORDS,
    anaphors,
    assign_places,
    attach_deaths,
    clause_breaks,
    clause_of,
    drop_retellings,
    owners,
    reference_walls,
    resolve_anaphora,
    sentence_deaths,
)
from rasd.extract.event_dates import TimeRules, reference_date
from rasd.extract.event_rules import EventRules, load_event_rules
from rasd.extract.fold import Candidate, drop_vaguer, fold, pair
from rasd.extract.lexicon import Lexicon, TriggerMatch, load_lexicon
from rasd.extract.predicates import Coding
from rasd.extract.roles import (
    Roles,
    assign_roles,
    civilian_at,
    has_civilian_target,
    victims_before,
)
from rasd.extract.scorer import PACKAGED, ScorerChoice, resolve_scorer
from rasd.extract.sentence import SentenceRules
from rasd.extract.tokens import Token
from rasd.geo.geodesy import haversine_km
from rasd.models import Actor, DateSpan, Document, Event, PlaceMention, Sentence
from rasd.profile import Profile, load_profile

if TYPE_CHECKING:
    from rasd.actors.dictionary import ActorDictionary, ActorMention
    from rasd.geo.geocoder import Geocoder

# A city named this often is one the story is about (a quarter of it may be named alone).
STORY_CITY_MENTIONS = 3
# A toll this large told on its own or over a period adds up a war, not an event.
AGGREGATE_TOLL = 1000


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
        from rasd.actors.resolve import resolve_document

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
        sentences = doc.sentences
        if not sentences:
            from rasd.clean.sentences import split_sentences

            sentences = split_sentences(text, doc_id=doc.id)
        # The document analysed once: every recogniser below reads these tokens.
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
        places = coherent_places(places)
        walk = _DocumentWalk(doc, analysis, self.lexicon, self.actors, places, actor_mentions,
                             default_country=self.profile.default_country,
                             event_rules=self.event_rules)
        for sentence in sentences:
            walk.sentence(sentence)
        candidates = fold(walk.candidates, allied=walk.allied)
        candidates = drop_vaguer(candidates)
        ruleset = self.ruleset
        events = build_events(candidates, doc=doc)
        if self.scorer is not None:
            events = self.scorer.keep(events, len(text), doc.published)
        if doc.published is not None:
            events = [_actors_of_event_day(self.actors, ev, doc.published) for ev in events]
        return [replace(ev, rasd_version=__version__, ruleset=ruleset) for ev in events]

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


class _DocumentWalk(SentenceRules, TimeRules):
    def __init__(self, doc: Document, analysis: Analysis, lexicon: Lexicon,
                 actors: ActorDictionary, places: list[PlaceMention],
                 mentions: list[ActorMention], *, default_country: str,
                 event_rules: EventRules) -> None:
        self.doc = doc
        self.event_rules = event_rules
        self.default_country = default_country
        self.analysis = analysis
        text = self.text = analysis.text
        self.lex = lexicon
        self.actors = actors
        self.places = places
        self.mentions = mentions
        self._mentions_at = _ByStart(mentions)
        self._places_at = _ByStart(places)
        self.candidates: list[Candidate] = []
        self.title = normalize_for_match(doc.title or "")
        # Soldiers told as the dead (``مقتل جنديين``) say who was hit, not what the story
        # is about.
        counts = Counter(m.actor for m in mentions if not m.victims)
        self.salient = [a for a, _ in counts.most_common() if a.inter not in CROWDS]
        countries = Counter(p.place.country for p in places if p.place.country)
        self.country = countries.most_common(1)[0][0] if countries else None
        # The cities the story is about: named again and again (``_lift_areas``).
        named = Counter(p.place.id for p in places)
        self.story_cities = list({p.place.id: p.place for p in places
                                  if named[p.place.id] >= STORY_CITY_MENTIONS}.values())
        self.reference = reference_date(doc, text)
        # The last exact day a sentence gave, for ``وفي اليوم التالي`` after it.
        self._anchor_day: date | None = None
        self._prev_text: str | None = None
        self._dates: dict[str, tuple[DateSpan | None, bool]] = {}
        # The day of the article's first series lead (``_note_series``).
        self._series_day: DateSpan | None = None

    # -- one sentence --------------------------------------------------
    def sentence(self, s: Sentence) -> None:
        if self._prev_text is not None:
            span, explicit = self._date(self._prev_text)
            if explicit and span is not None and span.precision == 1 and span.start == span.end:
                self._anchor_day = span.start
        self._prev_text = s.text
        if self.title and normalize_for_match(s.text) == self.title:
            return  # the headline restates the body; coders code the body
        if self._headline_like(s):
            return
        tokens = self.analysis.tokens(s)
        if not self.candidates and not self.lex.may_have_trigger(
                s.text, forms={t.forms for t in tokens}):
            # Before the first event a sentence with no trigger changes nothing
            # (claims, continued tolls and settlements all need an earlier event).
            return
        if not tokens:
            return
        s_mentions = self._mentions_at.within(s.start, s.end)
        self._claim(tokens, s_mentions)
        matches, bounds = self._triggers(tokens, s_mentions)
        if self._tally_of_acts(matches, tokens, s.text):
            return
        self._note_series(matches, tokens, s.text)
        s_places = self._places_at.within(s.start, s.end)
        s_places = self._lift_areas(s_places, self.story_cities)
        s_places = self._drop_anchors(s_places, tokens, matches)
        s_places = self._drop_origins(s_places, tokens)
        s_places = self._drop_makes(s_places, tokens)
        s_places = self._drop_journeys(s_places, tokens)
        s_places = self._drop_offices(s_places, tokens)
        s_places = [p for p in s_places if not self._dateline(p) and not self._speaker(p, tokens)]
        s_places = self._drop_locators(s_places, tokens)
        s_places = self._drop_attributed(s_places, tokens)
        s_places = self._drop_metonyms(s_places, tokens, matches)
        # ``وفي معرة النعمان ... على أحياء المدينة``: a common noun read as a town of
        # another country than the places the sentence names firmly.
        firm = {p.place.country for p in s_places if not _weak(p)}
        s_places = [p for p in s_places if not firm or not _weak(p) or p.place.country in firm]
        # ``ما دفع السكان إلى الفرار نحو القضارف``: places of the consequence clause are
        # where its people went, not where the act happened.
        cut = self._consequence_at(tokens)
        if cut < len(tokens):
            before_cut = [p for p in s_places if p.start < tokens[cut].start]
            # With no place before it, the consequence clause may name where the
            # dead fell (``ما أسفر عن مقتل 5 في كفرنبل``), but not where people or
            # flights went (``وحُوّلت الرحلات إلى مطار مصراتة``).
            s_places = before_cut or [p for p in s_places if not self._destination(p, tokens)]
        deaths = sentence_deaths(s.text, cued=bool(matches))
        lo, hi = self.void_clause(tokens)
        if matches and (lo, hi) != (0, 0) and (lo >= 0 or hi < len(self.text)):
            # The dead of a voided clause of a round-up (``سقط مدنيون في قصف ...، مشيرة
            # إلى نزوح العائلات، فيما شن طيران التحالف غارات``) are not the next act's.
            deaths = [d for d in deaths if not lo <= s.start + d[0] < hi]
        if self._war_tally(deaths, matches, s_places, tokens):
            deaths = []
        if deaths and self._summary(tokens, s.text):
            # ``وكانت اشتباكات مماثلة قد ... أسفرت عن مقتل 55``، ``منذ أكتوبر ... مقتل
            # أكثر من 120``: a toll of an earlier event or of a whole war, not today's.
            # It stays only on the sentence's own event (a background clash at its place).
            deaths = deaths if matches and s_places else []
        if not matches:
            # ``وقال المتحدث إن قواته قتلت العشرات``: the toll of the event told before.
            if deaths and self.candidates:
                self._continue(deaths, s, [], tokens, places=s_places)
            return
        if not s_places and matches:
            # ``وفي البلدة ذاتها، قصفت ...``: a new act at the place the last event was
            # coded at (the fold keeps it apart when it is another act).
            s_places = self._same_place(tokens)
        if not s_places:
            # Deaths told in a sentence with no place of its own belong to the
            # event it goes on about: the last one of a compatible type.
            if deaths and self.candidates:
                self._continue(deaths, s, matches, tokens)
            self._settlement(matches, tokens, s_mentions, s)
            return
        when, explicit = self._date(s.text)
        background = self._background(tokens, s.text, when, explicit)
        walls = reference_walls(tokens)
        # A phrase recalling another act opens a clause of its own: its places are
        # that act's (``، ردا على تعرض بلدة الزبداني لهجوم``).
        breaks = sorted([*clause_breaks(tokens, s.text, s.start), *((w, True) for w in walls)])
        owned = assign_places(matches, bounds, s_places, breaks, walls)
        own = owners(matches, bounds, s_places, breaks)
        resolve_anaphora(matches, bounds, owned, own, s_places, anaphors(tokens, s_places))
        drop_retellings(matches, owned, own=own, tokens=tokens)
        made: list[tuple[TriggerMatch, Candidate]] = []
        used_until = s.start
        said: Roles | None = None  # the roles of the sentence's previous trigger
        for i, match in enumerate(matches):
            nxt = matches[i + 1].start if i + 1 < len(matches) else s.end
            prev = max(matches[i - 1].end, used_until) if i > 0 else s.start
            roles = assign_roles(match, tokens, s_mentions, lexicon=self.lex, window=(prev, nxt),
                                 sentence_subject_end=matches[0].start, text=s.text,
                                 offset=s.start, allied=self.allied)
            if roles.actor1 is None and roles.actor2 is None:
                roles = assign_roles(match, tokens, s_mentions, lexicon=self.lex,
                                     sentence_subject_end=matches[0].start, text=s.text,
                                     offset=s.start, allied=self.allied)
            if i > 0 and roles.actor1 is None and said is not None:
                roles = _shared_subject(match, tokens, roles, said)
            if roles.used_until > match.end:
                used_until = roles.used_until
            said = roles
            last = matches[i + 1].first if i + 1 < len(matches) else len(tokens)
            recalled = background or self._recalled_after(match, tokens)
            # A recalled act is not dated by the news window: its day is unknown.
            dated = when if explicit or not recalled else None
            back = self._counted_back(match, tokens, when if explicit else None,
                                      s.text, s.start)
            if back is not None:
                dated, recalled = back, background
            series = None if explicit or recalled or back is not None else \
                self._series_date(match)
            if series is not None:
                dated = series
            for place in owned[i]:
                cand = self._candidate(match, tokens, roles, place, dated, recalled, s,
                                       clause_end=last, mentions=s_mentions, places=owned[i],
                                       clause=clause_of(match.start, breaks))
                if cand is not None:
                    cand.explicit_date = explicit
                    cand.rules["date"] = ["time/none" if dated is None else
                                          "time/sentence" if explicit else
                                          "time/series" if series is not None else
                                          "time/news-window"]
                    made.append((match, cand))
        # ``رشق محتجون قوات الأمن بالحجارة``: a protest that turns violent is a riot,
        # not a riot and a protest.
        riots = {c.place.place.id for _, c in made if c.event_type == "Riots" and c.place}
        made = [(m, c) for m, c in made
                if not (c.place and c.place.place.id in riots and (
                    c.event_type == "Protests" or c.sub_event_type == "Armed clash"))]
        # ``قتلوا 14 مدنياً في هجوم ... وأحرقوا عشرات المنازل``: homes burnt in the
        # attack are part of it, not an event of their own.
        violent = [c for _, c in made if c.event_type in _VIOLENT_TYPES]
        made = [(m, c) for m, c in made
                if not (c.sub_event_type == "Looting/property destruction" and any(
                    v.actor1 == c.actor1 and _same_place_id(v, c) for v in violent))]
        attach_deaths(deaths, made, s, breaks)
        self.candidates.extend(c for _, c in made)

    def _same_place(self, tokens: list[Token]) -> list[PlaceMention]:
        """The last event's place when the sentence points back to it in so many words
        (``في المدينة نفسها``، ``وفي البلدة ذاتها``)."""
        last = next((c for c in reversed(self.candidates) if c.place is not None), None)
        if last is None or last.place is None:
            return []
        for t in anaphors(tokens, ()):
            if t.index + 1 < len(tokens) and tokens[t.index + 1].norm in SAME_WORDS:
                return [last.place]
        return []

    def _tally_of_acts(self, matches: list[TriggerMatch], tokens: list[Token],
                       text: str) -> bool:
        """``شهدت المنطقة منذ مطلع العام أكثر من عشرين هجوماً``: acts counted over a
        period (a number before an act's cue; participants counted, as in a
        protest, do not count) are a tally, not an event."""
        return any(
            t.norm[:1].isdigit() or self.lex.cue("counted", t, tokens)
            for m in matches if m.trigger.role not in ("protest", "riot")
            for t in tokens[max(0, m.first - 2):m.first]) and self._running_total(tokens, text)

    def _war_tally(self, deaths: list[tuple[int, int, int, int]],
                   matches: list[TriggerMatch], places: list[PlaceMention],
                   tokens: list[Token]) -> bool:
        """``نزاع أوقع أكثر من 40 ألف قتيل خلال 30 عاما``، ``ووثق المرصد مقتل 71 ألفا``:
        thousands dead, told over a period or on their own, are a war's tally, and so
        is every smaller count the sentence breaks it into."""
        return any(d[1] >= AGGREGATE_TOLL for d in deaths) and (
            not matches or not places
            or any(self.lex.cue("duration", t, tokens) or t.norm == "منذ" for t in tokens))

    def _claim(self, tokens: list[Token], mentions: Sequence[ActorMention]) -> None:
        """``وتبنى تنظيم داعش الهجوم``: a named group claims the attack just told by
        unnamed gunmen, so it is the attacker."""
        # ``حمّل قائد عمليات الجزيرة خلايا داعش مسؤولية الهجوم``: the claim or blame may
        # come after the one who tells it.
        if not self.candidates or not any(self.lex.cue("claim", t, tokens)
                                          for t in tokens[:_CLAIM_REACH]):
            return
        if any(self.lex.cue("negation", t, tokens) for t in tokens[:6]):
            return  # ``ولم تتبن أي جهة الهجوم``
        group = next((m.actor for m in mentions if m.actor.inter in ARMED_GROUPS
                      and not m.actor.id.startswith("uag-")), None)
        last = self.candidates[-1]
        # ``وتبنت جماعة ... في مايو إطلاق قذيفتي هاون على موقع``: a claim of another kind
        # of act, told in the claim itself, is not a claim of the act just told; a
        # generic attack word (``تبنى التنظيم الهجوم``) still points back (dev
        # snn-110ba1e1584b, snn-877a717eea7e: Gaza car bombs given to a mortar claimant).
        if any(m.trigger.role != "attack" and m.trigger.sub_event_type != last.sub_event_type
               for m in self.lex.find_triggers(tokens)):
            return
        if group is not None and last.actor1 is not None and last.actor1.id.startswith("uag-") \
                and last.event_type != "Strategic developments":
            last.actor1 = group

    def _settlement(self, matches: list[TriggerMatch], tokens: list[Token],
                    mentions: Sequence[ActorMention], s: Sentence) -> None:
        """``التوصل إلى اتفاق لوقف إطلاق النار بين الطرفين``: an agreement with no place of
        its own settles the fighting just told, between its sides and at its place."""
        agreement = next((m for m in matches if m.trigger.role == "agreement"), None)
        # Only an agreement reached "between the two sides" (``التوصل إلى اتفاق بين
        # الطرفين``), not one discussed, hoped for or recalled.
        if not (any(self.lex.cue("both_sides", t, tokens) for t in tokens)
                and any(self.lex.cue("concluded", t, tokens) for t in tokens)):
            return
        when, explicit = self._date(s.text)
        if self._background(tokens, s.text, when, explicit):
            return
        # The story's main fight: the one told most, then first.
        fights = [c for c in self.candidates if c.event_type != "Strategic developments"
                  and not c.background and c.place is not None and len(pair(c)) == 2]
        fight = min(fights, key=lambda c: (-len(c.evidence), c.sentence.start), default=None)
        if agreement is None or fight is None:
            return
        named = {m.actor for m in mentions if m.actor.inter not in CROWDS}
        if named and not named & {fight.actor1, fight.actor2}:
            return  # other parties agreeing on something else
        cand = Candidate(event_type="Strategic developments", sub_event_type="Agreement",
                         role="agreement", actor1=fight.actor1, actor2=fight.actor2, assoc1=(),
                         place=fight.place, date=when, background=False,
                         trigger=agreement.trigger.source, sentence=s, explicit_date=explicit,
                         evidence=[s],
                         rules={"event": [agreement.trigger.rule_id, "coder/settlement"],
                                "actor1": ["coder/settlement"], "actor2": ["coder/settlement"],
                                "location": ["coder/settlement"]})
        self.candidates.append(cand)

    def _candidate(self, match: TriggerMatch, tokens: list[Token], roles: Roles,
                   place: PlaceMention, when: DateSpan | None, background: bool,
                   s: Sentence, *, clause_end: int,
                   mentions: Sequence[ActorMention] = (),
                   places: Sequence[PlaceMention] = (),
                   clause: tuple[int, int] = (-1, 1 << 62)) -> Candidate | None:
        """The event ``match`` makes at ``place``: the trigger's type, recoded and
        given its sides by the event rules (``data/event_rules.tsv``)."""
        trig = match.trigger
        # Victims are told around the cue or later in its clause (``غارات على العشارة،
        # أسفرت عن مقتل 11 مدنياً``).
        civilian = has_civilian_target(match, tokens, lexicon=self.lex,
                                       clause_start=clause[0]) or any(
            civilian_at(tokens, j, lexicon=self.lex)
            for j in range(match.last + 1, min(clause_end, match.last + 16))
        ) or victims_before(match, tokens, mentions, lexicon=self.lex)
        coding = Coding(
            match=match, tokens=tokens, roles=roles, mentions=mentions, clause_end=clause_end,
            country=place.place.country or self.country or self.default_country,
            lex=self.lex, story=self, event_type=trig.event_type, sub=trig.sub_event_type,
            role=trig.role, actor1=roles.actor1, actor2=roles.actor2, assoc1=roles.assoc1,
            civilian=civilian, places=places, clause=clause,
            # Provenance: which rule decided which field.
            why={"event": [trig.rule_id], "actor1": ["roles/sentence"],
                 "actor2": ["roles/sentence"]})
        if not self.event_rules.apply(coding):
            return None
        why = coding.why
        if place.method or place.cue:
            why["location"] = [f"geo/{place.method}" + (f":{place.cue}" if place.cue else "")]
        if background:
            why["event"].append("time/background")
        return Candidate(event_type=coding.event_type, sub_event_type=coding.sub,
                         role=coding.role, actor1=coding.actor1, actor2=coding.actor2,
                         assoc1=coding.assoc1, place=place, date=when, background=background,
                         trigger=trig.source, sentence=s, evidence=[s], rules=why,
                         retold=tokens[match.first].prefix.endswith("ال"))

    def members(self, actor: Actor, mentions: Sequence[ActorMention],
                 tokens: list[Token]) -> bool:
        """``ثلاثة عناصر من تنظيم داعش``: the actor is named through its members (the
        arrested belong to it), not as the side they are accused of helping."""
        for m in mentions:
            if m.actor != actor:
                continue
            before = [t for t in tokens if t.end <= m.start][-3:]
            if any(self.lex.cue("member", t, tokens) for t in before):
                return True
        return False

    def allied(self, a: Actor, b: Actor) -> bool:
        """Whether two actors fight on one side on the article's day
        (``data/actor_sides.tsv``)."""
        return load_sides().allied(a.id, b.id, on=self.doc.published)

    def fired_from(self, tokens: Sequence[Token]) -> str | None:
        """The country across the border fire came from: ``من داخل الحدود اليمنية``،
        ``من الأراضي السورية``، ``من الجانب التركي`` (ISO2), None when not told."""
        adjectives = _country_words(self.actors)
        for i, t in enumerate(tokens[:-2]):
            if not t.has_form("من"):
                continue
            j = i + 1 + (tokens[i + 1].norm == "داخل")
            if j + 1 < len(tokens) and tokens[j].norm in _BORDER_SIDES:
                iso2 = adjectives.get(tokens[j + 1].norm)
                if iso2:
                    return iso2
        return None

    def opposed(self, a: Actor, b: Actor) -> bool:
        """Whether two actors stand on different sides of one conflict on the
        article's day (``data/actor_sides.tsv``)."""
        return load_sides().opposed(a.id, b.id, on=self.doc.published)

    def story_actors(self, a1: Actor | None, a2: Actor | None, civilian: bool, *,
                     supporters: Sequence[Actor] = (), ground: bool = False
                     ) -> tuple[Actor | None, Actor | None]:
        """Fill a missing side from the article's story: the previous event, else salient
        actors; never with a force the sentence names as the acting side's support
        (``تقدمت المقاومة بدعم من التحالف``: the coalition is no second side)."""
        if a1 is not None and a2 is not None:
            return a1, a2
        prev = self.candidates[-1] if self.candidates else None
        known = a1 or a2
        pool: list[Actor] = []
        if prev is not None:
            pool += [a for a in (prev.actor1, prev.actor2) if a is not None]
        pool += self.salient
        if known is not None:
            # ``وتقدمت المقاومة الشعبية`` after ``بغطاء من طيران التحالف``: the named
            # side's allies (data/actor_sides.tsv) are never its opponent, and an actor
            # of the conflict's other side goes before one the file says nothing of.
            sides, on, kid = load_sides(), self.doc.published, known.id
            pool = sorted((o for o in pool if not sides.allied(kid, o.id, on=on)),
                          key=lambda o: not sides.opposed(kid, o.id, on=on))
        for other in pool:
            if other in supporters or (ground and other.inter == Inter.EXTERNAL_OTHER):
                # ``تقدمت المقاومة الشعبية``: a ground fight's other side is no
                # external air force (the coalitions strike; ACLED codes them so).
                continue
            if known is None:
                known, a1 = other, other
                continue
            if other != known and other.inter not in CROWDS:
                if a1 is None:
                    a1 = other
                else:
                    a2 = other
                break
        if a1 is None and known is not None and a2 is not None and known == a2:
            pass
        return a1, a2

    def state(self, country: str, *, police: bool) -> Actor | None:
        on = self.doc.published  # the forces of the government of the article's day
        return self.actors.state_forces(country, police=police, on=on) or \
            self.actors.state_forces(country, police=not police, on=on)

    def generic(self, kind: str, country: str) -> Actor:
        from rasd.actors.resolve import generic_actor

        return generic_actor(kind, country, actors=self.actors)

    def _continue(self, deaths: list[tuple[int, int, int, int]], s: Sentence,
                  matches: list[TriggerMatch], tokens: list[Token],
                  places: Sequence[PlaceMention] = ()) -> None:
        # Only the latest fitting candidate is wanted: scanned from the end, a long
        # text does not rescan every event told so far for each sentence.
        def last(pred: Callable[[Candidate], bool]) -> Candidate | None:
            return next((c for c in reversed(self.candidates) if pred(c)), None)

        def violent(c: Candidate) -> bool:
            return c.event_type != "Strategic developments"

        last_violent = last(violent)
        if last_violent is None:
            return
        types = {m.trigger.event_type for m in matches}

        def typed(c: Candidate) -> bool:
            return violent(c) and c.event_type in types

        fitting = typed if last(typed) is not None else violent
        if (any(self.lex.cue("contrast", t, tokens) for t in tokens[:2])
                or any(self.lex.cue("earlier_count", t, tokens) for t in tokens)) and any(
                self.lex.cue("toll", t, tokens) or self.lex.cue("told", t, tokens) for t in tokens):
            # ``غير أن مصادر محلية قالت إن عدد القتلى بلغ 15``، ``فيما قال مصدر طبي إن 20
            # قتلوا``: the same dead counted by another source, not more of them: the
            # range widens, the count stays. So with a figure given earlier (``وكانت
            # حصيلة غير نهائية أفادت عن مقتل 17``، ``وقال النائب في وقت سابق إن أكثر من
            # عشرة قتلوا``): the update stands (dev2 snn-5bdee70024d8, snn-ba497f79e9ab,
            # snn-86a4bd73895a).
            told = last(lambda c: fitting(c) and bool(c.deaths or c.extra_deaths))
            if told is not None:
                best, low, high = (sum(d[k] for d in deaths) for k in (1, 2, 3))
                told.alt_deaths.append((best, low, high))
                told.note("fatalities", "deaths/other-source")
                told.add_evidence(s)
                return
        if not matches:
            # With no cue of its own the sentence can only go on about the event
            # just told, and only when that event did not report a toll already.
            target = last_violent if not last_violent.deaths else None
        else:
            target = last(fitting)
        if target is None or self._another_day(s, target) or self._elsewhere(places, target):
            return
        target.extra_deaths.extend((b, lo, hi) for _, b, lo, hi in deaths)
        target.note("fatalities", "deaths/continuation")
        target.add_evidence(s)

    @staticmethod
    def _elsewhere(places: Sequence[PlaceMention], target: Candidate) -> bool:
        """``وعثر على جثتي عنصرين في الصحوة أمس في بغداد`` after strikes near Kobani: dead
        a sentence places away from the event told before, with no act of its own named,
        are dead of another incident, not more of that event's (dev2 snn-7f6ece695ac1,
        snn-38b4becdf72c).
        A place of the same scene (the same place, one holding it or held by it, or one
        within ``SAME_SCENE_KM``) keeps them on it."""
        if not places or target.place is None:
            return False
        have = target.place.place
        for m in places:
            p = m.place
            if p.id == have.id or haversine_km(p.lat, p.lon, have.lat, have.lon) <= SAME_SCENE_KM:
                return False
            if p.admin_pcode and have.admin_pcode and (
                    p.admin_pcode.startswith(have.admin_pcode)
                    or have.admin_pcode.startswith(p.admin_pcode)):
                return False
        return True

    def _another_day(self, s: Sentence, target: Candidate) -> bool:
        """``وتسبب قصف مدفعي في مقتل 43 شخصا يوم الأحد`` after Tuesday's strike, ``وكانت
        اشتباكات دارت من مساء الخميس ... أسفرت عن مقتل 29`` after Saturday's clash: deaths
        the sentence dates to days the event was not on are another event's (dev
        snn-9d7eb1d7a907, snn-87fa00d8f210)."""
        when, explicit = self._date(s.text)
        have = target.date
        if not (explicit and when is not None and have is not None):
            return False
        if when.end < have.start or when.start > have.end:
            return True
        # ``وأعلن عن مقتل جندي آخر الأسبوع الماضي``، ``خلال الأيام العشرة الماضية قتل 40``
        # after an event of one day: dead told over a week or more are a period's or
        # another incident's, not more of that day's (dev snn-9d7eb1d7a907,
        # snn-e8400d4d37df: an Emirati soldier killed last week added to Monday's
        # take-over of central Aden).
        return have.precision == 1 and (when.end - when.start).days >= WEEK_SPAN_DAYS


class _HasStart(Protocol):
    @property
    def start(self) -> int: ...


T = TypeVar("T", bound=_HasStart)


class _ByStart(Generic[T]):
    """Items by their start offset: a sentence's own in O(log n + its share), not a scan
    of the whole document's (which made long documents quadratic)."""

    def __init__(self, items: Sequence[T]) -> None:
        self._items = items
        self._order = sorted(range(len(items)), key=lambda k: items[k].start)
        self._starts = [items[k].start for k in self._order]

    def within(self, start: int, end: int) -> list[T]:
        """Items with ``start <= item.start < end``, in their original order."""
        lo, hi = bisect_left(self._starts, start), bisect_left(self._starts, end)
        return [self._items[k] for k in sorted(self._order[lo:hi])]


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


_VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence",
                            "Violence against civilians"})


def _same_place_id(a: Candidate, b: Candidate) -> bool:
    return a.place is not None and b.place is not None and a.place.place.id == b.place.place.id


def _weak(m: PlaceMention) -> bool:
    """One definite word with no feature noun before it (``السوق``, ``المدينة``): as
    likely a common noun as a place."""
    surface = m.surface.strip()
    return m.feature is None and " " not in surface and normalize_for_match(
        surface).startswith("ال") and m.place.kind == "populated place"


def coherent_places(places: list[PlaceMention]) -> list[PlaceMention]:
    """Drop weak mentions of places in countries the article otherwise never names.

    An article about Idlib that reads ``السوق`` as a Yemeni village, or
    ``المدينة`` as a town in Iraq, is fooled by a homograph; a place named
    firmly (a feature word, several words, an admin unit) sets the countries
    the article is about.
    """
    countries = {p.place.country for p in places if not _weak(p)}
    if not countries:
        return places
    return [p for p in places if not _weak(p) or p.place.country in countries]




def _shared_subject(match: TriggerMatch, tokens: list[Token], roles: Roles,
                    before: Roles) -> Roles:
    """``تقدمت المقاومة الشعبية ... وألقت القبض على 72 عنصراً من الحوثيين``: a verb
    joined by و/ف to the clause before, with no subject of its own, shares that
    clause's acting side (unless that side is what it acts on)."""
    shared = before.actor1
    # The verb may be the trigger or stand just before it (``وعثرت على مستودع أسلحة``);
    # only the bare conjunction: ``والقصف``، ``وبالهجوم`` are nouns, not verbs.
    joined = any(t.prefix in ("و", "ف") for t in tokens[max(0, match.first - 2):match.first + 1])
    if shared is None or shared == roles.actor2 or not joined:
        return roles
    return Roles(shared, roles.actor2, roles.assoc1, used_until=roles.used_until)


# A toll dated to a span this long is a period's, not one day's event's.
WEEK_SPAN_DAYS = 7
# Places this close are one scene for a toll told after an event (a district and its town).
SAME_SCENE_KM = 30.0

# Words from a sentence's start within which a claim of the attack just told is read.
_CLAIM_REACH = 12

# ``من الحدود/الأراضي/الجانب`` + a country's adjective: where cross-border fire came from.
_BORDER_SIDES = frozenset({"الحدود", "الاراضي", "الجانب", "الشريط"})


@cache
def _country_words(actors: ActorDictionary) -> dict[str, str]:
    """Each country's adjectives and names of ``actor_countries.tsv``, normalised, to ISO2."""
    out: dict[str, str] = {}
    for iso2, c in actors.countries.items():
        for word in (*c.aliases, c.name_ar):
            out.setdefault(normalize_for_match(word), iso2)
    return out
