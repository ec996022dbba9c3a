"""A polite HTTP client for feeds and article pages.

Politeness is the point of this module: robots.txt is read once per site and
obeyed (its Crawl-delay too, within a cap), requests to one host are spaced
by a minimum interval, the User-Agent says what is asking, feeds are fetched
conditionally (ETag, Last-Modified), and 5xx answers and timeouts are retried
a few times with exponential backoff rather than hammered.

Everything that can go wrong becomes a :class:`FetchFailed` with a one-line
reason and a ``retryable`` verdict, which the watcher stores per URL. The HTTP
client, the clock and ``sleep`` are passed in so tests can swap them.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Literal
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from rasd.errors import FetchError

Accept = Literal["html", "feed"]
FailureKind = Literal[
    "dns", "connect", "timeout", "network", "http", "too_large", "not_html", "robots",
    "redirect",
]

DEFAULT_USER_AGENT = "rasd/0.1.0 (Arabic conflict-event news monitor; obeys robots.txt)"

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
# Answers worth asking again: server trouble, rate limiting, a request timeout.
_RETRY_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309: parse at least 500 KiB; more is ignored


class FetchFailed(FetchError):
    """A fetch that failed; ``retryable`` says whether asking again later may help."""

    def __init__(self, reason: str, *, kind: FailureKind, retryable: bool,
                 status: int | None = None, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind = kind
        self.retryable = retryable
        self.status = status
        self.retry_after = retry_after


@dataclass(frozen=True, slots=True)
class FetchConfig:
    """How politely and how far to fetch. Times in seconds, sizes in bytes."""

    user_agent: str = DEFAULT_USER_AGENT
    min_interval: float = 1.0  # between two requests to one host
    timeout: float = 20.0  # connect, and between two bytes
    total_timeout: float = 60.0  # a whole download, so a trickling server cannot hold us
    max_bytes: int = 5 * 1024 * 1024  # an article page
    max_feed_bytes: int = 50 * 1024 * 1024  # a feed: sitemaps may be 50 MB (sitemaps.org)
    max_redirects: int = 5
    retries: int = 2  # extra attempts after a 5xx or a timeout
    backoff: float = 2.0  # first retry delay, doubled each time
    max_backoff: float = 60.0
    max_crawl_delay: float = 30.0  # a robots.txt Crawl-delay above this is capped
    robots_ttl: float = 24 * 3600.0  # RFC 9309: a cached robots.txt is good for a day
    robots_failure_ttl: float = 300.0  # an unreachable site is asked again after this


@dataclass(frozen=True, slots=True)
class FetchResult:
    """A successful fetch (``status`` 200-ish) or a conditional-GET hit (304)."""

    url: str
    final_url: str
    status: int
    content: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True, slots=True)
class _Raw:
    status: int
    headers: httpx.Headers
    content: bytes


def make_client(config: FetchConfig = FetchConfig(), *, trust_env: bool = True) -> httpx.Client:
    """An httpx client set up for :class:`Fetcher` (redirects are followed by the Fetcher)."""
    return httpx.Client(
        headers={"User-Agent": config.user_agent},
        timeout=httpx.Timeout(config.timeout),
        follow_redirects=False,
        trust_env=trust_env,
    )


def host_key(url: str) -> str:
    """What the rate limit counts per: the host name (ports of one host share it)."""
    return (urlsplit(url).hostname or "").lower()


class HostRateLimiter:
    """Spaces the starts of requests to one host by at least an interval."""

    def __init__(self, min_interval: float, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.min_interval = min_interval
        self._clock = clock
        self._sleep = sleep
        self._next: dict[str, float] = {}
        self._interval: dict[str, float] = {}

    def set_interval(self, host: str, seconds: float) -> None:
        """A host's own interval (from its Crawl-delay); never below the default."""
        self._interval[host] = max(self.min_interval, seconds)

    def wait(self, host: str) -> float:
        """Block until a request to ``host`` may start; returns the seconds waited."""
        now = self._clock()
        due = self._next.get(host, now)
        waited = 0.0
        if due > now:
            waited = due - now
            self._sleep(waited)
            now = max(self._clock(), due)
        self._next[host] = now + self._interval.get(host, self.min_interval)
        return waited


