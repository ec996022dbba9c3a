"""The named Python predicates and actor actions the event rules call.

``data/event_rules.tsv`` says which event a trigger makes and how context changes it;
what data cannot say (who in a sentence is armed, which side a story already named,
whether a protest word is what the crowd is against) is a small function here, named
in the rule file and looked up in :data:`PREDICATES` or :data:`ACTIONS`. A name the
registry does not hold stops the rule file from loading.

A predicate reads one :class:`Coding` (the event being coded for one trigger at one
place) and answers yes or no; some take an argument after a colon
(``sentence-cue:mob``), checked at load against the cue kinds. An action sets actor
fields and returns the fields it decided, which the event records the rule's id on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from rasd.acled import ARMED_GROUPS, CROWDS, DEMONSTRATORS, Inter
from rasd.extract.lexicon import CUE_KINDS, Lexicon, TriggerMatch
from rasd.extract.roles import Roles
from rasd.extract.tokens import Token
from rasd.models import Actor, PlaceMention

if TYPE_CHECKING:
    from rasd.actors.dictionary import ActorMention

# Who meets a protest with force, and who makes arrests (a group acting as the state too).
REPRESSORS = (Inter.STATE_FORCES, Inter.POLITICAL_MILITIA)
ARRESTERS = (Inter.STATE_FORCES, Inter.REBEL_GROUP, Inter.POLITICAL_MILITIA,
             Inter.EXTERNAL_OTHER)
# The id prefix of the generic "Unidentified Armed Group (country)" actors.
UNNAMED_GROUP = "uag-"
# Fights on the ground: their missing side is a ground force, not an external air force.
GROUND_ROLES = ("clash", "take")
# Who flies an air strike: a state's forces or an intervening force, never a militia.
AIR_FORCES = (Inter.STATE_FORCES, Inter.EXTERNAL_OTHER)
AIR_STRIKE = "Air/drone strike"
# Words before a group's name within which a claim or blame word names it the doer.
_CLAIM_BEFORE = 3
# Words before a trigger that a ``cue-before`` predicate looks at.
BEFORE_WINDOW = 3
# Words after a trigger that a ``cue-after`` predicate looks at.
AFTER_WINDOW = 4
# Words right after a trigger that a ``cue-next`` predicate looks at (``هجوم آخر بسيارة``).
NEXT_WINDOW = 2


class Story(Protocol):
    """What the document walk knows beyond one sentence: the story's actors and the
    generic actors of a country."""

    def generic(self, kind: str, country: str) -> Actor: ...

    def state(self, country: str, *, police: bool) -> Actor | None: ...

    def story_actors(self, a1: Actor | None, a2: Actor | None, civilian: bool, *,
                     supporters: Sequence[Actor] = (), ground: bool = False
                     ) -> tuple[Actor | None, Actor | None]: ...

    def members(self, actor: Actor, mentions: Sequence[ActorMention],
                tokens: list[Token]) -> bool: ...

    def opposed(self, a: Actor, b: Actor) -> bool: ...

    def fired_from(self, tokens: Sequence[Token]) -> str | None: ...

    def air_force(self, exclude: Sequence[Actor | None]) -> Actor | None: ...


@dataclass
class Coding:
    """One trigger's event at one place while the event rules run over it."""

    match: TriggerMatch
    tokens: list[Token]
    roles: Roles  # the sides the sentence names, as read around the trigger
    mentions: Sequence[ActorMention]
    clause_end: int  # token index where the trigger's clause ends
    country: str
    lex: Lexicon
    story: Story
    event_type: str
    sub: str
    role: str
    actor1: Actor | None
    actor2: Actor | None
    assoc1: tuple[Actor, ...]
    civilian: bool  # civilians named as the target around the trigger or in its clause
    why: dict[str, list[str]] = field(default_factory=dict)
    places: Sequence[PlaceMention] = ()  # the places the trigger owns in its sentence
    # Character span of the trigger's clause of a round-up (``clauses.clause_of``); the
    # whole sentence when it has no clause breaks.
    clause: tuple[int, int] = (-1, 1 << 62)

    def any_cue(self, kind: str, tokens: Sequence[Token] | None = None) -> bool:
        return any(self.lex.cue(kind, t, self.tokens)
                   for t in (self.tokens if tokens is None else tokens))


Predicate = Callable[[Coding, str], bool]
Action = Callable[[Coding], tuple[str, ...]]


