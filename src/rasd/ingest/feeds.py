"""Feed lists and feed documents: what ``rasd watch`` monitors and what it finds there.

Pure functions over text and bytes; fetching lives in :mod:`rasd.ingest.fetch` and
the loop in :mod:`rasd.pipeline.watch`.

* A feed list is a plain file, one feed per line: a URL, then optionally the
  outlet's name (the ``source`` of every article found through that feed).
* A feed is RSS or Atom (parsed by feedparser, which is lenient and reads
  most broken feeds), or an XML sitemap, news sitemap or sitemap index
  (parsed here with the standard library, refusing DTDs so no entity tricks
  get through).
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

from rasd.errors import InputError

FeedKind = Literal["rss", "atom", "sitemap", "sitemapindex"]

# A sitemap may list 50,000 URLs and be 50 MB uncompressed (sitemaps.org); a
# gzipped one is refused beyond that so a small download cannot expand unbounded.
MAX_SITEMAP_BYTES = 50 * 1024 * 1024

# A comment starts a line or follows whitespace; a "#" inside a URL is a fragment.
_COMMENT = re.compile(r"(?:^|\s)#")
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S)


class MalformedFeedError(InputError):
    """A feed that is neither readable RSS/Atom nor a sitemap."""


@dataclass(frozen=True, slots=True)
class FeedSpec:
    """One line of a feed list."""

    url: str
    source: str | None = None


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """An article a feed points to; ``published`` is the date the feed gives, if any."""

    url: str
    published: date | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    kind: FeedKind
    entries: tuple[FeedEntry, ...] = ()
    sitemaps: tuple[str, ...] = ()  # child sitemaps of a sitemap index
    title: str | None = None


# -- feed lists ----------------------------------------------------------------


def parse_feed_list(text: str, *, origin: str = "feeds") -> list[FeedSpec]:
    """Parse a feed list: ``URL [source name]`` per line; ``#`` starts a comment.

    The source name is the rest of the line after the URL (it may contain
    spaces, Arabic names often do). A URL listed twice keeps its first line.
    Raises :class:`InputError` naming the line of anything that is not an
    http(s) URL, so a typo is caught before a long-running watch starts.
    """
    specs: dict[str, FeedSpec] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _COMMENT.split(raw, maxsplit=1)[0].strip()
        if not line:
            continue
        url, _, rest = line.replace("\t", " ").partition(" ")
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise InputError(f"{origin}#line={number}: not an http(s) URL: {url!r}")
        source = rest.strip() or None
        specs.setdefault(url, FeedSpec(url=url, source=source))
    return list(specs.values())


def read_feed_list(path: str | Path) -> list[FeedSpec]:
    """Read a feed list file (UTF-8)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read feed list {p}: {exc}") from exc
    specs = parse_feed_list(text, origin=str(p))
    if not specs:
        raise InputError(f"feed list {p} lists no feeds")
    return specs


def source_for(spec: FeedSpec) -> str:
    """The source name of a feed's articles: its given name, else its host."""
    return spec.source or (urlsplit(spec.url).hostname or spec.url)


# -- feed documents --------------------------------------------------------------


def parse_feed(data: bytes, *, url: str, content_type: str | None = None) -> ParsedFeed:
    """Parse a fetched feed: RSS, Atom, sitemap or sitemap index.

    Entry URLs are made absolute against ``url`` and de-duplicated, keeping
    feed order. Raises :class:`MalformedFeedError` when the bytes are no feed
    at all (an HTML page, truncated XML with no entries, garbage).
    """
    data = _maybe_gunzip(data, url=url)
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"<urlset" in head or b"<sitemapindex" in head:
        return parse_sitemap(data, url=url)
    return _parse_rss_atom(data, url=url, content_type=content_type)


def _parse_rss_atom(data: bytes, *, url: str, content_type: str | None) -> ParsedFeed:
    import feedparser

    headers = {"content-type": content_type} if content_type else {}
    # A stream, never bytes or str: feedparser would treat a string as a URL or path to open.
    result: Any = feedparser.parse(io.BytesIO(data), response_headers=headers)
    raw_entries = list(result.get("entries") or [])
    if not raw_entries:
        if _HTML_START.match(data[:4096].lstrip(b"\xef\xbb\xbf")):
            raise MalformedFeedError("not a feed: an HTML page")
        if result.get("bozo"):
            reason = result.get("bozo_exception")
            raise MalformedFeedError(f"malformed feed XML: {reason}")
        if not result.get("version"):
            raise MalformedFeedError("not a feed: neither RSS, Atom nor a sitemap")
    version = str(result.get("version") or "")
    kind: FeedKind = "atom" if version.startswith("atom") else "rss"
    entries: list[FeedEntry] = []
    for raw in raw_entries:
        link = _entry_link(raw, base=url)
        if link is None:
            continue
        entries.append(FeedEntry(url=link, published=_entry_date(raw), title=raw.get("title")))
    feed_info = result.get("feed") or {}
    return ParsedFeed(kind=kind, entries=_unique(entries), title=feed_info.get("title"))


