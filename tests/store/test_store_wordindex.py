"""An evidence word on canonical events through ``evidence_canonical`` (m018, SQLite) or
``evidence_words`` (m020, PostgreSQL) and
the canonical events' covering index by id (m019) answers as the plain subquery over
the reports did, and the table follows every write to evidence and reports.

The plain answer is written out here as it was before m018: the canonical ids of the
reports (``events``) whose evidence sentences match. The table's invariant (each
evidence row's entry holds its report's canonical id) is checked after inserts,
replacements, merges, hand-written updates of ids and canonical ids, deletes, and the
migration of a database written before it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from rasd.models import Canonical, DateSpan, Document, Event, Evidence, Fatalities, Location
from rasd.store import Store, open_store, wordindex
from rasd.store import migrations as migrations_module
from rasd.store.canonical import canonical_where, put_canonical, reset_canonical
from rasd.store.events import EventFilter, evidence_match, get_event, replace_events
from rasd.store.pages import event_points, page_events, page_total
from rasd.store.selection import store_where
from rasd.store.stats import one_pass_stats, plain_stats
from rasd.store.wordindex import common_word

SENTENCES = [
    "قتل ثلاثة مدنيين في غارة جوية على ريف إدلب",
    "شنت طائرات غارة جوية ثانية على بلدة قرب حلب",
    "اندلعت اشتباكات عنيفة بين قوات النظام ومسلحين في حلب",
    "أصيب طفلان بقصف مدفعي استهدف حياً سكنياً في الموصل",
    "قالت مصادر إن الغارة الجوية دمرت مبنى المجلس المحلي",
    "أعلنت الشرطة اعتقال 12 شخصاً وفق بيان Reuters",
    'نقلت وكالة "الأنباء" أن 50% من المنازل تضررت بسبب القصف_الليلي',
]
NEEDLES = ["غارة جوية", "الغارة", "اشتباكات", "حي", "في", "reuters", "REUTERS",
           '"الأنباء"', "50%", "%", "_", "القصف_الليلي", "مدفعي استهدف", "ليس في أي جملة"]
PLACES = [(35.93, 36.63, "Idlib", "SY"), (36.2, 37.16, "Aleppo", "SY"),
          (36.34, 43.12, "Ninewa", "IQ")]


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgresql":
        return str(request.getfixturevalue("pg_url"))
    return f"sqlite:///{tmp_path / 'words.db'}"


def _report(i: int, doc: Document, sentences: list[str]) -> Event:
    lat, lon, admin1, country = PLACES[i % len(PLACES)]
    return Event(
        event_id=f"r{i:03d}", doc_id=doc.name, status=("current", "background")[i % 2],
        event_type=("Battles", "Explosions/Remote violence")[i % 2],
        sub_event_type=("Armed clash", "Air/drone strike")[i % 2], actor1=None, actor2=None,
        location=Location(admin1, admin1, lat + i / 100, lon, 1, admin1=admin1,
                          country=country),
        date=DateSpan(date(2020, 1, 1 + i % 28), date(2020, 1, 1 + i % 28), 1),
        fatalities=Fatalities(i % 5, i % 5, i % 5),
        evidence=tuple(Evidence(doc.name, s, 0, len(s)) for s in sentences))


def _fill(store: Store, n: int = 21) -> None:
    """``n`` reports of one or two sentences; a canonical event for each three."""
    for i in range(n):
        sentences = [SENTENCES[i % len(SENTENCES)]]
        if i % 4 == 0:  # a second sentence: one report matched twice counts once
            sentences.append(SENTENCES[(i + 1) % len(SENTENCES)])
        text = " ".join(sentences)
        doc = Document(id=f"doc{i:03d}", name=f"d{i}", source="وكالة", url=None, title=None,
                       published=date(2020, 1, 1), raw=text, raw_format="text", text=text,
                       origin=f"d{i}.txt")
        store.add_document(doc, commit=False)
        replace_events(store, doc, [_report(i, doc, sentences)], commit=False)
    for i in range(0, n, 3):
        ev = replace(get_event(store, f"r{i:03d}"), event_id=f"c{i:03d}")
        put_canonical(store, Canonical(ev, (), ()))
    store._exec("UPDATE events SET canonical_id = 'c' || SUBSTR('00' || "
                "(CAST(SUBSTR(id, 2) AS INTEGER) / 3 * 3), -3)")
    store.commit()


def _plain_ids(store: Store, needle: str) -> list[str]:
    """The canonical events a word selected before m018: through the reports."""
    cond, found = evidence_match(needle, dialect=store.dialect, column="v.text_match")
    rows = store._exec(
        "SELECT id FROM canonical_events WHERE id IN (SELECT e.canonical_id FROM events e "
        f"JOIN evidence v ON v.event_id = e.id WHERE {cond})", found).fetchall()
    return sorted(str(r[0]) for r in rows)


def _assert_table_in_step(store: Store, *, linked: bool = True) -> None:
    if store.dialect != "sqlite":
        # m020: one entry per evidence row (no key: compared as a multiset).
        order = "ORDER BY 1, 2 NULLS FIRST, 3"
        want = store._exec("SELECT v.event_id, e.canonical_id, v.text_search::text "
                           "FROM evidence v LEFT JOIN events e ON e.id = v.event_id "
                           f"{order}").fetchall()
        got = store._exec("SELECT event_id, canonical_id, text_search::text "
                          f"FROM evidence_words {order}").fetchall()
        assert got == want
        assert any(r[1] is not None for r in got) == linked
        return
    want = store._exec("SELECT v.id, e.canonical_id FROM evidence v "
                       "LEFT JOIN events e ON e.id = v.event_id ORDER BY v.id").fetchall()
    got = store._exec("SELECT id, canonical_id FROM evidence_canonical ORDER BY id").fetchall()
    assert got == want
    assert any(r[1] is not None for r in got) == linked


def _assert_words_answer_as_before(store: Store) -> int:
    matched = 0
    for needle in NEEDLES:
        plain = _plain_ids(store, needle)
        flt = EventFilter(text=needle)
        where, params = canonical_where(flt, dialect=store.dialect)
        got = sorted(str(r[0]) for r in store._exec(
            f"SELECT id FROM canonical_events{where}", params).fetchall())
        assert got == plain, needle
        assert page_total(store, flt, level="canonical") == (len(plain), True), needle
        page = page_events(store, flt, limit=100, level="canonical")
        assert sorted(ev.event_id for ev in page) == plain, needle
        points, total = event_points(store, flt, level="canonical")
        assert sorted(p.event_id for p in points) == plain and total == len(plain), needle
        # Capped: the deadliest first, and all of them counted in the same pass.
        assert event_points(store, flt, limit=2, level="canonical") == (points[:2], total)
        reports, n_reports = event_points(store, flt, level="report")
        assert event_points(store, flt, limit=1, level="report") == (reports[:1], n_reports)
        assert n_reports == len(reports), needle
        stats = plain_stats(store, flt, level="canonical")
        assert stats.total == len(plain), needle
        # PostgreSQL groups a word's events in the query; the same as adding them up.
        table, where, params = store_where(store, flt, "canonical")
        assert one_pass_stats(store, table, where, params, "week", 20) == stats, needle
        matched += len(plain)
    _assert_table_in_step(store)
    return matched


def test_words_answer_as_the_reports_did(url: str) -> None:
    with open_store(url) as store:
        _fill(store)
        assert _assert_words_answer_as_before(store) > 0
        assert _plain_ids(store, "غارة جوية")  # a needle that does match something


def test_the_table_follows_every_write(url: str) -> None:
    with open_store(url) as store:
        _fill(store)
        before = _plain_ids(store, "اشتباكات")
        # Re-extracting a document replaces its evidence rows (new ids).
        doc = store.get_document("doc002")
        replace_events(store, doc, [_report(2, doc, [SENTENCES[0]])])
        after = _plain_ids(store, "اشتباكات")
        assert after != before
        # The re-extracted report has no canonical id yet: merging links it.
        store._exec("UPDATE events SET canonical_id = 'c000' WHERE id = 'r002'")
        store._exec("UPDATE events SET canonical_id = NULL WHERE id = 'r004'")
        store._exec("UPDATE events SET id = 'r900' WHERE id = 'r005'")  # evidence left behind
        store._exec("DELETE FROM events WHERE id = 'r009'")
        store._exec("UPDATE evidence SET event_id = 'r010' WHERE event_id = 'r011'")
        # Evidence written before its report, which then brings its canonical id.
        store._exec("INSERT INTO evidence (event_id, doc_id, start_offset, end_offset, text, "
                    "text_match) VALUES ('r950', 'doc001', 0, 9, 'اشتباكات', 'اشتباكات')")
        record = get_event(store, "r001")
        store._exec("INSERT INTO events (id, doc_id, doc_name, status, event_type, "
                    "sub_event_type, record, canonical_id) VALUES ('r950', 'doc001', 'd1', "
                    "'current', 'Battles', 'Armed clash', ?, 'c018')",
                    [str(record.to_json())])
        store.commit()
        assert "c018" in _plain_ids(store, "اشتباكات")
        assert _assert_words_answer_as_before(store) > 0
        # Merging again from nothing, then linking every report once more.
        reset_canonical(store)
        _assert_table_in_step(store, linked=False)
        assert _plain_ids(store, "غارة جوية") == []
        assert page_total(store, EventFilter(text="غارة جوية"), level="canonical") == (0, True)
        _fill_links(store)
        assert _assert_words_answer_as_before(store) > 0


def _fill_links(store: Store) -> None:
    for i in (0, 3, 6, 12, 15, 18):  # r009 was deleted
        ev = replace(get_event(store, f"r{i:03d}"), event_id=f"c{i:03d}")
        put_canonical(store, Canonical(ev, (), ()))
    store._exec("UPDATE events SET canonical_id = 'c' || SUBSTR('00' || "
                "(CAST(SUBSTR(id, 2) AS INTEGER) / 3 * 3), -3) WHERE id < ?", ["r9"])
    store.commit()


def test_the_migration_fills_the_table_and_the_index_serves_ids(
        url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    before = [m for m in migrations_module.MIGRATIONS if m.__name__ < "m018"]
    monkeypatch.setattr(migrations_module, "MIGRATIONS", before)
    with open_store(url) as store:
        _fill(store)
        assert not store.has_table("evidence_canonical")
        assert not store.has_table("evidence_words")
    monkeypatch.undo()
    with open_store(url) as store:
        assert store.has_table("evidence_canonical") == (store.dialect == "sqlite")
        assert store.has_table("evidence_words") == (store.dialect == "postgresql")
        assert _assert_words_answer_as_before(store) > 0
        if store.dialect == "sqlite":
            where, params = canonical_where(EventFilter(text="غارة جوية"))
            plan = " ".join(str(r[3]) for r in store._exec(
                "EXPLAIN QUERY PLAN SELECT status, event_type, actor1, fatalities "
                f"FROM canonical_events{where}", params).fetchall())
            # Trigram index -> evidence_canonical -> the covering index by id: no
            # evidence row, no report, no event row read.
            assert "evidence_fts" in plan and "SEARCH c USING INTEGER PRIMARY KEY" in plan
            assert "COVERING INDEX canonical_events_id_cover" in plan
            assert "events e" not in plan and " v " not in plan
        else:
            assert store._exec("SELECT 1 FROM pg_indexes WHERE indexname = "
                               "'canonical_events_id_cover' AND schemaname = "
                               "current_schema()").fetchone()
            where, params = canonical_where(EventFilter(text="غارة جوية"),
                                            dialect="postgresql")
            store._exec("SET enable_seqscan = off")  # a handful of rows: plan as if many
            plan = " ".join(str(r[0]) for r in store._exec(
                f"EXPLAIN SELECT id FROM canonical_events{where}", params).fetchall())
            # m020's vectors and index: no evidence row, no report read.
            assert "evidence_words_search" in plan, plan
            assert " on evidence " not in plan.lower() and " on events " not in plan.lower()


def test_planner_statistics_are_taken_after_merging_and_again_as_the_table_grows(
        tmp_path: Path) -> None:
    from rasd.pipeline.merge_stage import merge_reports
    from rasd.store.pages import page_order, refresh_planner_statistics

    def counted(store: Store) -> int | None:
        row = store._exec("SELECT stat FROM sqlite_stat1 WHERE idx = "
                          "'sqlite_autoindex_canonical_events_1'").fetchone()
        return int(str(row[0]).split()[0]) if row else None

    def newest_page_plan(store: Store) -> str:
        return " ".join(str(r[3]) for r in store._exec(
            "EXPLAIN QUERY PLAN SELECT id FROM canonical_events WHERE status = 'current' "
            f"ORDER BY {page_order('-date', 'sqlite')} LIMIT 50").fetchall())

    with open_store(f"sqlite:///{tmp_path / 'plan.db'}") as store:
        _fill(store, 60)
        assert counted(store) is None  # only m019's hand-written row
        assert "TEMP B-TREE" in newest_page_plan(store)  # every current event sorted
        assert refresh_planner_statistics(store) and counted(store) == 20
        assert "canonical_events_newest" in newest_page_plan(store)
        assert "TEMP B-TREE" not in newest_page_plan(store)
        assert not refresh_planner_statistics(store)  # nothing changed since
        for i in range(60, 120):  # twice as many reports, merged by the pipeline's merge
            doc = Document(id=f"doc{i:03d}", name=f"d{i}", source="وكالة", url=None,
                           title=None, published=date(2020, 1, 1), raw=SENTENCES[0],
                           raw_format="text", text=SENTENCES[0], origin=f"d{i}.txt")
            store.add_document(doc, commit=False)
            replace_events(store, doc, [_report(i, doc, [SENTENCES[i % 7]])], commit=False)
        store.commit()
        merge_reports(store)
        n = int(store._exec("SELECT COUNT(*) FROM canonical_events").fetchone()[0])
        assert n >= 40 and counted(store) == n


def test_a_page_with_its_total_answers_as_the_two_functions(url: str) -> None:
    """PostgreSQL finds a word's page and total in one query; SQLite finds the matches once
    (up to the cap) and sorts the page from them: both as the two functions answer."""
    from rasd.store.pages import page_with_total

    with open_store(url) as store:
        _fill(store)
        for needle in [*NEEDLES, None]:
            # A word alone, and with other conditions (PostgreSQL: one query for both).
            flt = EventFilter(text=needle, status="current" if needle == "في" else None)
            if needle and len(needle) % 2:
                flt = replace(flt, country="SY", date_from=date(2020, 1, 3))
            for level in ("canonical", "report"):
                for sort, offset, limit, at_least in [
                        ("-date", 0, 50, None), ("-fatalities", 1, 2, 3), ("type", 0, 3, 1),
                        ("date", 2, 100, 1000), ("fatalities", 500, 10, 600)]:
                    kw = {"limit": limit, "offset": offset, "sort": sort, "level": level}
                    items, n, exact = page_with_total(store, flt, at_least=at_least, **kw)
                    want = page_total(store, flt, level=level, at_least=at_least)
                    assert (n, exact) == want, (needle, level, sort)
                    assert [e.event_id for e in items] == [
                        e.event_id for e in page_events(store, flt, **kw)], (needle, sort)


def test_a_common_word_is_tested_as_a_hashed_set_with_the_same_answers(
        url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL: a word in at least ``HASH_MIN`` sentences (on a table this small) is
    tested as a hashed subplan (``IS TRUE``), not joined, and every page, count, map
    and statistic answers as before; the sentences are counted exactly up to the bound.
    SQLite never takes that form."""
    with open_store(url) as store:
        _fill(store)
        # A matching report not merged yet: its NULL canonical id is among the word's.
        store._exec("UPDATE events SET canonical_id = NULL WHERE id = 'r000'")
        store.commit()
        needle = "غارة جوية"
        sentences = int(store._exec(
            "SELECT COUNT(*) FROM evidence v WHERE " + evidence_match(
                needle, dialect=store.dialect, column="v.text_match")[0],
            evidence_match(needle, dialect=store.dialect)[1]).fetchone()[0])
        assert sentences > 1
        pg = store.dialect == "postgresql"
        for bound, common in ((sentences, pg), (sentences + 1, False)):
            monkeypatch.setattr(wordindex, "HASH_MIN", bound)
            flt = EventFilter(text=needle)  # a new filter: its count is not reused
            assert common_word(store, flt) == common, bound
            assert common_word(store, flt, walk=10) == common, bound
            _t, where, _p = store_where(store, EventFilter(text=needle), "canonical")
            assert ("IS TRUE" in where) == common
        monkeypatch.setattr(wordindex, "HASH_MIN", 1)  # every word that matches: hashed
        assert _assert_words_answer_as_before(store) > 0
        flt = EventFilter(text=needle)
        _t, where, params = store_where(store, flt, "canonical", walk=10)
        assert ("IS TRUE" in where) == pg
        # With other conditions the planner's own join stays (and the word is not counted).
        _t, other, _p = store_where(store, replace(flt, country="SY"), "canonical")
        assert "IS TRUE" not in other
        if pg:
            store._exec("SET enable_seqscan = off")  # a handful of rows: plan as if many
            plan = " ".join(str(r[0]) for r in store._exec(
                f"EXPLAIN SELECT id FROM canonical_events{where} "
                "ORDER BY date_start DESC NULLS LAST, id LIMIT 10", params).fetchall())
            assert "hashed SubPlan" in plan and "Join" not in plan, plan
            store._exec("RESET enable_seqscan")
        # Pages, totals, points and statistics, hashed and joined, to the order.
        answers = []
        for hash_min in (1, 10**9):
            monkeypatch.setattr(wordindex, "HASH_MIN", hash_min)
            answers.append(_word_answers(store))
        assert answers[0] == answers[1]


def _word_answers(store: Store) -> list[object]:
    from rasd.store.pages import page_with_total

    out: list[object] = []
    for needle in NEEDLES:
        for others in ({}, {"status": "current"},
                       {"country": "SY", "date_from": date(2020, 1, 3)}):
            flt = EventFilter(text=needle, **others)  # type: ignore[arg-type]
            for sort, offset, limit, at_least in [("-date", 0, 5, None), ("-fatalities", 1, 2, 3),
                                                  ("type", 0, 3, 1), ("date", 2, 100, 1000)]:
                kw = {"limit": limit, "offset": offset, "sort": sort, "level": "canonical"}
                items, n, exact = page_with_total(store, flt, at_least=at_least, **kw)
                out.append(([e.event_id for e in items], n, exact))
                out.append([e.event_id for e in page_events(store, flt, **kw)])
            out.append(page_total(store, flt, level="canonical", at_least=2))
            out.append(event_points(store, flt, limit=3, level="canonical"))
            out.append(plain_stats(store, flt, level="canonical"))
    return out
