"""Evidence sentences compared by their content words, for corroborating a merge.

Two outlets telling one happening share its particulars (the place, the toll,
the unit hit) even in different words; two happenings of one front share only
the front's set phrases. The content words of a sentence are its words
normalised for matching, without proclitics, function words or the titles of
protocol news; two sentences are as alike as the Jaccard similarity of those.
"""

from __future__ import annotations

from functools import cache, lru_cache

from rasd.models import Event

# Function words and words of any report (dates, "said"), left out of the
# content words that evidence sentences are compared by; and the honorifics and
# office titles of protocol news, which any two reports of one official's day
# share whoever he received ("صاحب السمو الملكي ... ولي ولي العهد ... وزير الدفاع").
_STOPWORDS = (
    "في من على الى إلى عن مع بعد قبل التي الذي الذين اللذين كما كان كانت يكون وقال قال "
    "قالت امس أمس اليوم هذا هذه ذلك تلك حيث بين او أو ما لا لم لن قد ان أن إن انه أنه "
    "الا إلا حتى عند منذ خلال ضد ثم كل بعض غير اي أي وقد فقد هو هي هم")
_TITLES = (
    "صاحب السمو الملكي سمو الأمير ولي العهد النائب الأول الثاني رئيس لرئيس مجلس "
    "الوزراء وزير خادم الحرمين الشريفين الملك معالي فخامة حفظه الله")


@cache
def _stopwords() -> frozenset[str]:
    """The left-out words, as match keys and without their proclitics."""
    from rasd.extract.tokens import tokenize

    return frozenset(form for tok in tokenize(f"{_STOPWORDS} {_TITLES}")
                     for form in (tok.norm, min(tok.forms, key=len)))


@lru_cache(maxsize=65536)
def _words(text: str) -> frozenset[str]:
    """The content words of a sentence: match-normalised, proclitics (و، ب، ال …)
    removed, function words and words under three letters dropped (numbers kept:
    a toll or a count is what two tellings of one happening share)."""
    from rasd.extract.tokens import tokenize

    stop = _stopwords()
    out = set()
    for tok in tokenize(text):
        stem = min(tok.forms, key=len)
        if stem.isdigit() or (len(stem) >= 3 and stem not in stop and tok.norm not in stop):
            out.add(stem)
    return frozenset(out)


def evidence_similarity(a: Event, b: Event) -> float:
    """The highest Jaccard similarity of the content words of an evidence sentence of
    ``a`` and one of ``b`` (0 when either has none)."""
    best = 0.0
    for ea in a.evidence:
        wa = _words(ea.text)
        for eb in b.evidence:
            wb = _words(eb.text)
            if wa and wb:
                best = max(best, len(wa & wb) / len(wa | wb))
    return best
