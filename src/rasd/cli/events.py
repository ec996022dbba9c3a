"""CLI commands for events: ``rasd extract``, ``rasd events list|show``, ``rasd export``."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import sys
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any, TypeVar

import click

from rasd.api import DEFAULT_LEVEL, DEFAULT_STATUS, FILTERS, STATUSES
from rasd.api import open as rasd_open
from rasd.api.filters import parse_bbox
from rasd.clean.cleaner import clean_batch
from rasd.cli.common import db_option, edge
from rasd.models import Document, Failure
from rasd.store import open_store
from rasd.store.events import SORTS, get_event
from rasd.store.export import BINARY_FORMATS, FORMATS

level_option = click.option(
    "--level", type=click.Choice(["canonical", "report"]), default=DEFAULT_LEVEL,
    show_default=True,
    help="canonical: one event per real-world event, merged over its reports and sources; "
         "report: one event per article.")


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from exc


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--published", callback=_parse_date,
              help="Publication date (YYYY-MM-DD) for inputs that carry none.")
@click.option("--source", help="Outlet name for inputs that do not carry one.")
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(0),
              help="Extraction processes (0: one per core). Output order does not change.")
@click.option("--max-chars", default=5_000_000, show_default=True, type=click.IntRange(1),
              help="Refuse (as a failure) a document with more characters of text than this.")
@click.option("--explain", is_flag=True,
              help="Print each event as text with the rules behind it and its fields "
                   "instead of JSON.")
@click.option("--scorer", "scorer_path", type=click.Path(exists=True, dir_okay=False),
              help="Filter the rules' candidate events with a learned keep/drop scorer "
                   "made by `rasd train` (default: the packaged one, if any).")
@edge
def extract(paths: tuple[str, ...], published: date | None, source: str | None,
            jobs: int, max_chars: int, explain: bool, scorer_path: str | None) -> None:
    """Extract events from PATHS and print one JSON event per line (no database needed)."""
    from rasd.extract.pool import extract_documents, resolve_jobs
    from rasd.extract.scorer import PACKAGED, ScorerChoice, read_scorer
    from rasd.ingest.reader import iter_inputs

    scorer: ScorerChoice = read_scorer(scorer_path) if scorer_path else PACKAGED

    failed = events = empty = duplicates = 0
    seen: set[str] = set()

    def documents() -> Iterator[Document]:
        nonlocal failed, empty, duplicates
        for item in clean_batch(iter(iter_inputs(paths, source=source))):
            if isinstance(item, Failure):
                failed += 1
                click.echo(f"failed: {item.origin}: [{item.stage}] {item.reason}", err=True)
                continue
            if item.id in seen:
                duplicates += 1  # the same text again: one report, as the store keeps it
                continue
            seen.add(item.id)
            if not item.clean_text:
                empty += 1
                click.echo(f"empty: {item.origin}: no text to extract from", err=True)
                continue
            if published is not None and item.published is None:
                item = dataclasses.replace(item, published=published)
            yield item

    out = sys.stdout
    for outcome in extract_documents(documents(), jobs=resolve_jobs(jobs), max_chars=max_chars,
                                     scorer=scorer):
        if outcome.failure is not None:
            failed += 1
            click.echo(f"failed: {outcome.origin}: [extract] {outcome.failure.reason}", err=True)
            continue
        for ev in outcome.events:
            if explain:
                from rasd.extract.build import explain as explain_event

                out.write(f"{ev.event_id}  {ev.doc_id}  {ev.event_type} / {ev.sub_event_type}"
                          f"  [{ev.status}]\n  {ev.notes}\n")
                out.writelines(f"  {line}\n" for line in explain_event(ev))
                continue
            out.write(json.dumps(ev.to_json(), ensure_ascii=False) + "\n")
        events += len(outcome.events)
    click.echo(f"events: {events}, failed: {failed}, empty: {empty}, duplicates: {duplicates}",
               err=True)


@click.command()
@db_option
@click.option("--all", "everything", is_flag=True,
              help="Re-extract every stored document, not only those the current rules "
                   "did not extract.")
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(0),
              help="Extraction processes (0: one per core).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@edge
def reextract(db_url: str, everything: bool, jobs: int, quiet: bool) -> None:
    """Extract stored documents again after the rules changed, then merge.

    Documents last extracted with another ruleset (rules and data files, by hash)
    are extracted again; an event the change left alike keeps its id."""
    from rasd.extract.pool import resolve_jobs
    from rasd.pipeline.extract_stage import reextract as run_reextract
    from rasd.pipeline.orchestrator import Pipeline

    with open_store(db_url) as store:
        pipeline = Pipeline(store, progress=not quiet and sys.stderr.isatty(),
                            jobs=resolve_jobs(jobs))
        marked, stats = run_reextract(pipeline, everything=everything)
    for failure in stats.failures:
        click.echo(f"failed: {failure.origin}: [{failure.stage}] {failure.reason}", err=True)
    click.echo(f"documents to re-extract: {marked}")
    click.echo(stats.summary())


F = TypeVar("F", bound=Callable[..., Any])


def filter_options(fn: F) -> F:
    opts = [
        click.option("--from", "date_from", callback=_parse_date, help="Events on or after."),
        click.option("--to", "date_to", callback=_parse_date, help="Events on or before."),
        click.option("--type", "event_type", help="ACLED event type."),
        click.option("--sub-type", "sub_event_type", help="ACLED sub-event type."),
        click.option("--actor", help="Actor id or part of its name (English or Arabic)."),
        click.option("--country", help="ISO 3166 alpha-2 code, e.g. SY."),
        click.option("--admin1", help="Governorate / province name."),
        click.option("--text", help="Search the evidence sentences (Arabic-normalised)."),
        click.option("--status", type=click.Choice(list(STATUSES)), default=DEFAULT_STATUS,
                     show_default=True,
                     help="current: the news the articles report; background: earlier "
                          "events they recall; all: both."),
        click.option("--doc", help="Only events of this document (name or id)."),
        click.option("--bbox", callback=_parse_bbox, metavar="MIN_LON,MIN_LAT,MAX_LON,MAX_LAT",
                     help="Only events inside this box."),
        click.option("--civilians", is_flag=True, default=None,
                     help="Only events targeting civilians (actor 2 is civilians)."),
    ]
    for opt in reversed(opts):
        fn = opt(fn)
    return fn


def _parse_bbox(_ctx: click.Context, _param: click.Parameter,
                value: str | None) -> tuple[float, ...] | None:
    try:
        return parse_bbox(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _filters(kw: dict[str, Any]) -> dict[str, Any]:
    """The event filters among a command's options, for the API (``status`` included)."""
    return {k: v for k, v in kw.items() if k in FILTERS or k == "status"}


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """The API's refusal of a filter value (a misspelt event type, say) is the user's
    mistake: a usage error naming it (exit 2), not an unexpected failure."""
    try:
        yield
    except (ValueError, TypeError) as exc:
        raise click.UsageError(str(exc)) from exc


