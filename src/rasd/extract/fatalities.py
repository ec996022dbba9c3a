"""Deaths reported in Arabic news sentences, by ACLED's conservative rules (event-coding.md §6).

A sentence is read as words: death and injury cues (مقتل, قتلوا, 5 قتلى,
إصابة) come from ``data/fatalities_cues.tsv``; each cue takes the count next
to it, so ``مقتل 5 وإصابة 12`` gives 5 dead and 12 wounded and a number with
no cue (``3 آلاف مقاتل``, ``أسر 4 عناصر``) is no one's death.

Choices the tests pin:

* ``best`` is the conservative figure: modifiers (أكثر من, نحو) do not change
  it; عشرات = 12, مئات = 100, آلاف = 1000; a death cue with no number
  (سقوط قتلى, مقتل عناصر) = 3; a range (بين 500 و600) keeps low/high.
* "Killed and wounded" under one number (20 قتيلا وجريحا, مقتل وإصابة 20)
  is not a count of deaths: the mention is kept with ``killed=False`` and
  :func:`sentence_fatalities` codes the sentence 0.
* A negated cue with no number of its own (دون وقوع قتلى, لم يسفر عن قتلى)
  is a killed mention of 0; a stated count stays a count whatever negation
  stands nearby. An attempt (محاولة اغتيال) is no mention at all.
* Counts after بينهم/منهم are parts of a total and are never added; a toll
  (ارتفعت حصيلة القتلى إلى 35) is not added to the counts beside it.
* شهيد alone counts nothing (it is also a title and a name); سقوط شهيد does.

The token-level reading (numbers, cues, where a count stands) lives in
:mod:`rasd.extract.fatalities_reader`; this module decides what the counts mean.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rasd.extract.fatalities_reader import (
    NO_NUMBER,
    STOP,
    Count,
    Cue,
    Reader,
    might_report,
    nouns,
)
from rasd.models import Fatalities

__all__ = ["FatalityMention", "find_fatalities", "sentence_fatalities"]


@dataclass(frozen=True, slots=True)
class FatalityMention:
    start: int
    end: int
    surface: str
    best: int
    low: int
    high: int
    # False for the wounded, for killed-and-wounded under one number, and for
    # deaths a toll in the same sentence already includes: never counted.
    killed: bool


Kind = Literal["killed", "wounded", "mixed", "none"]
_VERB_WINDOW = 4  # words a verb's subject may take before its count (قتلت القوات التركية 5)
_TOLL_WINDOW = 20  # words between حصيلة القتلى and its إلى N
_COORD_WINDOW = 6  # words between a count and a coordinated one (مقتل 5 جنود و3 مدنيين)
# words beyond which an equal count is the same figure retold by another source
_RETOLD_GAP = 12


@dataclass(slots=True)
class _Hit:
    first: int
    last: int
    best: int
    low: int
    high: int
    kind: Kind
    toll: bool = False  # a running total (حصيلة القتلى إلى 35), not one more count
    # The person-noun the count ends on (folded), "" when none: an equal count of the
    # same noun is the same dead told again however close (``_retold_once``).
    noun: str = ""


def _confirmed(reader: Reader, cue: Cue) -> bool:
    """لقي ... حتفهم / مصرعهم: the verb reports a death only with these words."""
    return any(
        reader.norm(k).startswith(("حتف", "مصرع"))
        for k in range(cue.first, min(cue.last + 12, len(reader.tokens)))
    )


def _counts(reader: Reader, cue: Cue) -> list[Count]:
    """What a cue counts: usually one count, several for coordinated subjects."""
    if cue.role in ("noun", "verb", "verbc"):
        window = 0 if cue.role == "noun" else _VERB_WINDOW
        after = reader.count_after(cue.last + 1, window=window)
        if after is not None:
            return [after]
        subjects = [] if cue.role == "noun" else reader.counts_before(cue.first)
        if not subjects and cue.default is not None:  # لقي حتفه: one death
            return [Count(cue.first, cue.last, cue.default, cue.default, cue.default)]
        return subjects
    # A counted noun: the number stands before it, or right after (جثث 5 أشخاص).
    if reader.claimed_before(cue.first):
        return []
    before = _count_before_noun(reader, cue)
    if before is not None:
        return [before]
    if reader.norm(cue.first - 1) == "من" and reader.has_role(cue.first - 2, "partitive"):
        # ``سقوط عدد من القتلى والجرحى``، ``عدد من الضحايا``: some of the dead, no number
        # told: ACLED's 3, as for ``قتلى`` alone (dev snn-f6420bd75e2a, dev3
        # snn-6775c516ebcf). The definite noun alone (``القتلى``) names known dead.
        return [Count(cue.first - 2, cue.last, NO_NUMBER, NO_NUMBER, NO_NUMBER)]
    after = reader.number_at(cue.last + 1)
    if after is None and cue.default is None:
        after = reader.count_after(cue.last + 1, window=1, numbers_only=True)
    if after is None and cue.default is None:
        after = _toll(reader, cue.last + 1)
    if after is not None:
        return [after]
    if cue.default is not None and not _construct(reader, cue.last + 1):
        return [Count(cue.first, cue.last, cue.default, cue.default, cue.default)]
    return []


_RISE = frozenset({"حصيله", "الحصيله", "ارتفعت", "ارتفع", "ترتفع", "يرتفع", "لترتفع",
                   "ليرتفع", "ارتفاع", "بلغت", "وصلت"})
_RISE_WINDOW = 25
# Words of a toll that rose (not ``بلغت``/``وصلت``, which also tell arrivals and other
# groups' figures): a count after one and after an earlier count is the update.
_RISING = frozenset({"ارتفعت", "ارتفع", "ترتفع", "يرتفع", "لترتفع", "ليرتفع", "ارتفاع"})


def _rising(reader: Reader, first: int) -> bool:
    """``ارتفعت حصيلة الهجوم ... إلى تسعة قتلى``: a count after إلى in a rising toll
    is a running total, like حصيلة القتلى إلى 9."""
    if reader.norm(first - 1) != "الي":
        return False
    return any(
        stem in _RISE
        for k in range(max(0, first - _RISE_WINDOW), first - 1)
        for stem in (reader.norm(k), reader.norm(k)[1:])
    )


def _updated(reader: Reader, hits: list[_Hit], first: int) -> bool:
    """``مخلفة 43 قتيلا، بينما أشار مدير الصحة إلى ارتفاع أعداد الضحايا، وقال إن 57
    مدنيا قتلوا``: a count told after a rising toll's word that follows an earlier
    count is the updated total of the same dead, not more of them."""
    before = [h.last for h in hits if h.kind == "killed" and h.last < first]
    if not before:
        return False
    return any(stem in _RISING for k in range(max(before) + 1, first)
               for stem in (reader.norm(k), reader.norm(k)[1:]))


def _construct(reader: Reader, k: int) -> bool:
    """A counted noun followed by a definite word is definite itself (جثث المدنيين,
    شهداء الوطن, جثث قتلاه): it names known dead, it does not count new ones."""
    if k >= len(reader.tokens) or k in reader.masked:
        return False
    norm = reader.norm(k)
    if norm.startswith("و"):
        return False  # قتيل وجريح: coordination, not a construct
    return norm.startswith(("ال", "قتلا")) or reader.cue_at(k) is not None


def _toll(reader: Reader, j: int) -> Count | None:
    """A death toll's figure: ارتفعت حصيلة القتلى في الهجوم الذي ... إلى 35."""
    for k in range(j, min(j + _TOLL_WINDOW, len(reader.tokens))):
        norm = reader.norm(k)
        if norm in STOP or reader.cue_at(k) is not None:
            return None
        if norm in ("الي", "بلغت", "بلغ") and (count := reader.number_at(k + 1)) is not None:
            return count
    return None


