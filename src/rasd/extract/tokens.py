"""Word tokens of a sentence with their spans and matching forms.

Extraction reasons over words, not characters: a trigger, a preposition
before an actor, a verb's tense. Arabic glues conjunctions, prepositions and
the article to the word (``وبالباغوز``, ``لتنظيم``, ``للتحالف``), so each
token carries the forms that remain after removing those proclitics; lexicon
patterns match any of them. Offsets always point into the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rasd.clean.normalize import normalize_for_match

# Arabic letters, digits and marks, but not the Arabic comma, semicolon, question mark,
# percent and separators that share their block (``الاقتحام،`` is the word and a comma).
_WORD_RE = re.compile(
    r"[\w\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0750-\u077F]+"
    r"(?:[.,٫][0-9٠-٩]+)*", re.UNICODE)

# Proclitic sequences, longest first. ``لل`` is the preposition li- fused with
# the article; ``ال`` alone is the article.
_PROCLITICS = (
    "وبال", "فبال", "وكال", "وللـ", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل",
    "وب", "وف", "ول", "وك", "فب", "فل", "ال", "و", "ف", "ب", "ل", "ك",
)


@dataclass(frozen=True, slots=True)
class Token:
    index: int
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


@lru_cache(maxsize=65536)
def _forms(norm: str) -> tuple[tuple[str, ...], str]:
    forms = [norm]
    prefix = ""
    for clitic in _PROCLITICS:
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
                restored = "ال" + stem
                if restored not in forms:
                    forms.append(restored)
    return tuple(forms), prefix


@lru_cache(maxsize=131072)
def _analyse(word: str) -> tuple[str, tuple[str, ...], str]:
    # Words repeat (a news corpus is Zipfian), so each is analysed once.
    norm = normalize_for_match(word)
    forms, prefix = _forms(norm)
    return norm, forms, prefix


def distinct_forms(text: str) -> set[tuple[str, ...]]:
    """The matching forms of every distinct word of ``text`` (what ``tokenize`` would
    give its tokens), without building tokens: for quick tests over a whole text."""
    return {_analyse(word)[1] for word in set(_WORD_RE.findall(text))}


def tokenize(text: str, *, offset: int = 0) -> list[Token]:
    """Tokens of ``text``; spans are shifted by ``offset`` (a sentence's start in its document)."""
    tokens: list[Token] = []
    for i, m in enumerate(_WORD_RE.finditer(text)):
        word = m.group(0)
        norm, forms, prefix = _analyse(word)
        tokens.append(Token(index=i, start=m.start() + offset, end=m.end() + offset,
                            text=word, norm=norm, forms=forms, prefix=prefix))
    return tokens


def token_at(tokens: list[Token], char: int) -> int:
    """Index of the first token that ends after ``char`` (len(tokens) if none)."""
    lo, hi = 0, len(tokens)
    while lo < hi:
        mid = (lo + hi) // 2
        if tokens[mid].end <= char:
            lo = mid + 1
        else:
            hi = mid
    return lo
