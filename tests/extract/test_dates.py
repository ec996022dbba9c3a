"""Event dates from sentences (event-coding.md §5): resolution tables and spans."""

from __future__ import annotations

from datetime import date

import pytest

from rasd.extract.dates import DateMention, find_dates, news_window, resolve_date
from rasd.models import DateSpan

TUE = date(2018, 12, 4)  # a Tuesday: Mon 3, Sun 2, Sat 1, Fri Nov 30, Thu Nov 29

Expected = tuple[str, str, int] | None

# (sentence, publication date, expected (start, end, precision) or None)
CASES: list[tuple[str, date | None, Expected]] = [
    # relative days
    ("اندلعت اشتباكات عنيفة أمس في محيط البلدة", TUE, ("2018-12-03", "2018-12-03", 1)),
    ("وأمس، قصفت المدفعية أطراف القرية", TUE, ("2018-12-03", "2018-12-03", 1)),
    ("ويوم أمس، ذكرت مصادر محلية أن الهجوم فشل", TUE, ("2018-12-03", "2018-12-03", 1)),
    ("قصفت الطائرات اليوم مواقع المسلحين شمال المدينة", TUE, ("2018-12-04", "2018-12-04", 1)),
    ("قتل ثلاثة مدنيين الليلة الماضية بقصف مدفعي", TUE, ("2018-12-03", "2018-12-03", 1)),
    ("انفجرت عبوة ناسفة ليل أمس قرب الجسر", TUE, ("2018-12-03", "2018-12-03", 1)),
    ("داهمت دورية الحي مساء أمس واعتقلت شابين", TUE, ("2018-12-03", "2018-12-03", 1)),
    ("استهدفت غارة فجر اليوم سيارة على الطريق الدولي", TUE, ("2018-12-04", "2018-12-04", 1)),
    ("اندلع حريق صباح اليوم في مستودع للذخيرة", TUE, ("2018-12-04", "2018-12-04", 1)),
    ("وقعت الاشتباكات أول أمس على أطراف البلدة", TUE, ("2018-12-02", "2018-12-02", 1)),
    ("قالت المصادر إن البارحة شهدت هدوءا حذرا", TUE, ("2018-12-03", "2018-12-03", 1)),
    # "today" dating only the statement gives the act no day (the caller's news window);
    # today with no verb of speech before it is the act's
    ("قال المتحدث اليوم الثلاثاء إن قواته تقدمت", TUE, None),
    ("وقال بيان للقيادة اليوم: إن الطائرات قصفت مواقع التنظيم", TUE, None),
    ("ندد الاتحاد الأوروبي اليوم بالهجوم الذي أودى بحياة طفل", TUE, None),
    ("تقدمت القوات اليوم الثلاثاء نحو البلدة، بحسب المتحدث", TUE,
     ("2018-12-04", "2018-12-04", 1)),
    # an earlier day dating the statement is kept (the announcement day)
    ("وقال بيان للقيادة أمس: إن الطائرات قصفت مواقع التنظيم", TUE,
     ("2018-12-03", "2018-12-03", 1)),
    # weekdays
    ("تجددت المعارك الثلاثاء على أطراف المدينة", TUE, ("2018-12-04", "2018-12-04", 1)),
    ("هاجم مسلحون حاجزا للشرطة يوم الخميس", TUE, ("2018-11-29", "2018-11-29", 1)),
    ("شنت الوحدات هجوما آخر الاثنين من محور القرية", TUE, ("2018-12-03", "2018-12-03", 1)),
    ("سيطرت القوات على القرية يوم الخميس الماضي", TUE, ("2018-11-29", "2018-11-29", 1)),
    ("بدأ الهجوم يوم الثلاثاء الماضي بقصف جوي مكثف", TUE, ("2018-11-27", "2018-11-27", 1)),
    ("أغارت الطائرات مساء السبت على مواقع التنظيم", TUE, ("2018-12-01", "2018-12-01", 1)),
    ("سيعقد الطرفان اجتماعا يوم الخميس المقبل", TUE, None),
    # explicit dates
    ("أعلنت القوات في 3 نوفمبر/تشرين الثاني 2017 سيطرتها على المدينة", TUE,
     ("2017-11-03", "2017-11-03", 1)),
    ("فرضت القوات، الجمعة 3 نوفمبر/تشرين الثاني 2017، سيطرتها على المدينة", None,
     ("2017-11-03", "2017-11-03", 1)),
    ("سيطرت القوات على المدينة في 3 تشرين الثاني/نوفمبر", TUE, ("2018-11-03", "2018-11-03", 1)),
    ("أعلن الجيش استعادة البلدة في 10 تموز 2017", None, ("2017-07-10", "2017-07-10", 1)),
    ("جرى التفجير في ٢٥ آذار ٢٠١٩ قرب السوق", None, ("2019-03-25", "2019-03-25", 1)),
    ("وقع الهجوم بتاريخ 2017/11/3 على الطريق", None, ("2017-11-03", "2017-11-03", 1)),
    ("وقع الهجوم بتاريخ 3-11-2017 على الطريق", None, ("2017-11-03", "2017-11-03", 1)),
    ("سجلت الحادثة في ١٥/٠٦/٢٠١٦ شرق المدينة", None, ("2016-06-15", "2016-06-15", 1)),
    ("اغتيل القيادي في 20 ديسمبر أمام منزله", TUE, ("2017-12-20", "2017-12-20", 1)),
    ("سقطت القذائف في الخامس من أيار على الحي", TUE, ("2018-05-05", "2018-05-05", 1)),
    ("جرت المعركة في الثالث والعشرين من نيسان 2017", None, ("2017-04-23", "2017-04-23", 1)),
    ("اقتحمت القوات البلدة في 12 فيفري 2016", None, ("2016-02-12", "2016-02-12", 1)),
    ("انسحب المسلحون في 1 كانون الثاني 2019 من المعبر", None, ("2019-01-01", "2019-01-01", 1)),
    ("قصفت المدفعية القرية في 3 مارس", date(2018, 3, 3), ("2018-03-03", "2018-03-03", 1)),
    ("قصفت المدفعية القرية في 4 مارس", date(2018, 3, 3), ("2017-03-04", "2017-03-04", 1)),
    ("قتل شرطي في العاشر من الشهر الجاري", date(2018, 12, 15), ("2018-12-10", "2018-12-10", 1)),
    ("يوم 15 رمضان 1440 هـ الموافق 20 مايو 2019 انفجرت سيارة", None,
     ("2019-05-20", "2019-05-20", 1)),
    # months
    ("في أكتوبر 2016 أطلقت القوات هجوما لاستعادة المدينة", TUE, ("2016-10-01", "2016-10-31", 3)),
    ("أطلقت القوات في سبتمبر/أيلول عملية عسكرية واسعة", TUE, ("2018-09-01", "2018-09-30", 3)),
    ("وفي سبتمبر/أيلول الماضي فكت القوات الحصار", date(2018, 9, 20),
     ("2017-09-01", "2017-09-30", 3)),
    ("تصاعدت الهجمات في ديسمبر", TUE, ("2018-12-01", "2018-12-31", 3)),
    ("اشتدت المعارك في مايو", date(2018, 3, 10), ("2017-05-01", "2017-05-31", 3)),
    ("انشق القائد عن الفصيل في جانفي 2015", None, ("2015-01-01", "2015-01-31", 3)),
    ("تقدمت القوات أواخر شهر آب الماضي", TUE, ("2018-08-01", "2018-08-31", 3)),
    ("أنشئت القاعدة الشهر الماضي شمال المنطقة", TUE, ("2018-11-01", "2018-11-30", 3)),
    # spans of days
    ("تقدم المسلحون على أطرافها خلال الأيام الثلاثة الماضية", TUE, ("2018-12-01", "2018-12-04", 2)),
    ("تكررت الهجمات الأسبوع الماضي على الحواجز", TUE, ("2018-11-27", "2018-12-04", 2)),
    ("تدور المعارك منذ يومين في محيط السد", TUE, ("2018-12-02", "2018-12-04", 2)),
    ("قتل خمسة عناصر خلال الساعات الـ24 الماضية", TUE, ("2018-12-03", "2018-12-04", 2)),
    ("تواصل القصف خلال اليومين الماضيين", TUE, ("2018-12-02", "2018-12-04", 2)),
    ("سيطرت الفصائل على التلة خلال الأسبوعين الماضيين", TUE, ("2018-11-20", "2018-12-04", 2)),
    ("انفجرت سيارة مفخخة قبل ثلاثة أيام في السوق", TUE, ("2018-12-01", "2018-12-01", 1)),
    # no date, or one that cannot be resolved
    ("سيطر التنظيم على المدينة عام 2014", TUE, None),
    ("سيطر التنظيم على المدينة منذ صيف عام 2014", TUE, None),
    ("اندلعت اشتباكات عنيفة أمس في محيط البلدة", None, None),
    ("تجددت المعارك الثلاثاء على أطراف المدينة", None, None),
    ("سيطرت القوات على المدينة في 3 تشرين الثاني", None, None),
    ("في اليوم التالي انسحب المقاتلون من القرية", TUE, None),
    ("وقع كلا الاثنين في الأسر", TUE, None),
    ("نعى الفصيل المقاتلين الاثنين في بيان مقتضب", TUE, None),
    ("تعرضت القرية لقصف متقطع منذ ساعات الصباح", TUE, ("2018-12-04", "2018-12-04", 1)),
    ("اندلعت الاشتباكات الاثنين في المدينة", TUE, ("2018-12-03", "2018-12-03", 1)),
    ("وقع الانفجار في 31 فبراير 2018 بحسب البيان", TUE, None),
    ("تتواصل المعارك في محيط المدينة منذ أيام", TUE, None),
    ("يسيطر التنظيم على خمس بلدات في المنطقة", TUE, None),
    ("قتل 7 أشخاص في 3 غارات على البلدة", TUE, None),
    # brackets, space-separated month pairs, Hijri numerals, the current month
    ("قصفت الطائرات المعبر في 31 يناير (كانون الثاني) 2013", None, ("2013-01-31", "2013-01-31", 1)),
    ("أعلنت الهدنة في 3 كانون الثاني يناير 2019", None, ("2019-01-03", "2019-01-03", 1)),
    # Hijri numerals resolve through the tabular calendar (an old one frames the sentence)
    ("وقعت الحادثة في 6-6-1436هـ في القرية", TUE, ("2015-03-26", "2015-03-26", 1)),
    ("استشهد الجنود يوم الخميس 1436/10/15هـ", None, ("2015-07-31", "2015-07-31", 1)),
    ("تبدأ الزيارة في سبتمبر (أيلول) المقبل", TUE, None),
    ("تتواصل المعارك منذ يوم الجمعة في محيط البلدة", TUE, ("2018-11-30", "2018-11-30", 1)),
    # ranges of days
    ("دارت المعارك بين 3 و5 نوفمبر/تشرين الثاني 2017 في المدينة", None,
     ("2017-11-03", "2017-11-05", 2)),
    ("تواصل القصف من 10 إلى 12 أيلول على القرى", TUE, ("2018-09-10", "2018-09-12", 2)),
    ("اشتدت الاشتباكات يومي الأحد والاثنين على الجبهة", TUE, ("2018-12-02", "2018-12-03", 2)),
    # a named weekday wins over a relative word that disagrees with it
    ("قال المتحدث اليوم (الاثنين) إن القصف توقف", date(2015, 7, 24),
     ("2015-07-20", "2015-07-20", 1)),
    ("وقع الانفجار أمس الأحد قرب السوق", TUE, ("2018-12-02", "2018-12-02", 1)),
    ("وقع الانفجار أمس الاثنين قرب السوق", TUE, ("2018-12-03", "2018-12-03", 1)),
    # an explicit older date makes weekdays in the sentence background
    ("وبث التنظيم في يوليو/تموز 2014 تسجيلا لزعيمه في خطبة الجمعة", TUE,
     ("2014-07-01", "2014-07-31", 3)),
    # several cues: the most specific wins; a day other than today beats today
    ("أعلن الجيش اليوم أن قواته سيطرت على البلدة أمس", TUE, ("2018-12-03", "2018-12-03", 1)),
    ("وكانت القوات أطلقت في سبتمبر عملية انتهت يوم الخميس", TUE,
     ("2018-11-29", "2018-11-29", 1)),
    ("تتواصل الاشتباكات منذ يومين وسقط أمس ثلاثة قتلى", TUE, ("2018-12-03", "2018-12-03", 1)),
    # a span before another event is not back from publication: the weekday of the
    # sentence dates it (issue 14, date8)
    ("هاجم المسلحون المعسكر يوم الأحد قبل ساعات من بدء سريان الهدنة", TUE,
     ("2018-12-02", "2018-12-02", 1)),
    ("اعتقلت الشرطة المشتبه بهم قبل يوم واحد من الاحتفال", TUE, None),
    ("أغارت الطائرات على القرية قبل يومين على موعد الانتخابات", TUE, None),
    ("أغارت الطائرات على القرية قبل يومين", TUE, ("2018-12-02", "2018-12-02", 1)),
    # the dateline of the outlet "عين اليوم" is no today
    ("عين اليوم – بيروت", TUE, None),
]


