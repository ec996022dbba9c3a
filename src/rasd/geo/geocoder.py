"""Geocoding Arabic text: find place names, resolve them, code their precision.

:class:`Geocoder` scans tokens for the longest gazetteer name at each
position (proclitics stripped, names written with or without inner spaces,
article added or dropped), reads the cue words before the name (feature
words such as مدينة and relations such as قرب / محيط / ريف / من محور), gates
names that are also common words on those cues, disambiguates places that
share a name by country and admin context, the document's other places and
size, and codes ACLED geo-precision as ``event-coding.md`` §4 defines it.

This module holds the scan over a text and the two passes that decide its
names; how much cueing a name needs and whether it has it is
:class:`rasd.geo.levels.CueLevels`, which candidate wins and how it is coded
:class:`rasd.geo.resolve.PlaceResolver` (both base classes of :class:`Geocoder`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace

from rasd.clean.word_sets import word_set
from rasd.geo.context import (
    anchors_of,
    placed_by_direction,
    placing_directions,
)
from rasd.geo.cues import (
    COUNTRY_WORDS,
    Homographs,
    default_homographs,
)
from rasd.geo.gazetteer import Gazetteer, load_gazetteer
from rasd.geo.hit_words import (
    HASHTAG,
    NEARBY_TOKENS,
    PART_CITY_POP,
    SMALL_PLACE,
    after_city_feature,
    distinct,
    feature_names,
    one_country_towns,
    opens_tag,
)
from rasd.geo.levels import CueLevels
from rasd.geo.match import Hit, anchor_regions
from rasd.geo.resolve import PlaceResolver
from rasd.geo.scan import NameScanner, read_cues
from rasd.geo.story import story_country
from rasd.geo.text import (
    IN_CLITICS,
    Token,
    proclitic_splits,
    tokenize,
)
from rasd.geo.words import default_words, is_village_level
from rasd.models import Place, PlaceMention
from rasd.profile import Profile, load_profile

# A story country's cue levels of each hit's candidates, the hits read as words
# (by ``id``) and the hits placed by a direction after them (by ``id``).
_Levels = tuple[list[list[int]], set[int], set[int]]


# Words before a name that make it a mountain range's (folded, a glued و- or ب- allowed).
RANGE_HEADS = word_set("range_head")  # data/word_sets.tsv


class Geocoder(CueLevels, PlaceResolver):
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
        # The name scan and its memos (``names``), made on first use.
        self._names: NameScanner | None = None
        # The cue level each candidate of a name needs by itself (``_plevels``).
        self._name_levels: dict[
            tuple[str, tuple[str, ...], bool, bool, str | None, str | None], tuple[int, ...]] = {}
        self._words: frozenset[str] | None = None
        self._big_cities: list[Place] | None = None

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gaz is None:
            self._gaz = load_gazetteer()
        return self._gaz

    @property
    def names(self) -> NameScanner:
        """The name scan over this geocoder's gazetteer, with its per-word memos."""
        if self._names is None:
            self._names = NameScanner(self.gazetteer, self.homographs, focus=self.focus,
                                      fuzzy=self.fuzzy)
        return self._names

    @property
    def homographs(self) -> Homographs:
        if self._homographs is None:
            self._homographs = default_homographs()
        return self._homographs

    @property
    def big_cities(self) -> list[Place]:
        """The gazetteer's cities of ``PART_CITY_POP`` people or more (``stray_quarter``)."""
        if self._big_cities is None:
            self._big_cities = self.gazetteer.where(
                lambda p: p.kind == "populated place" and p.population >= PART_CITY_POP)
        return self._big_cities

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
        hits, countries = self.names.scan(toks), self._countries(toks)
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
                if after_city_feature(toks, k):
                    kept = towns
                else:
                    cued = clitic in IN_CLITICS or opens_tag(text, toks[k].start) or (
                        k > 0 and not toks[k - 1].brk_after and toks[k - 1].key == "في")
                    kept = [p for p in towns if cued and p.country != code
                            and p.country in countries]
                if kept:
                    h = Hit(k, k + 1, clitic, consumed, stem, kept, False)
                    read_cues(toks, h)
                    new.append(h)
        if not new:
            return hits
        return sorted([*hits, *new], key=lambda h: h.i)

    def _outvoted(self, h: Hit, kept: Sequence[Place],
                  firm_place: Mapping[int, Sequence[Place]]) -> bool:
        """Whether the context chose a candidate of ``h`` that its cues do not keep.

        "ضلاع همدان" in a story of Yemen: weighed among all its namesakes, the
        name is the Yemeni district the context points to; only the Iranian city
        needs no cue word, yet the context says it is not that city. The name is
        then not coded at all rather than at the namesake the context rejected."""
        chosen = firm_place.get(id(h))
        if not chosen or len(kept) == len(h.places):
            return False
        ids = {self._target(p).id for p in kept}
        return not any(c.id in ids for c in chosen)

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
        ctx_places = distinct(m.place for m in context)
        # Each candidate needs the cues its own name level asks for: "الرياض"
        # the Saudi capital needs none, an Egyptian village of that name does.
        if base is None:
            base = self._bases(toks, hits)
        # The story's country, from its country words, the places a first pass
        # resolved and the names here that can only be towns of one country;
        # the levels depend on it, and are kept per story in ``levels``.
        story = story_country(countries, [*ctx_places, *one_country_towns(hits, base)])
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
        shared = distinct([*ctx_places, *local])
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
            named = feature_names(h)
            if not named and min(lvs) >= 3:
                continue
            nearby = [p for o in around(h) for p in firm_place[id(o)]]
            # A first pass's reading of this very name is no context for it.
            others = others_than(h)
            memo: dict[str, list[Place]] = {}  # what _cued works out once per hit
            tag = tagged and opens_tag(text, toks[h.i].start)
            kept = [p for p, lv in zip(h.places, lvs, strict=True)
                    if lv == 0 or ((named or lv < 3)
                                   and self._cued(h, p, lv, nearby, others, toks, countries,
                                                  story, memo, placed=id(h) in placed,
                                                  tagged=tag))]
            if h.i > 0 and h.consumed == 0 and not toks[h.i - 1].brk_after \
                    and toks[h.i - 1].key in RANGE_HEADS:
                # "منطقة جبال حمرين": a range is no town or unit of its name (the
                # Hamreen subdistrict lies 60 km from the Hamrin hills; dev
                # snn-05ac3d6a3ee2, snn-7cd07d26c6cd, dev3 snn-e4db6943c8fa).
                kept = [p for p in kept if p.kind in ("region", "facility")]
            if not kept:
                continue
            if self._outvoted(h, kept, firm_place):
                continue
            m = self._resolve(text, toks, replace(h, places=kept), countries,
                              [*shared, *nearby], anchors.get(id(h), ()), story=story,
                              placed_by=placing.get(id(h), ()), toward=compass.get(id(h), ""))
            if m is not None:
                out.append((h, m))
        return anchor_regions(out, toks)
