"""The proclitics and letter foldings that every word view of a document shares.

One list of proclitics (:data:`PROCLITICS`: conjunctions, prepositions, the article)
with each recogniser's named subset of it, and the foldings a word is compared in:
:func:`fold` (the gazetteer's key), :func:`squash`, :func:`fold_token` (the actor
dictionary's spelling folds). :mod:`rasd.clean.analysis` builds its token views on
these and re-exports them, so recognisers import them from there.
"""

from __future__ import annotations

from functools import lru_cache

# --------------------------------------------------------------------- proclitics

CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ل", "ك")
ARTICLE = "ال"


def _proclitics() -> tuple[str, ...]:
    """Every proclitic sequence, longest first: conjunction, preposition, article
    (``لل`` is li- fused with the article), and ``وف`` and ``وللـ`` as news writes them."""
    out: list[str] = []
    for conj in ("", *CONJUNCTIONS):
        for prep in ("", *PREPOSITIONS):
            out.append(conj + prep)
            # With the article: ``بال``, ``وال``; li- swallows the article's alef (``لل``).
            out.append(conj + ("لل" if prep == "ل" else prep + ARTICLE))
    out += ["وف", "وللـ"]
    # Longest first; of one length only one can begin a word, so their order is moot.
    return tuple(sorted(dict.fromkeys(c for c in out if c), key=len, reverse=True))


PROCLITICS = _proclitics()
# Kept as each recogniser was built with (its tests and the corpus output depend on
# them): the event coder's words never split off ``فك``/``فكال``; place names never
# lose an article alone (the gazetteer indexes both article forms) nor ``وف``.
WORD_PROCLITICS = tuple(c for c in PROCLITICS if c not in ("فك", "فكال"))
PLACE_PROCLITICS = tuple(c for c in PROCLITICS if c not in (ARTICLE, "وف", "وللـ", "فكال"))
# Proclitics that mean "in" (ب) and so act as a place cue themselves.
IN_CLITICS = frozenset(c for c in PLACE_PROCLITICS if "ب" in c)


def _by_initial(clitics: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The clitics by their first letter, each group in the list's order: a word is
    compared only with the clitics that can begin it (every new word of a corpus is)."""
    out: dict[str, list[str]] = {}
    for c in clitics:
        out.setdefault(c[0], []).append(c)
    return {k: tuple(v) for k, v in out.items()}


WORD_BY_INITIAL = _by_initial(WORD_PROCLITICS)
PLACE_BY_INITIAL = _by_initial(PLACE_PROCLITICS)

# --------------------------------------------------------------------- folding

# Harakat, tanween, shadda, sukun, superscript alef, Quranic marks, tatweel.
_DROP = "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670\u0640" + "".join(
    chr(c) for c in range(0x06D6, 0x06EE)
)
FOLD_TABLE: dict[int, str | None] = {ord(c): None for c in _DROP}
FOLD_TABLE.update({ord(c): "ا" for c in "أإآٱٲٳ"})
FOLD_TABLE.update({
    ord("ى"): "ي", ord("ئ"): "ي", ord("ی"): "ي", ord("ێ"): "ي", ord("ة"): "ه",
    ord("ۀ"): "ه", ord("ؤ"): "و", ord("ک"): "ك", ord("ڤ"): "ف", ord("گ"): "ك",
    ord("\u200c"): None, ord("\u200d"): None, ord("\u200f"): None, ord("\u200e"): None,
})
FOLD_TABLE.update({0x0660 + i: str(i) for i in range(10)})
FOLD_TABLE.update({0x06F0 + i: str(i) for i in range(10)})


def fold(text: str) -> str:
    """Matching key of a name: hamza seats to ا, ى/ئ to ي, ة to ه, ؤ to و,
    diacritics and tatweel removed, whitespace folded."""
    return " ".join(text.translate(FOLD_TABLE).split())


def squash(text: str) -> str:
    """``fold`` without spaces: the index key, so ``دير الزور`` = ``ديرالزور``."""
    return fold(text).replace(" ", "")


def letter_offset(written: str, letters: int) -> int:
    """Offset in ``written`` after its first ``letters`` letters (diacritics skipped)."""
    if letters <= 0:
        return 0
    seen = 0
    for i, ch in enumerate(written):
        if ch.translate(FOLD_TABLE):
            seen += 1
            if seen == letters:
                j = i + 1
                while j < len(written) and not written[j].translate(FOLD_TABLE):
                    j += 1
                return j
    return len(written)


def article_variants(key: str) -> list[str]:
    """A name with and without the article: ``سوسه`` ↔ ``السوسه``."""
    if key.startswith(ARTICLE) and len(key) > 4:
        return [key, key[2:]]
    return [key, ARTICLE + key]


_TOKEN_FOLDS = (("ميليشي", "مليشي"), ("اميرك", "امريك"))


@lru_cache(maxsize=32768)
def fold_token(tok: str) -> str:
    """Spelling folds beyond ``normalize_for_match`` that Arabic news mixes freely
    (the actor dictionary's ``folded`` form of a word)."""
    for a, b in _TOKEN_FOLDS:
        if a in tok:
            tok = tok.replace(a, b)
    if tok == "سوريه":  # the country, not the adjective السورية
        return "سوريا"
    # Sound masculine plural: nominative ون and oblique ين are one word here.
    if len(tok) >= 5 and tok.endswith("ون"):
        return tok[:-2] + "ين"
    return tok
