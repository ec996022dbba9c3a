"""The facets on which two reports of one event must agree (see :mod:`rasd.merge.merger`).

Two reports describe one event when they agree on every facet (:func:`facets`):

- type: the same event type, and the same sub-event type or two that outlets
  confuse for one act (air strike / shelling; IED / suicide bomb / grenade;
  clash / territory taken; the two protest and the two riot sub-types);
- actors: the named (not generic) actors of one report are all named by the
  other (so they share one, or one report names none); ISIS against the SDF
  and ISIS against the army are two events;
- place: the same gazetteer place, places within ``near_km``, or one inside
  the other's admin area; a report with no place merges only with a near copy
  of its own article;
- date: spans within ``day_gap`` days of each other; when a date is unknown or
  only its month is, articles published within ``published_gap`` days;
- never two reports of one article (extraction already separated them), but for
  one bombing told twice in it (:func:`_told_twice`).

Relaxations answer how outlets tell one happening differently: actors that
differ but share a named party (:func:`_actors_despite`: not when each names an
opponent the other lacks, unless one large toll ties them), a recalled
(background) event whose date is a few days off at one precise place
(:func:`_recalled_dates`), one bombing whoever is blamed (:func:`_one_act`), and an
attack on civilians told by another outlet as a bombing (:func:`_across`). Each
facet gives a score (what the link's strength adds up) and a reason (what the link
says).

The thresholds are in :mod:`rasd.merge.options` and how two places stand to each
other in :mod:`rasd.merge.places` (both re-exported here).
"""

from __future__ import annotations

from functools import cache

from rasd.merge.evidence import evidence_similarity
from rasd.merge.options import MergeOptions
from rasd.merge.places import (
    PlaceLookup,
    coarse_place,
    countryside,
    distance_km,
    in_city,
    in_province,
    inside,
    province_toll,
)
from rasd.models import Actor, Event, Report

__all__ = [
    "ACROSS_TYPES", "BOMB_TYPES", "ONE_BOMBING", "PROVINCE", "RECALLED", "TOLD_TWICE",
    "UPDATED_TOLL", "MergeOptions", "PlaceLookup", "coarse_place", "countryside",
    "distance_km", "facets", "in_city", "in_province", "inside", "is_generic",
    "named_actors", "one_bombing", "principal_actors", "province_toll", "tolls_clash",
    "updated_toll",
]


# Sub-event types outlets use for one act; a canonical event takes the
# majority sub-type of its reports.
_COMPATIBLE: tuple[frozenset[str], ...] = (
    frozenset({"Air/drone strike", "Shelling/artillery/missile attack"}),
    frozenset({"Remote explosive/landmine/IED", "Suicide bomb", "Grenade"}),
    frozenset({"Armed clash", "Government regains territory",
               "Non-state actor overtakes territory"}),
    frozenset({"Peaceful protest", "Protest with intervention",
               "Excessive force against protesters"}),
    frozenset({"Violent demonstration", "Mob violence"}),
)
# Sub-event types of two event types that outlets use for one act (:func:`_across`):
# one outlet's "attack" on a crowd is another's suicide bombing (the method told or
# not; the development cluster dev7-c12, Suruç: two outlets' attack against thirteen
# reports' suicide bombing or IED). Shelling
# told as a battle is not here: no development cluster shows it.
_ACROSS: tuple[tuple[frozenset[str], frozenset[str]], ...] = (
    (frozenset({"Attack"}),
     frozenset({"Remote explosive/landmine/IED", "Suicide bomb", "Grenade"})),
)
_CIVILIANS = "Violence against civilians"
# The event types whose reports may be compared at all (:func:`_across`).
ACROSS_TYPES: dict[str, frozenset[str]] = {
    _CIVILIANS: frozenset({"Explosions/Remote violence"}),
    "Explosions/Remote violence": frozenset({_CIVILIANS}),
}


@cache
def _generic_prefixes() -> tuple[str, ...]:
    from rasd.actors.dictionary import GENERIC_KINDS

    return tuple(f"{v[0]}-" for v in GENERIC_KINDS.values())


def is_generic(actor: Actor) -> bool:
    """Unidentified armed groups, civilians, protesters, rioters: roles, not actors."""
    return actor.id.startswith(_generic_prefixes())


