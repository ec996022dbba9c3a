// The analysts' page: filters, map, timeline, breakdowns, table and the event / document panel.
// Every piece of article text reaches the page through textContent or createTextNode;
// nothing here assigns innerHTML.
"use strict";
(function () {
  const I = window.rasdI18n, HL = window.rasdHighlight;
  const t = (k, v) => I.t(k, v);
  const PAGE = 50, MAP_LIMIT = 10000, BREAKDOWN_ROWS = 8;
  const COLORS = {
    "Battles": "#d62728", "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#9467bd", "Protests": "#2ca02c", "Riots": "#8c564b",
    "Strategic developments": "#1f77b4",
  };
  const MULTI = ["event_type", "country"];  // filters that take several values
  const $ = (sel) => document.querySelector(sel);
  const form = $("#filters");
  const state = {
    offset: 0, sort: "-date", interval: "week", config: {}, facets: null, last: null,
    panel: null, seqs: { events: 0, points: 0, stats: 0 }, lastKey: null, fit: true,
  };
  // Exposed for the browser tests and for analysts poking at the console.
  const api = window.rasd = { state, markerCount: 0, ready: false };

  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return node;
  }

  function safeUrl(url) {
    try {
      const u = new URL(url);
      return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
    } catch (e) { return null; }
  }

  async function getJSON(path) {
    const res = await fetch(path, { headers: { Accept: "application/json" } });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) {
      const d = body.detail;
      const msg = Array.isArray(d) ? d.map((x) => (x.loc || []).slice(-1)[0] + ": " + x.msg).join("; ") : (d || res.statusText);
      throw new Error(msg);
    }
    return body;
  }

  function countryName(code) {
    const n = state.facets && state.facets.country_names && state.facets.country_names[code];
    return n ? (I.lang === "ar" ? n.ar : n.en) : code;
  }

  // ---- filters -------------------------------------------------------------
  function filterParams({ withDates = true } = {}) {
    const p = new URLSearchParams();
    for (const [k, v] of new FormData(form)) {
      if (!v || (!withDates && (k === "from" || k === "to"))) continue;
      p.append(k, String(v).trim());
    }
    // "Current and background" is the empty status: say so, so it outlives a reload.
    if (!p.has("status")) p.set("status", "any");
    if ($("#f-bbox").checked && api.map) {
      const b = api.map.getBounds();
      const clamp = (v, lim) => Math.max(-lim, Math.min(lim, v)).toFixed(4);
      p.set("bbox", [clamp(b.getWest(), 180), clamp(b.getSouth(), 90), clamp(b.getEast(), 180), clamp(b.getNorth(), 90)].join(","));
    }
    return p;
  }

  function apiParams(params) {
    const p = new URLSearchParams(params);
    if (p.get("status") === "any") p.set("status", "all");  // the API defaults to current
    return p;
  }

  function fillSelect(select, values, label) {
    const keep = select.value;
    while (select.options.length > 1) select.remove(1);
    for (const v of values) select.appendChild(h("option", { value: v, text: label ? label(v) : v }));
    if (values.includes(keep)) select.value = keep;
  }

  function checked(name) {
    return [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((x) => x.value);
  }

  function fillMulti(box, name, values, label, keep) {
    const chosen = new Set(keep || checked(name));
    box.querySelector(".options").replaceChildren(...values.map((v) => h("label", { class: "opt" },
      h("input", { type: "checkbox", name, value: v, checked: chosen.has(v) }), " ", label(v))));
    summarize(box, name, label);
  }

  function summarize(box, name, label) {
    const c = checked(name);
    box.querySelector("summary").textContent = !c.length ? t("any") : c.length === 1 ? label(c[0]) : t("n_chosen", { n: c.length });
  }

  function refreshMenus() {
    const f = state.facets;
    if (!f) return;
    fillMulti($("#f-type"), "event_type", f.event_types, I.typeName);
    const types = checked("event_type");
    fillSelect($("#f-sub"), [...new Set(f.sub_event_types.filter((s) => !types.length || types.includes(s.event_type)).map((s) => s.sub_event_type))]);
    fillMulti($("#f-country"), "country", f.countries, (c) => countryName(c) + " (" + c + ")");
    const cc = checked("country");
    fillSelect($("#f-admin1"), [...new Set(f.admin1.filter((a) => !cc.length || cc.includes(a.country)).map((a) => a.admin1))]);
    const names = (f.actors || []).flatMap((a) => I.lang === "ar" ? [a.name_ar, a.name] : [a.name, a.name_ar]).filter(Boolean);
    $("#actor-list").replaceChildren(...[...new Set(names)].map((n) => h("option", { value: n })));
    countFilters();
  }

  function countFilters() {
    const p = filterParams();
    let n = 0;
    for (const [k, v] of p) if (!(k === "level" || (k === "status" && v === "current"))) n++;
    $("#filters-count").textContent = n ? "(" + n + ")" : "";
  }

  function readUrl() {
    const p = new URLSearchParams(location.search);
    for (const name of MULTI) {
      if (!p.has(name)) continue;
      const want = p.getAll(name);
      const box = name === "event_type" ? $("#f-type") : $("#f-country");
      const known = [...box.querySelectorAll("input")].map((x) => x.value);
      const all = [...known, ...want.filter((v) => !known.includes(v))];
      fillMulti(box, name, all, name === "event_type" ? I.typeName : (c) => countryName(c) + " (" + c + ")", want);
    }
    for (const el of form.elements) {
      if (!el.name || MULTI.includes(el.name) || !p.has(el.name)) continue;
      let v = p.get(el.name);
      if (el.type === "checkbox") { el.checked = v === el.value; continue; }
      if (el.name === "status" && v === "any") v = "";
      if (el.tagName === "SELECT" && ![...el.options].some((o) => o.value === v)) {
        el.appendChild(h("option", { value: v, text: v }));
      }
      el.value = v;
    }
  }

  function writeUrl(params) {
    const p = new URLSearchParams(params);
    p.delete("bbox");
    if (p.get("status") === "current") p.delete("status");  // the default
    if (I.lang !== "en") p.set("lang", I.lang);
    const qs = p.toString();
    history.replaceState(null, "", qs ? "?" + qs : location.pathname);
  }

  // Set one filter (from a breakdown or a label) and refresh.
  function applyFilter(name, value, extra) {
    if (MULTI.includes(name)) {
      for (const box of form.querySelectorAll(`input[name="${name}"]`)) box.checked = box.value === value;
    } else {
      form.elements[name].value = value;
    }
    for (const [k, v] of Object.entries(extra || {})) {
      if (MULTI.includes(k)) for (const box of form.querySelectorAll(`input[name="${k}"]`)) box.checked = box.value === v;
    }
    refreshMenus();
    if (!MULTI.includes(name) && form.elements[name].tagName === "SELECT") form.elements[name].value = value;
    state.offset = 0; state.fit = true;
    refresh();
  }

  // ---- map -------------------------------------------------------------------
  function initMap() {
    const m = window.rasdMap.create($("#map"), state.config, getJSON, () => I.lang);
    api.map = m.map; api.cluster = m.cluster; api.mapLayers = m;
    api.map.on("moveend", () => { if ($("#f-bbox").checked) { state.offset = 0; refresh(); } });
  }

  function markerIcon(type, deaths) {
    const size = Math.round(Math.min(44, 10 + 4 * Math.sqrt(deaths || 0)));
    const dot = h("span", { class: "ev-marker" });
    dot.style.width = dot.style.height = size + "px";
    dot.style.background = COLORS[type] || "#555";
    return L.divIcon({ html: dot, className: "ev-icon", iconSize: [size, size] });
  }

  function drawPoints(data) {
    api.cluster.clearLayers();
    // Each point's type is a number: its place in data.event_types (a smaller response).
    const types = data.event_types || [];
    const markers = data.points.map(([id, lat, lon, k, deaths]) => {
      const type = typeof k === "number" ? types[k] : k;
      const m = L.marker([lat, lon], { icon: markerIcon(type, deaths), keyboard: false });
      m.on("click", () => openEvent(id));
      return m;
    });
    api.cluster.addLayers(markers);
    api.markerCount = markers.length;
    // The map fits the filtered events, unless the map view is itself the filter.
    if (state.fit && markers.length && !$("#f-bbox").checked) {
      api.map.fitBounds(L.latLngBounds(markers.map((m) => m.getLatLng())).pad(0.15), { maxZoom: 9, animate: false });
    }
    state.fit = false;
  }

  function drawLegend() {
    const box = $("#legend");
    box.replaceChildren(...Object.entries(COLORS).map(([type, color]) => {
      const dot = h("span", { class: "dot" });
      dot.style.background = color;
      return h("span", { class: "item" }, dot, I.typeName(type));
    }));
  }

  // ---- table -----------------------------------------------------------------
  // Who acted on whom: the arrow points from actor 1 to actor 2 in the reading
  // direction, and is left out when either is missing.
  function arrow() { return I.lang === "ar" ? " ← " : " → "; }

  function actorName(a) { return I.lang === "ar" && a.name_ar ? a.name_ar : a.name; }

  function actorLine(ev) {
    if (ev.actor1 && ev.actor2) return actorName(ev.actor1) + arrow() + actorName(ev.actor2);
    return ev.actor1 ? actorName(ev.actor1) : ev.actor2 ? actorName(ev.actor2) : "";
  }

  function placeName(loc) {
    if (!loc) return "";
    return I.lang === "ar" && loc.name_ar ? loc.name_ar : loc.name;
  }

  function drawTable(data) {
    const body = $("#events tbody");
    if (!data.items.length) {
      body.replaceChildren(h("tr", { class: "empty" }, h("td", { colspan: 5, text: t("no_events") })));
    } else {
      body.replaceChildren(...data.items.map((ev) => h("tr", {
        "data-id": ev.event_id, tabindex: 0,
        class: [state.panel === ev.event_id ? "selected" : "", ev.status === "background" ? "bg" : ""].join(" ").trim() || null,
        onclick: () => openEvent(ev.event_id),
        onkeydown: (e) => { if (e.key === "Enter") openEvent(ev.event_id); },
      },
      h("td", { text: ev.date ? ev.date.start : "–" }),
      h("td", {}, h("span", { class: "dot" }), I.typeName(ev.event_type), h("div", { class: "sub", text: ev.sub_event_type })),
      h("td", { dir: "auto", text: actorLine(ev) }),
      h("td", {}, h("bdi", { text: placeName(ev.location) }), ev.location && ev.location.country ? h("div", { class: "sub", text: countryName(ev.location.country) }) : null),
      h("td", { class: "num", text: ev.fatalities ? ev.fatalities.best : 0 }))));
      for (const row of body.querySelectorAll("tr[data-id]")) {
        const ev = data.items.find((e) => e.event_id === row.dataset.id);
        row.querySelector(".dot").style.background = COLORS[ev.event_type] || "#555";
      }
    }
    const a = data.total ? data.offset + 1 : 0, b = data.offset + data.items.length;
    // A count that stopped early is a lower bound: "of 10,050+".
    const n = data.total_exact === false ? data.total + "+" : data.total;
    $("#page").textContent = t("page", { a, b, n });
    $("#prev").disabled = data.offset === 0;
    $("#next").disabled = b >= data.total;
    for (const th of document.querySelectorAll("th[data-sort]")) {
      th.classList.toggle("asc", state.sort === th.dataset.sort);
      th.classList.toggle("desc", state.sort === "-" + th.dataset.sort);
    }
  }

  function drawSummary(stats, points) {
    const scope = stats.includes_background ? t("incl_background") : t("current_only");
    const parts = [t("summary", { n: stats.total, f: stats.fatalities }) + " (" + scope + ")"];
    if (points.total > points.returned) parts.push(t("map_capped", { k: points.returned, n: points.total }));
    $("#summary").textContent = parts.join(" · ");
  }

  // ---- breakdowns: each row is a filter -------------------------------------
  function breakdown(list, rows, label, onPick) {
    const max = Math.max(1, ...rows.map((r) => r.count));
    list.replaceChildren(...rows.slice(0, BREAKDOWN_ROWS).map((r) => {
      const bar = h("span", { class: "bd-bar" });
      bar.style.width = Math.round(100 * r.count / max) + "%";
      return h("li", {}, h("button", { type: "button", class: "bd-row", onclick: () => onPick(r) },
        h("span", { class: "bd-name", dir: "auto", text: label(r) }), bar,
        h("span", { class: "bd-n", text: String(r.count) }),
        h("span", { class: "bd-dead", title: t("fatalities"), text: String(r.fatalities) })));
    }));
    if (!rows.length) list.replaceChildren(h("li", { class: "sub", text: "–" }));
  }

  function drawBreakdowns(stats) {
    breakdown($("#bd-type"), stats.by_type, (r) => I.typeName(r.event_type), (r) => applyFilter("event_type", r.event_type));
    const ar = new Map(((state.facets && state.facets.actors) || []).map((a) => [a.name, a.name_ar]));
    breakdown($("#bd-actor"), stats.by_actor, (r) => (I.lang === "ar" && ar.get(r.actor)) || r.actor, (r) => applyFilter("actor", r.actor));
    breakdown($("#bd-admin1"), stats.by_admin1, (r) => r.admin1 + ", " + countryName(r.country),
      (r) => applyFilter("admin1", r.admin1, { country: r.country }));
  }

  // ---- refresh ---------------------------------------------------------------
  // Paging and sorting change only the list, the interval only the timeline: with the
  // filters of the last complete answer, only that part is asked for (a third of the
  // server's work; the map's 10,000 points are not redrawn). Each part has its own
  // sequence number, so an answer is drawn only if no newer request for that part
  // was made; while a full refresh is under way every refresh is a full one, so the
  // parts on the page always answer one set of filters.
  const PARTS = ["events", "points", "stats"];

  async function refresh(only) {
    const params = filterParams();
    writeUrl(params);
    countFilters();
    const q = apiParams(params);
    for (const fmt of ["csv", "geojson", "jsonl"]) {
      const p = new URLSearchParams(q);
      p.set("format", fmt);
      $("#x-" + fmt).href = "/api/export?" + p;
    }
    const list = new URLSearchParams(q);
    list.set("limit", PAGE); list.set("offset", state.offset); list.set("sort", state.sort);
    const pts = new URLSearchParams(q);
    pts.set("limit", MAP_LIMIT);
    const st = new URLSearchParams(q);
    st.set("interval", state.interval);
    st.set("top", 50);
    const urls = { events: "/api/events?" + list, points: "/api/points?" + pts, stats: "/api/stats?" + st };
    const key = q.toString();
    const parts = only && state.last && state.lastKey === key ? [only] : PARTS;
    const mine = {};
    for (const part of parts) mine[part] = ++state.seqs[part];
    if (parts.length > 1) state.lastKey = null;
    try {
      // The timeline's axis spans the filtered events: brushing zooms, "All dates" zooms out.
      const answers = await Promise.all(parts.map((part) => getJSON(urls[part])));
      const fresh = {};
      parts.forEach((part, i) => { if (mine[part] === state.seqs[part]) fresh[part] = answers[i]; });
      if (Object.keys(fresh).length < parts.length) return; // a newer refresh is under way
      state.last = { ...state.last, ...fresh };
      if (parts.length > 1) {
        state.lastKey = key;
        drawAll();
      } else if (only === "events") {
        drawTable(fresh.events);
      } else {
        drawStats(fresh.stats);
      }
    } catch (err) {
      $("#summary").textContent = t("error", { m: err.message });
    }
    api.ready = true;
    api.refreshes = (api.refreshes || 0) + 1;
    // A DOM signal for the browser tests (CSP forbids their waitForFunction's eval).
    document.body.dataset.refreshes = String(api.refreshes);
  }

  function drawStats(stats) {
    drawSummary(stats, state.last.points);
    drawBreakdowns(stats);
    api.timeline.update(stats.by_period, stats.interval);
  }

  function drawAll() {
    const d = state.last;
    if (!d) return;
    drawTable(d.events);
    drawPoints(d.points);
    drawStats(d.stats);
  }

  // ---- panel: event and document ---------------------------------------------
  function field(label, ...value) {
    return h("div", { class: "field" }, h("span", { class: "label", text: label }), h("span", { class: "value" }, ...value));
  }

  function actorNode(a) {
    if (!a) return null;
    // <bdi> keeps Arabic names (and their parentheses) from reordering the English around them.
    return h("span", { class: "actor" }, h("bdi", { text: a.name }), a.name_ar ? " · " : null,
      a.name_ar ? h("bdi", { lang: "ar", class: "ar", text: a.name_ar }) : null);
  }

  function showPanel(...children) {
    $("#panel-body").replaceChildren(...children.filter((c) => c !== null && c !== undefined && c !== false));
    // Below the header, so the filters and the language switch stay usable.
    const top = $(".bar").offsetHeight;
    $("#panel").style.top = top + "px";
    $("#panel").style.height = "calc(100% - " + top + "px)";
    $("#panel").hidden = false;
  }

  async function openEvent(id) {
    state.panel = id;
    for (const row of document.querySelectorAll("#events tr[data-id]")) row.classList.toggle("selected", row.dataset.id === id);
    showPanel(h("p", { text: t("loading") }));
    let d;
    const level = $("#f-level").value || "report";
    try { d = await getJSON("/api/events/" + encodeURIComponent(id) + "?level=" + level); } catch (err) {
      showPanel(h("p", { class: "error", text: t("error", { m: err.message }) }));
      return;
    }
    if (state.panel !== id) return;
    state.detail = d;
    drawEvent(d);
  }

  function drawEvent(d) {
    const ev = d.event;
    const swatch = h("span", { class: "dot" });
    swatch.style.background = COLORS[ev.event_type] || "#555";
    const loc = ev.location;
    const evidence = d.evidence.map((e) => {
      const sentence = h("p", { class: "evidence", dir: "rtl", lang: "ar" });
      HL.render(sentence, e.text, d.highlight);
      return h("div", { class: "evidence-block" }, sentence, h("div", { class: "meta" },
        t("offsets", { s: e.start, e: e.end }) + " ",
        h("a", { href: "#", class: "doc-link", "data-doc": e.doc_id, onclick: (x) => { x.preventDefault(); openDocument(e.doc_id, e, ev.event_id); } }, e.doc_id)));
    });
    const legend = h("div", { class: "hl-legend" }, ...HL.KINDS.map((k) => h("mark", { class: "hl hl-" + k, text: t("legend_" + k) })));
    const reports = d.reports.map((r) => {
      const url = r.url && safeUrl(r.url);
      return h("li", { class: "report" },
        h("a", { href: "#", class: "doc-link", "data-doc": r.doc_id, onclick: (x) => { x.preventDefault(); openDocument(r.doc_id, null, ev.event_id); } },
          h("span", { dir: "auto", text: r.title || r.doc_name })),
        h("div", { class: "meta" }, ...[r.source, r.published].filter(Boolean).flatMap((x, i) => [i ? " · " : "", h("bdi", { text: x })]), " ",
          url ? h("a", { href: url, target: "_blank", rel: "noopener noreferrer", text: t("original") }) : null));
    });
    showPanel(
      h("h2", {}, swatch, I.typeName(ev.event_type), h("div", { class: "sub", text: ev.sub_event_type })),
      h("div", { class: "status " + ev.status, text: t("status_" + ev.status) }),
      field(t("date"), ev.date ? (ev.date.start === ev.date.end ? ev.date.start : ev.date.start + " – " + ev.date.end) + " (" + t("precision") + " " + ev.date.precision + ")" : "–"),
      field(t("place"), loc ? h("span", {}, h("bdi", { text: loc.name }), " · ", h("bdi", { lang: "ar", class: "ar", text: loc.name_ar }), ", " + [loc.admin1, loc.country && countryName(loc.country)].filter(Boolean).join(", ") + " (" + t("precision") + " " + loc.precision + ")") : "–"),
      field(t("actors"), actorNode(ev.actor1), ev.actor1 && ev.actor2 ? h("span", { class: "arrow", text: arrow() }) : null, actorNode(ev.actor2)),
      field(t("fatalities"), ev.fatalities ? String(ev.fatalities.best) + (ev.fatalities.low !== ev.fatalities.high ? " (" + ev.fatalities.low + "–" + ev.fatalities.high + ")" : "") : "0"),
      h("h3", { text: t("evidence") }), legend, ...evidence,
      h("h3", { text: t("note") }), h("p", { class: "note", dir: "ltr", lang: "en", text: ev.notes || "–" }),
      h("h3", { text: t("reports") }), h("ul", { class: "reports" }, ...reports),
      d.links.length ? h("h3", { text: t("links") }) : null,
      d.links.length ? h("ul", { class: "links" }, ...d.links.map((lk) => h("li", { text: (lk.reasons || []).join("; ") }))) : null,
      d.sources.length ? field(t("sources"), d.sources.join(", ")) : null,
    );
  }

  async function openDocument(docId, evidence, fromEvent) {
    showPanel(h("p", { text: t("loading") }));
    let doc;
    try { doc = await getJSON("/api/documents/" + encodeURIComponent(docId)); } catch (err) {
      showPanel(h("p", { class: "error", text: t("error", { m: err.message }) }));
      return;
    }
    const text = doc.clean_text || "";
    const body = h("div", { class: "doc-text", dir: "rtl", lang: "ar" });
    if (evidence && evidence.end <= text.length && text.slice(evidence.start, evidence.end) === evidence.text) {
      body.append(text.slice(0, evidence.start), h("mark", { class: "ev-span", text: text.slice(evidence.start, evidence.end) }), text.slice(evidence.end));
    } else {
      body.textContent = text;
    }
    const url = doc.url && safeUrl(doc.url);
    showPanel(
      fromEvent ? h("button", { type: "button", class: "back", text: t("back"), onclick: () => openEvent(fromEvent) }) : null,
      h("h2", { class: "doc-title", dir: "auto", text: doc.title || doc.name }),
      field(t("document"), doc.name + " (" + doc.id + ")"),
      field(t("source"), doc.source || "–"),
      field(t("published"), doc.published || "–"),
      url ? field("URL", h("a", { href: url, target: "_blank", rel: "noopener noreferrer", text: url })) : null,
      body,
      h("h3", { text: t("events_in_doc") }),
      h("ul", {}, ...doc.events.map((id) => h("li", {}, h("a", { href: "#", text: id, onclick: (x) => { x.preventDefault(); openEvent(id); } })))),
    );
    const mark = body.querySelector(".ev-span");
    if (mark) mark.scrollIntoView({ block: "center" });
  }

  // ---- wiring ----------------------------------------------------------------
  function bind() {
    form.addEventListener("submit", (e) => { e.preventDefault(); state.offset = 0; state.fit = true; foldFilters(); refresh(); });
    form.addEventListener("change", (e) => {
      const name = e.target.name;
      if (name === "event_type") summarize($("#f-type"), name, I.typeName);
      if (name === "country") summarize($("#f-country"), name, (c) => countryName(c) + " (" + c + ")");
      if (name === "event_type" || name === "country") refreshMenus();
      countFilters();
    });
    $("#f-bbox").addEventListener("change", () => { state.offset = 0; refresh(); });
    $("#reset-filters").addEventListener("click", () => {
      form.reset();
      for (const box of form.querySelectorAll("details.multi input")) box.checked = false;
      refreshMenus(); state.offset = 0; state.fit = true; refresh();
    });
    $("#filters-toggle").addEventListener("click", () => {
      const open = !document.body.classList.contains("filters-open");
      document.body.classList.toggle("filters-open", open);
      $("#filters-toggle").setAttribute("aria-expanded", String(open));
    });
    $("#prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); refresh("events"); });
    $("#next").addEventListener("click", () => { state.offset += PAGE; refresh("events"); });
    $("#interval").addEventListener("change", (e) => { state.interval = e.target.value; refresh("stats"); });
    $("#clear-dates").addEventListener("click", () => { $("#f-from").value = ""; $("#f-to").value = ""; state.offset = 0; state.fit = true; refresh(); });
    $("#panel-close").addEventListener("click", () => { $("#panel").hidden = true; state.panel = null; });
    for (const th of document.querySelectorAll("th[data-sort]")) {
      th.addEventListener("click", () => {
        const key = th.dataset.sort;
        state.sort = state.sort === "-" + key ? key : "-" + key;
        state.offset = 0;
        refresh("events");
      });
    }
    $("#lang").addEventListener("click", () => {
      I.setLang(I.lang === "ar" ? "en" : "ar");
      $("#lang").textContent = t("lang_other");
      refreshMenus(); drawLegend(); drawAll();
      if (api.mapLayers) api.mapLayers.drawLabels();
      if (state.detail && !$("#panel").hidden && state.panel) drawEvent(state.detail);
      writeUrl(filterParams());
    });
  }

  // On a narrow screen the filters fold behind one button; applying them folds them again.
  function foldFilters() {
    document.body.classList.remove("filters-open");
    $("#filters-toggle").setAttribute("aria-expanded", "false");
  }

  async function start() {
    I.setLang(I.initial());
    $("#lang").textContent = t("lang_other");
    bind();
    api.timeline = window.rasdTimeline.create($("#timeline"), $("#deaths"), (from, to) => {
      $("#f-from").value = from; $("#f-to").value = to; state.offset = 0; state.fit = true; refresh();
    }, COLORS, (x) => I.typeName(x));
    try {
      [state.config, state.facets] = await Promise.all([getJSON("/api/config"), getJSON("/api/facets")]);
    } catch (err) {
      $("#summary").textContent = t("error", { m: err.message });
    }
    if (!(state.config.levels || []).includes("canonical")) $("#f-level").querySelector("option[value=canonical]").remove();
    refreshMenus();
    readUrl();
    refreshMenus();
    initMap();
    drawLegend();
    await refresh();
  }

  api.openEvent = openEvent;
  api.drawEvent = drawEvent;
  api.openDocument = openDocument;
  start();
})();
