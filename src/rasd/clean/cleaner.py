"""The CLEAN stage: from an article's extracted text to the text extraction reads.

A document's text is cut into lines (paragraphs, for extracted articles) and
each line is kept or removed, for one of four reasons:

- ``rule``: a site-chrome rule of ``data/chrome_patterns.txt`` matches it
  (share prompts, "show more", comment forms, credits, tracking tokens);
- ``block``: it is a "related articles" heading, or one of the short teaser
  titles listed right under such a heading;
- ``stats``: it recurs in many documents of the same source (footer,
  byline template, phone numbers), so chrome of outlets no rule knows goes too;
- ``duplicate``: it repeats an earlier paragraph (a lead repeated as a teaser
  at the end, a headline printed twice), possibly truncated.

What is kept is joined one paragraph per line pair, display-normalised
(``normalize_text``), and split into sentences. ``Document.text`` is left as
it was for display.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

from rasd.clean.chrome_rules import ChromeRules, key_of_folded, line_key, load_rules
from rasd.clean.normalize import fold_normalized, normalize_text
from rasd.clean.sentences import split_sentences
from rasd.errors import CleanError, RasdError
from rasd.models import Document, Failure

RemovalReason = Literal["rule", "block", "stats", "duplicate"]

# Statistics: a line is chrome when at least this many documents of its
# source contain it AND it is in at least this share of them. The count floor
# keeps a small source from losing a line two articles happen to share; the
# share keeps a big source from losing a line that a handful of articles on
# one story share.
STATS_MIN_DOCS = 3
STATS_MIN_SHARE = 0.05
# A line that reads like a sentence is never removed by statistics, however
# often it recurs: repeated *sentences* in one outlet are updates of the same
# story or a background paragraph the desk pastes into every report on a war
# ("the conflict has killed more than ..."), and they are body text that
# extraction needs. Boilerplate that statistics should catch is short and
# unpunctuated (bylines, outlet names, phone lines, menu labels). So: lines
# of SENTENCE_MIN_WORDS words or more, or of SENTENCE_PUNCT_MIN_WORDS words
# that end like a sentence, are protected.
SENTENCE_MIN_WORDS = 12
SENTENCE_PUNCT_MIN_WORDS = 6
# Teaser titles under a "related articles" heading are short and do not end
# with a full stop; the first line that is longer or ends with one is body
# again, and a block lists at most this many titles.
TEASER_MAX_WORDS = 18
BLOCK_MAX_LINES = 12
# A line is a truncated repeat when, minus its last (maybe cut) word, it is
# found verbatim in the text before it. Below this many characters the match
# could be a common phrase rather than a repeat.
REPEAT_MIN_CHARS = 50
# Less than this many words left means there is no article to extract from.
MIN_WORDS = 4
# A headline standing in for an all-chrome body: two words name something ("وزير الداخلية").
MIN_HEADLINE_WORDS = 2

_CLOSERS = "'\")]"


@dataclass(frozen=True)
class LineStats:
    """Per source: how many documents it has, and how many contain each line key."""

    docs: int
    counts: Mapping[str, int]


@dataclass(frozen=True)
class RemovedLine:
    line: str
    reason: RemovalReason


@dataclass(frozen=True)
class Cleaned:
    """The outcome of cleaning one text: what is kept and what was removed, in order."""

    text: str
    removed: tuple[RemovedLine, ...]


def _split_lines(normalized: str) -> list[str]:
    """Non-empty lines with inner whitespace folded (paragraph layout is rebuilt on output)."""
    out = []
    for raw in normalized.split("\n"):
        line = " ".join(raw.split())
        if line:
            out.append(line)
    return out


def _hash(folded: str) -> str:
    return hashlib.blake2b(folded.encode("utf-8"), digest_size=8).hexdigest()


def line_keys(text: str) -> set[str]:
    """Keys of a document's lines, for the per-source statistics (``Store.add_line_stats``).

    A key hashes the line's matching form, so the same footer written with
    or without tatweel, diacritics or different quotes counts as one line.
    """
    return {_hash(fold_normalized(line)) for line in _split_lines(normalize_text(text))}


def _ends_sentence(line: str) -> bool:
    return line.rstrip(_CLOSERS).endswith((".", "!", "?", "؟", "…"))


def _ends_with_ellipsis(line: str) -> bool:
    return line.rstrip(_CLOSERS).endswith(("..", "…"))


def _strip_ellipsis(line: str) -> str:
    return line.rstrip(_CLOSERS).rstrip(".…").rstrip() if _ends_with_ellipsis(line) else line


def _words(line: str) -> int:
    return len(line.split())


def _sentence_like(line: str) -> bool:
    n = _words(line)
    if n >= SENTENCE_MIN_WORDS:
        return True
    return n >= SENTENCE_PUNCT_MIN_WORDS and _ends_sentence(line)


def _is_teaser(line: str) -> bool:
    if _words(line) > TEASER_MAX_WORDS:
        return False
    # A teaser cut with "..." is still a teaser; a full stop ends a body sentence.
    return not line.endswith(".") or _ends_with_ellipsis(line)


def _is_stats_chrome(line: str, folded: str, stats: LineStats, rules: ChromeRules) -> bool:
    n = stats.counts.get(_hash(folded), 0)
    if n < STATS_MIN_DOCS or n < STATS_MIN_SHARE * stats.docs:
        return False
    return not _sentence_like(line) and not rules.protected_folded(folded)


def _repeat_probe(line: str) -> str | None:
    """The part of a line to look for in earlier text: trailing ellipsis and last word dropped."""
    if len(line) < REPEAT_MIN_CHARS:
        return None
    head, _, _ = fold_normalized(_strip_ellipsis(line)).rpartition(" ")
    return head if len(head) >= REPEAT_MIN_CHARS else None


def clean_text(
    text: str,
    *,
    stats: LineStats | None = None,
    title: str | None = None,
    rules: ChromeRules | None = None,
) -> Cleaned:
    """Clean one article's text; see the module docstring for what is removed and why."""
    rules = rules or load_rules()
    lines = _split_lines(normalize_text(text))
    tails: list[RemovedLine] = []
    for i, line in enumerate(lines):
        # Chrome glued to a paragraph is cut off; the paragraph stays.
        end = rules.head_end(line)
        if end is not None:
            tails.append(RemovedLine(line[:end], "rule"))
            line = lines[i] = line[end:].lstrip()
        at = rules.tail_start(line)
        if at is not None:
            tails.append(RemovedLine(line[at:], "rule"))
            lines[i] = line[:at].rstrip()
    folded = [fold_normalized(line) for line in lines]
    title_key = line_key(title) if title else ""

    verdicts: list[RemovalReason | None] = []
    in_block = 0  # teaser lines still allowed under the current "related" heading
    for line, fold in zip(lines, folded, strict=True):
        kind = rules.match_folded(fold)
        reason: RemovalReason | None = None
        if kind == "block":
            reason, in_block = "block", BLOCK_MAX_LINES
        elif kind is not None:
            reason = "rule"
        elif in_block and _is_teaser(line):
            reason, in_block = "block", in_block - 1
        else:
            in_block = 0
            if stats is not None and _is_stats_chrome(line, fold, stats, rules):
                reason = "stats"
        verdicts.append(reason)

    # Repeats. Exact repeats are judged against kept lines only, so a body
    # paragraph is never lost because an earlier chrome line (a teaser) was
    # identical to it. Truncated repeats are searched in all earlier text:
    # a teaser often repeats the byline line together with the lead.
    whole = " ".join(folded)
    kept_keys: set[str] = set()
    offset = 0  # where line i starts in ``whole``
    for i, line in enumerate(lines):
        if verdicts[i] is None:
            key = key_of_folded(folded[i])
            repeat = key in kept_keys or (bool(title_key) and key == title_key and bool(kept_keys))
            if not repeat:
                probe = _repeat_probe(line)
                # find's end bound keeps the match inside the text before line i.
                repeat = probe is not None and whole.find(probe, 0, max(offset - 1, 0)) >= 0
            if repeat:
                verdicts[i] = "duplicate"
            else:
                kept_keys.add(key)
        offset += len(folded[i]) + 1

    # A "..." teaser printed *before* the paragraph it cuts: drop the teaser.
    kept_idx = [i for i, v in enumerate(verdicts) if v is None]
    for pos, i in enumerate(kept_idx):
        if not _ends_with_ellipsis(lines[i]):
            continue
        probe = _repeat_probe(lines[i])
        if probe is not None and any(folded[j].startswith(probe) for j in kept_idx[pos + 1 :]):
            verdicts[i] = "duplicate"

    kept = [line for line, v in zip(lines, verdicts, strict=True) if v is None]
    removed = tuple(tails) + tuple(
        RemovedLine(line, v) for line, v in zip(lines, verdicts, strict=True) if v is not None
    )
    return Cleaned(text="\n\n".join(kept), removed=removed)


