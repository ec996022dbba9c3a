"""Reading gold and prediction files for ``rasd eval`` into typed records.

Both sides are JSON Lines. A gold line names its actors by plain canonical
strings; a prediction line is a full output record (``event-coding.md`` §8)
whose actors and location are objects. Either form is accepted on either
side so a prediction file can be scored as gold and the other way round.
Everything is checked here, at the edge: a malformed line raises
:class:`EvalError` with ``file:line: reason`` and nothing free-form goes further.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from rasd.errors import EvalError
from rasd.models import EventStatus

_STATUSES: tuple[EventStatus, ...] = ("current", "background")


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor as a file names it; resolved to a canonical name only when compared."""

    name: str
    name_ar: str | None = None
    id: str | None = None


@dataclass(frozen=True, slots=True)
class ScoredLocation:
    """A location as far as scoring needs it; every part may be missing in a prediction."""

    name: str | None
    name_ar: str | None
    lat: float | None
    lon: float | None
    precision: int | None = None
    admin1: str | None = None
    tolerance_km: float | None = None
    # ISO 3166 alpha-2: figures per country read it from gold and predictions alike.
    country: str | None = None


@dataclass(frozen=True, slots=True)
class ScoredDate:
    start: date
    end: date


@dataclass(frozen=True, slots=True)
class ScoredEvent:
    """One gold or predicted event; ``origin`` is ``file:line`` for messages and listings."""

    doc_id: str
    status: EventStatus
    event_type: str
    sub_event_type: str
    actor1: ActorRef | None
    actor2: ActorRef | None
    location: ScoredLocation | None
    date: ScoredDate | None
    fatalities_best: int | None
    origin: str = ""
    # Gold only: events of different articles telling one incident share a cluster id.
    cluster: str | None = None
    # Predictions only: the canonical event a report was merged into (``rasd export
    # --level report`` writes it), which ``rasd eval --merge`` scores against ``cluster``.
    canonical_id: str | None = None
    # Predictions only: the ids of the rules behind the event and its fields (the
    # ``rules`` of ``rasd extract`` output, in order, each once), for errors by rule.
    rules: tuple[str, ...] = ()


def load_docs(path: Path) -> set[str]:
    """The document ids of a ``docs.txt``: one a line; blank lines and ``#`` comments skipped."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalError(f"{path}: cannot read: {exc}") from exc
    out: set[str] = set()
    for raw in text.splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            out.add(line)
    return out


def load_events(path: Path) -> list[ScoredEvent]:
    """Parse a gold or prediction JSON Lines file; blank lines are skipped.

    Raises :class:`EvalError` ``"<path>:<line>: <reason>"`` on the first bad line.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalError(f"{path}: cannot read: {exc}") from exc
    events: list[ScoredEvent] = []
    for lineno, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        origin = f"{path}:{lineno}"
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise EvalError(f"{origin}: not valid JSON ({exc.msg})") from exc
        try:
            events.append(parse_event(record, origin=origin))
        except _Bad as exc:
            raise EvalError(f"{origin}: {exc}") from None
    return events


class _Bad(ValueError):
    """A reason a record is malformed; turned into EvalError with the line's origin."""


def parse_event(record: object, *, origin: str = "") -> ScoredEvent:
    """One decoded JSON line to a :class:`ScoredEvent`; ``ValueError`` says what is wrong."""
    if not isinstance(record, dict):
        raise _Bad(f"expected a JSON object, got {_kind(record)}")
    status = _req_str(record, "status")
    if status not in _STATUSES:
        raise _Bad(f"'status' must be 'current' or 'background', got {status!r}")
    return ScoredEvent(
        doc_id=_req_str(record, "doc_id"),
        status="current" if status == "current" else "background",
        event_type=_req_str(record, "event_type"),
        sub_event_type=_req_str(record, "sub_event_type"),
        actor1=_actor(record.get("actor1"), "actor1"),
        actor2=_actor(record.get("actor2"), "actor2"),
        location=_location(record.get("location")),
        date=_date(record.get("date")),
        fatalities_best=_fatalities(record.get("fatalities")),
        origin=origin,
        cluster=_cluster(record.get("cluster")),
        canonical_id=_canonical_id(record.get("canonical_id")),
        rules=_rules(record.get("rules")),
    )


def _kind(value: object) -> str:
    if value is None:
        return "null"
    return {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "an array",
        dict: "an object",
    }.get(type(value), type(value).__name__)


def _req_str(record: dict[str, Any], key: str) -> str:
    value = record.get(key)
    if value is None:
        raise _Bad(f"missing '{key}'")
    if not isinstance(value, str) or not value.strip():
        raise _Bad(f"'{key}' must be a non-empty string, got {_kind(value)}")
    return value.strip()


