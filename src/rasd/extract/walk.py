"""The walk over an article, sentence by sentence, that makes its candidate events.

For each sentence:

1. triggers from the lexicon (negated and modal sentences give none);
2. each trigger owns the places that follow it up to the next trigger (a
   trigger with none shares the next one's: ``غارات وقصف مدفعي على هجين``),
   and each place makes its own event (two towns raided are two events);
3. actors by role (``roles``), then the event rules (``data/event_rules.tsv``,
   ``event_rules``): the context recodes the trigger's type, sub-type and role and
   decides the sides, falling back to the article's story when a sentence names
   only one side or none (``extract_story``);
4. the date from the sentence, else the news window of the publication date
   (``extract_event_dates``);
5. deaths attached to the nearest trigger, and a sentence with deaths but no
   place of its own (``وأضاف أن ... قتل أحد المقاتلين``) adds them to the
   event it continues (``extract_tolls``).

The cue rules of one sentence are in ``extract_sentence``, the clause-level place
and toll rules in ``extract_clauses``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from rasd.acled import CROWDS
from rasd.clean.analysis import Analysis
from rasd.clean.normalize import normalize_for_match
from rasd.extract.clauses import (
    SAME_WORDS,
    anaphors,
    assign_places,
    attach_deaths,
    clause_breaks,
    clause_of,
    death_walls,
    drop_retellings,
    owners,
    recalled_deaths,
    reference_walls,
    resolve_anaphora,
    sentence_deaths,
)
from rasd.extract.dates import written_day
from rasd.extract.event_dates import reference_date
from rasd.extract.event_rules import EventRules
from rasd.extract.fold import Candidate
from rasd.extract.lexicon import Lexicon, TriggerMatch
from rasd.extract.national import NATIONAL_METHOD, national_act, truce_places
from rasd.extract.pointers import PointerRules
from rasd.extract.predicates import Coding
from rasd.extract.roles import (
    Roles,
    assign_roles,
    civilian_at,
    has_civilian_target,
    victims_before,
)
from rasd.extract.sentence import SentenceRules
from rasd.extract.story import StoryRules
from rasd.extract.tokens import Token
from rasd.extract.tolls import TollRules
from rasd.geo.hit_words import PART_CITY_POP
from rasd.models import Actor, DateSpan, Document, Place, PlaceMention, Sentence

if TYPE_CHECKING:
    from rasd.actors.dictionary import ActorDictionary, ActorMention

# A city named this often is one the story is about (a quarter of it may be named alone).
STORY_CITY_MENTIONS = 3



class DocumentWalk(SentenceRules, TollRules, StoryRules, PointerRules):
    """One article's walk: fed its sentences in order, it gathers ``candidates``."""

    def __init__(self, doc: Document, analysis: Analysis, lexicon: Lexicon,
                 actors: ActorDictionary, places: list[PlaceMention],
                 mentions: list[ActorMention], *, default_country: str,
                 event_rules: EventRules, capitals: Mapping[str, Place] | None = None) -> None:
        self.doc = doc
        self.event_rules = event_rules
        self.capitals = capitals or {}
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
        self.air_told: list[Actor] = []
        self.air_pending: list[Actor] = []
        countries = Counter(p.place.country for p in places if p.place.country)
        self.country = countries.most_common(1)[0][0] if countries else None
        # The cities the story is about: named again and again (``_lift_areas``).
        named = Counter(p.place.id for p in places)
        self.story_cities = list({p.place.id: p.place for p in places
                                  if named[p.place.id] >= STORY_CITY_MENTIONS}.values())
        # The large cities the article names most (``_lift_city_parts``): where a
        # compass word pointing at no named place points from.
        big = Counter(p.place.id for p in places if p.place.kind == "populated place"
                      and p.place.population >= PART_CITY_POP)
        top = max(big.values(), default=0)
        self.main_cities = list({p.place.id: p.place for p in places
                                 if top and big[p.place.id] == top}.values())
        self.reference = reference_date(doc, text)
        self.written = written_day(text, doc.published)
        # The last exact day a sentence gave, for ``وفي اليوم التالي`` after it.
        self._anchor_day: date | None = None
        self._prev_text: str | None = None
        self._dates: dict[str, tuple[DateSpan | None, bool]] = {}
        # Sentences left but not yet dated for the anchor (``_passed``, ``_catch_up``).
        self._untold: list[str] = []
        self._untold_set: set[str] = set()
        self._catching = False
        # The day of the article's first series lead (``_note_series``).
        self._series_day: DateSpan | None = None
        # The day of the article's lead when the news window cannot hold it (``_note_story``).
        self._story_day: DateSpan | None = None
        self._story_read = False
        self._lead: str | None = None
        self._texts: list[str] = []
        self._order: dict[str, int] = {}
        self._lead_tokens: Callable[[], list[Token]] | None = None

    # -- one sentence --------------------------------------------------
    def sentence(self, s: Sentence) -> None:
        if self._prev_text is not None:
            self._passed(self._prev_text)
        self._prev_text = s.text
        self._order.setdefault(s.text, len(self._texts))
        self._texts.append(s.text)
        self.note_air(self.analysis.tokens(s), self._mentions_at.within(s.start, s.end))
        if self.title and normalize_for_match(s.text) == self.title:
            return  # the headline restates the body; coders code the body
        if self._headline_like(s):
            return
        self._note_story(s.text, lambda: self.analysis.tokens(s))
        if not self.candidates and not self.lex.may_have_trigger(s.text):
            # Before the first event a sentence with no trigger changes nothing
            # (claims, continued tolls and settlements all need an earlier event);
            # the test reads the sentence's words without making its tokens.
            return
        tokens = self.analysis.tokens(s)
        if not tokens:
            return
        s_mentions = self._mentions_at.within(s.start, s.end)
        self._claim(tokens, s_mentions)
        matches, bounds = self._triggers(tokens, s_mentions)
        if self._tally_of_acts(matches, tokens, s.text):
            return
        self._note_series(matches, tokens, s.text)
        s_places = self._places_at.within(s.start, s.end)
        # Every place the sentence names, its act's or not: a relative clause may describe
        # one the rules below drop (``عشرة كلم من كوباني التي …``).
        named_places = s_places
        s_places = self._lift_areas(s_places, self.story_cities)
        s_places = self._lift_city_parts(s_places, tokens, self.main_cities)
        s_places = self._drop_anchors(s_places, tokens, matches)
        s_places = self._drop_origins(s_places, tokens)
        s_places = self._drop_makes(s_places, tokens)
        s_places = self._drop_journeys(s_places, tokens)
        s_places = self._drop_offices(s_places, tokens)
        s_places = self._drop_distance_anchors(s_places, tokens)
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
        walls = reference_walls(tokens)
        recall = death_walls(tokens) if deaths else []
        # ``ويأتي هذا التصعيد غداة قصف جوي ... ردا على مقتل شرطيين الأسبوع الماضي``: dead
        # told in a phrase recalling another act are that act's, not more of the event
        # the sentence goes on about.
        if deaths and self._summary(tokens, s.text):
            # ``وكانت اشتباكات مماثلة قد ... أسفرت عن مقتل 55``، ``منذ أكتوبر ... مقتل
            # أكثر من 120``: a toll of an earlier event or of a whole war, not today's.
            # It stays only on the sentence's own event (a background clash at its place).
            deaths = deaths if matches and s_places else []
        going_on = recalled_deaths(deaths, tokens, s, recall, keep=False) if recall else deaths
        if matches and self._toll_told_again(matches, tokens, s_places):
            matches = []
        if not matches:
            # ``وقال المتحدث إن قواته قتلت العشرات``: the toll of the event told before.
            if going_on and self.candidates:
                self._continue(going_on, s, [], tokens, places=s_places, mentions=s_mentions,
                               allied=self.allied)
            return
        if not s_places and matches:
            # ``وفي البلدة ذاتها، قصفت ...``: a new act at the place the last event was
            # coded at (the fold keeps it apart when it is another act).
            s_places = self._same_place(tokens) or self._pointed_place(tokens, matches, s)
        if not s_places and matches:
            # ``اعتقلت الشرطة في جميع أنحاء تركيا 590 شخصاً``: an act of the whole
            # country, coded at its capital (``extract_national``).
            s_places = self.national(matches, tokens)
        if not s_places:
            # Deaths told in a sentence with no place of its own belong to the
            # event it goes on about: the last one of a compatible type.
            if going_on and self.candidates:
                self._continue(going_on, s, matches, tokens, mentions=s_mentions,
                               allied=self.allied)
            self._settlement(matches, tokens, s_mentions, s)
            return
        when, explicit = self._date(s.text)
        background = self._background(tokens, s.text, when, explicit)
        # A phrase recalling another act opens a clause of its own: its places are
        # that act's (``، ردا على تعرض بلدة الزبداني لهجوم``).
        breaks = sorted([*clause_breaks(tokens, s.text, s.start), *((w, True) for w in walls)])
        owned = assign_places(matches, bounds, s_places, breaks, walls)
        own = owners(matches, bounds, s_places, breaks)
        resolve_anaphora(matches, bounds, owned, own, s_places, anaphors(tokens, s_places))
        drop_retellings(matches, owned, own=own, tokens=tokens)
        owned, moved = truce_places(matches, owned, tokens, lex=self.lex, capital_of=lambda
                             acts: self.national(acts, tokens))
        made: list[tuple[TriggerMatch, Candidate]] = []
        used_until = s.start
        said: Roles | None = None  # the roles of the sentence's previous trigger
        for i, match in enumerate(matches):
            nxt = matches[i + 1].start if i + 1 < len(matches) else s.end
            # ``غارات … في وقت تستمر فيه المعارك بين الطرفين``: the sides of
            # a state of affairs described after the act are not the act's.
            nxt = min([nxt, *(b.start for b in bounds if match.end <= b.start < nxt
                              and self._ongoing_state(b, tokens))])
            prev = max(matches[i - 1].end, used_until) if i > 0 else s.start
            roles = assign_roles(match, tokens, s_mentions, lexicon=self.lex, window=(prev, nxt),
                                 sentence_subject_end=matches[0].start, text=s.text,
                                 offset=s.start, allied=self.allied)
            if roles.actor1 is None and roles.actor2 is None:
                # A trigger with no side between it and the next one reads its whole
                # clause, not the sentence: in a round-up (``قصفت قوات النظام ...، فيما
                # قضى رجل اثر انفجار ...، ترافق مع اشتباكات بين ... والفصائل``) the sides
                # of another clause's fight are not this act's (issue 14, actors14g:
                # dev3 snn-5d597ee44d57, dev snn-ebf8b42b771f).
                roles = assign_roles(match, tokens, s_mentions, lexicon=self.lex,
                                     window=clause_of(match.start, breaks),
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
            story = None if explicit or recalled or back is not None or series is not None \
                else self._story_date(match)
            if story is not None:
                dated = story
            told = explicit
            own_day = None if back is not None else \
                self._own_clause_day(match, tokens, s.text, s.start)
            if own_day is not None and own_day != dated:
                # The act's own relative clause tells its day (``الذي استشهد يوم الجمعة``).
                dated, told, series = own_day, True, None
                recalled = recalled or self._background(tokens, s.text, own_day, True)
            elif own_day is None and explicit and back is None and self._place_clause_day(
                    match, tokens, s.text, s.start, named_places):
                # The only day told is a place's past (``التي ارتكب فيها ... قبل يومين
                # مجزرة``): the act has none, so the news window's.
                dated, told, series = self._window(), False, None
                recalled = self._recalled_after(match, tokens)
            elif own_day is None and explicit and back is None:
                outer = self._outer_day(match, tokens, s.text, s.start)
                if outer is not None and outer != dated:
                    # A day told outside the clauses about something else is the act's.
                    own_day, dated, series = outer, outer, None
                    recalled = self._background(tokens, s.text, outer, True)
            for place in owned[i]:
                if place.method == NATIONAL_METHOD and not national_act(match):
                    continue  # the capital is the country's act's, not a neighbour's
                cand = self._candidate(match, tokens, roles, place, dated, recalled, s,
                                       clause_end=last, mentions=s_mentions, places=owned[i],
                                       clause=clause_of(match.start, breaks))
                if cand is not None:
                    cand.explicit_date = told and i not in moved
                    cand.rules["date"] = ["time/none" if dated is None else
                                          "time/clause" if own_day is not None and told
                                          and dated == own_day else
                                          "time/sentence" if told else
                                          "time/series" if series is not None else
                                          "time/story" if story is not None else
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
        if recall != walls:
            breaks = sorted([*clause_breaks(tokens, s.text, s.start), *((w, True) for w in recall)])
        attach_deaths(deaths, made, s, breaks, recall)
        self.candidates.extend(c for _, c in made)

    def _same_place(self, tokens: list[Token]) -> list[PlaceMention]:
        """The last event's place when the sentence points back to it in so many words
        (``في المدينة نفسها``، ``وفي البلدة ذاتها``)."""
        last = next((c for c in reversed(self.candidates) if c.place is not None
                     and c.place.method != NATIONAL_METHOD), None)
        if last is None or last.place is None:
            return []
        for t in anaphors(tokens, ()):
            if t.index + 1 < len(tokens) and tokens[t.index + 1].norm in SAME_WORDS:
                return [last.place]
        return []

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
        for f in ("actor1", "actor2"):
            # ``تنظيم الدولة الإسلامية`` in Sirte is the Islamic State's Libyan branch.
            branch = self.branch(getattr(coding, f), place.place.country)
            if branch is not getattr(coding, f):
                setattr(coding, f, branch)
                why.setdefault(f, []).append("actors/branch")
            home = self.home_police(branch, mentions, place.place.country,
                                    coding.actor2 if f == "actor1" else coding.actor1)
            if home is not branch:
                setattr(coding, f, home)
                why.setdefault(f, []).append("actors/home-police")
        if place.method or place.cue:
            why["location"] = [f"geo/{place.method}" + (f":{place.cue}" if place.cue else "")]
        if background:
            why["event"].append("time/background")
        return Candidate(event_type=coding.event_type, sub_event_type=coding.sub,
                         role=coding.role, actor1=coding.actor1, actor2=coding.actor2,
                         assoc1=coding.assoc1, place=place, date=when, background=background,
                         trigger=trig.source, sentence=s, evidence=[s], rules=why,
                         retold=_definite(match, tokens))


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


_VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence",
                            "Violence against civilians"})


