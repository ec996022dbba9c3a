"""Draw the real-news gold sets (development and held-out) from the SaudiNewsNet corpus.

The draw decides which corpus articles get coded by hand; it must not favour what rasd
already does well, so it uses none of rasd's extraction: articles are put in strata by
plain keyword counts (named below), and drawn at random with a fixed seed:

- ``group``: a multi-article incident candidate: two or three articles from different
  outlets, published within a day of each other, that are near copies or share much of
  their vocabulary, each with a violence word in its headline and several in its text.
  Coders confirm the shared incident and give its events one ``cluster`` id; this is
  what merge recall is measured on.
- ``dense``: a daily report, violence words in many sentences.
- ``claim``: claims, denials and statements about violence.
- ``political``: a long piece about a conflict country that only mentions violence.
- ``country:XX``: an article about violence in or around one conflict country.
- ``none``: no violence word at all (whatever rasd finds there is a false positive).

The development set is drawn from 21-31 July 2015, the held-out set from 3-11 August
(1-2 August left out as a buffer), and a held-out article is dropped when it is a near
copy of, or shares much of its vocabulary with, a development article, so the two sets
share no wire story and, as far as words can tell, no incident.

The script folds letters and signs near copies itself rather than through rasd's
normalisation and dedup: the draw must come out the same with the next seed whatever
those modules become, so nothing it depends on may change under it.

Output (ids and strata only, never text): ``DIR/dev_draw.tsv``, ``DIR/holdout_draw.tsv``
and ``DIR/dev_double.txt`` (development articles to be coded a second time). A new
held-out set after this one is spent: ``--seed`` (the next integer), same command.

    python scripts/draw_real_gold.py --corpus ../shared/corpora/saudinewsnet-2015.jsonl.gz \
        --out tests/gold/real --seed 1
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from datasketch import MinHash, MinHashLSH

DEV_SPAN = (date(2015, 7, 21), date(2015, 7, 31))
HOLDOUT_SPAN = (date(2015, 8, 3), date(2015, 8, 11))

# Words that make an article about a country's conflict (folded as ``fold`` does).
COUNTRY_CUES: dict[str, tuple[str, ...]] = {
    "SY": ("سوريا", "سوريه", "السوري", "دمشق", "حلب", "ادلب", "حمص", "حماه", "درعا",
           "الزبداني", "الرقه", "دير الزور", "الحسكه", "اللاذقيه", "القنيطره"),
    "IQ": ("العراق", "العراقي", "بغداد", "الانبار", "الرمادي", "الفلوجه", "الموصل",
           "صلاح الدين", "تكريت", "بيجي", "ديالى", "كركوك", "الحشد الشعبي"),
    "YE": ("اليمن", "اليمني", "صنعاء", "عدن", "تعز", "الحوثي", "مارب", "لحج", "ابين",
           "الضالع", "صعده", "شبوه", "الحديده", "المخلافي"),
    "LY": ("ليبيا", "الليبي", "طرابلس", "بنغازي", "درنه", "سرت", "مصراته", "حفتر"),
    "TR": ("تركيا", "التركي", "انقره", "حزب العمال الكردستاني", "الكردستاني", "ديار بكر"),
    "LB": ("لبنان", "اللبناني", "بيروت", "عرسال", "صيدا", "عين الحلوه", "حزب الله"),
    "EG": ("مصر", "المصري", "سيناء", "العريش", "الشيخ زويد", "رفح المصريه", "القاهره"),
    "PS": ("فلسطين", "الفلسطيني", "غزه", "الضفه", "القدس", "الاحتلال", "الاسرائيلي",
           "نابلس", "الخليل", "مستوطن"),
    "SA": ("جازان", "نجران", "ظهران الجنوب", "الحد الجنوبي", "الحدود الجنوبيه", "الطوال",
           "الخوبه", "القطيف", "الدمام", "امن الدوله"),
}
# Violence and strategic-development words; a sentence with one counts once.
VIOLENCE_CUES: tuple[str, ...] = (
    "قتل", "مقتل", "قتلى", "قتيل", "اشتباك", "معارك", "مواجهات", "غاره", "غارات", "قصف",
    "هجوم", "تفجير", "انفجار", "انتحاري", "مفخخ", "عبوه ناسفه", "مسلح", "اغتيال", "اعدام",
    "اختطاف", "خطف", "اعتقال", "قذائف", "صاروخ", "استشهد", "سيطر", "استعاد", "كمين",
    "مظاهره", "احتجاج", "اعتصام", "جرحى", "اصابه",
)
CLAIM_CUES: tuple[str, ...] = ("تبنى", "تبنت", "مسؤوليته", "مسؤوليتها", "نفى", "نفت",
                               "زعم", "ادعى", "بيان")

# Stratum thresholds, in sentences with a violence word.
DENSE_MIN = 9
CONFLICT_MIN = 2
POLITICAL_MAX = 2
POLITICAL_MIN_CHARS = 2500
POLITICAL_MIN_COUNTRY = 4
# Multi-article incident candidates: shared vocabulary (Jaccard of word sets) or near copy.
GROUP_JACCARD = 0.22
GROUP_MIN_VIOLENCE = 3
GROUP_MAX_SIZE = 3
NEAR_COPY = 0.5
# A held-out article this close to any development article is left out.
HOLDOUT_EXCLUDE_JACCARD = 0.18

DEV_QUOTAS: dict[str, int] = {
    "dense": 18, "claim": 5, "political": 8, "none": 12,
    "country:SY": 8, "country:IQ": 7, "country:YE": 9, "country:LY": 5, "country:TR": 5,
    "country:LB": 5, "country:EG": 5, "country:PS": 5, "country:SA": 6,
}
DEV_GROUPS = 28
HOLDOUT_QUOTAS: dict[str, int] = {
    "dense": 7, "claim": 2, "political": 4, "none": 6,
    "country:SY": 4, "country:IQ": 3, "country:YE": 4, "country:LY": 2, "country:TR": 2,
    "country:LB": 2, "country:EG": 2, "country:PS": 2, "country:SA": 3,
}
HOLDOUT_GROUPS = 11
DOUBLE_CODED = 20
# A second development set (``--second-dev``), drawn once with its own seed from the
# development window after the first: a fresh sample to check that what was learnt on the
# first generalises before the held-out set is scored. It leaves out every article of the
# first two sets, their near copies and any article sharing much vocabulary with one, so
# it shares no wire story with either.
DEV2_SEED = 1001
DEV2_QUOTAS: dict[str, int] = {
    "dense": 10, "claim": 3, "political": 5, "none": 6,
    "country:SY": 5, "country:IQ": 4, "country:YE": 5, "country:LY": 3, "country:TR": 3,
    "country:LB": 3, "country:EG": 3, "country:PS": 3, "country:SA": 4,
}
DEV2_GROUPS = 12
# A third development set (``--third-dev``), drawn the same way with the next seed after
# the second had been read through (issue 14): every rule tuned on the first two sets is
# checked on articles nobody has looked at, before the held-out set is scored again. It
# leaves out the first three sets' articles, their copies and close relatives.
DEV3_SEED = 1002
# A fourth development set (``--fourth-dev``), drawn the same way with the next seed when
# the third was opened for development (sixth session of 2026-12-07): the new unread check
# set. Its pool also leaves out the third set's articles and relatives, and those of the
# next held-out draw (seed 2) as well as the first, so that a spent held-out set's
# successor shares no wire story with it either.
DEV4_SEED = 1003
# A fifth development set (``--fifth-dev``), drawn the same way with the next seed when
# the fourth was opened for development (seventh session of 2026-12-07): the new unread
# check set. Its pool also leaves out the fourth set's articles and relatives.
DEV5_SEED = 1004
# A sixth development set (``--sixth-dev``), drawn the same way with the next seed when
# the fifth was opened for development (eighth session of 2026-12-07): the new unread
# check set. Its pool also leaves out the fifth set's articles and relatives.
DEV6_SEED = 1005

_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي",
                       "ؤ": "و", "ئ": "ي", "ـ": None})
_DIACRITICS = re.compile("[\u064b-\u0652\u0670]")
_SENTENCE = re.compile(r"[.!؟?\n]+")
_WORD = re.compile(r"[\u0621-\u064a]{4,}")


def fold(text: str) -> str:
    """Arabic letters folded the simple way: hamza forms, ta marbuta, alef maqsura."""
    return _DIACRITICS.sub("", text).translate(_FOLD)


@dataclass
class Article:
    doc_id: str
    source: str
    day: date
    chars: int
    violence: int
    claim: bool
    title_violence: bool
    countries: dict[str, int]
    words: frozenset[str] = field(repr=False)
    strata: list[str] = field(default_factory=list)

    @property
    def country(self) -> str | None:
        if not self.countries:
            return None
        return max(sorted(self.countries), key=lambda c: self.countries[c])


def read_article(record: dict[str, str]) -> Article | None:
    text = f"{record.get('title') or ''}\n{record.get('text') or ''}"
    if not record.get("published") or len(text.strip()) < 200:
        return None
    folded = fold(text)
    title = fold(record.get("title") or "")
    violence = sum(1 for s in _SENTENCE.split(folded) if any(c in s for c in VIOLENCE_CUES))
    countries = {c: n for c, cues in COUNTRY_CUES.items()
                 if (n := sum(folded.count(cue) for cue in cues))}
    return Article(doc_id=record["id"], source=record["source"],
                   day=date.fromisoformat(record["published"][:10]), chars=len(text),
                   violence=violence, claim=any(c in folded for c in CLAIM_CUES),
                   title_violence=any(c in title for c in VIOLENCE_CUES),
                   countries=countries, words=frozenset(_WORD.findall(folded)))


def strata(a: Article) -> list[str]:
    out: list[str] = []
    about = a.country
    if a.violence == 0:
        return ["none"]
    if about and a.violence >= DENSE_MIN:
        out.append("dense")
    if about and a.violence >= CONFLICT_MIN:
        out.append(f"country:{about}")
        if a.claim:
            out.append("claim")
    if (about and a.violence <= POLITICAL_MAX and a.chars >= POLITICAL_MIN_CHARS
            and sum(a.countries.values()) >= POLITICAL_MIN_COUNTRY):
        out.append("political")
    return out


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def near_copies(texts: dict[str, str]) -> dict[str, set[str]]:
    """Near-copy links (MinHash over word 5-shingles), the way rasd's dedup links them."""
    lsh = MinHashLSH(threshold=NEAR_COPY, num_perm=64)
    sigs: dict[str, MinHash] = {}
    for doc_id, text in texts.items():
        words = _WORD.findall(fold(text)) or [""]
        m = MinHash(num_perm=64, seed=1)
        for i in range(max(1, len(words) - 4)):
            m.update(" ".join(words[i:i + 5]).encode())
        sigs[doc_id] = m
        lsh.insert(doc_id, m)
    links: dict[str, set[str]] = defaultdict(set)
    for doc_id, m in sigs.items():
        for other in lsh.query(m):
            if other != doc_id:
                links[doc_id].add(other)
    return links