def named_actors(ev: Event) -> dict[str, Actor]:
    every = (ev.actor1, ev.actor2, *ev.assoc_actor1, *ev.assoc_actor2)
    return {a.id: a for a in every if a is not None and not is_generic(a)}


def principal_actors(ev: Event) -> frozenset[str]:
    """The ids of an event's named actor1 and actor2 (not their associates)."""
    return frozenset(a.id for a in (ev.actor1, ev.actor2)
                     if a is not None and not is_generic(a))


def _types(a: Event, b: Event) -> tuple[int, str] | None:
    if a.event_type != b.event_type:
        return None
    if a.sub_event_type == b.sub_event_type:
        return 1, f"same type: {a.sub_event_type}"
    if any(a.sub_event_type in g and b.sub_event_type in g for g in _COMPATIBLE):
        return 0, f"compatible types: {a.sub_event_type} ~ {b.sub_event_type}"
    return None


def _named_pair(a: Event, b: Event, umbrella: bool, allies: bool = False,
                ) -> tuple[dict[str, Actor], dict[str, Actor], str]:
    """The named actors of two reports; with ``umbrella``, an umbrella actor one names
    ("Opposition Rebels (Syria)") taken as the other's faction it stands for
    (:func:`rasd.merge.umbrella.absorb`); with ``allies``, an actor one names taken as the
    other's of its allied group (:func:`rasd.merge.allies.absorb`); a note for the link."""
    na, nb = named_actors(a), named_actors(b)
    day = a.date.start if a.date is not None else b.date.start if b.date is not None else None
    notes = []
    if umbrella:
        from rasd.merge.umbrella import absorb

        na, nb, why = absorb(na, nb, on=day)
        if why:
            notes.append(f"umbrella actor: {'; '.join(why)}")
    if allies:
        from rasd.merge.allies import absorb as absorb_allies

        na, nb, why = absorb_allies(na, nb, a.sub_event_type, b.sub_event_type, on=day)
        if why:
            notes.append(f"allied actors: {'; '.join(why)}")
    return na, nb, f" ({'; '.join(notes)})" if notes else ""


def _actors(a: Event, b: Event, *, umbrella: bool = False,
            allies: bool = False) -> tuple[int, str] | None:
    """The actors one report names must all be named by the other: ISIS against the SDF
    and ISIS against the army in one town on one day are two events, as ACLED codes them.
    With ``umbrella`` or ``allies`` (``MergeOptions.umbrella_actors``, ``allied_actors``),
    one report's "the rebels" may be the other's named rebel faction, its army the
    other's Popular Resistance (:mod:`rasd.merge.umbrella`, :mod:`rasd.merge.allies`)."""
    na, nb, note = _named_pair(a, b, umbrella, allies)
    if not (na.keys() <= nb.keys() or nb.keys() <= na.keys()):
        return None
    shared = sorted(set(na) & set(nb))
    if shared:
        return 2, "shared actor: " + ", ".join(na[i].name for i in shared) + note
    return 0, "one report names no actor"


def _toll(ev: Event) -> int:
    return ev.fatalities.best if ev.fatalities is not None else 0


def tolls_clash(a: Event, b: Event, *, ratio: float = 1.5) -> bool:
    """Both reports give a death toll and one is more than ``ratio`` times the other:
    two happenings, unless the actors agree (then a later report may have updated the
    toll). Tellings of one happening differ by a few (30, 32, then 43 as the wounded
    die), not by a multiple."""
    ta, tb = _toll(a), _toll(b)
    return ta > 0 and tb > 0 and max(ta, tb) > ratio * min(ta, tb)


