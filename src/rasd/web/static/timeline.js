// The timeline: events per day or week as SVG bars stacked by event type, deaths per
// period below on the same axis. The axis spans the filtered events; dragging across
// either strip zooms to that date range (the page filters by it and redraws).
"use strict";
(function () {
  const NS = "http://www.w3.org/2000/svg";
  const DAY = 86400000;

  function el(name, attrs) {
    const node = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    return node;
  }

  function iso(ms) { return new Date(ms).toISOString().slice(0, 10); }
  function ms(isoDate) { return Date.parse(isoDate + "T00:00:00Z"); }
  function clear(svg) { while (svg.firstChild) svg.removeChild(svg.firstChild); }

  function create(svg, deathsSvg, onBrush, colors, typeName) {
    const state = { buckets: [], step: 7 * DAY, lo: 0, hi: 1 };
    const H = 110, DH = 56, PAD = 18;

    function width(s) { return s.clientWidth || 600; }
    function x(t, s) { return PAD + (t - state.lo) / (state.hi - state.lo || 1) * (width(s) - 2 * PAD); }
    function tAt(px, s) { return state.lo + (px - PAD) / (width(s) - 2 * PAD) * (state.hi - state.lo); }

    function axis(s, h) {
      const ticks = Math.max(2, Math.min(6, Math.floor(width(s) / 110)));
      for (let i = 0; i <= ticks; i++) {
        const t = state.lo + (state.hi - state.lo) * i / ticks;
        const label = el("text", { x: x(t, s), y: h - 3, "text-anchor": i === 0 ? "start" : i === ticks ? "end" : "middle" });
        label.textContent = iso(t);
        s.appendChild(label);
      }
    }

    function draw() {
      clear(svg); clear(deathsSvg);
      svg.setAttribute("height", H);
      deathsSvg.setAttribute("height", DH);
      const { buckets } = state;
      if (!buckets.length) return;
      const plotH = H - 2 * PAD;
      const max = Math.max(...buckets.map((b) => b.events));
      for (const b of buckets) {
        const t = ms(b.start);
        const x0 = x(t, svg), w = Math.max(1, x(t + state.step, svg) - x0 - 1);
        let y = PAD + plotH;
        // Stacked in a fixed type order, so a type keeps its place from bar to bar.
        for (const type of Object.keys(colors)) {
          const n = (b.by_type || {})[type] || 0;
          if (!n) continue;
          const h = Math.max(1, n / max * plotH);
          y -= h;
          const bar = el("rect", { class: "tbar", x: x0, y, height: h, width: w, fill: colors[type], "data-type": type });
          const tip = el("title");
          tip.textContent = b.start + " · " + typeName(type) + ": " + n;
          bar.appendChild(tip);
          svg.appendChild(bar);
        }
      }
      axis(svg, H);
      const dmax = Math.max(1, ...buckets.map((b) => b.fatalities || 0));
      const dplot = DH - PAD - 4;
      for (const b of buckets) {
        if (!b.fatalities) continue;
        const t = ms(b.start);
        const h = Math.max(1, b.fatalities / dmax * dplot);
        const bar = el("rect", { class: "dbar", x: x(t, deathsSvg), y: 4 + dplot - h, height: h,
          width: Math.max(1, x(t + state.step, deathsSvg) - x(t, deathsSvg) - 1) });
        const tip = el("title");
        tip.textContent = b.start + ": " + b.fatalities;
        bar.appendChild(tip);
        deathsSvg.appendChild(bar);
      }
      const top = el("text", { x: PAD, y: 12, "text-anchor": "start", class: "max" });
      top.textContent = String(dmax);
      deathsSvg.appendChild(top);
    }

    function brushable(s, h) {
      let from = null, band = null;
      s.addEventListener("pointerdown", (e) => {
        from = e.offsetX;
        band = el("rect", { class: "brush", x: from, y: 0, width: 1, height: h() });
        s.appendChild(band);
        s.setPointerCapture(e.pointerId);
      });
      s.addEventListener("pointermove", (e) => {
        if (from === null || !band) return;
        band.setAttribute("x", Math.min(from, e.offsetX));
        band.setAttribute("width", Math.max(1, Math.abs(e.offsetX - from)));
      });
      s.addEventListener("pointerup", (e) => {
        if (from === null) return;
        const a = Math.min(from, e.offsetX), b = Math.max(from, e.offsetX);
        from = null;
        if (b - a < 3 || !state.buckets.length) { draw(); return; }
        const lo = iso(Math.max(state.lo, tAt(a, s)));
        const hi = iso(Math.max(tAt(a, s), Math.min(state.hi - DAY, tAt(b, s))));
        onBrush(lo, hi);
      });
    }
    brushable(svg, () => H);
    brushable(deathsSvg, () => DH);
    window.addEventListener("resize", draw);

    return {
      update(buckets, interval) {
        state.buckets = buckets;
        state.step = interval === "day" ? DAY : 7 * DAY;
        if (buckets.length) {
          state.lo = ms(buckets[0].start);
          state.hi = ms(buckets[buckets.length - 1].start) + state.step;
        }
        draw();
      },
      get range() { return state.buckets.length ? [iso(state.lo), iso(state.hi - DAY)] : null; },
      redraw: draw,
    };
  }

  window.rasdTimeline = { create };
})();
