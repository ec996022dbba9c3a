"""Phrase matching over Arabic word tokens, for the actor dictionary.

Text and phrases are compared as word tokens in ``normalize_for_match`` form
plus a few spelling folds that Arabic news mixes freely (sound plural ``ون``/
``ين``, ``سورية``/``سوريا`` as the country, ``ميليشيا``/``مليشيا``, ``أمريكي``/
``أميركي``). A phrase's first word may carry proclitics in the text (و ف ب ل ك,
and ``لل`` for li- + the article); later words must match as they stand.
Matches never cross a full stop, comma or line break. Offsets always point
into the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from rasd.clean.normalize import normalize_for_match

__all__ = ["Hit", "PhraseMatcher", "Tok", "fold_token", "match_key", "tokens"]

_WORD_RE = re.compile(r"[^\W_]+")
# Matches never cross these: a name does not run over a full stop or a comma.
_BREAK_RE = re.compile(r"[.!?؟،؛;:\n]")
_CONJ = ("", "و", "ف")
_PREP = ("", "ب", "ل", "ك")
_TOKEN_FOLDS = (("ميليشي", "مليشي"), ("اميرك", "امريك"))
_CLITIC_INITIALS = frozenset(c[:1] for c in (*_CONJ, *_PREP) if c)


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    if ch.isspace():
        return " "
    return normalize_for_match(ch)


@lru_cache(maxsize=65536)
def fold_token(tok: str) -> str:
    """Spelling folds beyond ``normalize_for_match`` that Arabic news mixes freely."""
    for a, b in _TOKEN_FOLDS:
        if a in tok:
            tok = tok.replace(a, b)
    if tok == "سوريه":  # the country, not the adjective السورية
        return "سوريا"
    # Sound masculine plural: nominative ون and oblique ين are one word here.
    if len(tok) >= 5 and tok.endswith("ون"):
        return tok[:-2] + "ين"
    return tok


class Tok(NamedTuple):
    norm: str  # normalised form, proclitics kept
    folded: str  # ``fold_token(norm)``: what later words of a phrase are compared as
    start: int  # offsets in the original text
    end: int
    base: int  # offset of the raw word, which may begin with dropped marks
    rel: tuple[int, ...]  # offset in the raw word of each char of ``norm``
    segment: int

    def char_start(self, k: int) -> int:
        """Original offset of the ``k``-th character of ``norm``."""
        return self.base + self.rel[k] if k < len(self.rel) else self.start


# A raw word: letters and digits with the marks normalisation drops inside it
# (diacritics, tatweel, zero-width and bidi controls, soft hyphen).
_RAW_WORD_RE = re.compile(
    r"(?:[^\W_]|[\u0640\u064B-\u065F\u0670\u06D6-\u06ED\u00AD\u200B-\u200F])+"
)


def _simple_chars() -> tuple[str, dict[int, str]]:
    """Letters and digits that fold to exactly one character: (a regex class of them,
    a table of the ones that change). A word made only of these needs no per-character
    offset map. Built from ``fold_char`` itself, so the fast path cannot disagree."""
    members: list[str] = []
    table: dict[int, str] = {}
    for code in (*range(0x30, 0x7B), *range(0xC0, 0x250), *range(0x600, 0x700),
                 *range(0x750, 0x780)):
        ch = chr(code)
        if not _RAW_WORD_RE.fullmatch(ch) or ch.isspace():
            continue
        out = normalize_for_match(ch)
        if len(out) != 1:
            continue
        members.append(ch)
        if out != ch:
            table[code] = out
    return "".join(members), table


_SIMPLE, _SIMPLE_MAP = _simple_chars()
_SIMPLE_RE = re.compile("[" + re.escape(_SIMPLE) + "]+")
# Shared offset maps (0, 1, ..., n-1): most words need one, and sharing keeps the
# word cache small.
_RANGES = tuple(tuple(range(n)) for n in range(48))


@lru_cache(maxsize=131072)
def _fold_word(word: str) -> tuple[str, str, tuple[int, ...], int]:
    """(normalised word, its token fold, raw offset of each normalised char,
    raw end of the last letter)."""
    if _SIMPLE_RE.fullmatch(word):
        # One character in, one out: the offset map is the identity.
        norm = word.translate(_SIMPLE_MAP)
        n = len(word)
        return norm, fold_token(norm), _RANGES[n] if n < len(_RANGES) else tuple(range(n)), n
    chars: list[str] = []
    rel: list[int] = []
    end = 0
    for i, ch in enumerate(word):
        out = fold_char(ch)
        if out:
            chars.append(out)
            rel.extend([i] * len(out))
            end = i + 1
        elif chars:
            end = i + 1  # marks after a letter belong to it
    norm = "".join(chars)
    return norm, fold_token(norm), tuple(rel), end


_new_tok = tuple.__new__  # builds a Tok without the NamedTuple's Python-level __new__


def tokens(text: str) -> list[Tok]:
    """Word tokens of ``text`` in folded form, with original offsets and sentence segments."""
    toks: list[Tok] = []
    start = 0
    fold_word = _fold_word
    # No word contains a break character, so the words between two breaks form
    # one segment, found without a search per word.
    ends = [m.start() for m in _BREAK_RE.finditer(text)]
    ends.append(len(text))
    for seg, stop in enumerate(ends):
        if stop > start:
            toks += [
                _new_tok(Tok, (w[0], w[1], base + w[2][0], base + w[3], base, w[2], seg))
                for m in _RAW_WORD_RE.finditer(text, start, stop)
                if (w := fold_word(m.group()))[0]
                for base in (m.start(),)
            ]
        start = stop + 1
    return toks


def key_tokens(phrase: str) -> tuple[str, ...]:
    return tuple(fold_token(t) for t in _WORD_RE.findall(normalize_for_match(phrase)))


def match_key(phrase: str) -> str:
    """The lookup key of a name or alias: folded tokens joined by one space."""
    return " ".join(key_tokens(phrase))


@lru_cache(maxsize=65536)
def variants(norm: str) -> tuple[tuple[int, str], ...]:
    """(chars skipped for the span, folded form) for a token with its proclitics removed."""
    out: list[tuple[int, str]] = [(0, fold_token(norm))]
    if norm[:1] not in _CLITIC_INITIALS:
        return tuple(out)  # no proclitic can be glued on (most words)
    for conj in _CONJ:
        for prep in _PREP:
            clitic = conj + prep
            if not clitic or not norm.startswith(clitic) or len(norm) - len(clitic) < 2:
                continue
            rest = norm[len(clitic) :]
            out.append((len(clitic), fold_token(rest)))
            if prep == "ل" and rest.startswith("ل"):
                # li- + the article writes لل: ``للتنظيم`` is ل + التنظيم; the span
                # keeps the fused lam since the article has no letter of its own.
                out.append((len(clitic) - 1, fold_token("ا" + rest)))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Hit:
    first: int  # token index
    last: int
    skip: int  # proclitic chars skipped in the first token
    payload: str


_Entries = tuple[tuple[tuple[str, ...], str], ...]
# Token forms remembered per matcher; past this many the memo starts afresh, so a
# long run over a large corpus keeps a bounded vocabulary in memory.
_MEMO_MAX = 1 << 17


class PhraseMatcher:
    """Longest-match, left-to-right, non-overlapping phrase matcher over tokens."""

    def __init__(self, phrases: Iterable[tuple[str, str]]) -> None:
        index: dict[str, dict[tuple[str, ...], str]] = {}
        for phrase, payload in phrases:
            key = key_tokens(phrase)
            if key:
                index.setdefault(key[0], {}).setdefault(key[1:], payload)
        self._index = {
            k: tuple(sorted(v.items(), key=lambda kv: -len(kv[0]))) for k, v in index.items()
        }
        self._starts: dict[str, tuple[tuple[int, _Entries], ...]] = {}

    def _starting(self, norm: str) -> tuple[tuple[int, _Entries], ...]:
        """(skip, phrases longest first) for each reading of ``norm`` that opens a phrase.

        Empty for almost every word of a text, so a scan looks at most tokens once.
        """
        found = self._starts.get(norm)
        if found is None:
            index = self._index
            found = tuple((skip, index[form]) for skip, form in variants(norm) if form in index)
            if len(self._starts) >= _MEMO_MAX:
                self._starts.clear()
            self._starts[norm] = found
        return found

    def scan(self, toks: list[Tok]) -> Iterator[Hit]:
        folded = [t.folded for t in toks]
        segs = [t.segment for t in toks]
        starting = self._starting
        starts = [(i, readings) for i, t in enumerate(toks) if (readings := starting(t.norm))]
        i = 0  # tokens before this one are inside a match already
        for at, readings in starts:
            if at < i:
                continue
            best: Hit | None = None
            best_n = -1
            for skip, entries in readings:
                for rest, payload in entries:
                    n = len(rest)
                    if n <= best_n:
                        break  # entries are longest first
                    j = at + n
                    # Segments only grow, so one check keeps the phrase in a sentence.
                    if j >= len(toks) or segs[j] != segs[at]:
                        continue
                    if n and tuple(folded[at + 1 : j + 1]) != rest:
                        continue
                    best, best_n = Hit(first=at, last=j, skip=skip, payload=payload), n
                    break
            if best is not None:
                yield best
                i = best.last + 1
