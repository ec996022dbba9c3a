"""Umbrella actors: one outlet's "the rebels" is another's named faction.

ACLED names the unnamed fighters of a side with an umbrella actor ("Opposition Rebels
(Syria)" for "فصائل المعارضة", "الثوار"). One outlet tells a fight in Daraa as the
army against "the opposition factions", another as the army against the Southern
Front: the named-actor test of :mod:`rasd.merge.facets` (the actors of one report all
named by the other) then finds a party each names that the other does not, and keeps
the two apart. An umbrella actor named by one report stands for a named actor of the
other when that actor fights on the umbrella's side on the event's day
(``data/actor_sides.tsv``) and has its ACLED inter code: the rebels stand for a rebel
faction, never for the army or a militia of their side, and never for a group of
another war (the Islamic State is on no side of the Syrian opposition).

Which actors are umbrellas is data (``data/merge_umbrella_actors.tsv``), checked
against the actor dictionary and the sides file when read.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import cache

from rasd.errors import MergeError
from rasd.models import Actor

_FILE = "merge_umbrella_actors.tsv"


@cache
def umbrella_ids() -> frozenset[str]:
    """The umbrella actor ids of ``data/merge_umbrella_actors.tsv``, checked: each an
    actor of the dictionary that stands on a side of ``actor_sides.tsv``."""
    from importlib.resources import files

    from rasd.actors.data import read_actor_rows, read_sides

    known = frozenset(r.actor.id for r in read_actor_rows())
    sided = frozenset(a for row in read_sides(known=known) for a in row.actors)
    text = files("rasd").joinpath("data", _FILE).read_text(encoding="utf-8")
    out = set()
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) != 2 or not cols[0]:
            raise MergeError(f"{_FILE}:{n}: expected actor id<TAB>note")
        if cols[0] not in known:
            raise MergeError(f"{_FILE}:{n}: unknown actor id {cols[0]!r}")
        if cols[0] not in sided:
            raise MergeError(f"{_FILE}:{n}: {cols[0]!r} stands on no side of actor_sides.tsv")
        out.add(cols[0])
    return frozenset(out)


def stands_for(umbrella: Actor, named: Actor, *, on: date | None = None) -> bool:
    """Whether the umbrella actor ``umbrella`` may be another report's ``named`` actor:
    one side on ``on`` (any day when None), one inter code, ``named`` no umbrella."""
    from rasd.actors.sides import load_sides

    ids = umbrella_ids()
    if umbrella.id not in ids or named.id in ids or umbrella.inter != named.inter:
        return False
    return load_sides().allied(umbrella.id, named.id, on=on)


def absorb(na: Mapping[str, Actor], nb: Mapping[str, Actor], *, on: date | None = None,
           ) -> tuple[dict[str, Actor], dict[str, Actor], list[str]]:
    """The named actors of two reports with each umbrella actor that only one names
    replaced by the other's actor it stands for (:func:`stands_for`), and what was
    replaced ("Opposition Rebels (Syria) = Southern Front"). An umbrella stands for one
    actor only when exactly one of the other's actors fits: with two factions named,
    which one the rebels were is unknown, and the two stay apart."""
    a, b = dict(na), dict(nb)
    why = []
    for mine, theirs in ((a, b), (b, a)):
        for uid in sorted(set(mine) - set(theirs)):
            fits = [x for xid, x in sorted(theirs.items())
                    if xid not in mine and stands_for(mine[uid], x, on=on)]
            if len(fits) == 1:
                why.append(f"{mine[uid].name} = {fits[0].name}")
                del mine[uid]
                mine[fits[0].id] = fits[0]
    return a, b, why
