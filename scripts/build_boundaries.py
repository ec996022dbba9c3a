"""Build the map outlines shipped with rasd's web page from ../shared/data/boundaries.

Writes ``src/rasd/data/boundaries/admin1.geojson`` (governorates of Iraq and
Syria) and ``countries.geojson`` (their countries' outlines, the outer edges
of the governorates), simplified with Douglas-Peucker so the page stays
small and works offline. Pure Python: no GIS library needed.

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


def build(shared: Path, out_dir: Path, *, tolerance: float) -> dict[str, int]:
    admin1: list[dict[str, Any]] = []
    countries: list[dict[str, Any]] = []
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
        outline = [_rounded(simplify(r, tolerance), 3) for r in _outline(all_rings)]
        # Slivers left by vertices the neighbours do not share are noise, not borders.
        outline = [r for r in outline if len(r) >= 8]
        countries.append({
            "type": "Feature", "properties": {"country": cc},
            "geometry": {"type": "MultiLineString", "coordinates": outline},
        })
    out_dir.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for fname, feats in (("admin1.geojson", admin1), ("countries.geojson", countries)):
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
