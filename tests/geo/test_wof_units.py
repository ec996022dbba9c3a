"""Governorates and districts from the Who's On First hierarchy (Yemen and others).

Rows made up by the team for these tests; the last tests read the packaged gazetteer.
"""

from __future__ import annotations

import pytest

from rasd.geo.gazetteer_sources import Row
from rasd.geo.geocoder import Geocoder
from rasd.geo.text import fold
from rasd.geo.wof_units import unit_name, wof_unit_rows


def village(n: int, lat: float, lon: float, a1: str = "أَبْيَن", a2: str = "مديرية لودر",
            country: str = "YE") -> Row:
    return Row(id=f"wof:{n}", kind="populated place", name=f"v{n}", name_ar=f"قرية{n}",
               lat=lat, lon=lon, country=country, admin1="Abyan", admin1_ar=a1,
               admin2="Lawdar" if a2 else "", admin2_ar=a2)


@pytest.mark.parametrize("raw,name", [
    ("مديرية أحور", "أحور"),
    ("أَبْيَن", "أبين"),
    ("قضاء عكار", "عكار"),
    ("ولاية الشمالية", "الشمالية"),
    ("النيل الأبيض\u200e", "النيل الأبيض"),
    ("مديرية", "مديرية"),  # nothing after the unit word: kept as written
])
def test_unit_names_as_the_press_writes_them(raw: str, name: str) -> None:
    assert unit_name(raw) == name


def test_units_from_the_villages_filed_under_them() -> None:
    vs = [village(i, 13.8 + i / 100, 45.8) for i in range(4)]
    vs.append(village(9, 13.0, 45.3, a2="مديرية خنفر"))  # one village: no district
    town = Row(id="geonames:1", kind="populated place", name="Lawdar", name_ar="لودر",
               lat=13.88, lon=45.87, country="YE", population=20_000)
    units = {u.name_ar: u for u in wof_unit_rows([*vs, town])}
    assert set(units) == {"أبين", "لودر"}
    gov, dist = units["أبين"], units["لودر"]
    assert gov.kind == "admin1" and dist.kind == "admin2"
    assert dist.admin_pcode.startswith(gov.admin_pcode) and dist.admin_pcode != gov.admin_pcode
    # The district is coded at the town of its name, which joins the district.
    assert dist.seat == "geonames:1" and town.admin_pcode == dist.admin_pcode
    # No town named Abyan: the governorate sits at its villages' median.
    assert gov.seat == "" and gov.lat == pytest.approx(13.81)
    assert all(v.admin_pcode == dist.admin_pcode for v in vs[:4])
    assert vs[4].admin_pcode == gov.admin_pcode


def test_towns_of_the_older_sources_take_the_unit_of_the_nearest_village() -> None:
    vs = [village(i, 13.8 + i / 100, 45.8) for i in range(4)]
    near = Row(id="geonames:2", kind="populated place", name="a", name_ar="أ", lat=13.805,
               lon=45.805, country="YE")
    far = Row(id="geonames:3", kind="populated place", name="b", name_ar="ب", lat=15.0,
              lon=44.0, country="YE")
    wof_unit_rows([*vs, near, far])
    assert near.admin_pcode == vs[0].admin_pcode != ""
    assert far.admin_pcode == ""


def test_countries_with_boundaries_of_their_own_get_no_wof_units() -> None:
    vs = [village(i, 35.0, 38.0, a1="حلب", a2="", country="SY") for i in range(5)]
    assert wof_unit_rows(vs) == []


@pytest.fixture(scope="module")
def geo() -> Geocoder:
    return Geocoder()


@pytest.mark.parametrize("text,surface,precision", [
    ("اشتباكات عنيفة في جبهة عكد بمحافظة أبين", "أبين", 3),
    ("غارات للتحالف على مواقع الحوثيين في محافظة أبين", "أبين", 3),
])
def test_yemeni_governorate_is_coded_at_its_precision(geo: Geocoder, text: str, surface: str,
                                                      precision: int) -> None:
    ms = [m for m in geo.find(text) if fold(surface) in fold(m.surface)]
    assert ms and ms[0].place.country == "YE" and ms[0].precision == precision
