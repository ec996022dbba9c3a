"""Write the corpus articles of a real-news gold set as a JSON Lines input for rasd.

The gold sets keep document ids only (the corpus may not be redistributed); this
script fetches the articles from ``../shared`` so that rasd can run on them:

    python scripts/real_gold_articles.py tests/gold/real/dev_docs.txt -o /tmp/dev.jsonl
    rasd extract /tmp/dev.jsonl > /tmp/dev-pred.jsonl
    rasd eval --gold tests/gold/real/dev.jsonl --pred /tmp/dev-pred.jsonl \
        --docs tests/gold/real/dev_docs.txt --explain

Records keep the corpus fields (id, source, url, published, title, text) in the order
of the docs file; an id missing from the corpus is an error naming it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared/corpora/saudinewsnet-2015.jsonl.gz"


def read_ids(paths: list[Path]) -> list[str]:
    ids: list[str] = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("\t")[0].strip()
            if line and not line.startswith("#") and line != "doc_id" and line not in ids:
                ids.append(line)
    return ids


def articles(ids: list[str], corpus: Path = CORPUS) -> list[dict[str, object]]:
    """The corpus records of ``ids``, in that order."""
    wanted = set(ids)
    found: dict[str, dict[str, object]] = {}
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["id"] in wanted:
                found[rec["id"]] = rec
    missing = [i for i in ids if i not in found]
    if missing:
        raise SystemExit(f"not in {corpus}: {', '.join(missing[:10])}")
    return [found[i] for i in ids]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("docs", nargs="+", type=Path, help="docs.txt files (or draw .tsv files)")
    ap.add_argument("-o", "--output", type=Path, help="JSON Lines file (default: stdout)")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args()
    out = args.output.open("w", encoding="utf-8") if args.output else sys.stdout
    for rec in articles(read_ids(args.docs), args.corpus):
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    if args.output:
        out.close()


if __name__ == "__main__":
    main()
