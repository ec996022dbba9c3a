"""Compare two ``rasd extract`` outputs (JSON Lines) event by event.

    .venv/bin/python benchmarks/compare_events.py OLD.jsonl NEW.jsonl [--show N] [--ignore KEY ...]

An event is the same in both when its id and every field compared are equal;
fields a newer rasd adds (``--ignore``, by default the provenance fields
``rules``, ``rasd_version`` and ``ruleset``) are left out. Prints the counts:
events in each file, identical, changed (same id, other fields), only in the
old output, only in the new one, and the documents that differ; with
``--show N`` the first N differences as JSON (use it only on data you may read).
Exit status 0 when the outputs are identical, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

PROVENANCE = ("rules", "rasd_version", "ruleset")


def load(path: Path, ignore: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Events by ``doc_id`` + ``event_id`` (ids are unique within a document)."""
    skip = set(ignore)
    out: dict[str, dict[str, Any]] = {}
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            ev = json.loads(line)
            key = f"{ev['doc_id']}/{ev['event_id']}"
            if key in out:
                raise SystemExit(f"{path}:{n}: event {key} twice")
            out[key] = {k: v for k, v in ev.items() if k not in skip}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("old", type=Path)
    ap.add_argument("new", type=Path)
    ap.add_argument("--show", type=int, default=0, help="Print the first N differences.")
    ap.add_argument("--ignore", nargs="*", default=list(PROVENANCE),
                    help="Event keys left out of the comparison.")
    args = ap.parse_args(argv)
    old, new = load(args.old, args.ignore), load(args.new, args.ignore)
    same = [k for k in old if k in new and old[k] == new[k]]
    changed = [k for k in old if k in new and old[k] != new[k]]
    gone = [k for k in old if k not in new]
    added = [k for k in new if k not in old]
    docs = {k.split("/", 1)[0] for k in changed + gone + added}
    print(f"old {len(old)} events, new {len(new)}: identical {len(same)}, changed {len(changed)}, "
          f"only old {len(gone)}, only new {len(added)}; documents differing {len(docs)}")
    shown = 0
    for label, keys in (("changed", changed), ("only old", gone), ("only new", added)):
        for k in keys:
            if shown >= args.show:
                break
            shown += 1
            print(f"--- {label} {k}")
            if k in old:
                print("old:", json.dumps(old[k], ensure_ascii=False))
            if k in new:
                print("new:", json.dumps(new[k], ensure_ascii=False))
    return 0 if not (changed or gone or added) else 1


if __name__ == "__main__":
    sys.exit(main())
