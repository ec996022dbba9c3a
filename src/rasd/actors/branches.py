"""The country branch a transnational group's name stands for (``data/actor_branches.tsv``).

News names the Islamic State in Sirte or in Sanaa by the parent's name (``تنظيم الدولة
الإسلامية``، ``داعش``); ACLED codes its provinces apart ("Islamic State (Libya)"), and so
does Al Qaeda's branch in Yemen. The file says which branch a group's name stands for in
an event of a country; a group with no row for the country stays itself.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rasd.actors.data import read_actor_rows, read_branches

__all__ = ["branch_id", "load_branches"]


def load_branches(path: Path | None = None) -> dict[tuple[str, str], str]:
    """(group id, ISO2) -> branch id, from the packaged file (cached) or ``path``,
    checked against the packaged actors."""
    if path is None:
        return _default()
    return _table(path)


def branch_id(group_id: str, country: str | None) -> str | None:
    """The id of the branch ``group_id`` stands for in ``country``, None when none."""
    if not country:
        return None
    return _default().get((group_id, country.upper()))


def _table(path: Path | None) -> dict[tuple[str, str], str]:
    countries = {r.actor.id: r.actor.country or "" for r in read_actor_rows()}
    return {(b.group, b.country): b.branch for b in read_branches(path, countries=countries)}


@cache
def _default() -> dict[tuple[str, str], str]:
    return _table(None)
