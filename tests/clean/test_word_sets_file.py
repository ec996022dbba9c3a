"""``data/word_sets.tsv`` is checked as it loads (rasd.clean.word_sets; issue 12 item 2,
tables12h): an unknown kind or a malformed line stops with an error naming the file and
line. The sets' effects are tested where they are read (tests/extract/test_word_sets.py,
tests/geo/test_geo_range_heads.py, tests/merge/test_merge_front_words.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rasd.clean import word_sets
from rasd.clean.normalize import normalize_for_match
from rasd.clean.word_sets import WORD_KINDS, read_word_sets, word_set
from rasd.errors import ExtractError


def test_the_package_gives_every_kind_words_in_matching_form() -> None:
    for kind in WORD_KINDS:
        words = word_set(kind)
        assert words, kind
        assert all(normalize_for_match(w) == w and " " not in w for w in words), kind


def test_asking_for_an_unknown_word_kind_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown word kind 'afterr'"):
        word_set("afterr")


@pytest.mark.parametrize(("text", "where", "message"), [
    ("after\tبعد\nafterr\tاثر\n", "words.tsv:2", "unknown word kind 'afterr'"),
    ("after\tبعد\n\tاثر\n", "words.tsv:2", "unknown word kind ''"),
    ("after\tبعد\tاثر\n", "words.tsv:1", "expected 2 columns (kind, word), got 3"),
    ("after بعد\n", "words.tsv:1", "expected 2 columns (kind, word), got 1"),
    ("# a comment\nafter\tبعد*\n", "words.tsv:2", "malformed word 'بعد*'"),
    ("after\t*عقب*\n", "words.tsv:1", "malformed word '*عقب*'"),
    ("after\tفي اعقاب\n", "words.tsv:1", "malformed word 'في اعقاب'"),
    ("after\t~اعقاب\n", "words.tsv:1", "malformed word '~اعقاب'"),
    ("after\tبعد،\n", "words.tsv:1", "malformed word 'بعد،'"),
    ("after\t \n", "words.tsv:1", "malformed word ' '"),
    # The same word twice once folded (إثر, اثر).
    ("after\tإثر\nafter\tاثر\n", "words.tsv:2", "word after 'اثر' already given at"),
])
def test_invalid_word_files_name_file_and_line(tmp_path: Path, text: str, where: str,
                                               message: str) -> None:
    path = tmp_path / "words.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ExtractError) as err:
        read_word_sets(path)
    assert str(err.value).startswith(str(tmp_path / where)), err.value
    assert message in str(err.value)


def test_a_file_of_some_kinds_loads_folded(tmp_path: Path) -> None:
    path = tmp_path / "words.tsv"
    path.write_text("# after\nafter\tإثر\n\nalso\tأيضا\nafter\tبعد\n", encoding="utf-8")
    assert read_word_sets(path) == {"after": {"اثر", "بعد"}, "also": {"ايضا"}}


def test_the_package_file_must_give_every_kind(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / word_sets.WORDS_FILE).write_text("after\tبعد\n", encoding="utf-8")
    monkeypatch.setattr(word_sets.resources, "files", lambda package: tmp_path)
    with pytest.raises(ExtractError, match=r"word_sets\.tsv: no word of kind aircraft, .*, also, "):
        read_word_sets()
