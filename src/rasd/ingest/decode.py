"""Bytes → text for Arabic news inputs: BOMs, declared charsets, and detection.

Arabic pages still arrive in Windows-1256 and ISO-8859-6 as well as UTF-8 and
UTF-16. Generic detectors often confuse the two Arabic single-byte code pages
(they share the letters ء..ض at 0xC1-0xD6 and differ elsewhere), so those two
are decided here by which decoding reads as Arabic; charset-normalizer is only
the last resort for inputs that are not Arabic at all.

Order of decisions (each step only when the previous one did not settle it):

1. A byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE).
2. BOM-less UTF-16: Arabic and ASCII put 0x06/0x00 in every other byte.
3. Binary data (magic numbers, NUL and control bytes) is refused here.
4. The declared charset (HTML meta, HTTP header), when it decodes strictly and
   does not read as mojibake (Arabic bytes declared as Latin-1 are common).
5. UTF-8, which almost never decodes by accident.
6. Windows-1256 vs ISO-8859-6, scored as Arabic.
7. charset-normalizer, accepted only when it reports little chaos.
"""

from __future__ import annotations

import codecs
import re

from rasd.errors import EncodingError

# Labels returned to callers: what a user would write in a meta tag.
_LABELS = {
    "utf-8": "utf-8",
    "utf-8-sig": "utf-8-sig",
    "utf-16": "utf-16",
    "utf-16-le": "utf-16-le",
    "utf-16-be": "utf-16-be",
    "utf-32": "utf-32",
    "utf-32-le": "utf-32-le",
    "utf-32-be": "utf-32-be",
    "cp1256": "windows-1256",
    "iso8859-6": "iso-8859-6",
    "cp1252": "windows-1252",
    "latin-1": "iso-8859-1",
    "ascii": "ascii",
}

# Longest BOMs first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"RIFF", "RIFF media"),
    (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "MP4 video"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0", "MS Office document"),
)

