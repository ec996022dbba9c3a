"""The Arabic examples in the public API's docstrings run, and the package says it is typed."""

from __future__ import annotations

import doctest
import importlib
from importlib import resources

import pytest

import rasd


@pytest.mark.parametrize("module", ["rasd.extract.library", "rasd.api.database", "rasd.api",
                                    "rasd.api.frames"])
def test_docstring_examples_run(module: str) -> None:
    if module == "rasd.api.frames":
        pytest.importorskip("pandas")
    mod = importlib.import_module(module)
    result = doctest.testmod(mod, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


def test_the_package_ships_py_typed() -> None:
    assert (resources.files("rasd") / "py.typed").is_file()


def test_the_public_names_are_there() -> None:
    missing = [name for name in rasd.__all__ if not hasattr(rasd, name)]
    assert not missing
    assert callable(rasd.extract) and callable(rasd.open)
    # Tab completion in a notebook shows the API, not the module's own imports.
    assert not {"Any", "TYPE_CHECKING", "importlib", "annotations"} & set(dir(rasd))
    assert set(rasd.__all__) <= set(dir(rasd))