def _opt_str(obj: dict[str, Any], key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _Bad(f"'{where}.{key}' must be a string, got {_kind(value)}")
    return value.strip() or None


def _actor(value: object, key: str) -> ActorRef | None:
    if value is None:
        return None
    if isinstance(value, str):
        if not value.strip():
            raise _Bad(f"'{key}' is an empty string (use null for no actor)")
        return ActorRef(name=value.strip())
    if isinstance(value, dict):
        name = _opt_str(value, "name", key)
        name_ar = _opt_str(value, "name_ar", key)
        ident = _opt_str(value, "id", key)
        if name is None and name_ar is None:
            raise _Bad(f"'{key}' has neither 'name' nor 'name_ar'")
        # An actor known only by its Arabic name is still comparable through the aliases.
        return ActorRef(name=name or name_ar or "", name_ar=name_ar, id=ident)
    raise _Bad(f"'{key}' must be a string, an object or null, got {_kind(value)}")


def _number(obj: dict[str, Any], key: str, where: str) -> float | None:
    value = obj.get(key)
    if value is None:
        return None
    # bool is an int subclass; true/false as a coordinate is a mistake, not 1/0.
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _Bad(f"'{where}.{key}' must be a number, got {_kind(value)}")
    return float(value)


def _location(value: object) -> ScoredLocation | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise _Bad(f"'location' must be an object or null, got {_kind(value)}")
    lat = _number(value, "lat", "location")
    lon = _number(value, "lon", "location")
    if (lat is None) != (lon is None):
        raise _Bad("'location' has one of 'lat'/'lon' without the other")
    if lat is not None and not -90.0 <= lat <= 90.0:
        raise _Bad(f"'location.lat' out of range: {lat}")
    if lon is not None and not -180.0 <= lon <= 180.0:
        raise _Bad(f"'location.lon' out of range: {lon}")
    precision = _number(value, "precision", "location")
    if precision is not None and precision not in (1.0, 2.0, 3.0):
        raise _Bad(f"'location.precision' must be 1, 2 or 3, got {precision:g}")
    tolerance = _number(value, "tolerance_km", "location")
    if tolerance is not None and tolerance < 0:
        raise _Bad(f"'location.tolerance_km' must not be negative, got {tolerance:g}")
    loc = ScoredLocation(
        name=_opt_str(value, "name", "location"),
        name_ar=_opt_str(value, "name_ar", "location"),
        lat=lat,
        lon=lon,
        precision=None if precision is None else int(precision),
        admin1=_opt_str(value, "admin1", "location"),
        tolerance_km=tolerance,
        country=_country(value),
    )
    if loc.name is None and loc.name_ar is None and loc.lat is None:
        raise _Bad("'location' has no name and no coordinates (use null for no location)")
    return loc


def _country(value: dict[str, Any]) -> str | None:
    code = _opt_str(value, "country", "location")
    return None if code is None else code.upper()


def _cluster(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise _Bad(f"'cluster' must be a string, a number or null, got {_kind(value)}")
    return str(value).strip() or None


def _rules(value: object) -> tuple[str, ...]:
    """Rule ids by field (``{"event": ["trigger/غارات", ...], ...}``), flattened."""
    if value is None:
        return ()
    if not isinstance(value, dict) or not all(
            isinstance(ids, list) and all(isinstance(i, str) for i in ids)
            for ids in value.values()):
        raise _Bad(f"'rules' must map fields to lists of rule ids, got {_kind(value)}")
    return tuple(dict.fromkeys(i for ids in value.values() for i in ids))


def _canonical_id(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise _Bad(f"'canonical_id' must be a string or null, got {_kind(value)}")
    return value.strip() or None


def _iso_day(value: object, where: str) -> date:
    if not isinstance(value, str):
        raise _Bad(f"'{where}' must be a YYYY-MM-DD string, got {_kind(value)}")
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise _Bad(f"'{where}' is not a YYYY-MM-DD date: {value!r}") from None


def _date(value: object) -> ScoredDate | None:
    if value is None:
        return None
    if isinstance(value, str):
        day = _iso_day(value, "date")
        return ScoredDate(start=day, end=day)
    if not isinstance(value, dict):
        raise _Bad(f"'date' must be an object, a string or null, got {_kind(value)}")
    if value.get("start") is None:
        raise _Bad("'date' has no 'start'")
    start = _iso_day(value["start"], "date.start")
    end = start if value.get("end") is None else _iso_day(value["end"], "date.end")
    if end < start:
        raise _Bad(f"'date.end' {end} is before 'date.start' {start}")
    return ScoredDate(start=start, end=end)


def _count(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _Bad(f"'{where}' must be a whole number, got {_kind(value)}")
    if value < 0 or value != int(value):
        raise _Bad(f"'{where}' must be a whole number >= 0, got {value}")
    return int(value)


def _fatalities(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, dict):
        if value.get("best") is None:
            raise _Bad("'fatalities' has no 'best' (use null when there is no figure)")
        return _count(value["best"], "fatalities.best")
    return _count(value, "fatalities")
