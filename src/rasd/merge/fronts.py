"""The front of a large city a report tells, read from the places its event carries.

A city of a million (Aden, Sanaa, Baghdad) is a coarse place (:mod:`rasd.merge.places`):
on one day it holds several acts of one kind, and "Aden" alone does not say which. The
sentences do: outlets name the quarter hit (دار سعد، التواهي) or the side of the city
fought over ("الأحياء الشمالية من مدينة عدن", "شمال عدن"). Extraction found those places
on the analysed document and the event carries them (``Event.sub_places``,
:mod:`rasd.extract.sub_places`). A report's *front* is read from them: the quarters of
the city (places within ``city_km`` of the city's point that are not admin areas, its
own place when that is one) and the sides of the city named just before the city's
name. Two reports of one day that name one front tell one act more likely than not;
two that name only different fronts tell two (:func:`rasd.merge.links.corroboration`,
``MergeOptions.fronts``).
"""

from __future__ import annotations

from rasd.geo.geodesy import haversine_km
from rasd.models import Event, Location, SubPlace

_REGION_KINDS = ("admin1", "admin2", "admin3", "region", "country")


def _names_city(p: SubPlace, city: Location) -> bool:
    """Whether the sub-place is the city itself: its gazetteer entry, or another entry
    of its name (the governorate of Aden for "شمال عدن")."""
    return p.gazetteer_id == city.gazetteer_id or (
        bool(city.name_ar) and p.name_ar == city.name_ar)


def front(ev: Event, city: Location, *, city_km: float) -> frozenset[str]:
    """The front of the city ``city`` that ``ev`` tells: gazetteer ids of its quarters
    its sentences name (and ``ev``'s own place when it is one) and the sides of the
    city (``side:north``, …) named just before the city's name. Empty when the
    sentences name no part of the city."""
    out: set[str] = set()
    for p in ev.sub_places:
        if _names_city(p, city):
            if p.side is not None:
                out.add(f"side:{p.side}")
        elif p.kind not in _REGION_KINDS \
                and haversine_km(city.lat, city.lon, p.lat, p.lon) <= city_km:
            out.add(p.gazetteer_id)
    loc = ev.location
    if loc is not None and loc.gazetteer_id and loc.gazetteer_id != city.gazetteer_id \
            and haversine_km(city.lat, city.lon, loc.lat, loc.lon) <= city_km:
        out.add(loc.gazetteer_id)
    return frozenset(out)
