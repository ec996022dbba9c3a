"""Merging report-level events into canonical events.

Extraction makes one event per article (a *report*); the same attack told by
a dozen outlets is a dozen reports. Two reports describe one event when they
agree on every facet (:func:`agreement`):

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
- never two reports of one article (extraction already separated them).

Agreeing on every facet is not enough when the facets are weak
(:func:`weak_facets`), for then many different happenings of one front agree
by accident:

- the two do not both give the day of the event: a date without a day is
  mostly the news window "day before publication to publication", which
  overlaps the windows and the days of reports published a day before or after
  (else it is a span of days or a month);
- both give the day, but the days differ (by more than ``exact_day_gap``);
- the place is coarse: a governorate or region, a place known only to admin-1
  precision, a city of ``coarse_population`` people or more, or a match only
  by one place lying in the other's admin area.

Such a pair is linked only when something ties the two reports to one
happening (:func:`corroboration`): the articles are near copies (the dedup
links); or their evidence sentences are alike (Jaccard similarity of their
content words of at least ``evidence_jaccard``, and of at least
``evidence_jaccard_undated``, nearly one wire sentence, when the dates are no
help: neither report gives the day, one gives a day outside the other's span,
or they give different days); or they name the same actor and give the same
death toll of at least ``corroborating_toll``. The link's reasons say what was
weak and what corroborated it.

Clustering is deterministic: every agreeing pair is a candidate link, links
are taken strongest first (ties by report ids) and two clusters join only
when *every* pair across them agrees (complete linkage), which stops chains
such as daily strikes on one town, each a day from the next, from collapsing
into one event. The result depends only on the set of reports, never on the
order they arrived in; a canonical event's id is ``c`` + its lowest report id.

A canonical event keeps every report and the distinct outlets; its toll, actor
order and note are reconciled over the reports (:mod:`rasd.merge.record`):
``low`` the lowest credible figure, ``high`` the highest, ``best`` the latest
updated toll or else the lowest credible one (a report silent on deaths is not
a figure of zero); the actors in the order most reports give; a note written
from those fields.

Two relaxations answer how outlets tell one happening differently: actors that
differ but share a named party (:func:`_actors_despite`: not when each names an
opponent the other lacks, unless one large toll ties them), and a recalled
(background) event whose date is a few days off at one precise place
(:func:`_recalled_dates`). Clusters join when every pair across them is linked
or at least compatible (:func:`compatible`: every facet agrees, weakly or not).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from rasd.geo.geodesy import haversine_km
from rasd.merge.evidence import evidence_similarity
from rasd.merge.record import canonical_note, ordered_actors, reconcile_tolls
from rasd.models import (
    Actor,
    Canonical,
    Event,
    Fatalities,
    Link,
    Location,
    Place,
    Report,
    canonical_id,
)

PlaceLookup = Callable[[str], Place | None]

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
_REGION_KINDS = ("admin1", "admin2", "admin3", "region")


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
    the rules without :func:`weak_facets`, for comparison).
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


@dataclass(frozen=True, slots=True)
class Cluster:
    """The reports of one canonical event and the links that joined them."""

    reports: tuple[Report, ...]  # sorted by id
    links: tuple[Link, ...] = ()

    @property
    def id(self) -> str:
        return canonical_id(r.id for r in self.reports)


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


def _types(a: Event, b: Event) -> tuple[int, str] | None:
    if a.event_type != b.event_type:
        return None
    if a.sub_event_type == b.sub_event_type:
        return 1, f"same type: {a.sub_event_type}"
    if any(a.sub_event_type in g and b.sub_event_type in g for g in _COMPATIBLE):
        return 0, f"compatible types: {a.sub_event_type} ~ {b.sub_event_type}"
    return None


def _actors(a: Event, b: Event) -> tuple[int, str] | None:
    """The actors one report names must all be named by the other: ISIS against the SDF
    and ISIS against the army in one town on one day are two events, as ACLED codes them."""
    na, nb = named_actors(a), named_actors(b)
    if not (na.keys() <= nb.keys() or nb.keys() <= na.keys()):
        return None
    shared = sorted(set(na) & set(nb))
    if shared:
        return 2, "shared actor: " + ", ".join(na[i].name for i in shared)
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
    both ties them. The place and date must then be strong or corroborated, as for
    any pair (:func:`weak_facets`).
    """
    if _types(a, b) is None or tolls_clash(a, b, ratio=opts.toll_ratio):
        return None
    na, nb = named_actors(a), named_actors(b)
    shared = sorted(set(na) & set(nb))
    if not shared:
        return None
    names = ", ".join(na[i].name for i in shared)
    if set(na) - set(nb) and set(nb) - set(na):
        # Each names a party the other does not (ISIS against the SDF, ISIS against
        # the army): two fights, unless one large toll, given alike, ties them.
        ta, tb = _toll(a), _toll(b)
        if min(ta, tb) < max(1, opts.corroborating_toll):
            return None
        return 0, f"actors differ, shared actor: {names}, same toll ({ta} ~ {tb} killed)"
    return 0, "actors differ, shared actor: " + names


