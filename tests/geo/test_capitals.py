"""Admin units coded at a capital of another name, and a quarter of the city the
text names read as no far namesake village (issue 14, place14e).

Sentences composed for these tests; places from the packaged gazetteer and the
curated ``data/admin_capitals.tsv``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from geo_mentions import named
from rasd.errors import GazetteerError
from rasd.geo.capitals import (
    CAPITALS_PATH,
    country_capitals,
    default_capitals,
    read_capitals,
    read_country_capitals,
)
from rasd.geo.gazetteer import distance_km, load_gazetteer
from rasd.geo.geocoder import Geocoder
from rasd.geo.text import fold


# A governorate known only by its own name is coded at its capital, precision 3,
# whether its capital bears its name (صعدة) or another (شبوة -> Ataq).
@pytest.mark.parametrize("text,surface,capital", [
    ("شنت مقاتلات التحالف غارات على مواقع للمسلحين في محافظة شبوة", "شبوة", "Ataq"),
    ("قتل ثلاثة جنود في هجوم مسلح في محافظة الأنبار", "الأنبار", "Ramadi"),
    ("انفجرت عبوة ناسفة على طريق زراعي في محافظة ديالى", "ديالى", "Baqubah"),
    ("دارت اشتباكات بين الطرفين في محافظة أبين", "أبين", "Zinjib"),
    ("قصفت الطائرات مخازن سلاح في محافظة صلاح الدين", "صلاح الدين", "Tik"),
    ("استهدفت غارات مواقع المتمردين في محافظة صعدة", "صعدة", "Sa'dah"),
])
def test_governorate_is_coded_at_its_capital(geo: Geocoder, text: str, surface: str,
                                            capital: str) -> None:
    m = named(geo.find(text), surface)
    assert m.place.kind == "populated place"
    assert m.place.name.startswith(capital), m.place.name
    assert m.precision == 3


# The town itself, named, stays precision 1: the capital file changes where a unit
# is coded, not how a town is read.
@pytest.mark.parametrize("text,surface,name", [
    ("سقطت قذائف على وسط مدينة الرمادي صباح اليوم", "الرمادي", "Ramadi"),
    ("فجر انتحاري نفسه في سوق مدينة بعقوبة", "بعقوبة", "Baqubah"),
])
def test_the_capital_named_is_the_town(geo: Geocoder, text: str, surface: str,
                                       name: str) -> None:
    m = named(geo.find(text), surface)
    assert m.place.name == name
    assert m.precision == 1


def test_capitals_file_matches_the_gazetteer() -> None:
    gaz = load_gazetteer()
    capitals = default_capitals()
    assert len(capitals) >= 30
    for unit_id, capital_id in capitals.items():
        unit, capital = gaz.get(unit_id), gaz.get(capital_id)
        assert unit.kind == "admin1", unit_id
        # Units whose seat is the town of their name need no row here.
        assert gaz.seat(unit) is None, unit_id
        assert capital.kind == "populated place", capital_id
        assert capital.country == unit.country, (unit_id, capital_id)
        # A capital lies in or near its unit (the unit's point is a centroid).
        assert distance_km(unit, capital) < 400, (unit_id, capital_id)


@pytest.mark.parametrize("body,message", [
    ("unit\tcapital\nocha:X\tgeonames:1\n", "columns"),
    ("a\tb\tc\td\nocha:X\tX\tgeonames:1\tY\n", "header"),
    ("unit\tunit_name\tcapital\tcapital_name\nocha:X\tX\tgeonames:1\tY\n"
     "ocha:X\tX\tgeonames:2\tZ\n", "twice"),
])
def test_bad_capitals_file_is_refused(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "capitals.tsv"
    path.write_text(body, "utf-8")
    with pytest.raises(GazetteerError, match=message):
        read_capitals(path)


def test_capitals_file_reads_comments_and_rows(tmp_path: Path) -> None:
    path = tmp_path / "capitals.tsv"
    path.write_text("# a note\nunit\tunit_name\tcapital\tcapital_name\n"
                    "ocha:X\tX\tgeonames:1\tY\n", "utf-8")
    assert read_capitals(path) == {"ocha:X": "geonames:1"}
    assert CAPITALS_PATH.name == "admin_capitals.tsv"


@pytest.mark.parametrize(("body", "message"), [
    ("iso2\tgazetteer_id\tname_ar\nye\tgeonames:71137\tصنعاء\n", "ISO"),
    ("iso2\tgazetteer_id\tname_ar\nYE\tgeonames:71137\tصنعاء\nYE\tgeonames:1\tx\n", "ISO"),
    ("iso2\tid\tname\nYE\tgeonames:71137\tصنعاء\n", "header"),
    ("iso2\tid\nYE\tgeonames:71137\n", "columns"),
])
def test_bad_country_capitals_file_is_refused(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "country_capitals.tsv"
    path.write_text(body, "utf-8")
    with pytest.raises(GazetteerError, match=message):
        read_country_capitals(path)


def test_a_country_capital_must_be_a_town_of_that_country(tmp_path: Path) -> None:
    gaz = load_gazetteer()
    capitals = country_capitals(gaz)
    sanaa = capitals["YE"]
    path = tmp_path / "country_capitals.tsv"
    path.write_text(f"iso2\tgazetteer_id\tname_ar\nIQ\t{sanaa.id}\tx\n", "utf-8")
    with pytest.raises(GazetteerError, match="not a town of IQ"):
        country_capitals(gaz, path)


# ------------------------------------------------------------ a quarter of the city the text names

# "حي X" in a text naming a large city: a quarter of that city. A village of the name
# beyond the city's reach (another province) is not what the text speaks of: the
# quarter is coded at the city named, or left unknown when several are named.
@pytest.mark.parametrize("text,quarter,city", [
    ("شهدت صنعاء توترا أمنيا. وانفجرت عبوة ناسفة قرب مركز للشرطة في حي الحصبة",
     "الحصبة", "Sanaa"),
    ("شهدت صنعاء وعدن توترا أمنيا. وانفجرت عبوة ناسفة قرب مركز للشرطة في حي الحصبة",
     "الحصبة", None),
])
def test_quarter_is_not_a_far_namesake(geo: Geocoder, text: str, quarter: str,
                                       city: str | None) -> None:
    ms = [m for m in geo.find_in_document(text) if fold(quarter) in fold(m.surface)]
    assert [m.place.name for m in ms] == ([city] if city else []), \
        [(m.surface, m.place.name, m.place.admin1) for m in ms]


# With no large city named, the village of that name is still read; and a place the
# gazetteer knows as a quarter of another large city keeps that reading.
@pytest.mark.parametrize("text,quarter", [
    ("سقطت قذائف على حي الحصبة", "الحصبة"),
    ("تجددت الاشتباكات في مدينة حلب. وسقطت قذائف هاون على حي الأشرفية ظهر اليوم", "الأشرفية"),
])
def test_quarter_keeps_its_place_otherwise(geo: Geocoder, text: str, quarter: str) -> None:
    m = named(geo.find_in_document(text), quarter)
    assert m.place.kind == "populated place"


# A quarter near the city named is still coded at that city.
def test_quarter_near_the_city_is_the_city(geo: Geocoder) -> None:
    m = named(geo.find("قصفت الميليشيات حي دار سعد في مدينة عدن"), "دار سعد")
    assert m.place.name == "Aden"