@pytest.mark.parametrize(("sentence", "published", "expected"), CASES)
def test_resolve_date(sentence: str, published: date | None, expected: Expected) -> None:
    got = resolve_date(sentence, published=published)
    if expected is None:
        assert got is None
    else:
        assert got == DateSpan(date.fromisoformat(expected[0]), date.fromisoformat(expected[1]),
                               expected[2])


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize(("sentence", "_published", "_expected"), CASES)
def test_mention_spans_point_into_text(sentence: str, _published: date | None,
                                       _expected: Expected) -> None:
    for m in find_dates(sentence, published=TUE):
        assert sentence[m.start : m.end] == m.surface
        assert m.surface == m.surface.strip()


def test_find_dates_surfaces() -> None:
    text = "وأفادت مصادر بأن القوات شنت هجوما يوم الخميس الماضي، وفي أكتوبر 2016 حاصرت المدينة"
    got = [(m.surface, m.span) for m in find_dates(text, published=TUE)]
    assert got == [
        ("يوم الخميس الماضي", DateSpan(date(2018, 11, 29), date(2018, 11, 29), 1)),
        ("في أكتوبر 2016", DateSpan(date(2016, 10, 1), date(2016, 10, 31), 3)),
    ]


def test_glued_conjunction_is_not_in_the_surface() -> None:
    (m,) = find_dates("وأمس قصفت المدفعية القرية", published=TUE)
    assert m.surface == "أمس"
    assert m.start == 1


