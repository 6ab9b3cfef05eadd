/* The single-file story page: no server, no network. Data arrive inline in the page.
 *
 * The narrative HTML for each step was built and sanitised (nh3) by storymap in Python;
 * every other story string is only ever set with textContent by reader.js.
 * The URL hash keeps the step and language (#event=...&lang=en) like the app's deep links.
 */
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("storymap-data").textContent);
  const countries = JSON.parse(document.getElementById("storymap-countries").textContent);
  const events = data.payload.events;
  const hash = new URLSearchParams(window.location.hash.slice(1));
  let lang = ["id", "en"].includes(hash.get("lang")) ? hash.get("lang") : data.default_lang;
  const linked = events.findIndex((e) => e.id === hash.get("event"));
  const startStep = linked >= 0 ? events[linked].step : 0;

  function showStep(step) {
    document.getElementById("narrative").innerHTML = data.narratives[step][lang];
    const first = data.payload.steps[step].events[0];
    const params = new URLSearchParams();
    if (first !== undefined) params.set("event", events[first].id);
    params.set("lang", lang);
    history.replaceState(null, "", "#" + params.toString());
  }

  function showLanguage() {
    const page = data.page[lang];
    document.documentElement.lang = lang;
    document.title = page.title;
    document.getElementById("title").textContent = page.title;
    document.getElementById("subtitle").textContent = page.subtitle;
    document.getElementById("list-heading").textContent = page.list_heading;
    document.getElementById("credits-heading").textContent = page.credits_heading;
    document.getElementById("event-list").innerHTML = page.list;
    document.getElementById("credits").innerHTML = page.credits;
    document.querySelectorAll("[data-lang]").forEach((button) => {
      button.setAttribute("aria-pressed", String(button.dataset.lang === lang));
    });
  }

  const reader = new window.StoryReader(document.getElementById("reader"), data.payload, {
    lang: lang, step: startStep, tiles: data.tiles, countries: countries,
    onStep: (step) => showStep(step),
  });
  window.storyReader = reader;
  document.querySelectorAll("[data-lang]").forEach((button) => {
    button.addEventListener("click", () => {
      lang = button.dataset.lang;
      reader.setLang(lang);
      showLanguage();
      showStep(reader.step);
    });
  });
  showLanguage();
  showStep(reader.step);
})();