def _sentence_cue(c: Coding, kind: str) -> bool:
    return c.any_cue(kind)


def _clause_cue(c: Coding, kind: str) -> bool:
    """A cue of ``kind`` in the trigger's clause of a round-up: in ``قصف الحوثيون مدينة
    تعز، بينما قصفت طائرات التحالف مواقع ...`` the aircraft are the other clause's, not
    the first shelling's. A clause that names no side of its own (``قصفت المروحيات بلدة
    ...، كما قصفت قرية ...``) goes on with the sentence's, so the whole sentence counts."""
    lo, hi = c.clause
    if not any(lo <= m.start < hi for m in c.mentions):
        return c.any_cue(kind)
    return c.any_cue(kind, [t for t in c.tokens if lo <= t.start < hi])


def _clause_cue_before(c: Coding, kind: str) -> bool:
    """A cue of ``kind`` in the trigger's clause before it, where a subject stands
    (``طائرات حربية أغرقت سفينة وهاجمت أخرى``), not after it (``هاجموا قاعدة جوية``)."""
    lo, _ = c.clause
    return c.any_cue(kind, [t for t in c.tokens[:c.match.first] if t.start >= lo])


def _means_after(c: Coding, kind: str) -> bool:
    """A cue of ``kind`` after the trigger up to the first word of the next act told,
    that word included: the means the general act names (``مجزرة ... في حي دار سعد
    بقصف صاروخي``), not an act of its own further on (``مجزرة ...، وقصفت الطائرات
    بلدة أخرى``)."""
    last = c.match.last
    return c.any_cue(kind, c.tokens[last + 1:min(len(c.tokens), c.clause_end + 1)])


def _cue_before(c: Coding, kind: str) -> bool:
    first = c.match.first
    return c.any_cue(kind, c.tokens[max(0, first - BEFORE_WINDOW):first])


def _cue_after(c: Coding, kind: str) -> bool:
    """A cue of ``kind`` among the few words after the trigger, in its clause
    (``عجلات مفخخة كانت معدة لاستهداف``)."""
    last = c.match.last
    return c.any_cue(kind, c.tokens[last + 1:min(c.clause_end, last + 1 + AFTER_WINDOW)])


def _cue_next(c: Coding, kind: str) -> bool:
    """A cue of ``kind`` in the word or two right after the trigger, even where another
    trigger starts there (``هجوم بسيارة مفخخة``): ``cue-after`` stops at the next
    trigger's first word, which is the very word this looks for."""
    last = c.match.last
    return c.any_cue(kind, c.tokens[last + 1:last + 1 + NEXT_WINDOW])


def _no_mentions(c: Coding, _: str) -> bool:
    return not c.mentions


def _actor1(c: Coding, _: str) -> bool:
    return c.actor1 is not None


def _actor2(c: Coding, _: str) -> bool:
    return c.actor2 is not None


def _actor1_civilian(c: Coding, _: str) -> bool:
    return c.actor1 is not None and c.actor1.inter == Inter.CIVILIANS


def _actor1_state(c: Coding, _: str) -> bool:
    return c.actor1 is not None and c.actor1.inter == Inter.STATE_FORCES


def _civilian(c: Coding, _: str) -> bool:
    return c.civilian


def _specific_trigger(c: Coding, _: str) -> bool:
    # Triggers of priority 3 or less are generic (هجوم، تقدم): see triggers.tsv.
    return c.match.trigger.priority > 3


def _named_actor(c: Coding, _: str) -> bool:
    """The sentence names a side that is not civilians (someone who could attack them)."""
    return any(a is not None and a.inter != Inter.CIVILIANS
               for a in (c.roles.actor1, c.roles.actor2))


def _demonstrator_side(c: Coding, _: str) -> bool:
    return any(a is not None and a.inter in DEMONSTRATORS
               for a in (c.roles.actor1, c.roles.actor2))


def _demonstrators_coded(c: Coding, _: str) -> bool:
    """A side coded so far (the sentence's or the story's) is protesters or rioters."""
    return any(a is not None and a.inter in DEMONSTRATORS for a in (c.actor1, c.actor2))


def _demonstrator_mentioned(c: Coding, _: str) -> bool:
    return any(m.actor.inter in DEMONSTRATORS for m in c.mentions)


def _armed_agent(c: Coding, _: str) -> bool:
    """The sentence's acting side bears arms: an armed group, state forces (the RSF were
    state forces until 2023) or an external force."""
    a = c.roles.actor1
    return a is not None and a.inter in (*ARMED_GROUPS, Inter.STATE_FORCES,
                                         Inter.EXTERNAL_OTHER)