def test_diacritics_and_tatweel_keep_offsets() -> None:
    text = "قُتِلَ جنديٌّ أمـسِ في الهجوم"
    (m,) = find_dates(text, published=TUE)
    assert m.surface == "أمـسِ"
    assert m.span == DateSpan(date(2018, 12, 3), date(2018, 12, 3), 1)


def test_unresolvable_expressions_are_found_with_no_span() -> None:
    mentions = find_dates("هاجم المسلحون القرية الثلاثاء وسيطروا عليها عام 2014", published=None)
    assert [m.surface for m in mentions] == ["الثلاثاء", "عام 2014"]
    assert all(m.span is None for m in mentions)


def test_hijri_date_is_not_misread() -> None:
    # One mention, the Hijri date (its numbers are no Gregorian day or year), resolved.
    mentions = find_dates("في 3 رمضان 1439 هـ هاجم التنظيم القرية", published=TUE)
    assert len(mentions) == 1
    span = resolve_date("في 3 رمضان 1439 هـ هاجم التنظيم القرية", published=TUE)
    assert mentions[0].span == span
    # Umm al-Qura has 3 Ramadan 1439 on 19 May 2018; the tabular calendar is within two days.
    assert span is not None and span.precision == 1
    assert abs((span.start - date(2018, 5, 19)).days) <= 2


