"""The trigger lexicon and context cues that event extraction reads.

Both live in data files (``data/triggers.tsv``, ``data/extract_cues.tsv``) so a
coder can extend them without touching code. Patterns are token sequences in
matching form; a token ending in ``*`` matches as a prefix, a cue token written
``*word*`` matches any word containing it (``*جوي*``: ``الجوية``، ``جويا``), and a token
starting with ``~`` may be preceded by one unrelated word (``تصدى ... لهجوم``).

The files are validated as they load: an unknown cue kind, event type,
sub-type or role, or a malformed pattern stops with an :class:`ExtractError`
naming the file and line. Every row has a stable id (``trigger/<pattern>``,
``cue/<kind>/<pattern>``) that events record as their provenance.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from rasd.acled import CONTROL_SUBTYPE, EVENT_TYPES, TRIGGER_ROLES
from rasd.clean.normalize import normalize_for_match
from rasd.errors import ExtractError
from rasd.extract.patterns import (
    ACCUSATIVE_FORM,
    ACCUSATIVE_MIN_LETTERS,
    INFLECTIONS,
    PLURAL_FORM,
    POSSESSIVE_FORM,
    PREFIX_KEY,
    PatternToken,
    WordIndex,
    accusative_pattern,
    match_rest,
    parse_pattern,
    plural_pattern,
    possessive_patterns,
    trie_pattern,
    word_present,
)
from rasd.extract.tokens import Token, distinct_words, forms_of

# Pattern words were defined here before ``extract.patterns``: callers import them from either.
__all__ = [
    "ACCUSATIVE_FORM", "ACCUSATIVE_MIN_LETTERS", "CUE_KINDS", "Cue", "Lexicon", "PatternToken",
    "Trigger", "TriggerMatch", "accusative_pattern", "load_lexicon",
]

# The cue kinds the event coder asks about (``extract_cues.tsv``, first column).
CUE_KINDS = frozenset({
    "affiliation", "agent", "air", "another_matter", "aside", "assoc", "background", "belongs",
    "both_sides",
    "capital", "carry_out", "cause", "charge", "civilian", "claim", "clearing", "concluded",
    "consequence", "contrast", "control_verb", "counted", "counter", "counterpart",
    "defuse", "duration", "earlier_count",
    "every", "expel", "exposure", "fall", "forced", "frames_back", "gunfire", "intent",
    "intervention", "journey", "launcher", "locator", "make", "member", "mob", "modal",
    "name_head", "negation", "nonevent", "office", "origin", "origin_noun", "owner", "prepared",
    "property", "proximity", "proposal", "purpose", "refers_back", "response", "road",
    "scattered", "series",
    "since_start", "situation", "speech", "target", "target_prep", "then", "time_word", "told",
    "toll", "victim", "weapon", "youths",
    "attempt", "campaign", "declared", "find", "halt", "instrument", "nationwide",
    "destination", "departure", "not_ground", "relative", "place_head",
    "recollection", "interview", "unharmed", "place_pointer", "weak_trigger", "weak_before",
    "wage", "escape",
})
# Words whose trigger heads the pre-filter remembers before starting afresh.
_HEADS_MEMO = 1 << 16
# Words whose answer the cue memo of one kind remembers before starting afresh.
_CUE_MEMO = 50_000
# Words as written that the document pre-filter knows open no trigger.
_HEADLESS_MEMO = 1 << 17


@dataclass(frozen=True, slots=True)
class Trigger:
    pattern: tuple[PatternToken, ...]
    event_type: str
    sub_event_type: str
    role: str
    priority: int
    source: str  # the pattern as written, for explanations
    where: str = ""  # file:line it was read from
    # "" for the row as written; else the inflected form of that row this trigger
    # matches (it shares the row's rule id: the row is the rule).
    form: str = ""

    @property
    def rule_id(self) -> str:
        """Stable id: the pattern names the row (patterns are unique in the file)."""
        return f"trigger/{self.source}"


@dataclass(frozen=True, slots=True)
class Cue:
    kind: str
    pattern: tuple[PatternToken, ...]
    source: str
    where: str = ""

    @property
    def rule_id(self) -> str:
        return f"cue/{self.kind}/{self.source}"


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    trigger: Trigger
    first: int  # token indices, inclusive
    last: int
    start: int  # character offsets
    end: int


def _read(path: Path | None, default: str) -> str:
    return (path.read_text(encoding="utf-8") if path is not None
            else (resources.files("rasd") / "data" / default).read_text(encoding="utf-8"))


def _rows(path: Path | None, default: str) -> list[tuple[str, list[str]]]:
    """Rows of a tab-separated rule file, each with its ``file:line``."""
    text = _read(path, default)
    name = str(path) if path is not None else default
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        where = f"{name}:{n}"
        if any(not c.strip() for c in cols):
            raise ExtractError(f"{where}: empty column")
        rows.append((where, cols))
    return rows


class Lexicon:
    """Triggers indexed by their first token's stem, plus the context cues."""

    def __init__(self, triggers: Sequence[Trigger], cues: Sequence[Cue], *, digest: str = ""):
        self.triggers = list(triggers)
        self.digest = digest  # sha256 of the files read: part of the events' ruleset hash
        self.cues = list(cues)
        by_kind: dict[str, list[Cue]] = defaultdict(list)
        for c in self.cues:
            by_kind[c.kind].append(c)
        # One-word cues answer from an index; longer ones are checked word by word.
        self._cue_index = {kind: WordIndex([c.pattern[0] for c in cs if len(c.pattern) == 1])
                           for kind, cs in by_kind.items()}
        self._phrases: dict[str, tuple[Cue, ...]] = {
            kind: tuple(c for c in cs if len(c.pattern) > 1) for kind, cs in by_kind.items()}
        self._by_first: dict[str, list[Trigger]] = defaultdict(list)
        self._prefix_first: dict[str, list[Trigger]] = defaultdict(list)
        self._short_first: list[Trigger] = []
        for t in self.triggers:
            head = t.pattern[0]
            if not head.prefix:
                self._by_first[head.text].append(t)
            elif len(head.text) >= PREFIX_KEY:
                self._prefix_first[head.text[:PREFIX_KEY]].append(t)
            else:
                self._short_first.append(t)
        # Per cue kind, then per token forms: True for a one-word cue, else the cues of
        # several words whose first word the token matches (mostly none).
        self._memo: dict[str, dict[tuple[str, ...], bool | tuple[Cue, ...]]] = {}
        self._quick = _quick_matcher(self.triggers)
        self._heads_memo: dict[tuple[str, ...], tuple[Trigger, ...]] = {}
        # The document pre-filter's per-word memo: the heads of words that open a
        # trigger, and the words (as written) that open none.
        self._word_heads: dict[str, tuple[Trigger, ...]] = {}
        self._headless: set[str] = set()

    def may_have_trigger(self, text: str, *,
                         forms: Collection[tuple[str, ...]] | None = None) -> bool:
        """False only when no trigger can match in ``text``.

        First one pass of one compiled pattern over the text's matching form (most
        texts with no cue stop there); then the text's distinct words (``forms``, the
        matching forms of its tokens when the caller has analysed it already): some
        word must start a trigger and every other word of that trigger must be in the
        text (``في مسيره`` needs ``مسيره``). Order and adjacency are left to
        :meth:`find_triggers`, so this never says no where a trigger matches.
        """
        if self._quick.search(normalize_for_match(text)) is None:
            return False
        if forms is None:
            return self._words_open_trigger(text)
        # The memo read inline: this runs for every distinct word of every text.
        memo, heads = self._heads_memo, self._heads_of
        seen: list[tuple[str, ...]] = []
        opening: list[tuple[Trigger, ...]] = []
        for w in forms:
            seen.append(w)
            trigs = memo[w] if w in memo else heads(w)
            if trigs:
                if any(len(t.pattern) == 1 for t in trigs):
                    return True  # a one-word trigger needs no other word: no need to read on
                opening.append(trigs)
        return bool(opening) and self._rest_present(opening, {f for w in seen for f in w})

    def _words_open_trigger(self, text: str) -> bool:
        """The word test of :meth:`may_have_trigger` over a text nobody has tokenized.

        Its distinct words as written; the words known to open no trigger (most of
        any text) leave in one set difference, and the rest have their trigger heads
        remembered with the word itself (no analysis and no form tuple on a hit). The
        forms of every word are gathered only when a trigger of several words opens."""
        memo, headless = self._word_heads, self._headless
        words = distinct_words(text)
        opening: list[tuple[Trigger, ...]] = []
        for word in words - headless:
            trigs = memo.get(word)
            if trigs is None:
                trigs = self._heads_of(forms_of(word))
                if not trigs:
                    if len(headless) >= _HEADLESS_MEMO:
                        headless.clear()  # bounded: a corpus run sees many words
                    headless.add(word)
                    continue
                if len(memo) >= _HEADS_MEMO:
                    memo.clear()
                memo[word] = trigs
            if any(len(t.pattern) == 1 for t in trigs):
                return True  # a one-word trigger needs no other word: no need to read on
            opening.append(trigs)
        return bool(opening) and self._rest_present(
            opening, {f for word in words for f in forms_of(word)})

    @staticmethod
    def _rest_present(opening: list[tuple[Trigger, ...]], every: set[str]) -> bool:
        """Whether every other word of some opened trigger is among the text's forms."""
        return any(all(word_present(p, every) for p in trig.pattern[1:])
                   for trigs in opening for trig in trigs)

    def _heads_of(self, forms: tuple[str, ...]) -> tuple[Trigger, ...]:
        """``_heads`` remembered per word: the pre-filter asks about every word of a text."""
        found = self._heads_memo.get(forms)
        if found is None:
            found = tuple(self._heads(forms))
            if len(self._heads_memo) >= _HEADS_MEMO:
                self._heads_memo.clear()  # bounded: a corpus run sees many words
            self._heads_memo[forms] = found
        return found

    def _heads(self, forms: tuple[str, ...]) -> list[Trigger]:
        """Triggers whose first word a token with ``forms`` matches, each once."""
        out: list[Trigger] = []
        by_first, prefix_first = self._by_first, self._prefix_first
        for form in forms:
            # ``get`` on the default dicts: asking adds no empty list.
            exact = by_first.get(form)
            if exact:
                out.extend(exact)
            opened = prefix_first.get(form[:PREFIX_KEY])
            if opened:
                out.extend(t for t in opened if form.startswith(t.pattern[0].text))
        if self._short_first:
            every = set(forms)
            out.extend(t for t in self._short_first if word_present(t.pattern[0], every))
        return list(dict.fromkeys(out)) if out else out

    def _candidates(self, token: Token) -> tuple[Trigger, ...]:
        """Triggers whose first word ``token`` matches: a pattern word matches by the
        token's forms alone, so the answer is the one remembered per word."""
        found = self._heads_memo.get(token.forms)
        return self._heads_of(token.forms) if found is None else found

    def find_triggers(self, tokens: Sequence[Token]) -> list[TriggerMatch]:
        """Non-overlapping trigger matches, longest (then highest priority) first."""
        found: list[TriggerMatch] = []
        for i, token in enumerate(tokens):
            for trig in self._candidates(token):
                last = match_rest(trig.pattern, tokens, i)
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

    def cue(self, kind: str, token: Token, tokens: Sequence[Token]) -> bool:
        """Whether a cue of ``kind`` starts at ``token`` (a word of ``tokens``, the
        sentence: a cue of several words must be followed by its other words)."""
        # One memo per kind, keyed by the word's forms alone: no key tuple is built
        # per call (the sentence rules ask about every word, several kinds each).
        memo = self._memo.get(kind)
        if memo is None:
            # Checked only here: an unknown kind never gets a memo.
            if kind not in CUE_KINDS:
                raise ValueError(f"unknown cue kind {kind!r}")
            memo = self._memo[kind] = {}
        found = memo.get(token.forms)
        if found is None:
            index = self._cue_index.get(kind)
            if index is not None and index.hit(token.forms):
                found = True
            else:
                # A word's match depends on its forms alone, so the phrases it can
                # open are remembered with the word; only their rest is read here.
                found = tuple(c for c in self._phrases.get(kind, ())
                              if c.pattern[0].matches(token))
            if len(memo) > _CUE_MEMO:  # bounded: a corpus run sees many words
                memo.clear()
            memo[token.forms] = found
        if isinstance(found, bool):
            return found
        return bool(found) and any(match_rest(c.pattern, tokens, token.index) is not None
                                   for c in found)


