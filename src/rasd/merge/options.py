"""The thresholds and switches of the merge rules (:class:`MergeOptions`); the rules
themselves are in :mod:`rasd.merge.facets` (where the functions the options name are,
but :func:`in_city`, in :mod:`rasd.merge.places`) and :mod:`rasd.merge.links`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MergeOptions:
    """Thresholds of the merge rules.

    ``near_km``: places this close are one place. ``day_gap``: dates (spans
    included) at most this many days apart agree. ``exact_day_gap``: two
    reports that both give the day (time precision 1) with days further apart
    than this (and within ``day_gap``) need corroboration. ``published_gap``: an
    unknown or month-only date agrees with articles published at most this many
    days apart. ``coarse_population``: a populated place of this many people or
    more is a coarse place. ``evidence_jaccard``: evidence sentences whose
    content words have at least this Jaccard similarity corroborate a weak
    link. ``evidence_jaccard_undated``: the same when the dates do not put the
    two on one day (neither gives the day, one gives a day outside the other's
    span, or they give different days); set higher, as sentences about one
    front share its places, actors and set phrases whatever the day, so only
    nearly one sentence (one wire copy) tells one happening.
    ``corroborating_toll``: the least death toll that, given alike by two
    reports naming one actor, corroborates a weak link (tolls of one or two
    killed recur across a front every day).
    ``corroborate``: whether weak links need corroboration at all (False gives
    the rules without :func:`rasd.merge.links.weak_facets`, for comparison).
    ``actors_despite``, ``toll_ratio``: actors apart that share a named party
    (:func:`_actors_despite`) unless the tolls differ by more than the ratio.
    ``recalled_day_gap``: the days apart a recalled event may be told
    (:func:`_recalled_dates`).

    The rules drawn from how outlets tell one incident differently (each can be
    switched off, for comparison): ``associates_differ`` (off: on the development
    gold events it joined two incidents as often as one): actors that differ only
    in associates of the same two principal actors agree; ``window_day``: a day
    one report gives inside the other's news window, at one gazetteer place that
    is not coarse, is not weak; ``dated_toll``: the least toll that, given alike
    by two reports naming one actor, corroborates a link whose dates help (one day,
    or a day in the other's span); ``same_day_principals`` (off: on
    rasd's own development reports it joined only incidents the coders told apart):
    the same two principal actors and sub-event type on one day both give, at one
    place both name, corroborate a coarse place; ``one_act``: one bombing at one precise place on
    one day agrees whoever each report blames (:func:`_one_act`); ``umbrella_actors``: an
    umbrella actor ("Opposition Rebels (Syria)") one report names stands for the other's
    named faction of its side (:mod:`rasd.merge.umbrella`); ``one_day_subtypes`` and
    ``same_day_actors``: see :func:`rasd.merge.links.weak_facets` and
    :func:`rasd.merge.links.corroboration`.

    Issue 15's third round: ``weak_last``: the corroboration of a weak link adds
    nothing to its score, so it no longer outranks the link of two reports of one
    town that needs none (complete linkage takes links strongest first);
    ``city_quarters`` and ``city_km``: a quarter or suburb of a large city
    (:func:`in_city`) agrees on place with the city, weakly, and one day both give at
    the quarter and the city counts as one day at one place for the same-day
    corroborations of a coarse place (:mod:`rasd.merge.links`); ``bombing_days`` and
    ``bombing_day_gap``: one deadly bombing told days apart (:func:`one_bombing`).

    Issue 15's fourth round: ``one_sentence``: actors that each name a party the other
    lacks still agree when the two share one, give one sub-type and carry one wire
    sentence (evidence of ``evidence_jaccard_undated`` or more:
    :func:`rasd.merge.facets._actors_despite`); ``fronts``: in a large city, the quarters
    and sides the sentences name (:mod:`rasd.merge.fronts`) corroborate a pair of one
    front and part two reports naming only different quarters
    (:func:`rasd.merge.links._front_tie`); ``toll_updates`` and ``update_day_gap``: a
    toll updated days later, with no day of its own, may tell an act of those days
    (:func:`rasd.merge.facets.updated_toll`); ``one_agreement``: two reports of an
    agreement between the same two principal actors on dates that agree corroborate
    each other at a coarse place (:func:`rasd.merge.links.corroboration`).

    Issue 15's fifth round: ``province_toll``: a place of a governorate and the
    governorate or its capital named like it (Lice and Diyarbakır) agree on place, weakly,
    and a day apart at most, one sub-type and one nonzero toll corroborate them
    (:func:`rasd.merge.places.province_toll`); ``window_near``: a battle of the same two
    named parties at such a capital and a place of its governorate within ``near_km``
    (Ma'rib and al-Faww) is one place for the news-window rule
    (:func:`rasd.merge.links.near_battle`); off: dev2 +1 true pair and no false one, but
    on the 24-26 July 2015 corpus sample it joined 20 pairs of which 4 were right, the
    rest one front told at two names (Dar'a and Atman) or sentences that tell no event.

    Issue 15's sixth round: ``allied_actors``: actors of one allied group of
    ``data/merge_allied_actors.tsv`` (the Yemeni army and the Popular Resistance in
    battles; the coalition and the ground forces it backed in air strikes) count as one
    party for the actors facet and for the attacker and target of a front
    (:mod:`rasd.merge.allies`).
    """

    near_km: float = 10.0
    day_gap: int = 1
    exact_day_gap: int = 0
    published_gap: int = 3
    coarse_population: int = 500_000
    evidence_jaccard: float = 0.3
    evidence_jaccard_undated: float = 0.5
    corroborating_toll: int = 5
    corroborate: bool = True
    actors_despite: bool = True
    toll_ratio: float = 1.5
    recalled_day_gap: int = 7
    associates_differ: bool = False
    window_day: bool = True
    dated_toll: int = 1
    same_day_principals: bool = False
    one_act: bool = True
    across_types: bool = True
    told_twice: bool = True
    umbrella_actors: bool = True
    one_day_subtypes: bool = True
    same_day_actors: bool = True
    weak_last: bool = True
    city_quarters: bool = True
    city_km: float = 20.0
    bombing_days: bool = True
    bombing_day_gap: int = 3
    one_sentence: bool = True
    fronts: bool = True
    toll_updates: bool = True
    one_agreement: bool = True
    update_day_gap: int = 3
    province_toll: bool = True
    window_near: bool = False
    allied_actors: bool = True
