"""Issue 13's place figures as a gate: precision-1 gold places of the real-news sets read
in their articles, and the IDRISI tweets (an outside check nobody here wrote).

The figures come from ``benchmarks/geo_places.py``, the script docs/quality.md quotes, so
the gate and the docs measure the same thing. The held-out set is scored by figures only:
a failure names the rate, never a place. Pins: the issue's targets, each at or below the
measured figure (2026-12-07, 5112f2f: development 0.910, held-out 0.808, IDRISI event
types recognised 0.734 and resolved 0.959).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "tests" / "gold" / "real"

DEV_WITHIN_10KM = 0.85
HOLDOUT_WITHIN_10KM = 0.80
IDRISI_RECOGNISED = 0.70
IDRISI_RESOLVED = 0.90


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("geo_places",
                                                  ROOT / "benchmarks" / "geo_places.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _fraction(rate: str) -> float:
    """``"0.910 (181/199)"`` -> 181 / 199."""
    k, n = rate.split("(")[1].rstrip(")").split("/")
    return int(k) / int(n)


@pytest.mark.shared
@pytest.mark.parametrize(("name", "least"), [("dev", DEV_WITHIN_10KM),
                                             ("holdout", HOLDOUT_WITHIN_10KM)])
def test_real_news_places_resolve_within_10_km(shared_dir: Path, name: str,
                                               least: float) -> None:
    report = _bench().run_gold(REAL / f"{name}.jsonl", show=False)
    within = _fraction(report["resolved within 10 km"])
    assert report["read"] >= 50
    assert within >= least, f"{name}: {within:.3f} within 10 km, pinned at {least}"


@pytest.mark.shared
def test_idrisi_event_places_are_recognised_and_resolved(shared_dir: Path) -> None:
    folder = shared_dir / "data" / "geo_eval" / "idrisi_ar"
    if not folder.is_dir():
        pytest.skip("no IDRISI data in ../shared")
    together = _bench().run_idrisi(folder)["event types together"]
    recognised, resolved = _fraction(together["recognised"]), _fraction(together["resolved"])
    assert together["mentions"] > 1000
    assert recognised >= IDRISI_RECOGNISED, recognised
    assert resolved >= IDRISI_RESOLVED, resolved
