"""``rasd serve --workers N``: one process accepts, N workers serve, connections shared evenly.

uvicorn's own workers share one listening socket, and asyncio accepts every pending
connection in one wakeup (``loop.create_server`` accepts up to its backlog at a time), so
when eight clients connect together one worker often takes six of them; each client then
keeps its connection, and one core serves three quarters of the requests while the other
idles. Here the parent process accepts each connection itself and hands its file
descriptor (``SCM_RIGHTS`` over a Unix socket pair) to the worker with the fewest open
connections; each worker tells the parent, by one byte on the same pair, when one of its
connections closes. The workers run uvicorn's HTTP protocol on the sockets they are given
(``loop.connect_accepted_socket``), built as ``uvicorn.Server.startup`` builds it for a
listening socket, with the same configuration as ``uvicorn.run``.

A worker that dies is started again; SIGINT or SIGTERM to the parent stops the workers
(uvicorn's graceful shutdown in each) and then the parent.
"""

from __future__ import annotations

import asyncio
import contextlib
import selectors
import signal
import socket
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from types import FrameType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import uvicorn

# One byte per message on a worker's pair: a connection handed over (with its descriptor),
# or one of the worker's connections closed.
HANDED = b"+"
CLOSED = b"-"
BACKLOG = 2048  # uvicorn's default listen backlog
STOP_SECONDS = 30.0  # how long a worker may take to finish its requests on shutdown


def pick_worker(open_counts: Sequence[int], last: int) -> int:
    """The worker to give a new connection: the fewest open connections, ties taken in
    turn after ``last`` (the one given the previous connection), so that connections
    opened together alternate and a worker whose clients left gets the next ones."""
    n = len(open_counts)
    order = [(last + 1 + k) % n for k in range(n)]
    return min(order, key=lambda i: open_counts[i])


@dataclass
class _Worker:
    proc: subprocess.Popen[bytes]
    chan: socket.socket
    open: int = 0


def _start_worker() -> _Worker:
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    # The worker inherits this environment, the app's settings in it (app_from_env).
    proc = subprocess.Popen([sys.executable, "-m", "rasd.web.workers", str(theirs.fileno())],
                            pass_fds=[theirs.fileno()])
    theirs.close()
    ours.setblocking(False)
    return _Worker(proc, ours)


