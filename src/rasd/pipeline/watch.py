"""Continuous monitoring: check feeds, fetch the new articles, run them through the pipeline.

One *cycle* (:meth:`Watcher.run_once`) is one pipeline run (command
``watch``): every feed is checked (conditional GET), the URLs it lists that
the store has not seen are recorded as ``seen``, then every URL due for a
fetch (new, or failed earlier and due for a retry) is fetched and handed to
the pipeline as a Document or a Failure. :func:`run_forever` repeats cycles
at an interval.

Why this is resumable: URLs are committed as ``seen`` together with the
feed's new validators before any article is fetched, and an article's URL is
marked ``stored`` in the same transaction as its document (the pipeline adds
the document while this generator is suspended; the generator commits when
it resumes). A run killed anywhere leaves each URL either stored or due.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from rasd.errors import EncodingError, FetchError, InputError
from rasd.ingest.decode import charset_from_content_type
from rasd.ingest.feeds import FeedEntry, FeedSpec, ParsedFeed, parse_feed
from rasd.ingest.fetch import Fetcher, FetchFailed, FetchResult
from rasd.models import Document, Failure
from rasd.store import Store
from rasd.store import feeds as state

_INTERVAL_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd]?)", re.IGNORECASE)
_UNIT_SECONDS = {"": 1.0, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


def parse_interval(text: str) -> float:
    """Seconds in an interval such as ``90s``, ``15m``, ``1h``, ``1h30m`` or ``600``."""
    compact = text.strip().replace(" ", "")
    pos = 0
    total = 0.0
    for match in _INTERVAL_PART.finditer(compact):
        if match.start() != pos:
            break
        total += float(match.group(1)) * _UNIT_SECONDS[match.group(2).lower()]
        pos = match.end()
    if not compact or pos != len(compact):
        raise InputError(f"not an interval: {text!r} (use e.g. 90s, 15m, 1h, 1h30m)")
    if total <= 0:
        raise InputError(f"interval must be positive: {text!r}")
    return total


def utc_now() -> datetime:
    return datetime.now(UTC)


def stamp(moment: datetime) -> str:
    """A time as stored: ISO 8601 UTC to the second, so stamps compare as text."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class WatchOptions:
    retry_base: float = 15 * 60.0  # first retry of a failed URL after this many seconds
    retry_cap: float = 24 * 3600.0  # doubling stops here
    max_attempts: int = 5  # a URL failing this often is given up
    # A failing feed is checked again after this, then after as long as it has been
    # failing (a doubling backoff), up to retry_cap; a working feed every cycle.
    feed_retry_base: float = 5 * 60.0
    max_pages: int | None = None  # article fetches per cycle; the rest wait for the next
    max_entries_per_feed: int = 1000  # newest entries taken from one feed (sitemaps are huge)
    max_child_sitemaps: int = 20  # of a sitemap index, newest first
    extract: bool = True  # run extraction on new documents


@dataclass
class WatchStats:
    """What a cycle did; ``stored``/``duplicates`` come from the pipeline run."""

    feeds: int = 0
    feeds_unchanged: int = 0
    feeds_failed: int = 0
    feeds_waiting: int = 0  # failing feeds not checked this cycle (backing off)
    new_urls: int = 0
    fetched: int = 0
    stored: int = 0
    duplicates: int = 0
    failed: int = 0
    run_id: int | None = None
    failures: list[Failure] = field(default_factory=list)

    def summary(self) -> str:
        waiting = f", backing off: {self.feeds_waiting}" if self.feeds_waiting else ""
        return (
            f"feeds: {self.feeds} (unchanged: {self.feeds_unchanged}, failed: "
            f"{self.feeds_failed}{waiting}), new URLs: {self.new_urls}, pages fetched: "
            f"{self.fetched}, stored: {self.stored}, duplicates: {self.duplicates}, "
            f"failed: {self.failed}"
        )