def _definite(match: TriggerMatch, tokens: list[Token]) -> bool:
    """The act's noun is definite: it bears ال (``التفجير في البياع``), or it is in
    construct with a definite word (``اختطاف المندعي``، ``تفجير البياع``): an adjective
    after an indefinite noun would be indefinite too, so a definite word right after it
    is its genitive (dev snn-5fc7a88b6bb0)."""
    if tokens[match.first].prefix.endswith("ال"):
        return True
    nxt = match.last + 1
    return match.first == match.last and _noun_shaped(tokens[match.first]) \
        and nxt < len(tokens) and tokens[nxt].prefix.endswith("ال")


def _noun_shaped(token: Token) -> bool:
    """A verbal noun by its shape (``تفجير``، ``اختطاف``، ``هجوم``، ``مجزرة``), not a verb
    whose definite subject follows it (``انفجرت العبوة``، ``قصفت الطائرات``)."""
    stem = token.forms[-1]
    return len(stem) >= 4 and (
        (stem[0] == "ت" and stem[-2] == "ي") or (stem[0] == "ا" and stem[-2] == "ا")
        or stem[-2] == "و" or stem[-1] == "ه")


def _same_place_id(a: Candidate, b: Candidate) -> bool:
    return a.place is not None and b.place is not None and a.place.place.id == b.place.place.id


