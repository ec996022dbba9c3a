"""Where a sentence's deaths go, and which counts are tallies rather than events.

A base class of the walk (:class:`rasd.extract.walk.DocumentWalk`): a sentence with
deaths but no place or act of its own (``وأضاف أن ... قتل أحد المقاتلين``) adds
them to the event it goes on about, unless it dates them to another day or places
them elsewhere; another source's count of the same dead widens the range rather
than adding to it; and acts or deaths counted over a period (``أكثر من عشرين
هجوماً منذ مطلع العام``، ``40 ألف قتيل خلال 30 عاما``) are a tally, not an event.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rasd.actors.document import ActorMention
from rasd.clean.word_sets import word_set
from rasd.extract.clauses import list_of, share
from rasd.extract.event_dates import TimeRules
from rasd.extract.fold import Candidate
from rasd.extract.lexicon import TriggerMatch
from rasd.extract.tokens import Token, token_at
from rasd.geo.geodesy import haversine_km
from rasd.models import Actor, PlaceMention, Sentence

# A toll this large told on its own or over a period adds up a war, not an event.
AGGREGATE_TOLL = 1000
# A toll dated to a span this long is a period's, not one day's event's.
WEEK_SPAN_DAYS = 7
# Places this close are one scene for a toll told after an event (a district and its town).
SAME_SCENE_KM = 30.0


# Words after an act's verb within which its subject is named (``وقصف الحوثيون``).
_SUBJECT_REACH = 2
# Complementisers: an actor named before one is the speaker, not the attacker (folded).
_THAT = word_set("complementiser")  # data/word_sets.tsv
# Words that add dead to those told (``أدت أيضا إلى مقتل``), folded.
_ALSO = word_set("also")
# Sub-types one act is often told as both of: a strike "shelled" (``طيران التحالف
# والمدفعية ... وتم قصفها``, dev3 snn-d3f0ee3045ed).
_STRIKES = frozenset({"Air/drone strike", "Shelling/artillery/missile attack"})


def _kin(c: Candidate, m: TriggerMatch) -> bool:
    """Whether the act ``m`` names may be the event ``c`` told: the same sub-type, two
    battles (``مقتل العشرات خلال المواجهات`` after a take-over: the fight for the place
    is part of it), or a strike from the air and a shelling."""
    return c.sub_event_type == m.trigger.sub_event_type or (
        c.event_type == m.trigger.event_type == "Battles") or (
        c.sub_event_type in _STRIKES and m.trigger.sub_event_type in _STRIKES)


def _other_attacker(matches: list[TriggerMatch], tokens: list[Token],
                    mentions: Sequence[ActorMention], target: Candidate,
                    allied: Callable[[Actor, Actor], bool] | None) -> bool:
    """``وقصف الحوثيون الأحياء السكنية`` with dead, after the coalition's strikes,
    ``تمكن الثوار من قتل …`` after a coalition strike: the sentence's act has
    an attacker of its own (right after its verb, or before it with no ``أن`` between:
    a source quoted, ``قالت مصادر في المقاومة إن الغارات``, is no attacker), who is not
    the attacker of the event told (either side of a battle) nor an ally: its dead are
    that act's
    (dev snn-1bfaaeb5383d, dev3 snn-998ce62e0f65)."""
    m0 = min(matches, key=lambda m: m.start)
    reach = tokens[min(m0.last + _SUBJECT_REACH, len(tokens) - 1)].end
    after = next((a.actor for a in mentions if m0.end <= a.start <= reach and not a.victims),
                 None)
    before = next((a for a in reversed(mentions) if a.end <= m0.start and not a.victims), None)
    if before is not None and any(t.start >= before.end and t.end <= m0.start
                                  and t.norm in _THAT for t in tokens):
        before = None
    subject = after or (before.actor if before is not None else None)
    if subject is None:
        return False
    # Either side of a battle acts in it; a strike or an attack has one attacker (its
    # target striking back is another act).
    sides = [a for a in ((target.actor1, target.actor2) if target.event_type == "Battles"
                         else (target.actor1,)) if a is not None]
    if not sides or any(a.id == subject.id for a in sides):
        return False
    return not (allied is not None and any(allied(subject, a) for a in sides))


# Before a group named among the dead: ``10 من رجال المقاومة``، ``من عناصر التنظيم``:
# ``من``, or ``من`` and a word for the group's members (data/word_sets.tsv).
_MEMBERS = word_set("member_noun")


def _members_of(tokens: Sequence[Token], at: int, s: Sentence) -> bool:
    """Whether the words right before the name at ``at`` (a document offset) count it
    as members: ``من`` or ``من`` + a member noun, spaces between them and before the
    name, a space or the sentence's start before ``من``."""
    k = token_at(tokens, at)
    if k == 0 or (k < len(tokens) and tokens[k].start < at):
        return False  # nothing before, or the name starts inside a word (a glued و-)
    last = tokens[k - 1]
    of = tokens[k - 2] if k >= 2 and last.norm in _MEMBERS else last
    lo = of.start - s.start
    return of.norm == "من" and (lo == 0 or s.text[lo - 1].isspace()) and not (
        s.text[of.end - s.start:last.start - s.start] + s.text[last.end - s.start:at - s.start]
    ).strip()


