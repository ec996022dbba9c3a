"""``rasd serve --workers N`` (rasd.web.workers): connections shared evenly between worker
processes, closures counted, a dead worker replaced, answers as the app's own."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from rasd.cli.main import main
from rasd.web.app import create_app
from rasd.web.workers import pick_worker

pytestmark = pytest.mark.skipif(not Path("/proc/net/tcp").exists(),
                                reason="reads connections from Linux's /proc")


@pytest.mark.parametrize(("counts", "last", "chosen"), [
    ([0, 0], 1, 0),  # the first connection: the first worker
    ([1, 0], 0, 1),  # then the other
    ([1, 1], 1, 0),  # a tie: in turn after the last one given
    ([1, 1], 0, 1),
    ([3, 1], 1, 1),  # the fewest open connections, even if given the last one
    ([0, 2, 2], 0, 0),
    ([2, 2, 2], 2, 0),
    ([2, 1, 1], 1, 2),
    ([5], 0, 0),
])
def test_pick_worker_takes_the_fewest_then_turns(counts: list[int], last: int,
                                                 chosen: int) -> None:
    assert pick_worker(counts, last) == chosen


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> list[int]:
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if stat.read_text().rsplit(")", 1)[1].split()[1] == str(pid):
                kids.append(int(stat.parent.name))
        except (OSError, IndexError):
            continue
    return sorted(kids)


def _client_ports(pid: int, port: int) -> set[int]:
    """The client ports of the established connections to ``port`` that process ``pid``
    holds (its socket inodes matched with the kernel's TCP table)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            link = os.readlink(fd)
        except OSError:
            continue
        if link.startswith("socket:["):
            inodes.add(link[8:-1])
    found = set()
    for line in Path(f"/proc/{pid}/net/tcp").read_text().splitlines()[1:]:
        f = line.split()
        local, remote, state, inode = f[1], f[2], f[3], f[9]
        if state == "01" and inode in inodes and int(local.split(":")[1], 16) == port:
            found.add(int(remote.split(":")[1], 16))
    return found


def _connect(port: int, *, ask: bool = False) -> HTTPConnection:
    """A keep-alive connection to the server (open once a request is answered)."""
    conn = HTTPConnection("127.0.0.1", port, timeout=30)
    if ask:
        conn.request("GET", "/api/config")
        response = conn.getresponse()
        assert response.status == 200
        response.read()
    return conn


def _wait_for(check: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    pytest.fail("timed out")


@pytest.fixture()
def server(sample_db: str) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-c", "from rasd.cli.main import main; main()",
                             "serve", "--db", sample_db, "--port", str(port),
                             "--workers", "2"])
    base = f"http://127.0.0.1:{port}"

    def up() -> bool:
        try:
            return httpx.get(base + "/api/config", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    try:
        _wait_for(up, timeout=60)
        yield proc, port
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)


def test_workers_share_connections_evenly_and_answer_as_the_app(
        server: tuple[subprocess.Popen[bytes], int], sample_db: str) -> None:
    proc, port = server
    workers = _children(proc.pid)
    assert len(workers) == 2
    params: dict[str, str | int] = {"limit": 5, "sort": "-fatalities"}
    with TestClient(create_app(sample_db), base_url="http://localhost") as direct:
        expected = direct.get("/api/events", params=params).json()
    query = "/api/events?" + urlencode(params)
    clients = [_connect(port) for _ in range(8)]
    try:
        for c in clients:  # eight keep-alive connections, opened one after another
            c.request("GET", query)
            r = c.getresponse()
            assert r.status == 200 and json.loads(r.read()) == expected

        def held() -> list[set[int]]:
            return [_client_ports(w, port) for w in workers]

        _wait_for(lambda: sum(map(len, held())) == 8)
        assert sorted(map(len, held())) == [4, 4]
        # The parent holds none of them: it hands each over and closes its copy.
        assert not _client_ports(proc.pid, port)
        # Both of one worker's clients leave (after two more join, one each): the
        # next two connections go to it, counted by the closures it reported.
        clients += [_connect(port, ask=True) for _ in range(2)]
        _wait_for(lambda: sorted(map(len, held())) == [5, 5])
        first = held()[0]
        leaving = [c for c in clients if c.sock.getsockname()[1] in first][:3]
        for c in leaving:
            c.close()
            clients.remove(c)
        _wait_for(lambda: sorted(map(len, held())) == [2, 5])
        time.sleep(0.3)  # the closures' messages reach the parent
        clients += [_connect(port, ask=True) for _ in range(3)]
        _wait_for(lambda: sum(map(len, held())) == 10)
        assert [len(s) for s in held()] == [5, 5]
    finally:
        for c in clients:
            c.close()


def test_a_dead_worker_is_replaced(server: tuple[subprocess.Popen[bytes], int]) -> None:
    proc, port = server
    before = _children(proc.pid)
    os.kill(before[0], signal.SIGKILL)
    _wait_for(lambda: len(_children(proc.pid)) == 2 and _children(proc.pid) != before)
    for _ in range(4):  # new connections, each to either worker, all answered
        r = httpx.get(f"http://127.0.0.1:{port}/api/config", timeout=30)
        assert r.status_code == 200
    assert proc.poll() is None


def test_a_port_in_use_is_a_clear_error(sample_db: str,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("rasd.web.workers.serve_balanced",
                        lambda listener, workers: pytest.fail("must not start"))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--db", sample_db, "--port", str(port),
                                           "--workers", "2"])
    assert result.exit_code == 1 and f"cannot listen on 127.0.0.1:{port}" in result.output
