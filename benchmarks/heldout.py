"""The documents of the real-news held-out gold set, which corpus-wide runs leave out.

A held-out set is only scored, with figures alone; a benchmark that writes events or
prints merged samples over the whole corpus would show its articles' events to whoever
reads the output, and spend it. So merge samples skip these documents and extraction
outputs drop their events (timing still covers them: throughput is not an error read).
"""

from __future__ import annotations

from pathlib import Path

HOLDOUT_DOCS = Path(__file__).resolve().parents[1] / "tests" / "gold" / "real" / "holdout_docs.txt"


def held_out() -> frozenset[str]:
    """Document ids of the held-out set (empty when the file is absent)."""
    if not HOLDOUT_DOCS.is_file():
        return frozenset()
    lines = HOLDOUT_DOCS.read_text(encoding="utf-8").splitlines()
    return frozenset(x.strip() for x in lines if x.strip() and not x.startswith("#"))


def drop_held_out_events(path: Path) -> int:
    """Remove the events of held-out documents from a JSON Lines output; returns how many."""
    import json

    ids = held_out()
    kept: list[str] = []
    dropped = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and json.loads(line).get("doc_id") in ids:
            dropped += 1
        else:
            kept.append(line)
    path.write_text("\n".join(kept) + ("\n" if kept else ""), encoding="utf-8")
    return dropped