@click.group()
def events() -> None:
    """Stored events."""


@events.command("list")
@db_option
@filter_options
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1))
@click.option("--offset", default=0, type=click.IntRange(0))
@click.option("--sort", default="date", type=click.Choice(sorted(SORTS)))
@click.option("--json", "as_json", is_flag=True, help="One JSON event per line.")
@level_option
@edge
def events_list(db_url: str, limit: int, offset: int, sort: str, as_json: bool, level: str,
                **kw: Any) -> None:
    """List events with filters."""
    with rasd_open(db_url) as db, user_errors():
        rows = db.events(level=level, limit=limit, offset=offset, sort=sort, **_filters(kw))
        total = db.count(level=level, **_filters(kw))
    if rows and not as_json:
        articles = "  articles" if level == "canonical" else ""
        header = (f"{'id':{len(rows[0].event_id)}}  {'date':10}  {'sub-event type':24}  "
                  f"{'actor 1':28}  {'actor 2':28}  {'place':20}  {'dead':>4}  {'status':10}")
        click.echo((header + articles).rstrip())
    for ev in rows:
        if as_json:
            click.echo(json.dumps(ev.to_json(), ensure_ascii=False))
            continue
        when = ev.date.start.isoformat() if ev.date else "-"
        where = ev.location.name if ev.location else "-"
        deaths = ev.fatalities.best if ev.fatalities else 0
        a1 = ev.actor1.name if ev.actor1 else "-"
        a2 = ev.actor2.name if ev.actor2 else "-"
        # The articles that reported it (its evidence names each one); outlets
        # may be unknown for files read without a --source.
        srcs = f"  {len({e.doc_id for e in ev.evidence}):>8}" if level == "canonical" else ""
        click.echo(f"{ev.event_id}  {when:10}  {ev.sub_event_type[:24]:24}  {a1[:28]:28}  "
                   f"{a2[:28]:28}  {where[:20]:20}  {deaths:4}  {ev.status:10}{srcs}")
    if not as_json:
        click.echo(f"({len(rows)} of {total} events)")


