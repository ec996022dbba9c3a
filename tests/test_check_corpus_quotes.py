"""scripts/check_corpus_quotes.py: the matcher on a tiny corpus the team composed.

The real-corpus run reads a large corpus and is a script (see docs/quality.md);
these tests check that runs are found across spelling variants and only at full length.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest


def _script() -> ModuleType:
    # Loaded as a module: the test runs what users run. Registered so dataclasses resolve.
    name = "check_corpus_quotes"
    spec = importlib.util.spec_from_file_location(
        name, Path(__file__).parents[1] / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


cq = _script()

# Composed articles, not taken from any outlet.
CORPUS = [
    ("doc-a", "زار الوفد مدينة الورد صباح الأحد وعقد لقاء مع أهالي الحي القديم ثم غادر"),
    ("doc-b", "قالت اللجنة إن المكتبة الجديدة ستفتح أبوابها للقراء في مطلع الشهر المقبل"),
]


def _hits(text: str, n: int = 7) -> list[tuple[int, str]]:
    lines = [cq.Line("t.py", i, t) for i, t in enumerate(text.splitlines(), start=1)]
    return [(h.line.number, h.doc_id) for h in cq.find_quotes(lines, CORPUS, n)]


@pytest.mark.parametrize(("line", "expected"), [
    # seven words of doc-a in a row, inside a Python string
    ('s = "وعقد لقاء مع أهالي الحي القديم ثم"', [(1, "doc-a")]),
    # spelling variants fold: alif without hamza, haa for taa marbuta, diacritics
    ('"قالت اللجنه ان المكتبة الجديدة ستفتحُ أبوابها"', [(1, "doc-b")]),
    # six words only
    ('"وعقد لقاء مع أهالي الحي القديم"', []),
    # seven words with one changed in the middle
    ('"وعقد لقاء مع سكان الحي القديم ثم"', []),
    # the same words out of order
    ('"ثم القديم الحي أهالي مع لقاء وعقد"', []),
    ("no Arabic at all", []),
    # a run across two strings of a line is no quote
    ('("زار الوفد مدينة الورد", "صباح الأحد وعقد لقاء")', []),
])
def test_a_run_of_seven_folded_words_is_a_quote(line: str, expected: list[tuple[int, str]]) -> None:
    assert _hits(line) == expected


def test_each_line_is_reported_once_with_its_number() -> None:
    text = "\n".join([
        "# comment",
        '"زار الوفد مدينة الورد صباح الأحد وعقد لقاء مع أهالي"',  # several runs of doc-a
        '"ستفتح أبوابها للقراء في مطلع الشهر المقبل"',
    ])
    assert _hits(text) == [(2, "doc-a"), (3, "doc-b")]
    assert _hits('"زار الوفد مدينة"', n=3) == [(1, "doc-a")]


def test_main_scans_a_directory_and_exits_1_on_a_quote(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus.jsonl.gz"
    with gzip.open(corpus, "wt", encoding="utf-8") as fh:
        for doc_id, text in CORPUS:
            fh.write(json.dumps({"id": doc_id, "title": "", "text": text}) + "\n")
    src = tmp_path / "src"
    src.mkdir()
    (src / "clean.py").write_text('X = "زار الوفد مدينة النخيل"\n', encoding="utf-8")
    assert cq.main([str(src), "--corpus", str(corpus)]) == 0
    (src / "quoted.md").write_text(
        "intro\nقالت اللجنة إن المكتبة الجديدة ستفتح أبوابها للقراء\n", encoding="utf-8")
    assert cq.main([str(src), "--corpus", str(corpus)]) == 1
    assert f"{src / 'quoted.md'}:2: doc-b" in capsys.readouterr().out


# Names and aliases of actors are facts compiled into the dictionary (NOTICE), not
# quotes: a long official name ("… loyal to the former president …") is the same seven
# words wherever it is written.
NAME_FILES = frozenset({"actors.tsv", "actor_descriptors.tsv"})


@pytest.mark.shared
def test_the_tree_quotes_no_corpus_article(shared_dir: Path) -> None:
    # The ground rule, kept: tests compose their sentences, docs and comments point at an
    # article by its id. A failure names file and line (and the article), never the text.
    script = _script()
    root = Path(__file__).parents[1]
    paths = [root / p for p in ("src", "tests", "docs", "README.md", "scripts")]
    lines = [ln for ln in script.scan_lines(paths) if Path(ln.path).name not in NAME_FILES]
    corpus = shared_dir / "corpora" / "saudinewsnet-2015.jsonl.gz"
    hits = script.find_quotes(lines, script.read_corpus(corpus), 7)
    where = [f"{h.line.path}:{h.line.number} ({h.doc_id})" for h in hits]
    assert not where, where
