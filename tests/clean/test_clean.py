"""The CLEAN stage: chrome rules, per-source statistics, repeats, and the seed articles."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from rasd.clean.chrome_rules import load_rules, parse_rules
from rasd.clean.cleaner import LineStats, clean_document, clean_text, line_keys
from rasd.clean.normalize import normalize_text
from rasd.errors import CleanError
from rasd.models import Document, content_id

# Our own article text (written for these tests).
HEAD = "اشتباكات عنيفة في ريف المدينة الشمالي"
P1 = (
    "قال مصدر محلي إن اشتباكات عنيفة اندلعت فجر اليوم بين فصيلين مسلحين في ريف المدينة "
    "الشمالي، ما أدى إلى مقتل أربعة مقاتلين وإصابة سبعة آخرين بجروح متفاوتة."
)
P2 = (
    "وأضاف المصدر أن الاشتباكات تركزت قرب الجسر القديم، وأن عشرات العائلات نزحت نحو "
    "القرى المجاورة خوفا من توسع المعارك خلال الساعات المقبلة."
)
P3 = "وكانت المنطقة قد شهدت هدوءا حذرا منذ نحو شهرين بعد اتفاق محلي لوقف إطلاق النار."


def make_doc(text: str, *, source: str | None = "site", title: str | None = None) -> Document:
    return Document(
        id=content_id(text), name="t", source=source, url=None, title=title, published=None,
        raw=text, raw_format="text", text=text, origin="test",
    )


def article(*extra: str, before: tuple[str, ...] = ()) -> str:
    return "\n\n".join([*before, HEAD, P1, P2, P3, *extra])


def assert_body_kept(cleaned: str) -> None:
    for para in (HEAD, P1, P2, P3):
        assert para in cleaned


# --- chrome rules ----------------------------------------------------------------

RULE_CASES = [
    ("tracking token", ["fbpx"], []),
    ("english share prompt", ["Send this to a friend", "Share on Facebook"], []),
    ("show more", ["أظهر المزيد", "...المزيد"], []),
    ("back to top", ["زر الذهاب إلى الأعلى"], []),
    ("comment prompts", ["اترك رداً", "أضف تعليق", "لن يتم نشر عنوان بريدك الإلكتروني."], []),
    ("photo credit", ["(صورة: أرشيفية)", "تصوير: سامر علي"], []),
    ("copyright", ["© 2024 جميع الحقوق محفوظة لموقع الخبر", "جميع الحقوق محفوظة"], []),
    ("newsletter", ["اشترك في النشرة البريدية ليصلك كل جديد", "Subscribe to our newsletter"], []),
    ("tags line", ["الوسوم: اشتباكات، نزوح، ريف", "كلمات مفتاحية: قصف"], []),
    ("agency credit", ["(وكالات)", "وكالات", "رويترز"], []),
    ("share block with its teaser",
     ["شارك المقال مع أصدقائك على مواقع التواصل الاجتماعي", "قصف جديد على البلدة.. وضحايا"], []),
    ("related block with teasers",
     ["مقالات ذات صلة", "انفجار سيارة في السوق المركزي", "هل تعود المعارك إلى الجنوب؟",
      "وفد أممي يزور المخيم..."], []),
    ("read-also line", ["اقرأ أيضا: تقرير عن النزوح في الشمال"], []),
    ("separator lines", ["* * *", "—"], []),
    ("agency end marks", ["// انتهى //", "18:35 ت م"], []),
]


@pytest.mark.parametrize(("name", "chrome", "kept"), RULE_CASES, ids=[c[0] for c in RULE_CASES])
def test_chrome_rules_remove_chrome_and_keep_body(
    name: str, chrome: list[str], kept: list[str]
) -> None:
    out = clean_text(article(*chrome))
    assert_body_kept(out.text)
    for line in chrome:
        assert normalize_text(line) not in out.text.split("\n")
    assert {r.reason for r in out.removed} <= {"rule", "block"}
    assert len(out.removed) == len(chrome)


def test_chrome_rules_at_top_of_page() -> None:
    out = clean_text(article(before=("fbpx", "الرئيسية", "Share on Twitter")))
    assert out.text.startswith(HEAD)
    assert_body_kept(out.text)


def test_tail_rule_cuts_chrome_glued_to_a_paragraph() -> None:
    glued = P3 + " رابط الخبر بصحيفة الوادي: اشتباكات عنيفة في الريف"
    out = clean_text("\n\n".join([HEAD, P1, P2, glued]))
    assert out.text.endswith(P3)
    assert [r.line for r in out.removed] == ["رابط الخبر بصحيفة الوادي: اشتباكات عنيفة في الريف"]
    # ... but not when the phrase is followed by a whole paragraph of text.
    long_tail = P3 + " رابط الخبر بصحيفة " + P1 + " " + P2
    assert clean_text(long_tail).removed == ()


def test_a_columns_list_of_other_pieces_is_cut() -> None:
    # The writer's other titles glued to the last paragraph (issue 14): a title naming a
    # massacre must not reach the extractor.
    titles = "مقالات أخرى للكاتبماذا بعد معركة المدينة؟مجزرة القرية المنسية!دروس الحرب"
    out = clean_text("\n\n".join([HEAD, P1, P2, P3 + " " + titles]))
    assert out.text.endswith(P3)
    assert [r.line for r in out.removed] == [titles]
    # Without the heading the same titles are not chrome to the cleaner.
    assert clean_text("\n\n".join([HEAD, P1, P2, P3 + " " + titles[18:]])).removed == ()


def test_head_rule_cuts_navigation_glued_to_a_sentence() -> None:
    out = clean_text("\n\n".join(["Next Previous " + P1, P2, "Next Previous"]))
    assert out.text.split("\n\n") == [P1, P2]
    assert [r.line for r in out.removed] == ["Next Previous", "Next Previous"]


def test_related_block_stops_at_body_text() -> None:
    # A "read also" heading in the middle of an article: the teaser under it
    # goes, the body paragraph after it (long, full stop) stays.
    text = "\n\n".join([HEAD, P1, "اقرأ أيضا", "قصف على الطريق الدولي", P2, P3])
    out = clean_text(text)
    assert_body_kept(out.text)
    assert "قصف على الطريق الدولي" not in out.text


def test_lines_that_merely_resemble_chrome_are_kept() -> None:
    body = [
        "شارك مئات السكان في تشييع الضحايا وسط إجراءات أمنية مشددة في المدينة.",
        "وقالت الوكالة إن التعليقات الرسمية على الحادث ما زالت غائبة حتى الآن.",
        "وأكد المرصد أن حقوق المدنيين انتهكت مرارا خلال الحملة العسكرية الأخيرة.",
        "المزيد من الضحايا سقطوا في القصف الذي استهدف السوق صباح الأحد.",
    ]
    out = clean_text(article(*body))
    for line in body:
        assert line in out.text


def test_prefix_rules_spare_long_paragraphs() -> None:
    long_line = "الوسوم " + " ".join(["كلمة"] * 40) + "."
    assert long_line in clean_text(article(long_line)).text


def test_rule_file_parses_and_rejects_malformed_rules() -> None:
    rules = load_rules()
    assert rules.match("fbpx") == "line"
    assert rules.match("مقالات ذات صلة:") == "block"
    assert rules.match(P1) is None
    with pytest.raises(ValueError, match="kind: value"):
        parse_rules("unknown: x")
    with pytest.raises(ValueError, match="bad regex"):
        parse_rules("re: (unclosed")


# --- statistics ------------------------------------------------------------------

FOOTER = ["شبكة أخبار الوادي", "للتواصل مع المحرر ارسل رسالة", "0501234567 - واتس"]
# A background paragraph the desk pastes into every report on the war: it
# recurs as often as the footer, but it is a sentence and must stay.
BACKGROUND = (
    "وتشهد المنطقة نزاعا مسلحا منذ سنوات أودى بحياة الآلاف وشرد مئات الآلاف من السكان "
    "بحسب تقديرات منظمات محلية ودولية."
)
SHORT_SENTENCE = "ولم تعلن أي جماعة مسؤوليتها عن الهجوم بعد."
DATELINE = "الرقة 12 أغسطس 2015"


def synthetic_source(n: int = 20) -> list[str]:
    docs = []
    for i in range(n):
        body = (
            f"أفاد مراسلنا بأن اشتباكات جرت في الحي رقم {i} وأسفرت عن مقتل {i + 2} أشخاص "
            f"وإصابة آخرين، بينما تواصل القصف على أطراف البلدة لليوم {i + 1} على التوالي."
        )
        docs.append("\n".join([f"عنوان الخبر رقم {i}", DATELINE, body, BACKGROUND,
                               SHORT_SENTENCE, *FOOTER]))
    return docs


def stats_of(docs: list[str]) -> LineStats:
    counts: dict[str, int] = {}
    for d in docs:
        for k in line_keys(d):
            counts[k] = counts.get(k, 0) + 1
    return LineStats(docs=len(docs), counts=counts)


def test_statistics_remove_footer_lines_but_keep_sentences() -> None:
    docs = synthetic_source()
    stats = stats_of(docs)
    for d in docs:
        out = clean_text(d, stats=stats)
        removed = {r.line: r.reason for r in out.removed}
        assert removed == {line: "stats" for line in FOOTER}
        assert BACKGROUND in out.text
        assert SHORT_SENTENCE in out.text
        assert DATELINE in out.text  # protected: a dateline carries place and date
        assert "أفاد مراسلنا" in out.text


def test_statistics_need_enough_documents() -> None:
    docs = synthetic_source()
    # Two documents sharing a line is not a pattern.
    assert clean_text(docs[0], stats=stats_of(docs[:2])).removed == ()
    # A line in 3 of 100 documents is below the 5% share.
    big = stats_of(docs[:3])
    big = LineStats(docs=100, counts=big.counts)
    assert clean_text(docs[0], stats=big).removed == ()


def test_statistics_through_the_store(store) -> None:  # type: ignore[no-untyped-def]
    docs = synthetic_source()
    for d in docs:
        store.add_line_stats("wadi", line_keys(d))
    stats = LineStats(*store.line_stats("wadi"))
    assert stats.docs == 20
    out = clean_document(make_doc(docs[5], source="wadi"), stats=stats)
    assert out.clean_text is not None
    for line in FOOTER:
        assert line not in out.clean_text
        assert line in out.removed_lines
    assert BACKGROUND in out.clean_text


def test_line_keys_fold_spelling_variants() -> None:
    assert line_keys("شبكة الأخبار\nشبكـة الاخبار") == line_keys("شبكة الأخبار")
    assert len(line_keys("سطر\n\nسطر آخر\n")) == 2
    assert line_keys("") == set()


# --- repeats ---------------------------------------------------------------------


def test_repeated_paragraph_kept_once() -> None:
    out = clean_text(article(P1))
    assert out.text.count(P1) == 1
    assert [r.reason for r in out.removed] == ["duplicate"]


def test_repeated_headline_kept_once() -> None:
    text = "\n\n".join([HEAD, P1, "تقدم بطيء للقوات", "تقدم بطيء للقوات", P2])
    out = clean_text(text)
    assert out.text.count("تقدم بطيء للقوات") == 1


def test_repeat_with_different_quotes_and_diacritics() -> None:
    first = 'وقال المتحدث باسم الدفاع المدني إن فرقه انتشلت "جثث ثلاثة أطفال" من تحت الأنقاض.'
    again = "وقال المتحدّث باسم الدفاع المدني إن فرقه انتشلت «جثث ثلاثة أطفال» من تحت الأنقاض."
    out = clean_text("\n".join([HEAD, first, P2, again]))
    assert out.text.count("من تحت الأنقاض") == 1


def test_truncated_teaser_of_earlier_paragraphs_removed() -> None:
    teaser = (P1 + " " + P2)[:170] + "..."
    out = clean_text(article(teaser))
    assert_body_kept(out.text)
    assert [r.reason for r in out.removed] == ["duplicate"]


def test_truncated_teaser_without_ellipsis_spanning_lines() -> None:
    teaser = " ".join([HEAD, P1, P2])[:200].rsplit(" ", 1)[0] + " وال"
    out = clean_text(article(teaser))
    assert_body_kept(out.text)
    assert len(out.removed) == 1


def test_teaser_before_the_full_paragraph_removed() -> None:
    teaser = P2[:90].rsplit(" ", 1)[0] + "…"
    out = clean_text("\n\n".join([HEAD, P1, teaser, P2, P3]))
    assert_body_kept(out.text)
    assert out.text.count(P2[:60]) == 1


def test_title_repeated_inside_text() -> None:
    text = "\n\n".join([P1, P2, HEAD, P3])
    out = clean_text(text, title=HEAD)
    assert HEAD not in out.text
    # ... but a text that starts with its headline keeps it.
    assert HEAD in clean_text(article(), title=HEAD).text


def test_short_line_inside_a_paragraph_is_not_a_repeat() -> None:
    quote = "الوضع الإنساني صعب جدا"
    text = "\n\n".join([HEAD, f"وقال الطبيب إن {quote} في المستشفى.", quote, P3])
    assert quote in clean_text(text).text.split("\n\n")


# --- clean_document --------------------------------------------------------------


def test_clean_document_fills_fields() -> None:
    doc = make_doc(article("fbpx", P1))
    out = clean_document(doc)
    assert out.text == doc.text and out.raw == doc.raw
    assert out.clean_text is not None
    assert out.removed_lines == ("fbpx", P1)
    assert out.sentences
    for s in out.sentences:
        assert out.clean_text[s.start : s.end] == s.text
        assert s.doc_id == doc.id
    assert out.clean_text.split("\n\n") == [HEAD, P1, P2, P3]


def test_clean_document_normalises_text() -> None:
    doc = make_doc("قـــال المصدر إن اﻷراضي «المحررة» تمتد عشرات الكيلومترات شرقا.")
    out = clean_document(doc)
    assert out.clean_text == 'قال المصدر إن الأراضي "المحررة" تمتد عشرات الكيلومترات شرقا.'


CHROME_ONLY = "fbpx\nاظهر المزيد\nمقالات ذات صلة\nزر الذهاب إلى الأعلى"


@pytest.mark.parametrize("title", [None, "", "شارك", "اظهر المزيد"])
def test_an_all_chrome_page_without_a_headline_fails(title: str | None) -> None:
    with pytest.raises(CleanError, match="nothing usable left"):
        clean_document(make_doc(CHROME_ONLY, title=title))


@pytest.mark.parametrize(
    ("body", "title", "expected"),
    [
        # A photo gallery: the body is only the outlet's link-back credit.
        ("رابط الخبر بصحيفة الوادي: بالصور .. دمار في سوق الحميدية\nfbpx",
         "بالصور .. دمار في سوق الحميدية", "بالصور .. دمار في سوق الحميدية"),
        # A video page: the body is only a comment counter.
        ("تعليقات ()\nاترك رداً", "فيديو ‌لحظة سقوط القذيفة على حي الشعار",
         "فيديو لحظة سقوط القذيفة على حي الشعار"),
        (CHROME_ONLY, "وزير الداخلية", "وزير الداخلية"),
    ],
)
def test_an_all_chrome_page_keeps_its_headline(body: str, title: str, expected: str) -> None:
    out = clean_document(make_doc(body, title=title))
    assert out.clean_text == expected
    assert [s.text for s in out.sentences] == [expected]
    assert out.removed_lines


@pytest.mark.parametrize("text", ["", "   \n\n "])
def test_an_empty_text_cleans_to_nothing(text: str) -> None:
    out = clean_document(make_doc(text))
    assert (out.clean_text, out.sentences, out.removed_lines) == ("", (), ())


def test_a_short_text_with_no_chrome_is_kept() -> None:
    # A headline-only record is still a document; it just yields no events.
    out = clean_document(make_doc("وزير الداخلية"))
    assert out.clean_text == "وزير الداخلية"


# --- the seed articles (../shared) ----------------------------------------------------

SEED_CHROME = [
    "fbpx",
    "Send this to a friend",
    "اظهر المزيد",
    "مقالات ذات صلة",
    "زر الذهاب إلى الأعلى",
    "اترك رداً",
    "شارك المقال مع أصدقائك على مواقع التواصل الاجتماعي",
]
# Short distinctive fragments of body sentences, per seed file prefix.
SEED_FRAGMENTS = {
    "000": ["دير الزور - يشهد محيط", "في محيط مدينة هجين", "والبوحسن والبو خاطر",
            "بجامع النور بالموصل"],
    "001": ["خلايا تابعة لتنظيم الدولة", "حقل كونيكو للغاز", "مصطفى بالي",
            "88 ألف كيلومتر مربع", "حول العالم"],
    "002": ["في الجيب الاخير", "باغوز فوقاني", "قرابة 50 ألف مدني", "بادية الشام"],
    "003": ["الجمعة 3 نوفمبر", "تحرير مدينة دير الزور", "بلدة راوة المحاذية",
            "350 كم غرب الرمادي"],
    "004": ["بيروت - قال مصطفى بالي", "رصاص القناصة", "إبطاء تقدم قوات"],
}
# Lines of the seeds that are a repeat by design (the 600-char teaser of 001).
SEED_REPEATS = {"001": {39}}
SEED_REPEATED = {"001": "وتتعرض الميليشيات بشكل مستمر", "004": "مقتل واصابة مسلحين من داعش"}


def _fold(s: str) -> str:
    return " ".join(normalize_text(s).split())


def _seeds(shared_dir: Path) -> list[Path]:
    paths = sorted((shared_dir / "samples" / "seeds").glob("*.txt"))
    assert len(paths) == 5
    return paths


@pytest.mark.shared
def test_seeds_lose_their_chrome(shared_dir: Path) -> None:
    for path in _seeds(shared_dir):
        out = clean_document(make_doc(path.read_text(encoding="utf-8"), title=None))
        assert out.clean_text is not None
        lines = {line.strip() for line in out.clean_text.split("\n")}
        for chrome in SEED_CHROME:
            assert chrome not in lines, (path.name, chrome)
            assert chrome not in out.clean_text, (path.name, chrome)


@pytest.mark.shared
def test_seeds_keep_every_body_paragraph(shared_dir: Path) -> None:
    for path in _seeds(shared_dir):
        prefix = path.name[:3]
        text = path.read_text(encoding="utf-8")
        out = clean_document(make_doc(text))
        assert out.clean_text is not None
        for frag in SEED_FRAGMENTS[prefix]:
            assert frag in out.clean_text, (path.name, frag)
        for no, line in enumerate(text.split("\n"), start=1):
            if len(line) > 80 and no not in SEED_REPEATS.get(prefix, set()):
                assert _fold(line) in out.clean_text, (path.name, no)


@pytest.mark.shared
def test_seed_repeats_appear_once(shared_dir: Path) -> None:
    for path in _seeds(shared_dir):
        prefix = path.name[:3]
        if prefix not in SEED_REPEATED:
            continue
        out = clean_document(make_doc(path.read_text(encoding="utf-8")))
        assert out.clean_text is not None
        assert len(re.findall(SEED_REPEATED[prefix], out.clean_text)) == 1, path.name


@pytest.mark.shared
def test_seed_sentences_have_exact_offsets(shared_dir: Path) -> None:
    for path in _seeds(shared_dir):
        out = clean_document(make_doc(path.read_text(encoding="utf-8")))
        assert out.clean_text is not None
        assert len(out.sentences) >= 10
        for s in out.sentences:
            assert out.clean_text[s.start : s.end] == s.text


@pytest.mark.shared
def test_the_whole_corpus_ingests_and_cleans_without_failures(shared_dir: Path) -> None:
    """The foundation issue's bar: every SaudiNewsNet record is read and cleaned, the
    way ``rasd ingest`` does it (two passes: per-source line statistics, then
    cleaning). Records with neither title nor text become empty documents."""
    from rasd.clean.cleaner import clean_batch
    from rasd.ingest.reader import iter_inputs
    from rasd.models import Failure

    corpus = shared_dir / "corpora" / "saudinewsnet-2015.jsonl.gz"
    docs = failures = empty = 0
    for item in clean_batch(iter(iter_inputs([corpus]))):
        if isinstance(item, Failure):
            failures += 1
        elif not item.clean_text:
            empty += 1
        else:
            docs += 1
            assert item.sentences
    # Every record of the file comes out as a document: counted from the file itself,
    # since the corpus's owners withdraw records now and then.
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        records = sum(1 for line in fh if line.strip())
    assert failures == 0
    assert records > 30_000
    assert docs + empty == records and empty < 100


# --- a whole page (tests/fixtures/clean) ----------------------------------------------


def test_fixture_page_cleans_to_expected_text(fixtures_dir: Path) -> None:
    base = fixtures_dir / "clean"
    text = (base / "page_with_chrome.txt").read_text(encoding="utf-8")
    expected = (base / "page_with_chrome.expected.txt").read_text(encoding="utf-8").strip()
    sentences = (base / "page_with_chrome.sentences.txt").read_text(encoding="utf-8")
    out = clean_document(make_doc(text))
    assert out.clean_text == expected
    assert [s.text for s in out.sentences] == sentences.strip().split("\n")
    assert len(out.removed_lines) == 15
