/* core.js, the reader's pure logic: run with `node --test tests/js/` (make test does). */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const Core = require("../../storymap/web/core.js");
const fixture = require("./fixture.js");

test("the key map: arrows, PageUp/PageDown (a clicker), Home/End", () => {
  const last = 5;
  assert.equal(Core.keyTarget("ArrowRight", 2, last), 3);
  assert.equal(Core.keyTarget("ArrowDown", 2, last), 3);
  assert.equal(Core.keyTarget("PageDown", 2, last), 3);
  assert.equal(Core.keyTarget("ArrowLeft", 2, last), 1);
  assert.equal(Core.keyTarget("ArrowUp", 2, last), 1);
  assert.equal(Core.keyTarget("PageUp", 2, last), 1);
  assert.equal(Core.keyTarget("Home", 3, last), 0);
  assert.equal(Core.keyTarget("End", 3, last), last);
  assert.equal(Core.keyTarget("a", 3, last), null);
  assert.equal(Core.keyTarget("Enter", 3, last), null);
});

test("keys at the ends stay at the ends", () => {
  assert.equal(Core.keyTarget("ArrowLeft", 0, 5), 0);
  assert.equal(Core.keyTarget("PageUp", 0, 5), 0);
  assert.equal(Core.keyTarget("ArrowRight", 5, 5), 5);
  assert.equal(Core.keyTarget("PageDown", 5, 5), 5);
});

test("clampStep keeps any value inside the story", () => {
  assert.equal(Core.clampStep(-3, 5), 0);
  assert.equal(Core.clampStep(99, 5), 5);
  assert.equal(Core.clampStep(2.6, 5), 3);
  assert.equal(Core.clampStep("4", 5), 4);
  assert.equal(Core.clampStep("x", 5), 0);
  assert.equal(Core.clampStep(NaN, 5), 0);
});

test("deep link to step: a known event, its language", () => {
  const map = fixture();
  const base = { notes: false, present: false, speaker: false, channel: "" };
  assert.deepEqual(Core.parseLink("?event=kremlin&lang=en", map), { ...base, step: 4, event: "kremlin", lang: "en" });
  assert.deepEqual(Core.parseLink("#event=minsk-talks&lang=id&notes=1", map),
    { ...base, step: 2, event: "minsk-talks", lang: "id", notes: true });
  assert.equal(Core.parseLink("event=kursk", map).step, 2);
});

test("deep link: the closing overview is step=end; an event wins over it", () => {
  const map = fixture();
  assert.equal(Core.parseLink("?step=end&lang=en", map).step, 5);
  assert.equal(Core.parseLink("#step=end", map).event, null);
  assert.equal(Core.parseLink("?step=end&event=kursk", map).step, 2);
  assert.equal(Core.parseLink("?step=3", map).step, 0);  // only "end" names a step
});

test("deep link: the presenter and the speaker view", () => {
  const map = fixture();
  assert.equal(Core.parseLink("#present", map).present, true);
  assert.equal(Core.parseLink("#present&event=kursk", map).step, 2);
  assert.equal(Core.parseLink("#event=kursk", map).present, false);
  const speaker = Core.parseLink("#speaker&channel=abc12&step=end", map);
  assert.deepEqual([speaker.speaker, speaker.channel, speaker.step], [true, "abc12", 5]);
});

test("deep link: an unknown event or language falls back to the first step and the story's language", () => {
  const map = fixture();
  const base = { notes: false, present: false, speaker: false, channel: "", event: null };
  assert.deepEqual(Core.parseLink("?event=nope&lang=fr", map), { ...base, step: 0, lang: "id" });
  assert.deepEqual(Core.parseLink("", map), { ...base, step: 0, lang: "id" });
  assert.equal(Core.parseLink("?event=%E0%A4%A&lang=en", map).step, 0);  // a broken escape
  assert.equal(Core.parseLink("?event=<script>&lang=en", map).step, 0);
  assert.equal(Core.parseLink("?event=__proto__", map).step, 0);
  assert.equal(Core.parseLink("?__proto__=1&constructor=2&toString", map).present, false);
});

test("step to deep link and back, for every step, the closing overview included", () => {
  const map = fixture();
  for (let step = 0; step < map.steps.length; step++) {
    for (const lang of map.languages) {
      const link = Core.linkFor(map, step, lang);
      const back = Core.parseLink(link, map);
      assert.equal(back.lang, lang);
      assert.equal(back.step, step, link);
    }
  }
  assert.equal(Core.linkFor(map, 2, "en"), "event=kursk&lang=en");
  assert.equal(Core.linkFor(map, 0, "id"), "lang=id");
  assert.equal(Core.linkFor(map, 5, "id"), "step=end&lang=id");
  // a presenter's second slide of step 2 names its own event; an unknown event is ignored
  assert.equal(Core.linkFor(map, 2, "en", "minsk-talks"), "event=minsk-talks&lang=en");
  assert.equal(Core.linkFor(map, 2, "en", "nope"), "event=kursk&lang=en");
  assert.equal(Core.parseLink(Core.linkFor(map, 2, "en", "minsk-talks"), map).event, "minsk-talks");
});

