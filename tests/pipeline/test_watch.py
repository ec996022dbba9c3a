"""``rasd watch`` end to end against a local server: feeds, failures, resumption, politeness."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from feed_server import Clock, FeedServer, Reply, conditional, fixture, html, redirect, static
from rasd.cli.main import main
from rasd.errors import InputError
from rasd.ingest.feeds import FeedSpec
from rasd.ingest.fetch import FetchConfig, Fetcher, FetchResult, make_client
from rasd.pipeline.watch import (
    Watcher,
    WatchOptions,
    WatchStats,
    interleave_hosts,
    parse_interval,
    run_forever,
)
from rasd.store import Store, open_store
from rasd.store import feeds as state

INTERVAL = 0.05  # per-host minimum interval in these tests, in seconds
ARTICLES = ["/news/1", "/news/2", "/news/3", "/news/4", "/news/5", "/flaky"]
LAST_MODIFIED = "Thu, 06 Jun 2024 09:00:00 GMT"


def feed_text(name: str, base: str) -> str:
    return fixture(name).replace("{base}", base)


def routes(base: str) -> dict[str, object]:
    big = b"<html><body><p>" + "كلمة ".encode() * 10_000 + b"</p></body></html>"
    ok6 = html("article6.html")
    return {
        "/robots.txt": static("User-agent: *\nDisallow: /private/\n", "text/plain"),
        "/rss.xml": conditional(feed_text("rss.xml", base), "application/rss+xml",
                                etag='"rss-1"'),
        "/atom.xml": conditional(feed_text("atom.xml", base), "application/atom+xml",
                                 last_modified=LAST_MODIFIED),
        "/news-sitemap.xml": static(feed_text("news-sitemap.xml", base), "application/xml"),
        "/broken.xml": static(fixture("broken.xml"), "application/rss+xml"),
        "/news/1": html("article1.html"),
        "/news/2": html("article2.html", encoding="windows-1256"),
        "/news/moved": redirect("/news/3"),
        "/news/3": html("article3.html"),
        "/news/4": html("article4.html"),
        "/news/5": html("article5.html"),
        "/private/secret": html("article1.html"),
        "/error": static("boom", status=500),
        "/flaky": lambda h, n: Reply(503, b"busy") if n == 0 else ok6(h, n),
        "/slow": lambda _h, _n: Reply(body=b"<html></html>", delay=0.6),
        "/big": static(big),
        "/big-stream": lambda _h, _n: Reply(body=big, headers={"Content-Type": "text/html"},
                                            content_length=False),
        "/image.jpg": static(b"\xff\xd8\xff\xe0" + b"\x00" * 64, "image/jpeg"),
        "/loop-a": redirect("/loop-b"),
        "/loop-b": redirect("/loop-a"),
        # Declared HTML, but binary with NULs: no encoding reads it.
        "/badenc": static(b"<html><body>\x00\x01\x02\xd8\x00\xff" * 200, "text/html"),
        "/nav": html("nav.html"),
    }


def specs(base: str) -> list[FeedSpec]:
    # The broken feeds come first: they must not stop the ones after them.
    return [
        FeedSpec(f"{base}/broken.xml", "معطوبة"),
        FeedSpec("http://nonexistent.invalid/rss.xml", "لا وجود"),
        FeedSpec(f"{base}/gone.xml", None),
        FeedSpec(f"{base}/rss.xml", "أخبار الميدان"),
        FeedSpec(f"{base}/atom.xml", None),
        FeedSpec(f"{base}/news-sitemap.xml", "المحافظة"),
    ]


FETCH = FetchConfig(user_agent="rasd-test/1.0", min_interval=INTERVAL, timeout=0.3,
                    total_timeout=3.0, max_bytes=30_000, retries=1, backoff=0.01,
                    max_backoff=0.2)


@pytest.fixture()
def server() -> Iterator[FeedServer]:
    with FeedServer() as srv:
        srv.routes.update(routes(srv.base))  # type: ignore[arg-type]
        yield srv


def watcher(store: Store, feeds: list[FeedSpec], clock: Clock,
            fetcher: Fetcher | None = None) -> Watcher:
    fetcher = fetcher or Fetcher(make_client(FETCH, trust_env=False), config=FETCH)
    return Watcher(store, fetcher, feeds, options=WatchOptions(extract=False), now=clock)


# -- end to end ------------------------------------------------------------------


def test_watch_stores_new_articles_once_and_records_every_failure(
        server: FeedServer, store: Store) -> None:
    base = server.base
    clock = Clock()
    stats = watcher(store, specs(base), clock).run_once()

    # New articles are stored, once each, through the pipeline.
    assert stats.stored == 6 and stats.duplicates == 0
    assert store.count_documents() == 6
    assert stats.feeds == 6 and stats.feeds_failed == 3
    for path in ARTICLES:
        url = server.url(path if path != "/news/3" else "/news/moved")
        row = state.get_url(store, url)
        assert row is not None and row.state == "stored", (path, row)
    assert server.count("/news/1") == 1  # listed by the RSS and the Atom feed, fetched once
    docs = {d.url: d for d in store.iter_documents()}

    # Publication date from the feed entry, else from the page.
    assert docs[server.url("/news/1")].published == date(2024, 6, 4)  # page says 2024-01-01
    assert docs[server.url("/news/2")].published == date(2024, 6, 2)  # not in the feed
    assert docs[server.url("/news/4")].published == date(2024, 6, 5)
    assert docs[server.url("/news/5")].published == date(2024, 6, 6)
    # A redirected article is stored under the URL it ended at.
    assert docs[server.url("/news/3")].origin == server.url("/news/moved")
    # Windows-1256 is decoded.
    cp1256 = docs[server.url("/news/2")]
    assert cp1256.encoding == "windows-1256"
    assert "اشتباكات عنيفة بين فصيلين مسلحين" in cp1256.text
    # Source: the feed's name, else the host.
    assert docs[server.url("/news/1")].source == "أخبار الميدان"
    assert docs[server.url("/news/4")].source == "127.0.0.1"
    assert docs[server.url("/news/5")].source == "المحافظة"

    # Every failure is recorded per URL with its reason, retried only where it helps.
    expected = {
        "/private/secret": ("robots.txt", False),
        "/missing": ("HTTP 404", False),
        "/error": ("HTTP 500", True),
        "/slow": ("timed out", True),
        "/big": ("too large", False),
        "/big-stream": ("too large", False),
        "/image.jpg": ("not an HTML page", False),
        "/loop-a": ("redirect loop", False),
        "/badenc": ("bad encoding", False),
        "/nav": ("no article", False),
    }
    for path, (reason, retry) in expected.items():
        row = state.get_url(store, server.url(path))
        assert row is not None and row.state == "failed", path
        assert reason in (row.last_error or ""), (path, row.last_error)
        assert (row.next_retry is not None) == retry, path
    dns = state.get_url(store, "http://nonexistent.invalid/news/9")
    assert dns is not None and "DNS lookup failed" in (dns.last_error or "")
    assert dns.next_retry is not None

    # ... and in the failures table, under the pipeline's run, with feed failures too.
    failures = {f.origin: f for f in store.list_failures(run_id=stats.run_id)}
    assert failures[server.url("/missing")].stage == "fetch"
    assert "HTTP 404" in failures[server.url("/missing")].reason
    assert "malformed feed XML" in failures[server.url("/broken.xml")].reason
    assert failures[server.url("/broken.xml")].stage == "feed"
    assert "HTTP 404" in failures[server.url("/gone.xml")].reason
    assert "DNS lookup failed" in failures["http://nonexistent.invalid/rss.xml"].reason
    assert len(failures) == 11 + 3
    assert stats.failed == 14

    # Feed state for `rasd sources`.
    feeds = {f.url: f for f in state.list_feeds(store)}
    rss = feeds[server.url("/rss.xml")]
    assert rss.etag == '"rss-1"' and rss.last_success == "2024-06-07T12:00:00+00:00"
    assert rss.articles == 4 and rss.failed_urls == 11 and rss.failures == 0
    broken = feeds[server.url("/broken.xml")]
    assert broken.failures == 1 and broken.last_success is None
    assert "malformed" in (broken.last_error or "")


def test_a_second_run_fetches_nothing_new(server: FeedServer, store: Store) -> None:
    clock = Clock()
    watcher(store, specs(server.base), clock).run_once()
    before = len(server.hits)
    clock.now += timedelta(minutes=5)  # before any retry is due
    stats = watcher(store, specs(server.base), clock).run_once()
    second = server.paths()[before:]
    assert page_hits_of(second) == []
    assert stats.new_urls == 0 and stats.fetched == 0 and stats.stored == 0
    assert stats.feeds_unchanged == 2  # the RSS (ETag) and the Atom feed (Last-Modified)
    rss_hit = next(h for h in server.hits[before:] if h.path == "/rss.xml")
    assert rss_hit.headers["if-none-match"] == '"rss-1"'
    assert store.count_documents() == 6


def page_hits_of(paths: list[str]) -> list[str]:
    skip = {"/robots.txt", "/rss.xml", "/atom.xml", "/news-sitemap.xml", "/broken.xml",
            "/gone.xml"}
    return [p for p in paths if p not in skip]


def test_failed_urls_are_retried_when_due_and_permanent_ones_never(
        server: FeedServer, store: Store) -> None:
    clock = Clock()
    watcher(store, specs(server.base), clock).run_once()
    server.routes["/error"] = html("article6.html")  # the server recovered
    before = len(server.hits)
    clock.now += timedelta(hours=1)  # the first retry comes after 15 minutes
    stats = watcher(store, specs(server.base), clock).run_once()
    again = sorted(set(page_hits_of(server.paths()[before:])))
    assert again == ["/error", "/slow"]  # plus the unresolvable host, which never hits us
    row = state.get_url(store, server.url("/error"))
    assert row is not None and row.state == "stored" and row.attempts == 2
    assert stats.duplicates == 1  # same text as /flaky: counted, not stored twice
    slow = state.get_url(store, server.url("/slow"))
    assert slow is not None and slow.attempts == 2
    assert slow.next_retry == "2024-06-07T13:30:00+00:00"  # 30 minutes: the delay doubled


def test_retries_stop_after_max_attempts(server: FeedServer, store: Store) -> None:
    clock = Clock()
    feeds = [FeedSpec(server.url("/rss.xml"))]
    options = WatchOptions(extract=False, max_attempts=2, retry_base=60)
    fetcher = Fetcher(make_client(FETCH, trust_env=False), config=FETCH)
    Watcher(store, fetcher, feeds, options=options, now=clock).run_once()
    clock.now += timedelta(days=1)
    Watcher(store, fetcher, feeds, options=options, now=clock).run_once()
    row = state.get_url(store, server.url("/error"))
    assert row is not None and row.attempts == 2 and row.next_retry is None
    before = server.count("/error")
    clock.now += timedelta(days=1)
    Watcher(store, fetcher, feeds, options=options, now=clock).run_once()
    assert server.count("/error") == before


def test_an_interrupted_run_loses_nothing_and_refetches_nothing(
        server: FeedServer, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'watch.db'}"
    clock = Clock()
    feeds = [FeedSpec(server.url("/atom.xml")), FeedSpec(server.url("/news-sitemap.xml"))]

    class Killed(BaseException):
        pass

    class DiesOnThirdPage(Fetcher):
        pages = 0

        def fetch(self, url: str, **kw: object) -> FetchResult:
            if kw.get("accept", "html") == "html":
                self.pages += 1
                if self.pages == 3:
                    raise Killed  # like SIGKILL mid-fetch: nothing after this runs
            return super().fetch(url, **kw)  # type: ignore[arg-type]

    store = open_store(db)
    dying = DiesOnThirdPage(make_client(FETCH, trust_env=False), config=FETCH)
    with pytest.raises(Killed):
        watcher(store, feeds, clock, dying).run_once()
    store.close()

    store = open_store(db)
    assert store.count_documents() == 2
    assert state.count_urls(store) == {"stored": 2, "seen": 1}
    stats = watcher(store, feeds, clock).run_once()
    assert stats.fetched == 1 and stats.stored == 1
    for path in ("/news/1", "/news/4", "/news/5"):
        assert server.count(path) == 1, path
    assert store.count_documents() == 3
    store.close()


def test_a_cycle_failing_in_the_pipeline_leaves_its_url_due(
        server: FeedServer, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from rasd.errors import StageError

    clock = Clock()
    feeds = [FeedSpec(server.url("/atom.xml"))]
    real_add = store.add_document
    calls = []

    def add_document(doc: object, *, commit: bool = True) -> bool:
        calls.append(doc)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real_add(doc, commit=commit)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "add_document", add_document)
    with pytest.raises(StageError, match="disk full"):
        watcher(store, feeds, clock).run_once()
    monkeypatch.undo()
    assert state.count_urls(store) == {"stored": 1, "seen": 1}  # not marked stored, not lost
    stats = watcher(store, feeds, clock).run_once()
    assert stats.stored == 1 and store.count_documents() == 2


def test_the_rate_limit_holds_across_a_whole_run(server: FeedServer, store: Store) -> None:
    watcher(store, specs(server.base), Clock()).run_once()
    times = [h.at for h in server.hits]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert len(times) > 25
    # Server-side timestamps lag the limiter's releases by a varying delay on a loaded
    # machine; the mean gap is immune to that jitter, the minimum only roughly.
    assert sum(gaps) / len(gaps) >= INTERVAL * 0.95, sorted(gaps)[:3]
    assert min(gaps) >= INTERVAL * 0.4, sorted(gaps)[:3]


def test_max_pages_leaves_the_rest_for_the_next_cycle(server: FeedServer, store: Store) -> None:
    clock = Clock()
    feeds = [FeedSpec(server.url("/atom.xml")), FeedSpec(server.url("/news-sitemap.xml"))]
    fetcher = Fetcher(make_client(FETCH, trust_env=False), config=FETCH)
    options = WatchOptions(extract=False, max_pages=2)
    first = Watcher(store, fetcher, feeds, options=options, now=clock).run_once()
    assert first.fetched == 2 and first.new_urls == 3
    second = Watcher(store, fetcher, feeds, options=options, now=clock).run_once()
    assert second.fetched == 1 and second.new_urls == 0
    assert store.count_documents() == 3


def test_sitemap_index_children_are_read(server: FeedServer, store: Store) -> None:
    base = server.base
    server.routes["/sitemap.xml"] = static(feed_text("sitemap-index.xml", base), "text/xml")
    server.routes["/sitemaps/2024-06.xml"] = static(feed_text("news-sitemap.xml", base),
                                                    "text/xml")
    server.routes["/sitemaps/2024-05.xml"] = static(
        f"<urlset><url><loc>{base}/news/4</loc><lastmod>2024-05-20</lastmod></url></urlset>",
        "text/xml")
    stats = watcher(store, [FeedSpec(server.url("/sitemap.xml"))], Clock()).run_once()
    assert stats.new_urls == 2 and stats.stored == 2
    assert [f.origin for f in stats.failures] == [server.url("/sitemaps/missing.xml")]
    docs = {d.url: d.published for d in store.iter_documents()}
    assert docs[server.url("/news/4")] == date(2024, 5, 20)


# -- pieces ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("90s", 90), ("15m", 900), ("1h", 3600), ("1h30m", 5400), ("600", 600), ("2d", 172800),
     ("0.5m", 30), (" 1H ", 3600), ("15m30", 930)],
)
def test_parse_interval(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "m", "15x", "-5m", "0s", "1.h", "h1"])
def test_parse_interval_rejects_nonsense(text: str) -> None:
    with pytest.raises(InputError):
        parse_interval(text)


def test_interleave_hosts_round_robin() -> None:
    def u(url: str) -> state.UrlState:
        return state.UrlState(url, "f", "seen", None, None, 0, None, None, None, "t")

    urls = [u("http://a/1"), u("http://a/2"), u("http://a/3"), u("http://b/1"), u("http://c/1")]
    assert [x.url for x in interleave_hosts(urls)] == [
        "http://a/1", "http://b/1", "http://c/1", "http://a/2", "http://a/3"]


def test_run_forever_keeps_the_interval_from_start_to_start() -> None:
    now = [0.0]
    slept: list[float] = []

    def cycle() -> WatchStats:
        now[0] += 4.0  # each cycle takes 4 s
        return WatchStats()

    def sleep(s: float) -> None:
        slept.append(s)
        now[0] += s

    done = run_forever(cycle, interval=10.0, clock=lambda: now[0], sleep=sleep, cycles=3)
    assert done == 3 and slept == [6.0, 6.0]


# -- command line --------------------------------------------------------------------


def test_cli_watch_once_and_sources(server: FeedServer, tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(
        f"# test feeds\n{server.url('/atom.xml')}  تقارير\n{server.url('/broken.xml')}\n",
        encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = CliRunner()
    args = ["watch", str(feeds), "--db", db, "--once", "--per-host", "0.01", "--timeout", "2",
            "--no-extract"]
    result = runner.invoke(main, args, env={"NO_PROXY": "*"})
    assert result.exit_code == 0, result.output
    assert "stored: 2" in result.output
    assert "malformed feed XML" in result.output
    result = runner.invoke(main, args, env={"NO_PROXY": "*"})
    assert result.exit_code == 0, result.output
    assert "pages fetched: 0" in result.output and "unchanged: 1" in result.output
    # The broken feed failed a minute ago: it is backed off, not asked again at once.
    assert "backing off: 1" in result.output and server.count("/broken.xml") == 1
    assert server.count("/news/4") == 1

    result = runner.invoke(main, ["sources", "--db", db])
    assert result.exit_code == 0, result.output
    assert "تقارير" in result.output and "articles: 2" in result.output
    assert "feed failures: 1" in result.output and "last success: never" in result.output
    assert "(2 feeds)" in result.output

    result = runner.invoke(main, ["failures", "--db", db])
    assert "[feed] malformed feed XML" in result.output


def test_cli_watch_rejects_a_bad_interval_and_a_bad_list(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("not-a-url\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["watch", str(feeds), "--interval", "soon", "--once"])
    assert result.exit_code == 2 and "not an interval" in result.output
    result = runner.invoke(main, ["watch", str(feeds), "--db",
                                  f"sqlite:///{tmp_path / 'x.db'}", "--once"])
    assert result.exit_code == 1 and "not an http(s) URL" in result.output
