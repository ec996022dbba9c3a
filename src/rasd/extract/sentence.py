"""Sentence-level cue rules of the extraction walk: which cues in a sentence report an
act (negated, intended, answered, recalled or named acts do not).

A base class of the walk in ``extract``: the rules read the lexicon's cues
and the article's text, nothing of the events assembled so far. Which of a
sentence's places are the act's is decided by the place rules it inherits
(``extract.scene``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rasd.clean.word_sets import word_set
from rasd.extract.clauses import clause_breaks, clause_of
from rasd.extract.lexicon import Lexicon, TriggerMatch
from rasd.extract.numbers_ar import Token as NumberToken
from rasd.extract.numbers_ar import may_start_number, parse_number_at
from rasd.extract.patterns import PLURAL_FORM, POSSESSIVE_FORM
from rasd.extract.scene import SceneRules
from rasd.extract.tokens import Token
from rasd.models import Sentence

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
# The verbal nouns of taking ground, and the words before them that make the taking a
# prospect, a goal or a named operation rather than a report (``نحمد الله على استعادة
# عدن``، ``قرب تحرير عدن بالكامل``، ``معركة تحرير درعا``، ``حتى تحرير المدينة``).
# ``بعد وقف دائم لإطلاق النار``: how far before an act a word of stopping it may stand.
HALT_WINDOW = 2
# ``عاودت طائرات التحالف … غاراتها``: how far before a trigger in its
# possessive form the verb that wages it (cue ``wage``) may stand, past its subject and a time.
WAGE_WINDOW = 10
_TAKE_NOUNS = word_set("take_noun")
_PROSPECT = word_set("prospect")
# ``هذا الهجوم``، ``تلك الغارات``: a demonstrative points to an act already told.
_DEMONSTRATIVES = word_set("demonstrative")
# Relative pronouns: a clause describing the noun before them.
_RELATIVES = word_set("sentence_relative")
# Acts counted in this many or more (``14297 برميلاً``، ``آلاف الغارات``، ``15 ألف ضربة``)
# are a monitor's tally over months and many places: no one incident has a thousand
# strikes, barrels or shells (a day's round-up counts tens, dev snn-880d99391ba0's 300
# shells at most). Issue 14, dev4 snn-48955ba42444 (13 strikes, one per governorate
# listed), snn-f3aa36222305, snn-36d4f2b09768.
TALLY_ACTS = 1000
# A bare four-digit number after ``في``/``منذ``/``خلال`` in this range is a year.
YEAR_LOW, YEAR_HIGH = 1900, 2100
_YEAR_PREPS = word_set("year_preposition")
# Tokens before an act's noun within which its count may start (``ما لا يقل عن 12053``
# ends right before it; ``آلاف من الغارات`` has a word between).
TALLY_REACH = 4
# ``قبل``/``قبيل`` right before an act's noun: a time reference (``_anaphoric``).
_BEFORE_ACT = word_set("before_act")
# Prepositions between a word of response and the act it answers (``ردا على``).
_ANSWER_PREPS = word_set("answer_preposition")
# Tokens a present-tense verb of a relative clause or a ``في وقت … فيه`` frame may stand
# before the act's noun it describes (``التي تنطلق منها صواريخ``، ``في وقت يحاول فيه
# العراق استعادة``).
ONGOING_WINDOW = 4


class SentenceRules(SceneRules):
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
        drop = self._weak_kills(found, tokens)
        found = [m for m in found if m not in drop]
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
            if m.trigger.form == POSSESSIVE_FORM and not any(
                    self.lex.cue("wage", tokens[j], tokens)
                    for j in range(max(0, m.first - WAGE_WINDOW), m.first)):
                # ``وتعد مركز هجومهم``: the actor's act described, not told; as the word
                # was before it had this form, no cue and no clause's end.
                continue
            if m.trigger.form == PLURAL_FORM and m.first > 0 \
                    and self.lex.cue("series", tokens[m.first - 1], tokens):
                # ``ضربت موجة تفجيرات جديدة العاصمة``: the wave whose parts are told next
                # (dev snn-7cd07d26c6cd), no act of its own and no clause's end.
                continue
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

    def _weak_kills(self, found: Sequence[TriggerMatch],
                    tokens: list[Token]) -> list[TriggerMatch]:
        """The bare verbs of killing (cue ``weak_trigger``) that tell no act of their own
        (issue 14, split14h): in a sentence with another cue, kept or not, the killing is
        that act's toll (``قتل خمسة جنود بانفجار عبوة``، ``قتلوا أثناء محاولتهم
        الهجوم``); and the verbal noun, definite or after a preposition (``تسببت بالقتل``،
        ``المسؤولية عن قتل المواطن``، ``أقدم على قتل والده``), names a killing, it does
        not tell one. These are no cue and close no clause."""
        def weak(m: TriggerMatch) -> bool:
            return self.lex.cue("weak_trigger", tokens[m.first], tokens)

        kills = [m for m in found if weak(m)]
        if not kills:
            return []
        if any(not weak(m) for m in found):
            return kills
        return [m for m in kills if tokens[m.first].prefix.lstrip("وف")[:1] in ("ا", "ب", "ل")
                or (m.first > 0 and self.lex.cue("weak_before", tokens[m.first - 1], tokens))]

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
                     if (cue("modal", t, tokens) or (cue("nonevent", t, tokens)
                                                     and not self._escape(t, tokens)))
                     and not (t.index > 0 and head[t.index - 1].norm == "تحت")), None)
        self._void_memo = (tokens, void)
        return void

    def _escape(self, t: Token, tokens: list[Token]) -> bool:
        """Whether a displacement word is one man's or a band's flight (cue ``escape``
        within three words before it: ``لاذ أحدهم بالفرار``، ``تمكن المهاجمون من
        الفرار``), which voids no act told with it (issue 14, sd14i)."""
        return t.norm.endswith("فرار") and any(
            self.lex.cue("escape", tokens[j], tokens) for j in range(max(0, t.index - 3), t.index))

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
        if m.first > 0 and tokens[m.first - 1].norm in _BEFORE_ACT:
            # ``قبل اقتحام المدن``، ``قبل تحرير عدن تحررت الضالع``: an act named as the
            # end of a period is one to come or one told elsewhere (issue 14, prec8).
            return True
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
        before it, and so is an act's noun governed by a noun of carrying out that bears it
        (``لإجراء اعتقالات``), unless a verb of undergoing governs it (``تعرضت البلدة
        لقصف``)."""
        head = tokens[m.first]
        # ``ضرورية لإجراء اعتقالات``، ``لاستعادة السيطرة``: the act's noun after a noun of
        # carrying it out that bears the ل-.
        carried = m.first > 0 and tokens[m.first - 1].prefix == "ل" \
            and self.lex.cue("carry_out", tokens[m.first - 1], tokens)
        if not carried and (head.prefix != "ل" or not self.lex.cue("purpose", head, tokens)):
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

    def _ongoing_state(self, m: TriggerMatch, tokens: list[Token]) -> bool:
        """``الأحياء التي تتعرض لقصف الحوثيين``، ``تعز ولحج اللتين تشهدان مواجهات``،
        ``التي تدور فيها معارك``، ``في وقت تستمر فيه المواجهات``: an act's noun governed by
        the present-tense verb of a relative clause (cue ``ongoing_frame`` right before
        the verb; the noun right after the verb or after its resumptive ``فيها``/``منها``)
        or of a ``في وقت … فيه`` frame (its subject may stand between) describes what a
        place or a war is like, not an act told: the news tells its acts in the past
        tense. The verb of the main clause after a relative one (``القوات التي تسيطر على
        القطاع اعتقلت``، ``التي تقودها السعودية يحاولون استعادة``) is further on, and
        governs its own noun."""
        cue = self.lex.cue
        for j in range(m.first - 1, max(0, m.first - ONGOING_WINDOW - 1), -1):
            verb, frame = tokens[j], tokens[j - 1]
            if not cue("ongoing_frame", frame, tokens):
                continue
            timed = frame.norm.endswith("وقت")
            # ``في وقت`` names no gender: its verb is read as after ``التي``.
            if not _present_verb(verb.norm,
                                 feminine=timed or frame.norm.startswith(("الت", "اللت"))):
                return False
            if timed:
                rest = tokens[j + 2:m.first]
                return j + 1 < m.first and tokens[j + 1].norm == "فيه" and not any(
                    _present_verb(t.norm, feminine=True) and len(t.norm) > 3 for t in rest)
            gap = m.first - j
            return gap == 1 or (gap == 2 and cue("resumptive", tokens[j + 1], tokens))
        return False

    def _counted_in_thousands(self, m: TriggerMatch, tokens: list[Token]) -> bool:
        """``وثق المرصد 26350 غارة``، ``آلاف الغارات``: the act's noun counted in thousands
        (the count ends right before it, or before ``من`` there) is a tally (``TALLY_ACTS``).
        Only a count written as one: a date's year (``21 - 9 - 1427ه القبض على``, dev3
        snn-7a6abd9611fa) has a letter or a dash between it and the noun, or before it."""
        if m.trigger.role in ("protest", "riot"):
            return False  # ``احتشد آلاف المحتجين``: participants counted, not acts
        lo = max(0, m.first - TALLY_REACH)
        words = [NumberToken(t.start, t.end, t.norm) for t in tokens[lo:m.first + 1]]
        for k in range(lo, m.first):
            norm = tokens[k].norm
            if not may_start_number(norm) or (norm[:1].isdigit()
                                              and not norm.replace(",", "").isdigit()):
                continue  # ``1427ه``: digits glued to a letter are a date, not a count
            found = parse_number_at(words, k - lo)
            if found is None:
                continue
            value, end, _ = found
            end += lo
            if value < TALLY_ACTS or not (end == m.first or (
                    end == m.first - 1 and tokens[end].norm == "من")):
                continue
            gap = self.text[tokens[end - 1].end:tokens[end].start]
            before = self.text[max(0, tokens[k].start - 2):tokens[k].start]
            if gap.strip() or any(c in before for c in "-/–") or self._a_year(tokens, k):
                continue
            return True
        return False

    def _a_year(self, tokens: list[Token], k: int) -> bool:
        """``في شهر أيار 2012 قصفاً``، ``في 2014 غارات``: the number at ``tokens[k]`` is
        a date's year (a date expression ends with it, or a bare year after a preposition
        of time), not a count of the act after it."""
        from rasd.extract.dates import find_dates

        norm = tokens[k].norm
        if len(norm) == 4 and norm.isdigit() and YEAR_LOW <= int(norm) < YEAR_HIGH \
                and k > 0 and tokens[k - 1].norm in _YEAR_PREPS:
            return True
        window = self.text[tokens[max(0, k - 4)].start:tokens[k].end]
        return any(d.end >= len(window) for d in find_dates(window, published=None))

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
        if self._counted_in_thousands(m, tokens):
            return True  # ``ألقت 14297 برميلاً``: a tally of months, not an act
        if self._ongoing_state(m, tokens):
            return True  # ``المدينة التي تتعرض لقصف``: a state of affairs, not an act
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
            if _bare_noun(head) and m.first > 0 and _aimed_take(tokens[m.first - 1]):
                return True  # ``عمليات لاستعادة السيطرة على``: the aim's object
            # ``أعلنت قوات النظام، اليوم السبت، سيطرتها``: the verb may stand a
            # subject and a date away.
            if _bare_noun(head) and not before("control_verb", 12):
                return True  # ``الخاضعة لسيطرة التنظيم``: a situation, not a take-over
        return False


