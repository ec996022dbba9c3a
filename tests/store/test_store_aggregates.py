"""Counts kept on write (migration m012) and the evidence text index (m013) give the
answers of the plain queries, on SQLite and PostgreSQL.

A generated store of canonical events with every kind of gap (no date,
no place, no country, no governorate, no actor, no deaths, spans of several
days) is filtered many ways; the statistics, totals and map counts read
from the count tables must equal those computed from the events, after
inserts, replacements, updates and deletes, and after the migration of a
database that already held events.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from rasd.models import Actor, Canonical, DateSpan, Document, Event, Evidence, Fatalities, Location
from rasd.store import Store, open_store
from rasd.store import migrations as migrations_module
from rasd.store.aggregates import actor_weeks, answerable
from rasd.store.canonical import (
    canonical_where,
    delete_canonical,
    put_canonical,
    reset_canonical,
)
from rasd.store.events import (
    EventFilter,
    count_events,
    replace_events,
    resolve_actor,
    resolve_civilians,
)
from rasd.store.pages import event_points, page_total
from rasd.store.selection import store_where
from rasd.store.stats import event_stats, plain_stats

ACTORS = [
    Actor("mil-sy", "Military Forces of Syria", "قوات النظام السوري", 1, "SY"),
    Actor("isis", "Islamic State", "داعش", 2, None),
    Actor("pmf", "Popular Mobilization Forces", "الحشد الشعبي", 1, "IQ"),
    Actor("civ-sy", "Civilians (Syria)", "مدنيون (سوريا)", 7, "SY"),
]
PLACES = [  # name, name_ar, lat, lon, admin1, country
    ("Idlib", "إدلب", 35.93, 36.63, "Idlib", "SY"), ("Aleppo", "حلب", 36.2, 37.16, "Aleppo", "SY"),
    ("Mosul", "الموصل", 36.34, 43.12, "Ninewa", "IQ"),
    ("Somewhere", "مكان ما", 33.0, 44.0, None, "IQ"),
    ("Sea", "البحر", 34.0, 35.0, None, None),
]
COUNT_TABLES = ("canonical_days", "canonical_groups", "canonical_weeks",
                "canonical_actor_weeks", "canonical_target_weeks")
TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
         ("Protests", "Peaceful protest")]


def _event(rng: random.Random, n: int) -> Event:
    etype, sub = rng.choice(TYPES)
    place = rng.choice([*PLACES, None])
    loc = None if place is None else Location(place[0], place[1], place[2] + rng.random(),
                                              place[3] + rng.random(), 1, admin1=place[4],
                                              country=place[5])
    start = date(2020, 1, 1) + timedelta(days=rng.randrange(400))
    span = DateSpan(start, start + timedelta(days=rng.choice((0, 0, 0, 2, 30))), 1)
    dead = rng.choice((None, 0, 1, 3, 12))
    return Event(
        event_id=f"c{n:05d}", doc_id="d", status=rng.choice(("current", "current", "background")),
        event_type=etype, sub_event_type=sub, actor1=rng.choice([*ACTORS, None]),
        actor2=rng.choice([*ACTORS, None]), location=loc,
        date=None if rng.random() < 0.1 else span,
        fatalities=None if dead is None else Fatalities(dead, dead, dead), evidence=())


def _fill(store: Store, n: int = 300, seed: int = 3) -> list[Event]:
    rng = random.Random(seed)
    events = [_event(rng, i) for i in range(n)]
    for ev in events:
        put_canonical(store, Canonical(ev, (), ()))
    store.commit()
    return events


def _filters(store: Store) -> list[EventFilter]:
    values = [str(r[0]) for r in store._exec(
        "SELECT actor1 FROM canonical_events WHERE actor1 IS NOT NULL UNION "
        "SELECT actor2 FROM canonical_events WHERE actor2 IS NOT NULL").fetchall()]
    flts = [
        EventFilter(), EventFilter(country="SY"), EventFilter(countries=("SY", "IQ")),
        EventFilter(event_type="Battles"), EventFilter(event_types=("Battles", "Protests")),
        EventFilter(sub_event_type="Air/drone strike"), EventFilter(admin1="idlib"),
        EventFilter(status="current"), EventFilter(status="background", country="IQ"),
        EventFilter(date_from=date(2020, 3, 1)), EventFilter(date_to=date(2020, 3, 1)),
        EventFilter(date_from=date(2020, 2, 1), date_to=date(2020, 2, 20)),
        EventFilter(date_from=date(2020, 2, 1), date_to=date(2020, 6, 30), country="SY",
                    event_type="Battles", status="current"),
        EventFilter(actor="داعش"), EventFilter(actor="isis", country="SY"),
        EventFilter(civilians=True), EventFilter(actor="nobody at all"),
        EventFilter(actor="داعش", date_from=date(2020, 3, 1)),
        EventFilter(actor="isis", status="current", event_types=("Battles", "Protests")),
        EventFilter(actor="Forces"), EventFilter(actor="Forces", countries=("SY",)),
        EventFilter(actor="Forces", civilians=True), EventFilter(actor="داعش", admin1="Idlib"),
        EventFilter(civilians=True, status="current", countries=("SY",)),
        EventFilter(civilians=True, event_type="Battles"),
        EventFilter(bbox=(36.0, 35.0, 38.0, 37.5)),
        EventFilter(bbox=(36.0, 35.0, 38.0, 37.5), date_from=date(2020, 2, 1)),
    ]
    return [resolve_civilians(resolve_actor(f, values) if f.actor else f, values)
            for f in flts]


def _assert_counts_match(store: Store) -> None:
    checked = weekly_actors = 0
    for flt in _filters(store):
        for interval in ("week", "day"):
            got = event_stats(store, flt, interval=interval, level="canonical")
            want = plain_stats(store, flt, interval=interval, level="canonical")
            assert got == want, (flt, interval)
        where, params = canonical_where(flt, dialect=store.dialect)
        plain = int(store._exec(f"SELECT COUNT(*) FROM canonical_events{where}",
                                params).fetchone()[0])
        assert page_total(store, flt, level="canonical") == (plain, True), flt
        assert page_total(store, flt, level="canonical", at_least=None)[0] == plain
        pts, total = event_points(store, flt, limit=5, level="canonical")
        everything, n_all = event_points(store, flt, limit=100_000, level="canonical")
        assert total == n_all == len(everything) and len(pts) == min(5, n_all), flt
        checked += answerable(flt)
        weekly_actors += actor_weeks(store, flt) is not None
    assert checked >= 15  # most filters went through the count tables
    assert weekly_actors >= 6  # and actor timelines through canonical_*_weeks


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgresql":
        return str(request.getfixturevalue("pg_url"))
    return f"sqlite:///{tmp_path / 'counts.db'}"


def test_counts_answer_as_the_events_do(url: str) -> None:
    with open_store(url) as store:
        events = _fill(store)
        assert event_stats(store, level="canonical").total == len(events)
        _assert_counts_match(store)


def test_counts_follow_replacements_updates_and_deletes(url: str) -> None:
    with open_store(url) as store:
        events = _fill(store)
        rng = random.Random(11)
        # put_canonical replaces an event (delete, then insert) when merging again.
        for ev in rng.sample(events, 60):
            put_canonical(store, Canonical(_event(rng, int(ev.event_id[1:])), (), ()))
        delete_canonical(store, [ev.event_id for ev in rng.sample(events, 40)])
        # Hand-written updates reach the counts too (triggers, not rasd's writers).
        # One column a statement: each must reach the counts on its own.
        for i, change in enumerate((
                "status = 'background'", "fatalities = 7", "country = NULL", "admin1 = 'Aleppo'",
                "event_type = 'Protests'", "sub_event_type = 'Peaceful protest'",
                "date_start = NULL, date_end = NULL",
                "date_start = '2020-01-05', date_end = '2021-06-01'", "lat = NULL",
                "actor2 = actor1", "actor1 = NULL")):
            store._exec(f"UPDATE canonical_events SET {change} WHERE id LIKE ?", [f"c%{i}"])
        store.commit()
        _assert_counts_match(store)
        # No empty count rows are left behind.
        for table in COUNT_TABLES:
            assert store._exec(f"SELECT COUNT(*) FROM {table} WHERE events <= 0"
                               ).fetchone()[0] == 0
        reset_canonical(store)
        assert event_stats(store, level="canonical").total == 0
        for table in COUNT_TABLES:
            assert store._exec(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0


def test_actor_weeks_count_an_event_once_under_each_actor(url: str) -> None:
    """Several actor values add up in canonical_actor_weeks only when no event has two
    of them as its two sides; an event of one actor on both sides counts once."""
    isis, pmf, civ = (f"{a.name} | {a.name_ar}" for a in (ACTORS[1], ACTORS[2], ACTORS[3]))
    with open_store(url) as store:
        rng = random.Random(4)
        for i, (a1, a2) in enumerate([(1, 1), (1, None), (None, 1), (1, 3), (2, None),
                                      (2, 2), (3, 1)] * 4):
            ev = replace(_event(rng, i), actor1=ACTORS[a1] if a1 is not None else None,
                         actor2=ACTORS[a2] if a2 is not None else None)
            put_canonical(store, Canonical(ev, (), ()))
        store.commit()
        for values, answers in (((isis,), True), ((isis, pmf), True), ((isis, civ), False),
                                ((pmf,), True), ((civ,), True)):
            flt = EventFilter(actor="x", actor_values=values)
            rows = actor_weeks(store, flt)
            assert (rows is not None) == answers, values
            want = plain_stats(store, flt, level="canonical")
            assert event_stats(store, flt, level="canonical") == want, values
            if rows is not None:
                assert sum(r[2] for r in rows) == want.total, values
        # isis alone: 4 x (both sides, actor 1, actor 2, with civilians both ways).
        assert sum(r[2] for r in actor_weeks(store, EventFilter(
            actor="x", actor_values=(isis,))) or []) == 20


def test_migration_counts_the_events_already_stored(url: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    before = [m for m in migrations_module.MIGRATIONS
              if m.__name__ < "m012"]
    monkeypatch.setattr(migrations_module, "MIGRATIONS", before)
    with open_store(url) as store:
        _fill(store)
        assert not store.has_table("canonical_days")
        _add_evidence(store)
    monkeypatch.undo()
    with open_store(url) as store:
        assert store.has_table("canonical_days")
        _assert_counts_match(store)
        _assert_search_matches(store)


# -- evidence search -----------------------------------------------------------

SENTENCES = [
    "قتل ثلاثة مدنيين في غارة جوية على ريف إدلب",
    "اندلعت اشتباكات عنيفة بين قوات النظام ومسلحين في حلب",
    "أصيب طفلان بقصف مدفعي استهدف حياً سكنياً في الموصل",
    "قالت مصادر إن الغارة الجوية دمرت مبنى المجلس المحلي",
    "أعلنت الشرطة اعتقال 12 شخصاً بتهمة التخطيط لهجوم، وفق بيان Reuters",
    'نقلت وكالة "الأنباء" عن شهود أن 50% من المنازل تضررت بسبب القصف_الليلي',
]
NEEDLES = ["غارة جوية", "غاره جويه", "الغارة", "اشتباكات", "حي", "في", "reuters",
           "REUTERS", '"الأنباء"', "50%", "%", "_", "القصف_الليلي", "مدفعي استهدف",
           "ليس في أي جملة", "إدلب", "ادلب"]


def _add_evidence(store: Store) -> None:
    for i, sentence in enumerate(SENTENCES * 3):
        doc = Document(id=f"doc{i:03d}", name=f"d{i}", source="وكالة", url=None, title=None,
                       published=date(2020, 1, 1), raw=sentence, raw_format="text",
                       text=sentence, origin=f"d{i}.txt")
        store.add_document(doc, commit=False)
        ev = Event(event_id=f"r{i:03d}", doc_id=doc.name, status="current",
                   event_type="Battles", sub_event_type="Armed clash", actor1=None,
                   actor2=None, location=None, date=None, fatalities=None,
                   evidence=(Evidence(doc.name, sentence, 0, len(sentence)),))
        replace_events(store, doc, [ev], commit=False)
    store.commit()


def _like_count(store: Store, needle: str) -> int:
    from rasd.clean.normalize import normalize_for_match
    from rasd.store.events import ESCAPE, like_escape

    return int(store._exec(
        f"SELECT COUNT(DISTINCT event_id) FROM evidence WHERE text_match LIKE ? {ESCAPE}",
        [f"%{like_escape(normalize_for_match(needle))}%"]).fetchone()[0])


def _old_postgres_count(store: Store, needle: str) -> int:
    """What m008's expression index answered (stemmed words, as a phrase)."""
    from rasd.clean.normalize import normalize_for_match

    return int(store._exec(
        "SELECT COUNT(DISTINCT event_id) FROM evidence WHERE to_tsvector('arabic', text_match) "
        "@@ phraseto_tsquery('arabic', ?)", [normalize_for_match(needle)]).fetchone()[0])


