"""Build the map outlines shipped with rasd's web page from ../shared/data/boundaries.

Writes ``src/rasd/data/boundaries/admin1.geojson`` (governorates of Iraq and
Syria from OCHA's files, and of the other conflict countries from Who's On
First's regions), ``countries.geojson`` (Iraq's and Syria's outlines, the
outer edges of their governorates) and ``labels.geojson`` (one point per
governorate with its name), simplified with Douglas-Peucker so the page stays
small and works offline. Pure Python: no GIS library needed.

Label names come from OCHA's files for Iraq and Syria and, elsewhere, from the
gazetteer: the admin-1 name most of the gazetteer's places inside a region
carry, so a label reads as the events' own governorate field does. A region no
gazetteer place falls in gets no label.

Usage: python scripts/build_boundaries.py [--shared ../shared] [--out DIR] [--tolerance 0.004]
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SOURCES = {
    "IQ": "irq_admbnda_adm1_cso_20190603.geojson",
    "SY": "syr_admin1_ocha_via_syrianzone.geojson",
}
# Who's On First admin-1 regions of the other conflict countries (Iraq and Syria come
# from OCHA's finer files above).
WOF = "wof_admin1_regions.geojson"
GAZETTEER = ROOT / "src" / "rasd" / "data" / "gazetteer.tsv.gz"
Point = tuple[float, float]
Ring = list[Point]


def _perp_dist(p: Point, a: Point, b: Point) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return float(((x - x1) ** 2 + (y - y1) ** 2) ** 0.5)
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return float(((x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2) ** 0.5)


def simplify(points: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker, iterative (rings of tens of thousands of points overflow recursion)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        lo, hi = stack.pop()
        best, idx = 0.0, -1
        for i in range(lo + 1, hi):
            d = _perp_dist(points[i], points[lo], points[hi])
            if d > best:
                best, idx = d, i
        if idx >= 0 and best > tolerance:
            keep[idx] = True
            stack += [(lo, idx), (idx, hi)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _polygons(geom: dict[str, Any]) -> list[list[Ring]]:
    coords = geom["coordinates"]
    polys = [coords] if geom["type"] == "Polygon" else coords
    return [[[(float(x), float(y)) for x, y, *_ in ring] for ring in poly] for poly in polys]


def _rounded(ring: Ring, digits: int) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in ring:
        pt = [round(x, digits), round(y, digits)]
        if not out or out[-1] != pt:
            out.append(pt)
    return out


def _outline(rings: list[Ring]) -> list[Ring]:
    """The outer boundary of a set of adjoining rings: edges that belong to one ring only.

    Neighbouring governorates share their border vertices, so a shared edge
    appears twice (once each way) and cancels out; what is left are the
    country's edges, chained back into rings.
    """
    def key(p: Point) -> Point:
        return (round(p[0], 6), round(p[1], 6))

    counts: Counter[tuple[Point, Point]] = Counter()
    for ring in rings:
        for a, b in itertools.pairwise(ring):
            ka, kb = key(a), key(b)
            if ka != kb:
                counts[(min(ka, kb), max(ka, kb))] += 1
    nxt: dict[Point, list[Point]] = {}
    for (a, b), n in counts.items():
        if n == 1:
            nxt.setdefault(a, []).append(b)
            nxt.setdefault(b, []).append(a)
    out: list[Ring] = []
    while nxt:
        start = next(iter(nxt))
        ring, prev, cur = [start], None, start
        while True:
            options = [p for p in nxt.get(cur, []) if p != prev] or nxt.get(cur, [])
            if not options:
                break
            step = options[0]
            nxt[cur].remove(step)
            nxt[step].remove(cur)
            for p in (cur, step):
                if not nxt[p]:
                    del nxt[p]
            ring.append(step)
            prev, cur = cur, step
            if cur == start:
                break
        if len(ring) >= 4:
            out.append(ring)
    return out


def inside(pt: Point, poly: list[Ring]) -> bool:
    """Whether a point is in a polygon (outer ring minus holes), by ray casting."""
    x, y = pt
    hit = False
    for ring in poly:
        for (x1, y1), (x2, y2) in itertools.pairwise(ring):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                hit = not hit
    return hit


def label_point(polys: list[list[Ring]]) -> Point:
    """Where a region's label goes: the centroid of its largest polygon's outer ring, or,
    when that falls outside (a crescent), the ring's vertex nearest to it."""
    def area_centroid(ring: Ring) -> tuple[float, Point]:
        a = cx = cy = 0.0
        for (x1, y1), (x2, y2) in itertools.pairwise(ring):
            cross = x1 * y2 - x2 * y1
            a += cross
            cx += (x1 + x2) * cross
            cy += (y1 + y2) * cross
        if a == 0:
            return 0.0, ring[0]
        return abs(a) / 2, (cx / (3 * a), cy / (3 * a))

    best = max(polys, key=lambda p: area_centroid(p[0])[0])
    _, c = area_centroid(best[0])
    if inside(c, best):
        return c
    return min(best[0], key=lambda p: (p[0] - c[0]) ** 2 + (p[1] - c[1]) ** 2)


