"""Development-set errors counted per phenomenon of issue 14 (real-news extraction).

Runs ``rasd eval --explain --json`` over a predicted file and sorts every error into the
issue's phenomena with simple markers read in the sentences involved: a prediction's
evidence sentence, and for a gold event the article sentences that hold its place name.
The markers are deliberately plain (a few words each, below) so the table can be re-read
by hand; an error may count under more than one phenomenon, and the table is a
guide for where to work, not a score.

Usage (development set only; never on the held-out set, whose errors must not be read):

    python scripts/real_gold_articles.py tests/gold/real/dev_docs.txt -o /tmp/dev.jsonl
    rasd extract /tmp/dev.jsonl > /tmp/dev-pred.jsonl
    python benchmarks/dev_phenomena.py /tmp/dev.jsonl /tmp/dev-pred.jsonl [--show PHEN]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests/gold/real/dev.jsonl"
DOCS = ROOT / "tests/gold/real/dev_docs.txt"

# Cause names of rasd.evaluate.explain (the JSON keys).
ARTICLE_MISSED = "article missed: nothing extracted from an article with events"
NO_EVENT_ARTICLE = "prediction in an article with no event"
NO_EVENT_SENTENCE = "prediction from a sentence that tells no event"
WRONG_TYPE = "wrong event type"
JOINED = "two events joined in one"
SPLIT = "one event split in two"
WRONG_SUBTYPE = "paired: wrong sub-event type"
WRONG_TOLL = "paired: wrong toll"
BG_AS_CURRENT = "paired: background event coded as current"
CURRENT_AS_BG = "paired: current event coded as background"
PLACE_UNKNOWN = "place unknown to the gazetteer"
PLACE_OTHER = "place resolved to another place"
WRONG_ACTOR = "wrong actor"
WRONG_ACTORS = "paired: wrong actor pair"

# Markers, on normalised text (alef forms, ya, ta marbuta folded; diacritics gone).
DENSE = re.compile(r"، ?(فيما|بينما|كما|في حين|ايضا)|\bوسط\b|ترافق مع|تزامن مع")
CLAIM = re.compile(r"مسووليته|مسووليتها|تبنى|تبنت|\bنفى\b|\bنفت\b|زعم|اتهم|حمل[ت]? .{0,20}مسوولي"
                   r"|\bقالت? مصادر|ذكرت مصادر|افادت مصادر|بحسب|وفق[اa]? ل")
BACKGROUND = re.compile(r"\bوكان[ت]?\b.{0,80}\bقد\b|\bمنذ\b|العام الماضي|الشهر الماضي|ذكرى")
# ``وفي البلدة ذاتها``: a place noun pointing back (not ``فجر نفسه``, blew himself up).
ANAPHORA = re.compile(r"\b(البلده|المدينه|المنطقه|القريه|الحي|المحافظه|الناحيه|المخيم|الموقع)"
                      r" (ذاتها|ذاته|نفسها|نفسه)\b|\bذات (البلده|المدينه|المنطقه|القريه)\b")
NO_EVENT_KINDS: dict[str, re.Pattern[str]] = {
    "tally": re.compile(r"حصيل|اجمالي|ارتفع عدد|منذ بد|خلال الاسابيع|خلال الاشهر|احصائي"),
    "threat/plan": re.compile(r"هدد|توعد|يعتزم|تعتزم|تستعد|يستعد|سوف|ستشن|سيشن|خطة|تخطط|يخطط"),
    "trial": re.compile(r"محكم|محاكم|\bحكم\b|قضائي|اعدام"),
    "funeral": re.compile(r"تشييع|جناز|شيع"),
    "statement": re.compile(r"\bقال\b|\bقالت\b|صرح|اكد|اكدت|اعلن|اعلنت|بيان|مؤتمر|موتمر"),
}
LIST_WORDS = re.compile(r"\b(قرى|قريتي|بلدات|بلدتي|مناطق|مدن|مدينتي|احياء|مديريات|مديريتي"
                        r"|محافظات|محافظتي)\b")
DIACRITICS = re.compile(r"[\u064b-\u0652\u0640]")


def norm(text: str) -> str:
    text = DIACRITICS.sub("", text)
    for a, b in (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ى", "ي"), ("ة", "ه"), ("ؤ", "و"),
                 ("ئ", "ي")):
        text = text.replace(a, b)
    return text


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"[.!؟?\n]+", norm(text)) if s.strip()]


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def by_origin(path: Path) -> dict[str, dict[str, Any]]:
    return {f"{path}:{i}": rec for i, rec in enumerate(load_jsonl(path), 1)}


def gold_sentences(event: dict[str, Any], article: str) -> list[str]:
    """The article sentences holding the gold place's Arabic name (with or without ال)."""
    name = norm((event.get("location") or {}).get("name_ar") or "")
    if not name:
        return []
    bare = name[2:] if name.startswith("ال") else name
    return [s for s in sentences(article) if name in s or (len(bare) > 2 and bare in s)]


