"""Arabic text handling for place matching: folding, tokens with offsets, proclitics.

Kept separate from :mod:`rasd.clean.normalize` because geocoding needs token-level
folding with the token's offsets in the original text (so mentions carry
exact spans) and its own extra variants: names written with or without a
space (``ديرالزور``), proclitics glued to the name (``وبالباغوز``), the
article dropped after ``لل`` (``للرقة``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

# Harakat, tanween, shadda, sukun, superscript alef, Quranic marks, tatweel.
_DROP = "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670\u0640" + "".join(
    chr(c) for c in range(0x06D6, 0x06EE)
)
_TABLE: dict[int, str | None] = {ord(c): None for c in _DROP}
_TABLE.update({ord(c): "ا" for c in "أإآٱٲٳ"})
_TABLE.update({
    ord("ى"): "ي", ord("ئ"): "ي", ord("ی"): "ي", ord("ێ"): "ي", ord("ة"): "ه",
    ord("ۀ"): "ه", ord("ؤ"): "و", ord("ک"): "ك", ord("ڤ"): "ف", ord("گ"): "ك",
    ord("\u200c"): None, ord("\u200d"): None, ord("\u200f"): None, ord("\u200e"): None,
})
_TABLE.update({0x0660 + i: str(i) for i in range(10)})
_TABLE.update({0x06F0 + i: str(i) for i in range(10)})

# One token: a run of Arabic letters (with their diacritics and tatweel) or of
# Latin letters/digits. Punctuation, quotes and spaces separate tokens.
_TOKEN = re.compile(
    "[\u0621-\u064a\u064b-\u065f\u0670\u0640\u0671-\u06d3\u06d6-\u06ed\u200c\u200d]+|[A-Za-z0-9]+"
)


def fold(text: str) -> str:
    """Matching key of a name: hamza seats to ا, ى/ئ to ي, ة to ه, ؤ to و,
    diacritics and tatweel removed, whitespace folded."""
    return " ".join(text.translate(_TABLE).split())


def squash(text: str) -> str:
    """``fold`` without spaces: the index key, so ``دير الزور`` = ``ديرالزور``."""
    return fold(text).replace(" ", "")


class Token(NamedTuple):
    start: int
    end: int
    text: str  # as written
    key: str  # folded
    # What separates the token from the next one: any punctuation (quotes
    # too) stops a multi-word name; a clause break (. , ؛ : ( ) newline)
    # also stops the look-back for cue words.
    sep_after: bool
    brk_after: bool


_SEP = re.compile(r"[^\s]")
_BREAK = re.compile(r"[.,،؛;:!?؟()\[\]{}\n|]")


def tokenize(text: str) -> list[Token]:
    """Word tokens of ``text`` with offsets, folded keys and what separates them."""
    out: list[Token] = []
    matches = list(_TOKEN.finditer(text))
    n = len(matches)
    for i, m in enumerate(matches):
        end = m.end()
        nxt = matches[i + 1].start() if i + 1 < n else len(text)
        word = m.group()
        if nxt - end == 1 and text[end] in " _":  # the usual case, no regex needed
            # "_" joins the words of a hashtag (#دير_الزور) as a space would.
            sep = brk = False
        else:
            gap = text[end:nxt]
            sep, brk = bool(_SEP.search(gap)), bool(_BREAK.search(gap))
        # A token holds no whitespace, so translating is all fold() would do.
        out.append(Token(m.start(), end, word, word.translate(_TABLE), sep, brk or i + 1 == n))
    return out


# Proclitics that attach to a name, longest first. The conjunctions و/ف and the
# prepositions ب/ل/ك combine (وب، فل، وك …); لل is ل + the article.
_PROCLITICS = ("وبال", "فبال", "وكال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل",
               "وب", "فب", "ول", "فل", "وك", "فك", "و", "ف", "ب", "ل", "ك")
# Proclitics that mean "in" (ب) and so act as a place cue themselves.
IN_CLITICS = frozenset({"ب", "وب", "فب", "بال", "وبال", "فبال"})


@lru_cache(maxsize=1 << 16)
def proclitic_splits(key: str, *, min_stem: int = 3) -> tuple[tuple[str, str, int], ...]:
    """Ways to read a folded token as proclitic + name: ``[(clitic, stem, consumed), …]``.

    The unsplit reading comes first. Clitics ending in the article (``بال``)
    keep it on the stem (``الباغوز``); ``لل`` gives back the article that the
    spelling swallows (``للرقه`` → ``الرقه``). ``consumed`` is how many
    letters of the written token the clitic takes.
    """
    out = [("", key, 0)]
    for c in _PROCLITICS:
        if not key.startswith(c) or len(key) - len(c) < min_stem:
            continue
        if c.endswith("لل"):
            out.append((c[:-1], "ال" + key[len(c):], len(c) - 1))
        elif c.endswith("ال"):
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


def letter_offset(written: str, letters: int) -> int:
    """Offset in ``written`` after its first ``letters`` letters (diacritics skipped)."""
    if letters <= 0:
        return 0
    seen = 0
    for i, ch in enumerate(written):
        if ch.translate(_TABLE):
            seen += 1
            if seen == letters:
                j = i + 1
                while j < len(written) and not written[j].translate(_TABLE):
                    j += 1
                return j
    return len(written)


def article_variants(key: str) -> list[str]:
    """A name with and without the article: ``سوسه`` ↔ ``السوسه``."""
    if key.startswith("ال") and len(key) > 4:
        return [key, key[2:]]
    return [key, "ال" + key]
