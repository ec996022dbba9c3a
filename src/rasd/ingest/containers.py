"""Streaming readers for files that hold many articles: JSON Lines and WARC.

Both stream: one line or one record is in memory at a time, so a corpus of
any size ingests in constant memory. ``max_bytes`` limits each line or
record rather than the file, since a container is never read whole.

A damaged record becomes a :class:`Failure` naming ``path#line=N`` or
``path#record=N`` and the rest of the file continues; a damaged stream
(truncated gzip, cut-off WARC) keeps what was read and ends with one Failure
for the file.
"""

from __future__ import annotations

import gzip
import io
import json
import logging
import zlib
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

from rasd.errors import InputError, failure_reason
from rasd.ingest.decode import charset_from_content_type
from rasd.ingest.docs import (
    document_from_html,
    guess_title,
    name_from_url,
    normalise_text,
    path_text,
    text_document,
)
from rasd.ingest.htmltext import parse_day
from rasd.models import Document, Failure, content_id

STAGE = "ingest"
# warcio logs repairs of damaged headers ("Replacing spaces in invalid WARC-Target-URI")
# at WARNING; with no handler, Python's last resort prints them on the user's terminal.
# rasd reports damage as the record's failure; an application that configures
# logging still receives these records through the root logger.
logging.getLogger("warcio").addHandler(logging.NullHandler())
_CHUNK = 1 << 16
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def iter_jsonl(
    path: Path, *, compressed: bool, source: str | None, max_bytes: int
) -> Iterator[Document | Failure]:
    """One Document (or Failure) per non-blank line of a JSON Lines file."""
    where = path_text(path)
    lineno = records = 0
    try:
        with open_lines(path, compressed) as fh:
            while True:
                line = fh.readline(max_bytes + 1)
                if not line:
                    break
                lineno += 1
                origin = f"{where}#line={lineno}"
                if len(line) > max_bytes and not line.endswith(b"\n"):
                    skip_rest_of_line(fh)
                    records += 1  # a record, refused: the file is not "without JSON lines"
                    yield Failure(origin, STAGE, f"line is over the {megabytes(max_bytes)} limit")
                    continue
                if lineno == 1 and line.startswith((b"\xff\xfe", b"\xfe\xff")):
                    yield Failure(where, STAGE, "JSON Lines file is UTF-16; it must be UTF-8")
                    return
                if not line.strip():
                    continue
                records += 1
                yield jsonl_record(line, lineno=lineno, path=path, source=source)
    except EOFError:
        yield Failure(where, STAGE, f"truncated gzip stream: the data ends after line {lineno}")
        return
    except (gzip.BadGzipFile, zlib.error) as exc:
        yield Failure(where, STAGE, f"corrupt gzip stream after line {lineno}: {exc}")
        return
    if records == 0:
        yield Failure(where, STAGE, "no JSON lines in the file")


_Lines = gzip.GzipFile | io.BufferedReader


def open_lines(path: Path, compressed: bool) -> _Lines:
    if compressed:
        return gzip.open(path, "rb")
    return path.open("rb")


