"""Missed gold events of a development set sorted by the mechanism that lost them (issue 14).

For each current gold event rasd did not pair (``rasd eval --explain --json``), the
article is walked again with the walk's steps recorded per sentence: the trigger words
found, those the sentence rules kept, the places a scene rule dropped, the candidates
made, an event rule that coded a trigger as no event. The sentences naming the gold
place (a place mention within the gold's radius, or its Arabic name) then say why:

    abroad: country outside the gazetteer   the gazetteer has no place of that country
    place unknown (name in text)            the name is written but no mention resolves
    place not named in text                 a capital, a border, a country's act
    no trigger word in place sentences      the act is told by a word with no trigger row
    trigger dropped by sentence rule        negated, modal, voided, named, answered ...
    event rule dropped the trigger          data/event_rules.tsv coded it as no event
    place dropped by scene rule: NAME       the trigger's place went to a scene rule
    trigger's event given to other place(s) the act was coded at another place of it
    sentence made no event (walk)           a tally, a toll told again, a journey ...
    candidate at place, other type          an event there, of another type
    candidate of type folded/dropped        made, then folded into another or dropped
    joined: one prediction for two gold events  the place's event pairs with another gold
    wrong actors at the place               an event there of the type, no actor shared

The walk is instrumented by wrapping its methods: the sorting reads what the code did,
it changes nothing. Development sets only (it prints the sentences of missed events):

    PYTHONPATH=src python benchmarks/eval_sets.py dev5 --tag NAME --workdir /tmp/eval
    PYTHONPATH=src python benchmarks/missed_events.py dev5 --pred /tmp/eval/NAME.dev5.pred \\
        --articles /tmp/eval/dev5.jsonl [--show] [--tsv out.tsv]
"""

from __future__ import annotations

import argparse
import inspect
import json
import math
import os
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasd.clean.cleaner import clean_batch
from rasd.clean.normalize import normalize_for_match
from rasd.extract import event_rules as event_rules_module
from rasd.extract import walk as walk_module
from rasd.extract.engine import Extractor
from rasd.ingest.reader import iter_inputs
from rasd.models import Document, Sentence

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold" / "real"
HELD_OUT = "holdout"
PAIR_KM = 10.0
# The countries of the gazetteer (rasd.geo.gazetteer_sources.COUNTRIES and Israel's places
# of the supplement).
GAZETTEER_COUNTRIES = frozenset({
    "DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA",
    "SA", "SO", "SD", "SY", "TN", "AE", "YE", "TR", "IR", "IL"})
# The walk's place rules whose dropped places are recorded.
PLACE_RULES = ("_lift_areas", "_lift_city_parts", "_drop_anchors", "_drop_origins",
               "_drop_makes", "_drop_journeys", "_drop_offices", "_drop_distance_anchors",
               "_drop_locators", "_drop_attributed", "_drop_metonyms")
# The walk's sentence tests whose answers are recorded.
SENTENCE_TESTS = ("_tally_of_acts", "_toll_told_again", "_war_tally", "_headline_like")


@dataclass
class Step:
    """What the walk did with one sentence."""

    sentence: Sentence
    raw: list[str]
    kept: list[str]
    candidates: list[Any]
    log: list[str] = field(default_factory=list)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(h))


