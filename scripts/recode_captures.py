"""Apply the team's convention for captures of territory to committed gold files.

The coders split on captures by the Popular Resistance in Yemen: some coded them
"Government regains territory" (the Resistance fights for Hadi's government), others
"Non-state actor overtakes territory" (it is not a state force). event-coding.md's table
decides by the capturing side (state forces regain, a non-state group overtakes) and ACLED
counts "government forces or their affiliates" as regaining. The convention
(tests/gold/README.md, "Coding decisions"): a capture is "Government regains territory"
when the state forces of the country where it happens (``Military Forces of Yemen``,
``Police Forces of Iraq``) are actor 1 or among actor 1's associated actors, and
"Non-state actor overtakes territory" otherwise (a foreign state's air support, as the
United States' beside the YPG, does not make a capture the government's). It is
what most coders had done: the Resistance alone overtakes (38 of 50 such events before
the recoding), the Resistance with the army beside it regains (14 of 18).

Only the sub-event type of capture events changes; every other byte of a line stays as
it was. The script prints counts per file, never events, so it can run over the
held-out set without anyone reading it::

    python scripts/recode_captures.py tests/gold/real/*.jsonl tests/gold/holdout/*.jsonl
    python scripts/recode_captures.py --check tests/gold/real/*.jsonl  # exit 1 if any

It is mechanical and looks at no rasd output: the gold stays coded from the articles.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from functools import cache
from pathlib import Path

REGAINS = "Government regains territory"
OVERTAKES = "Non-state actor overtakes territory"
CAPTURES = frozenset({REGAINS, OVERTAKES})
# ACLED's names for state forces (inter 1); every other actor is a non-state group here.
STATE_PREFIXES = ("Military Forces of ", "Police Forces of ")


COUNTRIES = Path(__file__).resolve().parents[1] / "src" / "rasd" / "data" / "actor_countries.tsv"


@cache
def country_names() -> dict[str, str]:
    """ISO code -> the English name ACLED's actor names end with (rasd's country table)."""
    with COUNTRIES.open(encoding="utf-8") as fh:
        rows = csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t")
        return {r["iso2"]: r["name"] for r in rows}


def state_forces_of(actor: str, country: str | None) -> bool:
    """Whether ``actor`` is the state forces of ``country`` (of any country if unknown)."""
    if not actor.startswith(STATE_PREFIXES):
        return False
    if not country:
        return True
    name = country_names().get(country, country)
    return actor.endswith((f" of {name}", f" of the {name}"))


def convention(actor1: str | None, associates: list[str] | None = None,
               country: str | None = None) -> str:
    """The sub-event type of a capture by ``actor1`` (with ``associates``) in ``country``
    under the convention."""
    side = [actor1 or "", *(associates or [])]
    if any(state_forces_of(a, country) for a in side):
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
    location = event.get("location") or {}
    wanted = convention(event.get("actor1"), event.get("assoc_actor1"), location.get("country"))
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
