"""Village names that the news mostly writes as ordinary words.

The village-level data (Who's On First) holds thousands of one-word names that
are also Arabic words (``علي`` is how "على" folds, ``السلام``، ``الحرب`` …). The
counts in ``data/geo_word_counts.tsv`` (built by ``scripts/build_geo_words.py``)
say how often each such name occurs in a year of news and how often a naming
feature word (قرية، بلدة …) stands before it. A name written often and seldom
after a feature word is a word first: a village-level place of that name needs a
feature word before it. Curated places and towns from the older sources keep
the homograph list's rules.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rasd.errors import GazetteerError
from rasd.models import Place

WORDS_PATH = Path(__file__).resolve().parents[1] / "data" / "geo_word_counts.tsv"
# A name is a word when it occurs at least this often ...
WORD_MIN_COUNT = 20
# ... and less than this share of its occurrences follow a feature word.
WORD_MAX_CUED = 0.25
# A name seen this often and as seldom cued is word enough to head a
# description ("أرجل الماعز", "سهل الزبداني"): see :func:`default_nouns`.
NOUN_MIN_COUNT = 5
# Id prefixes of the village-level sources (no population, many namesakes).
VILLAGE_SOURCES = ("wof:", "compound:")


def is_village_level(p: Place) -> bool:
    return p.id.startswith(VILLAGE_SOURCES)


def read_words(path: Path = WORDS_PATH, min_count: int = WORD_MIN_COUNT) -> frozenset[str]:
    """Folded names that read as words (both article forms), from the counts file:
    seen at least ``min_count`` times, under a quarter of them after a feature word."""
    if not path.exists():
        return frozenset()
    out: set[str] = set()
    try:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#") or line.startswith("word\t"):
                continue
            word, count, cued = line.split("\t")
            n, c = int(count), int(cued)
            if n >= min_count and c < WORD_MAX_CUED * n:
                out.add(word)
                out.add(word[2:] if word.startswith("ال") else "ال" + word)
    except ValueError as exc:
        raise GazetteerError(f"{path}: bad row: {exc}") from exc
    return frozenset(out)


@cache
def default_words() -> frozenset[str]:
    return read_words()


@cache
def default_nouns() -> frozenset[str]:
    """Names the news writes as words, counted from fewer occurrences than
    :func:`default_words`: enough to read "X <definite word>" as a noun in
    construct (a description), not enough to ask every mention for a feature word."""
    return read_words(min_count=NOUN_MIN_COUNT)
