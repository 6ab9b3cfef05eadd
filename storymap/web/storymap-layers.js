/* The story's layers on a Leaflet map: base maps, places, routes, labels, the view.
 *
 * StoryLayers draws the located story once and then only restyles what a step changes
 * (the states come from StoryCore). Story text is only ever set as text, never as HTML:
 * Leaflet's tooltips and labels get DOM nodes (textNode), never strings.
 * Exposed as window.StoryLayers; used by reader.js in the app and in every export.
 */
(function () {
  "use strict";
  const Core = window.StoryCore;
  const reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  /** Story text for Leaflet: a node, which Leaflet inserts as it is (a string would be parsed as HTML). */
  function textNode(tag, text) {
    const node = document.createElement(tag);
    node.textContent = text;
    return node;
  }

  class StoryLayers {
    constructor(container, map, options) {
      this.data = map;
      this.index = Core.buildIndex(map);
      this.scale = options.scale || 1;
      this.text = null;
      this.step = -1;
      const leaflet = L.map(container, { preferCanvas: true, zoomSnap: 0.25, minZoom: 1, worldCopyJump: false });
      this.map = leaflet;
      leaflet.createPane("offline-base").style.zIndex = 150;
      leaflet.createPane("story-areas").style.zIndex = 350;  // under the routes and places
      this.renderer = L.canvas({ padding: 0.3 });
      this.bases = {};
      Object.entries(map.tiles).forEach(([name, tiles]) => {
        this.bases[name] = tiles.url ? L.tileLayer(tiles.url, tiles.options) : L.layerGroup();
      });
      // The base map comes just after the story's first frame: its tiles are images from the
      // network anyway, and laying them out first (about 13 ms at a long story's first view)
      // would hold back the places and the words. Not if a base was chosen meanwhile.
      const base = this.bases[options.tiles] || this.bases.offline || Object.values(this.bases)[0];
      const chosen = () => Object.values(this.bases).some((layer) => leaflet.hasLayer(layer));
      requestAnimationFrame(() => setTimeout(() => { if (!chosen()) base.addTo(leaflet); }));
      this.switcher = L.control.layers({}, {}, { position: "topright" }).addTo(leaflet);
      if (options.countries) this._drawCountries(options.countries);
      else if (options.countriesUrl) {
        fetch(options.countriesUrl).then((r) => r.json()).then((g) => this._drawCountries(g))
          .catch(() => { /* the tiles still work without the offline outlines */ });
      }
      this.markers = map.places.map((place, p) => {
        const marker = L.circleMarker(place.latlng, { renderer: this.renderer, radius: 6 });
        marker.bindTooltip(() => this._tooltip(p), { direction: "top", offset: [0, -6] });
        marker.state = "";
        return marker;
      });
      // A province, lake or sea with an outline is drawn as that area (SVG, in its own pane).
      const areaRenderer = L.svg({ pane: "story-areas" });
      this.areas = map.places.map((place) => place.outline
        ? L.geoJSON(place.outline, { pane: "story-areas", renderer: areaRenderer, interactive: false })
        : null);
      this.routes = new Map();
      this.circles = L.layerGroup().addTo(leaflet);
      this.labels = L.layerGroup().addTo(leaflet);
      leaflet.on("zoomend moveend", () => this._label());
    }

    /**
     * The offline outlines, in the world's copy and the copies either side of it: a story
     * across ±180° draws its places past 180° (Leaflet draws a vector layer only once).
     */
    _drawCountries(geojson) {
      const base = this.data.base_map;
      const style = { color: base.border, weight: 0.8, fillColor: base.land, fillOpacity: 1 };
      this.countriesLayer = L.layerGroup([-360, 0, 360].map((turn) => L.geoJSON(geojson, {
        pane: "offline-base", interactive: false, attribution: turn ? "" : "Natural Earth", style,
        coordsToLatLng: (c) => L.latLng(c[1], c[0] + turn),
      }))).addTo(this.map);
    }

    /** New words (a language switch): the layer switch, tooltips and labels follow. */
    setText(text) {
      this.text = text;
      Object.values(this.bases).forEach((layer) => this.switcher.removeLayer(layer));
      Object.entries(this.data.tiles).forEach(([name, tiles]) => {
        this.switcher.addBaseLayer(this.bases[name], text.ui[tiles.label] || name);
      });
      this.routes.forEach((line, i) => line.setTooltipContent(this._routeTip(i)));
      this._label();
    }

    colour(event) {
      return event === null ? this.data.base_map.neutral : this.data.colours[this.data.events[event].category];
    }

    /** Restyle only the places and routes whose state changes at this step. */
    show(step, animate) {
      this.step = step;
      const places = Core.placeStates(this.data, this.index, step);
      const focus = Core.focusPoints(this.data, step);
      const center = Core.focusCenter(focus);
      // The first view is set before anything is drawn on it: the map's layers are laid out
      // once, at the first step's view (not at the whole story's, then again at the step's).
      const first = !this.viewSet;
      if (first) { this._fit(focus, step, false); this.viewSet = true; }
      this.circles.clearLayers();
      let visible = 0;
      places.forEach(({ state, event }, p) => {
        const marker = this.markers[p];
        const key = state + ":" + event;
        if (state !== "hidden") {
          visible++;
          this._follow(marker, p, center);
        }
        const area = this.areas[p];
        if (key !== marker.state) {
          if (state === "hidden") {
            marker.remove();
            if (area) area.remove();
          } else {
            marker.setStyle(this._markerStyle(state, event, Boolean(area)));
            if (!this.map.hasLayer(marker)) marker.addTo(this.map);
            if (area) {
              area.setStyle(this._areaStyle(state, event));
              if (!this.map.hasLayer(area)) area.addTo(this.map);
            }
          }
          marker.state = key;
        }
        if (state === "current") {
          marker.bringToFront();
          const place = this.data.places[p];
          if (!area && place.kind !== "country" && place.radius_km >= 10) {
            // on the markers' own canvas: a canvas of its own would lie over them and take the mouse
            L.circle(marker.getLatLng(), { radius: place.radius_km * 1000, color: this.colour(event), weight: 1,
              dashArray: "4 4", fillOpacity: 0.08, interactive: false, renderer: this.renderer }).addTo(this.circles);
          }
        }
      });
      this.placeStates = places;
      const routes = Core.routeStates(this.data, this.index, step);
      Object.entries(routes).forEach(([key, state]) => this._showRoute(Number(key), state));
      this.visible = visible;
      this.labels.clearLayers();  // the new names come when the view settles (moveend)
      if (first) this._label();  // (the view is set already)
      else this._fit(focus, step, animate && !reducedMotion);
    }

    /** Draw a place in the copy of the world the step is in (a route across ±180°). */
    _follow(marker, p, center) {
      const [lat, lng] = this.data.places[p].latlng;
      const want = center === null ? lng : Core.nearestCopy(lng, center);
      if (marker.getLatLng().lng !== want) marker.setLatLng([lat, want]);
    }

    _showRoute(i, state) {
      let line = this.routes.get(i);
      if (state === "hidden") { if (line) line.remove(); return; }
      const event = this.data.events[i];
      if (!line) {
        line = L.polyline(event.route.latlngs, { renderer: this.renderer });
        line.bindTooltip(this._routeTip(i), { sticky: true });
        this.routes.set(i, line);
      }
      if (line.state !== state) {
        const current = state === "current";
        const style = this.data.route_styles[event.route.mode] || this.data.route_styles.other;
        line.setStyle({ color: this.colour(i), weight: style.width * (current ? 1.1 : 0.6) * this.scale,
          opacity: current ? 0.95 : 0.4, dashArray: style.dash, lineCap: style.cap });
        line.state = state;
      }
      if (!this.map.hasLayer(line)) line.addTo(this.map);
      if (state === "current") line.bringToFront();
    }

    /** An area's look: the event's colour, strong while current, faint once it is past. */
    _areaStyle(state, event) {
      const s = this.scale;
      const colour = state === "overview" ? this.data.base_map.neutral : this.colour(event);
      const current = state === "current";
      return { color: colour, weight: (current ? 2 : 1) * s, opacity: current ? 0.9 : 0.5,
        fillColor: colour, fillOpacity: current ? 0.2 : 0.07 };
    }

    /** A place's dot; a place drawn as its area keeps a small one, for its name and tooltip. */
    _markerStyle(state, event, area) {
      const style = this._dotStyle(state, event);
      return area ? { ...style, radius: Math.min(style.radius, 3 * this.scale) } : style;
    }

    _dotStyle(state, event) {
      const s = this.scale;
      if (state === "overview") {
        return { radius: 6 * s, color: "#fff", weight: 1.5 * s, fillColor: this.data.base_map.neutral,
          fillOpacity: 0.85, opacity: 1, dashArray: null };
      }
      const colour = this.colour(event);
      const exact = this.data.events[event].exact;
      if (state === "current") {
        return { radius: 10 * s, color: exact ? "#1d1d1f" : colour, weight: (exact ? 2 : 2.5) * s, fillColor: colour,
          fillOpacity: exact ? 0.95 : 0.45, opacity: 1, dashArray: exact ? null : "4 3" };
      }
      return { radius: 5 * s, color: colour, weight: s, fillColor: colour, fillOpacity: exact ? 0.35 : 0.15,
        opacity: 0.6, dashArray: exact ? null : "3 3" };
    }

    _tooltip(p) {
      const box = document.createElement("div");
      const title = document.createElement("div");
      title.className = "tip-title";
      title.textContent = this.text.places[p];
      box.append(title);
      const event = Core.latestEventAt(this.index, p, this.step);
      if (event !== null && this.step > 0) {
        const date = document.createElement("div");
        date.className = "tip-date";
        date.textContent = this.text.events[event].date;
        const what = document.createElement("div");
        what.textContent = this.text.events[event].title;
        box.append(date, what);
      }
      return box;
    }

    _routeTip(i) {
      const event = this.data.events[i];
      const names = [event.route.from, ...(event.route.via || []), event.route.to].map((p) => this.text.places[p]);
      const mode = this.text.ui["route_mode_" + event.route.mode] || event.route.mode;
      return textNode("div", `${names.join(" → ")} · ${mode} · ${this.text.events[i].km || ""}`);
    }

    /** Names beside the current places and, where they fit, the earlier ones. */
    _label() {
      if (!this.text || !this.placeStates) return;
      this.labels.clearLayers();
      const size = this.map.getSize();
      const candidates = [];
      this.placeStates.forEach(({ state }, p) => {
        if (state !== "current" && state !== "past") return;
        const point = this.map.latLngToContainerPoint(this.markers[p].getLatLng());
        if (point.x < 0 || point.y < 0 || point.x > size.x || point.y > size.y) return;
        const name = this.text.places[p];
        const w = name.length * 7 * this.scale + 10, h = 18 * this.scale;
        // near the right edge the name goes on the left, if there is more room there
        const right = point.x + 8 + w <= size.x || size.x - point.x >= point.x;
        const box = { x: right ? point.x + 8 : point.x - 8 - w, y: point.y - h / 2, w, h };
        candidates.push({ p, current: state === "current", right, box });
      });
      candidates.sort((a, b) => (b.current - a.current));
      const kept = Core.placeLabels(candidates.slice(0, 60).map((c) => c.box));
      kept.forEach((k) => {
        const c = candidates[k];
        L.tooltip({ permanent: true, direction: c.right ? "right" : "left", offset: [c.right ? 8 : -8, 0], interactive: false,
          className: "place-label" + (c.current ? " current" : "") })
          .setLatLng(this.markers[c.p].getLatLng()).setContent(textNode("span", this.text.places[c.p])).addTo(this.labels);
      });
    }

    _fit(points, step, animate) {
      const options = { animate, duration: 0.9, padding: [40, 40], maxZoom: 5 };
      if (!points.length) { this.map.flyToBounds(this.data.bounds, options); return; }
      const bounds = L.latLngBounds(points);
      if (bounds.getNorthEast().equals(bounds.getSouthWest())) {
        const place = this.data.places[this.data.events[this.data.steps[step].events[0]].places[0]];
        const zoom = place.radius_km > 500 ? 3 : place.radius_km > 5 ? 4 : 5;
        this.map.flyTo(bounds.getCenter(), zoom, { animate, duration: 0.9 });
      } else {
        this.map.flyToBounds(bounds, options);
      }
    }
  }

  window.StoryLayers = StoryLayers;
})();
