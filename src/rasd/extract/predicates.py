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

The actions live in ``extract.actions`` and the :class:`Coding` both read in
``extract.coding``; this module is still where the rule file's loader finds both
registries.
"""

from __future__ import annotations

from collections.abc import Callable

from rasd.acled import ARMED_GROUPS, CROWDS, DEMONSTRATORS, Inter
from rasd.clean.word_sets import word_set
from rasd.extract.actions import ACTIONS, Action
from rasd.extract.coding import Coding, Story, clause_cue, named_flying
from rasd.extract.lexicon import CUE_KINDS

__all__ = ["ACTIONS", "PREDICATES", "Action", "Coding", "Predicate", "Story", "check_argument"]


# Words before a trigger that a ``cue-before`` predicate looks at.
BEFORE_WINDOW = 3
# Words after a trigger that a ``cue-after`` predicate looks at.
AFTER_WINDOW = 4
# Words right after a trigger that a ``cue-next`` predicate looks at (``هجوم آخر بسيارة``).
NEXT_WINDOW = 2


Predicate = Callable[[Coding, str], bool]


def _sentence_cue(c: Coding, kind: str) -> bool:
    return c.any_cue(kind)


def _clause_cue_before(c: Coding, kind: str) -> bool:
    """A cue of ``kind`` in the trigger's clause before it, where a subject stands
    (``طائرات حربية أغرقت سفينة وهاجمت أخرى``), not after it (``هاجموا قاعدة جوية``)."""
    lo, _ = c.clause
    return c.any_cue(kind, [t for t in c.tokens[:c.match.first] if t.start >= lo])


def _clause_cue_after(c: Coding, kind: str) -> bool:
    """A cue of ``kind`` after the trigger in its clause, before the next act told: what
    the act came to (``انفجرت سيارتان ... لكن دون سقوط ضحايا``), not what another act
    of a round-up did (``...، فيما لم تسجل إصابات بسقوط صاروخين``)."""
    _, hi = c.clause
    last = c.match.last
    return c.any_cue(kind, [t for t in c.tokens[last + 1:c.clause_end] if t.start < hi])


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
    # ``سقوط قذيفة مدفعية على تجمع …`` of women and children: the civilians hit name nobody who
    # fired (issue 14, actors14g: dev snn-eccbf31f0883).
    return not any(m.actor.inter not in CROWDS for m in c.mentions)


def _actor1(c: Coding, _: str) -> bool:
    return c.actor1 is not None


def _actor2(c: Coding, _: str) -> bool:
    return c.actor2 is not None


def _actor1_civilian(c: Coding, _: str) -> bool:
    return c.actor1 is not None and c.actor1.inter == Inter.CIVILIANS


def _actor1_state(c: Coding, _: str) -> bool:
    return c.actor1 is not None and c.actor1.inter == Inter.STATE_FORCES


def _actor1_armed_group(c: Coding, _: str) -> bool:
    """The acting side is a rebel group or a militia (no state, no foreign force)."""
    return c.actor1 is not None and c.actor1.inter in ARMED_GROUPS


def _joined_leader(c: Coding, _: str) -> bool:
    """An ally told joined by و to the acting side leads it (``actor_leads.tsv``:
    ``قوات الجيش والمقاومة الشعبية`` in Yemen's 2015 war)."""
    a = c.actor1
    return a is not None and any(c.story.leads(a, j) for j in c.roles.joined1)


def _fired_across(c: Coding, _: str) -> bool:
    """The sentence says the fire came from across a border (``من داخل الأراضي
    اليمنية``)."""
    return c.story.fired_from(c.tokens) is not None


def _beside_state(c: Coding, _: str) -> bool:
    """The acting side is not the state's forces but fights beside them: the sentence
    names state forces among its associates, allies of it on the article's day
    (``data/actor_sides.tsv``): ``تمكنت المقاومة الشعبية والجيش الوطني من السيطرة``."""
    a = c.actor1
    return a is not None and a.inter != Inter.STATE_FORCES and any(
        b.inter == Inter.STATE_FORCES and b != a and c.story.allied(a, b) for b in c.assoc1)


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
TOLD_ATTACKS = word_set("told_attack")


def _told_attacks(c: Coding, _: str) -> bool:
    """Before the trigger, the sentence names the attacks just told by their definite
    noun: the act is one of them, by the story's attacker."""
    return any(t.norm.removeprefix("و") in TOLD_ATTACKS
               for t in c.tokens[:c.match.first])


def _air_side(c: Coding, _: str) -> bool:
    return named_flying(c, c.actor1) or named_flying(c, c.actor2)


# name -> (predicate, whether it takes a cue kind after a colon)
PREDICATES: dict[str, tuple[Predicate, bool]] = {
    "sentence-cue": (_sentence_cue, True),
    "clause-cue": (clause_cue, True),
    "clause-cue-before": (_clause_cue_before, True),
    "clause-cue-after": (_clause_cue_after, True),
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
    "actor1-armed-group": (_actor1_armed_group, False),
    "beside-state": (_beside_state, False),
    "joined-leader": (_joined_leader, False),
    "fired-across": (_fired_across, False),
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