def _assert_search_matches(store: Store) -> None:
    found = 0
    for needle in NEEDLES:
        n = count_events(store, EventFilter(text=needle))
        if store.dialect == "sqlite":  # substring search: as the plain LIKE scan found
            assert n == _like_count(store, needle), needle
        else:
            assert n == _old_postgres_count(store, needle), needle
        found += n
    assert found > 0


def test_sqlite_search_from_the_index_finds_what_like_finds(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 's.db'}") as store:
        _add_evidence(store)
        _assert_search_matches(store)
        where, params = EventFilter(text="غارة جوية").where()
        plan = " ".join(str(r[3]) for r in store._exec(
            f"EXPLAIN QUERY PLAN SELECT id FROM events{where}", params).fetchall())
        assert "evidence_fts" in plan
        # Replacing a document's events replaces its indexed evidence.
        doc = store.get_document("doc000")
        replace_events(store, doc, [])
        assert count_events(store, EventFilter(text="ريف إدلب")) == 2
        assert _like_count(store, "ريف إدلب") == 2
        store._exec("UPDATE evidence SET text_match = 'نص اخر تماما' WHERE event_id = 'r006'")
        store.commit()
        assert count_events(store, EventFilter(text="ريف إدلب")) == 1
        assert count_events(store, EventFilter(text="نص اخر")) == 1