def test_future_dates_are_found_but_never_date_an_event() -> None:
    (m,) = find_dates("ستبدأ المفاوضات غدا في العاصمة", published=TUE)
    assert m.span == DateSpan(date(2018, 12, 5), date(2018, 12, 5), 1)
    assert resolve_date("ستبدأ المفاوضات غدا في العاصمة", published=TUE) is None


def test_weekday_on_publication_day_with_past_is_a_week_back() -> None:
    got = resolve_date("انفجرت العبوة الثلاثاء الماضي", published=TUE)
    assert got == DateSpan(date(2018, 11, 27), date(2018, 11, 27), 1)


def test_day_of_the_current_month_keeps_its_year_even_ahead() -> None:
    (m,) = find_dates("يبدأ المؤتمر في 15 ديسمبر الجاري", published=TUE)
    assert m.span == DateSpan(date(2018, 12, 15), date(2018, 12, 15), 1)


def test_closing_bracket_without_opener_is_not_in_the_surface() -> None:
    (m,) = find_dates("(المصدر: بيان 4 أيار/مايو) صدر أمس", published=None)[:1]
    assert m.surface == "4 أيار/مايو"


def test_news_window() -> None:
    assert news_window(TUE) == DateSpan(date(2018, 12, 3), date(2018, 12, 4), 2)
    assert news_window(None) is None


