"""Phrase matching over Arabic word tokens, for the actor dictionary.

Text and phrases are compared as word tokens in ``normalize_for_match`` form
plus a few spelling folds that Arabic news mixes freely (sound plural ``ون``/
``ين``, ``سورية``/``سوريا`` as the country, ``ميليشيا``/``مليشيا``, ``أمريكي``/
``أميركي``). A phrase's first word may carry proclitics in the text (و ف ب ل ك,
and ``لل`` for li- + the article); later words must match as they stand.
Matches never cross a full stop, comma or line break. Offsets always point
into the original text. The tokens and folds are the one analysis layer's
(:mod:`rasd.clean.analysis`); this module matches phrases over them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from rasd.clean.analysis import CONJUNCTIONS, PREPOSITIONS, fold_token
from rasd.clean.analysis import ActorToken as Tok
from rasd.clean.analysis import actor_tokens as tokens
from rasd.clean.normalize import normalize_for_match

__all__ = ["Hit", "PhraseMatcher", "Tok", "fold_token", "match_key", "tokens"]

_WORD_RE = re.compile(r"[^\W_]+")
_CONJ = ("", *CONJUNCTIONS)
_PREP = ("", *PREPOSITIONS)
_CLITIC_INITIALS = frozenset(c[:1] for c in (*_CONJ, *_PREP) if c)


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
        # Each distinct word is asked once (from the memo, inline); only the tokens of
        # the words that open a phrase are then visited, and only their neighbours read.
        memo, starting = self._starts, self._starting
        norms = [t.norm for t in toks]
        opens = {}
        for norm in set(norms):
            readings = memo.get(norm)
            if readings is None:
                readings = starting(norm)
            if readings:
                opens[norm] = readings
        if not opens:
            return
        starts = [(i, opens[norm]) for i, norm in enumerate(norms) if norm in opens]
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
                    if j >= len(toks) or toks[j].segment != toks[at].segment:
                        continue
                    if n and tuple(t.folded for t in toks[at + 1 : j + 1]) != rest:
                        continue
                    best, best_n = Hit(first=at, last=j, skip=skip, payload=payload), n
                    break
            if best is not None:
                yield best
                i = best.last + 1
