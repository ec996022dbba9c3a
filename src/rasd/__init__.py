"""rasd (رصد): Arabic conflict-event extraction from news reports.

The public API (``rasd.api``) is available from here and loaded on first use,
so ``import rasd.models`` stays light::

    import rasd
    events = rasd.extract("قُتل ثلاثة مدنيين في قصف جوي على مدينة إدلب أمس.")
    db = rasd.open("sqlite:///rasd.db")

``rasd.extract`` is the ``rasd.extract`` package, which is callable: Python
binds an imported subpackage to its parent's attribute, so a function of that
name here would be replaced the moment ``rasd.extract.engine`` is imported.
Type checkers see the function (the ``TYPE_CHECKING`` import below).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from rasd.api import (
        DEFAULT_LEVEL,
        DEFAULT_STATUS,
        FILTERS,
        FORMATS,
        LEVELS,
        STATUSES,
        Database,
        Document,
        Event,
        EventList,
        NotFoundError,
        RasdError,
        RunStats,
        TextOrDocument,
        document,
        event_from_json,
        extract,
        extract_many,
        open,
        to_geopandas,
        to_pandas,
    )

_API = frozenset({
    "DEFAULT_LEVEL", "DEFAULT_STATUS", "FILTERS", "FORMATS", "LEVELS", "STATUSES", "Database",
    "Document", "Event", "EventList", "NotFoundError", "RasdError", "RunStats",
    "TextOrDocument", "document", "event_from_json", "extract_many", "open", "to_geopandas",
    "to_pandas",
})

__all__ = [
    "DEFAULT_LEVEL", "DEFAULT_STATUS", "FILTERS", "FORMATS", "LEVELS", "STATUSES", "Database",
    "Document", "Event", "EventList", "NotFoundError", "RasdError", "RunStats",
    "TextOrDocument", "__version__", "document", "event_from_json", "extract", "extract_many",
    "open", "to_geopandas", "to_pandas",
]


def __getattr__(name: str) -> Any:
    if name == "extract":
        # The callable package; importing it binds it here, so this runs once.
        return importlib.import_module("rasd.extract")
    if name in _API:
        api = importlib.import_module("rasd.api")
        value = getattr(api, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'rasd' has no attribute {name!r}")


def __dir__() -> list[str]:
    # The public names and the subpackages already imported, not this module's own
    # helpers (importlib, Any, TYPE_CHECKING …).
    subpackages = {k for k, v in globals().items() if type(v).__name__ == "module"
                   and getattr(v, "__name__", "").startswith("rasd.")}
    return sorted({*__all__, *subpackages})