def gazetteer_places(path: Path = GAZETTEER) -> dict[str, list[tuple[Point, str, str]]]:
    """Places of the gazetteer by country: ((lon, lat), admin1, admin1_ar)."""
    import csv
    import gzip

    out: dict[str, list[tuple[Point, str, str]]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            # Units built from the WOF hierarchy (rasd.geo.wof_units) are no places
            # inside a region: they do not vote for its name.
            if row["admin1"] and row["kind"] != "country" and not row["id"].startswith("unit:"):
                out.setdefault(row["country"], []).append(
                    ((float(row["lon"]), float(row["lat"])), row["admin1"], row["admin1_ar"]))
    return out


def gazetteer_name(polys: list[list[Ring]],
                   places: list[tuple[Point, str, str]]) -> tuple[str, str] | None:
    """The admin-1 name most gazetteer places inside the region carry."""
    names: Counter[tuple[str, str]] = Counter(
        (en, ar) for pt, en, ar in places if any(inside(pt, poly) for poly in polys))
    return names.most_common(1)[0][0] if names else None


def _label(cc: str, name: str, name_ar: str, at: Point) -> dict[str, Any]:
    return {"type": "Feature",
            "properties": {"country": cc, "name": name, "name_ar": name_ar},
            "geometry": {"type": "Point", "coordinates": [round(at[0], 3), round(at[1], 3)]}}


def wof_regions(shared: Path, *, tolerance: float
                ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Admin-1 outlines and labels of the countries Who's On First's file covers, bar
    those with OCHA outlines."""
    data = json.loads((shared / "data" / "boundaries" / WOF).read_text(encoding="utf-8"))
    places = gazetteer_places()
    shapes: list[dict[str, Any]] = []
    labels: list[dict[str, Any]] = []
    for feat in sorted(data["features"], key=lambda f: (f["properties"]["country"],
                                                        f["properties"]["wof_id"])):
        cc = feat["properties"]["country"]
        if cc in SOURCES:
            continue
        raw = _polygons(feat["geometry"])
        polys = []
        for poly in raw:
            rings = [_rounded(simplify(r, tolerance), 3) for r in poly]
            if len(rings[0]) >= 4:
                polys.append([r for r in rings if len(r) >= 4])
        name = gazetteer_name(raw, places.get(cc, []))
        shapes.append({
            "type": "Feature",
            "properties": {"country": cc, "wof_id": feat["properties"]["wof_id"],
                           "name": name[0] if name else None,
                           "name_ar": name[1] if name else None},
            "geometry": {"type": "MultiPolygon", "coordinates": polys},
        })
        if name:
            labels.append(_label(cc, name[0], name[1], label_point(raw)))
    return shapes, labels


def build(shared: Path, out_dir: Path, *, tolerance: float) -> dict[str, int]:
    admin1: list[dict[str, Any]] = []
    countries: list[dict[str, Any]] = []
    labels: list[dict[str, Any]] = []
    for cc, name in SOURCES.items():
        data = json.loads((shared / "data" / "boundaries" / name).read_text(encoding="utf-8"))
        all_rings: list[Ring] = []
        for feat in data["features"]:
            props = feat["properties"]
            polys = []
            for poly in _polygons(feat["geometry"]):
                all_rings += poly
                rings = [_rounded(simplify(r, tolerance), 3) for r in poly]
                if len(rings[0]) >= 4:
                    polys.append([r for r in rings if len(r) >= 4])
            admin1.append({
                "type": "Feature",
                "properties": {"country": cc, "pcode": props.get("ADM1_PCODE"),
                               "name": props.get("ADM1_EN"), "name_ar": props.get("ADM1_AR")},
                "geometry": {"type": "MultiPolygon", "coordinates": polys},
            })
            labels.append(_label(cc, props.get("ADM1_EN"), props.get("ADM1_AR"),
                                 label_point(_polygons(feat["geometry"]))))
        outline = [_rounded(simplify(r, tolerance), 3) for r in _outline(all_rings)]
        # Slivers left by vertices the neighbours do not share are noise, not borders.
        outline = [r for r in outline if len(r) >= 8]
        countries.append({
            "type": "Feature", "properties": {"country": cc},
            "geometry": {"type": "MultiLineString", "coordinates": outline},
        })
    shapes, more_labels = wof_regions(shared, tolerance=tolerance)
    admin1 += shapes
    labels += more_labels
    out_dir.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for fname, feats in (("admin1.geojson", admin1), ("countries.geojson", countries),
                         ("labels.geojson", labels)):
        path = out_dir / fname
        path.write_text(json.dumps({"type": "FeatureCollection", "features": feats},
                                   ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        sizes[fname] = path.stat().st_size
    return sizes


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "rasd" / "data" / "boundaries")
    ap.add_argument("--tolerance", type=float, default=0.004,
                    help="Douglas-Peucker tolerance in degrees (0.004 is about 400 m).")
    args = ap.parse_args()
    for fname, size in build(args.shared, args.out, tolerance=args.tolerance).items():
        print(f"{args.out / fname}: {size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