def clean_document(
    doc: Document,
    *,
    stats: LineStats | None = None,
    rules: ChromeRules | None = None,
) -> Document:
    """Return ``doc`` with clean_text, sentences and removed_lines filled in.

    An empty text (a record that carried only its URL and date) cleans to an
    empty text. A body that was all site chrome keeps the document's headline
    as its text; with no headline either, CleanError says how little was left.
    """
    return clean_document_detailed(doc, stats=stats, rules=rules)[0]


def clean_document_detailed(
    doc: Document,
    *,
    stats: LineStats | None = None,
    rules: ChromeRules | None = None,
) -> tuple[Document, Cleaned]:
    """``clean_document`` plus the reason each line was removed (for reports and benchmarks)."""
    if not doc.text or not doc.text.strip():
        return dataclasses.replace(doc, clean_text="", sentences=(), removed_lines=()), \
            Cleaned(text="", removed=())
    cleaned = clean_text(doc.text, stats=stats, title=doc.title, rules=rules)
    words = _words(cleaned.text)
    # A short text that lost nothing (a caption, a headline-only record) is
    # still the document its outlet published: kept, it simply yields no events.
    # Fewer than MIN_WORDS left *after* removing chrome is a page that was all
    # chrome around a photo gallery or a video: its headline is what it says.
    if words < MIN_WORDS and cleaned.removed:
        headline = clean_text(doc.title, rules=rules).text if doc.title else ""
        if _words(headline) < MIN_HEADLINE_WORDS:
            raise CleanError(
                f"nothing usable left after cleaning: {len(cleaned.removed)} lines were site "
                f"chrome or repeats and {words} words remain"
            )
        cleaned = Cleaned(text=headline, removed=cleaned.removed)
    out = dataclasses.replace(
        doc,
        clean_text=cleaned.text,
        sentences=split_sentences(cleaned.text, doc_id=doc.id),
        removed_lines=tuple(r.line for r in cleaned.removed),
    )
    return out, cleaned


def clean_batch(items: Iterator[Document | Failure]) -> Iterator[Document | Failure]:
    """Clean documents with line statistics gathered over the whole batch (two passes)."""
    docs: list[Document] = []
    counts: dict[str, dict[str, int]] = {}
    totals: dict[str, int] = {}
    for item in items:
        if isinstance(item, Failure):
            yield item
            continue
        docs.append(item)
        src = item.source or ""
        totals[src] = totals.get(src, 0) + 1
        bucket = counts.setdefault(src, {})
        for key in line_keys(item.text):
            bucket[key] = bucket.get(key, 0) + 1
    for doc in docs:
        src = doc.source or ""
        try:
            yield clean_document(doc, stats=LineStats(docs=totals[src], counts=counts[src]))
        except RasdError as exc:
            yield Failure(origin=doc.origin, stage="clean", reason=str(exc))