def _weak(m: PlaceMention) -> bool:
    """One definite word with no feature noun before it (``السوق``, ``المدينة``): as
    likely a common noun as a place."""
    surface = m.surface.strip()
    return m.feature is None and " " not in surface and normalize_for_match(
        surface).startswith("ال") and m.place.kind == "populated place"


def coherent_places(places: list[PlaceMention], named: Collection[str] = (),
                    seat: Callable[[Place], bool] | None = None) -> list[PlaceMention]:
    """Drop weak mentions of places in countries the article otherwise never names.

    An article about Idlib that reads ``السوق`` as a Yemeni village, or
    ``المدينة`` as a town in Iraq, is fooled by a homograph; a place named
    firmly (a feature word, several words, an admin unit) sets the countries
    the article is about. A country word (``named``) vouches for the towns that
    units are named after (``seat``) whose name bears the article as written:
    ``غارات في سوريا نفذت قرب الحسكة`` beside the Iraqi towns of the same statement
    (issue 14, dev2 snn-1682a79e42f6, snn-a4ec7b66c9ac); a village named like an
    adjective (``الكردي``) or a name read with the article added (``الصور``) is not.
    """
    countries = {p.place.country for p in places if not _weak(p)}
    if not countries:
        return places
    return [p for p in places if not _weak(p) or p.place.country in countries
            or (p.place.country in named and seat is not None and seat(p.place)
                and normalize_for_match(p.place.name_ar).startswith("ال"))]


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
    return Roles(shared, roles.actor2, roles.assoc1, used_until=roles.used_until,
                 joined1=roles.joined1)
