"""HTML page → main text, title and publication date.

Text comes from trafilatura in precision mode (a news page's teasers,
"related articles" and comment threads are what recall mode lets in), one
paragraph a line. The date comes from htmldate restricted to the page's own
metadata and markup (``extensive_search`` off, original rather than updated
date, the URL only as a last resort): a crawl date or a date guessed from
free text would put events on the wrong day.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date

from rasd.errors import InputError

# Below this many words trafilatura has found a caption, a cookie banner or a
# teaser, not an article; the smallest real news brief is a sentence or two.
MIN_WORDS = 12

_BLANKS = re.compile(r"\n{2,}")
_SPACES = re.compile(r"[ \t\u00a0]+")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")

# trafilatura and htmldate log every page they find little in; a batch of
# thousands of pages would drown the run summary.
for _name in ("trafilatura", "htmldate"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


@dataclass(frozen=True, slots=True)
class PageText:
    """What a page yields: main text (paragraphs on lines), title and publication date."""

    text: str
    title: str | None
    published: date | None


def extract_page(html: str, *, url: str | None = None, min_words: int = MIN_WORDS) -> PageText:
    """Extract the article of an HTML page; raises :class:`InputError` when there is none."""
    import trafilatura

    if not html.strip():
        raise InputError("empty HTML")
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            favor_precision=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            with_metadata=True,
            # trafilatura's own date lookup would let the URL win; htmldate is asked below
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:
        # trafilatura and lxml fail on hostile markup in assorted ways; one page's
        # failure must not stop a batch (nor pass for a damaged container)
        raise InputError(f"HTML could not be parsed ({type(exc).__name__}: {exc})") from None
    text = _normalise(getattr(doc, "text", None) or "") if doc is not None else ""
    words = len(text.split())
    if words < min_words:
        raise InputError(
            f"no article text found in the HTML (extracted {words} words, fewer than {min_words})"
        )
    title = _one_line(getattr(doc, "title", None) or "") or None
    return PageText(text=text, title=title, published=find_published(html, url=url))


def find_published(html: str, *, url: str | None = None) -> date | None:
    """The page's original publication date from its metadata, or ``None``."""
    from htmldate import find_date

    try:
        found = find_date(
            html,
            extensive_search=False,
            original_date=True,
            url=url,
            deferred_url_extractor=True,  # metadata first, the URL only when it is all there is
        )
    except Exception:  # a date is optional: a page htmldate chokes on is simply undated
        return None
    return parse_day(found) if found else None


def parse_day(value: str) -> date | None:
    """The calendar day at the start of an ISO date or datetime string, as written.

    The local day the outlet printed is the publication day; converting a
    ``+03:00`` timestamp to UTC could move an evening article to the next day.
    """
    match = _ISO_DAY.match(value.strip())
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _normalise(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return _BLANKS.sub("\n", "\n".join(line for line in lines if line)).strip()


def _one_line(text: str) -> str:
    return _SPACES.sub(" ", " ".join(text.split())).strip()
