"""Place rules of the extraction walk: which of a sentence's places are the scene of its
acts, and which only locate another place, are where someone went, came from or spoke,
name a source, an office, a weapon's make or a government.

A base class of the walk in ``extract`` (through ``SentenceRules``): like the cue
rules, these read the lexicon's cues and the article's text, nothing of the events
assembled so far. Quarters and areas of a city are lifted to the city here
(event-coding.md §4).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from rasd.clean.word_sets import word_set
from rasd.extract.lexicon import Lexicon, TriggerMatch
from rasd.extract.numbers_ar import parse_number
from rasd.extract.tokens import Token, tokenize
from rasd.geo.hit_words import city_of_part
from rasd.models import Place, PlaceMention

# Tokens a destination may stand after ``إلى`` (``إلى مستشفى في مدينة ...``).
JOURNEY_REACH = 4
# Tokens a destination may stand after ``إلى`` when a facility opens it (``نقله إلى
# مستشفى القوات المسلحة بمدينة الرياض``): the facility's name runs on to its town.
FACILITY_REACH = 7
# The facilities someone is taken or goes to (folded).
_FACILITIES = word_set("facility")
# The words of going to a place.
_TOWARD = ("الي", "نحو", "باتجاه", "صوب")
# Tokens a compass-placed town may stand after the place it locates.
ANCHOR_REACH = 10
# Words before a place that make it a scene (``في دمشق``، ``العاصمة طهران``).
_LOCATIVE = word_set("locative")
_FEATURE_ENDS = ("العاصمه", "مدينه")
# Words opening the attribution that closes a sentence (the source, not the scene).
_ATTRIBUTION = word_set("attribution")
_PRONOUN_PLACES = ("اطرافها", "محيطها", "داخلها", "فيها", "مشارفها", "احيائها", "اطرافه",
                   "محيطه", "داخله", "فيه")


class SceneRules:
    """The place rules; a subclass provides the lexicon and the article's text."""

    lex: Lexicon
    text: str

    def _speaker(self, p: PlaceMention, tokens: list[Token]) -> bool:
        """``لكن عفرين قال إن``: a name right before a speech verb is a person's;
        ``قالت لـ"منارة طرابلس"``: a quoted name told something is an outlet's."""
        nxt = next((t for t in tokens if t.start >= p.end), None)
        if nxt is not None and self.lex.cue("speech", nxt, tokens):
            return True
        quote = self.text.rfind('"', max(0, p.start - 12), p.start)
        if quote < 0 or len(self.text[quote + 1:p.start].split()) > 1:
            return False
        before = [t for t in tokens if t.end <= quote][-5:]
        return bool(before) and before[-1].norm in ("ل", "لـ") and any(
            self.lex.cue("told", t, tokens) for t in before[:-1])

    def _dateline(self, p: PlaceMention) -> bool:
        """``بيروت - قال ...``: the place a report was filed from opens its paragraph."""
        line_start = self.text.rfind("\n", 0, p.start) + 1
        if self.text[line_start:p.start].strip():
            return False
        after = self.text[p.end:p.end + 40].lstrip()
        if after.startswith("("):
            after = after[after.find(")") + 1:].lstrip() if ")" in after else after
        return after[:1] in ("-", "–", "—", ":", "،", ",")

    def _drop_origins(self, places: list[PlaceMention],
                      tokens: list[Token]) -> list[PlaceMention]:
        kept = []
        for p in places:
            before = [t for t in tokens if t.end <= p.start][-4:]
            own = tokenize(p.surface)
            is_origin = any(self.lex.cue("origin", t, tokens) for t in before[-3:]) or any(
                self.lex.cue("origin_noun", t, tokens) and k > 0 and before[k - 1].has_form("من")
                and not self._near_from(before, k - 1, tokens)
                # ``بين الحوثيين من جهة والمقاومة من جهة أخرى بمدينة لودر``: "on the
                # other side", a turn of phrase, not where an attack came from.
                and not (k + 1 < len(before) and before[k + 1].norm in _OTHER)
                for k, t in enumerate(before)) or (
                bool(own) and self.lex.cue("origin_noun", own[0], tokens) and bool(before)
                and before[-1].has_form("من")  # ``من قاعدة حقل العمر``
                and not self._near_from(before, len(before) - 1, tokens))
            if is_origin:
                rest = [t for t in tokens if t.start >= p.end]
                # ``من محور بلدة الباغوز وتقدم في أطرافها``: fighting there after all.
                if not any(t.norm.lstrip("و") in _PRONOUN_PLACES for t in rest):
                    continue
            kept.append(p)
        return kept

    def _near_from(self, before: list[Token], at: int, tokens: list[Token]) -> bool:
        """``بالقرب من قاعدة العند``، ``القريب من قاعدة العند``: the ``من`` at ``before[at]``
        says how near the place is, not where an attack came from."""
        return at > 0 and self.lex.cue("proximity", before[at - 1], tokens)

    def _drop_journeys(self, places: list[PlaceMention],
                       tokens: list[Token]) -> list[PlaceMention]:
        """``قبل أن تعود إلى قاعدة …``، ``رتلا ... كان في طريقه إلى محافظة لحج``، ``نقل
        المصابون إلى مستشفى في ...``: a place someone went back, was on the way or was
        carried to is where they went, not where the act was (dev snn-8eadaa6b9e2a,
        snn-cc3caf05bd62)."""
        kept = []
        for p in places:
            before = [t for t in tokens if t.end <= p.start][-FACILITY_REACH:]
            to = next((t.index for t in reversed(before)
                       if any(t.has_form(w) for w in _TOWARD)), None)
            if to is not None and to + 1 < len(tokens) \
                    and before[-1].index - to >= JOURNEY_REACH and not (
                    tokens[to + 1].norm in _FACILITIES
                    and not any(c in self.text[tokens[to].end:p.start] for c in "،,.؛")):
                # Far from ``إلى``, only a facility's name reaches the place (``إلى مستشفى
                # القوات المسلحة بمدينة الرياض``): beyond, it is another phrase's place.
                to = None
            if to is not None and any(self.lex.cue("journey", t, tokens)
                                      for t in tokens[max(0, to - 2):to]):
                continue
            kept.append(p)
        return kept

    def _drop_makes(self, places: list[PlaceMention],
                    tokens: list[Token]) -> list[PlaceMention]:
        """``بصواريخ من طراز جراد``، ``بصواريخ جراد``: a name right after a rocket or
        ``طراز`` names the weapon's make, not where it fell."""
        kept = []
        for p in places:
            before = [t for t in tokens if t.end <= p.start][-1:]
            if before and self.lex.cue("make", before[0], tokens):
                continue
            kept.append(p)
        return kept

    def _drop_distance_anchors(self, places: list[PlaceMention],
                               tokens: list[Token]) -> list[PlaceMention]:
        """``قاعدة العند التي تقع`` 50 km north of Aden, a village ``التي تبعد أكثر من`` 60
        km east of Aleppo, ``التي تبعد عن العاصمة صنعاء`` 256 km: a place a stated
        distance of :data:`MIN_DISTANCE_KM` or more is measured from is not where the act
        was (dev2 snn-6d8b41d068ad, snn-fd1858e8789f, snn-fbf6dbba4289, snn-a0db07e97161;
        dev snn-1c572d28f720). A shorter distance keeps it: the coders code a place
        some four km ``تبعد عن مدينة الحوطة`` at the town (dev snn-150b6c4e3794). Only
        when the sentence names another place."""
        kept = [p for p in places
                if not self._measured_from(p, tokens)]
        return kept if kept else places

    def _measured_from(self, p: PlaceMention, tokens: list[Token]) -> bool:
        before = [t for t in tokens if t.end <= p.start][-DISTANCE_REACH:]
        for k in range(len(before) - 1, 0, -1):
            if not _distance_unit(before[k]):
                if before[k].norm in _TO_ANCHOR:
                    continue
                break
            gap = self.text[before[k].end:p.start]
            return not any(c in gap for c in "،,.؛") and _far(before[k - 1])
        after = [t for t in tokens if t.start >= p.end][:3]
        opened = [t.norm for t in tokens if t.end <= p.start][-3:]
        if "عن" in opened and any(o in _MEASURE_VERBS for o in opened):
            # ``تبعد عن العاصمة صنعاء 256 كلم``: the distance after the place.
            for k in range(1, len(after)):
                if _distance_unit(after[k]):
                    return _far(after[k - 1])
        return False

    def _drop_offices(self, places: list[PlaceMention],
                      tokens: list[Token]) -> list[PlaceMention]:
        """``حاكم محافظة شانلي أورفة``، ``والي شانلي أورفة``، ``مكتب محافظ ديار بكر``: a
        place that completes an office's name (its holder speaks or is spoken of) is
        where the office is, not where the act was (dev snn-bf7575f1baca,
        snn-f6116f644d49, snn-a2fd34d08257; dev2 snn-44f5acee8ed4). Only when the
        sentence names another place: alone, the office's place is where its operation
        ran (``قال مكتب محافظ ديار بكر`` that an operation ran and six were arrested, dev2
        snn-00f85ad0b69f, the arrests coded at Diyarbakir)."""
        kept = []
        for p in places:
            before = [t for t in tokens if t.end <= p.start][-2:]
            if len(before) == 2 and before[-1].norm in _OFFICE_UNITS:
                before = before[:1]  # ``حاكم محافظة X``: the unit word between
            last = before[-1] if before else None
            # ``وإلى حلب`` folds to the governor's ``والي``: the preposition is spelt
            # with a hamza or a final alif maqsura, the title never.
            if last is not None and self.lex.cue("office", last, tokens) \
                    and not any(c in last.text for c in "إى"):
                continue
            kept.append(p)
        return kept if kept else places

    def _drop_anchors(self, places: list[PlaceMention], tokens: list[Token],
                      acts: Sequence[TriggerMatch]) -> list[PlaceMention]:
        """``سبها الواقعة على مسافة 700 كيلومتر جنوب طرابلس``، ``في النوفلية وهي أحد معاقل
        التنظيم جنوب شرقي مدينة سرت``، ``بلدروز والمقدادية في بعقوبة``: a town placed by a
        compass word, or by a bare ``في``, after another place of the same clause (no
        act or comma between) only says where that place lies. Read before origins are
        dropped: a place a report was phoned from (``من سبها``) still anchors its locator
        (dev snn-16bd4b3a53be, snn-a2ef97fd3551, snn-19bdd53d6f02, snn-05ac3d6a3ee2,
        snn-7cd07d26c6cd, snn-1d6586affed4)."""
        kept: list[PlaceMention] = []
        for k, p in enumerate(places):
            q = places[k - 1] if k else None
            if q is not None and not any(q.end <= b.start < p.start for b in acts):
                between = [t for t in tokens if q.end <= t.start and t.end <= p.start]
                gap_has_comma = any(c in self.text[q.end:p.start] for c in "،,.؛")
                compass = _compass_cue(p)
                if not gap_has_comma and (
                        (compass and len(between) <= ANCHOR_REACH)
                        or (len(between) == 1 and between[0].norm == "في" and p.feature is None
                            and q.place.kind == p.place.kind == "populated place")):
                    if kept and kept[-1] is q and q.feature in _QUARTERS \
                            and p.place.kind == "populated place":
                        # ``حي … الخاضع لسيطرة المعارضة`` south of Aleppo: a quarter
                        # placed in its town is coded at the town (event-coding.md §4),
                        # told where the quarter is (its clause's act owns it).
                        kept[-1] = dataclasses.replace(q, place=p.place)
                    continue
            kept.append(p)
        return kept

    @staticmethod
    def _lift_areas(places: list[PlaceMention],
                    story_cities: Sequence[Place] = ()) -> list[PlaceMention]:
        """``وفي مدينة تعز ... في منطقة الضباب``، ``منطقة الشرطة الرابعة ... ببغداد``: a
        small place named as an area of a city the same sentence names (not only as
        where a compass word points, ``منطقة حزيز جنوب صنعاء``) is a part of it, coded
        at the city (dev snn-d6b97ea43f0d, snn-05ac3d6a3ee2, snn-1b0bbfd04854). A
        sentence naming no other place reads the cities its story names again and
        again (``story_cities``: ``في منطقتي دار سعد والعلم`` in a story about Aden).
        A governorate coded at its capital names no city (``مجلس محافظة الأنبار ...
        في منطقتي حصيبة وجويبة شرق الرمادي``: Husaybah is not a part of Ramadi, dev3
        snn-d3f0ee3045ed)."""
        cities = [p.place for p in places if not _compass_cue(p) and p.precision < 3]
        if all(p.feature in _AREAS for p in places):
            cities += story_cities
        out = []
        for p in places:
            city = city_of_part(p.place, cities) if p.feature in _AREAS else None
            out.append(p if city is None else dataclasses.replace(p, place=city))
        return out

    @staticmethod
    def _lift_city_parts(places: list[PlaceMention], tokens: Sequence[Token],
                         main_cities: Sequence[Place] = ()) -> list[PlaceMention]:
        """``في منطقة البياع في غرب العاصمة``، ``منطقة بغداد الجديدة (شرق)``، ``في
        الزعفرانية بجنوب بغداد``: a small place followed by a compass word that points
        at no named place, or that reads "in the south of" (``في``/``ب`` before it) a
        city, lies within that city and is coded at it when it lies within its reach
        (``city_of_part``). A compass word pointing at no named place points from the
        large city the article names most (``main_cities``, all of them when tied:
        dev2 snn-a0db07e97161, -5bdee70024d8, -ba497f79e9ab). A compass word with no
        ``في``/``ب`` before a named place (``حزيز جنوب صنعاء``) says the place lies
        outside it, and a village or town named as such keeps its own place."""
        out: list[PlaceMention] = []
        for k, p in enumerate(places):
            if p.feature not in _PART_FEATURES:
                out.append(p)
                continue
            after = [t for t in tokens if t.start >= p.end][:4]
            inside = bool(after) and after[0].norm == "في"
            run = after[1:] if inside else after
            n = 0
            while n < min(2, len(run)) and _compass_word(run[n]):
                n += 1
            if not n:
                out.append(p)
                continue
            inside = inside or run[0].prefix == "ب"
            nxt = places[k + 1] if k + 1 < len(places) else None
            rest = run[n:]
            # The place the compass word points at: named right after it, a feature
            # word (``مدينة``) at most between.
            anchored = nxt is not None and any(nxt.start <= t.start for t in rest[:2]) \
                if rest else nxt is not None and nxt.start >= run[n - 1].end \
                and nxt.start - run[n - 1].end <= 2
            if anchored and not inside:
                out.append(p)
                continue
            cities = [nxt.place] if anchored and nxt is not None else list(main_cities)
            city = city_of_part(p.place, cities)
            out.append(p if city is None else dataclasses.replace(p, place=city))
        return out

    def _drop_locators(self, places: list[PlaceMention],
                       tokens: list[Token]) -> list[PlaceMention]:
        """``الميادين شرق دير الزور``، ``القائم في محافظة الأنبار``: the second place
        only locates the first one."""
        kept: list[PlaceMention] = []
        for p in places:
            if kept:
                between = [t for t in tokens if kept[-1].end <= t.start and t.end <= p.start]
                if kept[-1].feature in _QUARTERS and len(between) == 1 \
                        and _in_settlement(between[0]):
                    kept[-1] = p  # a neighbourhood is coded at its town (event-coding.md §4)
                    continue
                if kept[-1].feature in _QUARTERS and _compass_only(between) \
                        and p.place.kind == "populated place":
                    # ``حي البياع جنوب غربي بغداد``: a quarter placed by where it lies in
                    # its town is coded at the town too (event-coding.md §4).
                    kept[-1] = p
                    continue
                if (len(between) <= 4 and any(self.lex.cue("locator", t, tokens)
                                              or _in_settlement(t) for t in between)
                        and not self._listed_after(between, tokens)) \
                        or (not between and _bound_in(p, tokens)):
                    if _region_holding(kept[-1], p):
                        # ``جامعة الأنبار في جنوب مدينة الرمادي``: a town never places
                        # a region holding it; the region names something there (an
                        # institution) and the town is the act's place.
                        kept[-1] = p
                    continue
                if self._road_between(kept[-1], between, tokens):
                    continue
                if self._glued_locator(kept[-1], p, between):
                    continue
            kept.append(p)
        return kept

    def _glued_locator(self, q: PlaceMention, p: PlaceMention, between: list[Token]) -> bool:
        """``مجمع مليتة النفطي بزوارة``، ``في قرية الكصيبة بخانقين``: a town glued to ``ب`` right
        after a place (an adjective of it may stand between) locates that place (dev3
        snn-edb77c53a280)."""
        if self.text[max(0, p.start - 1):p.start] != "ب" or p.place.kind != "populated place":
            return False
        if self.text[max(0, p.start - 2):p.start - 1].strip():
            return False  # ``وبزوارة``: the ب is inside a longer prefix or word
        return len(between) <= 1 and all(
            t.norm.startswith("ال") and t.prefix == "ال" for t in between) \
            and not any(c in self.text[q.end:p.start] for c in "،,.؛")

    def _listed_after(self, between: list[Token], tokens: list[Token]) -> bool:
        """``في شقرة بمحافظة أبين ومنطقة القفل``: a place joined by و after the locator
        is the list's next item, not a second locator (event-coding.md §9: one event per
        place)."""
        last = max((k for k, t in enumerate(between) if self.lex.cue("locator", t, tokens)
                    or _in_settlement(t)), default=-1)
        # The و on a word of its own (``ومنطقة``، ``وقرية``), not on the name: in ``مع
        # محافظة كركوك وصلاح الدين`` the locator itself is a list.
        return any(t.prefix.startswith("و") for t in between[last + 1:])

    @staticmethod
    def _destination(p: PlaceMention, tokens: list[Token]) -> bool:
        """``وحُوّلت الرحلات إلى مطار مصراتة``: a place that something went to."""
        before = [t for t in tokens if t.end <= p.start][-2:]
        return any(t.has_form(w) for t in before for w in ("الي", "نحو", "باتجاه", "صوب"))

    def _drop_attributed(self, places: list[PlaceMention],
                         tokens: list[Token]) -> list[PlaceMention]:
        """``وفق بيان لقيادة شرطة الأنبار``، ``بحسب مصادر في دير الزور``: a place in the
        attribution that closes a sentence is the source's, and one in a protest's
        cause its topic; the sentence's other places are the event's."""
        at = next((t.start for t in tokens if t.norm in _ATTRIBUTION
                   # ``مسيرة في رام الله تنديداً بما جرى في جنين``: what a protest is
                   # about is elsewhere than the protest.
                   or (self.lex.cue("cause", t, tokens) and not t.has_form("ضد"))), None)
        if at is None:
            return places
        before = [p for p in places if p.start < at]
        return before or places

    def _drop_metonyms(self, places: list[PlaceMention], tokens: list[Token],
                       matches: Sequence[TriggerMatch]) -> list[PlaceMention]:
        """``سارعت أنقرة إلى ضرب الحزب``، ``ميليشيات تدعمها طهران``: a capital with no
        locative word before it (a preposition, ب-, a feature or relation word) and
        not the object of the act just named (``استهدفت الغارات صنعاء``) is its
        government, not where anything happened."""
        kept = []
        for p in places:
            own = tokenize(p.surface)
            if not own or not self.lex.cue("capital", own[-1], tokens) or len(own) > 1:
                kept.append(p)
                continue
            head = next((t for t in tokens if t.start >= p.start), None)
            before = [t for t in tokens if t.end <= p.start][-2:]
            # ``بدمشق``، ``وبالرياض``: the preposition bi- glued to the name.
            located = (head is not None and head.prefix.removesuffix("ال").endswith("ب")) \
                or any(t.norm in _LOCATIVE or self.lex.cue("locator", t, tokens)
                       or self.lex.cue("road", t, tokens) or t.norm.endswith(_FEATURE_ENDS)
                       for t in before) \
                or (head is not None and any(head.index - 2 <= m.last < head.index
                                             for m in matches))
            if located:
                kept.append(p)
        return kept

    def _road_between(self, first: PlaceMention, between: list[Token],
                      tokens: list[Token]) -> bool:
        """``على الطريق الواصل بين هجين وبلدة أبو حمام``: a road named by its two ends
        is one location, coded at the first end (the second only names the road)."""
        if len(between) > 1 or (between and not between[0].norm.startswith("و")):
            return False
        before = [t for t in tokens if t.end <= first.start][-5:]
        at = next((k for k in range(len(before) - 1, -1, -1) if before[k].norm == "بين"), None)
        return at is not None and any(self.lex.cue("road", t, tokens)
                                      for t in before[max(0, at - 3):at])


