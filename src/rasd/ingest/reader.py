"""The ingest stage: files and folders in, :class:`Document` or :class:`Failure` out.

What each kind of file becomes:

- ``.txt`` (also ``.text``): one article; the first substantial line is the
  title; ``raw`` is the decoded text. Encoding is detected (:mod:`rasd.ingest.decode`).
- ``.html`` / ``.htm`` / ``.xhtml``: one article; main text, title and date
  from the page (:mod:`rasd.ingest.htmltext`); ``raw`` is the decoded HTML.
- ``.jsonl`` / ``.ndjson`` (optionally ``.gz``): one article a line, streamed.
- ``.warc`` / ``.warc.gz``: one article per HTML response record, streamed.

``source`` is the option's value for text and HTML files (``None`` when not
given: a folder name is too often "downloads" to be trusted as an outlet);
records of JSONL files carry their own and the option only fills gaps.

Every problem with one input is a Failure with a one-line reason and the
batch goes on. Folders are walked recursively in name order so two runs
yield the same sequence; hidden files and folders are skipped.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from rasd.errors import InputError, failure_reason
from rasd.ingest.containers import iter_jsonl, iter_warc
from rasd.ingest.decode import decode_bytes, sniff_html_charset
from rasd.ingest.docs import document_from_html, document_from_text, path_text
from rasd.models import Document, Failure

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "document_from_html",
    "document_from_text",
    "iter_inputs",
]

STAGE = "ingest"
DEFAULT_MAX_BYTES = 50 * 1024 * 1024

# Longest first, so ".jsonl.gz" is not taken for a plain gzip file.
_KINDS: tuple[tuple[str, str], ...] = (
    (".jsonl.gz", "jsonl.gz"),
    (".ndjson.gz", "jsonl.gz"),
    (".warc.gz", "warc"),
    (".jsonl", "jsonl"),
    (".ndjson", "jsonl"),
    (".warc", "warc"),
    (".html", "html"),
    (".htm", "html"),
    (".xhtml", "html"),
    (".txt", "text"),
    (".text", "text"),
)
SUPPORTED_SUFFIXES = tuple(suffix for suffix, _ in _KINDS)
_SHOWN = ".txt, .html, .htm, .jsonl, .jsonl.gz, .warc, .warc.gz"


def iter_inputs(
    paths: Iterable[str | Path],
    *,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document | Failure]:
    """Every article in ``paths`` (files or folders), as Documents, and a Failure per problem.

    ``max_bytes`` caps a text or HTML file (larger ones are refused without
    being read) and each line or record of a JSONL or WARC file.
    """
    for path, info in input_files(paths):
        if isinstance(info, OSError):
            yield Failure(path_text(path), STAGE, os_reason(info))
        else:
            yield from _guarded(
                path_text(path), _ingest_file(path, info, source=source, max_bytes=max_bytes)
            )


def _guarded(where: str, items: Iterator[Document | Failure]) -> Iterator[Document | Failure]:
    """A file's items; an unexpected error while reading it ends that file with a
    Failure naming the error, and the batch goes on with the next file."""
    try:
        yield from items
    except Exception as exc:  # one input must never stop a batch
        yield Failure(where, STAGE, failure_reason(exc))


def input_files(paths: Iterable[str | Path]) -> Iterator[tuple[Path, os.stat_result | OSError]]:
    """Every file of ``paths`` in the order rasd reads them, with its stat or why it has none.

    Folders are walked in name order, hidden entries skipped, links to files
    followed and links to folders not (cycles). A folder that cannot be
    listed comes out itself, with its error. The Dask runner partitions
    inputs in this same order.
    """
    for given in paths:
        path = Path(given)
        try:
            info = path.stat()
        except OSError as exc:
            yield path, exc
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(path)
        else:
            yield path, info


def _walk(folder: Path) -> Iterator[tuple[Path, os.stat_result | OSError]]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield folder, exc
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(path)
                continue
            if entry.is_symlink() and path.is_dir():
                continue
            info = path.stat()
        except OSError as exc:
            yield path, exc
            continue
        yield path, info


def _ingest_file(
    path: Path, info: os.stat_result, *, source: str | None, max_bytes: int
) -> Iterator[Document | Failure]:
    where = path_text(path)
    kind = file_kind(path)
    if kind is None:
        suffix = "".join(path.suffixes[-2:]) or "(none)"
        yield Failure(
            where,
            STAGE,
            f"unsupported file type '{suffix}' (rasd reads {_SHOWN})",
        )
        return
    if not stat.S_ISREG(info.st_mode):
        yield Failure(where, STAGE, "not a regular file")
        return
    if info.st_size == 0:
        yield Failure(where, STAGE, "empty file")
        return
    try:
        if kind in ("jsonl", "jsonl.gz"):
            yield from iter_jsonl(
                path, compressed=kind == "jsonl.gz", source=source, max_bytes=max_bytes
            )
        elif kind == "warc":
            yield from iter_warc(path, source=source, max_bytes=max_bytes)
        elif info.st_size > max_bytes:
            yield Failure(
                where,
                STAGE,
                f"file is {_size(info.st_size)}, over the {_size(max_bytes)} limit",
            )
        else:
            yield _single(path, kind, source=source)
    except OSError as exc:
        # a file that vanished or became unreadable between the walk and the read
        yield Failure(where, STAGE, os_reason(exc))


def _single(path: Path, kind: str, *, source: str | None) -> Document | Failure:
    where = path_text(path)
    try:
        data = path.read_bytes()
        if kind == "html":
            text, encoding = decode_bytes(data, declared=sniff_html_charset(data))
            if not text.strip():
                return Failure(where, STAGE, "empty file (only whitespace)")
            return document_from_html(
                text, source=source, name=path_text(path.stem), origin=where, encoding=encoding
            )
        text, encoding = decode_bytes(data)
        if not text.strip():
            return Failure(where, STAGE, "empty file (only whitespace)")
        return document_from_text(
            text, name=path_text(path.stem), origin=where, source=source, encoding=encoding
        )
    except InputError as exc:
        return Failure(where, STAGE, str(exc))


def file_kind(path: Path) -> str | None:
    """What rasd reads ``path`` as ("text", "html", "jsonl", "jsonl.gz", "warc"), by name."""
    name = path.name.lower()
    for suffix, kind in _KINDS:
        if name.endswith(suffix) and len(name) > len(suffix):
            return kind
    return None


def os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return f"cannot read: {exc.strerror or exc}"


def _size(n: int) -> str:
    mib = n / (1024 * 1024)
    return f"{mib:.1f} MB" if mib >= 0.1 else f"{n:,} bytes"
