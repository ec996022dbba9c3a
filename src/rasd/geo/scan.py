"""The name scan: the longest gazetteer name at each position of a text's tokens.

:class:`NameScanner` reads proclitics off, joins words written with or without
inner spaces, adds or drops the article, and looks for misspelt names after a
feature word; :func:`read_cues` reads the cue words before each name. The
scanner remembers, per word, its readings that open a name and its best
one-word reading (bounded memos: every token of every text is asked), and the
fuzzy pools per key length. :class:`rasd.geo.geocoder.Geocoder` owns one.
"""

from __future__ import annotations

from collections.abc import Collection

from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from rasd.clean.word_sets import word_set
from rasd.geo.cues import (
    COUNTRY_NAMES,
    DIRECTION_ADJ,
    FEATURES,
    NEVER_PLACES,
    RELATIONS,
    SKIP_BACK,
    Homographs,
)
from rasd.geo.gazetteer import Gazetteer
from rasd.geo.hit_words import (
    FUZZY_TAILS,
    carry_list_feature,
    feature_reading,
    feature_word,
    only_ending_differs,
)
from rasd.geo.match import Hit
from rasd.geo.text import IN_CLITICS, Token, proclitic_splits
from rasd.geo.words import VILLAGE_SOURCES
from rasd.models import Place

# The Jaro-Winkler similarity a misspelt name needs to its gazetteer key.
FUZZY_CUTOFF = 0.92
# The compass nouns of "إلى الشمال من X" (folded), by the compass word they stand for.
COMPASS_NOUNS = {"الشمال": "شمال", "الجنوب": "جنوب", "الشرق": "شرق", "الغرب": "غرب"}
# Verbs of distance before "عن/من" + a place ("التي تبعد عن مدينة X").
DISTANCE_VERBS = word_set("distance_verb")
# One-letter proclitics read off before "أم" heading a compound name.
SHORT_HEAD_CLITICS = frozenset({"و", "ب", "ف"})
# Words whose place-opening readings the geocoder remembers before starting afresh.
OPENERS_MEMO = 1 << 16

# A word's best reading as a one-word name: clitic, letters it takes, key, places, alt.
_Alone = tuple[str, int, str, tuple[Place, ...], bool]


def read_cues(toks: list[Token], h: Hit) -> None:
    """Reads the cue words before ``h`` (feature words, relations, distance and
    compass phrases) and whether a direction adjective follows it."""
    k = h.i - 1
    steps = 0
    while k >= 0 and not toks[k].brk_after and steps < 5:
        word = toks[k].key
        found = False
        if word in ("عن", "من") and k > 0 and toks[k - 1].key in DISTANCE_VERBS:
            # "التي تبعد عن مدينة الحوطة": a distance from the place, a "near".
            h.relations.insert(0, "قرب")
            k -= 2
            steps += 2
            continue
        if word in ("عن", "من") and k > 0 and toks[k - 1].key in COMPASS_NOUNS:
            # "إلى الشمال من مدينة عدن": where a compass word points, as "شمال عدن".
            h.relations.insert(0, COMPASS_NOUNS[toks[k - 1].key])
            back = 3 if k > 1 and toks[k - 2].key == "الي" else 2
            k -= back
            steps += back
            continue
        # Two-letter stems too: "وفي مأرب", the commonest opening of a news paragraph,
        # is "في" behind a conjunction (issue 14, dev snn-e723fed0b696).
        for clitic, stem, _ in proclitic_splits(word, min_stem=2):
            if stem in ("ناحيه", "الناحيه") and k > 0 and toks[k - 1].key == "من":
                break  # "من ناحية …": "on the side of", not a subdistrict
            if stem in FEATURES:
                if h.feature is None and not h.relations:
                    h.feature = stem
                found = True
            elif stem in RELATIONS:
                h.relations.insert(0, stem)
                found = True
            elif stem in SKIP_BACK:
                found = True
            if found:
                if clitic in IN_CLITICS and stem not in RELATIONS:
                    h.relations.insert(0, "في")
                break
        if not found:
            break
        k -= 1
        steps += 1
    nxt = h.j
    if nxt < len(toks) and not toks[nxt - 1].brk_after:
        h.dir_adj = toks[nxt].key in DIRECTION_ADJ


