/* The app's speaker view: speaker.html, opened by the presenter's frame beside its own page.
 *
 * The address's hash names the BroadcastChannel and the story's files, as the presenter's
 * bridge.js wrote them (#channel=…&map=…&texts={lang: url}&lang=…); the files are the same
 * the presenter fetched, so the browser has them already. Everything else is speaker.js.
 */
(function () {
  "use strict";
  const root = document.getElementById("speaker");
  const found = new URLSearchParams(window.location.hash.slice(1));
  let texts = {};
  try { texts = JSON.parse(found.get("texts") || "{}"); } catch (err) { texts = {}; }
  const local = (url) => typeof url === "string" && !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(url);  // beside this page only
  const getJson = (url) => {
    if (!local(url)) return Promise.reject(new Error("not a file of this story"));
    return fetch(url).then((r) => { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); });
  };
  const loaded = {};
  const loadText = (lang) => { loaded[lang] = loaded[lang] || getJson(texts[lang]); return loaded[lang]; };
  getJson(found.get("map"))
    .then((map) => {
      const lang = map.languages.includes(found.get("lang")) ? found.get("lang") : map.default_language;
      window.storySpeaker = new window.StorySpeaker(root, map, loadText, found.get("channel") || "", lang);
      root.dataset.state = "ready";
    })
    .catch((err) => {
      root.dataset.state = "error";
      const box = document.createElement("p");
      box.setAttribute("role", "alert");
      box.textContent = "The speaker view could not load the story (" + err.message + ").";
      root.append(box);
    });
})();
