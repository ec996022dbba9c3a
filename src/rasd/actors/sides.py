"""Who fights on whose side (``data/actor_sides.tsv``), and which ally leads
(``data/actor_leads.tsv``).

A sentence often names one side of a fight and leaves the other to the story
(``وتقدمت المقاومة الشعبية في الحوطة``). The story's other actors include the
named side's allies (the coalition whose aircraft cover the resistance), who
are never its opponent: the file says which actors share a side of a conflict
in a period, and so which stand on its other sides.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache
from pathlib import Path

from rasd.actors.data import Alignment, Lead, read_actor_rows, read_leads, read_sides

__all__ = ["Sides", "load_sides"]


def _valid(a: Alignment | Lead, on: date | None) -> bool:
    if on is None:
        return True
    lo, hi = a.period
    return (lo is None or lo <= on) and (hi is None or on <= hi)


class Sides:
    """The alignments of ``actor_sides.tsv``, asked about two actor ids on a day
    (``None``: any day)."""

    def __init__(self, rows: Sequence[Alignment], leads: Sequence[Lead] = ()) -> None:
        self._rows = tuple(rows)
        self._leads = tuple(leads)

    def leads(self, follower: str, leader: str, *, on: date | None = None) -> bool:
        """``leader``, told joined by و to ``follower`` as one acting side, is actor 1
        (``actor_leads.tsv``: ``قوات الجيش والمقاومة الشعبية`` in Yemen's 2015 war)."""
        return any(r.follower == follower and r.leader == leader and _valid(r, on)
                   for r in self._leads)

    def _sides(self, a: str, on: date | None) -> set[tuple[str, str]]:
        return {(r.conflict, r.side) for r in self._rows if a in r.actors and _valid(r, on)}

    def allied(self, a: str, b: str, *, on: date | None = None) -> bool:
        """Both actors fight on one side of a conflict on ``on`` (rows of one side
        add up: Russia joins the Syrian government's side in 2015)."""
        return a != b and bool(self._sides(a, on) & self._sides(b, on))

    def opposed(self, a: str, b: str, *, on: date | None = None) -> bool:
        """The actors stand on different sides of one conflict on ``on`` (and on
        one side of none)."""
        if a == b:
            return False
        sides_a, sides_b = self._sides(a, on), self._sides(b, on)
        if sides_a & sides_b:
            return False
        return any(ca == cb and sa != sb for ca, sa in sides_a for cb, sb in sides_b)


def load_sides(path: Path | None = None) -> Sides:
    """The packaged ``actor_sides.tsv`` (cached), or ``path`` checked against the
    packaged actor ids."""
    if path is None:
        return _default_sides()
    return Sides(read_sides(path, known=_actor_ids()), read_leads(known=_actor_ids()))


@cache
def _actor_ids() -> frozenset[str]:
    return frozenset(r.actor.id for r in read_actor_rows())


@cache
def _default_sides() -> Sides:
    return Sides(read_sides(known=_actor_ids()), read_leads(known=_actor_ids()))