def distance_km(a: Location, b: Location) -> float:
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def _kind(loc: Location, place_of: PlaceLookup | None) -> tuple[str | None, str | None]:
    """The gazetteer kind and admin p-code of a location, when known."""
    place = place_of(loc.gazetteer_id) if place_of and loc.gazetteer_id else None
    if place is not None:
        return place.kind, place.admin_pcode
    if loc.precision == 3 and loc.admin1 and loc.name == loc.admin1:
        return "admin1", None
    return None, None


def inside(inner: Location, outer: Location, *, place_of: PlaceLookup | None = None) -> bool:
    """Whether ``inner`` lies in the admin area (or named region) ``outer`` is."""
    kind, pcode = _kind(outer, place_of)
    if kind not in _REGION_KINDS:
        return False
    if inner.country and outer.country and inner.country != outer.country:
        return False
    _, inner_pcode = _kind(inner, place_of)
    if pcode and inner_pcode:
        return inner_pcode.startswith(pcode)
    if kind == "admin1":
        return bool(inner.admin1) and inner.admin1 == outer.admin1
    if kind == "admin2":
        return bool(inner.admin2) and inner.admin2 == outer.admin2 \
            and inner.admin1 == outer.admin1
    return False


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
    return None


def countryside(inner: Location, outer: Location) -> bool:
    """Whether ``outer`` is a place's countryside (precision 2: "ريف دير الزور", "near
    Deir ez-Zor") and ``inner`` a place of that governorate: outlets name a town, its
    district or "the countryside of" the governorate's city for one happening. A
    coarse place (:func:`weak_facets`), so such a match needs corroboration."""
    return (outer.precision == 2 and inner.precision <= 2
            and inner.gazetteer_id != outer.gazetteer_id
            and bool(outer.admin1) and inner.admin1 == outer.admin1
            and (not inner.country or not outer.country or inner.country == outer.country))


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


def _facets(a: Report, b: Report, opts: MergeOptions, place_of: PlaceLookup | None,
            near_copies: bool) -> list[tuple[int, str]] | None:
    """The four facets' scores and reasons, or None when one disagrees."""
    if a.doc_id == b.doc_id or a.id == b.id:
        return None
    actors = _actors(a.event, b.event)
    if actors is None and opts.actors_despite:
        actors = _actors_despite(a.event, b.event, opts)
    found = []
    place = _places(a.event, b.event, opts, place_of, near_copies)
    dates = _dates(a, b, opts, near_copies)
    if dates is None and place is not None and place[0] >= 1:  # one place, or near
        dates = _recalled_dates(a, b, opts, place_of)
    for facet in (_types(a.event, b.event), actors, place, dates):
        if facet is None:
            return None
        found.append(facet)
    return found


_RECALLED = "a recalled event's date"


def _recalled_dates(a: Report, b: Report, opts: MergeOptions,
                    place_of: PlaceLookup | None) -> tuple[int, str] | None:
    """Dates further apart than ``day_gap`` that still tell one happening: one report
    recalls the event as background (its date is the article's frame more often than
    the event's own: "the Suruç bombing" told four days on), both give one sub-event
    type at one precise (not coarse) place (the same or within ``near_km``: not one
    place in another's area or countryside), give no tolls far apart
    (:func:`tolls_clash`), and the days are at most
    ``recalled_day_gap`` apart."""
    ea, eb = a.event, b.event
    if "background" not in (ea.status, eb.status) or ea.sub_event_type != eb.sub_event_type:
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
    return 0, f"{_RECALLED}: {gap} day(s) apart"


def compatible(a: Report, b: Report, *, near_copies: bool = False,
               options: MergeOptions | None = None,
               place_of: PlaceLookup | None = None) -> bool:
    """Whether ``a`` and ``b`` may be reports of one event: they agree on every facet
    (type, actors, place, date), weak or not. A link (:func:`agreement`) needs more
    when the facets are weak; two reports already joined to one event through links
    need only be compatible with each other (see :func:`cluster`)."""
    return _facets(a, b, options or MergeOptions(), place_of, near_copies) is not None


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
    found = _facets(a, b, opts, place_of, near_copies)
    if found is None:
        return None
    if near_copies:
        found.append((2, "near-copy articles"))
    elif opts.corroborate and not any(why.startswith(_RECALLED) for _, why in found):
        # (A recalled event's date was accepted only at a precise place: not weak.)
        weak, undated = _weakness(a, b, opts, place_of)
        if weak:
            tie = corroboration(a.event, b.event, options=opts, undated=undated)
            if tie is None:
                return None
            found.append((tie[0], f"weak: {'; '.join(weak)}; corroborated: {tie[1]}"))
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


