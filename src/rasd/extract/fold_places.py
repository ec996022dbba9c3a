"""Whether two candidates of one article happened at one place, for the fold; one recalled
act per place and date of a sentence (``one_recalled_act``, issue 14, dup8).

Two entries of one name a few kilometres apart are one place (two gazetteers' points for
one village); two villages a few kilometres apart are two; bombs in two quarters of the
city both were coded at are two blasts (issue 14, act7). :mod:`rasd.extract.fold` asks
these while joining tellings of one act.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rasd.clean.analysis import squash
from rasd.geo.geodesy import haversine_km
from rasd.models import Place, PlaceMention

if TYPE_CHECKING:
    from rasd.extract.fold import Candidate

__all__ = ["BOMBS", "NEAR_KM", "blasts_apart", "km", "one_recalled_act", "places_agree",
           "spellings"]

NEAR_KM = 3.0  # a neighbourhood and its town, a bridge and its town: one place
# Sub-types told for one blast, the more specific first: the claim calls it a suicide
# bombing, the first wire line an explosion.
BOMBS = ("Suicide bomb", "Grenade", "Remote explosive/landmine/IED")


def km(a: PlaceMention, b: PlaceMention) -> float:
    return haversine_km(a.place.lat, a.place.lon, b.place.lat, b.place.lon)


def places_agree(a: PlaceMention | None, b: PlaceMention | None) -> str | None:
    """"same" for one gazetteer place, "spelling" for two entries of one name a few km
    apart (two gazetteers' points for one village), None otherwise: two villages a
    few km apart (Kafraya and al-Fu'a) are two places."""
    if a is None or b is None:
        return "same" if a is b else None
    if a.place.id == b.place.id:
        return "same"
    if km(a, b) <= NEAR_KM and spellings(a.place) & spellings(b.place):
        return "spelling"
    return None


def spellings(p: Place) -> set[str]:
    """A place's Arabic names as the gazetteer index keys them (spaces and spelling
    variants folded: ``كفر نبل`` = ``كفرنبل``), with and without the article."""
    keys = {squash(n) for n in (p.name_ar, *p.aliases) if n}
    return keys | {k[2:] if k.startswith("ال") else "ال" + k for k in keys}


def blasts_apart(a: Candidate, b: Candidate) -> bool:
    """``في منطقة البياع في غرب العاصمة``، ``منطقة بغداد الجديدة (شرق)``: bombs in two
    quarters of the city both were coded at are two blasts (issue 14, act7: dev2
    snn-a0db07e97161, snn-ba497f79e9ab, snn-5bdee70024d8: three Baghdad car bombs of two
    days joined into one). A fight or shelling over a city's quarters is often one
    event for the coders; a blast has one spot."""
    return (a.sub_event_type in BOMBS and b.sub_event_type in BOMBS
            and a.place is not None and b.place is not None
            and _other_parts(a.place, b.place))


def _other_parts(a: PlaceMention, b: PlaceMention) -> bool:
    """Both mentions name, by names of their own, two different parts of the place
    they were coded at (``_lift_city_parts``)."""
    own = spellings(a.place)
    ka, kb = squash(a.surface), squash(b.surface)
    if ka in own or kb in own:
        return False
    return kb not in (ka, ka[2:] if ka.startswith("ال") else "ال" + ka)


def one_recalled_act(cands: list[Candidate]) -> list[Candidate]:
    """One recalled act per place and date of a sentence: background candidates of one
    sentence that share its date and place are one act read through several of its
    words (``طردت القوات التنظيم من المدينة في يناير بمساعدة الغارات``: a take-over,
    not also an air strike; a bomber who failed to carry out an attack: one attempt, not
    a suicide bomb and a clash). The first in the walk's order stands. Places listed in one recalled
    sentence stay apart (the arrests in four Saudi cities of dev3 snn-7a6abd9611fa).
    Errors behind it (issue 14, dup8): dev snn-fe97ba992466; dev2 snn-e4867166bf14 (2),
    snn-6d7f2aa61c7f; dev4 snn-0745642354e2; dev5 snn-ae28f7a08957 (2)."""
    seen: set[tuple[int, str, object]] = set()
    out = []
    for c in cands:
        if c.background and c.place is not None and c.date is not None:
            key = (c.sentence.start, c.place.place.id, c.date)
            if key in seen:
                continue
            seen.add(key)
        out.append(c)
    return out
