/* storymap's reader logic with no Leaflet and no DOM: what each step shows, keys, deep links.
 *
 * Shared by the app's component and the single-file export (in the browser it is
 * window.StoryCore), and tested with Node's own test runner (tests/js/). Everything
 * here is a pure function of the map payload built by storymap/payload.py.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.StoryCore = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  /** Keys that move the reader one step, in either direction. */
  const KEY_MOVES = Object.freeze({
    ArrowRight: 1, ArrowDown: 1, PageDown: 1, ArrowLeft: -1, ArrowUp: -1, PageUp: -1,
  });

  function clampStep(step, lastStep) {
    const n = Math.round(Number(step));
    if (!Number.isFinite(n)) return 0;
    return Math.max(0, Math.min(lastStep, n));
  }

  /**
   * The step a key leads to, or null when the key does not move the reader.
   * A presentation clicker sends PageUp/PageDown; Home/End jump to the overviews.
   */
  function keyTarget(key, step, lastStep) {
    if (Object.prototype.hasOwnProperty.call(KEY_MOVES, key)) return clampStep(step + KEY_MOVES[key], lastStep);
    if (key === "Home") return 0;
    if (key === "End") return lastStep;
    return null;
  }

  /** Largest index i with sorted[i][0] <= step in a list of [step, event] pairs, or -1. */
  function lastAtOrBefore(sorted, step) {
    let lo = 0, hi = sorted.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid][0] <= step) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }

  /** Per place, the (step, event) pairs that touch it in step order; the events with routes. */
  function buildIndex(map) {
    const placeSteps = map.places.map(() => []);
    const routeEvents = [];
    map.events.forEach((event, i) => {
      const touched = new Set(event.places);
      if (event.route) {
        touched.add(event.route.from);
        touched.add(event.route.to);
        (event.route.via || []).forEach((p) => touched.add(p));
        routeEvents.push(i);
      }
      touched.forEach((p) => placeSteps[p].push([event.step, i]));
    });
    placeSteps.forEach((list) => list.sort((a, b) => a[0] - b[0] || a[1] - b[1]));
    return { placeSteps, routeEvents, lastStep: map.steps.length - 1 };
  }

  /**
   * How each place shows at a step: "overview" (first step: every place, neutral),
   * "current" (an event of this step is there), "past" (an earlier event was there) or
   * "hidden" (nothing yet). `event` is the event whose colour and date it shows.
   */
  function placeStates(map, index, step) {
    const current = new Set(map.steps[step].events);
    return index.placeSteps.map((list) => {
      if (step === 0) return { state: "overview", event: null };
      const at = lastAtOrBefore(list, step);
      if (at < 0) return { state: "hidden", event: null };
      let pick = list[at];
      for (let k = at; k >= 0 && list[k][0] === step; k--) if (current.has(list[k][1])) pick = list[k];
      return { state: current.has(pick[1]) ? "current" : "past", event: pick[1] };
    });
  }

  /** How each route shows at a step: a map from event index to "current", "past" or "hidden". */
  function routeStates(map, index, step) {
    const current = new Set(map.steps[step].events);
    const states = {};
    index.routeEvents.forEach((i) => {
      const event = map.events[i];
      states[i] = step === 0 || event.step > step ? "hidden" : current.has(i) ? "current" : "past";
    });
    return states;
  }

  /** The latest event at a place up to a step (for its tooltip), or null. */
  function latestEventAt(index, place, step) {
    const list = index.placeSteps[place];
    const at = lastAtOrBefore(list, step);
    return at >= 0 ? list[at][1] : null;
  }

  /** ``lng`` moved by whole turns of 360° to the copy of the world nearest ``center``. */
  function nearestCopy(lng, center) {
    return lng + 360 * Math.round((center - lng) / 360);
  }

  /**
   * The points a step's view should fit: its events' places and routes; none for an
   * overview. A route is drawn with continuous longitudes (across ±180° it goes past 180),
   * so the step's places are moved to the copy of the world its first route is in.
   */
  function focusPoints(map, step) {
    const events = map.steps[step].events.map((i) => map.events[i]);
    const routed = events.find((event) => event.route);
    const lngs = routed ? routed.route.latlngs.map((ll) => ll[1]) : [];
    const center = lngs.length ? (Math.min(...lngs) + Math.max(...lngs)) / 2 : null;
    const points = [];
    events.forEach((event) => {
      event.places.forEach((p) => {
        const [lat, lng] = map.places[p].latlng;
        points.push([lat, center === null ? lng : nearestCopy(lng, center)]);
      });
      if (event.route) event.route.latlngs.forEach((ll) => points.push(ll));
    });
    return points;
  }

  /** The middle longitude of a step's view, or null for an overview (nothing to follow). */
  function focusCenter(points) {
    if (!points.length) return null;
    const lngs = points.map((p) => p[1]);
    return (Math.min(...lngs) + Math.max(...lngs)) / 2;
  }

  /** The step showing an event id; 0 (the overview) for an unknown or missing id. */
  function stepForEvent(map, eventId) {
    if (typeof eventId !== "string") return 0;
    const event = map.events.find((e) => e.id === eventId);
    return event ? event.step : 0;
  }

  /** The event a step is linked by: its first event's id, or null for an overview. */
  function eventForStep(map, step) {
    const events = map.steps[step] ? map.steps[step].events : [];
    return events.length ? map.events[events[0]].id : null;
  }

  function params(query) {
    const text = String(query || "").replace(/^[?#]/, "");
    const found = {};
    text.split("&").forEach((pair) => {
      if (!pair) return;
      const at = pair.indexOf("=");
      const key = decodeURIComponent((at < 0 ? pair : pair.slice(0, at)).replace(/\+/g, " "));
      let value = "";
      try { value = at < 0 ? "" : decodeURIComponent(pair.slice(at + 1).replace(/\+/g, " ")); } catch (err) { value = ""; }
      if (!(key in found)) found[key] = value;
    });
    return found;
  }

  /** A deep link ("?event=kremlin-meeting&lang=en" or "#…") to a step and a language. */
  function parseLink(query, map) {
    const found = params(query);
    const lang = map.languages.includes(found.lang) ? found.lang : map.default_language;
    return { step: stepForEvent(map, found.event), lang: lang, notes: found.notes === "1" };
  }

  /** The deep link of a step and language: "event=kremlin-meeting&lang=en". */
  function linkFor(map, step, lang) {
    const event = eventForStep(map, step);
    const parts = [];
    if (event) parts.push("event=" + encodeURIComponent(event));
    parts.push("lang=" + encodeURIComponent(lang));
    return parts.join("&");
  }

  /**
   * Which boxes get a label, most important first, skipping any that would overlap one
   * already placed. Boxes are {x, y, w, h} in screen pixels; returns the kept indices.
   */
  function placeLabels(boxes) {
    const kept = [];
    const placed = [];
    boxes.forEach((box, i) => {
      const clash = placed.some((b) => box.x < b.x + b.w && b.x < box.x + box.w && box.y < b.y + b.h && b.y < box.y + box.h);
      if (!clash) { kept.push(i); placed.push(box); }
    });
    return kept;
  }

  /**
   * The timeline's year labels: a step gets its year when the year changes and the label
   * does not run into the previous one. `years[i]` is the step's year ("" for overviews),
   * `x(i)` its position; labels are about `charWidth` px per character, centred.
   */
  function yearLabels(years, x, charWidth, gap) {
    const shown = [];
    let lastRight = -Infinity, lastYear = null;
    years.forEach((year, i) => {
      if (!year) return;
      const half = (year.length * charWidth) / 2;
      if (year !== lastYear && x(i) - half >= lastRight + gap) {
        shown.push(i);
        lastRight = x(i) + half;
      }
      lastYear = year;
    });
    return shown;
  }

  return {
    KEY_MOVES, clampStep, keyTarget, lastAtOrBefore, buildIndex, placeStates, routeStates,
    latestEventAt, nearestCopy, focusPoints, focusCenter, stepForEvent, eventForStep, parseLink, linkFor, placeLabels, yearLabels,
  };
});
