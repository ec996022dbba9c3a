"""The event filters of the public API: keyword arguments in, a resolved
:class:`~rasd.store.events.EventFilter` out.

One place turns what a caller asks for (``level``, ``status``, ``actor=``,
``date_from="2024-03-01"`` …) into the store's filter, so the library, the CLI
and exports agree on the defaults an analyst can trust: canonical events (one
per incident, merged across sources) and current events only, unless
``status="all"`` (or ``"background"``) asks for the history articles mention.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import fields
from typing import Any, Literal, get_args

from rasd.acled import EVENT_TYPES
from rasd.models import as_date
from rasd.store.base import Store
from rasd.store.events import EventFilter, distinct_actors, resolve_actor, resolve_civilians

Level = Literal["canonical", "report"]
Status = Literal["current", "background", "all"]
LEVELS: tuple[str, ...] = get_args(Level)
STATUSES: tuple[str, ...] = get_args(Status)
DEFAULT_LEVEL: Level = "canonical"
DEFAULT_STATUS: Status = "current"

# The filter fields a caller may give (the resolved actor/civilian values are the
# store's business, and ``status`` is its own argument).
FILTERS: tuple[str, ...] = tuple(
    f.name for f in fields(EventFilter)
    if f.name not in ("actor_values", "civilian_values", "status"))


def check_level(level: str) -> Level:
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    return "canonical" if level == "canonical" else "report"


def check_status(status: str | None) -> str | None:
    """The status column value to filter on; None for every status (``"all"``)."""
    if status is None or status == "all":
        return None
    if status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    return status


def _tuple(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Iterable):
        return tuple(str(v) for v in value)
    raise TypeError(f"expected a string or strings, not {type(value).__name__}")


SUB_EVENT_TYPES = frozenset().union(*EVENT_TYPES.values())


def check_types(name: str, values: Iterable[str]) -> None:
    """Types are matched exactly, so a misspelt one would select nothing: refuse it.
    ``name``: ``event_type`` or ``sub_event_type``; raises ValueError naming it."""
    allowed = sorted(EVENT_TYPES if name == "event_type" else SUB_EVENT_TYPES)
    for value in values:
        if value not in allowed:
            raise ValueError(f"{name} {value!r} is not an ACLED type: use one of "
                             f"{', '.join(allowed)}")


BBOX_FORMAT = "bbox must be four numbers: min_lon,min_lat,max_lon,max_lat"


def parse_bbox(text: str | None) -> tuple[float, float, float, float] | None:
    """A map box written ``min_lon,min_lat,max_lon,max_lat`` (the CLI's and the HTTP
    API's form); None for none. Raises ValueError for anything else."""
    if text is None or text == "":
        return None
    parts = text.split(",")
    if len(parts) != 4:
        raise ValueError(BBOX_FORMAT)
    try:
        min_lon, min_lat, max_lon, max_lat = (float(p) for p in parts)
    except ValueError:
        raise ValueError(BBOX_FORMAT) from None
    if not all(math.isfinite(v) for v in (min_lon, min_lat, max_lon, max_lat)):
        raise ValueError(BBOX_FORMAT)
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise ValueError("bbox must have min <= max, longitudes within -180..180 and "
                         "latitudes within -90..90")
    return min_lon, min_lat, max_lon, max_lat


def make_filter(*, status: str | None = DEFAULT_STATUS, **filters: Any) -> EventFilter:
    """An :class:`EventFilter` from keyword filters (unknown names are an error).

    ``date_from``/``date_to`` take dates or ISO strings; ``event_type`` and
    ``country`` take one value or several (any of them); ``bbox`` is
    (min_lon, min_lat, max_lon, max_lat).
    """
    unknown = sorted(set(filters) - set(FILTERS))
    if unknown:
        raise TypeError(f"unknown event filter(s) {', '.join(unknown)}: "
                        f"use {', '.join(FILTERS)}")
    kw = {k: v for k, v in filters.items() if v is not None}
    for name in ("date_from", "date_to"):
        if name in kw:
            kw[name] = as_date(name, kw[name])
    for one, many in (("event_type", "event_types"), ("country", "countries")):
        if one in kw and not isinstance(kw[one], str):
            values = _tuple(kw.pop(one))
            kw[many] = (*_tuple(kw.get(many, ())), *values)
        if many in kw:
            kw[many] = _tuple(kw[many])
    check_types("event_type", [*kw.get("event_types", ()), *filter(None, [kw.get("event_type")])])
    if "sub_event_type" in kw:
        check_types("sub_event_type", [kw["sub_event_type"]])
    if "bbox" in kw:
        kw["bbox"] = tuple(float(x) for x in kw["bbox"])
        if len(kw["bbox"]) != 4:
            raise ValueError("bbox is (min_lon, min_lat, max_lon, max_lat)")
    if "country" in kw:
        kw["country"] = kw["country"].upper()
    return EventFilter(status=check_status(status), **kw)


def resolve(store: Store, flt: EventFilter, level: str, *,
            values: Callable[[str], list[str]] | None = None) -> EventFilter:
    """``flt`` with its actor search and civilian filter turned into the actor values
    of the level's table (aliases of the actor dictionary included). ``values`` gives a
    table's distinct actor values when a caller keeps them (the HTTP API caches them
    briefly); by default they are read from the store."""
    if not flt.actor and not flt.civilians:
        return flt
    table = "canonical_events" if level == "canonical" else "events"
    found = values(table) if values is not None else distinct_actors(store, table)
    return resolve_civilians(resolve_actor(flt, found), found)
