"""The packaged gazetteer, its loader and its build."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from click.testing import CliRunner

from rasd.errors import GazetteerError, NotFoundError
from rasd.geo.gazetteer import DEFAULT_PATH, Gazetteer, load_gazetteer, read_places
from rasd.geo.gazetteer_sources import supplement_rows
from rasd.geo.geodesy import centroid, contains
from rasd.geo.text import article_variants, fold, proclitic_splits, squash, tokenize
from rasd.models import Place

ARAB_LEAGUE_PLUS = {"SY", "IQ", "JO", "LB", "PS", "SA", "YE", "EG", "LY", "TN", "DZ", "MA",
                    "MR", "SD", "SO", "DJ", "KM", "KW", "QA", "BH", "AE", "OM", "TR", "IR"}


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def test_default_gazetteer_is_cached_and_compact(gaz: Gazetteer) -> None:
    assert load_gazetteer() is gaz
    assert load_gazetteer(DEFAULT_PATH) is gaz
    assert DEFAULT_PATH.stat().st_size < 3_000_000
    assert len(gaz) > 3000


def test_every_place_is_complete(gaz: Gazetteer) -> None:
    ids = set()
    for p in gaz:
        assert p.id and p.id not in ids
        ids.add(p.id)
        assert p.name and p.name_ar, p
        assert p.kind in {"populated place", "admin1", "admin2", "admin3", "facility", "region",
                          "area"}
        assert -90 <= p.lat <= 90 and -180 <= p.lon <= 180
        assert p.country in ARAB_LEAGUE_PLUS, p
        if p.country in ("SY", "IQ"):
            # Syria and Iraq places all carry their governorate in both languages.
            assert p.admin1 and p.admin1_ar, p
            if p.kind != "admin1":
                assert p.admin2 and p.admin2_ar, p
            assert p.admin_pcode and p.admin_pcode.startswith(p.country), p


def test_admin1_names_elsewhere(gaz: Gazetteer) -> None:
    # Outside Syria and Iraq admin1 comes from GeoNames codes, named after the
    # unit's largest place; GeoNames leaves a few places without a code.
    named = [p for p in gaz if p.admin1 and p.admin1_ar]
    assert len(named) >= 0.995 * len(gaz)
    # The city; villages of its name elsewhere keep their own governorates.
    assert {p.admin1 for p in gaz.candidates("تعز") if p.population > 100_000} == {"Taiz"}


def test_admin_units_of_syria_and_iraq(gaz: Gazetteer) -> None:
    kinds: dict[tuple[str, str], int] = {}
    for p in gaz:
        if p.kind.startswith("admin"):
            kinds[(p.country, p.kind)] = kinds.get((p.country, p.kind), 0) + 1
    assert kinds[("SY", "admin1")] == 14
    assert kinds[("SY", "admin2")] == 62
    assert kinds[("SY", "admin3")] == 272
    assert kinds[("IQ", "admin1")] == 18
    assert kinds[("IQ", "admin2")] >= 100
    assert kinds[("IQ", "admin3")] >= 290


def test_get_and_candidates(gaz: Gazetteer) -> None:
    hajin = gaz.get("ocha:SY090201")
    assert hajin.name == "Hajin" and hajin.kind == "admin3"
    assert hajin.admin1 == "Deir ez-Zor" and hajin.admin2 == "Abu Kamal"
    with pytest.raises(NotFoundError):
        gaz.get("nope:1")
    # Spacing and spelling variants find the same places.
    assert {p.id for p in gaz.candidates("دير الزور")} == {p.id for p in gaz.candidates("ديرالزور")}
    assert {p.id for p in gaz.candidates("البو كمال")} == {p.id for p in gaz.candidates("البوكمال")}
    assert gaz.candidates("حماه") == gaz.candidates("حماة")
    assert gaz.candidates("no such place") == []


def test_seats_are_inside_their_units(gaz: Gazetteer) -> None:
    n = 0
    for p in gaz:
        seat = gaz.seat(p)
        if seat is None:
            continue
        n += 1
        assert seat.kind == "populated place"
        assert (seat.admin_pcode or "").startswith(p.admin_pcode or "?"), (p, seat)
    assert n > 200
    assert gaz.seat(gaz.get("ocha:SY090201")).name_ar == "هجين"  # type: ignore[union-attr]


@pytest.mark.parametrize("name", [
    "الباغوز", "الباغوز فوقاني", "الشعفة", "حقل العمر", "حقل كونيكو", "حقل الجفرة", "حقل التنك",
    "مخيم الهول", "سد الفرات", "مطار دير الزور العسكري", "هجين", "السوسة", "ذيبان", "الميادين",
    "القائم", "الموصل", "راوة", "تلعفر", "الرقة", "الطبقة", "منبج", "الباب", "إدلب", "حلب",
])
def test_conflict_sites_are_present(gaz: Gazetteer, name: str) -> None:
    cands = gaz.candidates(name)
    assert cands, name
    assert any(p.country in ("SY", "IQ") for p in cands)


def test_supplement_display_names_and_unaliases(gaz: Gazetteer) -> None:
    # alias rows set the display name; unalias rows drop misleading GeoNames names.
    assert gaz.get("geonames:172256").name_ar == "عين العرب"
    assert "كوباني" in gaz.get("geonames:172256").aliases
    assert gaz.get("geonames:91696").name_ar == "بيرمام"
    assert all(p.kind.startswith("admin") for p in gaz.candidates("صلاح الدين"))
    assert gaz.get("geonames:99072").name_ar == "الموصل"  # OCHA spelling, not "موصول"


def test_supplement_rows_are_well_formed() -> None:
    rows = list(supplement_rows())
    assert len(rows) >= 60
    ids = [r.id for r in rows if r.kind not in ("alias", "unalias")]
    assert len(ids) == len(set(ids))
    for r in rows:
        if r.kind in ("alias", "unalias"):
            assert r.id.startswith("geonames:"), r
        else:
            assert r.kind in {"populated place", "facility", "region"}
            assert 8 < r.lat < 42 and 9 < r.lon < 63, r


def test_read_places_rejects_bad_files(tmp_path: Path) -> None:
    missing = tmp_path / "none.tsv.gz"
    with pytest.raises(GazetteerError):
        read_places(missing)
    corrupt = tmp_path / "bad.tsv.gz"
    corrupt.write_bytes(b"not gzip")
    with pytest.raises(GazetteerError):
        read_places(corrupt)
    headless = tmp_path / "h.tsv.gz"
    headless.write_bytes(gzip.compress(b"a\tb\n"))
    with pytest.raises(GazetteerError):
        load_gazetteer(headless)


def test_small_gazetteer_from_places() -> None:
    p = Place(id="t:1", name="Testville", name_ar="قرية الاختبار", kind="populated place",
              lat=35.0, lon=40.0, country="SY", aliases=("الاختبار",))
    g = Gazetteer([p])
    assert len(g) == 1 and "t:1" in g
    assert g.candidates("قريةالاختبار") == [p]
    assert g.candidates_key("اختبار", alt=True) == [p]
    assert g.max_words == 2


def test_text_helpers() -> None:
    assert fold("إدلبُ") == "ادلب"
    assert fold("حماة  الكبرى") == "حماه الكبري"
    assert squash("دير الزور") == "ديرالزور"
    stems = {s for _, s, _ in proclitic_splits(fold("وبالباغوز"))}
    assert "الباغوز" in stems
    assert "الرقه" in {s for _, s, _ in proclitic_splits(fold("للرقة"))}
    assert "ديرالزور" not in stems
    assert article_variants("سوسه") == ["سوسه", "السوسه"]
    toks = tokenize("في ريف، دير الزور")
    assert [t.text for t in toks] == ["في", "ريف", "دير", "الزور"]
    assert toks[1].brk_after and not toks[2].sep_after


def test_geometry() -> None:
    square = [[[(0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0), (0.0, 0.0)]]]
    assert centroid(square) == pytest.approx((1.0, 1.0))
    assert contains(square, 1.0, 1.0)
    assert not contains(square, 3.0, 1.0)
    holed = [[square[0][0], [(0.5, 0.5), (1.5, 0.5), (1.5, 1.5), (0.5, 1.5), (0.5, 0.5)]]]
    assert not contains(holed, 1.0, 1.0)


@pytest.mark.shared
def test_build_reproduces_the_packaged_file(shared_dir: Path, tmp_path: Path) -> None:
    from rasd.geo.gazetteer_build import build

    out = tmp_path / "g.tsv.gz"
    n = build(shared_dir, out)
    assert n == len(load_gazetteer())
    assert gzip.decompress(out.read_bytes()) == gzip.decompress(DEFAULT_PATH.read_bytes()), (
        "the packaged gazetteer is stale: run scripts/build_gazetteer.py"
    )


def test_build_without_shared_fails_cleanly(tmp_path: Path) -> None:
    from rasd.geo.gazetteer_build import build

    with pytest.raises(GazetteerError):
        build(tmp_path / "nowhere", tmp_path / "g.tsv.gz")


def test_cli_stats_and_build(tmp_path: Path) -> None:
    from rasd.cli.geo import gazetteer

    res = CliRunner().invoke(gazetteer, ["stats"])
    assert res.exit_code == 0, res.output
    assert '"places"' in res.output and '"SY"' in res.output
    res = CliRunner().invoke(gazetteer, ["build", "--shared", str(tmp_path / "none"),
                                         "--out", str(tmp_path / "g.tsv.gz")])
    assert res.exit_code != 0
    assert "shared" in res.output


def test_cached_index_loads_the_same_places(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from rasd.geo.gazetteer_index import index_path, load_indexed

    monkeypatch.setenv("RASD_CACHE_DIR", str(tmp_path))
    built = load_indexed(DEFAULT_PATH)  # no index yet: built and written
    cache = index_path(DEFAULT_PATH)
    assert cache.exists() and cache.parent == tmp_path
    loaded = load_indexed(DEFAULT_PATH)  # read back, rows not yet parsed
    assert len(loaded) == len(built)
    for name in ("دير الزور", "المنصورة", "مفكر", "البو جاسم"):
        assert [p.id for p in loaded.candidates(name)] == [p.id for p in built.candidates(name)]
        assert loaded.candidates(name) == built.candidates(name)
    assert loaded.has_prefix("ديرالز") and not loaded.has_prefix("ديرالزق")
    seat_unit = next(p for p in built if p.kind == "admin2" and built.seat(p) is not None)
    assert loaded.seat(loaded.get(seat_unit.id)) == built.seat(seat_unit)
    cache.write_bytes(b"not an index")  # a damaged cache is rebuilt, never trusted
    assert len(load_indexed(DEFAULT_PATH)) == len(built)


def test_ids_and_countries_read_rows_without_building_places() -> None:
    from rasd.geo.gazetteer_index import build_index

    # A fresh gazetteer from the packaged file's index, rows still text.
    _, state = build_index(DEFAULT_PATH)
    lazy = Gazetteer.from_state(state)
    keys = [squash(n) for n in ("حلب", "الرقة", "دير الزور", "الموصل", "تكريت")]
    briefs = {k: lazy.ids_and_countries(k) for k in keys}
    assert all(briefs.values())
    assert len(lazy._places) == sum(p is None for p in lazy._places)  # none built
    # The same ids and countries as the places themselves.
    for k, brief in briefs.items():
        assert brief == [(p.id, p.country) for p in lazy.candidates_key(k)]
    assert lazy.ids_and_countries("لامكانبهذاالاسم") == []


def test_where_builds_only_the_places_it_keeps() -> None:
    # A whole-gazetteer pass (the geocoder's big cities) must leave the other rows
    # lazy: iterating built all of them, about 45 MB a process (2026-12-07).
    from rasd.geo.gazetteer_index import load_indexed

    fresh = load_indexed(DEFAULT_PATH)
    assert fresh.built == 0
    big = fresh.where(lambda p: p.kind == "populated place" and p.population >= 1_000_000)
    assert big and all(p.population >= 1_000_000 for p in big)
    assert fresh.built == len(big) < len(fresh) // 100
    # The kept places are the ones later look-ups return, not copies.
    assert all(fresh.get(p.id) is p for p in big)
    assert fresh.where(lambda p: p.id == big[0].id) == [big[0]]