def skip_rest_of_line(fh: _Lines) -> None:
    while True:
        chunk = fh.readline(_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def jsonl_record(
    line: bytes, *, lineno: int, path: Path, source: str | None
) -> Document | Failure:
    origin = f"{path_text(path)}#line={lineno}"
    try:
        record = json.loads(line.removeprefix(b"\xef\xbb\xbf"))
    except UnicodeDecodeError:
        return Failure(origin, STAGE, "line is not valid UTF-8 (JSON Lines must be UTF-8)")
    except json.JSONDecodeError as exc:
        cut = "" if line.endswith(b"\n") else " (last line: is the file cut off?)"
        return Failure(origin, STAGE, f"malformed JSON: {exc.msg} at column {exc.colno}{cut}")
    except (ValueError, RecursionError) as exc:  # huge integers, absurd nesting
        return Failure(origin, STAGE, f"malformed JSON: {type(exc).__name__}: {exc}")
    if not isinstance(record, dict):
        return Failure(origin, STAGE, f"JSON line is a {_json_kind(record)}, not an object")
    try:
        return record_document(
            record, origin=origin, source=source, fallback_name=f"{path_text(path.stem)}-{lineno}"
        )
    except InputError as exc:
        return Failure(origin, STAGE, str(exc))
    except Exception as exc:  # a record that breaks a parser fails alone
        return Failure(origin, STAGE, failure_reason(exc))


def record_document(
    record: dict[str, Any], *, origin: str, source: str | None, fallback_name: str
) -> Document:
    """A document from one article record (``id, url, source, title, published, text|html``).

    The record's own ``source`` wins; the ``source`` option fills it in when
    missing. A record whose ``text`` is blank keeps its headline as text; one
    with neither is kept as an empty document (its URL, outlet and date are
    what is left of the article, e.g. to fetch it again), with an id from the
    whole record, since an empty text would give every such record one id.
    """
    if "text" not in record and "html" not in record:
        raise InputError("record has neither a 'text' nor an 'html' field")
    text = _str_field(record, "text")
    html = _str_field(record, "html")
    url = _str_field(record, "url") or None
    title = _str_field(record, "title").strip() or None
    rec_id = record.get("id")
    if rec_id is not None and not isinstance(rec_id, str | int):
        raise InputError(f"'id' must be a string or a number, not a {_json_kind(rec_id)}")
    name = str(rec_id).strip() if rec_id is not None and str(rec_id).strip() else None
    published = parse_published(record.get("published"))
    src = _str_field(record, "source").strip() or source
    if not text.strip() and html.strip():
        return document_from_html(
            html,
            url=url,
            source=src,
            published=published,
            name=name or name_from_url(url) or fallback_name,
            origin=origin,
        )
    body = normalise_text(text) or (title or "")
    doc = text_document(
        raw=text,
        body=body,
        name=name or name_from_url(url) or fallback_name,
        origin=origin,
        source=src,
        url=url,
        title=title or guess_title(body),
        published=published,
        encoding="utf-8",
    )
    if body.strip():
        return doc
    record_text = json.dumps(record, ensure_ascii=False, sort_keys=True)
    return replace(doc, id=content_id(f"empty record {record_text}"), raw=record_text, text="")


def _str_field(record: dict[str, Any], key: str) -> str:
    value = record.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(f"'{key}' must be a string, not a {_json_kind(value)}")
    return value


def parse_published(value: object) -> date | None:
    """A record's publication day: ISO date or datetime (the day as written), or epoch seconds."""
    if value is None or value == "":
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(float(value), tz=UTC).date()
        except (OverflowError, OSError, ValueError):
            pass
    elif isinstance(value, str):
        day = parse_day(value.replace("/", "-"))
        if day is not None:
            return day
    raise InputError(
        f"unreadable 'published' date {value!r} (expected YYYY-MM-DD or an ISO 8601 datetime)"
    )


def _json_kind(value: object) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean"}.get(
        type(value), "number" if isinstance(value, int | float) else "null"
    )


def megabytes(n: int) -> str:
    mib = n / (1024 * 1024)
    return f"{mib:.1f} MB" if mib >= 0.1 else f"{n:,}-byte"


class _GzipGuard:
    """A gzip stream for warcio that ends quietly on damage and remembers why.

    warcio reads a cut-off gzip member as a clean end of file; decompressing
    here instead lets the reader tell a truncated archive from a complete one.
    """

    def __init__(self, raw: IO[bytes]) -> None:
        self._gz = gzip.GzipFile(fileobj=raw)
        self.error: str | None = None

    def read(self, size: int = -1) -> bytes:
        if self.error is not None:
            return b""
        try:
            # read1, not read: read() would drop the chunk it was filling when the data ends
            return self._gz.read1(size)
        except EOFError:
            self.error = "truncated gzip stream"
        except (gzip.BadGzipFile, zlib.error, OSError) as exc:
            self.error = f"corrupt gzip stream ({exc})"
        return b""


