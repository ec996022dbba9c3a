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
from collections.abc import Mapping, Sequence
from dataclasses import replace

from rasd.geo.capitals import default_capitals
from rasd.geo.context import (
    TIE_MARGIN,
    anchor_bonus,
    anchors_of,
    common_unit,
    placed_by_direction,
    placed_elsewhere,
    placed_in_country,
    placing_directions,
    toward_bonus,
)
from rasd.geo.cues import (
    COUNTRY_WORDS,
    DIRECTION_ADJ,
    EVENT_WORDS,
    FEATURES,
    LOOSE_FEATURES,
    NAME_HEADS,
    PERSON_BEFORE,
    RELATIONS,
    SCENE_RELATIONS,
    STREET_HEADS,
    STRONG_RELATIONS,
    Homographs,
    default_homographs,
)
from rasd.geo.gazetteer import Gazetteer, distance_km, load_gazetteer
from rasd.geo.hit_words import (
    HASHTAG,
    NEARBY_TOKENS,
    PART_CITY_POP,
    PERSON_HEADS,
    QUARTER_FEATURES,
    SMALL_PLACE,
    after_city_feature,
    country_word,
    distinct,
    feature_names,
    name_key,
    one_country_towns,
    opens_tag,
    own_ids,
    quarter_city,
    stray_quarter,
    within,
)
from rasd.geo.match import DIRECTIONS, Hit, anchor_regions, canonical_cue, matched_name
from rasd.geo.scan import OPENERS_MEMO, NameScanner, read_cues
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
from rasd.geo.words import default_nouns, default_words, is_village_level
from rasd.models import Place, PlaceMention
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
FAR_KM = 300
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


# A story country's cue levels of each hit's candidates, the hits read as words
# (by ``id``) and the hits placed by a direction after them (by ``id``).
_Levels = tuple[list[list[int]], set[int], set[int]]


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
            self._big_cities = [p for p in self.gazetteer if p.kind == "populated place"
                                and p.population >= PART_CITY_POP]
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
            if not kept:
                continue
            m = self._resolve(text, toks, replace(h, places=kept), countries,
                              [*shared, *nearby], anchors.get(id(h), ()), story=story,
                              placed_by=placing.get(id(h), ()), toward=compass.get(id(h), ""))
            if m is not None:
                out.append((h, m))
        return anchor_regions(out, toks)

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
                                           and name_key(c.name_ar) != h.key]
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
            return feature_names(h)
        strong = h.feature is not None or any(r in STRONG_RELATIONS for r in h.relations)
        scene = any(r in SCENE_RELATIONS for r in h.relations)
        country_near = within(countries.get(p.country, ()), h.i)
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
        codes = {key: code for key in {t.key for t in toks} if (code := country_word(key))}
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
            near = within(countries[p.country], h.i)
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
        """Where a resolved place is coded: an admin unit at its seat (the town of
        its name) or else at its capital of another name (``rasd.geo.capitals``)."""
        if p.kind.startswith("admin"):
            seat = self.gazetteer.seat(p)
            if seat is not None:
                return seat
            capital = default_capitals().get(p.id)
            if capital is not None and capital in self.gazetteer:
                return self.gazetteer.get(capital)
        return p

    def _resolve(self, text: str, toks: list[Token], h: Hit,
                 countries: Mapping[str, list[int]], ctx: Sequence[Place],
                 anchors: Sequence[Place] = (), *, story: str | None = None,
                 placed_by: Sequence[Place] = (), toward: str = "") -> PlaceMention | None:
        """The best candidate of ``h`` as a mention. ``placed_by``: the places a
        cue after the name says it lies at ("X جنوب صنعاء", "X بريف درعا");
        ``toward``: the compass letters of that cue (``rasd.geo.context``)."""
        country, firm = placed_in_country(h, toks)
        if country is not None:
            # ``دجلة في أقصى جنوب شرق تركيا``: not the namesake in another country.
            ours = [p for p in h.places if p.country == country]
            h = replace(h, places=ours) if ours or firm else h
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
        if place is not best and h.feature not in UNIT_FEATURES and "ريف" not in h.relations \
                and self.gazetteer.seat(best) is not None:
            # A bare name shared by a unit and its seat ("تل أبيض") is the town; a
            # unit coded at a capital of another name ("شبوة" at Ataq) stays the unit.
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
        strays = None if placed_by else stray_quarter(best, h, ctx, self.big_cities)
        if strays is not None:
            # "حي الحصبة" in a story of Sanaa: a quarter of a city the text names, not
            # the village of that name in another province; coded at that city when
            # the text names one, unknown when it names several.
            if len(strays) > 1:
                return None
            place, precision = strays[0], 1
        if unit is not None:
            # Namesakes the context cannot tell apart: the unit holding them all.
            place, precision = unit[0], max(precision, unit[1])
        city = quarter_city(best, h, ctx) if place is best else None
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