def _read(text: str) -> tuple[Reader, list[_Hit]]:
    reader = Reader(text)
    hits: list[_Hit] = []
    for cue in reader.all_cues():
        if cue.family == "block" or _attempted(reader, cue.first):
            continue
        if cue.role == "verbc" and not _confirmed(reader, cue):
            continue
        kind: Kind = "mixed" if cue.family == "mixed" else (
            "killed" if cue.family == "killed" else "wounded"
        )
        counts = _counts(reader, cue)
        # Negation only empties a cue with no number of its own (دون وقوع قتلى);
        # a stated count is a count whatever negation stands nearby.
        unnumbered = all(c.first == cue.first and c.last == cue.last for c in counts)
        if unnumbered and _negated(reader, cue.first):
            if kind != "killed":
                continue  # "no one was wounded" is not a count
            kind = "none"
        for n, count in enumerate(counts):
            if any(k in reader.claimed for k in range(count.first, count.last + 1)):
                continue
            # The nearest count carries the cue in its span; others stand alone.
            first = min(cue.first, count.first) if n == 0 else count.first
            last = max(cue.last, count.last) if n == 0 else count.last
            reader.claimed.update(range(first, last + 1))
            toll = (cue.role == "count" and cue.default is None and count.first > cue.last) or (
                _rising(reader, count.first)) or _updated(reader, hits, count.first)
            noun = reader.norm(last) if reader.noun(last) in ("0", "1", "2") and not (
                reader.norm(last + 1).startswith("اخر")) else ""
            hits.append(_Hit(first, last, count.best, count.low, count.high, kind, toll, noun))
    hits.sort(key=lambda h: h.first)
    return reader, _coordinated(reader, hits)


