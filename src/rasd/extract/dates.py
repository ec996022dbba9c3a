"""Event dates from Arabic news sentences (event-coding.md §5).

``find_dates`` reads every date expression of a sentence and resolves it
against the publication date; ``resolve_date`` picks the one that dates the
event; ``news_window`` is the fallback when a sentence has no day cue.

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
* Hijri dates are recognised (so their numbers are not misread as Gregorian
  days or years) and resolve to ``span=None``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from rasd.extract.numbers_ar import fold_with_offsets, load_tsv, parse_number
from rasd.models import DateSpan

__all__ = ["DateMention", "find_dates", "news_window", "resolve_date"]


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    surface: str
    span: DateSpan | None  # None when the expression cannot be resolved


# --- vocabulary -------------------------------------------------------------


def _alt(words: list[str]) -> str:
    """A regex alternation, longest first so ``مايو`` wins over ``ماي``."""
    parts = sorted({w for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in parts)


@cache
def _months() -> dict[str, tuple[int, str]]:
    return {" ".join(r[0].split()): (int(r[1]), r[2]) for r in load_tsv("dates_months.tsv")}


@cache
def _weekdays() -> dict[str, int]:
    return {r[0]: int(r[1]) for r in load_tsv("dates_weekdays.tsv")}


@cache
def _relative() -> dict[str, int]:
    return {" ".join(r[0].split()): int(r[1]) for r in load_tsv("dates_relative.tsv")}


@cache
def _ordinals() -> dict[str, int]:
    return {" ".join(r[0].split()): int(r[1]) for r in load_tsv("dates_ordinals.tsv")}


def _month_of(surface: str) -> int | None:
    """The month a (possibly paired, ``نوفمبر/تشرين الثاني``) month surface names."""
    months = _months()
    for m in re.finditer(_month_alt(), surface):
        hit = months.get(" ".join(m.group().split()))
        if hit is not None and hit[1] != "hijri":
            return hit[0]
    return None


@cache
def _month_alt() -> str:
    return _alt([w for w, (_, cal) in _months().items() if cal != "hijri"])


# --- patterns ---------------------------------------------------------------

# A left word boundary (Arabic letters are \w) that also lets a glued
# conjunction or preposition stand before the word (وأمس, بالأسبوع) without
# becoming part of the mention.
_B = r"(?:(?<!\w)|(?<=(?<!\w)[وفبل])|(?<=(?<!\w)[وف][بل]))"
_E = r"(?!\w)"
_PAST = r"(?:الماضي|المنصرم|الفائت|السابق)"
_PASTF = r"(?:الماضيه|المنصرمه|الفائته|الاخيره|السابقه)"
_NEXT = r"(?:المقبل|القادم)"
_CURRENT = r"(?:الجاري|الحالي)"
_YEAR = r"(?:19|20)\d\d"
_NUMW = r"[^\W\d_]+(?:\s+و[^\W\d_]+)?"


@dataclass(frozen=True, slots=True)
class _Rule:
    pattern: re.Pattern[str]
    resolve: Callable[[re.Match[str], date | None], DateSpan | None]
    rank: int  # lower wins an overlap of equal length
    # Cheap cues (see ``_cue_present``) without all of which the pattern cannot match.
    needs: tuple[str, ...]


def _day(d: date) -> DateSpan:
    return DateSpan(d, d, 1)


def _days(start: date, end: date) -> DateSpan:
    return DateSpan(start, end, 2)


def _month(year: int, month: int) -> DateSpan:
    last = calendar.monthrange(year, month)[1]
    return DateSpan(date(year, month, 1), date(year, month, last), 3)


def _shift_month(d: date, delta: int) -> tuple[int, int]:
    index = d.year * 12 + d.month - 1 + delta
    return index // 12, index % 12 + 1


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _numeric_resolver(m: re.Match[str], published: date | None) -> DateSpan | None:
    """2017/11/3 (year first) or 3/11/2017 (day first, as Arabic writes it)."""
    if m.group("ymd"):
        d = _safe_date(*(int(g) for g in m.group("y1", "m1", "d1")))
    else:
        d = _safe_date(*(int(g) for g in m.group("y2", "m2", "d2")))
    return _day(d) if d else None


def _day_number(text: str) -> int | None:
    text = " ".join(text.split())
    if text.isdigit():
        return int(text)
    ordinal: int | None = _ordinals().get(text)
    return ordinal


def _day_month(m: re.Match[str], published: date | None) -> DateSpan | None:
    day = _day_number(m.group("day"))
    month = _month_of(m.group("month"))
    if day is None or month is None:
        return None
    if m.group("year"):
        d = _safe_date(int(m.group("year")), month, day)
        return _day(d) if d else None
    if published is None:
        return None
    direction = m.group("dir") or ""
    if re.fullmatch(_CURRENT, direction):
        year = published.year  # 15 أغسطس الجاري: this year, even if still to come
    elif re.fullmatch(_NEXT, direction):
        year = published.year if (month, day) > (published.month, published.day) else (
            published.year + 1
        )
    else:
        year = published.year if (month, day) <= (published.month, published.day) else (
            published.year - 1
        )
    d = _safe_date(year, month, day)
    return _day(d) if d else None


def _day_range(m: re.Match[str], published: date | None) -> DateSpan | None:
    end = _day_month(m, published)
    first = int(m.group("from"))
    if end is None or not 1 <= first < end.start.day:
        return None
    return _days(end.start.replace(day=first), end.start)


def _weekday_pair(m: re.Match[str], published: date | None) -> DateSpan | None:
    end = _weekday(m, published)
    if end is None:
        return None
    gap = (_weekdays()[m.group("wd")] - _weekdays()[m.group("wd1")]) % 7 or 7
    return _days(end.start - timedelta(days=gap), end.start)


def _day_of_rel_month(m: re.Match[str], published: date | None) -> DateSpan | None:
    day = _day_number(m.group("day"))
    if day is None or published is None:
        return None
    delta = -1 if re.search(_PAST, m.group("rel")) else 0
    year, month = _shift_month(published, delta)
    d = _safe_date(year, month, day)
    return _day(d) if d else None


def _month_only(m: re.Match[str], published: date | None) -> DateSpan | None:
    month = _month_of(m.group("month"))
    if month is None:
        return None
    if m.group("year"):
        return _month(int(m.group("year")), month)
    if published is None:
        return None
    direction = m.group("dir") or ""
    if re.fullmatch(_NEXT, direction):
        year = published.year if month > published.month else published.year + 1
    elif re.fullmatch(_PAST, direction):
        year = published.year if month < published.month else published.year - 1
    else:
        year = published.year if month <= published.month else published.year - 1
    return _month(year, month)


def _rel_month(m: re.Match[str], published: date | None) -> DateSpan | None:
    if published is None:
        return None
    text = m.group()
    delta = -1 if re.search(_PAST, text) else 1 if re.search(_NEXT, text) else 0
    return _month(*_shift_month(published, delta))


def _relative_day(m: re.Match[str], published: date | None) -> DateSpan | None:
    if published is None:
        return None
    day = published + timedelta(days=_relative()[" ".join(m.group("rel").split())])
    named = m.group("wd")
    if named and _weekdays()[named] != day.weekday() and day <= published:
        # أمس (الأحد) whose Sunday is not the day before publication: feeds often
        # stamp an article a day or more late, and the named day is what the
        # reporter wrote, so it wins (the most recent such day on or before).
        back = (published.weekday() - _weekdays()[named]) % 7
        return _day(published - timedelta(days=back))
    return _day(day)


def _weekday(m: re.Match[str], published: date | None) -> DateSpan | None:
    if published is None:
        return None
    wd = _weekdays()[m.group("wd")]
    back = (published.weekday() - wd) % 7
    direction = m.group("dir") or ""
    if re.fullmatch(_NEXT, direction):
        return _day(published + timedelta(days=(wd - published.weekday()) % 7 or 7))
    if direction and back == 0:
        back = 7  # "Thursday last" on a Thursday is a week earlier
    return _day(published - timedelta(days=back))


def _count(text: str | None) -> int | None:
    if not text:
        return None
    value: int | None = parse_number(re.sub(r"^ال\s*", "", text.strip()))
    return value


_UNIT_DAYS = {"يوم": 1, "ايام": 1, "يوما": 1, "ساعه": 0, "ساعات": 0, "اسبوع": 7, "اسابيع": 7}


def _past_span(m: re.Match[str], published: date | None) -> DateSpan | None:
    if published is None:
        return None
    unit = m.group("unit")
    if unit in ("يومين", "اليومين"):
        days = 2
    elif unit in ("اسبوعين", "الاسبوعين"):
        days = 14
    elif unit in ("الاسبوع", "اسبوع"):
        days = 7
    elif unit in ("يوم", "اليوم"):
        days = 1
    else:
        n = _count(m.group("n")) or _count(m.group("n2"))
        base = unit.removeprefix("ال")
        if base in ("ساعه", "ساعات"):
            # The past N hours: the news window when it fits in a day.
            days = max(1, -(-(n or 24) // 24))
        elif n is None:
            return None  # "the past days": no count, no span
        else:
            days = n * _UNIT_DAYS.get(base, 1)
    if m.group("ago"):  # قبل يومين: one day, N days back
        if days % 7 == 0 and days >= 7:
            mid = published - timedelta(days=days)
            return _days(mid - timedelta(days=1), mid + timedelta(days=1))
        return _day(published - timedelta(days=days))
    return _days(published - timedelta(days=days), published)


def _unresolved(m: re.Match[str], published: date | None) -> DateSpan | None:
    return None


@cache
def _rules() -> tuple[_Rule, ...]:
    month = rf"(?:{_month_alt()})"
    # A month's other name may follow after a slash, in brackets or after a space.
    month_pair = rf"{month}(?:\s*\(\s*{month}\s*\)|(?:\s*[/\\\-–]\s*|\s+){month})?"
    year = rf"(?:\s*[,،]?\s*(?:من\s+)?(?:عام|العام|سنه)?\s*(?P<year>{_YEAR})(?:\s*م{_E})?)"
    weekday = _alt(list(_weekdays()))
    ordinal = _alt(list(_ordinals()))
    rel = _alt(list(_relative()))
    hijri = _alt([w for w, (_, cal) in _months().items() if cal == "hijri"])
    wd_prefix = rf"(?:(?:يوم\s+)?(?:{weekday})\s*[,،]?\s*(?:الموافق\s+)?)?"
    day = rf"(?P<day>(?<!\d)\d{{1,2}}(?!\d)|{ordinal})"
    lead = r"(?:في|خلال|منذ|مطلع|اوائل|بدايه|بدايات|منتصف|اواسط|اواخر|نهايه|حتي|شهر|من|الي)"
    num = rf"(?:\d+|{_NUMW})"
    rules: list[tuple[str, Callable[[re.Match[str], date | None], DateSpan | None]]] = [
        # Hijri first: recognised and set aside, so 1440 is not a year of ours.
        (rf"{_B}(?:\d{{1,2}}\s+)?(?:{hijri})\s+1[34]\d\d(?:\s*(?:ه|هجري|هجريه){_E})?", _unresolved),
        (rf"{_B}\d{{1,2}}\s+(?:{hijri}){_E}", _unresolved),
        (rf"(?<!\d)1[34]\d\d\s*(?:ه|هجري|هجريه){_E}", _unresolved),
        (rf"(?<![\d/.\-])(?:1[34]\d\d[/.\-]\d{{1,2}}[/.\-]\d{{1,2}}|\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]"
         rf"1[34]\d\d)(?![\d/.\-]\d)(?:\s*(?:ه|هجري|هجريه){_E})?", _unresolved),
        (rf"{_B}{wd_prefix}(?<![\d/.\-])(?:(?P<ymd>(?P<y1>{_YEAR})[/.\-](?P<m1>\d{{1,2}})[/.\-]"
         rf"(?P<d1>\d{{1,2}}))|(?P<d2>\d{{1,2}})[/.\-](?P<m2>\d{{1,2}})[/.\-](?P<y2>{_YEAR}))"
         r"(?![\d/.\-]\d)", _numeric_resolver),
        # Ranges of days in one month: بين 3 و5 نوفمبر, من 3 إلى 5 نوفمبر, 3-5 نوفمبر.
        (rf"{_B}(?:(?:بين|من|ما\s+بين)\s+)?(?P<from>\d{{1,2}})\s*(?:و|الي|حتي|-|–)\s*"
         rf"(?P<day>\d{{1,2}})\s+(?:من\s+)?(?:شهر\s+)?(?P<month>{month_pair}){_E}{year}?"
         rf"(?:\s+(?P<dir>{_PAST}|{_CURRENT}))?{_E}", _day_range),
        (rf"{_B}{wd_prefix}{day}\s+(?:من\s+)?(?:شهر\s+)?(?P<month>{month_pair}){_E}{year}?"
         rf"(?:\s+(?P<dir>{_PAST}|{_NEXT}|{_CURRENT}))?{_E}", _day_month),
        # Two named days: يومي الأحد والاثنين.
        (rf"{_B}(?:يومي|ليلتي)\s+(?P<wd1>{weekday})\s+و\s*(?P<wd>{weekday}){_E}"
         rf"(?:\s+(?P<dir>{_PAST}))?{_E}", _weekday_pair),
        (rf"{_B}{wd_prefix}{day}\s+من\s+(?P<rel>(?:هذا\s+)?الشهر(?:\s+(?:{_PAST}|{_CURRENT}))?)"
         rf"{_E}", _day_of_rel_month),
        (rf"{_B}(?:{lead}\s+)?(?:شهر\s+)?(?P<month>{month_pair}){_E}{year}"
         rf"(?:\s+(?P<dir>{_PAST}|{_NEXT}|{_CURRENT}))?{_E}", _month_only),
        (rf"{_B}(?:{lead}\s+)(?:شهر\s+)?(?P<month>{month_pair}){_E}(?P<year>)"
         rf"(?:\s+(?P<dir>{_PAST}|{_NEXT}|{_CURRENT}))?{_E}", _month_only),
        (rf"{_B}(?:(?:{lead})\s+)?(?:الشهر\s+(?:{_PAST}|{_CURRENT}|{_NEXT})|هذا\s+الشهر){_E}",
         _rel_month),
        # Years alone and seasons: found, never resolved (no ACLED precision).
        (rf"{_B}(?:(?:عام|العام|سنه|صيف|شتاء|خريف|ربيع|مطلع|منتصف|اواخر|نهايه|بدايه)\s+)"
         rf"(?:عام\s+)?{_YEAR}(?:\s*م{_E})?(?!\d)", _unresolved),
        (rf"{_B}(?:العام|السنه)\s+(?:{_PAST}|{_CURRENT}|{_NEXT}){_E}", _unresolved),
        # Spans of days back from publication, and "N days ago".
        (rf"{_B}(?:(?:خلال|في|طيله|طوال|علي\s+مدي|علي\s+مدار)\s+)(?:ال\s*)?(?P<n>{num})?\s*"
         rf"(?P<unit>الايام|ايام|يوما|الساعات|ساعات|ساعه|الاسابيع|اسابيع)"
         rf"(?:\s+(?:ال\s*)?(?P<n2>{num}))??\s+(?:{_PASTF}|{_PAST}){_E}(?P<ago>)", _past_span),
        (rf"{_B}(?:(?:خلال|في|طيله|طوال)\s+)(?P<unit>اليومين|الاسبوعين)\s+(?:الماضيين|الاخيرين)"
         rf"{_E}(?P<n>)(?P<n2>)(?P<ago>)", _past_span),
        (rf"{_B}(?:(?:خلال|في|طيله|طوال)\s+)?(?P<unit>الاسبوع)\s+(?:{_PAST}|الاخير){_E}"
         rf"(?P<n>)(?P<n2>)(?P<ago>)", _past_span),
        (rf"{_B}(?:منذ|(?P<ago>قبل))\s+(?:نحو\s+|حوالي\s+)?(?:(?P<n>{num})\s+)?"
         rf"(?P<unit>يومين|اسبوعين|ايام|يوما|اسبوع|اسابيع|ساعات|ساعه|يوم){_E}"
         rf"(?!\s*(?:\d|{weekday}))(?P<n2>)",
         _past_span),
        # Weekdays, with the part of day and direction words around them.
        (rf"{_B}(?P<rel>{rel}){_E}(?:\s*[,،]?\s*(?P<open>\()?\s*(?:يوم\s+)?(?P<wd>{weekday}){_E}"
         r"(?(open)\s*\)))?", _relative_day),
        (rf"{_B}(?:(?:يوم|نهار|مساء|صباح|فجر|ظهر|عصر|ليل|ليله|ظهيره)\s+)?(?P<wd>{weekday}){_E}"
         rf"(?:\s+(?P<dir>{_PAST}|{_NEXT}))?{_E}", _weekday),
    ]
    # The cheap cues each rule needs, in the order of ``rules``, the cheapest first.
    # Each is implied by its pattern: a Gregorian year (``year``) or a Hijri one
    # (``hyear``) where the pattern has one, and for the spans back from
    # publication a word of the past (``past``) beside the unit.
    # A name must stand as a word (``month_w``, see ``_cue_words``), and the whole
    # of a name of several words must be there (``month``).
    month_cue, hijri_cue, span_cue = ("month_w", "month"), ("hijri_w", "hijri"), ("past", "span")
    needs: tuple[tuple[str, ...], ...] = (
        ("hyear", *hijri_cue), ("digit", *hijri_cue), ("hyear",), ("hyear",), ("year",),
        ("digit", *month_cue), month_cue, ("weekday_w",), ("month_word",), month_cue,
        month_cue, ("month_word",), ("year",), ("year_word",), span_cue, span_cue, span_cue,
        span_cue, ("rel_w", "rel"), ("weekday_w",),
    )
    assert len(needs) == len(rules)
    return tuple(
        _Rule(re.compile(p), f, rank, need)
        for rank, ((p, f), need) in enumerate(zip(rules, needs, strict=True))
    )


@cache
def _cue_patterns() -> dict[str, re.Pattern[str]]:
    """Plain searches, much cheaper than the rules: a sentence without a digit
    never runs the numeric rules (most sentences have no date)."""
    return {
        "digit": re.compile(r"\d"),
        "month": re.compile(_month_alt()),
        "hijri": re.compile(_alt([w for w, (_, cal) in _months().items() if cal == "hijri"])),
        "rel": re.compile(_alt(list(_relative()))),
        "year": re.compile(_YEAR),
        "hyear": re.compile(r"1[34]\d\d"),
        "span": re.compile("ايام|يوم|ساع|اسبوع|اسابيع"),
        "past": re.compile("الماضي|المنصرم|الفائت|السابق|الاخير|منذ|قبل"),
    }


# What ``_B`` lets stand glued before a word.
_CLITICS = ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل")
_WORD_RE = re.compile(r"\w+")


@cache
def _cue_words() -> dict[str, frozenset[str]]:
    """Cues that are whole words: the words (with their glued clitics) a rule's
    month, weekday or relative expression opens with (one set lookup per word,
    where a search for each name scans the text again).

    Every such expression in the rules starts at ``_B`` or after whitespace and
    its first word ends before a non-word character, so a sentence can match
    only if one of its words is one of these. (A plain search for ``اب`` finds
    it in every ``إرهاب``; most sentences then ran the four month rules.)
    """
    def opening(phrases: list[str]) -> frozenset[str]:
        firsts = {p.split()[0] for p in phrases}
        return frozenset(c + w for w in firsts for c in _CLITICS)

    months = _months()
    return {
        "month_w": opening([w for w, (_, cal) in months.items() if cal != "hijri"]),
        "hijri_w": opening([w for w, (_, cal) in months.items() if cal == "hijri"]),
        "weekday_w": opening(list(_weekdays())),
        "rel_w": opening(list(_relative())),
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
_NOT_TODAY_BEFORE = re.compile(r"(?:حتي|الي|لغايه|ذلك|منذ)\s*$")
# الاثنين also means "the two"; الأحد عشر is "the eleven".
_NOT_WEEKDAY_BEFORE = re.compile(r"(?:كلا|بين|هذين|هاذين)\s*$")
_DUAL_NOUN_BEFORE = re.compile(r"ال[^\W\d_]+(?:ين|ان|ون)\s*$")
_MONTH_WORD_BEFORE = re.compile(r"(?:كانون|تشرين|ربيع|جمادي)\s*$")
_NOT_WEEKDAY_AFTER = re.compile(r"\s*(?:عشر|معا|منهما|منهم)(?!\w)")


def _rejected(rule: _Rule, m: re.Match[str], folded: str) -> bool:
    before = folded[max(0, m.start() - 16) : m.start()]
    after = folded[m.end() : m.end() + 12]
    names = rule.pattern.groupindex
    if "rel" in names and rule.resolve is _relative_day and m.group("rel") == "اليوم":
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
    words = _alt(list(NAMED_AFTER_DATE))
    return re.compile(rf"(?<!\w)[وبلف]?(?:{words})\s+(\d{{1,2}}\s+(?:{_month_alt()}))")


def _scan(text: str, published: date | None) -> list[tuple[DateMention, bool]]:
    """Date mentions of ``text``, each with whether it states its year (absolute)."""
    folded, offsets = fold_with_offsets(text)
    named = [m.span(1) for m in _named_after_date().finditer(folded)]
    candidates: list[tuple[int, int, int, DateSpan | None, bool]] = []
    seen: dict[str, bool] = {}
    words: list[set[str]] = []
    for rule in _rules():
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
                absolute = bool(groups.get("year")) or rule.resolve is _numeric_resolver
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
# statement's "yesterday"), snn-b355deebafed (Sunday's sinking dated Monday).
_STATEMENT_BEFORE = re.compile(
    r"(?<!\w)[وف]?(?:قال|قالت|اعلن|اعلنت|افاد|افادت|اكد|اكدت|ذكر|ذكرت|صرح|صرحت|اضاف|"
    r"اضافت|اوضح|اوضحت|بيان|بيانه|بيانها|تصريح|تصريحات)"
    r"(?:\s+(?!(?:ب?ان|انه|انها|لان)(?!\w))[^\s:،,]+){0,6}\s*$")
# Characters before a date searched for its statement frame.
_STATEMENT_REACH = 80


def _dates_statement(text: str, start: int) -> bool:
    before = fold_with_offsets(text[max(0, start - _STATEMENT_REACH):start])[0]
    return _STATEMENT_BEFORE.search(before) is not None


def resolve_date(text: str, *, published: date | None) -> DateSpan | None:
    """The date of the event ``text`` reports: its most specific resolvable expression.

    Precision decides (a day beats a span beats a month). Among days, a day
    other than the publication day wins, because "today" in news usually
    dates the statement (أعلن اليوم أن ... أمس) rather than the event. Dates
    after publication (forecasts) never date an event. A sentence with an
    explicit older date (في يوليو 2014 ... خطبة الجمعة) is background, so its
    relative expressions, which would resolve against publication, are
    ignored unless they fall inside that date. Among days, too, one that dates
    the statement (``قالت في بيان أمس إن``) loses to the act's own. None when the
    sentence has no resolvable date cue: the caller falls back to :func:`news_window`.
    """
    mentions = _scan(text, published)
    frames = [
        m.span
        for m, absolute in mentions
        if absolute and m.span is not None
        and (published is None or m.span.end < published - _BACKGROUND)
    ]
    best: tuple[int, int, int, int] | None = None
    chosen: DateSpan | None = None
    for index, (mention, absolute) in enumerate(mentions):
        span = mention.span
        if span is None or (published is not None and span.start > published):
            continue
        if frames and not absolute and not any(
            f.start <= span.start and span.end <= f.end for f in frames
        ):
            continue
        today = int(published is not None and span.precision == 1 and span.start == published)
        key = (span.precision, int(_dates_statement(text, mention.start)), today, index)
        if best is None or key < best:
            best, chosen = key, span
    return chosen


def news_window(published: date | None) -> DateSpan | None:
    """The window news is reported in: the day before publication to publication."""
    if published is None:
        return None
    return DateSpan(published - timedelta(days=1), published, 2)