def test_past_24_hours_is_the_news_window() -> None:
    assert resolve_date("خلال الـ24 ساعة الماضية قتل جندي", published=TUE) == news_window(TUE)


def test_date_mention_is_frozen() -> None:
    m = DateMention(0, 3, "أمس", None)
    with pytest.raises(AttributeError):
        m.start = 1  # type: ignore[misc]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A day and month after a place word name the place, not a day.
        ("اشتعلت النيران في مبان بشارع 15 نوفمبر وسط المدينة", None),
        ("سيطر المسلحون على قصر 30 نوفمبر في المدينة", None),
        ("خرج طلاب جامعة 6 أكتوبر في مسيرة", None),
        ("وقعت الاشتباكات قرب ميدان 25 نوفمبر", None),
        # So do events and movements named after their day.
        ("اعتقل المسلحون ناشطا من شباب ثورة 20 نوفمبر 2011 في السوق", None),
        ("قتل القيادي الذي علم مسبقا بهجمات 11 سبتمبر عام 2001 في غارة يوم 1 ديسمبر",
         ("2018-12-01", "2018-12-01", 1)),
        # The sentence's own date still dates it.
        ("سيطر المسلحون على قصر 30 نوفمبر في المدينة يوم 2 ديسمبر",
         ("2018-12-02", "2018-12-02", 1)),
        ("اشتعلت النيران في شارع 15 نوفمبر أمس", ("2018-12-03", "2018-12-03", 1)),
        # Without a place word, or with a preposition, the same words are a date.
        ("وقعت الاشتباكات في 25 نوفمبر قرب الميدان", ("2018-11-25", "2018-11-25", 1)),
        ("قصفت الطائرات المدينة يوم 15 نوفمبر", ("2018-11-15", "2018-11-15", 1)),
    ],
)
def test_a_place_named_after_a_date_does_not_date_the_sentence(
        sentence: str, expected: Expected) -> None:
    got = resolve_date(sentence, published=TUE)
    assert (None if got is None else
            (got.start.isoformat(), got.end.isoformat(), got.precision)) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A day right after a verb or noun of speech dates the statement: the act's own
        # day wins.
        ("قالت الوزارة في بيان أمس إن القيادي قتل في غارة يوم الجمعة",
         ("2018-11-30", "2018-11-30", 1)),
        ("أعلن أمس الاثنين متحدث عسكري أن الطائرات أغرقت يوم الأحد زورقا",
         ("2018-12-02", "2018-12-02", 1)),
        ("أفاد مصدر أمني اليوم الثلاثاء بأن المسلحين هاجموا الحاجز في الأول من ديسمبر",
         ("2018-12-01", "2018-12-01", 1)),
        # A day after the complementiser belongs to the reported act: the first one told
        # still wins.
        ("قال المرصد إن الطائرات قصفت أمس البلدة بعد معارك يوم الأحد",
         ("2018-12-03", "2018-12-03", 1)),
        # A statement's day with no other day in the sentence still dates it.
        ("أعلن الجيش أمس مقتل خمسة مسلحين في المدينة", ("2018-12-03", "2018-12-03", 1)),
    ],
)
def test_the_day_of_a_statement_yields_to_the_day_of_the_act(
        sentence: str, expected: Expected) -> None:
    got = resolve_date(sentence, published=TUE)
    assert got is not None
    assert (got.start.isoformat(), got.end.isoformat(), got.precision) == expected
