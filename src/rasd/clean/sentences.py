"""Sentence splitting for Arabic news text, with exact offsets.

Sentences end at a line break, and at ``.`` ``!`` ``?`` ``؟`` ``؛`` followed
by whitespace (with any closing quotes or brackets kept in the sentence).
A full stop does not end a sentence inside a number (``3.5``, ``1.200``, no
space follows), after an abbreviation (``د.``, ``U.S.``, ``أ.ف.ب``, any
single letter; the list is ``data/clean_abbreviations.txt``), or in a run of
dots (``..`` is a pause in Arabic headlines, ``...`` an ellipsis). A
terminator inside a quotation or parenthesis that closes later on the same
line does not end the sentence either, so a quoted statement of two
sentences stays with the verb that introduces it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from rasd.models import Sentence

# A terminator and whatever terminators and closing quotes/brackets follow it.
_RUN_RE = re.compile("[.!?؟؛][.!?؟؛\"')\\]}»”’]*")
_OPENERS = "\"'([{«“‘"
# A quotation or parenthesis still open at a terminator must close within
# this many characters on the same line to hold the sentence together; an
# unbalanced quote mark must not swallow the rest of a long paragraph.
QUOTE_LOOKAHEAD = 300
_DOTTED_INITIALS_RE = re.compile(r"^(?:\w\.)+\w$")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    res = resources.files("rasd").joinpath("data/clean_abbreviations.txt")
    words = set()
    for raw in res.read_text(encoding="utf-8").splitlines():
        word = raw.strip()
        if word and not word.startswith("#"):
            words.add(word.replace("\u0640", "").lower())
    return frozenset(words)


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


def _boundary(text: str, i: int, j: int, start: int, line_start: int, line_end: int) -> bool:
    """Does the terminator run ``text[i:j]`` end the sentence that began at ``start``?"""
    if j < line_end and not text[j].isspace():
        return False  # 3.5, 1.200, example.com, أ.ف.ب
    if text[i] == "." and (text.startswith("..", i) or _is_abbreviation(text, i, line_start)):
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