def _count_before_noun(reader: Reader, cue: Cue) -> Count | None:
    """The number before a counted noun: 5 قتلى, العشرات من القتلى, 20 بين قتيل وجريح."""
    start = reader.number_ends_before(cue.first)
    if start is None or reader.has_role(start - 1, "subset"):
        return None
    value = reader.numbers[start][0]
    first, low = start, value
    lower = reader.range_start(start)  # من 30 إلى 40 قتيلا
    if lower is not None:
        first, low = lower, reader.numbers[lower][0]
    return Count(first, cue.first - 1, low, low, value)


def _negated(reader: Reader, first: int) -> bool:
    return any(reader.has_role(k, "negation") for k in range(max(0, first - 5), first))


def _attempted(reader: Reader, first: int) -> bool:
    return any(reader.has_role(k, "attempt") for k in range(max(0, first - 2), first))


def _coordinated(reader: Reader, hits: list[_Hit]) -> list[_Hit]:
    """Counts joined by و to a counted one share its cue: مقتل 5 جنود و3 مدنيين."""
    out: list[_Hit] = []
    pending = list(hits)
    while pending:
        hit = pending.pop(0)
        out.append(hit)
        if hit.kind == "none":
            continue
        k = hit.last + 1
        limit = min(len(reader.tokens), hit.last + 1 + _COORD_WINDOW)
        while k < limit:
            norm = reader.norm(k)
            if (
                norm in STOP
                or k in reader.claimed
                or reader.cue_at(k) is not None
                or reader.has_role(k, "subset")
                or (k in reader.numbers and norm != "و")
            ):
                break
            count: Count | None = None
            if norm == "و":
                count = reader.number_at(k + 1)
                if count is not None:
                    count = Count(k, count.last, count.best, count.low, count.high)
            elif k in reader.conj_numbers:
                count = reader.number_at(k, conj=True)
            elif (
                k == _coordinand_at(reader, hit.last)
                and norm.startswith("و")
                and (noun := nouns().get(norm[1:])) in ("1", "2")
            ):
                value = int(noun or 0)
                count = Count(k, k, value, value, value)
            if count is not None:
                reader.claimed.update(range(count.first, count.last + 1))
                new = _Hit(count.first, count.last, count.best, count.low, count.high,
                           _own_kind(reader, count, hit.kind))
                pending.insert(0, new)
                break
            if norm.startswith("و") and len(norm) > 3:
                break  # a new clause
            k += 1
    return out


def _coordinand_at(reader: Reader, last: int) -> int:
    """Where a glued و+noun may join a count ending at ``last``: right after it, or
    after one definite word completing a person-noun (مقتل قائد اللواء وجنديين،
    مقتل آمر الفوج وثلاثة من مرافقيه: the rank's unit, then the others)."""
    nxt = last + 1
    if (
        reader.noun(last) in ("1", "2")
        and reader.norm(nxt).startswith("ال")
        and reader.noun(nxt) is None
        and reader.cue_at(nxt) is None
        and nxt not in reader.numbers
    ):
        return nxt + 1
    return nxt