def _cue_after_ala(c: Coding, kind: str) -> bool:
    """A cue of ``kind`` after the trigger in its clause, right after ``على``
    (``استولى ... على محصول الزيتون``)."""
    return any(c.lex.cue(kind, t, c.tokens) and c.tokens[t.index - 1].has_form("علي")
               for t in c.tokens[c.match.last + 1:c.clause_end])


def _intervention(c: Coding, _: str) -> bool:
    """A word of force met by the protest, not one it is against (``رفضاً للقمع``)."""
    return any(c.lex.cue("intervention", t, c.tokens) and not any(
        c.lex.cue("cause", u, c.tokens) for u in c.tokens[max(0, t.index - 2):t.index])
        for t in c.tokens)


def _assoc(c: Coding, _: str) -> bool:
    return bool(c.roles.assoc1)


def _armed_group_mentioned(c: Coding, _: str) -> bool:
    """The sentence names an organised armed group that is not the state (rebels, a
    militia): a fight with it is a battle whoever else is there."""
    return any(m.actor.inter in ARMED_GROUPS for m in c.mentions)


def _names_place(c: Coding, _: str) -> bool:
    """``ردا على هجوم سوروتش``، ``بعد حادث تفجير مدينة سروج``، ``معركة ريف اللاذقية``: the
    act's noun in construct with a place name (nothing between them but the place's
    feature word or a region word) names an event or campaign the reader already knows,
    the way a headline does; an act told afresh says where with a preposition
    (``هجوم على سوروتش``، ``تفجير في سروج``)."""
    head = c.tokens[c.match.first]
    if head.prefix.endswith(("ال", "لل")):
        return False  # a definite noun is in no construct
    after = c.tokens[c.match.last + 1:]
    for p in c.places:
        if p.start < c.match.end:
            continue
        gap = [t for t in after if t.end <= p.start]
        if not gap or (len(gap) == 1 and (
                (p.feature is not None and gap[0].has_form(p.feature))
                or c.lex.cue("locator", gap[0], c.tokens))):
            return True
    return False


def _civilian_sides_only(c: Coding, _: str) -> bool:
    return all(a.inter == Inter.CIVILIANS for a in (c.actor1, c.actor2) if a is not None)


def _civilian_side(c: Coding, _: str) -> bool:
    return any(a is not None and a.inter == Inter.CIVILIANS for a in (c.actor1, c.actor2))


# The definite nouns of attacks already told (``وطالت الهجمات مواقع ... وتفجير عبوة``):
# a sentence that opens on them goes on about the story's attacks.
TOLD_ATTACKS = frozenset({"الهجمات", "الهجوم", "الهجمه", "الاعتداءات", "العمليات"})


def _told_attacks(c: Coding, _: str) -> bool:
    """Before the trigger, the sentence names the attacks just told by their definite
    noun: the act is one of them, by the story's attacker."""
    return any(t.norm.removeprefix("و") in TOLD_ATTACKS
               for t in c.tokens[:c.match.first])


# Words before an intervening force's name within which an aircraft or strike word makes
# it told as flying (``طيران التحالف``، ``الضربات الجوية التي يشنها التحالف``).
AIRCRAFT_BEFORE = 3


def _flying(c: Coding, actor: Actor | None) -> bool:
    """``actor`` is an intervening force (inter 8) the sentence names only as flying."""
    if actor is None or actor.inter != Inter.EXTERNAL_OTHER:
        return False
    named = [m for m in c.mentions if m.actor == actor]
    return bool(named) and all(
        c.any_cue("air", [t for t in c.tokens if t.start < m.start][-AIRCRAFT_BEFORE:]
                  + [t for t in c.tokens if m.start <= t.start < m.end])
        for m in named)


def _air_side(c: Coding, _: str) -> bool:
    return _flying(c, c.actor1) or _flying(c, c.actor2)