def test_postgres_search_reads_the_stored_vector(pg_url: str) -> None:
    with open_store(pg_url) as store:
        _add_evidence(store)
        _assert_search_matches(store)
        assert count_events(store, EventFilter(text="غارة جوية")) == 3
        doc = store.get_document("doc000")
        replace_events(store, doc, [])
        assert count_events(store, EventFilter(text="غارة جوية")) == 2
        assert _old_postgres_count(store, "غارة جوية") == 2


def test_a_capped_total_says_it_is_a_lower_bound(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'c.db'}") as store:
        _fill(store, 50)
        flt = EventFilter(bbox=(-180.0, -90.0, 180.0, 90.0))
        located = page_total(store, flt, level="canonical")[0]
        assert page_total(store, flt, level="canonical", at_least=10) == (10, False)
        assert page_total(store, flt, level="canonical", at_least=located + 1) == (located, True)


def test_one_pass_and_grouped_queries_agree(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """plain_stats adds up costly filters' rows itself (PostgreSQL: grouped two ways in
    one query), others in four grouped queries: the same answer."""
    from rasd.store import stats

    with open_store(url) as store:
        _fill(store, 200)
        for flt in _filters(store):
            for interval in ("week", "day"):
                monkeypatch.setattr(stats, "_costly", lambda _f: True)
                costly = stats.plain_stats(store, flt, interval=interval, level="canonical")
                monkeypatch.setattr(stats, "_costly", lambda _f: False)
                grouped = stats.plain_stats(store, flt, interval=interval, level="canonical")
                assert grouped == costly, flt
                table, where, params = store_where(store, flt, "canonical")
                assert stats.one_pass_stats(store, table, where, params, interval,
                                            20) == costly, flt
                assert costly.total > 0 or flt.actor == "nobody at all", flt


def test_canonical_word_search_finds_its_matches_once_with_the_plain_answer(
        url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page and its count find a word's canonical events once (SQLite: a JSON list
    of ids), and answer as the plain subquery does, needle by needle."""
    from rasd.store import pages, selection
    from rasd.store.events import caseless, evidence_match, get_event

    walks: list[bool] = []
    walk_pays = selection._walk_pays
    monkeypatch.setattr(selection, "_walk_pays",
                        lambda *a: walks.append(walk_pays(*a)) or walks[-1])
    with open_store(url) as store:
        _add_evidence(store)
        # Three reports to each canonical event: one event's matches counted once.
        for i in range(0, len(SENTENCES) * 3, 3):
            ev = replace(get_event(store, f"r{i:03d}"), event_id=f"c{i:03d}")
            put_canonical(store, Canonical(ev, (), ()))
        store._exec("UPDATE events SET canonical_id = 'c' || SUBSTR('00' || "
                    "(CAST(SUBSTR(id, 2) AS INTEGER) / 3 * 3), -3)")
        store.commit()
        resolved = 0
        for needle in NEEDLES:
            flt = EventFilter(text=needle)
            where, params = canonical_where(flt, dialect=store.dialect)
            plain = sorted(str(r[0]) for r in store._exec(
                f"SELECT id FROM canonical_events{where}", params).fetchall())
            page = pages.page_events(store, flt, limit=100, level="canonical")
            assert sorted(ev.event_id for ev in page) == plain, needle
            assert pages.page_total(store, flt, level="canonical") == (len(plain), True)
            # Short pages in an index's order: a common word walks the index.
            for sort in ("-date", "-fatalities", "fatalities", "type"):
                order = pages.page_order(sort, store.dialect)
                want = [str(r[0]) for r in store._exec(
                    f"SELECT id FROM canonical_events{where} ORDER BY {order} LIMIT 2 "
                    "OFFSET 1", params).fetchall()]
                got = pages.page_events(store, flt, limit=2, offset=1, sort=sort,
                                        level="canonical")
                assert [ev.event_id for ev in got] == want, (needle, sort)
            if store.dialect == "sqlite":
                resolved += selection._TEXT_MATCHES[store][0] is flt
                # The index alone where it agrees with LIKE; LIKE again elsewhere.
                cond, _ = evidence_match(needle)
                assert ("LIKE" not in cond) == (caseless(needle) and len(needle) >= 3)
        assert store.dialect != "sqlite" or resolved == len(NEEDLES)
        # The same filter object after a write: the new matches, not the ones found before.
        flt = EventFilter(text="غارة جوية")
        before = pages.page_total(store, flt, level="canonical")[0]
        store._exec("UPDATE events SET canonical_id = NULL WHERE id = 'r000'")
        assert pages.page_total(store, flt, level="canonical")[0] == before - 1
        store.commit()
        assert pages.page_total(store, flt, level="canonical")[0] == before - 1
        assert store.dialect != "sqlite" or (any(walks) and not all(walks))
        assert any(caseless(n) for n in NEEDLES) and not all(caseless(n) for n in NEEDLES)
