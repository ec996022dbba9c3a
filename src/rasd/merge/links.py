"""Links between reports: agreement, weak facets and what corroborates them.

Agreeing on every facet (:mod:`rasd.merge.facets`) is not enough when the facets
are weak (:func:`weak_facets`), for then many different happenings of one front
agree by accident:

- the two do not both give the day of the event: a date without a day is
  mostly the news window "day before publication to publication", which
  overlaps the windows and the days of reports published a day before or after
  (else it is a span of days or a month);
- both give the day, but the days differ (by more than ``exact_day_gap``);
- the place is coarse: a governorate or region, a place known only to admin-1
  precision, a city of ``coarse_population`` people or more, or a match only
  by one place lying in the other's admin area;
- two sub-types of one act (shelling ~ air strike, clash ~ territory taken) told
  by articles of different days with no one day both give (``one_day_subtypes``).

Such a pair is linked only when something ties the two reports to one
happening (:func:`corroboration`): the articles are near copies (the dedup
links); or their evidence sentences are alike (Jaccard similarity of their
content words of at least ``evidence_jaccard``, and of at least
``evidence_jaccard_undated``, nearly one wire sentence, when the dates are no
help: neither report gives the day, one gives a day outside the other's span,
or they give different days); or they name the same actor and give the same
death toll of at least ``corroborating_toll``. The link's reasons say what was
weak and what corroborated it.
"""

from __future__ import annotations

from rasd.geo.geodesy import haversine_km
from rasd.merge.allies import one_party
from rasd.merge.evidence import evidence_similarity
from rasd.merge.facets import (
    ONE_BOMBING,
    PROVINCE,
    RECALLED,
    TOLD_TWICE,
    MergeOptions,
    PlaceLookup,
    coarse_place,
    countryside,
    distance_km,
    facets,
    in_city,
    in_province,
    is_generic,
    named_actors,
    one_bombing,
    principal_actors,
    province_toll,
)
from rasd.merge.fronts import front
from rasd.models import Event, Link, Location, Report


def compatible(a: Report, b: Report, *, near_copies: bool = False,
               options: MergeOptions | None = None,
               place_of: PlaceLookup | None = None) -> bool:
    """Whether ``a`` and ``b`` may be reports of one event: they agree on every facet
    (type, actors, place, date), weak or not. A link (:func:`agreement`) needs more
    when the facets are weak; two reports already joined to one event through links
    need only be compatible with each other (see :func:`cluster`)."""
    return facets(a, b, options or MergeOptions(), place_of, near_copies) is not None