# ``حي الخالدية بمدينة حلب``، ``قرية المنطار ببلدة ...``: ب- glued to a settlement noun
# says where the place before it lies (with و-, ``وبمدينة``, it names another place).
_SETTLEMENTS = word_set("settlement")
_QUARTERS = word_set("quarter")
# ``من جهة أخرى``، ``من جهة ثانية``: the other side of a pair, not an origin.
_OTHER = word_set("other_side")
# The compass words that place a quarter within its town (``جنوب غربي بغداد``).
_COMPASS = word_set("compass")


# A stated distance (``على مسافة 50 كيلومترا من``): the unit's folded forms, the words
# that may stand between it and the place measured from, the verbs that open
# ``تبعد عن X 256 كلم`` (data/word_sets.tsv), the reach in tokens and the least
# distance (km) read so.
_DISTANCE_UNITS = word_set("distance_unit")
_TO_ANCHOR = word_set("to_anchor")
_MEASURE_VERBS = word_set("measure_verb")
DISTANCE_REACH = 7
MIN_DISTANCE_KM = 10


def _distance_unit(t: Token) -> bool:
    return t.norm in _DISTANCE_UNITS


def _far(t: Token) -> bool:
    """Whether the number token before a distance unit says ``MIN_DISTANCE_KM`` or more."""
    n = parse_number(t.norm)
    return n is not None and n >= MIN_DISTANCE_KM


