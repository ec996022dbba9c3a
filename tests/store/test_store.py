"""The SQLite store: documents, failures, runs, line statistics, migrations, events."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from rasd.errors import NotFoundError, StoreURLError
from rasd.models import (
    Actor,
    DateSpan,
    Document,
    Event,
    Evidence,
    Failure,
    Fatalities,
    Location,
    Sentence,
    content_id,
)
from rasd.store import open_store
from rasd.store.events import EventFilter, count_events, get_event, list_events, replace_events
from rasd.store.migrations import MIGRATIONS


def make_doc(text: str, name: str = "a1", source: str | None = "وكالة الفرات") -> Document:
    return Document(id=content_id(text), name=name, source=source, url=None,
                    title=text.split("\n")[0], published=date(2024, 3, 5), raw=text,
                    raw_format="text", text=text, origin=f"{name}.txt")


def test_add_document_is_idempotent(store):
    doc = make_doc("قصف مدفعي على بلدة الباغوز\nوقال مصدر محلي إن القصف استمر ساعات.")
    assert store.add_document(doc) is True
    assert store.add_document(doc) is False
    assert store.add_document(dataclasses.replace(doc, name="copy")) is False
    assert store.count_documents() == 1


def test_get_document_by_id_and_name(store):
    doc = make_doc("اشتباكات عنيفة في ريف إدلب الجنوبي بين فصائل المعارضة وقوات النظام.")
    store.add_document(doc)
    assert store.get_document(doc.id).text == doc.text
    got = store.get_document("a1")
    assert got.id == doc.id
    assert got.published == date(2024, 3, 5)
    with pytest.raises(NotFoundError):
        store.get_document("nope")


def test_cleaned_text_and_sentences_round_trip(store):
    doc = make_doc("غارة جوية على مدينة الميادين. قتل فيها ثلاثة مدنيين.")
    store.add_document(doc)
    clean = doc.text
    sents = (Sentence(doc.id, 0, 0, 26, clean[0:26]), Sentence(doc.id, 1, 27, len(clean),
                                                                 clean[27:]))
    store.set_cleaned(dataclasses.replace(doc, clean_text=clean, sentences=sents,
                                          removed_lines=("fbpx",)))
    got = store.get_document(doc.id)
    assert got.clean_text == clean
    assert [s.text for s in got.sentences] == [s.text for s in sents]
    assert got.removed_lines == ("fbpx",)


def test_iter_uncleaned_and_batches(store):
    docs = [make_doc(f"خبر رقم {i} عن اشتباكات في حلب", name=f"d{i}") for i in range(7)]
    for d in docs:
        store.add_document(d)
    store.set_cleaned(dataclasses.replace(docs[0], clean_text="x"))
    pending = list(store.iter_documents(uncleaned=True, batch=2))
    assert len(pending) == 6
    assert docs[0].id not in {d.id for d in pending}
    assert len(list(store.iter_documents(batch=3))) == 7
    ids = [docs[3].id, docs[1].id]
    assert [d.id for d in store.iter_documents(ids=ids)] == ids


def test_failures_and_runs(store):
    run = store.start_run("ingest")
    store.add_failure(Failure("x.txt", "ingest", "empty file"), run_id=run)
    store.finish_run(run, {"read": 1, "failed": 1})
    [f] = store.list_failures(run_id=run)
    assert (f.origin, f.stage, f.reason) == ("x.txt", "ingest", "empty file")
    [r] = store.list_runs()
    assert r.stats == {"failed": 1, "read": 1}
    assert r.finished is not None


def test_line_stats_count_documents(store):
    store.add_line_stats("s", {"k1", "k2"})
    store.add_line_stats("s", {"k1"})
    store.add_line_stats("t", {"k1"})
    total, counts = store.line_stats("s", min_docs=1)
    assert total == 2
    assert counts == {"k1": 2, "k2": 1}
    assert store.line_stats("s", min_docs=2)[1] == {"k1": 2}


def test_migrations_are_named_and_applied_once(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'm.db'}"
    s = open_store(url)
    assert s.migrate() == []
    s.close()
    names = [r[0] for r in sqlite3.connect(tmp_path / "m.db").execute(
        "SELECT name FROM migrations ORDER BY name")]
    assert names == sorted(m.__name__ for m in MIGRATIONS)


def test_bad_url():
    with pytest.raises(StoreURLError):
        open_store("mysql://localhost/x")


def _event(doc: Document, eid: str, *, country: str = "SY", day: int = 4,
           evidence: str = "اشتباكات في الباغوز", sub: str = "Armed clash") -> Event:
    return Event(
        event_id=eid, doc_id=doc.name, status="current", event_type="Battles",
        sub_event_type=sub,
        actor1=Actor("sdf", "Syrian Democratic Forces", "قسد", 3, "SY"),
        actor2=Actor("isis", "Islamic State", "داعش", 2),
        location=Location("Baghouz", "الباغوز", 34.49, 40.95, 1, "x:1", "Deir ez-Zor",
                          "Abu Kamal", country),
        date=DateSpan(date(2024, 3, day), date(2024, 3, day), 1),
        fatalities=Fatalities(3, 3, 5),
        evidence=(Evidence(doc.name, evidence, 0, len(evidence)),),
        sources=("وكالة الفرات",), notes="note",
    )


def test_events_replace_filter_and_round_trip(store):
    doc = make_doc("نص")
    store.add_document(doc)
    e1 = _event(doc, "e1")
    e2 = _event(doc, "e2", country="IQ", day=1, evidence="قصف على القائم",
                sub="Government regains territory")
    replace_events(store, doc, [e1, e2])
    assert get_event(store, "e1") == e1
    assert count_events(store) == 2
    assert [e.event_id for e in list_events(store, EventFilter(country="IQ"))] == ["e2"]
    assert [e.event_id for e in list_events(store, EventFilter(date_from=date(2024, 3, 2)))] \
        == ["e1"]
    assert [e.event_id for e in list_events(store, EventFilter(text="الباغوز"))] == ["e1"]
    assert {e.event_id for e in list_events(store, EventFilter(actor="قسد"))} == {"e1", "e2"}
    assert list_events(store, EventFilter(actor="Hezbollah")) == []
    assert list_events(store, EventFilter(bbox=(0.0, 0.0, 1.0, 1.0))) == []
    # Re-extraction replaces, never duplicates.
    replace_events(store, doc, [e1])
    assert count_events(store) == 1
    with pytest.raises(NotFoundError):
        get_event(store, "e2")


def test_a_pending_only_write_leaves_another_process_extraction_standing(store):
    # Two processes read the same pending list; the one that stores second must
    # not replace the first one's events (a merge may be linking them already).
    doc = make_doc("نص")
    store.add_document(doc)
    first = _event(doc, "e1")
    assert replace_events(store, doc, [first], only_pending=True) is True
    assert replace_events(store, doc, [_event(doc, "e2")], only_pending=True) is False
    assert [e.event_id for e in list_events(store)] == ["e1"]
    # Without the flag (a deliberate re-extraction) the events are replaced.
    assert replace_events(store, doc, [_event(doc, "e2")]) is True
    assert [e.event_id for e in list_events(store)] == ["e2"]
