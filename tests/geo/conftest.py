"""Fixtures shared by the geo tests."""

from __future__ import annotations

import pytest

from rasd.geo.geocoder import Geocoder


@pytest.fixture(scope="module")
def geo() -> Geocoder:
    """The default geocoder (packaged gazetteer), built once per test module."""
    return Geocoder()