def place_key(event: dict[str, Any]) -> str:
    loc = event.get("location") or {}
    return norm(loc.get("name_ar") or loc.get("name") or "")


def run_eval(gold: Path, pred: Path, docs: Path) -> dict[str, Any]:
    rasd = Path(sys.executable).parent / "rasd"
    out = subprocess.run(
        [str(rasd), "eval", "--gold", str(gold), "--pred", str(pred), "--docs", str(docs),
         "--explain", "--json", "--examples", "100000", "--bootstrap", "0"],
        check=True, capture_output=True, text=True)
    return dict(json.loads(out.stdout))


def classify(articles_path: Path, pred_path: Path, gold_path: Path = GOLD,
             docs_path: Path = DOCS) -> tuple[dict[str, list[str]], dict[str, Any]]:
    report = run_eval(gold_path, pred_path, docs_path)
    articles = {a["id"]: a.get("title", "") + "\n" + a.get("text", "")
                for a in load_jsonl(articles_path)}
    preds = by_origin(pred_path)
    gold_all = load_jsonl(gold_path)
    causes = report["causes"]
    found: dict[str, list[str]] = defaultdict(list)

    def gold_items(cause: str) -> list[dict[str, Any]]:
        return [x["event"] for x in causes.get("gold", {}).get(cause, {}).get("examples", [])]

    def pred_items(cause: str) -> list[dict[str, Any]]:
        return [x["event"] for x in causes.get("pred", {}).get(cause, {}).get("examples", [])]

    def evidence(event: dict[str, Any]) -> str:
        rec = preds.get(event.get("origin", ""), {})
        return norm(" ".join(e.get("text", "") for e in rec.get("evidence", [])))

    def label(event: dict[str, Any], text: str) -> str:
        loc = (event.get("location") or {}).get("name_ar") or "-"
        return f"{event['doc_id']} {event['event_type'][:12]} {loc} | {text[:160]}"

    all_gold = [x["event"] for c in causes.get("gold", {}).values() for x in c["examples"]]
    all_pred = [x["event"] for c in causes.get("pred", {}).values() for x in c["examples"]]

    # 1. Articles with events where nothing came out.
    for g in gold_items(ARTICLE_MISSED):
        found["article missed"].append(label(g, ""))
        if (g.get("location") or {}).get("country") == "SA":
            found["article missed: Saudi border"].append(label(g, ""))
    # 2. Type confusion, both sides and among pairs.
    for g in gold_items(WRONG_TYPE):
        found["type confusion"].append(label(g, "gold"))
    for p in pred_items(WRONG_TYPE):
        found["type confusion"].append(label(p, evidence(p)))
    for x in causes.get("paired", {}).get(WRONG_SUBTYPE, {}).get("examples", []):
        found["type confusion"].append(label(x["event"], "paired sub-type"))
    # 3. Joined/split fronts; in a dense round-up sentence when the marker is there.
    for g in gold_items(JOINED):
        text = " ".join(gold_sentences(g, articles.get(g["doc_id"], "")))
        found["joined/split"].append(label(g, "joined " + text))
        if DENSE.search(text):
            found["joined/split: dense round-up"].append(label(g, text))
    for p in pred_items(SPLIT):
        text = evidence(p)
        found["joined/split"].append(label(p, "split " + text))
        if DENSE.search(text):
            found["joined/split: dense round-up"].append(label(p, text))
    # 4. Lists of places: a missed gold event sharing its sentence with another gold event
    #    of the same type and day (or placed after a plural place noun).
    gold_by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for g in gold_all:
        if g.get("status") == "current":
            gold_by_doc[g["doc_id"]].append(g)
    for g in all_gold:
        if g.get("status") != "current":
            continue
        sents = gold_sentences(g, articles.get(g["doc_id"], ""))
        mates = [o for o in gold_by_doc[g["doc_id"]]
                 if place_key(o) != place_key(g) and o["event_type"] == g["event_type"]
                 and o.get("date") == g.get("date")]
        shared = [s for s in sents for o in mates if place_key(o) and place_key(o) in s]
        listed = [s for s in sents if LIST_WORDS.search(s)]
        if shared or listed:
            found["list of places (missed)"].append(label(g, (shared or listed)[0]))
    # 5-7. Claims, background, anaphora, on unpaired predictions and missed gold events.
    for p in all_pred:
        text = evidence(p)
        if CLAIM.search(text):
            found["claim/reported speech (pred)"].append(label(p, text))
        if BACKGROUND.search(text):
            found["background marker (pred)"].append(label(p, text))
        if ANAPHORA.search(text):
            found["same-place anaphora"].append(label(p, text))
    for g in all_gold:
        text = " ".join(gold_sentences(g, articles.get(g["doc_id"], "")))
        if ANAPHORA.search(text):
            found["same-place anaphora"].append(label(g, text))
    for cause in (BG_AS_CURRENT, CURRENT_AS_BG):
        for x in causes.get("paired", {}).get(cause, {}).get("examples", []):
            found["background vs current (status)"].append(label(x["event"], cause))
    # 8. Sentences that tell no event, by kind.
    for cause in (NO_EVENT_SENTENCE, NO_EVENT_ARTICLE):
        for p in pred_items(cause):
            text = evidence(p)
            found["no-event sentence"].append(label(p, text))
            kinds = [k for k, rx in NO_EVENT_KINDS.items() if rx.search(text)]
            for k in kinds[:1] or ["other"]:
                found[f"no-event sentence: {k}"].append(label(p, text))
    # 9. Tolls, and the place and actor causes for context.
    for x in causes.get("paired", {}).get(WRONG_TOLL, {}).get("examples", []):
        found["toll wrong (paired)"].append(label(x["event"], ""))
    for cause in (PLACE_UNKNOWN, PLACE_OTHER):
        found["(context) place causes"] += [label(e, "") for e in gold_items(cause)]
        found["(context) place causes"] += [label(e, "") for e in pred_items(cause)]
    found["(context) actor causes"] += [label(e, "") for e in gold_items(WRONG_ACTOR)]
    found["(context) actor causes"] += [label(e, "") for e in pred_items(WRONG_ACTOR)]
    return found, report