def _bare_noun(token: Token) -> bool:
    """``السيطرة``، ``سيطرتها``: the control noun (the verb ``سيطرت`` takes no object
    pronoun, so ``سيطرت`` + a suffix is the noun with a possessive); and the noun of
    driving out (``دحر``، ``دحرهم``), an act only after a verb of achieving (recall8)."""
    return any(f in ("سيطره", "السيطره") or (f.startswith("سيطرت") and len(f) > 5)
               or f.startswith("دحر") for f in token.forms)


def _aimed_take(token: Token) -> bool:
    """``لاستعادة``، ``لتحرير``: a take-over noun with bare ل-, the aim of an operation
    (issue 14, types14g: dev3 snn-d3f0ee3045ed ``عمليات لاستعادة السيطرة على المناطق``,
    snn-f54fe2c148c2 ``في محاولة من المتمردين لاستعادة السيطرة``); the control noun it
    governs is its object, no take-over of its own."""
    return token.prefix in ("ل", "لل") and any(f in _TAKE_NOUNS for f in token.forms)


def _present_verb(norm: str, *, feminine: bool) -> bool:
    """Whether the word after a relative pronoun is a present-tense verb: ي- (``يقاتل``),
    or ت- after a feminine one (``تتعرض``، ``تشهدان``) unless it is the past ending in ت-
    (``تعرضت``، ``تمت``) or ``تم``; after a masculine one ت- alone is the past of a verb
    of form V (``الذي تعرض له``), ``تت``- the present (``الذي تتعرض له المدينة``)."""
    if norm.startswith("ي"):
        return len(norm) >= 3
    if norm.startswith("تت"):
        return True
    return feminine and norm.startswith("ت") and len(norm) >= 3 \
        and not norm.endswith("ت") and not norm.startswith("تم")


def has_qad_imperfect(tokens: Sequence[Token]) -> bool:
    """``قد`` before an imperfect verb marks possibility (``قد يشن``), not an event."""
    return any(t.norm == "قد" and i + 1 < len(tokens) and tokens[i + 1].norm[:1] in ("ي", "ت")
               and not tokens[i + 1].norm.startswith("تم")
               for i, t in enumerate(tokens))