def iter_warc(path: Path, *, source: str | None, max_bytes: int) -> Iterator[Document | Failure]:
    """One Document (or Failure) per HTML response record of a WARC file.

    Records that are not HTML pages (requests, metadata, images, redirects,
    error pages) are not articles and are skipped silently. ``WARC-Date`` is
    the crawl date, never the publication date: the page's metadata gives that.
    """
    from warcio.archiveiterator import ArchiveIterator

    where = path_text(path)
    count = 0
    damage: str | None = None
    with path.open("rb") as raw:
        guard = _GzipGuard(raw) if raw.read(2) == b"\x1f\x8b" else None
        raw.seek(0)
        records = ArchiveIterator(guard if guard is not None else raw)
        # warcio writes a multi-line warning to stderr for a record whose length is
        # off; it is counted instead (err_count) and reported as the file's failure.
        records.INC_RECORD = ""
        try:
            for record in records:
                count += 1
                if record.format != "warc":
                    # warcio reads any text as an old ARC record; rasd reads WARC only.
                    what = "not a WARC file" if count == 1 else "truncated or corrupt WARC"
                    yield Failure(where, STAGE, f"{what}: record {count} is not a WARC record "
                                                "(ARC format or plain text)")
                    return
                result, truncated = _warc_record(
                    record, origin=f"{where}#record={count}", source=source, max_bytes=max_bytes
                )
                if result is not None:
                    yield result
                if truncated:
                    damage = f"the file ends inside record {count}"
                    break
        # warcio reports a damaged header with whatever its parser tripped on
        except Exception as exc:
            if count == 0 and type(exc).__name__ == "ArchiveLoadFailed":
                yield Failure(where, STAGE, "not a WARC file: it does not start with a WARC record")
                return
            damage = _unreadable(exc, count + 1)
    if damage is None and records.err_count:
        damage = (f"{records.err_count} record(s) not followed by a blank line "
                  "(a wrong Content-Length?)")
    if guard is not None and guard.error is not None:
        damage = f"{guard.error} ({damage or f'after record {count}'})"
    if damage is not None:
        yield Failure(where, STAGE, f"truncated or corrupt WARC: {damage}")
    elif count == 0:
        yield Failure(where, STAGE, "no WARC records in the file")


def _unreadable(exc: Exception, number: int) -> str:
    """Why record ``number`` cannot be read, in words (never the parser's raw bytes)."""
    if type(exc).__name__ == "ArchiveLoadFailed":
        first = str(exc).partition("first line:")[2].strip()
        shown = "".join(c if c.isprintable() else "?" for c in first)[:40]
        found = f" (it starts with {shown!r})" if shown else ""
        return f"record {number} has no valid WARC header{found}"
    if isinstance(exc, AttributeError | TypeError | KeyError):
        # warcio trips over a field it needs that the damage removed (e.g. a
        # response without WARC-Target-URI): name the damage, not the slip
        return (f"record {number} has a damaged WARC header (a required field such as "
                "WARC-Target-URI or Content-Length is missing or garbled)")
    detail = " ".join(str(exc).split())[:120] or type(exc).__name__
    return f"record {number} is damaged ({detail})"


def _warc_record(
    record: Any, *, origin: str, source: str | None, max_bytes: int
) -> tuple[Document | Failure | None, bool]:
    """The document in one record, or None if it is not an article; and whether it is cut off."""
    if not record.rec_type:
        _drain(record.content_stream())
        if _cut_off(record):  # a header cut short by the end of the file, not a bad record
            return None, True
        return Failure(origin, STAGE, "WARC record without a WARC-Type header"), False
    content_type = _record_content_type(record)
    is_page = (
        record.rec_type in ("response", "resource")
        and content_type is not None
        and any(t in content_type.lower() for t in _HTML_TYPES)
    )
    status = record.http_headers.get_statuscode() if record.http_headers else "200"
    stream = record.content_stream()
    if not is_page or not str(status).startswith("2"):
        _drain(stream)
        return None, _cut_off(record)
    payload = stream.read(max_bytes + 1)
    if len(payload) > max_bytes:
        _drain(stream)
        return Failure(
            origin, STAGE, f"record payload is over the {megabytes(max_bytes)} limit"
        ), _cut_off(record)
    if _cut_off(record):
        return None, True
    url = record.rec_headers.get_header("WARC-Target-URI")
    record_id = (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>")
    try:
        doc = document_from_html(
            payload,
            url=url,
            source=source,
            name=name_from_url(url) or record_id.removeprefix("urn:uuid:") or None,
            origin=origin,
            encoding=charset_from_content_type(content_type),
        )
    except InputError as exc:
        return Failure(origin, STAGE, str(exc)), False
    except Exception as exc:  # a page that breaks a parser fails alone
        return Failure(origin, STAGE, failure_reason(exc)), False
    return doc, False


def _drain(stream: Any) -> None:
    while stream.read(_CHUNK):
        pass


def _record_content_type(record: Any) -> str | None:
    if record.http_headers is not None:
        value = record.http_headers.get_header("Content-Type")
    else:
        value = record.rec_headers.get_header("Content-Type")
    return str(value) if value else None


def _cut_off(record: Any) -> bool:
    # warcio's LimitReader counts down the declared Content-Length; bytes left
    # after the payload is drained mean the file ended inside the record, and
    # no Content-Length at all means it ended inside the header
    if record.length is None:
        return True
    return int(getattr(record.raw_stream, "limit", 0) or 0) > 0
