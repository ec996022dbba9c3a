"""The package layout is the architecture: lower layers never import higher ones, and no
module imports another module's private names.

Every ``import`` in ``src/rasd`` (top-level or inside a function, typing-only included) is
read with :mod:`ast`; nothing is imported to check it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "rasd"

# Lowest first. A module may import its own package and any package listed before it.
# The root modules (records, errors, ACLED codes, region profiles) sit under everything.
# ``api`` is the public Python API, built on the pipeline, used by the web layer and the CLI.
LAYERS = ("", "ingest", "clean", "geo", "actors", "extract", "store", "merge", "evaluate",
          "pipeline", "api", "web", "cli")
# The package's own ``__init__`` re-exports the public API (lazily, on first use):
# it may import up to the api layer, while ``from rasd import __version__`` stays a
# root import for everyone else.
FACADE = ("rasd", "api")


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _package(module: str) -> str:
    """The layer a module belongs to: ``rasd.geo.text`` -> ``geo``; ``rasd.models`` -> ``""``."""
    parts = module.split(".")
    if len(parts) >= 3 or (len(parts) == 2 and (SRC / parts[1]).is_dir()):
        return parts[1]
    return ""


def _imports(path: Path, source: str | None = None,
             here: str | None = None) -> list[tuple[int, str, tuple[str, ...]]]:
    """(line, imported module, names) for every import of rasd in a file."""
    tree = ast.parse(source if source is not None else path.read_text(encoding="utf-8"))
    here = here or _module_name(path)
    found: list[tuple[int, str, tuple[str, ...]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name, ()) for a in node.names if a.name.startswith("rasd")]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here.split(".")
                pkg = base if path.name == "__init__.py" else base[:-1]
                pkg = pkg[: len(pkg) - node.level + 1]
                module = ".".join(pkg + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if module.startswith("rasd"):
                found.append((node.lineno, module, tuple(a.name for a in node.names)))
    return found


def _check(here: str, found: list[tuple[int, str, tuple[str, ...]]]) -> tuple[list[str], list[str]]:
    layers: list[str] = []
    private: list[str] = []
    mine = FACADE[1] if here == FACADE[0] else _package(here)
    for line, module, names in found:
        theirs = _package(module)
        if module == "rasd" and names:
            # ``from rasd import geo`` imports a package: its layer is the name's.
            theirs = next((n for n in names if n in LAYERS), "")
        if theirs != mine and LAYERS.index(theirs) > LAYERS.index(mine):
            layers.append(f"{here}:{line} ({mine or 'root'}) imports {module} ({theirs})")
        if module != here:
            private += [f"{here}:{line} imports {module}.{n}" for n in names
                        if n.startswith("_") and not n.startswith("__")]
    return layers, private


def _files() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def _violations() -> tuple[list[str], list[str]]:
    layers: list[str] = []
    private: list[str] = []
    for path in _files():
        a, b = _check(_module_name(path), _imports(path))
        layers += a
        private += b
    return layers, private


def test_every_module_belongs_to_a_known_layer() -> None:
    unknown = {_package(_module_name(p)) for p in _files()} - set(LAYERS)
    assert not unknown, f"packages missing from LAYERS: {sorted(unknown)}"


def test_lower_layers_never_import_higher_ones() -> None:
    layers, _ = _violations()
    assert not layers, "\n".join(layers)


def test_no_module_imports_another_modules_private_names() -> None:
    _, private = _violations()
    assert not private, "\n".join(private)


@pytest.mark.parametrize(("here", "source", "layer_errors", "private_errors"), [
    ("rasd.geo.text", "from rasd.extract.tokens import Token\n", 1, 0),
    ("rasd.geo.text", "from rasd.clean.normalize import fold\n", 0, 0),
    ("rasd.geo.text", "def f():\n    import rasd.cli.main\n", 1, 0),
    ("rasd.geo.text", "from rasd import pipeline\n", 1, 0),
    ("rasd.models", "from rasd.geo.gazetteer import Gazetteer\n", 1, 0),
    ("rasd.cli.main", "from rasd.geo.gazetteer import _cache\n", 0, 1),
    ("rasd.geo.context", "from .text import _fold\n", 0, 1),
    ("rasd.geo.context", "from . import text\n", 0, 0),
    ("rasd", "from rasd.api import extract\n", 0, 0),
    ("rasd", "from rasd.web.app import create_app\n", 1, 0),
    ("rasd.models", "from rasd.api import extract\n", 1, 0),
    ("rasd.web.app", "from rasd.api import open\n", 0, 0),
])
def test_the_checker_sees_what_it_forbids(here: str, source: str, layer_errors: int,
                                          private_errors: int) -> None:
    # Without this, the two tests above would pass on a checker that reads nothing.
    rest = here.split(".")[1:]
    path = SRC / Path(*rest).with_suffix(".py") if rest else SRC / "__init__.py"
    layers, private = _check(here, _imports(path, source, here))
    assert (len(layers), len(private)) == (layer_errors, private_errors)
