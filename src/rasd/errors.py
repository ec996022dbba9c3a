"""rasd's domain exceptions, in one place.

Library code raises these; only the edges (the CLI, the HTTP API) turn them
into exit codes or HTTP responses. Per-document problems are not raised out
of a batch: they become :class:`rasd.models.Failure` records with the
exception's message as the reason.
"""

from __future__ import annotations


class RasdError(Exception):
    """Base of every error rasd raises on purpose."""


class InputError(RasdError):
    """An input (file, record, page) cannot be read as an article.

    The message is the one-line reason shown in the run summary and stored in
    the ``failures`` table, so it must say what is wrong in words a user can
    act on ("empty file", "not valid UTF-16", "truncated gzip stream").
    """


class EncodingError(InputError):
    """Bytes that decode under none of the supported encodings."""


class CleanError(RasdError):
    """Cleaning produced nothing usable (e.g. the article is all site chrome)."""


class StoreError(RasdError):
    """The store cannot be opened, migrated or written."""


class StoreURLError(StoreError):
    """A ``--db`` URL rasd does not understand."""


class NotFoundError(RasdError):
    """A document, event or place that was asked for by id does not exist."""


class GazetteerError(RasdError):
    """The gazetteer data is missing or malformed."""


class ExtractError(RasdError):
    """Extraction failed on one document."""


class DocumentTooLongError(ExtractError):
    """A document longer than the extraction limit (``Extractor.max_chars``)."""


class EvalError(RasdError):
    """A gold or prediction file for ``rasd eval`` is malformed."""


class MergeError(RasdError):
    """Merge reference data (``data/merge_*.tsv``) is malformed."""


class FetchError(RasdError):
    """Fetching a feed or page failed (network, HTTP status, size, type)."""


class ExportError(RasdError):
    """An export cannot be written (an optional extra it needs is not installed)."""


class StageError(RasdError):
    """A pipeline stage failed as a whole; names the stage."""

    def __init__(self, stage: str, message: str) -> None:
        super().__init__(f"stage '{stage}' failed: {message}")
        self.stage = stage


def failure_reason(exc: BaseException, *, limit: int = 300) -> str:
    """The one-line reason recorded for an input or document that raised ``exc``.

    rasd's own errors carry a reason written for users; anything else is a
    bug met on this input, named as an internal error with its type, so the
    failure row says what broke without a traceback.
    """
    text = " ".join(str(exc).split())
    if isinstance(exc, RasdError):
        reason = text or type(exc).__name__
    else:
        reason = f"internal error: {type(exc).__name__}" + (f": {text}" if text else "")
    return reason if len(reason) <= limit else reason[: limit - 1] + "…"
