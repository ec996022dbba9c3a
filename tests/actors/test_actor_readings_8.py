"""Dictionary readings behind paired events' actors on five development sets (issue 14,
helper actors8).

Sentences composed for these tests: a participle after a descriptor is no nationality
(``الحرس الجمهوري الموالي``); the Houthis' adjective alone names them; ``لجان المقاومة
الشعبية`` is Yemen's Popular Resistance in Yemen and the Palestinian committees in Gaza;
border guards and national guards are their country's forces; a country named as the
ground fire came from says nothing of the sentence's own; and which ally leads when two
are told as one side (``actor_leads.tsv``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rasd.actors.data import ActorDataError, read_leads
from rasd.actors.resolve import resolve_document
from rasd.actors.sides import load_sides

JULY_2015 = date(2015, 7, 25)


def _found(text: str, country: str | None = None) -> list[tuple[str, str]]:
    return [(m.surface, m.actor.id)
            for m in resolve_document(text, fallback_country=country, on=JULY_2015)]


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        # A participle (loyal, current, second) is no country's adjective.
        ("سقط عدد من عناصر الحرس الجمهوري الموالي للرئيس السابق في كمين قرب لحج",
         "YE", ("الحرس الجمهوري", "saleh-forces")),
        ("وتقدمت قوات الجيش الحالي نحو المدينة", "YE", ("قوات الجيش", "mil-ye")),
        # The Houthis' adjective alone.
        ("ضبطت المقاومة قيادات حوثية في أحد الأحياء", "YE", ("حوثية", "houthis")),
        ("سقطت قذائف أطلقتها الميليشيا الحوثية على الحي", "YE",
         ("الميليشيا الحوثية", "houthis")),
        # Rebel militias are the country's rebels: the Houthis in Yemen.
        ("تصدت المقاومة لهجوم شنته الميليشيات المتمردة على الجبهة", "YE",
         ("الميليشيات المتمردة", "houthis")),
        # Border guards and national guards: their country's forces.
        ("أصيب ثلاثة من رجال حرس الحدود في منطقة جازان", "SA",
         ("رجال حرس الحدود", "mil-sa")),
        ("نفذت وحدات الحرس الوطني عملية في ولاية القصرين", "TN",
         ("وحدات الحرس الوطني", "pol-tn")),
        ("انتشرت قوات الحرس الوطني حول المنشأة النفطية", "SA",
         ("قوات الحرس الوطني", "mil-sa")),
    ],
)
def test_a_phrase_names_its_actor(text: str, country: str,
                                  expected: tuple[str, str]) -> None:
    assert expected in _found(text, country)


def test_the_popular_resistance_committees_are_yemens_resistance_in_yemen() -> None:
    yemen = _found("دارت مواجهات بين الحوثيين ومقاتلي لجان المقاومة الشعبية في تعز", "YE")
    assert ("مقاتلي لجان المقاومة الشعبية", "popres-ye") in yemen
    gaza = _found("أطلقت لجان المقاومة الشعبية صاروخا من قطاع غزة", "PS")
    assert ("لجان المقاومة الشعبية", "prc") in gaza


def test_the_ground_fire_came_from_is_not_the_sentences_country() -> None:
    # The land forces are those of the country hit, not of the one fire came from.
    text = ("تعرض مركز حدودي في منطقة نجران لقذائف من داخل الأراضي اليمنية، وتعاملت "
            "القوات البرية مع مصادر النيران بالأراضي اليمنية.")
    found = dict((s, a) for s, a in _found(text, "SA"))
    assert found.get("القوات البرية") == "mil-sa"


def test_the_resistance_leads_yemens_army_in_the_2015_war() -> None:
    sides = load_sides()
    assert sides.leads("mil-ye", "popres-ye", on=JULY_2015)
    assert not sides.leads("popres-ye", "mil-ye", on=JULY_2015)
    assert not sides.leads("mil-ye", "popres-ye", on=date(2019, 1, 1))


def test_a_leads_row_names_known_actors(tmp_path: Path) -> None:
    bad = tmp_path / "leads.tsv"
    bad.write_text("follower\tleader\nmil-ye\tno-such-group\n", encoding="utf-8")
    with pytest.raises(ActorDataError, match="line 2"):
        read_leads(bad, known=frozenset({"mil-ye", "popres-ye"}))
    same = tmp_path / "same.tsv"
    same.write_text("follower\tleader\nmil-ye\tmil-ye\n", encoding="utf-8")
    with pytest.raises(ActorDataError, match="two actor ids"):
        read_leads(same, known=frozenset({"mil-ye"}))
