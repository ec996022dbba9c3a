"""Pattern words of the trigger and cue files: how one is written, parsed and matched.

A pattern is a sequence of :class:`PatternToken` in matching form (the syntax is
described in ``extract.lexicon``, which reads the files). This module parses one
pattern text, derives the indefinite accusative form a trigger row also matches,
matches a pattern's later words against a sentence, and holds the indexes that answer
"does this word open a pattern" without a scan: :class:`WordIndex` for one-word cues
and :func:`trie_pattern` for the lexicon's one-pass document pre-filter.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from rasd.clean.normalize import normalize_for_match
from rasd.errors import ExtractError
from rasd.extract.tokens import Token

# One pattern word: letters and digits the tokenizer keeps in one token.
_PATTERN_WORD = re.compile(r"[\w\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0750-\u077F]+")


@dataclass(frozen=True, slots=True)
class PatternToken:
    text: str
    prefix: bool
    gap: bool  # one other word may stand before this token
    infix: bool = False  # matches any word containing it (cues only)

    def matches(self, token: Token) -> bool:
        if self.infix:
            return any(self.text in f for f in token.forms)
        if self.prefix:
            return token.startswith(self.text)
        return token.has_form(self.text)


def parse_pattern(text: str, where: str) -> tuple[PatternToken, ...]:
    out = []
    for n, raw in enumerate(text.split()):
        gap = raw.startswith("~")
        body = raw[1:] if gap else raw
        infix = body.startswith("*") and body.endswith("*") and len(body) > 2
        body = body[1:] if infix else body
        prefix = body.endswith("*")
        body = body[:-1] if prefix else body
        if n == 0 and gap:
            raise ExtractError(f"{where}: malformed pattern {text!r}: '~' on the first word "
                               "(it marks a word that may follow one other)")
        if not _PATTERN_WORD.fullmatch(body):
            raise ExtractError(f"{where}: malformed pattern {text!r}: {raw!r} is not one word "
                               "(letters, then an optional '*'; '~' only in front)")
        word = normalize_for_match(body)
        if prefix and len(word) < 2:
            raise ExtractError(f"{where}: malformed pattern {text!r}: prefix {raw!r} is too "
                               "short to mean anything")
        if infix and len(word) < 3:
            raise ExtractError(f"{where}: malformed pattern {text!r}: infix {raw!r} is too "
                               "short to mean anything")
        out.append(PatternToken(text=word, prefix=prefix and not infix, gap=gap, infix=infix))
    if not out:
        raise ExtractError(f"{where}: malformed pattern {text!r}: no word")
    return tuple(out)


# The indefinite accusative writes an alif after the word (``انفجاراً``, ``كميناً``,
# ``هجوماً انتحارياً``), and the press usually drops the tanween mark itself: a trigger
# row is a lemma, so it also matches that written form. Not after these letters:
# ta marbuta (matching form ه) and hamza take the tanween without an alif, alif and
# alif maqsura end words that have no such form.
_NO_ACCUSATIVE_ALIF = frozenset("اهىءو")
# Three-letter words are left out: there the alif form is mostly another word, an
# adverb or a verb (``فجراً`` at dawn, ``سلباً`` negatively, ``قتلا`` they two killed).
ACCUSATIVE_MIN_LETTERS = 4
ACCUSATIVE_FORM = "indefinite accusative"
# Endings that never take the alif: the article makes a word definite, sound feminine
# plurals take ``ـاتٍ``, ``ـون`` is the nominative plural, ``ـهم`` a pronoun.
_NO_ACCUSATIVE_ENDINGS = ("ات", "ون", "هم")


def accusative_pattern(pattern: Sequence[PatternToken]) -> tuple[PatternToken, ...] | None:
    """The pattern as its indefinite accusative is written (each word + ا), or None
    when a word cannot take that ending: a prefix pattern already covers it, and a
    phrase with a word that cannot (``انفجار سياره``, a construct) is never written so."""
    out = []
    for ptok in pattern:
        word = ptok.text
        if (ptok.prefix or ptok.infix or len(word) < ACCUSATIVE_MIN_LETTERS
                or word[-1] in _NO_ACCUSATIVE_ALIF or word.startswith("ال")
                or word.endswith(_NO_ACCUSATIVE_ENDINGS)):
            return None
        out.append(PatternToken(text=word + "ا", prefix=False, gap=ptok.gap))
    return tuple(out)


# A noun trigger also carries an attached possessive pronoun (``غاراتها`` its raids,
# ``هجومهم`` their attack): the press names the actor first and the act after it with
# the pronoun. The suffixes are the third person's (the news speaks of others):
# him/it, her/it (also every non-human plural), them, the two of them.
POSSESSIVE_FORM = "possessive"
POSSESSIVE_SUFFIXES = ("ه", "ها", "هم", "هما")
# A verbal noun also names several acts in its sound feminine plural (``تفجير``:
# ``تفجيرات``، ``اقتحام``: ``اقتحامات``): a row of the singular matches it.
PLURAL_FORM = "plural"
# The flags a trigger row declares in its sixth column (comma-separated) to take forms.
INFLECTIONS = frozenset({"poss", "pl"})
# Words ending in these letters are left out: a final hamza or long vowel changes its
# spelling before the suffix (``استيلاء``: ``استيلائه``), so the row is not the stem.
_NO_POSSESSIVE_END = frozenset("ءاىيو")


def possessive_patterns(pattern: Sequence[PatternToken]) -> list[tuple[PatternToken, ...]]:
    """The one-word noun ``pattern`` with each third-person possessive suffix: a final
    ta marbuta (matching form ه) is written ت before it (``غاره``: ``غارته``). A phrase
    takes none (``ضربات جويه`` makes ``ضرباتها الجويه``, the adjective definite: a row of
    its own), nor a prefix pattern (it matches every ending already)."""
    if len(pattern) != 1:
        return []
    ptok = pattern[0]
    word = ptok.text
    if ptok.prefix or ptok.infix or len(word) < 3 or word[-1] in _NO_POSSESSIVE_END:
        return []
    stem = word[:-1] + "ت" if word.endswith("ه") else word
    return [(PatternToken(text=stem + s, prefix=False, gap=False),)
            for s in POSSESSIVE_SUFFIXES]


def plural_pattern(pattern: Sequence[PatternToken]) -> tuple[PatternToken, ...] | None:
    """The one-word verbal noun ``pattern`` with the sound feminine plural ``ات``, or None:
    a phrase (its adjective would change too), a prefix pattern, a word ending in a ta
    marbuta, a plural already, a long vowel or a hamza (spelt otherwise before it)."""
    if len(pattern) != 1:
        return None
    ptok = pattern[0]
    word = ptok.text
    if ptok.prefix or ptok.infix or len(word) < 3 or word[-1] in _NO_POSSESSIVE_END \
            or word.endswith(("ه", "ات")):
        return None
    return (PatternToken(text=word + "ات", prefix=False, gap=False),)


def match_rest(pattern: tuple[PatternToken, ...], tokens: Sequence[Token],
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


def word_present(word: PatternToken, forms: set[str]) -> bool:
    """Whether some token form of ``forms`` matches ``word`` (as ``PatternToken.matches``)."""
    if word.infix:
        return any(word.text in f for f in forms)
    if word.prefix:
        return any(f.startswith(word.text) for f in forms)
    return word.text in forms


PREFIX_KEY = 3  # prefix patterns are indexed by their first letters; none is shorter


class WordIndex:
    """Exact words in a set, prefixes indexed by their first letters: a lookup costs a
    few dict probes per token form instead of a scan of every pattern."""

    def __init__(self, words: Sequence[PatternToken]) -> None:
        self.exact = {w.text for w in words if not w.prefix and not w.infix}
        self.infixes = [w.text for w in words if w.infix]
        self.prefixes: dict[str, list[str]] = defaultdict(list)
        self.short: list[str] = []
        for w in words:
            if w.prefix and not w.infix:
                (self.prefixes[w.text[:PREFIX_KEY]] if len(w.text) >= PREFIX_KEY
                 else self.short).append(w.text)
        # The same tests in C: ``str.startswith`` takes a tuple of prefixes, and one
        # alternation of the infixes finds any of them (each new word of a corpus is
        # asked about every cue kind, so these loops ran in Python per word and kind).
        self._prefix_sets = {k: tuple(v) for k, v in self.prefixes.items()}
        self._short = tuple(self.short)
        self._infix = re.compile("|".join(map(re.escape, self.infixes))) \
            if self.infixes else None

    def hit(self, forms: tuple[str, ...]) -> bool:
        exact, prefixes, short, infix = self.exact, self._prefix_sets, self._short, self._infix
        for f in forms:
            if f in exact:
                return True
            heads = prefixes.get(f[:PREFIX_KEY])
            if heads is not None and f.startswith(heads):
                return True
            if short and f.startswith(short):
                return True
            if infix is not None and infix.search(f) is not None:
                return True
        return False


def trie_pattern(words: Collection[str]) -> str:
    """A regex matching exactly the strings of ``words``, their common prefixes
    factored out (``ab|ac`` as ``a(?:b|c)``): the same strings as a flat alternation,
    but the regex engine tries each letter once instead of once per word, several
    times faster on text that holds none of them (most sentences)."""
    trie: dict[str, dict[str, Any]] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def emit(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return emit(trie)
