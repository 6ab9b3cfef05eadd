/* A small map payload, shaped as storymap/payload.py makes it, for core.js's tests.
 *
 * Places: 0 Moscow, 1 Pyongyang, 2 Kursk, 3 Minsk. Steps: 0 overview; 1 "1948" at
 * Moscow+Pyongyang; 2 two same-date April 2025 events (Kursk with a route from
 * Pyongyang, and Minsk); 3 a vague "about July 2025" flight Moscow→Pyongyang;
 * 4 an exact day at Moscow; 5 overview.
 */
"use strict";

module.exports = function fixture() {
  return {
    id: "test",
    languages: ["id", "en"],
    default_language: "id",
    places: [
      { id: "moscow", latlng: [55.75, 37.62], kind: "city", radius_km: 5 },
      { id: "pyongyang", latlng: [39.03, 125.75], kind: "city", radius_km: 5 },
      { id: "kursk", latlng: [51.73, 36.18], kind: "region", radius_km: 120 },
      { id: "minsk", latlng: [53.9, 27.57], kind: "city", radius_km: 5 },
    ],
    events: [
      { id: "recognition", category: "history", places: [0, 1], exact: false, step: 1 },
      { id: "kursk", category: "military", places: [2], exact: false, step: 2,
        route: { mode: "deployment", from: 1, to: 2, latlngs: [[39.03, 125.75], [51.73, 36.18]] } },
      { id: "minsk-talks", category: "diplomacy", places: [3], exact: false, step: 2 },
      { id: "flights", category: "transport", places: [0, 1], exact: false, step: 3,
        route: { mode: "flight", from: 0, to: 1, latlngs: [[55.75, 37.62], [50, 80], [39.03, 125.75]] } },
      { id: "kremlin", category: "diplomacy", places: [0], exact: true, step: 4 },
    ],
    steps: [{ events: [] }, { events: [0] }, { events: [1, 2] }, { events: [3] }, { events: [4] }, { events: [] }],
    bounds: [[39.03, 27.57], [55.75, 125.75]],
  };
};
