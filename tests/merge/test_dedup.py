"""Near-duplicate documents: signatures, the LSH index, clusters kept in the store."""

from __future__ import annotations

import json
import random
from pathlib import Path

from rasd.merge.dedup import (
    DuplicateIndex,
    decode_signature,
    dedup_pending,
    encode_signature,
    shingles,
    signature,
    similarity,
)
from rasd.pipeline.orchestrator import Pipeline
from rasd.store import open_store
from rasd.store.canonical import duplicate_cluster, near_copies

# A wire story of our own, and what outlets make of it.
WIRE = (
    "أعلنت وزارة الصحة في المحافظة أن حصيلة ضحايا الانفجار الذي وقع صباح الثلاثاء في السوق "
    "الشعبي وسط المدينة ارتفعت إلى خمسة عشر قتيلاً وأكثر من أربعين جريحاً، بينهم نساء "
    "وأطفال. وقال مدير المستشفى العام إن فرق الإسعاف نقلت المصابين إلى ثلاثة مستشفيات "
    "وإن حالة عشرة منهم حرجة. وأضاف أن الأجهزة الأمنية فرضت طوقاً حول المكان وبدأت "
    "التحقيق في ملابسات الحادث، فيما تجمع عشرات الأهالي أمام المستشفى للسؤال عن ذويهم. "
    "ولم تعلن أي جهة مسؤوليتها عن الانفجار حتى ساعة إعداد هذا الخبر، في حين دانت الحكومة "
    "الهجوم ووصفته بالعمل الجبان الذي يستهدف زعزعة الاستقرار."
)
EDITED = (
    "المدينة - مراسلنا\n\n" + WIRE.replace("خمسة عشر قتيلاً", "16 قتيلاً")
    .replace("فيما تجمع عشرات الأهالي أمام المستشفى للسؤال عن ذويهم. ", "")
    + "\n\nتابعونا على مواقع التواصل."
)
OTHER = (
    "افتتح وزير التربية اليوم معرض الكتاب السنوي في قاعة المؤتمرات بمشاركة أكثر من مئتي "
    "دار نشر عربية وأجنبية. وقال الوزير في كلمته إن المعرض يمثل نافذة ثقافية مهمة للشباب، "
    "وإن الوزارة ستوزع آلاف الكتب المجانية على طلاب المدارس خلال أيام المعرض العشرة. "
    "ويتضمن البرنامج ندوات أدبية وأمسيات شعرية وورشاً لتعليم الرسم للأطفال."
)


def test_shingles_fold_spelling_and_diacritics() -> None:
    assert shingles("قُتِلَ خمسةُ مدنيين في إدلب اليوم") == shingles("قتل خمسه مدنيين في ادلب اليوم")
    assert shingles("كلمتان فقط") == {"كلمتان فقط"}
    assert shingles("  ") == set()
    assert signature("...") is None


def test_signature_round_trip_and_similarity() -> None:
    a, b, c = signature(WIRE), signature(EDITED), signature(OTHER)
    assert a is not None and b is not None and c is not None
    text = encode_signature(a)
    assert len(text) == 684  # 128 x 4 bytes, base64
    assert similarity(decode_signature(text), a) == 1.0
    assert similarity(a, b) >= 0.5 > similarity(a, c)


def test_index_finds_near_copies_only() -> None:
    index = DuplicateIndex()
    for doc_id, text in (("wire", WIRE), ("other", OTHER)):
        sig = signature(text)
        assert sig is not None
        index.add(doc_id, sig)
    edited = signature(EDITED)
    assert edited is not None
    [(found, sim)] = index.near(edited)
    assert found == "wire" and sim >= 0.5
    assert index.near(edited, exclude="wire") == []


def _write(path: Path, records: list[tuple[str, str, str]]) -> Path:
    path.write_text("".join(json.dumps({"id": i, "source": s, "published": "2024-03-05",
                                        "text": t}, ensure_ascii=False) + "\n"
                            for i, s, t in records), encoding="utf-8")
    return path


def _clusters(db: str) -> list[list[str]]:
    with open_store(db) as store:
        rows = store._exec("SELECT DISTINCT cluster_id FROM doc_minhash").fetchall()
        return sorted(duplicate_cluster(store, r[0]) for r in rows)


def test_pipeline_links_near_copies_across_runs(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'd.db'}"
    first = _write(tmp_path / "a.jsonl", [("wire", "وكالة", WIRE), ("other", "صحيفة", OTHER)])
    again = _write(tmp_path / "b.jsonl", [("wire-again", "وكالة", WIRE + "\n")])
    copy = _write(tmp_path / "c.jsonl", [("edited", "موقع", EDITED)])
    with open_store(db) as store:
        stats = Pipeline(store, extract=False).run([first, again])
        assert stats.duplicates == 1  # an exact copy is stored once
        Pipeline(store, extract=False).run([copy])  # a later run sees earlier documents
        wire, edited = store.get_document("wire").id, store.get_document("edited").id
        assert set(near_copies(store, edited)) == {wire}
        assert dedup_pending(store) == 0  # nothing left to sign
    clusters = _clusters(db)
    assert sorted(map(len, clusters)) == [1, 2]
    assert min(wire, edited) == min(next(c for c in clusters if len(c) == 2))


def test_clusters_do_not_depend_on_order(tmp_path: Path) -> None:
    third = WIRE.replace("في السوق الشعبي", "في سوق الخضار").replace("عشرة منهم", "سبعة منهم")
    records = [("wire", "a", WIRE), ("edited", "b", EDITED), ("third", "c", third),
               ("other", "d", OTHER)]
    results = []
    for seed in range(3):
        order = records[:]
        random.Random(seed).shuffle(order)
        db = f"sqlite:///{tmp_path / f'o{seed}.db'}"
        with open_store(db) as store:
            for n, rec in enumerate(order):  # one document per run
                Pipeline(store, extract=False).run([_write(tmp_path / f"{seed}-{n}.jsonl",
                                                           [rec])])
        results.append(_clusters(db))
    assert results[0] == results[1] == results[2]
    assert sorted(map(len, results[0])) == [1, 3]
