"""The orchestrator: stages chained, failures recorded, runs resumable."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from rasd.errors import StageError, StoreError
from rasd.models import Document, Failure, content_id
from rasd.pipeline.orchestrator import Pipeline

ARTICLES = {
    "raqqa.txt": (
        "اشتباكات بين قسد وخلايا التنظيم في ريف الرقة\n\n"
        "الرقة - اندلعت اشتباكات عنيفة، مساء الأحد، بين قوات سوريا الديمقراطية وخلايا "
        "تابعة لتنظيم داعش في قرية الكرامة شرق الرقة.\n\n"
        "وقال مصدر محلي إن الاشتباكات استمرت ساعتين قبل أن ينسحب المهاجمون.\n\n"
        "شارك المقال\n"
    ),
    "idlib.txt": (
        "قصف مدفعي على جبل الزاوية\n\n"
        "إدلب - تعرضت بلدات جبل الزاوية جنوبي إدلب لقصف مدفعي من قوات النظام صباح اليوم.\n\n"
        "وأفاد الدفاع المدني بإصابة ثلاثة مدنيين بجروح.\n"
    ),
    "anbar.txt": (
        "اعتقال خلية في الأنبار\n\n"
        "الرمادي - أعلنت قيادة العمليات المشتركة اعتقال أربعة مطلوبين في عملية أمنية "
        "غرب الرمادي.\n"
    ),
}


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    for name, text in ARTICLES.items():
        (folder / "sub" / name).write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    return folder


def test_run_stores_cleans_and_records_failures(store, corpus: Path) -> None:
    stats = Pipeline(store, extract=False).run([corpus])
    assert (stats.read, stats.stored, stats.duplicates, stats.failed) == (5, 3, 0, 2)
    assert stats.cleaned == 3
    failures = store.list_failures()
    assert {Path(f.origin).name for f in failures} == {"empty.txt", "image.txt"}
    assert all(f.stage == "ingest" and f.reason for f in failures)
    doc = store.get_document("raqqa")
    assert doc.clean_text and "شارك المقال" not in doc.clean_text
    assert doc.sentences and all(doc.clean_text[s.start:s.end] == s.text for s in doc.sentences)
    [run] = store.list_runs()
    assert run.stats["stored"] == 3 and run.finished


def test_second_run_stores_nothing_new(store, corpus: Path) -> None:
    Pipeline(store, extract=False).run([corpus])
    again = Pipeline(store, extract=False).run([corpus])
    assert (again.stored, again.duplicates) == (0, 3)
    assert store.count_documents() == 3


def _doc(name: str, text: str) -> Document:
    return Document(id=content_id(text), name=name, source="s", url=None, title=None,
                    published=None, raw=text, raw_format="text", text=text, origin=name)


def test_killed_run_is_completed_by_a_rerun(store) -> None:
    docs = [_doc(n, t) for n, t in ARTICLES.items()]

    def dies() -> Iterator[Document | Failure]:
        yield docs[0]
        yield docs[1]
        raise KeyboardInterrupt  # the process is killed mid-batch

    with pytest.raises(KeyboardInterrupt):
        Pipeline(store, extract=False).process(dies())
    store._conn().rollback()  # what closing a killed connection does
    stored_before = store.count_documents()
    assert stored_before in (0, 1, 2)
    stats = Pipeline(store, extract=False).process(iter(docs))
    assert store.count_documents() == 3
    assert stats.stored == 3 - stored_before
    assert all(d.clean_text for d in store.iter_documents())


def test_document_stored_but_not_cleaned_is_picked_up(store) -> None:
    doc = _doc("raqqa.txt", ARTICLES["raqqa.txt"])
    store.add_document(doc)
    stats = Pipeline(store, extract=False).process(iter([]))
    assert stats.cleaned == 1
    assert store.get_document(doc.id).clean_text


def test_a_failing_stage_is_named(store, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_a: object, **_k: object) -> None:
        raise StoreError("disk full")

    monkeypatch.setattr(store, "add_document", broken)
    with pytest.raises(StageError) as err:
        Pipeline(store, extract=False).process(iter([_doc("a", "نص قصير عن الاشتباكات")]))
    assert err.value.stage == "store"
    assert "disk full" in str(err.value)


def test_an_empty_record_is_stored_and_counted_not_failed(store, tmp_path: Path) -> None:
    import json

    path = tmp_path / "feed.jsonl"
    records = [
        {"id": "a1", "source": "e.org", "published": "2024-03-05", "url": "https://e.org/a1",
         "title": "قصف على جبل الزاوية", "text": ARTICLES["idlib.txt"]},
        {"id": "a2", "source": "e.org", "published": "2024-03-05", "url": "https://e.org/a2",
         "title": "", "text": " "},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n",
                    encoding="utf-8")
    stats = Pipeline(store, extract=False).run([path])
    assert (stats.read, stats.stored, stats.failed, stats.cleaned, stats.empty) == (2, 2, 0, 1, 1)
    assert "empty (no text): 1" in stats.summary()
    assert store.list_failures() == []
    empty = store.get_document("a2")
    assert (empty.url, empty.clean_text) == ("https://e.org/a2", "")
    # Cleaned to nothing once: a re-run does not count it again.
    again = Pipeline(store, extract=False).run([path])
    assert (again.duplicates, again.empty, again.failed) == (2, 0, 0)