# Unit words between an office and its place (``حاكم محافظة X``، ``والي ولاية X``), folded.
_OFFICE_UNITS = word_set("office_unit")
# The area words after which a small place may be a part of a city (``_lift_areas``).
_AREAS = word_set("area")
# The features a part of a city placed by a compass word may have (``_lift_city_parts``):
# none, or an area word; a village or town named as such is a place of its own.
_PART_FEATURES = frozenset({None, *_AREAS})
# Compass adverbs (``شرقًا``) beside the compass nouns and adjectives.
_COMPASS_ADVERBS = word_set("compass_adverb")


def _compass_cue(p: PlaceMention) -> bool:
    """Whether ``p`` is named as where a compass word points (``جنوب شرقي مدينة سرت``)."""
    return bool(p.cue) and all(w in _COMPASS for w in (p.cue or "").split())


def _compass_word(token: Token) -> bool:
    """``جنوب``، ``بجنوب``، ``شرقًا``: a compass word, a clitic ``ب`` allowed."""
    return any(f in _COMPASS or f in _COMPASS_ADVERBS for f in token.forms)


def _region_holding(region: PlaceMention, town: PlaceMention) -> bool:
    """``region`` is a governorate or district and ``town`` a town inside it (a strait
    or a mountain range, kind "region", is a place of its own)."""
    return (region.place.kind in ("admin1", "admin2")
            and town.place.kind == "populated place"
            and region.place.admin1 is not None
            and town.place.admin1 == region.place.admin1)


def _compass_only(between: Sequence[Token]) -> bool:
    """``جنوب``، ``جنوب غربي``، ``شمال شرق``: one or two compass words and nothing else."""
    return 1 <= len(between) <= 2 and all(
        t.prefix in ("", "ف") and t.norm in _COMPASS for t in between)


def _bound_in(p: PlaceMention, tokens: list[Token]) -> bool:
    """``جبهة الجفينة بمأرب``: a place right after another, its name bearing ب-, says
    where the first one is (issue 14: dev snn-eccbf31f0883)."""
    return any(t.start <= p.start < t.end and t.prefix == "ب" for t in tokens)


def _in_settlement(token: Token) -> bool:
    return token.prefix == "ب" and any(f in _SETTLEMENTS for f in token.forms[1:])
