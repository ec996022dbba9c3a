"""The actor dictionary and actor resolution in Arabic news text.

Three data files under ``rasd/data/`` hold the facts, so a coder can extend
them without touching code:

- ``actors.tsv``: one canonical actor per line (ACLED-style English name,
  Arabic name, ``inter`` code, ISO2 country, kind, parent, aliases, source note);
- ``actor_descriptors.tsv``: phrases that are not names but point at one
  (``التنظيم``, ``المسلحون الأكراد``, ``مسلحين مجهولين``, ``مدنيين``) with the rule
  that resolves them in an article;
- ``actor_countries.tsv``: countries, for the generic actors
  ("Civilians (Syria)") and for guessing which country an article is about.

Matching works on word tokens in ``normalize_for_match`` form, with Arabic
proclitics (و ف ب ل ك, ``لل`` for li- + the article) stripped from a name's
first word and a few spelling folds (plural ``ون``/``ين``, ``سورية``/``سوريا``,
``ميليشيا``/``مليشيا``, ``أمريكي``/``أميركي``) applied to both sides, so the data
lists each name once. Spans always point into the original text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime

from rasd.acled import Inter
from rasd.actors.data import (
    ALWAYS,
    ActorDataError,
    Country,
    Descriptor,
    Period,
    overlap,
    same_name,
)
from rasd.actors.document import ActorMention, DocumentResolution
from rasd.actors.match import Hit, PhraseMatcher, match_key, tokens
from rasd.models import Actor

__all__ = [
    "GENERIC_KINDS",
    "ActorDataError",
    "ActorDictionary",
    "ActorMention",
    "Country",
    "Descriptor",
    "inter_in",
    "match_key",
]

# kind -> (id prefix, English label, Arabic label, ACLED inter)
GENERIC_KINDS: Mapping[str, tuple[str, str, str, int]] = {
    "unidentified_armed_group": ("uag", "Unidentified Armed Group", "مسلحون مجهولون", 3),
    "civilians": ("civ", "Civilians", "مدنيون", 7),
    "protesters": ("pro", "Protesters", "متظاهرون", 6),
    "rioters": ("rio", "Rioters", "مثيرو شغب", 5),
}


# --- the dictionary -----------------------------------------------------


class ActorDictionary(DocumentResolution):
    """Canonical actors, their aliases, descriptors and countries."""

    def __init__(
        self,
        actors: Iterable[Actor],
        *,
        descriptors: Iterable[Descriptor] = (),
        countries: Iterable[Country] = (),
        kinds: Mapping[str, str] | None = None,
        periods: Mapping[str, Period] | None = None,
    ) -> None:
        self._actors: dict[str, Actor] = {}
        self._kinds: dict[str, str] = dict(kinds or {})
        self._periods: dict[str, Period] = dict(periods or {})
        self._countries: dict[str, Country] = {c.iso2: c for c in countries}
        self._descriptors = tuple(descriptors)
        # Match key -> the actors it names, one per period (most often one).
        self._keys: dict[str, tuple[str, ...]] = {}
        named: list[Actor] = []
        for actor in actors:
            self._add(actor)
            named.append(actor)
        for country in self._countries.values():
            for kind in GENERIC_KINDS:
                self._add(_make_generic(kind, country.iso2, country.name, country.name_ar))
        # Period versions: actors that share a name in different periods (the
        # Syrian army of the former regime and of the 2024 government), so that a
        # candidate or fallback naming one stands for the one of the article's date.
        # Not transitive: each actor's versions are those sharing a name with it.
        shared: dict[str, set[str]] = {}
        for ids in self._keys.values():
            if len(ids) > 1:
                for actor_id in ids:
                    shared.setdefault(actor_id, set()).update(ids)
        self._versions: dict[str, tuple[str, ...]] = {
            a: tuple(sorted(group, key=self._period_order)) for a, group in shared.items()
        }
        self._descriptors = tuple(self._expand_kinds(d) for d in self._descriptors)
        surface_owner: dict[str, int] = {}
        for i, d in enumerate(self._descriptors):
            for surface in d.surfaces:
                key = match_key(surface)
                if key in self._keys:
                    raise ActorDataError(
                        f"descriptor {surface!r} is an alias of {self._keys[key][0]!r}"
                    )
                if surface_owner.setdefault(key, i) != i:
                    raise ActorDataError(f"descriptor {surface!r} is listed twice")
            for target in (*d.candidates, *d.fallback.values()):
                if not target.startswith("@") and target not in self._actors:
                    raise ActorDataError(
                        f"descriptor {d.surfaces[0]!r} names unknown actor {target!r}"
                    )
        # Descriptors that mean one actor whatever the article (``خلايا التنظيم``).
        self._default_keys = {
            match_key(s): target
            for d in self._descriptors
            if (target := d.fallback.get("*", "-")) != "-" and not target.startswith("@")
            for s in d.surfaces
        }
        # Latin aliases (ISIS, SDF, STC) serve ``by_name``; in Arabic text they are
        # more often something else (STC the telecom operator).
        # Payloads are match keys: a key names one actor per period, picked by date.
        explicit = [(s, match_key(s)) for a in named for s in (a.name_ar, *a.aliases)
                    if not s.isascii() and match_key(s)]
        self._explicit = PhraseMatcher(explicit)
        described = [(s, f"#{i}") for i, d in enumerate(self._descriptors) for s in d.surfaces]
        # Case endings the data lists once: ``مسلحي القبائل`` is also ``مسلحو القبائل``,
        # ``مسلحين أكراد`` also ``مسلحين أكراداً`` (issue 14). A variant that is another
        # row's surface or a name stays that row's or name's.
        listed = set(surface_owner) | set(self._keys)
        described += [(v, f"#{i}") for i, d in enumerate(self._descriptors) for s in d.surfaces
                      for v in case_variants(s) if match_key(v) not in listed]
        self._combined = PhraseMatcher([*explicit, *described])
        self._country_keys = {
            key: c.iso2
            for c in self._countries.values()
            for key in map(match_key, (c.name_ar, *c.aliases))
            if " " not in key
        }
        self._country_matcher = PhraseMatcher(
            (s, c.iso2) for c in self._countries.values() for s in (c.name_ar, *c.aliases)
        )

    def _expand_kinds(self, d: Descriptor) -> Descriptor:
        """``kind:rebel`` in a candidate list stands for every actor of that kind,
        and a candidate for all its period versions."""
        if not any(c.startswith("kind:") or c in self._versions for c in d.candidates):
            return d
        out: list[str] = []
        for c in d.candidates:
            if not c.startswith("kind:"):
                out.extend(v for v in self._versions.get(c, (c,)) if v not in out)
                continue
            ids = [a for a, k in self._kinds.items() if k == c[5:]]
            if not ids:
                raise ActorDataError(f"descriptor {d.surfaces[0]!r}: no actor of {c!r}")
            out.extend(a for a in ids if a not in out)
        return replace(d, candidates=tuple(dict.fromkeys(out)))

    def _add(self, actor: Actor) -> None:
        if actor.id in self._actors:
            raise ActorDataError(f"duplicate actor id {actor.id!r}")
        if actor.inter not in set(Inter):
            raise ActorDataError(f"actor {actor.id!r}: inter {actor.inter} is not 1-8")
        self._actors[actor.id] = actor
        period = self.period(actor.id)
        for surface in (actor.name, actor.name_ar, *actor.aliases):
            key = match_key(surface)
            if not key:
                continue
            owners = self._keys.get(key, ())
            if actor.id in owners:
                continue
            for owner in owners:
                if overlap(self.period(owner), period) \
                        and not same_name(surface, actor, self._actors[owner]):
                    raise ActorDataError(
                        f"alias {surface!r} of {actor.id!r} is already an alias of {owner!r}"
                    )
            self._keys[key] = tuple(sorted((*owners, actor.id), key=self._period_order))

    def _period_order(self, actor_id: str) -> tuple[date, date]:
        start, end = self.period(actor_id)
        return (start or date.min, end or date.max)

    def period(self, actor_id: str) -> Period:
        """(valid_from, valid_to) of an actor, inclusive; None where open."""
        return self._periods.get(actor_id, ALWAYS)

    def valid_on(self, actor_id: str, day: date) -> bool:
        """True when the actor's name means it on ``day``."""
        if isinstance(day, datetime):
            day = day.date()
        start, end = self.period(actor_id)
        return (start is None or start <= day) and (end is None or day <= end)

    def versions(self, actor_id: str) -> tuple[str, ...]:
        """The actor and the actors that share a name with it in other periods, oldest first."""
        return self._versions.get(actor_id, (actor_id,))

    def _pick(self, ids: Sequence[str], on: date | None) -> str:
        """The one of ``ids`` (in period order) that is valid on ``on`` (the first
        listed when several are); without a date the one whose period runs latest; on a
        date none covers, the one whose period is nearest."""
        if len(ids) == 1:
            return ids[0]
        if on is None:  # the one whose period runs latest (open-ended first)
            return max(ids, key=lambda i: self._period_order(i)[::-1])
        if isinstance(on, datetime):  # a publication time: its day is what counts
            on = on.date()

        def distance(actor_id: str) -> int:
            start, end = self.period(actor_id)
            if start is not None and on < start:
                return (start - on).days
            if end is not None and on > end:
                return (on - end).days
            return 0

        return min(ids, key=distance)

    def reread(self, actor: Actor, read_on: date, day: date) -> Actor:
        """``actor``, read from a text as of ``read_on`` (the article's date), as of
        ``day`` (its event's): the period version of that day when the event falls in
        another period (``الجيش السوري`` in a 2025 article on a 2013 shelling). An
        actor read outside its own period (``قوات النظام`` in 2025) stays."""
        if actor.id not in self._versions or not self.valid_on(actor.id, read_on) \
                or self.valid_on(actor.id, day):
            return actor
        return self.on_date(actor, day)

    def on_date(self, actor: Actor, on: date | None) -> Actor:
        """The period version of ``actor`` valid on ``on`` (without a date, the
        latest): ``actor`` itself when it is valid then or has no other version."""
        versions = self._versions.get(actor.id)
        if not versions or (on is not None and self.valid_on(actor.id, on)):
            return actor
        return self._actors[self._pick(versions, on)]

    def __len__(self) -> int:
        return len(self._actors)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self._actors.values())

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._actors

    @property
    def descriptors(self) -> tuple[Descriptor, ...]:
        return self._descriptors

    @property
    def countries(self) -> Mapping[str, Country]:
        return self._countries

    def get(self, actor_id: str) -> Actor:
        """The actor with this id; ``KeyError`` if there is none."""
        return self._actors[actor_id]

    def kind(self, actor_id: str) -> str:
        """The actor's kind from the data ("state", "rebel", "militia", ...; "generic")."""
        return self._kinds.get(actor_id, "generic" if actor_id in self._actors else "")

    def by_name(self, name: str, *, on: date | None = None) -> Actor | None:
        """Resolve a canonical English name or any alias (Arabic or English) to its actor.

        A name that means different actors in different periods
        (``الجيش السوري``) gives the one valid ``on`` that date, without a date
        the latest. A descriptor with a single unconditional fallback
        (``خلايا التنظيم``) resolves too; context-dependent ones (``التنظيم``) do not.
        """
        key = match_key(name)
        if not key:
            return None
        ids = self._keys.get(key)
        if ids is not None:
            return self._actors[self._pick(ids, on)]
        actor_id = self._default_keys.get(key)
        return self.on_date(self._actors[actor_id], on) if actor_id is not None else None

    def _dated(self, hits: Iterable[Hit], on: date | None) -> list[Hit]:
        """Explicit hits with their payload (a match key) turned into the actor id of ``on``."""
        return [replace(h, payload=self._pick(self._keys[h.payload], on))
                if not h.payload.startswith("#") else h for h in hits]

    def find(self, text: str, *, on: date | None = None) -> list[ActorMention]:
        """Explicit names and aliases in ``text``: longest match, non-overlapping."""
        toks = tokens(text)
        return [
            self._mention(text, toks, h, self._actors[h.payload])
            for h in self._dated(self._explicit.scan(toks), on)
        ]

    def generic(self, kind: str, country: str) -> Actor:
        """The generic actor of ``kind`` for ``country`` (ISO2), made up if not in the data."""
        if kind not in GENERIC_KINDS:
            raise ValueError(f"unknown generic actor kind {kind!r}; one of {sorted(GENERIC_KINDS)}")
        iso2 = country.upper()
        found = self._actors.get(f"{GENERIC_KINDS[kind][0]}-{iso2.lower()}")
        return found if found is not None else _make_generic(kind, iso2, iso2, iso2)

    def state_forces(self, country: str, *, police: bool = False,
                     on: date | None = None) -> Actor | None:
        """``mil-xx`` (or ``pol-xx``): the military (police) forces of ``country``,
        the period version valid ``on`` that date."""
        found = self._actors.get(f"{'pol' if police else 'mil'}-{country.lower()}")
        return self.on_date(found, on) if found is not None else None



