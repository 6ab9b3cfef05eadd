/* The single-file story page: no server, no network. Data arrive inline in the page.
 *
 * The same reader as the app (core.js, storymap-layers.js, slides.js, reader.js) runs on
 * the same payload; this file only adds what the app's Streamlit page does there: the
 * title, the language buttons, the text list and credits, and the deep link in the URL
 * hash (#event=kremlin-meeting&lang=en, #step=end). The same file is also the presenter
 * (#present, or the Present button: projector scale, the whole window, no scrolling) and
 * the presenter's speaker view (#speaker&channel=…, opened by the presenter).
 */
(function () {
  "use strict";
  const Core = window.StoryCore;
  const data = JSON.parse(document.getElementById("storymap-data").textContent);
  // the pictures kept with the story, inline, once for every language (reader.js fills them in)
  data.map.pictures = JSON.parse(document.getElementById("storymap-pictures").textContent);
  const link = Core.parseLink(window.location.hash, data.map);
  let lang = link.lang;
  const root = document.getElementById("reader");
  const page = location.href.split("#")[0];

  if (link.speaker) {
    document.body.classList.add("speaker-page");
    const box = document.createElement("div");
    box.id = "speaker";
    box.className = "speaker";
    document.body.append(box);
    window.storySpeaker = new window.StorySpeaker(box, data.map, (code) => Promise.resolve(data.text[code]),
      link.channel, lang);
    return;
  }
  const countries = JSON.parse(document.getElementById("storymap-countries").textContent);
  const presenting = link.present;
  document.body.classList.toggle("presenting", presenting);

  function fitHeight() {
    const top = root.getBoundingClientRect().top + window.scrollY;
    const gap = presenting ? 0 : 8;
    root.style.setProperty("--reader-height", Math.max(presenting ? 300 : 420, window.innerHeight - top - gap) + "px");
  }

  function address() {
    return (presenting ? "present&" : "") + Core.linkFor(data.map, reader.step, lang, reader.slides ? reader.slides.event() : null);
  }

  function writeHash() {
    history.replaceState(null, "", "#" + address());
  }

  function showPage() {
    const words = data.page[lang];
    const text = data.text[lang];
    document.documentElement.lang = lang;
    document.title = text.title;
    document.getElementById("title").textContent = text.title;
    document.getElementById("subtitle").textContent = text.subtitle;
    document.getElementById("list-heading").textContent = words.list_heading;
    document.getElementById("credits-heading").textContent = words.credits_heading;
    document.getElementById("event-list").innerHTML = words.list;  // built and sanitised in Python
    document.getElementById("credits").innerHTML = words.credits;
    const present = document.getElementById("present");
    present.textContent = words.present;
    present.title = words.present_help;
    document.querySelectorAll("[data-lang]").forEach((button) => {
      button.setAttribute("aria-pressed", String(button.dataset.lang === lang));
    });
  }

  fitHeight();
  const reader = new window.StoryReader(root, data.map, data.text[lang], {
    lang: lang, step: link.step, event: link.event, tiles: data.tiles, countries: countries, onStep: writeHash,
    mode: presenting ? "presenter" : "reader",
    speakerUrl: (channel) => `${page}#speaker&channel=${encodeURIComponent(channel)}&lang=${encodeURIComponent(lang)}`,
  });
  window.storyReader = reader;
  document.querySelectorAll("[data-lang]").forEach((button) => {
    button.addEventListener("click", () => {
      lang = button.dataset.lang;
      reader.setLanguage(lang, data.text[lang]);
      showPage();
      writeHash();
      if (reader.slides) reader.slides.broadcast();
    });
  });
  // Present: the same page as a presentation, at the step it shows (a new history entry, so
  // Back leaves it); any change of #present reloads the page in the other mode.
  document.getElementById("present").addEventListener("click", () => {
    location.assign(`${page}#present&${Core.linkFor(data.map, reader.step, lang)}`);
  });
  window.addEventListener("hashchange", () => {
    if (Core.parseLink(window.location.hash, data.map).present !== presenting) location.reload();
  });
  window.addEventListener("resize", fitHeight);
  showPage();
  writeHash();
})();