test("a story with no events: the closing overview is step 1", () => {
  const map = { languages: ["en"], default_language: "en", events: [], steps: [{ events: [] }, { events: [] }] };
  assert.equal(Core.linkFor(map, 1, "en"), "step=end&lang=en");
  assert.equal(Core.parseLink("step=end", map).step, 1);
});

test("clicker keys: moves, a black screen, the question, the speaker view", () => {
  assert.equal(Core.keyAction("PageDown"), "next");
  assert.equal(Core.keyAction("PageUp"), "prev");
  assert.equal(Core.keyAction("."), "blank");
  assert.equal(Core.keyAction("b"), "blank");
  assert.equal(Core.keyAction("B"), "blank");
  assert.equal(Core.keyAction("q"), "question");
  assert.equal(Core.keyAction("s"), "speaker");
  assert.equal(Core.keyAction("x"), null);
  assert.equal(Core.keyAction("constructor"), null);
  assert.deepEqual([...Core.MOVES].sort(), ["first", "last", "next", "prev"]);
});

test("slides: next and previous go through a step's pages, back into a step at its last page", () => {
  const last = 5;
  assert.deepEqual(Core.movePosition("next", { step: 2, page: 0 }, 2, last), { step: 2, page: 1 });
  assert.deepEqual(Core.movePosition("next", { step: 2, page: 1 }, 2, last), { step: 3, page: 0 });
  assert.deepEqual(Core.movePosition("prev", { step: 2, page: 1 }, 2, last), { step: 2, page: 0 });
  assert.deepEqual(Core.movePosition("prev", { step: 3, page: 0 }, 1, last), { step: 2, page: -1 });
  assert.deepEqual(Core.movePosition("next", { step: 5, page: 0 }, 1, last), { step: 5, page: 0 });
  assert.deepEqual(Core.movePosition("prev", { step: 0, page: 0 }, 1, last), { step: 0, page: 0 });
  assert.deepEqual(Core.movePosition("last", { step: 1, page: 1 }, 3, last), { step: 5, page: 0 });
  assert.deepEqual(Core.movePosition("first", { step: 4, page: 0 }, 1, last), { step: 0, page: 0 });
  assert.equal(Core.movePosition("blank", { step: 4, page: 0 }, 1, last), null);
  // walking forward from the start reaches every page of every step, then stays at the end
  const pages = [1, 1, 3, 1, 2, 1];
  let at = { step: 0, page: 0 };
  const seen = [];
  for (let k = 0; k < 12; k++) { seen.push(`${at.step}.${at.page}`); at = Core.movePosition("next", at, pages[at.step], last); }
  assert.deepEqual(seen, ["0.0", "1.0", "2.0", "2.1", "2.2", "3.0", "4.0", "4.1", "5.0", "5.0", "5.0", "5.0"]);
});

test("the first step shows every place as an overview and no route", () => {
  const map = fixture();
  const index = Core.buildIndex(map);
  assert.deepEqual(Core.placeStates(map, index, 0).map((p) => p.state), ["overview", "overview", "overview", "overview"]);
  assert.deepEqual(Core.routeStates(map, index, 0), { 1: "hidden", 3: "hidden" });
});

test("places are current, earlier or hidden as the story goes on", () => {
  const map = fixture();
  const index = Core.buildIndex(map);
  const states = (step) => Core.placeStates(map, index, step).map((p) => p.state);
  assert.deepEqual(states(1), ["current", "current", "hidden", "hidden"]);
  // two same-date events: both places current; Pyongyang, the route's start, is current too
  assert.deepEqual(states(2), ["past", "current", "current", "current"]);
  assert.deepEqual(states(3), ["current", "current", "past", "past"]);
  assert.deepEqual(states(4), ["current", "past", "past", "past"]);
  assert.deepEqual(states(5), ["past", "past", "past", "past"]);
});

