"""Allied actors: one outlet's army is another's Popular Resistance.

Outlets name the party of one side differently. In Aden in July 2015 one outlet tells
the fight for the northern districts as the Yemeni army against the Houthis, another
as the Popular Resistance against them, a third as "the forces loyal to Hadi" (the
army to the actor dictionary); the Saudi-led coalition's air strikes are told by some
outlets in a sentence whose subject is the resistance ("fighters backed by Saudi-led
air strikes"), and extraction takes the resistance for the strikes' actor. The
named-actor test of :mod:`rasd.merge.facets` then finds a party each report names
that the other does not, and keeps reports of one incident apart.

Which actors count as one party for merging, and for which acts, is data
(``data/merge_allied_actors.tsv``): a group lists actors of one side of
``actor_sides.tsv`` that outlets name for one another, and the sub-event types for
which they do (the ground war's battles; air strikes, which only one of them flies).
Narrower than the sides file on purpose: the whole side (the coalition beside the
resistance in any act) joined a coalition air strike to the resistance's rocket fire
and a visit to a clash on the corpus samples (merge15c, "tried and dropped").

An actor one report names stands for an actor of its group the other report names
when both reports tell acts of the group's sub-event types, the two actors are
allies on the event's day (``actor_sides.tsv``), and exactly one of the other's
actors fits (:func:`absorb`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache

from rasd.errors import MergeError
from rasd.models import Actor

_FILE = "merge_allied_actors.tsv"


@dataclass(frozen=True, slots=True)
class AlliedGroup:
    """One line of ``merge_allied_actors.tsv``."""

    name: str
    sub_event_types: frozenset[str]
    actors: frozenset[str]


def _sub_event_types() -> frozenset[str]:
    from rasd.acled import EVENT_TYPES

    return frozenset(s for subs in EVENT_TYPES.values() for s in subs)


@cache
def allied_groups() -> tuple[AlliedGroup, ...]:
    """The groups of ``data/merge_allied_actors.tsv``, checked: actor ids of the
    dictionary, every two of a group allies on some day of ``actor_sides.tsv``,
    sub-event types of the ACLED codebook."""
    from importlib.resources import files

    from rasd.actors.data import read_actor_rows
    from rasd.actors.sides import load_sides

    known = frozenset(r.actor.id for r in read_actor_rows())
    subs = _sub_event_types()
    sides = load_sides()
    text = files("rasd").joinpath("data", _FILE).read_text(encoding="utf-8")
    out = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line.startswith("group\t"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) != 4 or not cols[0]:
            raise MergeError(f"{_FILE}:{n}: expected group<TAB>sub-event types<TAB>"
                             "actors<TAB>note")
        types = frozenset(t.strip() for t in cols[1].split("|") if t.strip())
        ids = frozenset(a.strip() for a in cols[2].split("|") if a.strip())
        if types - subs:
            raise MergeError(f"{_FILE}:{n}: unknown sub-event type(s) "
                             f"{', '.join(sorted(types - subs))}")
        if len(ids) < 2 or not types:
            raise MergeError(f"{_FILE}:{n}: a group needs two actors and a sub-event type")
        if ids - known:
            raise MergeError(f"{_FILE}:{n}: unknown actor id(s) {', '.join(sorted(ids - known))}")
        for a in sorted(ids):
            for b in sorted(ids):
                if a < b and not sides.allied(a, b):
                    raise MergeError(f"{_FILE}:{n}: {a} and {b} share no side of "
                                     "actor_sides.tsv")
        out.append(AlliedGroup(cols[0], types, ids))
    return tuple(out)


def one_party(x: str, y: str, sub_a: str, sub_b: str, *, on: date | None = None) -> bool:
    """Whether actor ids ``x`` and ``y`` count as one party of two reports telling
    ``sub_a`` and ``sub_b``: one id, or one allied group listing both ids and both
    sub-event types, and the two allies on ``on`` (any day when None)."""
    if x == y:
        return True
    if not any(x in g.actors and y in g.actors and sub_a in g.sub_event_types
               and sub_b in g.sub_event_types for g in allied_groups()):
        return False
    from rasd.actors.sides import load_sides

    return load_sides().allied(x, y, on=on)


def absorb(na: Mapping[str, Actor], nb: Mapping[str, Actor], sub_a: str, sub_b: str, *,
           on: date | None = None) -> tuple[dict[str, Actor], dict[str, Actor], list[str]]:
    """The named actors of two reports with each actor that only one names replaced by
    the other's actor of its allied group (:func:`one_party`), and what was replaced
    ("Popular Resistance (Yemen) = Military Forces of Yemen"). Only one to one: the
    actor must fit exactly one actor only the other names, and that one only it. With
    two of a group named by one report (the coalition and the army), which one the
    other's resistance stands for is unknown, and nothing is replaced."""
    only_a = sorted(set(na) - set(nb))
    only_b = sorted(set(nb) - set(na))
    fits = {(x, y) for x in only_a for y in only_b if one_party(x, y, sub_a, sub_b, on=on)}
    a, b = dict(na), dict(nb)
    why = []
    for x, y in sorted(fits):
        if sum(1 for p in fits if p[0] == x) == 1 and sum(1 for p in fits if p[1] == y) == 1:
            # The actor the report with more names gives is kept in both (the other's
            # is the vaguer telling); either way the two sets then share it.
            why.append(f"{na[x].name} = {nb[y].name}")
            del a[x]
            a[y] = nb[y]
    return a, b, why
