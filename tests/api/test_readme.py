"""The README's "Use from Python" example runs, and prints what the README says it prints."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"


def _python_blocks() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Use from Python", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


def _expected(block: str) -> list[str]:
    """The ``# output`` comment lines that follow each print of the example."""
    return [m.group(1) for m in re.finditer(r"^\s*# (\S.*)$", block, flags=re.M)]


def test_the_readme_has_a_python_example() -> None:
    blocks = _python_blocks()
    assert len(blocks) == 1 and "rasd.open" in blocks[0] and "to_pandas" in blocks[0]


def test_the_readme_python_example_runs(tmp_path: Path) -> None:
    pytest.importorskip("pandas")
    (block,) = _python_blocks()
    out = io.StringIO()
    cwd = Path.cwd()
    os.chdir(tmp_path)  # the example writes its database and CSV where it runs
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(block, str(README), "exec"), {"__name__": "readme"})
    finally:
        os.chdir(cwd)
    assert out.getvalue().splitlines() == _expected(block)
    assert (tmp_path / "events.csv").read_text(encoding="utf-8").count("إدلب") >= 1
