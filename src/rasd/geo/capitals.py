"""Capitals of the admin units whose capital bears another name.

The gazetteer's seat column ties a unit to the town of its name (``صعدة`` the
governorate to ``صعدة`` the town), and an event known only at the unit is coded
there (event-coding.md §4, precision 3). A unit named otherwise than its capital
(``الأنبار`` -> Ramadi, ``شبوة`` -> Ataq, ``ديالى`` -> Baqubah) had no seat and was
coded at its centroid, tens of kilometres from where the press and ACLED put it.
``data/admin_capitals.tsv`` names those capitals; the file is curated, checked
against the gazetteer by the tests.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rasd.errors import GazetteerError

CAPITALS_PATH = Path(__file__).resolve().parents[1] / "data" / "admin_capitals.tsv"
HEADER = ("unit", "unit_name", "capital", "capital_name")


def read_capitals(path: Path) -> dict[str, str]:
    """Unit id -> capital id, from a TSV with :data:`HEADER` (``#`` lines are comments)."""
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError as exc:
        raise GazetteerError(f"cannot read {path}: {exc}") from exc
    out: dict[str, str] = {}
    header_seen = False
    for ln in lines:
        if not ln.strip() or ln.startswith("#"):
            continue
        cells = ln.split("\t")
        if len(cells) != len(HEADER):
            raise GazetteerError(f"{path}: expected {len(HEADER)} columns: {ln!r}")
        if not header_seen:
            if tuple(cells) != HEADER:
                raise GazetteerError(f"{path}: header must be {HEADER}, not {cells}")
            header_seen = True
            continue
        unit, _, capital, _ = cells
        if unit in out:
            raise GazetteerError(f"{path}: unit {unit} listed twice")
        out[unit] = capital
    return out


@cache
def default_capitals() -> dict[str, str]:
    return read_capitals(CAPITALS_PATH)
