"""The page in Debian's Chromium, headless, driven by Playwright, against a live server.

Screenshots go to ``test-output/web/``. Skipped when /usr/bin/chromium is absent
(``.ci/run`` installs it).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from web_samples import XSS_DOC

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Page:
    """A page of the app with what the tests need: dialogs and errors recorded, refresh waits."""

    def __init__(self, browser: Any, base: str, lang: str = "en",
                 viewport: tuple[int, int] = (1400, 900)) -> None:
        self.base = base
        self.page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]},
                                     locale="en-US")
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(f"{base}/?lang={lang}")
        self.page.wait_for_selector("body[data-refreshes]")

    def refreshes(self) -> int:
        return int(self.page.get_attribute("body", "data-refreshes") or 0)

    def after_refresh(self, action: Any) -> None:
        """Run ``action`` and wait until the page has redrawn with the new data."""
        n = self.refreshes()
        action()
        self.page.wait_for_selector(f"body[data-refreshes='{n + 1}']")

    def marker_count(self) -> int:
        return int(self.page.evaluate("window.rasd.markerCount"))

    def rows(self) -> Any:
        return self.page.locator("#events tbody tr[data-id]")

    def api(self, path: str, **params: Any) -> Any:
        # The page shows current events merged across sources unless asked otherwise.
        params.setdefault("level", "canonical")
        params.setdefault("status", "current")
        if params["status"] == "any":  # the page's name for both; the API's is "all"
            params["status"] = "all"
        return httpx.get(f"{self.base}{path}", params=params, timeout=10).json()

    def shot(self, out: Path, name: str) -> None:
        self.page.screenshot(path=str(out / f"{name}.png"))

    def close(self) -> None:
        assert not self.errors, self.errors
        self.page.close()


@pytest.fixture()
def app_page(browser: Any, live_server: str) -> Iterator[Page]:
    page = Page(browser, live_server)
    yield page
    page.close()


def test_map_shows_the_events_markers(app_page: Page, output_dir: Path) -> None:
    # Merged events by default: one marker per event, not one per article.
    assert app_page.page.input_value("#f-level") == "canonical"
    located = app_page.api("/api/points")["total"]
    assert located < app_page.api("/api/points", level="report")["total"]
    assert located > 10
    assert app_page.marker_count() == located
    # Clusters and single markers are on the map, and the outlines are drawn.
    icons = app_page.page.locator(".leaflet-marker-icon")
    assert icons.count() > 0
    assert app_page.page.locator(".leaflet-overlay-pane path").count() >= 30  # 32 governorates
    assert app_page.rows().count() == min(50, app_page.api("/api/events")["total"])
    app_page.shot(output_dir, "01-map")
    # Zoomed in past the clustering threshold, single markers appear.
    _id, lat, lon, *_ = app_page.api("/api/points")["points"][0]
    app_page.page.evaluate(f"window.rasd.map.setView([{lat}, {lon}], 12, {{animate: false}})")
    app_page.page.locator(".ev-marker").first.wait_for(state="visible")
    app_page.page.wait_for_timeout(300)  # let the cluster layer finish its redraw
    app_page.shot(output_dir, "02-map-zoomed")


def test_a_filter_narrows_the_table_and_the_map(app_page: Page, output_dir: Path) -> None:
    before_markers = app_page.marker_count()
    before_total = app_page.api("/api/events")["total"]
    choose(app_page, "#f-type", "Protests")
    app_page.after_refresh(lambda: app_page.page.click("#apply"))
    expected = app_page.api("/api/events", event_type="Protests", limit=1000)
    assert 0 < expected["total"] < before_total
    assert app_page.rows().count() == expected["total"]
    ids = {r.get_attribute("data-id") for r in app_page.rows().all()}
    assert ids == {e["event_id"] for e in expected["items"]}
    assert app_page.marker_count() == app_page.api("/api/points", event_type="Protests")["total"]
    assert app_page.marker_count() < before_markers
    assert "event_type=Protests" in app_page.page.url
    assert "event_type=Protests" in (app_page.page.get_attribute("#x-csv", "href") or "")
    app_page.shot(output_dir, "03-filtered")
    app_page.after_refresh(lambda: app_page.page.click("#reset-filters"))
    assert app_page.marker_count() == before_markers


def choose(app_page: Page, box: str, *values: str) -> None:
    """Tick values of a multi-select (a <details> of checkboxes)."""
    app_page.page.click(f"{box} summary")
    for v in values:
        app_page.page.check(f"{box} input[value='{v}']")
    app_page.page.click(f"{box} summary")


def _open_xss_event(app_page: Page) -> dict[str, Any]:
    ev = app_page.api("/api/events", doc=XSS_DOC, sort="-fatalities")["items"][0]
    app_page.page.fill("#f-q", "معرة النعمان")
    app_page.after_refresh(lambda: app_page.page.click("#apply"))
    app_page.page.click(f"#events tbody tr[data-id='{ev['event_id']}']")
    app_page.page.wait_for_selector("#panel .evidence")
    return ev


def test_clicking_an_event_shows_its_highlighted_arabic_evidence(app_page: Page,
                                                                 output_dir: Path) -> None:
    ev = _open_xss_event(app_page)
    evidence = app_page.page.locator("#panel .evidence").first
    assert evidence.get_attribute("dir") == "rtl"
    assert evidence.text_content() == ev["evidence"][0]["text"]
    marks = {k: [m.text_content() for m in evidence.locator(f"mark.hl-{k}").all()]
             for k in ("actor", "place", "trigger", "number")}
    # Whole words are marked, proclitics included (لقوات).
    assert any(m.endswith("قوات النظام السوري") for m in marks["actor"]), marks
    assert "معرة النعمان" in marks["place"]
    assert any(m.startswith("قصف") for m in marks["trigger"]) and "قُتل" in marks["trigger"]
    assert "ثلاثة" in marks["number"]
    panel_text = app_page.page.locator("#panel").text_content() or ""
    assert ev["notes"] in panel_text
    assert "null" not in panel_text and "undefined" not in panel_text
    assert app_page.page.locator(f"#events tr.selected[data-id='{ev['event_id']}']").count() == 1
    app_page.shot(output_dir, "04-event-panel")


def test_article_with_script_renders_as_text(app_page: Page, output_dir: Path) -> None:
    _open_xss_event(app_page)
    panel = app_page.page.locator("#panel")
    assert "<script>alert(1)</script>" in (panel.locator(".evidence").first.text_content() or "")
    assert "<script>alert(1)</script>" in (panel.locator(".report").first.text_content() or "")
    panel.locator(".evidence-block .doc-link").first.click()
    app_page.page.wait_for_selector("#panel .doc-text")
    assert "<script>alert(1)</script>" in (panel.locator(".doc-title").text_content() or "")
    text = panel.locator(".doc-text").text_content() or ""
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(2)>" in text
    assert panel.locator(".doc-text mark.ev-span").count() == 1
    assert panel.locator("script, img").count() == 0
    assert app_page.page.evaluate("document.querySelectorAll('script:not([src])').length") == 0
    app_page.shot(output_dir, "05-document-with-script")
    assert app_page.dialogs == []


def test_arabic_interface(app_page: Page, output_dir: Path) -> None:
    app_page.page.click("#lang")
    html = app_page.page.locator("html")
    assert html.get_attribute("dir") == "rtl" and html.get_attribute("lang") == "ar"
    assert app_page.page.locator("[data-i18n='apply']").text_content() == "تطبيق"
    assert "معارك" in (app_page.page.locator("#f-type").text_content() or "")
    app_page.shot(output_dir, "06-arabic")
    app_page.page.click("#lang")
    assert html.get_attribute("dir") == "ltr"


def test_brushing_the_timeline_filters_dates(app_page: Page, output_dir: Path) -> None:
    box = app_page.page.locator("#timeline").bounding_box()
    assert box
    total = app_page.api("/api/events")["total"]
    mouse = app_page.page.mouse
    y = box["y"] + box["height"] / 2

    def brush() -> None:
        mouse.move(box["x"] + box["width"] * 0.55, y)
        mouse.down()
        mouse.move(box["x"] + box["width"] * 0.75, y, steps=5)
        mouse.up()

    app_page.after_refresh(brush)
    lo = app_page.page.input_value("#f-from")
    hi = app_page.page.input_value("#f-to")
    assert lo and hi and lo <= hi
    narrowed = app_page.api("/api/events", **{"from": lo, "to": hi})["total"]
    assert narrowed < total
    assert app_page.page.locator("#page").text_content() == f"1–{min(50, narrowed)} of {narrowed}"
    # Zoomed: the axis now spans the chosen dates only.
    first, last = app_page.page.evaluate("window.rasd.timeline.range")
    assert lo <= first <= last <= hi or first <= lo
    assert (date.fromisoformat(last) - date.fromisoformat(first)).days <= \
        (date.fromisoformat(hi) - date.fromisoformat(lo)).days + 7
    app_page.shot(output_dir, "07-timeline-brushed")


@pytest.mark.parametrize(("path", "ready"), [
    ("/docs", ".opblock-summary-path"),
    ("/redoc", "[data-section-id^='tag/'], [data-section-id^='operation/']"),
])
def test_api_docs_render_offline_under_the_csp(browser: Any, live_server: str, path: str,
                                               ready: str, output_dir: Path) -> None:
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    outside: list[str] = []
    csp: list[str] = []

    def only_local(route: Any) -> None:
        # No network: anything not from the server itself fails, as it would offline.
        if route.request.url.startswith(live_server):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    page.on("console", lambda m: csp.append(m.text) if "Content Security Policy" in m.text
            else None)
    response = page.goto(live_server + path)
    assert response and "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector(ready, timeout=20000)
    text = page.locator("body").inner_text()
    assert "/api/events" in text and "/api/stats" in text
    # ReDoc's sidebar links a logo on its makers' CDN: the CSP blocks it (nothing is
    # fetched); scripts and styles must all be local.
    assert outside == [] and [m for m in csp if "Loading the image" not in m] == []
    page.screenshot(path=str(output_dir / f"api{path.replace('/', '-')}.png"))
    page.close()


# -- geography ---------------------------------------------------------------------

def test_map_draws_land_regions_and_labels_and_fits_the_filter(app_page: Page,
                                                                output_dir: Path) -> None:
    page = app_page.page
    # Land of ~100 countries, 131 governorates and regions, two country borders.
    page.locator(".leaflet-overlay-pane path").nth(230).wait_for(state="attached")
    paths = page.locator(".leaflet-overlay-pane path")
    assert paths.count() >= 230
    fills = {p.get_attribute("fill") for p in paths.all()}
    assert {"#f2efe6", "#ebe6d8"} <= fills  # land, and the countries rasd codes
    # Choosing Yemen moves the map to Yemen's events.
    yemen = app_page.api("/api/points", country="YE")["points"]
    assert yemen
    choose(app_page, "#f-country", "YE")
    app_page.after_refresh(lambda: page.click("#apply"))
    west, south, east, north = page.evaluate(
        "(() => { const b = window.rasd.map.getBounds(); "
        "return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; })()")
    for _id, lat, lon, *_ in yemen:
        assert west <= lon <= east and south <= lat <= north
    assert east - west < 20  # zoomed in on Yemen, not the whole region
    assert app_page.marker_count() == len(yemen)
    # Governorate names appear once zoomed in (gazetteer names in Yemen).
    assert page.locator(".gov-label").count() > 0
    labels = {x.text_content() for x in page.locator(".gov-label").all()}
    assert "Aden" in labels or "Taiz" in labels
    app_page.shot(output_dir, "08-yemen")


def test_country_names_not_codes(app_page: Page) -> None:
    page = app_page.page
    assert "Syria (SY)" in (page.locator("#f-country .options").text_content() or "")
    places = page.locator("#events tbody td:nth-child(4) .sub").all_text_contents()
    assert places and all(len(p) > 2 for p in places)
    assert "Syria" in places or "Iraq" in places


def test_cluster_colours_are_not_event_type_colours(app_page: Page) -> None:
    page = app_page.page
    page.evaluate("window.rasd.map.setView([34, 40], 4, {animate: false})")
    page.wait_for_timeout(300)
    clusters = page.locator(".cluster")
    assert clusters.count() > 0
    legend = {page.evaluate("(e) => getComputedStyle(e).backgroundColor", d.element_handle())
              for d in page.locator("#legend .dot").all()}
    for c in clusters.all():
        colour = page.evaluate("(e) => getComputedStyle(e).backgroundColor", c.element_handle())
        assert colour not in legend
    assert page.locator(".marker-cluster-small, .marker-cluster-medium").count() == 0


# -- timeline, status, breakdowns -----------------------------------------------------

def test_current_events_by_default_background_one_click_away(app_page: Page,
                                                             output_dir: Path) -> None:
    page = app_page.page
    current = app_page.api("/api/stats")
    everything = app_page.api("/api/stats", status="any")
    assert everything["total"] > current["total"] > 0
    assert page.input_value("#f-status") == "current"
    summary = page.locator("#summary").text_content() or ""
    assert f"{current['total']} events, {current['fatalities']} reported deaths" in summary
    assert "current events only" in summary
    page.select_option("#f-status", "")
    app_page.after_refresh(lambda: page.click("#apply"))
    summary = page.locator("#summary").text_content() or ""
    assert f"{everything['total']} events" in summary and "including background" in summary
    assert "status=any" in page.url
    # The axis spans the filtered events: background from decades ago widens it.
    first, _last = page.evaluate("window.rasd.timeline.range")
    assert first == everything["first_period"]
    page.select_option("#f-status", "current")
    app_page.after_refresh(lambda: page.click("#apply"))
    first, last = page.evaluate("window.rasd.timeline.range")
    assert first == current["first_period"] and last >= current["last_period"]


def test_timeline_bars_stack_by_type_and_deaths_sit_below(app_page: Page) -> None:
    page = app_page.page
    stats = app_page.api("/api/stats")
    bars = page.locator("#timeline rect.tbar")
    assert bars.count() == sum(len(b["by_type"]) for b in stats["by_period"])
    types = {b.get_attribute("data-type") for b in bars.all()}
    assert len(types) >= 3
    deaths = page.locator("#deaths rect.dbar")
    assert deaths.count() == sum(1 for b in stats["by_period"] if b["fatalities"])


def test_sorting_and_the_interval_ask_only_for_their_part(app_page: Page) -> None:
    """A new order or page needs the list only, a new interval the statistics only: the
    server is not asked for the 10,000 map points again (issue 16's load)."""
    page = app_page.page
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url.split("?")[0].rsplit("/", 1)[-1])
            if "/api/" in r.url else None)
    markers = app_page.marker_count()
    app_page.after_refresh(lambda: page.click("th[data-sort=fatalities]"))
    assert asked == ["events"]
    want = app_page.api("/api/events", sort="-fatalities", limit=50)
    assert [r.get_attribute("data-id") for r in app_page.rows().all()] == \
        [e["event_id"] for e in want["items"]]
    assert len({str(e.get("fatalities")) for e in want["items"]}) > 1  # the order shows
    assert app_page.marker_count() == markers
    asked.clear()
    app_page.after_refresh(lambda: page.select_option("#interval", "day"))
    assert asked == ["stats"]
    days = app_page.api("/api/stats", interval="day")["by_period"]
    bars = page.locator("#timeline rect.tbar")
    assert bars.count() == sum(len(b["by_type"]) for b in days)
    # A filter changes every part.
    asked.clear()
    choose(app_page, "#f-type", "Protests")
    app_page.after_refresh(lambda: page.click("#apply"))
    assert sorted(asked) == ["events", "points", "stats"]
    assert app_page.marker_count() < markers


