"""Find lines of the repository that quote a corpus article (runs of N Arabic words).

    python scripts/check_corpus_quotes.py [PATH ...] [--corpus FILE] [--words 7]

The project keeps no third-party text: tests use sentences the team composes, and
docs or comments may name a corpus article by its doc id but not quote it. This
script reads every text file under the given paths (default: src tests docs
README.md), takes each line's Arabic words, folds the letters that spelling varies
on (hamza forms of alif, taa marbuta, alif maqsura; diacritics and tatweel are not
letters of the run), and reports every line holding a run of N consecutive words
that also occurs in an article of the corpus (a JSON Lines file, gzip or not, with
`id`, `title` and `text`). It prints `file:line: doc-id` per line found and exits 1
if any. Reading the 2015 SaudiNewsNet corpus takes one to two minutes, so it is a
script run before merging, not a unit test; tests/test_check_corpus_quotes.py
checks the matcher on a tiny composed corpus.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PATHS = ("src", "tests", "docs", "README.md")
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "saudinewsnet-2015.jsonl.gz"
# Files that are data read from the corpus on purpose or not text at all.
SKIP_SUFFIXES = frozenset({".gz", ".pyc", ".db", ".sqlite", ".png", ".jpg", ".pdf", ".bin"})

_WORD = re.compile(r"[\u0621-\u063a\u0641-\u064a]+")
# Diacritics and tatweel sit inside words; dropping them first keeps a word whole.
_MARKS = re.compile(r"[\u0640\u064b-\u0652\u0670]")
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})
# A run of the repository's side stops at a string, code or table-cell boundary: two
# strings on one line (a name and the alias it resolves to) are no sentence.
_BOUNDARY = re.compile(r'["`|\t]')


def words(text: str) -> list[str]:
    """The Arabic words of a text, folded so that spelling variants compare equal."""
    return [w.translate(_FOLD) for w in _WORD.findall(_MARKS.sub("", text))]


def shingles(text: str, n: int) -> Iterator[tuple[str, ...]]:
    ws = words(text)
    for i in range(len(ws) - n + 1):
        yield tuple(ws[i:i + n])


@dataclass(frozen=True)
class Line:
    path: str
    number: int
    text: str


@dataclass(frozen=True)
class Hit:
    line: Line
    doc_id: str
    run: tuple[str, ...]


def scan_lines(paths: Iterable[Path]) -> Iterator[Line]:
    """Every line of the text files under paths that has an Arabic word."""
    for top in paths:
        files = sorted(p for p in top.rglob("*") if p.is_file()) if top.is_dir() else [top]
        for f in files:
            if f.suffix in SKIP_SUFFIXES or "__pycache__" in f.parts:
                continue
            try:
                text = f.read_text(encoding="utf-8")
            except (UnicodeDecodeError, OSError):
                continue
            for number, line in enumerate(text.splitlines(), start=1):
                if _WORD.search(line):
                    yield Line(str(f), number, line)


def read_corpus(path: Path) -> Iterator[tuple[str, str]]:
    """(doc id, title and text) of each article of a JSON Lines corpus."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for raw in fh:
            if raw.strip():
                r = json.loads(raw)
                doc_id = str(r.get("id") or r.get("url") or "?")
                yield doc_id, f"{r.get('title') or ''} {r.get('text') or ''}"


def find_quotes(lines: Iterable[Line], corpus: Iterable[tuple[str, str]], n: int) -> list[Hit]:
    """The lines holding a run of n folded words that an article of the corpus also has.

    One hit per line (the first article found), in the order of the lines.
    """
    wanted: dict[tuple[str, ...], list[Line]] = {}
    for line in lines:
        for part in _BOUNDARY.split(line.text):
            for run in shingles(part, n):
                wanted.setdefault(run, []).append(line)
    found: dict[Line, Hit] = {}
    if not wanted:
        return []
    for doc_id, text in corpus:
        for run in shingles(text, n):
            for line in wanted.get(run, ()):
                found.setdefault(line, Hit(line, doc_id, run))
    return sorted(found.values(), key=lambda h: (h.line.path, h.line.number))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="*", type=Path,
                    help=f"files or directories to scan (default: {' '.join(DEFAULT_PATHS)})")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                    help="JSON Lines corpus, gzip or not (default: %(default)s)")
    ap.add_argument("--words", type=int, default=7,
                    help="length of a run that counts as a quote (default: %(default)s)")
    args = ap.parse_args(argv)
    if args.words < 1:
        ap.error("--words must be at least 1")
    paths = args.paths or [Path(p) for p in DEFAULT_PATHS]
    missing = [str(p) for p in paths if not p.exists()]
    if missing or not args.corpus.exists():
        ap.error(f"not found: {', '.join(missing or [str(args.corpus)])}")
    hits = find_quotes(scan_lines(paths), read_corpus(args.corpus), args.words)
    for h in hits:
        print(f"{h.line.path}:{h.line.number}: {h.doc_id}: {' '.join(h.run)}")
    print(f"{len(hits)} line(s) with a run of {args.words} words found in {args.corpus.name}",
          file=sys.stderr)
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main())
