"""Feed lists, RSS/Atom and sitemap parsing (no network)."""

from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path

import pytest

from rasd.errors import InputError
from rasd.ingest.feeds import (
    FeedSpec,
    MalformedFeedError,
    parse_date_text,
    parse_feed,
    parse_feed_list,
    read_feed_list,
    source_for,
)

FEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"
BASE = "http://news.example"


def fixture_bytes(name: str) -> bytes:
    return (FEEDS / name).read_text(encoding="utf-8").replace("{base}", BASE).encode("utf-8")


# -- feed lists ------------------------------------------------------------------


def test_feed_list_urls_names_comments_and_duplicates() -> None:
    text = (
        "# outlets we watch\n"
        "\n"
        "https://a.example/rss  وكالة الأنباء المحلية\n"
        "http://b.example/sitemap.xml\t# no name\n"
        "https://a.example/rss  duplicate keeps the first\n"
        "   https://c.example/feed   Outlet C  \n"
    )
    specs = parse_feed_list(text)
    assert specs == [
        FeedSpec("https://a.example/rss", "وكالة الأنباء المحلية"),
        FeedSpec("http://b.example/sitemap.xml", None),
        FeedSpec("https://c.example/feed", "Outlet C"),
    ]


def test_feed_list_rejects_non_http_lines_naming_the_line() -> None:
    with pytest.raises(InputError, match=r"feeds#line=2: not an http\(s\) URL"):
        parse_feed_list("https://a.example/rss\nftp://b.example/feed\n")
    with pytest.raises(InputError, match="line=1"):
        parse_feed_list("a.example/rss Name\n")


def test_read_feed_list_refuses_an_empty_list(tmp_path: Path) -> None:
    path = tmp_path / "feeds.txt"
    path.write_text("# nothing yet\n", encoding="utf-8")
    with pytest.raises(InputError, match="lists no feeds"):
        read_feed_list(path)
    with pytest.raises(InputError, match="cannot read"):
        read_feed_list(tmp_path / "absent.txt")


def test_source_defaults_to_the_feed_host() -> None:
    assert source_for(FeedSpec("https://News.Example:8443/rss")) == "news.example"
    assert source_for(FeedSpec("https://news.example/rss", "الميدان")) == "الميدان"


# -- RSS and Atom ------------------------------------------------------------------


def test_rss_entries_are_absolute_unique_and_dated_as_published() -> None:
    feed = parse_feed(fixture_bytes("rss.xml"), url=f"{BASE}/rss.xml")
    assert feed.kind == "rss"
    assert feed.title == "أخبار الميدان"
    urls = [e.url for e in feed.entries]
    assert urls[0] == f"{BASE}/news/1"
    assert f"{BASE}/news/moved" in urls  # a relative link, made absolute
    assert "http://nonexistent.invalid/news/9" in urls
    assert not any(u.startswith("tag:") for u in urls)  # a guid that is not a link is skipped
    assert len(urls) == len(set(urls)) == 15
    first = feed.entries[0]
    # 01:15 in UTC+3 is the previous day in UTC: the publisher's own date is kept.
    assert first.published == date(2024, 6, 4)
    assert first.title == "قصف مدفعي على أطراف بلدة الريحان"
    assert feed.entries[1].published is None


def test_atom_entries_use_published_before_updated() -> None:
    feed = parse_feed(fixture_bytes("atom.xml"), url=f"{BASE}/atom.xml")
    assert feed.kind == "atom"
    assert [(e.url, e.published) for e in feed.entries] == [
        (f"{BASE}/news/4", date(2024, 6, 5)),
        (f"{BASE}/news/1", date(2024, 6, 4)),
    ]


def test_rss_guid_permalink_is_used_when_there_is_no_link() -> None:
    data = (b'<rss version="2.0"><channel><title>t</title>'
            b"<item><guid>https://x.example/a/1</guid></item></channel></rss>")
    feed = parse_feed(data, url="https://x.example/rss")
    assert [e.url for e in feed.entries] == ["https://x.example/a/1"]


