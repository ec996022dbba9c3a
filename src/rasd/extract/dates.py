"""Event dates from Arabic news sentences (event-coding.md §5).

``find_dates`` reads every date expression of a sentence and resolves it
against the publication date; ``resolve_date`` picks the one that dates the
event; ``news_window`` is the fallback when a sentence has no day cue. The
expressions themselves (vocabulary, patterns, resolvers) are in
``rasd.extract.date_patterns``; this module scans with them and chooses.

Rules worth knowing (they are choices, and tests pin them):

* Relative expressions (أمس, الثلاثاء, الأسبوع الماضي, a day and month with no
  year) need a publication date. Without one they are found but resolve to
  ``span=None``: a date is never guessed.
* A weekday is the most recent such day on or before publication; with
  ``الماضي`` it is strictly before publication; with ``المقبل`` the next one.
* "The past N days" (خلال الأيام الثلاثة الماضية, منذ يومين, الأسبوع الماضي)
  spans ``published - N`` to ``published`` at precision 2: such phrases are
  read both as "up to yesterday" and "up to now", and the span covers both,
  which also makes "the past 24 hours" equal to the news window.
  ``قبل ثلاثة أيام`` ("three days ago") is one day, precision 1.
* A day and month with no year take the year that puts them on or before
  publication (``الجاري`` keeps the publication year); ranges of days
  (بين 3 و5 نوفمبر, يومي الأحد والاثنين) are precision 2 over the range.
* A weekday named next to أمس/اليوم wins when the two disagree (feeds often
  stamp articles a day or more late; the named day is what was written).
* A month alone is precision 3 over the whole month; a year alone (عام 2014,
  العام الماضي) has no ACLED precision and resolves to ``span=None``.
* Hijri dates (``19 / 6 / 1436ه``، ``4 شعبان 1436 هـ``) resolve through the tabular
  Islamic calendar (within a day or two of Umm al-Qura) and, with their year, are
  explicit dates like a Gregorian one (an old one frames the sentence as background);
  a Hijri year alone resolves to ``span=None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from rasd.clean.word_sets import word_set
from rasd.extract.date_patterns import (
    YEAR,
    Rule,
    alt,
    date_rules,
    month_alt,
    month_words,
    numeric_resolver,
    relative_day,
    relative_words,
    weekday_words,
)
from rasd.extract.numbers_ar import fold_with_offsets
from rasd.models import DateSpan

__all__ = ["DateMention", "find_dates", "goes_on_reporting", "news_window", "resolve_date",
           "statement_day", "written_day"]


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    surface: str
    span: DateSpan | None  # None when the expression cannot be resolved


@cache
def _cue_patterns() -> dict[str, re.Pattern[str]]:
    """Plain searches, much cheaper than the rules: a sentence without a digit
    never runs the numeric rules (most sentences have no date)."""
    return {
        "digit": re.compile(r"\d"),
        "month": re.compile(month_alt()),
        "hijri": re.compile(alt([w for w, (_, cal) in month_words().items() if cal == "hijri"])),
        "rel": re.compile(alt(list(relative_words()))),
        "year": re.compile(YEAR),
        "hyear": re.compile(r"1[34]\d\d"),
        "span": re.compile("ايام|يوم|ساع|اسبوع|اسابيع|شهر|اشهر"),
        "past": re.compile("الماضي|المنصرم|الفائت|السابق|الاخير|منذ|قبل"),
    }


# What ``WORD_START`` lets stand glued before a word.
_CLITICS = ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل")
_WORD_RE = re.compile(r"\w+")


@cache
def _cue_words() -> dict[str, frozenset[str]]:
    """Cues that are whole words: the words (with their glued clitics) a rule's
    month, weekday or relative expression opens with (one set lookup per word,
    where a search for each name scans the text again).

    Every such expression in the rules starts at ``WORD_START`` or after whitespace and
    its first word ends before a non-word character, so a sentence can match
    only if one of its words is one of these. (A plain search for ``اب`` finds
    it in every ``إرهاب``; most sentences then ran the four month rules.)
    """
    def opening(phrases: list[str]) -> frozenset[str]:
        firsts = {p.split()[0] for p in phrases}
        return frozenset(c + w for w in firsts for c in _CLITICS)

    months = month_words()
    return {
        "month_w": opening([w for w, (_, cal) in months.items() if cal != "hijri"]),
        "hijri_w": opening([w for w, (_, cal) in months.items() if cal == "hijri"]),
        "weekday_w": opening(list(weekday_words())),
        "rel_w": opening(list(relative_words())),
        "month_word": opening(["الشهر"]),
        "year_word": opening(["العام", "السنه"]),
    }


def _cue_present(need: str, folded: str, words: list[set[str]]) -> bool:
    """Whether ``folded`` has the cue ``need``; ``words`` holds the text's words once
    split (on first use)."""
    vocab = _cue_words().get(need)
    if vocab is None:
        return _cue_patterns()[need].search(folded) is not None
    if not words:
        words.append(set(_WORD_RE.findall(folded)))
    return not vocab.isdisjoint(words[0])


# Words after اليوم that make it "the Nth day" or "that same day", not today.
_NOT_TODAY_AFTER = re.compile(
    r"\s*(?:التالي|السابق|نفسه|ذاته|الاول|الثاني|الثالث|الرابع|الخامس|السادس|السابع|"
    r"الثامن|التاسع|العاشر|الاخير|الوطني|العالمي|الدولي)(?!\w)"
)
# ``عين اليوم – واشنطن``: the dateline of the outlet 3alyoum (``عين اليوم``, "Today's Eye")
# opens its articles and is no "today" (dev snn-f1b856704bd0, whose dateline line was read
# as the lead's day; the outlet has 17 articles over the development sets).
_NOT_TODAY_BEFORE = re.compile(r"(?:حتي|الي|لغايه|ذلك|منذ|عين)\s*$")
# الاثنين also means "the two"; الأحد عشر is "the eleven".
_NOT_WEEKDAY_BEFORE = re.compile(r"(?:كلا|بين|هذين|هاذين)\s*$")
_DUAL_NOUN_BEFORE = re.compile(r"ال[^\W\d_]+(?:ين|ان|ون)\s*$")
_MONTH_WORD_BEFORE = re.compile(r"(?:كانون|تشرين|ربيع|جمادي)\s*$")
_NOT_WEEKDAY_AFTER = re.compile(r"\s*(?:عشر|معا|منهما|منهم)(?!\w)")


def _rejected(rule: Rule, m: re.Match[str], folded: str) -> bool:
    before = folded[max(0, m.start() - 16) : m.start()]
    after = folded[m.end() : m.end() + 12]
    names = rule.pattern.groupindex
    if "rel" in names and rule.resolve is relative_day and m.group("rel") == "اليوم":
        return bool(_NOT_TODAY_AFTER.match(after) or _NOT_TODAY_BEFORE.search(before))
    if "day" in names and _MONTH_WORD_BEFORE.search(before):
        return True  # the الثاني of كانون الثاني is not a day
    if "wd" in names and m.group() == m.group("wd"):
        if m.group("wd") == "الاثنين" and _DUAL_NOUN_BEFORE.search(before):
            return True  # المقاتلين الاثنين: "the two fighters"
        return bool(_NOT_WEEKDAY_BEFORE.search(before) or _NOT_WEEKDAY_AFTER.match(after))
    return False


# Places, events and movements named after a date (``شارع 26 سبتمبر``، ``قصر 22 مايو``،
# ``جامعة 6 أكتوبر``، ``هجمات 11 سبتمبر``، ``ثورة 11 فبراير``، ``قوى 14 آذار``): the day
# and month after one of these words (folded) are a name, not when the sentence's act
# happened. Dev: snn-d6b97ea43f0d and snn-1bfaaeb5383d read a street and a palace as the
# event's date and made current fighting background (snn-e723fed0b696 has the same
# palace); snn-17b22b28d40c dated an air strike of July 2015 by the 2001 attacks and
# snn-5fc7a88b6bb0 an abduction by the 2011 revolution.
NAMED_AFTER_DATE = ("شارع", "قصر", "جامعه", "ميدان", "جسر", "ساحه", "حي", "مدينه",
                    "مستشفي", "مدرسه", "ملعب", "مطار", "معسكر", "كليه", "نادي", "مسجد",
                    "مجمع", "فندق", "دوار", "طريق", "كوبري", "قاعه", "مبني", "سجن",
                    "ثوره", "هجمات", "احداث", "انتفاضه", "قوي", "حركه", "تيار")


@cache
def _named_after_date() -> re.Pattern[str]:
    words = alt(list(NAMED_AFTER_DATE))
    return re.compile(rf"(?<!\w)[وبلف]?(?:{words})\s+(\d{{1,2}}\s+(?:{month_alt()}))")


def _scan(text: str, published: date | None) -> list[tuple[DateMention, bool]]:
    """Date mentions of ``text``, each with whether it states its year (absolute)."""
    folded, offsets = fold_with_offsets(text)
    named = [m.span(1) for m in _named_after_date().finditer(folded)]
    candidates: list[tuple[int, int, int, DateSpan | None, bool]] = []
    seen: dict[str, bool] = {}
    words: list[set[str]] = []
    for rule in date_rules():
        for need in rule.needs:
            hit = seen.get(need)
            if hit is None:
                hit = seen[need] = _cue_present(need, folded, words)
            if not hit:
                break
        else:
            for m in rule.pattern.finditer(folded):
                if m.end() == m.start() or _rejected(rule, m, folded) or any(
                        lo <= m.start() < hi for lo, hi in named):
                    continue
                groups = m.groupdict()
                absolute = bool(groups.get("year") or groups.get("hy") or groups.get("hy2")) \
                    or rule.resolve is numeric_resolver
                span = rule.resolve(m, published)
                candidates.append((m.start(), m.end(), rule.rank, span, absolute))
    # Longest expression wins; on equal length the earlier (more specific) rule.
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int, int, DateSpan | None, bool]] = []
    for cand in candidates:
        if all(cand[1] <= t[0] or cand[0] >= t[1] for t in taken):
            taken.append(cand)
    taken.sort(key=lambda c: c[0])
    out: list[tuple[DateMention, bool]] = []
    for start, end, _, span, absolute in taken:
        s, e = offsets[start], offsets[end]
        while e > s and text[e - 1].isspace():  # diacritics after the last letter stay in
            e -= 1
        out.append((DateMention(s, e, text[s:e], span), absolute))
    return out


def find_dates(text: str, *, published: date | None) -> list[DateMention]:
    """Every date expression in ``text``, left to right, resolved against ``published``."""
    return [mention for mention, _ in _scan(text, published)]


# An explicit date this long before publication frames the sentence as
# background: its weekdays and "yesterday"s are not relative to publication.
_BACKGROUND = timedelta(days=31)


# A date right after a verb or noun of speech (folded), with no complementiser or colon
# between them, dates the statement, not the act it reports: ``قالت الوزارة في بيان أمس
# إن القيادي قتل في الثامن من يوليو``، ``أعلن أمس الاثنين متحدثون أن طائرات أغرقت يوم
# الأحد سفينة``. Dev snn-17b22b28d40c, snn-72b1d9de4256 (the act's 8 July lost to the
# statement's "yesterday"), snn-b355deebafed (Sunday's sinking dated Monday). So does one
# after a verb of condemnation (``نددت الولايات المتحدة اليوم بالهجوم``), and one after a
# claim (``تبنى الحزب أمس هجوما`` that killed two soldiers ``أول من أمس``: the claim's day, dev2
# snn-00f85ad0b69f).
_STATEMENT_BEFORE = re.compile(
    r"(?<!\w)[وف]?(?:قال|قالت|اعلن|اعلنت|افاد|افادت|اكد|اكدت|ذكر|ذكرت|صرح|صرحت|اضاف|"
    r"اضافت|اوضح|اوضحت|بيان|بيانه|بيانها|تصريح|تصريحات|ندد|نددت|دان|دانت|ادان|ادانت|"
    r"استنكر|استنكرت|تبني|تبنت)"
    r"(?:\s+(?!(?:ب?ان|انه|انها|لان)(?!\w))[^\s:،,]+){0,6}\s*$")
# A Hijri year (1300-1499) in a date's surface, Arabic-Indic digits too.
_HIJRI_YEAR = re.compile(r"(?<![\d٠-٩])[1١][34٣٤][\d٠-٩]{2}(?![\d٠-٩])")
# Characters before a date searched for its statement frame.
_STATEMENT_REACH = 80


# A start or an end told in the imperfect (``هدنة تبدأ منتصف ليلة الإثنين``، ``يسري
# اعتبارا من الخميس``، ``تنتهي في 3 أغسطس``): the day after it is still to come, though
# a weekday or a day and month with no year read as the latest one on or before
# publication. Dev snn-87fa00d8f210 (a truce announced on a Sunday, dated the Monday
# before by the Monday it starts on).
_FUTURE_BEFORE = re.compile(
    r"(?<!\w)[وف]?(?:تبدا|يبدا|ستبدا|سيبدا|تنتهي|ينتهي|ستنتهي|سينتهي|تسري|يسري|"
    r"اعتبارا\s+من|ابتداء\s+من|بدءا\s+من)(?:\s+[^\s.،,:]+){0,4}\s*$")


def _to_come(text: str, start: int) -> bool:
    before = fold_with_offsets(text[max(0, start - _STATEMENT_REACH):start])[0]
    return _FUTURE_BEFORE.search(before) is not None


def _dates_statement(text: str, start: int) -> bool:
    before = fold_with_offsets(text[max(0, start - _STATEMENT_REACH):start])[0]
    return _STATEMENT_BEFORE.search(before) is not None


def resolve_date(text: str, *, published: date | None,
                 written: date | None = None, said: date | None = None) -> DateSpan | None:
    """The date of the event ``text`` reports: its most specific resolvable expression.

    Precision decides (a day beats a span beats a month). Among days, a day
    other than the publication day wins, because "today" in news usually
    dates the statement (أعلن اليوم أن ... أمس) rather than the event. Dates
    after publication (forecasts) never date an event. A sentence with an
    explicit older date (في يوليو 2014 ... خطبة الجمعة) is background, so its
    relative expressions, which would resolve against publication, are
    ignored unless they fall inside that date. Among days, too, one that dates
    the statement (``قالت في بيان أمس إن``) loses to the act's own, and the
    publication day dating only the statement is no day of the act. None when the
    sentence has no resolvable date cue for the act: the caller falls back to
    :func:`news_window`. ``written`` (see :func:`written_day`) is the day relative
    expressions count from when the feed stamped the article late; forecasts and the
    "today" of a statement are still judged against the stamp ``published``. ``said``
    (see :func:`statement_day`) is the day of the statement the sentence goes on
    reporting, told in an earlier sentence: the speaker's days count from it
    (:func:`_from_said`).
    """
    mentions = _in_statement(text, _scan(text, written or published), written or published)
    if said is not None:
        mentions = _from_said(text, mentions, said)
    frames = [
        m.span
        for m, absolute in mentions
        if absolute and m.span is not None
        and (published is None or m.span.end < published - _BACKGROUND)
    ]
    best: tuple[int, int, int, int, int] | None = None
    chosen: DateSpan | None = None
    for index, (mention, absolute) in enumerate(mentions):
        span = mention.span
        if span is None or (published is not None and span.start > published):
            continue
        if not absolute and _to_come(text, mention.start):
            continue
        if frames and not absolute and not any(
            f.start <= span.start and span.end <= f.end for f in frames
        ):
            continue
        today = int(published is not None and span.precision == 1 and span.start == published)
        # ``15 رمضان 1440 هـ الموافق 20 مايو 2019``: the Gregorian date given beside a
        # Hijri one is exact, the tabular calendar only within a day or two.
        hijri = int(_HIJRI_YEAR.search(mention.surface) is not None)
        key = (span.precision, int(_dates_statement(text, mention.start)), today, hijri, index)
        if best is None or key < best:
            best, chosen = key, span
    if best is not None and best[1] and best[2]:
        # Only "today" and it dates the statement (``وقال بيان اليوم: إن غارات قصفت``،
        # ``نددت واشنطن اليوم بالهجوم الذي``): the act's own day is not told, so it is
        # the news window's, like any act told with no day (dev snn-0e6bfed45be0,
        # snn-a9b393fe178b; dev2 snn-0da4d53756d5, snn-305b3a5e175b, snn-de6f338e1b30).
        # An earlier day dating the statement is kept: coders took that announcement
        # day (tried: dev date 0.904 -> 0.900).
        return None
    return chosen


# Words of a day counted from "now" (folded): inside a statement dated to an earlier day,
# now is that day (``now_word`` of ``data/word_sets.tsv``).
_NOW_WORDS = re.compile(r"(?<!\w)(?:" + "|".join(
    re.escape(w) for w in sorted(word_set("now_word"))) + r")(?!\w)")


def _in_statement(text: str, mentions: list[tuple[DateMention, bool]],
                  published: date | None) -> list[tuple[DateMention, bool]]:
    """``وقال مساء الخميس إن "الاشتباكات مستمرة منذ صباح اليوم"``: a "today" or
    "yesterday" quoted after a statement dated to an earlier day counts from that day,
    the speaker's, not from publication (dev snn-83e2c1cb469f: Thursday's fighting and
    the shelling told with it dated Saturday, the publication day)."""
    if published is None:
        return mentions
    out: list[tuple[DateMention, bool]] = []
    said: date | None = None
    said_end = 0
    for mention, absolute in mentions:
        span = mention.span
        if said is not None and not absolute and span is not None and _quoted(
                text[said_end:mention.start]) and _NOW_WORDS.search(
                fold_with_offsets(mention.surface)[0]):
            again = next((m.span for m in find_dates(mention.surface, published=said)
                          if m.span is not None), None)
            if again is not None:
                mention = DateMention(mention.start, mention.end, mention.surface, again)
        elif (not absolute and span is not None and span.precision == 1
              and span.start == span.end and span.start < published
              and _dates_statement(text, mention.start)):
            said, said_end = span.start, mention.end
        out.append((mention, absolute))
    return out


# A sentence that goes on with the report of an earlier one: it opens with a verb of
# speech after ``و`` (folded; ``وأشارت إلى مقتل``، ``وقال المرصد "...``).
_GOES_ON = re.compile(
    r"^\W*و(?:قال|قالت|اشار|اشارت|اضاف|اضافت|اوضح|اوضحت|ذكر|ذكرت|افاد|افادت|اكد|اكدت)(?!\w)")
# Days told back from the speaker's day in the writer's words (folded): a count of days
# ago (``وقال عميد البلدية إن الاشتباكات تفجرت قبل أربعة أيام`` after ``قال مسؤولون أمس``).
# A bare ``أمس`` or ``اليوم`` in the writer's words is the paper's own (``وقالت المصادر إن
# عبوة انفجرت أمس`` after ``أفادت مصادر أمس``: the statement's day, dev snn-a1b758ba291a)
# and stays. So does ``الليلة الماضية``: the coders counted it from the statement's day in
# dev snn-a1b758ba291a and dev5 snn-2bc8c104f04c, from publication in dev
# snn-05ac3d6a3ee2 (three events), and a paper that re-dated it writes ``الليلة قبل
# الماضية`` (dev snn-1d6586affed4); counted from the statement, dev lost one event net.
_TOLD_BACK = re.compile(r"^قبل\s")


def goes_on_reporting(text: str) -> bool:
    """Whether ``text`` opens with a verb of speech after ``و``: it reports on."""
    return _GOES_ON.match(fold_with_offsets(text[:40])[0]) is not None


def statement_day(text: str, *, published: date | None,
                  written: date | None = None) -> date | None:
    """The day a statement told in ``text`` is dated to (``أفادت مصادر أمنية الأحد``،
    ``بحسب ما ذكر المرصد أمس``): a single day told right after a verb or noun of speech.
    None when the sentence dates no statement."""
    for mention, absolute in _scan(text, written or published):
        span = mention.span
        if not absolute and span is not None and span.precision == 1 \
                and span.start == span.end and _dates_statement(text, mention.start):
            return span.start
    return None


def _from_said(text: str, mentions: list[tuple[DateMention, bool]],
               said: date) -> list[tuple[DateMention, bool]]:
    """A sentence reporting on a statement dated ``said`` in an earlier sentence (``ذكر
    المرصد أمس`` then ``وقال المرصد "خطف ... مساء أول من أمس``): the speaker's quoted
    words count "now" from ``said`` (as
    :func:`_in_statement` does inside one sentence), and so does a count of days ago in
    the writer's words (``_TOLD_BACK``), which a paper printing a report of the day before
    leaves as the report told it. Dev snn-a2ef97fd3551: ``قبل أربعة أيام`` after ``قال
    مسؤولون أمس``; dev snn-ead44d0a9d63: ``وقال المرصد "خطف ... مساء أول من أمس`` after
    ``بحسب ما ذكر المرصد ... أمس`` (issue 14, date8)."""
    out: list[tuple[DateMention, bool]] = []
    for mention, absolute in mentions:
        if not absolute and mention.span is not None:
            folded = fold_with_offsets(mention.surface)[0]
            if (_NOW_WORDS.search(folded) if _quoted(text[:mention.start])
                    else _TOLD_BACK.match(folded)):
                again = next((m.span for m in find_dates(mention.surface, published=said)
                              if m.span is not None), None)
                if again is not None:
                    mention = DateMention(mention.start, mention.end, mention.surface, again)
        out.append((mention, absolute))
    return out


def _quoted(between: str) -> bool:
    """Whether a quotation opens (and does not close) in ``between``: the speaker's own
    words follow. Reported speech in the writer's words (``أكد في بيان أمس أن المسلحين
    قصفوا أمس``، ``تبنى الحزب أمس هجوما أدى أول من أمس``) counts from publication (dev2
    snn-38b4becdf72c, snn-00f85ad0b69f)."""
    return (between.count('"') % 2 == 1 or between.count("«") > between.count("»")
            or between.count("“") > between.count("”"))


def news_window(published: date | None) -> DateSpan | None:
    """The window news is reported in: the day before publication to publication."""
    if published is None:
        return None
    return DateSpan(published - timedelta(days=1), published, 2)


# The most days a feed's publication stamp is taken to trail the day the article was
# written (``أمس الأربعاء`` in an article stamped Friday: written Thursday).
MAX_STAMP_LAG = 3


def written_day(text: str, published: date | None) -> date | None:
    """The day the article was written, as its own words tell it: when every ``أمس`` or
    ``اليوم`` it pairs with a weekday (``أمس الأربعاء``، ``اليوم الاثنين``) names the day
    a fixed 1-3 days before what the publication stamp makes it, the feed stamped the
    article late, and its bare ``أمس``، ``اليوم`` and weekdays count from the day it was
    written (dev snn-317fddeb8765: ``أمس الأربعاء`` and ``صباح أمس`` in an article
    stamped Friday; the coders read both as Wednesday). Any pair that agrees with the
    stamp, or two that disagree with each other, keep the stamp."""
    if published is None:
        return None
    rule = next(r for r in date_rules() if r.resolve is relative_day)
    lags: set[int] = set()
    for m in rule.pattern.finditer(fold_with_offsets(text)[0]):
        named = m.group("wd")
        if not named:
            continue
        told = relative_words()[" ".join(m.group("rel").split())]
        # The latest day W on or before publication with W + told on the named weekday.
        lags.add((published.weekday() + told - weekday_words()[named]) % 7)
    if len(lags) == 1:
        (lag,) = lags
        if 0 < lag <= MAX_STAMP_LAG:
            return published - timedelta(days=lag)
    return published

