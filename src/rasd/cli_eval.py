"""``rasd eval``: score a prediction file against a gold file (``scoring.md``).

Registered in the main CLI by ``rasd.cli``; kept here so the scorer's edge
lives next to nothing else. Malformed input is an :class:`EvalError`, shown
as one line (``file:line: reason``) with exit code 2.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from rasd.errors import EvalError
from rasd.evaluate import evaluate, format_report, load_docs, load_events, report_to_json


class EvalInputError(click.ClickException):
    """Bad gold/prediction input; exit code 2 like click's own usage errors."""

    exit_code = 2


_PATH = click.Path(exists=True, dir_okay=False, readable=True, path_type=Path)


@click.command("eval")
@click.option("--gold", "gold_path", type=_PATH, required=True, help="Gold events, JSON Lines.")
@click.option(
    "--pred",
    "pred_path",
    type=_PATH,
    required=True,
    help="Predicted events (rasd output records), JSON Lines.",
)
@click.option(
    "--docs",
    "docs_path",
    type=_PATH,
    default=None,
    help="The gold set's docs.txt: documents in scope, including those with no gold event.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of text.")
def eval_command(gold_path: Path, pred_path: Path, docs_path: Path | None, as_json: bool) -> None:
    """Score predicted events against gold events: precision, recall, F1, field accuracy."""
    try:
        gold = load_events(gold_path)
        pred = load_events(pred_path)
        docs = load_docs(docs_path) if docs_path is not None else None
        report = evaluate(gold, pred, docs=docs)
    except EvalError as exc:
        raise EvalInputError(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(report_to_json(report), ensure_ascii=False, indent=2))
    else:
        click.echo(format_report(report), nl=False)