class Fetcher:
    """Fetches URLs politely through one httpx client."""

    def __init__(self, client: httpx.Client, *, config: FetchConfig = FetchConfig(),
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.client = client
        self.config = config
        self._clock = clock
        self._sleep = sleep
        self.limiter = HostRateLimiter(config.min_interval, clock=clock, sleep=sleep)
        # Per site (scheme://netloc): when its rules expire, and the rules or the
        # failure that made them unknown.
        self._robots: dict[str, tuple[float, RobotFileParser | FetchFailed]] = {}
        self.requests = 0

    # -- public --------------------------------------------------------
    def fetch(self, url: str, *, accept: Accept = "html", etag: str | None = None,
              last_modified: str | None = None) -> FetchResult:
        """GET ``url``, following redirects within limits; raises :class:`FetchFailed`."""
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept == "html":
            headers["Accept"] = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
        else:
            headers["Accept"] = ("application/rss+xml,application/atom+xml,application/xml;"
                                 "q=0.9,text/xml;q=0.9,*/*;q=0.1")
        seen = [url]
        current = url
        for _hop in range(self.config.max_redirects + 1):
            self._check_robots(current)
            raw = self._get_with_retries(current, headers, accept=accept)
            if raw.status in _REDIRECTS:
                current = self._redirect_target(current, raw, seen)
                seen.append(current)
                continue
            return FetchResult(
                url=url, final_url=current, status=raw.status, content=raw.content,
                content_type=raw.headers.get("content-type"),
                etag=raw.headers.get("etag") or (etag if raw.status == 304 else None),
                last_modified=raw.headers.get("last-modified")
                or (last_modified if raw.status == 304 else None),
            )
        raise FetchFailed(f"too many redirects (more than {self.config.max_redirects})",
                          kind="redirect", retryable=False)

    # -- redirects -----------------------------------------------------
    def _redirect_target(self, current: str, raw: _Raw, seen: list[str]) -> str:
        location = raw.headers.get("location")
        if not location:
            raise FetchFailed(f"HTTP {raw.status} redirect without a Location",
                              kind="redirect", retryable=False, status=raw.status)
        target = urljoin(current, str(location).strip())
        if urlsplit(target).scheme not in ("http", "https"):
            raise FetchFailed(f"redirect to a non-HTTP URL: {target}", kind="redirect",
                              retryable=False)
        if target in seen:
            raise FetchFailed(f"redirect loop: {' -> '.join([*seen, target])}",
                              kind="redirect", retryable=False)
        return target

    # -- robots.txt ----------------------------------------------------
    def _check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        cached = self._robots.get(site)
        if cached is None or cached[0] <= self._clock():
            rules = self._load_robots(site)
            ttl = (self.config.robots_failure_ttl if isinstance(rules, FetchFailed)
                   else self.config.robots_ttl)
            cached = (self._clock() + ttl, rules)
            self._robots[site] = cached
        rules = cached[1]
        if isinstance(rules, FetchFailed):
            raise FetchFailed(rules.reason, kind=rules.kind, retryable=True, status=rules.status)
        if not rules.can_fetch(self.config.user_agent, url):
            raise FetchFailed("disallowed by robots.txt", kind="robots", retryable=False)

    def _load_robots(self, site: str) -> RobotFileParser | FetchFailed:
        """Read a site's robots.txt as RFC 9309 says.

        Found: obey it. 4xx: no rules, everything allowed. 5xx, 429 or
        unreachable: assume everything disallowed for now; the failure is kept
        for ``robots_failure_ttl`` so a dead site costs one timeout, not one per
        article.
        """
        url = f"{site}/robots.txt"
        rules = RobotFileParser(url)
        try:
            for _hop in range(5):
                # Truncated, never refused, past the size limit: the rules come first.
                raw = self._get_with_retries(url, {}, accept="feed", limit=_ROBOTS_MAX_BYTES)
                location = raw.headers.get("location")
                if raw.status not in _REDIRECTS or not location:
                    break
                url = urljoin(url, location)
        except FetchFailed as exc:
            if exc.kind == "http" and exc.status is not None and exc.status < 500 and (
                    exc.status != 429):
                rules.parse([])  # no rules: everything allowed
                return rules
            return FetchFailed(f"robots.txt unavailable, site skipped: {exc.reason}",
                               kind=exc.kind, retryable=True, status=exc.status)
        if raw.status >= 300:  # still redirecting after five hops: treated as absent
            rules.parse([])  # no rules: everything allowed
            return rules
        text = raw.content.decode("utf-8", errors="replace")
        rules.parse(text.splitlines())
        delay = rules.crawl_delay(self.config.user_agent)
        if delay is not None:
            host = host_key(site)
            self.limiter.set_interval(host, min(float(delay), self.config.max_crawl_delay))
        return rules

    # -- one URL -------------------------------------------------------
    def _get_with_retries(self, url: str, headers: Mapping[str, str], *, accept: Accept,
                          limit: int | None = None) -> _Raw:
        attempt = 0
        while True:
            try:
                return self._get_once(url, headers, accept=accept, limit=limit)
            except FetchFailed as exc:
                if not exc.retryable or exc.kind == "dns" or attempt >= self.config.retries:
                    raise
                delay = min(self.config.backoff * 2**attempt, self.config.max_backoff)
                if exc.retry_after is not None:
                    if exc.retry_after > self.config.max_backoff:
                        raise  # the server asks for a longer pause than one fetch may take
                    delay = max(delay, exc.retry_after)
                self._sleep(delay)
                attempt += 1

    def _get_once(self, url: str, headers: Mapping[str, str], *, accept: Accept,
                  limit: int | None) -> _Raw:
        self.limiter.wait(host_key(url))
        self.requests += 1
        try:
            with self.client.stream("GET", url, headers=dict(headers),
                                    follow_redirects=False) as resp:
                status = resp.status_code
                if status in _REDIRECTS or status == 304:
                    return _Raw(status, resp.headers, b"")
                if status >= 400:
                    raise FetchFailed(
                        f"HTTP {status} {resp.reason_phrase}".strip(), kind="http",
                        retryable=status in _RETRY_STATUS or status >= 500, status=status,
                        retry_after=_retry_after(resp.headers.get("retry-after")),
                    )
                if accept == "html":
                    _check_html_type(resp.headers.get("content-type"))
                max_bytes = self.config.max_bytes if accept == "html" else (
                    self.config.max_feed_bytes)
                body = self._read_body(resp, max_bytes=max_bytes, truncate_at=limit)
                return _Raw(status, resp.headers, body)
        except httpx.TimeoutException as exc:
            raise FetchFailed(f"timed out ({type(exc).__name__})", kind="timeout",
                              retryable=True) from None
        except httpx.ConnectError as exc:
            if _is_dns_error(exc):
                raise FetchFailed(f"DNS lookup failed for {urlsplit(url).hostname}: {exc}",
                                  kind="dns", retryable=True) from None
            raise FetchFailed(f"cannot connect: {exc}", kind="connect",
                              retryable=True) from None
        except httpx.HTTPError as exc:
            raise FetchFailed(f"network error: {type(exc).__name__}: {exc}", kind="network",
                              retryable=True) from None

    def _read_body(self, resp: httpx.Response, *, max_bytes: int,
                   truncate_at: int | None) -> bytes:
        max_bytes = truncate_at or max_bytes
        declared = resp.headers.get("content-length", "")
        if truncate_at is None and declared.isdigit() and int(declared) > max_bytes:
            raise FetchFailed(f"too large: {declared} bytes declared (limit {max_bytes})",
                              kind="too_large", retryable=False)
        deadline = self._clock() + self.config.total_timeout
        buf = bytearray()
        # Counted after decompression, so a small gzip bomb is stopped as well.
        for chunk in resp.iter_bytes():
            buf += chunk
            if len(buf) > max_bytes:
                if truncate_at is not None:
                    return bytes(buf[:truncate_at])
                raise FetchFailed(f"too large: more than {max_bytes} bytes", kind="too_large",
                                  retryable=False)
            if self._clock() > deadline:
                raise FetchFailed(
                    f"timed out: download took over {self.config.total_timeout:g}s",
                    kind="timeout", retryable=True)
        return bytes(buf)


def _check_html_type(content_type: str | None) -> None:
    """Refuse what is declared as something other than a web page before downloading it."""
    if not content_type:
        return  # undeclared: the decoder and extractor decide
    mime = content_type.split(";", 1)[0].strip().lower()
    if mime in _HTML_TYPES or mime in ("", "application/octet-stream"):
        return
    raise FetchFailed(f"not an HTML page (content type {mime})", kind="not_html",
                      retryable=False)


def _retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After asks for: a number, or an HTTP date (RFC 9110 allows both)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None  # unreadable: the usual backoff applies
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _is_dns_error(exc: BaseException) -> bool:
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        if isinstance(cur, socket.gaierror):
            return True
        cur = cur.__cause__ or cur.__context__
    text = str(exc).lower()
    return "name or service not known" in text or "name resolution" in text or (
        "nodename nor servname" in text)
