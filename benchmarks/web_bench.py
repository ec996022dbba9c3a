"""Page load and API latency of ``rasd serve`` over a database of generated events.

    .venv/bin/python benchmarks/web_bench.py [--events 100000] [--db PATH] [--reuse] [--runs 30]

Generates synthetic events (through ``rasd.store.events.replace_events``, a
few events per generated document, with Arabic evidence sentences) into a
SQLite database, starts ``rasd serve`` on it as a separate process, and
measures with httpx the latency (p50/p95 over ``--runs`` requests after one
warm-up) of the API calls the page makes and of the other endpoints; then,
if /usr/bin/chromium and Playwright are present, the page load in headless
Chromium: from navigation to the map, table, timeline and summary drawn
(the page's first refresh done), median of 5 cold loads. Prints a Markdown
table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import httpx

from rasd.models import Actor, DateSpan, Document, Event, Evidence, Fatalities, Location, Sentence
from rasd.store import open_store
from rasd.store.events import replace_events

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")

ACTORS = [
    Actor("mil-sy", "Military Forces of Syria", "قوات النظام السوري", 1, "SY"),
    Actor("sdf", "Syrian Democratic Forces", "قوات سوريا الديمقراطية", 2, "SY"),
    Actor("isis", "Islamic State", "داعش", 2, None),
    Actor("mil-iq", "Military Forces of Iraq", "الجيش العراقي", 1, "IQ"),
    Actor("pmf", "Popular Mobilization Forces", "الحشد الشعبي", 1, "IQ"),
    Actor("hts", "Hayat Tahrir al-Sham", "هيئة تحرير الشام", 2, "SY"),
    Actor("civ-sy", "Civilians (Syria)", "مدنيون (سوريا)", 7, "SY"),
    Actor("civ-iq", "Civilians (Iraq)", "مدنيون (العراق)", 7, "IQ"),
]
PLACES = [  # name, name_ar, lat, lon, admin1, country
    ("Idlib", "إدلب", 35.93, 36.63, "Idlib", "SY"), ("Aleppo", "حلب", 36.2, 37.16, "Aleppo", "SY"),
    ("Raqqa", "الرقة", 35.95, 39.01, "Ar-Raqqa", "SY"),
    ("Deir ez-Zor", "دير الزور", 35.33, 40.14, "Deir-ez-Zor", "SY"),
    ("Daraa", "درعا", 32.62, 36.1, "Dar'a", "SY"),
    ("Mosul", "الموصل", 36.34, 43.12, "Ninewa", "IQ"),
    ("Baghdad", "بغداد", 33.34, 44.4, "Baghdad", "IQ"),
    ("Ramadi", "الرمادي", 33.42, 43.3, "Al-Anbar", "IQ"),
    ("Kirkuk", "كركوك", 35.47, 44.39, "Kirkuk", "IQ"),
]
TYPES = [  # event type, sub-type, trigger, weight
    ("Battles", "Armed clash", "اشتباكات", 40),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "قصف مدفعي", 25),
    ("Explosions/Remote violence", "Air/drone strike", "غارة جوية", 10),
    ("Violence against civilians", "Attack", "هجوم مسلح", 10),
    ("Protests", "Peaceful protest", "مظاهرة", 8),
    ("Strategic developments", "Arrests", "حملة اعتقالات", 7),
]
NUMBERS = ["ثلاثة", "أربعة", "خمسة", "سبعة", "عشرة", "12", "20"]


def _event(rng: random.Random, n: int, doc_name: str, day: date, text: str, start: int) -> Event:
    etype, sub, _trigger, _w = rng.choices(TYPES, weights=[t[3] for t in TYPES])[0]
    name, name_ar, lat, lon, admin1, cc = rng.choice(PLACES)
    a1, a2 = rng.sample(ACTORS, 2)
    dead = int(rng.paretovariate(1.6)) - 1 if etype != "Protests" else 0
    return Event(
        event_id=f"b{n:09d}", doc_id=doc_name, status="current", event_type=etype,
        sub_event_type=sub, actor1=a1, actor2=a2,
        location=Location(name, name_ar, lat + rng.gauss(0, 0.25), lon + rng.gauss(0, 0.25),
                          rng.choice((1, 1, 2)), admin1=admin1, country=cc),
        date=DateSpan(day, day, 1), fatalities=Fatalities(dead, dead, dead),
        evidence=(Evidence(doc_name, text, start, start + len(text)),),
        notes=f"On {day}, {a1.name} and {a2.name} in {name}.",
    )


def generate(url: str, n_events: int, *, seed: int = 7, per_doc: int = 3) -> None:
    rng = random.Random(seed)
    first = date(2015, 1, 1)
    with open_store(url) as store:
        made = 0
        d = 0
        while made < n_events:
            day = first + timedelta(days=rng.randrange(3650))
            name = f"bench-{d:07d}"
            sentences = []
            for _ in range(min(per_doc, n_events - made)):
                _etype, _sub, trigger, _w = rng.choice(TYPES)
                place = rng.choice(PLACES)
                actor = rng.choice(ACTORS)
                sentences.append(f"أفادت مصادر محلية بمقتل {rng.choice(NUMBERS)} أشخاص في "
                                 f"{trigger} بين {actor.name_ar} ومسلحين في {place[1]}.")
            text = "\n\n".join(sentences)
            spans, at = [], 0
            for s in sentences:
                spans.append((at, at + len(s)))
                at += len(s) + 2
            doc = Document(id=f"{d:016x}", name=name, source=f"outlet-{d % 40}",
                           url=f"https://news.example/bench/{d}", title=sentences[0][:60],
                           published=day, raw=text, raw_format="text", text=text,
                           origin=f"bench#{d}", clean_text=text,
                           sentences=tuple(Sentence(f"{d:016x}", i, s, e, text[s:e])
                                           for i, (s, e) in enumerate(spans)))
            store.add_document(doc, commit=False)
            store.set_cleaned(doc, commit=False)
            events = [_event(rng, made + i, name, day, s, spans[i][0])
                      for i, s in enumerate(sentences)]
            replace_events(store, doc, events, commit=False)
            made += len(events)
            d += 1
            if d % 2000 == 0:
                store.commit()
        store.commit()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(q * (len(xs) - 1)))]


def measure(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    fn()  # warm-up: first-use costs (imports, caches) are not steady-state latency
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), _pct(times, 0.95)


def api_rows(base: str, runs: int) -> list[tuple[str, float, float, str]]:
    out = []
    with httpx.Client(base_url=base, timeout=120) as c:
        some = c.get("/api/events", params={"limit": 1, "sort": "-fatalities"}).json()["items"][0]
        cases: list[tuple[str, str, dict[str, str | int]]] = [
            ("events, newest 50 (page's list)", "/api/events", {"limit": 50, "sort": "-date"}),
            ("events, page at offset 50,000", "/api/events", {"limit": 50, "offset": 50000}),
            ("events, type + country", "/api/events",
             {"event_type": "Battles", "country": "SY", "limit": 50}),
            ("events, actor (Arabic name)", "/api/events", {"actor": "الحشد", "limit": 50}),
            ("events, evidence search (Arabic)", "/api/events", {"q": "غاره جويه", "limit": 50}),
            ("events, bbox", "/api/events", {"bbox": "36,35,37.5,36.5", "limit": 50}),
            ("events, deadliest first", "/api/events", {"sort": "-fatalities", "limit": 50}),
            ("event detail", f"/api/events/{some['event_id']}", {}),
            ("document detail", f"/api/documents/{some['doc_id']}", {}),
            ("stats by week (page's summary)", "/api/stats", {}),
            ("stats by day, one type", "/api/stats",
             {"interval": "day", "event_type": "Protests"}),
            ("map points, 10,000 (page's map)", "/api/points", {"limit": 10000}),
            ("facets (page's menus)", "/api/facets", {}),
            ("export CSV, Protests (~8k events)", "/api/export",
             {"format": "csv", "event_type": "Protests"}),
        ]
        for label, path, params in cases:
            size = len(c.get(path, params=params).content)
            p50, p95 = measure(lambda path=path, params=params: c.get(path, params=params)
                               .raise_for_status(), runs if "export" not in path else 5)
            out.append((label, p50, p95, f"{size / 1024:.0f} KiB"))
    return out


def browser_load(base: str, loads: int = 5) -> list[float] | None:
    if not CHROMIUM.exists():
        return None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync"]
    times = []
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=args)
        for _ in range(loads + 1):
            ctx = b.new_context(viewport={"width": 1400, "height": 900})  # cold cache each time
            page = ctx.new_page()
            t0 = time.perf_counter()
            page.goto(base + "/")
            page.wait_for_selector("body[data-refreshes='1']", timeout=120000)
            times.append((time.perf_counter() - t0) * 1000)
            ctx.close()
        b.close()
    return times[1:]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=Path("/tmp/rasd-web-bench.db"))
    ap.add_argument("--reuse", action="store_true", help="Keep an existing database.")
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args(argv)
    url = f"sqlite:///{args.db.resolve()}"
    if not (args.reuse and args.db.exists()):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
        t0 = time.perf_counter()
        generate(url, args.events)
        print(f"generated {args.events} events in {time.perf_counter() - t0:.0f}s "
              f"({args.db.stat().st_size / 2**20:.0f} MiB)", file=sys.stderr)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([str(Path(sys.executable).parent / "rasd"), "serve", "--db", url,
                               "--port", str(port)], env={**os.environ, "RASD_TILES": ""},
                              stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(base + "/api/config", timeout=2).raise_for_status()
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("server did not start") from None
                time.sleep(0.2)
        n = httpx.get(base + "/api/events", params={"limit": 1}).json()["total"]
        rows = api_rows(base, args.runs)
        loads = browser_load(base)
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"{n} events; p50 / p95 over {args.runs} sequential requests after one warm-up "
          "(export: 5)\n")
    print("| request | p50 ms | p95 ms | response |\n|---|---:|---:|---:|")
    for label, p50, p95, size in rows:
        print(f"| {label} | {p50:.0f} | {p95:.0f} | {size} |")
    if loads:
        print(f"\nPage load in headless Chromium (navigation to map, table, timeline and "
              f"summary drawn, cold cache): median {statistics.median(loads):.0f} ms, "
              f"max {max(loads):.0f} ms over {len(loads)} loads")
    return 0


if __name__ == "__main__":
    sys.exit(main())