def test_breakdowns_are_filters(app_page: Page, output_dir: Path) -> None:
    page = app_page.page
    stats = app_page.api("/api/stats", top=50)
    rows = page.locator("#bd-admin1 .bd-row")
    assert rows.count() == min(8, len(stats["by_admin1"]))
    top = stats["by_admin1"][0]
    app_page.after_refresh(lambda: rows.first.click())
    assert page.input_value("#f-admin1") == top["admin1"]
    expected = app_page.api("/api/events", admin1=top["admin1"], country=top["country"])
    assert expected["total"] == top["count"]
    assert page.locator("#page").text_content() == \
        f"1–{min(50, top['count'])} of {top['count']}"
    app_page.after_refresh(lambda: page.click("#reset-filters"))
    actor = stats["by_actor"][0]
    app_page.after_refresh(lambda: page.locator("#bd-actor .bd-row").first.click())
    assert page.input_value("#f-actor") == actor["actor"]
    listed = app_page.api("/api/events", actor=actor["actor"])["total"]
    assert f"of {listed}" in (page.locator("#page").text_content() or "")
    app_page.after_refresh(lambda: page.click("#reset-filters"))
    kind = stats["by_type"][0]
    app_page.after_refresh(lambda: page.locator("#bd-type .bd-row").first.click())
    assert page.locator(f"#f-type input[value='{kind['event_type']}']").is_checked()
    assert f"of {kind['count']}" in (page.locator("#page").text_content() or "")


