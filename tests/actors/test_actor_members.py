"""Forces named through their members (issue 14): soldiers and officers, bomb-disposal
experts, and the nationality an indefinite nisba gives them. Sentences composed for
these tests."""

from __future__ import annotations

import pytest

from rasd.actors.data import ActorDataError, read_descriptors
from rasd.actors.dictionary import case_variants
from rasd.actors.resolve import load_actors, resolve_document

D = load_actors()


def _found(text: str, country: str | None = None) -> list[tuple[str, str, bool]]:
    return [(m.surface, m.actor.id, m.victims)
            for m in resolve_document(text, actors=D, fallback_country=country)]


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        # Soldiers resolve to the forces of the country the sentence is about.
        ("قتل خمسة جنود في انفجار قرب بعقوبة في العراق", None, ("جنود", "mil-iq", True)),
        ("أعلنت السلطات استشهاد ضابط وثلاثة مجندين", "EG", ("مجندين", "mil-eg", True)),
        # An indefinite nisba names their country against the places of the sentence.
        ("قتل جنديان تركيان قرب بلدة في سوريا", None, ("جنديان", "mil-tr", True)),
        ("قتل جنديين سعوديين على الحدود في اليمن", None, ("جنديين", "mil-sa", True)),
        ("أصيب جنود أتراك قرب بلدة في سوريا", None, ("جنود", "mil-tr", True)),
        # The definite dual (``الجنديان``، ``الضابطين``) as well.
        ("أصيب الجنديان في انفجار قرب بعقوبة في العراق", None, ("الجنديان", "mil-iq", True)),
        # Bomb-disposal experts are police, of the country their nisba names.
        ("أبطل خبراء متفجرات أتراك مفعول عبوة في سوريا", None,
         ("خبراء متفجرات", "pol-tr", False)),
    ],
)
def test_members_resolve(text: str, country: str | None,
                         expected: tuple[str, str, bool]) -> None:
    assert expected in _found(text, country)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # Someone's own soldiers (a noun in construct after them) are not a state's.
        ("قال التنظيم إن جنود الخلافة نفذوا الهجوم في العراق", "mil-iq"),
        # A name right after them is whose soldiers they are.
        ("لقي جنود من الجيش العراقي مصرعهم", "uag-iq"),
        # A troop carrier is a vehicle.
        ("دمرت الغارة ناقلة جنود مدرعة في العراق", "mil-iq"),
    ],
)
def test_members_that_are_not_a_state_force(text: str, absent: str) -> None:
    found = _found(text)
    assert absent not in {actor_id for _, actor_id, victims in found if victims}


def test_an_unknown_indefinite_word_after_members_keeps_them() -> None:
    # ``جنود كثيرون``: an indefinite word that is no country's adjective says nothing of
    # whose they are, and does not drop them (a definite unknown nisba does).
    assert ("جنود", "mil-iq", True) in _found("قتل جنود كثيرون في انفجار في العراق")


def test_the_victims_mode_is_read_and_a_bad_mode_refused(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    good = tmp_path / "good.tsv"
    good.write_text("surfaces\tcandidates\tmode\tfallback\tnote\nجنود\t\tvictims\t*:@state\t\n",
                    encoding="utf-8")
    assert [d.mode for d in read_descriptors(good)] == ["victims"]
    bad = tmp_path / "bad.tsv"
    bad.write_text("surfaces\tcandidates\tmode\tfallback\tnote\nجنود\t\tvictim\t*:@state\t\n",
                   encoding="utf-8")
    with pytest.raises(ActorDataError, match="bad mode"):
        read_descriptors(bad)


@pytest.mark.parametrize(
    ("surface", "variants"),
    [
        # The construct's oblique plural has a nominative; an indefinite last word an
        # accusative alif.
        ("مسلحي القبائل", ("مسلحو القبائل",)),
        ("مسلحين أكراد", ("مسلحين أكرادا",)),
        # One word, a definite last word, a sound plural or a feminine ending: none.
        ("التنظيم", ()),
        ("قوات الجيش", ()),
        ("مسلحين مجهولين", ()),
        ("جماعة مسلحة", ()),
    ],
)
def test_case_variants(surface: str, variants: tuple[str, ...]) -> None:
    assert case_variants(surface) == variants


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("سيطر مسلحو القبائل على موقعين في محافظة مأرب", "YE", ("مسلحو القبائل", "tribal-ye")),
        ("قال الجيش التركي إن مسلحين أكرادا فجروا قنبلة قرب ديار بكر", "TR",
         ("مسلحين أكرادا", "pkk")),
    ],
)
def test_descriptors_in_other_cases_resolve(text: str, country: str,
                                            expected: tuple[str, str]) -> None:
    found = resolve_document(text, actors=D, fallback_country=country)
    assert expected in [(m.surface, m.actor.id) for m in found]


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        # A tribe named as such is its militia (issue 14: the Sabha clashes).
        ("اندلعت اشتباكات بين مقاتلين من الطوارق وقبيلة تبو في سبها", "tebu"),
        # The popular resistance of a region with its nisba is that region's named force,
        # not Yemen's popular resistance at large.
        ("هاجمت المقاومة الشعبية التهامية نقطة للحوثيين قرب باجل", "tihama-resistance"),
    ],
)
def test_named_forces_in_longer_forms(text: str, actor_id: str) -> None:
    assert actor_id in {m.actor.id for m in resolve_document(text, actors=D)}


def test_the_resistance_without_its_region_stays_the_popular_resistance() -> None:
    found = {m.actor.id for m in resolve_document(
        "هاجمت المقاومة الشعبية نقطة للحوثيين قرب تعز", actors=D, fallback_country="YE")}
    assert "popres-ye" in found and "tihama-resistance" not in found


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        # Gunmen counted after a number (the accusative) are an unidentified group of
        # the sentence's country, told as a side only as the dead, hurt or acted on ...
        ("قتل 12 مسلحاً في حملة أمنية في مدينة العريش", "EG", ("مسلحاً", "uag-eg", True)),
        ("أصيب 15 مسلحا في اشتباك قرب الحدود", "IQ", ("مسلحا", "uag-iq", True)),
        # ... and the fighters of the armed group the sentence names.
        ("اشتبكت البيشمركة مع عناصر داعش قرب كفري ما أسفر عن مقتل 22 مسلحا", "IQ",
         ("مسلحا", "isis", True)),
    ],
)
def test_counted_gunmen(text: str, country: str, expected: tuple[str, str, bool]) -> None:
    assert expected in _found(text, country)
