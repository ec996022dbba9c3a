"""The front of a large city a report tells, read from its evidence sentences.

A city of a million (Aden, Sanaa, Baghdad) is a coarse place (:mod:`rasd.merge.places`):
on one day it holds several acts of one kind, and "Aden" alone does not say which. The
sentences do: outlets name the quarter hit (دار سعد، التواهي) or the side of the city
fought over ("الأحياء الشمالية من مدينة عدن", "شمال عدن"). A report's *front* is that
set: the quarters of the city its sentences name (gazetteer places within ``city_km``
of the city's point, its own place when that is one) and the sides of the city named
just before the city's name. Two reports of one day that name one front tell one
act more likely than not; two that name only different fronts tell two
(:func:`rasd.merge.links.corroboration`, ``MergeOptions.fronts``).
"""

from __future__ import annotations

from functools import lru_cache
from itertools import pairwise

from rasd.clean.word_sets import word_set
from rasd.geo.geodesy import haversine_km
from rasd.models import Event, Location

# The sides of a city, by the stem of their words (شمال، الشمالية، شمالي، شمالا …), and
# the words that may stand between a side and the city's name: "الشمالية من مدينة عدن"
# (data/word_sets.tsv).
_SIDES = {stem: side for side in ("north", "south", "east", "west")
          for stem in word_set(f"side_{side}")}
_BETWEEN = word_set("front_link")
_REGION_KINDS = ("admin1", "admin2", "admin3", "region", "country")


def _side(form: str) -> str | None:
    for stem, side in _SIDES.items():
        if form.startswith(stem) and len(form) <= len(stem) + 2:
            return side
    return None


@lru_cache(maxsize=4096)
def _front(texts: tuple[str, ...], city: str, lat: float, lon: float, city_id: str,
           city_km: float) -> frozenset[str]:
    from rasd.extract.tokens import tokenize
    from rasd.geo.gazetteer import load_gazetteer

    gaz = load_gazetteer()  # the packaged one, loaded once per process
    names = {f for tok in tokenize(city)[-1:] for f in tok.forms} - {""}
    out: set[str] = set()
    for text in texts:
        toks = tokenize(text)
        forms = [set(tok.forms) for tok in toks]
        for j, f in enumerate(forms):
            if not names & f:
                continue
            # A side just before the city's name ("شمال عدن", "الأحياء الشمالية من
            # مدينة عدن"); one after it is the city's place in the country ("عدن جنوب
            # اليمن"), and one further off is another clause's ("تقدمت شمالا نحو لحج").
            i = j - 1
            while i >= 0 and i >= j - 3 and forms[i] & _BETWEEN:
                i -= 1
            if i >= 0:
                out.update(f"side:{s}" for s in map(_side, forms[i]) if s)
        # Quarters: one- and two-word names of places near the city's point (each word
        # with or without its proclitics: "التواهي", "ودار سعد").
        grams = {w for f in forms for w in f} | {
            f"{x} {y}" for fa, fb in pairwise(forms)
            for x in fa for y in fb}
        for gram in grams:
            if len(gram) < 3 or gram in names or any(_side(w) for w in gram.split()):
                continue
            for p in gaz.candidates(gram):
                if p.id != city_id and p.kind not in _REGION_KINDS \
                        and haversine_km(lat, lon, p.lat, p.lon) <= city_km:
                    out.add(p.id)
    return frozenset(out)


def front(ev: Event, city: Location, *, city_km: float) -> frozenset[str]:
    """The front of the city ``city`` that ``ev`` tells: gazetteer ids of its quarters
    named in the evidence (and ``ev``'s own place when it is one) and the sides of
    the city (``side:north``, …) named just before the city's name. Empty when the
    sentences name no part of the city."""
    out = _front(tuple(e.text for e in ev.evidence), city.name_ar or city.name,
                 round(city.lat, 4), round(city.lon, 4), city.gazetteer_id or "", city_km)
    loc = ev.location
    if loc is not None and loc.gazetteer_id and loc.gazetteer_id != city.gazetteer_id \
            and haversine_km(city.lat, city.lon, loc.lat, loc.lon) <= city_km:
        out |= {loc.gazetteer_id}
    return out