def test_several_types_and_countries_civilians_and_actor_suggestions(app_page: Page) -> None:
    page = app_page.page
    choose(app_page, "#f-type", "Battles", "Protests")
    choose(app_page, "#f-country", "SY", "IQ")
    app_page.after_refresh(lambda: page.click("#apply"))
    r = httpx.get(f"{app_page.base}/api/events", params=[
        ("event_type", "Battles"), ("event_type", "Protests"), ("country", "SY"),
        ("country", "IQ"), ("level", "canonical"), ("status", "current")]).json()
    assert r["total"] > 0
    assert f"of {r['total']}" in (page.locator("#page").text_content() or "")
    assert "2 chosen" in (page.locator("#f-type summary").text_content() or "")
    app_page.after_refresh(lambda: page.click("#reset-filters"))
    page.check("#f-civilians")
    app_page.after_refresh(lambda: page.click("#apply"))
    civ = app_page.api("/api/events", civilians="true")["total"]
    assert civ > 0 and f"of {civ}" in (page.locator("#page").text_content() or "")
    options = page.locator("#actor-list option")
    values = {o.get_attribute("value") for o in options.all()}
    assert {"Islamic State", "داعش", "Ansar Allah"} <= values


def test_arabic_actor_arrow_and_no_dangling_arrow(app_page: Page) -> None:
    page = app_page.page
    ev = next(e for e in app_page.api("/api/events", limit=200)["items"]
              if e["actor1"] and e["actor2"])
    page.click("#lang")
    row = page.locator(f"#events tbody tr[data-id='{ev['event_id']}'] td").nth(2)
    if row.count():
        text = row.text_content() or ""
        assert "←" in text and "→" not in text
    app_page.page.evaluate(f"window.rasd.openEvent({ev['event_id']!r})")
    page.wait_for_selector("#panel .evidence")
    assert page.locator("#panel .arrow").text_content() == " ← "
    # An event with a target and no actor 1: no arrow pointing at nothing.
    page.evaluate("(() => { const d = structuredClone(window.rasd.state.detail); "
                  "d.event.actor1 = null; window.rasd.drawEvent(d); })()")
    assert page.locator("#panel .arrow").count() == 0
    page.click("#lang")
    page.evaluate("window.rasd.drawEvent(window.rasd.state.detail)")
    assert page.locator("#panel .arrow").text_content() == " → "


