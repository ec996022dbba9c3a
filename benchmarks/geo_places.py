"""Place resolution on real text: the real-news gold sets and the IDRISI tweets.

Usage:
    .venv/bin/python benchmarks/geo_places.py gold tests/gold/real/dev.jsonl [--show]
    .venv/bin/python benchmarks/geo_places.py gold tests/gold/real/holdout.jsonl
    .venv/bin/python benchmarks/geo_places.py idrisi [--dir ../shared/data/geo_eval/idrisi_ar]
        [--half dev|check|all] [--show]

``gold``: every distinct precision-1 gold place (document, Arabic name) is looked
up in its article (``scripts/real_gold_articles.py`` fetches the texts from
``../shared``); the sentence holding the name's first occurrence is geocoded with
the document's other places as context (``Geocoder.find_in_document`` on the whole
article), and the mention covering the name is compared with the gold point:
resolved within 10 km, resolved elsewhere (wrong place) or not found (unknown).
The same names are then read in a neutral sentence with no context
("اشتباكات في <name> اليوم"), where a namesake cannot be decided and precision 2/3
is the right answer. ``--show`` lists the misses, and refuses the held-out set:
that set is scored with figures only.

``idrisi``: the IDRISI Arabic tweets (every location mention resolved by hand to
OpenStreetMap). Recognition is a predicted mention overlapping the gold span;
resolution counts a recognised mention right when its point lies within 10 km of
the gold point or inside the gold object's bounding box (grown by 10 km).
``--half`` splits the outside check by file (one file per event, names sorted):
the 1st, 3rd, 5th and 7th files are ``dev`` (their misses may be read to find
mechanisms), the others ``check`` (figures only, so the check stays an outside
check); ``all`` (default) scores every file. ``--show`` lists the unrecognised
event-type mentions of the ``dev`` half and refuses the ``check`` half.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from real_gold_articles import articles  # noqa: E402

from rasd.geo.geocoder import Geocoder  # noqa: E402
from rasd.geo.text import fold  # noqa: E402
from rasd.models import PlaceMention  # noqa: E402

IDRISI = ROOT.parent / "shared" / "data" / "geo_eval" / "idrisi_ar"
WITHIN_KM = 10.0
NEUTRAL = "اشتباكات في {} اليوم"
_SENT_END = re.compile(r"[.!?؟\n]")
# IDRISI types an event is coded at; countries are context, reported apart.
EVENT_TYPES = ("City/town", "District", "Province", "Neighborhood")


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def find_name(text: str, name: str) -> tuple[int, int] | None:
    """The first occurrence of ``name`` in ``text``, exact or after folding."""
    i = text.find(name)
    if i >= 0:
        return i, i + len(name)
    # Folding keeps one letter per letter except dropped diacritics: search on a
    # folded copy with a map back to the original offsets.
    kept = [(k, ch) for k, ch in enumerate(text) if fold(ch) or ch == " "]
    folded = "".join(fold(ch) if ch != " " else " " for _, ch in kept)
    target = fold(name)
    for variant in (target, target[2:] if target.startswith("ال") else "ال" + target):
        j = folded.find(variant)
        if j >= 0:
            return kept[j][0], kept[j + len(variant) - 1][0] + 1
    return None


def sentence_of(text: str, start: int, end: int) -> tuple[int, int]:
    a = max((m.end() for m in _SENT_END.finditer(text, 0, start)), default=0)
    m = _SENT_END.search(text, end)
    return a, (m.start() if m else len(text))


def covering(mentions: list[PlaceMention], start: int, end: int) -> PlaceMention | None:
    over = [m for m in mentions if m.start < end and start < m.end]
    return max(over, key=lambda m: m.end - m.start) if over else None


def gold_places(path: Path) -> list[dict[str, Any]]:
    seen: set[tuple[str, str]] = set()
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        ev = json.loads(line)
        loc = ev.get("location") or {}
        if loc.get("precision") != 1 or not loc.get("name_ar"):
            continue
        key = (ev["doc_id"], loc["name_ar"])
        if key not in seen:
            seen.add(key)
            out.append({"doc_id": ev["doc_id"], **loc})
    return out


def run_gold(path: Path, show: bool) -> dict[str, Any]:
    if show and "holdout" in path.name:
        raise SystemExit("the held-out set is scored with figures only: no --show")
    places = gold_places(path)
    texts = {a["id"]: str(a["title"] or "") + "\n" + str(a["text"] or "")
             for a in articles(sorted({p["doc_id"] for p in places}))}
    geo = Geocoder()
    docs_ctx: dict[str, list[PlaceMention]] = {}
    counts: Counter[str] = Counter()
    neutral: Counter[str] = Counter()
    rows = []
    for p in places:
        text = texts[p["doc_id"]]
        span = find_name(text, p["name_ar"])
        if span is None:
            counts["name not in text"] += 1
            continue
        if p["doc_id"] not in docs_ctx:
            docs_ctx[p["doc_id"]] = geo.find_in_document(text)
        a, b = sentence_of(text, *span)
        # The document's other places: those outside this sentence.
        ctx = [m for m in docs_ctx[p["doc_id"]] if m.end <= a or m.start >= b]
        found = geo.find(text[a:b], context=ctx)
        m = covering(found, span[0] - a, span[1] - a)
        outcome = _outcome(m, p)
        counts[outcome] += 1
        n_text = NEUTRAL.format(text[span[0]:span[1]])
        nm = covering(geo.find(n_text), 12, 12 + span[1] - span[0])
        n_out = _outcome(nm, p)
        neutral[n_out] += 1
        if nm is not None and n_out != "resolved":
            neutral[f"elsewhere, precision {nm.precision}"] += 1
        if outcome != "resolved":
            got = "-" if m is None else f"{m.place.name_ar} ({m.place.country}) " \
                  f"{km(m.place.lat, m.place.lon, p['lat'], p['lon']):.0f} km"
            rows.append(f"{outcome:8} {p['name_ar']} [{p.get('country')}] -> {got} | "
                        f"{text[a:b].strip()[:140]}")
    n = sum(counts[k] for k in ("resolved", "wrong", "unknown"))
    report = {
        "set": str(path), "places": len(places), "read": n,
        "name not in text": counts["name not in text"],
        "resolved within 10 km": _rate(counts["resolved"], n),
        "wrong place": _rate(counts["wrong"], n), "unknown": _rate(counts["unknown"], n),
        "neutral sentence": {k: _rate(v, n) if k in ("resolved", "wrong", "unknown") else v
                             for k, v in sorted(neutral.items())},
    }
    if show:
        print("\n".join(rows))
    return report


def _outcome(m: PlaceMention | None, p: dict[str, Any]) -> str:
    if m is None:
        return "unknown"
    d = km(m.place.lat, m.place.lon, p["lat"], p["lon"])
    return "resolved" if d <= WITHIN_KM else "wrong"


def _rate(k: int, n: int) -> str:
    return f"{k / n:.3f} ({k}/{n})" if n else "-"


def idrisi_files(folder: Path, half: str) -> list[Path]:
    """The half's files: sorted names, odd positions (1st, 3rd...) are ``dev``."""
    files = sorted(folder.glob("*.jsonl"))
    if half == "all":
        return files
    return [f for k, f in enumerate(files) if (k % 2 == 0) == (half == "dev")]


