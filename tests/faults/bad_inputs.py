"""Kinds of bad input, built in the test's folder: files and JSON Lines records.

Each kind makes one path and says what a user must get from it: ``docs``
clean documents (a damaged container keeps what it could read) and, when
``reason`` is set, one recorded failure whose one-line reason contains it.
All text is composed here (:mod:`fault_texts`); nothing is copied.
"""

from __future__ import annotations

import gzip
import io
import os
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fault_texts import article_text, jsonl_record

Maker = Callable[[Path], Path]

LIMIT = 256 * 1024  # the per-file / per-line limit these tests ingest with


@dataclass(frozen=True)
class Kind:
    id: str
    make: Maker
    reason: str | None  # a failure whose reason contains this; None: no failure
    docs: int = 0  # clean documents expected from the input
    root_skips: bool = False  # cannot be built when the tests run as root
    limited: bool = False  # its outcome needs the small LIMIT (the CLI's is 50 MB)
    stage: str = "ingest"  # the stage that records the failure
    in_folder: int = 1  # failures when its folder is walked (both links of a loop fail)


def _write(name: str, data: bytes | str) -> Maker:
    def make(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    return make


def _lines(*lines: str | bytes) -> bytes:
    return b"".join((x.encode("utf-8") if isinstance(x, str) else x) + b"\n" for x in lines)


def _page(index: int, *, charset: str = "utf-8", meta: str | None = None) -> bytes:
    paragraphs = "".join(f"<p>{line}</p>" for line in article_text(index).split("\n")[1:] if line)
    title = article_text(index).split("\n")[0]
    meta_tag = f'<meta charset="{meta or charset}">'
    return (f"<!doctype html><html lang='ar'><head>{meta_tag}<title>{title}</title></head>"
            f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
            ).encode(charset)


def _warc(pages: int, *, gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for i in range(pages):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://news.example.org/2024/article-{i}.html", "response",
            payload=io.BytesIO(_page(10 + i)), http_headers=headers))
    return buf.getvalue()


def _warc_junk_between(tmp: Path) -> Path:
    whole = _warc(3, gz=False)
    first, second, third = whole.split(b"WARC/1.0\r\n")[1:]
    data = b"WARC/1.0\r\n" + first + b"\x00\x07junk between records\r\n\r\nWARC/1.0\r\n" + second
    return _write("junk-between.warc", data + b"WARC/1.0\r\n" + third)(tmp)


def _warc_no_type(tmp: Path) -> Path:
    data = _warc(2, gz=False).replace(b"WARC-Type: response\r\n", b"X-Note: none\r\n", 1)
    return _write("no-type.warc", data)(tmp)


def _gzip_bomb(tmp: Path) -> Path:
    # 64 MB of zeros without a newline in a ~64 KB file: one "line" far over the limit
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    path = tmp / "bomb.jsonl.gz"
    with path.open("wb") as fh:
        block = bytes(1 << 20)
        for _ in range(64):
            fh.write(comp.compress(block))
        fh.write(comp.flush())
    return path


