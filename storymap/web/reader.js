/* storymap reader: draws a located story once, then reveals it step by step in the browser.
 *
 * The payload (built by storymap.reader.reader_payload) arrives once; moving the slider
 * only restyles markers and routes that change, so a step costs milliseconds and no
 * server round trip. Story text is only ever put into the page as text (textContent),
 * never as HTML. Exposed as window.StoryReader; bridge.js connects it to Streamlit.
 */
(function () {
  "use strict";

  const NEUTRAL = "#5b6270";
  const TILES = {
    carto: {
      url: "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png",
      options: { subdomains: "abcd", maxZoom: 19,
        attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors &copy; <a href="https://carto.com/attributions">CARTO</a>' },
    },
    osm: {
      url: "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
      options: { maxZoom: 19,
        attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors' },
    },
  };
  const reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** Largest index i with steps[i] <= step in a sorted array, or -1. */
  function lastAtOrBefore(sorted, step) {
    let lo = 0, hi = sorted.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid][0] <= step) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }

  class StoryReader {
    constructor(root, payload, options) {
      this.root = root;
      this.data = payload;
      this.lang = options.lang || "id";
      this.scale = options.mode === "presenter" ? 1.6 : 1;
      if (options.mode) root.classList.add(options.mode);
      this.onStep = options.onStep || function () {};
      this.step = -1;
      this.playing = null;
      this.lastStep = payload.steps.length - 1;
      this.el = {
        map: root.querySelector("#map"), slider: root.querySelector("#slider"),
        strip: root.querySelector("#strip"), prev: root.querySelector("#prev"),
        next: root.querySelector("#next"), play: root.querySelector("#play"),
        date: root.querySelector("#date-label"), count: root.querySelector("#step-count"),
      };
      this._index();
      this._buildMap(options);
      this._buildControls();
      this.setLang(this.lang);
      this.goTo(options.step || 0, { fromUser: false, animate: false });
      root.dataset.state = "ready";
    }

    /** Per place: the (step, event) pairs that touch it, in step order. */
    _index() {
      const placeSteps = this.data.places.map(() => []);
      this.data.events.forEach((event, i) => {
        const touched = new Set(event.places);
        if (event.route) { touched.add(event.route.from); touched.add(event.route.to); }
        touched.forEach((p) => placeSteps[p].push([event.step, i]));
      });
      placeSteps.forEach((list) => list.sort((a, b) => a[0] - b[0] || a[1] - b[1]));
      this.placeSteps = placeSteps;
      this.routeEvents = [];
      this.data.events.forEach((event, i) => { if (event.route) this.routeEvents.push(i); });
    }

    _buildMap(options) {
      const map = L.map(this.el.map, { preferCanvas: true, worldCopyJump: false, zoomSnap: 0.25, minZoom: 1 });
      this.map = map;
      map.createPane("offline-base").style.zIndex = 150;
      this.renderer = L.canvas({ padding: 0.3 });
      this.bases = {
        carto: L.tileLayer(TILES.carto.url, TILES.carto.options),
        osm: L.tileLayer(TILES.osm.url, TILES.osm.options),
        offline: L.layerGroup(),
      };
      const chosen = this.bases[options.tiles] ? options.tiles : "carto";
      this.bases[chosen].addTo(map);
      this.layersControl = L.control.layers({}, {}, { position: "topright" }).addTo(map);
      if (options.countries) this._drawCountries(options.countries);
      else if (options.countriesUrl) this._loadCountries(options.countriesUrl);
      map.fitBounds(this.data.bounds, { padding: [30, 30] });
      this.markers = this.data.places.map((place, p) => {
        const marker = L.circleMarker(place.latlng, { renderer: this.renderer, radius: 6 });
        marker.bindTooltip(() => this._tooltip(p), { direction: "top", offset: [0, -6] });
        marker.state = "";
        return marker;
      });
      this.routes = new Map();
      this.circles = L.layerGroup().addTo(map);
      this.legend = L.control({ position: "bottomleft" });
      this.legend.onAdd = () => { this.legendNode = el("details", "legend"); this.legendNode.open = this.el.map.clientWidth > 620; L.DomEvent.disableClickPropagation(this.legendNode); return this.legendNode; };
      this.legend.addTo(map);
    }

    _loadCountries(url) {
      fetch(url).then((r) => r.json()).then((geojson) => this._drawCountries(geojson))
        .catch(() => { /* the tile layers still work without the offline outlines */ });
    }

    _drawCountries(geojson) {
      this.countriesLayer = L.geoJSON(geojson, {
        pane: "offline-base", interactive: false,
        style: { color: "#8c8c8c", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 },
        attribution: "Natural Earth",
      }).addTo(this.map);
    }

    _buildControls() {
      const s = this.el.slider;
      s.max = String(this.lastStep);
      s.addEventListener("input", () => this.goTo(Number(s.value), { fromUser: true }));
      this.el.prev.addEventListener("click", () => this.goTo(this.step - 1, { fromUser: true }));
      this.el.next.addEventListener("click", () => this.goTo(this.step + 1, { fromUser: true }));
      this.el.play.addEventListener("click", () => this.togglePlay());
      document.addEventListener("keydown", (ev) => {
        if (ev.target === s || ev.target.tagName === "BUTTON" && (ev.key === " " || ev.key === "Enter")) return;
        const moves = { ArrowRight: 1, ArrowDown: 1, PageDown: 1, ArrowLeft: -1, ArrowUp: -1, PageUp: -1 };
        if (ev.key in moves) { this.goTo(this.step + moves[ev.key], { fromUser: true }); ev.preventDefault(); }
        else if (ev.key === "Home") { this.goTo(0, { fromUser: true }); ev.preventDefault(); }
        else if (ev.key === "End") { this.goTo(this.lastStep, { fromUser: true }); ev.preventDefault(); }
      });
      this.el.strip.addEventListener("click", (ev) => {
        const box = this.el.strip.getBoundingClientRect();
        const ratio = (ev.clientX - box.left - this._thumb) / Math.max(1, box.width - 2 * this._thumb);
        this.goTo(Math.round(Math.min(1, Math.max(0, ratio)) * this.lastStep), { fromUser: true });
      });
      window.addEventListener("resize", () => this._drawStrip());
    }

    setLang(lang) {
      this.lang = lang;
      document.documentElement.lang = lang;
      const ui = this.data.ui;
      this.root.querySelectorAll("[data-ui]").forEach((node) => {
        const key = node.dataset.ui === "play" && this.playing ? "pause" : node.dataset.ui;
        node.setAttribute("aria-label", ui[key][lang]);
        node.title = ui[key][lang];
      });
      this.el.slider.setAttribute("aria-label", ui.slider_label[lang]);
      this.el.map.setAttribute("aria-label", this.data.story.title[lang]);
      this._drawLegend();
      this._drawBaseControl();
      this._drawStrip();
      this._label();
      this.routes.forEach((line, i) => line.setTooltipContent(this._routeTip(i)));
    }

    _drawBaseControl() {
      const ui = this.data.ui;
      Object.entries(this.bases).forEach(([key, layer]) => this.layersControl.removeLayer(layer));
      this.layersControl.addBaseLayer(this.bases.carto, ui.basemap_carto[this.lang]);
      this.layersControl.addBaseLayer(this.bases.osm, ui.basemap_osm[this.lang]);
      this.layersControl.addBaseLayer(this.bases.offline, ui.basemap_offline[this.lang]);
    }

    _drawLegend() {
      const node = this.legendNode;
      node.replaceChildren(el("summary", "", this.data.ui.legend[this.lang]));
      const used = new Set(this.data.events.map((e) => e.category));
      Object.entries(this.data.categories).forEach(([name, cat]) => {
        if (!used.has(name)) return;
        const row = el("div");
        const dot = el("span", "dot");
        dot.style.background = cat.colour;
        row.append(dot, document.createTextNode(cat.label[this.lang]));
        node.append(row);
      });
      const vague = el("div");
      const dot = el("span", "dot vague");
      vague.append(dot, document.createTextNode(this.data.ui.precision_note[this.lang]));
      node.append(vague);
    }

    _drawStrip() {
      const svg = this.el.strip;
      const width = svg.getBoundingClientRect().width || 600;
      this._thumb = 8;
      const x = (step) => this._thumb + (step / Math.max(1, this.lastStep)) * (width - 2 * this._thumb);
      const ns = "http://www.w3.org/2000/svg";
      const parts = document.createDocumentFragment();
      let lastLabelX = -Infinity, lastYear = null;
      this.data.events.forEach((event) => {
        const dot = document.createElementNS(ns, "circle");
        dot.setAttribute("cx", x(event.step).toFixed(1));
        dot.setAttribute("cy", "8");
        dot.setAttribute("r", this.data.events.length > 300 ? "1.5" : "5");
        dot.setAttribute("fill", event.exact ? this.data.categories[event.category].colour : "#fff");
        dot.setAttribute("stroke", this.data.categories[event.category].colour);
        dot.setAttribute("stroke-width", "1.5");
        parts.append(dot);
      });
      this.data.steps.forEach((step, i) => {
        if (!step.events.length) return;
        const year = this.data.events[step.events[0]].date.en.match(/\d{4}/);
        const label = year ? year[0] : "";
        if (label && label !== lastYear && x(i) - lastLabelX > 34) {
          const text = document.createElementNS(ns, "text");
          text.setAttribute("x", x(i).toFixed(1));
          text.setAttribute("y", "30");
          text.setAttribute("text-anchor", "middle");
          text.textContent = label;
          parts.append(text);
          lastLabelX = x(i);
        }
        lastYear = label || lastYear;
      });
      const cursor = document.createElementNS(ns, "line");
      cursor.setAttribute("y1", "0");
      cursor.setAttribute("y2", "18");
      cursor.setAttribute("stroke", "#1d1d1f");
      cursor.setAttribute("stroke-width", "2");
      this.stripCursor = cursor;
      this.stripX = x;
      parts.append(cursor);
      svg.replaceChildren(parts);
      this._moveCursor();
    }

    _moveCursor() {
      if (!this.stripCursor || this.step < 0) return;
      const cx = this.stripX(this.step).toFixed(1);
      this.stripCursor.setAttribute("x1", cx);
      this.stripCursor.setAttribute("x2", cx);
    }

    _tooltip(p) {
      const box = el("div");
      box.append(el("div", "tip-title", this.data.places[p].name[this.lang]));
      const list = this.placeSteps[p];
      const at = lastAtOrBefore(list, this._revealedUpTo());
      if (at >= 0) {
        const event = this.data.events[list[at][1]];
        box.append(el("div", "tip-date", event.date[this.lang]), el("div", "", event.title[this.lang]));
      }
      return box;
    }

    _routeTip(i) {
      const event = this.data.events[i];
      const from = this.data.places[event.route.from].name[this.lang];
      const to = this.data.places[event.route.to].name[this.lang];
      const mode = this.data.ui["route_mode_" + event.route.mode][this.lang];
      return `${from} → ${to} · ${mode} · ${event.route.km[this.lang]}`.replace(/[&<>"']/g,
        (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
    }

    _revealedUpTo() {
      return this.step === this.lastStep ? this.lastStep : this.step;
    }

    togglePlay() {
      if (this.playing) {
        clearInterval(this.playing);
        this.playing = null;
      } else {
        if (this.step >= this.lastStep) this.goTo(0, { fromUser: true });
        this.playing = setInterval(() => {
          if (this.step >= this.lastStep) { this.togglePlay(); return; }
          this.goTo(this.step + 1, { fromUser: true });
        }, 3500);
      }
      this.el.play.setAttribute("aria-pressed", String(Boolean(this.playing)));
      this.el.play.textContent = this.playing ? "❚❚" : "▶";
      const key = this.playing ? "pause" : "play";
      this.el.play.setAttribute("aria-label", this.data.ui[key][this.lang]);
      this.el.play.title = this.data.ui[key][this.lang];
    }

    goTo(step, opts) {
      const options = Object.assign({ fromUser: false, animate: !reducedMotion }, opts);
      const target = Math.max(0, Math.min(this.lastStep, Math.round(step)));
      if (target === this.step) return;
      this.step = target;
      this.el.slider.value = String(target);
      this._reveal();
      this._label();
      this._moveCursor();
      this._fly(options.animate);
      document.documentElement.dataset.step = String(target);
      if (options.fromUser) this.onStep(target, this.data.steps[target]);
    }

    _label() {
      if (this.step < 0) return;
      const label = this.data.steps[this.step].title[this.lang];
      this.el.date.textContent = label;
      this.el.slider.setAttribute("aria-valuetext", label);
      this.el.count.textContent = `${this.step + 1} / ${this.lastStep + 1}`;
      this.el.prev.disabled = this.step === 0;
      this.el.next.disabled = this.step === this.lastStep;
    }

    /** Restyle only the markers and routes whose state changes at this step. */
    _reveal() {
      const step = this.step;
      const overviewStart = step === 0;
      const current = new Set(this.data.steps[step].events);
      this.circles.clearLayers();
      let visible = 0;
      this.data.places.forEach((place, p) => {
        const marker = this.markers[p];
        let state = "hidden", event = null;
        if (overviewStart) {
          state = "overview";
        } else {
          const list = this.placeSteps[p];
          const at = lastAtOrBefore(list, step);
          if (at >= 0) {
            // the latest event at this place; a current one wins over an earlier one on the same step
            let pick = list[at];
            for (let k = at; k >= 0 && list[k][0] === step; k--) if (current.has(list[k][1])) pick = list[k];
            event = this.data.events[pick[1]];
            state = (current.has(pick[1]) ? "current" : "past") + ":" + pick[1];
          }
        }
        if (state !== "hidden") visible++;
        if (state !== marker.state) {
          if (state === "hidden") marker.remove();
          else { marker.setStyle(this._markerStyle(state, event)); if (!this.map.hasLayer(marker)) marker.addTo(this.map); }
          marker.state = state;
        }
        if (state.startsWith("current")) {
          marker.bringToFront();
          if (place.kind !== "country" && place.radius_km >= 10) {
            L.circle(place.latlng, { radius: place.radius_km * 1000, color: this._colour(event), weight: 1,
              dashArray: "4 4", fillOpacity: 0.08, interactive: false }).addTo(this.circles);
          }
        }
      });
      this.routeEvents.forEach((i) => {
        const event = this.data.events[i];
        const state = overviewStart || event.step > step ? "hidden" : (current.has(i) ? "current" : "past");
        let line = this.routes.get(i);
        if (state === "hidden") { if (line) line.remove(); return; }
        if (!line) {
          line = L.polyline(event.route.latlngs, { renderer: this.renderer });
          line.bindTooltip(this._routeTip(i), { sticky: true });
          this.routes.set(i, line);
        }
        if (line.state !== state) {
          line.setStyle(state === "current"
            ? { color: this._colour(event), weight: 4, opacity: 0.95, dashArray: event.route.mode === "flight" ? "10 8" : null }
            : { color: this._colour(event), weight: 2, opacity: 0.35, dashArray: event.route.mode === "flight" ? "6 6" : null });
          line.state = state;
        }
        if (!this.map.hasLayer(line)) line.addTo(this.map);
        if (state === "current") line.bringToFront();
      });
      this.root.dataset.visibleMarkers = String(visible);
      this.root.dataset.currentEvents = [...current].map((i) => this.data.events[i].id).join(" ");
    }

    _colour(event) {
      return event ? this.data.categories[event.category].colour : NEUTRAL;
    }

    _markerStyle(state, event) {
      const style = this._baseStyle(state, event);
      style.radius *= this.scale;
      style.weight *= this.scale;
      return style;
    }

    _baseStyle(state, event) {
      if (state === "overview") {
        return { radius: 6, color: "#fff", weight: 1.5, fillColor: NEUTRAL, fillOpacity: 0.85, opacity: 1, dashArray: null };
      }
      const colour = this._colour(event);
      const exact = event.exact;
      if (state.startsWith("current")) {
        return { radius: 10, color: exact ? "#1d1d1f" : colour, weight: exact ? 2 : 2.5, fillColor: colour,
          fillOpacity: exact ? 0.95 : 0.45, opacity: 1, dashArray: exact ? null : "4 3" };
      }
      return { radius: 5, color: colour, weight: 1, fillColor: colour, fillOpacity: exact ? 0.35 : 0.15,
        opacity: 0.6, dashArray: exact ? null : "3 3" };
    }

    _fly(animate) {
      const step = this.data.steps[this.step];
      const points = [];
      step.events.forEach((i) => {
        const event = this.data.events[i];
        event.places.forEach((p) => points.push(this.data.places[p].latlng));
        if (event.route) points.push(...event.route.latlngs);
      });
      const options = { animate, duration: 0.9, padding: [40, 40], maxZoom: 5 };
      if (!points.length) { this.map.flyToBounds(this.data.bounds, Object.assign({}, options, { maxZoom: 5 })); return; }
      const bounds = L.latLngBounds(points);
      if (bounds.getNorthEast().equals(bounds.getSouthWest())) {
        const place = this.data.places[this.data.events[step.events[0]].places[0]];
        const zoom = place.radius_km > 500 ? 3 : place.radius_km > 5 ? 4 : 5;
        this.map.flyTo(bounds.getCenter(), zoom, { animate, duration: 0.9 });
      } else {
        this.map.flyToBounds(bounds, options);
      }
    }
  }

  window.StoryReader = StoryReader;
})();
