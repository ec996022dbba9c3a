"""Event collections as tables: pandas and GeoPandas behind optional extras.

``EventList`` is a plain ``list`` of :class:`~rasd.models.Event` that can
also become a DataFrame with ACLED's column names and proper dtypes: dates as
dates (``datetime64``), coordinates as floats, counts and codes as nullable
integers (``Int64``), text as strings. The column types are the exports'
(``rasd.store.export.COLUMN_TYPES``), so a Parquet export reads back as the
same frame.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, SupportsIndex, overload

from rasd.models import Event
from rasd.store.export import (
    COLUMN_TYPES,
    EVIDENCE_COLUMNS,
    TABLE_COLUMNS,
    UrlLookup,
    typed_row,
)

if TYPE_CHECKING:
    import pandas as pd

_DTYPES = {"date": "datetime64[s]", "int": "Int64", "float": "float64", "text": "string"}


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as exc:
        raise ImportError("to_pandas needs pandas: pip install 'rasd[pandas]'") from exc
    return pandas


def to_pandas(events: Iterable[Event], *,
              urls: Mapping[str, str | None] | None = None) -> pd.DataFrame:
    """A DataFrame of ``events``, one row each, with the columns of a Parquet export
    (ACLED's and ``status``; with ``urls``, the evidence columns too).

    >>> import rasd
    >>> events = rasd.extract("قُتل ثلاثة مدنيين في قصف جوي على مدينة إدلب.")
    >>> frame = rasd.to_pandas(events)
    >>> frame[["event_type", "location", "fatalities"]].values.tolist()
    [['Explosions/Remote violence', 'Idlib', 3]]
    >>> str(frame["fatalities"].dtype), str(frame["event_date"].dtype)
    ('Int64', 'datetime64[s]')
    """
    pandas = _pandas()
    columns = TABLE_COLUMNS + (EVIDENCE_COLUMNS if urls is not None else ())
    rows = [typed_row(ev, urls=urls) for ev in events]
    frame = pandas.DataFrame.from_records(rows, columns=list(columns))
    for col in columns:
        kind = COLUMN_TYPES[col]
        if kind == "date":
            frame[col] = pandas.to_datetime(frame[col]).astype(_DTYPES[kind])
        else:
            frame[col] = frame[col].astype(_DTYPES[kind])
    out: pd.DataFrame = frame
    return out


def to_geopandas(events: Iterable[Event], *,
                 urls: Mapping[str, str | None] | None = None) -> Any:
    """A GeoDataFrame (points in WGS 84, EPSG:4326) of the events that have a place."""
    try:
        import geopandas
    except ImportError as exc:
        raise ImportError("to_geopandas needs GeoPandas: pip install 'rasd[geo]'") from exc
    frame = to_pandas([ev for ev in events if ev.location is not None], urls=urls)
    geometry = geopandas.points_from_xy(frame["longitude"], frame["latitude"], crs="EPSG:4326")
    return geopandas.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


class EventList(list[Event]):
    """Events, as a list, that also become tables (see :func:`to_pandas`); a slice, a
    copy or a sum of event lists is one too (``db.events()[:10].to_pandas()``).

    ``urls``: how the database the events come from finds its articles' URLs, for the
    evidence columns (``to_pandas(with_evidence=True)``)."""

    def __init__(self, events: Iterable[Event] = (), *, urls: UrlLookup | None = None) -> None:
        super().__init__(events)
        self.urls = urls

    @overload
    def __getitem__(self, index: SupportsIndex, /) -> Event: ...
    @overload
    def __getitem__(self, index: slice, /) -> EventList: ...
    def __getitem__(self, index: SupportsIndex | slice, /) -> Event | EventList:
        if isinstance(index, slice):
            return EventList(super().__getitem__(index), urls=self.urls)
        return super().__getitem__(index)

    def __add__(self, other: list[Event], /) -> EventList:  # type: ignore[override]
        return EventList([*self, *other], urls=self.urls)

    def copy(self) -> EventList:
        return EventList(self, urls=self.urls)

    def __reduce__(self) -> tuple[Any, ...]:
        # The URL lookup belongs to an open database: a pickled list leaves it behind.
        return (EventList, (list(self),))

    def to_dicts(self) -> list[dict[str, Any]]:
        """Each event's output record (:meth:`Event.to_dict`)."""
        return [ev.to_dict() for ev in self]

    def _evidence_urls(self, with_evidence: bool) -> Mapping[str, str | None] | None:
        if not with_evidence:
            return None
        if self.urls is None:  # not from a database: no article URLs to give
            return {}
        return self.urls({e.doc_id for ev in self for e in ev.evidence})

    def to_pandas(self, *, with_evidence: bool = False) -> pd.DataFrame:
        """A DataFrame with ACLED's columns and ``status``; needs ``rasd[pandas]``.
        ``with_evidence`` adds the evidence sentences and their articles' URLs."""
        return to_pandas(self, urls=self._evidence_urls(with_evidence))

    def to_geopandas(self, *, with_evidence: bool = False) -> Any:
        """A GeoDataFrame of the events that have a place; needs ``rasd[geo]``."""
        return to_geopandas(self, urls=self._evidence_urls(with_evidence))
