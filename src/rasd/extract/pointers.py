"""Sentences that point back to an act or a place told before (issue 14, split14h).

``PointerRules`` is a part of the walk over an article (``extract_walk``): a sentence
naming no place whose act falls on ``القاعدة``، ``المدينة`` or ``المنطقة`` points back to
the place of that kind named last; a sentence whose only cue is a bare verb of killing,
at the place of an act told before, tells that act's dead.
"""

from __future__ import annotations

from collections.abc import Sequence

from rasd.clean.normalize import normalize_for_match
from rasd.extract.clauses import PLACE_NOUNS
from rasd.extract.fold import Candidate
from rasd.extract.lexicon import Lexicon, TriggerMatch
from rasd.extract.national import NATIONAL_METHOD
from rasd.extract.tokens import Token
from rasd.geo.cues import RELATIONS
from rasd.models import PlaceMention, Sentence

# Words after a cue within which a definite place noun points back (``_pointed_place``).
POINTER_WINDOW = 10
_ON = normalize_for_match("على")
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence",
                           "Violence against civilians"})


class PointerRules:
    """Rules of pointing back; a subclass provides the lexicon, the article's places and
    the events told so far."""

    lex: Lexicon
    places: list[PlaceMention]
    candidates: list[Candidate]

    def _toll_told_again(self, matches: Sequence[TriggerMatch], tokens: list[Token],
                         places: Sequence[PlaceMention]) -> bool:
        """``قال أردوغان إن 30 شخصاً قتلوا في سروج`` after the Suruc bombing was told: a
        sentence whose only cue is a bare verb of killing (``weak_trigger``), at the place
        of an act told before or at no place, tells the dead of an act told
        before, not a killing of its own (issue 14, split14h: dev snn-fe97ba992466)."""
        if not all(self.lex.cue("weak_trigger", tokens[m.first], tokens) for m in matches):
            return False
        if not places:
            return True  # ``وقالت المصادر إن 21 عنصراً قتلوا``: the dead of the act told last
        # The place itself: a killing told at a place near the act (``الفقيه قتل في جبهة
        # الجفينة`` after strikes on Marib, dev3 snn-998ce62e0f65) is one of its own.
        ids = {p.place.id for p in places}
        return any(c.place is not None and c.place.place.id in ids
                   and c.event_type in VIOLENT_TYPES for c in self.candidates)

    def _pointed_place(self, tokens: list[Token], matches: Sequence[TriggerMatch],
                       s: Sentence) -> list[PlaceMention]:
        """A sentence naming no place whose act falls on a definite place noun just after
        its cue (``كما شنت طائرات التحالف غارات على القاعدة``، ``غارات استهدفت مواقع
        التنظيم في محيط المدينة``، ``قصف عدد من المواقع في المنطقة``) tells its own act at
        the place of that kind named last before it (``قاعدة العند``، ``الحسكة``،
        ``منطقة الجفينة``): issue 14, split14h (dev snn-1c572d28f720, dev3
        snn-f54fe2c148c2, dev4 snn-f3aa36222305). Only a specific violent cue points so
        (a generic ``هجوم`` in a politician's quote does not), and only with a locative
        word before the noun (``أبناء المنطقة`` are its people, not the act's scene)."""
        for m in matches:
            if m.trigger.priority <= 3 or m.trigger.event_type not in VIOLENT_TYPES:
                continue
            for t in tokens[m.last + 1:m.last + 1 + POINTER_WINDOW]:
                if not t.prefix.endswith("ال") or not self.lex.cue("place_pointer", t, tokens):
                    continue
                prev = tokens[t.index - 1].norm if t.index > 0 else ""
                if not (t.prefix.lstrip("و").startswith("ب") or prev in RELATIONS
                        or prev == _ON):
                    continue
                noun = t.forms[-1]
                # A town named bare (``في الحسكة``) is what ``المدينة`` points back to as
                # well as one named ``مدينة الحسكة``; a base or a camp must be named so.
                town = any(f in PLACE_NOUNS for f in t.forms)
                before = [p for p in self.places if p.end <= s.start
                          and p.method != NATIONAL_METHOD and (
                              p.feature == noun
                              or normalize_for_match(p.surface).split()[:1] == [noun]
                              or (town and p.feature is None
                                  and p.place.kind == "populated place"))]
                if before:
                    return [before[-1]]
        return []
