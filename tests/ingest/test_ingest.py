"""The ingest stage: text, HTML, JSON Lines and WARC inputs, encodings, and every bad input."""

from __future__ import annotations

import gzip
import io
import json
import os
from collections.abc import Callable, Iterable
from datetime import date
from itertools import islice
from pathlib import Path

import pytest

from rasd.errors import InputError
from rasd.ingest.docs import guess_title, name_from_url
from rasd.ingest.reader import (
    DEFAULT_MAX_BYTES,
    document_from_html,
    document_from_text,
    iter_inputs,
)
from rasd.models import Document, Failure, content_id

INGEST = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
ARTICLES = INGEST / "articles"
HTML = INGEST / "html"
ARTICLE_FILES = sorted(ARTICLES.glob("*.txt"))


def _run(
    paths: Iterable[str | Path], *, source: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[list[Document], list[Failure]]:
    docs: list[Document] = []
    failures: list[Failure] = []
    for item in iter_inputs(paths, source=source, max_bytes=max_bytes):
        if isinstance(item, Failure):
            failures.append(item)
        else:
            docs.append(item)
    return docs, failures


def _one_doc(path: Path, *, source: str | None = None) -> Document:
    docs, failures = _run([path], source=source)
    assert failures == []
    assert len(docs) == 1
    return docs[0]


def _utf8(name: str) -> str:
    return (ARTICLES / name).read_text(encoding="utf-8")


# -- plain text -------------------------------------------------------------


def test_fixture_folder_ingests_every_article_in_name_order() -> None:
    docs, failures = _run([ARTICLES])
    assert failures == []
    assert [d.name for d in docs] == [p.stem for p in ARTICLE_FILES]
    assert len(docs) >= 8
    for doc, path in zip(docs, ARTICLE_FILES, strict=True):
        assert doc.id == content_id(doc.text)
        assert doc.origin == str(path)
        assert doc.raw_format == "text"
        assert doc.raw == path.read_text(encoding="utf-8")
        assert doc.encoding == "utf-8"
        assert doc.source is None
        assert doc.published is None
        assert doc.title and len(doc.title.split()) >= 3


def test_title_skips_chrome_and_tracking_lines_above_the_headline() -> None:
    doc = _one_doc(ARTICLES / "iraq_diyala_ied.txt")
    assert doc.title == "مقتل جنديين عراقيين بانفجار عبوة ناسفة شمال شرقي ديالى"
    # the text itself is untouched: removing chrome is the clean stage's job
    assert doc.text.startswith("fbpx\n")


def test_source_option_is_recorded() -> None:
    doc = _one_doc(ARTICLES / "syria_idlib_shelling.txt", source="example-outlet")
    assert doc.source == "example-outlet"


ENCODINGS = [
    ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8-sig"),
    ("utf-16", "utf-16-le"),
    ("utf-16-le", "utf-16-le"),
    ("utf-16-be", "utf-16-be"),
    ("cp1256", "windows-1256"),
    ("iso8859_6", "iso-8859-6"),
]


@pytest.mark.parametrize(("codec", "label"), ENCODINGS)
@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
@pytest.mark.parametrize("article", [p.name for p in ARTICLE_FILES])
def test_articles_ingest_identically_in_every_encoding(
    tmp_path: Path, article: str, codec: str, label: str, crlf: bool
) -> None:
    original = _utf8(article)
    reference = _one_doc(ARTICLES / article)
    body = original.replace("\n", "\r\n") if crlf else original
    path = tmp_path / article
    path.write_bytes(body.encode(codec))
    doc = _one_doc(path)
    assert doc.encoding == label
    assert doc.text == reference.text
    assert doc.id == reference.id
    assert doc.title == reference.title


@pytest.mark.parametrize(
    ("committed", "utf8_name", "label"),
    [
        ("libya_tripoli_clashes.cp1256.txt", "libya_tripoli_clashes.txt", "windows-1256"),
        ("sudan_elfasher_attack.utf16.txt", "sudan_elfasher_attack.txt", "utf-16-le"),
    ],
)
def test_committed_non_utf8_files_decode(committed: str, utf8_name: str, label: str) -> None:
    raw = (INGEST / "encoded" / committed).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # the fixture really is not UTF-8
    doc = _one_doc(INGEST / "encoded" / committed)
    assert doc.encoding == label
    assert doc.id == _one_doc(ARTICLES / utf8_name).id


def test_same_article_twice_has_the_same_id(tmp_path: Path) -> None:
    text = _utf8("yemen_taiz_clashes.txt")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text("\n\n" + text.replace("\n", "  \n"), encoding="utf-8")
    first, second = _run([tmp_path])[0]
    assert (first.name, second.name) == ("a", "b")
    assert first.id == second.id


def test_different_articles_have_different_ids() -> None:
    docs, _ = _run([ARTICLES])
    assert len({d.id for d in docs}) == len(docs)


def test_document_from_text_builds_and_refuses_empty_text() -> None:
    doc = document_from_text(
        "\ufeff" + _utf8("libya_tripoli_clashes.txt").replace("\n", "\r\n"),
        name="tripoli",
        origin="memory",
        url="https://example.org/tripoli",
        published=date(2024, 5, 3),
    )
    assert doc.name == "tripoli"
    assert "\r" not in doc.text and not doc.text.startswith("\ufeff")
    assert doc.published == date(2024, 5, 3)
    with pytest.raises(InputError, match="no text"):
        document_from_text(" \n\t ", name="x", origin="memory")


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "الرئيسية\n\nشارك المقال\nمقتل مدنيين في قصف على بلدة سراقب\nنص الخبر",
            "مقتل مدنيين في قصف على بلدة سراقب",
        ),
        (
            "fbpx\nhttps://example.org/?utm_source=x\nانفجار في سوق شعبي بمدينة الموصل",
            "انفجار في سوق شعبي بمدينة الموصل",
        ),
        ("سواليف\nاشتباكات في محيط مطار طرابلس الدولي", "اشتباكات في محيط مطار طرابلس الدولي"),
        ("شارك\n\nاقرأ أيضاً", None),
    ],
)
def test_guess_title(text: str, title: str | None) -> None:
    assert guess_title(text) == title


