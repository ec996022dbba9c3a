"""Picking one place mention out of a geocoder's answer, for the geo tests."""

from __future__ import annotations

from rasd.geo.text import fold
from rasd.models import PlaceMention


def named(ms: list[PlaceMention], surface: str) -> PlaceMention:
    """The first mention whose surface holds ``surface`` (letters folded); fails naming
    the surface sought and every mention found."""
    hits = [m for m in ms if fold(surface) in fold(m.surface)]
    assert hits, (surface, [(m.surface, m.place.id) for m in ms])
    return hits[0]
