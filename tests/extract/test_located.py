"""One incident told by its town and then by the place the next sentence locates by that
town, with one toll, is one event at that place (rasd.extract.located, used by
rasd.extract.fold.coalesce; issue 14, split14h). A retold bombardment noun (``القصف``)
joins the air strike just told at its place.

The sentences are composed for these tests.
"""

from __future__ import annotations

from datetime import date

from extract_text import current_acts

PUBLISHED = date(2015, 7, 23)


def _events(text: str) -> list[tuple[str, str, int]]:
    return current_acts(text, PUBLISHED)


LEAD = "أفادت مصادر محلية بمقتل تسعة حوثيين خلال مواجهات مع رجال المقاومة الشعبية في مأرب."


def test_detail_located_by_the_lead_town_with_one_toll_is_one_event() -> None:
    detail = ("وقالت المصادر إن المواجهات اندلعت بين المقاومة الشعبية والحوثيين في منطقة "
              "الجفينة جنوب غرب مأرب، وأسفرت عن مقتل تسعة حوثيين.")
    assert _events(f"{LEAD} {detail}") == [("Armed clash", "الجفينة", 9)]


def test_another_toll_is_another_incident() -> None:
    detail = ("وقالت المصادر إن المواجهات اندلعت بين المقاومة الشعبية والحوثيين في منطقة "
              "الجفينة جنوب غرب مأرب، وأسفرت عن مقتل ثلاثة حوثيين.")
    assert len(_events(f"{LEAD} {detail}")) == 2


def test_a_place_not_located_by_the_lead_town_is_another_incident() -> None:
    detail = ("وقالت المصادر إن المواجهات اندلعت بين المقاومة الشعبية والحوثيين في منطقة "
              "الجفينة ما أسفر عن مقتل تسعة حوثيين.")
    assert len(_events(f"{LEAD} {detail}")) == 2


def test_retold_bombardment_joins_the_air_strike() -> None:
    text = ("قصف طيران التحالف أمس منزل قائد عسكري حوثي في مدينة عتق. "
            "وقالت مصادر محلية إن القصف أدى إلى مقتل عدد من الحوثيين في عتق.")
    assert [sub for sub, _, _ in _events(text)] == ["Air/drone strike"]