def _stop(_signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def listen(host: str, port: int) -> socket.socket:
    """The listening socket of ``host:port`` (``OSError`` when it cannot be bound)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.create_server((host, port), family=family, backlog=BACKLOG)
    listener.setblocking(False)
    return listener


def serve_balanced(listener: socket.socket, workers: int) -> None:
    """Serve on ``listener`` with ``workers`` processes until SIGINT or SIGTERM.

    Each worker builds its app from this process's environment
    (:func:`rasd.web.app.app_from_env`)."""
    pool = [_start_worker() for _ in range(workers)]
    previous = signal.signal(signal.SIGTERM, _stop)
    sel = selectors.DefaultSelector()
    sel.register(listener, selectors.EVENT_READ, None)
    for i, w in enumerate(pool):
        sel.register(w.chan, selectors.EVENT_READ, i)
    last = workers - 1
    try:
        while True:
            for key, _ in sel.select(timeout=1.0):
                if key.data is None:
                    last = _hand_over(listener, pool, last)
                else:
                    _read_closures(sel, pool, key.data)
            for i, w in enumerate(pool):
                if w.proc.poll() is not None:
                    _restart(sel, pool, i)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        sel.close()
        listener.close()
        _stop_all(pool)


def _hand_over(listener: socket.socket, pool: list[_Worker], last: int) -> int:
    """Accept one pending connection and give it to a worker; the worker chosen."""
    try:
        conn, _ = listener.accept()
    except (BlockingIOError, InterruptedError, ConnectionAbortedError):
        return last
    with conn:
        # A worker being restarted refuses (its pair is closed): the next one takes it.
        for _ in range(len(pool)):
            i = pick_worker([w.open for w in pool], last)
            last = i
            try:
                socket.send_fds(pool[i].chan, [HANDED], [conn.fileno()])
            except OSError:
                pool[i].open = sys.maxsize  # not chosen again until restarted
                continue
            pool[i].open += 1
            break
    return last


def _read_closures(sel: selectors.BaseSelector, pool: list[_Worker], i: int) -> None:
    while True:  # one message per closed connection
        try:
            data = pool[i].chan.recv(16)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:  # the worker is gone
            _restart(sel, pool, i)
            return
        pool[i].open = max(0, pool[i].open - data.count(CLOSED))


def _restart(sel: selectors.BaseSelector, pool: list[_Worker], i: int) -> None:
    old = pool[i]
    sel.unregister(old.chan)
    old.chan.close()
    if old.proc.poll() is None:
        old.proc.terminate()
    old.proc.wait()
    pool[i] = _start_worker()
    sel.register(pool[i].chan, selectors.EVENT_READ, i)


def _stop_all(pool: list[_Worker]) -> None:
    for w in pool:
        if w.proc.poll() is None:
            w.proc.send_signal(signal.SIGTERM)
    for w in pool:
        try:
            w.proc.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            w.proc.kill()
            w.proc.wait()
        w.chan.close()


# --- the worker process -------------------------------------------------------------


def run_worker(fd: int) -> None:
    """A worker: rasd's app (from the environment) on the connections the parent hands
    over on the Unix socket ``fd``."""
    import uvicorn

    from rasd.web.app import app_from_env

    chan = socket.socket(fileno=fd)
    chan.setblocking(False)
    # The same settings as ``uvicorn.run(..., log_level="warning")`` with workers.
    server = uvicorn.Server(uvicorn.Config(app_from_env(), log_level="warning"))
    # The event loop uvicorn would run (uvloop where installed).
    with asyncio.Runner(loop_factory=server.config.get_loop_factory()) as runner:
        runner.run(_serve(server, chan))


async def _serve(server: uvicorn.Server, chan: socket.socket) -> None:
    loop = asyncio.get_running_loop()
    # No listening socket: uvicorn starts its lifespan and its clock, and serves the
    # connections added below until it is told to stop (its own signal handlers).
    serving = asyncio.create_task(server.serve(sockets=[]))
    while not server.started:
        if serving.done():
            await serving  # startup failed: its error
            return
        await asyncio.sleep(0.01)
    config = server.config

    def closed() -> None:
        with contextlib.suppress(OSError):  # the parent gone: it stops us anyway
            chan.send(CLOSED)

    def protocol() -> asyncio.Protocol:
        # What uvicorn.Server.startup's create_protocol makes for a listening socket.
        proto: asyncio.Protocol = config.http_protocol_class(  # type: ignore[call-arg]
            config=config, server_state=server.server_state, app_state=server.lifespan.state)
        lost = proto.connection_lost

        def connection_lost(exc: Exception | None) -> None:
            lost(exc)
            closed()

        proto.connection_lost = connection_lost  # type: ignore[method-assign]
        return proto

    starting: set[asyncio.Task[Any]] = set()

    def receive() -> None:
        try:
            msg, fds, _flags, _addr = socket.recv_fds(chan, 16, 16)
        except (BlockingIOError, InterruptedError):
            return
        if not msg:  # the parent closed its end: finish up
            loop.remove_reader(chan)
            server.should_exit = True
            return
        for fd in fds:
            conn = socket.socket(fileno=fd)
            if server.should_exit:
                conn.close()
                closed()
                continue
            task = loop.create_task(loop.connect_accepted_socket(protocol, conn))
            starting.add(task)  # kept until done (the loop holds tasks weakly)
            task.add_done_callback(starting.discard)

    loop.add_reader(chan, receive)
    try:
        await serving
    finally:
        loop.remove_reader(chan)
        chan.close()


if __name__ == "__main__":
    run_worker(int(sys.argv[1]))
