"""Tolls and dates that real news tells apart from the event before them (issue 14, sixth
session, helper tolls14g).

Composed sentences for: dead counted over scattered places (a tally of the day, not more
dead of the last event); dead of an act of a kind no event told so far is (that act's,
not the last event's); a fight told after a take-over (still the take-over's dead);
dead counted "since then" (a period); "a number of the dead" with no figure (3);
killed and wounded sorted with a glued ``مابين`` (0); the day a claim is made against
the day of the act it claims; and the day a lead tells passed to the one act inside
its province that a detail sentence places.
"""

from __future__ import annotations

from datetime import date

import pytest

from extract_text import extract_text
from rasd.clean.normalize import normalize_for_match
from rasd.clean.sentences import split_sentences
from rasd.extract.dates import resolve_date
from rasd.extract.fatalities import sentence_fatalities
from rasd.models import Event

PUB = date(2019, 1, 16)  # a Wednesday


def _events(text: str) -> dict[str, Event]:
    return {normalize_for_match(e.location.name_ar): e for e in extract_text(text, PUB)
            if e.location is not None}


def _toll(ev: Event) -> int | None:
    return ev.fatalities.best if ev.fatalities is not None else None


@pytest.mark.parametrize(("text", "place", "expected"), [
    # Dead counted over scattered places: a tally of several acts, not more of the last.
    ("قتل 20 مسلحا في هجوم شنته القوات الحكومية على بلدة هجين أمس. وقالت مصادر طبية إن "
     "سبعة من المقاتلين قتلوا في مناطق متفرقة من المحافظة.", "هجين", 20),
    ("اندلعت اشتباكات عنيفة بين الجيش والمسلحين في مدينة الرمادي أمس. وأكد مصدر أن "
     "العشرات من المسلحين لقوا مصرعهم في حوادث متفرقة.", "الرمادي", 0),
    # Without the scattered places, the same dead go on the clash told before.
    ("اندلعت اشتباكات عنيفة بين الجيش والمسلحين في مدينة الرمادي أمس. وأكد مصدر أن "
     "العشرات من المسلحين لقوا مصرعهم.", "الرمادي", 12),
    # An act of its own, of a kind no event told so far is: its dead are not the strike's.
    ("شن طيران التحالف غارات على مواقع المسلحين في مدينة الرمادي أمس أسفرت عن مقتل عشرة "
     "منهم. كما لقي خمسة أشخاص مصرعهم إثر انفجار عبوة ناسفة أمام مركز للشرطة.",
     "الرمادي", 10),
    # An act of the same kind by another attacker (the strike's target hitting back):
    # its dead are not the strike's.
    ("شن طيران التحالف غارات على مواقع الحوثيين في مدينة الحديدة أمس أسفرت عن مقتل عشرة "
     "منهم. وقصف الحوثيون بعنف أحياء سكنية عدة ما أسفر عن سقوط قتلى.",
     "الحديده", 10),
    # Dead of the attacker's own side (its allies) are not a strike's dead; the
    # struck side's are.
    ("شنت طائرات التحالف غارات على مواقع قرب مدينة الحديدة أمس. وقال السكان إن 20 "
     "حوثيا و8 من عناصر المقاومة الشعبية سقطوا قتلى.", "الحديده", 0),
    ("شنت طائرات التحالف غارات على مواقع قرب مدينة الحديدة أمس. وقال السكان إن 20 "
     "حوثيا سقطوا قتلى.", "الحديده", 20),
    # A fight told after a take-over is the take-over's: its dead stay on it.
    ("سيطرت القوات الحكومية على بلدة هجين أمس. وقتل خلال المواجهات 12 مسلحا من التنظيم.",
     "هجين", 12),
    # Dead counted since the act told are a period's, not that act's.
    ("أطلق مسلحون النار على حاجز للشرطة في مدينة الرمادي أمس ما أدى إلى مقتل شرطي. ومنذ "
     "ذلك الحين، قتل 11 عنصرا من قوات الأمن.", "الرمادي", 1),
    # The act named again by a definite noun, its dead counted by another source: the
    # same dead, the first figure stands; ``أيضا`` and ``آخرين`` add more.
    ("قتل 16 مسلحا في هجوم نفذته قوات المعارضة على تجمع لهم في مدينة إدلب أمس. وقال "
     "المكتب الإعلامي للمعارضة إن الهجوم أسفر عن مقتل مسلحين اثنين.", "ادلب", 16),
    ("قتل 16 مسلحا في هجوم نفذته قوات المعارضة على تجمع لهم في مدينة إدلب أمس. وقال "
     "المكتب الإعلامي للمعارضة إن الهجوم أسفر أيضا عن مقتل اثنين من الحراس.", "ادلب", 18),
    ("قتل 16 مسلحا في هجوم نفذته قوات المعارضة على تجمع لهم في مدينة إدلب أمس. وقال "
     "المكتب الإعلامي للمعارضة إن الهجوم أسفر عن مقتل اثنين آخرين.", "ادلب", 18),
])
def test_whose_dead(text: str, place: str, expected: int) -> None:
    events = _events(text)
    assert _toll(events[normalize_for_match(place)]) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # Some of the dead, no number: ACLED's 3, with or without the wounded after them.
    ("قصفت القوات القرية ما أسفر عن وقوع عدد من القتلى والجرحى", 3),
    ("أسفر الهجوم عن سقوط العديد من القتلى", 3),
    # A number for killed and wounded together is still no count of the dead.
    ("أسفر الهجوم عن سقوط العشرات من القتلى والجرحى", 0),
    # ``ما بين`` glued or not: the dozens are sorted into killed and wounded.
    ("وأشاروا إلى سقوط العشرات من المسلحين مابين قتيل وجريح", 0),
    ("وأشاروا إلى سقوط العشرات من المسلحين ما بين قتيل وجريح", 0),
    # One figure of one noun told twice (a subtitle glued to its paragraph) is one toll;
    # ``آخرين`` and a coordinated count of another noun add.
    ("مقتل 40 مدنيا في قصف على المدينة وقتل 40 مدنيا على الأقل وأصيب مئة آخرون", 40),
    ("مقتل 3 جنود و3 جنود آخرين في الهجوم", 6),
    ("مقتل 3 جنود و3 مدنيين في الهجوم", 6),
    # The definite noun alone names dead already known.
    ("وشيع الأهالي القتلى في المقبرة", None),
])
def test_unnumbered_counts(text: str, expected: int | None) -> None:
    got = sentence_fatalities(text)
    assert (got.best if got is not None else None) == expected


