"""One analysis of a document that every recogniser reads.

A document is analysed once: its sentences, and its words with their offsets in
the text, each word's Arabic foldings and its proclitic splits. The recognisers
(places, actors, triggers and cues, dates, numbers) read an :class:`Analysis`
instead of tokenizing the text again, the way spaCy's components share one
``Doc``.

What each recogniser compares differs, so a word carries several named forms,
each computed once per distinct word (a news corpus is Zipfian: words repeat):

- ``norm``: :func:`rasd.clean.normalize.normalize_for_match`, the matching form of
  the trigger and cue lexicon and of the actor dictionary;
- ``forms``: ``norm`` and what remains after its proclitics (:data:`WORD_PROCLITICS`);
- ``key``: :func:`fold`, the gazetteer's key (no case folding, a few more letters);
- ``folded``: the actor dictionary's spelling folds on top of ``norm`` (:func:`fold_token`).

The three token views (:class:`Token` for the event coder, :class:`PlaceToken` for
the geocoder, :class:`ActorToken` for the actor dictionary) keep the word
boundaries each recogniser was built and tested with; they are made once per
document (or sentence) by :class:`Analysis` and shared.

There is one list of proclitics (:data:`PROCLITICS`, built from the conjunctions,
prepositions and the article); each recogniser's list is a named subset of it. The
lists and the foldings live in :mod:`rasd.clean.folding`; this module re-exports them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple

from rasd.clean.folding import (
    ARTICLE,
    CONJUNCTIONS,
    FOLD_TABLE,
    IN_CLITICS,
    PLACE_BY_INITIAL,
    PLACE_PROCLITICS,
    PREPOSITIONS,
    PROCLITICS,
    WORD_BY_INITIAL,
    WORD_PROCLITICS,
    article_variants,
    fold,
    fold_token,
    letter_offset,
    squash,
)
from rasd.clean.normalize import normalize_for_match
from rasd.models import Sentence

__all__ = [
    "ARTICLE",
    "CONJUNCTIONS",
    "IN_CLITICS",
    "PLACE_PROCLITICS",
    "PREPOSITIONS",
    "PROCLITICS",
    "WORD_PROCLITICS",
    "ActorToken",
    "Analysis",
    "PlaceToken",
    "Token",
    "actor_tokens",
    "article_variants",
    "distinct_forms",
    "distinct_words",
    "fold",
    "fold_token",
    "forms_of",
    "letter_offset",
    "place_tokens",
    "proclitic_splits",
    "squash",
    "token_at",
    "tokenize",
    "word_forms",
]

# --------------------------------------------------------------------- event-coder words

# Arabic letters, digits and marks, but not the Arabic comma, semicolon, question mark,
# percent and separators that share their block (``الاقتحام،`` is the word and a comma).
_WORD_RE = re.compile(
    r"[\w\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0750-\u077F]+"
    r"(?:[.,٫][0-9٠-٩]+)*", re.UNICODE)


class Token(NamedTuple):
    """A word of a sentence as the event coder reads it (triggers, cues, roles, dates).

    A named tuple, like the other views' tokens: a sentence makes dozens, and a tuple
    is built faster than a frozen dataclass (a third of the tokenizer's time)."""

    # The word's position in its sentence; it hides ``tuple.index``, which no caller
    # wants of a token (every rule reads ``token.index`` as the position).
    index: int  # type: ignore[assignment]
    start: int
    end: int
    text: str
    norm: str
    forms: tuple[str, ...]  # norm, then proclitic-stripped variants (longest stem last)
    prefix: str  # the proclitic removed to get the shortest sensible stem, "" if none

    def has_form(self, form: str) -> bool:
        return form in self.forms

    def startswith(self, stem: str) -> bool:
        return any(f.startswith(stem) for f in self.forms)


def _forms(norm: str) -> tuple[tuple[str, ...], str]:
    forms = [norm]
    prefix = ""
    for clitic in WORD_BY_INITIAL.get(norm[:1], ()):
        # A stem of two letters or fewer is almost always a false split
        # (``ولد`` is not و + لد), so keep at least three letters.
        if norm.startswith(clitic) and len(norm) - len(clitic) >= 3:
            stem = norm[len(clitic):]
            if stem not in forms:
                forms.append(stem)
                if not prefix:
                    prefix = clitic
            # After و/ف/ب/ل/ك a definite stem also appears with ال restored:
            # ``لتنظيم`` -> ``تنظيم``; ``للتحالف`` -> ``التحالف`` too.
            if clitic in ("لل", "ولل", "فلل"):
                restored = ARTICLE + stem
                if restored not in forms:
                    forms.append(restored)
    return tuple(forms), prefix


@lru_cache(maxsize=65536)
def _analyse(word: str) -> tuple[str, tuple[str, ...], str]:
    # Words repeat (a news corpus is Zipfian), so each is analysed once. A word of
    # letters that each fold to one letter folds by the table (``_simple_chars``, built
    # from ``normalize_for_match`` itself), as the actor words do.
    norm = word.translate(_SIMPLE_MAP) if _SIMPLE_RE.fullmatch(word) else \
        normalize_for_match(word)
    forms, prefix = _forms(norm)
    return norm, forms, prefix


def distinct_forms(text: str) -> set[tuple[str, ...]]:
    """The matching forms of every distinct word of ``text`` (what ``tokenize`` would
    give its tokens), without building tokens: for quick tests over a whole text."""
    return {_analyse(word)[1] for word in set(_WORD_RE.findall(text))}


def distinct_words(text: str) -> set[str]:
    """The distinct words of ``text`` as written (the words ``tokenize`` would make
    tokens of): a caller that remembers an answer per word reads each word once."""
    return set(_WORD_RE.findall(text))


def forms_of(word: str) -> tuple[str, ...]:
    """The matching forms of one word as written (a token's ``forms``)."""
    return _analyse(word)[1]


def word_forms(text: str) -> Iterator[tuple[str, ...]]:
    """The matching forms of each distinct word of ``text`` (as ``distinct_forms``, a
    form set again when two spellings share it), one word at a time: a caller that
    has its answer stops before analysing the rest."""
    analyse = _analyse
    for word in set(_WORD_RE.findall(text)):
        yield analyse(word)[1]


def tokenize(text: str, *, offset: int = 0) -> list[Token]:
    """Tokens of ``text``; spans are shifted by ``offset`` (a sentence's start in its document)."""
    tokens: list[Token] = []
    analyse = _analyse
    new = tuple.__new__  # no NamedTuple __new__ in Python per token
    for i, m in enumerate(_WORD_RE.finditer(text)):
        word = m.group(0)
        norm, forms, prefix = analyse(word)
        tokens.append(new(Token, (i, m.start() + offset, m.end() + offset, word, norm, forms,
                                  prefix)))
    return tokens


def token_at(tokens: Sequence[Token], char: int) -> int:
    """Index of the first token that ends after ``char`` (len(tokens) if none)."""
    lo, hi = 0, len(tokens)
    while lo < hi:
        mid = (lo + hi) // 2
        if tokens[mid].end <= char:
            lo = mid + 1
        else:
            hi = mid
    return lo


# --------------------------------------------------------------------- place words

class PlaceToken(NamedTuple):
    """A word as the geocoder reads it: a run of Arabic letters or of Latin letters and
    digits, so ``الـ24`` is two words and a hashtag's ``_`` separates like a space."""

    start: int
    end: int
    text: str  # as written
    key: str  # folded (``fold``)
    # What separates the token from the next one: any punctuation (quotes
    # too) stops a multi-word name; a clause break (. , ؛ : ( ) newline)
    # also stops the look-back for cue words.
    sep_after: bool
    brk_after: bool


# The characters of an Arabic word for place reading (a character class's body).
_PLACE_LETTERS = "\u0621-\u064a\u064b-\u065f\u0670\u0640\u0671-\u06d3\u06d6-\u06ed\u200c\u200d"
# A token (a run of Arabic letters, or of Latin letters and digits) and the gap after
# it, up to the next token or the end, in one match: the gap is every character that
# cannot start a token.
_PLACE_TOKEN_GAP = re.compile(
    f"([{_PLACE_LETTERS}]+|[A-Za-z0-9]+)([^{_PLACE_LETTERS}A-Za-z0-9]*)")
_SEP = re.compile(r"[^\s]")
_BREAK = re.compile(r"[.,،؛;:!?؟()\[\]{}\n|]")


def place_tokens(text: str) -> list[PlaceToken]:
    """Place-reading tokens of ``text`` with offsets, folded keys and what separates them."""
    out: list[PlaceToken] = []
    new = tuple.__new__  # no NamedTuple __new__ in Python per token
    table = FOLD_TABLE
    for m in _PLACE_TOKEN_GAP.finditer(text):
        word, gap = m.group(1, 2)
        if gap == " " or gap == "_":  # the usual case, no regex needed
            # "_" joins the words of a hashtag (#دير_الزور) as a space would.
            sep = brk = False
        else:
            sep, brk = bool(_SEP.search(gap)), bool(_BREAK.search(gap))
        start = m.start()
        # A token holds no whitespace, so translating is all fold() would do.
        out.append(new(PlaceToken, (start, start + len(word), word, word.translate(table),
                                    sep, brk)))
    if out:
        out[-1] = out[-1]._replace(brk_after=True)  # the text's end breaks like a full stop
    return out


@lru_cache(maxsize=1 << 15)
def proclitic_splits(key: str, *, min_stem: int = 3) -> tuple[tuple[str, str, int], ...]:
    """Ways to read a folded word as proclitic + name: ``[(clitic, stem, consumed), …]``.

    The unsplit reading comes first. Clitics ending in the article (``بال``)
    keep it on the stem (``الباغوز``); ``لل`` gives back the article that the
    spelling swallows (``للرقه`` → ``الرقه``). ``consumed`` is how many
    letters of the written token the clitic takes.
    """
    out = [("", key, 0)]
    for c in PLACE_BY_INITIAL.get(key[:1], ()):
        if not key.startswith(c) or len(key) - len(c) < min_stem:
            continue
        if c.endswith("لل"):
            out.append((c[:-1], ARTICLE + key[len(c):], len(c) - 1))
        elif c.endswith(ARTICLE):
            out.append((c[:-2], key[len(c) - 2:], len(c) - 2))
        else:
            out.append((c, key[len(c):], len(c)))
    seen: set[str] = set()
    uniq = []
    for c, s, n in out:
        if s not in seen:
            seen.add(s)
            uniq.append((c, s, n))
    return tuple(uniq)


# --------------------------------------------------------------------- actor words

class ActorToken(NamedTuple):
    """A word as the actor dictionary reads it, with the sentence segment it is in."""

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


# Matches never cross these: a name does not run over a full stop or a comma.
_ACTOR_BREAK_RE = re.compile(r"[.!?؟،؛;:\n]")
# A raw word: letters and digits with the marks normalisation drops inside it
# (diacritics, tatweel, zero-width and bidi controls, soft hyphen).
_RAW_WORD_RE = re.compile(
    r"(?:[^\W_]|[\u0640\u064B-\u065F\u0670\u06D6-\u06ED\u00AD\u200B-\u200F])+"
)


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch.isspace():
        return " "
    return normalize_for_match(ch)


def _simple_chars() -> tuple[str, dict[int, str]]:
    """Letters and digits that fold to exactly one character: (a regex class of them,
    a table of the ones that change). A word made only of these needs no per-character
    offset map. Built from ``_fold_char`` itself, so the fast path cannot disagree."""
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


@lru_cache(maxsize=65536)
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
        out = _fold_char(ch)
        if out:
            chars.append(out)
            rel.extend([i] * len(out))
            end = i + 1
        elif chars:
            end = i + 1  # marks after a letter belong to it
    norm = "".join(chars)
    return norm, fold_token(norm), tuple(rel), end


_new_tok = tuple.__new__  # builds a token without the NamedTuple's Python-level __new__


def actor_tokens(text: str) -> list[ActorToken]:
    """Actor-reading tokens of ``text``: folded, with original offsets and segments."""
    toks: list[ActorToken] = []
    start = 0
    fold_word = _fold_word
    # No word contains a break character, so the words between two breaks form
    # one segment, found without a search per word.
    ends = [m.start() for m in _ACTOR_BREAK_RE.finditer(text)]
    ends.append(len(text))
    for seg, stop in enumerate(ends):
        if stop > start:
            toks += [
                _new_tok(ActorToken, (w[0], w[1], base + w[2][0], base + w[3], base, w[2], seg))
                for m in _RAW_WORD_RE.finditer(text, start, stop)
                if (w := fold_word(m.group()))[0]
                for base in (m.start(),)
            ]
        start = stop + 1
    return toks


# --------------------------------------------------------------------- the document

class Analysis:
    """One document analysed once; each view is made on first use and then shared.

    ``text`` is the cleaned text the offsets point into, ``sentences`` its sentences.
    """

    __slots__ = ("_actor", "_forms", "_place", "_words", "sentences", "text")

    def __init__(self, text: str, sentences: Sequence[Sentence] = ()) -> None:
        self.text = text
        self.sentences = list(sentences)
        self._place: list[PlaceToken] | None = None
        self._actor: list[ActorToken] | None = None
        self._forms: set[tuple[str, ...]] | None = None
        self._words: dict[int, list[Token]] = {}

    @property
    def place_tokens(self) -> list[PlaceToken]:
        if self._place is None:
            self._place = place_tokens(self.text)
        return self._place

    @property
    def actor_tokens(self) -> list[ActorToken]:
        if self._actor is None:
            self._actor = actor_tokens(self.text)
        return self._actor

    @property
    def forms(self) -> set[tuple[str, ...]]:
        """The distinct matching forms of the document's words."""
        if self._forms is None:
            self._forms = distinct_forms(self.text)
        return self._forms

    def tokens(self, sentence: Sentence) -> list[Token]:
        """The event coder's tokens of one sentence, with offsets in the document."""
        found = self._words.get(sentence.start)
        if found is None:
            found = self._words[sentence.start] = tokenize(sentence.text, offset=sentence.start)
        return found
