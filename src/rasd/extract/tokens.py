"""Word tokens of a sentence with their spans and matching forms.

Extraction reasons over words, not characters: a trigger, a preposition
before an actor, a verb's tense. Arabic glues conjunctions, prepositions and
the article to the word (``وبالباغوز``, ``لتنظيم``, ``للتحالف``), so each
token carries the forms that remain after removing those proclitics; lexicon
patterns match any of them. Offsets always point into the original text.

The tokens are made by the one analysis layer (:mod:`rasd.clean.analysis`), which
analyses a document once for every recogniser; this module names them for the
event coder.
"""

from __future__ import annotations

from rasd.clean.analysis import (
    Token,
    distinct_forms,
    distinct_words,
    forms_of,
    token_at,
    tokenize,
    word_forms,
)

__all__ = ["Token", "distinct_forms", "distinct_words", "forms_of", "token_at", "tokenize",
           "word_forms"]
