"""Sentence-level cue rules of the extraction walk: which cues in a sentence report an
act, and which of its places are the act's.

A base class of the walk in ``extract``: the rules read the lexicon's cues
and the article's text, nothing of the events assembled so far.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rasd.extract.clauses import clause_breaks, clause_of
from rasd.extract.lexicon import Lexicon, TriggerMatch
from rasd.extract.tokens import Token, tokenize
from rasd.geo.hit_words import city_of_part
from rasd.models import Place, PlaceMention, Sentence

if TYPE_CHECKING:
    from rasd.actors.dictionary import ActorMention

# A line this short with no closing punctuation is a headline or teaser.
HEADLINE_MAX_WORDS = 14
# Tokens a defusing or seizing verb may stand before the device it governs.
DEFUSE_WINDOW = 18
# Tokens a verb of undergoing (``تعرضت``) may stand before the act it brings with ل-.
EXPOSURE_WINDOW = 6
# Tokens after a cue within which ``كل ليلة`` makes it recur.
EVERY_WINDOW = 3
# Tokens the verbal noun a trigger verb governs may stand after it, the subject and a
# day between them (``انتزعت الوحدات الكردية اليوم الاثنين السيطرة``): a noun that is
# no act of its own there leaves the verb its places. A noun after a preposition or a
# conjunction (``لسيطرة``، ``وسيطرتهم``) is not the verb's object.
OBJECT_WINDOW = 8
_BOUND_CLITICS = ("ل", "ب", "و", "ف", "ك")
# Tokens a weapon (``بالصواريخ``) may stand after the strike it was used in.
INSTRUMENT_WINDOW = 4
# Tokens a destination may stand after ``إلى`` (``إلى مستشفى في مدينة ...``).
JOURNEY_REACH = 4
# Tokens a destination may stand after ``إلى`` when a facility opens it (``نقله إلى
# مستشفى القوات المسلحة بمدينة الرياض``): the facility's name runs on to its town.
FACILITY_REACH = 7
# The facilities someone is taken or goes to (folded).
_FACILITIES = frozenset({"مستشفي", "المستشفي", "مشفي", "المشفي", "مطار", "سجن", "قاعده", "مقر"})
# The words of going to a place.
_TOWARD = ("الي", "نحو", "باتجاه", "صوب")
# Tokens a compass-placed town may stand after the place it locates.
ANCHOR_REACH = 10
# Words before a place that make it a scene (``في دمشق``، ``العاصمة طهران``).
_LOCATIVE = frozenset({
    "في", "وفي", "داخل", "وسط", "قلب", "علي", "الي", "من", "نحو", "قرب",
    "محيط", "اطراف", "ضواحي", "مدخل", "جنوب", "شمال", "شرق", "غرب", "العاصمه", "مدينه",
    "عاصمه", "حي", "احياء", "شوارع", "مطار", "سجن", "مستشفي", "ساحه", "ميدان",
})
_FEATURE_ENDS = ("العاصمه", "مدينه")
# Words opening the attribution that closes a sentence (the source, not the scene).
_ATTRIBUTION = frozenset({"وفق", "وفقا", "بحسب", "حسب", "نقلا", "حسبما"})
# The verbal nouns of taking ground, and the words before them that make the taking a
# prospect, a goal or a named operation rather than a report (``نحمد الله على استعادة
# عدن``، ``قرب تحرير عدن بالكامل``، ``معركة تحرير درعا``، ``حتى تحرير المدينة``).
# ``بعد وقف دائم لإطلاق النار``: how far before an act a word of stopping it may stand.
HALT_WINDOW = 2
_TAKE_NOUNS = frozenset({"استعاده", "تحرير", "استيلاء"})
_PROSPECT = frozenset({"علي", "قرب", "وشك", "حتي", "معركه", "اجل", "سبيل", "نحو"})
# ``هذا الهجوم``، ``تلك الغارات``: a demonstrative points to an act already told.
_DEMONSTRATIVES = frozenset({"هذا", "هذه", "ذلك", "تلك", "هذين", "هاتين", "هولاء", "هؤلاء"})
# Relative pronouns: a clause describing the noun before them.
_RELATIVES = frozenset({"الذي", "التي", "اللذين", "اللتين", "اللذان", "اللتان"})
# Prepositions between a word of response and the act it answers (``ردا على``).
_ANSWER_PREPS = frozenset({"علي", "عن"})
_PRONOUN_PLACES = ("اطرافها", "محيطها", "داخلها", "فيها", "مشارفها", "احيائها", "اطرافه",
                   "محيطه", "داخله", "فيه")


class SentenceRules:
    """The cue rules; a subclass provides the lexicon and the article's text."""

    lex: Lexicon
    text: str
    # The last sentence's answers of ``_consequence_at`` and ``_void_word``, with the
    # token list they were read from (held, so compared by identity): the walk asks
    # each several times of one sentence, and each reads cues of every word.
    _consequence_memo: tuple[list[Token], int] | None = None
    _void_memo: tuple[list[Token], int | None] | None = None

    def _headline_like(self, s: Sentence) -> bool:
        """A short line with no closing punctuation (a teaser or sub-headline): it restates
        an event told in the body, or another article's, so nothing is coded from it."""
        line_start = self.text.rfind("\n", 0, s.start) + 1
        line_end = self.text.find("\n", s.end)
        line = self.text[line_start:line_end if line_end >= 0 else len(self.text)].strip()
        return (line == s.text.strip() and len(line.split()) <= HEADLINE_MAX_WORDS
                and not line.endswith((".", "!", "؟", "?", ":", "؛", '"', "»", ")")))

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

    def _triggers(self, tokens: list[Token], mentions: Sequence[ActorMention] = (),
                  ) -> tuple[list[TriggerMatch], list[TriggerMatch]]:
        """The triggers that report an event here, and every cue found (dropped ones
        still close the clause of the trigger before them)."""
        # ``سيطرت على سنجة، ما دفع الآلاف إلى الفرار``: the consequence clause tells
        # of displacement or fears, the act before it stands.
        head = tokens[:self._consequence_at(tokens)]
        void = self._void_word(tokens)
        if has_qad_imperfect(head):
            return [], []
        found = self.lex.find_triggers(tokens)
        if void is not None:
            lo, hi = self.void_clause(tokens, void)
            # A protest's demands (``مظاهرة ... تطالب برحيل``) follow it and leave it
            # standing, and so does a source's call told aside (``اختطف مسلحون صحفياً،
            # بحسب النقابة التي طالبت بالإفراج عنه``); anything else in a sentence of
            # threats, fears or displacement goes.
            found = [m for m in found if not lo <= m.start < hi or (m.last < void and (
                m.trigger.role == "protest"
                or any(self.lex.cue("aside", t, tokens) for t in tokens[m.last + 1:void])))]
            if not found:
                return [], []
        out: list[TriggerMatch] = []
        bounds: list[TriggerMatch] = []
        for m in found:
            if any(a.start < m.start < a.end for a in mentions):
                continue  # part of a name (قوات مكافحة الشغب، هيئة تحرير الشام), not a cue
            if self._dawn(m, tokens):
                continue  # a time of day, not a cue: it closes no clause either
            if m.first > 0 and self.lex.cue("name_head", tokens[m.first - 1], tokens):
                continue  # ``ساحة التحرير``، ``شارع الثورة``: a name, not a cue
            if m.trigger.source == "فجر" and self._campaign_named(m, tokens):
                continue  # ``عملية فجر الكرمة``: an operation's name, not a blast
            if m.trigger.role == "strike" and any(
                    self.lex.cue("assoc", tokens[j], tokens)
                    for j in range(max(0, m.first - 3), m.first)):
                continue  # ``بدعم من غارات التحالف``: the air cover of the act told
            m = self._defused(m, tokens)
            if self._anaphoric(m, tokens):
                continue  # a noun phrase inside another act's clause: it closes nothing
            if self._not_an_act(m, tokens):
                if out and out[-1].trigger.role == m.trigger.role \
                        and m.first - out[-1].last <= OBJECT_WINDOW \
                        and not tokens[m.first].prefix.startswith(_BOUND_CLITICS):
                    # ``انتزعت اليوم السيطرة على صرين``: the verb's own object, not a
                    # situation (``الخاضعة لسيطرة``) that would close its clause.
                    continue
                bounds.append(m)
                continue
            if out and out[-1].trigger.sub_event_type == m.trigger.sub_event_type \
                    and m.first - out[-1].last <= 3:
                continue  # ``تفجير عبوة ناسفة``: one cue, said twice
            if out and out[-1].trigger.event_type == "Explosions/Remote violence" \
                    and m.trigger.role == "strike" \
                    and tokens[m.first].prefix.lstrip("وف").startswith("ب") \
                    and m.first - out[-1].last <= INSTRUMENT_WINDOW:
                continue  # ``غارات بالصواريخ``: the weapon of the strike told, not another act
            if out and {out[-1].trigger.role, m.trigger.role} == {"suicide", "explode"} \
                    and m.first - out[-1].last <= 4:
                if m.trigger.role == "suicide":
                    bounds[bounds.index(out[-1])] = m
                    out[-1] = m
                continue
            out.append(m)
            bounds.append(m)
        return out, bounds

    def _void_word(self, tokens: list[Token]) -> int | None:
        """Index of the first threat, fear or displacement word before any consequence
        clause (``سيطرت على سنجة، ما دفع الآلاف إلى الفرار``: the consequence clause tells
        of displacement, the act before it stands), else None."""
        memo = self._void_memo
        if memo is not None and memo[0] is tokens:
            return memo[1]
        head = tokens[:self._consequence_at(tokens)]
        cue = self.lex.cue
        # ``تحت تهديد السلاح``: at gunpoint, a manner of the act rather than a threat.
        void = next((t.index for t in head
                     if (cue("modal", t, tokens) or cue("nonevent", t, tokens))
                     and not (t.index > 0 and head[t.index - 1].norm == "تحت")), None)
        self._void_memo = (tokens, void)
        return void

    def void_clause(self, tokens: list[Token], void: int | None = None) -> tuple[int, int]:
        """The character span of the clause a threat, fear or displacement word voids: a
        round-up's is its own clause's (``، مشيرة إلى نزوح العائلات، فيما شن طيران
        التحالف 14 غارة``: the acts of the other clauses stand); (0, 0) when none."""
        if void is None:
            void = self._void_word(tokens)
        if void is None:
            return 0, 0
        return clause_of(tokens[void].start, clause_breaks(tokens, self.text, 0))

    def _consequence_at(self, tokens: list[Token]) -> int:
        """Index of ``ما``/``مما`` before a consequence verb (``ما أدى``), else len(tokens)."""
        memo = self._consequence_memo
        if memo is not None and memo[0] is tokens:
            return memo[1]
        at = next((i for i in range(1, len(tokens) - 1)
                   if tokens[i].norm in ("ما", "مما")
                   and self.lex.cue("consequence", tokens[i + 1], tokens)), len(tokens))
        self._consequence_memo = (tokens, at)
        return at

    def _defused(self, m: TriggerMatch, tokens: list[Token]) -> TriggerMatch:
        """``فككت ثلاث عبوات ناسفة``، ``عثرت على مخبأ ... قذيفة هاون``: a device defused or
        seized is a disrupted weapons use, not an explosion."""
        # A cache's inventory runs long (``عثرت قوة من الحشد على مخبأ ... يحتوي على 40
        # قذيفة هاون وعبوات ناسفة``): the defusing verb may stand a clause-length back.
        if m.trigger.event_type != "Explosions/Remote violence" or not any(
                self.lex.cue("defuse", tokens[j], tokens)
                for j in range(max(0, m.first - DEFUSE_WINDOW), m.first)):
            return m
        trig = dataclasses.replace(m.trigger, event_type="Strategic developments",
                                   sub_event_type="Disrupted weapons use", role="disrupt")
        return dataclasses.replace(m, trigger=trig)

    def _anaphoric(self, m: TriggerMatch, tokens: list[Token]) -> bool:
        """``لمنفذ الهجوم``، ``بعد الهجوم``: a definite generic noun governed by a word
        that points back (its perpetrator, its aftermath) names an event told
        elsewhere. As a subject (``وطالت الهجمات مواقع ...``) it goes on to tell
        where, and stays."""
        head = tokens[m.first]
        # ``منذ هجوم سوروتش``، ``منذ بدء الهجوم``: an act named as the start of a period
        # is an earlier event, definite or not.
        if m.first > 0 and (tokens[m.first - 1].norm == "منذ" or (
                m.first > 1 and tokens[m.first - 2].norm == "منذ"
                and self.lex.cue("since_start", tokens[m.first - 1], tokens))):
            return True
        if m.first == 0 or not head.prefix.endswith(("ال", "لل")):
            return False
        if self.lex.cue("frames_back", tokens[m.first - 1], tokens):
            return True  # ``وتأتي الاشتباكات بعد ...``: the event just told, framed
        if tokens[m.first - 1].norm in _DEMONSTRATIVES:
            return True  # ``منفذي هذا الهجوم``، ``تلك الهجمات``: the act already told
        return m.trigger.priority <= 3 and m.first == m.last and \
            self.lex.cue("refers_back", tokens[m.first - 1], tokens)

    def _answered(self, m: TriggerMatch, tokens: list[Token]) -> bool:
        """``ردا على هجوم انتحاري``، ``انتقاما للمجزرة``: the act another one answers or
        avenges is an earlier one, named as the cause of the news, definite or not."""
        k = m.first - 1
        if k >= 0 and tokens[k].norm in _ANSWER_PREPS:
            k -= 1  # the preposition standing apart (``رد على الهجوم``)
        return k >= 0 and self.lex.cue("response", tokens[k], tokens)

    def _aim(self, m: TriggerMatch, tokens: list[Token]) -> bool:
        """``داهمت القرية لاعتقال مطلوب``: a verbal noun with bare ل- is the aim of the act
        before it, unless a verb of undergoing governs it (``تعرضت البلدة لقصف``)."""
        head = tokens[m.first]
        if head.prefix != "ل" or not self.lex.cue("purpose", head, tokens):
            return False
        return not any(self.lex.cue("exposure", tokens[j], tokens)
                       for j in range(max(0, m.first - EXPOSURE_WINDOW), m.first))

    def _known_act(self, m: TriggerMatch, tokens: list[Token]) -> bool:
        """``بعد التفجير الانتحاري الذي وقع في سروج``، ``عقب الهجمات التي استهدفت``: a
        definite act after a word pointing back, described by a relative clause, is one
        the reader knows; unlike a bare noun (``_anaphoric``) it closes the clause, so the
        places the relative clause names are not given to another act."""
        return m.first > 0 and tokens[m.first].prefix.endswith(("ال", "لل")) \
            and self.lex.cue("refers_back", tokens[m.first - 1], tokens) \
            and m.last + 1 < len(tokens) and tokens[m.last + 1].norm in _RELATIVES

    def _span_of_acts(self, m: TriggerMatch, tokens: list[Token]) -> bool:
        """``بعد أربعة أشهر من المعارك``: fighting counted in months or days is a campaign;
        ``هدفاً لغارات كل ليلة``: acts that recur every night are what a war is like.
        Neither is one event (a single act after ``بعد أيام من`` is recalled, not void)."""
        if m.trigger.sub_event_type == "Armed clash" and m.first >= 2 \
                and tokens[m.first - 1].has_form("من") \
                and self.lex.cue("duration", tokens[m.first - 2], tokens):
            return True
        return any(self.lex.cue("every", tokens[j], tokens)
                   for j in range(m.last + 1, min(len(tokens), m.last + 1 + EVERY_WINDOW)))

    def _act_noun_next(self, m: TriggerMatch, tokens: list[Token]) -> bool:
        """The word after the trigger opens another trigger (``توقيف المعارك``)."""
        return any(t.first == m.last + 1 for t in self.lex.find_triggers(tokens))

    def _campaign_named(self, m: TriggerMatch, tokens: list[Token]) -> bool:
        """``عملية تحرير الأنبار``، ``عمليات التحرير``، ``المشاركة في تحرير محافظتهم``: the
        noun after an operation or campaign word (``في`` may stand between) names the
        campaign or a share in it, not an act told."""
        k = m.first - 1
        if k > 0 and tokens[k].norm == "في":
            k -= 1
        return k >= 0 and self.lex.cue("campaign", tokens[k], tokens)

    def _dawn(self, m: TriggerMatch, tokens: list[Token]) -> bool:
        """``فجر اليوم``، ``عند الفجر``: the noun dawn, spelt as the verb detonated."""
        head = tokens[m.first]
        return m.trigger.source == "فجر" and (
            head.norm not in ("فجر", "وفجر")
            or (m.last + 1 < len(tokens) and self.lex.cue("time_word", tokens[m.last + 1], tokens)))

    def _not_an_act(self, m: TriggerMatch, tokens: list[Token]) -> bool:
        """Negated, intended, cleared, charged, answered, or a situation rather than an act."""
        def before(kind: str, window: int) -> bool:
            return any(self.lex.cue(kind, tokens[j], tokens)
                       for j in range(max(0, m.first - window), m.first))

        if before("negation", 5) or before("intent", 3) or before("clearing", 5) \
                or before("counter", 1) or before("charge", 3) or self._answered(m, tokens):
            return True
        if m.trigger.role != "agreement" and before("halt", HALT_WINDOW):
            return True  # ``رفض إيقاف إطلاق النار``، ``إيقاف البراميل``: an act to stop
        if m.trigger.role == "arrest" and self.lex.cue("halt", tokens[m.first], tokens) \
                and m.last + 1 < len(tokens) and self._act_noun_next(m, tokens):
            return True  # ``توقيف المعارك``: stopping the fighting, not an arrest
        if m.trigger.role == "transfer" and before("forced", 6):
            return True  # ``أجبروهم على الانسحاب``: the battle's outcome, told with it
        if m.trigger.role == "transfer" and m.last + 1 < len(tokens) \
                and self.lex.cue("weapon", tokens[m.last + 1], tokens):
            return True  # ``تسليم السلاح``: arms handed over, not ground
        head = tokens[m.first]
        if self._known_act(m, tokens):
            return True  # ``بعد التفجير الانتحاري الذي وقع في سروج``: an act already known
        if self._span_of_acts(m, tokens):
            return True  # ``أربعة أشهر من المعارك``، ``غارات كل ليلة``: a war, not an act
        if self._aim(m, tokens):
            return True  # ``اقتحموا منزلاً لتوقيف شاب``: the raid's aim, not an arrest told
        if m.trigger.role == "take":
            if head.prefix in ("ل", "لل") or head.norm.startswith("ل"):
                return True  # ``عملية عسكرية لتحرير الموصل``: the aim, not the outcome
            if m.first > 0 and any(f in _TAKE_NOUNS for f in head.forms) \
                    and any(f in _PROSPECT for f in tokens[m.first - 1].forms):
                return True  # ``على وشك استعادة``، ``قرب تحرير عدن``، ``معركة تحرير درعا``
            if any(f in _TAKE_NOUNS for f in head.forms) and self._campaign_named(m, tokens):
                return True  # ``عملية تحرير الأنبار``، ``المشاركة في تحرير``: a campaign
            # ``أعلنت قوات النظام، اليوم السبت، سيطرتها``: the verb may stand a
            # subject and a date away.
            if _bare_noun(head) and not before("control_verb", 12):
                return True  # ``الخاضعة لسيطرة التنظيم``: a situation, not a take-over
        return False

    def _drop_origins(self, places: list[PlaceMention],
                      tokens: list[Token]) -> list[PlaceMention]:
        kept = []
        for p in places:
            before = [t for t in tokens if t.end <= p.start][-4:]
            own = tokenize(p.surface)
            is_origin = any(self.lex.cue("origin", t, tokens) for t in before[-3:]) or any(
                self.lex.cue("origin_noun", t, tokens) and k > 0 and before[k - 1].has_form("من")
                # ``بين الحوثيين من جهة والمقاومة من جهة أخرى بمدينة لودر``: "on the
                # other side", a turn of phrase, not where an attack came from.
                and not (k + 1 < len(before) and before[k + 1].norm in _OTHER)
                for k, t in enumerate(before)) or (
                bool(own) and self.lex.cue("origin_noun", own[0], tokens) and bool(before)
                and before[-1].has_form("من"))  # ``من قاعدة حقل العمر``
            if is_origin:
                rest = [t for t in tokens if t.start >= p.end]
                # ``من محور بلدة الباغوز وتقدم في أطرافها``: fighting there after all.
                if not any(t.norm.lstrip("و") in _PRONOUN_PLACES for t in rest):
                    continue
            kept.append(p)
        return kept

    def _drop_journeys(self, places: list[PlaceMention],
                       tokens: list[Token]) -> list[PlaceMention]:
        """``قبل أن تعود إلى قاعدة ديار بكر``، ``رتلا ... كان في طريقه إلى محافظة لحج``، ``نقل
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

    def _drop_offices(self, places: list[PlaceMention],
                      tokens: list[Token]) -> list[PlaceMention]:
        """``حاكم محافظة شانلي أورفة``، ``والي شانلي أورفة``، ``مكتب محافظ ديار بكر``: a
        place that completes an office's name (its holder speaks or is spoken of) is
        where the office is, not where the act was (dev snn-bf7575f1baca,
        snn-f6116f644d49, snn-a2fd34d08257; dev2 snn-44f5acee8ed4). Only when the
        sentence names another place: alone, the office's place is where its operation
        ran (``قال مكتب محافظ ديار بكر إن عملية واسعة أطلقت ... واعتقل ستة``, dev2
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
                        # ``حي المغاير الخاضع لسيطرة المعارضة جنوب مدينة حلب``: a quarter
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
        again (``story_cities``: ``في منطقتي دار سعد والعلم`` in a story about Aden)."""
        cities = [p.place for p in places if not _compass_cue(p)]
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
                if len(between) <= 4 and any(self.lex.cue("locator", t, tokens)
                                             or _in_settlement(t) for t in between) \
                        and not self._listed_after(between, tokens):
                    if _region_holding(kept[-1], p):
                        # ``جامعة الأنبار في جنوب مدينة الرمادي``: a town never places
                        # a region holding it; the region names something there (an
                        # institution) and the town is the act's place.
                        kept[-1] = p
                    continue
                if self._road_between(kept[-1], between, tokens):
                    continue
            kept.append(p)
        return kept

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
_SETTLEMENTS = frozenset({"مدينه", "بلده", "قريه", "ناحيه", "منطقه"})
_QUARTERS = frozenset({"حي", "احياء", "الحي"})
# ``من جهة أخرى``، ``من جهة ثانية``: the other side of a pair, not an origin.
_OTHER = frozenset({"اخري", "ثانيه"})
# The compass words that place a quarter within its town (``جنوب غربي بغداد``).
_COMPASS = frozenset({"شرق", "غرب", "شمال", "جنوب", "شرقي", "غربي", "شمالي", "جنوبي"})


# Unit words between an office and its place (``حاكم محافظة X``، ``والي ولاية X``), folded.
_OFFICE_UNITS = frozenset({"محافظه", "ولايه", "اقليم", "منطقه", "مدينه", "قضاء", "لواء"})
# The area words after which a small place may be a part of a city (``_lift_areas``).
_AREAS = frozenset({"منطقه", "منطقتي", "منطقتين"})
# The features a part of a city placed by a compass word may have (``_lift_city_parts``):
# none, or an area word; a village or town named as such is a place of its own.
_PART_FEATURES = frozenset({None, *_AREAS})
# Compass adverbs (``شرقًا``) beside the compass nouns and adjectives.
_COMPASS_ADVERBS = frozenset({"شرقا", "غربا", "شمالا", "جنوبا"})


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


def _in_settlement(token: Token) -> bool:
    return token.prefix == "ب" and any(f in _SETTLEMENTS for f in token.forms[1:])


def _bare_noun(token: Token) -> bool:
    """``السيطرة``، ``سيطرتها``: the control noun (the verb ``سيطرت`` takes no object
    pronoun, so ``سيطرت`` + a suffix is the noun with a possessive)."""
    return any(f in ("سيطره", "السيطره") or (f.startswith("سيطرت") and len(f) > 5)
               for f in token.forms)


def has_qad_imperfect(tokens: Sequence[Token]) -> bool:
    """``قد`` before an imperfect verb marks possibility (``قد يشن``), not an event."""
    return any(t.norm == "قد" and i + 1 < len(tokens) and tokens[i + 1].norm[:1] in ("ي", "ت")
               and not tokens[i + 1].norm.startswith("تم")
               for i, t in enumerate(tokens))
