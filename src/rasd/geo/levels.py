"""Cue levels: how much cueing each candidate of a name needs, and whether it has it.

A base class of :class:`rasd.geo.geocoder.Geocoder`. GeoNames is full of places
named like common words (الجمعة، حول، المشروع), so each name asks for a cue
level by its words (``_bases``: vetoes, a person's name before it, a
description such as "سهل الزبداني"), each candidate by what it names
(``_name_level``: a focus country's town or a foreign village, a unit with or
without a town of its name) and the story's country (``_home``); ``_cued`` says
whether the cue words around a name meet the level its candidate needs.
``_countries`` finds the country words the story's country is read from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from rasd.clean.word_sets import word_set
from rasd.geo.cues import (
    DIRECTION_ADJ,
    EVENT_WORDS,
    FEATURES,
    NAME_HEADS,
    PERSON_BEFORE,
    SCENE_RELATIONS,
    STREET_HEADS,
    STRONG_RELATIONS,
    Homographs,
)
from rasd.geo.gazetteer import Gazetteer, distance_km
from rasd.geo.hit_words import (
    PERSON_HEADS,
    SMALL_PLACE,
    country_word,
    feature_names,
    name_key,
    own_ids,
    within,
)
from rasd.geo.match import DIRECTIONS, Hit, matched_name
from rasd.geo.scan import OPENERS_MEMO
from rasd.geo.story import off_story
from rasd.geo.text import IN_CLITICS, Token, fold, proclitic_splits
from rasd.geo.wof_units import UNIT_ID
from rasd.geo.words import default_nouns, is_village_level
from rasd.models import Place

# Iraq's OCHA units carry no population: a floor keeps a governorate's name
# ahead of a village bearing it.
ADMIN_POP_FLOOR = {"admin1": 1_000_000, "admin2": 100_000, "admin3": 10_000}
BIG_CITY = 500_000
FAR_KM = 300
FOREIGN_SMALL_PLACE = 100_000
# Definite words after a name that say when, not whose ("سهل اليوم" is the
# village today, not "the plain of today").
TIME_WORDS = word_set("time_word")
# Feature words that name an admin level: with them a unit is coded at its
# seat with the unit's precision (ناحية هجين → Hajin, 2).
UNIT_FEATURES = word_set("unit_feature")


class CueLevels:
    """The cue levels of names and candidates; a subclass provides the gazetteer, the
    homographs, the words read as words, the focus countries and the levels' memo
    (lazily loaded by :class:`rasd.geo.geocoder.Geocoder`)."""

    focus: frozenset[str]
    # The cue level each candidate of a name needs by itself (``_plevels``).
    _name_levels: dict[
        tuple[str, tuple[str, ...], bool, bool, str | None, str | None], tuple[int, ...]]

    if TYPE_CHECKING:
        # Read-only properties of the subclass, declared here for the type checker only.
        @property
        def gazetteer(self) -> Gazetteer: ...

        @property
        def homographs(self) -> Homographs: ...

        @property
        def words(self) -> frozenset[str]: ...

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
            # A district's capital is a town too, whatever its population says:
            # GeoNames gives Yemen's none ("عكد ولودر في أبين"، "في قيفة رداع": dev
            # snn-87fa00d8f210, dev3 snn-998ce62e0f65).
            return (p.country == story and not is_village_level(p)
                    and (p.population >= SMALL_PLACE or p.id.startswith("rasd:")
                         or self.gazetteer.is_seat(p)))
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