def case_variants(surface: str) -> tuple[str, ...]:
    """The other case forms of a descriptor of two words or more that news writes
    unvocalised: a first word in construct with the oblique plural ending (``مسلحي``،
    ``مقاتلي``) in its nominative (``مسلحو``), and an indefinite last word taking the
    accusative alif (``أكراد`` -> ``أكراداً``)."""
    words = surface.split()
    if len(words) < 2:
        return ()
    out: list[str] = []
    head = words[0]
    if len(head) >= 4 and head.endswith("ي") and not head.endswith(("يي", "وي")):
        out.append(" ".join([head[:-1] + "و", *words[1:]]))
    last = words[-1]
    if not last.startswith("ال") and len(last) >= 4 \
            and last[-1] not in _NO_ALIF_ENDINGS:
        out.append(" ".join([*words[:-1], last + "ا"]))
    return tuple(out)


# Endings that take no accusative alif: the alif itself, the feminine ending, a long
# vowel, and the sound plural's nun (``مسلحين``).
_NO_ALIF_ENDINGS = frozenset("اأإآةهيىوءنئ")


def _make_generic(kind: str, iso2: str, country_name: str, country_ar: str) -> Actor:
    prefix, label, label_ar, inter = GENERIC_KINDS[kind]
    return Actor(
        id=f"{prefix}-{iso2.lower()}",
        name=f"{label} ({country_name})",
        name_ar=f"{label_ar} ({country_ar})",
        inter=inter,
        country=iso2,
    )


def inter_in(actor: Actor, country: str | None) -> int:
    """ACLED ``inter`` of ``actor`` in an event in ``country``: state forces abroad are 8."""
    if actor.inter == Inter.STATE_FORCES and country and actor.country \
            and actor.country != country.upper():
        return int(Inter.EXTERNAL_OTHER)
    return actor.inter
