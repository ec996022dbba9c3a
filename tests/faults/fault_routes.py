"""Routes of the local fault server: good article pages and pages that fail as sites do.

Used by the watcher's fault tests and by ``benchmarks/soak_watch.py``. Every
route answers on 127.0.0.1 only (``tests/feed_server.py``); bodies are built
from the articles composed in :mod:`fault_texts`.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from fault_texts import ARTICLES, ENDINGS

from feed_server import Reply, Route

HTML = "text/html; charset=utf-8"


def article_page(index: int, *, charset: str = "utf-8") -> bytes:
    """A distinct article page for any index (the ending carries the index in words)."""
    name, text = ARTICLES[index % len(ARTICLES)]
    title, _, body = text.partition("\n")
    ending = ENDINGS[1 + index % (len(ENDINGS) - 1)]
    paragraphs = "".join(f"<p>{line}</p>" for line in body.split("\n") if line)
    serial = f"<p>وهذا هو التقرير رقم {index} في سلسلة تقارير المراسل عن {name}.</p>"
    return (f"<!doctype html><html lang='ar'><head><meta charset='{charset}'>"
            f"<title>{title}</title></head><body><nav><a href='/'>الرئيسية</a></nav>"
            f"<article><h1>{title}</h1>{paragraphs}<p>{ending}</p>{serial}</article>"
            f"<footer>جميع الحقوق محفوظة</footer></body></html>").encode(charset)


def rss(base: str, paths: Iterable[str], *, title: str = "أخبار الاختبار") -> bytes:
    day = datetime(2024, 6, 1, 8, 0, tzinfo=UTC)
    items = "".join(
        f"<item><title>خبر {i}</title><link>{base}{path}</link>"
        f"<pubDate>{format_datetime(day + timedelta(hours=i))}</pubDate></item>"
        for i, path in enumerate(paths))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{title}</title><link>{base}/</link>{items}</channel></rss>").encode()


def page(index: int, **reply: object) -> Route:
    body = article_page(index)
    return lambda _h, _n: Reply(body=body, headers={"Content-Type": HTML}, **reply)  # type: ignore[arg-type]


def gzip_bomb(size: int) -> bytes:
    return gzip.compress(bytes(size), compresslevel=9)


def faults(base: str, *, hang: float, drip_bytes: int = 40_000) -> dict[str, Route]:
    """One route per kind of page failure; the key is the fault's name as a path."""
    bomb = gzip_bomb(64 * 1024 * 1024)
    mixed = article_page(1) [:400] + article_page(2, charset="windows-1256")[400:]
    return {
        "/fault/timeout": lambda _h, _n: Reply(body=article_page(3), delay=hang),
        "/fault/drip": lambda _h, _n: Reply(body=b"<html><body><p>" + b"x" * drip_bytes,
                                           headers={"Content-Type": HTML}, drip=0.05,
                                           chunk=200),
        "/fault/500": lambda _h, _n: Reply(500, b"server error"),
        "/fault/503-retry-after": lambda _h, _n: Reply(503, b"busy",
                                                       headers={"Retry-After": "7200"}),
        "/fault/429": lambda _h, _n: Reply(429, b"slow down", headers={"Retry-After": "3600"}),
        "/fault/404": lambda _h, _n: Reply(404, b"not found"),
        "/fault/loop-a": lambda _h, _n: Reply(302, headers={"Location": "/fault/loop-b"}),
        "/fault/loop-b": lambda _h, _n: Reply(302, headers={"Location": "/fault/loop-c"}),
        "/fault/loop-c": lambda _h, _n: Reply(302, headers={"Location": "/fault/loop-a"}),
        "/fault/declared-huge": lambda _h, _n: Reply(
            body=b"x" * 10, headers={"Content-Type": HTML, "Content-Length": "209715200"},
            content_length=False),
        "/fault/huge-stream": lambda _h, _n: Reply(body=b"<p>" + "خبر ".encode() * 200_000,
                                                  headers={"Content-Type": HTML},
                                                  content_length=False),
        "/fault/gzip-bomb": lambda _h, _n: Reply(
            body=bomb, headers={"Content-Type": HTML, "Content-Encoding": "gzip"}),
        "/fault/cut": lambda _h, _n: Reply(
            body=article_page(4), headers={"Content-Type": HTML,
                                           "Content-Length": str(len(article_page(4)))},
            content_length=False, cut_after=300),
        "/fault/image": lambda _h, _n: Reply(body=b"\x89PNG\r\n\x1a\n" + bytes(100),
                                            headers={"Content-Type": "image/png"}),
        "/fault/binary-as-html": lambda _h, _n: Reply(body=bytes(range(256)) * 20,
                                                     headers={"Content-Type": HTML}),
        "/fault/empty-200": lambda _h, _n: Reply(body=b"", headers={"Content-Type": HTML}),
        "/fault/all-chrome": lambda _h, _n: Reply(
            body="<html><body><nav>الرئيسية | أخبار</nav><footer>جميع الحقوق محفوظة"
                 "</footer></body></html>".encode(), headers={"Content-Type": HTML}),
        "/fault/encoding-switch": lambda _h, _n: Reply(body=mixed,
                                                      headers={"Content-Type": HTML}),
        "/fault/robots-private/x": page(5),  # disallowed by the robots.txt of faults()
    }


ROBOTS = "User-agent: *\nDisallow: /fault/robots-private/\n"

# Faults a later attempt may cure: the watcher asks again when their retry is due.
RETRYABLE = {"/fault/timeout", "/fault/drip", "/fault/500", "/fault/503-retry-after",
             "/fault/429", "/fault/cut"}
# Server-requested pauses (Retry-After) the watcher must not cut short.
RETRY_AFTER = {"/fault/503-retry-after": 7200.0, "/fault/429": 3600.0}