def coarse_place(loc: Location, *, options: MergeOptions | None = None,
                 place_of: PlaceLookup | None = None) -> bool:
    """A place that is "the same place" for many events of a day: an admin area or
    region (so every match by containment, :func:`inside`, has one), a place known
    only to admin-1 precision (ACLED geo precision 3), or a city of
    ``coarse_population`` people or more."""
    opts = options or MergeOptions()
    if loc.precision >= 3:
        return True
    place = place_of(loc.gazetteer_id) if place_of and loc.gazetteer_id else None
    if place is None:
        return _kind(loc, None)[0] in _REGION_KINDS
    return place.kind in _REGION_KINDS or place.population >= opts.coarse_population


def _date_weakness(a: Report, b: Report, opts: MergeOptions) -> tuple[str, bool]:
    """Why the dates of ``a`` and ``b`` do not place them on one day ("" when they
    do), and whether the dates are no help at all (neither gives the day, one
    gives a day outside the other's span, or they give different days), so that
    only nearly one sentence corroborates the pair."""
    no_a, no_b = _no_day(a), _no_day(b)
    da, db = a.event.date, b.event.date
    if no_a and no_b:
        return (f"no day given ({no_a}; {no_b})" if no_a != no_b
                else f"no day given ({no_a})"), True
    if no_a or no_b:
        day, span = (db, da) if no_a else (da, db)
        if day is not None and span is not None and not span.start <= day.start <= span.end:
            return (f"only one report gives the day ({day.start.isoformat()}), outside "
                    f"the other's {no_a or no_b}"), True
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
    why, undated = _date_weakness(a, b, opts)
    if why:
        out.append(why)
    la, lb = a.event.location, b.event.location
    if la is not None and lb is not None:
        coarse = [loc.name for loc in (la, lb)
                  if coarse_place(loc, options=opts, place_of=place_of)]
        for inner, outer in ((la, lb), (lb, la)):
            if countryside(inner, outer) and distance_km(la, lb) > opts.near_km:
                coarse.append(f"countryside of {outer.name}")
        # A match by one place lying in the other's area is always among these:
        # the outer place is an admin area or region.
        if coarse:
            out.append("coarse place: " + ", ".join(sorted(set(coarse))))
    return out, undated


def corroboration(a: Event, b: Event, *, options: MergeOptions | None = None,
                  undated: bool = False) -> tuple[int, str] | None:
    """What ties two reports to one happening beyond type, place and date (near copies
    aside, which :func:`agreement` knows): evidence sentences alike, or a named actor
    in common and the same death toll (ranges that overlap, ``corroborating_toll``
    or more). None when nothing does. ``undated``: the dates are no help (neither
    report gives the day, one gives a day outside the other's span, or they give
    different days), so the sentences must be nearly the same
    (``evidence_jaccard_undated``)."""
    opts = options or MergeOptions()
    sim = evidence_similarity(a, b)
    if sim >= (opts.evidence_jaccard_undated if undated else opts.evidence_jaccard):
        return 2, f"evidence sentences alike ({sim:.2f})"
    na, nb = named_actors(a), named_actors(b)
    shared = sorted(set(na) & set(nb))
    fa, fb = a.fatalities, b.fatalities
    least = max(1, opts.corroborating_toll)
    if shared and fa is not None and fb is not None and min(fa.best, fb.best) >= least \
            and max(fa.low, fb.low) <= min(fa.high, fb.high):
        toll = str(fa.best) if fa.best == fb.best else f"{fa.best} ~ {fb.best}"
        return 1, f"{na[shared[0]].name} named by both and the same toll ({toll} killed)"
    return None


Compatible = Callable[[Report, Report], bool]


def cluster(reports: Mapping[str, Report], links: Iterable[Link],
            compatible: Compatible | None = None) -> list[Cluster]:
    """Complete-linkage clusters of ``reports`` over the agreeing pairs ``links``.

    ``links`` must hold every agreeing pair among ``reports``. Two clusters join
    through a link when every pair across them is linked or, given
    ``compatible``, at least compatible (:func:`compatible`: the facets agree, if
    weakly): a report that the others corroborate need not be corroborated by
    each of them. Output sorted by cluster id.
    """
    by_pair = {(lk.a, lk.b): lk for lk in links if lk.a in reports and lk.b in reports}

    def fits(x: str, y: str) -> bool:
        if (min(x, y), max(x, y)) in by_pair:
            return True
        return compatible is not None and compatible(reports[x], reports[y])

    root = {rid: rid for rid in reports}
    members = {rid: [rid] for rid in reports}
    chosen: dict[str, list[Link]] = {rid: [] for rid in reports}
    for lk in sorted(by_pair.values(), key=lambda x: (-x.score, x.a, x.b)):
        ra, rb = root[lk.a], root[lk.b]
        if ra == rb:
            continue
        if not all(fits(x, y) for x in members[ra] for y in members[rb]):
            continue
        keep, gone = min(ra, rb), max(ra, rb)
        for rid in members[gone]:
            root[rid] = keep
        members[keep].extend(members.pop(gone))
        chosen[keep].extend(chosen.pop(gone))
        chosen[keep].append(lk)
    out = []
    for key in sorted(members):
        ids = sorted(members[key])
        out.append(Cluster(tuple(reports[i] for i in ids),
                           tuple(sorted(chosen[key], key=lambda x: (x.a, x.b)))))
    return out