class Recorder:
    """Wraps the walk's methods to record each sentence's steps, per document."""

    def __init__(self) -> None:
        self.steps: dict[str, list[Step]] = {}
        self.log: list[str] = []
        walk = walk_module.DocumentWalk
        original = walk.sentence
        recorder = self

        def sentence(self: Any, s: Sentence) -> None:
            before = len(self.candidates)
            recorder.log = []
            tokens = self.analysis.tokens(s)
            raw = self.lex.find_triggers(tokens) if tokens else []
            kept = self._triggers(tokens, self._mentions_at.within(s.start, s.end))[0] \
                if tokens else []
            original(self, s)
            recorder.steps.setdefault(self.doc.name, []).append(Step(
                s, [m.trigger.source for m in raw], [m.trigger.source for m in kept],
                self.candidates[before:], recorder.log))

        walk.sentence = sentence  # type: ignore[method-assign]
        for name in PLACE_RULES:
            self._wrap_place_rule(name)
        for name in SENTENCE_TESTS:
            self._wrap_test(name)
        rules = event_rules_module.EventRules
        apply = rules.apply

        def applied(self: Any, coding: Any) -> bool:
            kept_event = apply(self, coding)
            if not kept_event:
                recorder.log.append("rule-drop:" + ",".join(coding.why.get("event", [])))
            return kept_event

        rules.apply = applied  # type: ignore[method-assign]

    def _wrap_place_rule(self, name: str) -> None:
        walk = walk_module.DocumentWalk
        static = isinstance(inspect.getattr_static(walk, name), staticmethod)
        original: Callable[..., Any] = getattr(walk, name)
        recorder = self

        def wrapped(self: Any, places: list[Any], *args: Any, **kwargs: Any) -> Any:
            out = original(places, *args, **kwargs) if static else \
                original(self, places, *args, **kwargs)
            gone = [p.surface for p in places if p not in out]
            if gone:
                recorder.log.append(f"{name}:{'/'.join(gone)}")
            return out

        setattr(walk, name, wrapped)

    def _wrap_test(self, name: str) -> None:
        walk = walk_module.DocumentWalk
        original: Callable[..., Any] = getattr(walk, name)
        recorder = self

        def wrapped(self: Any, *args: Any, **kwargs: Any) -> Any:
            out = original(self, *args, **kwargs)
            if out:
                recorder.log.append(name)
            return out

        setattr(walk, name, wrapped)


