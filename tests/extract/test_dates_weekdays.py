"""Date resolution across publication weekdays (event-coding.md §5), issue 14 (time14f).

A table: each expression, in a sentence composed for it, read against a publication date on
each of the seven weekdays, with the day or span it must give. The development sets were
published in a few days of one July, so a rule that only holds for some weekdays (a weekday
counted in the wrong week, ``أمس`` in an article stamped the next morning) would not show
there; here it fails on the weekday it breaks. Also: Hijri dates, a week of a named month,
and the day an article was written when its feed stamped it late.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rasd.extract.dates import find_dates, resolve_date, written_day
from rasd.models import DateSpan

# One week of publication dates, Monday 4 to Sunday 10 March 2019.
WEEK = [date(2019, 3, 4) + timedelta(days=i) for i in range(7)]
MON, TUE, WED, THU, FRI, SAT, SUN = WEEK

# Days back from publication to the most recent named weekday on or before it, for each
# publication weekday Mon..Sun (written out, not computed: the table is the oracle).
THURSDAY_BACK = [4, 5, 6, 0, 1, 2, 3]
SUNDAY_BACK = [1, 2, 3, 4, 5, 6, 0]
# With ``الماضي`` the day is strictly before publication: a week back on the day itself.
THURSDAY_PAST_BACK = [4, 5, 6, 7, 1, 2, 3]
FRIDAY_PAST_BACK = [3, 4, 5, 6, 7, 1, 2]


def _day(pub: date, back: int) -> DateSpan:
    d = pub - timedelta(days=back)
    return DateSpan(d, d, 1)


# (sentence, days back for each publication weekday Mon..Sun)
DAY_TABLE: list[tuple[str, list[int]]] = [
    ("قصفت المدفعية أطراف البلدة أمس", [1] * 7),
    ("اندلعت اشتباكات عنيفة مساء أمس قرب الجسر", [1] * 7),
    ("انفجرت عبوة ناسفة الليلة الماضية على الطريق العام", [1] * 7),
    ("وقعت المواجهات أول أمس في محيط المعسكر", [2] * 7),
    ("أغارت الطائرات أمس الأول على مواقع المسلحين", [2] * 7),
    ("سقطت قذيفة هاون على الحي صباح اليوم", [0] * 7),
    ("انفجرت سيارة مفخخة قبل يومين في السوق", [2] * 7),
    ("هاجم مسلحون الحاجز قبل ثلاثة أيام", [3] * 7),
    ("هاجم مسلحون حاجزا للشرطة يوم الخميس", THURSDAY_BACK),
    ("أغارت الطائرات فجر الخميس على مواقع التنظيم", THURSDAY_BACK),
    ("سيطرت القوات على القرية الخميس الماضي", THURSDAY_PAST_BACK),
    ("تجددت الاشتباكات مساء الأحد على أطراف المدينة", SUNDAY_BACK),
    # The direction word agreeing with the day's feminine name.
    ("قتل الجندي صباح يوم الجمعة الماضية في تبادل لإطلاق النار", FRIDAY_PAST_BACK),
]


@pytest.mark.parametrize("weekday", range(7), ids=[d.strftime("%a") for d in WEEK])
@pytest.mark.parametrize(("sentence", "backs"), DAY_TABLE, ids=[s for s, _ in DAY_TABLE])
def test_a_day_told_relative_to_publication_on_each_weekday(sentence: str, backs: list[int],
                                                            weekday: int) -> None:
    pub = WEEK[weekday]
    assert resolve_date(sentence, published=pub) == _day(pub, backs[weekday])


@pytest.mark.parametrize("weekday", range(7), ids=[d.strftime("%a") for d in WEEK])
def test_yesterday_with_its_weekday_agreeing_is_yesterday(weekday: int) -> None:
    pub = WEEK[weekday]
    named = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"][
        (weekday - 1) % 7]
    got = resolve_date(f"قصفت الطائرات أمس {named} مواقع المسلحين", published=pub)
    assert got == _day(pub, 1)


@pytest.mark.parametrize("weekday", range(7), ids=[d.strftime("%a") for d in WEEK])
def test_the_acts_day_beats_the_statements_yesterday(weekday: int) -> None:
    """``قال ... أمس إن`` dates the statement; the Thursday is the act's."""
    pub = WEEK[weekday]
    got = resolve_date("قال المتحدث العسكري أمس إن الطائرات قصفت القرية يوم الخميس",
                       published=pub)
    assert got == _day(pub, THURSDAY_BACK[weekday])