def incident_groups(pool: list[Article], links: dict[str, set[str]]) -> list[list[Article]]:
    """Components of articles from different outlets that likely tell one incident."""
    # An incident story names its violence in the headline and its country more than once.
    cands = [a for a in pool if a.violence >= GROUP_MIN_VIOLENCE and a.title_violence
             and a.country and a.countries[a.country] >= 2]
    by_id = {a.doc_id: a for a in cands}
    parent = {a.doc_id: a.doc_id for a in cands}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, a in enumerate(cands):
        for b in cands[i + 1:]:
            if a.source == b.source or abs((a.day - b.day).days) > 1:
                continue
            if b.doc_id in links.get(a.doc_id, ()) or jaccard(a.words, b.words) >= GROUP_JACCARD:
                parent[find(a.doc_id)] = find(b.doc_id)
    comps: dict[str, list[Article]] = defaultdict(list)
    for doc_id in by_id:
        comps[find(doc_id)].append(by_id[doc_id])
    return [sorted(c, key=lambda a: a.doc_id) for c in comps.values() if len(c) >= 2]


def draw(pool: list[Article], quotas: dict[str, int], n_groups: int, links: dict[str, set[str]],
         rng: random.Random) -> list[tuple[Article, str, str]]:
    """(article, stratum, group id) rows: groups first, then each stratum's quota."""
    taken: set[str] = set()
    rows: list[tuple[Article, str, str]] = []

    def block(a: Article) -> None:
        taken.add(a.doc_id)
        taken.update(links.get(a.doc_id, ()))

    groups = incident_groups(pool, links)
    rng.shuffle(groups)
    for g in groups[:n_groups]:
        members: list[Article] = []
        for a in sorted(g, key=lambda a: (-a.violence, a.doc_id)):
            if a.source not in {m.source for m in members} and len(members) < GROUP_MAX_SIZE:
                members.append(a)
        gid = f"g{len({r[2] for r in rows if r[2]}) + 1:02d}"
        for a in members:
            rows.append((a, "group", gid))
        for a in g:
            block(a)
    for stratum, n in quotas.items():
        cands = [a for a in pool if stratum in a.strata and a.doc_id not in taken]
        # Spread the draw over outlets: at most a third of a stratum from one outlet.
        rng.shuffle(cands)
        per_source: dict[str, int] = defaultdict(int)
        got = 0
        for a in cands:
            if got == n:
                break
            if a.doc_id in taken or per_source[a.source] >= max(2, n // 3):
                continue
            rows.append((a, stratum, ""))
            per_source[a.source] += 1
            got += 1
            block(a)
    return rows


def second_dev_pool(pool: list[Article], drawn: list[tuple[Article, str, str]],
                    links: dict[str, set[str]]) -> list[Article]:
    """The development window less the drawn articles, their copies and close relatives."""
    ids = {a.doc_id for a, _, _ in drawn}
    words = [a.words for a, _, _ in drawn]
    return [a for a in pool
            if a.doc_id not in ids and not links.get(a.doc_id, set()) & ids
            and a.strata
            and (a.strata == ["none"]
                 or all(jaccard(a.words, w) < HOLDOUT_EXCLUDE_JACCARD for w in words))]


def write_draw(path: Path, rows: list[tuple[Article, str, str]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        fh.write("doc_id\tpublished\tsource\tstratum\tgroup\tcountry\tviolence_sentences\n")
        for a, stratum, gid in rows:
            fh.write(f"{a.doc_id}\t{a.day}\t{a.source}\t{stratum}\t{gid}\t{a.country or ''}"
                     f"\t{a.violence}\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path,
                    default=Path("../shared/corpora/saudinewsnet-2015.jsonl.gz"))
    ap.add_argument("--out", type=Path, default=Path("tests/gold/real"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--second-dev", action="store_true",
                    help="also draw the second development set (dev2_draw.tsv)")
    ap.add_argument("--third-dev", action="store_true",
                    help="also draw the second and third development sets (dev3_draw.tsv)")
    ap.add_argument("--fourth-dev", action="store_true",
                    help="also draw the second, third and fourth development sets "
                         "(dev4_draw.tsv)")
    ap.add_argument("--fifth-dev", action="store_true",
                    help="also draw the second to fifth development sets (dev5_draw.tsv)")
    ap.add_argument("--sixth-dev", action="store_true",
                    help="also draw the second to sixth development sets (dev6_draw.tsv)")
    args = ap.parse_args()

    articles: list[Article] = []
    texts: dict[str, str] = {}
    with gzip.open(args.corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            a = read_article(rec)
            if a is None:
                continue
            a.strata = strata(a)
            articles.append(a)
            if a.violence >= CONFLICT_MIN or a.strata:
                texts[a.doc_id] = f"{rec.get('title') or ''}\n{rec.get('text') or ''}"
    articles.sort(key=lambda a: a.doc_id)
    links = near_copies(texts)
    dev_pool = [a for a in articles if DEV_SPAN[0] <= a.day <= DEV_SPAN[1]]
    ho_pool = [a for a in articles if HOLDOUT_SPAN[0] <= a.day <= HOLDOUT_SPAN[1]]

    rng = random.Random(1)  # the development set is drawn once, with seed 1
    dev = draw(dev_pool, DEV_QUOTAS, DEV_GROUPS, links, rng)
    dev_ids = {a.doc_id for a, _, _ in dev}
    dev_words = [a.words for a, _, _ in dev]
    ho_pool = [a for a in ho_pool
               if not links.get(a.doc_id, set()) & dev_ids
               and all(jaccard(a.words, w) < HOLDOUT_EXCLUDE_JACCARD for w in dev_words)]
    ho = draw(ho_pool, HOLDOUT_QUOTAS, HOLDOUT_GROUPS, links, random.Random(args.seed))

    sets = [("dev", dev), ("holdout", ho)]
    args.out.mkdir(parents=True, exist_ok=True)
    if args.sixth_dev:
        args.fifth_dev = True
    if args.fifth_dev:
        args.fourth_dev = True
    if args.fourth_dev:
        args.third_dev = True
    if args.second_dev or args.third_dev:
        # Away from the held-out set of seed 1 too: the one being scored is left alone.
        ho1 = ho if args.seed == 1 else draw(ho_pool, HOLDOUT_QUOTAS, HOLDOUT_GROUPS, links,
                                             random.Random(1))
        dev2 = draw(second_dev_pool(dev_pool, dev + ho1, links), DEV2_QUOTAS, DEV2_GROUPS,
                    links, random.Random(DEV2_SEED))
        write_draw(args.out / "dev2_draw.tsv", dev2)
        sets.append(("dev2", dev2))
        if args.third_dev:
            # The same quotas as the second; the pool also leaves out the second's articles.
            dev3 = draw(second_dev_pool(dev_pool, dev + ho1 + dev2, links), DEV2_QUOTAS,
                        DEV2_GROUPS, links, random.Random(DEV3_SEED))
            write_draw(args.out / "dev3_draw.tsv", dev3)
            sets.append(("dev3", dev3))
            if args.fourth_dev:
                ho2 = draw(ho_pool, HOLDOUT_QUOTAS, HOLDOUT_GROUPS, links, random.Random(2))
                dev4 = draw(second_dev_pool(dev_pool, dev + ho1 + ho2 + dev2 + dev3, links),
                            DEV2_QUOTAS, DEV2_GROUPS, links, random.Random(DEV4_SEED))
                write_draw(args.out / "dev4_draw.tsv", dev4)
                sets.append(("dev4", dev4))
                if args.fifth_dev:
                    dev5 = draw(second_dev_pool(dev_pool,
                                                dev + ho1 + ho2 + dev2 + dev3 + dev4, links),
                                DEV2_QUOTAS, DEV2_GROUPS, links, random.Random(DEV5_SEED))
                    write_draw(args.out / "dev5_draw.tsv", dev5)
                    sets.append(("dev5", dev5))
                    if args.sixth_dev:
                        dev6 = draw(second_dev_pool(dev_pool, dev + ho1 + ho2 + dev2 + dev3
                                                    + dev4 + dev5, links),
                                    DEV2_QUOTAS, DEV2_GROUPS, links, random.Random(DEV6_SEED))
                        write_draw(args.out / "dev6_draw.tsv", dev6)
                        sets.append(("dev6", dev6))
    write_draw(args.out / "dev_draw.tsv", dev)
    write_draw(args.out / f"holdout_draw{'' if args.seed == 1 else args.seed}.tsv", ho)
    singles = sorted(a.doc_id for a, s, _ in dev if s != "group")
    double = sorted(random.Random(101).sample(singles, DOUBLE_CODED))
    (args.out / "dev_double.txt").write_text("\n".join(double) + "\n", encoding="utf-8")
    for name, rows in sets:
        counts: dict[str, int] = defaultdict(int)
        for _, s, _ in rows:
            counts[s] += 1
        print(name, len(rows), "articles,", len({a.source for a, _, _ in rows}), "outlets,",
              dict(sorted(counts.items())))


if __name__ == "__main__":
    main()
