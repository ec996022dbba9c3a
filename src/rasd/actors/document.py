"""Whole-document actor resolution: the base class of
:class:`~rasd.actors.dictionary.ActorDictionary` that finds every mention in a text and
resolves its descriptors (``التنظيم``, ``المسلحون الأكراد``, ``الطائرات الحربية``) by
what the article names around them: the groups it names, the country it is about and the
country its sentence names.

The dictionary's data (actors, aliases, periods, countries, matchers) is built by the
subclass; what a resolved mention is (:class:`ActorMention`) is defined here.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from rasd.acled import ARMED_GROUPS, Inter
from rasd.actors.context import (
    across_border,
    adjective_of_noun,
    followed_by_name,
    in_construct,
    nisba_after,
)
from rasd.actors.data import Descriptor
from rasd.actors.match import Hit, PhraseMatcher, Tok, tokens
from rasd.models import Actor

# Descriptor targets that name a role in a country rather than an actor.
_GENERIC_TARGETS = {
    "@uag": "unidentified_armed_group",
    "@civ": "civilians",
    "@pro": "protesters",
    "@rio": "rioters",
}


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor found in text. ``generic`` marks descriptors and generic nouns."""

    start: int
    end: int
    surface: str
    actor: Actor
    generic: bool = False
    # A force named through its members (``جنديين``): a side only when told as the dead
    # or hurt (descriptor mode ``victims``).
    victims: bool = False
    # A force named through its members (``شرطي``) that stays a side where not told as
    # hit (descriptor mode ``members``); ``victims`` mentions are members too.
    members: bool = False