ORDER = ["article missed", "article missed: Saudi border", "type confusion", "joined/split",
         "joined/split: dense round-up", "list of places (missed)",
         "claim/reported speech (pred)", "background marker (pred)",
         "background vs current (status)", "same-place anaphora", "no-event sentence",
         *[f"no-event sentence: {k}" for k in [*NO_EVENT_KINDS, "other"]],
         "toll wrong (paired)", "(context) place causes", "(context) actor causes"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("articles", type=Path)
    ap.add_argument("pred", type=Path)
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--docs", type=Path, default=DOCS)
    ap.add_argument("--show", help="print the errors of phenomena whose name starts so")
    args = ap.parse_args()
    found, report = classify(args.articles, args.pred, args.gold, args.docs)
    o = report["overall"]
    print(f"P {o['precision']:.3f} R {o['recall']:.3f} F1 {o['f1']:.3f}  "
          + "  ".join(f"{k} {v['accuracy']:.3f}" for k, v in o["fields"].items()))
    print("| phenomenon | dev errors |\n|---|---:|")
    for name in ORDER:
        print(f"| {name} | {len(found.get(name, []))} |")
    if args.show:
        for name in ORDER:
            if name.startswith(args.show):
                print(f"\n## {name}")
                for line in found.get(name, []):
                    print("  " + line)


if __name__ == "__main__":
    main()
