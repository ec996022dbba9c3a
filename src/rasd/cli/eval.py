"""``rasd eval``: score a prediction file against a gold file (``scoring.md``).

Registered in the main CLI by ``rasd.cli.main``; kept here so the scorer's edge
lives next to nothing else. Malformed input is an :class:`EvalError`, shown
as one line (``file:line: reason``) with exit code 2.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from rasd.errors import EvalError
from rasd.evaluate.explain import explain, gazetteer_place_known
from rasd.evaluate.merge_score import merge_lines, merge_score, merge_to_json
from rasd.evaluate.score import evaluate, format_report, load_docs, load_events, report_to_json
from rasd.evaluate.stats import DEFAULT_RESAMPLES, bootstrap


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
@click.option(
    "--only-docs",
    is_flag=True,
    help="Score only the documents of --docs (a subset of the gold file), e.g. the "
    "doubly coded articles for coder agreement.",
)
@click.option(
    "--merge",
    "with_merge",
    is_flag=True,
    help="Also score merging: pairs of paired reports from different articles, same gold "
    "cluster vs same canonical event (--pred: rasd export --level report, which gives "
    "each report's canonical_id).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of text.")
@click.option(
    "--summary",
    is_flag=True,
    help="Figures only, no event and no example: how a held-out set is scored.",
)
@click.option(
    "--explain",
    "with_causes",
    is_flag=True,
    help="Classify every miss and every unpaired prediction by its likely cause.",
)
@click.option(
    "--examples",
    type=click.IntRange(min=0),
    default=3,
    show_default=True,
    help="Events shown per cause with --explain (none with --summary).",
)
@click.option(
    "--bootstrap",
    "resamples",
    type=click.IntRange(min=0),
    default=DEFAULT_RESAMPLES,
    show_default=True,
    help="Resamples of the articles for 95% intervals of P/R/F1 (0: no intervals).",
)
def eval_command(
    gold_path: Path,
    pred_path: Path,
    docs_path: Path | None,
    only_docs: bool,
    with_merge: bool,
    as_json: bool,
    summary: bool,
    with_causes: bool,
    examples: int,
    resamples: int,
) -> None:
    """Score predicted events against gold events: precision, recall, F1, field accuracy.

    Also figures per event type and per country, current/background agreement, and
    95% bootstrap intervals over articles. Scoring a held-out set: use --summary.
    """
    try:
        gold = load_events(gold_path)
        pred = load_events(pred_path)
        docs = load_docs(docs_path) if docs_path is not None else None
        if only_docs and docs is None:
            raise EvalError("--only-docs needs --docs")
        report = evaluate(gold, pred, docs=docs, only_docs=only_docs)
        scope = set(report.doc_ids)
        merging = merge_score(report, [g for g in gold if g.doc_id in scope]) \
            if with_merge else None
    except EvalError as exc:
        raise EvalInputError(str(exc)) from exc
    intervals = bootstrap(report, resamples=resamples) if resamples else None
    causes = explain(report, place_known=gazetteer_place_known()) if with_causes else None
    if as_json:
        data = report_to_json(report, summary=summary, intervals=intervals,
                              explanation=causes, examples=examples)
        if merging is not None:
            data["merge"] = merge_to_json(merging, summary=summary)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        text = format_report(report, summary=summary, intervals=intervals,
                             explanation=causes, examples=examples)
        click.echo(text, nl=False)
        if merging is not None:
            click.echo("\n".join(["", *merge_lines(merging, summary=summary)]))
