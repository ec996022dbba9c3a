"""The geocoder's match records and what happens to them after resolution.

A :class:`Hit` is one gazetteer name found in the token stream, with the cue
words read around it; the helpers turn resolved hits into the mention fields
(canonical cue, matched name) and fold region phrases onto their anchors.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from rasd.clean.word_sets import word_set
from rasd.geo.text import IN_CLITICS, Token, squash
from rasd.models import Place, PlaceMention


@dataclass
class Hit:
    """One gazetteer name found in the tokens, before it is resolved."""

    i: int  # first token
    j: int  # one past the last token
    clitic: str
    consumed: int  # letters of token i the clitic takes
    key: str  # squashed name key
    places: list[Place]
    alt: bool  # matched only with the article added/dropped
    fuzzy: float = 1.0  # Jaro-Winkler similarity for fuzzy hits
    feature: str | None = None
    relations: list[str] = field(default_factory=list)
    dir_adj: bool = False


def canonical_cue(relations: Sequence[str], clitic: str) -> str | None:
    rel = ["قرب" if r in ("القرب", "مقربه") else r for r in relations]
    if "قرب" in rel:
        return "قرب"
    if rel:
        return " ".join(dict.fromkeys(rel))
    if clitic in IN_CLITICS:
        return "في"
    return None


def matched_name(p: Place, key: str) -> str:
    """The gazetteer name (display name or alias) that a hit's key matched."""
    toggled = key[2:] if key.startswith("ال") else "ال" + key
    for name in (p.name_ar, *p.aliases):
        if squash(name) in (key, toggled):
            return name
    return p.name_ar


DIRECTIONS = word_set("direction")


def anchor_regions(found: list[tuple[Hit, PlaceMention]],
                    toks: list[Token]) -> list[PlaceMention]:
    """"بادية الشام جنوب شرق دير الزور": a vast region placed relative to a
    named place is coded at that place, with the region's precision."""
    out: list[PlaceMention] = []
    skip: set[int] = set()
    for n, (h, m) in enumerate(found):
        if n in skip:
            continue
        if m.place.kind == "region" and n + 1 < len(found):
            h2, m2 = found[n + 1]
            between = toks[h.j:h2.i]
            if (0 < len(between) <= 3 and not any(t.brk_after for t in toks[h.j - 1:h2.i])
                    and all(t.key in DIRECTIONS for t in between)):
                out.append(replace(m2, precision=max(m.precision, m2.precision)))
                skip.add(n + 1)
                continue
        out.append(m)
    return out