def run_idrisi(folder: Path, half: str = "all", show: bool = False) -> dict[str, Any]:
    if show and half != "dev":
        raise SystemExit("misses are read on the dev half only: --half dev --show")
    geo = Geocoder()
    total: Counter[str] = Counter()
    recog: Counter[str] = Counter()
    right: Counter[str] = Counter()
    rows: list[str] = []
    files = idrisi_files(folder, half)
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            tw = json.loads(line)
            found = geo.find_in_document(tw["text"])
            for lm in tw.get("location_mentions") or []:
                t = lm["type"]
                total[t] += 1
                m = covering(found, lm["start_offset"], lm["end_offset"])
                if m is None:
                    if show and t in EVENT_TYPES:
                        rows.append(f"{t}\t{lm['text']}\t{path.stem}\t{tw['text']}")
                    continue
                recog[t] += 1
                if _inside(m, lm.get("osm_json") or {}):
                    right[t] += 1
    if show:
        print("\n".join(rows))
    out: dict[str, Any] = {"half": half, "files": [f.name for f in files]}
    for t, n in total.most_common():
        out[t] = {"mentions": n, "recognised": _rate(recog[t], n),
                  "resolved": _rate(right[t], recog[t])}
    ev = [t for t in total if t in EVENT_TYPES]
    n = sum(total[t] for t in ev)
    r = sum(recog[t] for t in ev)
    out["event types together"] = {"mentions": n, "recognised": _rate(r, n),
                                   "resolved": _rate(sum(right[t] for t in ev), r)}
    return out


def _inside(m: PlaceMention, osm: dict[str, Any]) -> bool:
    try:
        lat, lon = float(osm["lat"]), float(osm["lon"])
    except (KeyError, TypeError, ValueError):
        return False
    if km(m.place.lat, m.place.lon, lat, lon) <= WITHIN_KM:
        return True
    box = osm.get("boundingbox")
    if not box:
        return False
    s, n, w, e = (float(x) for x in box)
    pad = WITHIN_KM / 111.0
    return s - pad <= m.place.lat <= n + pad and w - pad <= m.place.lon <= e + pad


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("gold")
    g.add_argument("gold", type=Path)
    g.add_argument("--show", action="store_true", help="list misses (development set only)")
    i = sub.add_parser("idrisi")
    i.add_argument("--dir", type=Path, default=IDRISI)
    i.add_argument("--half", choices=("dev", "check", "all"), default="all",
                   help="files 1, 3, 5, 7 (sorted) are dev, the others check")
    i.add_argument("--show", action="store_true",
                   help="list unrecognised event-type mentions (dev half only)")
    args = ap.parse_args()
    if args.cmd == "gold":
        report = run_gold(args.gold, args.show)
    else:
        report = run_idrisi(args.dir, args.half, args.show)
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
