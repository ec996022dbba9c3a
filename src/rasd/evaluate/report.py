"""Rendering an :class:`~rasd.evaluate.score.EvalReport` as text for a coder, or as one JSON object.

Both renderings carry the same content: figures overall and per event type,
field accuracies, every unpaired event on each side, and (in the text) the
paired current events whose fields disagree, with both values side by side.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rasd.evaluate.explain import Explanation, explanation_lines, explanation_to_json
from rasd.evaluate.gold import ActorRef, ScoredEvent
from rasd.evaluate.match import FIELDS

if TYPE_CHECKING:
    from rasd.evaluate.score import EvalReport, Figures, Pair
    from rasd.evaluate.stats import Interval, Intervals

_NONE = "-"


def _ratio(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _ratio_json(value: float | None) -> float | None:
    # Rounded so a JSON diff between two runs shows real changes, not float noise.
    return None if value is None else round(value, 4)


def _actor(ref: ActorRef | None) -> str:
    return _NONE if ref is None else ref.name


def _place(event: ScoredEvent) -> str:
    loc = event.location
    if loc is None:
        return _NONE
    names = " / ".join(n for n in (loc.name, loc.name_ar) if n) or "(unnamed)"
    if loc.lat is not None and loc.lon is not None:
        names += f" ({loc.lat:.3f}, {loc.lon:.3f})"
    return names


def _date(event: ScoredEvent) -> str:
    if event.date is None:
        return _NONE
    start, end = event.date.start.isoformat(), event.date.end.isoformat()
    return start if start == end else f"{start}..{end}"


def _fatalities(event: ScoredEvent) -> str:
    return _NONE if event.fatalities_best is None else str(event.fatalities_best)


def event_line(event: ScoredEvent) -> str:
    """One event on one line: enough for a coder to find it and see what it says."""
    return (
        f"{event.doc_id}  {event.status}  {event.event_type} / {event.sub_event_type}"
        f"  | actors: {_actor(event.actor1)} ; {_actor(event.actor2)}"
        f"  | place: {_place(event)}  | date: {_date(event)}"
        f"  | fatalities: {_fatalities(event)}  [{event.origin}]"
    )


def _field_values(name: str, event: ScoredEvent) -> str:
    if name == "sub_event_type":
        return event.sub_event_type
    if name == "actors":
        return f"{_actor(event.actor1)} ; {_actor(event.actor2)}"
    if name == "location":
        return _place(event)
    if name == "date":
        return _date(event)
    return _fatalities(event)


def _mismatch_lines(pair: Pair) -> list[str]:
    wrong = [name for name in FIELDS if pair.fields[name] is False]
    if not wrong:
        return []
    out = [
        f"  {pair.gold.doc_id}  {pair.gold.event_type}  [{pair.gold.origin} ~ {pair.pred.origin}]"
    ]
    for name in wrong:
        extra = ""
        if name == "location" and pair.distance_km is not None:
            extra = f"  ({pair.distance_km:.1f} km apart)"
        out.append(
            f"      {name}: gold {_field_values(name, pair.gold)}"
            f"  | pred {_field_values(name, pair.pred)}{extra}"
        )
    return out


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  " + "  ".join(cells).rstrip())
    return lines


def _slices(report: EvalReport) -> list[tuple[str, Figures]]:
    return [("overall", report.overall), *report.by_event_type.items()]


def _interval(iv: Interval | None) -> str:
    return "n/a" if iv is None else f"{iv.low:.3f}-{iv.high:.3f}"


def _figure_rows(slices: list[tuple[str, Figures]], head: str) -> list[str]:
    rows = [[head, "pred", "paired", "P", "gold", "paired", "R", "F1"]]
    for name, f in slices:
        rows.append(
            [
                name,
                str(f.predicted),
                str(f.predicted_paired),
                _ratio(f.precision),
                str(f.gold_current),
                str(f.gold_current_paired),
                _ratio(f.recall),
                _ratio(f.f1),
            ]
        )
    return _table(rows)


def format_report(
    report: EvalReport,
    *,
    summary: bool = False,
    intervals: Intervals | None = None,
    explanation: Explanation | None = None,
    examples: int = 3,
) -> str:
    """The report as plain text: figures first, then every miss.

    ``summary`` prints figures only (no event, no example): the form a held-out set is
    scored in. ``intervals`` adds bootstrap intervals, ``explanation`` the error causes.
    """
    o = report.overall
    lines = [
        f"Scored {report.docs_scored} documents: {o.gold_current + o.gold_background} gold events "
        f"({o.gold_current} current, {o.gold_background} background), {o.predicted} predicted.",
    ]
    if report.ignored_predictions:
        lines.append(
            f"Ignored {report.ignored_predictions} predicted events from "
            f"{report.ignored_documents} documents outside the gold set."
        )
    lines += ["", "Pairing (precision over all predictions, recall over current gold):"]
    lines += _figure_rows(_slices(report), "event type")
    if intervals is not None:
        lines += [
            "",
            f"95% bootstrap intervals over {report.docs_scored} articles "
            f"({intervals.resamples} resamples, seed {intervals.seed}): "
            f"P {_interval(intervals.precision)}  R {_interval(intervals.recall)}  "
            f"F1 {_interval(intervals.f1)}",
        ]
    if report.by_country:
        lines += ["", "By country (recall by the gold event's country, precision by the "
                  "prediction's):"]
        lines += _figure_rows(list(report.by_country.items()), "country")
    st = report.status
    lines += [
        "",
        f"Status (current/background) over {st.paired} paired events: "
        f"{st.right}/{st.paired} {_ratio(st.accuracy)}; background coded as current "
        f"{st.background_as_current}, current coded as background {st.current_as_background}.",
    ]
    lines += ["", "Field accuracy over paired current events (right/scored):"]
    rows = [["event type", *FIELDS]]
    for name, f in _slices(report):
        cells = [name]
        for field_name in FIELDS:
            score = f.fields[field_name]
            cells.append(f"{score.right}/{score.scored} {_ratio(score.accuracy)}")
        rows.append(cells)
    lines += _table(rows)
    if explanation is not None:
        lines += explanation_lines(explanation, examples=0 if summary else examples,
                                   line=event_line)
    if summary:
        return "\n".join(lines) + "\n"

    lines += ["", f"Unpaired gold events ({len(report.unpaired_gold)}):"]
    lines += [f"  {event_line(e)}" for e in report.unpaired_gold] or ["  none"]
    lines += ["", f"Unpaired predicted events ({len(report.unpaired_pred)}):"]
    lines += [f"  {event_line(e)}" for e in report.unpaired_pred] or ["  none"]
    mismatches = [
        line
        for pair in report.pairs
        if pair.gold.status == "current"
        for line in _mismatch_lines(pair)
    ]
    wrong_pairs = sum(
        1
        for pair in report.pairs
        if pair.gold.status == "current" and False in pair.fields.values()
    )
    lines += ["", f"Paired current events with wrong fields ({wrong_pairs}):"]
    lines += mismatches or ["  none"]
    return "\n".join(lines) + "\n"


def event_to_json(event: ScoredEvent) -> dict[str, Any]:
    loc = event.location
    return {
        "doc_id": event.doc_id,
        "status": event.status,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": None if event.actor1 is None else event.actor1.name,
        "actor2": None if event.actor2 is None else event.actor2.name,
        "location": None
        if loc is None
        else {
            "name": loc.name,
            "name_ar": loc.name_ar,
            "lat": loc.lat,
            "lon": loc.lon,
            "admin1": loc.admin1,
            "country": loc.country,
            "precision": loc.precision,
        },
        "date": None
        if event.date is None
        else {
            "start": event.date.start.isoformat(),
            "end": event.date.end.isoformat(),
        },
        "fatalities": event.fatalities_best,
        "cluster": event.cluster,
        "origin": event.origin,
    }


def figures_to_json(figures: Figures) -> dict[str, Any]:
    return {
        "predicted": figures.predicted,
        "predicted_paired": figures.predicted_paired,
        "gold_current": figures.gold_current,
        "gold_current_paired": figures.gold_current_paired,
        "gold_background": figures.gold_background,
        "gold_background_paired": figures.gold_background_paired,
        "precision": _ratio_json(figures.precision),
        "recall": _ratio_json(figures.recall),
        "f1": _ratio_json(figures.f1),
        "fields": {
            name: {
                "right": score.right,
                "scored": score.scored,
                "accuracy": _ratio_json(score.accuracy),
            }
            for name, score in figures.fields.items()
        },
    }


def _interval_json(iv: Interval | None) -> list[float] | None:
    return None if iv is None else [round(iv.low, 4), round(iv.high, 4)]


def report_to_json(
    report: EvalReport,
    *,
    summary: bool = False,
    intervals: Intervals | None = None,
    explanation: Explanation | None = None,
    examples: int = 3,
) -> dict[str, Any]:
    """The report as one JSON-ready object, with the same content as :func:`format_report`."""
    st = report.status
    out: dict[str, Any] = {
        "docs_scored": report.docs_scored,
        "ignored_predictions": report.ignored_predictions,
        "ignored_documents": report.ignored_documents,
        "overall": figures_to_json(report.overall),
        "by_event_type": {t: figures_to_json(f) for t, f in report.by_event_type.items()},
        "by_country": {c: figures_to_json(f) for c, f in report.by_country.items()},
        "status": {
            "paired": st.paired,
            "right": st.right,
            "accuracy": _ratio_json(st.accuracy),
            "background_as_current": st.background_as_current,
            "current_as_background": st.current_as_background,
        },
    }
    if intervals is not None:
        out["intervals"] = {
            "precision": _interval_json(intervals.precision),
            "recall": _interval_json(intervals.recall),
            "f1": _interval_json(intervals.f1),
            "resamples": intervals.resamples,
            "seed": intervals.seed,
        }
    if explanation is not None:
        out["causes"] = explanation_to_json(
            explanation, examples=0 if summary else examples, event=event_to_json
        )
    if summary:
        return out
    return out | {
        "unpaired_gold": [event_to_json(e) for e in report.unpaired_gold],
        "unpaired_pred": [event_to_json(e) for e in report.unpaired_pred],
        "pairs": [
            {
                "gold": event_to_json(pair.gold),
                "pred": event_to_json(pair.pred),
                "fields": dict(pair.fields),
                "distance_km": None if pair.distance_km is None else round(pair.distance_km, 2),
            }
            for pair in report.pairs
        ],
    }