def merge_all(reports: Sequence[Report], *, near_pairs: Iterable[tuple[str, str]] = (),
              options: MergeOptions | None = None,
              place_of: PlaceLookup | None = None) -> list[Cluster]:
    """Cluster a batch of reports held in memory (pairs compared within an event type).

    ``near_pairs`` are pairs of document content ids that are near copies.
    """
    near = {frozenset(p) for p in near_pairs}
    by_type: dict[str, list[Report]] = {}
    for r in reports:
        by_type.setdefault(r.event.event_type, []).append(r)
    links = []
    for group in by_type.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                lk = agreement(a, b, near_copies=frozenset((a.doc_id, b.doc_id)) in near,
                               options=options, place_of=place_of)
                if lk is not None:
                    links.append(lk)

    def fits(a: Report, b: Report) -> bool:
        return compatible(a, b, near_copies=frozenset((a.doc_id, b.doc_id)) in near,
                          options=options, place_of=place_of)

    return cluster({r.id: r for r in reports}, links, fits)


# -- the canonical record ------------------------------------------------


def merged_fatalities(events: Iterable[Event]) -> Fatalities:
    """The reconciled toll of reports whose publication days are unknown
    (:func:`rasd.merge.record.reconcile_tolls`)."""
    return reconcile_tolls((e, None) for e in events)


def _representative(reports: Sequence[Report]) -> Report:
    """The report whose actors the canonical event carries: the most named actors, then
    the most precise place and date, then the lowest id."""
    def rank(r: Report) -> tuple[object, ...]:
        ev = r.event
        return (-len(named_actors(ev)), -(ev.actor1 is not None) - (ev.actor2 is not None),
                ev.location.precision if ev.location else 9,
                ev.date.precision if ev.date else 9, r.id)
    return min(reports, key=rank)


def canonical_event(cl: Cluster) -> Canonical:
    """The canonical event of a cluster: the best-supported value of each field."""
    reports = cl.reports
    rep = _representative(reports)
    events = [r.event for r in reports]
    subs = Counter(e.sub_event_type for e in events)
    sub = min(subs, key=lambda s: (-subs[s], s != rep.event.sub_event_type, s))
    places = Counter(e.location.gazetteer_id or e.location.name for e in events if e.location)
    located = [e for e in events if e.location is not None]
    # Ties go to the representative, whose note then tells the same place and day.
    loc_ev = min(located, key=lambda e: (
        e.location.precision if e.location else 9, e is not rep.event,
        -places[(e.location.gazetteer_id or e.location.name) if e.location else ""],
        e.event_id), default=None)
    days = Counter(e.date.start for e in events if e.date)
    dated = [e for e in events if e.date is not None]
    date_ev = min(dated, key=lambda e: (
        e.date.precision if e.date else 9, e is not rep.event, -days[e.date.start] if e.date else 0,
        (e.date.end - e.date.start).days if e.date else 0,
        e.date.start if e.date else date.min, e.event_id), default=None)
    sources = tuple(sorted({r.source for r in reports if r.source}))
    fat = reconcile_tolls((r.event, r.published) for r in reports)
    evidence = tuple(ev for e in events for ev in e.evidence)
    actor1, actor2, assoc1, assoc2 = ordered_actors(rep.event, events)
    event = Event(
        event_id=cl.id,
        doc_id=rep.event.doc_id,
        status="current" if any(e.status == "current" for e in events) else "background",
        event_type=rep.event.event_type,
        sub_event_type=sub,
        actor1=actor1,
        actor2=actor2,
        location=loc_ev.location if loc_ev else None,
        date=date_ev.date if date_ev else None,
        fatalities=fat,
        evidence=evidence,
        assoc_actor1=assoc1,
        assoc_actor2=assoc2,
        sources=sources,
    )
    # A lone report keeps the note extraction wrote; a merged event's note is written
    # from its own fields, so it never tells another toll, place or day.
    notes = rep.event.notes if len(reports) == 1 else canonical_note(
        event, reports=len(reports), sources=len(sources))
    event = replace(event, notes=notes)
    return Canonical(event, tuple(r.id for r in reports), sources, cl.links)