class NameScanner:
    """Finds the names of ``gazetteer`` in a text's tokens (:meth:`scan`).

    ``homographs`` keep names that are also words out of the fuzzy pools;
    ``focus`` (the profile's focus countries) allows article variants and fuzzy
    matches; ``fuzzy`` turns the misspelling search on.
    """

    def __init__(self, gazetteer: Gazetteer, homographs: Homographs, *,
                 focus: Collection[str], fuzzy: bool = True) -> None:
        self.gazetteer = gazetteer
        self.homographs = homographs
        self.focus = focus
        self.fuzzy = fuzzy
        self._pools: dict[int, list[str]] = {}
        self._openers: dict[str, tuple[tuple[str, str, int], ...]] = {}
        # One-word names by key (``_named``): None when the word names nothing.
        self._single: dict[str, tuple[tuple[Place, ...], bool] | None] = {}
        # The best one-word reading of a word (``_best_alone``): None when it names nothing.
        self._alone: dict[str, _Alone | None] = {}

    def scan(self, toks: list[Token]) -> list[Hit]:
        """The names in ``toks``, in order, non-overlapping, longest first, with their cues."""
        gaz = self.gazetteer
        maxn = gaz.max_words + 1
        hits: list[Hit] = []
        # Most words open no name and follow no feature word: those two answers are
        # read from their memos here, without a call per token.
        openers = self._openers
        fuzzy, tails = self.fuzzy, FUZZY_TAILS
        n = len(toks)
        i = 0
        while i < n:
            readings = openers.get(toks[i].key)
            hit = None if readings == () else self._longest_at(toks, i, maxn, readings)
            if hit is None:
                # ``feature_word`` inline: its ending test rules out nearly every word.
                if fuzzy and i > 0 and toks[i - 1].key.endswith(tails) and feature_reading(
                        toks[i - 1].key):
                    hit = self._fuzzy_at(toks, i)
                if hit is None:
                    i += 1
                    continue
            read_cues(toks, hit)
            if hits:
                carry_list_feature(hits[-1], hit, toks)
            hits.append(hit)
            i = hit.j
        return hits

    def _opening(self, key: str) -> tuple[tuple[str, str, int], ...]:
        """The readings of a word (``proclitic_splits``) that begin some gazetteer name.

        Empty for most words; remembered per word, since every token of every text
        is asked (a bounded memo: a corpus run meets many words)."""
        found = self._openers.get(key)
        if found is None:
            splits = proclitic_splits(key)
            if len(key) == 3 and key[1:] == "ام" and key[0] in SHORT_HEAD_CLITICS:
                # "وأم ولد", "بأم درمان": the two-letter head of a compound name
                # after a one-letter proclitic, which the general split leaves whole.
                splits = (*splits, (key[0], "ام", 1))
            if key in NEVER_PLACES or any(stem in COUNTRY_NAMES for _, stem, _ in splits):
                found = ()  # "لبنان" is not ل + the village بنان
            else:
                has_prefix = self.gazetteer.has_prefix
                found = tuple(sp for sp in splits if has_prefix(sp[1]))
            if len(self._openers) >= OPENERS_MEMO:
                self._openers.clear()
            self._openers[key] = found
        return found

    def _longest_at(self, toks: list[Token], i: int, maxn: int,
                    readings: tuple[tuple[str, str, int], ...] | None = None) -> Hit | None:
        """The longest name starting at token ``i``; ``readings``: its ``_opening``
        when the caller has it.

        A name of several words beats any one-word name, and a one-word name never
        replaces a longer one, so the names of several words are looked for first
        (while the readings' keys run on) and the best one-word reading, which depends
        on the word alone, is read from its memo only when none is found."""
        key = toks[i].key
        if readings is None:
            readings = self._opening(key)
        n = len(toks)
        best: Hit | None = None
        # Whether a name can run on past this word: the same for each of its readings.
        if not (i + 1 >= n or maxn <= 1 or toks[i].sep_after):
            has_prefix = self.gazetteer.has_prefix
            after = toks[i + 1].key
            for clitic, stem, consumed in readings:
                run = stem + after
                if not has_prefix(run):
                    continue
                j = i + 2
                while True:
                    hit = self._lookup(toks, run, stem, i, j, clitic, consumed)
                    if hit is not None and (best is None or hit.j > best.j or (
                            hit.j == best.j and best.alt and not hit.alt)):
                        best = hit
                    if j >= n or j - i >= maxn or toks[j - 1].sep_after:
                        break
                    run += toks[j].key
                    if not has_prefix(run):
                        break
                    j += 1
            if best is not None:
                return best
        alone = self._alone[key] if key in self._alone else self._best_alone(key, readings)
        if alone is None:
            return None
        clitic, consumed, stem, places, alt = alone
        return Hit(i, i + 1, clitic, consumed, stem, list(places), alt)

    def _best_alone(self, key: str, readings: tuple[tuple[str, str, int], ...]) -> _Alone | None:
        """The best reading of word ``key`` as a name of one word (the first that names
        a place, unless a later one names it without toggling the article), remembered
        per word: (clitic, letters it takes, name key, places, article toggled)."""
        single = self._single
        best: _Alone | None = None
        for clitic, stem, consumed in readings:
            found = single[stem] if stem in single else self._one_word(stem)
            if found is not None and (best is None or (best[4] and not found[1])):
                best = (clitic, consumed, stem, found[0], found[1])
        if len(self._alone) >= OPENERS_MEMO:
            self._alone.clear()
        self._alone[key] = best
        return best

    def _one_word(self, key: str) -> tuple[tuple[Place, ...], bool] | None:
        """``_named`` for a name of one word (never a feature or relation word), remembered
        per word: the answer depends on the word alone, and every token asks."""
        single = self._single
        if key in single:
            return single[key]
        found = None if key in FEATURES or key in RELATIONS or key in SKIP_BACK \
            else self._named(key)
        if len(single) >= OPENERS_MEMO:
            single.clear()
        single[key] = found
        return found

    def _lookup(self, toks: list[Token], key: str, stem: str, i: int, j: int, clitic: str,
                consumed: int) -> Hit | None:
        if j == i + 1:
            found = self._one_word(key)
            if found is None:
                return None
            return Hit(i, j, clitic, consumed, key, list(found[0]), found[1])
        gaz = self.gazetteer
        if not gaz.has_key(key):
            return None  # no name (either index): nothing below could find one
        # Names written with other word breaks than the gazetteer's ("البو كمال"
        # for "البوكمال") only from words of 3+ letters: "سي إن" is not سيان.
        spaced = " ".join([stem, *(t.key for t in toks[i + 1:j])])
        glued = all(toks[k].end == toks[k + 1].start for k in range(i, j - 1))
        if not glued and not gaz.has_spaced(spaced) and (
            len(stem) < 3 or any(len(t.key) < 3 for t in toks[i + 1:j])
        ):
            return None
        found = self._named(key)
        if found is None:
            return None
        return Hit(i, j, clitic, consumed, key, list(found[0]), found[1])

    def _named(self, key: str) -> tuple[tuple[Place, ...], bool] | None:
        """The places a name key names and whether only with the article toggled."""
        gaz = self.gazetteer
        if not gaz.has_key(key):
            return None  # no name (either index): nothing below could find one
        places = gaz.candidates_key(key)
        if places:
            return tuple(places), False
        if key[2:] in FEATURES or key in FEATURES or key in RELATIONS:
            return None
        # "جامعة" is not "الجامعة" in Algeria: article variants only for the
        # conflict countries and curated places.
        alts = tuple(p for p in gaz.candidates_key(key, alt=True)
                     if p.country in self.focus or p.id.startswith("rasd:"))
        if alts:
            return alts, True
        return None

    def _fuzzy_at(self, toks: list[Token], i: int) -> Hit | None:
        """Spelling variants after a feature word (``قرية الباغور``): Jaro-Winkler."""
        prev = toks[i - 1]
        if prev.brk_after or not feature_word(prev.key):
            return None
        gaz = self.gazetteer
        key = toks[i].key
        if (len(key) < 6 or key in RELATIONS or key in FEATURES or key in DIRECTION_ADJ
                or self.homographs.level(key) or key in COUNTRY_NAMES):
            return None
        pool = [k for n in (len(key) - 1, len(key), len(key) + 1) for k in self._fuzzy_pool(n)]
        best = process.extractOne(key, pool, scorer=JaroWinkler.normalized_similarity,
                                  score_cutoff=FUZZY_CUTOFF)
        if best is None:
            return None
        match = str(best[0])
        if only_ending_differs(key, match):
            return None  # الراشدين is not الراشدية: another word form, another place
        return Hit(i, i + 1, "", 0, match, gaz.candidates_key(match), False,
                    fuzzy=float(best[1]))

    def _fuzzy_pool(self, n: int) -> list[str]:
        """Keys of ``n`` letters naming a Syrian or Iraqi place that is not a word."""
        pool = self._pools.get(n)
        if pool is None:
            gaz = self.gazetteer
            # Misspellings are corrected towards towns of the older sources only:
            # among tens of thousands of villages, a near spelling is as likely
            # another village (البحصة is not البصرة).
            # Read from the rows' id and country alone: building every place of
            # the key length would keep most of the gazetteer in memory.
            pool = [k for k in gaz.keys_of_length(n)
                    if any(country in self.focus and not pid.startswith(VILLAGE_SOURCES)
                           for pid, country in gaz.ids_and_countries(k))
                    and not self.homographs.level(k)]
            self._pools[n] = pool
        return pool
