"""The event being coded while the event rules run over it, and the readings of it that
both the rule predicates (``extract.predicates``) and the actor actions
(``extract.actions``) make.

A :class:`Coding` is one trigger's event at one place; :class:`Story` is what the
document walk knows beyond one sentence, which the actions consult.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from rasd.acled import Inter
from rasd.extract.lexicon import Lexicon, TriggerMatch
from rasd.extract.roles import Roles
from rasd.extract.tokens import Token
from rasd.models import Actor, PlaceMention

if TYPE_CHECKING:
    from rasd.actors.dictionary import ActorMention


# Words before an intervening force's name within which an aircraft or strike word makes
# it told as flying (``طيران التحالف``، ``الضربات الجوية التي يشنها التحالف``).
AIRCRAFT_BEFORE = 3


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

    def allied(self, a: Actor, b: Actor) -> bool: ...

    def leads(self, follower: Actor, leader: Actor) -> bool: ...

    def fired_from(self, tokens: Sequence[Token]) -> str | None: ...

    def victims_country(self, tokens: Sequence[Token], first: int, last: int) -> str | None: ...

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



def clause_cue(c: Coding, kind: str) -> bool:
    """A cue of ``kind`` in the trigger's clause of a round-up: in ``قصف الحوثيون مدينة
    تعز، بينما قصفت طائرات التحالف مواقع ...`` the aircraft are the other clause's, not
    the first shelling's. A clause that names no side of its own (``قصفت المروحيات بلدة
    ...، كما قصفت قرية ...``) goes on with the sentence's, so the whole sentence counts."""
    lo, hi = c.clause
    if not any(lo <= m.start < hi for m in c.mentions):
        return c.any_cue(kind)
    return c.any_cue(kind, [t for t in c.tokens if lo <= t.start < hi])


def named_flying(c: Coding, actor: Actor | None) -> bool:
    """``actor`` is an intervening force (inter 8) the sentence names only as flying."""
    if actor is None or actor.inter != Inter.EXTERNAL_OTHER:
        return False
    named = [m for m in c.mentions if m.actor == actor]
    return bool(named) and all(
        c.any_cue("air", [t for t in c.tokens if t.start < m.start][-AIRCRAFT_BEFORE:]
                  + [t for t in c.tokens if m.start <= t.start < m.end])
        for m in named)
