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
from typing import TYPE_CHECKING

from rasd.errors import GazetteerError

if TYPE_CHECKING:
    from rasd.geo.gazetteer import Gazetteer
    from rasd.models import Place

CAPITALS_PATH = Path(__file__).resolve().parents[1] / "data" / "admin_capitals.tsv"
HEADER = ("unit", "unit_name", "capital", "capital_name")
# Each country's capital (``data/country_capitals.tsv``): where an act told of a whole
# country is coded (``rasd.extract.national``).
COUNTRY_CAPITALS_PATH = CAPITALS_PATH.with_name("country_capitals.tsv")
COUNTRY_HEADER = ("iso2", "gazetteer_id", "name_ar")


def _rows(path: Path, header: tuple[str, ...]) -> list[list[str]]:
    """The data rows of a TSV whose first row is ``header`` (``#`` lines are comments)."""
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError as exc:
        raise GazetteerError(f"cannot read {path}: {exc}") from exc
    rows: list[list[str]] = []
    header_seen = False
    for ln in lines:
        if not ln.strip() or ln.startswith("#"):
            continue
        cells = ln.split("\t")
        if len(cells) != len(header):
            raise GazetteerError(f"{path}: expected {len(header)} columns: {ln!r}")
        if not header_seen:
            if tuple(cells) != header:
                raise GazetteerError(f"{path}: header must be {header}, not {cells}")
            header_seen = True
            continue
        rows.append(cells)
    return rows


def read_capitals(path: Path) -> dict[str, str]:
    """Unit id -> capital id, from a TSV with :data:`HEADER` (``#`` lines are comments)."""
    out: dict[str, str] = {}
    for unit, _, capital, _ in _rows(path, HEADER):
        if unit in out:
            raise GazetteerError(f"{path}: unit {unit} listed twice")
        out[unit] = capital
    return out


@cache
def default_capitals() -> dict[str, str]:
    return read_capitals(CAPITALS_PATH)


def read_country_capitals(path: Path) -> dict[str, str]:
    """ISO 3166 alpha-2 code -> the capital's gazetteer id (:data:`COUNTRY_HEADER`)."""
    out: dict[str, str] = {}
    for iso2, place_id, _ in _rows(path, COUNTRY_HEADER):
        if len(iso2) != 2 or not iso2.isupper() or iso2 in out:
            raise GazetteerError(f"{path}: {iso2!r} is not a new ISO alpha-2 code")
        out[iso2] = place_id
    return out


def country_capitals(gazetteer: Gazetteer,
                     path: Path = COUNTRY_CAPITALS_PATH) -> dict[str, Place]:
    """Each country's capital as its gazetteer place; a row whose id names no populated
    place of that country is an error in the data file."""
    out: dict[str, Place] = {}
    for iso2, place_id in read_country_capitals(path).items():
        place = gazetteer.get(place_id)
        if place.country != iso2 or place.kind != "populated place":
            raise GazetteerError(f"{path}: {place_id} is {place.name} "
                                 f"({place.country}, {place.kind}), not a town of {iso2}")
        out[iso2] = place
    return out
