"""Region profiles: region priors and the default country as validated data."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasd.errors import ExtractError
from rasd.extract.engine import Extractor
from rasd.geo.geocoder import Geocoder
from rasd.profile import load_profile

GOOD = "focus\tSY IQ\nprior\tSY=2.0 IQ=1.5\ndefault_country\tSY\n"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "region.tsv"
    path.write_text("# a comment\n" + text, encoding="utf-8")
    return path


def test_the_packaged_profile_holds_syria_and_iraq() -> None:
    p = load_profile()
    assert p.focus == {"SY", "IQ"}
    assert p.prior == {"SY": 2.0, "IQ": 1.5}
    assert p.default_country == "SY"


def test_a_users_profile_reaches_the_geocoder_and_the_ruleset(tmp_path: Path) -> None:
    yemen = load_profile(_write(tmp_path, "focus\tYE SY\nprior\tYE=2.5\ndefault_country\tYE\n"))
    geo = Geocoder(profile=yemen)
    assert geo.focus == {"YE", "SY"} and geo.country_prior == {"YE": 2.5}
    assert Extractor(profile=yemen).ruleset != Extractor().ruleset
    assert Extractor(profile=load_profile(_write(tmp_path, GOOD))).ruleset == Extractor().ruleset


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD + "region\tLevant\n", "region.tsv:5: unknown key 'region'"),
        ("focus\tSY Iraq\nprior\tSY=2\ndefault_country\tSY\n", "region.tsv:2: 'Iraq' is not"),
        ("focus\tSY\nprior\tSY:2\ndefault_country\tSY\n", "region.tsv:3: 'SY:2' is not an ISO2"),
        ("focus\tSY\nprior\tSY=high\ndefault_country\tSY\n", "is not COUNTRY=weight"),
        ("focus\tSY\nprior\tSY=2\n", "missing default_country"),
        ("focus\tSY\nfocus\tIQ\nprior\tSY=2\ndefault_country\tSY\n", "already given at"),
        ("focus\tSY\nprior\tSY=2\ndefault_country\tSY IQ\n", "takes one code"),
    ],
)
def test_a_bad_profile_names_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ExtractError, match=message):
        load_profile(_write(tmp_path, text))
