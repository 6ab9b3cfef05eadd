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

  /**
   * What a key does. A presentation clicker sends PageUp/PageDown (some send the arrows),
   * "." or "b" for a black screen; Home/End jump to the overviews. "q" (or "?") shows the
   * discussion question and "s" opens the speaker view, as in reveal.js.
   */
  const KEY_ACTIONS = Object.freeze({
    ArrowRight: "next", ArrowDown: "next", PageDown: "next", ArrowLeft: "prev", ArrowUp: "prev", PageUp: "prev",
    Home: "first", End: "last", ".": "blank", b: "blank", B: "blank", q: "question", Q: "question", "?": "question",
    s: "speaker", S: "speaker",
  });
  /** The actions that move: the reader takes these; the presenter takes every action. */
  const MOVES = Object.freeze(["next", "prev", "first", "last"]);

  function keyAction(key) {
    return Object.prototype.hasOwnProperty.call(KEY_ACTIONS, key) ? KEY_ACTIONS[key] : null;
  }

  function clampStep(step, lastStep) {
    const n = Math.round(Number(step));
    if (!Number.isFinite(n)) return 0;
    return Math.max(0, Math.min(lastStep, n));
  }

  /** The step a key leads to in the reader (one step at a time), or null when it does not move. */
  function keyTarget(key, step, lastStep) {
    const to = movePosition(keyAction(key), { step: step, page: 0 }, 1, lastStep);
    return to === null ? null : to.step;
  }

  /**
   * Where a move leads from ``at`` ({step, page}) when the current step has ``pages`` slides
   * (1 in the reader). Stepping back into a step lands on its last slide: page -1, which the
   * presenter resolves once that step is laid out. At either end a move stays where it is.
   */
  function movePosition(action, at, pages, lastStep) {
    if (action === "first") return { step: 0, page: 0 };
    if (action === "last") return { step: lastStep, page: 0 };
    if (action === "next") {
      if (at.page < pages - 1) return { step: at.step, page: at.page + 1 };
      return at.step < lastStep ? { step: at.step + 1, page: 0 } : { step: at.step, page: at.page };
    }
    if (action === "prev") {
      if (at.page > 0) return { step: at.step, page: at.page - 1 };
      return at.step > 0 ? { step: at.step - 1, page: -1 } : { step: 0, page: 0 };
    }
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
    const event = knownEvent(map, eventId);
    return event ? event.step : 0;
  }

  function knownEvent(map, eventId) {
    if (typeof eventId !== "string") return null;
    return map.events.find((e) => e.id === eventId) || null;
  }

  /** The event a step is linked by: its first event's id, or null for an overview. */
  function eventForStep(map, step) {
    const events = map.steps[step] ? map.steps[step].events : [];
    return events.length ? map.events[events[0]].id : null;
  }

  /** The closing overview has no event: its link says "step=end" (the opening one says nothing). */
  const END = "end";

  function params(query) {
    const text = String(query || "").replace(/^[?#]/, "");
    const found = Object.create(null);
    text.split("&").forEach((pair) => {
      if (!pair) return;
      const at = pair.indexOf("=");
      let key = "", value = "";
      try {
        key = decodeURIComponent((at < 0 ? pair : pair.slice(0, at)).replace(/\+/g, " "));
        value = at < 0 ? "" : decodeURIComponent(pair.slice(at + 1).replace(/\+/g, " "));
      } catch (err) { return; }
      if (!(key in found)) found[key] = value;
    });
    return found;
  }

  /**
   * A deep link ("?event=kremlin-meeting&lang=en", "#step=end", "#present") to a step, the
   * event it names (a presenter opens the slide of that event), a language and the page's
   * modes: ``present`` (the presenter) and ``speaker`` (the speaker view, with its channel).
   */
  function parseLink(query, map) {
    const found = params(query);
    const lang = map.languages.includes(found.lang) ? found.lang : map.default_language;
    const event = knownEvent(map, found.event);
    const step = event ? event.step : found.step === END ? map.steps.length - 1 : 0;
    return {
      step: step, event: event ? event.id : null, lang: lang, notes: found.notes === "1",
      present: "present" in found, speaker: "speaker" in found, channel: found.channel || "",
    };
  }

  /**
   * The deep link of a step and language: "event=kremlin-meeting&lang=en", "step=end&lang=en"
   * for the closing overview. ``event`` names the event a presenter's slide shows (default:
   * the step's first).
   */
  function linkFor(map, step, lang, event) {
    const shown = knownEvent(map, event) ? event : eventForStep(map, step);
    const parts = [];
    if (shown) parts.push("event=" + encodeURIComponent(shown));
    else if (step > 0 && step === map.steps.length - 1) parts.push("step=" + END);
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
   * The timeline's labels: a step gets its tick (a year, a month or a day: the payload's
   * ``tick``) when the tick changes and the label does not run into the previous one.
   * `ticks[i]` is the step's tick ("" for overviews), `x(i)` its position; labels are about
   * `charWidth` px per character, centred under their step but kept inside `width`.
   * Returns [{index, x}] with the x each label is written at.
   */
  function tickLabels(ticks, x, charWidth, gap, width) {
    const shown = [];
    let lastRight = -Infinity, lastTick = null;
    ticks.forEach((tick, i) => {
      if (!tick) return;
      const half = (tick.length * charWidth) / 2;
      const at = Math.max(half, Math.min(width === undefined ? Infinity : width - half, x(i)));
      if (tick !== lastTick && at - half >= lastRight + gap) {
        shown.push({ index: i, x: at });
        lastRight = at + half;
      }
      lastTick = tick;
    });
    return shown;
  }

  /**
   * Where each step sits on the timeline strip, ``width`` px wide (the payload's
   * ``timeline``, shaped by storymap/timescale.py): every gap gets ``minGap`` px (so every
   * step stays clickable) plus ``breakGap`` where the axis is broken, and the rest of the
   * width follows time. With more steps than room, the gaps shrink evenly.
   */
  function stripPositions(timeline, width, pad, minGap, breakGap) {
    const shares = timeline.shares;
    const count = shares.length;
    if (count < 2) return shares.map(() => width / 2);
    const broken = new Set(timeline.breaks);
    const room = Math.max(0, width - 2 * pad);
    const fixed = (count - 1) * minGap + broken.size * breakGap;
    const shrink = fixed ? Math.min(1, room / fixed) : 1;
    const free = Math.max(0, room - fixed);
    const xs = [pad];
    for (let i = 1; i < count; i++) {
      xs.push(xs[i - 1] + shrink * (minGap + (broken.has(i) ? breakGap : 0)) + shares[i] * free);
    }
    return xs;
  }

  /** The middle of each broken gap: where the strip draws its break mark. */
  function breakMarks(timeline, xs) {
    return timeline.breaks.filter((i) => i > 0 && i < xs.length).map((i) => (xs[i - 1] + xs[i]) / 2);
  }

  /** The step nearest to ``x`` on the strip (``xs`` ascending). */
  function nearestStep(xs, x) {
    let lo = 0, hi = xs.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (xs[mid] <= x) lo = mid; else hi = mid;
    }
    return Math.abs(xs[hi] - x) < Math.abs(x - xs[lo]) ? hi : lo;
  }

  /** Every action a key or the speaker view may ask for. */
  const ACTIONS = Object.freeze(["next", "prev", "first", "last", "blank", "question", "speaker"]);

  /**
   * A speaker view's message to the presenter, checked: {type: "hello"} (send your state),
   * {type: "act", action} or {type: "go", step}; null for anything else.
   */
  function readCommand(message, lastStep) {
    if (!message || typeof message !== "object") return null;
    if (message.type === "hello") return { type: "hello" };
    if (message.type === "act" && ACTIONS.includes(message.action) && message.action !== "speaker") {
      return { type: "act", action: message.action };
    }
    if (message.type === "go" && Number.isInteger(message.step)) return { type: "go", step: clampStep(message.step, lastStep) };
    return null;
  }

  /**
   * The presenter's state as the speaker view reads it, checked against the story; null
   * when it is not a state message. ``next`` is where the clicker goes next: a slide of this
   * step (with its event) or the next step.
   */
  function readState(message, map) {
    if (!message || message.type !== "state") return null;
    const lastStep = map.steps.length - 1;
    if (!Number.isInteger(message.step) || message.step < 0 || message.step > lastStep) return null;
    const pages = Number.isInteger(message.pages) && message.pages > 0 ? message.pages : 1;
    const page = clampStep(Number.isInteger(message.page) ? message.page : 0, pages - 1);
    const known = (i) => (Number.isInteger(i) && i >= 0 && i < map.events.length ? i : null);
    const pageEvents = Array.isArray(message.pageEvents) ? message.pageEvents.slice(0, pages).map(known) : [];
    const to = movePosition("next", { step: message.step, page: page }, pages, lastStep);
    const next = to.step === message.step && to.page === page ? null
      : { step: to.step, event: to.step === message.step ? (pageEvents[to.page] ?? null) : null };
    return {
      step: message.step, page: page, pages: pages, pageEvents: pageEvents, next: next,
      lang: map.languages.includes(message.lang) ? message.lang : map.default_language,
      blank: message.blank === true, question: message.question === true,
    };
  }

  /**
   * The address of a picture kept with the story, from the page's own table (``pictures``:
   * the app's files, the single file's inline data), or null. Only a JPEG or PNG carried
   * inline, or a file beside the page (a relative path): never another site, never script.
   */
  function pictureSource(pictures, key) {
    if (!pictures || typeof key !== "string" || !Object.prototype.hasOwnProperty.call(pictures, key)) return null;
    const src = pictures[key];
    if (typeof src !== "string") return null;
    if (/^data:image\/(jpeg|png);base64,[A-Za-z0-9+/]+={0,2}$/.test(src)) return src;
    if (/^[A-Za-z0-9_-][A-Za-z0-9_./-]*$/.test(src) && !src.split("/").includes("..")) return src;
    return null;
  }

  return {
    ACTIONS, pictureSource, readCommand, readState, KEY_ACTIONS, MOVES, END, keyAction, clampStep, keyTarget, movePosition, lastAtOrBefore, buildIndex,
    placeStates, routeStates, latestEventAt, nearestCopy, focusPoints, focusCenter, stepForEvent, eventForStep,
    parseLink, linkFor, placeLabels, tickLabels, stripPositions, breakMarks, nearestStep,
  };
});