def agreement(a: Report, b: Report, *, near_copies: bool = False,
              options: MergeOptions | None = None,
              place_of: PlaceLookup | None = None) -> Link | None:
    """The link between two reports of one event, or None when they describe two.

    Symmetric in ``a`` and ``b`` (the link is stored with the lower id first),
    which the order-independence of merging rests on. ``near_copies`` says
    the two articles are near duplicates (:mod:`rasd.merge.dedup`): their reports
    may then join without a place or with dates further apart, and need no
    other corroboration. A pair whose agreement is weak (:func:`weak_facets`)
    is linked only with a :func:`corroboration`; its reasons then end with
    ``weak: …; corroborated: …``.
    """
    if a.id > b.id:  # one orientation, so the reasons read the same either way
        a, b = b, a
    opts = options or MergeOptions()
    found = facets(a, b, opts, place_of, near_copies)
    if found is None:
        return None
    if near_copies:
        found.append((2, "near-copy articles"))
    elif opts.corroborate and not any(why.startswith((RECALLED, TOLD_TWICE))
                                      for _, why in found):
        # (A recalled event's date, or one article's bombing told twice, was accepted
        # only at a precise place: not weak.)
        weak, undated = _weakness(a, b, opts, place_of)
        if weak and opts.bombing_days:
            # One deadly bombing at one town told days apart, or a day off (the day
            # against the next day's news window): not weak (:func:`one_bombing`).
            bombing = one_bombing(a, b, opts, place_of)
            if bombing is not None:
                if not any(why.startswith(ONE_BOMBING) for _, why in found):
                    found.append(bombing)
                weak = []
        if weak:
            da, db = a.event.date, b.event.date
            la, lb = a.event.location, b.event.location
            # One day both give, at one place both name (a coarse one: a city, a
            # governorate; not a town inside the other's governorate).
            one_day = (da is not None and db is not None and da.precision == 1
                       and db.precision == 1 and da.start == db.start)
            one_place = (la is not None and lb is not None
                         and la.gazetteer_id is not None
                         and la.gazetteer_id == lb.gazetteer_id)
            if opts.city_quarters and not one_place and la is not None and lb is not None:
                # A quarter of a large city and the city (Dar Saad, Aden).
                one_place = (in_city(la, lb, options=opts, place_of=place_of)
                             or in_city(lb, la, options=opts, place_of=place_of))
            same_day = one_day and one_place
            # ... told at one precision: "north of Aden" (near the city) and "Aden"
            # are often two fronts of one day.
            tie = corroboration(a.event, b.event, options=opts, undated=undated,
                                same_day=same_day, same_precision=same_day and (
                                    la is not None and lb is not None
                                    and la.precision == lb.precision))
            if opts.fronts:
                tie = _front_tie(a.event, b.event, tie, opts, place_of, undated=undated)
            if any(why.startswith(PROVINCE) for _, why in found):
                # Matched only as a place of the province the other stands for: only the
                # same sub-type and toll a day apart at most tie them.
                tie = province_toll(a.event, b.event, options=opts, place_of=place_of)
            elif tie is None and opts.province_toll:
                tie = province_toll(a.event, b.event, options=opts, place_of=place_of)
            if tie is None:
                return None
            # With ``weak_last`` the corroboration adds nothing: a corroborated pair of
            # nearby towns no longer outranks two reports of one town that need none
            # (complete linkage takes links strongest first).
            found.append((0 if opts.weak_last else tie[0],
                          f"weak: {'; '.join(weak)}; corroborated: {tie[1]}"))
    return Link(a.id, b.id, sum(s for s, _ in found), tuple(r for _, r in found))


# -- weak links and what corroborates them --------------------------------


def _window(r: Report) -> bool:
    """Whether a report's date is the news window (no day cue in its article)."""
    d = r.event.date
    return (d is not None and r.published is not None and d.precision == 2
            and d.end == r.published and (d.end - d.start).days == 1)


def _no_day(r: Report) -> str:
    d = r.event.date
    if d is None:
        return "no date"
    if d.precision == 1:
        return ""
    if _window(r):
        return "news-window date"
    return "span of days" if d.precision == 2 else "month only"


def _date_weakness(a: Report, b: Report, opts: MergeOptions, *,
                   same_place: bool = False) -> tuple[str, bool]:
    """Why the dates of ``a`` and ``b`` do not place them on one day ("" when they
    do), and whether the dates are no help at all (neither gives the day, one
    gives a day outside the other's span, or they give different days), so that
    only nearly one sentence corroborates the pair. ``same_place``: the two tell
    one gazetteer place, not a coarse one; a day in the other's news window then
    places them on that day, and two news windows of articles published the same
    day are the same two days."""
    no_a, no_b = _no_day(a), _no_day(b)
    da, db = a.event.date, b.event.date
    if no_a and no_b:
        if opts.window_day and same_place and _window(a) and _window(b) \
                and a.published == b.published:
            # Two articles of one day with no day cue, at one town: the same
            # "yesterday or today", so one span of the same two days.
            return "", False
        return (f"no day given ({no_a}; {no_b})" if no_a != no_b
                else f"no day given ({no_a})"), True
    if no_a or no_b:
        day, span = (db, da) if no_a else (da, db)
        if day is not None and span is not None and not span.start <= day.start <= span.end:
            return (f"only one report gives the day ({day.start.isoformat()}), outside "
                    f"the other's {no_a or no_b}"), True
        if opts.window_day and same_place and (_window(a) or _window(b)):
            # The day one report gives lies in the news window of the other, which
            # tells the same place: the window is the other article's "yesterday or
            # today", and the day says which.
            return "", False
        return f"only one report gives the day (the other: {no_a or no_b})", False
    if da is not None and db is not None \
            and abs((da.start - db.start).days) > opts.exact_day_gap:
        return (f"different days: {min(da.start, db.start).isoformat()}, "
                f"{max(da.start, db.start).isoformat()}"), True
    return "", False


