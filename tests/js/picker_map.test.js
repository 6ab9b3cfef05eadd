/* picker-map.js, the place picker's 1:10m map: decoding, shores, cells in view. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const PickerMap = require("../../storymap_ui/picker/picker-map.js");

const DATA = path.join(__dirname, "..", "..", "geodata", "naturalearth", "picker-10m.json");

test("an encoded polyline decodes to its points (Google's own example, at 1e5)", () => {
  const points = PickerMap.decodePolyline("_p~iF~ps|U_ulLnnqC_mqNvxq`@", 1e5);
  assert.deepEqual(points, [[38.5, -120.2], [40.7, -120.95], [43.252, -126.453]]);
});

test("a shore leaves out the straight edges its cell cut, and keeps the rest", () => {
  // a square of land cut by the cell's east edge (lon 10) and south edge (lat 0)
  const ring = [[0, 5], [0, 10], [4, 10], [4, 8], [2, 7], [0, 5]];
  assert.deepEqual(PickerMap.shoreParts(ring, 0, 0, 10), [[[4, 10], [4, 8], [2, 7], [0, 5]]]);
  // a ring inside the cell is one shore, closed
  const island = [[3, 3], [3, 4], [4, 4], [3, 3]];
  assert.deepEqual(PickerMap.shoreParts(island, 0, 0, 10), [island]);
});

test("the cells in view, across the antimeridian too", () => {
  const keys = PickerMap.cellsInView(-5, 35, 5, 45, 10).map((c) => `${c.key}|${c.shift}`);
  assert.deepEqual(keys.sort(), ["30,-10|0", "30,0|0", "40,-10|0", "40,0|0"]);
  const pacific = PickerMap.cellsInView(10, 175, 12, 185, 10);
  assert.deepEqual(pacific.map((c) => [c.key, c.shift]), [["170,10", 0], ["-180,10", 360]]);
  assert.ok(PickerMap.cellsInView(-90, -1000, 90, 1000, 10).length <= 420);
});

test("the built file: Dar es Salaam's cell has land, a coast, lakes, rivers, borders and provinces", () => {
  const data = JSON.parse(fs.readFileSync(DATA, "utf8"));
  assert.equal(data.format, "storymap picker map 1");
  const cell = PickerMap.decodeCell(data.cells["30,-10"], data.scale, 0);
  for (const layer of ["land", "lakes", "rivers", "borders", "admin1"]) assert.ok(cell[layer].length > 0, layer);
  const points = cell.land.flat(2);
  assert.ok(points.every(([lat, lon]) => lat >= -10 && lat <= 0 && lon >= 30 && lon <= 40));
  // the coast passes within 2 km of Dar es Salaam's harbour mouth (-6.82, 39.30)
  const coast = cell.land.flatMap((rings) => rings.flatMap((r) => PickerMap.shoreParts(r, 30, -10, 10))).flat();
  const km = Math.min(...coast.map(([lat, lon]) => Math.hypot(lat + 6.82, (lon - 39.3) * Math.cos(6.82 * Math.PI / 180)) * 111.2));
  assert.ok(km < 2, `${km} km`);
});