def _actors_despite(a: Event, b: Event, opts: MergeOptions) -> tuple[int, str] | None:
    """Actors that :func:`_actors` finds apart, taken as one happening's all the same.

    Outlets (and extraction) differ most on who did it and who was hit: the police
    or the army, a claimed group or "gunmen", one side's name for the other. When
    the two give one sub-event type (or two of one act), give no two tolls apart
    (:func:`tolls_clash`), and share a named actor (civilians in common are not an
    actor in common: ISIS and the army each killing civilians in one town are two
    events), the actors are not what tells them apart. But when each also names a
    party the other does not (ISIS against the SDF, ISIS against the army), they
    are two fights unless one large toll (``corroborating_toll`` or more) given by
    both ties them, or the two name the same two principal actors (actor1 and
    actor2, in either order) and differ only in their associates: outlets list a
    side's allies as they see fit (the coalition beside the Popular Resistance,
    Saleh's forces beside the Houthis), the fight is the same. The place and date
    must then be strong or corroborated, as for any pair (:func:`weak_facets`).
    """
    if _types(a, b) is None or tolls_clash(a, b, ratio=opts.toll_ratio):
        return None
    na, nb, note = _named_pair(a, b, opts.umbrella_actors, opts.allied_actors)
    shared = sorted(set(na) & set(nb))
    if not shared:
        return None
    names = ", ".join(na[i].name for i in shared) + note
    if set(na) - set(nb) and set(nb) - set(na):
        # Each names a party the other does not (ISIS against the SDF, ISIS against
        # the army): two fights, unless one large toll, given alike, ties them.
        ta, tb = _toll(a), _toll(b)
        if min(ta, tb) >= max(1, opts.corroborating_toll):
            return 0, f"actors differ, shared actor: {names}, same toll ({ta} ~ {tb} killed)"
        pa, pb = principal_actors(a), principal_actors(b)
        if opts.associates_differ and len(pa) == 2 and pa == pb:
            return 0, f"associates differ, same principal actors: {names}"
        if opts.one_sentence and a.sub_event_type == b.sub_event_type:
            # One wire sentence read two ways: extraction reads the other party from
            # each article's context (the resistance or the coalition as the air
            # strikes' actor; the YPG or the Turkish army against ISIS at Kilis), the
            # sentence and the act are the same.
            sim = evidence_similarity(a, b)
            if sim >= opts.evidence_jaccard_undated:
                return 0, (f"actors differ, shared actor: {names}; one sentence "
                           f"({sim:.2f}) tells both")
        return None
    return 0, "actors differ, shared actor: " + names


def _places(a: Event, b: Event, opts: MergeOptions, place_of: PlaceLookup | None,
            near_copies: bool) -> tuple[int, str] | None:
    la, lb = a.location, b.location
    if la is None or lb is None:
        # Without a place, only a copy of the same article is safe to join.
        return (0, "a report has no place; near-copy articles") if near_copies else None
    if la.country and lb.country and la.country != lb.country:
        return None
    if la.gazetteer_id and la.gazetteer_id == lb.gazetteer_id:
        return 2, f"same place: {la.name}"
    km = distance_km(la, lb)
    if km <= opts.near_km:
        return 1, f"places {km:.1f} km apart: {la.name}, {lb.name}"
    if inside(la, lb, place_of=place_of):
        return 0, f"{la.name} lies in {lb.name}"
    if inside(lb, la, place_of=place_of):
        return 0, f"{lb.name} lies in {la.name}"
    for inner, outer in ((la, lb), (lb, la)):
        if countryside(inner, outer):
            return 0, f"{inner.name} lies in the countryside of {outer.name}"
    if opts.city_quarters:
        for inner, outer in ((la, lb), (lb, la)):
            if in_city(inner, outer, options=opts, place_of=place_of):
                return 0, f"{inner.name} lies in the city of {outer.name}"
    if opts.province_toll and province_toll(a, b, options=opts, place_of=place_of) is not None:
        # Only with what ties the two to one incident (the same sub-type and toll a day
        # apart at most): else two reports compatible here would let complete linkage
        # join a province's incidents through a third report.
        for inner, outer in ((la, lb), (lb, la)):
            if in_province(inner, outer, place_of=place_of):
                return 0, f"{PROVINCE} {outer.name}: {inner.name}"
    return None


PROVINCE = "a place of the province of"


def _vague(ev: Event) -> bool:
    return ev.date is None or ev.date.precision >= 3


