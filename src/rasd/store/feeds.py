"""Feed and article-URL state for ``rasd watch``, kept in the store (tables of ``m005_feeds``).

This state is what makes watching incremental and resumable: a URL found
in a feed is written as ``seen`` before anything is fetched, and only marked
``stored`` in the same transaction as its document, so a restart fetches
nothing twice and an interrupted run loses nothing.

Functions take the store and a ``commit`` flag, like the Store's own
methods; times are ISO 8601 UTC strings given by the caller's clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from rasd.ingest.feeds import FeedEntry
from rasd.store.base import Store

UrlStatus = Literal["seen", "stored", "failed"]


@dataclass(frozen=True, slots=True)
class FeedState:
    url: str
    source: str | None
    etag: str | None
    last_modified: str | None
    last_checked: str | None
    last_success: str | None
    last_error: str | None
    failures: int
    articles: int = 0  # URLs of this feed stored as documents
    pending: int = 0  # seen, or failed and due for a retry
    failed_urls: int = 0


@dataclass(frozen=True, slots=True)
class UrlState:
    url: str
    feed_url: str
    state: UrlStatus
    published: date | None
    title: str | None
    attempts: int
    last_error: str | None
    next_retry: str | None
    doc_id: str | None
    first_seen: str


_URL_COLUMNS = ("url, feed_url, state, published, title, attempts, last_error, next_retry, "
                "doc_id, first_seen")


def _url_state(row: Sequence[Any]) -> UrlState:
    return UrlState(
        url=row[0], feed_url=row[1], state=row[2],
        published=date.fromisoformat(row[3]) if row[3] else None, title=row[4],
        attempts=int(row[5]), last_error=row[6], next_retry=row[7], doc_id=row[8],
        first_seen=row[9],
    )


# -- feeds ---------------------------------------------------------------------


def ensure_feed(store: Store, url: str, *, source: str | None, at: str,
                commit: bool = True) -> None:
    """Register a feed (idempotent); the feed list's source name wins over a stored one."""
    store._exec(store._insert_ignore("feeds", ("url", "source", "added")), (url, source, at))
    if source is not None:
        store._exec("UPDATE feeds SET source = ? WHERE url = ?", (source, url))
    if commit:
        store.commit()


def feed_succeeded(store: Store, url: str, *, at: str, etag: str | None,
                   last_modified: str | None, commit: bool = True) -> None:
    """A check that worked (entries or 304): keep the validators for the next conditional GET."""
    store._exec(
        "UPDATE feeds SET last_checked = ?, last_success = ?, etag = ?, last_modified = ?, "
        "last_error = NULL WHERE url = ?",
        (at, at, etag, last_modified, url),
    )
    if commit:
        store.commit()


def feed_failed(store: Store, url: str, *, at: str, reason: str, commit: bool = True) -> None:
    store._exec(
        "UPDATE feeds SET last_checked = ?, last_error = ?, failures = failures + 1 "
        "WHERE url = ?",
        (at, reason, url),
    )
    if commit:
        store.commit()


_FEED_SELECT = (
    "SELECT f.url, f.source, f.etag, f.last_modified, f.last_checked, f.last_success, "
    "f.last_error, f.failures, "
    "(SELECT COUNT(*) FROM urls u WHERE u.feed_url = f.url AND u.state = 'stored'), "
    "(SELECT COUNT(*) FROM urls u WHERE u.feed_url = f.url AND u.state = 'seen'), "
    "(SELECT COUNT(*) FROM urls u WHERE u.feed_url = f.url AND u.state = 'failed') "
    "FROM feeds f"
)


def _feed_state(row: Sequence[Any]) -> FeedState:
    return FeedState(
        url=row[0], source=row[1], etag=row[2], last_modified=row[3], last_checked=row[4],
        last_success=row[5], last_error=row[6], failures=int(row[7]), articles=int(row[8]),
        pending=int(row[9]), failed_urls=int(row[10]),
    )


def get_feed(store: Store, url: str) -> FeedState | None:
    row = store._exec(f"{_FEED_SELECT} WHERE f.url = ?", (url,)).fetchone()
    return _feed_state(row) if row else None


def list_feeds(store: Store) -> list[FeedState]:
    rows = store._exec(f"{_FEED_SELECT} ORDER BY f.source, f.url").fetchall()
    return [_feed_state(r) for r in rows]


# -- article URLs ----------------------------------------------------------------


def add_urls(store: Store, feed_url: str, entries: Iterable[FeedEntry], *, at: str,
             commit: bool = True) -> list[str]:
    """Record the entries' URLs as ``seen``; returns those not known before (in feed order).

    A URL already known (from this or another feed, in any state) is left as
    it is, which is what keeps a second check of a feed from fetching again.
    """
    sql = store._insert_ignore(
        "urls", ("url", "feed_url", "state", "published", "title", "attempts", "first_seen"))
    new: list[str] = []
    for e in entries:
        cur = store._exec(sql, (e.url, feed_url, "seen",
                                e.published.isoformat() if e.published else None,
                                e.title, 0, at))
        if cur.rowcount and cur.rowcount > 0:
            new.append(e.url)
    if commit:
        store.commit()
    return new


def due_urls(store: Store, *, now: str, limit: int | None = None) -> list[UrlState]:
    """URLs to fetch now: never fetched, or failed with a retry time that has come."""
    sql = (f"SELECT {_URL_COLUMNS} FROM urls WHERE state = 'seen' "
           "OR (state = 'failed' AND next_retry IS NOT NULL AND next_retry <= ?) "
           "ORDER BY first_seen, url")
    params: list[Any] = [now]
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [_url_state(r) for r in store._exec(sql, params).fetchall()]


def get_url(store: Store, url: str) -> UrlState | None:
    row = store._exec(f"SELECT {_URL_COLUMNS} FROM urls WHERE url = ?", (url,)).fetchone()
    return _url_state(row) if row else None


def count_urls(store: Store) -> dict[str, int]:
    rows = store._exec("SELECT state, COUNT(*) FROM urls GROUP BY state").fetchall()
    return {r[0]: int(r[1]) for r in rows}


def mark_stored(store: Store, url: str, *, doc_id: str, at: str, commit: bool = True) -> None:
    store._exec(
        "UPDATE urls SET state = 'stored', doc_id = ?, attempts = attempts + 1, "
        "last_attempt = ?, last_error = NULL, next_retry = NULL WHERE url = ?",
        (doc_id, at, url),
    )
    if commit:
        store.commit()


def mark_failed(store: Store, url: str, *, reason: str, at: str, next_retry: str | None,
                commit: bool = True) -> None:
    """Record a failed attempt; ``next_retry`` None means it is not tried again."""
    store._exec(
        "UPDATE urls SET state = 'failed', attempts = attempts + 1, last_attempt = ?, "
        "last_error = ?, next_retry = ? WHERE url = ?",
        (at, reason, next_retry, url),
    )
    if commit:
        store.commit()
