"""Arabic text handling for place matching: folding, tokens with offsets, proclitics.

Geocoding needs token-level folding with the token's offsets in the original text
(so mentions carry exact spans) and its own variants: names written with or
without a space (``ديرالزور``), proclitics glued to the name (``وبالباغوز``), the
article dropped after ``لل`` (``للرقة``). All of it is the one analysis layer's
(:mod:`rasd.clean.analysis`: the ``key`` fold, the place tokens, the proclitic list);
this module names it for the geocoder.
"""

from __future__ import annotations

from rasd.clean.analysis import (
    IN_CLITICS,
    article_variants,
    fold,
    letter_offset,
    proclitic_splits,
    squash,
)
from rasd.clean.analysis import PlaceToken as Token
from rasd.clean.analysis import place_tokens as tokenize

__all__ = ["IN_CLITICS", "Token", "article_variants", "fold", "letter_offset",
           "proclitic_splits", "squash", "tokenize"]
