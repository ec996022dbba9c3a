"""Reading the actor data files: actors, descriptors and countries.

The files are tab-separated with ``#`` comment lines and one header line;
list cells are ``|``-separated (``,`` for descriptor candidates and
fallbacks). ``docs/actors.md`` describes the columns. A malformed file
raises :class:`ActorDataError` naming the file and line.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Literal

from rasd.errors import RasdError
from rasd.models import Actor

__all__ = [
    "ActorDataError",
    "Country",
    "Descriptor",
    "DescriptorMode",
    "read_actors",
    "read_countries",
    "read_descriptors",
]

DescriptorMode = Literal["salient", "priority", "generic", "contextual"]
_MODES: dict[str, DescriptorMode] = {
    "salient": "salient",
    "priority": "priority",
    "generic": "generic",
    "contextual": "contextual",
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
    dropped when a named actor follows it directly (``مسلحين من داعش``).
    Without a matching candidate, ``fallback`` maps the country (or ``*``) to an
    actor id, to ``@state``/``@police`` (that country's forces) or to
    ``@uag``/``@civ``/``@pro``/``@rio``.
    """

    surfaces: tuple[str, ...]
    candidates: tuple[str, ...] = ()
    mode: DescriptorMode = "salient"
    fallback: Mapping[str, str] = field(default_factory=dict)
    note: str = ""


_ACTOR_COLUMNS = ("id", "name", "name_ar", "inter", "country", "kind", "parent", "aliases", "note")


def _rows(path: Path | None, name: str) -> Iterator[tuple[int, list[str]]]:
    if path is None:
        text = resources.files("rasd").joinpath("data", name).read_text(encoding="utf-8")
    else:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as e:
            raise ActorDataError(f"cannot read {path}: {e}") from e
    header_seen = False
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:  # the first non-comment line names the columns
            header_seen = True
            continue
        yield lineno, line.split("\t")


def _split(cell: str, sep: str = "|") -> tuple[str, ...]:
    return tuple(s.strip() for s in cell.split(sep) if s.strip())


def read_actors(path: Path | None = None) -> tuple[list[Actor], dict[str, str]]:
    actors: list[Actor] = []
    kinds: dict[str, str] = {}
    for lineno, cells in _rows(path, "actors.tsv"):
        if len(cells) < 5:
            raise ActorDataError(f"actors.tsv line {lineno}: {len(cells)} columns, need 5+")
        row = dict(zip(_ACTOR_COLUMNS, (c.strip() for c in cells), strict=False))
        try:
            inter = int(row["inter"])
        except ValueError as e:
            raise ActorDataError(f"actors.tsv line {lineno}: bad inter {row['inter']!r}") from e
        actors.append(
            Actor(
                id=row["id"],
                name=row["name"],
                name_ar=row["name_ar"],
                inter=inter,
                country=row["country"] or None,
                aliases=_split(row.get("aliases", "")),
            )
        )
        kinds[row["id"]] = row.get("kind", "") or ""
    return actors, kinds


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
