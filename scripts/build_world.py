"""Build the land and country outlines the web page draws under everything else.

Fetches Natural Earth's 1:50m countries (public domain) as TopoJSON from the npm
package ``world-atlas`` with ``npm pack`` (the only network use, at build time,
never at run time), decodes the topology, keeps the countries around the region
rasd codes, simplifies them (``build_boundaries.simplify``) and writes
``src/rasd/data/boundaries/world.geojson``: one feature per country with its
ISO 3166 alpha-2 code where rasd knows it (``rasd.store.export``'s country table)
and ``coded`` telling whether rasd geocodes events there.

Usage: python scripts/build_world.py [--package world-atlas@2.0.2] [--tolerance 0.02]
       python scripts/build_world.py --topojson countries-50m.json   (no npm)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from build_boundaries import Ring, _rounded, simplify

from rasd.store.export import country_table

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "rasd" / "data" / "boundaries" / "world.geojson"
PACKAGE = "world-atlas@2.0.2"
MEMBER = "package/countries-50m.json"
# Countries drawn: those with any part in this box (lon, lat) around the Arab world.
REGION = (-25.0, -15.0, 70.0, 48.0)


def fetch_topojson(package: str, work: Path) -> dict[str, Any]:
    """``npm pack`` the package into ``work`` and read the countries topology from it."""
    out = subprocess.run(["npm", "pack", package, "--silent"], cwd=work, check=True,
                         capture_output=True, text=True).stdout.strip().splitlines()[-1]
    with tarfile.open(work / out) as tar:
        member = tar.extractfile(MEMBER)
        if member is None:
            raise SystemExit(f"{package} has no {MEMBER}")
        return dict(json.load(member))


def decode_arcs(topo: dict[str, Any]) -> list[Ring]:
    """The topology's arcs as absolute coordinates (they are quantised and delta-encoded)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs: list[Ring] = []
    for arc in topo["arcs"]:
        x = y = 0
        ring: Ring = []
        for dx, dy in arc:
            x += dx
            y += dy
            ring.append((x * sx + tx, y * sy + ty))
        arcs.append(ring)
    return arcs


def ring_of(indexes: list[int], arcs: list[Ring]) -> Ring:
    """A ring from arc indexes (a negative index ~i is arc i reversed); shared end points
    of consecutive arcs are kept once."""
    out: Ring = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        out += arc[1:] if out else arc
    return out


def geometry_polygons(geom: dict[str, Any], arcs: list[Ring]) -> list[list[Ring]]:
    if geom["type"] == "Polygon":
        return [[ring_of(r, arcs) for r in geom["arcs"]]]
    if geom["type"] == "MultiPolygon":
        return [[ring_of(r, arcs) for r in poly] for poly in geom["arcs"]]
    return []


def in_region(polys: list[list[Ring]]) -> bool:
    x0, y0, x1, y1 = REGION
    return any(x0 <= x <= x1 and y0 <= y <= y1 for poly in polys for x, y in poly[0])


def build(topo: dict[str, Any], *, tolerance: float) -> dict[str, Any]:
    arcs = decode_arcs(topo)
    by_numeric = {num: (iso2, name) for iso2, (num, name, _region) in country_table().items()}
    features = []
    for geom in topo["objects"]["countries"]["geometries"]:
        polys = geometry_polygons(geom, arcs)
        if not polys or not in_region(polys):
            continue
        numeric = int(geom["id"]) if str(geom.get("id", "")).isdigit() else -1
        iso2, name = by_numeric.get(numeric, ("", geom["properties"]["name"]))
        shapes = []
        for poly in polys:
            rings = [_rounded(simplify(r, tolerance), 2) for r in poly]
            if len(rings[0]) >= 4:
                shapes.append([r for r in rings if len(r) >= 4])
        if shapes:
            features.append({
                "type": "Feature",
                "properties": {"iso2": iso2, "name": name, "coded": bool(iso2)},
                "geometry": {"type": "MultiPolygon", "coordinates": shapes},
            })
    features.sort(key=lambda f: (f["properties"]["iso2"], f["properties"]["name"]))
    return {"type": "FeatureCollection", "features": features}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--package", default=PACKAGE, help="npm package spec to fetch.")
    ap.add_argument("--topojson", type=Path, help="A countries TopoJSON file already at hand.")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--tolerance", type=float, default=0.03,
                    help="Douglas-Peucker tolerance in degrees (0.03 is about 3 km).")
    args = ap.parse_args()
    if args.topojson:
        topo = json.loads(args.topojson.read_text(encoding="utf-8"))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            topo = fetch_topojson(args.package, Path(tmp))
    world = build(topo, tolerance=args.tolerance)
    args.out.write_text(json.dumps(world, ensure_ascii=False, separators=(",", ":")),
                        encoding="utf-8")
    coded = sum(f["properties"]["coded"] for f in world["features"])
    print(f"{args.out}: {len(world['features'])} countries ({coded} coded), "
          f"{args.out.stat().st_size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
