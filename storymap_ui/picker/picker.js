/* A map to place a place by clicking: Streamlit component (v1, postMessage protocol).
 *
 * Args: {lat, lon, precision_km (the place's point, if any), country (ISO code to outline),
 * focus: [south, west, north, east] or null, tiles: {url, options} or null, hint (text)}.
 * Value sent on a click: {lat, lon, zoom, seq}. The Natural Earth outlines are drawn under
 * the tiles from this component's own folder, so the map works with no network at all.
 * Nothing from the story is turned into HTML here: the hint is set as text.
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

  function send(type, data) {
    window.parent.postMessage(Object.assign({ isStreamlitMessage: true, type: type }, data), "*");
  }

  function init() {
    map = L.map("map", { worldCopyJump: true, minZoom: 1 }).setView([20, 0], 2);
    map.createPane("outlines").style.zIndex = 150;
    if (args.tiles && args.tiles.url) L.tileLayer(args.tiles.url, args.tiles.options || {}).addTo(map);
    fetch("countries-110m.geojson").then((r) => r.json()).then((g) => { geojson = g; draw(); })
      .catch(() => { /* the tiles still work without the outlines */ });
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
    outlines = L.geoJSON(geojson, {
      pane: "outlines", interactive: false,
      style: { color: "#8a8f98", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 },
    }).addTo(map);
    const mine = geojson.features.filter((f) => f.properties.iso_a2 === args.country);
    own = L.geoJSON({ type: "FeatureCollection", features: mine }, {
      interactive: false, style: { color: "#0072B2", weight: 2, fill: false },
    }).addTo(map);
    frame(mine);
    window.placePickerReady = true;  // outlines drawn, view set: for tests
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