# (sentence, (start back, end back)) spans of days, the same on every weekday
SPAN_TABLE: list[tuple[str, tuple[int, int]]] = [
    ("تدور المعارك منذ ثلاثة أيام في محيط السد", (3, 0)),
    ("تواصل القصف خلال اليومين الماضيين على القرى", (2, 0)),
    ("تكررت الهجمات الأسبوع الماضي على الحواجز", (7, 0)),
]


@pytest.mark.parametrize("weekday", range(7), ids=[d.strftime("%a") for d in WEEK])
@pytest.mark.parametrize(("sentence", "backs"), SPAN_TABLE, ids=[s for s, _ in SPAN_TABLE])
def test_a_span_back_from_publication_on_each_weekday(sentence: str, backs: tuple[int, int],
                                                      weekday: int) -> None:
    pub = WEEK[weekday]
    start, end = (pub - timedelta(days=b) for b in backs)
    assert resolve_date(sentence, published=pub) == DateSpan(start, end, 2)


# --- a feed that stamps its articles late --------------------------------------------

@pytest.mark.parametrize(("text", "pub", "written"), [
    # ``أمس الأربعاء`` stamped Friday: written on Thursday.
    ("قال المرصد أمس الأربعاء إن الاشتباكات تواصلت. ودارت اشتباكات صباح أمس في الحي.",
     FRI, THU),
    # ``اليوم الاثنين`` stamped Wednesday: written on Monday.
    ("أعلنت الوزارة اليوم الاثنين أن عمالا خطفوا قرب المصفاة.", WED, MON),
    # The named day agrees with the stamp: the stamp stands.
    ("قال المرصد أمس الخميس إن الاشتباكات تواصلت.", FRI, FRI),
    # Two pairs that disagree with each other: the stamp stands.
    ("قال المرصد أمس الأربعاء إن القصف تواصل. وقصفت الطائرات اليوم الجمعة مواقع التنظيم.",
     FRI, FRI),
    # No weekday beside أمس or اليوم: nothing tells, the stamp stands.
    ("قصفت الطائرات أمس مواقع التنظيم.", FRI, FRI),
    # More than three days off is no late stamp (a slip of the pen): the stamp stands.
    ("قال المرصد أمس الجمعة إن القصف تواصل.", WED, WED),
])
def test_the_day_an_article_was_written(text: str, pub: date, written: date) -> None:
    assert written_day(text, pub) == written


def test_yesterday_counts_from_the_day_written() -> None:
    text = "قال المرصد أمس الأربعاء إن الاشتباكات تواصلت. ودارت اشتباكات صباح أمس في الحي."
    written = written_day(text, FRI)
    assert resolve_date("ودارت اشتباكات صباح أمس في الحي.", published=FRI,
                        written=written) == _day(WED, 0)
    # "Today" dating only a statement is still judged against the stamp: the Monday the
    # ministry spoke on, in an article stamped Wednesday, is the act's announced day.
    assert resolve_date("قالت الوزارة اليوم الاثنين إن عمالا خطفوا قرب المصفاة",
                        published=WED, written=MON) == _day(MON, 0)


# --- Hijri dates ---------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "expected"), [
    # Day-first numerals with spaces round the slashes, as Saudi statements write them.
    ("تعرضت دورية لإطلاق نار بتاريخ 19 / 6 / 1436ه شرق المدينة", ("2015-04-08", "2015-04-08", 1)),
    ("هاجم انتحاري المسجد يوم الجمعة 4 / 8 / 1436هـ", ("2015-05-22", "2015-05-22", 1)),
    ("وقع التفجير في 1436/8/11 هـ قرب الحسينية", ("2015-05-29", "2015-05-29", 1)),
    ("انفجرت العبوة في 1 شوال 1436 هـ", ("2015-07-17", "2015-07-17", 1)),
    # A Hijri month with its year: that month's days.
    ("تصاعدت الهجمات خلال رمضان 1436", ("2015-06-17", "2015-07-16", 3)),
    # A Hijri day and month with no year: the latest such day on or before publication.
    ("هاجم مسلحون الحاجز في 27 رمضان", ("2015-07-13", "2015-07-13", 1)),
    # The Gregorian date given beside it is the exact one.
    ("انفجرت سيارة يوم 4 شعبان 1436 هـ الموافق 22 مايو 2015", ("2015-05-22", "2015-05-22", 1)),
])
def test_hijri_dates_resolve(sentence: str, expected: tuple[str, str, int]) -> None:
    got = resolve_date(sentence, published=date(2015, 7, 22))
    assert got == DateSpan(date.fromisoformat(expected[0]), date.fromisoformat(expected[1]),
                           expected[2])