test("a place shows the colour of its latest event, the current one winning on its own step", () => {
  const map = fixture();
  const index = Core.buildIndex(map);
  assert.equal(Core.placeStates(map, index, 2)[1].event, 1);  // Pyongyang: the route's event
  assert.equal(Core.placeStates(map, index, 4)[1].event, 3);  // Pyongyang: the flight, earlier
  assert.equal(Core.placeStates(map, index, 4)[0].event, 4);  // Moscow: the Kremlin, now
  assert.equal(Core.latestEventAt(index, 0, 3), 3);
  assert.equal(Core.latestEventAt(index, 2, 1), null);
});

test("routes appear with their event, then recede", () => {
  const map = fixture();
  const index = Core.buildIndex(map);
  assert.deepEqual(Core.routeStates(map, index, 1), { 1: "hidden", 3: "hidden" });
  assert.deepEqual(Core.routeStates(map, index, 2), { 1: "current", 3: "hidden" });
  assert.deepEqual(Core.routeStates(map, index, 3), { 1: "past", 3: "current" });
  assert.deepEqual(Core.routeStates(map, index, 5), { 1: "past", 3: "past" });
});

test("a route's waypoints count as its places", () => {
  const map = fixture();
  map.places.push({ id: "omsk", latlng: [55, 73.4], kind: "city", radius_km: 5 });
  map.events[3].route.via = [4];
  const index = Core.buildIndex(map);
  assert.equal(Core.placeStates(map, index, 3)[4].state, "current");
  assert.equal(Core.placeStates(map, index, 2)[4].state, "hidden");
});

test("the view fits a step's places and route; overviews fit nothing in particular", () => {
  const map = fixture();
  assert.deepEqual(Core.focusPoints(map, 0), []);
  assert.deepEqual(Core.focusPoints(map, 5), []);
  assert.deepEqual(Core.focusPoints(map, 4), [[55.75, 37.62]]);
  assert.equal(Core.focusPoints(map, 3).length, 2 + 3);
});

test("labels: the first (most important) wins, overlapping ones are dropped", () => {
  const boxes = [
    { x: 0, y: 0, w: 50, h: 10 },
    { x: 40, y: 5, w: 50, h: 10 },  // overlaps the first
    { x: 100, y: 0, w: 50, h: 10 },
    { x: 0, y: 10, w: 50, h: 10 },  // touches the first's edge: no overlap
  ];
  assert.deepEqual(Core.placeLabels(boxes), [0, 2, 3]);
  assert.deepEqual(Core.placeLabels([]), []);
});

test("tick labels never run together, and say each tick once", () => {
  const ticks = ["", "1519", "1519", "1520", "1521", "1522", ""];
  const tight = Core.tickLabels(ticks, (i) => i * 20, 7, 6);
  // "1519" is 28 px wide: at 20 px apart only every other year fits
  for (let k = 1; k < tight.length; k++) {
    const gap = tight[k].x - tight[k - 1].x;
    assert.ok(gap >= 28 + 6, `labels ${tight[k - 1].index} and ${tight[k].index} overlap`);
  }
  const roomy = Core.tickLabels(ticks, (i) => i * 100, 7, 6);
  assert.deepEqual(roomy.map((label) => label.index), [1, 3, 4, 5]);
});

test("tick labels stay inside the strip at both ends", () => {
  const ticks = ["", "1948", "2025", ""];
  const labels = Core.tickLabels(ticks, (i) => [0, 5, 95, 100][i], 10, 4, 100);  // 40 px labels
  assert.deepEqual(labels.map((label) => label.x), [20, 80]);  // moved in from 5 and 95
  assert.ok(labels[0].x - 20 >= 0 && labels[1].x + 20 <= 100);
});

test("the strip follows time: a gap's share of the free width, a minimum for every gap", () => {
  // five steps: overview, two close events, one far later, overview
  const timeline = { shares: [0, 0, 0.2, 0.8, 0], breaks: [] };
  const xs = Core.stripPositions(timeline, 500, 10, 12, 24);
  assert.equal(xs[0], 10);
  assert.ok(Math.abs(xs[4] - 490) < 1e-9, xs);
  const free = 480 - 4 * 12;
  assert.ok(Math.abs(xs[2] - xs[1] - (12 + 0.2 * free)) < 1e-9);
  assert.ok(Math.abs(xs[3] - xs[2] - (12 + 0.8 * free)) < 1e-9);
  for (let i = 1; i < xs.length; i++) assert.ok(xs[i] - xs[i - 1] >= 12 - 1e-9, `steps ${i - 1} and ${i} too close`);
});

