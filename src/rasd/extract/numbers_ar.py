"""Arabic counts as news writes them: digits, number words, and vague plurals.

Shared by date resolution and fatality parsing. Everything works on a folded
copy of the text that keeps a map back to the original offsets, so a mention
always points at the characters an analyst sees.

Folding is deliberately one character in, at most one character out (hamza
seats -> ا, ى/ئ -> ي, ة -> ه, ؤ -> و, Arabic-Indic digits -> ASCII; diacritics
and tatweel dropped), which is what keeps the offset map trivial.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = [
    "NumberMention",
    "Token",
    "find_numbers",
    "fold",
    "fold_with_offsets",
    "load_tsv",
    "may_start_number",
    "parse_number",
    "parse_number_at",
    "tokenize",
]

_DATA = Path(__file__).resolve().parents[1] / "data"

_FOLD: dict[int, str | None] = {c: None for c in range(0x064B, 0x0653)}  # harakat, tanween
_FOLD.update({0x0670: None, 0x0640: None})  # superscript alef, tatweel
_FOLD.update({ord(c): "ا" for c in "أإآٱ"})
_FOLD.update({ord("ى"): "ي", ord("ئ"): "ي", ord("ی"): "ي", ord("ة"): "ه", ord("ؤ"): "و"})
_FOLD.update({ord("٬"): ",", ord("٫"): ".", ord("٪"): "%"})
_FOLD.update({0x0660 + i: str(i) for i in range(10)})
_FOLD.update({0x06F0 + i: str(i) for i in range(10)})

# Letters and digits are separate tokens so that ``الـ24`` and ``و5`` split
# into article/conjunction and number. Thousands separators stay inside.
_TOKEN_RE = re.compile(r"[^\W\d_]+|\d+(?:,\d{3})+(?!\d)|\d+|[^\w\s]")


# The same folding as C-level string operations (``str.translate`` with a dict
# looks every character up in Python objects, several times slower on a
# sentence): one regex drops the marks, a few ``replace`` calls swap letters.
_DROPPED = "".join(chr(c) for c, rep in _FOLD.items() if rep is None)
_DROP_RE = re.compile("[" + re.escape(_DROPPED) + "]+")
_SWAPS = tuple((chr(c), rep) for c, rep in _FOLD.items() if rep is not None)
# Swapping in sequence equals swapping at once only while no letter put in is
# itself swapped later.
assert not {rep for _, rep in _SWAPS} & {src for src, _ in _SWAPS}
_SWAP_RE = re.compile("[" + re.escape("".join(src for src, _ in _SWAPS)) + "]")


def fold(text: str) -> str:
    """The matching form of ``text`` (no offset map)."""
    out = _DROP_RE.sub("", text)
    if _SWAP_RE.search(out):
        for src, rep in _SWAPS:
            if src in out:
                out = out.replace(src, rep)
    return out


def fold_with_offsets(text: str) -> tuple[str, Sequence[int]]:
    """Fold ``text``; ``offsets[i]`` is the original index of folded char ``i``.

    The map has one extra entry (``len(text)``) so an exclusive end maps too.
    """
    folded = fold(text)
    if len(folded) == len(text):
        # Nothing dropped (most sentences have no diacritics): one in, one out, and
        # the identity map is a range (no tuple of every offset built per sentence).
        return folded, range(len(text) + 1)
    dropped = _DROPPED
    offsets = [i for i, ch in enumerate(text) if ch not in dropped]
    offsets.append(len(text))
    return folded, tuple(offsets)


@dataclass(frozen=True, slots=True)
class Token:
    """A word, number or punctuation mark: original span and folded form."""

    start: int
    end: int
    norm: str


def _end(text: str, end: int) -> int:
    """Pull an end back over whitespace that dropped characters left between words."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def tokenize(text: str) -> list[Token]:
    folded, offsets = fold_with_offsets(text)
    return [
        # The end is the next kept character: diacritics after the last
        # letter belong to the word.
        Token(offsets[m.start()], _end(text, offsets[m.end()]), m.group())
        for m in _TOKEN_RE.finditer(folded)
    ]


