"""Count which village names Arabic news uses as ordinary words.

Usage: python scripts/build_geo_words.py [--corpus ../shared/corpora/...jsonl.gz]

Who's On First brings tens of thousands of villages, many named like common words
(``علي`` reads as "على", ``الحرب``, ``السلام`` …). For every one-word name of a
village-level place this script counts, over the SaudiNewsNet corpus (the gold
sets' articles left out), how often the word occurs and how often a naming feature
word (قرية، بلدة، مدينة، منطقة …) or a strong place relation (جبهة، محيط، ريف …),
with or without a proclitic (بمنطقة), stands right before it. Names the news writes
often and rarely after a feature word are words first: the geocoder reads them as
places only after a feature word. Only counts are written
(``src/rasd/data/geo_word_counts.tsv``), no text.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter
from pathlib import Path

from rasd.geo.cues import NAME_HEADS, NAMING_FEATURES
from rasd.geo.gazetteer import load_gazetteer
from rasd.geo.text import fold
from rasd.geo.words import WORDS_PATH, is_village_level

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "saudinewsnet-2015.jsonl.gz"
GOLD_DOCS = [ROOT / "tests/gold/real/dev_docs.txt", ROOT / "tests/gold/real/holdout_docs.txt",
             ROOT / "tests/gold/real/dev_second_docs.txt"]
MIN_COUNT = 10
_WORD = re.compile("[\u0621-\u064a]+")
_CLITICS = ("وب", "وال", "بال", "فال", "لل", "و", "ب", "ف", "ل")
# Words after which a name is a place: the naming features and the place
# relations that take nothing but a place ("محيط X", "بريف Y"; not "جبهة": "جبهة النصرة";
# not "داخل", said of houses and bakeries too), read with their proclitics
# ("بمنطقة", "وجبهة") stripped.
PLACE_CUES = NAMING_FEATURES | frozenset({"محيط", "اطراف", "مشارف", "تخوم", "ضواحي",
                                          "ريف", "محور"})
_CUE_CLITICS = ("وب", "فب", "و", "ف", "ب", "ل")


def is_cue(word: str) -> bool:
    """Whether a folded word is a place cue, bare or after a proclitic."""
    if word in PLACE_CUES:
        return True
    return any(word.startswith(c) and word[len(c):] in PLACE_CUES for c in _CUE_CLITICS)


def gold_ids() -> set[str]:
    out: set[str] = set()
    for p in GOLD_DOCS:
        if p.exists():
            out |= {ln.split("\t")[0].strip() for ln in p.read_text("utf-8").splitlines()}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--out", type=Path, default=WORDS_PATH)
    args = ap.parse_args()
    gaz = load_gazetteer()
    names: set[str] = set()
    for p in gaz:
        if not is_village_level(p):
            continue
        for n in (p.name_ar, *p.aliases):
            f = fold(n)
            if " " not in f:
                names.add(f)
                names.add(f[2:] if f.startswith("ال") else "ال" + f)
    skip = gold_ids()
    total: Counter[str] = Counter()
    cued: Counter[str] = Counter()
    with gzip.open(args.corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("id") in skip:
                continue
            prev = ""
            for w in _WORD.findall(fold(str(rec.get("title") or "") + " " +
                                        str(rec.get("text") or ""))):
                stem = w
                if w not in names:
                    for c in _CLITICS:
                        if w.startswith(c) and (("ال" + w[len(c):]) if c == "لل" else
                                                w[len(c):]) in names:
                            stem = ("ال" + w[len(c):]) if c == "لل" else w[len(c):]
                            break
                if stem in names:
                    total[stem] += 1
                    # The head of a compound name ("منطقة بيت لاهيا") does not
                    # make its first word a place.
                    if is_cue(prev) and stem not in NAME_HEADS:
                        cued[stem] += 1
                prev = w
    rows = sorted(((w, n, cued[w]) for w, n in total.items() if n >= MIN_COUNT),
                  key=lambda r: (-r[1], r[0]))
    with args.out.open("w", encoding="utf-8") as out:
        out.write("# One-word village names and how the news uses them: occurrences in the\n"
                  "# SaudiNewsNet 2015 corpus (gold-set articles left out) and occurrences\n"
                  "# right after a naming feature word or a strong place relation (proclitics\n"
                  "# stripped). Counts only; built by\n"
                  "# scripts/build_geo_words.py.\nword\tcount\tafter_feature\n")
        for w, n, c in rows:
            out.write(f"{w}\t{n}\t{c}\n")
    print(f"{len(rows)} names -> {args.out}")


if __name__ == "__main__":
    main()
