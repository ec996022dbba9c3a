"""Near-duplicate documents: syndicated and lightly edited copies of one story.

Exact copies never get this far (a document's id is the hash of its text, so
a second copy is not stored). Near copies (a wire story run by several
outlets with their own first line, a headline changed, a paragraph cut) are
kept, and linked: MinHash signatures over word 5-shingles of the
match-normalised cleaned text, candidate pairs from an LSH index (datasketch),
confirmed when the signatures' estimated Jaccard similarity reaches the
threshold. Linked documents form a duplicate cluster, named by its lowest
document id, so the name depends on the cluster's members and not on the
order they arrived in.

The cleaned text is used rather than the raw text so that site chrome
(menus, share buttons) neither makes two articles of one outlet look alike
nor makes one story look different on two sites.

Signatures are kept in the store (``doc_minhash``) as base64 of 128 unsigned
32-bit values (684 characters), and the LSH index is rebuilt from them when a
run has new documents to sign, so a later run sees every earlier document.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from rasd.clean.normalize import normalize_for_match

if TYPE_CHECKING:
    from rasd.models import Document
    from rasd.store.base import Store

NUM_PERM = 128
SHINGLE = 5
# Estimated Jaccard similarity of shingle sets from which two documents are
# copies of one story. Lightly edited wire copies score 0.6-0.95; two
# articles of one outlet on one topic rarely pass 0.2.
THRESHOLD = 0.5
_SEED = 1
# datasketch's hashing scheme: stored signatures are only comparable with new
# ones made the same way, so it is fixed rather than left to the library default.
_SCHEME = "affine32"
_WORD = re.compile(r"\w+")


def shingles(text: str, *, size: int = SHINGLE) -> set[str]:
    """The word ``size``-shingles of ``text`` after Arabic match normalisation."""
    words = _WORD.findall(normalize_for_match(text))
    if not words:
        return set()
    if len(words) <= size:
        return {" ".join(words)}
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def signature(text: str, *, num_perm: int = NUM_PERM, size: int = SHINGLE) -> LeanMinHash | None:
    """The MinHash signature of a text's shingles; None for a text with no words."""
    grams = shingles(text, size=size)
    if not grams:
        return None
    m = MinHash(num_perm=num_perm, seed=_SEED, scheme=_SCHEME)
    m.update_batch([g.encode("utf-8") for g in grams])
    return LeanMinHash(m)


def encode_signature(sig: LeanMinHash) -> str:
    return base64.b64encode(np.asarray(sig.hashvalues, dtype="<u4").tobytes()).decode("ascii")


def decode_signature(text: str) -> LeanMinHash:
    values = np.frombuffer(base64.b64decode(text), dtype="<u4").astype(np.uint64)
    return LeanMinHash(seed=_SEED, hashvalues=values, scheme=_SCHEME)


def similarity(a: LeanMinHash, b: LeanMinHash) -> float:
    """Estimated Jaccard similarity, rounded so that stored links compare exactly."""
    return round(float(a.jaccard(b)), 4)


class DuplicateIndex:
    """An LSH index over document signatures: which stored documents a new one copies."""

    def __init__(self, *, threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._sigs: dict[str, LeanMinHash] = {}

    def __len__(self) -> int:
        return len(self._sigs)

    def add(self, doc_id: str, sig: LeanMinHash) -> None:
        if doc_id not in self._sigs:
            self._lsh.insert(doc_id, sig)
            self._sigs[doc_id] = sig

    def near(self, sig: LeanMinHash, *, exclude: str | None = None) -> list[tuple[str, float]]:
        """Indexed documents whose similarity to ``sig`` reaches the threshold, best first."""
        found = []
        for other in self._lsh.query(sig):
            if other == exclude:
                continue
            sim = similarity(sig, self._sigs[other])
            if sim >= self.threshold:
                found.append((str(other), sim))
        return sorted(found, key=lambda p: (-p[1], p[0]))


@dataclass(frozen=True, slots=True)
class Signed:
    """What signing one document found: its near copies among earlier documents."""

    doc_id: str
    links: tuple[tuple[str, float], ...]


def sign_documents(docs: Iterable[Document], index: DuplicateIndex, *,
                   num_perm: int = NUM_PERM) -> Iterable[tuple[Signed, str]]:
    """Sign each document, find its near copies in ``index``, then add it to the index.

    Yields each result with the encoded signature ("" for a document with no
    words, stored so that it is not signed again).
    """
    for doc in docs:
        text = doc.clean_text if doc.clean_text is not None else doc.text
        sig = signature(text, num_perm=num_perm)
        if sig is None:
            yield Signed(doc.id, ()), ""
            continue
        links = tuple(index.near(sig, exclude=doc.id))
        index.add(doc.id, sig)
        yield Signed(doc.id, links), encode_signature(sig)


def dedup_pending(store: Store, *, threshold: float = THRESHOLD, batch: int = 500) -> int:
    """Sign every cleaned document not signed yet and link it to its near copies.

    Returns the number of documents linked to at least one earlier document.
    The index is built from the stored signatures only when there is
    something to sign.
    """
    from rasd.store import canonical as db

    pending = db.unsigned_ids(store)
    if not pending:
        return 0
    index = DuplicateIndex(threshold=threshold)
    for doc_id, text in db.iter_signatures(store):
        index.add(doc_id, decode_signature(text))
    linked = 0
    signed_docs = sign_documents(store.iter_documents(ids=pending), index)
    for done, (signed, encoded) in enumerate(signed_docs, 1):
        db.add_signature(store, signed.doc_id, encoded, signed.links)
        linked += bool(signed.links)
        if done % batch == 0:
            store.commit()
    store.commit()
    return linked