def _dates(a: Report, b: Report, opts: MergeOptions,
           near_copies: bool) -> tuple[int, str] | None:
    da, db = a.event.date, b.event.date
    gap: int | None = None
    if da is not None and db is not None:
        gap = max(0, (max(da.start, db.start) - min(da.end, db.end)).days)
    if not _vague(a.event) and not _vague(b.event):
        assert da is not None and db is not None and gap is not None
        if gap <= opts.day_gap:
            if da.precision == db.precision == 1 and da.start == db.start:
                return 2, f"same day: {da.start.isoformat()}"
            return (1, "dates overlap") if gap == 0 else (0, f"dates {gap} day(s) apart")
        return (0, "near-copy articles") if near_copies else None
    if gap is not None and gap > opts.day_gap:
        return None
    if a.published and b.published:
        days = abs((a.published - b.published).days)
        if days <= opts.published_gap:
            return 0, f"date unknown or vague; articles published {days} day(s) apart"
    return (0, "near-copy articles") if near_copies else None


# Sub-event types whose perpetrator outlets often do not know or dispute (a bomb
# planted or carried): the act, its place and its day tell the event.
BOMB_TYPES = frozenset({"Remote explosive/landmine/IED", "Suicide bomb", "Grenade"})


def _one_act(a: Event, b: Event, opts: MergeOptions, place_of: PlaceLookup | None,
             when: str = "on one day") -> tuple[int, str] | None:
    """Actors that neither :func:`_actors` nor :func:`_actors_despite` reconcile, taken as
    one event's all the same when the act itself is told alike: a bombing
    (:data:`BOMB_TYPES`: an IED to one outlet is a suicide bomb to another), with no
    tolls apart (:func:`tolls_clash`), at one gazetteer place that is not coarse
    (:func:`coarse_place`), on one day both give or a recalled bombing's date
    (:func:`_recalled_dates`; the caller checks place and day).
    Who set off a bomb is what outlets and extraction disagree on most (a claim,
    the authorities' suspect, the victims' side read as the attacker), while two
    bombings of one kind in one town on one day are rare. Not for strikes, shelling,
    attacks on civilians or battles, whose actor tells two events apart (ISIS and
    the army each killing civilians in one town on one day are two events).
    """
    if a.sub_event_type not in BOMB_TYPES or b.sub_event_type not in BOMB_TYPES \
            or tolls_clash(a, b, ratio=opts.toll_ratio):
        return None
    loc = a.location
    if loc is None or coarse_place(loc, options=opts, place_of=place_of):
        return None
    return 0, f"actors differ; one act ({a.sub_event_type}) at one place {when}"


def _across(a: Event, b: Event, opts: MergeOptions, place_of: PlaceLookup | None,
            ) -> tuple[int, str] | None:
    """Sub-event types of two event types taken as one act (:data:`_ACROSS`): an attack
    on civilians and a bombing (one outlet tells the method, another does not).
    Only at one precise place (not coarse: a city of many incidents a day) on one day
    both give (the caller checks both), with no tolls apart (:func:`tolls_clash`) and,
    against an attack on civilians, no armed target: two incidents of one town and day
    stay apart when their tolls or targets differ."""
    pair = {a.sub_event_type, b.sub_event_type}
    if not any(pair & x and pair & y for x, y in _ACROSS):
        return None
    if a.event_type == b.event_type or tolls_clash(a, b, ratio=opts.toll_ratio):
        return None
    # An attack's target is civilians: a bombing of an armed actor (a checkpoint, a
    # convoy) in the same town is another act.
    for x, y in ((a, b), (b, a)):
        if x.event_type == _CIVILIANS and y.actor2 is not None and not is_generic(y.actor2):
            return None
    if any(loc is None or coarse_place(loc, options=opts, place_of=place_of)
           for loc in (a.location, b.location)):
        return None
    return 0, f"one act told as {a.sub_event_type} ~ {b.sub_event_type}"


TOLD_TWICE = "one bombing told twice in one article"


def _bombings_at_one_place(ea: Event, eb: Event, opts: MergeOptions,
                           place_of: PlaceLookup | None) -> bool:
    """Both events bombings (:data:`BOMB_TYPES`) at one gazetteer place that is not
    coarse: what a bombing told twice, or told again days later, needs first."""
    if ea.sub_event_type not in BOMB_TYPES or eb.sub_event_type not in BOMB_TYPES:
        return False
    la, lb = ea.location, eb.location
    return not (la is None or lb is None or la.gazetteer_id is None
                or la.gazetteer_id != lb.gazetteer_id
                or coarse_place(la, options=opts, place_of=place_of))


