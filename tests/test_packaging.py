"""What ``pyproject.toml`` declares: the packages rasd needs at run time."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def _names(requirements: list[str]) -> set[str]:
    # PEP 503 normalisation: lxml_html_clean and lxml-html-clean are one name.
    return {re.sub(r"[-_.]+", "-", re.split(r"[<>=!~;\[ ]", r, maxsplit=1)[0]).lower()
            for r in requirements}


def test_lxml_html_clean_is_a_direct_dependency() -> None:
    # trafilatura imports lxml.html.clean; without a direct requirement an older pip
    # leaves it out and every fetched page fails with an ImportError.
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    assert "lxml-html-clean" in _names(project["dependencies"])


def test_html_cleaning_imports() -> None:
    import lxml_html_clean  # noqa: F401  (the package the requirement installs)
    from lxml.html.clean import Cleaner

    assert Cleaner is not None
