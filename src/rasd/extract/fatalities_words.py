"""The fatality vocabulary: the words that report deaths and injuries, and how a word is
looked up in it.

Read from the package's data files (``fatalities_cues.tsv``, ``fatalities_nouns.tsv``,
``fatalities_modifiers.tsv``, ``fatalities_context.tsv``) once per process. A word is
looked up as written and after a glued conjunction or preposition (:func:`glued_stems`).
:class:`rasd.extract.fatalities_reader.Reader` reads a sentence with it;
:func:`might_report` lets a caller skip text with no such word at all.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from rasd.extract.numbers_ar import fold, load_tsv

_PREFIXES = ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل")


@cache
def cue_phrases() -> dict[tuple[str, ...], tuple[str, str, int | None]]:
    out: dict[tuple[str, ...], tuple[str, str, int | None]] = {}
    for row in load_tsv("fatalities_cues.tsv"):
        default = int(row[3]) if len(row) > 3 and row[3] else None
        out[tuple(row[0].split())] = (row[1], row[2], default)
    return out


@cache
def nouns() -> dict[str, str]:
    listed = {row[0]: row[1] for row in load_tsv("fatalities_nouns.tsv")}
    table = dict(listed)
    for word, count in listed.items():
        # Singulars also stand in the accusative after 11-99 (20 طالبا, 15 عنصرا).
        if count == "1" and not word.endswith(("ا", "ه")):
            table.setdefault(word + "ا", count)
        # A dual names two people with or without the article (مقتل الجنديين، قتل
        # الشرطيان); the nominative -ان of a singular is a dual whatever the stem.
        duals = [word] if count == "2" else (
            [word + "ان"] if count == "1" and not word.startswith("ال")
            and not word.endswith(("ا", "ه")) else [])
        for dual in duals:
            table.setdefault(dual, "2")
            if not dual.startswith("ال"):
                table.setdefault("ال" + dual, "2")
    return table


@cache
def modifier_phrases() -> tuple[tuple[str, ...], ...]:
    phrases = {tuple(row[0].split()) for row in load_tsv("fatalities_modifiers.tsv")}
    return tuple(sorted(phrases, key=len, reverse=True))


@cache
def context_roles() -> dict[str, frozenset[str]]:
    roles: dict[str, set[str]] = {}
    for row in load_tsv("fatalities_context.tsv"):
        roles.setdefault(row[0], set()).add(row[1])
    return {word: frozenset(r) for word, r in roles.items()}


@cache
def _hint() -> re.Pattern[str]:
    words = {phrase[0] for phrase, (family, _, _) in cue_phrases().items() if family != "block"}
    return re.compile("|".join(sorted(words, key=len, reverse=True)))


def might_report(text: str) -> bool:
    """A cheap test: False when no death or injury word occurs anywhere in ``text``."""
    return _hint().search(fold(text)) is not None


def glued_stems(norm: str) -> list[str]:
    """``norm`` and what is left after a glued conjunction or preposition."""
    out = [norm]
    for p in _PREFIXES:
        if norm.startswith(p) and len(norm) - len(p) >= 3:
            out.append(norm[len(p) :])
    return out


@cache
def _cue_firsts() -> frozenset[str]:
    return frozenset(phrase[0] for phrase in cue_phrases())


@lru_cache(maxsize=65536)
def cue_openers(norm: str) -> tuple[tuple[int, str], ...]:
    """(position in ``glued_stems(norm)``, stem) of the stems that open some cue phrase.

    Empty for almost every word, so most tokens are ruled out with one lookup.
    """
    firsts = _cue_firsts()
    return tuple((n, stem) for n, stem in enumerate(glued_stems(norm)) if stem in firsts)
