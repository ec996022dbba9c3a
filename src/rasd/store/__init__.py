"""Stores: where documents, failures, runs and events are kept.

``open_store(url)`` picks the backend from the URL: ``sqlite:///path.db``
(the default, relative path), ``sqlite:////abs/path.db``, a bare file path,
or ``postgresql://...``.
"""

from __future__ import annotations

from rasd.errors import StoreURLError
from rasd.store.base import DocumentSummary, RunSummary, Store, StoredFailure
from rasd.store.sqlite import SQLiteStore

DEFAULT_URL = "sqlite:///rasd.db"

__all__ = [
    "DEFAULT_URL",
    "DocumentSummary",
    "RunSummary",
    "SQLiteStore",
    "Store",
    "StoredFailure",
    "open_store",
]


def open_store(url: str = DEFAULT_URL, *, migrate: bool = True) -> Store:
    """Open (and by default migrate) the store a URL names."""
    store: Store
    if url.startswith("sqlite:///"):
        store = SQLiteStore(url[len("sqlite:///"):], url=url)
    elif url.startswith(("postgresql://", "postgres://")):
        try:
            from rasd.store.postgres import PostgresStore
        except ImportError as exc:
            raise StoreURLError(
                "PostgreSQL support needs the 'postgres' extra: pip install 'rasd[postgres]'"
            ) from exc
        store = PostgresStore(url)
    elif "://" in url:
        raise StoreURLError(
            f"unsupported database URL {url!r}: use sqlite:///PATH or postgresql://..."
        )
    else:
        store = SQLiteStore(url)
    if migrate:
        store.migrate()
    return store
