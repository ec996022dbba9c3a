"""Text normalisation: one display-preserving form and one aggressive matching key.

``normalize_text`` is what cleaning writes into ``Document.clean_text``: it
only removes invisible noise (tatweel, zero-width and bidi controls), unifies
quotes and spaces, and undoes Arabic presentation forms that some sites emit.
Letters and diacritics are left alone, so evidence quoted from it still reads
as the article did.

``normalize_for_match`` is a lossy key for comparing strings (gazetteer
names, actor aliases, chrome lines, gold vs prediction): spelling variants
that Arabic news writes interchangeably (hamza seats, final yeh/alef maqsura,
ta marbuta/heh, Arabic-Indic digits) collapse to one form. Never show it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TATWEEL = "\u0640"
# Zero-width and bidi-control characters: invisible, but they split words for
# every string comparison downstream.
_INVISIBLE = (
    "\u00ad"  # soft hyphen
    "\u061c"  # Arabic letter mark
    "\u180e"  # Mongolian vowel separator
    "\u200b\u200c\u200d\u200e\u200f"  # ZWSP, ZWNJ, ZWJ, LRM, RLM
    "\u202a\u202b\u202c\u202d\u202e"  # LRE, RLE, PDF, LRO, RLO
    "\u2060\u2061\u2062\u2063\u2064"  # word joiner, invisible operators
    "\u2066\u2067\u2068\u2069"  # LRI, RLI, FSI, PDI
    "\ufeff"  # BOM / zero-width no-break space
)
_DOUBLE_QUOTES = "«»“”„‟″〝〞＂❝❞"
_SINGLE_QUOTES = "‘’‚‛′‹›❛❜"
# Space-like characters that render as one space; tabs and form feeds too.
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
    "\u202f\u205f\u3000\t\x0b\x0c"
_NEWLINES = "\u2028\u2029\x85"

_CONTROLS = "".join(
    chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)] if c not in (0x09, 0x0A, 0x0B, 0x0C, 0x85)
)
_TEXT_MAP: dict[str, str] = {c: "" for c in _INVISIBLE + _TATWEEL + _CONTROLS}
_TEXT_MAP.update({c: '"' for c in _DOUBLE_QUOTES})
_TEXT_MAP.update({c: "'" for c in _SINGLE_QUOTES})
_TEXT_MAP.update({c: " " for c in _SPACES})
_TEXT_MAP.update({c: "\n" for c in _NEWLINES})
_TEXT_MAP["\r"] = "\n"  # a lone CR; CRLF is replaced before the scan
# One scan finds every character normalize_text changes; the few runs found
# are rewritten in Python. (A regex per replacement, or str.translate with a
# dict, costs several times more on long articles.)
_SPECIAL_RE = re.compile(
    "[" + re.escape("".join(_TEXT_MAP)) + "\ufb50-\ufdff\ufe70-\ufefc]+"
)


def _rewrite(match: re.Match[str]) -> str:
    out = []
    for c in match.group(0):
        mapped = _TEXT_MAP.get(c)
        if mapped is None:  # a presentation form: NFKC gives the letters it draws
            mapped = unicodedata.normalize("NFKC", c)
        out.append(mapped)
    return "".join(out)


# Harakat, tanween, shadda, sukun, superscript alef, Quranic annotation marks.
_DIACRITICS = "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670" + "".join(
    chr(c) for c in range(0x06D6, 0x06EE) if c not in (0x06E5, 0x06E6)
)
_FOLDS = {
    **{c: "ا" for c in "أإآٱٲٳ"},
    "ى": "ي",
    "ئ": "ي",
    "ی": "ي",  # Persian yeh
    "ێ": "ي",
    "ة": "ه",
    "ۀ": "ه",
    "ؤ": "و",
    "ک": "ك",  # keheh
    "٫": ".",  # Arabic decimal separator
    "٬": ",",  # Arabic thousands separator
    "٪": "%",
    **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
    **{chr(0x06F0 + i): str(i) for i in range(10)},  # Persian digits
}
_DIACRITICS_RE = re.compile("[" + _DIACRITICS + "]+")
_FOLD_RE = re.compile("[" + re.escape("".join(_FOLDS)) + "]")


def _fold(text: str) -> str:
    out = _DIACRITICS_RE.sub("", text)
    if _FOLD_RE.search(out):
        # A handful of C-level replaces beats a per-character table lookup.
        for src, dst in _FOLDS.items():
            if src in out:
                out = out.replace(src, dst)
    return out


def normalize_text(text: str) -> str:
    """Display-preserving normalisation for cleaning.

    NFC (so a decomposed hamza equals the precomposed letter), presentation
    forms to letters, tatweel and invisible controls removed, typographic
    quotes to ``"`` and ``'``, odd spaces to a plain space, ``\\r\\n`` and
    ``\\r`` to ``\\n``. Diacritics, letters, punctuation (Arabic comma and
    semicolon included) and line structure are kept.
    """
    if not text:
        return ""
    out = unicodedata.normalize("NFC", text)
    if "\r\n" in out:
        out = out.replace("\r\n", "\n")
    return _SPECIAL_RE.sub(_rewrite, out)


# Texts up to this long are remembered: extraction asks for the key of one
# sentence several times (the headline check, the death-word filter), and
# words repeat. Longer texts (whole articles) are rarely asked twice.
_MEMO_MAX_CHARS = 1000


def normalize_for_match(text: str) -> str:
    """Aggressive matching key: ``normalize_text`` then spelling variants folded.

    Diacritics removed; أ إ آ ٱ -> ا, ى and ئ -> ي, ة -> ه, ؤ -> و;
    Arabic-Indic and Persian digits -> ASCII; Latin lower-cased; every run of
    whitespace (newlines included) folded to one space and the ends stripped.
    """
    if len(text) > _MEMO_MAX_CHARS:
        return fold_normalized(normalize_text(text))
    return _memo_match_key(text)


@lru_cache(maxsize=8192)
def _memo_match_key(text: str) -> str:
    return fold_normalized(normalize_text(text))


def fold_normalized(text: str) -> str:
    """``normalize_for_match`` of text that has been through ``normalize_text`` already.

    Saves the second normalize_text pass when one text is both kept for
    display and compared (cleaning does both to every line).
    """
    out = _fold(text).lower()
    # Most texts have single spaces only: then splitting and joining again would
    # copy the text for nothing. (Every whitespace character but the ASCII space
    # is non-printable, so a printable text has no other.)
    if out.isprintable() and "  " not in out and out[:1] != " " and out[-1:] != " ":
        return out
    return " ".join(out.split())


def fold_letters(text: str) -> str:
    """Only the letter folding of ``normalize_for_match``: no case, space or NFC changes.

    Safe on regular expressions (it touches no ASCII character), which is how
    rule files written with hamza and ta marbuta are matched against keys.
    """
    return _fold(text)