def _own_side_dead(deaths: list[tuple[int, int, int, int]], s: Sentence,
                   tokens: Sequence[Token], mentions: Sequence[ActorMention], target: Candidate,
                   allied: Callable[[Actor, Actor], bool] | None) -> bool:
    """``25 حوثيا و10 من رجال المقاومة`` killed, told after the
    coalition's strikes: dead counted among the attacker's own side (or its allies) are
    not a one-sided attack's dead; they fell in a fight told elsewhere (dev2
    snn-6d8b41d068ad, snn-fd1858e8789f). A battle's dead are both sides'."""
    attacker = target.actor1
    if target.event_type == "Battles" or attacker is None:
        return False
    first = min(d[0] for d in deaths)
    for m in mentions:
        if m.start - s.start < first or not _members_of(tokens, m.start, s):
            continue
        if m.actor.id == attacker.id or (allied is not None and allied(m.actor, attacker)):
            return True
    return False


class TollRules(TimeRules):
    """Toll continuation and tallies; a subclass provides the events told so far (the
    dates of sentences come from :class:`TimeRules`)."""

    candidates: list[Candidate]

    def _tally_of_acts(self, matches: list[TriggerMatch], tokens: list[Token],
                       text: str) -> bool:
        """``شهدت المنطقة منذ مطلع العام أكثر من عشرين هجوماً``: acts counted over a
        period (a number before an act's cue; participants counted, as in a
        protest, do not count) are a tally, not an event."""
        return any(
            t.norm[:1].isdigit() or self.lex.cue("counted", t, tokens)
            for m in matches if m.trigger.role not in ("protest", "riot")
            for t in tokens[max(0, m.first - 2):m.first]) and self._running_total(tokens, text)

    def _war_tally(self, deaths: list[tuple[int, int, int, int]],
                   matches: list[TriggerMatch], places: list[PlaceMention],
                   tokens: list[Token]) -> bool:
        """``نزاع أوقع أكثر من 40 ألف قتيل`` in 30 years، ``ووثق المرصد مقتل 71 ألفا``:
        thousands dead, told over a period or on their own, are a war's tally, and so
        is every smaller count the sentence breaks it into."""
        return any(d[1] >= AGGREGATE_TOLL for d in deaths) and (
            not matches or not places
            or any(self.lex.cue("duration", t, tokens) or t.norm == "منذ" for t in tokens))

    def _continue(self, deaths: list[tuple[int, int, int, int]], s: Sentence,
                  matches: list[TriggerMatch], tokens: list[Token],
                  places: Sequence[PlaceMention] = (),
                  mentions: Sequence[ActorMention] = (),
                  allied: Callable[[Actor, Actor], bool] | None = None) -> None:
        # Only the latest fitting candidate is wanted: scanned from the end, a long
        # text does not rescan every event told so far for each sentence.
        def last(pred: Callable[[Candidate], bool]) -> Candidate | None:
            return next((c for c in reversed(self.candidates) if pred(c)), None)

        def violent(c: Candidate) -> bool:
            return c.event_type != "Strategic developments"

        last_violent = last(violent)
        if last_violent is None or any(
                self.lex.cue("another_matter", t, tokens) for t in tokens[:3]):
            # ``من جانب آخر، شن طيران التحالف غارة ... جثث 14``: another incident, not
            # more dead of the one told before (dev2 snn-95c4be0a0b53, dev snn-150b6c4e3794).
            return
        first_dead = s.start + min(d[0] for d in deaths)
        if any(t.start >= first_dead and self.lex.cue("scattered", t, tokens) for t in tokens):
            # ``وأكدت مصادر طبية مقتل 22 ...، في حين قتل سبعة ... في مناطق متفرقة من تعز``:
            # dead counted over scattered places are a tally of the day's acts, not more
            # dead of the one told last (dev2 snn-95c4be0a0b53, dev3 snn-6775c516ebcf).
            # Scattered places told before the dead are the act's (``قصف أحياء متفرقة
            # ... ما أدى إلى مقتل``, dev snn-5fc7a88b6bb0).
            return
        if matches and not any(violent(c) and _kin(c, m) for c in self.candidates
                               for m in matches):
            # ``وقصف الحوثيون الأحياء ما أسفر عن سقوط قتلى`` after air strikes, ``كما
            # لقي 12 مصرعهم إثر انفجار عبوة ناسفة`` after shelling: the sentence tells an
            # act of its own, of a kind no event told so far is, which no place made an
            # event of: its dead are that act's, not the last event's (dev
            # snn-1bfaaeb5383d, dev2 snn-95c4be0a0b53, dev3 snn-6775c516ebcf).
            return
        types = {m.trigger.event_type for m in matches}

        def typed(c: Candidate) -> bool:
            return violent(c) and c.event_type in types

        fitting = typed if last(typed) is not None else violent
        told = last(fitting)
        if told is not None and matches:
            # ``مقتل العشرات خلال تلك الاشتباكات`` after clashes that ended in a take-over,
            # told in one sentence: the dead of the act the sentence names (the clashes),
            # not of its sibling of that sentence.
            subtypes = {m.trigger.sub_event_type for m in matches}
            scene = told.sentence
            sibling = last(lambda c: c.sentence == scene and fitting(c)
                           and c.sub_event_type in subtypes)
            if sibling is not None and sibling.sub_event_type != told.sub_event_type:
                fitting = lambda c: c is sibling  # noqa: E731
        if (any(self.lex.cue("contrast", t, tokens) for t in tokens[:2])
                or any(self.lex.cue("earlier_count", t, tokens) for t in tokens)) and any(
                self.lex.cue("toll", t, tokens) or self.lex.cue("told", t, tokens) for t in tokens):
            # ``غير أن مصادر محلية قالت إن عدد القتلى بلغ 15``، ``فيما قال مصدر طبي إن 20
            # قتلوا``: the same dead counted by another source, not more of them: the
            # range widens, the count stays. So with a figure given earlier (``وكانت
            # حصيلة غير نهائية أفادت عن مقتل 17``، ``وقال النائب في وقت سابق إن أكثر من
            # عشرة قتلوا``): the update stands (dev2 snn-5bdee70024d8, snn-ba497f79e9ab,
            # snn-86a4bd73895a).
            told = last(lambda c: fitting(c) and bool(c.deaths or c.extra_deaths))
            if told is not None:
                best, low, high = (sum(d[k] for d in deaths) for k in (1, 2, 3))
                told.alt_deaths.append((best, low, high))
                told.note("fatalities", "deaths/other-source")
                told.add_evidence(s)
                return
        if matches and all(tokens[m.first].norm.startswith("ال") and any(
                self.lex.cue("consequence", t, tokens) for t in tokens[m.last + 1:m.last + 3])
                for m in matches) and not any(
                t.has_form(w) or t.startswith("اخر") for t in tokens for w in _ALSO):
            # ``وقال المكتب الإعلامي للمقاومة إن الهجوم أسفر عن مقتل اثنين`` after ``قتل 16
            # ... في هجوم نفذته المقاومة``: the act named by a definite noun, as the
            # subject of its result, is the one told, and its dead counted again by
            # another source are the same dead: the range widens, the toll stays (dev2
            # snn-95c4be0a0b53). Dead told "in the clashes" (``وقتل أربعة من المقاومة
            # خلال المواجهات``) are more of them, often of the other side. ``أدت أيضا إلى مقتل
            # عدد من أفراد القوات النظامية``: more dead, of the other side (dev
            # snn-880d99391ba0); so are ``اثنين آخرين``.
            told = last(lambda c: fitting(c) and bool(c.deaths))
            if told is not None and told is last(fitting):
                best, low, high = (sum(d[k] for d in deaths) for k in (1, 2, 3))
                told.alt_deaths.append((best, low, high))
                told.note("fatalities", "deaths/other-source")
                told.add_evidence(s)
                return
        if not matches:
            # With no cue of its own the sentence can only go on about the event
            # just told, and only when that event did not report a toll already.
            target = last_violent if not last_violent.deaths else None
        else:
            target = last(fitting)
        if target is None or self._another_day(s, target) or self._elsewhere(places, target):
            return
        if matches and _other_attacker(matches, tokens, mentions, target, allied):
            return
        if _own_side_dead(deaths, s, tokens, mentions, target, allied):
            return
        group = list_of(target, self.candidates)
        for n, cand in enumerate(group):
            parts = len(group)
            cand.extra_deaths.extend((share(b, parts, n), share(lo, parts, n), share(hi, parts, n))
                                     for _, b, lo, hi in deaths)
            cand.note("fatalities", *(["deaths/continuation"] if parts == 1 else
                                       ["deaths/continuation", "deaths/divided"]))
            cand.add_evidence(s)

    @staticmethod
    def _elsewhere(places: Sequence[PlaceMention], target: Candidate) -> bool:
        """``وعثر على جثتي عنصرين في الصحوة أمس في بغداد`` after strikes near Kobani: dead
        a sentence places away from the event told before, with no act of its own named,
        are dead of another incident, not more of that event's (dev2 snn-7f6ece695ac1,
        snn-38b4becdf72c).
        A place of the same scene (the same place, one holding it or held by it, or one
        within ``SAME_SCENE_KM``) keeps them on it."""
        if not places or target.place is None:
            return False
        have = target.place.place
        for m in places:
            p = m.place
            if p.id == have.id or haversine_km(p.lat, p.lon, have.lat, have.lon) <= SAME_SCENE_KM:
                return False
            if p.admin_pcode and have.admin_pcode and (
                    p.admin_pcode.startswith(have.admin_pcode)
                    or have.admin_pcode.startswith(p.admin_pcode)):
                return False
        return True

    def _another_day(self, s: Sentence, target: Candidate) -> bool:
        """``وتسبب قصف مدفعي في مقتل 43 شخصا يوم الأحد`` after Tuesday's strike, ``وكانت
        اشتباكات دارت من مساء الخميس ... أسفرت عن مقتل 29`` after Saturday's clash: deaths
        the sentence dates to days the event was not on are another event's (dev
        snn-9d7eb1d7a907, snn-87fa00d8f210)."""
        when, explicit = self._date(s.text)
        have = target.date
        if not (explicit and when is not None and have is not None):
            return False
        if when.end < have.start or when.start > have.end:
            return True
        # ``وأعلن عن مقتل جندي آخر الأسبوع الماضي``، ``خلال الأيام العشرة الماضية قتل 40``
        # after an event of one day: dead told over a week or more are a period's or
        # another incident's, not more of that day's (dev snn-9d7eb1d7a907,
        # snn-e8400d4d37df: an Emirati soldier killed last week added to Monday's
        # take-over of central Aden).
        return have.precision == 1 and (when.end - when.start).days >= WEEK_SPAN_DAYS

