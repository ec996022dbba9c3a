"""Governorates and districts from the Who's On First hierarchy (Yemen and others).

Rows made up by the team for these tests; the last tests read the packaged gazetteer.
"""

from __future__ import annotations

import pytest

from rasd.geo.gazetteer_sources import Row
from rasd.geo.geocoder import Geocoder
from rasd.geo.text import fold
from rasd.geo.wof_units import unit_aliases, unit_name, wof_unit_rows


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



@pytest.mark.parametrize("text,surface,precision", [
    ("اشتباكات عنيفة في جبهة عكد بمحافظة أبين", "أبين", 3),
    ("غارات للتحالف على مواقع الحوثيين في محافظة أبين", "أبين", 3),
])
def test_yemeni_governorate_is_coded_at_its_precision(geo: Geocoder, text: str, surface: str,
                                                      precision: int) -> None:
    ms = [m for m in geo.find(text) if fold(surface) in fold(m.surface)]
    assert ms and ms[0].place.country == "YE" and ms[0].precision == precision


# 2026-12-07 (gaz14f): districts the gazetteer did not know.


@pytest.mark.parametrize("name,aliases", [
    ("سنحان وبني بهلول", ["سنحان"]),  # two areas joined: the first names the district
    ("مشرعة وحدنان", ["مشرعة"]),
    ("شداء", ["شدا"]),  # final hamza after alif, often not written
    ("وادي العين", []),  # "وادي" opens the name: no conjunction
    ("حورة ووادي العين", ["حورة"]),
    ("جبل حبشي", []),
    ("الوادي", []),
    ("ساء", []),  # too short once the hamza goes
])
def test_district_aliases_as_the_press_writes_them(name: str, aliases: list[str]) -> None:
    assert unit_aliases(name) == aliases


def unnamed(n: int, lat: float, lon: float, a2: str) -> Row:
    return Row(id=f"wof:{n}", kind="populated place", name=f"u{n}", name_ar="", lat=lat,
               lon=lon, country="YE", admin1="Abyan", admin1_ar="أَبْيَن", admin2="x",
               admin2_ar=a2)


def test_a_district_of_unnamed_villages_is_made_from_the_hierarchy() -> None:
    named = [village(i, 13.8 + i / 100, 45.8) for i in range(4)]
    named.append(village(9, 13.0, 45.3, a2="مديرية خنفر"))  # the one named village
    hidden = [unnamed(20 + i, 13.0 + i / 100, 45.3, "مديرية خنفر") for i in range(4)]
    # Units from the named villages alone: no Khanfar.
    assert "خنفر" not in {u.name_ar for u in wof_unit_rows(named)}
    lodar = {u.name_ar: u for u in wof_unit_rows(named)}["لودر"]
    hierarchy = [*named, *hidden, *(unnamed(40 + i, 14.5, 46.5, "مديرية لودر") for i in range(9))]
    units = {u.name_ar: u for u in wof_unit_rows(named, hierarchy)}
    assert units["خنفر"].kind == "admin2" and units["خنفر"].lat == pytest.approx(13.01)
    # A unit its named villages make keeps their point: unnamed ones do not move it.
    assert (units["لودر"].lat, units["لودر"].lon) == (lodar.lat, lodar.lon)
    # ... and its p-code (data files name units by it): the added unit comes after.
    assert units["لودر"].admin_pcode == lodar.admin_pcode
    assert units["خنفر"].admin_pcode > lodar.admin_pcode
    assert named[4].admin_pcode == units["خنفر"].admin_pcode


def test_a_district_of_unnamed_villages_named_like_a_word_is_not_made() -> None:
    # "صباح" (morning) is a district's name too: the news writes it as a word far
    # more often, and a new unit of that name would place "صباح يوم أمس".
    named = [village(i, 13.8 + i / 100, 45.8) for i in range(4)]
    hidden = [unnamed(20 + i, 14.0 + i / 100, 45.5, "مديرية صباح") for i in range(5)]
    hidden += [unnamed(30 + i, 13.0 + i / 100, 45.3, "مديرية خنفر") for i in range(5)]
    names = {u.name_ar for u in wof_unit_rows(named, [*named, *hidden])}
    assert "خنفر" in names and "صباح" not in names


@pytest.mark.parametrize("text,surface", [
    ("قصفت مدفعية الحوثيين قرى مديرية مشرعة وحدنان في جبل صبر", "مشرعة وحدنان"),
    ("غارات للتحالف على مواقع في مديرية الخوخة جنوب الحديدة", "الخوخة"),
    ("اشتباكات بين المقاومة والحوثيين في مديرية شدا بمحافظة صعدة", "شدا"),
])
def test_yemeni_districts_of_few_named_villages_are_found(geo: Geocoder, text: str,
                                                          surface: str) -> None:
    ms = [m for m in geo.find(text) if fold(surface) in fold(m.surface)]
    # The district itself, or the town it is named after (its seat), filed under
    # it: a district's p-code extends its governorate's ("WYE06" -> "WYE06xx").
    assert ms and ms[0].place.country == "YE" and ms[0].place.kind in ("admin2",
                                                                        "populated place")
    assert len(ms[0].place.admin_pcode) == len("WYE0101")
