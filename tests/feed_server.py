"""A local HTTP server for the feed, fetch and watch tests.

Serves routes the tests define on 127.0.0.1 (port 0, picked by the OS) and
records every request with its arrival time, so tests can check what was
fetched, how often, with which headers, and how far apart. A reply can also
misbehave as servers in the wild do: answer late, trickle its body, or hang
up in the middle of it (the fault suite's server, ``tests/faults``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "feeds"


@dataclass(frozen=True)
class Hit:
    path: str
    at: float  # time.monotonic() on arrival
    headers: dict[str, str]


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (a slow server)
    content_length: bool = True  # False: no Content-Length, body ends when the connection closes
    drip: float = 0.0  # seconds between two chunks of the body (a trickling server)
    chunk: int = 1024  # bytes per chunk when dripping
    cut_after: int | None = None  # close the connection after this many body bytes


class Clock:
    """A watcher's wall clock, moved by hand to make retries due."""

    def __init__(self) -> None:
        self.now = datetime(2024, 6, 7, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


# A route gets the request headers and how many earlier requests hit the same path.
Route = Callable[[dict[str, str], int], Reply]


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def html(name: str, *, encoding: str = "utf-8", charset_header: bool = True) -> Route:
    body = fixture(name).encode(encoding)
    ctype = f"text/html; charset={encoding}" if charset_header else "text/html"
    return lambda _h, _n: Reply(body=body, headers={"Content-Type": ctype})


def static(body: bytes | str, ctype: str = "text/html; charset=utf-8", status: int = 200,
           **headers: str) -> Route:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return lambda _h, _n: Reply(status=status, body=data,
                                headers={"Content-Type": ctype, **headers})


def redirect(to: str, status: int = 301) -> Route:
    return lambda _h, _n: Reply(status=status, headers={"Location": to})


def conditional(body: bytes | str, ctype: str, *, etag: str | None = None,
                last_modified: str | None = None) -> Route:
    """A feed that answers 304 to a matching If-None-Match / If-Modified-Since."""
    data = body.encode("utf-8") if isinstance(body, str) else body

    def route(headers: dict[str, str], _n: int) -> Reply:
        out = {"Content-Type": ctype}
        if etag:
            out["ETag"] = etag
        if last_modified:
            out["Last-Modified"] = last_modified
        if (etag and headers.get("if-none-match") == etag) or (
            last_modified and headers.get("if-modified-since") == last_modified
        ):
            return Reply(status=304, headers=out)
        return Reply(body=data, headers=out)

    return route


class FeedServer:
    def __init__(self, routes: dict[str, Route] | None = None) -> None:
        self.routes: dict[str, Route] = dict(routes or {})
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path = urlsplit(self.path).path
                headers = {k.lower(): v for k, v in self.headers.items()}
                with server._lock:
                    earlier = sum(1 for h in server.hits if h.path == path)
                    server.hits.append(Hit(path, time.monotonic(), headers))
                route = server.routes.get(path)
                reply = route(headers, earlier) if route else Reply(404, b"not found")
                try:
                    if reply.delay:
                        time.sleep(reply.delay)
                    self.send_response(reply.status)
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    if reply.content_length:
                        self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    body = reply.body if reply.cut_after is None else reply.body[:reply.cut_after]
                    if reply.drip:
                        for start in range(0, len(body), reply.chunk):
                            self.wfile.write(body[start:start + reply.chunk])
                            self.wfile.flush()
                            time.sleep(reply.drip)
                    else:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test): nothing to answer

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)

    def url(self, path: str) -> str:
        return self.base + path

    def count(self, path: str) -> int:
        with self._lock:
            return sum(1 for h in self.hits if h.path == path)

    def paths(self) -> list[str]:
        with self._lock:
            return [h.path for h in self.hits]

    def __enter__(self) -> FeedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)