def _told_twice(a: Report, b: Report, opts: MergeOptions,
                place_of: PlaceLookup | None) -> list[tuple[int, str]] | None:
    """Two reports of one article that tell one bombing twice (issue 15, item 4): an
    article tells the blast, then its toll or its claim in another paragraph, and
    extraction reads each as an event (an IED and a suicide bombing at Abha on
    6 August 2015; an IED and a suicide bombing at Suruç in one article of the
    development set). Only bombings (:data:`BOMB_TYPES`), at one gazetteer place that
    is not coarse, on dates that overlap, whose actors one names all of the other's
    (:func:`_actors`), with no tolls far apart (:func:`tolls_clash`). Otherwise two
    events of one article are two incidents (a battle and an IED "in the same town")."""
    ea, eb = a.event, b.event
    if not _bombings_at_one_place(ea, eb, opts, place_of):
        return None
    da, db = ea.date, eb.date
    if da is None or db is None or _vague(ea) or _vague(eb) \
            or max(da.start, db.start) > min(da.end, db.end):
        return None
    actors = _actors(ea, eb)
    if actors is None or tolls_clash(ea, eb, ratio=opts.toll_ratio):
        return None
    place = ea.location.name if ea.location is not None else ""
    return [(0, TOLD_TWICE), actors, (2, f"same place: {place}"), (1, "dates overlap")]


def facets(a: Report, b: Report, opts: MergeOptions, place_of: PlaceLookup | None,
            near_copies: bool) -> list[tuple[int, str]] | None:
    """The four facets' scores and reasons, or None when one disagrees."""
    if a.id == b.id:
        return None
    if a.doc_id == b.doc_id:
        return _told_twice(a, b, opts, place_of) if opts.told_twice else None
    types = _types(a.event, b.event)
    actors = _actors(a.event, b.event, umbrella=opts.umbrella_actors,
                     allies=opts.allied_actors)
    if actors is None and opts.actors_despite:
        actors = _actors_despite(a.event, b.event, opts)
    found = []
    place = _places(a.event, b.event, opts, place_of, near_copies)
    dates = _dates(a, b, opts, near_copies)
    if dates is None and place is not None and place[0] >= 1:  # one place, or near
        dates = _recalled_dates(a, b, opts, place_of)
    if dates is None and opts.bombing_days and place is not None and place[0] == 2:
        dates = one_bombing(a, b, opts, place_of, deadly=False)
    if dates is None and opts.toll_updates and place is not None:
        dates = updated_toll(a, b, opts)
    if actors is None and opts.one_act and place is not None and place[0] == 2 \
            and dates is not None and (dates[0] == 2 or dates[1].startswith(RECALLED)):
        actors = _one_act(a.event, b.event, opts, place_of,
                          when="on one day" if dates[0] == 2 else "recalled days later")
    if types is None and opts.across_types and place is not None and place[0] >= 1 \
            and dates is not None and dates[0] == 2:  # one place (or near), one day
        types = _across(a.event, b.event, opts, place_of)
    for facet in (types, actors, place, dates):
        if facet is None:
            return None
        found.append(facet)
    return found


RECALLED = "a recalled event's date"
ONE_BOMBING = "one deadly bombing told days apart"


