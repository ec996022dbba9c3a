"""The polite HTTP client, against a local server started by the tests."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import httpx
import pytest

from feed_server import FeedServer, Reply, conditional, html, redirect, static
from rasd.ingest.fetch import FetchConfig, Fetcher, FetchFailed, HostRateLimiter, make_client

ROBOTS = "User-agent: *\nDisallow: /private/\n\nUser-agent: badbot\nDisallow: /\n"


def config(**kw: object) -> FetchConfig:
    defaults: dict[str, object] = dict(
        user_agent="rasd-test/1.0 (tests)", min_interval=0.0, timeout=0.5, total_timeout=5.0,
        max_bytes=20_000, retries=1, backoff=0.01, max_backoff=0.5,
    )
    defaults.update(kw)
    return FetchConfig(**defaults)  # type: ignore[arg-type]


@pytest.fixture()
def server() -> Iterator[FeedServer]:
    with FeedServer({"/robots.txt": static(ROBOTS, "text/plain")}) as srv:
        yield srv


def fetcher_for(cfg: FetchConfig, sleeps: list[float] | None = None) -> Fetcher:
    import time

    def sleep(seconds: float) -> None:
        if sleeps is not None:
            sleeps.append(seconds)
        time.sleep(seconds)

    return Fetcher(make_client(cfg, trust_env=False), config=cfg, sleep=sleep)


def test_fetches_a_page_with_the_user_agent(server: FeedServer) -> None:
    server.routes["/news/1"] = html("article1.html")
    result = fetcher_for(config()).fetch(server.url("/news/1"))
    assert result.status == 200 and not result.not_modified
    assert "بلدة الريحان".encode() in result.content
    assert result.content_type == "text/html; charset=utf-8"
    page_hit = next(h for h in server.hits if h.path == "/news/1")
    assert page_hit.headers["user-agent"] == "rasd-test/1.0 (tests)"
    assert server.paths() == ["/robots.txt", "/news/1"]


def test_conditional_get_with_etag_and_last_modified(server: FeedServer) -> None:
    server.routes["/etag.xml"] = conditional("<rss/>", "application/rss+xml", etag='"v1"')
    lm = "Wed, 05 Jun 2024 06:00:00 GMT"
    server.routes["/lm.xml"] = conditional("<rss/>", "application/rss+xml", last_modified=lm)
    fetcher = fetcher_for(config())
    first = fetcher.fetch(server.url("/etag.xml"), accept="feed")
    assert first.status == 200 and first.etag == '"v1"'
    again = fetcher.fetch(server.url("/etag.xml"), accept="feed", etag=first.etag)
    assert again.not_modified and again.content == b"" and again.etag == '"v1"'
    first = fetcher.fetch(server.url("/lm.xml"), accept="feed")
    assert first.last_modified == lm
    again = fetcher.fetch(server.url("/lm.xml"), accept="feed", last_modified=lm)
    assert again.not_modified and again.last_modified == lm


def test_robots_txt_is_obeyed_and_read_once_per_site(server: FeedServer) -> None:
    server.routes["/private/x"] = html("article1.html")
    server.routes["/news/1"] = html("article1.html")
    fetcher = fetcher_for(config())
    with pytest.raises(FetchFailed, match=r"robots\.txt") as info:
        fetcher.fetch(server.url("/private/x"))
    assert info.value.kind == "robots" and not info.value.retryable
    fetcher.fetch(server.url("/news/1"))
    assert server.count("/robots.txt") == 1
    assert server.count("/private/x") == 0
    # An agent the site bans entirely gets nothing.
    banned = fetcher_for(config(user_agent="BadBot/2.0"))
    with pytest.raises(FetchFailed, match=r"robots\.txt"):
        banned.fetch(server.url("/news/1"))


def test_missing_robots_txt_allows_everything(server: FeedServer) -> None:
    del server.routes["/robots.txt"]
    server.routes["/private/x"] = html("article1.html")
    assert fetcher_for(config()).fetch(server.url("/private/x")).status == 200


def test_unreachable_robots_txt_skips_the_site(server: FeedServer) -> None:
    server.routes["/robots.txt"] = static("oops", status=503)
    server.routes["/news/1"] = html("article1.html")
    fetcher = fetcher_for(config(retries=0))
    for _ in range(2):
        with pytest.raises(FetchFailed, match=r"robots\.txt unavailable") as info:
            fetcher.fetch(server.url("/news/1"))
        assert info.value.retryable
    assert server.count("/news/1") == 0
    assert server.count("/robots.txt") == 1  # the failure is remembered for a while


def test_crawl_delay_slows_the_host_down(server: FeedServer) -> None:
    server.routes["/robots.txt"] = static("User-agent: *\nCrawl-delay: 5\n", "text/plain")
    server.routes["/a"] = html("article1.html")
    # 5 s asked, capped at 0.3 s: a site cannot stall the watcher for minutes per page.
    fetcher = fetcher_for(config(min_interval=0.01, max_crawl_delay=0.3))
    fetcher.fetch(server.url("/a"))
    fetcher.fetch(server.url("/a"))
    hits = [h.at for h in server.hits if h.path == "/a"]
    assert 0.27 <= hits[1] - hits[0] < 2.0


def test_http_errors_say_whether_to_retry(server: FeedServer) -> None:
    server.routes["/error"] = static("boom", status=500)
    fetcher = fetcher_for(config(retries=2))
    with pytest.raises(FetchFailed, match="HTTP 404") as info:
        fetcher.fetch(server.url("/missing"))
    assert info.value.kind == "http" and info.value.status == 404 and not info.value.retryable
    assert server.count("/missing") == 1  # a 404 is not asked again
    with pytest.raises(FetchFailed, match="HTTP 500") as info:
        fetcher.fetch(server.url("/error"))
    assert info.value.retryable
    assert server.count("/error") == 3  # first try and two retries


def test_5xx_is_retried_with_backoff_then_succeeds(server: FeedServer) -> None:
    ok = html("article6.html")

    def flaky(headers: dict[str, str], n: int) -> Reply:
        return Reply(503, b"busy", {"Retry-After": "0"}) if n < 2 else ok(headers, n)

    server.routes["/flaky"] = flaky
    sleeps: list[float] = []
    result = fetcher_for(config(retries=2, backoff=0.05), sleeps).fetch(server.url("/flaky"))
    assert result.status == 200
    assert server.count("/flaky") == 3
    assert sleeps == [0.05, 0.1]  # doubled each time


def test_a_slow_server_times_out(server: FeedServer) -> None:
    server.routes["/slow"] = lambda _h, _n: Reply(body=b"<html></html>", delay=1.0)
    with pytest.raises(FetchFailed, match="timed out") as info:
        fetcher_for(config(timeout=0.2, retries=1)).fetch(server.url("/slow"))
    assert info.value.kind == "timeout" and info.value.retryable
    assert server.count("/slow") == 2  # retried once


def test_too_large_declared_or_streamed(server: FeedServer) -> None:
    big = b"<html><body>" + b"x" * 50_000 + b"</body></html>"
    server.routes["/big"] = static(big)
    server.routes["/big-stream"] = lambda _h, _n: Reply(
        body=big, headers={"Content-Type": "text/html"}, content_length=False)
    fetcher = fetcher_for(config(max_bytes=20_000))
    with pytest.raises(FetchFailed, match="too large: 50026 bytes declared") as info:
        fetcher.fetch(server.url("/big"))
    assert info.value.kind == "too_large" and not info.value.retryable
    with pytest.raises(FetchFailed, match="too large: more than 20000 bytes"):
        fetcher.fetch(server.url("/big-stream"))
    # Feeds have their own, larger limit (a sitemap may be 50 MB).
    assert fetcher.fetch(server.url("/big"), accept="feed").status == 200
    small_feeds = fetcher_for(config(max_feed_bytes=30_000))
    with pytest.raises(FetchFailed, match="too large"):
        small_feeds.fetch(server.url("/big-stream"), accept="feed")


def test_not_html_is_refused_before_download(server: FeedServer) -> None:
    server.routes["/image.jpg"] = static(b"\xff\xd8\xff\xe0" + b"\x00" * 100, "image/jpeg")
    with pytest.raises(FetchFailed, match=r"not an HTML page \(content type image/jpeg\)") as i:
        fetcher_for(config()).fetch(server.url("/image.jpg"))
    assert i.value.kind == "not_html"
    # A feed fetch accepts any type: XML is served under many names.
    result = fetcher_for(config()).fetch(server.url("/image.jpg"), accept="feed")
    assert result.status == 200


def test_redirects_are_followed_within_limits(server: FeedServer) -> None:
    server.routes["/news/moved"] = redirect("/news/3")
    server.routes["/news/3"] = html("article3.html")
    server.routes["/loop-a"] = redirect("/loop-b", 302)
    server.routes["/loop-b"] = redirect(server.url("/loop-a"), 307)
    for i in range(8):
        server.routes[f"/chain/{i}"] = redirect(f"/chain/{i + 1}")
    fetcher = fetcher_for(config(max_redirects=5))
    result = fetcher.fetch(server.url("/news/moved"))
    assert result.final_url == server.url("/news/3") and result.url == server.url("/news/moved")
    with pytest.raises(FetchFailed, match="redirect loop") as info:
        fetcher.fetch(server.url("/loop-a"))
    assert info.value.kind == "redirect"
    assert server.count("/loop-a") == 1 and server.count("/loop-b") == 1
    with pytest.raises(FetchFailed, match="too many redirects"):
        fetcher.fetch(server.url("/chain/0"))
    assert server.count("/chain/6") == 0


def test_dns_failure_fails_fast_and_is_named() -> None:
    cfg = config()
    with pytest.raises(FetchFailed, match=r"DNS lookup failed for nonexistent\.invalid") as info:
        fetcher_for(cfg).fetch("http://nonexistent.invalid/news/9")
    assert info.value.kind == "dns" and info.value.retryable


def test_connection_refused_is_retryable() -> None:
    with FeedServer() as srv:
        url = srv.url("/x")
    with pytest.raises(FetchFailed, match="cannot connect") as info:
        fetcher_for(config(retries=0)).fetch(url)
    assert info.value.kind == "connect" and info.value.retryable


def test_rate_limit_spaces_requests_to_one_host(server: FeedServer) -> None:
    server.routes["/a"] = html("article1.html")
    fetcher = fetcher_for(config(min_interval=0.15))
    for _ in range(4):
        fetcher.fetch(server.url("/a"))
    times = [h.at for h in server.hits]  # robots.txt included: it is a request too
    assert len(times) == 5
    gaps = [b - a for a, b in itertools.pairwise(times)]
    # The server's clock sees each request a little after the limiter released it, and
    # that delay varies on a loaded machine, so one gap may look short while the spacing
    # the limiter enforces shows in the average gap (a limiter that does not wait gives
    # gaps of a few milliseconds).
    assert sum(gaps) / len(gaps) >= 0.14, gaps
    assert min(gaps) >= 0.05, gaps


def test_rate_limiter_is_per_host_with_a_fake_clock() -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(s: float) -> None:
        slept.append(s)
        now[0] += s

    limiter = HostRateLimiter(2.0, clock=lambda: now[0], sleep=sleep)
    assert limiter.wait("a.example") == 0.0
    assert limiter.wait("b.example") == 0.0  # another host is not held up
    now[0] += 0.5
    assert limiter.wait("a.example") == pytest.approx(1.5)
    limiter.set_interval("b.example", 5.0)
    assert limiter.wait("b.example") == pytest.approx(0.0)  # 2s had passed since b's last start
    assert limiter.wait("b.example") == pytest.approx(5.0)
    limiter.set_interval("c.example", 0.1)  # a Crawl-delay never makes us faster than default
    limiter.wait("c.example")
    assert limiter.wait("c.example") == pytest.approx(2.0)
    assert slept == pytest.approx([1.5, 5.0, 2.0])


def test_make_client_does_not_follow_redirects_itself() -> None:
    client = make_client(FetchConfig(user_agent="x/1"), trust_env=False)
    assert client.follow_redirects is False
    assert client.headers["user-agent"] == "x/1"
    assert isinstance(client.timeout, httpx.Timeout)
    client.close()