def test_an_empty_but_valid_feed_is_not_an_error() -> None:
    data = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'
    assert parse_feed(data, url="https://x.example/rss").entries == ()


def test_malformed_feed_xml_is_refused() -> None:
    with pytest.raises(MalformedFeedError, match="malformed feed XML"):
        parse_feed(fixture_bytes("broken.xml"), url=f"{BASE}/broken.xml")


def test_an_html_page_is_not_a_feed() -> None:
    data = (FEEDS / "nav.html").read_bytes()
    with pytest.raises(MalformedFeedError, match="not a feed: an HTML page"):
        parse_feed(data, url=f"{BASE}/", content_type="text/html")


# -- sitemaps --------------------------------------------------------------------


def test_news_sitemap_gives_publication_date_and_title() -> None:
    feed = parse_feed(fixture_bytes("news-sitemap.xml"), url=f"{BASE}/news-sitemap.xml")
    assert feed.kind == "sitemap"
    (entry,) = feed.entries
    assert entry.url == f"{BASE}/news/5"
    assert entry.published == date(2024, 6, 6)
    assert entry.title == "مظاهرة سلمية أمام مبنى المحافظة"


def test_plain_sitemap_uses_lastmod_and_tolerates_no_namespace() -> None:
    data = (b"<urlset><url><loc>/a</loc><lastmod>2024-03-02</lastmod></url>"
            b"<url><loc>https://x.example/b</loc></url><url><lastmod>2024-01-01</lastmod></url>"
            b"</urlset>")
    feed = parse_feed(data, url="https://x.example/sitemap.xml")
    assert [(e.url, e.published) for e in feed.entries] == [
        ("https://x.example/a", date(2024, 3, 2)),
        ("https://x.example/b", None),
    ]


def test_sitemap_index_lists_children_newest_first() -> None:
    feed = parse_feed(fixture_bytes("sitemap-index.xml"), url=f"{BASE}/sitemap.xml")
    assert feed.kind == "sitemapindex"
    assert feed.entries == ()
    assert feed.sitemaps == (
        f"{BASE}/sitemaps/2024-06.xml",
        f"{BASE}/sitemaps/2024-05.xml",
        f"{BASE}/sitemaps/missing.xml",
    )


def test_gzipped_sitemap_is_unpacked() -> None:
    data = gzip.compress(fixture_bytes("news-sitemap.xml"))
    feed = parse_feed(data, url=f"{BASE}/sitemap.xml.gz")
    assert [e.url for e in feed.entries] == [f"{BASE}/news/5"]


def test_corrupt_gzip_is_a_malformed_feed() -> None:
    with pytest.raises(MalformedFeedError, match="corrupt gzip"):
        parse_feed(b"\x1f\x8b\x08\x00garbage", url=f"{BASE}/sitemap.xml.gz")


def test_sitemap_with_entities_is_refused() -> None:
    data = (b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            b"<urlset><url><loc>https://x.example/&b;</loc></url></urlset>")
    with pytest.raises(MalformedFeedError, match="DTD"):
        parse_feed(data, url="https://x.example/sitemap.xml")


def test_truncated_sitemap_is_malformed() -> None:
    data = fixture_bytes("news-sitemap.xml")[:200]
    with pytest.raises(MalformedFeedError, match="malformed sitemap XML"):
        parse_feed(data, url=f"{BASE}/sitemap.xml")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-06-04", date(2024, 6, 4)),
        ("2024-06-04T01:15:00+03:00", date(2024, 6, 4)),
        ("2024-06-04T23:15:00Z", date(2024, 6, 4)),
        ("2024-06-04T01:15+03:00", date(2024, 6, 4)),
        ("Tue, 04 Jun 2024 01:15:00 +0300", date(2024, 6, 4)),
        ("Tue, 04 Jun 2024 01:15:00 GMT", date(2024, 6, 4)),
        ("", None),
        ("soon", None),
    ],
)
def test_parse_date_text(text: str, expected: date | None) -> None:
    assert parse_date_text(text) == expected
