"""rasd (رصد): Arabic conflict-event extraction from news reports."""

from __future__ import annotations

__version__ = "0.1.0"
