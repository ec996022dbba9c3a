// The timeline: events per day or week as SVG bars; dragging across it selects a date range.
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

  function create(svg, onBrush) {
    const state = { buckets: [], step: 7 * DAY, lo: 0, hi: 1, selected: null };
    const H = 110, PAD = 18;

    function x(t) {
      const w = svg.clientWidth || 600;
      return PAD + (t - state.lo) / (state.hi - state.lo || 1) * (w - 2 * PAD);
    }
    function tAt(px) {
      const w = svg.clientWidth || 600;
      return state.lo + (px - PAD) / (w - 2 * PAD) * (state.hi - state.lo);
    }

    function draw() {
      while (svg.firstChild) svg.removeChild(svg.firstChild);
      svg.setAttribute("height", H);
      const { buckets } = state;
      if (!buckets.length) return;
      const max = Math.max(...buckets.map((b) => b.events));
      const plotH = H - 2 * PAD;
      if (state.selected) {
        const [a, b] = state.selected.map(ms);
        svg.appendChild(el("rect", { class: "sel", x: x(a), y: 0, height: H,
          width: Math.max(2, x(b + DAY) - x(a)) }));
      }
      for (const b of buckets) {
        const t = ms(b.start);
        const h = Math.max(1, b.events / max * plotH);
        const bar = el("rect", { class: "bar", x: x(t), y: PAD + plotH - h, height: h,
          width: Math.max(1, x(t + state.step) - x(t) - 1) });
        const tip = el("title");
        tip.textContent = b.start + ": " + b.events;
        bar.appendChild(tip);
        svg.appendChild(bar);
      }
      const ticks = 5;
      for (let i = 0; i <= ticks; i++) {
        const t = state.lo + (state.hi - state.lo) * i / ticks;
        const label = el("text", { x: x(t), y: H - 3, "text-anchor": i === 0 ? "start" : i === ticks ? "end" : "middle" });
        label.textContent = iso(t);
        svg.appendChild(label);
      }
    }

    let dragFrom = null;
    let band = null;
    svg.addEventListener("pointerdown", (e) => {
      dragFrom = e.offsetX;
      band = el("rect", { class: "brush", x: dragFrom, y: 0, width: 1, height: H });
      svg.appendChild(band);
      svg.setPointerCapture(e.pointerId);
    });
    svg.addEventListener("pointermove", (e) => {
      if (dragFrom === null || !band) return;
      band.setAttribute("x", Math.min(dragFrom, e.offsetX));
      band.setAttribute("width", Math.max(1, Math.abs(e.offsetX - dragFrom)));
    });
    svg.addEventListener("pointerup", (e) => {
      if (dragFrom === null) return;
      const a = Math.min(dragFrom, e.offsetX), b = Math.max(dragFrom, e.offsetX);
      dragFrom = null;
      if (b - a < 3 || !state.buckets.length) { draw(); return; }
      const from = iso(Math.max(state.lo, tAt(a)));
      const to = iso(Math.min(state.hi - DAY, tAt(b)));
      onBrush(from, to);
    });
    window.addEventListener("resize", draw);

    return {
      update(buckets, interval, selected) {
        state.buckets = buckets;
        state.step = interval === "day" ? DAY : 7 * DAY;
        state.selected = selected && selected[0] && selected[1] ? selected : null;
        if (buckets.length) {
          state.lo = ms(buckets[0].start);
          state.hi = ms(buckets[buckets.length - 1].start) + state.step;
        }
        draw();
      },
    };
  }

  window.rasdTimeline = { create };
})();
