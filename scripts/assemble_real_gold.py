"""Assemble the coders' batch files into the real-news gold sets, checking every line.

Coders write one file per batch (``BATCH.jsonl``, ``BATCH.docs.txt``) outside the
repository; this script validates them and writes the sets under ``tests/gold/real``:

- ``dev*`` batches -> ``dev.jsonl`` and ``dev_docs.txt``;
- ``ho*`` batches -> ``holdout.jsonl`` and ``holdout_docs.txt``;
- ``dbl*`` batches (second, independent codings of development articles) ->
  ``dev_second.jsonl`` and ``dev_second_docs.txt``;
- ``sd*`` batches (the second development draw, ``dev2_draw.tsv``) -> ``dev2.jsonl`` and
  ``dev2_docs.txt``;
- ``td*`` batches (the third development draw, ``dev3_draw.tsv``) -> ``dev3.jsonl`` and
  ``dev3_docs.txt``;
- ``fd*`` batches (the fourth development draw, ``dev4_draw.tsv``) -> ``dev4.jsonl`` and
  ``dev4_docs.txt``;
- ``vd*`` batches (the fifth development draw, ``dev5_draw.tsv``) -> ``dev5.jsonl`` and
  ``dev5_docs.txt``;
- ``xd*`` batches (the sixth development draw, ``dev6_draw.tsv``) -> ``dev6.jsonl`` and
  ``dev6_docs.txt``.

Checks: each line is a valid gold event (rasd's own parser), with only the gold fields,
a `country` on every location, a doc id that the draw holds for that set, no Arabic
sentence copied into a comment (and comments cut to 240 characters), and cluster ids
that never hold two events of one article. Batches are read in name order so the
output is stable.

    python scripts/assemble_real_gold.py /path/to/coding/out --out tests/gold/real
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from rasd.evaluate.gold import parse_event

FIELDS = ("doc_id", "status", "event_type", "sub_event_type", "actor1", "actor2",
          "assoc_actor1", "assoc_actor2", "location", "date", "fatalities", "cluster",
          "coder", "comment")
LOCATION_FIELDS = ("name", "name_ar", "lat", "lon", "admin1", "admin2", "country",
                   "precision", "tolerance_km")
# Six Arabic words in a row in a comment would be a quoted sentence of the article.
# A coder's note is a short pointer, not a retelling: longer ones are cut at a word.
MAX_COMMENT = 240
_ARABIC_RUN = re.compile(r"(?:[\u0600-\u06ff]+[\s،,]+){5}[\u0600-\u06ff]+")
SETS = {"dev": "dev", "ho": "holdout", "dbl": "dev_second", "sd": "dev2", "td": "dev3",
        "fd": "dev4", "vd": "dev5", "xd": "dev6"}


def set_of(batch: str) -> str:
    for prefix, name in SETS.items():
        if re.fullmatch(rf"{prefix}\d+", batch):
            return name
    raise SystemExit(f"{batch}: not a batch name "
                     "(dev N, ho N, dbl N, sd N, td N, fd N, vd N, xd N)")


def drawn(gold_dir: Path) -> dict[str, set[str]]:
    def ids(name: str) -> set[str]:
        with (gold_dir / name).open(encoding="utf-8") as fh:
            return {r["doc_id"] for r in csv.DictReader(fh, delimiter="\t")}

    dev = ids("dev_draw.tsv")
    sets = {"dev": dev, "holdout": ids("holdout_draw.tsv"), "dev_second": dev}
    for extra in ("dev2", "dev3", "dev4", "dev5", "dev6"):
        if (gold_dir / f"{extra}_draw.tsv").exists():
            sets[extra] = ids(f"{extra}_draw.tsv")
    return sets


def clean_record(rec: dict[str, object], where: str) -> dict[str, object]:
    unknown = set(rec) - set(FIELDS)
    if unknown:
        raise SystemExit(f"{where}: unknown fields {sorted(unknown)}")
    parse_event(rec)  # raises ValueError with the reason
    loc = rec.get("location")
    if isinstance(loc, dict):
        extra = set(loc) - set(LOCATION_FIELDS)
        if extra:
            raise SystemExit(f"{where}: unknown location fields {sorted(extra)}")
        if not loc.get("country"):
            raise SystemExit(f"{where}: location without a country")
        loc = {k: loc[k] for k in LOCATION_FIELDS if k in loc}
    comment = rec.get("comment")
    if isinstance(comment, str) and _ARABIC_RUN.search(comment):
        raise SystemExit(f"{where}: the comment quotes Arabic text: {comment[:80]}")
    if isinstance(comment, str):
        rec = rec | {"comment": short_comment(comment)}
    out = {k: rec.get(k) for k in FIELDS if k in rec or k in ("cluster", "assoc_actor1",
                                                                  "assoc_actor2")}
    out["location"] = loc
    out["assoc_actor1"] = out.get("assoc_actor1") or []
    out["assoc_actor2"] = out.get("assoc_actor2") or []
    return out


def short_comment(text: str, limit: int = MAX_COMMENT) -> str:
    """``text`` cut at the last word boundary before ``limit`` characters, marked with …"""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:-") + "…"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("batches", type=Path, help="folder of BATCH.jsonl / BATCH.docs.txt")
    ap.add_argument("--out", type=Path, default=Path("tests/gold/real"))
    args = ap.parse_args()
    allowed = drawn(args.out)
    events: dict[str, list[dict[str, object]]] = defaultdict(list)
    docs: dict[str, list[str]] = defaultdict(list)
    for docs_file in sorted(args.batches.glob("*.docs.txt")):
        batch = docs_file.name.removesuffix(".docs.txt")
        target = set_of(batch)
        ids = [x.strip() for x in docs_file.read_text(encoding="utf-8").splitlines() if x.strip()]
        for doc_id in ids:
            if doc_id not in allowed[target]:
                raise SystemExit(f"{docs_file}: {doc_id} is not in the {target} draw")
            if doc_id in docs[target]:
                raise SystemExit(f"{docs_file}: {doc_id} coded twice for {target}")
        docs[target] += ids
        path = args.batches / f"{batch}.jsonl"
        lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{path}:{n}"
            try:
                rec = clean_record(json.loads(line), where)
            except ValueError as exc:
                raise SystemExit(f"{where}: {exc}") from None
            if rec["doc_id"] not in ids:
                # An article whose coding was not finished: its events wait for it.
                raise SystemExit(f"{where}: {rec['doc_id']} is not in {docs_file.name}")
            events[target].append(rec)
    for target, evs in events.items():
        per_cluster = Counter((e["cluster"], e["doc_id"]) for e in evs if e.get("cluster"))
        doubled = [c for c, n in per_cluster.items() if n > 1]
        if doubled:
            raise SystemExit(f"{target}: a cluster holds two events of one article: {doubled[:3]}")
    for target in sorted(docs):
        evs = events.get(target, [])
        with (args.out / f"{target}.jsonl").open("w", encoding="utf-8") as fh:
            for e in evs:
                fh.write(json.dumps(e, ensure_ascii=False) + "\n")
        (args.out / f"{target}_docs.txt").write_text("\n".join(docs[target]) + "\n",
                                                     encoding="utf-8")
        clusters = Counter(str(e["cluster"]) for e in evs if e.get("cluster"))
        multi = sum(1 for n in clusters.values() if n >= 2)
        current = sum(1 for e in evs if e["status"] == "current")
        print(f"{target}: {len(docs[target])} articles, {len(evs)} events ({current} current), "
              f"{sum(1 for d in docs[target] if not any(e['doc_id'] == d for e in evs))} "
              f"without events, {multi} incidents told by two articles or more")


if __name__ == "__main__":
    main()
