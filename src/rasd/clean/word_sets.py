"""Word sets the rules test a word against: ``data/word_sets.tsv``, checked as it loads.

A rule that asks "is this word one of these" (``بعد``, ``إثر``, ``عقب``, ``أعقاب`` before a
death; the units of a stated distance) reads its words from the file by kind, not from a
table in code, so a coder extends them without touching code and every word has its
provenance beside it. The file is read like the trigger and cue files
(``rasd.extract.lexicon``): tab-separated ``kind<TAB>word`` rows, ``#`` comments, each
word folded to matching form (:func:`rasd.clean.normalize.normalize_for_match`). An
unknown kind, a row of other than two columns, an entry that is not one word (no
``*``, ``~`` or second word: a set is tested by equality) or a word given twice stops
with an :class:`ExtractError` naming the file and line.

It sits in this layer, under the geocoder, the event coder and the merge, because all
three read it (``tests/test_layers.py``: the geocoder may not import the extraction
package, where the cue lexicon lives).
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache
from importlib import resources
from pathlib import Path

from rasd.clean.normalize import normalize_for_match
from rasd.errors import ExtractError

WORDS_FILE = "word_sets.tsv"
# The kinds of the file (first column); the file's comments say what each is for and
# which module reads it.
WORD_KINDS = frozenset({
    "after", "aircraft", "alongside_link", "alongside_opener", "also", "answer_preposition",
    "area", "before_act", "attribution", "between", "border_side", "city_feature", "compass",
    "compass_adverb", "complementiser", "connector", "contrastive", "count_word",
    "day_after", "demonstrative", "died", "direction", "direction_adjective",
    "distance_unit", "distance_verb", "doing_verb", "dual_relative", "duration", "earlier",
    "event_relative", "facility", "force_noun", "front_link", "fuzzy_feature",
    "geo_event_word", "given_name_adjective", "governorate_feature", "killed_verb",
    "list_feature", "locative", "loose_feature", "measure_verb", "member_noun", "name_head",
    "naming_feature", "national_unit", "never_place", "now_word", "office_unit",
    "other_side", "own_country", "pair_side", "past_unit", "past_word", "person_before",
    "person_head", "place_noun",
    "placing_relation", "prospect", "quantity_word", "quarter", "quarter_feature",
    "range_head", "relative_link", "relative_pronoun", "result_link", "retaliation",
    "same_word", "scene_relation", "sentence_relative", "settlement", "side_east",
    "side_north", "side_south", "side_west", "skip_back", "span_frame", "statement_medium",
    "street_head", "strong_relation", "subject_opener", "suspect_word", "take_noun",
    "time_word", "to_anchor", "to_country", "told_attack", "umbrella_head", "unit_feature",
    "unit_word", "year_preposition",
})
# One word in matching form: letters and digits only (folding drops the diacritics).
_WORD = re.compile(r"\w+")


def read_word_sets(path: Path | None = None) -> dict[str, frozenset[str]]:
    """The word sets of ``path`` (the package's ``word_sets.tsv`` when None) by kind,
    checked as they load (see the module's doc). The package's file must give every
    kind some word: a kind left empty would silently switch its rule off."""
    name = str(path) if path is not None else WORDS_FILE
    text = (path.read_text(encoding="utf-8") if path is not None
            else (resources.files("rasd") / "data" / WORDS_FILE).read_text(encoding="utf-8"))
    sets: dict[str, set[str]] = defaultdict(set)
    seen: dict[tuple[str, str], str] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        where = f"{name}:{n}"
        cols = line.split("\t")
        if len(cols) != 2:
            raise ExtractError(f"{where}: expected 2 columns (kind, word), got {len(cols)}")
        kind, word = cols
        if kind not in WORD_KINDS:
            raise ExtractError(f"{where}: unknown word kind {kind!r}")
        folded = normalize_for_match(word)
        if not _WORD.fullmatch(folded):
            raise ExtractError(f"{where}: malformed word {word!r}: one word of letters, no "
                               "'*', '~' or second word (a word set is tested by equality)")
        if (kind, folded) in seen:
            raise ExtractError(f"{where}: word {kind} {folded!r} already given at "
                               f"{seen[kind, folded]}")
        seen[kind, folded] = where
        sets[kind].add(folded)
    if path is None and (missing := sorted(WORD_KINDS - sets.keys())):
        raise ExtractError(f"{WORDS_FILE}: no word of kind {', '.join(missing)}")
    return {kind: frozenset(words) for kind, words in sets.items()}


@cache
def _package_sets() -> dict[str, frozenset[str]]:
    return read_word_sets()


def word_set(kind: str) -> frozenset[str]:
    """The package's words of ``kind`` (``data/word_sets.tsv``), in matching form."""
    if kind not in WORD_KINDS:
        raise ValueError(f"unknown word kind {kind!r}")
    return _package_sets()[kind]
