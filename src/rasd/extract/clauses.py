"""Clause-level rules of the extraction walk: which places each trigger reports on, and
which trigger a killed count belongs to.

Pure functions over one sentence's triggers, places and counts; the walk in
``extract`` calls them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from importlib import resources

from rasd.clean.normalize import normalize_for_match
from rasd.clean.word_sets import word_set
from rasd.extract.fold import Candidate, holds
from rasd.extract.lexicon import TriggerMatch
from rasd.extract.tokens import Token
from rasd.models import PlaceMention, Sentence


def owners(matches: list[TriggerMatch], bounds: list[TriggerMatch],
            places: list[PlaceMention], breaks: Sequence[tuple[int, bool]] = ()) -> list[bool]:
    """Which kept triggers have a place of their own clause (see ``assign_places``)."""
    index = {id(m): i for i, m in enumerate(matches)}
    own = [False] * len(matches)
    for p in places:
        b = _owner(p, bounds, breaks)
        if b is not None and id(b) in index:
            own[index[id(b)]] = True
    return own


# Words that open a new clause of a round-up after a comma (``قصفت الطائرات تعز، فيما
# تعرضت مدينة الباب لغارات``، ``في حين``، ``كما``، ``فضلاً عن``، ``إضافة إلى``، ``وفي``):
# a place told after one and before the clause's own cue is that cue's, not the last one's.
# A contrastive one (``فيما``، ``بينما``، ``في حين``) opens another story: a place in its
# clause with no cue of its own (``، في حين نقل المصاب إلى مشفى في كلس``) is nobody's;
# an additive one (``إضافة إلى استهدافها بلدة زبدين``) goes on with the act before it.
_CONTRASTIVE = word_set("contrastive")
# An act told alongside another (``، وسط قصف مدفعي``، ``، سبقه قصف من قبل قوات
# النظام``، ``، تلاه اشتباك``) opens an additive clause too:
# it is a second act with its own place and its own sides, not the first one's.
_ALONGSIDE_OPENERS = word_set("alongside_opener")
_CONNECTORS = _CONTRASTIVE | _ALONGSIDE_OPENERS | word_set("connector")


def clause_breaks(tokens: Sequence[Token], text: str, offset: int) -> list[tuple[int, bool]]:
    """(character offset, contrastive) where a connector after a comma opens a new
    clause (``وفيما`` and ``وبينما`` open one without a comma); ``في حين`` breaks
    before its ``في``."""
    out = []
    for i, t in enumerate(tokens):
        if i == 0 or not _CONNECTORS & set(t.forms):
            continue
        first = i
        if t.norm == "حين":
            if i < 2 or tokens[i - 1].norm != "في":
                continue
            first = i - 1
        gap = text[tokens[first - 1].end - offset:tokens[first].start - offset]
        if "،" in gap or "," in gap or t.norm in ("وفيما", "وبينما"):
            out.append((tokens[first].start, bool(_CONTRASTIVE & set(t.forms))))
    return out


# Words that open a phrase naming another act as the time or cause of the one told
# (``بعد ثلاثة أيام على هجوم …``، ``ردا على تعرض بلدة …
# لهجوم``، ``غداة تفجير``): the places of that phrase are the recalled act's, and
# the act told before it never borrows them (dev snn-63cdc68d1ac9, snn-94140d99f5d3,
# snn-8eadaa6b9e2a, snn-880d99391ba0).
_DURATIONS = word_set("duration")
_RETALIATION = word_set("retaliation")
_DAY_AFTER = word_set("day_after")
# Tokens a reference may take from its head word to ``على``/``من`` (``بعد نحو ثلاثة
# أيام على``، ``ردا، حسب قولها، على``).
_REFERENCE_REACH = 4


def reference_walls(tokens: Sequence[Token]) -> list[int]:
    """Character offsets where a phrase recalling another act opens (see above)."""
    out = []
    for i, t in enumerate(tokens):
        ahead = tokens[i + 1:i + 1 + _REFERENCE_REACH]
        if _DAY_AFTER & set(t.forms) or (
                _RETALIATION & set(t.forms) and any(a.norm == "علي" for a in ahead)):
            out.append(t.start)
        elif t.has_form("بعد"):
            k = next((j for j, a in enumerate(ahead) if a.norm in ("علي", "من")), None)
            if k is not None and any(_DURATIONS & set(a.forms) for a in ahead[:k]):
                out.append(t.start)
    return out


# ``بدأت الاشتباكات بعد مقتل أحد أفراد القبيلة``، ``قصفت المدفعية ... إثر مقتل جندي``: a
# death told as the time or the cause of the act is an earlier one, not the act's toll.
_AFTER = word_set("after")  # data/word_sets.tsv
_DEATH_NOUNS = ("مقتل", "اغتيال", "استشهاد", "مصرع", "وفاه")


def death_walls(tokens: Sequence[Token]) -> list[int]:
    """Where a phrase recalling another act opens, for the dead (``reference_walls``
    and ``بعد``/``إثر``/``عقب`` + a death: ``بعد مقتل جندي``)."""
    out = reference_walls(tokens)
    for i, t in enumerate(tokens[:-1]):
        if _AFTER & set(t.forms) and tokens[i + 1].norm.startswith(_DEATH_NOUNS):
            out.append(t.start)
    return sorted(set(out))


def clause_of(at: int, breaks: Sequence[tuple[int, bool]]) -> tuple[int, int]:
    """The character span of the clause holding offset ``at`` (the sentence's ends are
    open: -1 and a very large offset)."""
    lo = max((k for k, _ in breaks if k <= at), default=-1)
    hi = min((k for k, _ in breaks if k > at), default=1 << 62)
    return lo, hi


# No cue's: a place in a contrastive clause with no cue of its own.
_NOBODY = object()


def _owner(p: PlaceMention, bounds: list[TriggerMatch],
           breaks: Sequence[tuple[int, bool]]) -> object:
    """The cue whose clause ``p`` is in: the last cue before it (None: none), unless a
    clause break stands between them and the new clause has its own cue after the
    place (``، في حين تعرضت مدينة الباب لغارات``): then that cue."""
    last = None
    for b in bounds:
        if b.start <= p.start:
            last = b
    opened = [(k, c) for k, c in breaks if (last.end if last is not None else -1) <= k <= p.start]
    if not opened:
        return last
    closing = min((k for k, _ in breaks if k > p.start), default=None)
    nxt = next((b for b in bounds if b.start > p.start
                and (closing is None or b.start < closing)), None)
    if nxt is not None:
        return nxt
    return _NOBODY if opened[-1][1] and last is not None else last


# Words that join a second act to the first as told alongside it (``غارات على الزبداني
# وسط قصف مدفعي``): a second act, not the first one told again.
_ALONGSIDE = word_set("alongside_link")


def drop_retellings(matches: list[TriggerMatch], owned: list[list[PlaceMention]], *,
                     own: list[bool], tokens: Sequence[Token] = ()) -> None:
    """A cue that only borrows its neighbour's places tells the same act again when it is
    of the same sub-type (``طائرات حربية شنت غارات على العشارة``), or of the same type
    after it (``غارات على نيالا ... القذائف أصابت منازل``); a generic cue (``هجوم``) whose
    places a specific one borrows is told by the specific one (``هجوماً ... مستخدماً عربة
    مفخخة``). Different acts on one place (``غارات وقصف مدفعي على هجين``) stay."""
    for i, m in enumerate(matches):
        if own[i] or not owned[i]:
            continue
        src = next((j for j in range(len(matches)) if j != i and own[j]
                    and owned[j] == owned[i]), None)
        if src is None:
            continue
        o = matches[src].trigger
        alongside = src < i and o.sub_event_type != m.trigger.sub_event_type and any(
            f in _ALONGSIDE for t in tokens[max(0, m.first - 3):m.first] for f in t.forms)
        if alongside:
            continue
        if o.sub_event_type == m.trigger.sub_event_type or (
                src < i and o.event_type == m.trigger.event_type):
            owned[i] = []
        elif o.priority <= 3 < m.trigger.priority and src < i \
                and m.trigger.event_type != "Strategic developments":
            owned[src] = []


def assign_places(matches: list[TriggerMatch], bounds: list[TriggerMatch],
                   places: list[PlaceMention], breaks: Sequence[tuple[int, bool]] = (),
                   walls: Sequence[int] = ()) -> list[list[PlaceMention]]:
    """Which places each kept trigger reports on.

    A trigger owns the places after it up to the next cue, kept or not (a
    place after a dropped cue, ``الخاضعة لسيطرة ... القائم``, belongs to
    nobody); in a round-up a clause break (``، في حين``، ``، فيما``) gives the
    places after it to the cue of its own clause. Places before the first cue go
    to the first trigger when it has none after it (``في الباغوز، دارت
    اشتباكات``). A specific trigger with no place shares its neighbour's (``غارات
    وقصف مدفعي على هجين``); a generic one (``هجوم``) with no place of its own
    reports nothing codeable.
    """
    owned: list[list[PlaceMention]] = [[] for _ in matches]
    index = {id(m): i for i, m in enumerate(matches)}
    leading: list[PlaceMention] = []
    for p in places:
        last = _owner(p, bounds, breaks)
        if last is None:
            leading.append(p)
        elif id(last) in index:
            owned[index[id(last)]].append(p)
    if leading and matches and not owned[0] and bounds and bounds[0] is matches[0]:
        owned[0] = leading

    def walled(a: TriggerMatch, b: TriggerMatch) -> bool:
        lo, hi = sorted((a.start, b.start))
        return any(lo < w <= hi for w in walls)

    for i in range(len(matches) - 1, -1, -1):
        if not owned[i] and matches[i].trigger.priority > 3:
            # A recalled act (``walls``) lends its places to nobody.
            following = next((owned[j] for j in range(i + 1, len(matches)) if owned[j]
                              and not walled(matches[i], matches[j])), None)
            preceding = next((owned[j] for j in range(i - 1, -1, -1) if owned[j]
                              and not walled(matches[i], matches[j])), None)
            owned[i] = list(following or preceding or [])
    return owned


# Definite settlement nouns with no name after them point back to a place just named
# (``سبقه قصف على مناطق في البلدة``، ``وقصفت أحياء المدينة``، ``في القرية نفسها``).
PLACE_NOUNS = word_set("place_noun")
SAME_WORDS = word_set("same_word")


def anaphors(tokens: Sequence[Token], places: Sequence[PlaceMention]) -> list[Token]:
    """The tokens that point back to a place: a definite settlement noun that is not the
    head of a name the geocoder found (``المدينة الخضراء``)."""
    out = []
    for i, t in enumerate(tokens):
        if not any(f in PLACE_NOUNS for f in t.forms):
            continue
        end = tokens[i + 1].start if i + 1 < len(tokens) else t.end
        if not any(t.start <= p.start <= end for p in places):
            out.append(t)
    return out


def resolve_anaphora(matches: list[TriggerMatch], bounds: list[TriggerMatch],
                     owned: list[list[PlaceMention]], own: list[bool],
                     places: Sequence[PlaceMention], pointers: Sequence[Token]) -> None:
    """A cue whose clause points back to a place (``، سبقه قصف على مناطق في البلدة``)
    reports on the nearest place named before the pointer: its own act at that place,
    not a retelling of the act told there (``own`` is set, so it is not dropped)."""
    for i, m in enumerate(matches):
        nxt = next((b.start for b in bounds if b.start > m.start), None)
        for t in pointers:
            if t.start < m.end or (nxt is not None and t.start >= nxt):
                continue
            before = [p for p in places if p.end <= t.start]
            if not before:
                continue
            p = before[-1]
            if all(q.place.id != p.place.id for q in owned[i]):
                owned[i] = [p, *owned[i]]
            own[i] = True
            break


@functools.cache
def _death_words() -> re.Pattern[str]:
    """Every word that can report a death, from the fatality lexicon: a sentence with
    none of them needs no parsing (most sentences of a corpus)."""
    text = (resources.files("rasd") / "data" / "fatalities_cues.tsv").read_text("utf-8")
    words = set()
    for line in text.splitlines():
        cols = line.split("\t")
        if line.startswith("#") or len(cols) < 2 or cols[1] != "killed":
            continue
        first = normalize_for_match(cols[0]).split()
        if first:
            words.add(first[0][:4])
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))


# Without an event cue a sentence's deaths matter only when it says so plainly
# (``قتلت القوات العشرات``); the full lexicon is consulted for cued sentences.
_PLAIN_DEATH = re.compile("قتل|قتيل|مقتل|مصرع|حتف|شهيد|شهدا|استشهد|جثث|جثه|بحياه|ضحايا")


def sentence_deaths(text: str, *, cued: bool) -> list[tuple[int, int, int, int]]:
    """(position, best, low, high) of each killed count in a sentence."""
    from rasd.extract.fatalities import find_fatalities

    folded = normalize_for_match(text)
    if not (_death_words() if cued else _PLAIN_DEATH).search(folded):
        return []
    return [(f.start, f.best, f.low, f.high) for f in find_fatalities(text) if f.killed]


def recalled_deaths(deaths: list[tuple[int, int, int, int]], tokens: Sequence[Token],
                    s: Sentence, walls: Sequence[int], *,
                    keep: bool) -> list[tuple[int, int, int, int]]:
    """The deaths told inside (``keep``) or outside a phrase recalling another act
    (``reference_walls``: ``ردا على مقتل شرطيين``، ``غداة تفجير``)."""
    breaks = sorted([*clause_breaks(tokens, s.text, s.start), *((w, True) for w in walls)])
    inside = set(walls)
    return [d for d in deaths if (clause_of(s.start + d[0], breaks)[0] in inside) == keep]


def attach_deaths(deaths: list[tuple[int, int, int, int]],
                   made: list[tuple[TriggerMatch, Candidate]], s: Sentence,
                   breaks: Sequence[tuple[int, bool]] = (),
                   walls: Sequence[int] = ()) -> None:
    violent = [(m, c) for m, c in made if c.event_type != "Strategic developments"]
    if not violent:
        return
    for pos, best, low, high in deaths:
        at = s.start + pos
        # The toll follows the act it reports (``غارات ... ما أسفر عن مقتل``): the
        # nearest cue before it, else the nearest after it. In a round-up the act of the
        # toll's own clause comes first (``قصفت الطائرات بلدة ...، فيما قتل خمسة في بلدة
        # ... جراء قصف مدفعي``); a clause with none takes the nearest act, before or
        # after (``أكدت مصادر طبية مقتل عشرين، فيما جرح العشرات في تفجير``).
        clause = clause_of(at, breaks)
        own = [mc for mc in violent if clause_of(mc[0].start, breaks) == clause]
        if not own and clause[0] in walls:
            # ``قصفت الطائرات مواقع ... ردا على مقتل جنديين``: the dead of a recalled act
            # told with no event of its own are not the act the sentence tells.
            continue
        chosen = _caused_by(at, own, s) or min(
            own or violent, key=lambda mc: (mc[0].start > at, abs(mc[0].start - at)))
        match, _ = _means_of(*chosen, own or violent, s, at) or chosen
        # event-coding.md section 9: a toll given once for the places of one act (a
        # list of villages) is divided evenly, the remainder to the first place named.
        group: list[Candidate] = []
        for m, c in violent:
            if m is match and not any(_same_place(c, g) for g in group):
                group.append(c)
        # Only a list (``في بلدروز والمقدادية``) shares the toll; other places of the
        # act (a locator, ``شمال شرقي بعقوبة``) leave it on the first place.
        listed = [c for c in group[1:] if _listed(group, c, s)]
        if group and not listed:
            # ``غارة على مبنى اللواء بمحافظة شبوة مديرية بيحان``: the province and the
            # district inside it are one place told twice; the toll goes to the district,
            # the event the province's is dropped for (dev2 snn-95c4be0a0b53).
            group = [next((c for c in group[1:] if holds(group[0], c)), group[0])]
        else:
            group = group[:1] + listed
        for n, cand in enumerate(group):
            parts = len(group)
            cand.deaths.setdefault(s.index, []).append(
                (share(best, parts, n), share(low, parts, n), share(high, parts, n)))
            cand.note("fatalities", "deaths/sentence" if parts == 1 else "deaths/divided")


# ``مقتل 10 مدنيين … في انفجار عبوتين``: the toll names its cause right
# after it; that act is the toll's even when another act stands before it. A few
# words at most, no comma (the count, its noun, ``وإصابة 17 آخرين``).
_CAUSE_GAP = re.compile(r"^[^\s،,.]+(?:\s+[^\s،,.]+){0,5}\s+"
                        r"(?:في|جراء|إثر|اثر|بسبب|نتيجة|خلال|ب)\s*$")


def _caused_by(at: int, own: list[tuple[TriggerMatch, Candidate]],
               s: Sentence) -> tuple[TriggerMatch, Candidate] | None:
    """The act the toll at ``at`` names as its cause (``مقتل 5 في غارة``, ``بقصف``)."""
    for m, c in sorted(own, key=lambda mc: mc[0].start):
        if m.start <= at:
            continue
        gap = s.text[at - s.start:m.start - s.start]
        if _CAUSE_GAP.match(gap) or (
                _CAUSE_GAP.match(gap + "ب") and s.text[m.start - s.start] == "ب"):
            return m, c
        return None
    return None


def _means_of(m: TriggerMatch, c: Candidate, own: list[tuple[TriggerMatch, Candidate]],
              s: Sentence, at: int) -> tuple[TriggerMatch, Candidate] | None:
    """The act a general cause names as its means: right after it (``في هجوم بسيارة
    مفخخة``), or closing the toll's clause when the general act stands before the toll
    (``ارتكبت مجزرة ... فقتلت 60 مدنيا ... بقصف صاروخي``). The means is what killed and
    the coded act (the more specific type), so the toll goes to it, not to the general
    word (``هجوم``، ``مجزرة``) before it."""
    if c.event_type == "Explosions/Remote violence":
        return None  # already a specific act (غارة بصواريخ is one act)
    for m2, c2 in sorted(own, key=lambda mc: mc[0].start):
        if m2.start <= m.end or c2.event_type != "Explosions/Remote violence":
            continue
        gap = s.text[m.end - s.start:m2.start - s.start].strip()
        by = s.text[m2.start - s.start] == "ب" or gap.endswith(" ب") or gap == "ب"
        if by and (gap in ("", "ب") or m.start < at < m2.start):
            return m2, c2
        if m2.start > at:
            return None  # only the first act after the toll can be its means
    return None


# What may stand between two places of a list: و, a comma, a settlement noun.
_LIST_GAP = re.compile(r"^[\s،,]*(?:و|ثم)?\s*"
                       r"(?:(?:ال)?(?:قري[ةه]|بلد[ةه]|مدين[ةه]|حي|منطق[ةه]|ناحي[ةه]|مخيم)\s*)?$")


def _listed(group: list[Candidate], c: Candidate, s: Sentence) -> bool:
    """``c``'s place follows another place of the group with only و or a comma between."""
    if c.place is None:
        return False
    for g in group:
        if g is c or g.place is None or g.place.end > c.place.start:
            continue
        gap = s.text[g.place.end - s.start:c.place.start - s.start]
        if _LIST_GAP.match(gap):
            return True
    return False


