"""How extraction time grows with document length: N sentences of composed Arabic news.

    .venv/bin/python benchmarks/extract_scaling.py [--sizes 2000 4000 8000 20000] [--profile N]

Builds one document per size by cycling through a dozen sentences written for
this script (places, actors, triggers, tolls and dates, so every recogniser
works), each numbered so that no two sentences are the same text, and times
``Extractor().extract`` on it once resources are loaded. Prints sentences,
characters, events, seconds, and the ratio of each time to the first size's
(linear work keeps the ratio near the ratio of sizes). ``--profile N``
profiles the size N under cProfile and prints the top functions by own time.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import pstats
import sys
import time
from datetime import date

from rasd.extract.engine import Extractor
from rasd.models import Document

# Written for this benchmark; not taken from any article.
SENTENCES = (
    "قتل خمسة مدنيين وأصيب عشرة آخرون في غارة جوية على مدينة إدلب يوم الاثنين.",
    "واندلعت اشتباكات عنيفة بين قوات النظام وفصائل المعارضة في ريف حماة الشمالي.",
    "وقال المرصد السوري لحقوق الإنسان إن الاشتباكات أسفرت عن مقتل ثلاثة عناصر.",
    "وانفجرت عبوة ناسفة بدورية للجيش العراقي قرب مدينة الرمادي غرب بغداد.",
    "وسيطر تنظيم داعش على قرية صغيرة جنوب مدينة الحسكة بعد معارك استمرت يومين.",
    "وخرجت مظاهرة في ساحة التحرير وسط بغداد تطالب بمحاسبة الفاسدين.",
    "واعتقلت قوات الأمن اثني عشر شخصا في مدينة البصرة بتهمة إثارة الشغب.",
    "وأضاف المصدر أن الطيران الحربي قصف مواقع التنظيم في دير الزور.",
    "ولم تعلق الحكومة على هذه الأنباء حتى الآن.",
    "وتتواصل المعارك في محيط مدينة تكريت منذ أسابيع.",
    "وتعرضت بلدة كفرنبل لقصف مدفعي مكثف أدى إلى دمار كبير في المنازل.",
    "وفي سياق آخر، أعلنت وزارة الداخلية إحباط هجوم كان يستهدف حاجزا للشرطة.",
)


def document(n: int) -> Document:
    parts = [f"{SENTENCES[i % len(SENTENCES)][:-1]} ({i + 1})." for i in range(n)]
    text = "\n".join(parts)
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()
    return Document(id=digest, name=f"scaling-{n}", source="bench", url=None, title=None,
                    published=date(2015, 7, 1), raw=text, raw_format="text", text=text,
                    origin=f"scaling-{n}", clean_text=text)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[2000, 4000, 8000, 20000])
    ap.add_argument("--profile", type=int, default=0, metavar="N")
    args = ap.parse_args(argv)
    ex = Extractor()
    ex.extract(document(12))  # load every resource before the clock starts
    first: float | None = None
    for n in args.sizes:
        doc = document(n)
        t0 = time.perf_counter()
        events = ex.extract(doc)
        dt = time.perf_counter() - t0
        first = first or dt
        print(f"{n:6} sentences {len(doc.text):9,} chars  {len(events):6} events  "
              f"{dt:8.2f} s  x{dt / first:6.1f}", flush=True)
    if args.profile:
        prof = cProfile.Profile()
        doc = document(args.profile)
        prof.enable()
        ex.extract(doc)
        prof.disable()
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(25)
        print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