class DocumentResolution:
    """Mentions of a whole document with descriptors resolved; a subclass provides the
    actors, descriptors, countries and matchers, and the lookups by date and country."""

    _actors: dict[str, Actor]
    _kinds: dict[str, str]
    _descriptors: tuple[Descriptor, ...]
    _combined: PhraseMatcher
    _country_keys: dict[str, str]
    _country_matcher: PhraseMatcher

    if TYPE_CHECKING:
        def _dated(self, hits: Iterable[Hit], on: date | None) -> list[Hit]: ...

        def generic(self, kind: str, country: str) -> Actor: ...

        def state_forces(self, country: str, *, police: bool = False,
                         on: date | None = None) -> Actor | None: ...

        def on_date(self, actor: Actor, on: date | None) -> Actor: ...

    def resolve(self, text: str, *, country: str | None = None,
                fallback_country: str | None = None,
                on: date | None = None,
                toks: list[Tok] | None = None) -> list[ActorMention]:
        """All mentions in ``text`` with descriptors resolved; see :func:`resolve_document`.
        ``toks`` are the text's actor tokens when the caller has analysed it."""
        if toks is None:
            toks = tokens(text)
        hits = self._dated(self._combined.scan(toks), on)
        explicit = [h for h in hits if not h.payload.startswith("#")]
        signals = self._signals(toks, explicit)
        if country:
            doc_country: str | None = country.upper()
        else:
            votes = Counter(iso2 for _, iso2 in signals)
            doc_country = votes.most_common(1)[0][0] if votes else (
                fallback_country.upper() if fallback_country else None)
        # Signals by sentence segment: a descriptor looks only at its own sentence's.
        by_segment: dict[int, list[tuple[int, str]]] = {}
        for i, code in signals:
            by_segment.setdefault(toks[i].segment, []).append((i, code))
        found = [(h, self._actors[h.payload], "") for h in explicit]
        pending: list[tuple[Hit, Descriptor, str | None, str | None]] = []
        for n, hit in enumerate(hits):
            if not hit.payload.startswith("#"):
                continue
            d = self._descriptors[int(hit.payload[1:])]
            if d.mode in ("generic", "victims", "members") and followed_by_name(
                    toks, hits, n, self._descriptors):
                continue
            if d.mode in ("victims", "members") and in_construct(toks, hits[n].last):
                continue  # ``جنود الخلافة``، ``ضباط الشرطة``: someone's own members
            if d.mode in ("victims", "members") and adjective_of_noun(toks, hits[n].first):
                continue  # ``رتلا عسكريا``: what kind of convoy, no soldier (issue 14, kill14i)
            if d.mode == "victims" and d.fallback.get("*") == UNIDENTIFIED_TARGET:
                # ``اشتبكت البيشمركة مع عناصر داعش ... ما أسفر عن مقتل 22 مسلحا``: gunmen
                # counted in a sentence that names an armed group are its fighters.
                group = _group_in_segment(toks, explicit, self._actors, hit)
                if group is not None:
                    found.append((hit, group, d.mode))
                    continue
            nisba = nisba_after(toks, hits, n, self._country_keys)
            if nisba is not None:
                # ``قوات الأمن المصرية`` names its country; ``الجيش النيجيري`` an
                # army we do not know, which must not become this country's.
                iso2 = local = self._country_keys.get(nisba)
                if iso2 is None:
                    continue
                d = replace(
                    d, candidates=tuple(c for c in d.candidates if self._actors[c].country == iso2)
                )
            elif d.mode == "national":
                continue  # ``غارة``، ``دبابات``: an actor only with a nationality after it
            else:
                local = self._local_country(hit, by_segment.get(toks[hit.first].segment, ()))
                iso2 = local or doc_country
            pending.append((hit, d, iso2, local))
        # Contextual descriptors (``الطائرات الحربية``) come last, so they also see
        # the groups that only other descriptors name (``غارات للتحالف``).
        for late in (False, True):
            where: dict[str, list[int]] = {}
            for h, a, _ in found:
                where.setdefault(a.id, []).append(h.first)
            for positions in where.values():
                positions.sort()
            counts = Counter({actor_id: len(at) for actor_id, at in where.items()})
            for hit, d, iso2, local in pending:
                if (d.mode == "contextual") != late:
                    continue
                actor = self._resolve_descriptor(d, hit.first, where, counts, iso2, local, on)
                if actor is not None:
                    found.append((hit, actor, d.mode))
        found.sort(key=lambda f: f[0].first)
        return [self._mention(text, toks, h, a, generic=bool(mode), victims=mode == "victims",
                              members=mode in ("victims", "members"))
                for h, a, mode in found]

    def _resolve_descriptor(
        self,
        d: Descriptor,
        at: int,
        where: Mapping[str, list[int]],
        counts: Counter[str],
        iso2: str | None,
        local: str | None,
        on: date | None = None,
    ) -> Actor | None:
        present = [c for c in d.candidates if counts[c]]
        if local:
            # Groups of the country the sentence itself names come first: the
            # Kurdish fighters of a sentence about Iraq are the Peshmerga.
            home = [c for c in present if self._actors[c].country in (None, local)]
            present = home or present
        if present and d.mode == "priority":
            return self._actors[present[0]]
        if present:

            def nearness(c: str) -> int:
                # The latest mention before the descriptor wins a tie in counts.
                positions = where.get(c, [])
                k = bisect_left(positions, at)
                return positions[k - 1] if k > 0 else -1

            best = max(present, key=lambda c: (counts[c], nearness(c)))
            return self._actors[best]
        target = d.fallback.get(iso2 or "", d.fallback.get("*"))
        if not target or target == "-":
            return None
        if target in ("@state", "@police"):
            return self.state_forces(iso2, police=target == "@police", on=on) if iso2 else None
        if target in _GENERIC_TARGETS:
            return self.generic(_GENERIC_TARGETS[target], iso2) if iso2 else None
        return self.on_date(self._actors[target], on)

    def _home_country(self, actor_id: str) -> str | None:
        """The country an actor's mention says the text is about, if any.

        Foreign forces (inter 8) and state forces of kind ``intervener`` (the
        Turkish army in Syria, US aircraft in Iraq) fight abroad more than at
        home, and transnational groups have no country: none of them count.
        """
        actor = self._actors[actor_id]
        if actor.inter == Inter.EXTERNAL_OTHER or self._kinds.get(actor_id) == "intervener":
            return None
        return actor.country

    def _signals(self, toks: list[Tok], explicit: list[Hit]) -> list[tuple[int, str]]:
        """(token index, ISO2) of country names, adjectives and local groups."""
        # A nationality inside a name (``الجيش التركي``) says who acts, not where.
        inside = {i for h in explicit for i in range(h.first, h.last + 1)}
        out = [
            (h.first, h.payload) for h in self._country_matcher.scan(toks)
            if h.first not in inside and not across_border(toks, h.first)
        ]
        for h in explicit:
            iso2 = self._home_country(h.payload)
            if iso2:
                out.append((h.first, iso2))
        return out

    @staticmethod
    def _local_country(hit: Hit, signals: Sequence[tuple[int, str]]) -> str | None:
        """The nearest country signal of the descriptor's own sentence (``signals``)."""
        near = [(abs(i - hit.first), iso2) for i, iso2 in signals]
        return min(near)[1] if near else None

    @staticmethod
    def _mention(
        text: str, toks: list[Tok], hit: Hit, actor: Actor, *, generic: bool = False,
        victims: bool = False, members: bool = False,
    ) -> ActorMention:
        first = toks[hit.first]
        start = first.char_start(hit.skip)
        end = toks[hit.last].end
        return ActorMention(
            start=start, end=end, surface=text[start:end], actor=actor, generic=generic,
            victims=victims, members=members,
        )


# The fallback target of an unidentified armed group (``@uag``).
UNIDENTIFIED_TARGET = "@uag"


def _group_in_segment(toks: list[Tok], explicit: Sequence[Hit], actors: Mapping[str, Actor],
                      hit: Hit) -> Actor | None:
    """The named armed group (rebels, militias) nearest ``hit`` in its own sentence."""
    segment = toks[hit.first].segment
    near = [(abs(h.first - hit.first), h.first, actors[h.payload]) for h in explicit
            if toks[h.first].segment == segment and actors[h.payload].inter in ARMED_GROUPS]
    return min(near, key=lambda n: (n[0], n[1]))[2] if near else None
