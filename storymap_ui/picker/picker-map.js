/* The place picker's offline map at 1:10m: land, lakes, rivers, borders and provinces.
 *
 * The data (picker-10m.json, built by scripts/build_picker_map.py) is cut into cells of
 * 10° and stored as Google's encoded polylines at 0.001°. Only the cells in view are decoded
 * and drawn, from zoom DETAIL_ZOOM on. The land and lakes are filled; their shores are drawn
 * from the same rings, leaving out the straight edges where a cell cut them.
 *
 * The pure parts (decoding, shores, which cells are in view) are tested with node --test
 * (tests/js/picker_map.test.js); in the browser this is window.PickerMap.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.PickerMap = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  const DETAIL_ZOOM = 5;

  /** [[lat, lon], …] of an encoded polyline (Google's algorithm) at 1/scale degrees. */
  function decodePolyline(text, scale) {
    const points = [];
    let lat = 0, lon = 0, index = 0;
    function next() {
      let value = 0, shift = 0, byte;
      do {
        byte = text.charCodeAt(index++) - 63;
        value |= (byte & 0x1f) << shift;
        shift += 5;
      } while (byte >= 0x20 && index < text.length);
      return value & 1 ? ~(value >> 1) : value >> 1;
    }
    while (index < text.length) {
      lat += next();
      if (index >= text.length) break;
      lon += next();
      points.push([lat / scale, lon / scale]);
    }
    return points;
  }

  /** A ring without the straight edges its cell cut: the shore, as polylines. */
  function shoreParts(ring, west, south, cell) {
    const parts = [];
    let current = ring.length ? [ring[0]] : [];
    const onEdge = (a, b) => (a[1] === b[1] && (a[1] === west || a[1] === west + cell))
      || (a[0] === b[0] && (a[0] === south || a[0] === south + cell));
    for (let i = 1; i < ring.length; i++) {
      if (onEdge(ring[i - 1], ring[i])) {
        if (current.length > 1) parts.push(current);
        current = [ring[i]];
      } else current.push(ring[i]);
    }
    if (current.length > 1) parts.push(current);
    return parts;
  }

  /**
   * The cells a view needs: {key: "west,south" of the stored cell, shift: degrees to add to
   * its longitudes (a view across the antimeridian shows copies of the world)}.
   */
  function cellsInView(south, west, north, east, cell) {
    const cells = [];
    const first = Math.floor(west / cell) * cell;
    for (let x = first; x < east; x += cell) {
      const wrapped = ((((x + 180) % 360) + 360) % 360) - 180;
      for (let y = Math.max(-90, Math.floor(south / cell) * cell); y < Math.min(90, north); y += cell) {
        cells.push({ key: `${wrapped},${y}`, shift: x - wrapped });
      }
      if (cells.length > 400) break;  // never more than the world, whatever the view
    }
    return cells;
  }

  /** Decoded geometries of one stored cell, longitudes moved by ``shift``. */
  function decodeCell(stored, scale, shift) {
    const move = (points) => (shift ? points.map((p) => [p[0], p[1] + shift]) : points);
    const rings = (polygons) => (polygons || []).map((rings) => rings.map((r) => move(decodePolyline(r, scale))));
    const lines = (list) => (list || []).map((l) => move(decodePolyline(l, scale)));
    return {
      land: rings(stored.land), lakes: rings(stored.lakes),
      rivers: lines(stored.rivers), borders: lines(stored.borders), admin1: lines(stored.admin1),
    };
  }

  return { DETAIL_ZOOM, decodePolyline, shoreParts, cellsInView, decodeCell };
});