def list_of(target: Candidate, cands: Sequence[Candidate]) -> list[Candidate]:
    """The events one act told at a list of places made (``شنت القوات هجمات على جيوب
    للحوثيين في دار سعد وجعولة والبساتين``), in the order told, ``target`` among them;
    ``[target]`` when its act named no list. A toll told later for the act is divided
    among them as one told in the sentence is (event-coding.md section 9)."""
    if target.place is None:
        return [target]
    group: list[Candidate] = []
    for c in sorted((c for c in cands if c.sentence == target.sentence and c.place is not None
                     and c.trigger == target.trigger
                     and c.sub_event_type == target.sub_event_type),
                    key=lambda c: c.place.start if c.place else 0):
        if not any(_same_place(c, g) for g in group):
            group.append(c)
    group = group[:1] + [c for c in group[1:] if _listed(group, c, target.sentence)]
    return group if len(group) > 1 and any(c is target for c in group) else [target]


def _same_place(a: Candidate, b: Candidate) -> bool:
    return a.place is not None and b.place is not None and a.place.place.id == b.place.place.id


def share(total: int, parts: int, n: int) -> int:
    """The ``n``-th of ``parts`` even shares of ``total``; the first takes the remainder."""
    return total // parts + (total % parts if n == 0 else 0)
