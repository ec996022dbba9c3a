"""The ``rasd`` command: a thin layer over the library.

Domain exceptions are turned into one-line errors and exit codes here, and
only here. Command groups of other modules (``geo``, ``eval``, ``serve`` …)
are registered at the bottom, each from the module that implements it.
"""

from __future__ import annotations

import importlib
import sys
from importlib import resources
from pathlib import Path

import click

from rasd.api import Database
from rasd.cli.common import EdgeGroup, db_option, debug_option, edge, shown
from rasd.store import Store, open_store

__all__ = ["db_option", "edge", "main"]

def samples_dir() -> Path:
    """The sample articles shipped inside the package (used by ``make demo``)."""
    return Path(str(resources.files("rasd") / "samples"))


def sample_paths() -> list[Path]:
    """The sample article files (the folder also holds their README)."""
    return sorted(p for p in samples_dir().iterdir()
                  if p.suffix in (".jsonl", ".html", ".txt", ".warc", ".gz"))


def _open(db_url: str) -> Store:
    return open_store(db_url)


@click.group(cls=EdgeGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="rasd")
@debug_option
def main(debug: bool) -> None:
    """rasd: Arabic conflict-event extraction from news."""


def _run(paths: tuple[str, ...], db_url: str, source: str | None, samples: bool,
         extract: bool, command: str, quiet: bool, *, engine: str = "local",
         workers: int | None = None, scheduler: str | None = None, jobs: int = 1) -> None:
    targets: list[str | Path] = list(paths)
    if samples:
        targets.extend(sample_paths())
    if not targets:
        raise click.UsageError("give at least one PATH (or --samples)")
    progress = not quiet and sys.stderr.isatty()
    with _open(db_url) as store:
        if engine == "dask":
            from rasd.pipeline.dask_runner import run_dask

            stats = run_dask(store, targets, source=source, workers=workers,
                             scheduler=scheduler, extract=extract, progress=progress,
                             command=command)
        elif extract:
            stats = Database(store).run(targets, source=source, jobs=jobs, progress=progress)
        else:
            stats = Database(store).ingest(targets, source=source, progress=progress)
    for failure in stats.failures:
        click.echo(f"failed: {shown(failure.origin)}: [{failure.stage}] {failure.reason}",
                   err=True)
    click.echo(stats.summary())


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@db_option
@click.option("--source", help="Outlet name for inputs that do not carry one.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@edge
def ingest(paths: tuple[str, ...], db_url: str, source: str | None, quiet: bool) -> None:
    """Read articles (files or folders: .txt .html .jsonl[.gz] .warc[.gz]), clean and store them."""
    _run(paths, db_url, source, False, False, "ingest", quiet)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@db_option
@click.option("--source", help="Outlet name for inputs that do not carry one.")
@click.option("--samples", is_flag=True, help="Also run on the sample articles shipped with rasd.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="dask: process partitions in parallel on a Dask cluster.")
@click.option("--workers", type=click.IntRange(1), help="Local Dask workers (default: 1).")
@click.option("--scheduler", metavar="ADDRESS",
              help="An existing Dask scheduler (tcp://HOST:8786) instead of local workers.")
@click.option("--jobs", "-j", type=click.IntRange(0), default=1, show_default=True,
              help="Local engine: extraction processes (0: one per core).")
@edge
def run(paths: tuple[str, ...], db_url: str, source: str | None, samples: bool,
        quiet: bool, engine: str, workers: int | None, scheduler: str | None,
        jobs: int) -> None:
    """Ingest PATHS, then every later stage (clean, extract, merge)."""
    if engine == "local" and (workers or scheduler):
        raise click.UsageError("--workers and --scheduler need --engine dask")
    if engine == "dask" and jobs != 1:
        raise click.UsageError("--jobs is for the local engine; give --workers to Dask")
    if workers and scheduler:
        raise click.UsageError("give --workers or --scheduler, not both")
    _run(paths, db_url, source, samples, True, "run", quiet, engine=engine, workers=workers,
         scheduler=scheduler, jobs=jobs)


@main.group()
def docs() -> None:
    """Stored documents."""


@docs.command("list")
@db_option
@click.option("--source", help="Only this outlet.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1))
@click.option("--offset", default=0, type=click.IntRange(0))
@edge
def docs_list(db_url: str, source: str | None, limit: int, offset: int) -> None:
    """List stored documents: id, name, source, date, sentences, title."""
    with _open(db_url) as store:
        rows = Database(store).documents(limit=limit, offset=offset, source=source)
        total = store.count_documents()
    for r in rows:
        published = r.published.isoformat() if r.published else "-"
        title = (r.title or "").replace("\n", " ")[:70]
        click.echo(f"{r.id}  {r.name[:28]:28}  {(r.source or '-')[:18]:18}  {published:10}  "
                   f"{r.sentences:4}  {title}")
    click.echo(f"({len(rows)} of {total} documents)")


@docs.command("show")
@click.argument("ref")
@db_option
@click.option("--raw", is_flag=True, help="Show the raw document as ingested.")
@edge
def docs_show(ref: str, db_url: str, raw: bool) -> None:
    """Show one document (by content id or name): metadata and cleaned text."""
    with _open(db_url) as store:
        doc = Database(store).document(ref)
    click.echo(f"id:        {doc.id}\nname:      {doc.name}\nsource:    {doc.source or '-'}\n"
               f"url:       {doc.url or '-'}\ntitle:     {doc.title or '-'}\n"
               f"published: {doc.published.isoformat() if doc.published else '-'}\n"
               f"origin:    {doc.origin}\nencoding:  {doc.encoding or '-'}\n"
               f"sentences: {len(doc.sentences)}\n")
    if raw:
        click.echo(doc.raw)
    elif doc.clean_text is None:
        click.echo("(not cleaned yet)")
    else:
        click.echo(doc.clean_text)


@main.command()
@db_option
@click.option("--run", "run_id", type=int, help="Only failures of this run.")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1))
@edge
def failures(db_url: str, run_id: int | None, limit: int) -> None:
    """List recorded failures: origin, stage and reason."""
    with _open(db_url) as store:
        rows = store.list_failures(run_id=run_id, limit=limit)
    for f in rows:
        click.echo(f"run {f.run_id}  {shown(f.origin)}  [{f.stage}] {f.reason}")
    click.echo(f"({len(rows)} failures)")


@main.command()
@db_option
@edge
def runs(db_url: str) -> None:
    """List recent runs with their counts."""
    with _open(db_url) as store:
        for r in store.list_runs():
            counts = ", ".join(f"{k}={v}" for k, v in r.stats.items() if v)
            click.echo(f"run {r.id}  {r.command:8} {r.started}  {r.finished or 'unfinished'}  "
                       f"{counts}")


# Command groups that live beside the modules they drive. A missing optional
# dependency (e.g. the web extra) hides its command instead of breaking the CLI.
_PLUGINS: list[tuple[str, str]] = [
    ("rasd.cli.geo", "geo"),
    ("rasd.cli.geo", "gazetteer"),
    ("rasd.cli.eval", "eval_command"),
    ("rasd.cli.events", "extract"),
    ("rasd.cli.events", "events"),
    ("rasd.cli.events", "export_command"),
    ("rasd.cli.events", "reextract"),
    ("rasd.cli.watch", "watch"),
    ("rasd.cli.watch", "sources"),
    ("rasd.cli.serve", "serve"),
    ("rasd.cli.train", "train_command"),
]


def _register() -> None:
    for module, attr in _PLUGINS:
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            # The module itself not written yet, or an optional extra not installed.
            if exc.name == module or not (exc.name or "").startswith("rasd"):
                continue
            raise
        command = getattr(mod, attr, None)
        if isinstance(command, click.Command):
            main.add_command(command)


_register()