def test_an_old_hijri_date_frames_the_sentence() -> None:
    """The weekday beside an old Hijri date is that date's, not last week's."""
    got = resolve_date("نقل المنتحر صباح يوم الجمعة 4 / 8 / 1436ه إلى المسجد",
                       published=date(2015, 7, 22))
    assert got == DateSpan(date(2015, 5, 22), date(2015, 5, 22), 1)


def test_a_hijri_year_alone_is_unresolved() -> None:
    (m,) = find_dates("تأسست الجماعة عام 1436 هـ", published=date(2015, 7, 22))
    assert m.span is None


# --- a week of a named month ----------------------------------------------------------

@pytest.mark.parametrize(("sentence", "pub", "expected"), [
    ("شن التنظيم في الأسبوع الأخير من حزيران هجوما على المدينة", date(2015, 7, 23),
     ("2015-06-24", "2015-06-30", 2)),
    ("هاجم المسلحون البلدة في الأسبوع الأول من يوليو", date(2015, 7, 23),
     ("2015-07-01", "2015-07-07", 2)),
    ("تكررت الغارات في الأسبوع الثاني من مارس 2016", date(2019, 3, 4),
     ("2016-03-08", "2016-03-14", 2)),
    # ``الأسبوع الأخير`` with no month is still the past week.
    ("تكررت الهجمات في الأسبوع الأخير على الحواجز", date(2015, 7, 23),
     ("2015-07-16", "2015-07-23", 2)),
])
def test_a_week_of_a_named_month(sentence: str, pub: date,
                                 expected: tuple[str, str, int]) -> None:
    got = resolve_date(sentence, published=pub)
    assert got == DateSpan(date.fromisoformat(expected[0]), date.fromisoformat(expected[1]),
                           expected[2])


LATE_STAMPED = ("قال المرصد السوري أمس الأربعاء إن الطيران الحربي قصف بلدة كفرنبل. "
                "ودارت اشتباكات عنيفة صباح أمس بين الفصائل المعارضة وقوات النظام في مدينة "
                "سراقب. وانفجرت عبوة ناسفة في مدينة معرة النعمان.")


def test_an_article_stamped_late_dates_its_bare_yesterday_from_the_day_written() -> None:
    """Through the whole extractor: the article's own ``أمس الأربعاء`` in a Friday stamp
    makes its bare ``صباح أمس`` Wednesday; the undated act keeps the stamp's news window
    when the article's lead tells no day (the lead here is a sentence before them)."""
    from extract_text import extract_text
    from rasd.clean.normalize import normalize_for_match

    text = "تصاعدت حدة المعارك في ريف إدلب خلال الأسابيع الأخيرة. " + LATE_STAMPED
    events = {normalize_for_match(e.location.name_ar): e for e in extract_text(text, FRI)
              if e.location is not None}
    clash = events["سراقب"]
    assert clash.date == _day(WED, 0)
    bomb = events["معره النعمان"]
    assert bomb.date == DateSpan(THU, FRI, 2)


def test_a_late_stamped_articles_lead_day_dates_its_undated_act() -> None:
    """A lead telling the Wednesday, two days before the Friday stamp: the undated act told
    after it is of the lead's day (``time/story``; dev snn-c69872c0989f, ``اليوم الاربعاء``
    in a Friday stamp, the undated strike coded Wednesday)."""
    from extract_text import extract_text
    from rasd.clean.normalize import normalize_for_match

    events = {normalize_for_match(e.location.name_ar): e
              for e in extract_text(LATE_STAMPED, FRI) if e.location is not None}
    assert events["سراقب"].date == _day(WED, 0)
    bomb = events["معره النعمان"]
    assert bomb.date == _day(WED, 0)
    assert bomb.rules["date"] == ("time/story",)


# --- a day still to come -------------------------------------------------------------

@pytest.mark.parametrize("weekday", range(7), ids=[d.strftime("%a") for d in WEEK])
@pytest.mark.parametrize("sentence", [
    "أعلن التحالف هدنة إنسانية لمدة أربعة أيام تبدأ منتصف ليلة الاثنين",
    "أعلن الجيش حظر التجول في المدينة يسري اعتبارا من الخميس",
    "قال الطرفان إن الهدنة تنتهي في 3 مارس",
])
def test_a_start_or_end_still_to_come_dates_no_act(sentence: str, weekday: int) -> None:
    """The announcement has no day of its own: the caller's news window, never the
    Monday or the 3 March before publication."""
    assert resolve_date(sentence, published=WEEK[weekday]) is None