# name -> (predicate, whether it takes a cue kind after a colon)
PREDICATES: dict[str, tuple[Predicate, bool]] = {
    "sentence-cue": (_sentence_cue, True),
    "clause-cue": (_clause_cue, True),
    "clause-cue-before": (_clause_cue_before, True),
    "means-after": (_means_after, True),
    "cue-before": (_cue_before, True),
    "cue-after": (_cue_after, True),
    "cue-next": (_cue_next, True),
    "cue-after-ala": (_cue_after_ala, True),
    "no-mentions": (_no_mentions, False),
    "actor1": (_actor1, False),
    "actor2": (_actor2, False),
    "actor1-civilian": (_actor1_civilian, False),
    "actor1-state": (_actor1_state, False),
    "civilian-target": (_civilian, False),
    "specific-trigger": (_specific_trigger, False),
    "named-actor": (_named_actor, False),
    "demonstrator-side": (_demonstrator_side, False),
    "demonstrator-mentioned": (_demonstrator_mentioned, False),
    "demonstrators-coded": (_demonstrators_coded, False),
    "armed-agent": (_armed_agent, False),
    "intervention": (_intervention, False),
    "assoc": (_assoc, False),
    "armed-group-mentioned": (_armed_group_mentioned, False),
    "names-place": (_names_place, False),
    "civilian-sides-only": (_civilian_sides_only, False),
    "civilian-side": (_civilian_side, False),
    "told-attacks": (_told_attacks, False),
    "air-side": (_air_side, False),
}


def check_argument(name: str, arg: str | None) -> str | None:
    """Why ``name`` with ``arg`` cannot be called (None when it can)."""
    if name not in PREDICATES:
        return f"unknown predicate {name!r}"
    takes = PREDICATES[name][1]
    if takes and arg is None:
        return f"predicate {name!r} needs a cue kind after ':'"
    if not takes and arg is not None:
        return f"predicate {name!r} takes no argument"
    if takes and arg not in CUE_KINDS:
        return f"unknown cue kind {arg!r}"
    return None


# -- actions: who the sides are ------------------------------------------


def _swap_civilian(c: Coding) -> tuple[str, ...]:
    # Civilians never act in a violent event: they are its target.
    c.actor1, c.actor2, c.civilian = c.actor2, c.actor1, True
    return ("actor1", "actor2")


def _unidentified(c: Coding) -> Actor:
    # ``بتفجير انتحاري ... في هجوم تبناه تنظيم داعش``: a group the sentence says claimed
    # the act did it. ``سقوط مقذوف من داخل الحدود اليمنية على منزل بنجران``: fire from
    # across a border is a group of the country it came from, not of the place it hit.
    return _claimant(c) or c.story.generic(
        "unidentified_armed_group", c.story.fired_from(c.tokens) or c.country)


def _claimant(c: Coding) -> Actor | None:
    """A named armed group right after a claim word in the sentence (``تبناه تنظيم
    داعش``), unless the sentence denies any claim."""
    if c.any_cue("negation"):
        return None
    for m in c.mentions:
        if m.actor.inter not in ARMED_GROUPS or m.actor.id.startswith(UNNAMED_GROUP):
            continue
        # ``نسبته الحكومة إلى التنظيم``: the claim or blame word may stand a few words back.
        before = [t for t in c.tokens if t.end <= m.start][-_CLAIM_BEFORE:]
        if any(c.lex.cue("claim", t, c.tokens) for t in before):
            return m.actor
    return None


def _unidentified_actor1(c: Coding) -> tuple[str, ...]:
    c.actor1 = _unidentified(c)
    return ("actor1",)


def _bodies_found(c: Coding) -> tuple[str, ...]:
    """``عثرت الشرطة على جثتي شرطيين``: whoever found the bodies is not who killed; the
    victims named are the target side, else the finders' own (police finding policemen),
    and the killer is unidentified."""
    if c.actor2 is None:
        c.actor2 = c.actor1
    c.actor1 = _unidentified(c)
    return ("actor1", "actor2")


def _story(c: Coding) -> tuple[str, ...]:
    # Never a force the sentence names as the acting side's support (بدعم من التحالف).
    a1, a2 = c.story.story_actors(c.actor1, c.actor2, c.civilian, supporters=c.roles.assoc1,
                                  ground=c.role in GROUND_ROLES)
    changed = tuple(f for f, old, new in (("actor1", c.actor1, a1), ("actor2", c.actor2, a2))
                    if new is not old)
    c.actor1, c.actor2 = a1, a2
    return changed