# -- mobile --------------------------------------------------------------------------

def test_mobile_layout(browser: Any, live_server: str, output_dir: Path) -> None:
    app_page = Page(browser, live_server, viewport=(390, 844))
    page = app_page.page
    no_sideways = "document.documentElement.scrollWidth <= window.innerWidth"
    assert page.evaluate(no_sideways)
    # Filters folded behind one button: the header is short.
    assert not page.locator("#f-q").is_visible()
    header = page.locator("header.bar").bounding_box()
    assert header and header["height"] < 140
    page.click("#filters-toggle")
    assert page.locator("#f-q").is_visible()
    assert page.evaluate(no_sideways)
    app_page.shot(output_dir, "09-mobile-filters")
    app_page.after_refresh(lambda: page.click("#apply"))
    assert not page.locator("#f-q").is_visible()
    # Map above the table, not over it; the table's rows take clicks.
    m = page.locator("#map").bounding_box()
    tbl = page.locator("#events").bounding_box()
    assert m and tbl and m["y"] + m["height"] <= tbl["y"]
    app_page.shot(output_dir, "10-mobile")
    row = app_page.rows().first
    row.scroll_into_view_if_needed()
    row.click()
    page.wait_for_selector("#panel .evidence")
    panel = page.locator("#panel").bounding_box()
    assert panel and panel["width"] >= 389 and panel["x"] <= 1
    assert page.evaluate(no_sideways)
    app_page.shot(output_dir, "11-mobile-event")
    app_page.close()