def _truncated_gzip(tmp: Path) -> Path:
    blob = gzip.compress(_lines(*(jsonl_record(i) for i in range(11, 19))))
    return _write("cut.jsonl.gz", blob[: len(blob) * 2 // 3])(tmp)


def _symlink_loop(tmp: Path) -> Path:
    a, b = tmp / "loop-a.txt", tmp / "loop-b.txt"
    a.symlink_to(b)
    b.symlink_to(a)
    return a


def _folder_loop(tmp: Path) -> Path:
    folder = tmp / "looping"
    folder.mkdir()
    (folder / "back-up").symlink_to(tmp, target_is_directory=True)
    (folder / "self").symlink_to(folder, target_is_directory=True)
    return folder


def _dangling(tmp: Path) -> Path:
    link = tmp / "gone.txt"
    link.symlink_to(tmp / "deleted.txt")
    return link


def _fifo(tmp: Path) -> Path:
    path = tmp / "pipe.txt"
    os.mkfifo(path)  # reading it would block forever: must be refused, not opened
    return path


def _unreadable(tmp: Path) -> Path:
    path = _write("locked.txt", article_text(3))(tmp)
    path.chmod(0)
    return path


def _odd_name(name: str, index: int) -> Maker:
    def make(tmp: Path) -> Path:
        path = tmp / name
        path.write_text(article_text(index), encoding="utf-8")
        return path

    return make


def _bytes_name(tmp: Path) -> Path:
    # a name that is not UTF-8 (Latin-1 bytes), as old archives carry
    raw = os.fsencode(tmp) + b"/caf\xe9-\xff.txt"
    with open(raw, "wb") as fh:
        fh.write(article_text(5).encode("utf-8"))
    return Path(os.fsdecode(raw))


def _nested_json(depth: int) -> bytes:
    return b'{"id": "deep", "text": ' + b"[" * depth + b"]" * depth + b"}"


def _deep_html(depth: int) -> bytes:
    body = "<div>" * depth + "<p>" + article_text(6).split("\n")[2] + "</p>" + "</div>" * depth
    return f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>".encode()


ALL_CHROME = (
    "<html><head><meta charset='utf-8'><title>الرئيسية</title></head><body>"
    "<nav><a href='/'>الرئيسية</a> | <a href='/a'>أخبار</a> | <a href='/b'>رياضة</a></nav>"
    "<div class='share'>شارك المقال</div><footer>جميع الحقوق محفوظة</footer></body></html>"
)

MIXED_ENCODINGS = article_text(1).encode("utf-8") + article_text(2).encode("windows-1256")


KINDS: list[Kind] = [
    # -- plain files ---------------------------------------------------------
    Kind("empty", _write("empty.txt", b""), "empty file"),
    Kind("whitespace-only", _write("blank.txt", " \r\n\t\n\u00a0\n"), "empty file"),
    Kind("binary-png", _write("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300)),
         "binary data (PNG image)"),
    Kind("nul-bytes-only", _write("zeros.txt", bytes(4096)), "binary data (contains NUL bytes)"),
    # One NUL makes a file binary to rasd (as to git): UTF-8 text never carries one.
    Kind("nul-bytes-in-text", _write("nul.txt", article_text(0).replace("\n\n", "\n\x00\n")),
         "binary data (contains NUL bytes)"),
    Kind("random-bytes-html", _write("noise.html", bytes((i * 131 + 7) % 256 for i in range(3000))),
         "binary data"),
    Kind("control-bytes", _write("controls.txt", bytes(range(1, 32)) * 40), "binary data"),
    Kind("utf16-bom-text", _write("wide.txt", article_text(1).encode("utf-16")), None, docs=1),
    Kind("utf8-bom-text", _write("bom.txt", b"\xef\xbb\xbf" + article_text(2).encode()), None,
         docs=1),
    Kind("windows-1256-text", _write("legacy.txt", article_text(3).encode("windows-1256")), None,
         docs=1),
    # UTF-8 and Windows-1256 in one file: no single encoding reads it, and guessing
    # per line would store mojibake as text.
    Kind("mixed-encodings", _write("mixed.txt", MIXED_ENCODINGS), "unknown encoding"),
    Kind("html-meta-lies", _write("lies.html", _page(4, charset="windows-1256", meta="utf-8")),
         None, docs=1),
    Kind("html-unknown-charset", _write("odd-charset.html", _page(5, meta="x-no-such-charset")),
         None, docs=1),
    Kind("over-size-limit", _write("huge.txt", "خبر عاجل ".encode() * (LIMIT // 8)),
         "over the", limited=True),
    Kind("one-huge-line-text", _write("one-line.txt", " ".join([article_text(7)] * 60)
                                      .replace("\n", " ")), None, docs=1),
    Kind("control-and-bidi-chars", _write("bidi.txt", "\u202e\u200f\x07" + article_text(0)
                                          + "\x1b[31m\u2066"), None, docs=1),
    # Stored (it is text), then cleaning finds nothing but site chrome in it.
    Kind("only-chrome-lines-text", _write("chrome.txt", "شارك المقال\nاقرأ أيضا\n"),
         "nothing usable left after cleaning", docs=1, stage="clean"),
    # -- HTML ----------------------------------------------------------------
    Kind("malformed-html", _write("broken.html", b"<html><<div>><p class='x></<!-- <<<"),
         "no article text"),
    Kind("unclosed-tags-html", _write("unclosed.html", _page(1).replace(b"</p>", b"")
                                      .replace(b"</article>", b"")), None, docs=1),
    Kind("deeply-nested-html", _write("deep.html", _deep_html(250)), None, docs=1),
    # Past libxml2's depth limit (256) the parser drops the text: a failure, not a crash.
    Kind("absurdly-nested-html", _write("deeper.html", _deep_html(5000)), "no article text"),
    Kind("all-chrome-html", _write("chrome.html", ALL_CHROME), "no article text"),
    Kind("script-only-html", _write("script.html", "<html><body><script>" + "var a=1;" * 500
                                    + "</script></body></html>"), "no article text"),
    # -- JSON Lines ----------------------------------------------------------
    Kind("malformed-json", _write("bad.jsonl", _lines(jsonl_record(0), '{"id": "x", "text": ')),
         "malformed JSON", docs=1),
    Kind("json-array-line", _write("array.jsonl", _lines("[1, 2, 3]", jsonl_record(1))),
         "is a array", docs=1),
    Kind("json-wrong-type-text", _write("typed.jsonl", _lines('{"id": "n", "text": 42}')),
         "'text' must be a string"),
    Kind("json-object-id", _write("objid.jsonl", _lines(jsonl_record(2, id={"a": 1}))),
         "'id' must be a string or a number"),
    Kind("json-bad-date", _write("date.jsonl", _lines(jsonl_record(3, published="أمس"))),
         "unreadable 'published' date"),
    Kind("json-no-text-field", _write("notext.jsonl", _lines('{"id": "t", "title": "عنوان"}')),
         "neither a 'text' nor an 'html'"),
    Kind("json-huge-integer", _write("bigint.jsonl", _lines('{"id": ' + "9" * 5000 + "}")),
         "malformed JSON"),
    Kind("json-deeply-nested", _write("nested.jsonl", _nested_json(100_000) + b"\n"),
         "malformed JSON"),
    Kind("json-invalid-utf8", _write("latin.jsonl", _lines(b'{"id": "x", "text": "caf\xe9"}')),
         "not valid UTF-8"),
    Kind("jsonl-utf16", _write("wide.jsonl", (jsonl_record(4) + "\n").encode("utf-16")),
         "must be UTF-8"),
    Kind("jsonl-only-blank-lines", _write("blanks.jsonl", "\n \n\t\n"), "no JSON lines"),
    Kind("jsonl-crlf-and-bom", _write("crlf.jsonl", "\ufeff" + jsonl_record(5) + "\r\n"
                                      + jsonl_record(6) + "\r\n"), None, docs=2),
    Kind("json-line-over-limit", _write("long.jsonl", _lines(jsonl_record(7, pad="x" * LIMIT),
                                                             jsonl_record(8))),
         "over the", docs=1, limited=True),
    Kind("json-nul-in-text", _write("nul.jsonl", _lines(jsonl_record(9, text="\x00"
                                                                     + article_text(9)))),
         None, docs=1),
    Kind("truncated-gzip-jsonl", _truncated_gzip, "truncated gzip stream", docs=4),
    Kind("not-gzip-jsonl-gz", _write("fake.jsonl.gz", _lines(jsonl_record(12))),
         "gzip"),
    Kind("gzip-bomb-jsonl", _gzip_bomb, "over the"),
    # -- WARC ----------------------------------------------------------------
    Kind("truncated-warc-gz", lambda tmp: _write("cut.warc.gz", _warc(3, gz=True)[:-200])(tmp),
         "truncated or corrupt WARC", docs=2),
    Kind("junk-between-warc-records", _warc_junk_between, "no valid WARC header", docs=1),
    Kind("warc-record-without-type", _warc_no_type, "without a WARC-Type", docs=1),
    Kind("text-named-warc", _write("notes.warc", article_text(0)), "not a WARC file"),
    Kind("gzip-of-text-named-warc", _write("notes.warc.gz", gzip.compress(b"plain words\n")),
         "not a WARC file"),
    # -- the file system -----------------------------------------------------
    Kind("symlink-loop", _symlink_loop, "symbolic links", in_folder=2),
    Kind("folder-symlink-loop", _folder_loop, None),
    Kind("dangling-symlink", _dangling, "no such file"),
    Kind("fifo", _fifo, "not a regular file"),
    Kind("unreadable-chmod-000", _unreadable, "permission denied", root_skips=True),
    Kind("unsupported-extension", _write("report.pdf", b"%PDF-1.4\n"), "unsupported file type"),
    Kind("name-with-newline-and-spaces", _odd_name("two\nlines  name.txt", 1), None, docs=1),
    Kind("arabic-name", _odd_name("خبر عاجل (١).txt", 2), None, docs=1),
    Kind("name-starting-with-dash", _odd_name("-rf --db.txt", 3), None, docs=1),
    Kind("longest-name", _odd_name("خ" * 120 + ".txt", 4), None, docs=1),
    Kind("name-not-utf8", _bytes_name, None, docs=1),
]
