"""Reading the actor data files: actors, descriptors and countries.

The files are tab-separated with ``#`` comment lines and one header line;
list cells are ``|``-separated (``,`` for descriptor candidates and
fallbacks). ``docs/actors.md`` describes the columns. A malformed file
raises :class:`ActorDataError` naming the file and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Literal

from rasd.acled import Inter
from rasd.actors.match import match_key
from rasd.errors import RasdError
from rasd.models import Actor

__all__ = [
    "ActorDataError",
    "ActorRow",
    "Alignment",
    "Country",
    "Descriptor",
    "DescriptorMode",
    "Lead",
    "Period",
    "overlap",
    "read_actor_rows",
    "read_actors",
    "read_countries",
    "read_descriptors",
    "read_leads",
    "read_sides",
    "same_name",
]

DescriptorMode = Literal["salient", "priority", "generic", "contextual", "victims", "members",
                         "national"]
_MODES: dict[str, DescriptorMode] = {
    "salient": "salient",
    "priority": "priority",
    "generic": "generic",
    "contextual": "contextual",
    "victims": "victims",
    "members": "members",
    "national": "national",
}


class ActorDataError(RasdError):
    """The actor data files are missing or malformed (duplicate alias, bad column)."""


@dataclass(frozen=True, slots=True)
class Country:
    iso2: str
    name: str
    name_ar: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Descriptor:
    """A phrase that refers to an actor named elsewhere (or to a generic one).

    ``salient``: the candidate mentioned most in the article; ``priority``: the
    first candidate (in listed order) the article mentions; ``contextual``: like
    salient, but resolved last and counting what other descriptors resolved to;
    ``generic``: a generic noun (gunmen, civilians) that needs only a country,
    dropped when a named actor follows it directly (``مسلحين من داعش``);
    ``victims``: a noun of a force's members (soldiers, officers) resolved like a generic
    one but also dropped before a noun it is in construct with (``جنود الخلافة``), and
    a side only where the sentence tells them dead or hurt (``مقتل جنديين``);
    ``members``: likewise a force's members (policemen), read as the side hit where the
    sentence tells them dead, hurt or the act's object (``قتل شرطي``), and a side like
    any other elsewhere (``وكان الشرطي جالسا حين أطلق مسلحون النار عليه``).
    Without a matching candidate, ``fallback`` maps the country (or ``*``) to an
    actor id, to ``@state``/``@police`` (that country's forces) or to
    ``@uag``/``@civ``/``@pro``/``@rio``.
    """

    surfaces: tuple[str, ...]
    candidates: tuple[str, ...] = ()
    mode: DescriptorMode = "salient"
    fallback: Mapping[str, str] = field(default_factory=dict)
    note: str = ""


# (valid_from, valid_to), both inclusive; None: open on that side.
Period = tuple[date | None, date | None]
ALWAYS: Period = (None, None)


@dataclass(frozen=True, slots=True)
class ActorRow:
    """One line of ``actors.tsv``: the actor and the columns that are dictionary data.

    ``valid_from``/``valid_to`` bound the period a name means this actor (ACLED
    names state forces by government: the Syrian army before and after
    2024-12-08 are two actors); ``line`` is where the row is, for error messages.
    """

    actor: Actor
    kind: str = ""
    parent: str = ""
    period: Period = ALWAYS
    line: int = 0


def same_name(surface: str, a: Actor, b: Actor) -> bool:
    """True when ``surface`` is the English name of both actors: rows of one ACLED actor
    whose Arabic names mean it only in a period (the LNA, the recognised government's
    army 2014-2016) share it, as output records do."""
    return surface == a.name == b.name


def overlap(a: Period, b: Period) -> bool:
    """True when two periods share at least one day."""
    lo = max(a[0] or date.min, b[0] or date.min)
    hi = min(a[1] or date.max, b[1] or date.max)
    return lo <= hi


_ACTOR_COLUMNS = ("id", "name", "name_ar", "inter", "country", "kind", "parent", "aliases", "note",
                  "valid_from", "valid_to")
_REQUIRED = ("id", "name", "name_ar", "inter")
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _text(path: Path | None, name: str) -> str:
    if path is None:
        return resources.files("rasd").joinpath("data", name).read_text(encoding="utf-8")
    try:
        return path.read_text(encoding="utf-8")
    except OSError as e:
        raise ActorDataError(f"cannot read {path}: {e}") from e


def _lines(text: str) -> Iterator[tuple[int, list[str]]]:
    for lineno, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            yield lineno, line.split("\t")


def _rows(path: Path | None, name: str) -> Iterator[tuple[int, list[str]]]:
    lines = _lines(_text(path, name))
    next(lines, None)  # the first non-comment line names the columns
    yield from lines


def _split(cell: str, sep: str = "|") -> tuple[str, ...]:
    return tuple(s.strip() for s in cell.split(sep) if s.strip())


def _date(cell: str, where: str, column: str) -> date | None:
    if not cell:
        return None
    try:
        if not _DATE_RE.fullmatch(cell):
            raise ValueError(cell)
        return date.fromisoformat(cell)
    except ValueError as e:
        raise ActorDataError(f"{where}: bad {column} {cell!r}, need YYYY-MM-DD") from e


def read_actor_rows(path: Path | None = None) -> list[ActorRow]:
    """Every row of ``actors.tsv``, validated as a whole.

    The header line names the columns (any order; ``id name name_ar inter``
    required, the others optional). A malformed row raises
    :class:`ActorDataError` naming the file and line: too few cells, an
    ``inter`` that is not an ACLED code, a bad or inverted date, a duplicate id,
    a parent that is no actor of the file, or an alias (names included) that
    already means another actor in an overlapping period.
    """
    fname = str(path) if path is not None else "actors.tsv"
    lines = _lines(_text(path, "actors.tsv"))
    header = next(lines, None)
    if header is None:
        raise ActorDataError(f"{fname}: no header line")
    hline, hcells = header
    columns = [c.strip() for c in hcells]
    unknown = [c for c in columns if c not in _ACTOR_COLUMNS]
    missing = [c for c in _REQUIRED if c not in columns]
    if unknown or missing:
        raise ActorDataError(f"{fname} line {hline}: header has unknown columns {unknown} "
                             f"or lacks {missing}")
    # A row may stop after its last required cell: the optional ones are then empty.
    least = 1 + max(columns.index(c) for c in _REQUIRED)
    out: list[ActorRow] = []
    for lineno, cells in lines:
        where = f"{fname} line {lineno}"
        if not least <= len(cells) <= len(columns):
            raise ActorDataError(f"{where}: {len(cells)} columns, header names {len(columns)}")
        row = dict(zip(columns, (c.strip() for c in cells), strict=False))
        try:
            inter = int(row["inter"])
        except ValueError as e:
            raise ActorDataError(f"{where}: bad inter {row['inter']!r}") from e
        if inter not in set(Inter):
            raise ActorDataError(f"{where}: inter {inter} is not an ACLED code (1-8)")
        if not row["id"] or not row["name"]:
            raise ActorDataError(f"{where}: empty id or name")
        period = (_date(row.get("valid_from", ""), where, "valid_from"),
                  _date(row.get("valid_to", ""), where, "valid_to"))
        if period[0] and period[1] and period[0] > period[1]:
            raise ActorDataError(f"{where}: valid_from {period[0]} is after valid_to {period[1]}")
        actor = Actor(id=row["id"], name=row["name"], name_ar=row["name_ar"], inter=inter,
                      country=row.get("country") or None, aliases=_split(row.get("aliases", "")))
        out.append(ActorRow(actor, row.get("kind", ""), row.get("parent", ""), period, lineno))
    _check_rows(out, fname)
    return out


def _check_rows(rows: list[ActorRow], fname: str) -> None:
    ids: dict[str, int] = {}
    for r in rows:
        if r.actor.id in ids:
            raise ActorDataError(f"{fname} line {r.line}: duplicate actor id {r.actor.id!r} "
                                 f"(line {ids[r.actor.id]})")
        ids[r.actor.id] = r.line
    owners: dict[str, list[ActorRow]] = {}
    for r in rows:
        if r.parent and r.parent not in ids:
            raise ActorDataError(f"{fname} line {r.line}: parent {r.parent!r} of "
                                 f"{r.actor.id!r} is no actor of the file")
        for surface in dict.fromkeys((r.actor.name, r.actor.name_ar, *r.actor.aliases)):
            key = match_key(surface)
            if not key:
                continue
            seen = owners.setdefault(key, [])
            for other in seen:
                if other.actor.id != r.actor.id and overlap(other.period, r.period) \
                        and not same_name(surface, r.actor, other.actor):
                    raise ActorDataError(
                        f"{fname} line {r.line}: alias {surface!r} of {r.actor.id!r} already "
                        f"means {other.actor.id!r} (line {other.line}) in an overlapping period")
            if all(o.actor.id != r.actor.id for o in seen):
                seen.append(r)


def read_actors(path: Path | None = None) -> tuple[list[Actor], dict[str, str]]:
    """The actors of ``actors.tsv`` and their kinds (see :func:`read_actor_rows`)."""
    rows = read_actor_rows(path)
    return [r.actor for r in rows], {r.actor.id: r.kind for r in rows}


def read_descriptors(path: Path | None = None) -> list[Descriptor]:
    out: list[Descriptor] = []
    for lineno, cells in _rows(path, "actor_descriptors.tsv"):
        if len(cells) < 4:
            raise ActorDataError(f"actor_descriptors.tsv line {lineno}: need 4+ columns")
        surfaces, candidates, mode, fallback = (c.strip() for c in cells[:4])
        mode_ = _MODES.get(mode)
        if mode_ is None:
            raise ActorDataError(f"actor_descriptors.tsv line {lineno}: bad mode {mode!r}")
        fb: dict[str, str] = {}
        for pair in _split("" if fallback == "-" else fallback, ","):
            cc, _, target = pair.partition(":")
            if not target:
                raise ActorDataError(f"actor_descriptors.tsv line {lineno}: bad fallback {pair!r}")
            fb[cc.strip().upper() if cc.strip() != "*" else "*"] = target.strip()
        out.append(
            Descriptor(
                surfaces=_split(surfaces),
                candidates=_split(candidates, ","),
                mode=mode_,
                fallback=fb,
                note=cells[4].strip() if len(cells) > 4 else "",
            )
        )
    return out


def read_countries(path: Path | None = None) -> list[Country]:
    out: list[Country] = []
    for lineno, cells in _rows(path, "actor_countries.tsv"):
        if len(cells) < 3:
            raise ActorDataError(f"actor_countries.tsv line {lineno}: need 3+ columns")
        out.append(
            Country(
                iso2=cells[0].strip().upper(),
                name=cells[1].strip(),
                name_ar=cells[2].strip(),
                aliases=_split(cells[3]) if len(cells) > 3 else (),
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class Alignment:
    """One line of ``actor_sides.tsv``: actors fighting on one side of a conflict
    in a period."""

    conflict: str
    side: str
    actors: frozenset[str]
    period: Period = ALWAYS


def read_sides(path: Path | None = None, *, known: frozenset[str] | None = None
               ) -> list[Alignment]:
    """The rows of ``actor_sides.tsv``; an id ``known`` does not hold (the ids of
    ``actors.tsv``) is an error naming its line."""
    out: list[Alignment] = []
    for lineno, cells in _rows(path, "actor_sides.tsv"):
        where = f"actor_sides.tsv line {lineno}"
        if len(cells) < 3:
            raise ActorDataError(f"{where}: need 3+ columns")
        cells += [""] * (5 - len(cells))
        conflict, side = cells[0].strip(), cells[1].strip()
        ids = frozenset(_split(cells[2]))
        if not conflict or not side or not ids:
            raise ActorDataError(f"{where}: conflict, side and actors are required")
        unknown = sorted(ids - known) if known is not None else []
        if unknown:
            raise ActorDataError(f"{where}: unknown actor id(s) {', '.join(unknown)}")
        period = (_date(cells[3].strip(), where, "valid_from"),
                  _date(cells[4].strip(), where, "valid_to"))
        out.append(Alignment(conflict, side, ids, period))
    return out


@dataclass(frozen=True, slots=True)
class Lead:
    """One line of ``actor_leads.tsv``: of two allies told joined as one acting side,
    ``leader`` is actor 1 and ``follower`` its associate, in a period."""

    follower: str
    leader: str
    period: Period = ALWAYS


def read_leads(path: Path | None = None, *, known: frozenset[str] | None = None
               ) -> list[Lead]:
    """The rows of ``actor_leads.tsv``; an id ``known`` does not hold is an error naming
    its line."""
    out: list[Lead] = []
    for lineno, cells in _rows(path, "actor_leads.tsv"):
        where = f"actor_leads.tsv line {lineno}"
        if len(cells) < 2:
            raise ActorDataError(f"{where}: need 2+ columns")
        cells += [""] * (4 - len(cells))
        follower, leader = cells[0].strip(), cells[1].strip()
        if not follower or not leader or follower == leader:
            raise ActorDataError(f"{where}: follower and leader are two actor ids")
        unknown = sorted({follower, leader} - known) if known is not None else []
        if unknown:
            raise ActorDataError(f"{where}: unknown actor id(s) {', '.join(unknown)}")
        period = (_date(cells[2].strip(), where, "valid_from"),
                  _date(cells[3].strip(), where, "valid_to"))
        out.append(Lead(follower, leader, period))
    return out


@dataclass(frozen=True, slots=True)
class Branch:
    """One line of ``actor_branches.tsv``: the branch ``branch`` a group's name stands for
    in an event in ``country``."""

    group: str
    country: str
    branch: str


def read_branches(path: Path | None = None, *,
                  countries: Mapping[str, str] | None = None) -> list[Branch]:
    """The rows of ``actor_branches.tsv``; ``countries`` maps the ids of ``actors.tsv``
    to their countries ("" for a transnational group): an unknown id, a branch of
    another country or a group with a country of its own is an error naming its line."""
    out: list[Branch] = []
    for lineno, cells in _rows(path, "actor_branches.tsv"):
        where = f"actor_branches.tsv line {lineno}"
        if len(cells) < 3:
            raise ActorDataError(f"{where}: need 3+ columns")
        group, country, branch = (c.strip() for c in cells[:3])
        if countries is not None:
            for actor_id in (group, branch):
                if actor_id not in countries:
                    raise ActorDataError(f"{where}: unknown actor id {actor_id!r}")
            if countries[group]:
                raise ActorDataError(f"{where}: {group!r} has a country of its own")
            if countries[branch] != country:
                raise ActorDataError(f"{where}: {branch!r} is not of {country}")
        out.append(Branch(group, country, branch))
    return out
