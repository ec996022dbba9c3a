"""Great-circle distance, once for the whole project (gazetteer, geocoder, fold, merge, eval),
and the plane geometry of admin-unit outlines (centroids, point in polygon) the gazetteer
build needs."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

EARTH_RADIUS_KM = 6371.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float,
                 radius: float = EARTH_RADIUS_KM) -> float:
    """Distance in km between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * radius * math.asin(math.sqrt(min(1.0, h)))


Ring = list[tuple[float, float]]  # (lon, lat)
Polygon = list[Ring]  # outer ring, then holes


def polygons(geometry: dict[str, Any]) -> list[Polygon]:
    """A GeoJSON Polygon or MultiPolygon geometry as polygons of (lon, lat) rings."""
    coords = geometry["coordinates"]
    polys = [coords] if geometry["type"] == "Polygon" else coords
    return [[[(float(p[0]), float(p[1])) for p in ring] for ring in poly] for poly in polys]


def _ring_area_centroid(ring: Ring) -> tuple[float, float, float]:
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2.0
    if area == 0:
        return 0.0, ring[0][0], ring[0][1]
    return area, cx / (6 * area), cy / (6 * area)


def centroid(polys: Sequence[Polygon]) -> tuple[float, float]:
    """Area-weighted centroid (lat, lon) of a multipolygon, holes subtracted."""
    total = sx = sy = 0.0
    for poly in polys:
        for i, ring in enumerate(poly):
            a, x, y = _ring_area_centroid(ring)
            a = abs(a) if i == 0 else -abs(a)
            total += a
            sx += a * x
            sy += a * y
    if total == 0:
        x, y = polys[0][0][0]
        return y, x
    return sy / total, sx / total


def _in_ring(x: float, y: float, ring: Ring) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def contains(polys: Sequence[Polygon], lat: float, lon: float) -> bool:
    """Whether the point lies inside a multipolygon (in an outer ring, in no hole)."""
    for poly in polys:
        if _in_ring(lon, lat, poly[0]) and not any(_in_ring(lon, lat, h) for h in poly[1:]):
            return True
    return False
