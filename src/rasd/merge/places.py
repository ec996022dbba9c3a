"""Where two reports' places stand to each other, for the place facet of the merge
(:mod:`rasd.merge.facets`): distance, one place inside another's admin area, a
quarter of a large city, a governorate's countryside, and which places are coarse
(the same place for many events of a day, so a match there needs corroboration).
"""

from __future__ import annotations

from collections.abc import Callable

from rasd.geo.geodesy import haversine_km
from rasd.merge.options import MergeOptions
from rasd.models import Event, Location, Place

PlaceLookup = Callable[[str], Place | None]

_REGION_KINDS = ("admin1", "admin2", "admin3", "region")


def distance_km(a: Location, b: Location) -> float:
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def _kind(loc: Location, place_of: PlaceLookup | None) -> tuple[str | None, str | None]:
    """The gazetteer kind and admin p-code of a location, when known."""
    place = place_of(loc.gazetteer_id) if place_of and loc.gazetteer_id else None
    if place is not None:
        return place.kind, place.admin_pcode
    if loc.precision == 3 and loc.admin1 and loc.name == loc.admin1:
        return "admin1", None
    return None, None


def inside(inner: Location, outer: Location, *, place_of: PlaceLookup | None = None) -> bool:
    """Whether ``inner`` lies in the admin area (or named region) ``outer`` is."""
    kind, pcode = _kind(outer, place_of)
    if kind not in _REGION_KINDS:
        return False
    if inner.country and outer.country and inner.country != outer.country:
        return False
    _, inner_pcode = _kind(inner, place_of)
    if pcode and inner_pcode:
        return inner_pcode.startswith(pcode)
    if kind == "admin1":
        return bool(inner.admin1) and inner.admin1 == outer.admin1
    if kind == "admin2":
        return bool(inner.admin2) and inner.admin2 == outer.admin2 \
            and inner.admin1 == outer.admin1
    return False


def in_city(inner: Location, outer: Location, *, options: MergeOptions | None = None,
            place_of: PlaceLookup | None = None) -> bool:
    """Whether ``inner`` is a quarter or suburb of the large city ``outer``: ``outer`` a
    populated place of ``coarse_population`` people or more, ``inner`` another place
    of its governorate (admin 1) within ``city_km`` of it. Outlets name the quarter hit
    (Dar Saad, al-Tawahi) or only the city (Aden) for one shelling, and a city of a
    million spreads beyond ``near_km`` from the point the gazetteer gives it. The city
    is a coarse place (:func:`coarse_place`), so such a match needs corroboration."""
    opts = options or MergeOptions()
    if inner.gazetteer_id is None or outer.gazetteer_id is None \
            or inner.gazetteer_id == outer.gazetteer_id or inner.precision > 1:
        return False
    city = place_of(outer.gazetteer_id) if place_of else None
    if city is None or city.kind in _REGION_KINDS or city.population < opts.coarse_population:
        return False
    if not inner.admin1 or inner.admin1 != outer.admin1 \
            or (inner.country and outer.country and inner.country != outer.country):
        return False
    return distance_km(inner, outer) <= opts.city_km


def countryside(inner: Location, outer: Location) -> bool:
    """Whether ``outer`` is a place's countryside (precision 2: "ريف دير الزور", "near
    Deir ez-Zor") and ``inner`` a place of that governorate: outlets name a town, its
    district or "the countryside of" the governorate's city for one happening. A
    coarse place (:func:`weak_facets`), so such a match needs corroboration."""
    return (outer.precision == 2 and inner.precision <= 2
            and inner.gazetteer_id != outer.gazetteer_id
            and bool(outer.admin1) and inner.admin1 == outer.admin1
            and (not inner.country or not outer.country or inner.country == outer.country))


def coarse_place(loc: Location, *, options: MergeOptions | None = None,
                 place_of: PlaceLookup | None = None) -> bool:
    """A place that is "the same place" for many events of a day: an admin area or
    region (so every match by containment, :func:`inside`, has one), a place known
    only to admin-1 precision (ACLED geo precision 3), or a city of
    ``coarse_population`` people or more."""
    opts = options or MergeOptions()
    if loc.precision >= 3:
        return True
    place = place_of(loc.gazetteer_id) if place_of and loc.gazetteer_id else None
    if place is None:
        return _kind(loc, None)[0] in _REGION_KINDS
    return place.kind in _REGION_KINDS or place.population >= opts.coarse_population


def province_seat(loc: Location, place_of: PlaceLookup | None) -> bool:
    """Whether ``loc`` stands for a whole governorate (province): the governorate itself
    (admin 1), or its capital named like it (Diyarbakır, Ma'rib, Aden), which outlets
    name for the province as often as for the city ("a car bomb in Diyarbakır" for
    one in Lice, a district of the province)."""
    kind, _ = _kind(loc, place_of)
    if kind == "admin1":
        return True
    place = place_of(loc.gazetteer_id) if place_of and loc.gazetteer_id else None
    return (place is not None and place.kind == "populated place"
            and bool(place.admin1_ar) and place.name_ar == place.admin1_ar)


def in_province(inner: Location, outer: Location, *,
                place_of: PlaceLookup | None = None) -> bool:
    """Whether ``inner`` is another place of the governorate ``outer`` stands for
    (:func:`province_seat`): a district or town of it (Lice, al-Faww) against the
    province or its capital. A coarse match (many incidents of a province a day), so
    it needs corroboration (:mod:`rasd.merge.links`)."""
    if inner.gazetteer_id is None or inner.gazetteer_id == outer.gazetteer_id:
        return False
    if not outer.admin1 or inner.admin1 != outer.admin1 \
            or (inner.country and outer.country and inner.country != outer.country):
        return False
    return province_seat(outer, place_of)


def province_toll(a: Event, b: Event, *, options: MergeOptions | None = None,
                  place_of: PlaceLookup | None = None) -> tuple[int, str] | None:
    """One incident told at a province (or its capital named like it) and at a place of
    that province: one report's place stands for the governorate (Diyarbakır, "overnight"
    in the next day's news), the other's lies in it (Lice, a district of the
    province), the dates at most a day apart, one sub-event type and one nonzero death
    toll (``MergeOptions.province_toll``; dev2 cluster sd1-c1). Two incidents of one
    province within a day rarely share both the sub-type and the toll; a toll that
    differs, or none, leaves them apart. Not a quarter of a large city and the city
    (:func:`in_city`): a city of a million has many incidents a day, tolls of one to
    three killed recur among them, and its fronts tell them apart
    (:mod:`rasd.merge.fronts`)."""
    la, lb = a.location, b.location
    fa, fb = a.fatalities, b.fatalities
    if la is None or lb is None or fa is None or fb is None or fa.best <= 0 \
            or fa.best != fb.best or a.sub_event_type != b.sub_event_type:
        return None
    da, db = a.date, b.date
    if da is None or db is None or da.precision > 2 or db.precision > 2 \
            or (max(da.start, db.start) - min(da.end, db.end)).days > 1:
        return None
    for inner, outer in ((la, lb), (lb, la)):
        if in_province(inner, outer, place_of=place_of) \
                and not in_city(inner, outer, options=options, place_of=place_of):
            return 1, (f"{inner.name} in the province of {outer.name}, a day apart at "
                       f"most, one sub-type and the same toll ({fa.best} killed)")
    return None
