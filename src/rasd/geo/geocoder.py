"""Geocoding Arabic text: find place names, resolve them, code their precision.

:class:`Geocoder` scans tokens for the longest gazetteer name at each
position (proclitics stripped, names written with or without inner spaces,
article added or dropped), reads the cue words before the name (feature
words such as مدينة and relations such as قرب / محيط / ريف / من محور), gates
names that are also common words on those cues, disambiguates places that
share a name by country and admin context, the document's other places and
size, and codes ACLED geo-precision as ``event-coding.md`` §4 defines it.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from rasd.geo.context import (
    TIE_MARGIN,
    anchor_bonus,
    anchors_of,
    common_unit,
    placed_by_direction,
    placed_elsewhere,
    placing_directions,
    toward_bonus,
)
from rasd.geo.cues import (
    COUNTRY_NAMES,
    COUNTRY_WORDS,
    DIRECTION_ADJ,
    EVENT_WORDS,
    FEATURES,
    FUZZY_FEATURES,
    LIST_FEATURES,
    LOOSE_FEATURES,
    NAME_HEADS,
    NAMING_FEATURES,
    NEVER_PLACES,
    PERSON_BEFORE,
    RELATIONS,
    SCENE_RELATIONS,
    SKIP_BACK,
    STREET_HEADS,
    STRONG_RELATIONS,
    Homographs,
    default_homographs,
)
from rasd.geo.gazetteer import Gazetteer, distance_km, load_gazetteer
from rasd.geo.match import DIRECTIONS, Hit, anchor_regions, canonical_cue, matched_name
from rasd.geo.story import STORY_BONUS, off_story, story_country
from rasd.geo.text import (
    IN_CLITICS,
    Token,
    fold,
    letter_offset,
    proclitic_splits,
    squash,
    tokenize,
)
from rasd.geo.wof_units import UNIT_ID
from rasd.geo.words import VILLAGE_SOURCES, default_nouns, default_words, is_village_level
from rasd.models import Location, Place, PlaceMention
from rasd.profile import Profile, load_profile

# A curated region or facility that matches exactly outranks a town that
# merely carries its name as an alias (جرمانا's "الغوطة الشرقية").
KIND_BONUS = {"populated place": 1.0, "area": 1.0, "facility": 3.0, "region": 3.0,
              "admin3": 0.6, "admin2": 0.4, "admin1": 0.3}
# Iraq's OCHA units carry no population: a floor keeps a governorate's name
# ahead of a village bearing it.
ADMIN_POP_FLOOR = {"admin1": 1_000_000, "admin2": 100_000, "admin3": 10_000}
# "area": a divided village whose parts lie too far apart for one point.
KIND_PRECISION = {"admin1": 3, "admin2": 3, "admin3": 2, "region": 3, "area": 2}
CURATED_BONUS = 2.5
BIG_CITY = 500_000
FUZZY_CUTOFF = 0.92
NEARBY_TOKENS = 12
FAR_KM = 300
SMALL_PLACE = 5000
FOREIGN_SMALL_PLACE = 100_000
# Definite words after a name that say when, not whose ("سهل اليوم" is the
# village today, not "the plain of today").
TIME_WORDS = frozenset({"اليوم", "الليله", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء",
                        "الخميس", "الجمعه", "السبت", "الماضي", "الماضيه", "الفايت", "الجاري",
                        "الحالي", "الصباح", "المساء", "الفجر"})
# Feature words that name an admin level: with them a unit is coded at its
# seat with the unit's precision (ناحية هجين → Hajin, 2).
UNIT_FEATURES = frozenset({"ناحيه", "نواحي", "منطقه", "مناطق", "قضاء", "محافظه", "محافظتي",
                           "محافظتا", "ولايه", "مديريه", "مديريتي"})
# The compass nouns of "إلى الشمال من X" (folded), by the compass word they stand for.
COMPASS_NOUNS = {"الشمال": "شمال", "الجنوب": "جنوب", "الشرق": "شرق", "الغرب": "غرب"}
# Verbs of distance before "عن/من" + a place ("التي تبعد عن مدينة X").
DISTANCE_VERBS = frozenset({"تبعد", "يبعد", "تبعدان", "يبعدان", "وتبعد", "ويبعد"})
# Features naming a town's neighbourhood.
QUARTER_FEATURES = frozenset({"حي", "حيي", "احياء"})
# A small place named as a quarter (``حي دار سعد``، ``حي الشرطة الرابعة``) close to a
# city the text names is a part of that city, coded at it (event-coding.md §4;
# tests/gold/README.md "Places"). A city whose parts are lifted to it, and how far
# from its point a part may lie (Dar Saad 12 km from Aden's, al-Shurta 14 km from
# Baghdad's; Sabr, 28 km north of Aden, is a place of its own).
PART_CITY_POP = 150_000
PART_REACH_KM = 15.0
# One-letter proclitics read off before "أم" heading a compound name.
SHORT_HEAD_CLITICS = frozenset({"و", "ب", "ف"})
# Feature words that name a city: a country word right after one names its capital.
CITY_FEATURES = frozenset({"مدينه", "العاصمه", "عاصمه"})
# The mark that opens a hashtag: social-media text tags the places it is about.
HASHTAG = "#"
# Words whose place-opening readings the geocoder remembers before starting afresh.
OPENERS_MEMO = 1 << 16


# A story country's cue levels of each hit's candidates, the hits read as words
# (by ``id``) and the hits placed by a direction after them (by ``id``).
_Levels = tuple[list[list[int]], set[int], set[int]]
# A word's best reading as a one-word name: clitic, letters it takes, key, places, alt.
_Alone = tuple[str, int, str, tuple[Place, ...], bool]


class Geocoder:
    """Finds and resolves place mentions in Arabic text.

    ``gazetteer`` defaults to the packaged one, loaded on first use;
    ``homographs`` to the packaged list of names that are also words;
    ``profile`` (``data/profiles/``) names the focus countries, read closely, and
    the country prior; ``country_prior`` overrides the profile's prior.
    """

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        *,
        homographs: Homographs | None = None,
        country_prior: dict[str, float] | None = None,
        fuzzy: bool = True,
        profile: Profile | None = None,
    ) -> None:
        self._gaz = gazetteer
        self._homographs = homographs
        self.profile = profile or load_profile()
        # With nothing else to go on, a name shared by a place of a focus country
        # and a place elsewhere is the focus country's.
        self.country_prior = self.profile.prior if country_prior is None else country_prior
        self.focus = self.profile.focus
        self.fuzzy = fuzzy
        self._pools: dict[int, list[str]] = {}
        self._openers: dict[str, tuple[tuple[str, str, int], ...]] = {}
        # One-word names by key (``_named``): None when the word names nothing.
        self._single: dict[str, tuple[tuple[Place, ...], bool] | None] = {}
        # The best one-word reading of a word (``_best_alone``): None when it names nothing.
        self._alone: dict[str, _Alone | None] = {}
        # The cue level each candidate of a name needs by itself (``_plevels``).
        self._name_levels: dict[
            tuple[str, tuple[str, ...], bool, bool, str | None, str | None], tuple[int, ...]] = {}
        self._words: frozenset[str] | None = None

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gaz is None:
            self._gaz = load_gazetteer()
        return self._gaz

    @property
    def homographs(self) -> Homographs:
        if self._homographs is None:
            self._homographs = default_homographs()
        return self._homographs

    @property
    def words(self) -> frozenset[str]:
        """Village names that the news mostly writes as words (rasd.geo.words)."""
        if self._words is None:
            self._words = default_words()
        return self._words

    # ------------------------------------------------------------ public

    def find(self, text: str, *, context: Sequence[PlaceMention] = ()) -> list[PlaceMention]:
        """Every place mention in ``text``, in order, non-overlapping, longest match first.

        ``context`` holds the document's other resolved places: they pick
        between places that share a name and let names that are also common
        words resolve.
        """
        return self._decide(text, *self._analyse(text), context)

    def find_in_document(self, text: str, *,
                         tokens: list[Token] | None = None) -> list[PlaceMention]:
        """Two passes over a whole article: cued and unambiguous places first,
        then every name again with those as context. ``tokens`` are the text's place
        tokens when the caller has analysed it (:class:`rasd.clean.analysis.Analysis`)."""
        analysed = self._analyse(text, tokens)
        # How much cueing each candidate needs depends on the name and its words
        # only, not on the context: worked out once for both passes.
        base = self._bases(analysed[0], analysed[1])
        # The levels for a story country, worked out once for both passes: the
        # second pass mostly reads the story the first did.
        levels: dict[str | None, _Levels] = {}
        # Which way the cue after each name points depends on the names and words only.
        compass = placing_directions(analysed[1], analysed[0])
        first = self._decide(text, *analysed, (), levels, base, compass)
        if not first:
            # No context: the second pass would read the very inputs the first did.
            return first
        return self._decide(text, *analysed, first, levels, base, compass)

    def _analyse(self, text: str, toks: list[Token] | None = None,
                 ) -> tuple[list[Token], list[Hit], dict[str, list[int]]]:
        if toks is None:
            toks = tokenize(text)
        hits, countries = self._scan(toks), self._countries(toks)
        if countries:
            hits = self._capitals(text, toks, hits, countries)
        return toks, hits, countries

    def _capitals(self, text: str, toks: list[Token], hits: list[Hit],
                  countries: dict[str, list[int]]) -> list[Hit]:
        """Cities named like a country, which the scan reads as country words.

        "مدينة الكويت"، "العاصمة تونس": after a city feature word (an adjective
        may stand between, "العاصمة الأردنية عمان") the word names the city, and
        so it does when it names a town of another country that the text names,
        tagged or after "في"/ب- ("#عمان … #الاردن": Amman, not Oman)."""
        taken = {k for h in hits for k in range(h.i, h.j)}
        new: list[Hit] = []
        for code, where in countries.items():
            for k in where:
                if k in taken:
                    continue
                clitic, stem, consumed = next(
                    (sp for sp in proclitic_splits(toks[k].key) if sp[1] in COUNTRY_WORDS),
                    ("", toks[k].key, 0))
                towns = [p for p in self.gazetteer.candidates_key(stem)
                         if not is_village_level(p) and p.population >= SMALL_PLACE]
                if not towns:
                    continue
                if _after_city_feature(toks, k):
                    kept = towns
                else:
                    cued = clitic in IN_CLITICS or _opens_tag(text, toks[k].start) or (
                        k > 0 and not toks[k - 1].brk_after and toks[k - 1].key == "في")
                    kept = [p for p in towns if cued and p.country != code
                            and p.country in countries]
                if kept:
                    h = Hit(k, k + 1, clitic, consumed, stem, kept, False)
                    self._read_cues(toks, h)
                    new.append(h)
        if not new:
            return hits
        return sorted([*hits, *new], key=lambda h: h.i)

    def _decide(self, text: str, toks: list[Token], hits: list[Hit],
                countries: dict[str, list[int]], context: Sequence[PlaceMention],
                levels: dict[str | None, _Levels] | None = None,
                base: list[int] | None = None,
                compass: dict[int, str] | None = None) -> list[PlaceMention]:
        if not hits:
            return []
        # Context is only ever asked "is any place near / in the same unit", so each
        # place counts once: a long text naming one town a thousand times costs
        # what naming it once does (work stays linear in the text's length).
        ctx_places = _distinct(m.place for m in context)
        # Each candidate needs the cues its own name level asks for: "الرياض"
        # the Saudi capital needs none, an Egyptian village of that name does.
        if base is None:
            base = self._bases(toks, hits)
        # The story's country, from its country words, the places a first pass
        # resolved and the names here that can only be towns of one country;
        # the levels depend on it, and are kept per story in ``levels``.
        story = story_country(countries, [*ctx_places, *_one_country_towns(hits, base)])
        if levels is None:
            levels = {}
        known = levels.get(story)
        if known is None:
            fresh = self._plevels(toks, hits, story, base)
            # Hits read as words here (no candidate below level 3) place nothing.
            words = {id(h) for h, lv in zip(hits, fresh, strict=True) if not lv or min(lv) >= 3}
            known = levels[story] = (fresh, words, placed_by_direction(hits, toks, words=words))
        plevels, words, placed = known
        # Names that need no cue at all are context for the rest.
        firm = [h for h, lv in zip(hits, plevels, strict=True) if lv and min(lv) == 0]
        local = [h.places[0] for h in firm if len(h.places) == 1]
        shared = _distinct([*ctx_places, *local])
        # Hits come in text order: the firm ones within reach of a hit are a slice.
        firm_at = [h.i for h in firm]

        def around(h: Hit) -> list[Hit]:
            lo = bisect_left(firm_at, h.i - NEARBY_TOKENS)
            hi = bisect_right(firm_at, h.i + NEARBY_TOKENS)
            return [o for o in firm[lo:hi] if o is not h]

        # Context places less those read only at this very name: mentions are counted
        # per place and looked up by their start, so a hit costs the number of
        # distinct context places, not of context mentions.
        mentions = Counter(cm.place.id for cm in context)
        at_start: dict[int, list[PlaceMention]] = {}
        for cm in context:
            at_start.setdefault(cm.start, []).append(cm)

        starts = sorted(at_start)

        def others_than(h: Hit) -> list[Place]:
            a, b = toks[h.i].start, toks[h.j - 1].end
            k = bisect_left(starts, a)
            if k == len(starts) or starts[k] >= b:
                return ctx_places  # no context mention within this name
            here = Counter(cm.place.id for k in range(a, b) for cm in at_start.get(k, ())
                           if cm.end <= b)
            if not here:
                return ctx_places
            return [p for p in ctx_places if mentions[p.id] > here[p.id]]

        # Resolve the firm names first, each with the other firm names' candidates
        # around it; the rest then see where those names were resolved, so
        # "ربيعة قرب سنجار" follows the Iraqi Sinjar, not every Sinjar.
        firm_place: dict[int, list[Place]] = {}
        for h in firm:
            near = [p for o in around(h) for p in o.places]
            m = self._resolve(text, toks, h, countries, [*shared, *near], story=story)
            firm_place[id(h)] = [m.place] if m is not None else h.places
        # The places named right after each name ("X بريف حماة", "X جنوب صنعاء").
        anchors = anchors_of(hits, toks, firm_place, words=words)
        placing = anchors_of(hits, toks, firm_place, words=words, placing=True)
        if compass is None:
            compass = placing_directions(hits, toks)
        # News text carries no hashtags: one test spares it the per-hit look.
        tagged = HASHTAG in text
        out: list[tuple[Hit, PlaceMention]] = []
        for h, lvs in zip(hits, plevels, strict=True):
            if not lvs:
                continue
            # A candidate of level 3 is a place only after a feature word naming it
            # (``_cued``): without one it is never kept, and a hit with nothing
            # else costs no context lists (most hits are words like these).
            named = _feature_names(h)
            if not named and min(lvs) >= 3:
                continue
            nearby = [p for o in around(h) for p in firm_place[id(o)]]
            # A first pass's reading of this very name is no context for it.
            others = others_than(h)
            memo: dict[str, list[Place]] = {}  # what _cued works out once per hit
            tag = tagged and _opens_tag(text, toks[h.i].start)
            kept = [p for p, lv in zip(h.places, lvs, strict=True)
                    if lv == 0 or ((named or lv < 3)
                                   and self._cued(h, p, lv, nearby, others, toks, countries,
                                                  story, memo, placed=id(h) in placed,
                                                  tagged=tag))]
            if not kept:
                continue
            m = self._resolve(text, toks, replace(h, places=kept), countries,
                              [*shared, *nearby], anchors.get(id(h), ()), story=story,
                              placed_by=placing.get(id(h), ()), toward=compass.get(id(h), ""))
            if m is not None:
                out.append((h, m))
        return anchor_regions(out, toks)

    # ------------------------------------------------------------ matching

    def _scan(self, toks: list[Token]) -> list[Hit]:
        gaz = self.gazetteer
        maxn = gaz.max_words + 1
        hits: list[Hit] = []
        # Most words open no name and follow no feature word: those two answers are
        # read from their memos here, without a call per token.
        openers = self._openers
        fuzzy, tails = self.fuzzy, _FUZZY_TAILS
        n = len(toks)
        i = 0
        while i < n:
            readings = openers.get(toks[i].key)
            hit = None if readings == () else self._longest_at(toks, i, maxn, readings)
            if hit is None:
                # ``_feature_word`` inline: its ending test rules out nearly every word.
                if fuzzy and i > 0 and toks[i - 1].key.endswith(tails) and _feature_reading(
                        toks[i - 1].key):
                    hit = self._fuzzy_at(toks, i)
                if hit is None:
                    i += 1
                    continue
            self._read_cues(toks, hit)
            if hits:
                _carry_list_feature(hits[-1], hit, toks)
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
        if prev.brk_after or not _feature_word(prev.key):
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
        if _only_ending_differs(key, match):
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

    def _read_cues(self, toks: list[Token], h: Hit) -> None:
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
            for clitic, stem, _ in proclitic_splits(word):
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

    # ------------------------------------------------------------ homographs

    def _bases(self, toks: list[Token], hits: list[Hit]) -> list[int]:
        """The cue level each hit needs by its words (-1: never a place)."""
        return [-1 if self._describes(h, toks) else self._level(h, toks) for h in hits]

    def _plevels(self, toks: list[Token], hits: list[Hit], story: str | None = None,
                 base: list[int] | None = None) -> list[list[int]]:
        """The cue level each candidate place of each hit needs (empty: never a place)."""
        if base is None:
            base = self._bases(toks, hits)
        # What each candidate of a name asks by itself depends on the candidate, the
        # name's key, whether a clitic is glued on, whether it has several words, its
        # feature word and the story: the same names recur from article to article,
        # so their levels are remembered. The candidates are part of the key (by id),
        # since a hit may hold a subset of its key's places.
        memo = self._name_levels
        out: list[list[int]] = []
        for h, b in zip(hits, base, strict=True):
            if b < 0:
                out.append([])
                continue
            key = (h.key, tuple(p.id for p in h.places), bool(h.clitic), h.j - h.i > 1,
                   h.feature, story)
            own = memo.get(key)
            if own is None:
                own = tuple(self._name_level(p, h, story) for p in h.places)
                if len(memo) >= OPENERS_MEMO:
                    memo.clear()
                memo[key] = own
            out.append([max(b, lv) for lv in own])
        return out

    def _describes(self, h: Hit, toks: list[Token]) -> bool:
        """Whether a village name that is also a word heads a description here.

        An indefinite noun in construct with the definite word after it ("سهل
        الزبداني", "أرجل الماعز", "رسم العبود") or a noun with a direction
        adjective ("الجبل الشرقي") describes; the village of that name would be
        written bare or after a feature word. A known longer name ("تل أبيض")
        was matched whole before this is asked.
        """
        if h.j - h.i != 1 or h.j >= len(toks) or toks[h.i].sep_after:
            return False
        if not h.places or not all(is_village_level(p) for p in h.places):
            return False
        if h.key not in default_nouns():
            return False
        nxt = toks[h.j].key
        if h.key.startswith("ال") and not h.alt:
            return nxt in DIRECTION_ADJ
        return nxt.startswith("ال") and len(nxt) > 3 and nxt not in TIME_WORDS

    def _level(self, h: Hit, toks: list[Token]) -> int:
        """How much cueing a hit needs: 0 none, 1 any place cue, 2 a strong cue
        (or "في" after an event word), 3 a feature word, -1 never."""
        hg = self.homographs
        before = toks[h.i - 1].key if h.i > 0 else ""
        after = toks[h.j].key if h.j < len(toks) else ""
        if (before + h.key) in hg.vetoes or (h.key + after) in hg.vetoes:
            return -1
        if h.i > 0 and h.consumed == 0 and not toks[h.i - 1].sep_after:
            if before in PERSON_BEFORE or before in ("بن", "ابن", "بنت"):
                return -1  # "الدكتور صلاح الدين", "عبد الله العبيدي": a person
            if before in NAME_HEADS or before in STREET_HEADS:
                return -1  # "كفر داعل" is not داعل: the tail of an unknown longer name
        level = hg.level(h.key)
        n = len(h.key)
        if n <= 2:
            return -1  # "تل"، "اب": parts of longer names, never a name alone
        if n <= 3 and not (level == 0 and any(p.population >= BIG_CITY for p in h.places)):
            # Three letters make many words; a city of half a million (عدن، حمص)
            # is named bare in headlines.
            level = max(level, 1)
        if h.alt:
            # Matched only with the article added or dropped ("قدم" for "القدم").
            toggled = h.key[2:] if h.key.startswith("ال") else "ال" + h.key
            if toggled in FEATURES or h.key in FEATURES:
                return -1
            level = max(level, hg.level(toggled), 2)
        if h.fuzzy < 1.0:
            level = max(level, 1)
        return level

    def _home(self, p: Place, story: str | None) -> bool:
        """Whether ``p`` is read as closely as a focus country's place: a place
        of a focus country, unless the story is about another country.

        In a story about another country, that country's towns of 5,000 people
        and more are read so; its hamlets and small towns ("وسط بيروت"، "في
        صرواح") still need the cues they needed, the city being what the
        team's samples code."""
        if story is not None and story not in self.focus:
            # The team's curated sites of the story's country too: they are the
            # fronts and facilities its news names ("سناح"، "الوهط").
            return (p.country == story and not is_village_level(p)
                    and (p.population >= SMALL_PLACE or p.id.startswith("rasd:")))
        return p.country in self.focus

    def _name_level(self, p: Place, h: Hit, story: str | None = None) -> int:
        """Cueing a one-word name needs by what it names.

        GeoNames is full of villages and subdistricts named like common words
        (الجمعة، حول، المشروع، العدل). Syrian and Iraqi villages need a place
        cue; villages elsewhere and subdistricts with no town of their name a
        strong one (قرية …، ناحية العدل).
        ``story``: the story's country, whose villages are read like the focus
        countries'.
        """
        home = self._home(p, story)
        if h.j - h.i > 1 and is_village_level(p):
            # Village names of several words are often a person's name
            # ("عبد ربه"، "علي صالح"): a village needs a place cue, one named
            # like a person a feature word.
            if fold(matched_name(p, h.key).split()[0]) in PERSON_HEADS:
                return 3
            return 1 if home else 2
        if h.j - h.i > 1 or p.kind in ("facility", "region"):
            return 0
        if h.clitic and not h.key.startswith("ال") and not home:
            # "باراك" is not ب + Arak: a clitic glued to a foreign name needs a cue.
            return max(1, self._name_level(p, replace(h, clitic=""), story))
        if is_village_level(p) and h.key in self.words:
            return 3  # a village named like a word the news uses: "قرية علي"
        if p.id.startswith(UNIT_ID) and h.feature not in UNIT_FEATURES:
            # A unit of the WOF hierarchy named bare is read like the town of its
            # name ("في صرواح"): it never asks for fewer cues than that town.
            seat = self.gazetteer.seat(p)
            if seat is None:
                # A governorate with no town of its name ("في حضرموت"، "في شبوة")
                # in a story about its country: any place cue will do. Elsewhere
                # ("في الجنوب", Lebanon's South) and for districts named bare, a
                # strong cue.
                return 1 if p.kind == "admin1" and p.country == story else 2
            return max(1, self._name_level(seat, h, story))
        if p.kind.startswith("admin"):
            seatless = self.gazetteer.seat(p) is None
            if p.id.startswith(UNIT_ID) and seatless and h.key in self.words:
                return 3  # a Yemeni district named like a word: "مديرية الوحدة" only
            if seatless and (p.kind == "admin3" or (p.kind == "admin2"
                                                    and p.id.startswith(UNIT_ID))):
                return 2
            return 0 if home else 1
        if home:
            return 0 if p.population >= SMALL_PLACE else 1
        return 0 if p.population >= FOREIGN_SMALL_PLACE else 1 if p.population >= SMALL_PLACE else 2

    def _cued(self, h: Hit, p: Place, level: int, nearby: Sequence[Place],
              ctx: Sequence[Place], toks: list[Token], countries: dict[str, list[int]],
              story: str | None = None, memo: dict[str, list[Place]] | None = None, *,
              placed: bool = False, tagged: bool = False) -> bool:
        """Whether a name that is also a word has the place cues its level needs.

        ``memo``: one dict per hit, for the lists that depend on the hit and not on
        the candidate ``p`` (each worked out once for all of its candidates).
        ``placed``: a place named right after it says where it lies ("X شمال Y").
        ``tagged``: the name opens a hashtag ("#الخفجي"): a writer who tags a name
        makes it a topic, a place cue as good as "في" (never a feature word)."""
        if memo is None:
            memo = {}
        home = self._home(p, story)
        # The tests that say no are independent: the one with no distances comes first.
        if (is_village_level(p) and not home and countries
                and p.country not in countries):
            # A village outside Syria and Iraq in a story that names other
            # countries but not its own ("صباح" in Yemen for Kuwait's صباح الأحمد).
            return False
        # With no story country nothing is off it: the list is built only when it counts.
        if story is not None:
            towns = memo.get("towns")
            if towns is None:
                towns = memo["towns"] = [c for c in (*nearby, *ctx) if not is_village_level(c)]
            if off_story(p, story, countries, towns):
                # "حي الروضة" in a Yemeni story is not the Syrian village of that name.
                return False
        if is_village_level(p) and p.country not in countries:
            # The places this very name was resolved to before do not vouch for it.
            others = memo.get("others")
            if others is None:
                own = own_ids(h)
                others = memo["others"] = [c for c in (*ctx, *nearby) if c.id not in own
                                           and _name_key(c.name_ar) != h.key]
        else:
            others = []
        if others and all(distance_km(p, c) > FAR_KM for c in others):
            # A village far from every other place of the story, in a country the
            # story does not name, is a namesake of a place we do not know.
            return False
        if placed and level <= 2:
            return True
        if level >= 3:
            # "أطراف المدينة", "الجيب الأخير": anaphora, a place only after a
            # feature word naming it ("قرية الجيب", not "أحياء المدينة").
            # A name of several words is no generic noun: a plural or dual feature
            # names it too ("بلدتي المسيفرة وأم ولد").
            return _feature_names(h)
        strong = h.feature is not None or any(r in STRONG_RELATIONS for r in h.relations)
        scene = any(r in SCENE_RELATIONS for r in h.relations)
        country_near = _within(countries.get(p.country, ()), h.i)
        near = any(distance_km(p, c) < 150 for c in nearby) or country_near
        named_unit = p.kind.startswith("admin") and h.feature in UNIT_FEATURES
        # A governorate's point is its middle, hundreds of km from towns inside it
        # ("في #حضرموت" beside Aden): it counts at its unit's size, like a city.
        size = max(p.population, ADMIN_POP_FLOOR["admin1"] if p.kind == "admin1" else 0)
        if (nearby and all(distance_km(p, c) > FAR_KM for c in nearby) and not country_near
                and size < FOREIGN_SMALL_PLACE and not named_unit):
            # "قرية الإمام في ريف مدينة الباب": a name that is also a word, far
            # from every place named beside it, is some place we do not know.
            # Not a city ("في القاهرة" beside "مكة"): a cue before a city's name
            # makes it the city, wherever the other places lie; nor a unit after
            # its unit word ("في محافظة عمران" after Aden and Lahij).
            return False
        if level == 2:
            # "اشتباكات في الباب": an event word right before "في X" makes X a
            # scene; a bare ب- ("بالباب") or a neighbour alone is not enough.
            return strong or (scene and (self._event_before(h, toks) or near))
        # The document's other places vouch only for the conflict countries'
        # places: elsewhere GeoNames' villages named like words are too many.
        in_ctx = home and any(
            distance_km(p, c) < 100 or bool(p.admin1 and p.admin1 == c.admin1) for c in ctx
        )
        # A direction from a name ("غربي مأرب", "جنوب صنعاء") says it is a place.
        toward = any(r in DIRECTIONS for r in h.relations)
        return (strong or scene or toward or tagged or h.clitic in IN_CLITICS or near
                or in_ctx)

    @staticmethod
    def _event_before(h: Hit, toks: list[Token]) -> bool:
        k = h.i - 1
        while k >= 0 and h.i - k <= 4 and not toks[k].brk_after:
            if any(stem in EVENT_WORDS for _, stem, _ in proclitic_splits(toks[k].key)):
                return True
            k -= 1
        return False

    # ------------------------------------------------------------ resolving

    @staticmethod
    def _countries(toks: list[Token]) -> dict[str, list[int]]:
        """Country words in the text (سوريا، العراقية …) and where they are."""
        # Each distinct word asked once; the tokens are walked only when one names a
        # country, and then with a dict probe each.
        codes = {key: code for key in {t.key for t in toks} if (code := _country_word(key))}
        out: dict[str, list[int]] = {}
        if codes:
            for k, t in enumerate(toks):
                code = codes.get(t.key)
                if code:
                    out.setdefault(code, []).append(k)
        return out

    def _score(self, p: Place, h: Hit, countries: Mapping[str, list[int]],
               ctx: Sequence[Place], anchors: Sequence[Place] = (),
               story: str | None = None) -> float:
        s = anchor_bonus(p, anchors) if anchors else 0.0
        if h.feature in LOOSE_FEATURES:
            s += 2.0 if p.kind in FEATURES[h.feature] else -3.0
        elif h.feature is not None:
            prefs = FEATURES[h.feature]
            s += 5.0 if p.kind == prefs[0] else 2.0 if p.kind in prefs else -3.0
        else:
            s += KIND_BONUS.get(p.kind, 0.0)
        if squash(p.name_ar) == h.key:
            s += 1.5  # matched the place's own name, not one of its aliases
        if p.id.startswith("rasd:"):
            # The team's curated places are the sites conflict news names: they
            # outrank the village-level namesakes that carry no population.
            s += CURATED_BONUS
        if "ريف" in h.relations and p.kind == "admin1":
            s += 1.5
        # An admin unit counts as a town a tenth its size: a bare "دير الزور"
        # is the city unless a feature word says otherwise, yet a Syrian
        # subdistrict still outweighs a foreign village of its name.
        pop = max(p.population, ADMIN_POP_FLOOR.get(p.kind, 0)) / 10 if p.kind.startswith(
            "admin") else p.population
        s += 0.6 * math.log10(pop + 1)
        if story is None or p.country == story:
            # In a story about another country the profile's prior says nothing.
            s += self.country_prior.get(p.country, 0.0)
        if p.country == story:
            s += STORY_BONUS
        if p.country in countries:
            # A country named in the same sentence says more than one named
            # anywhere in the article.
            near = _within(countries[p.country], h.i)
            s += 2.0 if near else 1.0
        # The hit's own candidates (and a unit's seat) found elsewhere in the
        # text must not vouch for themselves.
        own = {q.id for q in h.places}
        seat = self.gazetteer.seat(p)
        others = [c for c in ctx if c.id not in own and (seat is None or c.id != seat.id)]
        if others:
            if p.kind.startswith("admin") and p.admin_pcode:
                # An admin unit is near its context when it holds a context place.
                inside = any((c.admin_pcode or "").startswith(p.admin_pcode) for c in others)
                s += 1.0 if inside else 0.0
            else:
                d = min(distance_km(p, c) for c in others)
                s += 2.0 if d < 50 else 1.5 if d < 150 else 0.5 if d < 300 else 0.0
            if any(c.country == p.country for c in others):
                s += 1.0
        return s

    def _target(self, p: Place) -> Place:
        """Where a resolved place is coded: an admin unit at its seat (capital)."""
        if p.kind.startswith("admin"):
            seat = self.gazetteer.seat(p)
            if seat is not None:
                return seat
        return p

    def _resolve(self, text: str, toks: list[Token], h: Hit,
                 countries: Mapping[str, list[int]], ctx: Sequence[Place],
                 anchors: Sequence[Place] = (), *, story: str | None = None,
                 placed_by: Sequence[Place] = (), toward: str = "") -> PlaceMention | None:
        """The best candidate of ``h`` as a mention. ``placed_by``: the places a
        cue after the name says it lies at ("X جنوب صنعاء", "X بريف درعا");
        ``toward``: the compass letters of that cue (``rasd.geo.context``)."""
        if not h.places:
            return None
        scored = sorted(((self._score(p, h, countries, ctx, anchors, story)
                          + (toward_bonus(p, placed_by, toward) if toward else 0.0), p)
                         for p in h.places),
                        key=lambda sp: (-sp[0], sp[1].id))
        best_s, best = scored[0]
        if best.population < SMALL_PLACE and best.kind in ("populated place", "area") \
                and placed_elsewhere(best, placed_by, quarter=h.feature in QUARTER_FEATURES):
            # "حزيز جنوب صنعاء" with no حزيز near Sanaa: a place we do not know,
            # coded at the place named after it (its own mention), not at a
            # namesake elsewhere.
            return None
        target = self._target(best).id
        rivals = [sc for sc, p in scored[1:] if self._target(p).id != target]
        margin = best_s - rivals[0] if rivals else 4.0
        confidence = (1.0 / (1.0 + math.exp(-margin))) * h.fuzzy
        precision = max((RELATIONS.get(r, 1) for r in h.relations), default=1)
        place = self._target(best)
        if place is not best and h.feature not in UNIT_FEATURES and "ريف" not in h.relations:
            # A bare name shared by a unit and its seat ("تل أبيض") is the town.
            precision = max(precision, 1)
        elif best.kind == "admin2" and best.id.startswith(UNIT_ID):
            precision = max(precision, 2)  # a Yemeni district (مديرية) is ACLED's 2
        else:
            precision = max(precision, KIND_PRECISION.get(best.kind, 1))
        if "ريف" in h.relations and best.kind != "admin1":
            precision = 2
        if best.kind == "admin1" and h.dir_adj and ("ريف" in h.relations or "باديه" in h.relations):
            precision = 2
        tied = [p for sc, p in scored if best_s - sc < TIE_MARGIN and is_village_level(p)]
        unit = common_unit(self.gazetteer, tied) if is_village_level(best) else None
        if unit is not None and h.feature in QUARTER_FEATURES:
            # "حي الروضة": a town's quarter, not the region holding its namesake
            # villages; unknown unless the context picks one.
            return None
        if unit is not None:
            # Namesakes the context cannot tell apart: the unit holding them all.
            place, precision = unit[0], max(precision, unit[1])
        city = _city_of_part(best, h, ctx) if place is best else None
        if city is not None:
            place, precision = city, max(1, min(precision, 2))
        first = toks[h.i]
        start = first.start + letter_offset(first.text, h.consumed)
        end = toks[h.j - 1].end
        return PlaceMention(
            start=start, end=end, surface=text[start:end], place=place, precision=precision,
            score=round(confidence, 3), cue=canonical_cue(h.relations, h.clitic),
            feature=h.feature, match=matched_name(best, h.key),
            method="fuzzy" if h.fuzzy < 1.0 else "exact",
        )


def _city_of_part(p: Place, h: Hit, ctx: Sequence[Place]) -> Place | None:
    """The city the text names that a small place after a quarter word lies in, else
    None (``city_of_part``)."""
    if h.feature not in QUARTER_FEATURES:
        return None
    return city_of_part(p, ctx)


def city_of_part(p: Place, cities: Sequence[Place]) -> Place | None:
    """The largest city of ``cities`` (``PART_CITY_POP`` people or more) within
    ``PART_REACH_KM`` of the small place ``p``, else None."""
    if p.kind not in ("populated place", "area") or p.population >= SMALL_PLACE:
        return None
    near = [c for c in cities if c.kind == "populated place" and c.population >= PART_CITY_POP
            and c.id != p.id and distance_km(p, c) <= PART_REACH_KM]
    return max(near, key=lambda c: c.population, default=None)


def _carry_list_feature(prev: Hit, h: Hit, toks: list[Token]) -> None:
    """"بلدتي المسيفرة وأم ولد", "مناطق منها الوهط وصبر": a plural or dual feature
    names every item of the list it opens, not only the first."""
    if h.feature is not None or h.relations or prev.feature not in LIST_FEATURES:
        return
    if h.i == prev.j and h.clitic.startswith("و"):
        joined = True
    else:  # "و" written apart: "المحلة و الجلاجل"
        joined = h.i == prev.j + 1 and toks[prev.j].key == "و" and h.consumed == 0
    if joined and not any(t.brk_after for t in toks[prev.j - 1:h.i]):
        h.feature = prev.feature


def _feature_names(h: Hit) -> bool:
    """Whether a feature word before ``h`` names it as a place ("قرية الجيب"); a name
    of several words is no generic noun, so a plural or dual feature names it too
    ("بلدتي المسيفرة وأم ولد")."""
    return h.feature in NAMING_FEATURES or (h.j - h.i > 1 and h.feature in LIST_FEATURES)


def _within(positions: Sequence[int], i: int) -> bool:
    """Whether a position of ``positions`` (ascending) is within ``NEARBY_TOKENS`` of ``i``."""
    k = bisect_left(positions, i - NEARBY_TOKENS)
    return k < len(positions) and positions[k] <= i + NEARBY_TOKENS


def _one_country_towns(hits: Sequence[Hit], base: Sequence[int]) -> list[Place]:
    """Names needing no cue whose towns and units all lie in one country (one each)."""
    out: dict[str, Place] = {}
    for h, b in zip(hits, base, strict=True):
        if b != 0 or h.key in out:
            continue
        towns = [p for p in h.places if not is_village_level(p)]
        if towns and all(p.country == towns[0].country for p in towns):
            out[h.key] = towns[0]
    return list(out.values())


def _distinct(places: Iterable[Place]) -> list[Place]:
    """Each place once, in first-seen order."""
    return list({p.id: p for p in places}.values())


# Word endings whose swap makes another word, not a misspelling: الراشدين
# (plural) and الراشدية (a place) are two names.
WORD_ENDINGS = ("ين", "يه", "ون", "ات", "ان", "ه", "ي", "")


# First words of person names (folded): a village name starting with one
# needs a feature word before it.
PERSON_HEADS = frozenset({"عبد", "ابو", "ام", "ال", "بن", "ابن", "بني", "علي", "محمد", "احمد",
                          "حسن", "حسين", "هادي", "صالح", "عبدالله", "شيخ", "الشيخ", "سيد"})


@lru_cache(maxsize=1 << 14)
def _country_word(key: str) -> str | None:
    """The country a word names (``سوريا``, ``والعراقية``), by its first reading
    that is a country word; remembered per word, since every token is asked."""
    for _, stem, _ in proclitic_splits(key):
        code = COUNTRY_WORDS.get(stem)
        if code:
            return code
    return None


# Every reading of a word (``proclitic_splits``) is one of its endings, or an ending with
# the article restored: a word that ends in no feature word (nor in one less its
# article) reads as none, which the scan asks of nearly every word.
_FUZZY_TAILS = tuple(sorted({t for f in FUZZY_FEATURES
                             for t in (f, f[2:] if f.startswith("ال") else f) if t}))


def _feature_word(key: str) -> bool:
    """Whether a word (proclitics allowed) is a feature word after which a
    misspelt name is looked for (``قرية``, ``وبلدة``)."""
    return key.endswith(_FUZZY_TAILS) and _feature_reading(key)


@lru_cache(maxsize=1 << 14)
def _feature_reading(key: str) -> bool:
    return any(s in FUZZY_FEATURES for _, s, _ in proclitic_splits(key))


@lru_cache(maxsize=1 << 14)
def _name_key(name: str) -> str:
    return squash(name)


def own_ids(h: Hit) -> set[str]:
    return {q.id for q in h.places}


def _only_ending_differs(key: str, match: str) -> bool:
    """Whether two keys differ only by swapping one word ending for another."""
    for a in WORD_ENDINGS:
        for b in WORD_ENDINGS:
            if a != b and key.endswith(a) and match.endswith(b) and \
                    key[:len(key) - len(a)] == match[:len(match) - len(b)]:
                return True
    return False


def mention_to_location(m: PlaceMention) -> Location:
    """The output record's location for a resolved mention."""
    p = m.place
    return Location(
        name=p.name, name_ar=p.name_ar, lat=p.lat, lon=p.lon, precision=m.precision,
        gazetteer_id=p.id, admin1=p.admin1, admin2=p.admin2, country=p.country,
    )


def _after_city_feature(toks: list[Token], k: int) -> bool:
    """Whether token ``k`` follows a city feature word, perhaps with one country
    adjective between ("مدينة الكويت"، "العاصمة الأردنية عمان")."""
    for back in (1, 2):
        j = k - back
        if j < 0 or toks[j].brk_after:
            return False
        if any(stem in CITY_FEATURES for _, stem, _ in proclitic_splits(toks[j].key)):
            return True
        if _country_word(toks[j].key) is None:
            return False
    return False


def _opens_tag(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a hashtag (``#حضرموت``، ``#بالخرج``)."""
    return start > 0 and text[start - 1] == HASHTAG
