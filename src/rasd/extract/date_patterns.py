"""The date expressions ``rasd.extract.dates`` reads: vocabulary and patterns with their resolvers.

Each :class:`Rule` is a regular expression over folded text and a resolver that
turns a match into a :class:`~rasd.models.DateSpan` against the publication date
(or None when it cannot be resolved). The vocabulary (month, weekday, relative
and ordinal words) is data (``data/dates_*.tsv``). ``rasd.extract.dates`` scans
a sentence with these rules and chooses among the matches.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from rasd.extract.numbers_ar import load_tsv, parse_number
from rasd.models import DateSpan

# --- vocabulary -------------------------------------------------------------


def alt(words: list[str]) -> str:
    """A regex alternation, longest first so ``مايو`` wins over ``ماي``."""
    parts = sorted({w for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in parts)


@cache
def month_words() -> dict[str, tuple[int, str]]:
    return {" ".join(r[0].split()): (int(r[1]), r[2]) for r in load_tsv("dates_months.tsv")}


@cache
def weekday_words() -> dict[str, int]:
    return {r[0]: int(r[1]) for r in load_tsv("dates_weekdays.tsv")}


@cache
def relative_words() -> dict[str, int]:
    return {" ".join(r[0].split()): int(r[1]) for r in load_tsv("dates_relative.tsv")}


@cache
def _ordinals() -> dict[str, int]:
    return {" ".join(r[0].split()): int(r[1]) for r in load_tsv("dates_ordinals.tsv")}


def _month_of(surface: str) -> int | None:
    """The month a (possibly paired, ``نوفمبر/تشرين الثاني``) month surface names."""
    months = month_words()
    for m in re.finditer(month_alt(), surface):
        hit = months.get(" ".join(m.group().split()))
        if hit is not None and hit[1] != "hijri":
            return hit[0]
    return None


@cache
def month_alt() -> str:
    return alt([w for w, (_, cal) in month_words().items() if cal != "hijri"])


# --- patterns ---------------------------------------------------------------

# A left word boundary (Arabic letters are \w) that also lets a glued
# conjunction or preposition stand before the word (وأمس, بالأسبوع) without
# becoming part of the mention.
WORD_START = r"(?:(?<!\w)|(?<=(?<!\w)[وفبل])|(?<=(?<!\w)[وف][بل]))"
_E = r"(?!\w)"
_PAST = r"(?:الماضي|المنصرم|الفائت|السابق)"
_PASTF = r"(?:الماضيه|المنصرمه|الفائته|الاخيره|السابقه)"
_NEXT = r"(?:المقبل|القادم)"
# A weekday's direction word agrees with يوم or with the day's own name, so it may be
# feminine (``يوم الجمعة الماضية``، ``الجمعة المقبلة``).
_NEXTF = r"(?:المقبله|القادمه)"
_WD_PASTF = r"(?:الماضيه|المنصرمه|الفائته|السابقه)"  # not الأخيرة: "the last Friday of"
_CURRENT = r"(?:الجاري|الحالي)"
YEAR = r"(?:19|20)\d\d"
_NUMW = r"[^\W\d_]+(?:\s+و[^\W\d_]+)?"


@dataclass(frozen=True, slots=True)
class Rule:
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


def numeric_resolver(m: re.Match[str], published: date | None) -> DateSpan | None:
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
    gap = (weekday_words()[m.group("wd")] - weekday_words()[m.group("wd1")]) % 7 or 7
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


# Which week of a month ``الأسبوع الأول/الثاني/الثالث/الأخير من`` names (0 = the last).
_WEEK_OF_MONTH = {"الاول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الاخير": 0}


def _week_of_month(m: re.Match[str], published: date | None) -> DateSpan | None:
    """``في الأسبوع الأخير من حزيران``: seven days of that month (precision 2), not the
    seven days before publication that ``الأسبوع الأخير`` alone would be."""
    month = _month_only(m, published)
    if month is None:
        return None
    which = _WEEK_OF_MONTH[m.group("nth")]
    if which == 0:
        return _days(month.end - timedelta(days=6), month.end)
    first = month.start + timedelta(days=7 * (which - 1))
    return _days(first, first + timedelta(days=6))


def _rel_month(m: re.Match[str], published: date | None) -> DateSpan | None:
    if published is None:
        return None
    text = m.group()
    delta = -1 if re.search(_PAST, text) else 1 if re.search(_NEXT, text) else 0
    return _month(*_shift_month(published, delta))


def relative_day(m: re.Match[str], published: date | None) -> DateSpan | None:
    if published is None:
        return None
    day = published + timedelta(days=relative_words()[" ".join(m.group("rel").split())])
    named = m.group("wd")
    if named and weekday_words()[named] != day.weekday() and day <= published:
        # أمس (الأحد) whose Sunday is not the day before publication: feeds often
        # stamp an article a day or more late, and the named day is what the
        # reporter wrote, so it wins (the most recent such day on or before).
        back = (published.weekday() - weekday_words()[named]) % 7
        return _day(published - timedelta(days=back))
    return _day(day)


def _weekday(m: re.Match[str], published: date | None) -> DateSpan | None:
    if published is None:
        return None
    wd = weekday_words()[m.group("wd")]
    back = (published.weekday() - wd) % 7
    direction = m.group("dir") or ""
    if re.fullmatch(_NEXT, direction) or re.fullmatch(_NEXTF, direction):
        return _day(published + timedelta(days=(wd - published.weekday()) % 7 or 7))
    if direction and back == 0:
        back = 7  # "Thursday last" on a Thursday is a week earlier
    return _day(published - timedelta(days=back))


def _count(text: str | None) -> int | None:
    if not text:
        return None
    value: int | None = parse_number(re.sub(r"^ال\s*", "", text.strip()))
    return value


# Month units of "N months ago" (folded).
_MONTH_UNITS = frozenset({"شهر", "الشهر", "شهرين", "اشهر"})

_UNIT_DAYS = {"يوم": 1, "ايام": 1, "يوما": 1, "ساعه": 0, "ساعات": 0, "اسبوع": 7, "اسابيع": 7}


def _past_span(m: re.Match[str], published: date | None) -> DateSpan | None:
    if published is None:
        return None
    unit = m.group("unit")
    if unit in _MONTH_UNITS:
        # ``قبل قرابة الشهر``، ``قبل شهرين``: the calendar month so many months back, as
        # the coders date it (dev2 snn-2e6a0e887d8f: a wound "about a month ago" in a
        # 23 July article coded June).
        months = 2 if unit == "شهرين" else (_count(m.group("n")) or 1)
        return _month(*_shift_month(published, -months))
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


# The tabular Islamic calendar counted from its astronomical epoch (Thursday
# 15 July 622 Julian, 18 July 622 proleptic Gregorian): 30-year cycles of 354/355-day
# years. It agrees with the Umm al-Qura calendar Saudi statements are dated in to
# within a day or two (1 Shawwal 1436 = 17 July 2015 in both), which is far inside the
# 30 days that tell a recalled event from today's news.
_HIJRI_EPOCH = date(622, 7, 18)


def hijri_to_gregorian(year: int, month: int, day: int) -> date | None:
    """The Gregorian day of a Hijri date (tabular calendar), None when out of range."""
    if not (1 <= month <= 12 and 1 <= day <= 30 and 1 <= year <= 1600):
        return None
    days = (year - 1) * 354 + (3 + 11 * year) // 30 + (59 * (month - 1) + 1) // 2 + day - 1
    return _HIJRI_EPOCH + timedelta(days=days)


def _hijri_month_of(surface: str) -> int | None:
    months = month_words()
    hijri = [w for w, (_, cal) in months.items() if cal == "hijri"]
    m = re.search(alt(hijri), surface)
    return months[" ".join(m.group().split())][0] if m else None


def _hijri_numeric(m: re.Match[str], published: date | None) -> DateSpan | None:
    """``19 / 6 / 1436ه`` (day first, as Arabic writes it) or ``1436/6/19``."""
    if m.group("hy"):
        d = hijri_to_gregorian(int(m.group("hy")), int(m.group("hm")), int(m.group("hd")))
    else:
        d = hijri_to_gregorian(int(m.group("hy2")), int(m.group("hm2")), int(m.group("hd2")))
    return _day(d) if d else None


def _hijri_resolver(m: re.Match[str], published: date | None) -> DateSpan | None:
    """``بتاريخ 19 / 6 / 1436ه``، ``4 شعبان 1436 هـ``: the day; ``رمضان 1436``: the month's
    days (precision 3); ``19 رمضان`` with no year: the most recent such day on or before
    publication (a Hijri year is 354 or 355 days)."""
    groups = m.groupdict()
    if groups.get("hmw"):
        month = _hijri_month_of(groups["hmw"])
    else:
        month = int(groups["hm"]) if groups.get("hm") else None
    if month is None:
        return None
    day = int(groups["hd"]) if groups.get("hd") else None
    if groups.get("hy"):
        year = int(groups["hy"])
        if day is None:
            first = hijri_to_gregorian(year, month, 1)
            nxt = hijri_to_gregorian(year + (month == 12), month % 12 + 1, 1)
            if first is None or nxt is None:
                return None
            return DateSpan(first, nxt - timedelta(days=1), 3)
        d = hijri_to_gregorian(year, month, day)
        return _day(d) if d else None
    if published is None or day is None:
        return None
    # The Hijri year of publication, then the latest such day on or before it.
    year = (published - _HIJRI_EPOCH).days * 30 // 10631 + 2
    for y in range(year, year - 3, -1):
        d = hijri_to_gregorian(y, month, day)
        if d is not None and d <= published:
            return _day(d)
    return None


@cache
def date_rules() -> tuple[Rule, ...]:
    month = rf"(?:{month_alt()})"
    # A month's other name may follow after a slash, in brackets or after a space.
    month_pair = rf"{month}(?:\s*\(\s*{month}\s*\)|(?:\s*[/\\\-–]\s*|\s+){month})?"
    year = rf"(?:\s*[,،]?\s*(?:من\s+)?(?:عام|العام|سنه)?\s*(?P<year>{YEAR})(?:\s*م{_E})?)"
    weekday = alt(list(weekday_words()))
    ordinal = alt(list(_ordinals()))
    rel = alt(list(relative_words()))
    hijri = alt([w for w, (_, cal) in month_words().items() if cal == "hijri"])
    # Any month name, Gregorian or Hijri (``قبل شهر رمضان`` is no "month ago").
    any_month = alt(list(month_words()))
    wd_prefix = rf"(?:(?:يوم\s+)?(?:{weekday})\s*[,،]?\s*(?:الموافق\s+)?)?"
    day = rf"(?P<day>(?<!\d)\d{{1,2}}(?!\d)|{ordinal})"
    lead = r"(?:في|خلال|منذ|مطلع|اوائل|بدايه|بدايات|منتصف|اواسط|اواخر|نهايه|حتي|شهر|من|الي)"
    num = rf"(?:\d+|{_NUMW})"
    rules: list[tuple[str, Callable[[re.Match[str], date | None], DateSpan | None]]] = [
        # Hijri first: recognised and set aside, so 1440 is not a year of ours.
        (rf"{WORD_START}(?:(?P<hd>\d{{1,2}})\s+)?(?P<hmw>{hijri})\s+(?P<hy>1[34]\d\d)"
         rf"(?:\s*(?:ه|هجري|هجريه){_E})?", _hijri_resolver),
        (rf"{WORD_START}(?P<hd>\d{{1,2}})\s+(?P<hmw>{hijri}){_E}", _hijri_resolver),
        (rf"(?<!\d)1[34]\d\d\s*(?:ه|هجري|هجريه){_E}", _unresolved),
        (rf"(?<![\d/.\-])(?:(?P<hy>1[34]\d\d)\s*[/.\-]\s*(?P<hm>\d{{1,2}})\s*[/.\-]\s*(?P<hd>\d{{1,2}})|"
         rf"(?P<hd2>\d{{1,2}})\s*[/.\-]\s*(?P<hm2>\d{{1,2}})\s*[/.\-]\s*(?P<hy2>1[34]\d\d))"
         rf"(?![\d/.\-]\d)(?:\s*(?:ه|هجري|هجريه){_E})?", _hijri_numeric),
        (rf"{WORD_START}{wd_prefix}(?<![\d/.\-])(?:(?P<ymd>(?P<y1>{YEAR})[/.\-](?P<m1>\d{{1,2}})[/.\-]"
         rf"(?P<d1>\d{{1,2}}))|(?P<d2>\d{{1,2}})[/.\-](?P<m2>\d{{1,2}})[/.\-](?P<y2>{YEAR}))"
         r"(?![\d/.\-]\d)", numeric_resolver),
        # Ranges of days in one month: بين 3 و5 نوفمبر, من 3 إلى 5 نوفمبر, 3-5 نوفمبر.
        (rf"{WORD_START}(?:(?:بين|من|ما\s+بين)\s+)?(?P<from>\d{{1,2}})\s*(?:و|الي|حتي|-|–)\s*"
         rf"(?P<day>\d{{1,2}})\s+(?:من\s+)?(?:شهر\s+)?(?P<month>{month_pair}){_E}{year}?"
         rf"(?:\s+(?P<dir>{_PAST}|{_CURRENT}))?{_E}", _day_range),
        (rf"{WORD_START}{wd_prefix}{day}\s+(?:من\s+)?(?:شهر\s+)?(?P<month>{month_pair}){_E}{year}?"
         rf"(?:\s+(?P<dir>{_PAST}|{_NEXT}|{_CURRENT}))?{_E}", _day_month),
        # A week of a named month: الأسبوع الأخير من حزيران (before the past-week rule).
        (rf"{WORD_START}(?:(?:في|خلال|منذ)\s+)?الاسبوع\s+(?P<nth>الاول|الثاني|الثالث|الرابع|الاخير)"
         rf"\s+(?:من\s+)?(?:شهر\s+)?(?P<month>{month_pair}){_E}{year}?"
         rf"(?:\s+(?P<dir>{_PAST}|{_CURRENT}))?{_E}", _week_of_month),
        # Two named days: يومي الأحد والاثنين.
        (rf"{WORD_START}(?:يومي|ليلتي)\s+(?P<wd1>{weekday})\s+و\s*(?P<wd>{weekday}){_E}"
         rf"(?:\s+(?P<dir>{_PAST}))?{_E}", _weekday_pair),
        (rf"{WORD_START}{wd_prefix}{day}\s+من\s+(?P<rel>(?:هذا\s+)?الشهر(?:\s+(?:{_PAST}|{_CURRENT}))?)"
         rf"{_E}", _day_of_rel_month),
        (rf"{WORD_START}(?:{lead}\s+)?(?:شهر\s+)?(?P<month>{month_pair}){_E}{year}"
         rf"(?:\s+(?P<dir>{_PAST}|{_NEXT}|{_CURRENT}))?{_E}", _month_only),
        (rf"{WORD_START}(?:{lead}\s+)(?:شهر\s+)?(?P<month>{month_pair}){_E}(?P<year>)"
         rf"(?:\s+(?P<dir>{_PAST}|{_NEXT}|{_CURRENT}))?{_E}", _month_only),
        (rf"{WORD_START}(?:(?:{lead})\s+)?(?:الشهر\s+(?:{_PAST}|{_CURRENT}|{_NEXT})|هذا\s+الشهر){_E}",
         _rel_month),
        # Years alone and seasons: found, never resolved (no ACLED precision).
        (rf"{WORD_START}(?:(?:عام|العام|سنه|صيف|شتاء|خريف|ربيع|مطلع|منتصف|اواخر|نهايه|بدايه)\s+)"
         rf"(?:عام\s+)?{YEAR}(?:\s*م{_E})?(?!\d)", _unresolved),
        (rf"{WORD_START}(?:العام|السنه)\s+(?:{_PAST}|{_CURRENT}|{_NEXT}){_E}", _unresolved),
        # Spans of days back from publication, and "N days ago".
        (rf"{WORD_START}(?:(?:خلال|في|طيله|طوال|علي\s+مدي|علي\s+مدار)\s+)(?:ال\s*)?(?P<n>{num})?\s*"
         rf"(?P<unit>الايام|ايام|يوما|الساعات|ساعات|ساعه|الاسابيع|اسابيع)"
         rf"(?:\s+(?:ال\s*)?(?P<n2>{num}))??\s+(?:{_PASTF}|{_PAST}){_E}(?P<ago>)", _past_span),
        (rf"{WORD_START}(?:(?:خلال|في|طيله|طوال)\s+)(?P<unit>اليومين|الاسبوعين)\s+(?:الماضيين|الاخيرين)"
         rf"{_E}(?P<n>)(?P<n2>)(?P<ago>)", _past_span),
        (rf"{WORD_START}(?:(?:خلال|في|طيله|طوال)\s+)?(?P<unit>الاسبوع)\s+(?:{_PAST}|الاخير){_E}"
         rf"(?P<n>)(?P<n2>)(?P<ago>)", _past_span),
        (rf"{WORD_START}(?:منذ|(?P<ago>قبل))\s+(?:نحو\s+|حوالي\s+)?(?:(?P<n>{num})\s+)?"
         rf"(?P<unit>يومين|اسبوعين|ايام|يوما|اسبوع|اسابيع|ساعات|ساعه|يوم){_E}"
         # ``قبل ساعات من موعد سريان هدنة``، ``قبل يومين على الانتخابات``: a span before
         # another event, not back from now (dev2 snn-6d8b41d068ad, whose "yesterday" by
         # it beat the ``اليوم الأحد`` of the same sentence; dev3 snn-f54fe2c148c2, dev4
         # snn-9c814db60597, dev snn-69631212865e, dev3 snn-cff2a3b48f0a).
         rf"(?!\s*(?:\d|{weekday}))(?(ago)(?!\s+(?:واحد\s+)?(?:من|علي){_E}))(?P<n2>)",
         _past_span),
        # Months ago: ``قبل قرابة الشهر``، ``قبل شهرين`` (not ``منذ``: a span up to now;
        # not ``قبل شهر رمضان`` nor ``قبل شهر من الانتخابات``, counted from another day).
        (rf"{WORD_START}(?P<ago>قبل)\s+(?:نحو\s+|حوالي\s+|قرابه\s+)?(?:(?P<n>{num})\s+)?"
         rf"(?P<unit>شهرين|اشهر|الشهر|شهر){_E}(?!\s*(?:\d|من{_E}|{any_month}))(?P<n2>)",
         _past_span),
        # Weekdays, with the part of day and direction words around them.
        (rf"{WORD_START}(?P<rel>{rel}){_E}(?:\s*[,،]?\s*(?P<open>\()?\s*(?:يوم\s+)?(?P<wd>{weekday}){_E}"
         r"(?(open)\s*\)))?", relative_day),
        (rf"{WORD_START}(?:(?:يوم|نهار|مساء|صباح|فجر|ظهر|عصر|ليل|ليله|ظهيره)\s+)?(?P<wd>{weekday}){_E}"
         rf"(?:\s+(?P<dir>{_PAST}|{_NEXT}|{_WD_PASTF}|{_NEXTF}))?{_E}", _weekday),
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
        ("digit", *month_cue), month_cue, ("span", *month_cue), ("weekday_w",), ("month_word",),
        month_cue,
        month_cue, ("month_word",), ("year",), ("year_word",), span_cue, span_cue, span_cue,
        span_cue, span_cue, ("rel_w", "rel"), ("weekday_w",),
    )
    assert len(needs) == len(rules)
    return tuple(
        Rule(re.compile(p), f, rank, need)
        for rank, ((p, f), need) in enumerate(zip(rules, needs, strict=True))
    )