class Watcher:
    """Runs watch cycles over a feed list against one store, through one fetcher."""

    def __init__(self, store: Store, fetcher: Fetcher, feeds: Sequence[FeedSpec], *,
                 options: WatchOptions = WatchOptions(),
                 now: Callable[[], datetime] = utc_now) -> None:
        self.store = store
        self.fetcher = fetcher
        self.feeds = list(feeds)
        self._sources = {spec.url: spec.source for spec in self.feeds}
        self.options = options
        self._now = now

    def run_once(self) -> WatchStats:
        """One cycle: check every feed, fetch what is due, run the pipeline on it."""
        from rasd.pipeline.orchestrator import Pipeline

        stats = WatchStats()
        pipeline = Pipeline(self.store, extract=self.options.extract)
        try:
            run = pipeline.process(self._items(stats), command="watch")
        except BaseException:
            # Uncommitted work (a URL marked stored whose document never made it)
            # must not be committed by whatever uses this connection next.
            self.store._conn().rollback()
            raise
        stats.run_id = pipeline.run_id
        stats.stored = run.stored
        stats.duplicates = run.duplicates
        return stats

    # -- the item stream the pipeline consumes ------------------------
    def _items(self, stats: WatchStats) -> Iterator[Document | Failure]:
        for spec in self.feeds:
            if self._backing_off(spec.url):
                stats.feeds_waiting += 1
                continue
            for failure in self._check_feed(spec, stats):
                yield self._failed(failure, stats)
                self.store.commit()
        # Only URLs of the feeds listed now: a feed taken off the list is no longer wanted.
        listed = {spec.url for spec in self.feeds}
        due = [u for u in state.due_urls(self.store, now=stamp(self._now()))
               if u.feed_url in listed][: self.options.max_pages]
        for url in interleave_hosts(due):
            yield self._fetch_article(url, stats)
            # Resumed: the pipeline has added what we yielded; keep it with its URL's state.
            self.store.commit()

    def _failed(self, failure: Failure, stats: WatchStats) -> Failure:
        stats.failed += 1
        stats.failures.append(failure)
        return failure

    # -- feeds ---------------------------------------------------------
    def _backing_off(self, url: str) -> bool:
        """Whether a feed whose last check failed is not due for another yet.

        The wait is as long as the feed has been failing since its last success
        (so it doubles), at least ``feed_retry_base`` and at most ``retry_cap``;
        a feed that never worked waits ``feed_retry_base`` doubled per failure.
        """
        known = state.get_feed(self.store, url)
        if known is None or known.last_error is None or known.last_checked is None:
            return False
        checked = datetime.fromisoformat(known.last_checked)
        if known.last_success is None:
            delay = self.options.feed_retry_base * 2.0 ** min(known.failures - 1, 30)
        else:
            delay = (checked - datetime.fromisoformat(known.last_success)).total_seconds()
        delay = min(max(delay, self.options.feed_retry_base), self.options.retry_cap)
        return self._now() < checked + timedelta(seconds=delay)

    def _check_feed(self, spec: FeedSpec, stats: WatchStats) -> list[Failure]:
        at = stamp(self._now())
        stats.feeds += 1
        state.ensure_feed(self.store, spec.url, source=spec.source, at=at)
        known = state.get_feed(self.store, spec.url)
        failures: list[Failure] = []
        entries: list[FeedEntry] = []
        try:
            result = self.fetcher.fetch(spec.url, accept="feed",
                                        etag=known.etag if known else None,
                                        last_modified=known.last_modified if known else None)
            if not result.not_modified:
                entries = self._entries(result, failures)
        # Anything this feed's bytes can raise stays this feed's problem: the
        # other feeds are still checked. Store errors happen outside this try.
        except Exception as exc:
            reason = _reason(exc)
            stats.feeds_failed += 1
            state.feed_failed(self.store, spec.url, at=at, reason=reason)
            return [Failure(origin=spec.url, stage="feed", reason=reason), *failures]
        if result.not_modified:
            stats.feeds_unchanged += 1
        else:
            new = state.add_urls(self.store, spec.url, entries, at=at, commit=False)
            stats.new_urls += len(new)
        # The validators and the URLs commit together: an ETag kept while its
        # URLs were lost would hide them behind a 304 forever.
        state.feed_succeeded(self.store, spec.url, at=at, etag=result.etag,
                             last_modified=result.last_modified, commit=False)
        self.store.commit()
        return failures

    def _entries(self, result: FetchResult, failures: list[Failure]) -> list[FeedEntry]:
        parsed = parse_feed(result.content, url=result.final_url,
                            content_type=result.content_type)
        entries = list(parsed.entries)
        if parsed.kind == "sitemapindex":
            entries = self._child_entries(parsed, failures)
        # Newest first (undated last, in feed order), then capped: a first look
        # at a 50,000-URL sitemap should not queue the archive of a decade.
        entries.sort(key=lambda e: e.published.toordinal() if e.published else 0, reverse=True)
        return entries[: self.options.max_entries_per_feed]

    def _child_entries(self, index: ParsedFeed, failures: list[Failure]) -> list[FeedEntry]:
        entries: list[FeedEntry] = []
        for child in index.sitemaps[: self.options.max_child_sitemaps]:
            try:
                result = self.fetcher.fetch(child, accept="feed")
                parsed = parse_feed(result.content, url=result.final_url,
                                    content_type=result.content_type)
            except Exception as exc:  # one bad child does not sink the index
                failures.append(Failure(origin=child, stage="feed", reason=_reason(exc)))
                continue
            entries.extend(parsed.entries)  # a nested index is not followed further
        return entries

    # -- articles ------------------------------------------------------
    def _fetch_article(self, url: state.UrlState, stats: WatchStats) -> Document | Failure:
        at = self._now()
        retryable = False
        retry_after: float | None = None
        try:
            result = self.fetcher.fetch(url.url, accept="html")
            stats.fetched += 1
            doc = self._document(url, result)
        except FetchFailed as exc:
            reason, retryable, retry_after = exc.reason, exc.retryable, exc.retry_after
        except EncodingError as exc:
            reason = f"bad encoding: {exc}"
        except InputError as exc:
            reason = f"no article: {exc}"
        except Exception as exc:  # a page that breaks the extractor is one failure
            reason = _reason(exc)
        else:
            state.mark_stored(self.store, url.url, doc_id=doc.id, at=stamp(at), commit=False)
            return doc
        state.mark_failed(self.store, url.url, reason=reason, at=stamp(at),
                          next_retry=self._next_retry(url.attempts + 1, retryable, at,
                                                      retry_after=retry_after),
                          commit=False)
        return self._failed(Failure(origin=url.url, stage="fetch", reason=reason), stats)

    def _document(self, url: state.UrlState, result: FetchResult) -> Document:
        from rasd.ingest.reader import document_from_html

        doc = document_from_html(
            result.content,
            url=result.final_url,
            source=self._source(url),
            published=url.published,  # the feed's date wins; the page's is the fallback
            origin=url.url,
            encoding=charset_from_content_type(result.content_type),
        )
        if doc.title is None and url.title:
            doc = replace(doc, title=url.title)
        return doc

    def _source(self, url: state.UrlState) -> str:
        """The feed's source name, else the article's host (the outlet that wrote it)."""
        source = self._sources.get(url.feed_url)
        return source or urlsplit(url.url).hostname or url.feed_url

    def _next_retry(self, attempts: int, retryable: bool, at: datetime, *,
                    retry_after: float | None = None) -> str | None:
        if not retryable or attempts >= self.options.max_attempts:
            return None
        delay = min(self.options.retry_base * 2 ** (attempts - 1), self.options.retry_cap)
        # A server's Retry-After (429, 503) is a floor: asking sooner is asking to be banned.
        delay = max(delay, min(retry_after or 0.0, self.options.retry_cap))
        return stamp(at + timedelta(seconds=delay))


