/* A map to place a place by clicking: Streamlit component (v1, postMessage protocol).
 *
 * Args: {lat, lon, precision_km (the place's point, if any), country (ISO code to outline),
 * focus: [south, west, north, east] or null, tiles: {url, options} or null, hint (text)}.
 * Value sent on a click: {lat, lon, zoom, seq}. The Natural Earth outlines are drawn under
 * the tiles from this component's own folder, so the map works with no network at all:
 * the 1:110m countries, and from zoom 5 the 1:10m land, lakes, rivers, borders and
 * provinces of the cells in view (picker-map.js). Nothing from the story is turned into
 * HTML here: the hint is set as text.
 */
(function () {
  "use strict";
  let map = null;
  let outlines = null;
  let own = null;
  let marker = null;
  let circle = null;
  let args = {};
  let seq = 0;
  let geojson = null;
  let fitted = null;
  let detail = null;  // picker-10m.json, once fetched
  let detailGroup = null;
  const drawn = new Map();  // "west,south|shift" -> the cell's layers
  const OUTLINE_STYLE = { color: "#8a8f98", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1, opacity: 1 };
  const LAND = "#f4f1ea", WATER = "#c9dbe6", SHORE = "#6f8ba0";

  function send(type, data) {
    window.parent.postMessage(Object.assign({ isStreamlitMessage: true, type: type }, data), "*");
  }

  function init() {
    map = L.map("map", { worldCopyJump: true, minZoom: 1 }).setView([20, 0], 2);
    map.createPane("outlines").style.zIndex = 150;
    map.createPane("detail").style.zIndex = 160;
    detailGroup = L.layerGroup().addTo(map);
    if (args.tiles && args.tiles.url) L.tileLayer(args.tiles.url, args.tiles.options || {}).addTo(map);
    fetch("countries-110m.geojson").then((r) => r.json()).then((g) => { geojson = g; draw(); })
      .catch(() => { /* the tiles still work without the outlines */ });
    fetch("picker-10m.json").then((r) => r.json()).then((d) => { detail = d; showDetail(); })
      .catch(() => { /* the 1:110m outlines still work without it */ });
    map.on("moveend", showDetail);
    map.on("click", (event) => {
      const point = event.latlng.wrap();
      show(point.lat, point.lng, null);
      seq += 1;
      send("streamlit:setComponentValue", {
        value: { lat: point.lat, lon: point.lng, zoom: map.getZoom(), seq: seq }, dataType: "json",
      });
    });
    window.placePicker = map;  // for tests
  }

  function draw() {
    if (!geojson) return;
    if (outlines) outlines.remove();
    if (own) own.remove();
    outlines = L.geoJSON(geojson, { pane: "outlines", interactive: false, style: OUTLINE_STYLE }).addTo(map);
    const mine = geojson.features.filter((f) => f.properties.iso_a2 === args.country);
    own = L.geoJSON({ type: "FeatureCollection", features: mine }, {
      interactive: false, style: { color: "#0072B2", weight: 2, fill: false },
    }).addTo(map);
    frame(mine);
    showDetail();
    window.placePickerReady = true;  // outlines drawn, view set: for tests
  }

  /** From zoom 5, the 1:10m cells in view instead of the 1:110m outlines' fill. */
  function showDetail() {
    if (!map || !detailGroup) return;
    const on = Boolean(detail) && map.getZoom() >= PickerMap.DETAIL_ZOOM;
    if (outlines) outlines.setStyle(on ? { fillOpacity: 0, opacity: 0 } : OUTLINE_STYLE);
    const bounds = map.getBounds().pad(0.25);
    const wanted = on ? PickerMap.cellsInView(bounds.getSouth(), bounds.getWest(), bounds.getNorth(),
      bounds.getEast(), detail.cell).filter((c) => detail.cells[c.key]) : [];
    const keys = new Set(wanted.map((c) => `${c.key}|${c.shift}`));
    for (const [key, layer] of drawn) {
      if (!keys.has(key)) { detailGroup.removeLayer(layer); drawn.delete(key); }
    }
    for (const c of wanted) {
      const key = `${c.key}|${c.shift}`;
      if (!drawn.has(key)) { const layer = cellLayer(c.key, c.shift); detailGroup.addLayer(layer); drawn.set(key, layer); }
    }
    map.getContainer().dataset.detailCells = [...drawn.keys()].join(" ");  // for tests
  }

  function cellLayer(key, shift) {
    const [west, south] = key.split(",").map(Number);
    const cell = PickerMap.decodeCell(detail.cells[key], detail.scale, shift);
    const base = { pane: "detail", interactive: false };
    const shores = (polygons) => polygons.flatMap((rings) => rings.flatMap(
      (ring) => PickerMap.shoreParts(ring, west + shift, south, detail.cell)));
    const layers = [
      L.polygon(cell.land, { ...base, stroke: false, fillColor: LAND, fillOpacity: 1 }),
      L.polygon(cell.lakes, { ...base, stroke: false, fillColor: WATER, fillOpacity: 1 }),
      L.polyline(shores(cell.land).concat(shores(cell.lakes)), { ...base, color: SHORE, weight: 1 }),
      L.polyline(cell.rivers, { ...base, color: "#7ea6c4", weight: 1.2 }),
      L.polyline(cell.admin1, { ...base, color: "#a39a8c", weight: 0.8, dashArray: "3 3" }),
      L.polyline(cell.borders, { ...base, color: "#5f6570", weight: 1.4, dashArray: "6 3" }),
    ];
    return L.layerGroup(layers.filter((layer) => layer.getLatLngs().length));
  }

  function frame(mine) {
    const key = [args.lat, args.lon, args.country].join("|");
    if (fitted === key) return;  // move the view only when the place or its country changes
    const first = fitted === null;
    fitted = key;
    if (args.lat !== null && args.lat !== undefined && isFinite(args.lat) && isFinite(args.lon)) {
      if (first || !map.getBounds().contains([args.lat, args.lon])) map.setView([args.lat, args.lon], Math.max(map.getZoom(), 5), { animate: false });
    } else if (mine.length) {
      // no animation: a map below the fold gets no animation frames, and Leaflet would wait
      // for the end of the zoom before taking the author's own zoom
      const bounds = L.geoJSON({ type: "FeatureCollection", features: mine }).getBounds();
      map.fitBounds(bounds, { maxZoom: 6, animate: false });
    }
  }

  function show(lat, lon, km) {
    if (marker) marker.remove();
    if (circle) circle.remove();
    marker = L.circleMarker([lat, lon], { radius: 6, color: "#D55E00", fillOpacity: 0.9 }).addTo(map);
    if (km) circle = L.circle([lat, lon], { radius: km * 1000, color: "#D55E00", weight: 1, fillOpacity: 0.08 }).addTo(map);
  }

  function render(newArgs) {
    args = newArgs || {};
    if (!map) init();
    document.getElementById("hint").textContent = args.hint || "";
    if (args.lat !== null && args.lat !== undefined && isFinite(args.lat) && isFinite(args.lon)) {
      show(args.lat, args.lon, args.precision_km);
    }
    draw();
    send("streamlit:setFrameHeight", { height: document.body.scrollHeight });
  }

  window.addEventListener("message", (event) => {
    if (event.data && event.data.type === "streamlit:render") render(event.data.args);
  });
  send("streamlit:componentReady", { apiVersion: 1 });
})();