def test_guess_title_cuts_a_lead_paragraph_to_its_first_sentence() -> None:
    lead = "قالت مصادر محلية إن اشتباكات عنيفة اندلعت في محيط بلدة هجين. " + "وأضافت المصادر " * 40
    title = guess_title(lead)
    assert title == "قالت مصادر محلية إن اشتباكات عنيفة اندلعت في محيط بلدة هجين."


# -- HTML ---------------------------------------------------------------------


def test_html_with_windows_1256_meta_charset_and_article_published_time() -> None:
    doc = _one_doc(HTML / "syria_aleppo_cp1256.html", source="north-news")
    assert doc.encoding == "windows-1256"
    assert doc.raw_format == "html"
    assert doc.raw.lstrip().startswith("<!DOCTYPE html>")
    assert doc.title == "مقتل مدنيين بقصف على ريف حلب الغربي"
    assert doc.published == date(2024, 3, 10)  # published, not modified (12 March)
    assert doc.source == "north-news"
    lines = doc.text.splitlines()
    assert any(line.startswith("حلب - قتل مدنيان") for line in lines)
    assert "وتتعرض بلدات ريف حلب الغربي" in lines[-1]
    assert "مقالات ذات صلة" not in doc.text
    assert doc.id == content_id(doc.text)


def test_html_with_json_ld_date_prefers_metadata_over_the_url() -> None:
    doc = _one_doc(HTML / "yemen_hodeidah_jsonld.html")
    # the canonical URL says 2021-01-01 and dateModified says 7 November
    assert doc.published == date(2023, 11, 5)
    assert doc.title == "مقتل صيادين بانفجار لغم بحري قبالة الحديدة"
    assert len(doc.text.splitlines()) == 5
    assert "اقرأ أيضاً" not in doc.text
    assert "الأمم المتحدة تدعو" not in doc.text


def test_page_without_article_text_is_a_failure() -> None:
    docs, failures = _run([HTML / "chrome_only.html"])
    assert docs == []
    assert len(failures) == 1
    assert "no article text" in failures[0].reason


def test_document_from_html_bytes_uses_the_transport_charset() -> None:
    page = (HTML / "syria_aleppo_cp1256.html").read_bytes()
    stripped = page.replace(
        b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">', b""
    )
    doc = document_from_html(
        stripped,
        url="https://news.example.org/sy/aleppo-shelling.html",
        encoding="windows-1256",
        origin="https://news.example.org/sy/aleppo-shelling.html",
    )
    assert doc.encoding == "windows-1256"
    assert doc.name == "aleppo-shelling"
    assert doc.url == "https://news.example.org/sy/aleppo-shelling.html"
    assert "الأتارب" in doc.text