def weak_facets(a: Report, b: Report, *, options: MergeOptions | None = None,
                place_of: PlaceLookup | None = None) -> list[str]:
    """Why an agreement of ``a`` and ``b`` on date and place is too weak to stand
    alone (empty when it is not): the two do not both give the day (a news-window
    date overlaps the windows and days of articles published a day before or
    after), they give different days, or the place is coarse."""
    return _weakness(a, b, options or MergeOptions(), place_of)[0]


def _weakness(a: Report, b: Report, opts: MergeOptions,
              place_of: PlaceLookup | None) -> tuple[list[str], bool]:
    """:func:`weak_facets` and whether the dates are no help at all (see
    :func:`_date_weakness`), worked out once for :func:`agreement`."""
    out = []
    la, lb = a.event.location, b.event.location
    # One town, not a coarse place, and no two tolls apart: two shellings of one
    # town in one news window (four killed, then seven in the market) stay weak.
    same_place = (la is not None and lb is not None and la.gazetteer_id is not None
                  and (la.gazetteer_id == lb.gazetteer_id or (
                      opts.window_near and near_battle(a.event, b.event, opts, place_of)))
                  and not coarse_place(la, options=opts, place_of=place_of)
                  and not tolls_apart(a.event, b.event))
    why, undated = _date_weakness(a, b, opts, same_place=same_place)
    if why:
        out.append(why)
    ea, eb = a.event, b.event
    if opts.one_day_subtypes and ea.sub_event_type != eb.sub_event_type \
            and a.published != b.published and not _one_day(a, b):
        # Two sub-types of one act (a shelling and an air strike, a clash and ground
        # retaken) told by articles of one day are that day's news told two ways, and
        # so are two articles that give one day; told a day apart without one day
        # both give, they are as often two acts of one front (the Turkish army's
        # shelling from Kilis on the 23rd, its air strikes on the 24th; Ramadi's
        # university retaken, and the next day's fighting in the city).
        out.append(f"two sub-types ({ea.sub_event_type} ~ {eb.sub_event_type}) "
                   "told on different days, and no one day both give")
    if la is not None and lb is not None:
        coarse = [loc.name for loc in (la, lb)
                  if coarse_place(loc, options=opts, place_of=place_of)]
        for inner, outer in ((la, lb), (lb, la)):
            if countryside(inner, outer) and distance_km(la, lb) > opts.near_km:
                coarse.append(f"countryside of {outer.name}")
        for inner, outer in ((la, lb), (lb, la)):
            # A small capital (Ma'rib) and a town of its province further off: as coarse
            # as the province itself.
            if not coarse and opts.province_toll and distance_km(la, lb) > opts.near_km \
                    and in_province(inner, outer, place_of=place_of):
                coarse.append(f"province of {outer.name}")
        # A match by one place lying in the other's area is always among these:
        # the outer place is an admin area or region.
        if coarse:
            out.append("coarse place: " + ", ".join(sorted(set(coarse))))
    return out, undated


def near_battle(a: Event, b: Event, opts: MergeOptions,
                place_of: PlaceLookup | None) -> bool:
    """Two reports of a battle (one sub-type) between the same two named principal
    actors at a governorate's capital named like it and a place of that governorate
    within ``near_km`` (neither coarse): the capital and the village at its edge
    (Ma'rib and al-Faww, Dar'a and al-Nu'aymah), one front that outlets tell at the
    capital's name or at the village's. For the news-window rule (``window_near``),
    like one place (:func:`_date_weakness`). Not two towns of which neither is the
    capital (the front then is the town's, and a village next to it is another), nor
    strikes or shelling (one side hits many targets around a town in a day)."""
    la, lb = a.location, b.location
    if la is None or lb is None or lb.gazetteer_id is None \
            or a.event_type != "Battles" or a.sub_event_type != b.sub_event_type:
        return False
    pa = principal_actors(a)
    return (len(pa) == 2 and pa == principal_actors(b)
            and distance_km(la, lb) <= opts.near_km
            and (in_province(la, lb, place_of=place_of)
                 or in_province(lb, la, place_of=place_of))
            and not coarse_place(lb, options=opts, place_of=place_of))


