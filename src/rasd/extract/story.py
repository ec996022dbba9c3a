"""The article's story: who its sides are, beyond what one sentence names.

A base class of the walk (:class:`rasd.extract.walk.DocumentWalk`), and the
:class:`rasd.extract.predicates.Story` the event rules consult: a missing side
filled from the previous event or the story's salient actors, whether two actors
are allies or opponents on the article's day (``data/actor_sides.tsv``), the state
forces and generic actors of a country, where cross-border fire came from; and two
passes over the events told so far: a claim (``وتبنى تنظيم داعش الهجوم``) names the
attacker of the attack just told, and an agreement between the two sides settles
the story's main fight.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING

from rasd.acled import ARMED_GROUPS, CROWDS, Inter
from rasd.actors.branches import branch_id
from rasd.actors.sides import load_sides
from rasd.clean.normalize import normalize_for_match
from rasd.clean.word_sets import word_set
from rasd.extract.event_dates import TimeRules
from rasd.extract.fold import Candidate, pair
from rasd.extract.lexicon import Lexicon, TriggerMatch
from rasd.extract.national import NATIONAL_METHOD, national_place
from rasd.extract.numbers_ar import may_start_number
from rasd.extract.tokens import Token
from rasd.models import Actor, Document, Place, PlaceMention, Sentence

if TYPE_CHECKING:
    from rasd.actors.dictionary import ActorDictionary, ActorMention

# Words from a sentence's start within which a claim of the attack just told is read.
_CLAIM_REACH = 12

def _other_act_claimed(lex: Lexicon, tokens: Sequence[Token], k: int) -> bool:
    """A claim word at ``k`` followed by ``عن`` and a word with no article: ``مسؤوليته عن
    قتلهما`` claims an act the sentence recalls, not the one just told (``المسؤولية عن
    التفجير``; issue 14, act7: dev snn-7457bd98fa69, snn-b9f24c590ca2)."""
    return (k + 2 < len(tokens) and lex.cue("claim", tokens[k], tokens)
            and tokens[k + 1].has_form("عن") and not tokens[k + 2].prefix.endswith("ال"))


# ``من الحدود/الأراضي/الجانب`` + a country's adjective: where cross-border fire came from.
_BORDER_SIDES = word_set("border_side")

# Who flies aircraft: a state's forces or an intervening force, never a militia.
AIR_FORCES = (Inter.STATE_FORCES, Inter.EXTERNAL_OTHER)
# The id prefix of every country's police (``pol-tr``، ``pol-sy-2024``).
_POLICE_PREFIX = "pol-"
# Words before a force's name within which an aircraft word makes it the aircraft's owner
# (``طائرات التحالف``، ``الطائرات المقاتلة التابعة للتحالف``).
_AIRCRAFT_BEFORE = 3


class StoryRules(TimeRules):
    """The story's sides; a subclass provides the document, the lexicon, the actor
    dictionary, the events told so far and the story's salient actors."""

    doc: Document
    lex: Lexicon
    actors: ActorDictionary
    candidates: list[Candidate]
    salient: list[Actor]
    # The article's country (most of its places), and each country's capital.
    country: str | None
    capitals: Mapping[str, Place]
    # The air forces earlier sentences named with their aircraft or strikes, in order;
    # the current sentence's wait in ``air_pending`` until the next one begins.
    air_told: list[Actor]
    air_pending: list[Actor]

    def note_air(self, tokens: list[Token], mentions: Sequence[ActorMention]) -> None:
        """Remember the air forces a sentence names as flying (``قال التحالف إن طائراته
        نفذت 27 غارة``، ``قصفت طائرات حربية تركية``), for a later strike that names none;
        called as each sentence begins, so a sentence never reads its own."""
        self.air_told += self.air_pending
        self.air_pending = []
        for m in mentions:
            if m.actor.inter not in AIR_FORCES or m.victims:
                continue
            # ``ضربة إسرائيلية جوية``: the aircraft word may follow the name's nisba.
            near = [t for t in tokens if t.start < m.start][-_AIRCRAFT_BEFORE:] \
                + [t for t in tokens if m.start <= t.start < m.end] \
                + [t for t in tokens if t.start >= m.end][:_AIR_AFTER]
            if any(self.lex.cue("air", t, tokens) for t in near):
                self.air_pending.append(m.actor)

    def air_force(self, exclude: Sequence[Actor | None]) -> Actor | None:
        """The air force an earlier sentence last named flying, none of ``exclude``."""
        return next((a for a in reversed(self.air_told)
                     if a not in exclude), None)

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
            # ``نحو 72 حوثيا``: a count of the group's people (its name as a person's nisba).
            if before and may_start_number(before[-1].norm) and m.actor.inter in ARMED_GROUPS \
                    and " " not in m.surface:
                return True
        return False

    def branch(self, actor: Actor | None, country: str | None) -> Actor | None:
        """``تنظيم الدولة الإسلامية`` in an event in Libya: the group's branch of the
        event's country (``data/actor_branches.tsv``), else the actor itself."""
        found = branch_id(actor.id, country) if actor is not None else None
        return self.actors.get(found) if found is not None else actor

    def home_police(self, actor: Actor | None, mentions: Sequence[ActorMention],
                    country: str | None, other: Actor | None = None) -> Actor | None:
        """Police named only generically (``الشرطة``، ``قوات الأمن``) act at home: the police of
        the event's country, not of the country the article is mostly about (``نفذتها
        الشرطة في جميع أنحاء البلاد`` in Turkey, told in an article on its strikes in Syria:
        issue 14, actors8, dev5 snn-8affe9ba4a1f). Never the event's ``other`` side too."""
        if actor is None or not country or actor.country in (None, country) \
                or not actor.id.startswith(_POLICE_PREFIX):
            return actor
        told = [m for m in mentions if m.actor == actor]
        if not told or not all(m.generic for m in told):
            # ``الشرطة الإسرائيلية`` in Jerusalem, or the story's police: named, so kept.
            return actor
        home = self.actors.state_forces(country, police=True, on=self.doc.published)
        return actor if home is None or home == other else home

    def leads(self, follower: Actor, leader: Actor) -> bool:
        """``leader``, told joined by و to ``follower`` as one acting side, is actor 1 on
        the article's day (``data/actor_leads.tsv``)."""
        return load_sides().leads(follower.id, leader.id, on=self.doc.published)

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

    def victims_country(self, tokens: Sequence[Token], first: int, last: int) -> str | None:
        """The nationality the victims of an act are told by, within ``first``..``last``:
        a country's plural nisba after a count or a civilian noun (``أربعة إيطاليين``،
        ``أربعة مواطنين إيطاليين``، ``ثلاثة من المواطنين الأتراك``), ISO2; None when not told.
        Foreigners hit abroad are civilians of their own country (tests/gold/README.md:
        Syrian refugees in Lebanon are Civilians (Syria))."""
        adjectives = _country_words(self.actors)
        for j in range(max(1, first), min(len(tokens), last + 1)):
            iso2 = adjectives.get(_singular_nisba(tokens[j].norm))
            if iso2 is None:
                continue
            before = tokens[j - 1]
            if may_start_number(before.norm) or self.lex.cue("civilian", before, tokens):
                return iso2
        return None

    def national(self, matches: Sequence[TriggerMatch], tokens: list[Token]) -> list[PlaceMention]:
        """The capital, for a sentence with no place that tells an act of its whole
        country (``extract_national``)."""
        return national_place(matches, tokens, lex=self.lex,
                              country_words=_country_words(self.actors),
                              own_country=self.country, capitals=self.capitals)

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
        # An act of a whole country (``extract_national``) is no side of the story told
        # around it: the strikes after a nationwide arrest campaign are not the police's.
        prev = next((c for c in reversed(self.candidates) if c.place is None
                     or c.place.method != NATIONAL_METHOD), None)
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

    def _claim(self, tokens: list[Token], mentions: Sequence[ActorMention]) -> None:
        """``وتبنى تنظيم داعش الهجوم``: a named group claims the attack just told by
        unnamed gunmen, so it is the attacker."""
        # ``حمّل قائد عمليات الجزيرة خلايا داعش مسؤولية الهجوم``: the claim or blame may
        # come after the one who tells it.
        if not self.candidates:
            return
        if any(self.lex.cue("claim", t, tokens) for t in tokens[:_CLAIM_REACH]):
            if any(self.lex.cue("negation", t, tokens) for t in tokens[:6]):
                return  # ``ولم تتبن أي جهة الهجوم``
            if any(_other_act_claimed(self.lex, tokens, k) for k in range(
                    min(_CLAIM_REACH, len(tokens)))):
                return
            group = next((m.actor for m in mentions if m.actor.inter in ARMED_GROUPS
                          and not m.actor.id.startswith("uag-")), None)
        else:
            group = self._late_claimant(tokens, mentions)
            if group is None:
                return
        last = self.candidates[-1]
        found = self.lex.find_triggers(tokens)
        if found and all(self.lex.cue("weak_trigger", tokens[m.first], tokens) for m in found):
            # ``وتبنت الحركة الأربعاء قتل شرطيين في جيلان بينار``: the claim tells the
            # killing it claims, an act of its own, not the car bomb told before it (issue
            # 14, kill14i: dev2 snn-3b8d5cd2cae2, snn-8d00ad812b5d).
            return
        # ``وتبنت جماعة`` … ``إطلاق قذيفتي هاون`` in May: a claim of another kind
        # of act, told in the claim itself, is not a claim of the act just told; a
        # generic attack word (``تبنى التنظيم الهجوم``) still points back (dev
        # snn-110ba1e1584b, snn-877a717eea7e: Gaza car bombs given to a mortar claimant).
        if any(m.trigger.role != "attack" and m.trigger.sub_event_type != last.sub_event_type
               for m in found):
            return
        if group is not None and last.actor1 is not None and last.actor1.id.startswith("uag-") \
                and last.event_type != "Strategic developments":
            last.actor1 = group

    def _late_claimant(self, tokens: list[Token],
                       mentions: Sequence[ActorMention]) -> Actor | None:
        """``وسقط عشرات القتلى جراء الهجوم ...، وكان تنظيم داعش أعلن في بيان المسؤولية عن
        التفجير``: a claim of an act (the claim word, ``عن`` and the act's definite noun)
        later in a sentence,
        by the armed group named as its subject a few words before it (issue 14, act7:
        dev4 snn-c467ea57e8a3)."""
        for k, t in enumerate(tokens[:-2]):
            # The act claimed is told by its definite noun (``عن التفجير``).
            if not (self.lex.cue("claim", t, tokens) and tokens[k + 1].has_form("عن")) \
                    or _other_act_claimed(self.lex, tokens, k):
                continue
            lo = tokens[max(0, k - _CLAIM_REACH)].start
            near = [m for m in mentions if lo <= m.start and m.end <= t.start
                    and m.actor.inter in ARMED_GROUPS and not m.actor.id.startswith("uag-")]
            if near and not any(self.lex.cue("negation", u, tokens)
                                for u in tokens[max(0, k - _CLAIM_REACH):k]):
                return near[-1].actor
        return None

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


# Words after an air force's name within which an aircraft word says it flew.
_AIR_AFTER = 2


@cache
def _country_words(actors: ActorDictionary) -> dict[str, str]:
    """Each country's adjectives and names of ``actor_countries.tsv``, normalised, to ISO2."""
    out: dict[str, str] = {}
    for iso2, c in actors.countries.items():
        for word in (*c.aliases, c.name_ar):
            out.setdefault(normalize_for_match(word), iso2)
    return out


def _singular_nisba(word: str) -> str:
    """The definite singular of a plural nisba (``إيطاليين``، ``الإيطاليون`` -> ``الايطالي``),
    as ``actor_countries.tsv`` lists adjectives; any other word unchanged but for ال."""
    bare = word.removeprefix("ال")
    if bare.endswith(("يين", "يون")) and len(bare) > 5:
        return "ال" + bare[:-2]
    return word