def _quick_matcher(triggers: Sequence[Trigger]) -> re.Pattern[str]:
    """One alternation holding a word of every trigger, as a substring of the text.

    Every word of a pattern must match a token for the trigger to match, so one word
    per trigger will do: its longest (``في مسيره`` is looked for as ``مسيره``). A
    token matches a word when one of its forms equals it or (``*``) starts with it;
    every form is a suffix of the token's matching form, except ``ال`` + stem
    restored after ``لل`` (``للتحالف``): words with ``ال`` are looked for without
    it. So a text the pattern does not match has no trigger (the converse need not
    hold: it only lets most of the text skip the token-level work).
    """
    chosen = {max((p.text for p in t.pattern), key=len) for t in triggers}
    words = {w[2:] if w.startswith("ال") and len(w) > 2 else w for w in chosen}
    if not words:
        return re.compile(r"(?!x)x")  # matches nothing
    return re.compile(trie_pattern(words))


def load_lexicon(triggers_path: Path | None = None, cues_path: Path | None = None) -> Lexicon:
    """The lexicon from the given files; the package's own when both are None (cached)."""
    if triggers_path is None and cues_path is None:
        return _default_lexicon()
    return _build(triggers_path, cues_path)


@cache
def _default_lexicon() -> Lexicon:
    return _build(None, None)


