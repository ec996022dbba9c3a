"""Gazetteer load time (cold process) and geocoder lookups per second.

Usage:
    .venv/bin/python benchmarks/geo_bench.py [--runs 5] [--corpus ../shared/corpora/...gz]

Load time is measured in fresh interpreter processes (import + first load),
so it includes everything a CLI call pays. Lookups are ``Geocoder.find`` calls
on short conflict-news sentences written for this benchmark and, when the
corpus is present, ``find_in_document`` on whole articles.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "saudinewsnet-2015.jsonl.gz"

SENTENCES = [
    "اشتباكات عنيفة بين قوات سوريا الديمقراطية وتنظيم داعش في محيط مدينة هجين شرقي دير الزور",
    "غارات للتحالف الدولي على بلدة الباغوز فوقاني قرب الحدود العراقية",
    "انفجار عبوة ناسفة بسيارة عسكرية قرب جسر مدينة الميادين شرق دير الزور",
    "هجوم لخلايا التنظيم على حواجز قسد في محيط حقل كونيكو للغاز",
    "قصف مدفعي على ناحية هجين وبادية السوسة في ريف دير الزور الشرقي",
    "سيطرت القوات العراقية على مدينة القائم في محافظة الأنبار بعد معارك عنيفة",
    "مقتل ثلاثة مدنيين بقصف جوي على مدينة إدلب",
    "اشتباكات بين فصائل المعارضة وقوات النظام في ريف حلب الشمالي قرب مدينة الباب",
    "اعتقال عشرة أشخاص في حملة مداهمات بمدينة الرقة",
    "مظاهرة في مدينة الحسكة احتجاجا على التجنيد الإجباري",
    "تفجير انتحاري يستهدف حاجزا للجيش العراقي جنوب الموصل",
    "قصف صاروخي على مطار دير الزور العسكري",
    "نزوح مئات العائلات من الشعفة والسوسة إلى مخيم الهول",
    "هجوم بطائرة مسيرة على قاعدة عين الأسد الجوية في الأنبار",
    "اشتباكات متقطعة في أطراف مدينة تلعفر غرب الموصل",
    "التقى الأمين العام للأمم المتحدة بالوزير في مكتبه أمس",
    "أعلنت الحكومة عن خطة جديدة لدعم الاقتصاد الوطني",
    "قال المتحدث إن الباب مفتوح أمام المفاوضات",
    "سقوط قذائف على أحياء دمشق الجنوبية",
    "كمين لقوات النظام في بادية تدمر أسفر عن مقتل خمسة عناصر",
]


def cold_load_times(runs: int, *, fresh_cache: bool = False) -> list[tuple[float, ...]]:
    """(import, load, first lookup) seconds and peak memory (MiB) in fresh processes.

    ``load_gazetteer`` reads the index cached on first use (rasd.geo.gazetteer_index);
    with ``fresh_cache`` every process gets an empty cache directory, so it pays
    the one-time index build instead.
    """
    code = (
        "import time, resource; t0 = time.perf_counter();"
        "import rasd.geo.gazetteer as G; t1 = time.perf_counter();"
        "g = G.load_gazetteer(); t2 = time.perf_counter();"
        "g.candidates('دير الزور'); t3 = time.perf_counter();"
        "rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024;"
        "print(t1 - t0, t2 - t1, t3 - t2, rss)"
    )
    out = []
    for _ in range(runs):
        env = dict(os.environ)
        with tempfile.TemporaryDirectory() as tmp:
            if fresh_cache:
                env["RASD_CACHE_DIR"] = tmp
            res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 check=True, env=env)
        out.append(tuple(float(x) for x in res.stdout.split()))
    return out


def sentences_per_second(seconds: float = 3.0) -> tuple[float, float, int]:
    from rasd.geo.geocoder import Geocoder

    coder = Geocoder()
    for s in SENTENCES:  # load the gazetteer and build the lazy pools outside the timing
        coder.find(s)
    n = chars = mentions = 0
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        for s in SENTENCES:
            mentions += len(coder.find(s))
            chars += len(s)
            n += 1
    dt = time.perf_counter() - t0
    return n / dt, chars / dt, mentions // max(1, n // len(SENTENCES))


def corpus_documents_per_second(path: Path, limit: int) -> tuple[float, float, int]:
    from rasd.geo.geocoder import Geocoder

    coder = Geocoder()
    for s in SENTENCES:
        coder.find(s)
    texts = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            texts.append(json.loads(line)["text"])
            if len(texts) >= limit:
                break
    chars = sum(len(t) for t in texts)
    t0 = time.perf_counter()
    mentions = sum(len(coder.find_in_document(t)) for t in texts)
    dt = time.perf_counter() - t0
    return len(texts) / dt, chars / dt, mentions


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--docs", type=int, default=1000)
    args = ap.parse_args()

    for label, fresh in (("first use, index built", True), ("cached index", False)):
        loads = cold_load_times(1 if fresh else args.runs, fresh_cache=fresh)
        totals = [sum(x[:3]) for x in loads]
        parts = [statistics.median(x[i] for x in loads) * 1000 for i in range(3)]
        print(f"gazetteer cold load, {label} ({len(loads)} fresh processes): median "
              f"{statistics.median(totals) * 1000:.0f} ms, max {max(totals) * 1000:.0f} ms "
              f"(import {parts[0]:.0f} ms, load {parts[1]:.0f} ms, first lookup "
              f"{parts[2]:.0f} ms), peak memory {max(x[3] for x in loads):.0f} MiB")
    sps, cps, per_round = sentences_per_second()
    print(f"Geocoder.find on {len(SENTENCES)} news sentences: {sps:,.0f} sentences/s "
          f"({cps / 1000:,.0f}k chars/s, {per_round} mentions per round)")
    if args.corpus.is_file():
        dps, dcps, mentions = corpus_documents_per_second(args.corpus, args.docs)
        print(f"find_in_document on {args.docs} corpus articles: {dps:,.1f} docs/s "
              f"({dcps / 1000:,.0f}k chars/s, {mentions} mentions)")
    else:
        print(f"corpus {args.corpus} absent: article throughput not measured")


if __name__ == "__main__":
    main()