test("a broken gap is drawn with a fixed width and a mark in its middle", () => {
  const timeline = { shares: [0, 0, 0, 0.5, 0.5, 0], breaks: [2] };
  const xs = Core.stripPositions(timeline, 600, 8, 12, 30);
  assert.ok(Math.abs(xs[2] - xs[1] - 42) < 1e-9, "12 px plus the 30 px break, no time");
  assert.deepEqual(Core.breakMarks(timeline, xs), [(xs[1] + xs[2]) / 2]);
  assert.ok(Math.abs(xs[5] - 592) < 1e-9);
});

test("more steps than room: the strip spaces them evenly, in order, inside the width", () => {
  const count = 5002;
  const shares = Array(count).fill(0);
  shares[3] = 1;
  const xs = Core.stripPositions({ shares, breaks: [10] }, 800, 8, 12, 24);
  assert.equal(xs.length, count);
  assert.ok(Math.abs(xs[count - 1] - 792) < 1e-6, xs[count - 1]);
  for (let i = 1; i < count; i++) assert.ok(xs[i] >= xs[i - 1]);
});

test("nothing dated: every gap gets the same width", () => {
  const xs = Core.stripPositions({ shares: [0, 0, 0, 0], breaks: [] }, 100, 10, 5, 20);
  assert.deepEqual(xs.map((x) => Math.round(x)), [10, 15, 20, 25]);
  assert.deepEqual(Core.stripPositions({ shares: [0], breaks: [] }, 100, 10, 5, 20), [50]);
});

test("a click on the strip picks the nearest step", () => {
  const xs = [10, 20, 60, 61, 200];
  assert.equal(Core.nearestStep(xs, 0), 0);
  assert.equal(Core.nearestStep(xs, 14), 0);
  assert.equal(Core.nearestStep(xs, 16), 1);
  assert.equal(Core.nearestStep(xs, 60.4), 2);
  assert.equal(Core.nearestStep(xs, 60.6), 3);
  assert.equal(Core.nearestStep(xs, 999), 4);
  assert.equal(Core.nearestStep([5], 100), 0);
});

test("a route across ±180° takes its places with it into its copy of the world", () => {
  // Strait of Magellan (-70) west across the Pacific to Guam (145): the line runs to -215.
  const map = {
    languages: ["en"], default_language: "en",
    places: [
      { id: "strait", latlng: [-52.5, -70], kind: "site", radius_km: 50 },
      { id: "guam", latlng: [13.4, 145], kind: "site", radius_km: 20 },
    ],
    events: [{ id: "pacific", category: "exploration", places: [0, 1], exact: false, step: 1,
      route: { mode: "sea", from: 0, to: 1, via: [], latlngs: [[-52.5, -70], [-20, -140], [13.4, -215]] } }],
    steps: [{ events: [] }, { events: [0] }, { events: [] }],
  };
  const points = Core.focusPoints(map, 1);
  const lngs = points.map((p) => p[1]);
  assert.ok(Math.max(...lngs) - Math.min(...lngs) < 180, `the view spans ${lngs}`);
  assert.deepEqual(points[1], [13.4, -215]);  // Guam, drawn where the route arrives
  const center = Core.focusCenter(points);
  assert.equal(Core.nearestCopy(145, center), -215);
  assert.equal(Core.nearestCopy(-70, center), -70);
  assert.equal(Core.focusCenter(Core.focusPoints(map, 0)), null);
});

test("nearestCopy moves by whole turns only", () => {
  assert.equal(Core.nearestCopy(10, 0), 10);
  assert.equal(Core.nearestCopy(170, -170), -190);
  assert.equal(Core.nearestCopy(-170, 170), 190);
  assert.equal(Core.nearestCopy(45, 400), 405);
});

test("a picture's address comes only from the page's own table: inline JPEG/PNG or a file beside it", () => {
  const pictures = {
    "harbour.jpg": "data:image/jpeg;base64,/9j/4AAQSkZJRg==",
    "map.png": "data/p12/3f2a9c1d.png",
    "svg.png": "data:image/svg+xml;base64,PHN2Zz4=",
    "far.jpg": "https://example.org/a.jpg",
    "script.jpg": "javascript:alert(1)",
    "up.jpg": "data/../../secret.jpg",
    "odd.jpg": 42,
  };
  assert.equal(Core.pictureSource(pictures, "harbour.jpg"), pictures["harbour.jpg"]);
  assert.equal(Core.pictureSource(pictures, "map.png"), "data/p12/3f2a9c1d.png");
  for (const key of ["svg.png", "far.jpg", "script.jpg", "up.jpg", "odd.jpg", "missing.jpg", "toString", "__proto__"]) {
    assert.equal(Core.pictureSource(pictures, key), null, key);
  }
  assert.equal(Core.pictureSource(undefined, "harbour.jpg"), null);
  assert.equal(Core.pictureSource(pictures, undefined), null);
});
