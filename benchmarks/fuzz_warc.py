"""Randomly damaged WARC and WARC.gz files through the WARC reader: no exception may
escape, and no reason may name a Python exception type instead of the damage.

    .venv/bin/python benchmarks/fuzz_warc.py [--files 1500] [--seed 1]

Each file is one of two three-page archives (plain and gzip) with one to four
byte flips, cuts, deletions or insertions. Prints how many files raised and the
reasons that still name an exception type (``…Error``), by type.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "faults")]

from bad_inputs import _warc  # noqa: E402

from rasd.ingest.containers import iter_warc  # noqa: E402
from rasd.models import Failure  # noqa: E402


def damaged(rnd: random.Random, bases: list[bytes]) -> bytes:
    data = bytearray(rnd.choice(bases))
    for _ in range(rnd.randint(1, 4)):
        if not data:
            break
        op, i = rnd.random(), rnd.randrange(len(data))
        if op < 0.4:
            data[i] = rnd.randrange(256)
        elif op < 0.6:
            del data[i:i + rnd.randint(1, 50)]
        elif op < 0.8:
            data[i:i] = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 20)))
        else:
            data = data[:i]
    return bytes(data)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    bases = [_warc(3, gz=False), _warc(3, gz=True)]
    folder = Path(tempfile.mkdtemp(prefix="rasd-fuzz-"))
    raised: Counter[str] = Counter()
    named: Counter[str] = Counter()
    docs = failures = 0
    for n in range(args.files):
        path = folder / f"f{n}.warc"
        path.write_bytes(damaged(rnd, bases))
        try:
            for item in iter_warc(path, source=None, max_bytes=1 << 20):
                if isinstance(item, Failure):
                    failures += 1
                    for word in item.reason.replace("(", " ").replace(":", " ").split():
                        if word.endswith("Error") and word != "Error" and word[0].isupper():
                            named[word] += 1
                else:
                    docs += 1
        except Exception as exc:
            raised[type(exc).__name__] += 1
        path.unlink()
    print(f"files: {args.files}, documents: {docs}, failures: {failures}")
    print(f"raised: {dict(raised) or 'none'}")
    print(f"reasons naming an exception type: {dict(named) or 'none'}")


if __name__ == "__main__":
    main()
