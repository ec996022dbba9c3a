"""Query parameters of the event endpoints, parsed into an :class:`EventFilter`.

Every parameter is typed and bounded here so that a bad value is a 422 with
a message naming the parameter, never an exception deeper down (an offset
past SQLite's integer range, a bounding box of three numbers, an inverted
date range).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import Query
from fastapi.exceptions import RequestValidationError

from rasd.api import filters
from rasd.store.events import SORTS, EventFilter
from rasd.store.selection import Level

__all__ = ["Level", "Limit", "Offset", "Sort", "bad_param", "event_filter", "parse_bbox"]

Sort = Literal["date", "-date", "fatalities", "-fatalities", "type"]
assert set(Sort.__args__) == set(SORTS), "Sort must list store.events.SORTS"  # type: ignore[attr-defined]

MAX_TEXT = 200
MAX_LIMIT = 1000
MAX_OFFSET = 10_000_000


def bad_param(name: str, message: str, value: object = None) -> RequestValidationError:
    """A 422 in FastAPI's own error shape, so clients see one format for every bad parameter."""
    return RequestValidationError([{
        "type": "value_error", "loc": ("query", name), "msg": message, "input": value,
    }])


def parse_bbox(raw: str | None) -> tuple[float, float, float, float] | None:
    try:
        return filters.parse_bbox(raw)
    except ValueError as exc:
        raise bad_param("bbox", str(exc), raw) from None


def _text(description: str) -> Any:
    return Query(max_length=MAX_TEXT, description=description)


def event_filter(
    date_from: Annotated[date | None, Query(alias="from",
                                            description="Events on or after (YYYY-MM-DD).")] = None,
    date_to: Annotated[date | None, Query(alias="to",
                                          description="Events on or before (YYYY-MM-DD).")] = None,
    event_type: Annotated[list[str] | None, Query(
        description="ACLED event type, e.g. Battles; repeat for any of several.")] = None,
    sub_event_type: Annotated[str | None, _text("ACLED sub-event type.")] = None,
    actor: Annotated[str | None, _text("Actor id or part of its English or Arabic name.")] = None,
    country: Annotated[list[str] | None, Query(
        description="ISO 3166 alpha-2 code, e.g. SY; repeat for any of several.")] = None,
    admin1: Annotated[str | None, _text("Governorate / province name.")] = None,
    q: Annotated[str | None, _text("Search the Arabic evidence sentences "
                                   "(normalised: hamza forms, ta marbuta, diacritics).")] = None,
    bbox: Annotated[str | None, Query(max_length=100,
                                      description="min_lon,min_lat,max_lon,max_lat")] = None,
    status: Annotated[Literal["current", "background", "all"], Query(
        description="current (the default): the news articles report; background: earlier "
                    "events they recall; all: both.")] = "current",
    doc: Annotated[str | None, _text("Only events of this document (name or id).")] = None,
    civilians: Annotated[bool, Query(description="Only events targeting civilians "
                                     "(actor 2 is civilians, ACLED's civilian targeting).")]
    = False,
) -> EventFilter:
    """FastAPI dependency: the filter every event endpoint shares."""
    types = _values("event_type", event_type, MAX_TEXT)
    for name, values in (("event_type", types), ("sub_event_type", [sub_event_type or ""])):
        try:
            filters.check_types(name, [v for v in values if v])
        except ValueError as exc:
            raise bad_param(name, str(exc), values) from None
    countries = [c.upper() for c in _values("country", country, 2)]
    for c in countries:
        if not (len(c) == 2 and c.isascii() and c.isalpha()):
            raise bad_param("country", "country must be an ISO 3166 alpha-2 code, e.g. SY", c)
    if date_from and date_to and date_from > date_to:
        raise bad_param("from", f"'from' ({date_from}) is after 'to' ({date_to})",
                        date_from.isoformat())
    return EventFilter(
        date_from=date_from, date_to=date_to,
        event_type=types[0] if len(types) == 1 else None,
        event_types=tuple(types) if len(types) > 1 else (),
        sub_event_type=sub_event_type or None, actor=actor or None,
        country=countries[0] if len(countries) == 1 else None,
        countries=tuple(countries) if len(countries) > 1 else (), admin1=admin1 or None,
        text=q.strip() or None if q else None, bbox=parse_bbox(bbox),
        status=None if status == "all" else status,
        doc=doc or None, civilians=civilians,
    )


MAX_VALUES = 50


def _values(name: str, raw: list[str] | None, max_length: int) -> list[str]:
    """A repeatable parameter's values: empty ones dropped, duplicates once, bounded."""
    values = list(dict.fromkeys(v.strip() for v in raw or [] if v.strip()))
    if len(values) > MAX_VALUES:
        raise bad_param(name, f"at most {MAX_VALUES} values", len(values))
    for v in values:
        if len(v) > max_length:
            raise bad_param(name, f"a value is longer than {max_length} characters", v)
    return values


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]