def _one_day(a: Report, b: Report) -> bool:
    """Both reports give the day (time precision 1), and the same one."""
    da, db = a.event.date, b.event.date
    return (da is not None and db is not None and da.precision == db.precision == 1
            and da.start == db.start)


def tolls_apart(a: Event, b: Event) -> bool:
    """Both reports give a death toll and the two do not overlap (ranges included)."""
    fa, fb = a.fatalities, b.fatalities
    if fa is None or fb is None or fa.best <= 0 or fb.best <= 0:
        return False
    return max(fa.low, fb.low) > min(fa.high, fb.high)


def corroboration(a: Event, b: Event, *, options: MergeOptions | None = None,
                  undated: bool = False, same_day: bool = False,
                  same_precision: bool = False) -> tuple[int, str] | None:
    """What ties two reports to one happening beyond type, place and date (near copies
    aside, which :func:`agreement` knows): evidence sentences alike, or a named actor
    in common and the same death toll (ranges that overlap, ``corroborating_toll``
    or more). None when nothing does. ``undated``: the dates are no help (neither
    report gives the day, one gives a day outside the other's span, or they give
    different days), so the sentences must be nearly the same
    (``evidence_jaccard_undated``).

    When the dates do help (both give one day, or one gives a day in the other's
    span) and only the place is coarse, less ties the two: the same toll of at
    least ``dated_toll`` with a named actor in common (two outlets' counts of one
    attack in a city agree; two attacks a day in a city rarely kill alike), or the
    same two principal actors (:func:`rasd.merge.facets.principal_actors`) and the
    same sub-event type when both give the same day at the same place
    (``same_day``): one fight between one pair in one city on one day (a clash and
    a taking of ground are told apart, as outlets seldom confuse them the same day).
    With ``same_day_actors``, the same day both give at one place both name, told at one
    precision (``same_precision``: "north of Aden" is not "Aden"), the same sub-event
    type, the same named actors and no tolls apart corroborate too: ACLED's unit of
    coding (one sub-type, one set of actors, one place, one day)."""
    opts = options or MergeOptions()
    sim = evidence_similarity(a, b)
    if sim >= (opts.evidence_jaccard_undated if undated else opts.evidence_jaccard):
        return 2, f"evidence sentences alike ({sim:.2f})"
    na, nb = named_actors(a), named_actors(b)
    shared = sorted(set(na) & set(nb))
    fa, fb = a.fatalities, b.fatalities
    least = max(1, opts.corroborating_toll if undated else opts.dated_toll)
    if shared and fa is not None and fb is not None and min(fa.best, fb.best) >= least \
            and max(fa.low, fb.low) <= min(fa.high, fb.high):
        toll = str(fa.best) if fa.best == fb.best else f"{fa.best} ~ {fb.best}"
        return 1, f"{na[shared[0]].name} named by both and the same toll ({toll} killed)"
    if opts.one_agreement and a.sub_event_type == b.sub_event_type == "Agreement" \
            and len(principal_actors(a)) == 2 and principal_actors(a) == principal_actors(b):
        # A truce or deal between two parties is one act however many places and days
        # of its window outlets tell it from (the Yemen truce of 25-26 July).
        return 1, "one agreement between the same two parties: " + ", ".join(
            na[i].name for i in sorted(principal_actors(a)))
    if same_day and opts.same_day_principals and a.sub_event_type == b.sub_event_type:
        pa = principal_actors(a)
        if len(pa) == 2 and pa == principal_actors(b):
            return 1, "the same day and the same two principal actors: " + ", ".join(
                na[i].name for i in sorted(pa))
    if same_day and same_precision and opts.same_day_actors \
            and a.sub_event_type == b.sub_event_type and na and na.keys() == nb.keys() \
            and not tolls_apart(a, b):
        # ACLED's unit of coding: one sub-event type, one set of actors, one place, one
        # day; two tolls apart (3 killed, 4 killed) are still two incidents of the day.
        return 1, f"{SAME_DAY_ACTORS}: " + ", ".join(
            na[i].name for i in sorted(na))
    return None