def test_document_from_html_published_argument_wins() -> None:
    html = (HTML / "yemen_hodeidah_jsonld.html").read_text(encoding="utf-8")
    doc = document_from_html(html, published=date(2023, 11, 4), name="hodeidah")
    assert doc.published == date(2023, 11, 4)
    assert doc.name == "hodeidah"


def test_document_from_html_raises_on_markup_without_text() -> None:
    with pytest.raises(InputError, match="no article text"):
        document_from_html("<html><body><nav><a href='/'>الرئيسية</a></nav></body></html>")


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://x.org/news/2024/05/strike-near-hama.html", "strike-near-hama"),
        (
            "http://aawsat.com/home/article/410826/%D8%A8%D8%B1%D9%8A%D8%B7%D8%A7%D9%86%D9%8A%D8%A7",
            "بريطانيا",
        ),
        ("https://x.org/index.html", None),
        ("https://x.org/", None),
        (None, None),
    ],
)
def test_name_from_url(url: str | None, name: str | None) -> None:
    assert name_from_url(url) == name


# -- JSON Lines ---------------------------------------------------------------


def _records() -> list[dict[str, object]]:
    recs: list[dict[str, object]] = []
    for i, path in enumerate(ARTICLE_FILES[:4]):
        text = path.read_text(encoding="utf-8")
        recs.append(
            {
                "id": f"art-{i}",
                "url": f"https://news.example.org/a/{path.stem}",
                "source": "example",
                "title": text.splitlines()[0],
                "published": [
                    "2015-07-21",
                    "2015-07-21 22:10:00",
                    "2015-07-21T23:30:00+03:00",
                    None,
                ][i],
                "text": text,
            }
        )
    recs.append(
        {
            "id": "page-1",
            "url": "https://news.example.org/ye/hodeidah.html",
            "published": "2023-11-06",
            "html": (HTML / "yemen_hodeidah_jsonld.html").read_text(encoding="utf-8"),
        }
    )
    return recs


def _jsonl(records: Iterable[object], *, bad_line: str | None = None, at: int = 2) -> bytes:
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    if bad_line is not None:
        lines.insert(at, bad_line)
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz"])
def test_jsonl_records_become_documents(tmp_path: Path, suffix: str) -> None:
    data = _jsonl(_records())
    path = tmp_path / f"batch{suffix}"
    path.write_bytes(gzip.compress(data) if suffix.endswith(".gz") else data)
    docs, failures = _run([path], source="fallback-source")
    assert failures == []
    assert [d.name for d in docs] == ["art-0", "art-1", "art-2", "art-3", "page-1"]
    assert [d.origin for d in docs] == [f"{path}#line={n}" for n in range(1, 6)]
    assert [d.published for d in docs] == [date(2015, 7, 21)] * 3 + [None, date(2023, 11, 6)]
    assert docs[0].source == "example"
    assert docs[4].source == "fallback-source"  # the option fills a missing field
    assert docs[4].raw_format == "html" and docs[4].title
    assert docs[0].id == _one_doc(ARTICLE_FILES[0]).id
    assert docs[0].url == f"https://news.example.org/a/{ARTICLE_FILES[0].stem}"