def _story_attacker(c: Coding) -> tuple[str, ...]:
    # A strike's target is what the sentence says it hit: only a missing attacker is
    # taken from the story (``نفذ الطيران الحربي غارات على البلدة``: no target named).
    a1, a2 = c.story.story_actors(c.actor1, c.actor2, c.civilian, supporters=c.roles.assoc1)
    from_story = a1 if a1 is not c.actor1 else None
    # (``قصف`` with aircraft in its clause is made an air strike only later: air-context.)
    if from_story is not None and (c.sub == AIR_STRIKE or _clause_cue(c, "air")):
        # ``قصفت الطائرات المقاتلة التابعة للتحالف مواقع للحوثيين``، ``وتشن الغارات على
        # تجمعات الحوثي``: a militia flies no aircraft, so an air strike's missing
        # attacker is the air force the sentence names (as a patron, or for the strike
        # before), else the one an earlier sentence last told flying (``قال التحالف إن
        # طائراته نفذت 27 غارة ... وفي العراق أصابت الغارات أهدافا``), not the story's
        # ground fighter nor another air force of the story's.
        named = None if from_story.inter in AIR_FORCES else next(
            (m.actor for m in c.mentions if m.actor.inter in AIR_FORCES
             and m.actor not in (c.actor2, a2)), None)
        a1 = named or c.story.air_force((c.actor2, a2)) or from_story
    changed: tuple[str, ...] = ()
    if a1 is not c.actor1:
        c.actor1, changed = a1, ("actor1",)
    if c.actor2 is None and a1 is not None and a1.inter == Inter.EXTERNAL_OTHER:
        # ``وواصل طيران التحالف قصف مواقع عسكرية``: an intervening coalition strikes
        # the enemy it came to fight (actor_sides.tsv), when the story names it; the
        # story's fighter an air force replaced as the attacker may be that enemy.
        enemy = next((o for o in (a2, from_story) if o is not None and o is not a1
                      and c.story.opposed(a1, o)), None)
        if enemy is not None:
            c.actor2, changed = enemy, (*changed, "actor2")
    return changed


def _ground_sides(c: Coding) -> tuple[str, ...]:
    # ``واستمرت الاشتباكات في عدن وغارات لطيران التحالف``، ``مقاتلين يمنيين تدعمهم
    # الضربات الجوية التي يشنها التحالف``: a coalition told only by its aircraft strikes
    # from the air; the ground fight's side in its place is the story's ground force of
    # its side (the one fighting its enemy), never one of the other side.
    flying = c.actor1 if _flying(c, c.actor1) else c.actor2
    other = c.actor2 if flying is c.actor1 else c.actor1
    if flying is None:
        return ()
    if other is None:
        other = c.story.story_actors(None, flying, c.civilian)[0]
    ground = c.story.story_actors(None, other, c.civilian, ground=True)[0] \
        if other is not None else None
    if ground is not None and c.story.opposed(ground, flying):
        ground = None
    if flying is c.actor1:
        c.actor1, c.actor2 = ground, other
    else:
        c.actor1, c.actor2 = other, ground
    return ("actor1", "actor2")


def _mob(c: Coding) -> tuple[str, ...]:
    c.actor1 = c.story.generic("rioters", c.country)
    c.actor2 = c.story.generic("civilians", c.country)
    c.assoc1 = ()
    return ("actor1", "actor2")


def _no_target(c: Coding) -> tuple[str, ...]:
    c.actor2 = None  # a base is set up, not against anyone
    return ("actor2",)


def _attacker_on_civilians(c: Coding) -> tuple[str, ...]:
    attacker = next((a for a in (c.actor1, c.actor2)
                     if a is not None and a.inter != Inter.CIVILIANS), None)
    c.actor1 = attacker or _unidentified(c)
    c.actor2 = c.story.generic("civilians", c.country)
    return ("actor1", "actor2")


def _civilian_victims(c: Coding) -> tuple[str, ...]:
    attacker = next((a for a in (c.roles.actor1, c.roles.actor2, c.actor1)
                     if a is not None and a.inter not in CROWDS), None)
    c.actor1 = attacker or c.story.generic("unidentified_armed_group", c.country)
    taken = c.roles.actor2
    if taken is not None and taken is not attacker and (
            (c.role == "abduct" and taken.inter not in CROWDS
             and not taken.id.startswith(UNNAMED_GROUP))
            or taken.inter == Inter.STATE_FORCES):
        # ``خطف عناصر من جبهة النصرة قائد الفرقة 30``: fighters of a named group
        # abducted are that group, not civilians; ``أعدم التنظيم 22 جندياً``: soldiers
        # put to death are their army (issue 14).
        c.actor2 = taken
    else:
        c.actor2 = c.story.generic("civilians", c.country)
    return ("actor1", "actor2")


