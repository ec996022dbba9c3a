"""Merge precision and recall on a real-news gold set (``rasd eval --merge``).

The gold set's articles go through ``rasd run`` into a fresh SQLite database; its
report-level events, each with its canonical event id, are scored against the gold
incident clusters:

    .venv/bin/python benchmarks/merge_gold.py dev|dev2|dev3|dev4 [--workdir DIR] [--text]
    .venv/bin/python benchmarks/merge_gold.py holdout|dev6 # figures only, always
    .venv/bin/python benchmarks/merge_gold.py dev --remerge   # re-merge the stored reports
    .venv/bin/python benchmarks/merge_gold.py dev --remerge --option one_act=false

which runs, for the development set:

    python scripts/real_gold_articles.py tests/gold/real/dev_docs.txt -o W/dev.jsonl
    rasd run W/dev.jsonl --db sqlite:///W/dev.db --quiet
    rasd export --db sqlite:///W/dev.db --level report --format jsonl -o W/dev-reports.jsonl
    rasd eval --gold tests/gold/real/dev.jsonl --docs tests/gold/real/dev_docs.txt \\
        --pred W/dev-reports.jsonl --merge --bootstrap 0 [--summary]

``--remerge`` keeps the extracted reports of an earlier run and merges them again
from scratch (near-copy links and canonical events are dropped first), for tuning
the merge rules without extracting again. The held-out set is always scored with
``--summary``: figures, never its events or merges.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold" / "real"
BIN = Path(sys.executable).parent


def _rasd(*args: str) -> str:
    done = subprocess.run([str(BIN / "rasd"), *args], check=True, capture_output=True,
                          text=True)
    return done.stdout


def _remerge(db: Path, options: list[str]) -> None:
    from rasd.merge.dedup import dedup_pending
    from rasd.pipeline.merge_stage import merge_reports
    from rasd.store import open_store
    from rasd.store.canonical import reset_canonical, reset_duplicates

    sys.path.insert(0, str(Path(__file__).parent))
    from merge_oracle import merge_options

    with open_store(f"sqlite:///{db}") as store:
        reset_duplicates(store)
        reset_canonical(store)
        dedup_pending(store)
        merge_reports(store, options=merge_options(options))
        store.commit()


UNREAD = ("holdout", "dev6")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("set", choices=("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "holdout"))
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/merge-gold"))
    ap.add_argument("--remerge", action="store_true",
                    help="Merge the reports of an earlier run again (no extraction).")
    ap.add_argument("--option", action="append", default=[], metavar="NAME=VALUE",
                    help="With --remerge: a MergeOptions field (repeatable).")
    ap.add_argument("--text", action="store_true",
                    help="Print eval's text report (development sets only: it lists the errors).")
    args = ap.parse_args(argv)
    work: Path = args.workdir
    work.mkdir(parents=True, exist_ok=True)
    docs = GOLD / f"{args.set}_docs.txt"
    articles, db = work / f"{args.set}.jsonl", work / f"{args.set}.db"
    reports = work / f"{args.set}-reports.jsonl"
    if args.remerge:
        _remerge(db, args.option)
    else:
        subprocess.run([sys.executable, str(ROOT / "scripts" / "real_gold_articles.py"),
                        str(docs), "-o", str(articles)], check=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        _rasd("run", str(articles), "--db", f"sqlite:///{db}", "--quiet")
    _rasd("export", "--db", f"sqlite:///{db}", "--level", "report", "--status", "all",
          "--format", "jsonl", "-o", str(reports))
    # The held-out set and the unread check set (dev6; dev5 until the eighth session
    # opened it, dev4 until the seventh) give figures, never events.
    summary = args.set in UNREAD or not args.text
    flags = ["--merge", "--bootstrap", "0"] + (["--summary"] if summary else [])
    cmd = ["eval", "--gold", str(GOLD / f"{args.set}.jsonl"), "--docs", str(docs),
           "--pred", str(reports), *flags]
    if args.text and args.set not in UNREAD:
        print(_rasd(*cmd))
        return 0
    data = json.loads(_rasd(*cmd, "--json"))
    m, o = data["merge"], data["overall"]
    print(json.dumps({"set": args.set, "extraction": {k: o[k] for k in ("precision", "recall",
                                                                          "f1")},
                      "merge": m}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