@events.command("show")
@click.argument("event_id")
@db_option
@click.option("--json", "as_json", is_flag=True,
              help="A canonical event as JSON, with its reports and merge links.")
@edge
def events_show(event_id: str, db_url: str, as_json: bool) -> None:
    """Show one event: a canonical event (id c...) with its reports and why they were
    merged, or a report-level event as JSON with its evidence."""
    from rasd.store.canonical import find_canonical

    with open_store(db_url) as store:
        view = find_canonical(store, event_id)
        if view is None:
            ev = get_event(store, event_id)
            click.echo(json.dumps(ev.to_json(), ensure_ascii=False, indent=2))
            return
    if as_json:
        out = view.event.to_json()
        out["reports"] = [{**r.event.to_json(), "source": r.source,
                           "published": r.published.isoformat() if r.published else None}
                          for r in view.reports]
        out["links"] = list(view.links)
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    _echo_canonical(view)


def _echo_canonical(view: Any) -> None:
    ev = view.event
    fat = ev.fatalities
    click.echo(f"{ev.event_id}  {ev.event_type} / {ev.sub_event_type}  [{ev.status}]")
    click.echo(f"  {ev.notes}")
    if ev.date:
        click.echo(f"  date: {ev.date.start} .. {ev.date.end} (precision {ev.date.precision})")
    if ev.location:
        click.echo(f"  place: {ev.location.name} ({ev.location.name_ar}), "
                   f"{ev.location.admin1 or '-'}, {ev.location.country or '-'} "
                   f"(precision {ev.location.precision})")
    if fat:
        click.echo(f"  fatalities: best {fat.best}, low {fat.low}, high {fat.high} "
                   "(best: lowest non-zero figure among the reports)")
    click.echo(f"  sources ({len(ev.sources)}): {', '.join(ev.sources) or '-'}")
    click.echo(f"reports ({len(view.reports)}):")
    for r in view.reports:
        rev = r.event
        deaths = rev.fatalities.best if rev.fatalities else 0
        click.echo(f"  {rev.event_id}  {r.source or '-'}  published {r.published or '-'}  "
                   f"doc {rev.doc_id}: {rev.sub_event_type}; "
                   f"{rev.actor1.name if rev.actor1 else '-'} / "
                   f"{rev.actor2.name if rev.actor2 else '-'}; "
                   f"{rev.location.name if rev.location else '-'}; "
                   f"{rev.date.start if rev.date else '-'}; {deaths} killed")
        for e in rev.evidence:
            click.echo(f"      > {e.text}")
        from rasd.extract.build import explain

        for line in explain(rev):
            click.echo(f"      {line}")
    if view.links:
        click.echo("merged because:")
        for lk in view.links:
            click.echo(f"  {lk['a']} + {lk['b']}: {'; '.join(lk['reasons'])}")


@click.command()
@db_option
@filter_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False),
              help="File (default: stdout; Parquet needs a file).")
@click.option("--with-evidence", is_flag=True,
              help="CSV and Parquet: add the evidence sentences and their articles' URLs.")
@level_option
@edge
def export_command(db_url: str, fmt: str, output: str | None, with_evidence: bool, level: str,
                   **kw: Any) -> None:
    """Export events as JSON Lines, CSV (ACLED columns), GeoJSON or Parquet.

    Canonical, current events by default; `rasd eval` scores a report-level export
    of every status: --level report --status all."""
    if fmt in BINARY_FORMATS and not output:
        raise click.UsageError(f"--format {fmt} needs --output FILE")
    with rasd_open(db_url) as db, user_errors():
        n = db.export(fmt, output or sys.stdout, level=level, with_evidence=with_evidence,
                      **_filters(kw))
    click.echo(f"exported {n} events", err=True)


export_command.name = "export"
