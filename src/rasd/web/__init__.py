"""rasd's web interface: a read-only HTTP API and the analysts' page (``rasd serve``)."""

from __future__ import annotations

from rasd.web.app import create_app

__all__ = ["create_app"]
