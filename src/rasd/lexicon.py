"""The trigger lexicon and context cues that event extraction reads.

Both live in data files (``data/triggers.tsv``, ``data/extract_cues.tsv``) so a
coder can extend them without touching code. Patterns are token sequences in
matching form; a token ending in ``*`` matches as a prefix, and a token
starting with ``~`` may be preceded by one unrelated word (``تصدى ... لهجوم``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from rasd.errors import ExtractError
from rasd.normalize import normalize_for_match
from rasd.tokens import Token


@dataclass(frozen=True, slots=True)
class PatternToken:
    text: str
    prefix: bool
    gap: bool  # one other word may stand before this token

    def matches(self, token: Token) -> bool:
        if self.prefix:
            return token.startswith(self.text)
        return token.has_form(self.text)


@dataclass(frozen=True, slots=True)
class Trigger:
    pattern: tuple[PatternToken, ...]
    event_type: str
    sub_event_type: str
    role: str
    priority: int
    source: str  # the pattern as written, for explanations


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    trigger: Trigger
    first: int  # token indices, inclusive
    last: int
    start: int  # character offsets
    end: int


def _parse_pattern(text: str) -> tuple[PatternToken, ...]:
    out = []
    for raw in text.split():
        gap = raw.startswith("~")
        raw = raw.lstrip("~")
        prefix = raw.endswith("*")
        word = normalize_for_match(raw.rstrip("*"))
        out.append(PatternToken(text=word, prefix=prefix, gap=gap))
    return tuple(out)


def _rows(path: Path | None, default: str) -> list[list[str]]:
    text = (path.read_text(encoding="utf-8") if path is not None
            else (resources.files("rasd") / "data" / default).read_text(encoding="utf-8"))
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        rows.append(cols)
        if any(not c.strip() for c in cols):
            raise ExtractError(f"{default}:{n}: empty column")
    return rows


_KEY = 3  # prefix patterns are indexed by their first letters; none is shorter


class _WordIndex:
    """Exact words in a set, prefixes indexed by their first letters: a lookup costs a
    few dict probes per token form instead of a scan of every pattern."""

    def __init__(self, words: Sequence[PatternToken]) -> None:
        self.exact = {w.text for w in words if not w.prefix}
        self.prefixes: dict[str, list[str]] = defaultdict(list)
        self.short: list[str] = []
        for w in words:
            if w.prefix:
                (self.prefixes[w.text[:_KEY]] if len(w.text) >= _KEY
                 else self.short).append(w.text)

    def hit(self, forms: tuple[str, ...]) -> bool:
        for f in forms:
            if f in self.exact:
                return True
            for p in self.prefixes.get(f[:_KEY], ()):
                if f.startswith(p):
                    return True
            if any(f.startswith(p) for p in self.short):
                return True
        return False


class Lexicon:
    """Triggers indexed by their first token's stem, plus the context cues."""

    def __init__(self, triggers: Sequence[Trigger], cues: dict[str, tuple[PatternToken, ...]]):
        self.triggers = list(triggers)
        self.cues = cues
        self._cue_index = {kind: _WordIndex(words) for kind, words in cues.items()}
        self._by_first: dict[str, list[Trigger]] = defaultdict(list)
        self._prefix_first: dict[str, list[Trigger]] = defaultdict(list)
        self._short_first: list[Trigger] = []
        for t in self.triggers:
            head = t.pattern[0]
            if not head.prefix:
                self._by_first[head.text].append(t)
            elif len(head.text) >= _KEY:
                self._prefix_first[head.text[:_KEY]].append(t)
            else:
                self._short_first.append(t)
        self._memo: dict[tuple[str, tuple[str, ...]], bool] = {}

    def _candidates(self, token: Token) -> list[Trigger]:
        out: list[Trigger] = []
        for form in token.forms:
            out.extend(self._by_first.get(form, ()))
            out.extend(t for t in self._prefix_first.get(form[:_KEY], ())
                       if form.startswith(t.pattern[0].text))
        out.extend(t for t in self._short_first if t.pattern[0].matches(token))
        return list(dict.fromkeys(out))

    def find_triggers(self, tokens: Sequence[Token]) -> list[TriggerMatch]:
        """Non-overlapping trigger matches, longest (then highest priority) first."""
        found: list[TriggerMatch] = []
        for i, token in enumerate(tokens):
            for trig in self._candidates(token):
                last = _match_rest(trig.pattern, tokens, i)
                if last is not None:
                    found.append(TriggerMatch(trig, i, last, tokens[i].start, tokens[last].end))
        found.sort(key=lambda m: (-(m.last - m.first), -m.trigger.priority, m.first))
        taken: set[int] = set()
        chosen: list[TriggerMatch] = []
        for m in found:
            span = set(range(m.first, m.last + 1))
            if span & taken:
                continue
            taken |= span
            chosen.append(m)
        chosen.sort(key=lambda m: m.first)
        return chosen

    def cue(self, kind: str, token: Token) -> bool:
        key = (kind, token.forms)
        hit = self._memo.get(key)
        if hit is None:
            index = self._cue_index.get(kind)
            hit = index.hit(token.forms) if index is not None else False
            if len(self._memo) > 200_000:  # bounded: a corpus run sees many words
                self._memo.clear()
            self._memo[key] = hit
        return hit


def _match_rest(pattern: tuple[PatternToken, ...], tokens: Sequence[Token],
                first: int) -> int | None:
    pos = first
    for ptok in pattern[1:]:
        nxt = pos + 1
        if nxt < len(tokens) and ptok.matches(tokens[nxt]):
            pos = nxt
        elif ptok.gap and nxt + 1 < len(tokens) and ptok.matches(tokens[nxt + 1]):
            pos = nxt + 1
        else:
            return None
    return pos


def load_lexicon(triggers_path: Path | None = None, cues_path: Path | None = None) -> Lexicon:
    """The lexicon from the given files; the package's own when both are None (cached)."""
    if triggers_path is None and cues_path is None:
        return _default_lexicon()
    return _build(triggers_path, cues_path)


@cache
def _default_lexicon() -> Lexicon:
    return _build(None, None)


def _build(triggers_path: Path | None, cues_path: Path | None) -> Lexicon:
    triggers = []
    for cols in _rows(triggers_path, "triggers.tsv"):
        if len(cols) != 5:
            raise ExtractError(f"triggers.tsv: expected 5 columns, got {cols!r}")
        pattern, event_type, sub_type, role, priority = cols
        triggers.append(Trigger(_parse_pattern(pattern), event_type, sub_type, role,
                                int(priority), pattern))
    cues: dict[str, list[PatternToken]] = defaultdict(list)
    for cols in _rows(cues_path, "extract_cues.tsv"):
        kind, pattern = cols[0], cols[1]
        cues[kind].extend(_parse_pattern(pattern)[:1])
    return Lexicon(triggers, {k: tuple(v) for k, v in cues.items()})