def one_bombing(a: Report, b: Report, opts: MergeOptions, place_of: PlaceLookup | None,
                *, deadly: bool = True) -> tuple[int, str] | None:
    """Dates a few days apart (up to ``bombing_day_gap``) that still tell one bombing:
    both reports tell a bombing (:data:`BOMB_TYPES`) at one precise place (the same
    gazetteer place, not coarse), one of them gives a toll of ``corroborating_toll``
    or more, and the tolls are not far apart (:func:`tolls_clash`; a report silent on
    deaths is no figure). A deadly bombing is news for days: the next days' stories
    (the claim, the funerals, the inquiry) are often dated to their own frame ("the
    bombing that struck Suruç yesterday" read as the day before publication), while
    two deadly bombings of one town within days are rare. Status does not matter
    (:func:`_recalled_dates` needs one report to recall the event as background).

    Without ``deadly`` the toll of ``corroborating_toll`` is not asked for: the facets
    (:func:`facets`) of two follow-up reports silent on the toll agree, so complete
    linkage may keep them in the bombing's event, but their link is weak (different
    days) and needs corroboration (:mod:`rasd.merge.links`)."""
    ea, eb = a.event, b.event
    if not _bombings_at_one_place(ea, eb, opts, place_of):
        return None
    if (deadly and max(_toll(ea), _toll(eb)) < max(1, opts.corroborating_toll)) \
            or tolls_clash(ea, eb, ratio=opts.toll_ratio):
        return None
    if ea.date is None or eb.date is None or _vague(ea) or _vague(eb):
        return None
    gap = max(0, (max(ea.date.start, eb.date.start) - min(ea.date.end, eb.date.end)).days)
    if gap > opts.bombing_day_gap:
        return None
    return 0, f"{ONE_BOMBING}: {gap} day(s) apart"


def _recalled_dates(a: Report, b: Report, opts: MergeOptions,
                    place_of: PlaceLookup | None) -> tuple[int, str] | None:
    """Dates further apart than ``day_gap`` that still tell one happening: one report
    recalls the event as background (its date is the article's frame more often than
    the event's own: "the Suruç bombing" told four days on), both give one sub-event
    type (or two bomb types, :data:`BOMB_TYPES`) at one precise (not coarse) place
    (the same or within ``near_km``: not one
    place in another's area or countryside), give no tolls far apart
    (:func:`tolls_clash`), and the days are at most
    ``recalled_day_gap`` apart."""
    ea, eb = a.event, b.event
    if "background" not in (ea.status, eb.status):
        return None
    # One sub-event type, or two of one bombing (an IED to one outlet, a suicide
    # bomb to another: the method is told days later, by then from the claim).
    if ea.sub_event_type != eb.sub_event_type and not (
            ea.sub_event_type in BOMB_TYPES and eb.sub_event_type in BOMB_TYPES):
        return None
    if tolls_clash(ea, eb, ratio=opts.toll_ratio):  # a later attack of its own, recalled
        return None
    if ea.date is None or eb.date is None or ea.location is None or eb.location is None:
        return None
    if any(coarse_place(loc, options=opts, place_of=place_of)
           for loc in (ea.location, eb.location)):
        return None
    gap = max(0, (max(ea.date.start, eb.date.start) - min(ea.date.end, eb.date.end)).days)
    if gap > opts.recalled_day_gap:
        return None
    return 0, f"{RECALLED}: {gap} day(s) apart"


UPDATED_TOLL = "a toll updated days later"


def updated_toll(a: Report, b: Report, opts: MergeOptions) -> tuple[int, str] | None:
    """Dates a few days apart that still tell one act: one report updates the toll
    ("ارتفع عدد القتلى … إلى 57": an update cue, :func:`rasd.merge.record.toll_kinds`)
    with no day of its own (its date is its article's news window or a span), and the
    other gives a day up to ``update_day_gap`` days before that date, the same sub-type
    and a toll no higher than the update's and not far from it (:func:`tolls_clash`).
    A toll rises after the day of the act, so the update is told in the days after it;
    the link stays weak (different days) and needs corroboration
    (:mod:`rasd.merge.links`: the same toll, or one sentence)."""
    from rasd.merge.record import toll_kinds

    ea, eb = a.event, b.event
    if ea.sub_event_type != eb.sub_event_type or tolls_clash(ea, eb, ratio=opts.toll_ratio):
        return None
    for upd, other in ((ea, eb), (eb, ea)):
        du, do = upd.date, other.date
        if du is None or do is None or du.precision < 2 or du.precision > 2 \
                or do.precision != 1 or _toll(upd) <= 0 or _toll(other) > _toll(upd) \
                or "update" not in toll_kinds(upd):
            continue
        gap = (du.start - do.start).days
        if 0 < gap <= opts.update_day_gap:
            return 0, f"{UPDATED_TOLL}: {gap} day(s) after"
    return None