def test_a_claim_dates_the_claim_not_the_act() -> None:
    # The act's own day (the day before yesterday) beats the day of the claim.
    text = ("تبنت الجماعة المسلحة المتشددة أمس الهجوم بالسيارة المفخخة الذي أوقع "
            "أول من أمس قتيلين قرب القافلة")
    span = resolve_date(text, published=PUB)
    assert span is not None and span.start == date(2019, 1, 14)
    # A claim with no other day still gives its own.
    span = resolve_date("تبنى الحزب أمس الهجوم على القافلة", published=PUB)
    assert span is not None and span.start == date(2019, 1, 15)


@pytest.mark.parametrize(("text", "expected"), [
    # "today" quoted from a statement of Monday is Monday, the speaker's day...
    ('وقال مساء الاثنين إن "الاشتباكات العنيفة مستمرة منذ صباح اليوم في المدينة"',
     date(2019, 1, 14)),
    ("وقال المتحدث الأحد إن «القصف على القرية وقع أمس»", date(2019, 1, 12)),
    # ... but in the writer's own words it counts from publication.
    ("وقال مساء الاثنين إن الاشتباكات العنيفة مستمرة منذ صباح اليوم في المدينة",
     date(2019, 1, 16)),
    ("وأكد المجلس في بيان بثه أمس أن المسلحين قصفوا أمس منطقة السد", date(2019, 1, 15)),
])
def test_a_quoted_today_is_the_speakers(text: str, expected: date) -> None:
    span = resolve_date(text, published=PUB)
    assert span is not None and span.start == expected


def test_the_lead_dates_the_act_a_detail_places() -> None:
    # The lead tells the day at the province; the detail places the act in a town of it.
    text = ("أعلنت مصادر رسمية مقتل جنديين مساء الاثنين في انفجار سيارة مفخخة استهدف قافلة "
            "عسكرية في محافظة ديار بكر. وذكرت قيادة الجيش أن سيارة مفخخة انفجرت عند "
            "وصول القافلة على طريق في منطقة ليجه.")
    events = [e for e in extract_text(text, PUB)
              if e.event_type == "Explosions/Remote violence"]
    assert len(events) == 1
    assert events[0].date is not None and events[0].date.start == date(2019, 1, 14)


@pytest.mark.parametrize(("text", "expected"), [
    # A scraper's slash after the stop, and a space before it, still end the sentence.
    ("قتل خمسة في مدينة بعقوبة./وقالت المصادر إن عبوة انفجرت",
     ["قتل خمسة في مدينة بعقوبة./", "وقالت المصادر إن عبوة انفجرت"]),
    ("قتل عشرة في حوادث غربي العراق .وأفاد مصدر أمني",
     ["قتل عشرة في حوادث غربي العراق .", "وأفاد مصدر أمني"]),
    # Not a web address, a number or an abbreviation.
    ("زار موقع example.com/ar اليوم", ["زار موقع example.com/ar اليوم"]),
    ("قال د.ناصر إن 3.5 مليون نزحوا", ["قال د.ناصر إن 3.5 مليون نزحوا"]),
    ("قال د .ناصر إن", ["قال د .ناصر إن"]),
])
def test_scraped_stops(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text, doc_id="t")] == expected