def _build(triggers_path: Path | None, cues_path: Path | None) -> Lexicon:
    triggers: list[Trigger] = []
    derived: list[Trigger] = []
    seen: dict[str, str] = {}
    for where, cols in _rows(triggers_path, "triggers.tsv"):
        if len(cols) not in (5, 6):
            raise ExtractError(f"{where}: expected 5 or 6 columns (pattern, event type, "
                               f"sub-type, role, priority[, forms]), got {len(cols)}")
        pattern, event_type, sub_type, role, priority = cols[:5]
        inflections = set(cols[5].split(",")) if len(cols) == 6 else set()
        if not inflections <= INFLECTIONS:
            raise ExtractError(f"{where}: unknown forms {sorted(inflections - INFLECTIONS)} "
                               f"(known: {sorted(INFLECTIONS)})")
        if event_type not in EVENT_TYPES:
            raise ExtractError(f"{where}: unknown event type {event_type!r}")
        if sub_type != CONTROL_SUBTYPE and sub_type not in EVENT_TYPES[event_type]:
            raise ExtractError(f"{where}: unknown sub-type {sub_type!r} of {event_type!r}")
        if role not in TRIGGER_ROLES:
            raise ExtractError(f"{where}: unknown role {role!r}")
        if not priority.strip().isdigit():
            raise ExtractError(f"{where}: priority {priority!r} is not a whole number")
        if pattern in seen:
            raise ExtractError(f"{where}: pattern {pattern!r} already given at {seen[pattern]}")
        seen[pattern] = where
        parsed = parse_pattern(pattern, where)
        possessives = possessive_patterns(parsed) if "poss" in inflections else []
        if "poss" in inflections and not possessives:
            raise ExtractError(f"{where}: pattern {pattern!r} takes no possessive suffix "
                               "(one word, not a prefix, not ending in a hamza or vowel)")
        plural = plural_pattern(parsed) if "pl" in inflections else None
        if "pl" in inflections and plural is None:
            raise ExtractError(f"{where}: pattern {pattern!r} takes no plural ات (one word, "
                               "not a prefix, not ending in ه, ات, a hamza or a vowel)")
        if any(p.infix for p in parsed):
            raise ExtractError(f"{where}: malformed pattern {pattern!r}: '*word*' (a word "
                               "containing it) is for cues, not triggers")
        triggers.append(Trigger(parsed, event_type, sub_type, role,
                                int(priority), pattern, where))
        accusative = accusative_pattern(parsed)
        if accusative is not None:
            # The same row, its rule id unchanged: only the case ending differs.
            derived.append(Trigger(accusative, event_type, sub_type, role, int(priority),
                                   pattern, where, form=ACCUSATIVE_FORM))
        # The noun with a possessive pronoun: the same row, its rule id unchanged.
        derived += [Trigger(p, event_type, sub_type, role, int(priority), pattern, where,
                            form=POSSESSIVE_FORM) for p in possessives]
        if plural is not None:
            derived.append(Trigger(plural, event_type, sub_type, role, int(priority), pattern,
                                   where, form=PLURAL_FORM))
    # A form the file writes as a row of its own (``هجوما``) keeps that row; of two
    # derived forms alike, the first.
    written = {t.pattern for t in triggers}
    for t in derived:
        if t.pattern not in written:
            written.add(t.pattern)
            triggers.append(t)
    cues: list[Cue] = []
    seen = {}
    for where, cols in _rows(cues_path, "extract_cues.tsv"):
        if len(cols) != 2:
            raise ExtractError(f"{where}: expected 2 columns (kind, pattern), got {len(cols)}")
        kind, pattern = cols
        if kind not in CUE_KINDS:
            raise ExtractError(f"{where}: unknown cue kind {kind!r}")
        key = f"{kind}\t{pattern}"
        if key in seen:
            raise ExtractError(f"{where}: cue {kind} {pattern!r} already given at {seen[key]}")
        seen[key] = where
        cues.append(Cue(kind, parse_pattern(pattern, where), pattern, where))
    digest = hashlib.sha256()
    for path, default in ((triggers_path, "triggers.tsv"), (cues_path, "extract_cues.tsv")):
        digest.update(_read(path, default).encode("utf-8"))
    return Lexicon(triggers, cues, digest=digest.hexdigest())