@pytest.mark.parametrize("weekday", range(7), ids=[d.strftime("%a") for d in WEEK])
def test_a_start_in_the_past_tense_keeps_its_day(weekday: int) -> None:
    pub = WEEK[weekday]
    assert resolve_date("بدأ الهجوم على البلدة يوم الخميس", published=pub) == \
        _day(pub, THURSDAY_BACK[weekday])


def test_a_weekday_still_to_come_with_its_feminine_direction() -> None:
    (m,) = find_dates("يعقد الطرفان اجتماعا الجمعة المقبلة", published=TUE)
    assert m.span == _day(FRI, 0)


# --- an act told in a relative clause with its own day --------------------------------

@pytest.mark.parametrize(("text", "place", "expected", "rule"), [
    # The funeral's Wednesday is not the exchange of fire's Friday.
    ("استقبل أهالي مدينة صامطة صباح أمس الأربعاء جثمان الجندي الذي استشهد صباح يوم "
     "الجمعة الماضية بعد إصابته خلال تبادل لإطلاق النار بين القوات السعودية والمسلحين "
     "الحوثيين في منطقة نجران.", "نجران", date(2019, 3, 1), "time/clause"),
    ("شيع أهالي قرية الحصن أمس الأربعاء جثمان الشاب الذي قتل الجمعة الماضية في غارة جوية "
     "على بلدة كفرنبل.", "كفرنبل", date(2019, 3, 1), "time/clause"),
    # The clause tells no day: the sentence's.
    ("شيع أهالي قرية الحصن أمس الأربعاء جثمان الشاب الذي قتل في غارة جوية على بلدة كفرنبل.",
     "كفرنبل", date(2019, 3, 6), "time/sentence"),
    # The act before the pronoun: the clause after it is the act's own, read as before.
    ("أعلن التنظيم أمس الأربعاء مسؤوليته عن التفجير الذي وقع يوم الجمعة في مدينة نجران.",
     "نجران", date(2019, 3, 1), "time/sentence"),
])
def test_an_act_in_a_relative_clause_takes_the_clauses_day(text: str, place: str,
                                                           expected: date, rule: str) -> None:
    from extract_text import extract_text
    from rasd.clean.normalize import normalize_for_match

    events = [e for e in extract_text(text, THU) if e.location is not None
              and normalize_for_match(e.location.name_ar) == place]
    assert len(events) == 1
    assert events[0].date == _day(expected, 0)
    assert events[0].rules["date"] == (rule,)


# --- the day of a recalled act told in a relative clause ------------------------------

@pytest.mark.parametrize(("text", "place", "status", "expected"), [
    # Yesterday's attack on a checkpoint attacked before in May 2018: not background.
    ("قتل خمسة جنود أمس في هجوم على حاجز للجيش في مدينة العريش الذي سبق أن استهدف في "
     "3 مايو 2018.", "العريش", "current", (date(2019, 3, 6), date(2019, 3, 6), 1)),
    ("انفجرت سيارة مفخخة صباح اليوم في سوق مدينة الحلة الذي شهد تفجيرا مماثلا في 12 يناير "
     "2018.", "الحله", "current", (THU, THU, 1)),
    # The act's own clause right after its words keeps its old day: a recall.
    ("وكان الهجوم الانتحاري الذي وقع في 3 مايو 2018 قد استهدف حاجزا للجيش في مدينة العريش.",
     "العريش", "background", (date(2018, 5, 3), date(2018, 5, 3), 1)),
])
def test_a_recalled_acts_day_in_a_relative_clause_stays_there(
        text: str, place: str, status: str, expected: tuple[date, date, int]) -> None:
    from extract_text import extract_text
    from rasd.clean.normalize import normalize_for_match

    events = [e for e in extract_text(text, THU) if e.location is not None
              and normalize_for_match(e.location.name_ar) == place]
    assert len(events) == 1
    assert events[0].status == status
    assert events[0].date == DateSpan(*expected)


def test_the_act_in_the_clause_keeps_the_clauses_old_day() -> None:
    from extract_text import extract_text

    text = "قصفت الطائرات أمس بلدة كفرنبل التي سيطرت عليها الفصائل في يونيو 2015."
    got = {(e.sub_event_type, e.status, e.date) for e in extract_text(text, THU)}
    assert ("Air/drone strike", "current", _day(WED, 0)) in got
    assert ("Non-state actor overtakes territory", "background",
            DateSpan(date(2015, 6, 1), date(2015, 6, 30), 3)) in got
