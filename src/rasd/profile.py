"""Region profiles: the region priors and default country, as data.

A profile (``data/profiles/default.tsv``) says which countries the geocoder
reads closely (``focus``), how it weighs countries when nothing else decides
(``prior``) and which country generic actors belong to when nothing names one
(``default_country``). The file is validated as it loads: an unknown key, a
missing one, or a value that is not an ISO2 code or a weight stops with a
:class:`~rasd.errors.ExtractError` naming the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from rasd.errors import ExtractError

_ISO2 = re.compile(r"[A-Z]{2}")
_KEYS = ("focus", "prior", "default_country")


@dataclass(frozen=True)
class Profile:
    focus: frozenset[str]
    prior: dict[str, float]
    default_country: str
    name: str = "default"


def load_profile(path: Path | None = None) -> Profile:
    """The profile in ``path``; the packaged default when None (cached)."""
    return _default() if path is None else _parse(path.read_text(encoding="utf-8"), str(path))


@cache
def _default() -> Profile:
    text = (resources.files("rasd") / "data" / "profiles" / "default.tsv").read_text(
        encoding="utf-8")
    return _parse(text, "profiles/default.tsv")


def _codes(values: list[str], where: str) -> list[str]:
    for v in values:
        if not _ISO2.fullmatch(v):
            raise ExtractError(f"{where}: {v!r} is not an ISO2 country code (two capitals)")
    return values


def _parse(text: str, name: str) -> Profile:
    seen: dict[str, tuple[str, list[str]]] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        where = f"{name}:{n}"
        key, sep, value = line.partition("\t")
        if not sep or not value.strip():
            raise ExtractError(f"{where}: expected key<TAB>value")
        if key not in _KEYS:
            raise ExtractError(f"{where}: unknown key {key!r} (one of {', '.join(_KEYS)})")
        if key in seen:
            raise ExtractError(f"{where}: {key} already given at {seen[key][0]}")
        seen[key] = (where, value.split())
    missing = [k for k in _KEYS if k not in seen]
    if missing:
        raise ExtractError(f"{name}: missing {', '.join(missing)}")
    prior: dict[str, float] = {}
    where, pairs = seen["prior"]
    for pair in pairs:
        code, eq, weight = pair.partition("=")
        try:
            prior[_codes([code], where)[0]] = float(weight) if eq else float("nan")
        except ValueError:
            raise ExtractError(f"{where}: {pair!r} is not COUNTRY=weight") from None
        if prior[code] != prior[code]:  # NaN: no weight given
            raise ExtractError(f"{where}: {pair!r} is not COUNTRY=weight")
    where, default = seen["default_country"]
    if len(default) != 1:
        raise ExtractError(f"{where}: default_country takes one code")
    return Profile(focus=frozenset(_codes(seen["focus"][1], seen["focus"][0])), prior=prior,
                   default_country=_codes(default, where)[0], name=name)
