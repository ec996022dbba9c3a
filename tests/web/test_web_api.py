"""The HTTP API against the app (httpx through FastAPI's TestClient) on the samples database."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from web_samples import XSS_ARTICLE, XSS_DOC, TestClient

from rasd.errors import StoreError
from rasd.store.events import SORTS
from rasd.store.export import ACLED_COLUMNS
from rasd.web.api import public_origin
from rasd.web.app import allowed_hosts_for, create_app

# The API defaults to canonical, current events (test_defaults_are_canonical_current_events);
# the tests below were written for reports of every status and ask for them.
REPORTS_ALL = {"level": "report", "status": "all"}
EVENT_PATHS = ("/api/events", "/api/stats", "/api/points", "/api/export")


def get(client: TestClient, url: str, **params: Any) -> Any:
    if url.startswith(EVENT_PATHS):
        params = {**REPORTS_ALL, **params}
    r = client.get(url, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def all_events(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    """Every event the filter selects; reports of every status unless ``params`` say."""
    out: list[dict[str, Any]] = []
    while True:
        page = get(client, "/api/events", limit=1000, offset=len(out), **params)
        out += page["items"]
        if len(out) >= page["total"]:
            return out


@pytest.fixture(scope="module")
def everything(client: TestClient) -> list[dict[str, Any]]:
    events = all_events(client)
    assert len(events) >= 50  # the samples hold dozens of events
    return events


# -- /api/events ------------------------------------------------------------

def test_list_pages_are_disjoint_and_cover_the_total(client: TestClient,
                                                     everything: list[dict[str, Any]]) -> None:
    first = get(client, "/api/events", limit=10, offset=0)
    second = get(client, "/api/events", limit=10, offset=10)
    assert first["total"] == len(everything)
    assert len(first["items"]) == len(second["items"]) == 10
    assert not {e["event_id"] for e in first["items"]} & {e["event_id"] for e in second["items"]}
    assert get(client, "/api/events", offset=len(everything))["items"] == []


def test_the_list_says_which_statuses_it_counts(client: TestClient) -> None:
    for params, status in (({}, "current"), ({"status": "all"}, "all"),
                           ({"status": "background"}, "background")):
        r = client.get("/api/events", params={"limit": 1, **params})
        assert r.status_code == 200 and r.json()["status"] == status


@pytest.mark.parametrize("sort", sorted(SORTS))
def test_sorting(client: TestClient, sort: str) -> None:
    items = get(client, "/api/events", limit=1000, sort=sort)["items"]

    def key(e: dict[str, Any]) -> Any:
        if sort.endswith("date"):
            return e["date"]["start"] if e["date"] else None
        if sort.endswith("fatalities"):
            return e["fatalities"]["best"] if e["fatalities"] else 0
        return (e["event_type"], e["sub_event_type"])

    keys = [key(e) for e in items if key(e) is not None]
    assert keys == sorted(keys, reverse=sort.startswith("-"))
    assert len(set(keys)) > 1


def _check_filter(client: TestClient, everything: list[dict[str, Any]], params: dict[str, Any],
                  keep: Any) -> list[dict[str, Any]]:
    got = all_events(client, **params)
    expected = {e["event_id"] for e in everything if keep(e)}
    assert {e["event_id"] for e in got} == expected
    assert 0 < len(got) < len(everything), f"{params} should narrow the list"
    return got


def test_date_range(client: TestClient, everything: list[dict[str, Any]]) -> None:
    lo, hi = "2019-01-01", "2023-12-31"
    _check_filter(client, everything, {"from": lo, "to": hi},
                  lambda e: e["date"] and e["date"]["end"] >= lo and e["date"]["start"] <= hi)


def test_type_and_sub_type(client: TestClient, everything: list[dict[str, Any]]) -> None:
    _check_filter(client, everything, {"event_type": "Battles"},
                  lambda e: e["event_type"] == "Battles")
    sub = "Shelling/artillery/missile attack"
    _check_filter(client, everything, {"sub_event_type": sub},
                  lambda e: e["sub_event_type"] == sub)


def _names(e: dict[str, Any]) -> str:
    actors = (e["actor1"], e["actor2"])
    return " ".join(f"{a['id']} {a['name']} {a['name_ar']}" for a in actors if a)


@pytest.mark.parametrize("actor", ["Syrian Democratic", "قوات النظام السوري", "isis"])
def test_actor_by_english_arabic_name_or_id(client: TestClient, everything: list[dict[str, Any]],
                                            actor: str) -> None:
    got = all_events(client, actor=actor)
    assert 0 < len(got) < len(everything)
    for e in got:
        assert actor.lower() in _names(e).lower() or actor in json.dumps(e, ensure_ascii=False)


def _ids_with_actor(everything: list[dict[str, Any]], *actor_ids: str) -> set[str]:
    return {e["event_id"] for e in everything
            if {a["id"] for a in (e["actor1"], e["actor2"]) if a} & set(actor_ids)}


@pytest.mark.parametrize("level", ["report", "canonical"])
def test_actor_search_folds_arabic_and_knows_aliases(client: TestClient, level: str) -> None:
    everything = all_events(client, level=level)
    houthis = _ids_with_actor(everything, "houthis")
    assert houthis
    # The dictionary's Arabic name with and without hamza, an English alias, an Arabic
    # alias the event never spells out, and the actor's English name: the same events.
    for name in ("أنصار الله", "انصار الله", "Houthi", "houthis", "الحوثي", "الحوثيون",
                 "Ansar Allah", "ansar allah"):
        got = {e["event_id"] for e in all_events(client, actor=name, level=level)}
        assert got == houthis, name
    isis = _ids_with_actor(everything, "isis")
    for name in ("الدولة الإسلامية", "الدوله الاسلاميه", "داعش", "Daesh", "ISIL"):
        got = {e["event_id"] for e in all_events(client, actor=name, level=level)}
        assert got == isis, name
    # Folding also applies to the names of the events themselves (hamza, ta marbuta).
    israel = {e["event_id"] for e in all_events(client, actor="الجيش الإسرائيلي", level=level)}
    assert israel and israel == {e["event_id"] for e in all_events(
        client, actor="الجيش الاسرائيلى", level=level)}
    assert get(client, "/api/stats", actor="انصار الله", level=level)["total"] == len(houthis)
    assert {p[0] for p in get(client, "/api/points", actor="الحوثي", level=level)["points"]} \
        <= houthis


@pytest.mark.parametrize("param", ["q", "actor"])
@pytest.mark.parametrize("needle", ["%", "_", "%%", "_ _", "\\", "%داعش"])
def test_wildcards_in_searches_match_themselves(client: TestClient, param: str,
                                                needle: str) -> None:
    # No evidence sentence or actor name has these characters: nothing is found.
    assert get(client, "/api/events", **{param: needle})["total"] == 0


def test_country_and_admin1(client: TestClient, everything: list[dict[str, Any]]) -> None:
    _check_filter(client, everything, {"country": "iq"},
                  lambda e: e["location"] and e["location"]["country"] == "IQ")
    _check_filter(client, everything, {"admin1": "idlib"},
                  lambda e: e["location"] and (e["location"]["admin1"] or "").lower() == "idlib")


def test_evidence_search_is_arabic_normalised(client: TestClient) -> None:
    # Written with ه for ة and bare alif: the evidence has معرة النعمان.
    got = all_events(client, q="معره النعمان")
    assert got and all("معرة النعمان" in " ".join(v["text"] for v in e["evidence"]) for e in got)
    assert all_events(client, q="كلمة لا ترد في أي خبر") == []


def test_bbox(client: TestClient, everything: list[dict[str, Any]]) -> None:
    box = (35.5, 35.0, 37.5, 36.5)  # around Idlib
    got = _check_filter(
        client, everything, {"bbox": ",".join(map(str, box))},
        lambda e: e["location"] and box[0] <= e["location"]["lon"] <= box[2]
        and box[1] <= e["location"]["lat"] <= box[3])
    assert any(e["doc_id"] == XSS_DOC for e in got)


def test_status_and_doc(client: TestClient, everything: list[dict[str, Any]]) -> None:
    _check_filter(client, everything, {"status": "background"},
                  lambda e: e["status"] == "background")
    _check_filter(client, everything, {"doc": XSS_DOC}, lambda e: e["doc_id"] == XSS_DOC)


# -- /api/events/{id} and /api/documents/{id} ---------------------------------

def test_event_detail_has_reports_evidence_offsets_and_terms(client: TestClient) -> None:
    ev = get(client, "/api/events", doc=XSS_DOC, sort="-fatalities")["items"][0]
    d = get(client, f"/api/events/{ev['event_id']}")
    assert d["event"] == ev
    assert d["level"] == "report"
    [report] = d["reports"]
    assert report["url"] == "https://news.example/xss-idlib-test"
    assert report["source"] == "موقع التجربة" and report["published"] == "2024-03-05"
    assert "موقع التجربة" in d["sources"]
    doc = get(client, report["document"])
    for e in d["evidence"]:
        assert doc["clean_text"][e["start"]:e["end"]] == e["text"]
    actors = {" ".join(t) for t in d["highlight"]["actor"]}
    assert "قوات النظام السوري" in actors
    assert d["highlight"]["trigger"] and d["highlight"]["place"]


def test_highlight_terms_include_dictionary_aliases(client: TestClient) -> None:
    ev = get(client, "/api/events", actor="sdf")["items"][0]
    terms = get(client, f"/api/events/{ev['event_id']}")["highlight"]["actor"]
    assert ["قسد"] in terms


def test_document_by_name_or_id_keeps_markup_as_text(client: TestClient) -> None:
    by_name = get(client, f"/api/documents/{XSS_DOC}")
    by_id = get(client, f"/api/documents/{by_name['id']}")
    assert by_name == by_id
    assert "<script>alert(1)</script>" in by_name["clean_text"]
    assert by_name["title"].endswith("<script>alert(1)</script>")
    assert by_name["events"] and by_name["published"] == "2024-03-05"
    assert all(0 <= s < e <= len(by_name["clean_text"]) for s, e in by_name["sentences"])


def test_a_document_name_with_a_slash_is_found_escaped_or_not(client: TestClient) -> None:
    assert "/" in XSS_DOC
    plain = get(client, f"/api/documents/{XSS_DOC}")
    escaped = get(client, "/api/documents/" + quote(XSS_DOC, safe=""))
    assert plain == escaped and plain["name"] == XSS_DOC
    ev = get(client, "/api/events", doc=XSS_DOC)["items"][0]
    d = get(client, f"/api/events/{ev['event_id']}")
    for link in [r["document"] for r in d["reports"]] + [e["document"] for e in d["evidence"]]:
        assert get(client, link)["id"] == plain["id"]


def test_documents_do_not_reveal_server_paths(client: TestClient, sample_db: str) -> None:
    # The samples were read from files under this checkout: none of its path may show.
    doc = get(client, f"/api/documents/{XSS_DOC}")
    root = str(Path(sample_db[len("sqlite:///"):]).parent)
    assert doc["origin"] == "xss.jsonl#line=1"
    for name in get(client, "/api/events", limit=1000)["items"]:
        body = client.get(f"/api/events/{name['event_id']}").text
        assert root not in body and str(Path(__file__).parents[2]) not in body
    assert root not in client.get("/api/documents/" + quote(XSS_DOC, safe="")).text


@pytest.mark.parametrize(("origin", "public"), [
    ("/srv/data/in/a.jsonl#line=3", "a.jsonl#line=3"),
    ("/srv/data/b.zip!dir/x.html", "b.zip!dir/x.html"),
    ("C:\\data\\c.warc.gz#record=2", "c.warc.gz#record=2"),
    ("https://news.example/a/b?id=1", "https://news.example/a/b?id=1"),
    ("plain.txt", "plain.txt"),
])
def test_public_origin(origin: str, public: str) -> None:
    assert public_origin(origin) == public


@pytest.mark.parametrize(("host", "status"), [
    ("localhost", 200), ("localhost:8000", 200), ("127.0.0.1:8000", 200), ("[::1]:8000", 200),
    ("LOCALHOST", 200), ("attacker.example", 400), ("attacker.example:8000", 400),
    ("localhost.attacker.example", 400), ("", 400),
])
def test_only_localhost_names_are_answered(client: TestClient, host: str, status: int) -> None:
    # DNS rebinding: a page of attacker.example whose name now resolves to 127.0.0.1
    # sends its own name in Host; the server must not answer it.
    r = client.get("/api/facets", headers={"host": host})
    assert r.status_code == status, (host, r.text)
    if status == 400:
        assert "Host" in r.json()["detail"]
        assert r.headers["x-content-type-options"] == "nosniff"


def test_allowed_hosts_follow_the_bind_address(sample_db: str) -> None:
    assert allowed_hosts_for("127.0.0.1") == ("localhost", "127.0.0.1", "::1")
    assert allowed_hosts_for("10.1.2.3") == ("localhost", "127.0.0.1", "::1", "10.1.2.3")
    assert allowed_hosts_for("0.0.0.0", ["rasd.lan:8000"])[-1] == "rasd.lan"
    app = create_app(sample_db, allowed_hosts=allowed_hosts_for("10.1.2.3", ["rasd.lan"]))
    with TestClient(app, base_url="http://rasd.lan") as c:
        assert c.get("/api/facets").status_code == 200
        assert c.get("/api/facets", headers={"host": "10.1.2.3:8000"}).status_code == 200
        assert c.get("/api/facets", headers={"host": "evil.example"}).status_code == 400
    with TestClient(create_app(sample_db, allowed_hosts=["*"]), base_url="http://any.example") \
            as c:
        assert c.get("/api/facets").status_code == 200


@pytest.mark.parametrize("url", ["/api/events/nope", "/api/documents/nope"])
def test_unknown_ids_are_404(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 404 and "nope" in r.json()["detail"]


# -- /api/stats, /api/points, /api/facets --------------------------------------

def test_stats(client: TestClient, everything: list[dict[str, Any]]) -> None:
    st = get(client, "/api/stats")
    assert st["total"] == len(everything)
    assert sum(t["count"] for t in st["by_type"]) == st["total"]
    assert sum(t["count"] for t in st["by_sub_type"]) == st["total"]
    assert sum(b["events"] for b in st["by_period"]) + st["undated"] == st["total"]
    assert st["fatalities"] == sum(e["fatalities"]["best"] for e in everything if e["fatalities"])
    assert all(date.fromisoformat(b["start"]).weekday() == 0 for b in st["by_period"])
    top = st["by_actor"][0]
    assert top["count"] == max(a["count"] for a in st["by_actor"])
    days = get(client, "/api/stats", interval="day")
    assert len(days["by_period"]) >= len(st["by_period"])
    battles = get(client, "/api/stats", event_type="Battles")
    assert [t["event_type"] for t in battles["by_type"]] == ["Battles"]


@pytest.mark.parametrize("level", ["report", "canonical"])
def test_stats_breakdowns_add_up_and_each_is_a_filter(client: TestClient, level: str) -> None:
    everything = all_events(client, level=level)
    st = get(client, "/api/stats", level=level, top=200)

    def dead(e: dict[str, Any]) -> int:
        return int(e["fatalities"]["best"]) if e["fatalities"] else 0

    assert sum(t["fatalities"] for t in st["by_type"]) == st["fatalities"]
    assert sum(b["fatalities"] for b in st["by_period"]) + sum(
        dead(e) for e in everything if not e["date"]) == st["fatalities"]
    for b in st["by_period"]:
        assert sum(b["by_type"].values()) == b["events"]
    statuses = {s["status"]: s for s in st["by_status"]}
    assert st["includes_background"] == ("background" in statuses)
    # Each breakdown's row, used as a filter, selects exactly its count and deaths.
    for row, params in [
        (st["by_type"][0], {"event_type": st["by_type"][0]["event_type"]}),
        (st["by_admin1"][0], {"country": st["by_admin1"][0]["country"],
                              "admin1": st["by_admin1"][0]["admin1"]}),
        (st["by_country"][0], {"country": st["by_country"][0]["country"]}),
        (statuses["current"], {"status": "current"}),
    ]:
        sub = get(client, "/api/stats", level=level, **params)
        assert (sub["total"], sub["fatalities"]) == (row["count"], row["fatalities"]), params
    actor = st["by_actor"][0]
    expected = [e for e in everything
                if actor["actor"] in {a["name"] for a in (e["actor1"], e["actor2"]) if a}]
    assert actor["count"] == len(expected)
    assert actor["fatalities"] == sum(dead(e) for e in expected)
    current = get(client, "/api/stats", level=level, status="current")
    assert current["includes_background"] is False
    assert current["first_period"] >= st["first_period"]


def test_types_and_countries_take_several_values(client: TestClient,
                                                 everything: list[dict[str, Any]]) -> None:
    r = client.get("/api/events", params=[("event_type", "Battles"), ("event_type", "Protests"),
                                          ("limit", 1000), *REPORTS_ALL.items()])
    got = {e["event_id"] for e in r.json()["items"]}
    assert got == {e["event_id"] for e in everything
                   if e["event_type"] in ("Battles", "Protests")}
    assert got > {e["event_id"] for e in all_events(client, event_type="Battles")}
    r = client.get("/api/events", params=[("country", "sy"), ("country", "IQ"), ("limit", 1000),
                                          *REPORTS_ALL.items()])
    assert {e["event_id"] for e in r.json()["items"]} == {
        e["event_id"] for e in everything
        if e["location"] and e["location"]["country"] in ("SY", "IQ")}
    st = client.get("/api/stats", params=[("country", "SY"), ("country", "IQ")]).json()
    assert {c["country"] for c in st["by_country"]} == {"SY", "IQ"}
    bad = client.get("/api/events", params=[("country", "SY"), ("country", "Syria")])
    assert bad.status_code == 422 and "country" in bad.text


@pytest.mark.parametrize("level", ["report", "canonical"])
def test_civilians_filter(client: TestClient, level: str) -> None:
    everything = all_events(client, level=level)
    got = {e["event_id"] for e in all_events(client, civilians="true", level=level)}
    assert got and got == {e["event_id"] for e in everything
                           if e["actor2"] and e["actor2"]["inter"] == 7}
    assert get(client, "/api/stats", civilians="true", level=level)["total"] == len(got)


def test_facets_name_countries_and_list_actors(client: TestClient) -> None:
    f = get(client, "/api/facets")
    assert f["country_names"]["SY"] == {"en": "Syria", "ar": "سوريا"}
    assert f["country_names"]["IQ"]["ar"] == "العراق"
    assert set(f["country_names"]) == set(f["countries"])
    actors = {a["name"]: a["name_ar"] for a in f["actors"]}
    assert actors["Islamic State"] == "داعش"
    assert "Ansar Allah" in actors


def test_points(client: TestClient, everything: list[dict[str, Any]]) -> None:
    located = [e for e in everything if e["location"]]
    pts = get(client, "/api/points")
    assert pts["total"] == pts["returned"] == len(located)
    assert {p[0] for p in pts["points"]} == {e["event_id"] for e in located}
    capped = get(client, "/api/points", limit=3)
    assert capped["returned"] == 3 and capped["total"] == len(located)
    deaths = [p[4] for p in capped["points"]]
    assert deaths == sorted(deaths, reverse=True)


def test_facets(client: TestClient, everything: list[dict[str, Any]]) -> None:
    f = get(client, "/api/facets")
    assert set(f["event_types"]) == {e["event_type"] for e in everything}
    assert {"SY", "IQ"} <= set(f["countries"])
    assert f["first_date"] <= f["last_date"]


# -- /api/export -------------------------------------------------------------------

def test_export_formats_follow_the_filter(client: TestClient) -> None:
    n = get(client, "/api/events", country="SY")["total"]
    r = client.get("/api/export", params={"format": "csv", "country": "SY", **REPORTS_ALL})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert list(rows[0]) == [*ACLED_COLUMNS, "status"] and len(rows) == n
    assert {row["country"] for row in rows} == {"Syria"}
    gj = client.get("/api/export",
                    params={"format": "geojson", "country": "SY", **REPORTS_ALL}).json()
    assert gj["type"] == "FeatureCollection" and len(gj["features"]) == n
    lines = client.get("/api/export", params={"format": "jsonl", "country": "SY",
                                              **REPORTS_ALL}).text.splitlines()
    assert len(lines) == n and all(json.loads(x)["location"]["country"] == "SY" for x in lines)


def test_export_streams_more_than_one_batch(client: TestClient,
                                            everything: list[dict[str, Any]]) -> None:
    from rasd.models import event_from_json
    from rasd.store.export import iter_export

    events = [event_from_json(e) for e in everything]
    parts = list(iter_export(iter(events), "geojson", batch=7))
    assert len(parts) > 2
    located = sum(1 for e in events if e.location)
    assert sum(n for _text, n in parts) == located
    assert len(json.loads("".join(t for t, _n in parts))["features"]) == located


def test_export_with_evidence_adds_the_sentences_and_urls(client: TestClient) -> None:
    plain = list(csv.DictReader(io.StringIO(client.get(
        "/api/export", params={"format": "csv", **REPORTS_ALL}).text)))
    rows = list(csv.DictReader(io.StringIO(client.get(
        "/api/export", params={"format": "csv", "with_evidence": "true", **REPORTS_ALL}).text)))
    assert len(rows) == len(plain) > 0
    assert list(rows[0])[-2:] == ["evidence", "evidence_urls"]
    assert "evidence" not in plain[0]
    assert all(row["evidence"] for row in rows)


# -- the store queries behind the API agree with rasd.store.events -----------------------

@pytest.mark.parametrize("sort", sorted(SORTS))
def test_page_events_matches_list_events(sample_db: str, sort: str) -> None:
    from rasd.store import open_store
    from rasd.store.events import EventFilter, iter_events, list_events
    from rasd.store.pages import iter_by_date, iter_by_id, page_events

    with open_store(sample_db, migrate=False) as store:
        for flt in (EventFilter(), EventFilter(country="SY"), EventFilter(text="قصف")):
            for offset in (0, 7):
                assert page_events(store, flt, limit=9, offset=offset, sort=sort) == \
                    list_events(store, flt, limit=9, offset=offset, sort=sort)
            if sort == "date":
                # Keyset pages in the same order as the whole sorted list.
                everything = list_events(store, flt, limit=10_000, sort="date")
                for level_batch in (1, 3, 1000):
                    assert list(iter_by_date(store, flt, batch=level_batch)) == everything
            by_id = list(iter_by_id(store, flt, batch=4))
            assert [e.event_id for e in by_id] == sorted(e.event_id for e in by_id)
            assert sorted(by_id, key=lambda e: e.event_id) == \
                sorted(iter_events(store, flt), key=lambda e: e.event_id)


# -- canonical level -----------------------------------------------------------------

def test_canonical_level(client: TestClient, sample_db: str) -> None:
    path = sample_db[len("sqlite:///"):]
    with sqlite3.connect(path) as db:
        merged = db.execute("SELECT id, reports FROM canonical_events ORDER BY reports DESC, id "
                            "LIMIT 1").fetchone()
        n_canon = db.execute("SELECT COUNT(*) FROM canonical_events").fetchone()[0]
    listed = get(client, "/api/events", level="canonical", limit=1000)
    assert listed["total"] == n_canon == len(listed["items"]) and listed["level"] == "canonical"
    assert get(client, "/api/stats", level="canonical")["total"] == n_canon
    d = get(client, f"/api/events/{merged[0]}")
    assert d["level"] == "canonical" and len(d["reports"]) == merged[1]
    assert {e["doc_id"] for e in d["evidence"]} <= {r["doc_name"] for r in d["reports"]}
    lines = client.get("/api/export", params={"level": "canonical", "status": "all"}
                       ).text.splitlines()
    assert len(lines) == n_canon


def test_canonical_level_refused_on_a_database_without_merges(sample_db: str,
                                                              tmp_path: Path) -> None:
    copy = tmp_path / "old.db"
    with sqlite3.connect(sample_db[len("sqlite:///"):]) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
        dst.execute("DROP TABLE canonical_events")
    with TestClient(create_app(f"sqlite:///{copy}")) as c:
        r = c.get("/api/events", params={"level": "canonical"})
        assert r.status_code == 422 and "level=canonical" in r.text
        assert c.get("/api/config").json()["levels"] == ["report"]
        assert c.get("/api/events").status_code == 200


# -- bad parameters: 422 with the parameter named, never 500 ------------------------

BAD = [
    ("/api/events", {"from": "yesterday"}, "from"),
    ("/api/events", {"to": "2024-13-01"}, "to"),
    ("/api/events", {"from": "2024-02-01", "to": "2024-01-01"}, "from"),
    ("/api/events", {"limit": "0"}, "limit"),
    ("/api/events", {"limit": "100000"}, "limit"),
    ("/api/events", {"limit": "ten"}, "limit"),
    ("/api/events", {"offset": "-1"}, "offset"),
    ("/api/events", {"offset": "99999999999999999999999"}, "offset"),
    ("/api/events", {"sort": "id; DROP TABLE events"}, "sort"),
    ("/api/events", {"bbox": "1,2,3"}, "bbox"),
    ("/api/events", {"bbox": "a,b,c,d"}, "bbox"),
    ("/api/events", {"bbox": "nan,0,1,1"}, "bbox"),
    ("/api/events", {"bbox": "0,0,inf,1"}, "bbox"),
    ("/api/events", {"bbox": "40,30,35,36"}, "bbox"),
    ("/api/events", {"bbox": "0,-95,1,1"}, "bbox"),
    ("/api/events", {"country": "SYR"}, "country"),
    ("/api/events", {"status": "future"}, "status"),
    ("/api/events", {"level": "global"}, "level"),
    ("/api/events", {"q": "ا" * 201}, "q"),
    ("/api/stats", {"interval": "month"}, "interval"),
    ("/api/stats", {"top": "0"}, "top"),
    ("/api/points", {"limit": "1000000"}, "limit"),
    ("/api/export", {"format": "xml"}, "format"),
    ("/api/export", {"format": "csv", "from": "2024-02-30"}, "from"),
    ("/api/events", {"event_type": "Battle"}, "event_type"),  # ACLED's is "Battles"
    ("/api/stats", {"event_type": ["Battles", "Riot"]}, "event_type"),
    ("/api/events", {"sub_event_type": "Airstrike"}, "sub_event_type"),
]


@pytest.mark.parametrize(("url", "params", "name"), BAD)
def test_bad_parameters_are_422_naming_the_parameter(client: TestClient, url: str,
                                                     params: dict[str, str], name: str) -> None:
    r = client.get(url, params=params)
    assert r.status_code == 422, r.text
    errors = r.json()["detail"]
    assert any(e["loc"][-1] == name and e["msg"] for e in errors), errors


def test_hostile_values_are_just_data(client: TestClient) -> None:
    for value in ("' OR 1=1 --", "%", "_", "<script>", "\\", '"; DROP TABLE events; --'):
        for key in ("actor", "q", "admin1", "doc"):
            r = client.get("/api/events", params={key: value})
            assert r.status_code == 200, (key, value, r.text)
        # A type is one of ACLED's names or a clear error, never part of a query.
        r = client.get("/api/events", params={"event_type": value})
        assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["query", "event_type"]
    assert get(client, "/api/stats")["total"] > 0  # the table is still there


# -- the app as a whole ----------------------------------------------------------------

def test_page_and_assets_are_served_with_a_strict_policy(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    assert r.headers["x-content-type-options"] == "nosniff"
    # No inline script to allow: every <script> loads a file.
    assert r.text.count("<script") == r.text.count("<script src=")
    for asset in ("/static/app.js", "/static/vendor/leaflet/leaflet.js",
                  "/static/vendor/leaflet.markercluster/leaflet.markercluster.js",
                  "/static/vendor/leaflet/LICENSE", "/boundaries/admin1.geojson"):
        assert client.get(asset).status_code == 200, asset
    assert client.get("/boundaries/../../etc/passwd.geojson").status_code == 404
    assert get(client, "/api/config")["tiles"] == ""
    assert "/api/events" in get(client, "/openapi.json")["paths"]


def test_read_only(client: TestClient) -> None:
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)("/api/events").status_code == 405


def test_missing_database_is_an_error_not_a_new_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database"):
        create_app(f"sqlite:///{tmp_path / 'absent.db'}")
    assert not (tmp_path / "absent.db").exists()
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    with pytest.raises(StoreError, match="no events table"):
        create_app(f"sqlite:///{empty}")


def _copy(sample_db: str, dest: Path) -> str:
    with sqlite3.connect(sample_db[len("sqlite:///"):]) as src, sqlite3.connect(dest) as dst:
        src.backup(dst)
    return f"sqlite:///{dest}"


def test_responses_are_reused_for_a_while_and_not_when_turned_off(sample_db: str,
                                                                    tmp_path: Path) -> None:
    url = _copy(sample_db, tmp_path / "copy.db")
    cached, fresh = create_app(url, cache_seconds=60), create_app(url, cache_seconds=0)
    with TestClient(cached) as c, TestClient(fresh) as f:
        before = [get(c, p)["total"] for p in ("/api/events", "/api/stats", "/api/points")]
        assert [get(f, p)["total"] for p in ("/api/events", "/api/stats", "/api/points")] \
            == before
        with sqlite3.connect(tmp_path / "copy.db") as db:
            db.execute("DELETE FROM events WHERE lat IS NOT NULL AND id IN "
                       "(SELECT id FROM events LIMIT 5)")
        assert [get(c, p)["total"] for p in ("/api/events", "/api/stats", "/api/points")] \
            == before
        after = [get(f, p)["total"] for p in ("/api/events", "/api/stats", "/api/points")]
        assert after == [n - 5 for n in before]
        # Another question is not answered from the cache.
        assert get(c, "/api/events", sort="date")["total"] == before[0] - 5


def test_connections_are_reused_between_requests(sample_db: str) -> None:
    opened: list[object] = []
    from rasd.store import open_store

    def factory() -> Any:
        opened.append(1)
        return open_store(sample_db, migrate=False)

    with TestClient(create_app(store_factory=factory, cache_seconds=0)) as c:
        start = len(opened)
        for _ in range(10):
            get(c, "/api/events", limit=5)
            get(c, "/api/stats")
        assert len(opened) - start <= 2
        assert c.get("/api/events/nope").status_code == 404
        assert get(c, "/api/events", limit=1)["total"] > 0


def test_tiles_setting(sample_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RASD_TILES", "https://{s}.tile.example.org/{z}/{x}/{y}.png")
    with TestClient(create_app(sample_db)) as c:
        assert c.get("/api/config").json()["tiles"].startswith("https://{s}.tile.example.org")
        assert "https://*.tile.example.org" in c.get("/").headers["content-security-policy"]
    with pytest.raises(ValueError, match="http"):
        create_app(sample_db, tiles="javascript:alert(1)")


# -- the same API over PostgreSQL ------------------------------------------------------------

@pytest.mark.postgres
def test_api_over_postgresql_matches_sqlite(client: TestClient, pg_url: str,
                                            tmp_path: Path) -> None:
    from rasd.cli.main import sample_paths
    from rasd.pipeline.orchestrator import Pipeline
    from rasd.store import open_store

    extra = tmp_path / "xss.jsonl"
    extra.write_text(json.dumps(XSS_ARTICLE, ensure_ascii=False) + "\n", encoding="utf-8")
    with open_store(pg_url) as store:
        Pipeline(store).run([*sample_paths(), extra])
    with TestClient(create_app(pg_url)) as pg:
        for url, params in [
            ("/api/events", {"limit": 1000, "sort": "-fatalities"}),
            ("/api/events", {"country": "SY", "q": "معره النعمان", "from": "2020-01-01"}),
            ("/api/events", {"actor": "isis", "bbox": "30,25,50,40", "limit": 5, "offset": 2}),
            ("/api/events", {"level": "canonical", "limit": 1000}),
            ("/api/events", {"limit": 1000, "status": "background"}),  # newest first
            ("/api/stats", {"level": "canonical", "actor": "انصار الله"}),
            ("/api/events", {"q": "50%_", "actor": "%"}),
            ("/api/stats", {"interval": "day"}),
            ("/api/points", {"event_type": "Battles"}),
            ("/api/facets", {}),
            (f"/api/documents/{XSS_DOC}", {}),
        ]:
            mine, theirs = get(pg, url, **params), get(client, url, **params)
            if url == f"/api/documents/{XSS_DOC}":
                mine.pop("origin"), theirs.pop("origin")
            assert mine == theirs, url
        ev = get(client, "/api/events", doc=XSS_DOC)["items"][0]["event_id"]
        assert get(pg, f"/api/events/{ev}") == get(client, f"/api/events/{ev}")
        assert pg.get("/api/export", params={"format": "csv"}).text == \
            client.get("/api/export", params={"format": "csv"}).text
        assert pg.get("/api/events", params={"bbox": "1,2"}).status_code == 422


def test_defaults_are_canonical_current_events(client: TestClient) -> None:
    plain = client.get("/api/events", params={"limit": 1000}).json()
    assert plain["level"] == "canonical"
    assert plain["items"] and {e["status"] for e in plain["items"]} == {"current"}
    assert all(e["event_id"].startswith("c") for e in plain["items"])
    every = get(client, "/api/events", level="canonical", limit=1000)
    background = [e for e in every["items"] if e["status"] == "background"]
    assert background and plain["total"] == every["total"] - len(background)
    stats = client.get("/api/stats").json()
    assert (stats["level"], stats["status"], stats["includes_background"]) == \
        ("canonical", "current", False)
    assert stats["total"] == plain["total"]
    assert get(client, "/api/stats", level="canonical")["status"] == "all"