def _own_kind(reader: Reader, count: Count, kind: Kind) -> Kind:
    """``32 قتيلاً ومئة جريح``: a coordinated count followed by a noun of its own is
    counted by that noun (the wounded), not by the cue of the count before it."""
    cue = next((c for k in range(count.first + 1, min(count.last + 2, len(reader.tokens)))
                if (c := reader.cue_at(k)) is not None), None)
    if cue is None or cue.family not in ("killed", "wounded", "mixed"):
        return kind
    return "mixed" if cue.family == "mixed" else (
        "killed" if cue.family == "killed" else "wounded")


def _retold_once(hits: list[_Hit], killed: list[int]) -> list[int]:
    """Drop a count that repeats an earlier one far from it in the sentence.

    A report often gives its figure, then quotes a source giving it again
    (قتل 18 شخصاً ... وقال المرصد: ... ما تسبب بمقتل 18 شخصاً): the same deaths
    told twice, not 36. Equal counts close together are coordinated and both
    stand (مقتل 3 جنود و3 مدنيين). Seen on the development set in
    snn-17b22b28d40c (18 told twice, coded 36). Equal counts of the same noun are one
    figure told twice however close (a subtitle glued to its paragraph: ``مقتل 57 مدنيا
    في قصف ... وقتل 57 مدنيا على الأقل``, dev3 snn-6e58b687c417), unless ``آخرين`` adds
    them.
    """
    kept: list[int] = []
    for i in killed:
        h = hits[i]
        if any((hits[j].best, hits[j].low, hits[j].high) == (h.best, h.low, h.high)
               and (h.first - hits[j].last > _RETOLD_GAP or (h.noun and h.noun == hits[j].noun))
               for j in kept):
            continue
        kept.append(i)
    return kept


def _settle(hits: list[_Hit]) -> set[int]:
    """Indexes of the killed hits that count as the sentence's deaths.

    Counts add up (both sides of a clash), except that a running toll
    (ارتفعت حصيلة القتلى إلى 18) already includes the counts beside it: the
    larger of the toll and the sum stands, and the other side is not counted.
    """
    counts = [i for i, h in enumerate(hits) if h.kind == "killed" and not h.toll]
    killed = _retold_once(hits, counts)
    tolls = [i for i, h in enumerate(hits) if h.kind == "killed" and h.toll]
    summed = sum(hits[i].best for i in killed)
    top = max(tolls, key=lambda i: hits[i].best, default=None)
    if top is not None and hits[top].best > summed:
        return {top}
    return set(killed) if killed else set(tolls[:1])


def find_fatalities(text: str) -> list[FatalityMention]:
    """Every death and injury count in ``text``, left to right.

    The killed mentions add up to :func:`sentence_fatalities`: a count a toll
    in the same sentence already includes (or a toll smaller than the counts
    beside it) is kept with ``killed=False`` so it is never counted twice.
    """
    out: list[FatalityMention] = []
    if not might_report(text):
        return out
    reader, hits = _read(text)
    counted = _settle(hits)
    for i, hit in enumerate(hits):
        start, end = reader.tokens[hit.first].start, reader.tokens[hit.last].end
        killed = hit.kind == "none" or (hit.kind == "killed" and i in counted)
        best, low, high = (0, 0, 0) if hit.kind == "none" else (hit.best, hit.low, hit.high)
        out.append(FatalityMention(start, end, text[start:end], best, low, high, killed))
    return out


def sentence_fatalities(text: str) -> Fatalities | None:
    """Deaths one sentence reports: the sum of its distinct killed counts.

    A death toll (ارتفعت حصيلة القتلى إلى 35) is not added to the counts
    beside it: it already includes them, so the larger figure is kept.

    0 when it reports deaths only together with the wounded (20 قتيلا وجريحا)
    or says there were none (دون وقوع قتلى); None when it reports no deaths.
    """
    if not might_report(text):
        return None
    _, hits = _read(text)
    counted = [hits[i] for i in sorted(_settle(hits))]
    if counted:
        return Fatalities(
            best=sum(h.best for h in counted),
            low=sum(h.low for h in counted),
            high=sum(h.high for h in counted),
        )
    if any(h.kind in ("mixed", "none") for h in hits):
        return Fatalities(0, 0, 0)
    return None
