"""The documented ``rasd export`` → ``rasd eval`` workflow: a report-level export of
every status scores exactly as ``rasd extract``'s output of the same articles, and the
README and docs/data.md name that level and those statuses.

Over the shipped sample articles and their gold events (tests/gold/samples.jsonl).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from rasd.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold"
SAMPLES = ROOT / "src" / "rasd" / "samples"
WORKFLOW = re.compile(r"rasd export (?:--db \S+ )?--level report --status all")


def _invoke(*args: str) -> str:
    res = CliRunner().invoke(main, list(args))
    assert res.exit_code == 0, res.output
    return res.stdout  # without the summary lines written to stderr


def _score(pred: Path) -> dict[str, object]:
    out = _invoke("eval", "--gold", str(GOLD / "samples.jsonl"), "--docs",
                  str(GOLD / "samples_docs.txt"), "--pred", str(pred), "--json")
    scores = json.loads(out)
    return {"overall": scores["overall"], "status": scores["status"]}


def test_the_docs_name_the_level_and_statuses_eval_needs() -> None:
    for doc in ("README.md", "docs/data.md"):
        assert WORKFLOW.search((ROOT / doc).read_text(encoding="utf-8")), doc


def test_a_report_export_of_every_status_scores_as_extraction(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'samples.db'}"
    articles = [str(p) for p in sorted(SAMPLES.iterdir()) if p.suffix != ".md"]
    _invoke("run", "--db", db, *articles)
    exported, default = tmp_path / "reports.jsonl", tmp_path / "default.jsonl"
    _invoke("export", "--db", db, "--level", "report", "--status", "all", "-o", str(exported))
    _invoke("export", "--db", db, "-o", str(default))
    direct = tmp_path / "direct.jsonl"
    direct.write_text(_invoke("extract", *articles), encoding="utf-8")
    assert _score(exported) == _score(direct)
    # The default export (canonical, current events) is what an analyst reads, not what
    # eval scores: it leaves out background events and merges reports.
    assert _score(default) != _score(direct)