def interleave_hosts(urls: Sequence[state.UrlState]) -> list[state.UrlState]:
    """Round-robin over hosts, so one host's rate limit is waited out while others are fetched."""
    by_host: dict[str, list[state.UrlState]] = {}
    for u in urls:
        by_host.setdefault((urlsplit(u.url).hostname or "").lower(), []).append(u)
    queues = list(by_host.values())
    out: list[state.UrlState] = []
    depth = 0
    while len(out) < len(urls):
        out.extend(q[depth] for q in queues if depth < len(q))
        depth += 1
    return out


def _reason(exc: BaseException) -> str:
    if isinstance(exc, FetchFailed):
        return exc.reason
    if isinstance(exc, FetchError | InputError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def run_forever(cycle: Callable[[], WatchStats], *, interval: float,
                report: Callable[[WatchStats], None] = lambda _s: None,
                clock: Callable[[], float] = time.monotonic,
                sleep: Callable[[float], None] = time.sleep,
                cycles: int | None = None) -> int:
    """Run ``cycle`` every ``interval`` seconds (start to start); returns cycles run.

    Stops after ``cycles`` when given, else only on an exception (Ctrl-C).
    A cycle that overruns the interval is followed at once by the next.
    """
    done = 0
    while cycles is None or done < cycles:
        started = clock()
        report(cycle())
        done += 1
        if cycles is not None and done >= cycles:
            break
        remaining = interval - (clock() - started)
        if remaining > 0:
            sleep(remaining)
    return done
