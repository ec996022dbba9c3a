"""Extraction figures on the real-news gold sets, one line a set (the lead's merge check).

    .venv/bin/python benchmarks/eval_sets.py [dev dev2 dev3] [--workdir /tmp/eval-sets]
        [--tag NAME] [--jobs 2]

For each named set: fetch its articles from ``../shared`` (``scripts/real_gold_articles.py``),
run ``rasd extract --jobs N`` on them, score with ``rasd eval --json`` and print precision,
recall, F1 and the field accuracies over paired current events. Predictions are kept as
``WORKDIR/TAG.SET.pred`` so two versions can be compared with ``cmp``. Figures only: this
script prints no event, so it is also how a set kept unread (``dev3`` in the fifth session
of 2026-12-07) is scored. The held-out set is refused; score it with ``rasd eval
--summary`` and log the scoring (``tests/gold/README.md``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold" / "real"
FIELDS = ("sub_event_type", "actors", "location", "date", "fatalities")
HELD_OUT = "holdout"


def _rasd(*args: str) -> str:
    # The rasd of this checkout, whatever is installed: run its CLI from ``src``.
    code = "import sys; from rasd.cli.main import main; sys.argv[0] = 'rasd'; main()"
    done = subprocess.run([sys.executable, "-c", code, *args], check=True,
                          capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    return done.stdout


def line(name: str, report: dict[str, object]) -> str:
    """One set's figures as a line: P, R, F1, then each field's accuracy."""
    overall = report["overall"]
    assert isinstance(overall, dict)
    fields = overall.get("fields") or {}

    def acc(key: str) -> str:
        v = fields.get(key, {}).get("accuracy")
        return "n/a" if v is None else f"{v:.3f}"

    return (f"{name:5s} P {overall['precision']:.3f} R {overall['recall']:.3f} "
            f"F1 {overall['f1']:.3f} | " + " ".join(f"{k} {acc(k)}" for k in FIELDS)
            + f" | predicted {overall['predicted']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sets", nargs="*", default=["dev", "dev2", "dev3"])
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/eval-sets"))
    ap.add_argument("--tag", default="run")
    ap.add_argument("--jobs", default="2")
    args = ap.parse_args(argv)
    if HELD_OUT in args.sets:
        ap.error("the held-out set is scored with `rasd eval --summary` and logged, not here")
    args.workdir.mkdir(parents=True, exist_ok=True)
    for name in args.sets:
        docs = GOLD / f"{name}_docs.txt"
        if not docs.exists():
            ap.error(f"no gold set {name!r} ({docs} is missing)")
        articles = args.workdir / f"{name}.jsonl"
        if not articles.exists():
            subprocess.run([sys.executable, str(ROOT / "scripts" / "real_gold_articles.py"),
                            str(docs), "-o", str(articles)], check=True)
        pred = args.workdir / f"{args.tag}.{name}.pred"
        pred.write_text(_rasd("extract", str(articles), "--jobs", args.jobs), encoding="utf-8")
        report = json.loads(_rasd("eval", "--gold", str(GOLD / f"{name}.jsonl"),
                                  "--pred", str(pred), "--docs", str(docs), "--json"))
        print(line(name, report), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
