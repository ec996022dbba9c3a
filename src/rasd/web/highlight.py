"""What the page highlights in an event's Arabic evidence: actor, place and trigger terms.

An event record carries its actors' and place's canonical Arabic names, but
articles name them otherwise (``قسد`` for the SDF, ``خلايا داعش`` for the
Islamic State), so the terms also take the aliases of the packaged actor
dictionary and gazetteer, and the trigger cues of the packaged lexicon for
the event's type. Terms are sent folded (``normalize_for_match``) as lists
of tokens; the page matches them token by token after stripping proclitics,
and builds the highlighted sentence with DOM nodes, never markup. Numbers
are found by the page itself.
"""

from __future__ import annotations

import re
from functools import cache

from rasd.clean.normalize import normalize_for_match
from rasd.errors import RasdError
from rasd.models import Event

_ARABIC = re.compile(r"[\u0621-\u064A]")
_PAREN = re.compile(r"\s*\([^)]*\)")

DEATH_CUES = ("قتل*", "مقتل", "قتلي", "قتيل*", "مصرع", "مصرعهم", "استشهد*", "شهيد*", "شهداء",
              "جرحي", "جريح*", "اصيب*", "اصابه")


def _tokens(term: str) -> list[str]:
    return normalize_for_match(term).split()


def _variants(name: str) -> set[str]:
    """A name, without its "(Country)" qualifier, with its plural ending both ways."""
    base = _PAREN.sub("", name).strip()
    out = {base} if base else set()
    for a, b in (("ون", "ين"), ("ين", "ون")):
        if base.endswith(a):
            out.add(base[: -len(a)] + b)
    return out


@cache
def _lexicon() -> dict[str, tuple[str, ...]]:
    """Trigger patterns by event type, from the lexicon the extractor reads (the one
    place that says which words make which event); none when it cannot be read."""
    from rasd.extract.lexicon import load_lexicon

    try:
        triggers = load_lexicon().triggers
    except (RasdError, OSError):
        return {}
    found: dict[str, list[str]] = {}
    for t in triggers:
        found.setdefault(t.event_type, []).append(t.source.replace("~", ""))
    return {k: tuple(v) for k, v in found.items()}


def _aliases(actor_id: str) -> tuple[str, ...]:
    try:
        from rasd.actors.resolve import load_actors

        return load_actors().get(actor_id).aliases
    except (RasdError, KeyError, OSError, LookupError):
        return ()


def _place_aliases(place_id: str | None) -> tuple[str, ...]:
    if not place_id:
        return ()
    try:
        from rasd.geo.gazetteer import load_gazetteer

        return load_gazetteer().get(place_id).aliases
    except (RasdError, KeyError, OSError, LookupError):
        return ()


def highlight_terms(ev: Event) -> dict[str, list[list[str]]]:
    """Folded token lists to highlight, by kind: ``actor``, ``place``, ``trigger``.

    A token ending in ``*`` matches as a prefix. Longer terms come first, so
    the page prefers ``تنظيم الدولة الإسلامية`` to ``الدولة``.
    """
    actor_names: set[str] = set()
    for actor in (ev.actor1, ev.actor2, *ev.assoc_actor1, *ev.assoc_actor2):
        if actor is None:
            continue
        for name in (actor.name_ar, *_aliases(actor.id)):
            if _ARABIC.search(name):
                actor_names |= _variants(name)
    place_names: set[str] = set()
    if ev.location is not None:
        for name in (ev.location.name_ar, *_place_aliases(ev.location.gazetteer_id)):
            if _ARABIC.search(name):
                place_names |= _variants(name)
    triggers = [*_lexicon().get(ev.event_type, ()), *DEATH_CUES]
    out: dict[str, list[list[str]]] = {}
    for kind, terms in (("actor", actor_names), ("place", place_names), ("trigger", triggers)):
        unique = {tuple(_tokens(t)) for t in terms}
        out[kind] = [list(t) for t in sorted(unique, key=lambda t: (-len(t), t)) if t]
    return out