def test_jsonl_malformed_line_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(_jsonl(_records(), bad_line='{"id": "broken", "text": "نص', at=2))
    docs, failures = _run([path])
    assert len(docs) == 5
    assert len(failures) == 1
    assert failures[0].origin == f"{path}#line=3"
    assert failures[0].stage == "ingest"
    assert failures[0].reason.startswith("malformed JSON")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("[1, 2, 3]", "JSON line is a array, not an object"),
        ('{"id": "x", "url": "https://e.org/x"}', "neither a 'text' nor an 'html'"),
        ('{"id": "x", "text": 42}', "'text' must be a string"),
        ('{"id": "x", "text": "خبر", "published": "yesterday"}', "unreadable 'published' date"),
        ('{"id": ["x"], "text": "خبر"}', "'id' must be a string or a number"),
        ('{"id": "x", "html": "<html><body></body></html>"}', "no article text"),
    ],
)
def test_jsonl_bad_records_fail_with_a_reason(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(_jsonl(_records()[:2], bad_line=line, at=1))
    docs, failures = _run([path])
    assert [d.name for d in docs] == ["art-0", "art-1"]
    assert [(f.origin, f.stage) for f in failures] == [(f"{path}#line=2", "ingest")]
    assert reason in failures[0].reason


def test_jsonl_blank_text_keeps_the_headline_and_empty_records_are_kept_empty(
    tmp_path: Path,
) -> None:
    # Real corpora have records whose body the crawler missed (photo galleries,
    # PDF pages). A headline alone is still a (short) document; a record with
    # neither headline nor text is kept as an empty document: its URL, outlet
    # and date are all that is left of the article.
    path = tmp_path / "batch.jsonl"
    empty_a = {"id": "pdf", "title": "", "text": " ", "url": "https://e.org/node/1/pdf",
               "source": "e.org", "published": "2015-07-21"}
    empty_b = {"id": "pdf2", "title": "", "text": "", "url": "https://e.org/node/2/pdf"}
    path.write_bytes(
        _jsonl(
            [
                {"id": "gallery", "title": "بالصور: دمار واسع في حي سكني بعد الغارة", "text": " "},
                empty_a,
                {"id": 7, "text": "خبر قصير عن انفجار في بنغازي"},
                empty_b,
            ]
        )
    )
    docs, failures = _run([path])
    assert failures == []
    assert docs[0].text == "بالصور: دمار واسع في حي سكني بعد الغارة"
    assert docs[2].name == "7"
    empty = docs[1]
    assert (empty.name, empty.text, empty.title, empty.url, empty.source, empty.published) == \
        ("pdf", "", None, "https://e.org/node/1/pdf", "e.org", date(2015, 7, 21))
    assert json.loads(empty.raw) == empty_a
    # Two empty records are two documents, and the same record read again is one.
    assert docs[3].text == "" and docs[3].id != empty.id
    again, _ = _run([path])
    assert again[1].id == empty.id


def test_jsonl_record_without_id_is_named_from_its_url_or_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(
        _jsonl(
            [
                {"url": "https://e.org/sy/raqqa-blast.html", "text": "انفجار في الرقة"},
                {"text": "خبر"},
            ]
        )
    )
    docs, _ = _run([path])
    assert [d.name for d in docs] == ["raqqa-blast", "feed-2"]


def test_truncated_jsonl_gz_keeps_the_records_read_and_reports_once(tmp_path: Path) -> None:
    records = [
        {"id": f"r{i}", "text": f"خبر رقم {i} عن اشتباكات في ريف درعا الغربي " * 30}
        for i in range(300)
    ]
    blob = gzip.compress(_jsonl(records))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(blob[: len(blob) // 2])
    docs, failures = _run([path])
    assert 0 < len(docs) < 300
    assert [d.name for d in docs] == [f"r{i}" for i in range(len(docs))]
    assert len(failures) == 1
    assert failures[0].origin == str(path)
    assert "truncated gzip stream" in failures[0].reason


def test_jsonl_line_over_the_limit_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_bytes(
        _jsonl([{"id": "big", "text": "خبر " * 2000}, {"id": "small", "text": "خبر قصير"}])
    )
    docs, failures = _run([path], max_bytes=4000)
    assert [d.name for d in docs] == ["small"]
    assert failures[0].origin == f"{path}#line=1"
    assert "over the" in failures[0].reason


# -- WARC ---------------------------------------------------------------------


def _warc(gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)

    def response(url: str, body: bytes, ctype: str, status: str = "200 OK") -> None:
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers
            )
        )

    aleppo = (HTML / "syria_aleppo_cp1256.html").read_bytes().replace(b"charset=windows-1256", b"")
    hodeidah = (HTML / "yemen_hodeidah_jsonld.html").read_bytes()
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "rasd tests"}))
    response(
        "https://news.example.org/sy/aleppo-shelling.html",
        aleppo,
        "text/html; charset=windows-1256",
    )
    response("https://news.example.org/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
    response(
        "https://news.example.org/missing.html",
        b"<html><body>404</body></html>",
        "text/html",
        "404 Not Found",
    )
    response(
        "https://news.example.org/empty.html", (HTML / "chrome_only.html").read_bytes(), "text/html"
    )
    response("https://news.example.org/ye/hodeidah.html", hodeidah, "text/html; charset=utf-8")
    return buf.getvalue()


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_warc_html_responses_become_documents(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(_warc(gz))
    docs, failures = _run([path], source="crawler")
    assert [d.name for d in docs] == ["aleppo-shelling", "hodeidah"]
    assert [d.origin for d in docs] == [f"{path}#record=2", f"{path}#record=6"]
    aleppo, hodeidah = docs
    assert aleppo.encoding == "windows-1256"  # from the HTTP header: the meta tag was removed
    assert aleppo.url == "https://news.example.org/sy/aleppo-shelling.html"
    assert aleppo.published == date(2024, 3, 10)  # the page's date, not the crawl date
    assert hodeidah.published == date(2023, 11, 5)
    assert aleppo.source == "crawler"
    assert aleppo.id == _one_doc(HTML / "syria_aleppo_cp1256.html").id
    # the chrome-only page is HTML and fails the quality gate; PNG and 404 are skipped
    assert [(f.origin, "no article text" in f.reason) for f in failures] == [
        (f"{path}#record=5", True)
    ]


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_truncated_warc_keeps_the_records_read(tmp_path: Path, gz: bool) -> None:
    blob = _warc(gz)
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    path.write_bytes(blob[: len(blob) - 200])
    docs, failures = _run([path])
    assert [d.name for d in docs] == ["aleppo-shelling"]
    assert failures[-1].origin == str(path)
    assert failures[-1].reason.startswith("truncated or corrupt WARC")


# -- bad inputs ---------------------------------------------------------------

Maker = Callable[[Path], Path]


def _write(name: str, data: bytes) -> Maker:
    def make(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(data)
        return path

    return make


def _cut_gz(tmp: Path) -> Path:
    blob = gzip.compress(_jsonl(_records()))
    return _write("cut.jsonl.gz", blob[: len(blob) // 3])(tmp)


def _cut_warc(tmp: Path) -> Path:
    blob = _warc(True)
    return _write("cut.warc.gz", blob[:300])(tmp)


def _dangling_symlink(tmp: Path) -> Path:
    link = tmp / "gone.txt"
    link.symlink_to(tmp / "deleted-target.txt")
    return link


BAD_INPUTS: list[tuple[str, Maker, str]] = [
    ("empty", _write("empty.txt", b""), "empty file"),
    ("whitespace", _write("blank.txt", b" \r\n\t\n"), "empty file (only whitespace)"),
    (
        "png-as-txt",
        _write("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256))),
        "binary data (PNG image)",
    ),
    ("zip-as-html", _write("page.html", b"PK\x03\x04" + bytes(100)), "binary data (ZIP archive)"),
    (
        "nul-bytes",
        _write("nul.txt", "خبر".encode() + b"\x00\x00\x01" * 50),
        "binary data (contains NUL bytes)",
    ),
    ("truncated-gzip", _cut_gz, "truncated gzip stream"),
    ("truncated-warc", _cut_warc, "truncated or corrupt WARC"),
    ("not-a-warc", _write("notes.warc", "ليس أرشيفاً".encode()), "not a WARC file"),
    (
        "cut-warc-header",
        lambda tmp: _write("cut.warc", _warc(False)[:320])(tmp),
        "the file ends inside record 2",
    ),
    (
        "malformed-html",
        _write("broken.html", b"<html><<div>><p class='x>\x3c/\x3c!-- <<<"),
        "no article text",
    ),
    ("malformed-json", _write("one.jsonl", b'{"id": "a", "text": \n'), "malformed JSON"),
    ("utf16-jsonl", _write("wide.jsonl", '{"id": "a"}\n'.encode("utf-16")), "must be UTF-8"),
    (
        "unknown-encoding",
        _write("noise.txt", bytes((i * 37 + 11) % 128 + 128 for i in range(900))),
        "unknown encoding",
    ),
    ("unsupported-extension", _write("report.pdf", b"%PDF-1.4"), "unsupported file type '.pdf'"),
    ("no-extension", _write("README", "نص".encode()), "unsupported file type '(none)'"),
    ("nonexistent", lambda tmp: tmp / "no-such-file.txt", "no such file or directory"),
    ("dangling-symlink", _dangling_symlink, "no such file or directory"),
]


@pytest.mark.parametrize(
    ("maker", "reason"), [b[1:] for b in BAD_INPUTS], ids=[b[0] for b in BAD_INPUTS]
)
def test_bad_input_is_one_failure_and_the_batch_goes_on(
    tmp_path: Path, maker: Maker, reason: str
) -> None:
    bad = maker(tmp_path)
    good = ARTICLES / "syria_deirezzor_sdf.txt"
    items = list(iter_inputs([good, bad, good]))
    failures = [i for i in items if isinstance(i, Failure)]
    docs = [i for i in items if isinstance(i, Document)]
    assert [d.name for d in docs if d.name == good.stem] == [good.stem, good.stem]
    assert len(failures) == 1, failures
    assert failures[0].stage == "ingest"
    assert failures[0].origin.startswith(str(bad))
    assert reason in failures[0].reason
    assert "\n" not in failures[0].reason


def test_file_over_the_limit_is_refused_without_being_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes("خبر ".encode() * 400_000)  # 2.8 MB

    def refuse(self: Path) -> bytes:
        raise AssertionError(f"{self} was read")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    docs, failures = _run([path], max_bytes=2 * 1024 * 1024)
    assert docs == []
    assert failures[0].reason == "file is 2.7 MB, over the 2.0 MB limit"


def test_unreadable_file_is_a_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("خبر عن قصف في حلب", encoding="utf-8")
    if os.geteuid() != 0:
        path.chmod(0)
    else:  # root reads anything: make the read itself fail as it would for a user

        def denied(self: Path) -> bytes:
            raise PermissionError(13, "Permission denied", str(self))

        monkeypatch.setattr(Path, "read_bytes", denied)
    docs, failures = _run([path])
    assert docs == []
    assert failures == [Failure(str(path), "ingest", "permission denied")]


# -- folders ------------------------------------------------------------------


def test_folders_are_walked_recursively_in_order_skipping_hidden(tmp_path: Path) -> None:
    text = _utf8("iraq_kirkuk_airstrike.txt")
    for rel in [
        "b/z.txt",
        "b/a.txt",
        "a.txt",
        "c/d/e.txt",
        ".hidden.txt",
        ".git/x.txt",
        "b/.cache/y.txt",
    ]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + rel, encoding="utf-8")
    first = _run([tmp_path])
    second = _run([tmp_path])
    assert first == second
    docs, failures = first
    assert failures == []
    assert [Path(d.origin).relative_to(tmp_path).as_posix() for d in docs] == [
        "a.txt",
        "b/a.txt",
        "b/z.txt",
        "c/d/e.txt",
    ]


def test_folder_with_mixed_inputs(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("# notes", encoding="utf-8")
    (tmp_path / "article.txt").write_text(_utf8("sudan_khartoum_protest.txt"), encoding="utf-8")
    (tmp_path / "page.html").write_bytes((HTML / "yemen_hodeidah_jsonld.html").read_bytes())
    docs, failures = _run([tmp_path])
    assert [d.name for d in docs] == ["article", "page"]
    assert [Path(f.origin).name for f in failures] == ["notes.md"]


# -- ../shared ----------------------------------------------------------------


@pytest.mark.shared
def test_seed_articles_ingest(shared_dir: Path) -> None:
    docs, failures = _run([shared_dir / "samples" / "seeds"])
    assert failures == []
    assert len(docs) == 5
    for doc in docs:
        assert doc.title and doc.title.strip()
        assert doc.encoding == "utf-8"
        assert len(doc.text) > 1000


@pytest.mark.shared
def test_saudinewsnet_first_2000_lines_stream_without_failures(shared_dir: Path) -> None:
    corpus = shared_dir / "corpora" / "saudinewsnet-2015.jsonl.gz"
    items = list(islice(iter_inputs([corpus]), 2000))
    failures = [i for i in items if isinstance(i, Failure)]
    # The corpus has records with neither title nor text (57 of 30,939): they
    # are read as empty documents, not failures.
    assert failures == []
    assert len(items) == 2000
    docs = [i for i in items if isinstance(i, Document)]
    assert docs[-1].origin == f"{corpus}#line=2000"
    assert all(d.name.startswith("snn-") for d in docs)
    assert all(d.published and date(2015, 7, 1) <= d.published <= date(2015, 8, 31) for d in docs)
    assert all(d.source for d in docs)
    assert sum(1 for d in docs if d.text) > 1950


def test_warc_record_over_the_limit_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(_warc(True))
    docs, failures = _run([path], max_bytes=1200)
    assert docs == []
    over = [f for f in failures if "over the 1,200-byte limit" in f.reason]
    assert [f.origin for f in over] == [f"{path}#record=2", f"{path}#record=6"]