# -- fronts of a large city ---------------------------------------------------

SAME_DAY_ACTORS = "the same day, sub-event type and named actors"


def big_city(a: Event, b: Event, opts: MergeOptions,
             place_of: PlaceLookup | None) -> Location | None:
    """The large city both reports are in: one's place a populated place of
    ``coarse_population`` or more, the other's the same place or one of its governorate
    within ``city_km`` of it (a quarter, "north of the city"). None otherwise."""
    la, lb = a.location, b.location
    if la is None or lb is None or place_of is None:
        return None
    for city, other in ((la, lb), (lb, la)):
        place = place_of(city.gazetteer_id) if city.gazetteer_id else None
        if place is None or place.kind != "populated place" \
                or place.population < opts.coarse_population:
            continue
        if other.gazetteer_id == city.gazetteer_id or (
                other.admin1 and other.admin1 == city.admin1
                and haversine_km(city.lat, city.lon, other.lat, other.lon) <= opts.city_km):
            return city
    return None


def _quarters(front_keys: frozenset[str]) -> frozenset[str]:
    """The quarters of a front (gazetteer ids), its sides left out."""
    return frozenset(k for k in front_keys if not k.startswith("side:"))


def _front_tie(a: Event, b: Event, tie: tuple[int, str] | None, opts: MergeOptions,
               place_of: PlaceLookup | None, *, undated: bool) -> tuple[int, str] | None:
    """The corroboration of a weak pair in a large city, made front-aware
    (``MergeOptions.fronts``, :mod:`rasd.merge.fronts`).

    Two acts of one sub-type in one city on one day are told apart by their fronts.
    A corroboration (the same day and actors, a toll alike, sentences alike short of
    one wire sentence) no longer holds when the two reports' sentences name quarters of
    the city and none in common (al-Buraiqa and al-Tawahi). And when the dates help
    (one day, or a day in the other's news window), one sub-type, one front named by
    both (the same quarters, or one side of the city), a named actor in common, the
    same attacker and target where both name them and no tolls apart corroborate the
    pair (the northern districts of Aden fought over on the 21st, told by one outlet
    that day and by another "yesterday or today"; the Dar Saad shelling told at Aden
    and at Dar Saad)."""
    city = big_city(a, b, opts, place_of)
    if city is None:
        return tie
    fa = front(a, city, city_km=opts.city_km)
    fb = front(b, city, city_km=opts.city_km)
    if tie is not None:
        qa, qb = _quarters(fa), _quarters(fb)
        if qa and qb and not qa & qb \
                and evidence_similarity(a, b) < opts.evidence_jaccard_undated:
            return None  # (but one wire sentence, which names the act's own quarters)
        return tie
    if undated or a.sub_event_type != b.sub_event_type or tolls_apart(a, b):
        return None
    na, nb = named_actors(a), named_actors(b)
    if not set(na) & set(nb) or not fa & fb:
        return None
    qa, qb = _quarters(fa), _quarters(fb)
    if qa and qb and qa != qb:
        # One names a quarter the other does not (Khor Maksar and Crater against Dar
        # Saad): a sentence of several fronts, not one front.
        return None
    # The attacker and the target as each report has them: two named attackers, or
    # two named targets, that differ are two acts of the front (allies of one group
    # are one party: the army and the resistance, :mod:`rasd.merge.allies`).
    day = a.date.start if a.date is not None else None
    for xa, xb in ((a.actor1, b.actor1), (a.actor2, b.actor2)):
        if xa is not None and xb is not None and not is_generic(xa) \
                and not is_generic(xb) and xa.id != xb.id and not (
                    opts.allied_actors and one_party(xa.id, xb.id, a.sub_event_type,
                                                     b.sub_event_type, on=day)):
            return None
    shared = sorted(fa & fb)
    return 1, f"one front of {city.name}: {', '.join(shared)}"
