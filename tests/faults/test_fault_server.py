"""The fetcher and ``rasd watch`` against a local server that fails as sites in the wild do.

Timeouts, trickling bodies, 5xx and 429 with Retry-After, redirect loops,
oversized and gzip-bomb bodies, connections cut mid-body, robots.txt that
changes, feeds that vanish and return: each is recorded as the URL's failure
with a reason, backed off as the server asks, never fetched again once
stored; a watcher killed with SIGKILL resumes without losing or duplicating
anything. All on 127.0.0.1, with timeouts of a fraction of a second.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from fault_routes import RETRY_AFTER, RETRYABLE, ROBOTS, article_page, faults, page, rss
from fault_texts import rasd_command

from feed_server import Clock, FeedServer, Reply
from rasd.ingest.feeds import FeedSpec
from rasd.ingest.fetch import FetchConfig, Fetcher, FetchFailed, make_client
from rasd.pipeline.watch import Watcher, WatchOptions
from rasd.store import Store, open_store
from rasd.store import feeds as state

HANG = 0.6  # a server that answers after this is a timeout for FETCH
FETCH = FetchConfig(user_agent="rasd-faults/1.0", min_interval=0.0, timeout=0.2,
                    total_timeout=0.5, max_bytes=256 * 1024, retries=1, backoff=0.01,
                    max_backoff=0.2)
GOOD = [f"/news/{i}" for i in range(10)]


@pytest.fixture()
def server() -> Iterator[FeedServer]:
    with FeedServer() as srv:
        srv.routes["/robots.txt"] = lambda _h, _n: Reply(body=ROBOTS.encode(),
                                                         headers={"Content-Type": "text/plain"})
        for i, path in enumerate(GOOD):
            srv.routes[path] = page(i)
        srv.routes.update(faults(srv.base, hang=HANG))
        yield srv


def _fetcher(config: FetchConfig = FETCH, **kw: object) -> Fetcher:
    return Fetcher(make_client(config, trust_env=False), config=config, **kw)  # type: ignore[arg-type]


def _watcher(store: Store, feeds: list[str], clock: Clock) -> Watcher:
    return Watcher(store, _fetcher(), [FeedSpec(u, "مصدر الاختبار") for u in feeds],
                   options=WatchOptions(extract=False), now=clock)


def _fault_paths(server: FeedServer) -> list[str]:
    return sorted(p for p in server.routes if p.startswith("/fault/") and p not in
                  ("/fault/loop-b", "/fault/loop-c"))


# -- the fetcher ------------------------------------------------------------------


def test_a_server_that_never_answers_times_out_and_is_retried_once(server: FeedServer) -> None:
    start = time.monotonic()
    with pytest.raises(FetchFailed) as err:
        _fetcher().fetch(server.url("/fault/timeout"))
    assert err.value.kind == "timeout" and err.value.retryable
    assert server.count("/fault/timeout") == 2  # the first try and one retry
    assert time.monotonic() - start < 2 * HANG + 1


def test_a_trickling_body_is_cut_at_the_total_timeout(server: FeedServer) -> None:
    start = time.monotonic()
    with pytest.raises(FetchFailed, match=r"download took over 0\.5s"):
        _fetcher().fetch(server.url("/fault/drip"))
    assert time.monotonic() - start < 3  # the whole body would take 10 s


def test_retry_after_is_obeyed_or_the_fetch_gives_up_at_once(server: FeedServer) -> None:
    slept: list[float] = []
    server.routes["/busy"] = lambda _h, n: (Reply(429, b"", headers={"Retry-After": "0"})
                                            if n == 0 else page(1)(_h, n))
    server.routes["/busy-date"] = lambda _h, n: (
        Reply(503, b"", headers={"Retry-After": "Wed, 21 Oct 2099 07:28:00 GMT"}))
    fetcher = _fetcher(sleep=slept.append)
    assert fetcher.fetch(server.url("/busy")).content == article_page(1)
    # Longer than one fetch may wait: no retry now, and the pause travels with the failure.
    for path, seconds in [("/fault/429", 3600.0), ("/busy-date", 2e9)]:
        with pytest.raises(FetchFailed) as err:
            fetcher.fetch(server.url(path))
        assert err.value.retryable and err.value.retry_after is not None
        assert err.value.retry_after >= min(seconds, 3600.0)
        assert server.count(path) == 1


def test_a_redirect_loop_is_refused_with_its_path(server: FeedServer) -> None:
    with pytest.raises(FetchFailed, match="redirect loop") as err:
        _fetcher().fetch(server.url("/fault/loop-a"))
    assert err.value.kind == "redirect" and not err.value.retryable
    assert server.count("/fault/loop-a") == 1


@pytest.mark.parametrize("path", ["/fault/declared-huge", "/fault/huge-stream",
                                  "/fault/gzip-bomb"])
def test_oversized_and_compressed_bomb_bodies_are_refused(server: FeedServer, path: str) -> None:
    with pytest.raises(FetchFailed, match="too large") as err:
        _fetcher().fetch(server.url(path))
    assert err.value.kind == "too_large" and not err.value.retryable


def test_a_connection_cut_mid_body_is_a_retryable_network_error(server: FeedServer) -> None:
    with pytest.raises(FetchFailed) as err:
        _fetcher().fetch(server.url("/fault/cut"))
    assert err.value.kind == "network" and err.value.retryable


def test_a_changed_robots_txt_is_obeyed_once_its_copy_expires(server: FeedServer) -> None:
    rules = ["User-agent: *\nDisallow:\n", "User-agent: *\nDisallow: /news/\n"]
    server.routes["/robots.txt"] = lambda _h, n: Reply(
        body=rules[min(n, 1)].encode(), headers={"Content-Type": "text/plain"})
    now = [0.0]
    config = FetchConfig(min_interval=0.0, timeout=0.5, robots_ttl=60.0)
    fetcher = _fetcher(config, clock=lambda: now[0])
    fetcher.fetch(server.url("/news/1"))
    fetcher.fetch(server.url("/news/2"))  # the cached rules still allow it
    now[0] = 61.0
    with pytest.raises(FetchFailed, match=r"disallowed by robots\.txt"):
        fetcher.fetch(server.url("/news/3"))
    assert server.count("/robots.txt") == 2 and server.count("/news/3") == 0


# -- the watcher ------------------------------------------------------------------


def test_every_fault_is_recorded_and_every_good_page_stored_once(server: FeedServer,
                                                                  store: Store) -> None:
    faulty = _fault_paths(server)
    server.routes["/feed.xml"] = lambda _h, _n: Reply(
        body=rss(server.base, GOOD + faulty), headers={"Content-Type": "application/rss+xml"})
    clock = Clock()
    watcher = _watcher(store, [server.url("/feed.xml")], clock)
    stats = watcher.run_once()

    assert stats.stored == len(GOOD)
    for path in GOOD:
        row = state.get_url(store, server.url(path))
        assert row is not None and row.state == "stored"
    recorded = {f.origin: f.reason for f in store.list_failures()}
    mixed = server.url("/fault/encoding-switch")  # read as one encoding, or refused: both fine
    for path in faulty:
        url = server.url(path)
        row = state.get_url(store, url)
        assert row is not None
        if url == mixed and row.state == "stored":
            continue
        assert row.state == "failed" and row.last_error, path
        assert recorded[url] == row.last_error and "\n" not in row.last_error
        assert (row.next_retry is not None) == (path in RETRYABLE), (path, row.last_error)
        if path in RETRY_AFTER:  # the server's pause is a floor for the next attempt
            due = datetime.fromisoformat(row.next_retry or "")
            assert due >= clock.now + timedelta(seconds=RETRY_AFTER[path])
    assert server.count("/fault/robots-private/x") == 0

    hits = {p: server.count(p) for p in GOOD + faulty}
    watcher.run_once()  # nothing is due: nothing is fetched
    assert {p: server.count(p) for p in GOOD + faulty} == hits

    clock.now += timedelta(hours=3)  # every retry due, Retry-After pauses over
    watcher.run_once()
    for path in GOOD + faulty:
        again = server.count(path) > hits[path]
        assert again == (path in RETRYABLE), path
    assert store.count_documents() == len(GOOD) + (state.get_url(store, mixed).state == "stored")


def test_a_feed_that_vanishes_is_backed_off_and_read_again_when_it_returns(
        server: FeedServer, store: Store) -> None:
    listing = [GOOD[:2]]
    gone = [False]

    def feed(_h: dict[str, str], _n: int) -> Reply:
        if gone[0]:
            return Reply(404, b"gone")
        return Reply(body=rss(server.base, listing[0]),
                     headers={"Content-Type": "application/rss+xml"})

    server.routes["/vanishing.xml"] = feed
    clock = Clock()
    watcher = _watcher(store, [server.url("/vanishing.xml")], clock)
    assert watcher.run_once().stored == 2

    gone[0] = True
    clock.now += timedelta(minutes=15)
    stats = watcher.run_once()
    assert stats.feeds_failed == 1 and stats.stored == 0
    [failure] = [f for f in store.list_failures() if f.origin.endswith("/vanishing.xml")]
    assert failure.stage == "feed" and "404" in failure.reason
    checks = server.count("/vanishing.xml")

    # Failing for 15 minutes since its last success: not asked again for 15 more.
    clock.now += timedelta(minutes=14)
    assert watcher.run_once().feeds_waiting == 1
    assert server.count("/vanishing.xml") == checks

    gone[0] = False
    listing[0] = GOOD[:3]
    clock.now += timedelta(minutes=2)
    stats = watcher.run_once()
    assert stats.feeds_failed == 0 and stats.new_urls == 1 and stats.stored == 1
    assert [server.count(p) for p in GOOD[:3]] == [1, 1, 1]
    feed_state = state.get_feed(store, server.url("/vanishing.xml"))
    assert feed_state is not None and feed_state.last_error is None


def test_watch_killed_with_sigkill_resumes_without_loss_or_duplicates(
        tmp_path: Path) -> None:
    pages = [f"/slow/{i}" for i in range(16)]
    with FeedServer() as server:
        for i, path in enumerate(pages):
            server.routes[path] = page(100 + i, delay=0.15)
        server.routes["/feed.xml"] = lambda _h, _n: Reply(
            body=rss(server.base, pages), headers={"Content-Type": "application/rss+xml"})
        feeds = tmp_path / "feeds.txt"
        feeds.write_text(f"{server.url('/feed.xml')} مصدر\n", encoding="utf-8")
        db = tmp_path / "watch.db"
        args = [*rasd_command(), "watch", str(feeds), "--once", "--per-host", "0",
                "--timeout", "2", "--no-extract", "--db", str(db)]
        first = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        stored_before = _wait_for_stored(db, at_least=4, proc=first)
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=30)
        with open_store(f"sqlite:///{db}") as store:
            kept = {u for u in (server.url(p) for p in pages)
                    if (row := state.get_url(store, u)) and row.state == "stored"}
        assert len(kept) >= len(stored_before) and len(kept) < len(pages)

        again = subprocess.run(args, capture_output=True, text=True, timeout=120)
        assert again.returncode == 0, again.stderr
        with open_store(f"sqlite:///{db}") as store:
            assert store.count_documents() == len(pages)
            assert state.count_urls(store) == {"stored": len(pages)}
        for path in pages:
            # Stored before the kill: never asked again. In flight at the kill: once more.
            assert server.count(path) == (1 if server.url(path) in kept else server.count(path))
            assert server.count(path) <= 2


def _wait_for_stored(db: Path, *, at_least: int, proc: subprocess.Popen[bytes]) -> set[str]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            try:
                with open_store(f"sqlite:///{db}", migrate=False) as store:
                    rows = store._exec("SELECT url FROM urls WHERE state = 'stored'").fetchall()
            except Exception:  # tables not created yet
                rows = []
            if len(rows) >= at_least:
                return {r[0] for r in rows}
        time.sleep(0.05)
    raise AssertionError("the watcher stored too little before it was to be killed")
