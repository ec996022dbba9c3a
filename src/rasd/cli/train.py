"""``rasd train``: rebuild the learned keep/drop scorer from a coded gold set.

A thin edge over :func:`rasd.evaluate.train.train`: reads the gold file, its
documents list and the articles (any input ``rasd extract`` reads), cleans
them as ``rasd extract`` does, fits, prints the cross-validated figures and
writes the scorer file. ``rasd extract --scorer FILE`` (and ``rasd run
--scorer FILE``) then use it; the file shipped in ``rasd/data/scorer.json``
is rebuilt with ``--output src/rasd/data/scorer.json``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import click

from rasd.clean.cleaner import clean_batch
from rasd.cli.common import edge
from rasd.evaluate.score import load_docs, load_events
from rasd.evaluate.train import C_GRID, FOLDS, train
from rasd.ingest.reader import iter_inputs
from rasd.models import Document, Failure

_PATH = click.Path(exists=True, dir_okay=False, readable=True, path_type=Path)


@click.command("train")
@click.option("--gold", "gold_path", type=_PATH, required=True,
              help="Coded gold events, JSON Lines (the development set, never a held-out one).")
@click.option("--docs", "docs_path", type=_PATH,
              help="Every document in the gold set's scope, one id a line (articles with no "
                   "event included).")
@click.option("--articles", "articles", type=click.Path(exists=True), multiple=True,
              required=True, help="The gold set's articles (any input rasd extract reads).")
@click.option("--folds", default=FOLDS, show_default=True, type=click.IntRange(2, 20),
              help="Cross-validation folds over articles.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("scorer.json"), show_default=True, help="Where to write the scorer.")
@edge
def train_command(gold_path: Path, docs_path: Path | None, articles: tuple[str, ...],
                  folds: int, output: Path) -> None:
    """Fit the keep/drop scorer over the rules' candidates to GOLD's coded events."""
    gold = load_events(gold_path)
    scope = {g.doc_id for g in gold} | (load_docs(docs_path) if docs_path else set())

    def documents() -> Iterator[Document]:
        for item in clean_batch(iter(iter_inputs(list(articles)))):
            if isinstance(item, Failure):
                click.echo(f"failed: {item.origin}: [{item.stage}] {item.reason}", err=True)
            elif item.clean_text:
                yield item

    meta = {"gold": gold_path.name, "documents": len(scope), "c_grid": list(C_GRID),
            "trained": datetime.now(UTC).date().isoformat()}
    result = train(documents(), gold, scope, folds=folds, meta=meta)
    output.write_text(json.dumps(result.scorer.to_json(), ensure_ascii=False, indent=1) + "\n",
                      encoding="utf-8")
    w, cv = result.without, result.cross_validated
    click.echo(f"candidates: {result.scorer.meta['candidates']}, of which the gold keeps "
               f"{result.scorer.meta['kept_by_gold']}; C {result.c}, threshold "
               f"{result.threshold}")
    click.echo(f"rules alone:             P {w.precision or 0:.3f} R {w.recall or 0:.3f} "
               f"F1 {w.f1 or 0:.3f}")
    click.echo(f"with the scorer ({folds}-fold): P {cv.precision or 0:.3f} "
               f"R {cv.recall or 0:.3f} F1 {cv.f1 or 0:.3f}")
    click.echo(f"wrote {output}")
