"""Apply the team's convention for captures of territory to committed gold files.

The coders split on captures by the Popular Resistance in Yemen: some coded them
"Government regains territory" (the Resistance fights for Hadi's government), others
"Non-state actor overtakes territory" (it is not a state force). event-coding.md's table
decides by the capturing actor: state forces regain, a non-state group overtakes. The
convention (tests/gold/README.md, "Coding decisions") is that table read literally: the
sub-event type of a capture follows actor 1 — ``Military Forces of …`` and ``Police
Forces of …`` regain, every other actor overtakes. An ally among the associated actors
does not change it.

Only the sub-event type of capture events changes; every other byte of a line stays as
it was. The script prints counts per file, never events, so it can run over the
held-out set without anyone reading it::

    python scripts/recode_captures.py tests/gold/real/*.jsonl tests/gold/holdout/*.jsonl
    python scripts/recode_captures.py --check tests/gold/real/*.jsonl  # exit 1 if any

It is mechanical and looks at no rasd output: the gold stays coded from the articles.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REGAINS = "Government regains territory"
OVERTAKES = "Non-state actor overtakes territory"
CAPTURES = frozenset({REGAINS, OVERTAKES})
# ACLED's names for state forces (inter 1); every other actor is a non-state group here.
STATE_PREFIXES = ("Military Forces of ", "Police Forces of ")


def convention(actor1: str | None) -> str:
    """The sub-event type of a capture by ``actor1`` under the convention."""
    if actor1 and actor1.startswith(STATE_PREFIXES):
        return REGAINS
    return OVERTAKES


def recode_line(line: str) -> tuple[str, bool]:
    """The line with its capture sub-type set by the convention, and whether it changed.

    A plain string replacement keeps the coder's formatting and key order.
    """
    event = json.loads(line)
    current = event.get("sub_event_type")
    if current not in CAPTURES:
        return line, False
    wanted = convention(event.get("actor1"))
    if wanted == current:
        return line, False
    old = json.dumps(current, ensure_ascii=False)
    new = json.dumps(wanted, ensure_ascii=False)
    key = f'"sub_event_type": {old}'
    if line.count(key) != 1:
        raise ValueError(f"sub_event_type not found once in a line of {event.get('doc_id')}")
    return line.replace(key, f'"sub_event_type": {new}'), True


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--check", action="store_true",
                    help="change nothing; exit 1 if any line breaks the convention")
    args = ap.parse_args()
    pending = 0
    for path in args.files:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        out: list[str] = []
        changed = 0
        for line in lines:
            if not line.strip():
                out.append(line)
                continue
            new, did = recode_line(line)
            changed += did
            out.append(new)
        pending += changed
        print(f"{path}: {changed} capture sub-type(s) {'to change' if args.check else 'changed'}")
        if changed and not args.check:
            path.write_text("".join(out), encoding="utf-8")
    return 1 if args.check and pending else 0


if __name__ == "__main__":
    sys.exit(main())
