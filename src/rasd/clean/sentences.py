"""Sentence splitting for Arabic news text, with exact offsets.

Sentences end at a line break, and at a terminator (:data:`TERMINATORS`:
``.`` ``!`` ``?`` ``؟`` ``؛`` ``…``) followed by whitespace (with any closing
quotes or brackets kept in the sentence).
A full stop does not end a sentence inside a number (``3.5``, ``1.200``, no
space follows), after an abbreviation (``د.``, ``U.S.``, ``أ.ف.ب``, any
single letter; the list is ``data/clean_abbreviations.txt``). A run of dots
(``..``, ``...``, ``…``) is a pause in a headline (``دير الزور.. هجمات``) but
the writer's full stop in a body paragraph (``... مسقط راس صالح.. وكان القصف``):
it ends a sentence of at least :data:`ELLIPSIS_MIN_WORDS` words, unless the next
word goes on with it (``.. مشيراً إلى``، ``.. حتى تصل``; the list is
``data/clean_continuations.txt``). The semicolon ``؛`` is a clause mark that
Arabic news also uses as a full stop: it ends a sentence unless the next word
goes on with it, as a result or cause does (``؛ ما أدى إلى مقتل``، ``؛ إثر حادث``;
the same list). A terminator inside a quotation or parenthesis that closes later
on the same line does not end the sentence either, so a quoted statement of two
sentences stays with the verb that introduces it.

Scraped text often loses the space after a full stop (``عملية أمنية.وتابع
البيان``, ``وستزيد".ووقع الانفجار``): a terminator glued to an Arabic word
still ends a sentence when the words either side are real words (at least
:data:`GLUED_MIN_LETTERS` letters before, :data:`GLUED_MIN_NEXT_LETTERS` after)
and not part of a dotted abbreviation (``جيه.إل.إل``, ``د.ناصر``, ``محمد.أ``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from rasd.clean.normalize import normalize_for_match
from rasd.models import Sentence

# Marks that end a sentence, and closing quotes/brackets that stay with the sentence
# they close. ``…`` is the one-character ellipsis of word processors.
TERMINATORS = ".!?؟؛…"
CLOSERS = "\"')]}»”’"
ELLIPSES = ("..", "…")
SEMICOLON = "؛"
# A terminator and whatever terminators and closing quotes/brackets follow it.
_RUN_RE = re.compile(f"[{re.escape(TERMINATORS)}][{re.escape(TERMINATORS + CLOSERS)}]*")
_OPENERS = "\"'([{«“‘"
# A run of dots ends a sentence of at least this many words; before it, it is a
# headline's pause (``دير الزور.. هجمات``، ``تعز.. مقتل خمسة``).
ELLIPSIS_MIN_WORDS = 5
# A terminator with no space after it ends a sentence only between two words of
# at least these many letters: abbreviations glue a dot to one or two letters
# (``د.ناصر``، ``محمد.أ``، ``سي.ان.ان``).
GLUED_MIN_LETTERS = 3
GLUED_MIN_NEXT_LETTERS = 2
# A quotation or parenthesis still open at a terminator must close within
# this many characters on the same line to hold the sentence together; an
# unbalanced quote mark must not swallow the rest of a long paragraph.
QUOTE_LOOKAHEAD = 300
_DOTTED_INITIALS_RE = re.compile(r"^(?:\w\.)+\w$")


def _word_list(name: str) -> frozenset[str]:
    """The words of a packaged list: one a line, ``#`` comments, tatweel removed, lower case."""
    res = resources.files("rasd").joinpath(f"data/{name}")
    words = set()
    for raw in res.read_text(encoding="utf-8").splitlines():
        word = raw.strip()
        if word and not word.startswith("#"):
            words.add(word.replace("\u0640", "").lower())
    return frozenset(words)


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return _word_list("clean_abbreviations.txt")


@lru_cache(maxsize=1)
def _continuations() -> frozenset[str]:
    return frozenset(normalize_for_match(w) for w in _word_list("clean_continuations.txt"))


def _continues(text: str, j: int, line_end: int) -> bool:
    """Does the word after ``text[j]`` go on with the sentence (``clean_continuations.txt``)?"""
    k = j
    while k < line_end and text[k].isspace():
        k += 1
    e = k
    while e < line_end and not text[e].isspace() and text[e] not in TERMINATORS + "،,":
        e += 1
    # Folded as every match key is (``مشيراً`` is ``مشيرا``).
    return normalize_for_match(text[k:e]) in _continuations()


