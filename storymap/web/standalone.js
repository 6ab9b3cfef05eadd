/* The single-file story page: no server, no network. Data arrive inline in the page.
 *
 * The same reader as the app (core.js, storymap-layers.js, reader.js) runs on the same
 * payload; this file only adds what the app's Streamlit page does there: the title,
 * the language buttons, the text list and credits, and the deep link in the URL hash
 * (#event=kremlin-meeting&lang=en).
 */
(function () {
  "use strict";
  const Core = window.StoryCore;
  const data = JSON.parse(document.getElementById("storymap-data").textContent);
  const countries = JSON.parse(document.getElementById("storymap-countries").textContent);
  const link = Core.parseLink(window.location.hash, data.map);
  let lang = link.lang;
  const root = document.getElementById("reader");

  function fitHeight() {
    const top = root.getBoundingClientRect().top + window.scrollY;
    root.style.setProperty("--reader-height", Math.max(420, window.innerHeight - top - 8) + "px");
  }

  function writeHash() {
    history.replaceState(null, "", "#" + Core.linkFor(data.map, reader.step, lang));
  }

  function showPage() {
    const page = data.page[lang];
    const text = data.text[lang];
    document.documentElement.lang = lang;
    document.title = text.title;
    document.getElementById("title").textContent = text.title;
    document.getElementById("subtitle").textContent = text.subtitle;
    document.getElementById("list-heading").textContent = page.list_heading;
    document.getElementById("credits-heading").textContent = page.credits_heading;
    document.getElementById("event-list").innerHTML = page.list;  // built and sanitised in Python
    document.getElementById("credits").innerHTML = page.credits;
    document.querySelectorAll("[data-lang]").forEach((button) => {
      button.setAttribute("aria-pressed", String(button.dataset.lang === lang));
    });
  }

  fitHeight();
  const reader = new window.StoryReader(root, data.map, data.text[lang], {
    lang: lang, step: link.step, tiles: data.tiles, countries: countries, onStep: writeHash,
  });
  window.storyReader = reader;
  document.querySelectorAll("[data-lang]").forEach((button) => {
    button.addEventListener("click", () => {
      lang = button.dataset.lang;
      reader.setLanguage(lang, data.text[lang]);
      showPage();
      writeHash();
    });
  });
  window.addEventListener("resize", fitHeight);
  showPage();
  writeHash();
})();