def _entry_link(entry: Any, *, base: str) -> str | None:
    candidates = [entry.get("link")]
    # RSS <guid isPermaLink="true"> is often the only link an item carries.
    candidates.append(entry.get("id"))
    for link in candidates:
        if isinstance(link, str) and link.strip():
            absolute = urljoin(base, link.strip())
            if urlsplit(absolute).scheme in ("http", "https"):
                return absolute
    return None


def _entry_date(entry: Any) -> date | None:
    """The entry's publication date as the publisher wrote it.

    feedparser's ``*_parsed`` fields are normalised to UTC, which moves an
    article published at 01:00 in Baghdad to the previous day; the raw string
    keeps the publisher's own date, so it is read first.
    """
    for key in ("published", "updated", "created"):
        value = entry.get(key)
        if isinstance(value, str):
            parsed = parse_date_text(value)
            if parsed is not None:
                return parsed
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return date(value.tm_year, value.tm_mon, value.tm_mday)
            except (AttributeError, ValueError):
                continue
    return None


def parse_date_text(value: str) -> date | None:
    """A date from an RFC 822 (RSS) or ISO 8601/W3C (Atom, sitemaps) date string."""
    text = value.strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    if len(text) >= 10:
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


# -- sitemaps --------------------------------------------------------------------

_SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def parse_sitemap(data: bytes, *, url: str) -> ParsedFeed:
    """Parse a sitemap (``urlset``, with optional news extension) or sitemap index.

    A document type declaration is refused outright: sitemaps never need
    one, and refusing it rules out entity expansion and external entities.
    """
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        raise MalformedFeedError("sitemap with a DTD or entity declarations refused")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise MalformedFeedError(f"malformed sitemap XML: {exc}") from None
    tag = _local(root.tag)
    if tag == "sitemapindex":
        children: list[tuple[str, date | None]] = []
        for sm in root:
            loc = _text(sm, "loc") if _local(sm.tag) == "sitemap" else None
            if loc:
                children.append((urljoin(url, loc), parse_date_text(_text(sm, "lastmod") or "")))
        # Newest first, so a watcher that reads only some children reads the recent ones.
        children.sort(key=lambda c: c[1] or date.min, reverse=True)
        return ParsedFeed(kind="sitemapindex",
                          sitemaps=tuple(dict.fromkeys(loc for loc, _ in children)))
    if tag != "urlset":
        raise MalformedFeedError(f"not a sitemap: root element <{tag}>")
    entries: list[FeedEntry] = []
    for item in root:
        if _local(item.tag) != "url":
            continue
        loc = _text(item, "loc")
        if not loc:
            continue
        news = item.find(f"{_NEWS}news")
        published: date | None = None
        title: str | None = None
        if news is not None:
            published = parse_date_text(_text(news, "publication_date", ns=_NEWS) or "")
            title = _text(news, "title", ns=_NEWS)
        if published is None:
            # lastmod is when the page last changed, the best a plain sitemap offers.
            published = parse_date_text(_text(item, "lastmod") or "")
        entries.append(FeedEntry(url=urljoin(url, loc), published=published, title=title))
    return ParsedFeed(kind="sitemap", entries=_unique(entries))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(elem: ElementTree.Element, name: str, *, ns: str = _SM) -> str | None:
    # Namespaced per the spec, but sitemaps without the namespace are common too.
    child = elem.find(f"{ns}{name}")
    if child is None:
        child = elem.find(name)
    if child is None or child.text is None:
        return None
    return child.text.strip() or None


def _maybe_gunzip(data: bytes, *, url: str) -> bytes:
    """Unpack a gzipped feed (``sitemap.xml.gz``), bounded so it cannot expand without limit."""
    if not data.startswith(b"\x1f\x8b"):
        return data
    decomp = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = decomp.decompress(data, MAX_SITEMAP_BYTES + 1)
    except zlib.error as exc:
        raise MalformedFeedError(f"corrupt gzip feed {url}: {exc}") from None
    if len(out) <= MAX_SITEMAP_BYTES and not decomp.eof:
        raise MalformedFeedError(f"corrupt gzip feed {url}: truncated stream")
    if len(out) > MAX_SITEMAP_BYTES:
        raise MalformedFeedError(f"gzip feed {url} expands beyond {MAX_SITEMAP_BYTES} bytes")
    return out


def _unique(entries: Iterable[FeedEntry]) -> tuple[FeedEntry, ...]:
    seen: dict[str, FeedEntry] = {}
    for e in entries:
        seen.setdefault(e.url, e)
    return tuple(seen.values())