@cache
def load_tsv(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of ``rasd/data/<name>``: tab-separated, ``#`` comments, first column folded."""
    raw = (_DATA / name).read_text(encoding="utf-8")
    rows: list[tuple[str, ...]] = []
    for line in raw.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        rows.append((fold(cols[0].strip()), *(c.strip() for c in cols[1:])))
    return tuple(rows)


@cache
def _words() -> dict[str, tuple[int, str]]:
    return {row[0]: (int(row[1]), row[2]) for row in load_tsv("numbers_ar.tsv")}


# Words that open a conjunct and may glue to a number word: و + خمسين.
_CONJ = "و"


def _word(norm: str) -> tuple[int, str] | None:
    return _words().get(norm)


def may_start_number(norm: str) -> bool:
    """False when :func:`parse_number_at` cannot find a count at a token of this
    form (neither digits nor a number word): most tokens, skipped without parsing."""
    return norm[:1].isdigit() or norm in _words()


def _digits(norm: str) -> int | None:
    if not norm[:1].isdigit():
        return None
    return int(norm.replace(",", ""))


@dataclass(frozen=True, slots=True)
class _Part:
    value: int
    kind: str
    first: int  # token index
    last: int


def _component(tokens: list[Token], i: int, *, allow_conj: bool) -> tuple[_Part, bool] | None:
    """One number component at ``tokens[i]`` (possibly a two-word teen/hundreds).

    Returns the part and whether it was introduced by the conjunction و.
    """
    tok = tokens[i].norm
    conj = False
    hit = _word(tok)
    if hit is None and allow_conj and tok.startswith(_CONJ) and len(tok) > 2:
        hit = _word(tok[1:])
        conj = hit is not None
    if hit is None:
        return None
    value, kind = hit
    last = i
    nxt = tokens[i + 1].norm if i + 1 < len(tokens) else ""
    nxt_hit = _word(nxt)
    if kind == "unit" and value < 10 and nxt in ("عشر", "عشره"):
        return _Part(value + 10, "teen", i, i + 1), conj
    if kind == "unit" and nxt_hit is not None:
        nvalue, nkind = nxt_hit
        if nkind == "hundred" and nvalue == 100:
            return _Part(value * 100, "hundred", i, i + 1), conj
        if nkind == "plural":
            return _Part(value * nvalue, "scaled", i, i + 1), conj
    if kind == "teen":  # a bare عشر is not a count on its own
        return None
    if kind == "unit" and tok in ("احد", "احدي", "اثنا", "اثني", "اثنتا", "اثنتي"):
        # Without عشر these are "one of" / construct forms, not standalone counts.
        return None
    return _Part(value, kind, i, last), conj


_ORDER = {"unit": 1, "teen": 1, "tens": 2, "hundred": 3}


def parse_number_at(tokens: list[Token], i: int) -> tuple[int, int, bool] | None:
    """Parse a count starting at ``tokens[i]``.

    Returns ``(value, index after the last token, vague)``. Arabic puts units
    before tens (خمسة وعشرون) and joins every component with و, so components
    of different orders add up; two of the same order (ثلاثة وأربعة) are two
    numbers, not one.
    """
    if i >= len(tokens):
        return None
    tok = tokens[i]
    num = _digits(tok.norm)
    if num is not None:
        end = i + 1
        hit = _word(tokens[end].norm) if end < len(tokens) else None
        if hit is not None and hit[1] in ("plural", "thousand") and hit[0] in (1000, 1000000):
            return num * hit[0], end + 1, False
        return num, end, False
    first = _component(tokens, i, allow_conj=False)
    if first is None:
        return None
    part, _ = first
    if part.kind in ("vague", "plural"):
        value = part.value
        end = part.last + 1
        # عشرات الآلاف: a vague count of a scale.
        hit = _word(tokens[end].norm) if end < len(tokens) else None
        if hit is not None and hit[1] in ("vague", "plural") and hit[0] >= 1000:
            return value * hit[0], end + 1, True
        return value, end, True
    total = 0
    group = 0
    seen: set[int] = set()
    j = i
    current: _Part | None = part
    while current is not None:
        if current.kind in ("thousand", "scaled"):
            if current.kind == "thousand" and current.value in (1000, 1000000):
                total += (group or 1) * current.value
            else:  # a dual (ألفين) or a count with its plural (ثلاثة آلاف) is complete
                total += group + current.value
            group = 0
            seen.clear()
        else:
            order = _ORDER.get(current.kind, 0)
            if order in seen:
                break
            seen.add(order)
            group += current.value
        j = current.last + 1
        if j >= len(tokens):
            break
        # A following scale glues without و (عشرون ألف, مئة ألف).
        nxt = _word(tokens[j].norm)
        if nxt is not None and nxt[1] == "thousand" and nxt[0] in (1000, 1000000) and group:
            current = _Part(nxt[0], "thousand", j, j)
            continue
        comp = _component(tokens, j, allow_conj=True)
        if comp is None or not comp[1] or comp[0].kind in ("vague", "plural"):
            break
        nxt_order = _ORDER.get(comp[0].kind, 0)
        if nxt_order in seen or (group == 0 and total == 0):
            break
        current = comp[0]
    return total + group, j, False


@dataclass(frozen=True, slots=True)
class NumberMention:
    start: int
    end: int
    surface: str
    value: int
    vague: bool  # عشرات/مئات/آلاف: a conventional stand-in, not a stated count


def find_numbers(text: str) -> list[NumberMention]:
    """Every count in ``text``, left to right, longest reading first."""
    tokens = tokenize(text)
    out: list[NumberMention] = []
    i = 0
    while i < len(tokens):
        parsed = parse_number_at(tokens, i)
        if parsed is None and tokens[i].norm.startswith(_CONJ):
            # و + number word opens a new number (وخمسة مدنيين).
            comp = _component(tokens, i, allow_conj=True)
            if comp is not None and comp[1]:
                parsed = _parse_conj(tokens, i)
        if parsed is None:
            i += 1
            continue
        value, end, vague = parsed
        start, stop = tokens[i].start, tokens[end - 1].end
        out.append(NumberMention(start, stop, text[start:stop], value, vague))
        i = end
    return out


def _parse_conj(tokens: list[Token], i: int) -> tuple[int, int, bool] | None:
    """Parse a number whose first word carries the conjunction و."""
    stripped = Token(tokens[i].start, tokens[i].end, tokens[i].norm[1:])
    return parse_number_at([*tokens[:i], stripped, *tokens[i + 1 :]], i)


def parse_number(text: str) -> int | None:
    """The value of ``text`` when all of it is one count, else None."""
    tokens = tokenize(text)
    if not tokens:
        return None
    parsed = parse_number_at(tokens, 0)
    if parsed is None or parsed[1] != len(tokens):
        return None
    return parsed[0]