def score(name: str, pred: Path) -> dict[str, Any]:
    code = "import sys; from rasd.cli.main import main; sys.argv[0] = 'rasd'; main()"
    done = subprocess.run(
        [sys.executable, "-c", code, "eval", "--gold", str(GOLD / f"{name}.jsonl"), "--pred",
         str(pred), "--docs", str(GOLD / f"{name}_docs.txt"), "--explain", "--json",
         "--examples", "100000", "--bootstrap", "0"],
        check=True, capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    return dict(json.loads(done.stdout))


def mechanism(gold: dict[str, Any], steps: list[Step], places: list[Any],
              events: list[Any]) -> tuple[str, list[int]]:
    """The mechanism that lost ``gold``, and the indices of the sentences naming its place."""
    loc = gold.get("location") or {}
    lat, lon = loc.get("lat"), loc.get("lon")
    name_ar = normalize_for_match(loc.get("name_ar") or "")
    limit = max(PAIR_KM, loc.get("tolerance_km") or 0.0)

    def here(place: Any) -> bool:
        near = lat is not None and place.lat is not None and \
            km(lat, lon, place.lat, place.lon) <= limit
        return near or bool(name_ar and normalize_for_match(place.name_ar or "") == name_ar)

    names = [w for w in name_ar.replace("،", ",").split(",") if len(w) > 2]
    near_sentences, named_sentences = [], []
    for k, step in enumerate(steps):
        s = step.sentence
        if any(s.start <= p.start < s.end and here(p.place) for p in places):
            near_sentences.append(k)
        elif any(w in normalize_for_match(s.text) for w in names):
            named_sentences.append(k)
    made_here = [c for step in steps for c in step.candidates if c.place and here(c.place.place)]
    final_here = [e for e in events if e.location is not None and here(e.location)]
    if loc.get("country") not in GAZETTEER_COUNTRIES:
        return "abroad: country outside the gazetteer", named_sentences
    if not steps:
        return "no trigger in article", []
    if not near_sentences:
        return ("place unknown (name in text)" if named_sentences
                else "place not named in text"), named_sentences
    rows = [steps[k] for k in near_sentences]
    if not any(r.raw for r in rows):
        return "no trigger word in place sentences", near_sentences
    if not any(r.kept for r in rows):
        return "trigger dropped by sentence rule", near_sentences
    if not made_here:
        kept = [r for r in rows if r.kept]
        dropped = sorted({line.split(":")[0] for r in kept for line in r.log
                          if ":" in line and not line.startswith("rule-drop")
                          and any(w in normalize_for_match(line) for w in names)})
        if dropped:
            return "place dropped by scene rule: " + ";".join(dropped), near_sentences
        if any(r.candidates for r in kept):
            return "trigger's event given to other place(s) of sentence", near_sentences
        if any(line.startswith("rule-drop") for r in kept for line in r.log):
            return "event rule dropped the trigger", near_sentences
        return "sentence made no event (walk)", near_sentences
    if not any(c.event_type == gold["event_type"] for c in made_here):
        return "candidate at place, other type", near_sentences
    same = [e for e in final_here if e.event_type == gold["event_type"]]
    if not same:
        return "candidate of type folded/dropped", near_sentences
    sides = {gold.get("actor1"), gold.get("actor2")} - {None}
    if not sides or any(sides & {e.actor1 and e.actor1.name, e.actor2 and e.actor2.name}
                        for e in same):
        return "joined: one prediction for two gold events", near_sentences
    return "wrong actors at the place", near_sentences


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("set", help="a development set: dev, dev2, ... (never the held-out set)")
    ap.add_argument("--pred", type=Path, required=True, help="rasd's predictions on the set")
    ap.add_argument("--articles", type=Path, required=True,
                    help="the set's articles (scripts/real_gold_articles.py)")
    ap.add_argument("--show", action="store_true", help="print each event and its sentences")
    ap.add_argument("--tsv", type=Path, help="write set, gold line, mechanism, doc, type, place")
    args = ap.parse_args(argv)
    if args.set.startswith(HELD_OUT) or args.set == "dev6":
        ap.error("the held-out and unread sets are never read")
    report = score(args.set, args.pred)
    missed = [g for g in report["unpaired_gold"] if g["status"] == "current"]
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for g in missed:
        by_doc[g["doc_id"]].append(g)
    recorder = Recorder()
    extractor = Extractor()
    docs: dict[str, Document] = {}
    for item in clean_batch(iter(iter_inputs([str(args.articles)]))):
        if isinstance(item, Document) and item.name in by_doc:
            docs[item.name] = item
    rows = []
    for doc_id, golds in by_doc.items():
        doc = docs[doc_id]
        _, places, _ = extractor.analyse(doc)
        events = extractor.extract(doc)
        steps = recorder.steps.get(doc_id, [])
        for g in golds:
            mech, where = mechanism(g, steps, places, events)
            rows.append((mech, g, [steps[k] for k in where]))
    counts = Counter(m for m, _, _ in rows)
    print(f"{args.set}: {len(rows)} missed current gold events")
    for mech, n in counts.most_common():
        print(f"  {n:3d}  {mech}")
    if args.tsv:
        with args.tsv.open("w", encoding="utf-8") as fh:
            for mech, g, _ in rows:
                fh.write("\t".join([args.set, g["origin"].rsplit("/", 1)[-1], mech, g["doc_id"],
                                    f"{g['event_type']}/{g['sub_event_type']}",
                                    str((g["location"] or {}).get("name"))]) + "\n")
    if args.show:
        for mech, g, steps in sorted(rows, key=lambda r: (r[0], r[1]["doc_id"])):
            loc = g["location"] or {}
            print(f"\n[{mech}] {g['doc_id']} {g['event_type']} / {g['sub_event_type']} | "
                  f"{g.get('actor1')} ; {g.get('actor2')} | {loc.get('name_ar')} | "
                  f"{g['date']} | {g['origin']}")
            for step in steps[:6]:
                made = [(c.event_type, c.place.place.name if c.place else None)
                        for c in step.candidates]
                print(f"  raw={step.raw} kept={step.kept} made={made} log={step.log}")
                print("    ", step.sentence.text[:400].replace("\n", " "))
    return 0


if __name__ == "__main__":
    sys.exit(main())
