"""When an event happened, and whether it is today's news or an earlier one recalled.

A mixin of :class:`rasd.extract.walk.DocumentWalk`: the date of a sentence
(resolved against the publication date, or against the last exact day the
article told, for ``وفي اليوم التالي``), whether the sentence recalls an
earlier event (``وكان ... قد``, an old explicit date, ``بعد أقل من شهر على``),
and whether it adds up a period rather than telling one act.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from rasd.clean.normalize import normalize_for_match
from rasd.clean.word_sets import word_set
from rasd.extract.lead_dates import LeadRules
from rasd.extract.lexicon import Lexicon, TriggerMatch
from rasd.extract.tokens import Token
from rasd.models import DateSpan, Document, PlaceMention

# Days between an explicit event date and publication beyond which it is background.
BACKGROUND_DAYS = 30
# Days back from publication at or before which a past calendar unit (``الأسبوع
# الماضي``) began for its act to be recalled (``_past_unit``).
PAST_UNIT_DAYS = 7
# Words before such a date within which a span frame (``منذ``) makes it a span up to now.
FRAME_WORDS = 3
_PAST_UNITS = word_set("past_unit")
_PAST_WORDS = word_set("past_word")
_SPAN_FRAMES = word_set("span_frame")
# The most days ``بعد N أيام على`` is counted back over (a longer span is a recall).
_COUNTED_DAYS = 10
# Relative pronouns (folded) opening a clause that may tell an act and its own day.
_RELATIVES = word_set("event_relative")
# Words back from an act within which its relative pronoun is looked for.
_CLAUSE_REACH = 20
# Words from the act's last word to a relative pronoun that still make the clause the
# act's own (``الهجوم الانتحاري الذي``).
_OWN_CLAUSE_GAP = 2
# What ends a relative clause.
_CLAUSE_END = re.compile(r"[،,.:؛;]")


class TimeRules(LeadRules):
    """Dates and recall; a subclass provides the document, its reference date, the
    lexicon and the per-article date state."""

    doc: Document
    lex: Lexicon
    reference: date | None
    # The day the article was written by its own ``أمس الأربعاء`` (``dates.written_day``).
    written: date | None
    _anchor_day: date | None
    _dates: dict[str, tuple[DateSpan | None, bool]]
    _untold: list[str]
    _untold_set: set[str]
    _catching: bool

    def _recalled_after(self, match: TriggerMatch, tokens: list[Token]) -> bool:
        """``بعد أقل من شهر على إعلان قسد طرد التنظيم``، ``ويأتي هذا التفجير بعد أيام من
        تفجير انتحاري``: an act counted a span of time back from the news is an earlier
        one, recalled as its context (dev2 snn-5bdee70024d8, snn-ba497f79e9ab; dev
        snn-63cdc68d1ac9). ``من`` counts only between the span's word and the act (``بعد
        أقل من شهر`` has its own ``من``; ``بعد أيام من هجوم سوروتش. وقصفت`` recalls the
        attack, not the shelling told after it)."""
        k = match.first - 1
        while k >= max(0, match.first - 4) and not (
                tokens[k].has_form("علي") or (
                    tokens[k].norm == "من" and k == match.first - 1
                    and self.lex.cue("duration", tokens[k - 1], tokens))):
            k -= 1
        if k < 1 or not (tokens[k].has_form("علي") or k == match.first - 1):
            return False
        span = tokens[max(0, k - 4):k]
        return any(self.lex.cue("duration", t, tokens) for t in span) and any(
            t.has_form("بعد") for t in span)

    def _counted_back(self, match: TriggerMatch, tokens: list[Token],
                      day: DateSpan | None, text: str, offset: int) -> DateSpan | None:
        """``بعد أربعة أيام على تفجير``، ``بعد يوم من اكتمال سيطرتهم``: an act told a
        count of days before the sentence's own day happened that many days before it.
        None unless the sentence (``text``, starting at document offset ``offset``)
        names that day before ``بعد`` and the count is of days: a day after it is the
        recalled act's own (``بعد ثلاثة أيام على الهجوم الذي وقع الاثنين``). Dev:
        snn-8eadaa6b9e2a (``بعد أربعة أيام على تفجير``), snn-e8400d4d37df (``أمس الثلاثاء
        بعد يوم من اكتمال سيطرتهم``)."""
        from rasd.extract.dates import find_dates
        from rasd.extract.numbers_ar import parse_number

        if day is None or day.precision != 1:
            return None
        k = next((k for k in range(match.first - 1, max(-1, match.first - 3), -1)
                  if tokens[k].norm in ("علي", "من")), None)
        if k is None:
            return None
        words = tokens[max(0, k - 3):k]
        at = next((i for i, t in enumerate(words) if t.has_form("بعد")), None)
        if at is None:
            return None
        after = [t.norm for t in words[at + 1:]]
        n = (1 if after == ["يوم"] else 2 if after == ["يومين"] else
             parse_number(" ".join(after[:-1])) if len(after) >= 2 and after[-1] == "ايام"
             else None)
        if n is None or not 0 < n <= _COUNTED_DAYS:
            return None
        named = find_dates(text[:words[at].start - offset], published=self.written)
        if not any(d.span == day for d in named):
            return None
        back = day.start - timedelta(days=n)
        return DateSpan(back, back, 1)

    def _own_clause_day(self, match: TriggerMatch, tokens: list[Token], text: str,
                        offset: int) -> DateSpan | None:
        """The day told in the relative clause the act itself is told in: ``استقبل
        الأهالي أمس الأربعاء جثمان الجندي الذي استشهد يوم الجمعة الماضية في تبادل
        لإطلاق النار``: the exchange of fire is the Friday's, the Wednesday is the
        funeral's (dev2 snn-a82a25b8476a). None when the act is not inside a relative
        clause (``الهجوم الذي وقع أمس``: the clause after the act tells the act's own
        day, which the sentence's date already reads) or the clause tells no day."""
        published = self.doc.published
        if published is None:
            return None
        k = next((k for k in range(match.first - 1, max(-1, match.first - _CLAUSE_REACH), -1)
                  if tokens[k].norm in _RELATIVES), None)
        if k is None:
            return None
        at = tokens[k].start - offset
        if _CLAUSE_END.search(text, at, match.start - offset):
            return None  # the relative clause ended before the act
        end = _CLAUSE_END.search(text, match.end - offset)
        clause = text[at:end.start() if end else len(text)]
        from rasd.extract.dates import resolve_date

        return resolve_date(clause, published=published, written=self.written)

    def _outer_day(self, match: TriggerMatch, tokens: list[Token], text: str,
                   offset: int) -> DateSpan | None:
        """The act's day read with the relative clauses about something else left out:
        ``قتل خمسة جنود أمس في هجوم على الحاجز الذي سبق أن استهدف في 3 مايو 2018``
        is yesterday's attack, not one of May 2018 (whose old date would also make the
        current act background). A clause right after the act's own words (``الهجوم
        الذي وقع أمس``) is the act's and stays; so does the sentence's day when nothing
        outside the clauses tells one (the clause may then be the act's after all)."""
        from rasd.extract.dates import find_dates

        published = self.doc.published
        if published is None:
            return None
        blanked = text
        for k, t in enumerate(tokens):
            if t.norm not in _RELATIVES or 0 <= k - match.last <= _OWN_CLAUSE_GAP:
                continue
            at = t.start - offset
            end = _CLAUSE_END.search(text, at)
            stop = end.start() if end else len(text)
            if at <= match.start - offset < stop:
                continue  # the act is told inside this clause (``_own_clause_day``)
            if not find_dates(text[at:stop], published=published):
                # No day of its own (``وفي اليوم الذي تلاه``، ``البلدة التي سيطر عليها``):
                # nothing to keep from the act.
                continue
            blanked = blanked[:at] + " " * (stop - at) + blanked[stop:]
        if blanked == text:
            return None
        # The sentence's own path (``وفي اليوم الذي تلاه``، market days, a late stamp).
        outer, told = self._resolve_date(blanked)
        return outer if told else None

    def _place_clause_day(self, match: TriggerMatch, tokens: list[Token], text: str,
                          offset: int, places: Sequence[PlaceMention]) -> bool:
        """Whether every day the sentence tells is told in a relative clause describing a
        place (people killed in a shelled house in a quarter ``التي ارتكب فيها الحوثيون``
        a massacre two days before): the clause dates what happened at the place before,
        not the act told there, which then has no day of its own (dev2 snn-95c4be0a0b53,
        twice). A clause right after the act's own words, or one the act is told in, is
        the act's."""
        from rasd.extract.dates import find_dates

        published = self.doc.published
        if published is None:
            return False
        blanked = text
        for k, t in enumerate(tokens):
            opens = t.norm in _RELATIVES or (t.has_form("بعد") and k + 1 < len(tokens)
                                             and tokens[k + 1].norm == "ان")
            if k == 0 or not opens or 0 <= k - match.last <= _OWN_CLAUSE_GAP:
                continue
            at = t.start - offset
            end = _CLAUSE_END.search(text, at)
            stop = end.start() if end else len(text)
            if at <= match.start - offset < stop:
                continue  # the act is told inside this clause
            if not find_dates(text[at:stop], published=published):
                continue
            if not self._place_antecedent(tokens, k, places):
                return False  # a dated clause about something else: ``_outer_day``'s
            blanked = blanked[:at] + " " * (stop - at) + blanked[stop:]
        if blanked == text:
            return False
        return not self._resolve_date(blanked)[1]

    def _place_antecedent(self, tokens: list[Token], k: int,
                          places: Sequence[PlaceMention]) -> bool:
        """Whether the relative pronoun ``tokens[k]`` describes a place: a place the
        geocoder found ends right before it (a closing quote may stand between), or a
        definite place noun does (``المحافظة التي``); its nisba adjectives may stand
        between (``مدينة كوباني الكردية السورية التي``: issue 14, kill14i, dev
        snn-83e2c1cb469f, snn-f5492f5d89c0)."""
        j = k - 1
        while j > 1 and k - j <= _NISBAS_BEFORE_RELATIVE and _definite_nisba(tokens[j]) \
                and not any(tokens[j].start < p.end <= tokens[j + 1].start for p in places):
            j -= 1
        before = tokens[j]
        if self.lex.cue("place_head", before, tokens):
            return True
        return any(before.start < p.end <= tokens[j + 1].start for p in places)

    def _summary(self, tokens: list[Token], text: str) -> bool:
        """A sentence recalling an earlier event, or adding up a period (``منذ`` + a date
        more than a week before publication)."""
        when, explicit = self._date(text)
        if self._background(tokens, text, when, explicit):
            return True
        return self._running_total(tokens, text)

    def _running_total(self, tokens: list[Token], text: str) -> bool:
        """``منذ مطلع العام``، ``منذ اندلاعها``، ``منذ`` a date more than a week back: the
        sentence adds up a period (a toll, a count of attacks), it tells no one act."""
        # ``ومنذ ذلك الحين``: the glued و too (dev snn-d88b27b39009).
        since = [i for i, t in enumerate(tokens) if t.has_form("منذ")]
        if not since:
            return False
        if any(self.lex.cue("since_start", t, tokens) for i in since for t in tokens[i + 1:i + 3]):
            return True
        when, explicit = self._date(text)
        anchor = self.doc.published or self.reference
        return (anchor is not None and explicit and when is not None
                and (anchor - when.start).days > 7)

    def _date(self, sentence: str) -> tuple[DateSpan | None, bool]:
        """The sentence's date and whether the text gives it (else a news window)."""
        found = self._dates.get(sentence)
        if found is None:
            if self._untold and sentence in self._untold_set and self._catch_up():
                return self._dates[sentence]  # a sentence passed: dated as it was then
            found = self._dates[sentence] = self._resolve_date(sentence)
        return found

    def _passed(self, sentence: str) -> None:
        """The walk has left ``sentence``: its day, if exact, is the anchor of the
        sentences after it (``وفي اليوم التالي``). Dated only when a later sentence
        reads the anchor (``_catch_up``): most sentences of an article never need it."""
        self._untold.append(sentence)
        self._untold_set.add(sentence)

    def _catch_up(self) -> bool:
        """Dates the sentences passed since the last catch-up, in order, moving the
        anchor as the walk used to when it left each one; the anchor is then where it
        would be had every sentence been dated on leaving it. False when already
        catching up (a passed sentence is dated with the anchor of its own turn)."""
        if self._catching:
            return False
        self._catching = True
        try:
            for text in self._untold:
                span, explicit = self._date(text)
                if explicit and span is not None and span.precision == 1 \
                        and span.start == span.end:
                    self._anchor_day = span.start
        finally:
            self._catching = False
        self._untold.clear()
        self._untold_set.clear()
        return True

    def _resolve_date(self, sentence: str) -> tuple[DateSpan | None, bool]:
        from rasd.extract.dates import find_dates, news_window, resolve_date

        if self._untold and not self._catching and any(
                phrase in normalize_for_match(sentence) for phrase, _ in _NARRATIVE_DAYS):
            self._catch_up()  # the anchor matters here: bring it up to this sentence
        if self._anchor_day is not None:
            # ``وفي اليوم التالي``، ``في اليوم ذاته``: counted from the day the
            # sentences before gave, not from publication.
            norm = normalize_for_match(sentence)
            for phrase, days in _NARRATIVE_DAYS:
                at = norm.find(phrase)
                # ``صباح الثلاثاء ...، كما ... في اليوم نفسه``: a day the sentence
                # itself gave first is the one the phrase counts from.
                if at >= 0 and not _day_before(norm, at, self._anchor_day):
                    day = self._anchor_day + timedelta(days=days)
                    return DateSpan(day, day, 1), True

        # ``سوق الجمعة``، ``سوق الخميس``: markets named after their weekday are places.
        sentence = _MARKET_DAY.sub(lambda m: " " * len(m.group(0)), sentence)
        published = self.doc.published
        if published is not None:
            # ``resolve_date`` knows forecasts, "today" dating the statement rather
            # than the act, and relative words inside an older explicit frame.
            # Against the day the article was written (``written_day``): a feed may
            # stamp it a day or more late; the news window stays the stamp's.
            span = resolve_date(sentence, published=published, written=self.written,
                                said=self._said_day(sentence))
            return (span, True) if span is not None else (news_window(published), False)
        found = [d for d in find_dates(sentence, published=None) if d.span is not None]
        if not found and self.reference is not None:
            # Without a publication date only explicit dates count; a day and
            # month with no year take the year of the article's explicit dates.
            found = [d for d in find_dates(sentence, published=self.reference)
                     if d.span is not None and any(ch.isdigit() for ch in
                                                   normalize_for_match(d.surface))]
        if found:
            best = min(found, key=lambda d: (d.span.precision if d.span else 9, d.start))
            return best.span, True
        return None, False

    def _background(self, tokens: list[Token], text: str, when: DateSpan | None,
                    explicit: bool) -> bool:
        anchor = self.doc.published or self.reference
        if explicit and when is not None and anchor is not None:
            return ((anchor - when.end).days > BACKGROUND_DAYS
                    or _past_unit(text, when, anchor))
        if anchor is not None and any(int(y) < anchor.year for y in _YEAR_RE.findall(
                normalize_for_match(text))):
            return True  # ``منذ صيف عام 2014``: a year before the news
        if any(self.lex.cue("then", t, tokens) for t in tokens):
            return True  # ``أعلن رئيس الوزراء حينها``
        recalled = any(t.norm in ("وكان", "وكانت", "كان", "كانت") for t in tokens[:2]) or (
            any(self.lex.cue("background", t, tokens) for t in tokens[:3])
            and any(t.norm == "قد" for t in tokens[:8])) or (
            any(t.norm in ("سبق", "سابق") for t in tokens[:6])
            and any(t.norm in ("ان", "وقت") for t in tokens[:8]))
        # ``وكان التنظيم قد استهدف ... في اليومين الماضيين``: recalled, but recent.
        return recalled and not _recent_cue(text)


# Days counted from the last exact day the article gave (folded phrases).
_NARRATIVE_DAYS: tuple[tuple[str, int], ...] = (
    ("اليوم التالي", 1), ("اليوم الذي تلاه", 1), ("اليوم الذي يليه", 1),
    ("اليوم ذاته", 0), ("اليوم نفسه", 0), ("ذات اليوم", 0), ("نفس اليوم", 0),
)
_MARKET_DAY = re.compile(r"(?<![\w\u0600-\u06FF])[وب]?سوق\s+\S+")
_YEAR_RE = re.compile(r"\b(19[5-9][0-9]|20[0-9][0-9])\b")



def _day_before(norm: str, at: int, anchor: date) -> bool:
    """A day (not a span) named in the folded sentence before offset ``at``."""
    from rasd.extract.dates import find_dates

    return any(d.span is not None and d.span.precision == 1
               for d in find_dates(norm[:at], published=anchor))


def _past_unit(text: str, when: DateSpan, anchor: date) -> bool:
    """``when`` is read from a calendar unit already past (``الأسبوع الماضي``، ``الشهر
    الماضي``، ``قبل أسبوع``، ``قبل قرابة الشهر``، ``الأسبوع الأخير من حزيران``) that began
    a week or more before ``anchor``: the act is recalled, whatever the 30 days of
    :data:`BACKGROUND_DAYS` say (``الأسبوع الماضي`` ends on the publication day in the
    spec's "past seven days" reading). A span counted up to now (``خلال الأسبوع
    الماضي``، ``منذ أسبوع``، ``منذ دخوله المدينة الشهر الماضي``) is not. Word sets
    ``past_unit``, ``past_word``, ``span_frame`` (provenance in ``data/word_sets.tsv``)."""
    if (anchor - when.start).days < PAST_UNIT_DAYS:
        return False
    from rasd.extract.dates import find_dates

    for m in find_dates(text, published=anchor):
        if m.span != when:
            continue
        words = normalize_for_match(m.surface).split()
        # The frame may stand a few words before the date: ``منذ دخوله المدينة نهاية
        # الشهر الماضي`` (dev4 snn-f3aa36222305, a control held since then).
        before = normalize_for_match(text[:m.start]).split()[-FRAME_WORDS:]
        if any(w in _SPAN_FRAMES for w in words + before):
            continue
        if any(w in _PAST_UNITS for w in words) and any(w in _PAST_WORDS for w in words):
            return True
    return False


def _recent_cue(text: str) -> bool:
    from rasd.extract.dates import find_dates

    return any(not any(ch.isdigit() for ch in normalize_for_match(d.surface))
               for d in find_dates(text, published=None))



def reference_date(doc: Document, text: str) -> date | None:
    """For an undated article: the latest explicit full date it gives (for years of
    day-month dates and for telling background events); None when it gives none."""
    if doc.published is not None:
        return doc.published
    from rasd.extract.dates import find_dates

    latest: date | None = None
    for d in find_dates(text, published=None):
        if d.span is not None and d.span.precision == 1 and (latest is None or d.span.end > latest):
            latest = d.span.end
    return latest


# Nisba adjectives that may stand between a place and the relative pronoun describing it.
_NISBAS_BEFORE_RELATIVE = 2


def _definite_nisba(token: Token) -> bool:
    """``الكردية``، ``السوري``: a definite adjective of origin, which may follow a place."""
    return token.norm.startswith("ال") and token.norm.endswith(("ي", "يه")) and len(token.norm) >= 5
