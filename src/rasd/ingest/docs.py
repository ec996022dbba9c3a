"""Building :class:`~rasd.models.Document` records from text or HTML.

The public builders are re-exported by :mod:`rasd.ingest.reader`; the file and
container readers (:mod:`rasd.ingest.reader`, :mod:`rasd.ingest.containers`) call
them once they have the article's text in hand.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import PurePath, PurePosixPath
from urllib.parse import unquote, urlsplit

from rasd.errors import InputError
from rasd.ingest.decode import decode_bytes, sniff_html_charset
from rasd.ingest.htmltext import extract_page
from rasd.models import Document, content_id

# A title is a headline, not a paragraph: a first line longer than this is
# the lead paragraph of a page without a headline, and is cut.
MAX_TITLE_CHARS = 200
_TITLE_SCAN_LINES = 20
_MIN_TITLE_WORDS = 3
_MIN_TITLE_CHARS = 12

# Site chrome that sits above the headline in scraped text. Only used to skip
# lines when guessing a title; removing chrome is the clean stage's job.
_CHROME = frozenset(
    {
        "شارك المقال",
        "شارك",
        "مشاركة",
        "اقرأ أيضا",
        "اقرأ أيضاً",
        "إقرأ أيضاً",
        "مقالات ذات صلة",
        "اظهر المزيد",
        "أظهر المزيد",
        "زر الذهاب إلى الأعلى",
        "اترك رداً",
        "اترك ردا",
        "الرئيسية",
        "أخبار عاجلة",
        "عاجل",
        "تابعونا",
        "تابعنا على",
    }
)
_CHROME_MARKERS = ("http://", "https://", "www.", "utm_", "fbpx", "©")
_TRAILING_PUNCT = " \t:|-–—•·.،"
_SENTENCE_END = re.compile(r"[.!؟?](?=\s|$)")
_NEWLINES = re.compile(r"\r\n?|\u2028|\u2029")
_GENERIC_STEMS = frozenset({"", "index", "default", "article", "news", "story", "post", "page"})
_UNSAFE_NAME = re.compile(r"[\s/\\#?]+")


def document_from_text(
    text: str,
    *,
    name: str,
    origin: str,
    source: str | None = None,
    url: str | None = None,
    title: str | None = None,
    published: date | None = None,
    encoding: str | None = None,
) -> Document:
    """A document from an article's plain text; raises :class:`InputError` if there is none.

    ``title`` defaults to the first substantial line (see :func:`guess_title`).
    ``raw`` keeps ``text`` as given; ``Document.text`` has its line breaks
    normalised and its outer whitespace and BOM removed.
    """
    body = normalise_text(text)
    if not body:
        raise InputError("no text (empty or only whitespace)")
    if "\x00" in body:
        raise InputError("text contains NUL characters (binary data?)")
    return text_document(
        raw=text,
        body=body,
        name=name,
        origin=origin,
        source=source,
        url=url,
        title=title if title and title.strip() else guess_title(body),
        published=published,
        encoding=encoding,
    )


def document_from_html(
    html: str | bytes,
    *,
    url: str | None = None,
    source: str | None = None,
    published: date | None = None,
    name: str | None = None,
    origin: str = "",
    encoding: str | None = None,
) -> Document:
    """A document from an HTML page: main text, title and date of the article in it.

    For ``bytes``, ``encoding`` is the charset the transport declared (HTTP
    header); it wins over the page's meta tag when it decodes cleanly. For
    ``str`` it is only recorded. ``published`` overrides the page's own date.
    Raises :class:`InputError` when the page has no article text (a
    navigation page, an error page, markup that yields nothing).
    """
    if isinstance(html, bytes):
        markup, encoding = decode_bytes(html, declared=encoding or sniff_html_charset(html))
    else:
        markup = html
    page = extract_page(markup, url=url)
    return Document(
        id=content_id(page.text),
        name=name or name_from_url(url) or content_id(page.text),
        source=source,
        url=url,
        title=page.title,
        published=published or page.published,
        raw=markup,
        raw_format="html",
        text=page.text,
        origin=origin,
        encoding=encoding,
    )


def text_document(
    *,
    raw: str,
    body: str,
    name: str,
    origin: str,
    source: str | None,
    url: str | None,
    title: str | None,
    published: date | None,
    encoding: str | None,
) -> Document:
    # Shared with the JSON Lines reader, which must accept an empty record
    # (the clean stage rejects it) where document_from_text refuses one.
    return Document(
        id=content_id(body),
        name=name,
        source=source,
        url=url,
        title=" ".join(title.split()) if title else None,
        published=published,
        raw=raw,
        raw_format="text",
        text=body,
        origin=origin,
        encoding=encoding,
    )


def normalise_text(text: str) -> str:
    """Unix line breaks, no BOM, no outer whitespace; everything else as written."""
    return _NEWLINES.sub("\n", text.lstrip("\ufeff")).strip()


def guess_title(text: str) -> str | None:
    """The first substantial line of ``text``: the headline of a scraped article.

    Skips blank lines, known site chrome ("شارك المقال", "الرئيسية"),
    tracking tokens and URLs, and lines too short to be a headline (a site
    name, "fbpx"). A first substantial line longer than a headline is the
    lead paragraph: its first sentence, or its first words, stand in.
    """
    for count, line in enumerate(text.splitlines()):
        if count >= _TITLE_SCAN_LINES:
            break
        candidate = " ".join(line.split()).strip(_TRAILING_PUNCT + " ")
        if _is_chrome(candidate):
            continue
        return _shorten(candidate)
    return None


def _is_chrome(line: str) -> bool:
    if not line or line in _CHROME:
        return True
    lowered = line.lower()
    if any(marker in lowered for marker in _CHROME_MARKERS):
        return True
    return len(line.split()) < _MIN_TITLE_WORDS or len(line) < _MIN_TITLE_CHARS


def _shorten(line: str) -> str:
    if len(line) <= MAX_TITLE_CHARS:
        return line
    end = _SENTENCE_END.search(line, 20, MAX_TITLE_CHARS)
    if end:
        return line[: end.end()]
    cut = line.rfind(" ", 0, MAX_TITLE_CHARS - 1)
    return line[: cut if cut > 0 else MAX_TITLE_CHARS - 1].rstrip(_TRAILING_PUNCT) + "…"


def path_text(path: str | PurePath) -> str:
    """A path as text that can be stored and shown: bytes of a file name that are not
    UTF-8 (an old archive's Latin-1 name) appear as ``\\xe9`` escapes instead of the lone
    surrogates Python decodes them to, which no database or terminal accepts."""
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text


def name_from_url(url: str | None) -> str | None:
    """A readable document name from a URL's last path segment, or ``None``.

    ``https://x.org/news/2024/05/strike-near-hama.html`` → ``strike-near-hama``.
    Generic stems (``index``, ``article``) say nothing about the article and
    give ``None`` so the caller falls back to a record id.
    """
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    segments = [s for s in unquote(path).split("/") if s]
    if not segments:
        return None
    stem = PurePosixPath(segments[-1]).stem if "." in segments[-1] else segments[-1]
    if stem.lower() in _GENERIC_STEMS:
        return None
    return _UNSAFE_NAME.sub("-", stem)[:120].strip("-") or None
