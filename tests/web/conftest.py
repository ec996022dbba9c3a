"""Fixtures of the web tests: a database built by the real pipeline, the app, a live server."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from web_samples import XSS_ARTICLE, TestClient

from rasd.cli.main import sample_paths
from rasd.pipeline.orchestrator import Pipeline
from rasd.store import open_store
from rasd.web.app import create_app


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite URL of the shipped samples plus the script-carrying article, run end to end."""
    base = tmp_path_factory.mktemp("web")
    extra = base / "xss.jsonl"
    extra.write_text(json.dumps(XSS_ARTICLE, ensure_ascii=False) + "\n", encoding="utf-8")
    url = f"sqlite:///{base / 'samples.db'}"
    with open_store(url) as store:
        stats = Pipeline(store).run([*sample_paths(), extra])
    assert stats.events > 0 and not stats.failures
    return url


@pytest.fixture(scope="session")
def client(sample_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(sample_db), raise_server_exceptions=False) as c:
        yield c


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(sample_db: str) -> Iterator[str]:
    """The app served by uvicorn on 127.0.0.1 in a thread, for the browser tests."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(sample_db), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def output_dir() -> Path:
    out = Path(__file__).resolve().parents[2] / "test-output" / "web"
    out.mkdir(parents=True, exist_ok=True)
    return out
