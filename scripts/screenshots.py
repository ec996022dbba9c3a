"""Screenshots of the web page for the README, from a database of the demo samples.

Usage: .venv/bin/python scripts/screenshots.py [--out docs/img]

Builds a fresh SQLite database from rasd's shipped sample articles (written
for rasd: no third-party text), serves it on 127.0.0.1 in this process and
drives Debian's Chromium (/usr/bin/chromium) headless with Playwright:
the desktop page, an event's evidence panel, the Arabic interface, and the
phone layout (390x844) with its filters folded and an event open.
"""

from __future__ import annotations

import argparse
import socket
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import Page, sync_playwright

from rasd.cli.main import sample_paths
from rasd.pipeline.orchestrator import Pipeline
from rasd.store import open_store
from rasd.web.app import create_app

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _open(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-refreshes]")
    page.wait_for_timeout(400)  # outlines and clusters finish drawing


def _first_event(page: Page) -> None:
    page.locator("#events tbody tr[data-id]").first.click()
    page.wait_for_selector("#panel .evidence")
    page.wait_for_timeout(200)


def shoot(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'samples.db'}"
        with open_store(url) as store:
            Pipeline(store).run(sample_paths())
        port = _port()
        server = uvicorn.Server(uvicorn.Config(create_app(url), host="127.0.0.1", port=port,
                                               log_level="warning"))
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}/"
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = b.new_page(viewport={"width": 1400, "height": 900}, locale="en-US")
            _open(page, base + "?lang=en")
            page.screenshot(path=str(out / "desktop.png"))
            _first_event(page)
            page.screenshot(path=str(out / "desktop-event.png"))
            _open(page, base + "?lang=ar&country=SY")
            page.screenshot(path=str(out / "desktop-arabic.png"))
            page.close()
            phone = b.new_page(viewport={"width": 390, "height": 844}, locale="en-US",
                               device_scale_factor=2, is_mobile=True, has_touch=True)
            _open(phone, base + "?lang=en")
            phone.screenshot(path=str(out / "mobile.png"))
            phone.click("#filters-toggle")
            phone.screenshot(path=str(out / "mobile-filters.png"))
            phone.click("#filters-toggle")
            phone.locator("#events").scroll_into_view_if_needed()
            _first_event(phone)
            phone.screenshot(path=str(out / "mobile-event.png"))
            b.close()
        server.should_exit = True
    for f in sorted(out.glob("*.png")):
        print(f"{f}: {f.stat().st_size / 1024:.0f} KiB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    shoot(ap.parse_args().out)


if __name__ == "__main__":
    main()
