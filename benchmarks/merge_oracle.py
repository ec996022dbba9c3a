"""Merge recall with perfect extraction: the gold events themselves merged.

Low merge recall on real news has two causes: extraction errors upstream (a report's
event missing, or its place, date, type or actors wrong) and merge rules too strict.
This script measures the second alone. Every gold event of the development set
becomes a report (its article's outlet and publication day, its actors resolved in
the actor dictionary, its place tied to the gazetteer entry of that name nearest its
coordinates) and the reports are merged by the rules (:func:`rasd.merge.merger.merge_all`);
pairs are scored against the gold clusters as ``rasd eval --merge`` scores them:

    .venv/bin/python benchmarks/merge_oracle.py dev [--workdir /tmp/merge-gold]
    .venv/bin/python benchmarks/merge_oracle.py dev --evidence     # + predicted evidence
    .venv/bin/python benchmarks/merge_oracle.py dev --explain      # list the errors
    .venv/bin/python benchmarks/merge_oracle.py dev --causes       # missed merges by cause
    .venv/bin/python benchmarks/merge_oracle.py dev --option window_day=false  # a rule off

Gold events carry no evidence sentences, so the rules' evidence corroboration cannot
help them; ``--evidence`` gives each gold event the evidence of the prediction that
``rasd eval`` pairs with it (from ``W/dev-reports.jsonl``, written by
``benchmarks/merge_gold.py dev``). ``--causes`` splits the missed merges of rasd's
own run (``W/dev-reports.jsonl``) into those the rules also miss on the gold events
(too strict rules) and those they do not (extraction). Development set only: the
held-out set's events are never read.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import defaultdict
from dataclasses import replace
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

from rasd.actors.resolve import load_actors
from rasd.evaluate.gold import load_docs, load_events
from rasd.evaluate.score import evaluate
from rasd.geo.gazetteer import load_gazetteer
from rasd.geo.geodesy import haversine_km
from rasd.merge.merger import MergeOptions, agreement, compatible, merge_all
from rasd.models import Actor, DateSpan, Event, Evidence, Fatalities, Location, Report
from rasd.pipeline.merge_stage import gazetteer_lookup

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold" / "real"


def _articles(work: Path) -> dict[str, dict[str, Any]]:
    path = work / "dev.jsonl"
    if not path.exists():
        work.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(ROOT / "scripts" / "real_gold_articles.py"),
                        str(GOLD / "dev_docs.txt"), "-o", str(path)], check=True)
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        out[rec["id"]] = rec
    return out


class _Resolver:
    def __init__(self) -> None:
        self.actors = load_actors()
        self.gaz = load_gazetteer()

    def actor(self, ref: object) -> Actor | None:
        if not ref:
            return None
        name = ref if isinstance(ref, str) else str(ref.get("name"))  # type: ignore[attr-defined]
        found = self.actors.by_name(name)
        return found if found is not None else Actor(f"gold:{name}", name, name, 0)

    def location(self, loc: dict[str, Any] | None) -> Location | None:
        if not loc:
            return None
        lat, lon = float(loc["lat"]), float(loc["lon"])
        gid = None
        near = [(haversine_km(lat, lon, p.lat, p.lon), p.id)
                for key in (loc.get("name_ar"), loc.get("name")) if key
                for p in self.gaz.candidates(key)]
        near = [x for x in near if x[0] <= 15]
        if near:
            gid = min(near)[1]
        admin1, admin2 = loc.get("admin1"), None
        if gid is not None:  # the gazetteer's admin names, as extraction gives them
            place = self.gaz.get(gid)
            admin1, admin2 = place.admin1 or admin1, place.admin2
        return Location(loc.get("name") or "", loc.get("name_ar") or "", lat, lon,
                        int(loc.get("precision") or 1), gid, admin1, admin2,
                        loc.get("country"), loc.get("tolerance_km"))


def gold_reports(work: Path, *, evidence: dict[int, tuple[Evidence, ...]] | None = None,
                 ) -> tuple[list[Report], dict[str, str]]:
    """Reports of the dev gold events and their incident ids (cluster, or own id)."""
    arts = _articles(work)
    res = _Resolver()
    reports, incident = [], {}
    lines = (GOLD / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines, start=1):
        g = json.loads(line)
        art = arts.get(g["doc_id"], {})
        d = g.get("date")
        span = DateSpan(date.fromisoformat(d["start"]), date.fromisoformat(d["end"]),
                        int(d.get("precision") or 1)) if d else None
        f = g.get("fatalities")
        fat = Fatalities(f["best"], f.get("low", f["best"]), f.get("high", f["best"])) \
            if f else None
        ev = Event(
            event_id=f"g{n:04d}", doc_id=g["doc_id"], status=g["status"],
            event_type=g["event_type"], sub_event_type=g["sub_event_type"],
            actor1=res.actor(g.get("actor1")), actor2=res.actor(g.get("actor2")),
            location=res.location(g.get("location")), date=span, fatalities=fat,
            evidence=(evidence or {}).get(n, ()),
            assoc_actor1=tuple(a for a in map(res.actor, g.get("assoc_actor1") or []) if a),
            assoc_actor2=tuple(a for a in map(res.actor, g.get("assoc_actor2") or []) if a),
        )
        pub = art.get("published")
        reports.append(Report(ev, g["doc_id"], art.get("source"),
                              date.fromisoformat(pub[:10]) if pub else None))
        incident[ev.event_id] = g.get("cluster") or f"solo:{ev.event_id}"
    return reports, incident


def _paired_evidence(work: Path) -> dict[int, tuple[Evidence, ...]]:
    """Gold line -> evidence of the prediction ``rasd eval`` pairs with that gold event."""
    preds_path = work / "dev-reports.jsonl"
    gold = load_events(GOLD / "dev.jsonl")
    preds = load_events(preds_path)
    raw = preds_path.read_text(encoding="utf-8").splitlines()
    report = evaluate(gold, preds, docs=load_docs(GOLD / "dev_docs.txt"))
    out = {}
    for p in report.pairs:
        gline = int(p.gold.origin.rsplit(":", 1)[1])
        rec = json.loads(raw[int(p.pred.origin.rsplit(":", 1)[1]) - 1])
        out[gline] = tuple(Evidence(e.get("doc_id", ""), e["text"], e.get("start", 0),
                                    e.get("end", 0)) for e in rec.get("evidence") or [])
    return out


def score(reports: list[Report], incident: dict[str, str],
          canonical: dict[str, str]) -> dict[str, Any]:
    counts = {"true": 0, "false": 0, "missed": 0}
    errors = []
    for a, b in combinations(sorted(reports, key=lambda r: r.id), 2):
        if a.doc_id == b.doc_id:
            continue
        one = incident[a.id] == incident[b.id]
        merged = canonical[a.id] == canonical[b.id]
        kind = ("true" if one else "false") if merged else ("missed" if one else "")
        if kind:
            counts[kind] += 1
            if kind != "true":
                errors.append((kind, a, b))
    t, f, m = counts["true"], counts["false"], counts["missed"]
    return {**counts, "precision": round(t / (t + f), 3) if t + f else None,
            "recall": round(t / (t + m), 3) if t + m else None, "errors": errors}


def _line(r: Report) -> str:
    ev = r.event
    loc = ev.location
    where = f"{loc.name}/p{loc.precision}/{loc.gazetteer_id}" if loc else "-"
    when = (f"{ev.date.start}..{ev.date.end}/p{ev.date.precision}" if ev.date else "-")
    acts = [a.id for a in (ev.actor1, ev.actor2, *ev.assoc_actor1, *ev.assoc_actor2) if a]
    fat = ev.fatalities.best if ev.fatalities else "-"
    return (f"{r.id} {r.doc_id} pub {r.published} {ev.status} {ev.sub_event_type} | "
            f"{','.join(acts)} | {where} | {when} | {fat}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("set", choices=("dev",))
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/merge-gold"))
    ap.add_argument("--evidence", action="store_true")
    ap.add_argument("--explain", action="store_true")
    ap.add_argument("--causes", action="store_true")
    ap.add_argument("--option", action="append", default=[], metavar="NAME=VALUE",
                    help="A MergeOptions field (repeatable), e.g. dated_toll=5.")
    args = ap.parse_args(argv)
    work: Path = args.workdir
    ev = _paired_evidence(work) if args.evidence else None
    reports, incident = gold_reports(work, evidence=ev)
    place_of = gazetteer_lookup()
    opts = merge_options(args.option)
    canonical = {r.id: cl.id for cl in merge_all(reports, options=opts, place_of=place_of)
                 for r in cl.reports}
    out = score(reports, incident, canonical)
    errors = out.pop("errors")
    print(json.dumps({"set": args.set, "gold_events": len(reports),
                      "evidence": bool(args.evidence), "merge": out}))
    if args.explain:
        for kind, a, b in errors:
            lk = agreement(a, b, options=opts, place_of=place_of)
            comp = compatible(a, b, options=opts, place_of=place_of)
            print(f"{kind} {incident[a.id]} / {incident[b.id]}  link={lk is not None} "
                  f"compatible={comp}")
            print("   ", _line(a))
            print("   ", _line(b))
    if args.causes:
        _causes(work, incident, canonical)
    return 0


def merge_options(pairs: list[str]) -> MergeOptions:
    """MergeOptions with ``name=value`` fields set (bools as true/false)."""
    given: dict[str, object] = {}
    defaults = MergeOptions()
    for pair in pairs:
        name, _, value = pair.partition("=")
        kind = type(getattr(defaults, name))
        given[name] = value.lower() in ("1", "true", "yes") if kind is bool else kind(value)
    return replace(defaults, **given)


def _causes(work: Path, incident: dict[str, str], canonical: dict[str, str]) -> None:
    """Split rasd's missed merges: the gold pair merged too (extraction) or not (rules)."""
    preds_path = work / "dev-reports.jsonl"
    report = evaluate(load_events(GOLD / "dev.jsonl"), load_events(preds_path),
                      docs=load_docs(GOLD / "dev_docs.txt"))
    gid = {p.pred.origin: f"g{int(p.gold.origin.rsplit(':', 1)[1]):04d}" for p in report.pairs}
    by: dict[str, int] = defaultdict(int)
    pairs = sorted(report.pairs, key=lambda p: (p.pred.doc_id, p.pred.origin))
    for a, b in combinations(pairs, 2):
        if a.pred.doc_id == b.pred.doc_id:
            continue
        ga, gb = gid[a.pred.origin], gid[b.pred.origin]
        if incident[ga] != incident[gb]:
            continue
        merged = a.pred.canonical_id == b.pred.canonical_id
        gold_merged = canonical[ga] == canonical[gb]
        by[f"{'merged' if merged else 'missed'}; gold events "
           f"{'merged' if gold_merged else 'missed'}"] += 1
    print(json.dumps({"paired same-incident pairs": dict(sorted(by.items()))}))


if __name__ == "__main__":
    raise SystemExit(main())
