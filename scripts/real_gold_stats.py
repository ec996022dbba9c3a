"""Describe the real-news gold sets as Markdown tables (for tests/gold/README.md).

    python scripts/real_gold_stats.py [--dir tests/gold/real]

Counts articles, events (current/background), articles with no event and with five
events or more, outlets, strata of the draw, events per type and per country,
multi-article incidents (clusters told by two articles or more) and coders.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter, defaultdict
from pathlib import Path


def load(path: Path) -> list[dict[str, object]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def describe(name: str, events: list[dict[str, object]], docs: list[str],
             draw: dict[str, dict[str, str]]) -> list[str]:
    per_doc = Counter(str(e["doc_id"]) for e in events)
    current = sum(1 for e in events if e["status"] == "current")
    clusters: dict[str, set[str]] = defaultdict(set)
    for e in events:
        if e.get("cluster"):
            clusters[str(e["cluster"])].add(str(e["doc_id"]))
    multi = [c for c, d in clusters.items() if len(d) >= 2]
    outlets = Counter(draw[d]["source"] for d in docs)
    strata = Counter(draw[d]["stratum"].split(":")[0] for d in docs)
    coders = Counter(str(e.get("coder")) for e in events)
    lines = [
        f"### {name}",
        "",
        "| | |",
        "|---|---:|",
        f"| articles | {len(docs)} |",
        f"| events (current / background) | {len(events)} ({current} / {len(events) - current}) |",
        f"| articles with no event | {sum(1 for d in docs if not per_doc[d])} |",
        f"| articles with five events or more | {sum(1 for d in docs if per_doc[d] >= 5)} |",
        f"| outlets | {len(outlets)} |",
        f"| incidents told by two articles or more (clusters) | {len(multi)} |",
        f"| articles in those incidents | {len(set().union(*[clusters[c] for c in multi]))} |",
        f"| draw strata | {', '.join(f'{k} {v}' for k, v in sorted(strata.items()))} |",
        f"| coders (events) | {', '.join(f'{k} {v}' for k, v in sorted(coders.items()))} |",
        "",
        "| event type | current | background |",
        "|---|---:|---:|",
    ]
    types = Counter((str(e["event_type"]), str(e["status"])) for e in events)
    for t in sorted({t for t, _ in types}):
        lines.append(f"| {t} | {types[t, 'current']} | {types[t, 'background']} |")
    countries = Counter(
        str(e["location"]["country"]) if isinstance(e.get("location"), dict) else "(none)"
        for e in events if e["status"] == "current"
    )
    lines += ["", "Current events by country: "
              + ", ".join(f"{c} {n}" for c, n in countries.most_common()), ""]
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", type=Path, default=Path("tests/gold/real"))
    args = ap.parse_args()
    draw: dict[str, dict[str, str]] = {}
    for f in ("dev_draw.tsv", "holdout_draw.tsv", "dev2_draw.tsv", "dev3_draw.tsv",
              "dev4_draw.tsv", "dev5_draw.tsv", "dev6_draw.tsv"):
        with (args.dir / f).open(encoding="utf-8") as fh:
            draw |= {r["doc_id"]: r for r in csv.DictReader(fh, delimiter="\t")}
    for name in ("dev", "holdout", "dev_second", "dev2", "dev3", "dev4", "dev5", "dev6"):
        docs_path = args.dir / f"{name}_docs.txt"
        if not docs_path.exists():
            continue
        docs = [d for d in docs_path.read_text(encoding="utf-8").split() if d]
        print("\n".join(describe(name, load(args.dir / f"{name}.jsonl"), docs, draw)))


if __name__ == "__main__":
    main()
