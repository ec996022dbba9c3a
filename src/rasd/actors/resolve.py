"""The packaged actor dictionary and the document-level entry points over it.

``load_actors`` builds an :class:`~rasd.actors.dictionary.ActorDictionary` from the data
files (the packaged ones cached); ``resolve_document`` and ``generic_actor`` use the
packaged dictionary unless given another.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

from rasd.actors.data import ALWAYS, read_actor_rows, read_countries, read_descriptors
from rasd.actors.dictionary import ActorDictionary, ActorMention
from rasd.actors.match import Tok
from rasd.models import Actor


def load_actors(
    path: Path | None = None,
    *,
    descriptors: Path | None = None,
    countries: Path | None = None,
) -> ActorDictionary:
    """The actor dictionary from ``path`` (default: the packaged ``actors.tsv``).

    Descriptor and country files default to the packaged ones, or to their
    siblings of ``path`` when those exist. The default dictionary is cached.
    """
    if path is None and descriptors is None and countries is None:
        return _default_actors()
    if path is not None:
        sib_d = path.with_name("actor_descriptors.tsv")
        sib_c = path.with_name("actor_countries.tsv")
        descriptors = descriptors or (sib_d if sib_d.is_file() else None)
        countries = countries or (sib_c if sib_c.is_file() else None)
    return _build(path, descriptors, countries)


def _build(path: Path | None, descriptors: Path | None, countries: Path | None) -> ActorDictionary:
    rows = read_actor_rows(path)
    return ActorDictionary(
        [r.actor for r in rows],
        descriptors=read_descriptors(descriptors),
        countries=read_countries(countries),
        kinds={r.actor.id: r.kind for r in rows},
        periods={r.actor.id: r.period for r in rows if r.period != ALWAYS},
    )


@cache
def _default_actors() -> ActorDictionary:
    return _build(None, None, None)


def resolve_document(
    text: str, *, actors: ActorDictionary | None = None, country: str | None = None,
    fallback_country: str | None = None, on: date | None = None,
    tokens: list[Tok] | None = None,
) -> list[ActorMention]:
    """Every actor mention in an article, descriptors resolved to the article's actors.

    Explicit names come first in matching (longest match wins against a
    descriptor); ``التنظيم`` and its kin go to the most-mentioned matching group,
    Kurdish descriptors to the SDF when the article names it (else the YPG),
    generic nouns to that country's generic actors. ``country`` (ISO2) is the
    article's country when known; otherwise it is inferred from the text's
    actors and country words, and failing those is ``fallback_country`` (the
    country of the places the article names: "مسلحون مجهولون" in Daraa are
    Syria's). A named state actor in the same sentence overrides it for that
    sentence. ``on`` (the article's date) picks, for a name that means different
    actors in different periods (``الجيش السوري`` before and after 2024-12-08),
    the actor of that date; without it, the latest. ``tokens`` are the text's actor
    tokens when the caller has analysed it (:class:`rasd.clean.analysis.Analysis`).
    """
    return (actors or load_actors()).resolve(text, country=country,
                                             fallback_country=fallback_country, on=on,
                                             toks=tokens)


def generic_actor(kind: str, country: str, *, actors: ActorDictionary | None = None) -> Actor:
    """The generic actor ("unidentified_armed_group", "civilians", "protesters",
    "rioters") of a country, e.g. ``uag-sy`` "Unidentified Armed Group (Syria)"."""
    return (actors or load_actors()).generic(kind, country)