def _is_abbreviation(text: str, dot: int, line_start: int) -> bool:
    """Is the token ending at ``text[dot] == '.'`` an abbreviation?"""
    k = dot
    while k > line_start and not text[k - 1].isspace():
        k -= 1
    token = text[k:dot].lstrip(_OPENERS).replace("\u0640", "").lower()
    if not token:
        return False
    if token.isdigit():
        # "1. ..." numbering a list item at the start of a line, not "in 2015."
        return len(token) <= 2 and not text[line_start:k].strip()
    if len(token) == 1:
        return token.isalpha()
    return token in _abbreviations() or bool(_DOTTED_INITIALS_RE.match(token))


def _holds_open(text: str, start: int, end: int, line_end: int) -> bool:
    """Is a quote or parenthesis opened in ``text[start:end]`` closed later on this line?"""
    segment = text[start:end]
    ahead = text[end : min(line_end, end + QUOTE_LOOKAHEAD)]
    if segment.count('"') % 2 == 1 and '"' in ahead:
        return True
    return segment.count("(") > segment.count(")") and ")" in ahead


def _is_arabic_letter(ch: str) -> bool:
    return "\u0621" <= ch <= "\u064a" or "\u0671" <= ch <= "\u06d3"


def _glued(text: str, i: int, j: int, line_start: int, line_end: int) -> bool:
    """Does the terminator run ``text[i:j]``, glued to the word after it, end a sentence?

    Only before an Arabic word (``example.com``, ``U.S.A`` are not sentences), between
    two real words, and outside a dotted abbreviation (another dot in the same token).
    A slash between the stop and the next word (``شمال شرقي بغداد./وقالت المصادر``) and a
    space before the stop (``غربي العراق .وأفاد مصدر``) are a scraper's leftovers: the
    stop still ends the sentence (dev snn-a1b758ba291a, snn-a51643658e5a: a summary toll
    and its detail read as one sentence and added up)."""
    first = j + 1 if text[j] == "/" else j
    k = first
    while k < line_end and _is_arabic_letter(text[k]):
        k += 1
    if k - first < GLUED_MIN_NEXT_LETTERS or (k < line_end and text[k] == "."):
        return False
    b = i
    while b > line_start and text[b - 1] in CLOSERS:
        b -= 1
    if b > line_start + 1 and text[b - 1] == " " and _is_arabic_letter(text[b - 2]):
        b -= 1
    a = b
    while a > line_start and text[a - 1].isalpha():
        a -= 1
    if b - a < GLUED_MIN_LETTERS or (a > line_start and text[a - 1] == "."):
        return False
    return not (text[i] == "." and _is_abbreviation(text, i, line_start))


def _boundary(text: str, i: int, j: int, start: int, line_start: int, line_end: int) -> bool:
    """Does the terminator run ``text[i:j]`` end the sentence that began at ``start``?"""
    glued = j < line_end and not text[j].isspace()
    if glued and not _glued(text, i, j, line_start, line_end):
        return False  # 3.5, 1.200, example.com, أ.ف.ب, د.ناصر
    if text[i] == SEMICOLON and _continues(text, j, line_end):
        return False  # ؛ ما أدى إلى مقتل، ؛ إثر حادث: an act and its toll or cause
    if text.startswith(ELLIPSES, i):
        if len(text[start:i].split()) < ELLIPSIS_MIN_WORDS or _continues(text, j, line_end):
            return False  # a headline's pause (دير الزور.. هجمات), or a clause going on
    elif not glued and text[i] == "." and _is_abbreviation(text, i, line_start):
        return False
    return not _holds_open(text, start, j, line_end)


def _spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    line_start = 0
    n = len(text)
    while line_start <= n:
        line_end = text.find("\n", line_start)
        if line_end < 0:
            line_end = n
        start = line_start
        for m in _RUN_RE.finditer(text, line_start, line_end):
            i, j = m.span()
            if _boundary(text, i, j, start, line_start, line_end):
                if j < line_end and text[j] == "/":
                    j += 1  # ``بغداد./وقالت``: the slash stays with the stop
                spans.append((start, j))
                start = j
        spans.append((start, line_end))
        line_start = line_end + 1
    return spans


def split_sentences(text: str, *, doc_id: str) -> tuple[Sentence, ...]:
    """Split ``text`` into sentences; ``text[s.start:s.end] == s.text`` for each.

    Surrounding whitespace is not part of a sentence; pieces with no letter or
    digit (a stray quote mark, a lone bullet) are not sentences.
    """
    out: list[Sentence] = []
    for a, b in _spans(text):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        piece = text[a:b]
        if any(c.isalnum() for c in piece):
            out.append(Sentence(doc_id=doc_id, index=len(out), start=a, end=b, text=piece))
    return tuple(out)