def _protesters_met_by_force(c: Coding) -> tuple[str, ...]:
    c.actor1 = c.story.generic("protesters", c.country)
    c.actor2 = next((a for a in (c.roles.actor1, c.roles.actor2)
                     if a is not None and a.inter in REPRESSORS), None) \
        or c.story.state(c.country, police=True)
    return ("actor1", "actor2")


def _protesters(c: Coding) -> tuple[str, ...]:
    c.actor1 = c.story.generic("protesters", c.country)
    c.actor2 = None
    return ("actor1", "actor2")


def _armed_arson(c: Coding) -> tuple[str, ...]:
    # ``عناصر من الدعم السريع ... أضرموا النار في المحال``: the armed men burn property.
    c.actor1 = c.roles.actor1
    a2 = c.roles.actor2
    c.actor2 = a2 if a2 is not None and a2.inter != Inter.RIOTERS \
        else c.story.generic("civilians", c.country)
    return ("actor1", "actor2")


def _rioters(c: Coding) -> tuple[str, ...]:
    c.actor1 = c.story.generic("rioters", c.country)
    a2 = c.roles.actor2
    c.actor2 = a2 if a2 and a2.inter != Inter.RIOTERS else None
    # Rioters stoning the police, or met by them: the police are the other side.
    police = next((m.actor for m in c.mentions if m.actor.inter == Inter.STATE_FORCES), None)
    if police is not None and (c.actor2 is None or c.actor2.inter == Inter.CIVILIANS):
        c.actor2 = police
    return ("actor1", "actor2")


def _arrests(c: Coding) -> tuple[str, ...]:
    # Arrests are made by state forces (or a group acting as one); the arrested are
    # civilians unless named as an armed group (through its members), or as gunmen
    # (``اعتقلت الشرطة 5 مسلحين``، ``قتل 12 مسلحاً في حملة مداهمات``: an unidentified
    # group, not civilians).
    r = c.roles
    # ``ضد ناشطين مفترضين من تنظيم الدولة``: a group named through its members is
    # the arrested side, never the one arresting.
    arrester = next((a for a in (r.actor1, r.actor2)
                     if a is not None and a.inter in ARRESTERS
                     and not c.story.members(a, c.mentions, c.tokens)), None)
    c.actor1 = arrester or c.story.state(c.country, police=True)
    arrested = next((a for a in (r.actor2, r.actor1)
                     if a is not None and a is not c.actor1 and a.inter != Inter.STATE_FORCES
                     and (a.inter == Inter.CIVILIANS or a.id.startswith(UNNAMED_GROUP)
                          or c.story.members(a, c.mentions, c.tokens))), None)
    c.actor2 = arrested or c.story.generic("civilians", c.country)
    return ("actor1", "actor2")


def _assoc_as_actor2(c: Coding) -> tuple[str, ...]:
    # ``توصلت قوات النظام وفصائل المعارضة إلى اتفاق``: both parties agree.
    c.actor2 = c.roles.assoc1[0]
    return ("actor2",)


def _looting(c: Coding) -> tuple[str, ...]:
    # ``نهب عناصر من الدعم السريع السوق``: the armed men named loot; property with no
    # owner named belongs to civilians.
    r = c.roles
    armed = next((a for a in (r.actor1, r.actor2, c.actor1)
                  if a is not None and a.inter not in CROWDS), None)
    if armed is not None and (c.actor1 is None or c.actor1.inter == Inter.CIVILIANS
                              or r.actor1 is None):
        c.actor1 = armed
    if c.civilian or r.actor2 is None or r.actor2 == c.actor1:
        c.actor2 = c.story.generic("civilians", c.country)
    return ("actor1", "actor2")


ACTIONS: dict[str, Action] = {
    "swap-civilian": _swap_civilian,
    "unidentified-actor1": _unidentified_actor1,
    "bodies-found": _bodies_found,
    "story": _story,
    "story-attacker": _story_attacker,
    "ground-sides": _ground_sides,
    "mob": _mob,
    "no-target": _no_target,
    "attacker-on-civilians": _attacker_on_civilians,
    "civilian-victims": _civilian_victims,
    "protesters-met-by-force": _protesters_met_by_force,
    "protesters": _protesters,
    "armed-arson": _armed_arson,
    "rioters": _rioters,
    "arrests": _arrests,
    "assoc-as-actor2": _assoc_as_actor2,
    "looting": _looting,
}