# Scoring a candidate decoding reads this many characters: a page's first
# 64K characters are plenty of evidence, and a 40 MB file stays fast.
_SAMPLE = 1 << 16
_CONTROL_OK = frozenset(b"\t\n\r\f\x1b")
_ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
_DIACRITICS = range(0x064B, 0x0653)
# Typographic characters a genuine Arabic text may carry outside the Arabic block.
_NEUTRAL = frozenset("\u00a0«»“”‘’–—…•×÷°\u200c\u200d\u200e\u200f")

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_CT_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode_bytes(data: bytes, *, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` and name the encoding used: ``(text, label)``.

    ``declared`` is a charset the container claimed (meta tag, HTTP header);
    it wins when it decodes cleanly. Raises :class:`EncodingError` with a
    one-line reason for binary data and bytes no supported encoding reads.
    """
    if not data:
        return "", "utf-8"
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), label
            except UnicodeDecodeError as exc:
                raise EncodingError(
                    f"starts with a {label} byte-order mark but is not valid {label} "
                    f"(bad bytes at offset {exc.start + len(bom)})"
                ) from None
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        return utf16
    kind = sniff_binary(data)
    if kind is not None:
        raise EncodingError(f"binary data ({kind}), not text")
    if declared:
        hit = _try_declared(data, declared)
        if hit is not None:
            return hit
    utf8 = _try_utf8(data)
    if utf8 is not None:
        return utf8, "utf-8"
    arabic = _best_arabic_single_byte(data)
    if arabic is not None:
        return arabic
    fallback = _charset_normalizer(data)
    if fallback is not None:
        return fallback
    raise EncodingError(
        "unknown encoding: not UTF-8, UTF-16, Windows-1256 or ISO-8859-6, "
        "and no other encoding reads it cleanly"
    )


def sniff_binary(data: bytes) -> str | None:
    """Name the kind of binary data ``data`` starts with, or ``None`` if it may be text.

    Only meaningful for data that is not UTF-16/32 (whose ASCII has NUL bytes).
    """
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    head = data[:8192]
    if b"\x00" in head:
        return "contains NUL bytes"
    controls = sum(1 for b in head if b < 0x20 and b not in _CONTROL_OK)
    if head and controls / len(head) > 0.05:
        return "control bytes"
    return None


def sniff_html_charset(data: bytes) -> str | None:
    """The charset an HTML or XML document declares in its first 4 KB, if any."""
    head = data[:4096]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii").lower() if match else None


def charset_from_content_type(value: str | None) -> str | None:
    """The ``charset`` parameter of an HTTP Content-Type header value."""
    if not value:
        return None
    match = _CT_CHARSET.search(value)
    return match.group(1).lower() if match else None


def codec_label(name: str) -> str | None:
    """A normalised label for a charset name, or ``None`` if Python has no codec for it."""
    try:
        info = codecs.lookup(name.strip())
    except LookupError:
        return None
    return _LABELS.get(info.name, info.name)


def _try_declared(data: bytes, declared: str) -> tuple[str, str] | None:
    label = codec_label(declared)
    if label is None:
        return None  # an unknown label in a meta tag is the page's mistake: detect instead
    if label in ("utf-16", "utf-32"):
        return None  # without a BOM the byte order is unknown: detection decides
    if label.startswith("utf-"):
        try:
            text = data.decode(label)
        except UnicodeDecodeError:
            return None
        if label.startswith(("utf-16", "utf-32")) and not _plausible_unicode_text(text):
            return None  # BOM-less UTF-16 "decodes" most even-length byte strings
        if label == "utf-8" and "\x00" in text:
            return None  # NULs mean binary or UTF-16, whatever the page says
        return text, label
    utf8 = _try_utf8(data)
    if utf8 is not None and not utf8.isascii():
        # a page re-saved as UTF-8 keeps its old meta tag; 1256 bytes are never valid UTF-8
        return utf8, "utf-8"
    try:
        text = data.decode(label)
    except (UnicodeDecodeError, LookupError):
        return None
    if label in ("windows-1256", "iso-8859-6") or _mojibake(text):
        # the two Arabic code pages are often swapped, and Arabic is often served as Latin-1
        arabic = _best_arabic_single_byte(data, prefer=label)
        if arabic is not None:
            return arabic
    return text, label


def _try_utf8(data: bytes) -> str | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "\x00" in text:
        return None  # valid UTF-8 with NULs is binary or BOM-less UTF-16, not a text file
    return text


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM: Arabic (U+06xx) and ASCII fill every other byte with 06/00."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:8192]
    odd, even = sample[1::2], sample[0::2]
    for high, codec in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if sum(1 for b in high if b in (0x00, 0x06)) / len(high) < 0.7:
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _plausible_unicode_text(text):
            return text, codec
    return None


def _plausible_unicode_text(text: str) -> bool:
    sample = text[:4096]
    good = sum(1 for ch in sample if ch.isprintable() or ch in "\t\n\r\f" or _is_arabic(ord(ch)))
    return good / max(len(sample), 1) > 0.95


def _is_arabic(cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi in _ARABIC_RANGES)


def _is_arabic_letter(ch: str) -> bool:
    return bool(ch) and _is_arabic(ord(ch)) and ord(ch) not in _DIACRITICS


def _arabic_score(text: str) -> tuple[float, bool]:
    """Score a candidate decoding as Arabic: (score, plausible).

    Counts over non-ASCII characters only, so markup and Latin digits do not
    dilute the signal. Latin-1 letters and C1 controls are what a wrong
    Arabic code page produces; a high diacritic density is what ISO-8859-6
    makes of Windows-1256's ي and ى; Arabic letters glued to Latin ones are
    what an Arabic code page makes of accented Latin text; "ال" is the
    commonest Arabic bigram and survives only the right code page.
    """
    arabic = bad = marks = glued = 0
    non_ascii = 0
    prev = ""
    for i, ch in enumerate(text):
        cp = ord(ch)
        if cp < 0x80:
            if _is_arabic_letter(prev) and ch.isalpha():
                glued += 1
            prev = ch
            continue
        non_ascii += 1
        if _is_arabic(cp):
            arabic += 1
            if cp in _DIACRITICS:
                marks += 1
            elif (prev.isascii() and prev.isalpha()) or (
                i + 1 < len(text) and text[i + 1].isascii() and text[i + 1].isalpha()
            ):
                glued += 1
        elif ch not in _NEUTRAL:
            bad += 1
        prev = ch
    if non_ascii == 0:
        return 0.0, False
    articles = text.count("ال")
    score = arabic - 3 * bad - marks + 3 * articles
    letters = arabic - marks
    plausible = (
        arabic / non_ascii >= 0.85
        and bad / non_ascii <= 0.05
        and marks <= 0.25 * max(letters, 1)
        and glued <= 0.1 * max(letters, 1)
    )
    return float(score), plausible


def _best_arabic_single_byte(
    data: bytes, *, prefer: str = "windows-1256"
) -> tuple[str, str] | None:
    best: tuple[float, str, str] | None = None
    order = (("cp1256", "windows-1256"), ("iso8859_6", "iso-8859-6"))
    if prefer == "iso-8859-6":
        order = order[::-1]
    for codec, label in order:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue  # ISO-8859-6 leaves 45 bytes undefined, among them 1256's ف ق ك غ
        score, plausible = _arabic_score(text[:_SAMPLE])
        # ties (only the shared letters 0xC1-0xD6 occur) go to the preferred code page
        if plausible and (best is None or score > best[0]):
            best = (score, text, label)
    return (best[1], best[2]) if best else None


def _mojibake(text: str) -> bool:
    """True when a single-byte decoding reads as Latin-1 letters where Arabic was meant."""
    sample = text[:_SAMPLE]
    high = [ch for ch in sample if 0xC0 <= ord(ch) <= 0xFF and ch not in "×÷"]
    non_ascii = sum(1 for ch in sample if ord(ch) >= 0x80)
    return len(high) >= 8 and len(high) / max(non_ascii, 1) > 0.3


def _charset_normalizer(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    match = from_bytes(data).best()
    if match is None or match.chaos > 0.2:
        return None
    text = str(match)
    if not _plausible_unicode_text(text):
        return None
    return text, codec_label(match.encoding) or match.encoding
