"""The site-chrome rule list (``data/chrome_patterns.txt``), loaded once and matched per line.

The rules live in a data file so that a new outlet's boilerplate is a one-line
change, not a code change; the file's header documents the rule kinds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rasd.clean.normalize import fold_letters, fold_normalized, normalize_for_match, normalize_text

# A prefix rule is for label lines ("الوسوم: ..."); past this length the line
# is prose that happens to start with the same words.
PREFIX_MAX_CHARS = 150
# A tail rule cuts chrome glued to the end of a paragraph; past this many
# characters from the phrase to the end, what follows is not a tail.
TAIL_MAX_CHARS = 250
_KINDS = ("line", "prefix", "block", "re", "protect", "tail", "head")


def line_key(line: str) -> str:
    """The comparison form of a line: matching-normalised, punctuation stripped at both ends."""
    return key_of_folded(normalize_for_match(line))


def key_of_folded(folded: str) -> str:
    """``line_key`` of a line already in ``normalize_for_match`` form.

    Punctuation and symbols around a line ("مقالات ذات صلة:", "...المزيد",
    "(وكالات)", "« السابق") do not make it a different line. (A loop over
    the edges: an end-anchored regex would be tried at every position.)
    """
    i, j = 0, len(folded)
    while i < j and not folded[i].isalnum():
        i += 1
    while j > i and not folded[j - 1].isalnum():
        j -= 1
    return folded[i:j]


@dataclass(frozen=True)
class ChromeRules:
    lines: frozenset[str]
    blocks: frozenset[str]
    prefixes: tuple[str, ...]
    regexes: tuple[re.Pattern[str], ...]
    protects: tuple[re.Pattern[str], ...]
    tails: tuple[str, ...] = ()
    heads: tuple[str, ...] = ()

    def match(self, line: str) -> str | None:
        """Which kind of rule makes ``line`` chrome ("line", "prefix", "re", "block"), or None."""
        return self.match_folded(fold_normalized(normalize_text(line)))

    def match_folded(self, folded: str) -> str | None:
        """``match`` for a line already in ``normalize_for_match`` form."""
        key = key_of_folded(folded)
        if not key:
            return "line"  # nothing but punctuation or symbols: separators, bullets
        if key in self.blocks:
            return "block"
        if key in self.lines:
            return "line"
        if len(key) <= PREFIX_MAX_CHARS:
            for p in self.prefixes:
                if key.startswith(p) and (len(key) == len(p) or not key[len(p)].isalnum()):
                    return "prefix"
        for rx in self.regexes:
            if rx.search(folded):
                return "re"
        return None

    def tail_start(self, line: str) -> int | None:
        """Where chrome glued to the end of ``line`` begins (a normalize_text'd line), or None."""
        for phrase in self.tails:
            at = line.find(phrase)
            if at > 0 and len(line) - at <= TAIL_MAX_CHARS:
                return at
        return None

    def head_end(self, line: str) -> int | None:
        """Where chrome glued to the start of ``line`` ends (a normalize_text'd line), or None."""
        for phrase in self.heads:
            if line.startswith(phrase) and len(line) > len(phrase):
                return len(phrase)
        return None

    def protected_folded(self, folded: str) -> bool:
        return any(rx.search(folded) for rx in self.protects)


def parse_rules(text: str, *, origin: str = "<rules>") -> ChromeRules:
    """Parse a rule file's text; raises ValueError naming the line on a malformed rule."""
    found: dict[str, list[str]] = {k: [] for k in _KINDS}
    for no, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        kind, sep, value = stripped.partition(":")
        kind = kind.strip()
        value = value.strip()
        if not sep or kind not in _KINDS or not value:
            raise ValueError(f"{origin}:{no}: expected 'kind: value' with kind in {_KINDS}")
        found[kind].append(value)

    def compile_all(values: list[str]) -> tuple[re.Pattern[str], ...]:
        out = []
        for v in values:
            try:
                out.append(re.compile(fold_letters(v), re.IGNORECASE))
            except re.error as exc:
                raise ValueError(f"{origin}: bad regex {v!r}: {exc}") from exc
        return tuple(out)

    return ChromeRules(
        lines=frozenset(line_key(v) for v in found["line"]),
        blocks=frozenset(line_key(v) for v in found["block"]),
        # Longest first so the most specific prefix is the one reported.
        prefixes=tuple(sorted({line_key(v) for v in found["prefix"]}, key=len, reverse=True)),
        regexes=compile_all(found["re"]),
        protects=compile_all(found["protect"]),
        tails=tuple(" ".join(normalize_text(v).split()) for v in found["tail"]),
        heads=tuple(" ".join(normalize_text(v).split()) for v in found["head"]),
    )


@lru_cache(maxsize=4)
def load_rules(path: Path | None = None) -> ChromeRules:
    """The packaged rule list, or the file at ``path``."""
    if path is not None:
        return parse_rules(path.read_text(encoding="utf-8"), origin=str(path))
    res = resources.files("rasd").joinpath("data/chrome_patterns.txt")
    return parse_rules(res.read_text(encoding="utf-8"), origin="chrome_patterns.txt")
