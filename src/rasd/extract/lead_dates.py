"""The days an article's frame gives its sentences: a series', the lead's, a statement's.

A base class of :class:`rasd.extract.event_dates.TimeRules` (and so of the walk):

* **A series lead's day** (rule ``time/series``): the undated parts of a series of acts
  counted or chained in an earlier sentence share its day.
* **The lead's day** (rule ``time/story``): an act told with no day of its own after a
  lead that tells an act and one day (two to seven days before the publication stamp, or
  the stamp's own day) is of the lead's day, not of the news window (issue 14, date7 and
  date8).
* **A statement's day** (:meth:`LeadRules._said_day`): a sentence that goes on with the
  report of an earlier one (``وقال المرصد "...``) counts its speaker's days from the day
  that report was dated to (issue 14, date8).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rasd.extract.lexicon import Lexicon, TriggerMatch
from rasd.extract.tokens import Token
from rasd.models import DateSpan, Document

# Acts that make a series sharing its lead's day: violent acts, not announcements or arrests.
SERIES_TYPES = frozenset({"Battles", "Explosions/Remote violence",
                          "Violence against civilians"})
# Shells and rockets are counted by the round (``أكثر من 10 قذائف هاون``): one shelling,
# not a series of acts (dev snn-1d6586affed4).
ROUNDS = "Shelling/artillery/missile attack"
# Days before publication within which a lead's day dates the undated acts told after it
# (``_note_story``): from the first day the news window cannot hold to a week back, and the
# publication day itself (``STORY_TODAY``). A lead of the day before publication leaves its
# undated acts to the news window, which starts on that day (the spec's rule for an act
# with no day; its coders gave such acts the window 44 times and the lead's day 35 times
# over the five development sets, date8).
STORY_MIN_DAYS = 2
STORY_MAX_DAYS = 7
# A lead dated the publication day dates its undated acts to that day, not to the window
# starting the day before: the coders' reading in dev snn-f5492f5d89c0 (``وقبيل الساعة
# 04,00`` after the lead's Friday), dev2 snn-6d8b41d068ad, dev5 snn-318035734c8e (the bomb of
# ``اليوم الأحد`` retold as ``الانفجار`` with its place) and snn-fe283df318a5 (issue 14, date8).
STORY_TODAY = True
# Words of the lead before its day: the day must open the story, not a later part of it.
# 40, not the 20 of date7: leads of 22 to 30 words name their day after the outlet's
# dateline and the act (dev5 snn-ef389bcf46e9, ``سبق- وكالات: قُتل نحو 30 ... في جبهات
# القتال في اليمن، السبت``; snn-fe283df318a5; dev2 snn-6d8b41d068ad), while the glued
# first paragraph of dev snn-3e3e19ecc3a8 names its Saturday 60 words in (any limit from
# 30 to 60 gives the same figures on the five sets).
STORY_LEAD_WORDS = 40
# Sentences back within which the statement a reporting sentence goes on with is looked
# for (``_said_day``): dev snn-a2ef97fd3551 tells its officials' day three sentences before.
SAID_REACH = 4


class LeadRules:
    """The series', the lead's and a statement's days; a subclass provides the document, the
    lexicon, the day the article was written and the dating of one sentence."""

    doc: Document
    lex: Lexicon
    # The day the article was written by its own ``أمس الأربعاء`` (``dates.written_day``).
    written: date | None
    _dates: dict[str, tuple[DateSpan | None, bool]]
    _series_day: DateSpan | None
    _story_day: DateSpan | None
    _story_read: bool
    _lead: str | None
    # The lead's tokens, made only when its day is read (``_lead_day``).
    _lead_tokens: Callable[[], list[Token]] | None
    # The article's sentences in the order walked, and each one's place in it.
    _texts: list[str]
    _order: dict[str, int]

    def _resolve_date(self, sentence: str) -> tuple[DateSpan | None, bool]:
        """The sentence's date and whether the text gives it (the subclass's)."""
        raise NotImplementedError

    def _date(self, sentence: str) -> tuple[DateSpan | None, bool]:
        """The sentence's date, cached (the subclass's)."""
        raise NotImplementedError

    def _background(self, tokens: list[Token], text: str, when: DateSpan | None,
                    explicit: bool) -> bool:
        """Whether the sentence recalls an earlier event (the subclass's)."""
        raise NotImplementedError

    def _note_series(self, matches: list[TriggerMatch], tokens: list[Token], text: str) -> None:
        """Remember the day of the article's first series lead: a sentence dated to a day
        of its own that tells acts counted or chained (``قتل 30 شخصاً في سلسلة تفجيرات
        ... أول أمس``، ``نفذت طائرات التحالف 27 غارة ... أمس الخميس``، ``شن الطيران أمس
        عدة غارات``). The parts told after it with no day of their own (``واستهدف أكثر
        الهجمات دموية منطقة بغداد الجديدة``، ``وفي العراق أصابت الغارات أهدافاً قرب
        الموصل``) are acts of that series and share its day, where an undated act that
        follows a lead telling one act gets the news window. Dev2: snn-5bdee70024d8,
        snn-ba497f79e9ab (one series of car bombs in two outlets), snn-1682a79e42f6
        (strikes near three towns)."""
        if self._series_day is not None or not matches:
            return
        when, explicit = self._date(text)
        if not explicit or when is None or when.precision != 1:
            return
        if self._background(tokens, text, when, explicit):
            return
        chained = any(self.lex.cue("series", t, tokens) for t in tokens)
        for m in matches:
            if m.trigger.event_type not in SERIES_TYPES:
                continue
            before = tokens[m.first - 1] if m.first > 0 else None
            if chained or (before is not None and m.trigger.sub_event_type != ROUNDS and (
                    before.norm[:1].isdigit() or self.lex.cue("counted", before, tokens))):
                self._series_day = when
                return

    def _window(self) -> DateSpan | None:
        """The news window of the article (its stamp's: the day before publication to it)."""
        from rasd.extract.dates import news_window

        return news_window(self.doc.published)

    def _series_date(self, match: TriggerMatch) -> DateSpan | None:
        """The series lead's day for an act with no day of its own (see
        :meth:`_note_series`); None when the article told no series before it."""
        if match.trigger.event_type not in SERIES_TYPES:
            return None
        return self._series_day


    def _note_story(self, text: str, tokens: Callable[[], list[Token]]) -> None:
        """Remember the article's lead (its first sentence after the headline) and how to
        make its tokens; its day is read only when an act with no day of its own asks for
        it (:meth:`_story_date`)."""
        if self._lead is None:
            self._lead, self._lead_tokens = text, tokens

    def _story_date(self, match: TriggerMatch) -> DateSpan | None:
        """The day of the article's lead for an act with no day of its own, when the lead
        tells an act and one day only, two to seven days before the publication stamp or
        the stamp's own day: the story happened before the news window (the day before
        publication to publication) could hold it, or on the day the window ends, so the
        act is of the lead's day (``حققت القوات الأربعاء تقدما ... حيث سيطرت`` in a Friday
        article, then ``سيطر المقاتلون على منطقة البساتين`` with no day). None otherwise;
        read once per article."""
        if not self._story_read:
            self._story_read = True
            self._story_day = self._lead_day()
        return self._story_day

    def _lead_day(self) -> DateSpan | None:
        from rasd.extract.dates import find_dates

        published, text = self.doc.published, self._lead
        if published is None or text is None:
            return None
        when, explicit = self._dates.get(text) or self._resolve_date(text)
        if not explicit or when is None or when.precision != 1 or when.start != when.end:
            return None
        back = (published - when.start).days
        if not (STORY_MIN_DAYS <= back <= STORY_MAX_DAYS or (STORY_TODAY and back == 0)):
            return None
        if self._lead_tokens is not None and not self.lex.find_triggers(self._lead_tokens()):
            # A lead that tells no act (a meeting opened today) is not the story of the
            # act told after it (dev snn-f1b856704bd0: a mosque bombing condemned in the
            # speeches of a conference opened ``اليوم``; its coder used the window).
            return None
        found = [d for d in find_dates(text, published=self.written or published)
                 if d.span is not None]
        # A lead that names two days (the act recalled and the day it is told) is not one
        # day's story. The day opens the lead (``حققت القوات، الأربعاء، تقدما``): one told
        # deep in a paragraph a scraper glued into one sentence dates only its own part
        # (dev snn-3e3e19ecc3a8: the Saturday of barrel bombs 60 words into the first line).
        if {d.span for d in found} == {when} and len(text[:found[0].start].split()) \
                < STORY_LEAD_WORDS:
            return when
        return None

    def _said_day(self, sentence: str) -> date | None:
        """The day of the statement ``sentence`` goes on reporting (it opens ``وأشارت``،
        ``وقال``): the day the last statement told in the ``SAID_REACH`` sentences before
        it is dated to, when that is before the day the article was written. None
        otherwise: the sentence counts from publication."""
        from rasd.extract.dates import goes_on_reporting, statement_day

        published = self.doc.published
        at = self._order.get(sentence)
        if published is None or at is None or not goes_on_reporting(sentence):
            return None
        for text in reversed(self._texts[max(0, at - SAID_REACH):at]):
            day = statement_day(text, published=published, written=self.written)
            if day is not None:
                return day if day < (self.written or published) else None
        return None

