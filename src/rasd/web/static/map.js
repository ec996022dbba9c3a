// The map: land and sea, country and governorate outlines with labels, event markers.
// Works offline from the outlines the server ships; a tile server is optional (config).
"use strict";
(function () {
  const SEA = "#c9dbe6", LAND = "#f2efe6", CODED = "#ebe6d8";

  function escapeAttr(s) {
    return String(s || "").replace(/[&<>"']/g, (c) => "&#" + c.charCodeAt(0) + ";");
  }

  // Clusters are drawn in neutral slate, sized by count: colours belong to event types.
  function clusterIcon(cluster) {
    const n = cluster.getChildCount();
    const size = n < 10 ? 28 : n < 100 ? 34 : n < 1000 ? 42 : 50;
    const node = document.createElement("span");
    node.className = "cluster";
    node.textContent = String(n);
    node.style.width = node.style.height = node.style.lineHeight = size + "px";
    return L.divIcon({ html: node, className: "cluster-icon", iconSize: [size, size] });
  }

  function create(el, config, getJSON, lang) {
    const map = L.map(el, { maxZoom: 18, minZoom: 2, worldCopyJump: true }).setView([28, 38], 4);
    el.style.background = SEA;
    const tiled = Boolean(config.tiles);
    if (tiled) {
      L.tileLayer(config.tiles, { attribution: escapeAttr(config.attribution), maxZoom: 18 }).addTo(map);
    }
    const outlines = config.outlines || {};
    const labels = L.layerGroup();
    const labelData = [];
    const load = (name, style) => outlines[name] ? getJSON(outlines[name]).then((gj) => L.geoJSON(gj, style)) : Promise.resolve(null);
    // Drawn in order: land, governorates, country borders.
    const ready = Promise.all([
      load("world", { style: (f) => ({ color: "#9aa5ae", weight: 0.8, fillColor: f.properties.coded ? CODED : LAND, fillOpacity: tiled ? 0 : 1 }), interactive: false }),
      load("admin1", { style: { color: "#a7b0b8", weight: 0.7, fill: false }, interactive: false }),
      load("countries", { style: { color: "#56636f", weight: 1.2, fill: false }, interactive: false }),
      outlines.labels ? getJSON(outlines.labels) : null,
    ]).then(([world, admin1, countries, lab]) => {
      for (const layer of [world, admin1, countries]) if (layer) layer.addTo(map);
      if (world) world.bringToBack();
      for (const f of (lab && lab.features) || []) labelData.push(f);
      drawLabels();
    }).catch(() => {});

    function drawLabels() {
      labels.clearLayers();
      for (const f of labelData) {
        const [lon, lat] = f.geometry.coordinates;
        const p = f.properties;
        const text = lang() === "ar" && p.name_ar ? p.name_ar : p.name;
        if (!text) continue;
        const node = document.createElement("span");
        node.className = "gov-label";
        node.textContent = text;
        L.marker([lat, lon], { icon: L.divIcon({ html: node, className: "gov-icon", iconSize: null }), interactive: false, keyboard: false }).addTo(labels);
      }
    }
    // Governorate names from zoom 6, where they no longer overlap.
    const showLabels = () => { if (map.getZoom() >= 6) labels.addTo(map); else labels.remove(); };
    map.on("zoomend", showLabels);
    showLabels();

    const cluster = L.markerClusterGroup({ maxClusterRadius: 40, disableClusteringAtZoom: 11, chunkedLoading: true, iconCreateFunction: clusterIcon });
    map.addLayer(cluster);
    return { map, cluster, ready, drawLabels };
  }

  window.rasdMap = { create };
})();
